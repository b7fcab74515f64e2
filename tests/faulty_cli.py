"""``archive-qa`` with one fault injected, for tests of real processes: answering a question that
contains 💥 raises, as an unforeseen bug would. Run as ``python tests/faulty_cli.py ask …``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.cli import main  # noqa: E402
from retrieval.pipeline import ArchiveQA  # noqa: E402

FAULT = "💥"
_ask = ArchiveQA.ask


def _faulty_ask(self, question, *args, **kwargs):
    if FAULT in question:
        raise RuntimeError("injected fault")
    return _ask(self, question, *args, **kwargs)


ArchiveQA.ask = _faulty_ask  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.exit(main())
