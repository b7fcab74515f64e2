"""Reading archive folders: encodings, manifest, JSON lines, plain documents, bad files."""

import hashlib
import json
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.dates import PartialDate
from retrieval.documents import ArchiveReport
from retrieval.ingest import ArchiveError, UndecodableError, decode, load_archive, read_file, read_manifest

from conftest import SEEDS
from strategies import chinese_text

PAGE = "本报讯（记者张三） 5 月 1 日上\n午，某区召开会议，研究部署\n工作。\n\n某区召开工作会议\n"


def digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_seed_dates_come_from_datelines_and_the_manifest(seed_archive):
    first = seed_archive.articles[0]
    assert (first.date, first.date_source) == (PartialDate(2020, 4, 20), "dateline")
    undated = next(a for a in seed_archive.articles if a.title.startswith("宁郭镇打造"))
    assert (undated.date, undated.date_source) == (PartialDate(2020, 4), "manifest")
    years = {a.source[:3]: a.date.year for a in seed_archive.articles}
    assert years == {"000": 2020, "001": 2020, "002": 2020, "003": 2021, "004": 2019}


def test_reading_the_archive_never_changes_it():
    before = digest(SEEDS)
    load_archive(SEEDS)
    assert digest(SEEDS) == before


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_pages_in_common_encodings_read_the_same(tmp_path, encoding):
    (tmp_path / "page.txt").write_bytes(PAGE.encode(encoding))
    archive = load_archive(tmp_path)
    assert archive.articles[0].title == "某区召开工作会议"
    assert archive.articles[0].paragraphs == ["5月1日上午，某区召开会议，研究部署工作。"]


def test_undecodable_and_empty_files_are_reported_and_the_rest_still_ingests(tmp_path):
    (tmp_path / "good.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe garbage \x00")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    archive = load_archive(tmp_path)
    assert archive.report.pages == ["good.txt"]
    problems = "\n".join(archive.report.problems)
    assert "binary.txt: skipped" in problems and "empty.txt: skipped, the file is empty" in problems
    assert "notes.pdf" in problems


def test_decode_refuses_bytes_that_are_not_text():
    with pytest.raises(UndecodableError):
        decode(b"\x81\x30\x81" * 3 + b"\xff\xff\xff\xfe")


def test_missing_and_empty_archive_folders_are_errors(tmp_path):
    with pytest.raises(ArchiveError, match="not found"):
        load_archive(tmp_path / "nowhere")
    with pytest.raises(ArchiveError, match="no readable pages"):
        load_archive(tmp_path)


def test_manifest_gives_issue_dates_and_reports_entries_for_missing_files(tmp_path):
    (tmp_path / "a.txt").write_text("本报讯（记者张三）近日，某镇完成改造任务。\n\n某镇完成改造\n", encoding="utf-8")
    (tmp_path / "manifest.toml").write_text(
        '[pages]\n"a.txt" = "2020-07"\n"gone.txt" = "2020-08"\n"bad.txt" = "July"\n', encoding="utf-8"
    )
    archive = load_archive(tmp_path)
    assert (archive.articles[0].date, archive.articles[0].date_source) == (PartialDate(2020, 7), "manifest")
    problems = "\n".join(archive.report.problems)
    assert "'gone.txt' names a file that is not in the archive" in problems
    assert "'bad.txt'" in problems


def test_without_manifest_the_year_is_inferred_and_marked(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE.replace("研究部署", "研究2020年部署"), encoding="utf-8")
    article = load_archive(tmp_path).articles[0]
    assert (article.date, article.date_source) == (PartialDate(2020, 5, 1), "inferred")


def test_plain_documents_split_into_paragraphs_with_a_title(tmp_path):
    (tmp_path / "doc.txt").write_text("黄河简介\n\n黄河是中国第二长河。\n\n它流经九个省区。\n", encoding="utf-8")
    article = load_archive(tmp_path).articles[0]
    assert (article.kind, article.title, article.paragraphs) == (
        "document",
        "黄河简介",
        ["黄河是中国第二长河。", "它流经九个省区。"],
    )


def test_json_lines_exports_ingest_and_bad_records_are_reported(tmp_path):
    lines = [
        json.dumps(
            {"date": "2020-05-01", "title": "标题一", "source": "p1.pdf", "text": "第一段。\n\n第二段。"},
            ensure_ascii=False,
        ),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "没有日期的记录。"}, ensure_ascii=False),
    ]
    (tmp_path / "export.jsonl").write_text("\n".join(lines), encoding="utf-8")
    archive = load_archive(tmp_path)
    first, second = archive.articles
    assert (first.title, first.source, first.date, first.paragraphs) == (
        "标题一",
        "p1.pdf",
        PartialDate(2020, 5, 1),
        ["第一段。", "第二段。"],
    )
    assert second.date is None and second.source == "export.jsonl#4"
    assert len(archive.report.problems) == 2


