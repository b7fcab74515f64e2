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
import mmap
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
from .search import PassageDates
from .segment import Segmenter

log = logging.getLogger(__name__)

FORMAT = 5  # 2: bigrams of function or question words are no terms; 3: headlines as printed; 4: captions; 5: headlines that wrap before their verb (莅临) join
_ARRAYS = (
    "indptr",
    "doc_ids",
    "term_freqs",
    "doc_lengths",
    "passage_article",
    "passage_paragraph",
    "passage_start",
    "passage_end",
    "article_offsets",
)


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
    article_dates: np.ndarray  # one PassageDates row an article
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
    """Passages materialised on demand from the stored arrays and the articles file."""

    def __init__(self, folder: Path, arrays: dict[str, np.ndarray], cached: int = 4096) -> None:
        self._file = (folder / "articles.jsonl").open("rb")
        self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ) if self._file.seek(0, 2) else b""
        self._arrays = arrays
        self._articles: OrderedDict[int, Article] = OrderedDict()
        self._cached = cached

    def __len__(self) -> int:
        return len(self._arrays["passage_article"])

    @property
    def article_numbers(self) -> np.ndarray:
        return self._arrays["passage_article"]

    def article(self, number: int) -> Article:
        article = self._articles.get(number)
        if article is None:
            offsets = self._arrays["article_offsets"]
            line = self._map[int(offsets[number]) : int(offsets[number + 1])]
            article = _article_from_json(json.loads(line))
            self._articles[number] = article
            if len(self._articles) > self._cached:
                self._articles.popitem(last=False)
        else:
            self._articles.move_to_end(number)
        return article

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        arrays = self._arrays
        article = self.article(int(arrays["passage_article"][index]))
        paragraph = int(arrays["passage_paragraph"][index])
        start, end = int(arrays["passage_start"][index]), int(arrays["passage_end"][index])
        return Passage(article, paragraph, article.paragraphs[paragraph - 1][start:end])

    def articles(self) -> Iterator[Article]:
        for number in range(len(self._arrays["article_offsets"]) - 1):
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
    try:
        arrays = {name: np.load(index_dir / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _ARRAYS}
        arrays["dates"] = np.load(index_dir / "dates.npy", allow_pickle=False)
        terms = (index_dir / "vocabulary.txt").read_text(encoding="utf-8").split("\n")[:-1]
    except (OSError, ValueError) as error:
        raise StoreError(f"the index is damaged ({error})") from None
    vocabulary = {term: number for number, term in enumerate(terms)}
    passages, articles = meta.get("passages"), meta.get("articles")
    if (
        len(vocabulary) + 1 != len(arrays["indptr"])
        or len(arrays["doc_ids"]) != int(arrays["indptr"][-1])
        or len(arrays["term_freqs"]) != len(arrays["doc_ids"])
        or any(len(arrays[name]) != passages for name in _ARRAYS if name.startswith(("passage_", "doc_len")))
        or len(arrays["article_offsets"]) != (articles or 0) + 1
        or len(arrays["dates"]) != articles
        or not all(key in meta for key in ("k1", "b", "epsilon", "pages"))
    ):
        raise StoreError("the index's files do not agree with each other")
    index = BM25Index(
        vocabulary,
        np.asarray(arrays["indptr"]),
        np.asarray(arrays["doc_ids"]),
        np.asarray(arrays["term_freqs"]),
        np.asarray(arrays["doc_lengths"]),
        meta["k1"],
        meta["b"],
        meta["epsilon"],
    )
    passages = StoredPassages(index_dir, arrays)
    return StoredIndex(folder, meta, index, passages, arrays["dates"])


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
) -> tuple[StoredIndex, dict, str]:
    """Bring the index up to date (unless ``update`` is false) and open it, under the lock, so
    no other process swaps it in between; returns it, what ``build`` did, and its ``version``."""
    with locked(folder):
        updated = build(archive, folder, segmenter, progress=progress) if update else {}
        return load(folder, fingerprint(segmenter, DEFAULT_PASSAGE_CHARS)), updated, version(folder)


