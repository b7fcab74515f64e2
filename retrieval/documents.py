"""The archive's domain: articles and the passages cut from them."""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import PartialDate


@dataclass
class Article:
    """One article, caption or plain document, reconstructed from a source file."""

    source: str  # file name inside the archive (plus ``#line`` for JSON-lines records)
    number: int  # position in its source, from 1
    kind: str  # "article", "caption" or "document"
    title: str
    paragraphs: list[str]
    byline: str = ""
    date: PartialDate | None = None
    date_source: str = ""  # "dateline", "manifest" or "inferred" ("" when undated)
    title_inferred: bool = False  # the page printed no headline; the title is the lead's first clause
    illustrates: int = 0  # a photo caption: the number of the article it illustrates on its page (0: none found)

    @property
    def title_source(self) -> str:
        """Where the title comes from: ``headline`` (printed on the page, or given with the record),
        ``lead`` (the lead's first clause: printed without a headline) or ``caption`` (a photo
        caption's first clause)."""
        if self.kind == "caption":
            return "caption"
        return "lead" if self.title_inferred else "headline"

    @property
    def date_text(self) -> str:
        return self.date.iso() if self.date else ""


@dataclass
class Passage:
    """The unit of retrieval: a paragraph, or a piece of a long one, of one article."""

    article: Article
    paragraph: int  # paragraph number in the article, from 1
    text: str


@dataclass
class ArchiveReport:
    """What ingestion found, so no page is ever lost silently."""

    pages: list[str] = field(default_factory=list)  # sources read, in order
    encodings: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one readable sentence each

    def problem(self, message: str) -> None:
        self.problems.append(message)


@dataclass
class Archive:
    articles: list[Article]
    report: ArchiveReport