def test_a_big5_page_in_traditional_characters_is_read_and_found_in_simplified(tmp_path, segmenter):
    import opencc

    from retrieval.pipeline import ArchiveQA

    page = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2t").convert(page)
    (tmp_path / "page.txt").write_bytes(traditional.encode("big5", errors="replace"))
    archive = load_archive(tmp_path)
    assert archive.report.encodings["page.txt"] == "big5"
    assert archive.articles[1].title == "沁陽市黨政考察團蒞臨示範區學習考察"  # wrapped before 蒞臨: joined
    answer = ArchiveQA.from_archive(archive, segmenter).ask("沁阳市党政考察团有多少人？")
    assert "40餘人" in answer.hits[0].snippet


def test_a_page_that_breaks_the_layout_reader_is_skipped_by_name_and_the_rest_read(tmp_path, monkeypatch):
    from retrieval import ingest

    (tmp_path / "good.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "cursed.txt").write_text(PAGE.replace("某区", "咒区"), encoding="utf-8")
    real_parse = ingest.parse_page

    def parse(text):
        if "咒区" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real_parse(text)

    monkeypatch.setattr(ingest, "parse_page", parse)
    archive = load_archive(tmp_path)
    assert archive.report.pages == ["good.txt"]
    assert "cursed.txt: skipped, the page could not be read (RecursionError" in "\n".join(archive.report.problems)


# ---------------------------------------------------------------- properties: any file


@given(st.binary(max_size=300) | chinese_text.map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_any_bytes_decode_to_text_or_are_refused_with_a_reason(data):
    try:
        text, encoding = decode(data)
    except UndecodableError as error:
        assert str(error)
        return
    assert isinstance(text, str) and encoding


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | chinese_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(chinese_text, inner, max_size=3),
    max_leaves=6,
)
RECORDS = st.dictionaries(st.sampled_from(["date", "title", "source", "text", "other"]), JSON_VALUES)


@given(
    st.sampled_from(["page.txt", "export.jsonl"]),
    st.lists(st.one_of(RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False)), chinese_text), max_size=6),
    st.sampled_from([None, PartialDate(2020), PartialDate(2020, 4)]),
)
def test_any_file_gives_articles_or_a_reported_problem(name, lines, issue):
    report = ArchiveReport()
    articles = read_file(name, "\n".join(lines).encode("utf-8", "surrogatepass"), issue, report)
    assert articles or report.problems
    for article in articles:
        assert article.paragraphs and all(paragraph.strip() for paragraph in article.paragraphs)
        assert article.date is None or article.date.first_day() <= article.date.last_day()


# ---------------------------------------------------------------- odd folders


def odd_archive(folder):
    """A folder with what real archives hold besides pages: links, loops, pipes, odd names."""
    (folder / "good.txt").write_text(PAGE, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_text(PAGE.replace("某区", "内区"), encoding="utf-8")
    os.symlink("..", folder / "sub" / "loop")  # a link loop
    os.symlink("sub", folder / "again")  # the same folder under a second name
    os.symlink("nowhere.txt", folder / "dangling.txt")
    os.mkfifo(folder / "pipe.txt")
    with open(os.fsencode(folder) + b"/" + "旧报纸.txt".encode("gbk"), "wb") as page:
        page.write(PAGE.replace("某区", "旧名区").encode("utf-8"))  # a GBK file name unpacked on Linux
    (folder / "名字 有空格\n和换行#😀.txt").write_text(PAGE.replace("某区", "怪名区"), encoding="utf-8")
    (folder / "manifest.toml").write_text(
        '[pages]\n"good.txt" = 2020\n"x" = { y = 1 }\n[[pages.z]]\n', encoding="utf-8"
    )
    (folder / "broken.jsonl").write_text(
        '{"text": "好的记录。"}\n{"text": \n[1, 2]\n{"text": "\\ud800坏"}\n', encoding="utf-8"
    )
    return folder


def test_links_loops_pipes_and_odd_names_are_read_or_reported_by_name(tmp_path):
    archive = load_archive(odd_archive(tmp_path))
    problems = "\n".join(archive.report.problems)
    assert "again: a link to a folder already read" in problems
    assert "sub/loop: a link to a folder already read" in problems
    assert "dangling.txt: skipped, a link to a file that does not exist" in problems
    assert "pipe.txt: skipped, not a regular file" in problems
    assert "broken.jsonl line 2: skipped" in problems and "broken.jsonl line 3: skipped" in problems
    assert "manifest.toml" in problems
    sources = {article.source for article in archive.articles}
    assert {"good.txt", "sub/inner.txt", "名字 有空格\n和换行#😀.txt"} <= sources
    assert any("旧名区" in article.paragraphs[0] for article in archive.articles)  # the GBK-named page
    assert any(article.paragraphs == ["\ufffd坏"] for article in archive.articles)  # a lone surrogate, replaced
    assert sum("内区" in article.paragraphs[0] for article in archive.articles) == 1  # the linked folder once


@given(st.text(max_size=120))
def test_any_manifest_gives_dates_or_reported_problems(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("manifest")
    (folder / "manifest.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
    report = ArchiveReport()
    for name, date in read_manifest(folder, report).items():
        assert isinstance(name, str) and date.first_day() <= date.last_day()
