"""The pauses of full garbage collections in a desk holding many readers' conversations.

    python bench/pauses.py 1000000 --work /tmp/bench

A web desk keeps up to ``serve.conversations_kept`` (10,000) readers' conversations, each with
its last answer's citations. This asks one desk (``bot.desks.Desk``, in a process of its own) the
CMRC 2018 trial's real questions in a loop, each by a new reader, with the collector that freezes
what conversations keep (``bot.memory.Collector``) and without it, and prints one table: questions
per second, latency percentiles, the slowest answer, the full collections run (how many, the
longest, all together) and the desk's peak resident memory (frozen conversations are freed all the
same when let go). The archive and index are bench/bench.py's (built under --work when
missing, as bench/throughput.py does).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import archive_and_index  # noqa: E402

from bench import REPO, percentile  # noqa: E402

ASK = """
import gc, json, resource, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, {repo!r}); sys.path.insert(0, {bench!r})
from bench import real_questions
from bot import memory
from bot.config import load_settings
from bot.desks import Desk
from retrieval import ArchiveQA
if not {collector}:
    memory.Collector.answered = lambda self: None
home = Path(tempfile.mkdtemp())
(home / "settings.toml").write_text('[telegram]\\nfeedback_log = "' + str(home / "f.jsonl") + '"\\n')
qa = memory.ready(ArchiveQA.from_folder(Path({archive!r}), cache=Path({cache!r}), update=False))
desk = Desk(qa, load_settings(home / "settings.toml", environ={{}}))
questions = real_questions()
full, started = [], []
def timed(phase, info):
    if info["generation"] != 2:
        return
    if phase == "start":
        started.append(time.perf_counter())
    else:
        full.append(time.perf_counter() - started[-1])
gc.callbacks.append(timed)
latencies, begun = [], time.perf_counter()
for number in range({questions}):
    asked = time.perf_counter()
    desk.ask(None, questions[number % len(questions)], 3)
    latencies.append(time.perf_counter() - asked)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({{"seconds": time.perf_counter() - begun, "latencies": latencies, "full": full, "peak": peak}}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", type=int, help="paragraphs in the synthetic archive")
    parser.add_argument("--work", type=Path, help="where the archive and index are (kept for reuse)")
    parser.add_argument("--questions", type=int, default=20000, help="questions asked, each by a new reader")
    args = parser.parse_args()
    archive, cache = archive_and_index(args.size, args.work or Path(tempfile.mkdtemp(prefix="archive-qa-pauses-")))
    print(f"{args.questions} questions, each by a new reader, of one desk at {args.size:,} paragraphs")
    print()
    print(
        "| collector | questions/s | p50 ms | p99 ms | p99.9 ms | slowest ms | full collections | longest ms | all s "
        "| peak MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for collector in (False, True):
        script = ASK.format(
            repo=str(REPO),
            bench=str(REPO / "bench"),
            collector=collector,
            archive=str(archive),
            cache=str(cache),
            questions=args.questions,
        )
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
        measured = json.loads(run.stdout.splitlines()[-1])
        latencies, full = measured["latencies"], measured["full"]
        print(
            f"| {'freezing conversations' if collector else 'none (Python alone)'} "
            f"| {len(latencies) / measured['seconds']:.0f} "
            + " ".join(f"| {percentile(latencies, share) * 1000:.2f}" for share in (0.5, 0.99, 0.999))
            + f" | {max(latencies) * 1000:.0f} | {len(full)} | {max(full, default=0) * 1000:.0f} | {sum(full):.2f} "
            f"| {measured['peak'] / 2**20:,.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
