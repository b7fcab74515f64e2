"""Where the files shipped with archive-qa are: ``config`` (settings, word lists) and ``seeds``
(the bundled archive).

Installed from a wheel (``pip install .``, pipx) they are package data, ``retrieval.config`` and
``retrieval.seeds``; in a checkout (the editable install of development) they are the repository's
top-level folders of the same names.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path


def bundled(folder: str) -> Path:
    """The folder ``config`` or ``seeds`` as shipped."""
    try:
        spec = importlib.util.find_spec(f"retrieval.{folder}")
    except ModuleNotFoundError:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / folder
