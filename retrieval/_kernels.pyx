# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""BM25's loops over postings, compiled and run without the GIL (see kernels.py, which calls them).

Each impact is computed as NumPy computes it, idf * (tf * (k1 + 1) / (tf + norm)) with
norm = k1 * (1 - b + b * dl / avgdl), in the same order of float64 operations (the extension is
built with -ffp-contract=off, so no fused multiply-add rounds differently): the scores are
NumPy's to the last bit.
"""

from libc.stdint cimport int32_t, int64_t, uint8_t, uint16_t

import numpy as np


cdef extern from *:
    """
    #if defined(__GNUC__) || defined(__clang__)
    #define ARCHIVE_QA_PREFETCH(address) __builtin_prefetch((address), 1, 1)
    #else
    #define ARCHIVE_QA_PREFETCH(address) ((void)0)
    #endif
    """
    void prefetch "ARCHIVE_QA_PREFETCH"(const void *address) noexcept nogil


ctypedef fused frequency:  # term frequencies are stored in the narrowest type that holds them
    uint8_t
    uint16_t
    int32_t


ctypedef fused length:  # and passages' lengths too
    uint16_t
    int32_t


cdef enum:
    # Postings ahead whose passages' scores and norms, flags or lengths are asked for before they are
    # needed: a rarer term's passages lie far apart, each a cache miss, and waiting for them one
    # at a time was most of the loop (26 -> 15 ns a posting for a term in 2% of ten million passages).
    AHEAD = 64


def accumulate(
    double[:, ::1] pairs,
    uint8_t[::1] seen,
    const int32_t[::1] doc_ids,
    const frequency[::1] term_freqs,
    int64_t base,
    double idf,
    double k1,
    int64_t[::1] met,
    Py_ssize_t count,
    Py_ssize_t most,
):
    cdef Py_ssize_t i, size = max(0, min(most, doc_ids.shape[0])), filled = 0
    cdef int64_t doc
    cdef double tf, impact, highest = 0.0
    cdef double[::1] heap = np.empty(max(size, 1))  # the best scores so far, the least on top
    cdef int64_t[::1] chosen = np.empty(max(size, 1), dtype=np.int64)
    cdef Py_ssize_t n = doc_ids.shape[0]
    cdef int64_t ahead
    cdef bint flagged = seen.shape[0] > 0
    with nogil:
        for i in range(n):
            if i + AHEAD < n:
                ahead = doc_ids[i + AHEAD] + base
                prefetch(&pairs[ahead, 0])  # the score and the norm: one cache line
                if flagged:
                    prefetch(&seen[ahead])
            doc = doc_ids[i] + base
            tf = term_freqs[i]
            impact = idf * (tf * (k1 + 1) / (tf + pairs[doc, 1]))  # _okapi's, its norm computed before
            if impact > highest:
                highest = impact
            if flagged:
                if not seen[doc]:
                    seen[doc] = 1
                    met[count] = doc
                    count += 1
            elif pairs[doc, 0] == 0.0:  # impacts are all positive: a score of 0 is a passage not met yet
                met[count] = doc
                count += 1
            pairs[doc, 0] += impact
            if size:
                filled = _offer(&heap[0], &chosen[0], size, filled, pairs[doc, 0], doc)
    return count, highest, np.asarray(chosen[:filled]).copy()


def add_to_met(
    double[:, ::1] pairs,
    const int32_t[::1] doc_ids,
    const frequency[::1] term_freqs,
    int64_t base,
    double idf,
    double k1,
):
    cdef Py_ssize_t i, n = doc_ids.shape[0]
    cdef int64_t doc
    cdef double tf
    with nogil:
        for i in range(n):
            if i + AHEAD < n:
                prefetch(&pairs[doc_ids[i + AHEAD] + base, 0])
            doc = doc_ids[i] + base
            if pairs[doc, 0] != 0.0:  # met before: every impact is positive
                tf = term_freqs[i]
                pairs[doc, 0] += idf * (tf * (k1 + 1) / (tf + pairs[doc, 1]))


cdef inline double _okapi(double idf, double k1, double b, double average, double tf, double length) noexcept nogil:
    """idf * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))), NumPy's order of operations."""
    return idf * (tf * (k1 + 1) / (tf + k1 * ((1 - b) + b * length / average)))


