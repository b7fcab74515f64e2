"""BM25's three loops over postings: score a term's passages, compute its impacts, look it up
for some passages.

They are most of a question's time in a big archive, so they are compiled (``_kernels.pyx``,
built by Cython when the package is installed) and release the GIL: questions answered in
threads use every core. Where the extension could not be built (no C compiler), NumPy computes
the same numbers, a few times slower. An impact is idf * tf * (k1 + 1) / (tf + norm), with
norm = k1 * (1 - b + b * dl / avgdl) per passage; doc ids are a segment's, ``base`` its first
passage's id in the whole index.
"""

from __future__ import annotations

import numpy as np

try:
    from . import _kernels as compiled  # type: ignore[attr-defined]  # no stub: the functions below say their types
except ImportError:  # built without a C compiler
    compiled = None


def accumulate(
    scores: np.ndarray,
    seen: np.ndarray,
    doc_ids: np.ndarray,
    term_freqs: np.ndarray,
    base: int,
    norm: np.ndarray,
    idf: float,
    k1: float,
    met: np.ndarray,
    count: int,
) -> tuple[int, float]:
    """Add a term's impact to the ``scores`` of its passages; each passage not ``seen`` before is
    flagged and written to ``met`` after the ``count`` written so far. Returns the new count and
    the term's highest impact (0.0 for no postings)."""
    if compiled is not None:
        doc_ids, term_freqs = _int32(doc_ids), _int32(term_freqs)
        return compiled.accumulate(scores, seen.view(np.uint8), doc_ids, term_freqs, base, norm, idf, k1, met, count)
    docs = doc_ids.astype(np.int64) + base
    added = _okapi(idf, k1, term_freqs, norm[docs])
    scores[docs] += added
    fresh = docs[~seen[docs]]
    seen[fresh] = True
    met[count : count + len(fresh)] = fresh
    return count + len(fresh), float(added.max()) if len(added) else 0.0


def impacts(
    doc_ids: np.ndarray, term_freqs: np.ndarray, base: int, norm: np.ndarray, idf: float, k1: float
) -> np.ndarray:
    """A term's impact on each of its passages."""
    if compiled is not None:
        out = np.empty(len(doc_ids))
        compiled.impacts(_int32(doc_ids), _int32(term_freqs), base, norm, idf, k1, out)
        return out
    return _okapi(idf, k1, term_freqs, norm[doc_ids.astype(np.int64) + base])


def look_up(
    doc_ids: np.ndarray,
    term_freqs: np.ndarray,
    base: int,
    candidates: np.ndarray,
    norm: np.ndarray,
    idf: float,
    k1: float,
    added: np.ndarray,
    held: np.ndarray,
) -> None:
    """For each of the (ascending, int64) ``candidates`` holding the term, add its impact to
    ``added`` and set ``held``: a galloping search through the postings when compiled (cheap
    for few candidates and for many), a binary search of them for each in NumPy."""
    if not len(doc_ids):
        return
    if compiled is not None:
        doc_ids, term_freqs = _int32(doc_ids), _int32(term_freqs)
        compiled.look_up(doc_ids, term_freqs, base, candidates, norm, idf, k1, added, held.view(np.uint8))
        return
    local = candidates - base
    at = np.minimum(np.searchsorted(doc_ids, local), len(doc_ids) - 1)
    holds = doc_ids[at] == local
    added[holds] += _okapi(idf, k1, term_freqs[at[holds]], norm[candidates[holds]])
    held |= holds


def best(scores: np.ndarray, ids: np.ndarray, base: int, n: int) -> np.ndarray:
    """The ``n`` best-scoring of the passages ``ids`` + ``base`` (each once; all when they are
    fewer), in no order: a heap of ``n`` when compiled, a partition in NumPy."""
    if compiled is not None:
        return compiled.best(scores, np.ascontiguousarray(ids), base, n)
    passages = ids.astype(np.int64) + base
    if n < len(passages):
        passages = passages[np.argpartition(scores[passages], len(passages) - n)[len(passages) - n :]]
    return passages


def survivors(
    scores: np.ndarray, seen: np.ndarray, met: np.ndarray, count: int, floor: float
) -> tuple[np.ndarray, np.ndarray]:
    """The passages ``met[:count]`` whose score is at least ``floor`` and their scores, in the
    order met; the scratch ``scores`` and ``seen`` flags of all of them are cleared on the way."""
    if compiled is not None:
        ids, values = np.empty(count, dtype=np.int64), np.empty(count)
        kept = compiled.survivors(scores, seen.view(np.uint8), met, count, floor, ids, values)
        return ids[:kept].copy(), values[:kept].copy()
    passages = met[:count]
    values = scores[passages]
    keep = values >= floor
    ids, values = passages[keep], values[keep]
    scores[passages] = 0.0
    seen[passages] = False
    return ids, values


def _okapi(idf: float, k1: float, term_freqs: np.ndarray, norms: np.ndarray) -> np.ndarray:
    """idf * tf * (k1 + 1) / (tf + norm), its float operations in the compiled loops' order."""
    tf = np.asarray(term_freqs, dtype=np.float64)
    return idf * (tf * (k1 + 1) / (tf + norms))


def _int32(values: np.ndarray) -> np.ndarray:
    """The postings as the compiled loops read them (stored so; a copy only for other arrays)."""
    return np.ascontiguousarray(values, dtype=np.int32)
