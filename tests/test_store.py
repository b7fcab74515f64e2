"""The index on disk: persistence, page-by-page updates, damage and crashes."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from retrieval import segments, store, writer
from retrieval.index import BM25Index
from retrieval.pipeline import ArchiveQA

from conftest import REPO, SEEDS, many_pages_of, run_cli
from test_forward import assert_forward_records_agree

PAGE = "本报讯（记者张三）5月1日上午，某区新建公园12座，种植树木3000棵。\n\n某区新建公园12座\n"


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "archive"
    shutil.copytree(SEEDS, folder)
    return folder


def open_index(archive, tmp_path, segmenter):
    return ArchiveQA.from_folder(archive, segmenter, cache=tmp_path / "cache")


def segment_file(cache, name):
    """A file of the index's (first) segment."""
    return sorted((cache / "index" / "segments").iterdir())[0] / name


def test_a_built_index_is_reused_without_segmenting_again(archive, tmp_path, segmenter):
    first = open_index(archive, tmp_path, segmenter)
    assert first.updated["segmented"] == 5
    second = open_index(archive, tmp_path, segmenter)
    assert (second.updated["segmented"], second.updated["reused"]) == (0, 5)
    assert (
        second.ask("沁阳市党政考察团有多少人？").hits[0].snippet
        == first.ask("沁阳市党政考察团有多少人？").hits[0].snippet
    )


def test_stored_scores_are_rank_bm25_scores(archive, tmp_path, segmenter):
    qa = open_index(archive, tmp_path, segmenter)
    corpus = [
        segmenter.terms(qa.passages[i].article.title + "\n" + qa.passages[i].text) for i in range(len(qa.passages))
    ]
    query = segmenter.terms("示范区低收入群体排查出多少户")
    assert np.allclose(qa.index.scores(query), BM25Okapi(corpus).get_scores(query), rtol=0, atol=1e-9)
    assert qa.index.segments[0].term_freqs.dtype == np.uint8  # a byte a posting


def test_adding_changing_and_removing_pages_touches_only_those_pages(archive, tmp_path, segmenter):
    open_index(archive, tmp_path, segmenter)
    (archive / "new.txt").write_text(PAGE, encoding="utf-8")
    added = open_index(archive, tmp_path, segmenter)
    assert (added.updated["segmented"], added.updated["reused"]) == (1, 5)
    assert "12座" in added.ask("某区新建了多少座公园？").hits[0].snippet
    (archive / "new.txt").write_text(PAGE.replace("12座", "15座"), encoding="utf-8")
    changed = open_index(archive, tmp_path, segmenter)
    assert (changed.updated["segmented"], changed.updated["reused"]) == (1, 5)
    assert "15座" in changed.ask("某区新建了多少座公园？").hits[0].snippet
    (archive / "001_2e3f32ccee677dfe.txt").unlink()
    removed = open_index(archive, tmp_path, segmenter)
    assert (removed.updated["segmented"], removed.updated["removed"]) == (0, 1)
    assert all(hit.passage.article.source != "001_2e3f32ccee677dfe.txt" for hit in removed.ask("东小巷").hits)
    assert "40余人" in removed.ask("沁阳市党政考察团有多少人？").hits[0].snippet  # other pages still right
    assert removed.stats().pages == 5


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux")
def test_a_page_whose_file_name_is_not_utf8_is_read_back_and_cited_by_it(archive, tmp_path, segmenter):
    """A page copied from an old Windows disk may be named in GBK: its name is kept as Python keeps
    it (lone surrogates), stored, and read back to cite it."""
    name = os.fsdecode(b"\xb1\xa8\xd6\xbd.txt")  # 报纸.txt in GBK
    (archive / name).write_text(PAGE, encoding="utf-8")
    open_index(archive, tmp_path, segmenter)
    qa = open_index(archive, tmp_path, segmenter)  # read back from the stored index
    assert qa.updated["segmented"] == 0
    assert qa.ask("某区新建了多少座公园？").hits[0].passage.article.source == name


def test_a_changed_manifest_date_re_reads_that_page(archive, tmp_path, segmenter):
    open_index(archive, tmp_path, segmenter)
    manifest = archive / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('= "2019-11"', '= "2018-11"'), encoding="utf-8")
    qa = open_index(archive, tmp_path, segmenter)
    assert qa.updated["segmented"] == 1
    assert qa.ask("李志勇同志生前担任什么职务？").hits[0].passage.article.date.year == 2018


