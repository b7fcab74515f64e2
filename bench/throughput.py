"""Questions per second with readers asking at once: ``archive-qa serve`` over HTTP, answering in
one process (threads) and in several worker processes, with 1, 2, 4 and 8 clients.

    python bench/throughput.py 1000000 --work /tmp/bench

builds (or reuses, under --work) the synthetic archive of bench/bench.py and its index (the one
bench.py built there, when there is one), then starts the real server for each process count and has
N client threads ask the CMRC 2018 trial's real questions over HTTP: the same questions for every N
(``--questions``, split between the clients, none repeated; asked once before, so that every row
meets the same warmed caches), so that each row answers the same work. It prints one table:
questions per second, its ratio to one client, and the median and 99th percentile latency a client
saw.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import REPO, make_archive, percentile, real_questions  # noqa: E402

CLIENTS = (1, 2, 4, 8)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(archive: Path, cache: Path, processes: int, home: Path) -> tuple[subprocess.Popen, str]:
    config = home / "settings.toml"
    config.write_text(
        f'[archive]\ncache = "{cache}"\n[serve]\nrate_limit_per_minute = 1000000\n'
        f'[telegram]\nfeedback_log = "{home / "feedback.jsonl"}"\n',
        encoding="utf-8",
    )
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve", "--archive", str(archive), "--config", str(config)]
        + ["--port", str(port), "--processes", str(processes)],
        cwd=REPO,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while True:
        try:
            if httpx.get(url + "/healthz", timeout=5).status_code == 200:
                return process, url
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("the server did not start")
        time.sleep(0.5)


def post_question(connection: http.client.HTTPConnection, question: str) -> tuple[int, bytes]:
    """``POST /api/ask`` on a kept-alive connection: the status and the body."""
    body = json.dumps({"question": question}).encode()
    connection.request("POST", "/api/ask", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, response.read()


def load(url: str, clients: int, questions: list[str]) -> tuple[float, list[float]]:
    """``clients`` threads, each asking its share of ``questions`` one after another."""
    latencies: list[float] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        mine = questions[number::clients]
        address = urlsplit(url)
        # the standard library's client, one kept-alive connection: clients share the server's two
        # cores, and httpx spent ~1.4 ms of CPU a question there (the whole server ~6)
        connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=120)
        try:
            for question in mine:
                started = time.perf_counter()
                status, text = post_question(connection, question)
                elapsed = time.perf_counter() - started
                if status not in (200, 422):
                    raise SystemExit(f"{status}: {text.decode(errors='replace')}")
                with lock:
                    latencies.append(elapsed)
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies) / (time.perf_counter() - started), latencies


def archive_and_index(size: int, work: Path) -> tuple[Path, Path]:
    """The synthetic archive of ``size`` paragraphs under ``work`` and its index's cache folder
    (the one bench/bench.py built there, when there is one), made when missing."""
    archive, cache = work / f"archive-{size}", work / f"throughput-index-{size}"
    if not archive.exists():
        make_archive(size, archive)
    cache_folder = work / f"index-{size}"
    if not cache_folder.exists():
        if not cache.exists():
            subprocess.run(
                [sys.executable, "-m", "bot.cli", "index", "--archive", str(archive)],
                cwd=REPO,
                env={**os.environ, "ARCHIVE_QA_CACHE": str(cache)},
                check=True,
                stdout=subprocess.DEVNULL,
            )
        (cache_folder,) = cache.iterdir()
    return archive, cache_folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", type=int, help="paragraphs in the synthetic archive")
    parser.add_argument("--work", type=Path, help="where the archive and index are (kept for reuse)")
    parser.add_argument("--processes", type=int, nargs="*", default=[1, 2])
    parser.add_argument(
        "--questions",
        type=int,
        default=1000,
        help="questions asked at each client count (1000: a row of 400 took 1-2 s, too short to be steady)",
    )
    args = parser.parse_args()
    archive, cache_folder = archive_and_index(
        args.size, args.work or Path(tempfile.mkdtemp(prefix="archive-qa-throughput-"))
    )
    questions = real_questions()
    rows = []
    for processes in args.processes:
        home = Path(tempfile.mkdtemp(prefix="archive-qa-serve-"))
        server, url = serve(archive, cache_folder, processes, home)
        try:
            asked = questions[: args.questions]
            load(url, 2, asked)  # every desk warmed on these questions once, so that no row is the first
            single = None
            for clients in CLIENTS:
                rate, latencies = load(url, clients, asked)
                single = single or rate
                rows.append((processes, clients, rate, rate / single, latencies))
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=60)
    print(f"# {args.size:,} paragraphs, {os.cpu_count()} cores; real questions (CMRC 2018 trial) over HTTP")
    print("| processes | clients | questions/s | × one client | p50 ms | p99 ms |")
    print("|---:|---:|---:|---:|---:|---:|")
    for processes, clients, rate, ratio, latencies in rows:
        print(
            f"| {processes} | {clients} | {rate:.1f} | {ratio:.2f} | {percentile(latencies, 0.5) * 1000:.1f} "
            f"| {percentile(latencies, 0.99) * 1000:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
