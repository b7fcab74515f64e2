"""Train the passage ranker on DRCD's questions (traditional Chinese, read as simplified).

    python bench/train_ranking.py ../shared/eval/drcd_dev.json config/rank_model.json

DRCD's paragraphs become an archive, one document each, titled by their article, and each
question is searched there as archive-qa searches: BM25's best 30 passages, measured as the
re-ranking measures them (retrieval/ranking.py's FEATURES). A passage is labelled 2 when it comes
from the question's paragraph and holds its answer, 1 when it only comes from that paragraph.
A LightGBM LambdaRank model learns from four fifths of the articles; the other fifth is held out
and both rankings, hand-set and learned, are scored on it (hit@1: the first passage holds the
answer). The CMRC 2018 trial set is never read here: it measures the result
(``archive-qa eval``, bench/quality.py). The model is saved as JSON (LightGBM's text format
inside), never pickled; the same command remakes the same file.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import lightgbm
import numpy as np
import opencc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval.errors import BadQuestion  # noqa: E402
from retrieval.evaluate import Case, _plain, squad_archive  # noqa: E402
from retrieval.pipeline import ArchiveQA  # noqa: E402
from retrieval.query import Analyser  # noqa: E402
from retrieval.ranking import FEATURES  # noqa: E402


def simplified(path: Path) -> dict:
    """A DRCD file with every string in simplified characters."""
    convert = opencc.OpenCC("t2s").convert
    return json.loads(convert(path.read_text(encoding="utf-8")))


def groups(qa: ArchiveQA, cases: list[Case]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Each question's candidates: feature rows, labels and the hand-set scores."""
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
        found.append((rows, labels, np.array([hit.score for hit in hits])))
    return found


def hit_at_1(found, score) -> float:
    """Share of questions whose best-scored candidate holds the answer (no answer found: a miss)."""
    return float(np.mean([labels[int(np.argmax(score(rows, hand_set)))] == 2 for rows, labels, hand_set in found]))


MONOTONE = {"hand_set_share": 1, "coverage": 1, "hand_set_rank": -1, "coverage_lag": -1}


def learn(found, seed: int, rounds: int) -> lightgbm.Booster:
    """LambdaRank over the questions whose answer is among their candidates."""
    learnable = [group for group in found if (group[1] == 2).any()]
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
            np.vstack([rows for rows, _, _ in learnable]),
            np.concatenate([labels for _, labels, _ in learnable]),
            group=[len(rows) for rows, _, _ in learnable],
            feature_name=list(FEATURES),
        ),
        num_boost_round=rounds,
    )


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
    reachable = np.mean([(labels == 2).any() for _, labels, _ in train + test])
    print(
        f"{len(cases)} questions over {len(archive.articles)} paragraphs ({len(train)} to learn from, "
        f"{len(test)} held out) in {time.perf_counter() - started:.0f} s; "
        f"the answer is among BM25's 30 for {reachable:.3f}"
    )
    print(f"held-out hit@1: hand-set {hit_at_1(test, lambda rows, hand: hand):.3f}, ", end="")
    booster = learn(train, args.seed, args.rounds)
    print(f"learned {hit_at_1(test, lambda rows, hand: booster.predict(rows)):.3f}")
    booster = learn(train + test, args.seed, args.rounds)  # the model shipped learns from every question
    importance = booster.feature_importance("gain")
    for name, gain in sorted(zip(FEATURES, importance, strict=True), key=lambda pair: -pair[1]):
        print(f"  {name:<20} {gain / importance.sum():.3f}")
    spec = {"features": list(FEATURES), "booster": booster.model_to_string()}
    args.model.write_text(json.dumps(spec, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"saved {args.model}")


if __name__ == "__main__":
    main()