def test_a_damaged_index_is_detected_and_rebuilt_with_a_message(archive, tmp_path, cli):
    cache = tmp_path / "cache"
    env_args = ("--archive", str(archive), "--config", str(tmp_path / "settings.toml"))
    (tmp_path / "settings.toml").write_text(f'[archive]\ncache = "{cache}"\n', encoding="utf-8")
    assert cli("index", *env_args).returncode == 0
    segment_file(cache, "doc_ids.npy").write_bytes(b"not numpy at all")
    result = cli("ask", *env_args, "沁阳市党政考察团有多少人？")
    assert result.returncode == 0 and "40余人" in result.stdout
    assert "rebuilt" in result.stderr and "damaged" in result.stderr
    (cache / "index" / "meta.json").write_text("{", encoding="utf-8")
    assert "rebuilt" in cli("ask", *env_args, "沁阳市党政考察团有多少人？").stderr


def test_a_pickle_swapped_into_the_index_is_refused(archive, tmp_path, segmenter):
    open_index(archive, tmp_path, segmenter)
    np.save(
        segment_file(tmp_path / "cache", "doc_lengths.npy"), np.array([{"evil": 1}], dtype=object), allow_pickle=True
    )
    with pytest.raises(store.StoreError):
        store.load(tmp_path / "cache", store.fingerprint(segmenter, 150))
    assert open_index(archive, tmp_path, segmenter).updated["segmented"] == 5


def test_an_index_from_other_settings_is_rebuilt(archive, tmp_path, segmenter):
    open_index(archive, tmp_path, segmenter)
    meta_path = tmp_path / "cache" / "index" / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta_path.write_text(json.dumps({**meta, "format": 0}), encoding="utf-8")
    qa = open_index(archive, tmp_path, segmenter)
    assert qa.updated["segmented"] == 5 and "another version" in qa.updated["rebuilt_because"]


def test_a_crash_while_writing_leaves_the_old_index_whole(archive, tmp_path, segmenter, monkeypatch):
    open_index(archive, tmp_path, segmenter)
    (archive / "new.txt").write_text(PAGE, encoding="utf-8")
    real_save = np.save
    calls = []

    def crash_midway(path, array, **kwargs):
        calls.append(path)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_save(path, array, **kwargs)

    monkeypatch.setattr(np, "save", crash_midway)
    with pytest.raises(OSError):
        open_index(archive, tmp_path, segmenter)
    monkeypatch.undo()
    survivor = ArchiveQA.from_folder(archive, segmenter, cache=tmp_path / "cache", update=False)
    assert survivor.stats().pages == 5 and "40余人" in survivor.ask("沁阳市党政考察团有多少人？").hits[0].snippet
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["index", "lock"]  # no half-written folder


def test_the_archive_folder_is_never_written_to(archive, tmp_path, segmenter):
    before = sorted(p.name for p in archive.iterdir())
    open_index(archive, tmp_path, segmenter)
    assert sorted(p.name for p in archive.iterdir()) == before


def test_an_unchanged_archive_is_not_rewritten_and_problems_are_kept(archive, tmp_path, segmenter):
    (archive / "export.jsonl").write_text('{"text": "某镇完成道路改造。"}\n{broken\n', encoding="utf-8")
    (archive / "binary.txt").write_bytes(b"\x00\x01binary")
    first = open_index(archive, tmp_path, segmenter)
    version = store.version(tmp_path / "cache")
    again = open_index(archive, tmp_path, segmenter)
    assert store.version(tmp_path / "cache") == version and again.updated["segmented"] == 0
    (archive / "new.txt").write_text(PAGE, encoding="utf-8")
    grown = open_index(archive, tmp_path, segmenter)
    assert grown.updated["segmented"] == 1
    for qa in (first, again, grown):
        problems = "\n".join(qa.report.problems)
        assert "export.jsonl line 2: skipped" in problems and "binary.txt: skipped" in problems


@pytest.mark.parametrize("largest", [10, 70_000, 5_000_000_000])
def test_postings_are_sorted_by_term_keeping_passage_order(largest):
    rng = np.random.default_rng(1)
    keys = rng.integers(0, largest, 10_000)
    order = segments.stable_order_by(keys)
    assert np.array_equal(order, np.argsort(keys, kind="stable"))


