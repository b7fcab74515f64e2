# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""BM25's loops over postings, compiled and run without the GIL (see kernels.py, which calls them),
and a whole MaxScore search driven by them (``max_score``: index.py's ``_top_pruned`` step for step).

Each impact is computed as NumPy computes it, idf * (tf * (k1 + 1) / (tf + norm)) with
norm = k1 * (1 - b + b * dl / avgdl), in the same order of float64 operations (the extension is
built with -ffp-contract=off, so no fused multiply-add rounds differently): the scores are
NumPy's to the last bit.
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.math cimport INFINITY, fabs
from libc.stdint cimport int32_t, int64_t, uint8_t, uint16_t
from libc.stdlib cimport qsort

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
    cdef Py_ssize_t size = max(0, min(most, doc_ids.shape[0])), filled = 0
    cdef double highest = 0.0
    cdef double[::1] heap = np.empty(max(size, 1))  # the best scores so far, the least on top
    cdef int64_t[::1] chosen = np.empty(max(size, 1), dtype=np.int64)
    cdef uint8_t *flags = &seen[0] if seen.shape[0] > 0 else NULL
    if doc_ids.shape[0]:
        with nogil:
            count = _accumulate(
                &pairs[0, 0], flags, &doc_ids[0], &term_freqs[0], doc_ids.shape[0], base, idf, k1,
                &met[0], count, &heap[0], &chosen[0], size, &filled, &highest,
            )
    return count, highest, np.asarray(chosen[:filled]).copy()


cdef Py_ssize_t _accumulate(
    double *pairs,
    uint8_t *seen,
    const int32_t *doc_ids,
    const frequency *term_freqs,
    Py_ssize_t n,
    int64_t base,
    double idf,
    double k1,
    int64_t *met,
    Py_ssize_t count,
    double *heap,
    int64_t *chosen,
    Py_ssize_t size,
    Py_ssize_t *filled,
    double *highest,
) noexcept nogil:
    """A term's impacts added to its passages' scores (``pairs``: a score and a norm a passage),
    each passage met first written to ``met`` (told by its flag in ``seen``, or with no flags by a
    score still 0); the ``size`` best kept in the heap, the highest impact in ``highest``."""
    cdef Py_ssize_t i, kept = filled[0]
    cdef int64_t doc, ahead
    cdef double tf, impact, top = highest[0]  # locals: the pointers might alias the scores
    for i in range(n):
        if i + AHEAD < n:
            ahead = doc_ids[i + AHEAD] + base
            prefetch(&pairs[2 * ahead])  # the score and the norm: one cache line
            if seen != NULL:
                prefetch(&seen[ahead])
        doc = doc_ids[i] + base
        tf = term_freqs[i]
        impact = idf * (tf * (k1 + 1) / (tf + pairs[2 * doc + 1]))  # _okapi's, its norm computed before
        if impact > top:
            top = impact
        if seen != NULL:
            if not seen[doc]:
                seen[doc] = 1
                met[count] = doc
                count += 1
        elif pairs[2 * doc] == 0.0:  # impacts are all positive: a score of 0 is a passage not met yet
            met[count] = doc
            count += 1
        pairs[2 * doc] += impact
        if size:
            kept = _offer(heap, chosen, size, kept, pairs[2 * doc], doc)
    filled[0], highest[0] = kept, top
    return count


def add_to_met(
    double[:, ::1] pairs,
    const int32_t[::1] doc_ids,
    const frequency[::1] term_freqs,
    int64_t base,
    double idf,
    double k1,
):
    if doc_ids.shape[0]:
        with nogil:
            _add_to_met(&pairs[0, 0], &doc_ids[0], &term_freqs[0], doc_ids.shape[0], base, idf, k1)


cdef void _add_to_met(
    double *pairs, const int32_t *doc_ids, const frequency *term_freqs, Py_ssize_t n, int64_t base, double idf, double k1
) noexcept nogil:
    cdef Py_ssize_t i
    cdef int64_t doc
    cdef double tf
    for i in range(n):
        if i + AHEAD < n:
            prefetch(&pairs[2 * (doc_ids[i + AHEAD] + base)])
        doc = doc_ids[i] + base
        if pairs[2 * doc] != 0.0:  # met before: every impact is positive
            tf = term_freqs[i]
            pairs[2 * doc] += idf * (tf * (k1 + 1) / (tf + pairs[2 * doc + 1]))


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
    if doc_ids.shape[0] and candidates.shape[0]:
        with nogil:
            _look_up(
                &doc_ids[0], &term_freqs[0], doc_ids.shape[0], base, &candidates[0], candidates.shape[0],
                &lengths[0], idf, k1, b, average, &added[0], &held[0],
            )


cdef void _look_up(
    const int32_t *doc_ids,
    const frequency *term_freqs,
    Py_ssize_t n,
    int64_t base,
    const int64_t *candidates,
    Py_ssize_t wanted,
    const length *lengths,
    double idf,
    double k1,
    double b,
    double average,
    double *added,
    uint8_t *held,
) noexcept nogil:
    """For each ascending candidate holding the term, its impact added and ``held`` set (no
    ``held`` given: NULL)."""
    cdef Py_ssize_t j, at = 0, low, high, middle, step
    cdef int64_t local
    for j in range(wanted):
        if at >= n:
            break
        if j + AHEAD < wanted:
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
            if held != NULL:
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
    cdef uint8_t *flags = &seen[0] if seen.shape[0] > 0 else NULL
    cdef Py_ssize_t kept = 0
    if count:
        with nogil:
            kept = _survivors(&pairs[0, 0], flags, &met[0], count, floor, &ids[0], &values[0])
    return kept


cdef Py_ssize_t _survivors(
    double *pairs, uint8_t *seen, const int64_t *met, Py_ssize_t count, double floor, int64_t *ids, double *values
) noexcept nogil:
    """The passages met scoring ``floor`` or more and their scores, in the order met; every
    passage met cleared (its score, and its flag if flagged)."""
    cdef Py_ssize_t i, kept = 0
    cdef int64_t doc
    for i in range(count):
        if i + AHEAD < count:  # met in the order first met: far apart
            prefetch(&pairs[2 * met[i + AHEAD]])
            if seen != NULL:
                prefetch(&seen[met[i + AHEAD]])
        doc = met[i]
        if pairs[2 * doc] >= floor:
            ids[kept] = doc
            values[kept] = pairs[2 * doc]
            kept += 1
        pairs[2 * doc] = 0.0
        if seen != NULL:
            seen[doc] = 0
    return kept


# MaxScore's search of the whole index for a question with no date mask, compiled: ``index.py``'s
# ``_top_pruned`` step for step (the same terms scored in full, walked and looked up, the same
# sums in the same order, so the same passages and scores to the last bit), without an
# interpreter's round trip between one term's postings and the next, which was most of a common
# question's search (~0.3 of ~0.5 ms at a million passages).

cdef struct Part:  # one segment's postings of one term
    const int32_t *doc_ids
    const void *term_freqs
    int width  # bytes a term frequency: 1, 2 or 4
    int64_t base
    Py_ssize_t n


cdef Py_ssize_t _accumulate_part(
    const Part *part, double *pairs, uint8_t *seen, double idf, double k1, int64_t *met, Py_ssize_t count,
    double *heap, int64_t *chosen, Py_ssize_t size, Py_ssize_t *filled, double *highest,
) noexcept nogil:
    if part.width == 1:
        return _accumulate(pairs, seen, part.doc_ids, <const uint8_t *>part.term_freqs, part.n, part.base, idf, k1,
                           met, count, heap, chosen, size, filled, highest)
    if part.width == 2:
        return _accumulate(pairs, seen, part.doc_ids, <const uint16_t *>part.term_freqs, part.n, part.base, idf, k1,
                           met, count, heap, chosen, size, filled, highest)
    return _accumulate(pairs, seen, part.doc_ids, <const int32_t *>part.term_freqs, part.n, part.base, idf, k1,
                       met, count, heap, chosen, size, filled, highest)


cdef void _add_part(const Part *part, double *pairs, double idf, double k1) noexcept nogil:
    if part.width == 1:
        _add_to_met(pairs, part.doc_ids, <const uint8_t *>part.term_freqs, part.n, part.base, idf, k1)
    elif part.width == 2:
        _add_to_met(pairs, part.doc_ids, <const uint16_t *>part.term_freqs, part.n, part.base, idf, k1)
    else:
        _add_to_met(pairs, part.doc_ids, <const int32_t *>part.term_freqs, part.n, part.base, idf, k1)


cdef void _look_up_part(
    const Part *part, const int64_t *candidates, Py_ssize_t wanted, const length *lengths,
    double idf, double k1, double b, double average, double *added,
) noexcept nogil:
    if part.width == 1:
        _look_up(part.doc_ids, <const uint8_t *>part.term_freqs, part.n, part.base, candidates, wanted, lengths,
                 idf, k1, b, average, added, NULL)
    elif part.width == 2:
        _look_up(part.doc_ids, <const uint16_t *>part.term_freqs, part.n, part.base, candidates, wanted, lengths,
                 idf, k1, b, average, added, NULL)
    else:
        _look_up(part.doc_ids, <const int32_t *>part.term_freqs, part.n, part.base, candidates, wanted, lengths,
                 idf, k1, b, average, added, NULL)


cdef int _by_id(const void *a, const void *b) noexcept nogil:
    cdef int64_t x = (<const int64_t *>a)[0], y = (<const int64_t *>b)[0]
    return (x > y) - (x < y)


cdef double _nth_best(const double *values, Py_ssize_t count, Py_ssize_t n, double *heap, int64_t *chosen) noexcept nogil:
    """The ``n``-th best of the values, or -inf when there are fewer (``heap`` and ``chosen``
    hold ``n``, or as many as the values)."""
    cdef Py_ssize_t i, filled = 0
    for i in range(count):
        filled = _offer(heap, chosen, n, filled, values[i], i)
    return heap[0] if filled == n else -INFINITY


cdef double _lowered(double threshold, double slack) noexcept nogil:
    """index._lowered: the threshold less its own hair of room."""
    return threshold - fabs(threshold) * (slack - 1)


cdef class _Search:
    """One search's terms (in the order MaxScore takes them) as C arrays, pointing into the
    arrays of their postings, which it holds while the search reads them."""

    cdef Part *parts
    cdef Py_ssize_t *first  # each term's first part; first[terms] == how many parts
    cdef double *idf
    cdef double *bound
    cdef double *postings
    cdef Py_ssize_t terms
    cdef list arrays  # the postings' arrays, held while their memory is read

    def __cinit__(self, list terms):
        cdef Py_ssize_t t, k = 0, total = sum(len(term[0]) for term in terms)
        cdef const int32_t[::1] doc_ids
        cdef const uint8_t[::1] narrow
        cdef const uint16_t[::1] middle
        cdef const int32_t[::1] wide
        self.terms = len(terms)
        self.arrays = []
        self.parts = <Part *>PyMem_Malloc(max(total, 1) * sizeof(Part))
        self.first = <Py_ssize_t *>PyMem_Malloc((self.terms + 1) * sizeof(Py_ssize_t))
        self.idf = <double *>PyMem_Malloc(max(self.terms, 1) * 3 * sizeof(double))
        if self.parts == NULL or self.first == NULL or self.idf == NULL:
            raise MemoryError()
        self.bound, self.postings = self.idf + self.terms, self.idf + 2 * self.terms
        for t, (parts, idf, bound, postings) in enumerate(terms):
            self.first[t] = k
            self.idf[t], self.bound[t], self.postings[t] = idf, bound, postings
            for ids, freqs, base in parts:
                doc_ids = ids
                self.parts[k].doc_ids = &doc_ids[0]
                self.parts[k].width = freqs.itemsize
                if freqs.itemsize == 1:
                    narrow = freqs
                    self.parts[k].term_freqs = &narrow[0]
                elif freqs.itemsize == 2:
                    middle = freqs
                    self.parts[k].term_freqs = &middle[0]
                else:
                    wide = freqs
                    self.parts[k].term_freqs = &wide[0]
                self.parts[k].base, self.parts[k].n = base, doc_ids.shape[0]
                self.arrays.append((ids, freqs))
                k += 1
        self.first[self.terms] = k

    def __dealloc__(self):
        PyMem_Free(self.parts)
        PyMem_Free(self.first)
        PyMem_Free(self.idf)


def max_score(
    double[:, ::1] pairs,
    int64_t[::1] met,
    list terms,
    const length[::1] lengths,
    double k1,
    double b,
    double average,
    Py_ssize_t n,
    Py_ssize_t most,
    double remaining,
    double slack,
    Py_ssize_t sample,
    double walk_cost,
    object need,
):
    """The exact top ``n`` passages by MaxScore, over the whole index, with no mask (see
    ``index.BM25Index._top_pruned``, whose steps these are): ``terms`` in the order taken, each
    (its parts: (doc ids, term frequencies, base) a segment holding it; idf; the most it adds; its
    postings), ``remaining`` the sum of their bounds as the Python search sums them, ``need(t)``
    called before term ``t``'s postings are read whole. Returns the ``n`` best (ids and scores,
    best first, ties by passage order) and the highest impact of each term scored in full, in
    order. The scratch scores are left clean."""
    cdef _Search search = _Search(terms)
    cdef Py_ssize_t T = search.terms, step = 0, count = 0, t, k, i, kept, live, leaders = 0, pooled, filled, stride
    cdef Py_ssize_t hits, taken
    cdef double scored = 0.0, threshold = -INFINITY, floor, lift, surviving
    cdef double *scores = &pairs[0, 0]
    cdef Py_ssize_t parts_most = 1, postings = 0
    for t in range(T):
        parts_most = max(parts_most, search.first[t + 1] - search.first[t])
    for k in range(search.first[T]):
        postings += search.parts[k].n
    most = max(1, min(most, postings))  # no more passages are met than there are postings, whatever n asks
    heap_array = np.empty(max(most, min(n, postings)))
    chosen_array = np.empty(len(heap_array), dtype=np.int64)
    pool_array = np.empty(most * (1 + parts_most), dtype=np.int64)
    leading_array = np.empty(most, dtype=np.int64)
    values_array = np.empty(most)
    added_array = np.empty(most)
    cdef double[::1] heap = heap_array, values = values_array, added = added_array
    cdef int64_t[::1] chosen = chosen_array, pool = pool_array, leading = leading_array
    highest = []
    cdef double top

    # Terms scored in full, highest bound first, the leaders kept.
    while step < T:
        if need is not None:
            need(step)
        top = 0.0
        pooled = 0
        for i in range(leaders):
            pool[pooled] = leading[i]
            pooled += 1
        with nogil:
            for k in range(search.first[step], search.first[step + 1]):
                filled = 0
                count = _accumulate_part(
                    &search.parts[k], scores, NULL, search.idf[step], k1, &met[0], count,
                    &heap[0], &pool[pooled], min(most, search.parts[k].n), &filled, &top,
                )
                pooled += filled
            leaders = _lead(scores, &pool[0], pooled, most, &leading[0], &heap[0])
        highest.append(top)
        remaining -= search.bound[step]
        scored += search.bound[step]
        step += 1
        if step == T or remaining * slack < threshold:
            break
        if scored <= remaining * slack:
            continue
        threshold = max(threshold, _leaders_nth(scores, &leading[0], leaders, n, &values[0], &heap[0], &chosen[0]))
        if remaining * slack < threshold:
            break

    # Terms walked for the passages met, while nearly all of those could still make it.
    while step < T and count:
        floor = _lowered(threshold, slack) - remaining * slack
        stride = max(1, count // sample)
        hits = taken = 0
        for i in range(0, count, stride):
            taken += 1
            hits += scores[2 * met[i]] >= floor
        surviving = <double>(count * hits) / <double>taken
        if not search.postings[step] < surviving * walk_cost:
            break
        if need is not None:
            need(step)
        with nogil:
            for k in range(search.first[step], search.first[step + 1]):
                _add_part(&search.parts[k], scores, search.idf[step], k1)
        remaining -= search.bound[step]
        step += 1
        threshold = max(threshold, _leaders_nth(scores, &leading[0], leaders, n, &values[0], &heap[0], &chosen[0]))

    # The bar raised by the leaders' full scores, the terms left looked up for them.
    if step < T:
        with nogil:
            for i in range(leaders):
                pool[i] = leading[i]
            qsort(&pool[0], leaders, sizeof(int64_t), _by_id)
            for i in range(leaders):
                values[i] = scores[2 * pool[i]]
            for t in range(step, T):
                for i in range(leaders):
                    added[i] = 0.0
                for k in range(search.first[t], search.first[t + 1]):
                    _look_up_part(&search.parts[k], &pool[0], leaders, &lengths[0], search.idf[t], k1, b, average, &added[0])
                for i in range(leaders):
                    values[i] = values[i] + added[i]
            threshold = max(threshold, _nth_best(&values[0], leaders, n, &heap[0], &chosen[0]))
    else:
        threshold = max(threshold, _leaders_nth(scores, &leading[0], leaders, n, &values[0], &heap[0], &chosen[0]))

    # Only the passages that the terms left could still lift to the bar go on, looked up term by term.
    floor = _lowered(threshold, slack) - remaining * slack
    ids_array, kept_array = np.empty(count, dtype=np.int64), np.empty(count)
    cdef int64_t[::1] ids = ids_array
    cdef double[::1] kept_values = kept_array
    with nogil:
        kept = _survivors(scores, NULL, &met[0], count, floor, &ids[0], &kept_values[0]) if count else 0
    ascending = np.argsort(ids_array[:kept], kind="stable")  # runs of ascending ids, one a term: merged
    ids_array, kept_array = ids_array[:kept][ascending], kept_array[:kept][ascending]
    ids, kept_values = ids_array, kept_array
    sums_array = np.empty(kept)
    cdef double[::1] sums = sums_array
    for t in range(step, T):
        with nogil:
            lift = remaining * slack
            live = 0
            for i in range(kept):
                if kept_values[i] + lift >= threshold:
                    ids[live], kept_values[live] = ids[i], kept_values[i]
                    live += 1
            kept = live
            for i in range(kept):
                sums[i] = 0.0
            for k in range(search.first[t], search.first[t + 1]):
                if kept:
                    _look_up_part(&search.parts[k], &ids[0], kept, &lengths[0], search.idf[t], k1, b, average, &sums[0])
            for i in range(kept):
                kept_values[i] = kept_values[i] + sums[i]
            remaining -= search.bound[t]
            threshold = max(threshold, _nth_best(&kept_values[0], kept, n, &heap[0], &chosen[0]) if kept else -INFINITY)
    floor = _lowered(threshold, slack)
    live = 0
    for i in range(kept):
        if kept_values[i] >= floor:
            ids[live], kept_values[live] = ids[i], kept_values[i]
            live += 1
    return (*_best(ids_array[:live], kept_array[:live], n), highest)


cdef Py_ssize_t _lead(
    const double *pairs, int64_t *pool, Py_ssize_t pooled, Py_ssize_t most, int64_t *leading, double *heap
) noexcept nogil:
    """The ``most`` passages of the pool (some there twice) with the highest scores, each once,
    written to ``leading``; how many."""
    cdef Py_ssize_t i, filled = 0
    qsort(pool, pooled, sizeof(int64_t), _by_id)
    for i in range(pooled):
        if i and pool[i] == pool[i - 1]:
            continue
        filled = _offer(heap, leading, most, filled, pairs[2 * pool[i]], pool[i])
    return filled


cdef double _leaders_nth(
    const double *pairs, const int64_t *leading, Py_ssize_t leaders, Py_ssize_t n, double *values, double *heap,
    int64_t *chosen,
) noexcept nogil:
    """The ``n``-th best score of the leaders so far (-inf with fewer)."""
    cdef Py_ssize_t i
    for i in range(leaders):
        values[i] = pairs[2 * leading[i]]
    return _nth_best(values, leaders, n, heap, chosen)


def score_all(
    double[:, ::1] pairs,
    uint8_t[::1] seen,
    int64_t[::1] met,
    list terms,
    double k1,
    Py_ssize_t n,
    object need,
):
    """Every posting of every term scored (few postings, or an idf that is not positive: see
    ``index.BM25Index._top_of_all``), each passage met flagged in ``seen``; ``terms`` as
    ``max_score`` takes them. Returns the ``n`` best passages met (as ``max_score``; with ``n``
    0, all of them, in the order met) and their scores, and each term's highest impact. The
    scratch scores and flags are left clean."""
    cdef _Search search = _Search(terms)
    cdef Py_ssize_t t, k, count = 0, kept = 0, filled = 0
    cdef double top
    cdef double unused_heap[1]
    cdef int64_t unused_chosen[1]
    highest = []
    for t in range(search.terms):
        if need is not None:
            need(t)
        top = 0.0
        with nogil:
            for k in range(search.first[t], search.first[t + 1]):
                count = _accumulate_part(
                    &search.parts[k], &pairs[0, 0], &seen[0], search.idf[t], k1, &met[0], count,
                    unused_heap, unused_chosen, 0, &filled, &top,
                )
        highest.append(top)
    ids_array, values_array = np.empty(count, dtype=np.int64), np.empty(count)
    cdef int64_t[::1] ids = ids_array
    cdef double[::1] values = values_array
    if count:
        with nogil:
            kept = _survivors(&pairs[0, 0], &seen[0], &met[0], count, -INFINITY, &ids[0], &values[0])
    if n:
        return (*_best(ids_array[:kept], values_array[:kept], n), highest)
    return ids_array[:kept], values_array[:kept], highest


cdef struct Ranked:
    double value
    int64_t id


cdef inline bint _below(Ranked a, Ranked b) noexcept nogil:
    """Whether ``a`` ranks below ``b``: a lower score, or the same score and a later passage."""
    return a.value < b.value or (a.value == b.value and a.id > b.id)


cdef int _by_rank(const void *a, const void *b) noexcept nogil:
    """Best first: ``a`` after ``b`` when it ranks below it."""
    return _below((<const Ranked *>a)[0], (<const Ranked *>b)[0]) - _below((<const Ranked *>b)[0], (<const Ranked *>a)[0])


def _best(int64_t[::1] ids, double[::1] values, Py_ssize_t n):
    """The ``n`` best of the passages (all when fewer), best first, ties by passage order
    (``index._best``): a heap of the ``n`` best on the way, the worst on top."""
    cdef Py_ssize_t i, at, child, filled = 0, count = ids.shape[0], size = min(n, ids.shape[0])
    cdef Ranked offered
    best_ids, best_values = np.empty(size, dtype=np.int64), np.empty(size)
    cdef int64_t[::1] out_ids = best_ids
    cdef double[::1] out_values = best_values
    if not size:
        return best_ids, best_values
    cdef Ranked *heap = <Ranked *>PyMem_Malloc(size * sizeof(Ranked))
    if heap == NULL:
        raise MemoryError()
    with nogil:
        for i in range(count):
            offered.value, offered.id = values[i], ids[i]
            if filled < size:  # sift up
                at = filled
                while at > 0 and _below(offered, heap[(at - 1) // 2]):
                    heap[at] = heap[(at - 1) // 2]
                    at = (at - 1) // 2
                heap[at] = offered
                filled += 1
            elif _below(heap[0], offered):  # replace the worst, sift down
                at = 0
                while True:
                    child = 2 * at + 1
                    if child >= size:
                        break
                    if child + 1 < size and _below(heap[child + 1], heap[child]):
                        child += 1
                    if not _below(heap[child], offered):
                        break
                    heap[at] = heap[child]
                    at = child
                heap[at] = offered
        qsort(heap, size, sizeof(Ranked), _by_rank)
        for i in range(size):
            out_ids[i], out_values[i] = heap[i].id, heap[i].value
    PyMem_Free(heap)
    return best_ids, best_values
