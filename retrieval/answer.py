"""Compose the cited answer: pick the evidence, cut snippets, know when nothing fits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .documents import Passage
from .index import BM25Index
from .reflow import split_sentences
from .search import Question, SearchResult
from .segment import Segmenter

SNIPPET_CHARS = 160
# A passage must share at least this share of the question's weight (IDF of its
# distinct terms) to count as an answer; below it the answer says "no good match".
MIN_COVERAGE = 0.45


@dataclass
class CitedHit:
    rank: int
    score: float
    passage: Passage
    snippet: str
    coverage: float  # share of the question's term weight found in the passage


@dataclass
class Answer:
    question: str
    text: str  # one line
    no_answer: bool
    hits: list[CitedHit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Composer:
    def __init__(self, segmenter: Segmenter, index: BM25Index,
                 snippet_chars: int = SNIPPET_CHARS, min_coverage: float = MIN_COVERAGE) -> None:
        self.segmenter = segmenter
        self.index = index
        self.snippet_chars = snippet_chars
        self.min_coverage = min_coverage

    def compose(self, question: Question, result: SearchResult) -> Answer:
        notes = list(question.notes)
        if result.date_range is not None:
            if result.relaxed:
                notes.append(f"档案中没有{result.date_range.text}的文章，以下结果未按日期筛选。")
            else:
                notes.append(f"只检索了{result.date_range.text}的文章。")
        weights = {term: self.index.idf(term) for term in result.terms}
        total = sum(weights.values())
        cited = []
        for hit in result.hits:
            found = set(self.segmenter.terms(hit.passage.article.title + "\n" + hit.passage.text))
            coverage = sum(w for t, w in weights.items() if t in found) / total if total else 0.0
            cited.append(CitedHit(hit.rank, hit.score, hit.passage,
                                  self.snippet(hit.passage.text, weights), coverage))
        no_answer = not cited or cited[0].coverage < self.min_coverage
        if no_answer:
            text = "没有找到与问题足够相关的段落。"
        else:
            top = cited[0]
            article = top.passage.article
            when = f"{article.date_text}，" if article.date else ""
            text = f"{top.snippet}（{when}《{article.title}》）"
        return Answer(question.text, text, no_answer, cited, notes)

    def snippet(self, text: str, weights: dict[str, float]) -> str:
        """The sentences of a passage that best cover the question, within the snippet length.

        The best-covering run of sentences is taken first, then widened with the
        sentences after and before it while it fits: answers tend to sit right
        after the words the question repeats.
        """
        units = _units(text, self.snippet_chars)
        unit_terms = [set(self.segmenter.terms(unit)) & weights.keys() for unit in units]
        best, best_key = (0, 0), None
        for start in range(len(units)):
            length, covered = 0, set()
            for end in range(start, len(units)):
                length += len(units[end])
                if length > self.snippet_chars:
                    break
                covered |= unit_terms[end]
                key = (sum(weights[term] for term in covered), -length)
                if best_key is None or key > best_key:
                    best, best_key = (start, end), key
        start, end = best
        length = sum(len(u) for u in units[start:end + 1])
        while True:
            grown = False
            if end + 1 < len(units) and length + len(units[end + 1]) <= self.snippet_chars:
                end += 1
                length += len(units[end])
                grown = True
            if start > 0 and length + len(units[start - 1]) <= self.snippet_chars:
                start -= 1
                length += len(units[start])
                grown = True
            if not grown:
                break
        snippet = "".join(units[start:end + 1]).strip()
        return snippet[: self.snippet_chars]


def _units(text: str, limit: int) -> list[str]:
    """Sentences, with any sentence longer than the limit cut into clauses (and clauses into pieces)."""
    units: list[str] = []
    for sentence in split_sentences(text) or [text]:
        if len(sentence) <= limit:
            units.append(sentence)
            continue
        for clause in re.split(r"(?<=[，；：,;:])", sentence):
            units.extend(clause[i:i + limit] for i in range(0, len(clause), limit) if clause[i:i + limit])
    return units
