"""Learned models shipped as JSON: LightGBM's own text format inside, never pickled, read once."""

from __future__ import annotations

import functools
import json
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
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    if tuple(spec["features"]) != features:
        raise ValueError(f"{path}: made for other features; retrain with {trained_by}")
    return Trees(spec["booster"]), spec


class Trees:
    """A LightGBM model's trees, read from LightGBM's own text format and walked compiled
    (``_forest.pyx``) where that is built: importing LightGBM takes 0.5-1.5 s at every start (it
    imports SciPy, and scikit-learn where installed), and calling its predict costs more than
    walking the few rows a question has (a re-ranking's 30 rows: ~135 µs by LightGBM, ~50
    walked). The same scores to the bit; LightGBM, imported then, predicts where the trees cannot
    be walked (no C compiler; splits the walk does not follow)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._laid_out: tuple[np.ndarray, ...] | None = None
        header = _fields(text[: text.find("\nTree=")])
        self.width = int(header["max_feature_idx"]) + 1
        if _walked is not None:
            try:
                self._laid_out = _laid_out(text)
            except ValueError:
                pass

    @functools.cached_property
    def booster(self) -> Any:
        """LightGBM's own model, made only where the walk cannot score the trees (and by tests)."""
        import lightgbm

        return lightgbm.Booster(model_str=self.text)

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


# A split's decision type in LightGBM's text format: bit 0 categorical, bit 1 missing values go
# left, bits 2-3 how values are missing (0 none, 1 zero, 2 NaN).
_CATEGORICAL, _MISSING_NAN = 1, 2


def _fields(block: str) -> dict[str, str]:
    """A block of LightGBM's text format, ``key=value`` a line."""
    return dict(line.split("=", 1) for line in block.splitlines() if "=" in line)


def _numbers(field: str, kind: type) -> list:
    return [kind(word) for word in field.split()]


def _laid_out(text: str) -> tuple[np.ndarray, ...]:
    """A model in LightGBM's text format as the arrays ``_forest.predict`` walks: each tree's root
    and depth, each node's feature, threshold, children and value (a leaf is its own two
    children), and each categorical split's span of the bitsets. ValueError for what the walk does
    not follow: more than one tree an iteration, averaged trees, linear leaves, numerical splits
    with missing values sent their own way, categorical ones that do not send NaN right."""
    header, _, body = text.partition("\nTree=")
    head = _fields(header)
    if int(head.get("num_tree_per_iteration", "1")) != 1 or "average_output" in header.split():
        raise ValueError("not one tree an iteration, summed")
    roots: list[int] = []
    depths: list[int] = []
    features: list[int] = []
    thresholds: list[float] = []
    children: list[tuple[int, int]] = []
    values: list[float] = []
    categories: list[tuple[int, int]] = []
    bits: list[int] = []

    def add_leaf(value: float) -> None:
        at = len(features)
        features.append(0)
        thresholds.append(0.0)
        children.append((at, at))
        values.append(value)
        categories.append((0, 0))

    for block in body.split("end of trees", 1)[0].split("\nTree="):
        tree = _fields(block)
        if tree.get("is_linear", "0") != "0":
            raise ValueError("linear leaves")
        offset = len(features)
        leaf_values = _numbers(tree["leaf_value"], float)
        roots.append(offset)
        splits = int(tree["num_leaves"]) - 1
        if not splits:  # the tree is its leaf
            add_leaf(leaf_values[0])
            depths.append(0)
            continue
        kinds = _numbers(tree["decision_type"], int)
        split_thresholds = _numbers(tree["threshold"], float)
        boundaries = _numbers(tree.get("cat_boundaries", ""), int)
        set_bits = _numbers(tree.get("cat_threshold", ""), int)
        leaf_at = offset + splits  # a child is a split's number, or a leaf's as ~leaf: leaves after the splits
        features.extend(_numbers(tree["split_feature"], int))
        values.extend([0.0] * splits)
        for node, (kind, left, right) in enumerate(
            zip(kinds, _numbers(tree["left_child"], int), _numbers(tree["right_child"], int), strict=True)
        ):
            children.append(tuple(offset + child if child >= 0 else leaf_at + ~child for child in (left, right)))
            if kind & _CATEGORICAL:
                if (kind >> 2) & 3 != _MISSING_NAN:
                    raise ValueError(f"a categorical split the walk does not follow: decision type {kind}")
                category = int(split_thresholds[node])
                start = len(bits)
                bits.extend(set_bits[boundaries[category] : boundaries[category + 1]])
                categories.append((start, len(bits)))
                thresholds.append(0.0)
            else:
                if (kind >> 2) & 3:
                    raise ValueError(f"a split the walk does not follow: decision type {kind}")
                categories.append((0, 0))
                thresholds.append(split_thresholds[node])
        for value in leaf_values:
            add_leaf(value)
        depths.append(_depth(children, offset))
    return (
        np.array(roots, dtype=np.int32),
        np.array(depths, dtype=np.int32),
        np.array(features, dtype=np.int32),
        np.array(thresholds, dtype=np.float64),
        np.array(children, dtype=np.int32).reshape(-1, 2),
        np.array(values, dtype=np.float64),
        np.array(categories, dtype=np.int32).reshape(-1, 2),
        np.array(bits, dtype=np.uint32),
    )


def _depth(children: list[tuple[int, int]], root: int) -> int:
    """The most steps from ``root`` to a leaf (a leaf is its own children)."""
    deepest, below = 0, [(root, 0)]
    while below:
        node, depth = below.pop()
        left, right = children[node]
        if left == node:
            deepest = max(deepest, depth)
        else:
            below.extend(((left, depth + 1), (right, depth + 1)))
    return deepest
