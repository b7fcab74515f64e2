"""From a question to ranked passages: checks, terms, date restriction, BM25."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from .dates import DateRange, question_range
from .documents import Passage
from .index import BM25Index
from .segment import Segmenter

MAX_QUESTION_CHARS = 500


class BadQuestion(ValueError):
    """A question that cannot be searched; the message says why, for the user."""


@dataclass
class Question:
    text: str  # as searched (maybe shortened)
    date_range: DateRange | None  # from the question, or given by the caller
    notes: list[str] = field(default_factory=list)  # said to the user with the answer


def prepare_question(raw: str, date_range: DateRange | None = None) -> Question:
    """Check a question and find the date it asks about.

    Raises BadQuestion for text with nothing to search (empty, only emoji or
    punctuation); a very long question is shortened, and the user told so.
    """
    text = re.sub(r"\s+", " ", raw or "").strip()
    if not text:
        raise BadQuestion("问题是空的：请输入要查询的问题。")
    if not any(unicodedata.category(char)[0] in "LN" for char in text):
        raise BadQuestion("问题里没有文字（只有表情或符号）：请用文字提问。")
    notes = []
    if len(text) > MAX_QUESTION_CHARS:
        notes.append(f"问题太长（{len(text)} 字），只用了前 {MAX_QUESTION_CHARS} 字检索。")
        text = text[:MAX_QUESTION_CHARS]
    if date_range is None:
        date_range = question_range(text)
    return Question(text, date_range, notes)


@dataclass
class Hit:
    rank: int
    score: float
    passage: Passage


@dataclass
class SearchResult:
    terms: list[str]
    hits: list[Hit]
    date_range: DateRange | None  # the restriction in force, if any
    relaxed: bool = False  # a restriction matched nothing and was dropped


class Searcher:
    """Ranks an archive's passages for questions."""

    def __init__(self, passages: list[Passage], segmenter: Segmenter, index: BM25Index) -> None:
        self.passages = passages
        self.segmenter = segmenter
        self.index = index

    def search(self, question: Question, k: int) -> SearchResult:
        terms = self.segmenter.terms(question.text)
        scores = self.index.scores(terms) if terms else np.zeros(len(self.passages))
        date_range, relaxed = question.date_range, False
        if date_range is not None:
            allowed = np.fromiter((date_range.admits(p.article.date) for p in self.passages),
                                  dtype=bool, count=len(self.passages))
            if allowed.any():
                scores = np.where(allowed, scores, -np.inf)
            else:
                relaxed = True
        return SearchResult(terms, self._top(scores, k), date_range, relaxed)

    def _top(self, scores: np.ndarray, k: int) -> list[Hit]:
        k = min(k, len(scores))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((top, -scores[top]))]
        return [Hit(rank, float(scores[i]), self.passages[i])
                for rank, i in enumerate(top, start=1) if scores[i] > 0]
