"""The real bot under load while the Bot API fails: every question answered or politely refused,
none answered twice, memory flat.

The default suite runs a small soak (10 users); the full one (100 users, 1,000 questions) is
``python -m pytest -m soak -s`` and prints its figures (README, "Faults and load").
"""

from __future__ import annotations

import os
import random
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from botapi_stub import BotApiStub, Faults
from conftest import SEEDS, TOKEN, running_bot

TESTS = Path(__file__).resolve().parent
POLITE = {
    "answered": ("[1] ", "没有找到"),
    "refused: too many questions": ("提问太频繁",),
    "refused: nothing to search": ("问题里没有文字",),
    "refused: failed": ("出错了",),
}


@dataclass
class Figures:
    users: int
    questions: int
    replies: Counter  # by kind (POLITE's keys, or "impolite")
    lost: int  # questions that got no reply in a minute
    twice: int  # replies beyond one a question
    injected: Counter
    seconds: float
    latency_ms: list[float]
    rss_mb: list[tuple[int, float]]  # (questions answered so far, bot's resident memory)
    bot_cpu_seconds: float  # the bot process's CPU time over the soak

    def rss_after(self, answered: int) -> float:
        return next(rss for done, rss in self.rss_mb if done >= answered)

    def table(self) -> str:
        latency = sorted(self.latency_ms)
        warm = self.rss_after(self.questions * 3 // 10)
        rows = [
            ("users / questions", f"{self.users} / {self.questions}"),
            *((kind, str(self.replies[kind])) for kind in [*POLITE, "impolite"]),
            ("lost / answered twice", f"{self.lost} / {self.twice}"),
            ("faults injected", ", ".join(f"{n} {kind}" for kind, n in sorted(self.injected.items()))),
            ("wall time", f"{self.seconds:.1f} s ({self.questions / self.seconds:.1f} questions/s)"),
            (
                "bot CPU time",
                f"{self.bot_cpu_seconds:.1f} s ({1000 * self.bot_cpu_seconds / self.questions:.0f} ms a question)",
            ),
            (
                "reply latency p50 / p99 / max",
                f"{statistics.median(latency):.0f} / "
                f"{latency[int(len(latency) * 0.99) - 1]:.0f} / {latency[-1]:.0f} ms",
            ),
            (
                "bot memory after 30% / at the end / peak",
                f"{warm:.0f} / {self.rss_mb[-1][1]:.0f} / {max(rss for _, rss in self.rss_mb):.0f} MB",
            ),
        ]
        return "\n".join(f"| {name} | {value} |" for name, value in rows)


def questions() -> list[str]:
    seed = [
        line.split("\t")[0]
        for line in (TESTS / "seed_questions.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    off_topic = [
        line for line in (TESTS / "off_topic_questions.txt").read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return seed + off_topic + ["🙂🙂", "林俊贤在八十九十年代是哪个电视台的当家小生？", "十二九月二六十日开了什么会"]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def soak(home: Path, users: int, per_user: int, faults: Faults) -> Figures:
    """``users`` people each asking ``per_user`` questions in turn (the next once the last is
    answered, as people do), all at once, against a Bot API server that fails as ``faults`` says."""
    pool = questions()
    stub = BotApiStub(TOKEN, faults)
    settings = f'[telegram]\nrate_limit_per_minute = 9\nresults_kept = 200\nfeedback_log = "{home / "fb.jsonl"}"\n'
    lost, latency, asked = [0], [], [0]
    lock = threading.Lock()

    def person(number: int) -> None:
        chat = 50_000 + number
        mine = random.Random(number)
        for turn in range(per_user):
            started = time.monotonic()
            stub.message(chat, mine.choice(pool))
            with lock:
                asked[0] += 1
            if not stub.wait_for_delivered(chat, turn + 1, timeout=60):
                with lock:
                    lost[0] += per_user - turn  # a person left without an answer gives up
                return
            with lock:
                latency.append((time.monotonic() - started) * 1000)

    with running_bot(SEEDS, home, settings, stub=stub) as bot:
        started, cpu_before = time.monotonic(), _cpu_seconds(bot.process.pid)
        people = [threading.Thread(target=person, args=(n,)) for n in range(users)]
        for thread in people:
            thread.start()
        rss = []
        while any(thread.is_alive() for thread in people):
            rss.append((len(latency), _rss_mb(bot.process.pid)))
            time.sleep(0.2)
        seconds = time.monotonic() - started
        rss.append((len(latency), _rss_mb(bot.process.pid)))
        cpu = _cpu_seconds(bot.process.pid) - cpu_before
        time.sleep(2)  # time for a late duplicate to show
        replies: Counter = Counter()
        for _, message in stub.delivered:
            kind = next(
                (kind for kind, marks in POLITE.items() if any(mark in message["text"] for mark in marks)), "impolite"
            )
            replies[kind] += 1
        twice = sum(max(0, count - per_user) for count in stub.delivered_to.values())
    return Figures(users, users * per_user, replies, lost[0], twice, faults.injected, seconds, latency, rss, cpu)


def test_a_small_soak_with_every_kind_of_fault(tmp_path):
    figures = soak(tmp_path, users=10, per_user=3, faults=Faults(share=0.2, slow_seconds=(0.1, 0.5)))
    print("\n" + figures.table())
    assert figures.lost == 0 and figures.twice == 0, figures.table()
    assert figures.replies["impolite"] == 0 and sum(figures.replies.values()) == 30, figures.table()
    assert set(figures.injected) == {"500", "429", "slow", "drop"}, figures.table()


@pytest.mark.soak
@pytest.mark.parametrize("failing", [0.0, 0.2], ids=["no faults", "20% of requests failing"])
def test_a_hundred_users_a_thousand_questions_while_the_server_fails(tmp_path, failing):
    figures = soak(tmp_path, users=100, per_user=10, faults=Faults(share=failing))
    print(f"\nfaults: {failing:.0%} of requests\n" + figures.table())
    assert figures.lost == 0 and figures.twice == 0
    assert figures.replies["impolite"] == 0 and sum(figures.replies.values()) == 1000
    warm, end = figures.rss_after(300), figures.rss_mb[-1][1]
    assert end - warm <= max(10.0, 0.05 * warm), f"memory grew from {warm:.0f} MB to {end:.0f} MB"
