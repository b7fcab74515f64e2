"""Wire the library together: archive folder -> articles -> passages -> index -> answers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .answer import SNIPPET_CHARS, Answer, Composer
from .dates import DateRange
from .documents import Archive, Passage
from .index import BM25Index
from .ingest import load_archive
from .passages import DEFAULT_PASSAGE_CHARS, indexed_text, passages_of
from .search import Searcher, prepare_question
from .segment import Segmenter

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

    def __init__(self, archive: Archive, segmenter: Segmenter | None = None,
                 passage_chars: int = DEFAULT_PASSAGE_CHARS, snippet_chars: int = SNIPPET_CHARS) -> None:
        self.archive = archive
        self.segmenter = segmenter or Segmenter()
        self.passages: list[Passage] = [p for a in archive.articles for p in passages_of(a, passage_chars)]
        self.index = BM25Index.build(self.segmenter.terms(indexed_text(p)) for p in self.passages)
        self.searcher = Searcher(self.passages, self.segmenter, self.index)
        self.composer = Composer(self.segmenter, self.index, snippet_chars=snippet_chars)

    @classmethod
    def from_folder(cls, folder: Path | str, **options) -> "ArchiveQA":
        return cls(load_archive(Path(folder)), **options)

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
        dates = sorted((a.date for a in self.archive.articles if a.date), key=lambda d: d.first_day())
        return ArchiveStats(len(self.archive.report.pages), len(self.archive.articles), len(self.passages),
                            dates[0].iso() if dates else "", dates[-1].iso() if dates else "")
