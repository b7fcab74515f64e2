"""Wire the library together: archive folder -> articles -> passages -> index -> answers."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np

from . import store
from .answer import SNIPPET_CHARS, Answer, Composer
from .dates import DateRange
from .documents import Archive, ArchiveReport, Article, Passage
from .index import BM25Index
from .passages import DEFAULT_PASSAGE_CHARS, index_terms, passages_of
from .search import PassageDates, Searcher, prepare_question
from .segment import Segmenter, default_segmenter

DEFAULT_K = 3


@dataclass
class ArchiveStats:
    pages: int
    articles: int
    passages: int
    first_date: str
    last_date: str


class ArchiveQA:
    """Answers questions over one loaded archive."""

    def __init__(
        self,
        passages: Sequence[Passage],
        index: BM25Index,
        dates: np.ndarray,
        report: ArchiveReport,
        articles: Callable[[], Iterator[Article]],
        article_count: int,
        segmenter: Segmenter,
        snippet_chars: int = SNIPPET_CHARS,
    ) -> None:
        """``dates``: per passage, first and last day ordinals, month and day (see PassageDates);
        ``articles`` walks every article (for reports; a stored index reads them from disk)."""
        self.passages = passages
        self.articles = articles
        self.updated: dict = {}  # what bringing a stored index up to date did (store.build's summary)
        self.source: tuple[Path, Path, int] | None = None  # archive, cache, snippet length (stored indexes)
        self._version = ""
        self.index = index
        self.report = report
        self.segmenter = segmenter
        self.searcher = Searcher(passages, segmenter, index, PassageDates(dates))
        self.composer = Composer(segmenter, index, snippet_chars=snippet_chars)
        dated = dates[dates[:, 0] > 0]
        self._stats = ArchiveStats(len(report.pages), article_count, len(passages), _first(dated), _last(dated))

    @classmethod
    def from_archive(
        cls,
        archive: Archive,
        segmenter: Segmenter | None = None,
        passage_chars: int = DEFAULT_PASSAGE_CHARS,
        snippet_chars: int = SNIPPET_CHARS,
    ) -> ArchiveQA:
        """Index an archive in memory (question sets, small archives, tests)."""
        segmenter = segmenter or default_segmenter()
        passages: list[Passage] = []
        terms: list[list[str]] = []
        for article in archive.articles:
            pieces = passages_of(article, passage_chars)
            passages.extend(pieces)
            terms.extend(index_terms(segmenter, article, pieces))
        index = BM25Index.build(terms)
        dates = np.array([PassageDates.row(p.article.date) for p in passages], dtype=np.int64).reshape(-1, 4)
        return cls(
            passages,
            index,
            dates,
            archive.report,
            lambda: iter(archive.articles),
            len(archive.articles),
            segmenter,
            snippet_chars,
        )

    @classmethod
    def from_folder(
        cls,
        folder: Path | str,
        segmenter: Segmenter | None = None,
        cache: Path | None = None,
        snippet_chars: int = SNIPPET_CHARS,
        update: bool = True,
        progress: Callable[[int, int], None] | None = None,
    ) -> ArchiveQA:
        """Serve an archive folder from its index on disk, first bringing that index up to date
        (only new or changed pages are segmented) unless ``update`` is false."""
        segmenter = segmenter or default_segmenter()
        folder = Path(folder)
        cache = Path(cache) if cache else store.default_cache(folder)
        stored, updated, version = store.open_index(folder, cache, segmenter, update, progress)
        dates = stored.dates[np.asarray(stored.passages.article_numbers)]
        qa = cls(
            stored.passages,
            stored.index,
            dates,
            stored.report,
            stored.passages.articles,
            stored.meta["articles"],
            segmenter,
            snippet_chars,
        )
        qa.updated = updated
        qa.source = (folder, cache, snippet_chars)
        qa._version = version
        return qa

    def reloaded(self) -> ArchiveQA | None:
        """A fresh ArchiveQA when the stored index changed on disk since this one was loaded
        (``archive-qa index`` ran meanwhile), else None. This one stays usable either way."""
        if self.source is None:
            return None
        folder, cache, snippet_chars = self.source
        if store.version(cache) == self._version:
            return None
        return ArchiveQA.from_folder(folder, self.segmenter, cache, snippet_chars, update=False)

    def ask(self, question: str, k: int = DEFAULT_K, date_range: DateRange | None = None) -> Answer:
        """Raises search.BadQuestion when the question has nothing to search."""
        prepared = prepare_question(question, date_range)
        answer = self.composer.compose(prepared, self.searcher.search(prepared, k))
        if answer.no_answer and date_range is None and prepared.date_range is not None:
            # A date in a question may be what the article is about rather than when it
            # was printed ("2019年10月至2020年3月的空气质量"): look again without it.
            undated = replace(prepared, date_range=None)
            retry = self.composer.compose(undated, self.searcher.search(undated, k))
            if not retry.no_answer:
                retry.notes.append(f"{prepared.date_range.text}的文章中没有好的答案，以下结果未按日期筛选。")
                return retry
        return answer

    def stats(self) -> ArchiveStats:
        return self._stats


def _first(dated: np.ndarray) -> str:
    return _iso(dated[np.argmin(dated[:, 0])]) if len(dated) else ""


def _last(dated: np.ndarray) -> str:
    return _iso(dated[np.argmax(dated[:, 1])]) if len(dated) else ""


def _iso(row: np.ndarray) -> str:
    """A date row back to the partial ISO date it came from."""
    first = date.fromordinal(int(row[0]))
    if not row[2]:
        return f"{first.year:04d}"
    return f"{first.year:04d}-{int(row[2]):02d}" + (f"-{int(row[3]):02d}" if row[3] else "")
