"""The index on disk: built once, loaded fast, updated page by page.

A cache folder holds one built index: the BM25 postings as NumPy arrays, the
vocabulary as text, every article as a JSON line (read only when cited), and
``meta.json`` naming each page with its content hash. Rebuilding after pages
are added, changed or removed segments only those pages; the others' postings
are kept. Everything is written to a temporary folder that then replaces the
old one, so a crash never leaves a half-written index; a damaged or
incompatible index is detected on load and rebuilt. Nothing is pickled.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout

from .dates import PartialDate, parse_iso
from .documents import ArchiveReport, Article, Passage
from .errors import StoreError
from .folders import check_folder, page_files
from .index import EPSILON, K1, B, BM25Index
from .ingest import no_pages_error, read_file, read_manifest
from .passages import DEFAULT_PASSAGE_CHARS, index_terms, passages_of
from .search import ArticleDates
from .segment import Segmenter
from .segments import Kept, NewPage, Segment, merge, sync, write_segment

log = logging.getLogger(__name__)

FORMAT = 6  # 2: bigrams of function or question words are no terms; 3: headlines as printed; 4: captions; 5: headlines that wrap before their verb (莅临) join; 6: segments
DEFAULT_MEMORY = 2 * 2**30  # what a build may hold, in bytes (the page-reading workers apart)
_BYTES_A_POSTING = 200  # what a posting costs while its segment is gathered, sorted and written, with headroom
_MERGE_FACTOR = 10  # segments of about one size merged together


def default_cache(archive: Path) -> Path:
    """``$ARCHIVE_QA_CACHE`` or ~/.cache/archive-qa, one folder per archive path."""
    root = Path(os.environ.get("ARCHIVE_QA_CACHE") or Path("~/.cache/archive-qa").expanduser())
    key = hashlib.sha256(os.fsencode(Path(archive).resolve())).hexdigest()[:16]
    return root / f"{Path(archive).resolve().name}-{key}"


def fingerprint(segmenter: Segmenter, passage_chars: int) -> str:
    """What the stored terms depend on: a different dictionary or passage size means a rebuild."""
    return hashlib.sha256(json.dumps([FORMAT, passage_chars, segmenter.fingerprint()]).encode()).hexdigest()[:16]


# ------------------------------------------------------------------ segmenting pages


@dataclass
class SegmentedPage:
    """One page, read and segmented: what a worker hands back."""

    name: str
    key: str  # content hash plus issue date: a changed manifest entry re-reads the page
    articles: int
    article_lines: bytes  # one JSON line an article, as stored
    article_dates: np.ndarray  # one ArticleDates row an article
    passages: np.ndarray  # per passage: article, paragraph, start, end
    vocabulary: list[str]  # the page's own terms; ``terms`` refers to them by position
    terms: np.ndarray  # distinct terms of every passage, passage after passage
    freqs: np.ndarray  # and how often each occurs in its passage
    counts: np.ndarray  # distinct terms per passage
    lengths: np.ndarray  # terms per passage (with repeats), BM25's document length
    report: ArchiveReport


_SEGMENTER: Segmenter | None = None


def _worker_init(user_dict, stopwords, question_words, bigrams) -> None:
    global _SEGMENTER
    _SEGMENTER = Segmenter(user_dict, stopwords, question_words, bigrams)


def _segment_job(job: tuple[str, str, str, str | None, int]) -> SegmentedPage:
    name, path, key, issue, passage_chars = job
    assert _SEGMENTER is not None, "the pool's initializer sets it"
    return segment_page(_SEGMENTER, name, Path(path).read_bytes(), key, parse_iso(issue or ""), passage_chars)


def segment_page(
    segmenter: Segmenter, name: str, data: bytes, key: str, issue: PartialDate | None, passage_chars: int
) -> SegmentedPage:
    report = ArchiveReport()
    articles = read_file(name, data, issue, report)
    vocabulary: dict[str, int] = {}
    passages: list[tuple[int, int, int, int]] = []
    terms: list[int] = []
    freqs: list[int] = []
    counts: list[int] = []
    lengths: list[int] = []
    for number, article in enumerate(articles):
        offsets: dict[int, int] = {}
        pieces = passages_of(article, passage_chars)
        for passage, found in zip(pieces, index_terms(segmenter, article, pieces), strict=True):
            paragraph = article.paragraphs[passage.paragraph - 1]
            start = paragraph.find(passage.text, offsets.get(passage.paragraph, 0))
            offsets[passage.paragraph] = start + len(passage.text)
            passages.append((number, passage.paragraph, start, start + len(passage.text)))
            tally = Counter(found)
            terms.extend(vocabulary.setdefault(term, len(vocabulary)) for term in tally)
            freqs.extend(tally.values())
            counts.append(len(tally))
            lengths.append(len(found))
    lines = b"".join(_json_line(_article_json(a)) for a in articles)
    return SegmentedPage(
        name,
        key,
        len(articles),
        lines,
        _date_rows([a.date for a in articles]),
        np.asarray(passages, dtype=np.int64).reshape(-1, 4),
        list(vocabulary),
        np.asarray(terms, dtype=np.int32),
        np.asarray(freqs, dtype=np.int32),
        np.asarray(counts, dtype=np.int32),
        np.asarray(lengths, dtype=np.int32),
        report,
    )


def _json_line(data: object) -> bytes:
    """One JSON line in UTF-8. A file name that is not UTF-8 (a zip made on Windows, say) reaches
    Python as lone surrogates; they are written as JSON escapes and read back the same."""
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n"


def _article_json(article: Article) -> dict:
    data = asdict(article)
    data["date"] = article.date.iso() if article.date else ""
    return data


def _article_from_json(data: dict) -> Article:
    data = dict(data)
    data["date"] = parse_iso(data["date"])
    return Article(**data)


# ------------------------------------------------------------------ the stored index


class StoredPassages(Sequence[Passage]):
    """Passages materialised on demand from the segments' arrays and article files."""

    def __init__(self, segments: list[Segment], cached: int = 4096) -> None:
        self.segments = segments
        self._passage_bases = np.cumsum([0] + [segment.passages for segment in segments])
        self._article_bases = np.cumsum([0] + [segment.articles for segment in segments])
        self._articles: OrderedDict[int, Article] = OrderedDict()
        self._cached = cached

    def __len__(self) -> int:
        return int(self._passage_bases[-1])

    @property
    def article_numbers(self) -> np.ndarray:
        """Every passage's article number (read from the files when there are several segments)."""
        if len(self.segments) == 1:
            return self.segments[0].arrays["passage_article"]
        return np.concatenate(
            [
                np.asarray(segment.arrays["passage_article"], dtype=np.int64) + int(base)
                for segment, base in zip(self.segments, self._article_bases, strict=False)
            ]
        )

    def article(self, number: int) -> Article:
        article = self._articles.get(number)
        if article is None:
            at = int(np.searchsorted(self._article_bases, number, side="right")) - 1
            article = _article_from_json(self.segments[at].article_json(number - int(self._article_bases[at])))
            self._articles[number] = article
            if len(self._articles) > self._cached:
                self._articles.popitem(last=False)
        else:
            self._articles.move_to_end(number)
        return article

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        at = int(np.searchsorted(self._passage_bases, index, side="right")) - 1
        arrays, local = self.segments[at].arrays, index - int(self._passage_bases[at])
        article = self.article(int(arrays["passage_article"][local]) + int(self._article_bases[at]))
        paragraph = int(arrays["passage_paragraph"][local])
        start, end = int(arrays["passage_start"][local]), int(arrays["passage_end"][local])
        return Passage(article, paragraph, article.paragraphs[paragraph - 1][start:end])

    def articles(self) -> Iterator[Article]:
        for number in range(int(self._article_bases[-1])):
            yield self.article(number)


