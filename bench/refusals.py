"""Honest refusals: questions the archive cannot answer should get "no good match".

    python bench/refusals.py [--news PARAGRAPHS]

The CMRC 2018 trial set's paragraphs are split in two (every other article): the archive holds one
half, beside the seed pages and, with ``--news``, a synthetic news archive of that many paragraphs
(bench/bench.py's, from ../shared/corpora). Every question is asked: those about the half held
should be answered, with the right passage first; those about the other half should be refused.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench import make_archive  # noqa: E402
from retrieval.evaluate import _plain, load_squad  # noqa: E402
from retrieval.ingest import load_archive  # noqa: E402
from retrieval.pipeline import ArchiveQA  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", type=Path, default=REPO.parent / "shared" / "eval" / "cmrc2018_trial.json")
    parser.add_argument("--news", type=int, default=0, help="paragraphs of synthetic news beside them")
    args = parser.parse_args()
    cmrc, cases = load_squad(args.dev)
    held = {article.source for number, article in enumerate(cmrc.articles) if number % 2 == 0}
    archive = load_archive(REPO / "seeds")
    archive.articles.extend(article for article in cmrc.articles if article.source in held)
    if args.news:
        with tempfile.TemporaryDirectory() as folder:
            make_archive(args.news, Path(folder))
            archive.articles.extend(load_archive(Path(folder)).articles)
    qa = ArchiveQA.from_archive(archive)
    answerable = answered = right = unanswerable = refused = 0
    for case in cases:
        if not case.question.strip():
            continue
        answer = qa.ask(case.question)
        if case.source in held:
            first = answer.hits[0] if answer.hits else None
            answerable += 1
            answered += not answer.no_answer
            right += bool(
                not answer.no_answer
                and first is not None
                and first.passage.article.source == case.source
                and _plain(case.gold) in _plain(first.snippet)
            )
        else:
            unanswerable += 1
            refused += answer.no_answer
    print("| archive | answerable | answered | right first | unanswerable | refused |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| half of CMRC + seeds + {args.news:,} news paragraphs | {answerable} | {answered / answerable:.3f} "
        f"| {right / answerable:.3f} | {unanswerable} | {refused / unanswerable:.3f} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
