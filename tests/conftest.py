"""Shared fixtures: the real seed archive, loaded once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from retrieval.ingest import load_archive
from retrieval.pipeline import ArchiveQA
from retrieval.segment import Segmenter

# Property tests: a few seconds in the default suite; HYPOTHESIS_PROFILE=long for the long run
# documented in the README (every property, many thousand examples each).
settings.register_profile("default", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("long", parent=settings.get_profile("default"), max_examples=6000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def private_index_cache(tmp_path_factory):
    """Indexes built by tests (also by the processes they start) stay out of the user's cache."""
    os.environ["ARCHIVE_QA_CACHE"] = str(tmp_path_factory.mktemp("index-cache"))


@pytest.fixture(scope="session")
def seed_archive():
    return load_archive(SEEDS)


@pytest.fixture(scope="session")
def segmenter():
    return Segmenter()


@pytest.fixture(scope="session")
def seed_qa(seed_archive, segmenter):
    return ArchiveQA.from_archive(seed_archive, segmenter)


def run_cli(*args: str, stdin: str | None = None, cwd: Path | None = None, env: dict | None = None):
    """Run ``archive-qa`` as a user would: a real process, text in and out."""
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd or REPO, env=env, timeout=120)