cdef inline Py_ssize_t _offer(
    double *heap, int64_t *chosen, Py_ssize_t size, Py_ssize_t filled, double value, int64_t doc
) noexcept nogil:
    """Keep ``doc`` among the ``size`` best offered so far (a heap of ``filled``, least on top;
    a later equal value does not displace an earlier one); returns how many the heap holds.
    Pointers, not memoryviews: passing those counts references, atomically, at every posting."""
    cdef Py_ssize_t at, child
    if filled < size:  # sift up
        at = filled
        while at > 0 and heap[(at - 1) // 2] > value:
            heap[at], chosen[at] = heap[(at - 1) // 2], chosen[(at - 1) // 2]
            at = (at - 1) // 2
        heap[at], chosen[at] = value, doc
        return filled + 1
    if value > heap[0]:  # replace the least, sift down
        at = 0
        while True:
            child = 2 * at + 1
            if child >= size:
                break
            if child + 1 < size and heap[child + 1] < heap[child]:
                child += 1
            if heap[child] >= value:
                break
            heap[at], chosen[at] = heap[child], chosen[child]
            at = child
        heap[at], chosen[at] = value, doc
    return filled


def impacts(
    const int32_t[::1] doc_ids,
    const frequency[::1] term_freqs,
    int64_t base,
    const length[::1] lengths,
    double idf,
    double k1,
    double b,
    double average,
    double[::1] out,
):
    cdef Py_ssize_t i
    with nogil:
        for i in range(doc_ids.shape[0]):
            out[i] = _okapi(idf, k1, b, average, term_freqs[i], lengths[doc_ids[i] + base])


def look_up(
    const int32_t[::1] doc_ids,
    const frequency[::1] term_freqs,
    int64_t base,
    const int64_t[::1] candidates,
    const length[::1] lengths,
    double idf,
    double k1,
    double b,
    double average,
    double[::1] added,
    uint8_t[::1] held,
):
    cdef Py_ssize_t j, at = 0, low, high, middle, step, n = doc_ids.shape[0]
    cdef int64_t local
    with nogil:
        for j in range(candidates.shape[0]):
            if at >= n:
                break
            if j + AHEAD < candidates.shape[0]:
                prefetch(&lengths[candidates[j + AHEAD]])
            local = candidates[j] - base
            if doc_ids[at] < local:
                # gallop: doc_ids[low] < local, and doc_ids[high] >= local or high == n
                low, high, step = at, at + 1, 1
                while high < n and doc_ids[high] < local:
                    low = high
                    step *= 2
                    high = low + step
                if high > n:
                    high = n
                while low + 1 < high:
                    middle = (low + high) // 2
                    if doc_ids[middle] < local:
                        low = middle
                    else:
                        high = middle
                at = high
            if at < n and doc_ids[at] == local:
                added[j] += _okapi(idf, k1, b, average, term_freqs[at], lengths[candidates[j]])
                held[j] = 1


def survivors(
    double[:, ::1] pairs,
    uint8_t[::1] seen,
    const int64_t[::1] met,
    Py_ssize_t count,
    double floor,
    int64_t[::1] ids,
    double[::1] values,
):
    cdef Py_ssize_t i, kept = 0
    cdef int64_t doc
    cdef bint flagged = seen.shape[0] > 0
    with nogil:
        for i in range(count):
            if i + AHEAD < count:  # met in the order first met: far apart
                prefetch(&pairs[met[i + AHEAD], 0])
                if flagged:
                    prefetch(&seen[met[i + AHEAD]])
            doc = met[i]
            if pairs[doc, 0] >= floor:
                ids[kept] = doc
                values[kept] = pairs[doc, 0]
                kept += 1
            pairs[doc, 0] = 0.0
            if flagged:
                seen[doc] = 0
    return kept
