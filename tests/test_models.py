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


@pytest.mark.parametrize("model", [RankModel, SpanModel])
def test_the_walked_trees_score_as_lightgbm_to_the_last_bit(model):
    """Rows drawn at the model's own thresholds (a value equal to one goes left, as in LightGBM),
    just off them, at zero, at what LightGBM reads as zero, and missing; categories (the short
    answers' model splits on sets of them) in and out of range, cut toward zero, negative, huge."""
    trees = model()._loaded[0]
    assert trees.walked
    thresholds = trees._laid_out[3][trees._laid_out[3] != 0.0]
    rng = np.random.default_rng(7)
    rows = rng.choice(thresholds, size=(3000, trees.width))
    rows += rng.choice([0.0, 0.0, np.nextafter(0, 1), -1e-9, 1e-9], size=rows.shape) * np.abs(rows)
    categories = rng.integers(-3, 70, size=rows.shape) + rng.choice([0.0, 0.0, 0.5, -0.5, 0.999], size=rows.shape)
    as_category = rng.random(rows.shape) < 0.4
    rows[as_category] = categories[as_category]
    rows[rng.random(rows.shape) < 0.05] = 0.0
    rows[rng.random(rows.shape) < 0.02] = 1e-36
    rows[rng.random(rows.shape) < 0.02] = np.nan
    rows[rng.random(rows.shape) < 0.01] = 3e9
    rows[rng.random(rows.shape) < 0.01] = -np.inf
    assert np.array_equal(trees.predict(rows), trees.booster.predict(rows, num_threads=1))


def test_trees_the_walk_does_not_follow_are_predicted_by_lightgbm():
    """A model that learned where missing values go (splits of another kind than the walk's):
    LightGBM scores it, the same as its own booster."""
    import lightgbm

    rng = np.random.default_rng(3)
    data = rng.normal(size=(400, 3))
    data[rng.random(data.shape) < 0.3] = np.nan
    labels = np.nan_to_num(data[:, 0], nan=2.0) + rng.normal(scale=0.1, size=400)
    booster = lightgbm.train({"verbose": -1, "num_leaves": 4}, lightgbm.Dataset(data, labels), num_boost_round=5)
    trees = Trees(booster.model_to_string())
    assert not trees.walked
    assert np.array_equal(trees.predict(data), booster.predict(data, num_threads=1))


def test_answering_with_the_shipped_models_never_imports_lightgbm():
    """Importing LightGBM took 0.5-1.5 s at every start of every front end (SciPy, scikit-learn):
    the shipped models' trees are read from their text and walked."""
    script = (
        "import sys; from retrieval.pipeline import ArchiveQA; qa = ArchiveQA.from_folder(sys.argv[1]); "
        "found = qa.ask('示范区低收入群体排查出多少户？'); print(found.span.text if found.span else None); "
        "print('lightgbm' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", script, str(REPO / "seeds")], capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["1713户", "False"]
