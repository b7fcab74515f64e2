"""POST /api/ask against a real ``archive-qa serve`` over the seeds, beside the same questions asked
in-process: what the HTTP front end adds to an answer.

    python bench/web.py [ROUNDS]     # each round asks the 48 seed questions once (default 5)
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))  # throughput.py: how a question is posted

from throughput import post_question  # noqa: E402

from bot.config import load_settings  # noqa: E402
from bot.desks import Desk  # noqa: E402
from bot.memory import ready  # noqa: E402
from retrieval import ArchiveQA, load_tsv  # noqa: E402


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.99) - 1)]


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    questions = [case.question for case in load_tsv(REPO / "tests" / "seed_questions.tsv")] * rounds
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    home = Path(tempfile.mkdtemp(prefix="archive-qa-web-bench-"))
    (home / "settings.toml").write_text("[serve]\nrate_limit_per_minute = 1000000\n", encoding="utf-8")
    env = {**os.environ, "ARCHIVE_QA_CACHE": str(home / "cache")}
    server = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve", "--config", str(home / "settings.toml"), "--port", str(port)],
        cwd=REPO,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=url) as client:
            for _ in range(300):
                try:
                    client.get("/healthz")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
        # asked with the standard library's client, the lightest at hand (httpx: ~1.4 ms a question)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        over_http = []
        for question in questions[:1] + questions:  # the first asked once more, to warm up
            started = time.perf_counter()
            status, text = post_question(connection, question)
            over_http.append((time.perf_counter() - started) * 1000)
            assert status == 200, text
        connection.close()
        del over_http[0]
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
    # the same JSON made in this process (the short answer, the first page's snippets, remarks)
    desk = Desk(
        ready(ArchiveQA.from_folder(REPO / "seeds", cache=home / "cache")), load_settings(home / "settings.toml")
    )
    desk.ask(None, questions[0], 3)  # warm
    direct = []
    for question in questions:
        started = time.perf_counter()
        desk.ask(None, question, 3)
        direct.append((time.perf_counter() - started) * 1000)
    print("| system | questions | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|")
    for name, samples in (
        ("POST /api/ask (uvicorn, HTTP/1.1 keep-alive)", over_http),
        ("the same answers made in-process (Desk.ask)", direct),
    ):
        p50, p99 = percentiles(samples)
        print(f"| {name} | {len(samples)} | {p50:.2f} | {p99:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
