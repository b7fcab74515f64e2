"""BM25's loops over postings: score a term's passages (keeping its best), compute its impacts,
look it up for some passages or walk it for all those met, and gather the passages still in the
running; and, compiled, a whole search driven by them (``max_score``, ``score_all``).

They are most of a question's time in a big archive, so they are compiled (``_kernels.pyx``,
built by Cython when the package is installed) and release the GIL: questions answered in
threads use every core. Where the extension could not be built (no C compiler), NumPy computes
the same numbers, a few times slower. An impact is idf * tf * (k1 + 1) / (tf + norm), with
norm = k1 * (1 - b + b * dl / avgdl) per passage (``Norms``); doc ids are a segment's, ``base``
its first passage's id in the whole index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

try:
    from . import _kernels as compiled  # type: ignore[attr-defined]  # no stub: the functions below say their types
except ImportError:  # built without a C compiler
    compiled = None


# What the compiled loops read: term frequencies and passages' lengths are stored in the narrowest
# of these that holds them all (``index.narrowest``).
FREQUENCY_TYPES: tuple[np.dtype, ...] = (np.dtype(np.uint8), np.dtype(np.uint16), np.dtype(np.int32))
LENGTH_TYPES: tuple[np.dtype, ...] = (np.dtype(np.uint16), np.dtype(np.int32))


# A term as the compiled searches take it: its postings in each segment holding it (doc ids, term
# frequencies, the segment's first passage), its idf, the most it adds to a score (MaxScore's
# bound) and how many passages hold it.
Term = tuple[list[tuple[np.ndarray, np.ndarray, int]], float, float, float]


@dataclass(frozen=True)
class Norms:
    """BM25's length normalisation of every passage, k1 * (1 - b + b * dl / avgdl), computed
    where it is used from the passages' lengths (one of ``LENGTH_TYPES``) rather than stored: stored,
    the norms of ten million passages were 80 MB to hold and to read through for every long term."""

    lengths: np.ndarray
    k1: float
    b: float
    average: float

    def of(self, ids: np.ndarray | slice) -> np.ndarray:
        return self.k1 * (1 - self.b + self.b * np.asarray(self.lengths[ids], dtype=np.float64) / self.average)

    def scalars(self) -> tuple[float, float, float]:
        return self.k1, self.b, self.average


def paired(norms: Norms, chunk: int = 1 << 20) -> np.ndarray:
    """Scratch scores for ``accumulate``: a row a passage, its running score (0) and its norm side
    by side, so that scoring a posting reads one cache line where a score and a length were two
    (a third less time a posting at ten million passages). Filled a chunk at a time: no
    temporaries the size of the archive."""
    pairs = np.zeros((len(norms.lengths), 2))
    for start in range(0, len(pairs), chunk):
        pairs[start : start + chunk, 1] = norms.of(slice(start, start + chunk))
    return pairs


def accumulate(
    pairs: np.ndarray,
    seen: np.ndarray,
    doc_ids: np.ndarray,
    term_freqs: np.ndarray,
    base: int,
    norms: Norms,
    idf: float,
    met: np.ndarray,
    count: int,
    most: int = 0,
) -> tuple[int, float, np.ndarray]:
    """Add a term's impact to the scores of its passages (the first column of ``pairs``, made by
    ``paired(norms)``, whose second the compiled loop reads the norms from); each passage not
    ``seen`` before is flagged and written to ``met`` after the ``count`` written so far. With no
    flags (``seen`` empty: every impact positive, as MaxScore's are) a passage not met before is
    one whose score is still 0, and one byte a passage less is read and written. Returns the new count, the
    term's highest impact (0.0 for no postings) and the ``most`` best-scoring of its passages
    (all when they are fewer; in no order): a heap kept on the way when compiled, a partition
    after in NumPy."""
    if compiled is not None:
        doc_ids, term_freqs = _int32(doc_ids), _frequencies(term_freqs)
        return compiled.accumulate(
            pairs, seen.view(np.uint8), doc_ids, term_freqs, base, idf, norms.k1, met, count, most
        )
    scores = pairs[:, 0]
    docs = doc_ids.astype(np.int64) + base
    added = _okapi(idf, norms, term_freqs, docs)
    if len(seen):
        fresh = docs[~seen[docs]]
        seen[fresh] = True
    else:
        fresh = docs[scores[docs] == 0.0]
    scores[docs] += added
    met[count : count + len(fresh)] = fresh
    best = docs[:0] if most <= 0 else docs
    if 0 < most < len(docs):
        best = docs[np.argpartition(scores[docs], len(docs) - most)[len(docs) - most :]]
    return count + len(fresh), float(added.max()) if len(added) else 0.0, best


def add_to_met(
    pairs: np.ndarray, doc_ids: np.ndarray, term_freqs: np.ndarray, base: int, norms: Norms, idf: float
) -> None:
    """Add a term's impact to the scores of those of its passages met before (a score not 0),
    leaving the others at 0: once no passage not met yet can reach the top any more, walking a
    frequent term's postings this way costs less than sorting many passages to look it up."""
    if compiled is not None:
        compiled.add_to_met(pairs, _int32(doc_ids), _frequencies(term_freqs), base, idf, norms.k1)
        return
    scores = pairs[:, 0]
    docs = doc_ids.astype(np.int64) + base
    met = scores[docs] != 0.0
    scores[docs[met]] += _okapi(idf, norms, term_freqs[met], docs[met])


def impacts(doc_ids: np.ndarray, term_freqs: np.ndarray, base: int, norms: Norms, idf: float) -> np.ndarray:
    """A term's impact on each of its passages."""
    if compiled is not None:
        out = np.empty(len(doc_ids))
        compiled.impacts(_int32(doc_ids), _frequencies(term_freqs), base, norms.lengths, idf, *norms.scalars(), out)
        return out
    return _okapi(idf, norms, term_freqs, doc_ids.astype(np.int64) + base)


def look_up(
    doc_ids: np.ndarray,
    term_freqs: np.ndarray,
    base: int,
    candidates: np.ndarray,
    norms: Norms,
    idf: float,
    added: np.ndarray,
    held: np.ndarray,
) -> None:
    """For each of the (ascending, int64) ``candidates`` holding the term, add its impact to
    ``added`` and set ``held``: a galloping search through the postings when compiled (cheap
    for few candidates and for many), a binary search of them for each in NumPy."""
    if not len(doc_ids):
        return
    if compiled is not None:
        doc_ids, term_freqs = _int32(doc_ids), _frequencies(term_freqs)
        lengths = norms.lengths
        compiled.look_up(
            doc_ids, term_freqs, base, candidates, lengths, idf, *norms.scalars(), added, held.view(np.uint8)
        )
        return
    local = candidates - base
    at = np.minimum(np.searchsorted(doc_ids, local), len(doc_ids) - 1)
    holds = doc_ids[at] == local
    added[holds] += _okapi(idf, norms, term_freqs[at[holds]], candidates[holds])
    held |= holds


def survivors(
    pairs: np.ndarray, seen: np.ndarray, met: np.ndarray, count: int, floor: float
) -> tuple[np.ndarray, np.ndarray]:
    """The passages ``met[:count]`` whose score is at least ``floor`` and their scores, in the
    order met; the scratch scores (``pairs``' first column) and ``seen`` flags (if any) of all of
    them are cleared on the way."""
    if compiled is not None:
        ids, values = np.empty(count, dtype=np.int64), np.empty(count)
        kept = compiled.survivors(pairs, seen.view(np.uint8), met, count, floor, ids, values)
        return ids[:kept], values[:kept]  # views: a copy of a million survivors costs milliseconds
    scores = pairs[:, 0]
    passages = met[:count]
    values = scores[passages]
    keep = values >= floor
    ids, values = passages[keep], values[keep]
    scores[passages] = 0.0
    if len(seen):
        seen[passages] = False
    return ids, values


def score_all(
    pairs: np.ndarray,
    seen: np.ndarray,
    met: np.ndarray,
    terms: list[Term],
    norms: Norms,
    n: int,
    need: Callable[[int], None],
) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """Every posting of the terms (as ``max_score`` takes them) scored, compiled: the ``n`` best
    passages met (as ``max_score`` gives them; with ``n`` 0 all, in the order met), their scores
    and each term's highest impact, the scratch left clean (``index.py`` scores term by term where
    the extension was not built)."""
    if compiled is None:
        raise RuntimeError("retrieval._kernels was not built")
    return compiled.score_all(pairs, seen.view(np.uint8), met, _given(terms), norms.k1, n, need)


def max_score(
    pairs: np.ndarray,
    met: np.ndarray,
    terms: list[Term],
    norms: Norms,
    n: int,
    most: int,
    remaining: float,
    costs: tuple[float, int, float],
    need: Callable[[int], None],
) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """MaxScore's search of the whole index with no mask, compiled: the steps of
    ``index.BM25Index._top_pruned`` (which searches in Python where the extension was not built,
    and for slices and masks), to the same candidates and the same scores. ``terms`` in the order
    taken: each its parts ((doc ids, term frequencies, base) of a segment holding it), its idf, the
    most it adds and its postings; ``costs``: the slack of bounds, the sample and the walk's cost.
    Returns the ``n`` best passages (ids and scores, best first, ties by passage order) and the
    highest impact of each term scored in full."""
    if compiled is None:
        raise RuntimeError("retrieval._kernels was not built")
    slack, sample, walk_cost = costs
    return compiled.max_score(
        pairs, met, _given(terms), norms.lengths, *norms.scalars(), n, most, remaining, slack, sample, walk_cost, need
    )


def _given(terms: list[Term]) -> list[Term]:
    """The terms' postings as the compiled loops read them."""
    return [
        ([(_int32(doc_ids), _frequencies(term_freqs), base) for doc_ids, term_freqs, base in parts], idf, bound, held)
        for parts, idf, bound, held in terms
    ]


def _okapi(idf: float, norms: Norms, term_freqs: np.ndarray, passages: np.ndarray) -> np.ndarray:
    """idf * tf * (k1 + 1) / (tf + norm), its float operations in the compiled loops' order."""
    tf = np.asarray(term_freqs, dtype=np.float64)
    return idf * (tf * (norms.k1 + 1) / (tf + norms.of(passages)))


def _frequencies(term_freqs: np.ndarray) -> np.ndarray:
    """Term frequencies as the compiled loops read them: as stored (uint8, uint16 or int32)."""
    if term_freqs.dtype in FREQUENCY_TYPES:
        return np.ascontiguousarray(term_freqs)
    return np.ascontiguousarray(term_freqs, dtype=np.int32)


def _int32(values: np.ndarray) -> np.ndarray:
    """The postings as the compiled loops read them (stored so; a copy only for other arrays)."""
    return np.ascontiguousarray(values, dtype=np.int32)
