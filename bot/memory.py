"""A front end keeps its loaded archive for as long as it runs, so the collector need not look at it.

Python's full garbage collections walk every tracked object; the modules and the index a front end
loads are tens of thousands of them, and a full collection then paused about three answers in a
thousand for 50–80 ms (measured at a million passages). Freezing what is alive once the archive is loaded
(``gc.freeze``, as pre-forking servers do) leaves those objects out of every later collection. An
archive needs no collector to be freed: nothing in it refers back to itself, so dropping the last
reference to an old one after a reload frees it even when it was frozen.

Readers' conversations are many objects too (~110 each, its last answer's citations), and a desk
keeps up to 10,000: a full collection, which Python runs whenever its oldest objects have grown by
a quarter, then walked a million of them, pausing the answer in hand for 0.6–0.8 s every ~2,000
questions (``Collector``).

Memory a search frees is kept for the next (glibc's ``mallopt``): by default an array of more than
a few megabytes is given back to the system when freed and asked for again by the next search,
whose first touch of each page then costs a fault, and a search of common words at ten million
passages uses tens of megabytes of such arrays (55 ms with 4,000 faults a time, 42 ms with none).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading

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


class Collector:
    """Freezes what a process holding readers' conversations keeps, as it goes, so that full
    collections never walk it. Conversations hold no reference cycles (a test checks it): one let
    go is freed at once, frozen or not. Answering makes few cycles (dead before the
    answer is given), so every ``young_every`` answers the young generations are collected and what
    is alive frozen: a few milliseconds. A cycle that a thread still held then is collected by a
    whole collection every ``whole_every`` answers. A desk at a million passages asked 20,000
    questions, each by a new reader: 11 full collections, 3.0–3.7 s in all, the slowest answer
    0.7–0.8 s; with it none, the slowest 18–43 ms (``bench/pauses.py``)."""

    def __init__(self, young_every: int = 200, whole_every: int = 100_000) -> None:
        self.young_every, self.whole_every = young_every, whole_every
        self._answered = 0
        self._lock = threading.Lock()

    def answered(self) -> None:
        """Call after each answer."""
        with self._lock:
            self._answered += 1
            answered = self._answered
        if answered % self.whole_every == 0:
            settle()
        elif answered % self.young_every == 0:
            gc.collect(1)
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