def test_index_files_that_disagree_are_refused(archive, tmp_path, segmenter):
    open_index(archive, tmp_path, segmenter)
    np.save(segment_file(tmp_path / "cache", "passage_start.npy"), np.zeros(3, dtype=np.int32))
    with pytest.raises(store.StoreError, match="do not agree"):
        store.load(tmp_path / "cache", store.fingerprint(segmenter, 150))


# ---------------------------------------------------------------- hostile archives, real processes


def test_a_hostile_archive_is_indexed_and_every_problem_named(tmp_path):
    from test_ingest import odd_archive

    archive = tmp_path / "archive"
    archive.mkdir()
    odd_archive(archive)
    with (archive / "huge.txt").open("wb") as huge:  # a 200 MB "page"
        block = (SEEDS / "000_b7e49fbd0a3b0876.txt").read_bytes()
        for _ in range(200_000_000 // len(block) + 1):
            huge.write(block)
    (archive / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (archive / "empty.txt").write_bytes(b"")
    result = run_cli("index", "--archive", str(archive))
    assert result.returncode == 0, result.stderr
    for named in (
        "huge.txt: skipped, 200 MB is more than one page can be",
        "binary.txt: skipped",
        "empty.txt: skipped",
        "dangling.txt: skipped",
        "pipe.txt: skipped",
        "sub/loop: a link to a folder already read",
        "broken.jsonl line 2: skipped",
        "manifest.toml: entry 'x'",
    ):
        assert named in result.stdout
    answer = run_cli("ask", "--archive", str(archive), "旧名区召开了什么会议？")
    assert answer.returncode == 0 and "旧名区" in answer.stdout and "\ufffd" in answer.stdout  # the GBK-named page


def test_two_index_runs_at_once_on_one_cache_both_succeed(tmp_path):
    """Both find the cache locked (here by the test, so that neither can finish before the other
    starts, however busy the machine): both wait, one builds, the other finds it built."""
    archive = many_pages_of(SEEDS, tmp_path / "archive", 8)
    said = ["", ""]
    with store.locked(store.default_cache(archive)):
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "index", "--archive", str(archive)],
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        for number, run in enumerate(runs):
            while "waiting for it" not in said[number] and (line := run.stderr.readline()):
                said[number] += line
    outputs = [
        (out, said[number] + err) for number, (out, err) in enumerate(run.communicate(timeout=300) for run in runs)
    ]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sorted("40 page(s) segmented" in out for out, _ in outputs) == [False, True]  # the second found it done
    assert all("waiting for it" in err for _, err in outputs)
    answer = json.loads(run_cli("ask", "--json", "--archive", str(archive), "第7示范区").stdout)
    assert answer["hits"] and "第7示范区" in answer["hits"][0]["text"]


def test_kill_9_in_the_middle_of_a_build_never_leaves_a_broken_index(tmp_path, segmenter):
    archive = many_pages_of(SEEDS, tmp_path / "archive", 1)
    cache = tmp_path / "cache"
    env = {**os.environ, "ARCHIVE_QA_CACHE": str(cache)}
    assert run_cli("index", "--archive", str(archive), env=env).returncode == 0
    many_pages_of(SEEDS, archive, 20)
    for delay in (0.7, 2.0):  # while reading and segmenting pages, or writing the index
        build = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "index", "--archive", str(archive)],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        build.send_signal(signal.SIGKILL)
        build.wait()
        (folder,) = cache.iterdir()
        stored = store.load(folder, store.fingerprint(segmenter, 150))  # the index before the build, whole
        assert len(stored.meta["pages"]) in (5, 100)
    result = run_cli("index", "--archive", str(archive), env=env)
    assert result.returncode == 0 and "pages read: 100" in result.stdout
    assert sorted(path.name for path in folder.iterdir()) == ["index", "lock"]  # the killed builds' leftovers gone


# ---------------------------------------------------------------- segments: bounded memory, updates that cost what changed


def rank_bm25_agrees(qa, segmenter, questions):
    corpus = [segmenter.terms(passage.article.title + "\n" + passage.text) for passage in qa.passages]
    reference = BM25Okapi(corpus)
    for question in questions:
        query = segmenter.terms(question)
        assert np.allclose(qa.index.scores(query), reference.get_scores(query), rtol=0, atol=1e-9), question


