"""A front end keeps its loaded archive for as long as it runs, so the collector need not look at it.

Python's full garbage collections walk every tracked object; the modules and the index a front end
loads are tens of thousands of them, and a full collection then paused about three answers in a
thousand for 50–80 ms (measured at a million passages). Freezing what is alive once the archive is loaded
(``gc.freeze``, as pre-forking servers do) leaves those objects out of every later collection. An
archive needs no collector to be freed: nothing in it refers back to itself, so dropping the last
reference to an old one after a reload frees it even when it was frozen.

Memory a search frees is kept for the next (glibc's ``mallopt``): by default an array of more than
a few megabytes is given back to the system when freed and asked for again by the next search,
whose first touch of each page then costs a fault, and a search of common words at ten million
passages uses tens of megabytes of such arrays (55 ms with 4,000 faults a time, 42 ms with none).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc

from retrieval import ArchiveQA

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h
_KEPT = 512 * 2**20  # freed memory up to this much stays in the process; larger arrays come and go


def ready(qa: ArchiveQA) -> ArchiveQA:
    """An archive just loaded for a front end that keeps answering: what answering loads when first
    needed read now (``ArchiveQA.warm``), then everything settled."""
    qa.warm()
    settle()
    keep_freed_memory()
    return qa


def settle() -> None:
    """Call after loading (or swapping in) an archive: collect what is garbage now, then freeze
    the rest."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def keep_freed_memory() -> None:
    """Have glibc keep freed memory (up to ``_KEPT``) for reuse instead of giving it back and
    faulting it in again; nothing where the C library is another (musl, macOS, Windows)."""
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c")).mallopt
    except (OSError, AttributeError, TypeError):
        return
    if mallopt(_M_MMAP_THRESHOLD, _KEPT) or mallopt(_M_MMAP_THRESHOLD, 32 * 2**20):  # older glibc: 32 MB at most
        mallopt(_M_TRIM_THRESHOLD, _KEPT)
