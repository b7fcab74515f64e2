"""The index's vocabulary on disk, looked up without reading it all into a dictionary.

Terms are numbered in the order they were first met (``vocabulary.txt``, one a line), and
``vocabulary_hashes.npy`` holds every term's 64-bit hash with its number, sorted by hash. A term
is found by binary search of its hash, then checked against the text (hashes may collide), so
opening an index costs the same with 40,000 terms or 4 million (words and their bigrams: a real
archive's vocabulary), and an update looks up only its new pages' terms.
"""

from __future__ import annotations

import hashlib
import mmap
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

from .errors import StoreError
from .paging import mapped_array, mapped_file, will_need

TEXT, HASHES = "vocabulary.txt", "vocabulary_hashes.npy"
_REMEMBERED = 1 << 16  # terms whose lookups are kept (forgotten all at once when full)


def term_hash(term: str) -> int:
    """Stable across processes and machines (Python's own ``hash`` of a string is not)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little")


class Vocabulary(Mapping[str, int]):
    """Term -> number, for a stored vocabulary plus the terms added since it was loaded."""

    def __init__(self, text: bytes | mmap.mmap = b"", hashes: np.ndarray | None = None) -> None:
        self._text = text
        characters = np.frombuffer(text, dtype=np.uint8)
        will_need(characters)  # a mapped text is read whole here, for where its lines end: asked for in one go
        self._ends = np.flatnonzero(characters == ord("\n")) if len(text) else np.empty(0)
        table = hashes if hashes is not None else np.empty((0, 2), dtype=np.uint64)
        if len(table) != len(self._ends):
            raise StoreError("the index's files do not agree with each other")
        self._hashes, self._numbers = table[:, 0], table[:, 1]
        self._stored = len(self._ends)
        self._added: dict[str, int] = {}
        # Terms looked up lately and their stored numbers (None: not stored): a question looks
        # each of its words up several times (~4 µs each), and frequent words come back.
        self._looked_up: dict[str, int | None] = {}

    @classmethod
    def load(cls, folder: Path) -> Vocabulary:
        try:
            text = mapped_file(folder / TEXT)
            hashes = mapped_array(folder / HASHES)
        except (OSError, ValueError) as error:
            raise StoreError(f"the index is damaged ({error})") from None
        if hashes.dtype != np.uint64 or hashes.ndim != 2 or hashes.shape[1:] != (2,):
            raise StoreError("the index's files do not agree with each other")
        return cls(text, np.asarray(hashes))

    def __len__(self) -> int:
        return self._stored + len(self._added)

    def __iter__(self) -> Iterator[str]:
        for number in range(self._stored):
            yield self._term(number)
        yield from self._added

    def __getitem__(self, term: str) -> int:
        number = self.get(term)
        if number is None:
            raise KeyError(term)
        return number

    def get(self, term: str, default=None):
        number = self._added.get(term)
        if number is None:
            number = self._looked_up.get(term, -1)  # -1: not looked up lately (a number is never)
            if number == -1:
                if len(self._looked_up) >= _REMEMBERED:
                    self._looked_up.clear()
                number = self._looked_up[term] = self._stored_number(term)
        return default if number is None else number

    def _stored_number(self, term: str) -> int | None:
        """The term's number among the stored ones (a binary search of its hash), or None."""
        if self._stored:
            wanted = np.uint64(term_hash(term))
            at = int(np.searchsorted(self._hashes, wanted))
            while at < self._stored and self._hashes[at] == wanted:
                candidate = int(self._numbers[at])
                if self._term(candidate) == term:
                    return candidate
                at += 1
        return None

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self.get(term) is not None

    def add(self, term: str) -> int:
        """The term's number, a new one (the next) when it is new."""
        number = self.get(term)
        if number is None:
            number = self._added[term] = len(self)
        return number

    def _term(self, number: int) -> str:
        start = int(self._ends[number - 1]) + 1 if number else 0
        return bytes(self._text[start : int(self._ends[number])]).decode("utf-8")

    def save(self, folder: Path) -> None:
        """Both files, the stored terms copied and the added ones appended."""
        added = list(self._added)
        with (folder / TEXT).open("wb") as out:
            out.write(self._text)
            out.write("".join(term + "\n" for term in added).encode("utf-8"))
        hashes = np.concatenate([self._hashes, np.fromiter(map(term_hash, added), np.uint64, len(added))])
        numbers = np.arange(len(self), dtype=np.uint64)  # added terms are numbered on, in order
        numbers[: self._stored] = self._numbers
        table = np.stack([hashes, numbers], axis=1)
        np.save(folder / HASHES, table[np.argsort(table[:, 0], kind="stable")], allow_pickle=False)