def build(
    archive: Path,
    folder: Path,
    segmenter: Segmenter,
    passage_chars: int = DEFAULT_PASSAGE_CHARS,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Bring the stored index of ``archive`` up to date; returns what was done.

    Pages whose content and issue date are unchanged keep their postings;
    others are segmented (in parallel when there is much to do).
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
    if (
        old
        and not todo
        and not removed
        and len(failed) == len(old_failed)
        and folder_problems == old.meta.get("folder_problems")
    ):
        return {"reused": len(kept_pages), "segmented": 0, "removed": 0, "rebuilt_because": ""}
    fresh = _segment_all(todo, segmenter, workers, sum(sizes[job[0]] for job in todo), progress)
    encodings = {name: old.meta.get("encodings", {}).get(name, "") for name in kept_pages} if old else {}
    for page in fresh:
        encodings.update(page.report.encodings)
        if not page.articles:
            failed[page.name] = {"key": page.key, "problems": page.report.problems}
    _merge_and_save(
        archive,
        folder,
        expected,
        old,
        kept_pages,
        [p for p in fresh if p.articles],
        files,
        {"folder_problems": folder_problems, "failed": failed, "encodings": encodings},
    )
    return {
        "reused": len(kept_pages),
        "segmented": len(todo),
        "removed": removed,
        "rebuilt_because": reason if old is None and reason != "no index built yet" else "",
    }


def _segment_all(todo, segmenter, workers, total_bytes, progress) -> list[SegmentedPage]:
    done: list[SegmentedPage] = []
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(todo) > 1 and total_bytes > 2_000_000:
        with ProcessPoolExecutor(
            workers,
            initializer=_worker_init,
            initargs=(segmenter.user_dict, segmenter.stopwords_path, segmenter.question_words_path, segmenter.bigrams),
        ) as pool:
            # One page at a time: a big last chunk would leave the other cores idle at the end.
            for page in pool.map(_segment_job, todo):
                done.append(page)
                if progress:
                    progress(len(done), len(todo))
        return done
    for name, path, key, issue, passage_chars in todo:
        done.append(segment_page(segmenter, name, Path(path).read_bytes(), key, parse_iso(issue or ""), passage_chars))
        if progress:
            progress(len(done), len(todo))
    return done


def _merge_and_save(
    archive: Path,
    folder: Path,
    expected: str,
    old: StoredIndex | None,
    kept_pages: dict,
    fresh: list[SegmentedPage],
    files,
    found: dict,
) -> None:
    vocabulary: dict[str, int] = dict(old.index.vocabulary) if old else {}
    term_chunks, doc_chunks, tf_chunks, length_chunks = [], [], [], []
    passage_chunks: list[np.ndarray] = []
    article_lines: list[bytes] = []
    article_dates: list[np.ndarray] = []
    pages_meta = []
    order = {name: position for position, (name, _) in enumerate(files)}
    passages_so_far = articles_so_far = 0

    if old:
        old_arrays = old.passages._arrays
        term_of_posting = np.repeat(np.arange(len(old.index.indptr) - 1), np.diff(old.index.indptr))
        keep_doc = np.zeros(old.index.size, dtype=bool)
        for page in kept_pages.values():
            keep_doc[page["first_passage"] : page["first_passage"] + page["passages"]] = True
        new_doc_id = np.cumsum(keep_doc) - 1
        posting_kept = keep_doc[old.index.doc_ids]
        term_chunks.append(term_of_posting[posting_kept])
        doc_chunks.append(new_doc_id[old.index.doc_ids[posting_kept]])
        tf_chunks.append(old.index.term_freqs[posting_kept])
        length_chunks.append(np.asarray(old.index.doc_lengths)[keep_doc])
        old_offsets = old_arrays["article_offsets"]
        for page in sorted(kept_pages.values(), key=lambda p: p["first_passage"]):
            first, count = page["first_passage"], page["passages"]
            block = np.stack(
                [
                    np.asarray(old_arrays[name][first : first + count])
                    for name in ("passage_article", "passage_paragraph", "passage_start", "passage_end")
                ],
                axis=1,
            )
            block[:, 0] += articles_so_far - page["first_article"]
            passage_chunks.append(block)
            start, end = page["first_article"], page["first_article"] + page["articles"]
            article_lines.append(bytes(old.passages._map[int(old_offsets[start]) : int(old_offsets[end])]))
            article_dates.append(old.dates[start:end])
            pages_meta.append({**page, "first_passage": passages_so_far, "first_article": articles_so_far})
            passages_so_far += count
            articles_so_far += page["articles"]

    for page in fresh:
        local = np.fromiter(
            (vocabulary.setdefault(term, len(vocabulary)) for term in page.vocabulary),
            dtype=np.int64,
            count=len(page.vocabulary),
        )
        term_chunks.append(local[page.terms])
        doc_chunks.append(np.repeat(np.arange(passages_so_far, passages_so_far + len(page.counts)), page.counts))
        tf_chunks.append(page.freqs)
        length_chunks.append(page.lengths)
        block = np.asarray(page.passages, dtype=np.int64).reshape(-1, 4)
        block[:, 0] += articles_so_far
        passage_chunks.append(block)
        article_lines.append(page.article_lines)
        article_dates.append(page.article_dates)
        pages_meta.append(
            {
                "name": page.name,
                "key": page.key,
                "problems": page.report.problems,
                "first_passage": passages_so_far,
                "passages": len(page.counts),
                "first_article": articles_so_far,
                "articles": page.articles,
            }
        )
        passages_so_far += len(page.counts)
        articles_so_far += page.articles

    problems = (
        found["folder_problems"]
        + [p for entry in found["failed"].values() for p in entry["problems"]]
        + [p for page in pages_meta for p in page.get("problems", [])]
    )
    if not passages_so_far:
        raise no_pages_error(archive, ArchiveReport(problems=problems))
    terms = np.concatenate(term_chunks) if term_chunks else np.empty(0, dtype=np.int64)
    docs = np.concatenate(doc_chunks).astype(np.int32) if doc_chunks else np.empty(0, dtype=np.int32)
    tfs = np.concatenate(tf_chunks).astype(np.int32) if tf_chunks else np.empty(0, dtype=np.int32)
    sorting = _stable_order_by(terms)
    indptr = np.zeros(len(vocabulary) + 1, dtype=np.int64)
    np.cumsum(np.bincount(terms, minlength=len(vocabulary)), out=indptr[1:])
    passages = np.concatenate(passage_chunks)
    blob = b"".join(article_lines)
    offsets = np.zeros(articles_so_far + 1, dtype=np.int64)
    offsets[1:] = np.flatnonzero(np.frombuffer(blob, dtype=np.uint8) == ord("\n")) + 1
    arrays = {
        "indptr": indptr,
        "doc_ids": docs[sorting],
        "term_freqs": tfs[sorting],
        "doc_lengths": np.concatenate(length_chunks).astype(np.int32),
        "passage_article": passages[:, 0].astype(np.int32),
        "passage_paragraph": passages[:, 1].astype(np.int32),
        "passage_start": passages[:, 2].astype(np.int32),
        "passage_end": passages[:, 3].astype(np.int32),
        "article_offsets": offsets,
    }
    pages_meta.sort(key=lambda page: order.get(page["name"], len(order)))
    meta = {
        "format": FORMAT,
        "fingerprint": expected,
        "k1": K1,
        "b": B,
        "epsilon": EPSILON,
        "archive": str(archive.resolve()),
        "pages": pages_meta,
        "passages": passages_so_far,
        "articles": articles_so_far,
        "problems": problems,
        **found,
    }
    _write_atomically(folder, arrays, np.concatenate(article_dates), "\n".join(vocabulary) + "\n", blob, meta)


def _remove_leftovers(folder: Path) -> None:
    """Temporary folders of a build that was killed (kill -9, power loss) before it could tidy up;
    only called under the lock, so no build is using them."""
    for leftover in [*folder.glob("index-*"), *folder.glob("retired-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _stable_order_by(keys: np.ndarray) -> np.ndarray:
    """Positions that sort ``keys`` (non-negative ints), equal keys kept in order.

    Postings arrive passage after passage, so keeping equal terms in order keeps
    each term's passages ascending. NumPy sorts 16-bit keys stably by radix, in
    linear time, so the keys are sorted 16 bits at a time, low half first.
    """
    order = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    if len(keys) and int(keys.max()) > 0xFFFF:
        high = (keys[order] >> 16).astype(np.uint32)
        if int(high.max()) > 0xFFFF:
            return np.argsort(keys, kind="stable")
        order = order[np.argsort(high.astype(np.uint16), kind="stable")]
    return order


def _date_rows(dates: list[PartialDate | None]) -> np.ndarray:
    return np.array([PassageDates.row(date) for date in dates], dtype=np.int64).reshape(-1, 4)


def _write_atomically(
    folder: Path, arrays: dict, dates: np.ndarray, vocabulary: str, articles: bytes, meta: dict
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix="index-", dir=folder))
    try:
        for name, array in arrays.items():
            np.save(temporary / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
        np.save(temporary / "dates.npy", dates, allow_pickle=False)
        (temporary / "vocabulary.txt").write_text(vocabulary, encoding="utf-8")
        (temporary / "articles.jsonl").write_bytes(articles)
        (temporary / "meta.json").write_bytes(_json_line(meta))
        for path in temporary.iterdir():
            with path.open("rb") as written:
                os.fsync(written.fileno())
        target = folder / "index"
        retired = folder / f"retired-{os.getpid()}"
        if target.exists():
            os.replace(target, retired)
        os.replace(temporary, target)
        shutil.rmtree(retired, ignore_errors=True)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
