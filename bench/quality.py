"""Retrieval quality, side by side: BM25 peers and archive-qa with each of its parts turned off.

    python bench/quality.py [../shared/eval/cmrc2018_trial.json]

Every row asks the same questions and scores them the same way as
``archive-qa eval``: a question hits at rank r when the r-th cited snippet (at
most 160 characters) contains the gold answer and comes from the question's own
paragraph. The peers cite their passage's first 160 characters; archive-qa
cites its chosen snippet. The seed questions (tests/seed_questions.tsv) are
asked of the bundled archive in the same run. archive-qa ranks with its learned ranker
(retrieval/ranking.py, trained on DRCD by bench/train_ranking.py); one row shows the hand-set
re-ranking it replaced. The last columns score archive-qa's short answers
(retrieval/spans.py) against CMRC's gold answers, as ``archive-qa eval`` does.
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from pathlib import Path

import jieba
import numpy as np
from rank_bm25 import BM25Okapi

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from retrieval import answer, answer_type, search  # noqa: E402
from retrieval.evaluate import _plain, evaluate, load_squad, load_tsv  # noqa: E402
from retrieval.ingest import load_archive  # noqa: E402
from retrieval.passages import passages_of  # noqa: E402
from retrieval.pipeline import ArchiveQA  # noqa: E402
from retrieval.segment import Segmenter  # noqa: E402

PUNCTUATION = re.compile(r"^[\W_]+$")


def peer(archive, cases, tokenize) -> tuple[float, float]:
    """rank-bm25 over 150-character passages, citing each passage's first 160 characters."""
    passages = [p for article in archive.articles for p in passages_of(article, 150)]
    model = BM25Okapi([tokenize(p.text) for p in passages])
    hits1 = hits5 = 0
    for case in cases:
        scores = model.get_scores(tokenize(case.question))
        top = np.argsort(-scores)[:5]
        ranks = [
            rank
            for rank, i in enumerate(top, 1)
            if passages[i].article.source == case.source and _plain(case.gold) in _plain(passages[i].text[:160])
        ]
        hits1 += bool(ranks) and ranks[0] == 1
        hits5 += bool(ranks)
    return hits1 / len(cases), hits5 / len(cases)


def words(text: str) -> list[str]:
    return jieba.lcut(text)


def words_no_punctuation(text: str) -> list[str]:
    return [w for w in jieba.lcut(text) if w.strip() and not PUNCTUATION.match(w)]


def words_and_bigrams(text: str) -> list[str]:
    tokens = words_no_punctuation(text)
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


@contextmanager
def patched(module, **values):
    saved = {name: getattr(module, name) for name in values}
    for name, value in values.items():
        setattr(module, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)


def main() -> int:
    dev = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "eval" / "cmrc2018_trial.json"
    archive, cases = load_squad(dev)
    seeds = load_archive(REPO / "seeds")
    seed_cases = load_tsv(REPO / "tests" / "seed_questions.tsv")
    rows = []
    for name, tokenize in (
        ("rank-bm25 + jieba.lcut", words),
        ("rank-bm25 + jieba, punctuation removed", words_no_punctuation),
        ("rank-bm25 + jieba words and character bigrams", words_and_bigrams),
    ):
        hit1, hit5 = peer(archive, cases, tokenize)
        rows.append((name, hit1, None, hit5, None, None, None))

    def ours(name: str, segmenter: Segmenter, passage_chars: int = 150, learned: bool = True) -> None:
        qa = ArchiveQA.from_archive(archive, segmenter, passage_chars)
        seed_qa = ArchiveQA.from_archive(seeds, segmenter, passage_chars)
        if not learned:
            qa.searcher.model = seed_qa.searcher.model = None
        dev_scores = evaluate(qa.ask, cases)
        seed_scores = evaluate(seed_qa.ask, seed_cases)
        rows.append(
            (
                name,
                dev_scores.hit_at_1,
                dev_scores.hit_at_3,
                dev_scores.hit_at_5,
                dev_scores.mrr_at_10,
                seed_scores.hit_at_1,
                dev_scores.spans,
            )
        )

    full = Segmenter()
    ours("archive-qa", full)
    ours("  hand-set re-ranking instead of the learned ranker", full, learned=False)
    with patched(search, COVERAGE_POWER=0.0):
        ours("  without coverage re-ranking", full)
    with patched(search, FUNCTION_WORD_WEIGHT=0.0):
        ours("  function words not counted in coverage", full)
    with patched(answer_type, ANSWER_TYPE_LIFT=0.0, DEFINITION_LIFT=0.0), patched(answer, ANSWER_TYPE_WEIGHT=0.0):
        ours("  without answer types", full)
    ours("  without bigrams", Segmenter(bigrams=False))
    ours("  function words indexed (no stopword list)", Segmenter(stopwords=None))
    ours("  question words kept (no question-word list)", Segmenter(question_words=None))
    ours("  without the user dictionary", Segmenter(user_dict=None))
    ours("  passages of 300 characters", full, 300)
    ours("  whole paragraphs as passages", full, 100_000)

    print(
        "| system | CMRC hit@1 | hit@3 | hit@5 | MRR@10 | seed hit@1 "
        "| short answers: coverage | EM where given | F1 where given | EM over all |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, hit1, hit3, hit5, mrr, seed, spans in rows:

        def cell(value):
            return "-" if value is None else f"{value:.3f}"

        short = (
            [spans.coverage, spans.exact_where_given, spans.f1_where_given, spans.exact_overall]
            if spans
            else [None] * 4
        )
        print(
            f"| {name} | {cell(hit1)} | {cell(hit3)} | {cell(hit5)} | {cell(mrr)} | {cell(seed)} | "
            + " | ".join(cell(value) for value in short)
            + " |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
