"""The shipped models are what their training commands make (``pytest -m models``; CI runs it)."""

import subprocess
import sys

import pytest

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
