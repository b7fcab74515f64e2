"""``archive-qa`` as a user runs it: the answer, the JSON contract, batches, bad input.

One test runs the command as a real process; the others call its ``main`` in this process
with the same arguments, standard input and output (a process would add only start-up time)."""

import json

import pytest

from retrieval.evaluate import load_tsv
from retrieval.pipeline import ArchiveQA

from conftest import REPO, SEEDS, run_cli

HIT_KEYS = {"rank", "score", "date", "date_source", "title", "title_source", "source", "paragraph", "snippet", "text"}


def test_ask_prints_a_cited_answer():
    result = run_cli("ask", "示范区年人均纯收入低于5000元的有多少户？")
    assert result.returncode == 0, result.stderr
    first_line, *rest = result.stdout.splitlines()
    assert first_line.startswith("1713户（[1] 2020-04，《高起点高标准落实")  # the short answer, then where it is from
    assert rest[0].startswith("[1] 2020-04 · 高起点高标准落实") and "000_b7e49fbd0a3b0876.txt ¶2" in rest[0]


def test_json_output_follows_the_documented_contract(cli):
    result = cli("ask", "--json", "沁阳市党政考察团有多少人？")
    answer = json.loads(result.stdout)
    assert set(answer) >= {"question", "answer", "no_answer", "hits"}
    assert answer["no_answer"] is False and "\n" not in answer["answer"]
    assert [hit["rank"] for hit in answer["hits"]] == [1, 2, 3]
    top = answer["hits"][0]
    assert set(top) == HIT_KEYS
    assert (top["date"], top["date_source"], top["paragraph"]) == ("2020-04-24", "dateline", 1)
    assert "40余人" in top["snippet"] and len(top["snippet"]) <= 160


