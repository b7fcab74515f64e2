"""Compose the cited answer: pick the evidence, cut snippets, know when nothing fits."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from .answer_type import answer_pattern, has_answer
from .documents import Passage
from .index import BM25Index
from .reflow import sentence_parts
from .search import Question, SearchResult
from .segment import Segmenter, normalise

SNIPPET_CHARS = 160
# A passage must share at least this share of the question's weight (IDF of its
# distinct terms) to count as an answer; below it the answer says "no good match".
MIN_COVERAGE = 0.5
# How much holding the asked-for kind of answer counts in choosing a snippet, as a
# share of the weight of the most telling question word.
ANSWER_TYPE_WEIGHT = 0.5


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
    words: list[str] = field(default_factory=list)  # the question's words, for highlighting


class Composer:
    def __init__(
        self,
        segmenter: Segmenter,
        index: BM25Index,
        snippet_chars: int = SNIPPET_CHARS,
        min_coverage: float = MIN_COVERAGE,
    ) -> None:
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
        words = {word: self.index.weight(word) for word in self.segmenter.words(question.search_text)}
        pattern = answer_pattern(question.text)
        cited = [
            CitedHit(
                hit.rank, hit.score, hit.passage, self.snippet(*_in_context(hit.passage), words, pattern), hit.coverage
            )
            for hit in result.hits
        ]
        no_answer = not cited or cited[0].coverage < self.min_coverage
        if no_answer:
            text = "没有找到与问题足够相关的段落。"
        else:
            top = cited[0]
            article = top.passage.article
            when = f"{article.date_text}，" if article.date else ""
            text = f"{top.snippet}（{when}《{article.title}》）"
        return Answer(question.text, text, no_answer, cited, notes, list(words))

    def snippet(
        self, before: str, text: str, after: str, words: dict[str, float], pattern: re.Pattern | None = None
    ) -> str:
        """The run of sentences of ``text`` that best answers the question, within the snippet length.

        A question word counts where it occurs in a sentence, weighted by how rare
        it is in the archive and how few of the sentences carry it (the article's
        subject, named in every sentence, does not pick one out). A run holding
        the kind of answer asked for (a number of 户, a date) counts extra. The
        best run is then widened with following, then preceding, sentences, also
        from the rest of the paragraph (``before``, ``after``), while it fits:
        answers tend to sit right after the words the question repeats.
        """
        head, units, tail = (_units(part, self.snippet_chars) for part in (before, text, after))
        plain = [normalise(unit) for unit in units]
        present = [{word for word in words if word in unit} for unit in plain]
        spread = Counter(word for found in present for word in found)
        local = {
            word: weight * math.log(1 + len(units) / spread[word]) for word, weight in words.items() if spread[word]
        }
        typed = [has_answer(pattern, unit) for unit in plain]
        bonus = ANSWER_TYPE_WEIGHT * max(local.values(), default=0.0)
        best, best_key = (0, 0), None
        for start in range(len(units)):
            length, covered, holds_answer = 0, set(), False
            for end in range(start, len(units)):
                length += len(units[end])
                if length > self.snippet_chars:
                    break
                covered |= present[end]
                holds_answer = holds_answer or typed[end]
                key = (sum(local[word] for word in covered) + (bonus if holds_answer else 0.0), -length)
                if best_key is None or key > best_key:
                    best, best_key = (start, end), key
        units = head + units + tail
        best = (best[0] + len(head), best[1] + len(head))
        start, end = best
        length = sum(len(u) for u in units[start : end + 1])
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
        snippet = "".join(units[start : end + 1]).strip()
        return snippet[: self.snippet_chars]


def _in_context(passage: Passage) -> tuple[str, str, str]:
    """The paragraph text before the passage, the passage, and the text after it."""
    paragraph = passage.article.paragraphs[passage.paragraph - 1]
    start = paragraph.find(passage.text)
    if start < 0:
        return "", passage.text, ""
    return paragraph[:start], passage.text, paragraph[start + len(passage.text) :]


def _units(text: str, limit: int) -> list[str]:
    """Sentences, with any sentence longer than the limit cut into clauses (and clauses into pieces).
    Joined again they are the text: a snippet is always a piece of its paragraph."""
    units: list[str] = []
    for sentence in sentence_parts(text):
        if not sentence.strip() and units:
            units[-1] += sentence
        elif len(sentence) <= limit:
            units.append(sentence)
        else:
            for clause in re.split(r"(?<=[，；：,;:])", sentence):
                units.extend(clause[i : i + limit] for i in range(0, len(clause), limit))
    return units
