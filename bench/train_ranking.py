"""Train the passage ranker on DRCD's questions (traditional Chinese, read as simplified).

    python bench/train_ranking.py ../shared/eval/drcd_dev.json config/rank_model.json

DRCD's paragraphs become an archive, one document each, titled by their article, and each
question is searched there as archive-qa searches: BM25's best 30 passages, measured as the
re-ranking measures them (retrieval/ranking.py's FEATURES). A passage is labelled 2 when it comes
from the question's paragraph and holds its answer, 1 when it only comes from that paragraph.
A LightGBM LambdaRank model learns from four fifths of the articles; the other fifth is held out
and both rankings, hand-set and learned, are scored on it (hit@1: the first passage holds the
answer). The held-out questions are then asked again of an archive without their articles, and the
least score at which a first passage is offered as the answer (below it, "no good match") is the one
that keeps the most held-out questions answered right first less those answered without their
paragraph; it is saved with the model. The CMRC 2018 trial set is never read here: it measures the result
(``archive-qa eval``, bench/quality.py). The model is saved as JSON (LightGBM's text format
inside), never pickled; the same command remakes the same file.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path
from typing import NamedTuple

import lightgbm
import numpy as np
import opencc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval.answer import MIN_COVERAGE  # noqa: E402
from retrieval.documents import Archive  # noqa: E402
from retrieval.errors import BadQuestion  # noqa: E402
from retrieval.evaluate import Case, _plain, squad_archive  # noqa: E402
from retrieval.pipeline import ArchiveQA  # noqa: E402
from retrieval.query import Analyser  # noqa: E402
from retrieval.ranking import FEATURES  # noqa: E402


def simplified(path: Path) -> dict:
    """A DRCD file with every string in simplified characters."""
    convert = opencc.OpenCC("t2s").convert
    return json.loads(convert(path.read_text(encoding="utf-8")))


class Group(NamedTuple):
    """One question's candidates."""

    rows: np.ndarray  # their features
    labels: np.ndarray  # 2: from the question's paragraph, holding its answer; 1: from it; 0
    hand_set: np.ndarray  # the hand-set re-ranking's scores
    coverage: np.ndarray  # the share of the question's weight each covers ("no good match" below MIN_COVERAGE)


def groups(qa: ArchiveQA, cases: list[Case]) -> list[Group]:
    """Each question's candidates, as the re-ranking measures them."""
    found = []
    for case in cases:
        try:
            query = qa.analyser.analyse(case.question)
        except BadQuestion:
            continue
        hits, rows = qa.searcher.described(query)
        if not hits:
            continue
        gold = _plain(case.gold)
        labels = np.array(
            [(hit.passage.article.source == case.source) * (1 + (gold in _plain(hit.passage.text))) for hit in hits],
            dtype=np.float64,
        )
        found.append(
            Group(rows, labels, np.array([hit.score for hit in hits]), np.array([hit.coverage for hit in hits]))
        )
    return found


def hit_at_1(found, score) -> float:
    """Share of questions whose best-scored candidate holds the answer (no answer found: a miss)."""
    return float(np.mean([group.labels[int(np.argmax(score(group.rows, group.hand_set)))] == 2 for group in found]))


MONOTONE = {"hand_set_share": 1, "coverage": 1, "hand_set_rank": -1, "coverage_lag": -1}


def learn(found, seed: int, rounds: int) -> lightgbm.Booster:
    """LambdaRank over the questions whose answer is among their candidates."""
    learnable = [group for group in found if (group.labels == 2).any()]
    return lightgbm.train(
        {
            "objective": "lambdarank",
            "lambdarank_truncation_level": 10,
            "learning_rate": 0.05,
            "num_leaves": 15,
            "min_data_in_leaf": 50,
            "feature_fraction": 0.8,
            "bagging_fraction": 0.8,
            "bagging_freq": 1,
            # what the hand-set re-ranking prefers, and coverage, only ever count for a passage
            "monotone_constraints": [MONOTONE.get(name, 0) for name in FEATURES],
            "seed": seed,
            "deterministic": True,
            "num_threads": 2,
            "verbose": -1,
        },
        lightgbm.Dataset(
            np.vstack([group.rows for group in learnable]),
            np.concatenate([group.labels for group in learnable]),
            group=[len(group.rows) for group in learnable],
            feature_name=list(FEATURES),
        ),
        num_boost_round=rounds,
    )


class First(NamedTuple):
    """A question's first passage by a model."""

    score: float
    covered: bool  # covers MIN_COVERAGE of the question's weight (else "no good match" anyway)
    right: bool  # holds the answer


