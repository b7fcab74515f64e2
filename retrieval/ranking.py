"""Learning to rank: BM25's best candidates ordered by a model learned from answered questions.

The hand-set re-ranking (BM25 scaled by coverage squared, lifted for the kind of answer asked
for) weighs a few signals with fixed exponents. A LightGBM LambdaRank model learned from DRCD's
questions (bench/train_ranking.py) weighs more of them: how the question's characters and words
sit in the passage (in one run, close together), which of them its article's other candidate
passages hold too, where it starts in its paragraph, how far BM25 put it. It ships as JSON
(LightGBM's text format inside), never pickled.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .models import Trees, load_model
from .resources import bundled
from .segment import HAN, occurrences

try:
    from ._features import measures as _compiled_measures  # type: ignore[import-not-found]  # no stub
except ImportError:  # built without a C compiler
    _compiled_measures = None

DEFAULT_MODEL = bundled("config") / "rank_model.json"

FEATURES = (
    # what BM25 and the hand-set re-ranking (BM25 x coverage squared x answer-type lift) made of it
    "bm25",
    "bm25_share",  # of the best candidate's
    "bm25_rank",  # its place in BM25's order, from 0
    "hand_set_share",  # the hand-set score against the best
    "hand_set_rank",  # its place in the hand-set order, from 0
    # which of the question's words it holds, weighted by IDF
    "coverage",  # share of their weight found in the passage, its headline, its paragraph (the hand-set's)
    "coverage_lag",  # how far that falls short of the best candidate's
    "text_share",  # share of their weight in the passage's own text
    "headline_share",  # and in its article's headline
    "focus_share",  # share of the weight of the words not in the headline (what the question asks about it)
    "focus_lag",  # how far that falls short of the best candidate's
    # among the candidates of its own article (a long paragraph is cut into several)
    "local_share",  # its words weighted by how few of its article's candidates hold them, against the best
    "article_rank",  # its place in BM25's order among them, from 0
    "article_candidates",  # how many there are
    # the passage, and the question's characters in it
    "chars",  # its length
    "offset",  # where in its paragraph it starts (share of the paragraph's length)
    "question_chars",  # characters of the question's words
    "char_share",  # share of those characters it holds
    "focus_char_share",  # share of the characters of the words not in the headline
    "bigram_share",  # share of the question's character pairs
    "longest_run",  # the longest piece of the question it holds as written, in characters
    "window",  # the shortest stretch holding every question word found, against their length
)


@dataclass(slots=True)
class Candidate:
    """What the re-ranking measured of one candidate passage (made thirty times a question: not
    frozen, which took 1.7 µs each, 0.4 so)."""

    bm25: float
    hand_set: float  # the hand-set re-ranking's score
    text: str  # the passage, normalised
    article: int  # its article's number
    offset: float  # where in its paragraph it starts (share of the paragraph's length)
    coverage: float
    text_share: float
    headline_share: float
    focus_share: float
    focus_chars: str  # the characters of the question's words its article's headline does not hold
    found: tuple[str, ...]  # the question's words its text holds as written, in the question's order


def describe(phrase: str, words: Mapping[str, float], candidates: Sequence[Candidate]) -> np.ndarray:
    """One row of ``FEATURES`` a candidate, in BM25's order; ``phrase`` is the question
    normalised, ``words`` its words and their weights."""
    question = "".join(word for word in words if HAN.search(word))
    pairs = tuple({question[i : i + 2] for i in range(len(question) - 1)})
    measures = _compiled_measures or _measures
    best_bm25 = max((c.bm25 for c in candidates), default=0.0) or 1.0
    best_hand_set = max((c.hand_set for c in candidates), default=0.0) or 1.0
    hand_set_rank = [0] * len(candidates)
    for rank, at in enumerate(sorted(range(len(candidates)), key=lambda at: -candidates[at].hand_set)):
        hand_set_rank[at] = rank  # a stable sort: equal scores keep BM25's order
    best_coverage = max((c.coverage for c in candidates), default=0.0)
    best_focus = max((c.focus_share for c in candidates), default=0.0)
    of_article = Counter(c.article for c in candidates)
    local = _local(words, candidates, of_article)
    best_local: dict[int, float] = {}
    for c, value in zip(candidates, local, strict=True):
        best_local[c.article] = max(best_local.get(c.article, 0.0), value)
    seen: Counter[int] = Counter()
    rows = []
    for row, c in enumerate(candidates):
        rows.append(
            (
                c.bm25,
                c.bm25 / best_bm25,
                row,
                c.hand_set / best_hand_set,
                hand_set_rank[row],
                c.coverage,
                best_coverage - c.coverage,
                c.text_share,
                c.headline_share,
                c.focus_share,
                best_focus - c.focus_share,
                local[row] / best_local[c.article] if best_local[c.article] else 0.0,
                seen[c.article],
                of_article[c.article],
                len(c.text),
                c.offset,
                len(question),
                *measures(phrase, question, pairs, c.focus_chars, c.text, c.found),
            )
        )
        seen[c.article] += 1
    return np.array(rows, dtype=np.float64).reshape(len(candidates), len(FEATURES))


def _local(words: Mapping[str, float], candidates: Sequence[Candidate], of_article: Counter[int]) -> list[float]:
    """Each candidate's question words (``found``), weighted by how few of its article's candidates
    (``of_article`` counts them) hold them: the article's subject, named in all of them, does not
    pick one out."""
    spread = Counter((c.article, word) for c in candidates if of_article[c.article] > 1 for word in c.found)
    rarity = {key: math.log(1 + of_article[key[0]] / count) for key, count in spread.items()}
    # summed in the question's word order (``found`` keeps it), so that it is the same number every run;
    # an article's only candidate holds each of its words alone: log(1 + 1 / 1)
    return [
        sum(words[word] * rarity[c.article, word] for word in c.found)
        if of_article[c.article] > 1
        else sum(words[word] * _ALONE for word in c.found)
        for c in candidates
    ]


_ALONE = math.log(2)


def _measures(
    phrase: str, question: str, pairs: tuple[str, ...], focus_chars: str, text: str, found: Sequence[str]
) -> tuple[float, float, float, int, float]:
    """The last five ``FEATURES`` of a candidate's ``text`` (``_features.measures`` compiled):
    the shares of the question's characters, of its focus characters and of its character
    ``pairs`` that it holds, the longest piece of ``phrase`` it holds as written, and the
    shortest stretch holding the question's words ``found`` in it."""
    return (
        _char_share(question, text),
        _char_share(focus_chars, text),
        sum(map(text.__contains__, pairs)) / len(pairs) if pairs else 0.0,
        _longest_run(phrase, text),
        _window(text, found),
    )