@dataclass
class StoredIndex:
    folder: Path
    meta: dict
    index: BM25Index
    passages: StoredPassages
    dates: np.ndarray  # per article: first ordinal, last ordinal, month, day (0 when unknown)

    @property
    def report(self) -> ArchiveReport:
        report = ArchiveReport(
            pages=[page["name"] for page in self.meta["pages"]],
            encodings=self.meta.get("encodings", {}),
            problems=list(self.meta.get("problems", [])),
        )
        return report


def version(folder: Path) -> str:
    """Changes whenever a new index is written (its meta.json is replaced with the folder)."""
    try:
        stat = (folder / "index" / "meta.json").stat()
    except OSError:
        return ""
    return f"{stat.st_ino}:{stat.st_mtime_ns}"


def load(folder: Path, expected_fingerprint: str) -> StoredIndex:
    """Load a built index; raise StoreError when it is missing, damaged or built differently."""
    index_dir = folder / "index"
    try:
        meta = json.loads((index_dir / "meta.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError("no index built yet") from None
    except (OSError, ValueError) as error:
        raise StoreError(f"the index's meta.json is damaged ({error})") from None
    if meta.get("format") != FORMAT or meta.get("fingerprint") != expected_fingerprint:
        raise StoreError("the index was built by another version or with other settings")
    if not all(key in meta for key in ("k1", "b", "epsilon", "pages", "segments", "passages", "articles")):
        raise StoreError("the index's files do not agree with each other")
    try:
        terms = (index_dir / "vocabulary.txt").read_text(encoding="utf-8").split("\n")[:-1]
    except (OSError, ValueError) as error:
        raise StoreError(f"the index is damaged ({error})") from None
    segments = [Segment.open(index_dir / "segments" / entry["name"]) for entry in meta["segments"]]
    if (
        not segments
        or sum(segment.passages for segment in segments) != meta["passages"]
        or sum(segment.articles for segment in segments) != meta["articles"]
        or any(len(segment.arrays["indptr"]) - 1 > len(terms) for segment in segments)
    ):
        raise StoreError("the index's files do not agree with each other")
    vocabulary = {term: number for number, term in enumerate(terms)}
    bases = np.cumsum([0] + [segment.passages for segment in segments])
    lengths = [segment.arrays["doc_lengths"] for segment in segments]
    index = BM25Index(
        vocabulary,
        [segment.postings(int(base)) for segment, base in zip(segments, bases, strict=False)],
        lengths[0] if len(lengths) == 1 else np.concatenate(lengths),
        meta["k1"],
        meta["b"],
        meta["epsilon"],
    )
    dates = np.concatenate([np.asarray(segment.arrays["dates"]) for segment in segments])
    return StoredIndex(folder, meta, index, StoredPassages(segments), dates)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the cache folder's lock: one process at a time builds, swaps or opens its index.
    The lock is the kernel's (flock), so a process killed while holding it lets go."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder / "lock")
    try:
        lock.acquire(timeout=1)
    except Timeout:
        log.warning("another archive-qa process is updating the index in %s; waiting for it", folder)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def open_index(
    archive: Path,
    folder: Path,
    segmenter: Segmenter,
    update: bool = True,
    progress: Callable[[int, int], None] | None = None,
    memory: int = DEFAULT_MEMORY,
    compact: bool = False,
) -> tuple[StoredIndex, dict, str]:
    """Bring the index up to date (unless ``update`` is false) and open it, under the lock, so
    no other process swaps it in between; returns it, what ``build`` did, and its ``version``."""
    with locked(folder):
        updated = build(archive, folder, segmenter, progress=progress, memory=memory, compact=compact) if update else {}
        return load(folder, fingerprint(segmenter, DEFAULT_PASSAGE_CHARS)), updated, version(folder)


# ------------------------------------------------------------------ building


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
) -> dict:
    """Bring the stored index of ``archive`` up to date; returns what was done.

    Pages whose content and issue date are unchanged keep their postings and their segment's
    files; new pages are segmented (in parallel when there is much to do) into new segments of
    a size that keeps the build within ``memory`` bytes; a segment that loses a page is
    rewritten without it. A new index is merged into one segment; later updates add segments,
    merged ten of a size at a time, or all into one when ``compact``.
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
    keys, sizes = {}, {}
    for name, path in files:
        try:
            data = path.read_bytes()
        except OSError as error:
            report.problem(f"{name}: skipped, {error}")
            continue
        issue = issues.get(name)
        keys[name] = hashlib.sha256(data).hexdigest() + "|" + (issue.iso() if issue else "")
        sizes[name] = len(data)
    folder_problems = list(report.problems)
    kept_pages = {
        page["name"]: page for page in (old.meta["pages"] if old else []) if keys.get(page["name"]) == page["key"]
    }
    old_failed = old.meta.get("failed", {}) if old else {}
    failed = {name: entry for name, entry in old_failed.items() if keys.get(name) == entry["key"]}
    todo = [
        (name, str(archive / name), keys[name], issues[name].iso() if name in issues else None, passage_chars)
        for name, _ in files
        if name in keys and name not in kept_pages and name not in failed
    ]
    removed = len(old.meta["pages"]) - len(kept_pages) if old else 0
    summary = {"reused": len(kept_pages), "segmented": len(todo), "removed": removed}
    if (
        old
        and not todo
        and not removed
        and len(failed) == len(old_failed)
        and folder_problems == old.meta.get("folder_problems")
        and not (compact and len(old.meta["segments"]) > 1)
    ):
        return {**summary, "segmented": 0, "rebuilt_because": "", "segments": len(old.meta["segments"])}
    folder.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix="index-", dir=folder))
    try:
        writer = _Writer(temporary, old, memory)
        if old:
            writer.keep(old, kept_pages)
        encodings = {name: old.meta.get("encodings", {}).get(name, "") for name in kept_pages} if old else {}
        for page in _segment_all(todo, segmenter, workers, sum(sizes[job[0]] for job in todo), progress):
            encodings.update(page.report.encodings)
            if page.articles:
                writer.add(page)
            else:
                failed[page.name] = {"key": page.key, "problems": page.report.problems}
        writer.flush()
        writer.tidy(everything=compact or old is None)
        found = {"folder_problems": folder_problems, "failed": failed, "encodings": encodings}
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

    def __init__(self, folder: Path, old: StoredIndex | None, memory: int) -> None:
        self.folder = folder
        (folder / "segments").mkdir()
        self.vocabulary: dict[str, int] = dict(old.index.vocabulary) if old else {}
        self.entries: list[_Entry] = []
        self.next_name = int(old.meta.get("next_segment", 0)) if old else 0
        self.batch: list[SegmentedPage] = []
        self.batch_postings = 0
        self.batch_limit = max(memory // _BYTES_A_POSTING, 1_000)
        self.merge_chunk = max(memory // (4 * _BYTES_A_POSTING), 1_000)

    def keep(self, old: StoredIndex, kept_pages: dict) -> None:
        """The old segments: linked as they are when all their pages stay, else rewritten with
        the pages that stay, or dropped when none does."""
        passages = articles = 0
        for entry, segment in zip(old.meta["segments"], old.passages.segments, strict=True):
            pages = [page for page in old.meta["pages"] if page["segment"] == entry["name"]]
            staying = [page for page in pages if page["name"] in kept_pages]
            local = [_local(page, passages, articles) for page in staying]
            passages, articles = passages + entry["passages"], articles + entry["articles"]
            if len(staying) == len(pages):
                target = self.folder / "segments" / entry["name"]
                _link_folder(segment.folder, target)
                self.entries.append(_Entry(entry["name"], Segment.open(target), local))
            elif staying:
                spans = [(p["first_passage"], p["passages"], p["first_article"], p["articles"]) for p in local]
                self._merged([(_Entry(entry["name"], segment, local), spans)])

    def add(self, page: SegmentedPage) -> None:
        self.batch.append(page)
        self.batch_postings += len(page.terms)
        if self.batch_postings >= self.batch_limit:
            self.flush()

    def flush(self) -> None:
        """The pages read so far written as a segment of their own."""
        if not self.batch:
            return
        pages, metas = [], []
        passages = articles = 0
        for page in self.batch:
            local = np.fromiter(
                (self.vocabulary.setdefault(term, len(self.vocabulary)) for term in page.vocabulary),
                dtype=np.int64,
                count=len(page.vocabulary),
            )
            pages.append(
                NewPage(
                    page.articles,
                    page.article_lines,
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
        (self.folder / "vocabulary.txt").write_text("\n".join(self.vocabulary) + "\n", encoding="utf-8")
        (self.folder / "meta.json").write_bytes(_json_line(meta))
        sync(self.folder)


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


def _segment_all(todo, segmenter, workers, total_bytes, progress) -> Iterator[SegmentedPage]:
    """Each page read and segmented, in order, as soon as it is (workers when it pays)."""
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(todo) > 1 and total_bytes > 2_000_000:
        with ProcessPoolExecutor(
            workers,
            initializer=_worker_init,
            initargs=(segmenter.user_dict, segmenter.stopwords_path, segmenter.question_words_path, segmenter.bigrams),
        ) as pool:
            # One page at a time: a big last chunk would leave the other cores idle at the end.
            for done, page in enumerate(pool.map(_segment_job, todo), 1):
                yield page
                if progress:
                    progress(done, len(todo))
        return
    for done, (name, path, key, issue, passage_chars) in enumerate(todo, 1):
        yield segment_page(segmenter, name, Path(path).read_bytes(), key, parse_iso(issue or ""), passage_chars)
        if progress:
            progress(done, len(todo))


def _remove_leftovers(folder: Path) -> None:
    """Temporary folders of a build that was killed (kill -9, power loss) before it could tidy up;
    only called under the lock, so no build is using them."""
    for leftover in [*folder.glob("index-*"), *folder.glob("retired-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _date_rows(dates: list[PartialDate | None]) -> np.ndarray:
    return np.array([ArticleDates.row(date) for date in dates], dtype=np.int64).reshape(-1, 4)
