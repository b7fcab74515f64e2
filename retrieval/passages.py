"""Cut articles into passages, the units the index ranks and the answer cites."""

from __future__ import annotations

from .documents import Article, Passage
from .reflow import split_sentences
from .segment import Segmenter

DEFAULT_PASSAGE_CHARS = 150


def passages_of(article: Article, max_chars: int = DEFAULT_PASSAGE_CHARS) -> list[Passage]:
    """One passage a paragraph; a long paragraph is cut at sentence ends into pieces of
    at most ``max_chars`` (a single longer sentence stays whole)."""
    passages = []
    for number, paragraph in enumerate(article.paragraphs, start=1):
        for piece in _pieces(paragraph, max_chars):
            passages.append(Passage(article, number, piece))
    return passages


def _pieces(paragraph: str, max_chars: int) -> list[str]:
    if len(paragraph) <= max_chars:
        return [paragraph]
    pieces: list[str] = []
    current = ""
    for sentence in split_sentences(paragraph):
        if current and len(current) + len(sentence) > max_chars:
            pieces.append(current)
            current = ""
        current += sentence
    if current:
        pieces.append(current)
    return pieces


def index_terms(segmenter: Segmenter, article: Article, passages: list[Passage]) -> list[list[str]]:
    """What the index sees of each passage: its article's headline, then its own text.

    The headline is segmented once per article, not once per passage: the
    same terms as segmenting ``headline + "\n" + text``, for less work.
    """
    headline = segmenter.terms(article.title)
    return [headline + segmenter.terms(passage.text) for passage in passages]
