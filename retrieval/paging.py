"""How the index's files are mapped, and hints to the kernel on how their pages are read.

A page fault on a mapped file reads ahead around the page (``read_ahead_kb``: 128 KB on many
disks, 8 MB on some cloud volumes), right for a file read from end to end and ruinous for one read
a few bytes at a time: a cited article is a few hundred bytes of gigabytes, and each fault after
the page cache let the file go cost ~10 ms there instead of 0.1. So every mapping is marked as
read at random, and what is about to be read whole (a term's postings, a table scanned at load) is
asked for in one go first. Hints only: where the platform has none, nothing changes but speed.
The articles are not mapped but read where they lie (``RandomReads``): a fault on a mapped page
also maps the cached pages around it (64 KB), which then count as the process's memory.

What a process has mapped stays counted as its resident memory until it lets go: a server answering
for hours ends up holding, as its own, every page of the index its questions ever touched (gigabytes
at ten million passages), which is what tools and the out-of-memory killer look at. ``MemoryBudget``
lets go of them (``MADV_DONTNEED``) when the process holds more than it may; they stay in the page
cache, so the next question that needs one maps it again without reading the disk.
"""

from __future__ import annotations

import mmap
import os
import threading
import weakref
from pathlib import Path

import numpy as np
from numpy.lib import format as npy_format

_RANDOM = getattr(mmap, "MADV_RANDOM", None)
_WILL_NEED = getattr(mmap, "MADV_WILLNEED", None)
_FEW_PAGES = 16 * mmap.PAGESIZE  # less than this under an array: not asked for ahead (``will_need``)
_DONT_NEED = getattr(mmap, "MADV_DONTNEED", None)
_STATM = Path("/proc/self/statm")  # Linux: the process's pages, resident, and of them file-backed
_mappings: weakref.WeakSet[mmap.mmap] = weakref.WeakSet()  # every index file mapped and still open
_mappings_lock = threading.Lock()


def mapped_file(path: Path) -> mmap.mmap | bytes:
    """A file's bytes, mapped read-only and marked as read at random (an empty file: ``b""``)."""
    with path.open("rb") as file:
        if not file.seek(0, 2):
            return b""
        mapping = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    if _RANDOM is not None:
        mapping.madvise(_RANDOM)
    with _mappings_lock:
        _mappings.add(mapping)
    return mapping


def mapped_array(path: Path) -> np.ndarray:
    """A stored ``.npy`` array over a read-only map of its file, marked as read at random: a
    plain array (NumPy's memmap class costs microseconds an index) whose pages are read when
    touched."""
    with path.open("rb") as file:
        version = npy_format.read_magic(file)
        if version == (1, 0):
            shape, fortran_order, dtype = npy_format.read_array_header_1_0(file)
        else:
            shape, fortran_order, dtype = npy_format.read_array_header_2_0(file)
        offset = file.tell()
    if fortran_order or dtype.hasobject:
        raise ValueError(f"{path.name} is not a plain array")
    mapping = mapped_file(path)
    if len(mapping) < offset + int(np.prod(shape)) * dtype.itemsize:
        raise ValueError(f"{path.name} is shorter than its header says")
    return np.ndarray(shape, dtype, buffer=mapping, offset=offset)


def will_need(array: np.ndarray) -> None:
    """Ask now for every page under ``array`` (a slice of a mapped one), so that reading it
    whole waits for one batch of reads, not a fault a page; nothing for arrays in memory, nor for
    a few pages, which a fault or two bring in (the kernel maps 16 pages around a fault, and reads
    ahead more): asking cost more than reading them (~6 µs, twice for each of a question's words,
    most of a search in a small archive)."""
    if array.nbytes < _FEW_PAGES or _WILL_NEED is None:
        return
    mapping = _mapping_of(array)
    if mapping is None:
        return
    begin = array.ctypes.data - np.frombuffer(mapping, dtype=np.uint8).ctypes.data
    start = begin - begin % mmap.PAGESIZE
    mapping.madvise(_WILL_NEED, start, begin + array.nbytes - start)


def _mapping_of(array: np.ndarray) -> mmap.mmap | None:
    base = array.base
    while isinstance(base, np.ndarray):
        base = base.base
    if isinstance(base, memoryview):  # an array made by np.frombuffer
        base = base.obj
    return base if isinstance(base, mmap.mmap) else None


class RandomReads:
    """A file read a few hundred bytes at a time, at random (the articles: one cited is a line of
    gigabytes): positioned reads with the kernel's read-ahead off, so each read costs the pages it
    covers and nothing is mapped into the process. Where there are no positioned reads (Windows),
    a map marked as read at random."""

    def __init__(self, path: Path) -> None:
        self._mapped: mmap.mmap | bytes | None = None
        if not hasattr(os, "pread"):
            self._mapped = mapped_file(path)
            self.size = len(self._mapped)
            return
        descriptor = os.open(path, os.O_RDONLY)
        self._descriptor = descriptor
        weakref.finalize(self, os.close, descriptor)
        self.size = os.fstat(descriptor).st_size
        if hasattr(os, "posix_fadvise"):
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_RANDOM)

    def __len__(self) -> int:
        return self.size

    def read(self, start: int, end: int) -> bytes:
        """Bytes ``start:end`` of the file."""
        if self._mapped is not None:
            return self._mapped[start:end]
        data = os.pread(self._descriptor, end - start, start)
        if len(data) != end - start:
            raise OSError(f"{end - start} bytes asked for at {start}, {len(data)} read: the file is shorter")
        return data


def let_go() -> None:
    """Unmap from this process every index page it has mapped; the pages stay in the page cache
    (shared with every other process serving the archive), and are mapped again when touched."""
    if _DONT_NEED is None:
        return
    with _mappings_lock:
        mappings = list(_mappings)
    for mapping in mappings:
        if not mapping.closed:
            mapping.madvise(_DONT_NEED)


def resident() -> tuple[int, int] | None:
    """Bytes this process holds resident, and how many of them are file pages mapped (the index's,
    the libraries' code); None where the platform does not say (/proc/self/statm is Linux's)."""
    try:  # asked after every question: os.read, at half the cost of a file object
        descriptor = os.open(_STATM, os.O_RDONLY)
        try:
            fields = os.read(descriptor, 256).split()
        finally:
            os.close(descriptor)
    except OSError:
        return None
    return int(fields[1]) * mmap.PAGESIZE, int(fields[2]) * mmap.PAGESIZE


class MemoryBudget:
    """Keeps a process that answers for hours within ``limit`` bytes of resident memory, as far as
    the index's mapped pages make it up: asked after each question, it lets them go (``let_go``)
    once the process holds more than all but an eighth of it, the room the next question's pages
    need (checked only after it, a question would otherwise take the process over its budget: by 60
    MB over 2 GB at ten million passages). What the process allocated itself is not touched, and
    mapped pages are let go only when they are an eighth of the budget or more: a process whose own
    allocations fill its budget would otherwise let go after every question, only to map the same
    pages again."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.times_let_go = 0  # for reports and tests

    def check(self) -> None:
        held = resident()
        if held is None:
            return
        total, mapped = held
        eighth = self.limit // 8
        if total > self.limit - eighth and mapped > eighth:
            let_go()
            self.times_let_go += 1
