"""A front end keeps its loaded archive for as long as it runs, so the collector need not look at it.

Python's full garbage collections walk every tracked object; the modules and the index a front end
loads are tens of thousands of them, and a full collection then paused about three answers in a
thousand for 50–80 ms (measured at a million passages). Freezing what is alive once the archive is loaded
(``gc.freeze``, as pre-forking servers do) leaves those objects out of every later collection. An
archive needs no collector to be freed: nothing in it refers back to itself, so dropping the last
reference to an old one after a reload frees it even when it was frozen.
"""

from __future__ import annotations

import gc

from retrieval import ArchiveQA


def ready(qa: ArchiveQA) -> ArchiveQA:
    """An archive just loaded for a front end that keeps answering: what answering loads when first
    needed read now (``ArchiveQA.warm``), then everything settled."""
    qa.warm()
    settle()
    return qa


def settle() -> None:
    """Call after loading (or swapping in) an archive: collect what is garbage now, then freeze
    the rest."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