def test_piped_questions_get_one_json_object_each_from_one_process(cli):
    result = cli("ask", "--json", "-k", "2", stdin="沁阳市党政考察团有多少人？\n今天天气怎么样\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in answers] == ["沁阳市党政考察团有多少人？", "今天天气怎么样"]
    assert len(answers[0]["hits"]) == 2
    assert answers[1]["no_answer"] is True
    assert result.returncode == 0


def test_empty_and_emoji_questions_fail_with_a_message(cli):
    empty = cli("ask", "   ")
    assert empty.returncode == 1 and "空" in empty.stderr
    emoji = cli("ask", "--json", "🙂🙂🙂")
    assert emoji.returncode == 1 and "表情" in json.loads(emoji.stdout)["error"]


def test_a_bad_question_among_piped_ones_does_not_stop_the_others(cli):
    result = cli("ask", "--json", stdin="🙂\n沁阳市党政考察团有多少人？\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert "error" in answers[0] and answers[1]["hits"]
    assert result.returncode == 1


def test_a_ten_thousand_character_question_is_answered_with_a_note(cli):
    result = cli("ask", "--json", "沁阳市党政考察团" * 1250)
    answer = json.loads(result.stdout)
    assert result.returncode == 0 and any("太长" in note for note in answer["notes"])


def test_latin_only_question_gets_no_good_match(cli):
    answer = json.loads(cli("ask", "--json", "hello world").stdout)
    assert answer["no_answer"] is True


def test_from_and_to_restrict_and_bad_dates_are_refused(cli):
    answer = json.loads(cli("ask", "--json", "-k", "5", "--from", "2021", "--to", "2021-12", "示范区召开会议").stdout)
    assert {hit["date"][:4] for hit in answer["hits"]} == {"2021"}
    bad = cli("ask", "--from", "April", "示范区")
    assert bad.returncode == 2 and "April" in bad.stderr


def test_missing_and_empty_archives_are_clear_errors(cli, tmp_path):
    missing = cli("ask", "--archive", str(tmp_path / "nowhere"), "问题")
    assert missing.returncode == 2 and "not found" in missing.stderr
    empty = cli("index", "--archive", str(tmp_path))
    assert empty.returncode == 2 and "no readable pages" in empty.stderr


def test_index_reports_what_it_found_and_what_it_skipped(cli, tmp_path):
    for page in SEEDS.iterdir():
        (tmp_path / page.name).write_bytes(page.read_bytes())
    (tmp_path / "broken.txt").write_bytes(b"\x00\xff\x00binary")
    result = cli("index", "--archive", str(tmp_path))
    assert result.returncode == 0
    assert "pages read: 5" in result.stdout and "articles: 55" in result.stdout
    assert "dates: 2019-11 to 2021-04" in result.stdout  # the earliest article's date and the latest's
    assert "broken.txt: skipped" in result.stdout


def test_gb18030_archive_answers_like_utf8(cli, tmp_path):
    page = next(SEEDS.glob("000_*.txt"))
    (tmp_path / page.name).write_bytes(page.read_text(encoding="utf-8").encode("gb18030"))
    answer = json.loads(cli("ask", "--json", "--archive", str(tmp_path), "沁阳市党政考察团有多少人？").stdout)
    assert "40余人" in answer["hits"][0]["snippet"]


def test_eval_reports_scores_for_tsv_and_squad_files(cli, tmp_path):
    result = cli("eval", "tests/seed_questions.tsv")
    assert result.returncode == 0
    assert float(result.stdout.split("hit@1: ")[1].split()[0]) >= 0.9
    squad = {
        "data": [
            {
                "title": "黄河",
                "paragraphs": [
                    {
                        "id": "p1",
                        "context": "黄河是中国第二长河，全长约5464公里。它发源于青藏高原。",
                        "qas": [{"question": "黄河全长多少公里？", "answers": [{"text": "5464公里"}]}],
                    }
                ],
            },
            {
                "title": "长江",
                "paragraphs": [
                    {
                        "id": "p2",
                        "context": "长江是中国第一长河，全长约6300公里。",
                        "qas": [{"question": "长江有多长？", "answers": [{"text": "6300公里"}]}],
                    }
                ],
            },
        ]
    }
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(squad, ensure_ascii=False), encoding="utf-8")
    result = cli("eval", str(path))
    assert "questions: 2" in result.stdout and "hit@1: 1.000" in result.stdout


def test_eval_refuses_a_malformed_question_file(cli, tmp_path):
    path = tmp_path / "q.tsv"
    path.write_text("a question with no gold\n", encoding="utf-8")
    result = cli("eval", str(path))
    assert result.returncode == 1 and "question<TAB>gold" in result.stderr


@pytest.mark.parametrize("data", [{"data": 5}, {"data": [{"title": "t"}]}, [1, 2], {"data": [{"paragraphs": [7]}]}])
def test_eval_says_what_shape_a_squad_file_should_have(cli, tmp_path, data):
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = cli("eval", str(path))
    assert result.returncode == 1 and "not a SQuAD-style file" in result.stderr and '"paragraphs"' in result.stderr


# ---------------------------------------------------------------- batches that never die (in-process)


def answers_of(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def faulty(monkeypatch):
    """Answering a question with 💥 in it fails, as an unforeseen bug would."""
    real_ask = ArchiveQA.ask

    def ask(self, question, *args, **kwargs):
        if "💥" in question:
            raise RuntimeError("injected fault")
        return real_ask(self, question, *args, **kwargs)

    monkeypatch.setattr(ArchiveQA, "ask", ask)


def test_a_question_that_fails_gets_its_own_error_line_and_the_batch_goes_on(cli, caplog, faulty):
    result = cli("ask", "--json", stdin="💥 示范区\n沁阳市党政考察团有多少人？\n")
    status, answers = result.returncode, answers_of(result)
    assert answers[0]["question"] == "💥 示范区" and "出错" in answers[0]["error"]
    assert "40余人" in answers[1]["hits"][0]["snippet"]
    assert status == 3
    assert "could not answer '💥 示范区'" in caplog.text and "RuntimeError: injected fault" in caplog.text


def test_a_thousand_line_batch_with_bad_lines_answers_every_good_line(cli, faulty):
    good = [case.question for case in load_tsv(REPO / "tests" / "seed_questions.tsv")]
    bad = [
        "🙂🙂",
        "💥 一个出错的问题",
        "林俊贤在八十九十年代是哪个电视台的当家小生？",
        "十二九月二六十日开了什么会",
        "\x00\x01",
        "2020年13月的会议",
        "。" * 3000,
        "示范区" * 2000,
        "<script>alert(1)</script>",
        "\u202e\u200b",
    ]
    lines = [(good + bad)[n % (len(good) + len(bad))] for n in range(990)]
    data = "\n".join(lines).encode() + b"\n\xff\xfe\x80 bytes that are not UTF-8\n" * 10
    result = cli("ask", "--json", "-k", "1", stdin=data)
    status, answers = result.returncode, answers_of(result)
    assert len(answers) == 1_000
    for line, answer in zip(lines, answers[: len(lines)], strict=True):
        if line in good:
            assert answer["hits"] and "error" not in answer, answer
    refused = {"🙂🙂", "💥 一个出错的问题", "\x00\x01", "。" * 3000, "\u202e\u200b"}  # nothing to search, or a fault
    assert sum("error" in answer for answer in answers) == sum(line in refused for line in lines)
    assert status == 3


def test_eval_counts_a_question_that_fails_and_goes_on(cli, faulty, tmp_path):
    questions = tmp_path / "q.tsv"
    questions.write_text("💥 示范区\t示范区\n沁阳市党政考察团有多少人？\t40余人\n", encoding="utf-8")
    result = cli("eval", str(questions))
    status, out = result.returncode, result.stdout
    assert status == 3 and "questions: 2" in out and "hit@1: 0.500" in out and "errors: 1" in out


@pytest.mark.parametrize("command", ["index", "ask"])
@pytest.mark.parametrize(
    ("given", "told"),
    [("10", "too little memory"), ("lots", "not a size: 'lots' (try 500M or 2G)"), ("100M", "512M at least")],
)
def test_memory_that_is_no_size_or_too_little_is_told_plainly(cli, capsys, command, given, told):
    with pytest.raises(SystemExit) as stopped:
        cli(command, "--memory", given, *(["示范区"] if command == "ask" else []))
    assert stopped.value.code == 2 and told in capsys.readouterr().err


@pytest.mark.parametrize(
    ("given", "told"), [("0", "must be 1 or more"), ("two", "not a number of processes: 'two' (try 2, or \"auto\")")]
)
def test_serve_processes_that_are_no_count_are_told_plainly(cli, capsys, given, told):
    with pytest.raises(SystemExit) as stopped:
        cli("serve", "--processes", given)
    assert stopped.value.code == 2 and told in capsys.readouterr().err


@pytest.mark.parametrize(
    ("flag", "configured", "used"),
    [([], None, 2 * 2**30), ([], "1G", 2**30), (["--memory", "3G"], "1G", 3 * 2**30)],
)
def test_ask_answers_within_the_memory_of_its_flag_else_of_the_settings_file(
    cli, tmp_path, monkeypatch, flag, configured, used
):
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[archive]\nmemory = "{configured}"\n' if configured else "", encoding="utf-8")
    opened = ArchiveQA.from_folder
    budgets = []

    def remembered(*args, **kwargs):
        qa = opened(*args, **kwargs)
        budgets.append(qa.budget.limit)
        return qa

    monkeypatch.setattr(ArchiveQA, "from_folder", remembered)
    result = cli("ask", "--config", str(settings), *flag, "示范区低收入群体排查出多少户？")
    assert result.returncode == 0 and "[1]" in result.stdout and budgets == [used]


def test_index_builds_within_the_memory_it_is_given_and_says_how_many_segments(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVE_QA_CACHE", str(tmp_path))
    result = cli("index", "--memory", "0.75G", "--compact")
    assert result.returncode == 0 and "5 page(s) segmented" in result.stdout and "1 segment(s)" in result.stdout