def _char_share(characters: str, held: str) -> float:
    """The share of ``characters`` that ``held`` holds (1.0 when there are none to find)."""
    return sum(map(held.__contains__, characters)) / len(characters) if characters else 1.0


def _longest_run(phrase: str, text: str) -> int:
    """The longest piece of ``phrase`` that ``text`` holds as it stands: from each start, only a
    piece longer than the best so far is worth trying."""
    best = start = 0
    while start + best < len(phrase):
        if phrase[start : start + best + 1] in text:
            best += 1
        else:
            start += 1
    return best


def _window(text: str, found: Sequence[str]) -> float:
    """The shortest stretch of ``text`` holding every word of ``found``, over their total length
    (1.0: side by side; 0 when none is found)."""
    if not found:
        return 0.0
    spots = sorted((at, index) for index, word in enumerate(found) for at in occurrences(text, word))
    need, have, counts, left, best = len(found), 0, [0] * len(found), 0, len(text) + 1
    for at, index in spots:
        counts[index] += 1
        have += counts[index] == 1
        while have == need:
            start, first = spots[left]
            best = min(best, at + len(found[index]) - start)
            counts[first] -= 1
            have -= counts[first] == 0
            left += 1
    return best / sum(len(word) for word in found)


class RankModel:
    """The learned ranker, read from its JSON file when first used."""

    def __init__(self, path: Path = DEFAULT_MODEL) -> None:
        self.path = Path(path)

    @functools.cached_property
    def _loaded(self) -> tuple[Trees, dict]:
        return load_model(self.path, FEATURES, "bench/train_ranking.py")

    def load(self) -> None:
        """Read the model now rather than when first used."""
        self._loaded  # noqa: B018 - a cached property, read for its effect

    @property
    def answerable(self) -> float:
        """The least score of a first passage offered as the answer, chosen with the model on DRCD's
        held-out fifth (bench/train_ranking.py); below it the answer is "no good match" (a model
        without one: -inf, coverage alone decides)."""
        least = self._loaded[1].get("answerable")
        return -math.inf if least is None else float(least)

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return self._loaded[0].predict(rows)


@functools.lru_cache(maxsize=1)
def rank_model() -> RankModel | None:
    """The bundled model, or None when none is shipped (the hand-set re-ranking then decides)."""
    return RankModel() if DEFAULT_MODEL.exists() else None
