"""From a question to ranked passages: checks, terms, date restriction, BM25."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .answer_type import answer_pattern, has_answer
from .dates import DateRange, PartialDate, question_range
from .documents import Passage
from .index import BM25Index
from .segment import Segmenter, normalise

MAX_QUESTION_CHARS = 500
RERANK_DEPTH = 30  # candidates looked at again after BM25 (20 to 100 measured the same on both question sets)
ANSWER_TYPE_BOOST = 0.3  # score lift for a passage that holds the kind of answer asked for
COVERAGE_POWER = 2.0  # score scale = (share of question weight covered) ** power
# Function words are not indexed, so they have no IDF; in coverage they weigh at most what a word
# found in half the passages would (log 2).
FUNCTION_WORD_WEIGHT = math.log(2)


class BadQuestion(ValueError):
    """A question that cannot be searched; the message says why, for the user."""


@dataclass
class Question:
    text: str  # as asked (maybe shortened)
    date_range: DateRange | None  # from the question, or given by the caller
    notes: list[str] = field(default_factory=list)  # said to the user with the answer

    @property
    def search_text(self) -> str:
        """The question without its asking phrases (有多高, 多长): they name no content."""
        return _ASKING.sub(" ", self.text)


_ASKING = re.compile(r"有?多[高长远大重久深宽厚快]")


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
    coverage: float  # share of the question's word weight found in the passage and its headline


@dataclass
class SearchResult:
    terms: list[str]
    hits: list[Hit]
    date_range: DateRange | None  # the restriction in force, if any
    relaxed: bool = False  # a restriction matched nothing and was dropped


class Searcher:
    """Ranks an archive's passages for questions."""

    def __init__(
        self, passages: Sequence[Passage], segmenter: Segmenter, index: BM25Index, dates: PassageDates
    ) -> None:
        self.passages = passages
        self.segmenter = segmenter
        self.index = index
        self.dates = dates

    def search(self, question: Question, k: int) -> SearchResult:
        terms = self.segmenter.terms(question.search_text)
        date_range, relaxed, allowed = question.date_range, False, None
        if date_range is not None:
            allowed = self.dates.admitted(date_range)
            if not allowed.any():
                relaxed, allowed = True, None
        depth = max(k, RERANK_DEPTH)
        ids, scores = self.index.top(terms, depth, allowed)
        if not np.any(scores > 0) and any(self.index.knows(term) for term in terms):
            # Okapi's IDF is zero or floored for terms in half the passages or more, so a
            # tiny archive (two documents) can score nothing at all: let coverage decide.
            if not len(ids):
                ids = (np.flatnonzero(allowed) if allowed is not None else np.arange(len(self.passages)))[:depth]
            scores = np.ones(len(ids))
        return SearchResult(terms, self._rerank(question, ids, scores, k), date_range, relaxed)

    def _rerank(self, question: Question, ids: np.ndarray, scores: np.ndarray, k: int) -> list[Hit]:
        """Look again at the best BM25 candidates with what BM25 cannot see.

        BM25 rewards repeating some question words; the answer usually holds
        *all* of them, so each candidate's score is scaled by the share of the
        question's word weight it covers (words found anywhere in its headline
        and text, whatever the segmentation; function words count a little),
        and lifted when it holds the kind of answer asked for ("多少户" wants a
        number of households).
        """
        words = question_weights(self.segmenter, self.index, question)
        total = sum(words.values())
        pattern = answer_pattern(question.text)
        hits = []
        for i, score in zip(ids, scores, strict=True):
            passage = self.passages[i]
            text = normalise(passage.text)
            headline = normalise(passage.article.title)
            coverage = sum(w for word, w in words.items() if word in text or word in headline) / total if total else 0.0
            lift = 1 + ANSWER_TYPE_BOOST if has_answer(pattern, text) else 1.0
            hits.append(Hit(0, float(score) * lift * coverage**COVERAGE_POWER, passage, coverage))
        hits.sort(key=lambda hit: -hit.score)
        hits = [hit for hit in hits if hit.score > 0][:k]
        for rank, hit in enumerate(hits, start=1):
            hit.rank = rank
        return hits


def question_weights(segmenter: Segmenter, index: BM25Index, question: Question) -> dict[str, float]:
    """How much each word of a question counts: its smoothed IDF; a function word, which the
    index does not hold, as little as the least telling content word, and at most log 2."""
    words = segmenter.question_content(question.search_text)
    weights = {word: index.weight(word) for word in words if word not in segmenter.stopwords}
    floor = min(weights.values(), default=FUNCTION_WORD_WEIGHT)
    for word in words:
        if word in segmenter.stopwords:
            weights[word] = min(FUNCTION_WORD_WEIGHT, floor)
    return weights


class PassageDates:
    """Every passage's date as arrays, so a date range is checked for all of them at once."""

    def __init__(self, rows: np.ndarray) -> None:
        """``rows``: per passage, first and last day (ordinals), month and day (0 when unknown)."""
        rows = np.asarray(rows, dtype=np.int64).reshape(-1, 4)
        self.first, self.last, self.month, day = rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3]
        self.dated = self.first > 0
        self.low = self.month * 100 + np.where(day > 0, day, 1)
        self.high = self.month * 100 + np.where(day > 0, day, 31)

    @staticmethod
    def row(date: PartialDate | None) -> list[int]:
        if date is None:
            return [0, 0, 0, 0]
        return [date.first_day().toordinal(), date.last_day().toordinal(), date.month or 0, date.day or 0]

    def admitted(self, date_range: DateRange) -> np.ndarray:
        """``DateRange.admits`` for every passage."""
        if date_range.yearless is not None:
            (low_month, low_day), (high_month, high_day) = date_range.yearless
            within = (self.low <= high_month * 100 + high_day) & (self.high >= low_month * 100 + low_day)
            return self.dated & ((self.month == 0) | within)
        allowed = self.dated.copy()
        if date_range.end is not None:
            allowed &= self.first <= date_range.end.toordinal()
        if date_range.start is not None:
            allowed &= self.last >= date_range.start.toordinal()
        return allowed
