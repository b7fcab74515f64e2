"""Train the short-answer scorer on DRCD's answer spans (traditional Chinese, read as simplified).

    python bench/train_spans.py ../shared/eval/drcd_dev.json config/span_model.json

Every paragraph's candidates (retrieval/spans.py) are described and labelled (a candidate is right
when it equals a gold answer without spaces and punctuation). A LightGBM model learns from four
fifths of the articles; the other fifth sets the threshold: the lowest score at which the
candidates offered are still exactly right at least ``--precision`` of the time. The model ranks
the candidates of a question (LambdaRank); a logistic regression over the best one's score, share
and lead, learned on the held-out fifth, says how likely it is to be right. A logistic regression
over the same features is printed beside it. The model is saved as JSON (LightGBM's
own text format inside), never pickled.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter
from pathlib import Path

import lightgbm
import numpy as np
import opencc

try:
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
except ImportError:
    sys.exit("bench/train_spans.py needs scikit-learn: pip install -e '.[train]'")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval.answer import Composer  # noqa: E402
from retrieval.answer_type import asking  # noqa: E402
from retrieval.evaluate import f1  # noqa: E402
from retrieval.query import Analyser  # noqa: E402
from retrieval.segment import default_segmenter  # noqa: E402
from retrieval.spans import (  # noqa: E402
    FEATURES,
    candidates,
    char_aligned,
    describe,
    evidence,
    plain_answer,
)


def examples(path: Path) -> list[dict]:
    """DRCD's questions with their paragraph, in simplified characters."""
    convert = opencc.OpenCC("t2s").convert
    data = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for entry in data["data"]:
        for paragraph in entry["paragraphs"]:
            context = convert(paragraph["context"])
            for qa in paragraph["qas"]:
                answers = [convert(a["text"]) for a in qa["answers"] if a["text"].strip()]
                if answers:
                    found.append(
                        {
                            "article": entry["id"],
                            "question": convert(qa["question"]),
                            "context": context,
                            "answers": answers,
                        }
                    )
    return found


def featurise(cases: list[dict]) -> list[tuple[np.ndarray, np.ndarray, list[str], list[str]]]:
    """Each question's candidates as the reader would meet them: in the snippet the answer shows
    (the sentences of its paragraph that best match the question, words weighted by IDF)."""
    segmenter = default_segmenter()
    analyser = Analyser(segmenter)
    contexts = {case["context"] for case in cases}
    frequency = Counter(word for context in contexts for word in set(segmenter.words(context)))
    composer = Composer(None)  # type: ignore[arg-type]
    groups = []
    for case in cases:
        query = analyser.analyse(case["question"])
        weights = {word: math.log(1 + len(contexts) / (1 + frequency[word])) for word in query.words}
        snippet = composer.snippet("", case["context"], "", weights, query.answer_type)
        text = char_aligned(snippet)
        tokens = segmenter.tagged(text)
        asked = asking(case["question"])
        found = candidates(text, tokens, asked)
        pieces = [snippet[c.start : c.end] for c in found]
        gold = {plain_answer(answer) for answer in case["answers"]}
        labels = np.array([plain_answer(piece) in gold for piece in pieces], dtype=np.float32)
        rows = describe(asked, query.words, text, tokens, found)
        groups.append((rows, labels, pieces, case["answers"]))
    return groups


def best_f1(prediction: str, answers: list[str]) -> float:
    """CMRC's character F1 against the closest of the gold answers."""
    return max(f1(prediction, answer) for answer in answers)


def picks(groups, score) -> list[tuple[float, bool, float]]:
    """The best candidate of every question: (score, exact, F1)."""
    chosen = []
    for rows, labels, pieces, answers in groups:
        if not len(rows):
            chosen.append((-1.0, False, 0.0))
            continue
        scores = score(rows)
        best = int(np.argmax(scores))
        chosen.append((float(scores[best]), bool(labels[best]), best_f1(pieces[best], answers)))
    return chosen


def threshold_for(chosen: list[tuple[float, bool, float]], precision: float) -> float:
    """The lowest score above which the offered answers are exactly right ``precision`` of the time."""
    ordered = sorted(chosen, key=lambda pick: -pick[0])
    right, threshold = 0, float("inf")
    for offered, (score, exact, _) in enumerate(ordered, start=1):
        right += exact
        if offered >= 20 and right / offered >= precision:
            threshold = score
    return threshold


