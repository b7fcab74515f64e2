"""The shipped models: what their training commands make (``pytest -m models``; CI runs it), and
their trees scored the same walked compiled as by LightGBM."""

import subprocess
import sys

import numpy as np
import pytest

from retrieval.models import Trees
from retrieval.ranking import RankModel
from retrieval.spans import SpanModel

from conftest import REPO, SHARED


@pytest.mark.models
@pytest.mark.parametrize(
    ("script", "model"), [("bench/train_ranking.py", "rank_model.json"), ("bench/train_spans.py", "span_model.json")]
)
def test_the_shipped_model_is_what_its_training_command_makes(tmp_path, script, model):
    """The training is deterministic: a change to what a model reads must ship the model made again."""
    assert (SHARED / "eval" / "drcd_dev.json").exists(), "the training data: ../shared/eval/drcd_dev.json"
    made = tmp_path / "model.json"
    command = [sys.executable, script, str(SHARED / "eval" / "drcd_dev.json"), str(made)]
    trained = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    assert trained.returncode == 0, trained.stderr
    remake = f"python {script} ../shared/eval/drcd_dev.json config/{model}"
    assert made.read_bytes() == (REPO / "config" / model).read_bytes(), f"remake it: {remake}"


def test_the_install_compiles_the_walk_of_the_rankers_trees():
    assert RankModel()._loaded[0].walked, "retrieval._forest was not built: pip install needs a C compiler"


def test_the_walked_trees_score_as_lightgbm_to_the_last_bit():
    """Rows drawn at the model's own thresholds (a value equal to one goes left, as in LightGBM),
    just off them, at zero, at what LightGBM reads as zero, and missing."""
    trees = RankModel()._loaded[0]
    thresholds = trees._laid_out[3][trees._laid_out[3] != 0.0]
    rng = np.random.default_rng(7)
    rows = rng.choice(thresholds, size=(3000, trees.width))
    rows += rng.choice([0.0, 0.0, np.nextafter(0, 1), -1e-9, 1e-9], size=rows.shape) * np.abs(rows)
    rows[rng.random(rows.shape) < 0.05] = 0.0
    rows[rng.random(rows.shape) < 0.02] = 1e-36
    rows[rng.random(rows.shape) < 0.02] = np.nan
    assert np.array_equal(trees.predict(rows), trees.booster.predict(rows, num_threads=1))


def test_trees_the_walk_does_not_follow_are_predicted_by_lightgbm():
    """The short-answer model splits on categories (==): LightGBM scores it, as before."""
    trees = SpanModel()._loaded[0]
    rows = np.random.default_rng(3).normal(size=(50, trees.width))
    assert not trees.walked
    assert np.array_equal(trees.predict(rows), trees.booster.predict(rows, num_threads=1))


def test_a_model_the_walk_does_not_follow_is_told_from_its_text_without_dumping_it(monkeypatch):
    """Dumping the short answers' 300 trees took 130 ms at every start, to find a categorical split."""
    booster = SpanModel()._loaded[0].booster
    monkeypatch.setattr(booster, "dump_model", lambda: pytest.fail("the model was dumped"))
    assert not Trees(booster, booster.model_to_string()).walked
