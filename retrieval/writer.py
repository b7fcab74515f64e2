"""The index on disk, write side: built once, updated page by page, within a memory budget.

New pages are read and segmented (``reading.py``) and written as segments of a size that keeps
the build within its memory budget; a new index is then merged into one segment (a streaming
merge, ``segments.py``). An update costs what changed: unchanged segments are hard-linked into
the new index, added pages become a new segment, a segment that loses a page is rewritten
without it, and ten segments of about one size are merged (``--compact`` merges all).
Everything is written to a temporary folder that then replaces the old index, so a crash never
leaves a half-written one; a damaged or incompatible index is detected on load and rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .documents import ArchiveReport
from .errors import StoreError
from .folders import check_folder, page_files
from .index import EPSILON, K1, B
from .ingest import no_pages_error, read_manifest
from .passages import DEFAULT_PASSAGE_CHARS
from .reading import WORKER_BYTES, PageJob, SegmentedPage, json_line, local_workers, segment_all
from .segment import Segmenter
from .segments import Kept, NewPage, Segment, merge, sync, write_segment
from .store import FORMAT, StoredIndex, fingerprint, load, locked, version
from .vocabulary import Vocabulary

DEFAULT_MEMORY = 2 * 2**30  # what a build may hold, in bytes, its local page-reading workers included
CHECKPOINT_SECONDS = 300.0  # a first build puts what it has done in place this often (see ``build``)
_BYTES_A_POSTING = 100  # what a posting costs while its segment is gathered, sorted and written (~60 measured)
_BASELINE_BYTES = 320 * 2**20  # what the builder holds whatever the archive: Python, NumPy, jieba
_LEAST_BATCH_BYTES = 128 * 2**20  # segments smaller than this make merges do most of the work
_MERGE_FACTOR = 10  # segments of about one size merged together


def open_index(
    archive: Path,
    folder: Path,
    segmenter: Segmenter,
    update: bool = True,
    progress: Callable[[int, int], None] | None = None,
    memory: int = DEFAULT_MEMORY,
    compact: bool = False,
    executor: Executor | None = None,
) -> tuple[StoredIndex, dict, str]:
    """Bring the index up to date (unless ``update`` is false) and open it, under the lock, so
    no other process swaps it in between; returns it, what ``build`` did, and its ``version``."""
    with locked(folder):
        updated = (
            build(archive, folder, segmenter, progress=progress, memory=memory, compact=compact, executor=executor)
            if update
            else {}
        )
        return load(folder, fingerprint(segmenter, DEFAULT_PASSAGE_CHARS)), updated, version(folder)


@dataclass
class _Entry:
    """A segment of the index being written, and the pages it holds (positions within it)."""

    name: str
    segment: Segment
    pages: list[dict]


def build(
    archive: Path,
    folder: Path,
    segmenter: Segmenter,
    passage_chars: int = DEFAULT_PASSAGE_CHARS,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    memory: int = DEFAULT_MEMORY,
    compact: bool = False,
    executor: Executor | None = None,
    checkpoint_seconds: float = CHECKPOINT_SECONDS,
) -> dict:
    """Bring the stored index of ``archive`` up to date; returns what was done.

    Pages whose content and issue date are unchanged keep their postings and their segment's
    files; new pages are segmented (in parallel when there is much to do, on ``executor`` when
    given: a Dask cluster's, say) into new segments of a size that keeps the build within
    ``memory`` bytes; a segment that loses a page is rewritten without it. A new index is
    merged into one segment; later updates add segments, merged ten of a size at a time, or
    all into one when ``compact``. Wherever pages are segmented, the index is the same.

    The first build of an archive (no index yet, or one such build left unfinished) puts the
    segments written so far in place every ``checkpoint_seconds``, as an index marked partial,
    so that a build stopped midway (Ctrl-C, a crash) goes on from there when run again instead
    of reading every page anew (front ends update before they answer: they wait for the build
    to finish). An index already in place is only ever replaced by a whole one.
    """
    archive = Path(archive)
    check_folder(archive)
    _remove_leftovers(folder)
    expected = fingerprint(segmenter, passage_chars)
    try:
        old = load(folder, expected)
        reason = ""
    except StoreError as error:
        old, reason = None, str(error)
    report = ArchiveReport()
    issues = read_manifest(archive, report)
    files = page_files(archive, report)
    known = {page["name"]: page for page in old.meta["pages"]} if old else {}
    keys, stats = {}, {}
    for name, path in files:
        try:
            stats[name] = _stat(path)
            issue = issues.get(name)
            hashed = known[name]["key"].split("|")[0] if known.get(name, {}).get("stat") == stats[name] else None
            keys[name] = (
                (hashed or hashlib.sha256(path.read_bytes()).hexdigest()) + "|" + (issue.iso() if issue else "")
            )
        except OSError as error:
            report.problem(f"{name}: skipped, {error}")
    folder_problems = list(report.problems)
    kept_pages = {
        page["name"]: page for page in (old.meta["pages"] if old else []) if keys.get(page["name"]) == page["key"]
    }
    old_failed = old.meta.get("failed", {}) if old else {}
    failed = {name: entry for name, entry in old_failed.items() if keys.get(name) == entry["key"]}
    todo = [
        PageJob(
            name,
            str(archive / name),
            keys[name],
            issues[name].iso() if name in issues else None,
            passage_chars,
        )
        for name, _ in files
        if name in keys and name not in kept_pages and name not in failed
    ]
    removed = len(old.meta["pages"]) - len(kept_pages) if old else 0
    summary = {"reused": len(kept_pages), "segmented": len(todo), "removed": removed}
    unfinished = bool(old and old.meta.get("partial"))  # a first build stopped after a checkpoint
    if unfinished:
        summary["resumed"] = len(kept_pages)
    if (
        old
        and not unfinished
        and not todo
        and not removed
        and len(failed) == len(old_failed)
        and folder_problems == old.meta.get("folder_problems")
        and not (compact and len(old.meta["segments"]) > 1)
    ):
        return {**summary, "segmented": 0, "rebuilt_because": "", "segments": len(old.meta["segments"])}
    checkpoints = unfinished or not (folder / "index").exists()  # nothing whole in place to keep
    folder.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix="index-", dir=folder))
    try:
        total = sum(stats[job.name][0] for job in todo)
        workers = workers or os.cpu_count() or 1
        readers = 0 if executor else local_workers(workers, len(todo), total)
        while readers > 1 and memory - readers * WORKER_BYTES - _BASELINE_BYTES < _LEAST_BATCH_BYTES:
            readers -= 1  # a tight budget reads with fewer workers rather than in tiny segments
        if not executor:
            workers = max(readers, 1)  # one: read here
        budget = memory - readers * WORKER_BYTES - _BASELINE_BYTES
        writer = _Writer(temporary, old, budget)
        if old:
            writer.keep(old, kept_pages)
        encodings = {name: old.meta.get("encodings", {}).get(name, "") for name in kept_pages} if old else {}
        found = {"folder_problems": folder_problems, "failed": failed, "encodings": encodings}
        checked = time.monotonic()
        for page in segment_all(todo, segmenter, workers, progress, executor):
            encodings.update(page.report.encodings)
            if not page.articles:
                failed[page.name] = {"key": page.key, "problems": page.report.problems}
            elif (
                writer.add(page, stats[page.name])  # a segment was just written
                and checkpoints
                and time.monotonic() - checked >= checkpoint_seconds
                and any(entry.segment.passages for entry in writer.entries)
            ):
                writer.finish(archive, expected, files, {**found, "partial": True})
                _put_in_place(folder, temporary)
                temporary = Path(tempfile.mkdtemp(prefix="index-", dir=folder))
                writer = writer.continued(temporary, load(folder, expected), budget)
                checked = time.monotonic()
        writer.flush()
        writer.tidy(everything=compact or old is None or unfinished)
        writer.finish(archive, expected, files, found)
        _put_in_place(folder, temporary)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return {
        **summary,
        "rebuilt_because": reason if old is None and reason != "no index built yet" else "",
        "segments": len(writer.entries),
    }


class _Writer:
    """Writes the segments of a new index into a temporary folder, within a memory budget."""

    def __init__(
        self, folder: Path, old: StoredIndex | None, memory: int, vocabulary: Vocabulary | None = None
    ) -> None:
        self.folder = folder
        (folder / "segments").mkdir()
        if vocabulary is None:  # its own copy (terms on disk are looked up by hash: slower than a dict)
            vocabulary = Vocabulary.load(old.folder / "index") if old else Vocabulary()
        self.vocabulary = vocabulary
        self.entries: list[_Entry] = []
        self.next_name = int(old.meta.get("next_segment", 0)) if old else 0
        self.batch: list[SegmentedPage] = []
        self.stats: dict[str, list[int]] = {}  # size and modification time of the pages read
        self.batch_postings = 0
        self.batch_limit = max(memory // _BYTES_A_POSTING, 1_000)
        self.merge_chunk = max(memory // (4 * _BYTES_A_POSTING), 1_000)

    def continued(self, folder: Path, published: StoredIndex, memory: int) -> _Writer:
        """A writer going on from the index just put in place (a checkpoint): its segments linked,
        and this writer's vocabulary, the one just saved, still in memory (read back from disk,
        every term of every later page is looked up by hash: with a checkpoint after every
        segment, the builder's CPU quadrupled)."""
        writer = _Writer(folder, published, memory, self.vocabulary)
        writer.keep(published, {page["name"]: page for page in published.meta["pages"]})
        return writer

    def keep(self, old: StoredIndex, kept_pages: dict) -> None:
        """The old segments: linked as they are when all their pages stay, else rewritten with
        the pages that stay, or dropped when none does."""
        passages = articles = 0
        for entry, segment in zip(old.meta["segments"], old.passages.segments, strict=True):
            pages = [page for page in old.meta["pages"] if page["segment"] == entry["name"]]
            staying = [page for page in pages if page["name"] in kept_pages]
            # in the order they sit in the segment (meta.json lists pages in the archive's order)
            local = sorted((_local(page, passages, articles) for page in staying), key=lambda p: p["first_passage"])
            passages, articles = passages + entry["passages"], articles + entry["articles"]
            if len(staying) == len(pages):
                target = self.folder / "segments" / entry["name"]
                _link_folder(segment.folder, target)
                self.entries.append(_Entry(entry["name"], Segment.open(target), local))
            elif staying:
                spans = [(p["first_passage"], p["passages"], p["first_article"], p["articles"]) for p in local]
                self._merged([(_Entry(entry["name"], segment, local), spans)])

    def add(self, page: SegmentedPage, stat: list[int]) -> bool:
        """Whether the page filled the batch, which was then written as a segment."""
        self.batch.append(page)
        self.stats[page.name] = stat
        self.batch_postings += len(page.terms)
        if self.batch_postings < self.batch_limit:
            return False
        self.flush()
        return True

    def flush(self) -> None:
        """The pages read so far written as a segment of their own."""
        if not self.batch:
            return
        pages, metas = [], []
        passages = articles = 0
        for page in self.batch:
            local = np.fromiter(
                (self.vocabulary.add(term) for term in page.vocabulary),
                dtype=np.int64,
                count=len(page.vocabulary),
            )
            pages.append(
                NewPage(
                    page.articles,
                    page.article_lines,
                    page.forward_lines,
                    page.article_dates,
                    page.passages,
                    local[page.terms],
                    page.freqs,
                    page.counts,
                    page.lengths,
                )
            )
            metas.append(
                {
                    "name": page.name,
                    "key": page.key,
                    "stat": self.stats[page.name],
                    "problems": page.report.problems,
                    "first_passage": passages,
                    "passages": len(page.counts),
                    "first_article": articles,
                    "articles": page.articles,
                }
            )
            passages += len(page.counts)
            articles += page.articles
        self.batch, self.batch_postings = [], 0
        name = self._name()
        write_segment(self.folder / "segments" / name, pages, len(self.vocabulary))
        self.entries.append(_Entry(name, Segment.open(self.folder / "segments" / name), metas))

    def tidy(self, everything: bool) -> None:
        """Merge all segments into one (``everything``), or any ten of about the same size
        (within a power of ten), as Lucene's tiered policy does."""
        if everything:
            if len(self.entries) > 1:
                self.entries = [self._merged([(entry, None) for entry in self.entries], replace=True)]
            return
        while True:
            tiers: dict[int, list[_Entry]] = {}
            for entry in self.entries:
                tiers.setdefault(len(str(entry.segment.postings_count)), []).append(entry)
            crowded = [tier for tier in tiers.values() if len(tier) >= _MERGE_FACTOR]
            if not crowded:
                return
            group = crowded[0]
            position = self.entries.index(group[0])
            merged = self._merged([(entry, None) for entry in group], replace=True)
            self.entries = [entry for entry in self.entries if entry not in group]
            self.entries.insert(position, merged)

    def _merged(self, parts: list[tuple[_Entry, list | None]], replace: bool = False) -> _Entry:
        """One new segment of these segments' (kept) pages; appended, unless ``replace``."""
        name = self._name()
        target = self.folder / "segments" / name
        merge([Kept(entry.segment, spans) for entry, spans in parts], target, len(self.vocabulary), self.merge_chunk)
        pages, passages, articles = [], 0, 0
        for entry, spans in parts:
            for page in entry.pages:
                if (
                    spans is not None
                    and (page["first_passage"], page["passages"], page["first_article"], page["articles"]) not in spans
                ):
                    continue
                pages.append({**page, "first_passage": passages, "first_article": articles})
                passages += page["passages"]
                articles += page["articles"]
        merged = _Entry(name, Segment.open(target), pages)
        if replace:
            for entry, _ in parts:
                if entry.segment.folder.is_relative_to(self.folder):
                    shutil.rmtree(entry.segment.folder)
        else:
            self.entries.append(merged)
        return merged

    def _name(self) -> str:
        self.next_name += 1
        return f"{self.next_name:06d}"

    def finish(self, archive: Path, expected: str, files, found: dict) -> None:
        """The vocabulary and meta.json that make the segments one index."""
        order = {name: position for position, (name, _) in enumerate(files)}
        pages, segments = [], []
        passages = articles = 0
        for entry in self.entries:
            for page in entry.pages:
                pages.append(
                    {
                        **page,
                        "segment": entry.name,
                        "first_passage": passages + page["first_passage"],
                        "first_article": articles + page["first_article"],
                    }
                )
            segments.append(
                {"name": entry.name, "passages": entry.segment.passages, "articles": entry.segment.articles}
            )
            passages += entry.segment.passages
            articles += entry.segment.articles
        problems = (
            found["folder_problems"]
            + [p for entry in found["failed"].values() for p in entry["problems"]]
            + [p for page in pages for p in page.get("problems", [])]
        )
        if not passages:
            raise no_pages_error(archive, ArchiveReport(problems=problems))
        pages.sort(key=lambda page: order.get(page["name"], len(order)))
        meta = {
            "format": FORMAT,
            "fingerprint": expected,
            "k1": K1,
            "b": B,
            "epsilon": EPSILON,
            "archive": str(archive.resolve()),
            "segments": segments,
            "next_segment": self.next_name,
            "pages": pages,
            "passages": passages,
            "articles": articles,
            "problems": problems,
            **found,
        }
        self.vocabulary.save(self.folder)
        (self.folder / "meta.json").write_bytes(json_line(meta))
        sync(self.folder)


def _stat(path: Path) -> list[int]:
    """Size and modification time: a page whose both are unchanged is not hashed again."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _local(page: dict, passages: int, articles: int) -> dict:
    """A page's positions within its segment, which starts at these (meta.json keeps positions
    within the whole index)."""
    return {
        **{key: value for key, value in page.items() if key != "segment"},
        "first_passage": page["first_passage"] - passages,
        "first_article": page["first_article"] - articles,
    }


def _link_folder(source: Path, target: Path) -> None:
    """A segment kept as it is: its files hard-linked into the new index (copied where the file
    system cannot link), so an update costs what changed, not the size of the archive."""
    target.mkdir()
    for path in source.iterdir():
        try:
            os.link(path, target / path.name)
        except OSError:
            shutil.copy2(path, target / path.name)


def _put_in_place(folder: Path, temporary: Path) -> None:
    target = folder / "index"
    retired = folder / f"retired-{os.getpid()}"
    if target.exists():
        os.replace(target, retired)
    os.replace(temporary, target)
    shutil.rmtree(retired, ignore_errors=True)


def _remove_leftovers(folder: Path) -> None:
    """Temporary folders of a build that was killed (kill -9, power loss) before it could tidy up;
    only called under the lock, so no build is using them."""
    for leftover in [*folder.glob("index-*"), *folder.glob("retired-*")]:
        shutil.rmtree(leftover, ignore_errors=True)
