"""Learned models shipped as JSON: LightGBM's own text format inside, never pickled, read once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def load_model(path: Path, features: tuple[str, ...], trained_by: str) -> tuple[Any, dict]:
    """The LightGBM booster in ``path`` and the rest of its file; ValueError when it was made for
    other features than ``features`` (retrain it with ``trained_by``)."""
    import lightgbm  # imported when a model is first used: it takes a while

    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    if tuple(spec["features"]) != features:
        raise ValueError(f"{path}: made for other features; retrain with {trained_by}")
    return lightgbm.Booster(model_str=spec["booster"]), spec