def report(name: str, chosen, threshold: float) -> None:
    given = [pick for pick in chosen if pick[0] >= threshold]
    exact = sum(pick[1] for pick in given) / max(1, len(given))
    print(
        f"{name:<22} top-1 EM {np.mean([p[1] for p in chosen]):.3f}  F1 {np.mean([p[2] for p in chosen]):.3f}  "
        f"| threshold {threshold:.3f}: coverage {len(given) / len(chosen):.3f}, EM where given {exact:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("drcd", type=Path)
    parser.add_argument("model", type=Path)
    parser.add_argument("--precision", type=float, default=0.75, help="exact-match rate the threshold keeps (0.75)")
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args()

    started = time.perf_counter()
    cases = examples(args.drcd)
    articles = sorted({case["article"] for case in cases})
    random.Random(args.seed).shuffle(articles)
    held_out = set(articles[: len(articles) // 5])
    train = featurise([case for case in cases if case["article"] not in held_out])
    test = featurise([case for case in cases if case["article"] in held_out])
    reachable = np.mean([labels.any() for _, labels, _, _ in train + test])
    print(
        f"{len(cases)} questions ({len(train)} to learn from, {len(test)} held out) in {time.perf_counter() - started:.0f} s"
    )
    print(f"the gold answer is among the candidates for {reachable:.3f} of them")

    rows = np.vstack([group[0] for group in train])
    labels = np.concatenate([group[1] for group in train])
    categorical = [FEATURES.index(name) for name in ("wants", "first_tag", "last_tag")]
    booster = lightgbm.train(
        {
            "objective": "lambdarank",  # candidates compete within their question
            "lambdarank_truncation_level": 10,
            "learning_rate": 0.05,
            "num_leaves": 31,
            "min_data_in_leaf": 20,
            "seed": args.seed,
            "deterministic": True,
            "num_threads": 2,
            "verbose": -1,
        },
        lightgbm.Dataset(
            rows,
            labels,
            group=[len(group[0]) for group in train],
            feature_name=list(FEATURES),
            categorical_feature=categorical,
        ),
        num_boost_round=300,
    )
    # How sure: a logistic regression over the best candidate's evidence, learned on the held-out
    # fifth (its threshold from predictions made without each question, by 5-fold cross-validation).
    seen, right, f1s = [], [], []
    for described, truth, pieces, answers in test:
        if not len(described):
            continue
        best, why = evidence(booster.predict(described))
        seen.append(why)
        right.append(bool(truth[best]))
        f1s.append(best_f1(pieces[best], answers))
    calibrator = LogisticRegression(max_iter=1000)
    chance = cross_val_predict(calibrator, np.array(seen), np.array(right), cv=5, method="predict_proba")[:, 1]
    boosted = list(zip(chance.tolist(), right, f1s, strict=True)) + [(-1.0, False, 0.0)] * (len(test) - len(seen))
    threshold = threshold_for(boosted, args.precision)
    report("LightGBM rank (held out)", boosted, threshold)
    calibrator.fit(np.array(seen), np.array(right))

    numeric = [i for i in range(len(FEATURES)) if i not in categorical]
    linear = make_pipeline(
        ColumnTransformer(
            [("kind", OneHotEncoder(handle_unknown="ignore"), categorical), ("scaled", StandardScaler(), numeric)]
        ),
        LogisticRegression(max_iter=2000),
    ).fit(rows, labels)
    linear_picks = picks(test, lambda found: linear.predict_proba(found)[:, 1])
    report("logistic (held out)", linear_picks, threshold_for(linear_picks, args.precision))

    args.model.write_text(
        json.dumps(
            {
                "features": list(FEATURES),
                "threshold": threshold,
                "trained_on": f"{args.drcd.name}: {len(train)} questions (held out for the threshold: {len(test)})",
                "command": "python bench/train_spans.py ../shared/eval/drcd_dev.json config/span_model.json",
                "precision": args.precision,
                "calibration": {"weights": calibrator.coef_[0].tolist(), "bias": float(calibrator.intercept_[0])},
                "booster": booster.model_to_string(),
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    print(f"saved {args.model} ({args.model.stat().st_size // 1024} KB) in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
