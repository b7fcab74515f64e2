"""What a search scores in, and on how many cores: scratch arrays as long as the index, lent to
one search at a time and at most one a core, the threads that search a long question's other
slices, and what a process forked mid-search resets of them (``BM25Index`` searches with these)."""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import NamedTuple

import numpy as np

from . import kernels

MACHINE_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
CORES = MACHINE_CORES


class Scratch(NamedTuple):
    """What a search scores in: every passage's score beside its norm (``kernels.paired``), seen
    flags, and a list of the passages met. Left clean by every search: queries touch only their
    postings."""

    pairs: np.ndarray
    seen: np.ndarray
    met: np.ndarray

    @property
    def scores(self) -> np.ndarray:
        """The scores alone (a view: the first column of ``pairs``)."""
        return self.pairs[:, 0]


def use_cores(count: int) -> None:
    """How many cores one search may use at most (by default every core this process may run on):
    a process among several answering on one machine (``archive-qa serve --processes N``) gives
    each search its share, not every core to each."""
    global CORES
    CORES = max(1, count)


def search_cores() -> int:
    """How many cores one search may use at most (``use_cores``)."""
    return CORES


_helping: ThreadPoolExecutor | None = None
_helping_made = threading.Lock()


def helpers() -> ThreadPoolExecutor:
    """The threads that search the other slices of a long question: made when first needed, and
    again in a process forked since (``_forked``: it inherits the pool but not its threads); as
    many as a search on every core of the machine needs (a thread is started only when needed),
    whatever ``use_cores`` said when they were made."""
    global _helping
    with _helping_made:
        if _helping is None:
            _helping = ThreadPoolExecutor(max(1, MACHINE_CORES - 1), thread_name_prefix="bm25-slice")
        return _helping


class Scratches:
    """Scratch arrays lent to one search at a time, at most one a core (``CORES``): more searches
    at once would not score faster (the compiled loops let threads score together, one a core),
    but each would hold its own scratch. One is made by the first search (or ``warm``); a search
    finding them all lent waits for one to come back, while another is made in the background
    if there are fewer than cores: a scratch takes a while to make (170 MB at ten million
    passages, its norms written at once: 0.9 s on this machine, where fresh memory is slow to
    fault in), and a search lends its own back in milliseconds. One a search failed in is not
    lent again: its scores may not be clean. ``searching``: how many are lent."""

    def __init__(self, norms: kernels.Norms) -> None:
        self._norms = norms
        self._free: list[Scratch] = []
        self._made = 0  # lent, free or being made
        self._making = False  # one is being made in the background
        self._returned = threading.Condition()
        self.searching = 0
        _EVERY_SCRATCHES.add(self)

    def forked(self) -> None:
        """In a process just forked: the threads that held scratches or were making one (or held
        the lock) are not in it; what is free is all there is."""
        self._returned = threading.Condition()
        self._made, self._making, self.searching = len(self._free), False, 0

    @contextmanager
    def lent(self) -> Iterator[Scratch]:
        with self._returned:
            while not self._free and self._made:
                if not self._making and self._made < CORES:
                    self._making, self._made = True, self._made + 1
                    threading.Thread(target=self._make_one_more, daemon=True).start()
                self._returned.wait()
            scratch = self._free.pop() if self._free else None
            self._made += scratch is None  # none at all: made here, the search cannot go on without
            self.searching += 1
        try:
            if scratch is None:
                scratch = self._new()
            yield scratch
        except BaseException:
            scratch = None  # dropped
            raise
        finally:
            with self._returned:
                self.searching = max(0, self.searching - 1)  # 0 already: lent before the fork that reset it
                self._given_back(scratch)

    def _new(self) -> Scratch:
        size = len(self._norms.lengths)
        return Scratch(kernels.paired(self._norms), np.zeros(size, dtype=bool), np.empty(size, dtype=np.int64))

    def _make_one_more(self) -> None:
        scratch = None
        try:
            scratch = self._new()
        finally:  # made or not (out of memory, say), the searches go on with the scratches there are
            with self._returned:
                self._making = False
                self._given_back(scratch)

    def _given_back(self, scratch: Scratch | None) -> None:
        """A scratch free again (None: dropped, or never made), a waiting search told; under the lock."""
        if scratch is not None:
            self._free.append(scratch)
        else:
            self._made -= 1
        self._returned.notify()


_EVERY_SCRATCHES: weakref.WeakSet[Scratches] = weakref.WeakSet()


def _forked() -> None:
    """In a process just forked: none of the threads that searched, helped or made scratches are in
    it, and any lock one of them held stays held."""
    global _helping, _helping_made
    _helping, _helping_made = None, threading.Lock()
    for scratches in list(_EVERY_SCRATCHES):
        scratches.forked()


if hasattr(os, "register_at_fork"):  # a library's process may fork (multiprocessing's default on Linux)
    os.register_at_fork(after_in_child=_forked)