def stored_arrays(cache):
    (segment,) = (cache / "index" / "segments").iterdir()
    return {path.name: np.load(path) for path in segment.glob("*.npy")}


def test_a_build_in_little_memory_spills_segments_and_merges_them_into_the_same_index(archive, tmp_path, segmenter):
    roomy = writer.build(archive, tmp_path / "roomy", segmenter)
    tight = writer.build(archive, tmp_path / "tight", segmenter, memory=1)  # a segment every 1,000 postings
    assert roomy["segments"] == tight["segments"] == 1
    expected, found = stored_arrays(tmp_path / "roomy"), stored_arrays(tmp_path / "tight")
    assert sorted(found) == sorted(expected)
    for name, array in expected.items():
        assert np.array_equal(found[name], array), name
    for name in ("vocabulary.txt",):
        assert (tmp_path / "tight" / "index" / name).read_bytes() == (tmp_path / "roomy" / "index" / name).read_bytes()


def test_a_first_build_stopped_midway_goes_on_from_its_last_checkpoint(tmp_path, segmenter, monkeypatch):
    archive = many_pages_of(SEEDS, tmp_path / "archive", 3)
    writer.build(archive, tmp_path / "whole", segmenter)
    monkeypatch.setenv("ARCHIVE_QA_CACHE", str(tmp_path / "caches"))
    cache = store.default_cache(archive)
    read, add = [], writer._Writer.add

    def stopped_at_the_eleventh_page(self, page, stat):
        read.append(page.name)
        if len(read) == 11:
            raise KeyboardInterrupt  # as Ctrl-C would
        return add(self, page, stat)

    monkeypatch.setattr(writer._Writer, "add", stopped_at_the_eleventh_page)
    with pytest.raises(KeyboardInterrupt):  # a segment every 1,000 postings, put in place as written
        writer.build(archive, cache, segmenter, memory=1, checkpoint_seconds=0)
    monkeypatch.undo()
    partial = store.load(cache, store.fingerprint(segmenter, 150))
    assert partial.meta["partial"] and len(partial.meta["pages"]) == 10
    assert [path.name for path in cache.iterdir()] == ["index"]  # the segment being written when stopped: gone

    monkeypatch.setenv("ARCHIVE_QA_CACHE", str(tmp_path / "caches"))
    result = run_cli("index", "--archive", str(archive), env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    assert "5 page(s) segmented, 10 unchanged" in result.stdout
    assert "went on from a first build stopped midway: the 10 page(s) it had read were kept" in result.stdout
    finished = store.load(cache, store.fingerprint(segmenter, 150))
    assert "partial" not in finished.meta and len(finished.meta["segments"]) == 1
    expected, found = stored_arrays(tmp_path / "whole"), stored_arrays(cache)
    assert sorted(found) == sorted(expected)
    for name, array in expected.items():
        assert np.array_equal(found[name], array), name


def test_an_update_stopped_midway_leaves_the_whole_index_in_place(archive, tmp_path, segmenter, monkeypatch):
    cache = tmp_path / "cache"
    before = writer.build(archive, cache, segmenter)
    many_pages_of(SEEDS, archive, 3)

    def stopped(self, page, stat):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer._Writer, "add", stopped)
    with pytest.raises(KeyboardInterrupt):
        writer.build(archive, cache, segmenter, memory=1, checkpoint_seconds=0)
    monkeypatch.undo()
    kept = store.load(cache, store.fingerprint(segmenter, 150))
    assert "partial" not in kept.meta and len(kept.meta["pages"]) == before["segmented"]


def test_added_pages_become_new_segments_and_old_ones_are_not_rewritten(archive, tmp_path, segmenter):
    cache = tmp_path / "cache"
    first = open_index(archive, tmp_path, segmenter)
    (segment,) = (cache / "index" / "segments").iterdir()
    inode = (segment / "doc_ids.npy").stat().st_ino
    for day in range(1, 13):  # a page a day: segments pile up and are merged ten at a time
        (archive / f"day{day:02d}.txt").write_text(PAGE.replace("12座", f"{day + 20}座"), encoding="utf-8")
        qa = open_index(archive, tmp_path, segmenter)
        assert (qa.updated["segmented"], qa.updated["reused"]) == (1, 4 + day)
        assert qa.updated["segments"] <= 10
    assert qa.updated["segments"] == 4  # the seeds' segment, the first ten days merged, days 11 and 12
    assert (cache / "index" / "segments" / segment.name / "doc_ids.npy").stat().st_ino == inode  # linked, not copied
    rank_bm25_agrees(qa, segmenter, ["某区新建了多少座公园", "示范区低收入群体排查出多少户", "沁阳市党政考察团"])
    assert (
        qa.ask("沁阳市党政考察团有多少人？").hits[0].snippet == first.ask("沁阳市党政考察团有多少人？").hits[0].snippet
    )
    assert qa.stats().pages == 17


