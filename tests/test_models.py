"""The shipped models: what their training commands make (``pytest -m models``; CI runs it), and
their trees scored the same walked compiled as by LightGBM."""

import json
import math
import subprocess
import sys
from collections.abc import Iterator

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
    """The training is deterministic: a change to what a model reads must ship the model made again.
    Its trees are compared to the byte; the numbers a solver finds (the short answers' calibration, by
    scikit-learn over OpenBLAS) to the ninth digit: OpenBLAS sums in the order of the kernel it picks for
    the processor, so another machine moves them in their fifteenth digit (OPENBLAS_CORETYPE=Sandybridge
    does here)."""
    assert (SHARED / "eval" / "drcd_dev.json").exists(), "the training data: ../shared/eval/drcd_dev.json"
    made = tmp_path / "model.json"
    command = [sys.executable, script, str(SHARED / "eval" / "drcd_dev.json"), str(made)]
    trained = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    assert trained.returncode == 0, trained.stderr
    remake = f"python {script} ../shared/eval/drcd_dev.json config/{model}"
    shipped = json.loads((REPO / "config" / model).read_text(encoding="utf-8"))
    differing = list(_differences(json.loads(made.read_text(encoding="utf-8")), shipped))
    assert not differing, f"remake it: {remake} (differs at {differing[:5]})"


def _differences(made: object, shipped: object, at: str = "") -> Iterator[str]:
    """Where two models read from JSON differ: anything but a float exactly, a float beyond the ninth digit."""
    if isinstance(shipped, float) and isinstance(made, float):
        if not math.isclose(made, shipped, rel_tol=1e-9, abs_tol=1e-12):
            yield at
    elif isinstance(shipped, dict) and isinstance(made, dict) and shipped.keys() == made.keys():
        for key in shipped:
            yield from _differences(made[key], shipped[key], f"{at}.{key}")
    elif isinstance(shipped, list) and isinstance(made, list) and len(shipped) == len(made):
        for number, (one, other) in enumerate(zip(made, shipped, strict=True)):
            yield from _differences(one, other, f"{at}[{number}]")
    elif made != shipped or type(made) is not type(shipped):
        yield at or "the whole"


def test_model_differences_are_found_where_they_are():
    shipped = {"booster": "tree\nsplit=3", "calibration": {"weights": [0.25, 3.0]}, "threshold": 0.5}
    assert not list(_differences(json.loads(json.dumps(shipped)), shipped))
    assert not list(_differences({**shipped, "threshold": 0.5 + 1e-15}, shipped))
    assert list(_differences({**shipped, "threshold": 0.5001}, shipped)) == [".threshold"]
    assert list(_differences({**shipped, "calibration": {"weights": [0.25, 3.1]}}, shipped)) == [
        ".calibration.weights[1]"
    ]
    assert list(_differences({**shipped, "booster": "tree\nsplit=4"}, shipped)) == [".booster"]
    assert list(_differences({**shipped, "calibration": {"weights": [0.25]}}, shipped)) == [".calibration.weights"]
    assert list(_differences({"booster": shipped["booster"]}, shipped)) == ["the whole"]


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