def firsts(booster: lightgbm.Booster, found: list[Group]) -> list[First]:
    """Each question's first passage by the model."""
    chosen = []
    for group in found:
        scores = booster.predict(group.rows)
        best = int(np.argmax(scores))
        chosen.append(
            First(float(scores[best]), bool(group.coverage[best] >= MIN_COVERAGE), bool(group.labels[best] == 2))
        )
    return chosen


def least_score(answerable: list[First], unanswerable: list[First]) -> float:
    """The least score a first passage needs to be offered as the answer: the one that keeps the
    most questions answered by their first passage less the questions answered though the archive
    lacks their paragraph (-inf when no score does better than coverage alone)."""
    gains = sorted(
        [(first.score, int(first.right)) for first in answerable if first.covered]
        + [(first.score, -1) for first in unanswerable if first.covered]
    )
    from_each = np.cumsum([gain for _, gain in gains[::-1]])[::-1]  # answering from each score up gains
    best = int(np.argmax(from_each)) if gains else 0
    return gains[best][0] if best > 0 else float("-inf")


def offered(chosen: list[First], least: float) -> tuple[int, int]:
    """How many questions get an answer, and how many an answer their first passage holds."""
    answered = [first for first in chosen if first.covered and first.score >= least]
    return len(answered), sum(first.right for first in answered)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("drcd", type=Path)
    parser.add_argument("model", type=Path)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()

    started = time.perf_counter()
    data = simplified(args.drcd)
    archive, cases = squad_archive(data)
    article_of = {str(paragraph.get("id")): entry["id"] for entry in data["data"] for paragraph in entry["paragraphs"]}
    articles = sorted(set(article_of.values()))
    random.Random(args.seed).shuffle(articles)
    held_out = set(articles[: len(articles) // 5])
    qa = ArchiveQA.from_archive(archive)
    qa.searcher.model = None
    # Questions read as jieba cuts them, as bench/train_spans.py reads them: cutting back a particle
    # jieba's HMM glued to a word (过康养; Analyser's ``known``) changes one of DRCD's 3,524
    # questions, and LightGBM's trees with it, which moves CMRC by a few questions either way (noise).
    qa.analyser = Analyser(qa.segmenter)
    train = groups(qa, [case for case in cases if article_of[case.source] not in held_out])
    test = groups(qa, [case for case in cases if article_of[case.source] in held_out])
    reachable = np.mean([(group.labels == 2).any() for group in train + test])
    print(
        f"{len(cases)} questions over {len(archive.articles)} paragraphs ({len(train)} to learn from, "
        f"{len(test)} held out) in {time.perf_counter() - started:.0f} s; "
        f"the answer is among BM25's 30 for {reachable:.3f}"
    )
    print(f"held-out hit@1: hand-set {hit_at_1(test, lambda rows, hand: hand):.3f}, ", end="")
    booster = learn(train, args.seed, args.rounds)
    print(f"learned {hit_at_1(test, lambda rows, hand: booster.predict(rows)):.3f}")
    # the held-out questions again, asked of an archive without their articles: none can be answered
    without = ArchiveQA.from_archive(
        Archive([article for article in archive.articles if article_of[article.source] not in held_out], archive.report)
    )
    without.searcher.model, without.analyser = None, Analyser(without.segmenter)
    answerable = firsts(booster, test)
    unanswerable = firsts(booster, groups(without, [case for case in cases if article_of[case.source] in held_out]))
    least = least_score(answerable, unanswerable)
    print(
        f"offered as an answer from a learned score of {least:.3f}: held-out questions answered right first "
        f"{offered(answerable, -math.inf)[1]} -> {offered(answerable, least)[1]} of {len(answerable)}, answered "
        f"without their paragraph {offered(unanswerable, -math.inf)[0]} -> {offered(unanswerable, least)[0]} "
        f"of {len(unanswerable)}"
    )
    booster = learn(train + test, args.seed, args.rounds)  # the model shipped learns from every question
    importance = booster.feature_importance("gain")
    for name, gain in sorted(zip(FEATURES, importance, strict=True), key=lambda pair: -pair[1]):
        print(f"  {name:<20} {gain / importance.sum():.3f}")
    spec = {
        "features": list(FEATURES),
        "answerable": round(least, 6) if math.isfinite(least) else None,
        "booster": booster.model_to_string(),
    }
    args.model.write_text(json.dumps(spec, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"saved {args.model}")


if __name__ == "__main__":
    main()
