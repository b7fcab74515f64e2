"""Pages read and segmented: here, in a pool of local processes, or on the workers of a Dask
cluster, and handed back in order as plain arrays, each page on its own."""

from __future__ import annotations

import json
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from .dates import PartialDate, parse_iso
from .documents import ArchiveReport, Article
from .errors import StoreError
from .forward import record
from .ingest import read_file
from .passages import index_terms, passages_of
from .search import ArticleDates
from .segment import Segmenter


@dataclass(frozen=True)
class PageJob:
    """A page to read: its bytes travel with it to workers that may not see the archive."""

    name: str
    path: str
    key: str  # content hash plus issue date: a changed manifest entry re-reads the page
    issue: str | None
    passage_chars: int
    data: bytes | None = None


@dataclass
class SegmentedPage:
    """One page, read and segmented: what a worker hands back."""

    name: str
    key: str  # content hash plus issue date: a changed manifest entry re-reads the page
    articles: int
    article_lines: bytes  # one JSON line an article, as stored
    forward_lines: bytes  # one JSON line a passage: what re-ranking reads of it (``forward.record``)
    article_dates: np.ndarray  # one ArticleDates row an article
    passages: np.ndarray  # per passage: article, paragraph, start, end
    vocabulary: list[str]  # the page's own terms; ``terms`` refers to them by position
    terms: np.ndarray  # distinct terms of every passage, passage after passage
    freqs: np.ndarray  # and how often each occurs in its passage
    counts: np.ndarray  # distinct terms per passage
    lengths: np.ndarray  # terms per passage (with repeats), BM25's document length
    report: ArchiveReport


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
    forward: list[bytes] = []
    for number, article in enumerate(articles):
        offsets: dict[int, int] = {}
        pieces = passages_of(article, passage_chars)
        for passage, found in zip(pieces, index_terms(segmenter, article, pieces), strict=True):
            paragraph = article.paragraphs[passage.paragraph - 1]
            start = paragraph.find(passage.text, offsets.get(passage.paragraph, 0))
            offsets[passage.paragraph] = start + len(passage.text)
            passages.append((number, passage.paragraph, start, start + len(passage.text)))
            forward.append(json_line(record(passage)))
            tally = Counter(found)
            terms.extend(vocabulary.setdefault(term, len(vocabulary)) for term in tally)
            freqs.extend(tally.values())
            counts.append(len(tally))
            lengths.append(len(found))
    lines = b"".join(json_line(_article_json(a)) for a in articles)
    return SegmentedPage(
        name,
        key,
        len(articles),
        lines,
        b"".join(forward),
        _date_rows([a.date for a in articles]),
        np.asarray(passages, dtype=np.int64).reshape(-1, 4),
        list(vocabulary),
        np.asarray(terms, dtype=np.int32),
        np.asarray(freqs, dtype=np.int32),
        np.asarray(counts, dtype=np.int32),
        np.asarray(lengths, dtype=np.int32),
        report,
    )


def json_line(data: object) -> bytes:
    """One JSON line in UTF-8. A file name that is not UTF-8 (a zip made on Windows, say) reaches
    Python as lone surrogates; they are written as JSON escapes and read back the same."""
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n"


def _article_json(article: Article) -> dict:
    data = asdict(article)
    data["date"] = article.date.iso() if article.date else ""
    return data


def _date_rows(dates: list[PartialDate | None]) -> np.ndarray:
    return np.array([ArticleDates.row(date) for date in dates], dtype=np.int64).reshape(-1, 4)


# ------------------------------------------------------------------ on workers


SegmenterArgs = tuple  # a Segmenter's arguments: user dictionary, stopwords, question words, bigrams
_SEGMENTERS: dict[SegmenterArgs, tuple[Segmenter, str]] = {}  # this worker's, with their fingerprints


def _segment_job(job: PageJob, arguments: SegmenterArgs) -> tuple[SegmentedPage, str]:
    """Run on a worker: the page segmented with a segmenter made once per worker and arguments;
    returns the segmenter's fingerprint too, so a worker that segments differently is caught."""
    if arguments not in _SEGMENTERS:
        segmenter = Segmenter(*arguments)
        _SEGMENTERS[arguments] = segmenter, segmenter.fingerprint()
    segmenter, fingerprint = _SEGMENTERS[arguments]
    data = job.data if job.data is not None else Path(job.path).read_bytes()
    page = segment_page(segmenter, job.name, data, job.key, parse_iso(job.issue or ""), job.passage_chars)
    return page, fingerprint


# What a local page-reading worker holds at its peak (jieba-rs and jieba with their dictionaries,
# a page): 219-254 MB measured over 1M and 10M builds, so a little more is reserved.
WORKER_BYTES = 288 * 2**20


def local_workers(workers: int, pages: int, total_bytes: int) -> int:
    """How many local worker processes read the pages: none when there is too little to do."""
    return workers if workers > 1 and pages > 1 and total_bytes > 2_000_000 else 0


def segment_all(
    jobs: list[PageJob],
    segmenter: Segmenter,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    executor: Executor | None = None,
) -> Iterator[SegmentedPage]:
    """Each page read and segmented, in order, as soon as it is: on ``executor`` when given
    (a Dask cluster's, say; ``workers`` sets how many pages are in flight), else in a pool of
    ``workers`` local processes when there are two or more (``local_workers`` says when that
    pays), else here. At most a few pages a worker are under way at once, so memory stays bounded."""
    if executor is not None:
        yield from _on(executor, jobs, segmenter, 4 * workers, progress, ship=True)
        return
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            yield from _on(pool, jobs, segmenter, 4 * workers, progress, ship=False)
        return
    for done, job in enumerate(jobs, 1):
        data = job.data if job.data is not None else Path(job.path).read_bytes()
        yield segment_page(segmenter, job.name, data, job.key, parse_iso(job.issue or ""), job.passage_chars)
        if progress:
            progress(done, len(jobs))


def _on(
    executor: Executor,
    jobs: list[PageJob],
    segmenter: Segmenter,
    window: int,
    progress: Callable[[int, int], None] | None,
    ship: bool,
) -> Iterator[SegmentedPage]:
    """The jobs on ``executor``, at most ``window`` at a time, their pages' bytes read here and
    sent along when ``ship`` (a cluster's workers may not see the archive; local ones read it)."""
    arguments = (segmenter.user_dict, segmenter.stopwords_path, segmenter.question_words_path, segmenter.bigrams)
    expected = segmenter.fingerprint()
    pending: deque[Future] = deque()
    queued = iter(jobs)
    for done in range(1, len(jobs) + 1):
        while len(pending) < window and (job := next(queued, None)) is not None:
            if ship:
                job = replace(job, data=Path(job.path).read_bytes())
            pending.append(executor.submit(_segment_job, job, arguments))
        page, made_by = pending.popleft().result()
        if made_by != expected:
            raise StoreError(
                f"a worker segments differently from here ({page.name}): give every worker the same "
                "archive-qa version and dictionaries"
            )
        yield page
        if progress:
            progress(done, len(jobs))
