"""What re-ranking reads of a passage, kept with the index (a "forward" record a passage), and the
passages a stored index hands out, whose article is read only when something of it is asked for.

A question's 30 candidates were each read back as a whole article (a JSON line of all its
paragraphs) and normalised again, over a quarter of an answer, while only the first few are
ever shown. The index writes, for every passage, what ``search`` measures of it, worked out by
``seen_of`` as an in-memory archive's passages are at question time, so both read the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .documents import Article, Passage
from .segment import normalise


@dataclass(slots=True)
class Seen:
    """A passage as re-ranking reads it: normalised, with where it sits and when."""

    text: str  # the passage's text, normalised
    headline: str  # its article's headline, normalised
    paragraph: str  # its whole paragraph, normalised (``text`` itself when the passage is the whole)
    position: float  # where it first occurs in its paragraph, as a share of the paragraph's length
    year: int | None  # its article's year


def seen_of(passage: Passage) -> Seen:
    """What re-ranking reads of a passage: kept by a stored one, else worked out."""
    if isinstance(passage, StoredPassage):
        return passage.seen
    article = passage.article
    text = normalise(passage.text)
    whole = article.paragraphs[passage.paragraph - 1]
    paragraph = text if len(whole) == len(passage.text) else normalise(whole)  # most passages are whole
    position = max(0, whole.find(passage.text)) / len(whole) if whole else 0.0
    year = article.date.year if article.date else None
    return Seen(text, normalise(article.title), paragraph, position, year)


def record(passage: Passage) -> list:
    """A passage's forward record: what ``Seen`` holds, then what a stored passage knows of its
    article before reading it (source, number, the article a caption illustrates)."""
    seen, article = seen_of(passage), passage.article
    paragraph = None if seen.paragraph is seen.text else seen.paragraph
    return [
        seen.text,
        seen.headline,
        paragraph,
        seen.position,
        seen.year,
        article.source,
        article.number,
        article.illustrates,
    ]


def _read_when_asked(name: str) -> property:
    def read(article: StoredArticle) -> object:
        return getattr(article.whole(), name)

    return property(read, doc=f"The article's {name}, read with the rest of it when first asked for.")


class Shelf(Protocol):
    """Where stored articles are read from (a segment of the index)."""

    def article(self, number: int) -> Article: ...


class StoredArticle(Article):
    """An article of a stored index known by its source, number and what it illustrates (what
    ranking and citing order read of every candidate); the rest is read from its ``shelf`` when
    first asked for (article ``at`` there). It holds the shelf itself, not a function reading from
    it: readers' conversations keep their last answer's articles, and the garbage collector walks
    every object they hold."""

    kind = _read_when_asked("kind")
    title = _read_when_asked("title")
    paragraphs = _read_when_asked("paragraphs")
    byline = _read_when_asked("byline")
    date = _read_when_asked("date")
    date_source = _read_when_asked("date_source")
    title_inferred = _read_when_asked("title_inferred")

    def __init__(self, source: str, number: int, illustrates: int, shelf: Shelf, at: int) -> None:
        self.source, self.number, self.illustrates = source, number, illustrates
        self._shelf, self._at = shelf, at
        self._whole: Article | None = None

    def whole(self) -> Article:
        """The article as stored (read once; two threads asking at once may both read it)."""
        whole = self._whole
        if whole is None:
            whole = self._whole = self._shelf.article(self._at)
        return whole


class StoredPassage(Passage):
    """A passage of a stored index: its text is its article's, read when first asked for."""

    def __init__(self, article: Article, paragraph: int, start: int, end: int, seen: Seen) -> None:
        self.article, self.paragraph, self.seen = article, paragraph, seen
        self._span = start, end

    def __getattr__(self, name: str) -> str:
        if name != "text":
            raise AttributeError(name)
        start, end = self._span
        self.text = self.article.paragraphs[self.paragraph - 1][start:end]
        return self.text
