"""Learned models shipped as JSON: LightGBM's own text format inside, never pickled, read once."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np

try:
    from ._forest import predict as _walked  # type: ignore[import-not-found]  # no stub: Trees.predict says its types
except ImportError:  # built without a C compiler
    _walked = None


def load_model(path: Path, features: tuple[str, ...], trained_by: str) -> tuple[Trees, dict]:
    """The model's trees in ``path`` and the rest of its file; ValueError when it was made for
    other features than ``features`` (retrain it with ``trained_by``)."""
    import lightgbm  # imported when a model is first used: it takes a while

    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    if tuple(spec["features"]) != features:
        raise ValueError(f"{path}: made for other features; retrain with {trained_by}")
    return Trees(lightgbm.Booster(model_str=spec["booster"]), spec["booster"]), spec


class Trees:
    """A LightGBM booster's trees, walked compiled (``_forest.pyx``) where that is built: calling
    LightGBM's own predict costs more than walking the few rows a question has (a re-ranking's
    30 rows: ~135 µs by LightGBM, ~50 walked). The same scores to the bit; LightGBM predicts
    where the trees cannot be walked so (no C compiler; splits the walk does not follow)."""

    def __init__(self, booster: Any, text: str = "") -> None:
        """``text``, the booster's own (LightGBM's text format), tells without dumping the model
        (~40 ms for the ranker's 200 trees, 130 for the short answers' 300) whether its splits are
        all the walk follows: numerical, without missing values sent their own way."""
        self.booster = booster
        self.width = booster.num_feature()
        self._laid_out = None
        if _walked is not None and (not text or _SPLITS_NOT_WALKED.search(text) is None):
            try:
                self._laid_out = _laid_out(booster.dump_model())
            except ValueError:
                pass

    @property
    def walked(self) -> bool:
        return self._laid_out is not None

    def predict(self, rows: np.ndarray) -> np.ndarray:
        """Each row's raw score, as LightGBM's ``booster.predict(rows)``."""
        if self._laid_out is None:
            return np.asarray(self.booster.predict(rows, num_threads=1), dtype=np.float64)
        rows = np.ascontiguousarray(rows, dtype=np.float64).reshape(-1, self.width)
        scores = np.empty(len(rows))
        _walked(*self._laid_out, rows, scores)
        return scores


# A tree's split of another kind than numerical with no missing values (decision types 0 and 2, the
# second bit default_left), or a tree with linear leaves, in LightGBM's text format.
_SPLITS_NOT_WALKED = re.compile(r"^decision_type=.*\b(?![02]\b)\d+\b|^is_linear=1", re.MULTILINE)


def _laid_out(model: dict) -> tuple[np.ndarray, ...]:
    """LightGBM's dump of a model as the arrays ``_forest.predict`` walks: each tree's root and
    depth, and each node's feature, threshold, children and value (a leaf is its own two
    children). ValueError for what the walk does not follow: more than one tree an iteration,
    categorical splits, missing values sent their own way, linear leaves."""
    if model["num_tree_per_iteration"] != 1 or model.get("average_output"):
        raise ValueError("not one tree an iteration, summed")
    roots: list[int] = []
    depths: list[int] = []
    features: list[int] = []
    thresholds: list[float] = []
    children: list[tuple[int, int]] = []
    values: list[float] = []

    def laid_out(node: dict) -> tuple[int, int]:
        """The node's number and the depth below it."""
        at = len(features)
        children.append((at, at))
        if "leaf_value" in node or "leaf_index" in node:
            if "leaf_coeff" in node:
                raise ValueError("linear leaves")
            features.append(0)
            thresholds.append(0.0)
            values.append(float(node.get("leaf_value", 0.0)))
            return at, 0
        if node["decision_type"] != "<=" or node["missing_type"] != "None":
            raise ValueError(f"a split the walk does not follow: {node['decision_type']}, {node['missing_type']}")
        features.append(int(node["split_feature"]))
        thresholds.append(float(node["threshold"]))
        values.append(0.0)
        (left, below_left), (right, below_right) = laid_out(node["left_child"]), laid_out(node["right_child"])
        children[at] = (left, right)
        return at, 1 + max(below_left, below_right)

    for tree in model["tree_info"]:
        root, depth = laid_out(tree["tree_structure"])
        roots.append(root)
        depths.append(depth)
    return (
        np.array(roots, dtype=np.int32),
        np.array(depths, dtype=np.int32),
        np.array(features, dtype=np.int32),
        np.array(thresholds, dtype=np.float64),
        np.array(children, dtype=np.int32).reshape(-1, 2),
        np.array(values, dtype=np.float64),
    )
