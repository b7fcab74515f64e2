"""Shared fixtures: the real seed archive, loaded once."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, settings

from bot.cli import main
from retrieval.ingest import load_archive
from retrieval.pipeline import ArchiveQA
from retrieval.segment import Segmenter

from botapi_stub import BotApiStub

# Property tests: a few seconds in the default suite; HYPOTHESIS_PROFILE=long for the long run
# documented in the README (every property, many thousand examples each).
settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("long", parent=settings.get_profile("default"), max_examples=20_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: two workers a core, at most eight. The slowest tests mostly wait on the processes
    they start (a bot, a web server, an index build) and on the stand-in servers' replies; on two cores,
    four workers ran the suite in 79-92 s where two took 95-105 (a noisy machine: 92 and 98 side by side)."""
    return min(8, 2 * (os.cpu_count() or 1))


REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
TOKEN = "123456789:AAFakeTokenForTheStandInServer_0123456789"
# The processes the tests start (the CLI, the bot, the web server's workers) share the package's
# compiled modules (__pycache__, as pip leaves its dependencies'), made by the first of them, rather
# than each compiling it at its start: ~0.4 s a process where PYTHONDONTWRITEBYTECODE is set.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@pytest.fixture(scope="session", autouse=True)
def private_index_cache(tmp_path_factory):
    """Indexes built by tests (also by the processes they start) stay out of the user's cache, and
    the user's own settings out of the tests."""
    os.environ["ARCHIVE_QA_CACHE"] = str(tmp_path_factory.mktemp("index-cache"))
    os.environ["HOME"] = str(tmp_path_factory.mktemp("home"))  # no user's ~/.config/archive-qa/config.toml
    os.environ.pop("ARCHIVE_QA_CONFIG", None)


@pytest.fixture(scope="session")
def seed_archive():
    return load_archive(SEEDS)


@pytest.fixture(scope="session")
def segmenter():
    return Segmenter()


@pytest.fixture(scope="session")
def seed_qa(seed_archive, segmenter):
    return ArchiveQA.from_archive(seed_archive, segmenter)


@pytest.fixture
def cli(monkeypatch, capsys):
    """``archive-qa ARGS`` in this process, ``stdin`` piped in: its exit status, output and errors."""

    def run(*args: str, stdin: str | bytes = b""):
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        status = main(list(args))
        captured = capsys.readouterr()
        return SimpleNamespace(returncode=status, stdout=captured.out, stderr=captured.err)

    return run


def many_pages_of(seeds: Path, folder: Path, copies: int) -> Path:
    """The seed pages ``copies`` times over, each copy a page of its own (a build of a few seconds)."""
    folder.mkdir(exist_ok=True)
    for copy in range(copies):
        for page in seeds.glob("*.txt"):
            text = page.read_text(encoding="utf-8").replace("示范区", f"第{copy}示范区", 1)
            (folder / f"{copy:03d}_{page.name}").write_text(text, encoding="utf-8")
    return folder


def run_cli(*args: str, stdin: str | None = None, cwd: Path | None = None, env: dict | None = None):
    """Run ``archive-qa`` as a user would: a real process, text in and out."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        env=env,
        timeout=120,
    )


@contextmanager
def running_bot(archive, home, settings: str, command=("-m", "bot.cli"), stub: BotApiStub | None = None, **env):
    """The real CLI (or ``command``, e.g. the fault-injecting one) serving ``archive`` against a fresh
    stand-in Bot API server."""
    config = home / "settings.toml"
    config.write_text(settings, encoding="utf-8")
    stub = (stub or BotApiStub(TOKEN)).start()
    log_path = home / "bot.log"
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": stub.base_url, **env}
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, *command, "telegram", "--archive", str(archive), "--config", str(config)],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=log,
        )
    try:
        stub.wait_for_polling()
        yield SimpleNamespace(stub=stub, process=process, log=log_path)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        stub.stop()