def test_an_index_stored_before_term_peaks_answers_as_it_did(archive, tmp_path, segmenter):
    """A build stores each term's peak in every segment, written or merged; segments from before
    hold none, and their terms keep the bound idf * (k1 + 1): the same answers either way."""
    cache = tmp_path / "cache"
    open_index(archive, tmp_path, segmenter)
    (archive / "new.txt").write_text(PAGE, encoding="utf-8")
    qa = open_index(archive, tmp_path, segmenter)
    assert len(qa.index.segments) == 2 and all(segment.peaks is not None for segment in qa.index.segments)
    questions = ["某区新建了多少座公园？", "示范区低收入群体排查出多少户？", "沁阳市党政考察团有多少人？", "示范区"]
    expected = [[hit.passage.text for hit in qa.ask(question).hits] for question in questions]
    for peaks in (cache / "index" / "segments").glob(f"*/{segments.PEAKS}.npy"):
        peaks.unlink()
    older = ArchiveQA.from_folder(archive, segmenter, cache=cache, update=False)
    assert all(segment.peaks is None for segment in older.index.segments)
    assert [[hit.passage.text for hit in older.ask(question).hits] for question in questions] == expected
    rank_bm25_agrees(older, segmenter, ["某区新建公园", "示范区低收入群体排查出多少户"])


def test_passages_read_together_across_segments_are_those_read_one_by_one(archive, tmp_path, segmenter):
    for day in (1, 2):
        (archive / f"day{day:02d}.txt").write_text(PAGE.replace("12座", f"{day + 20}座"), encoding="utf-8")
        qa = open_index(archive, tmp_path, segmenter)
    assert qa.updated["segments"] >= 2
    passages = qa.passages
    ids = np.append(np.random.default_rng(7).permutation(len(passages))[:40], [len(passages) - 1, 0])  # any order
    assert passages.at(ids) == [passages[i] for i in ids.tolist()]
    assert passages.at(ids)[-2].article.title.startswith("某区新建公园2")  # a page added since: the last segment
    assert passages.at(np.empty(0, dtype=np.int64)) == []
    with pytest.raises(IndexError):
        passages.at(np.array([0, len(passages)]))


def test_a_changed_page_rewrites_only_its_segment_and_compact_merges_all(archive, tmp_path, segmenter):
    cache = tmp_path / "cache"
    open_index(archive, tmp_path, segmenter)
    (archive / "new.txt").write_text(PAGE, encoding="utf-8")
    assert open_index(archive, tmp_path, segmenter).updated["segments"] == 2
    (archive / "001_2e3f32ccee677dfe.txt").write_text("本报讯 某区召开防汛工作会议。\n", encoding="utf-8")
    changed = open_index(archive, tmp_path, segmenter)
    assert (changed.updated["segmented"], changed.updated["segments"]) == (1, 3)
    assert "东小巷" not in "".join(hit.passage.text for hit in changed.ask("东小巷").hits)
    assert "防汛" in changed.ask("某区召开了什么会议？").hits[0].snippet
    rank_bm25_agrees(changed, segmenter, ["防汛工作会议", "东小巷", "某区新建公园", "示范区低收入群体排查出多少户"])
    args = ("--archive", str(archive))
    result = run_cli("index", "--compact", *args, env={**os.environ, "ARCHIVE_QA_CACHE": str(tmp_path / "c2")})
    assert result.returncode == 0 and "1 segment(s)" in result.stdout
    compacted = ArchiveQA.from_folder(archive, segmenter, cache=cache, compact=True)
    assert compacted.updated["segments"] == 1 and len(list((cache / "index" / "segments").iterdir())) == 1
    for question in ("某区召开了什么会议？", "沁阳市党政考察团有多少人？", "某区新建了多少座公园？"):
        assert compacted.ask(question).hits[0].snippet == changed.ask(question).hits[0].snippet
    rank_bm25_agrees(compacted, segmenter, ["防汛工作会议", "东小巷", "某区新建公园"])
    assert_forward_records_agree(compacted)


