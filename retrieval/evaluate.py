"""Measure retrieval quality: question sets in, hit@1, hit@3, MRR out.

Question sets come as TSV (question<TAB>gold text), as SQuAD-style JSON (CMRC
2018), or as the bot's feedback log (JSON lines of rated answers). A question
hits at rank r when the r-th cited snippet contains the gold text (and, for
CMRC, comes from the question's own paragraph).
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .answer import Answer
from .documents import Archive, ArchiveReport, Article
from .errors import BadQuestion
from .spans import plain_answer


@dataclass
class Case:
    question: str
    gold: str  # text the cited snippet must contain
    source: str = ""  # when set, the hit must also come from this source
    answers: tuple[str, ...] = ()  # every gold short answer (SQuAD files): the span is scored against them


@dataclass
class Scores:
    questions: int
    hit_at_1: float
    hit_at_3: float
    hit_at_5: float
    mrr_at_10: float
    mean_snippet_chars: float
    questions_per_second: float
    misses: list[tuple[Case, Answer | None, int | None]]  # not cited first: (case, answer, rank found)
    errors: list[tuple[Case, Exception]]  # questions whose answering failed (also counted as misses)
    spans: SpanScores | None = None  # short answers, for question sets with gold answers


@dataclass
class SpanScores:
    """Short answers against gold answers (CMRC's measures: exact match and character F1, both
    without spaces and punctuation)."""

    questions: int
    given: int  # questions given a short answer
    exact: int  # of those, exactly right
    f1: float  # sum of F1 over those given

    @property
    def coverage(self) -> float:
        return _share(self.given, self.questions)

    @property
    def exact_where_given(self) -> float:
        return _share(self.exact, self.given)

    @property
    def f1_where_given(self) -> float:
        return _share(self.f1, self.given)

    @property
    def exact_overall(self) -> float:
        """Exact match over every question, one without a short answer counting as wrong."""
        return _share(self.exact, self.questions)

    @property
    def f1_overall(self) -> float:
        return _share(self.f1, self.questions)


def _share(part: float, whole: int) -> float:
    return part / whole if whole else 0.0


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def load_tsv(path: Path) -> list[Case]:
    """``question<TAB>gold`` a line; ``#`` comments and blank lines are skipped."""
    cases = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        question, tab, gold = line.partition("\t")
        if not tab or not question.strip() or not gold.strip():
            raise ValueError(f"{path} line {number}: expected question<TAB>gold text")
        cases.append(Case(question.strip(), gold.strip()))
    return cases


def load_squad(path: Path) -> tuple[Archive, list[Case]]:
    """A SQuAD/CMRC file as an archive (one document per paragraph) and its questions."""
    return squad_archive(json.loads(Path(path).read_text(encoding="utf-8-sig")))


SQUAD_SHAPE = '{"data": [{"paragraphs": [{"context": "…", "qas": [{"question": "…", "answers": [{"text": "…"}]}]}]}]}'


def squad_archive(data: dict) -> tuple[Archive, list[Case]]:
    """SQuAD-style data as an archive (one document per paragraph, titled by its entry) and its
    questions; ValueError, saying the shape expected, for data of another shape."""
    articles: list[Article] = []
    cases: list[Case] = []
    report = ArchiveReport()
    try:
        for entry in data["data"]:
            for paragraph in entry["paragraphs"]:
                source = str(paragraph.get("id") or f"p{len(articles) + 1}")
                articles.append(Article(source, 1, "document", entry.get("title", ""), [str(paragraph["context"])]))
                report.pages.append(source)
                for qa in paragraph["qas"]:
                    answers = [str(a["text"]) for a in qa.get("answers", []) if a.get("text")]
                    if answers and isinstance(qa.get("question"), str):
                        cases.append(Case(qa["question"], answers[0], source, tuple(dict.fromkeys(answers))))
    except KeyError as error:
        raise ValueError(f"not a SQuAD-style file: no {error} where one was expected ({SQUAD_SHAPE})") from None
    except (TypeError, AttributeError):
        raise ValueError(f"not a SQuAD-style file: expected {SQUAD_SHAPE}") from None
    return Archive(articles, report), cases


def load_feedback(path: Path) -> list[Case]:
    """Rated answers from the bot: a 👍 answer's first cited snippet is the gold text."""
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("verdict") == "up" and record.get("hits"):
            top = record["hits"][0]
            cases.append(Case(record["question"], top["snippet"], top.get("source", "")))
    return cases


def evaluate(ask: Callable[[str], Answer], cases: list[Case], depth: int = 10) -> Scores:
    """Ask every question once; ``ask`` must return up to ``depth`` hits."""
    reciprocal, hits1, hits3, hits5, snippet_chars, snippets = 0.0, 0, 0, 0, 0, 0
    misses: list[tuple[Case, Answer | None, int | None]] = []
    errors: list[tuple[Case, Exception]] = []
    spans = SpanScores(sum(1 for case in cases if case.answers), 0, 0, 0.0)
    started = time.perf_counter()
    for case in cases:
        try:
            answer = ask(case.question)
        except BadQuestion:
            misses.append((case, None, None))
            continue
        except Exception as error:  # noqa: BLE001 - reported with the scores; the other questions go on
            errors.append((case, error))
            misses.append((case, None, None))
            continue
        if case.answers and answer.span is not None:
            spans.given += 1
            spans.exact += any(plain_answer(answer.span.text) == plain_answer(gold) for gold in case.answers)
            spans.f1 += max(f1(answer.span.text, gold) for gold in case.answers)
        gold = _plain(case.gold)
        rank = next(
            (
                hit.rank
                for hit in answer.hits[:depth]
                if gold in _plain(hit.snippet) and (not case.source or hit.passage.article.source == case.source)
            ),
            None,
        )
        for hit in answer.hits[:1]:
            snippet_chars += len(hit.snippet)
            snippets += 1
        if rank != 1:
            misses.append((case, answer, rank))
        if rank is None:
            continue
        reciprocal += 1 / rank
        hits1 += rank == 1
        hits3 += rank <= 3
        hits5 += rank <= 5
    elapsed = time.perf_counter() - started
    total = len(cases) or 1
    return Scores(
        len(cases),
        hits1 / total,
        hits3 / total,
        hits5 / total,
        reciprocal / total,
        snippet_chars / snippets if snippets else 0.0,
        len(cases) / elapsed if elapsed else 0.0,
        misses,
        errors,
        spans if spans.questions else None,
    )


def f1(prediction: str, gold: str) -> float:
    """CMRC 2018's F1: characters of the longest common subsequence, spaces and punctuation left out."""
    guess, truth = plain_answer(prediction), plain_answer(gold)
    if not guess or not truth:
        return 0.0
    row = [0] * (len(truth) + 1)
    for char in guess:
        previous_diagonal = 0
        for j, other in enumerate(truth):
            saved = row[j + 1]
            row[j + 1] = previous_diagonal + 1 if char == other else max(row[j + 1], row[j])
            previous_diagonal = saved
    common = row[-1]
    if not common:
        return 0.0
    precision, recall = common / len(guess), common / len(truth)
    return 2 * precision * recall / (precision + recall)