def test_pages_named_out_of_their_order_in_a_segment_keep_their_own_articles(archive, tmp_path, segmenter):
    """A page added later but named first sits after the others in a merged segment: rewriting
    that segment without another page must keep every passage with its own article."""
    open_index(archive, tmp_path, segmenter)
    (archive / "000_added_first.txt").write_text(PAGE, encoding="utf-8")
    open_index(archive, tmp_path, segmenter)
    ArchiveQA.from_folder(archive, segmenter, cache=tmp_path / "cache", compact=True)
    (archive / "001_2e3f32ccee677dfe.txt").unlink()
    qa = open_index(archive, tmp_path, segmenter)
    assert qa.updated["segments"] == 1
    for number in range(len(qa.passages)):
        passage = qa.passages[number]
        assert passage.text and passage.text in passage.article.paragraphs[passage.paragraph - 1]
    assert "12座" in qa.ask("某区新建了多少座公园？").hits[0].snippet
    assert "40余人" in qa.ask("沁阳市党政考察团有多少人？").hits[0].snippet
    assert_forward_records_agree(qa)


def one_passage_page(term_freqs: list[int]) -> segments.NewPage:
    """A page of one article of one passage holding terms 0, 1, ... that many times each."""
    return segments.NewPage(
        articles=1,
        article_lines=b'{"title": ""}\n',
        forward_lines=b'["", "", null, 0.0, null, "page", 1, 0]\n',
        article_dates=np.zeros((1, 4), dtype=np.int64),
        passages=np.array([[0, 1, 0, 1]]),
        terms=np.arange(len(term_freqs)),
        freqs=np.array(term_freqs),
        counts=np.array([len(term_freqs)]),
        lengths=np.array([sum(term_freqs)]),
    )


@pytest.mark.parametrize(
    ("array", "wide", "narrow_type", "wide_type", "merged"),
    [
        ("term_freqs", [300, 2], np.uint8, np.uint16, [3, 300, 1, 2]),  # term 0 in both passages, then term 1
        ("doc_lengths", [70_000, 2], np.uint16, np.int32, [4, 70_002]),
    ],
)
def test_counts_are_stored_in_the_narrowest_type_that_holds_them_and_a_merge_keeps_every_one(
    tmp_path, array, wide, narrow_type, wide_type, merged
):
    """Term frequencies take one byte a posting while no word occurs 256 times in one passage, and
    passages' lengths two while none holds 65,536 words (scoring a long term reads one a posting, at
    random); a segment with more takes wider ones, and so does its merge with a narrow one."""
    segments.write_segment(tmp_path / "narrow", [one_passage_page([3, 1])], 2)
    segments.write_segment(tmp_path / "wide", [one_passage_page(wide)], 2)
    narrow_segment, wide_segment = (segments.Segment.open(tmp_path / name) for name in ("narrow", "wide"))
    assert narrow_segment.arrays[array].dtype == narrow_type and wide_segment.arrays[array].dtype == wide_type
    segments.merge([segments.Kept(narrow_segment), segments.Kept(wide_segment)], tmp_path / "merged", 2)
    merged_segment = segments.Segment.open(tmp_path / "merged")
    assert merged_segment.arrays[array].dtype == wide_type and merged_segment.arrays[array].tolist() == merged


def test_a_word_said_hundreds_of_times_in_a_passage_scores_as_rank_bm25_scores_it():
    corpus = [["公园"] * 300 + ["树木"], ["公园", "树木"], ["树木"] * 70_000, ["城市"]]
    index = BM25Index.build(corpus)
    assert index.segments[0].term_freqs.dtype == np.int32
    for query in (["公园"], ["树木"], ["公园", "树木", "城市"]):
        assert np.allclose(index.scores(query), BM25Okapi(corpus).get_scores(query), rtol=0, atol=1e-12)
        assert (
            index.top(query, 2)[0].tolist()
            == np.argsort(-BM25Okapi(corpus).get_scores(query), kind="stable")[:2].tolist()
        )
