"""Okapi BM25 over passages: rank-bm25's scores, at the cost of the query's postings.

``rank_bm25.BM25Okapi.get_scores`` walks every document for every query term.
Here each term keeps its postings (passage ids and term frequencies) in sparse
arrays, and its impact on each of those passages (idf * tf * (k1 + 1) / (tf +
k1 * (1 - b + b * dl / avgdl))) is computed as its postings are read (compiled
loops, ``kernels``), so a query only touches the passages that hold its terms
and loading an index computes nothing. IDF, its epsilon floor for negative values and
the average document length are rank-bm25's, so the scores are the same.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, wait
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Protocol

import numpy as np

from . import kernels, scratches
from .paging import will_need
from .scratches import Scratch

K1, B, EPSILON = 1.5, 0.75, 0.25  # rank_bm25.BM25Okapi's defaults
PRUNE_FROM = 20_000  # a query with fewer postings scores them all: skipping would save nothing
# A search that will score at least this many postings in full (``_essential``) is split across
# the cores when no other search runs, into slices of the passages holding at least half as many
# each: fewer, and the split costs about what it saves (measured on two cores).
SPLIT_FROM = 150_000
_SLACK = 1 + 1e-9  # bounds are sums of floats: a hair of room so rounding never prunes a passage
# Measured costs, in units of walking one posting: sorting the n passages met (runs of ascending
# ids, one a term: a merge) costs about what reading this many times n flags of the whole index
# does (below 1/32 of the archive, sort); looking one passage up in a term's postings, this many
# postings walked.
_SORT_COST = 32
LOOKUP_COST = 8
# Looking a term up for a passage that could still reach the top (gathering it, sorting, the
# search itself) costs about what walking this many of the term's postings does (measured).
_WALK_COST = 3
_SAMPLE = 512  # passages met whose scores estimate how many of them could still reach the top
_LEADING = 4  # passages per result kept as the leaders while terms are scored in full (8: ~6% slower)
_UNFLAGGED = np.empty(0, dtype=bool)  # no seen flags: the kernels tell a passage met by its score


class Allowed(Protocol):
    """Which of some passages may be returned (a boolean array over all of them will do)."""

    def __getitem__(self, ids: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class Postings:
    """One segment's postings, term after term: term ``t``'s passages are
    ``doc_ids[indptr[t]:indptr[t + 1]]`` (ascending, counted from the segment's first passage,
    whose id in the whole index is ``base``), with how often it occurs in each. A segment written
    before a term was first met has a shorter ``indptr``: it holds none of the later terms."""

    indptr: np.ndarray
    doc_ids: np.ndarray
    term_freqs: np.ndarray  # uint8, uint16 or int32: the narrowest that holds them (``narrowest``)
    base: int = 0
    peaks: np.ndarray | None = None  # each term's ``term_peaks`` here (None: not stored, an older index)

    def span(self, term: int) -> tuple[int, int]:
        if term + 1 >= len(self.indptr):
            return 0, 0
        return int(self.indptr[term]), int(self.indptr[term + 1])

    def within(self, start: int, end: int, first: int, last: int) -> tuple[int, int]:
        """The part of the postings ``start:end`` (one term's) of passages ``first`` to ``last``
        (ids in the whole index; ``last`` not included). The ids looked for are of the postings'
        own type: others would have numpy copy all the term's postings to compare them."""
        top = int(np.iinfo(self.doc_ids.dtype).max)
        local = np.array([max(0, first - self.base), min(top, max(0, last - self.base))], dtype=self.doc_ids.dtype)
        low, high = np.searchsorted(self.doc_ids[start:end], local)
        return start + int(low), start + int(high)


class _Bar:
    """A lower bound of a search's ``n``-th best score, raised as its slices learn their passages'
    scores: the ``n``-th best of the best that every slice knows of (their scores so far, each at
    most the passage's final score) is at most the ``n``-th best of all. Slices that share it
    prune as one search does, not as ``n`` best in each."""

    def __init__(self, n: int) -> None:
        self.value = -math.inf
        self._n = n
        self._known: dict[int, np.ndarray] = {}  # per slice (by its first passage): the best it knows
        self._lock = threading.Lock()

    def raised(self, part: _Slice, best: np.ndarray) -> float:
        """Raised by what a slice now knows of its ``best`` passages (at most ``n``); the bar now."""
        with self._lock:
            self._known[part.start] = best
            known = np.concatenate(list(self._known.values())) if len(self._known) > 1 else best
            self.value = max(self.value, _nth_best(known, self._n))
            return self.value


@dataclass(frozen=True)
class _Slice:
    """The passages from ``start`` to ``end`` (ids in the whole index) that a search looks
    through, and where it notes each term's highest impact on them once all its postings there
    were read."""

    start: int
    end: int
    highest: dict[int, float] = field(default_factory=dict)


class BM25Index:
    """Postings and per-term impacts of a corpus of term lists, held in one or more segments."""

    def __init__(
        self,
        vocabulary: Mapping[str, int],
        segments: list[Postings],
        doc_lengths: np.ndarray,
        k1: float = K1,
        b: float = B,
        epsilon: float = EPSILON,
    ) -> None:
        if len(doc_lengths) == 0:
            raise ValueError("cannot index an empty corpus")
        self.vocabulary = vocabulary
        self.segments = segments
        self.doc_lengths = doc_lengths
        self.k1, self.b, self.epsilon = k1, b, epsilon
        self.size = len(doc_lengths)
        self.document_frequency = np.zeros(len(vocabulary), dtype=np.int64)
        for segment in segments:
            counts = np.diff(segment.indptr)
            self.document_frequency[: len(counts)] += counts
        self.idf = _okapi_idf(self.document_frequency, self.size, epsilon)
        ends = [segment.base for segment in segments[1:]] + [self.size]
        parts = [doc_lengths[segment.base : end] for segment, end in zip(segments, ends, strict=True)]
        sums = [int(np.sum(part, dtype=np.int64)) for part in parts]  # each passage's length read once
        self._averages = [_average(total, len(part)) for total, part in zip(sums, parts, strict=True)]  # peaks'
        self._norms = kernels.Norms(_as_lengths(doc_lengths), k1, b, _average(sum(sums), self.size))
        self._highest: dict[int, float] = {}  # each term's highest impact, once all its postings were read
        self._whole = _Slice(0, self.size, self._highest)
        self._scratches = scratches.Scratches(self._norms)

    @classmethod
    def build(cls, corpus: Iterable[list[str]], k1: float = K1, b: float = B, epsilon: float = EPSILON) -> BM25Index:
        """From term lists, one a passage (terms repeat as often as they occur)."""
        vocabulary: dict[str, int] = {}
        rows: list[np.ndarray] = []
        freqs: list[np.ndarray] = []
        lengths: list[int] = []
        for terms in corpus:
            counts = Counter(terms)
            rows.append(
                np.fromiter(
                    (vocabulary.setdefault(term, len(vocabulary)) for term in counts), dtype=np.int64, count=len(counts)
                )
            )
            freqs.append(np.fromiter(counts.values(), dtype=np.int32, count=len(counts)))
            lengths.append(len(terms))
        return cls.from_rows(vocabulary, rows, freqs, np.asarray(lengths, dtype=np.int64), k1, b, epsilon)

    @classmethod
    def from_rows(
        cls,
        vocabulary: Mapping[str, int],
        term_ids: list[np.ndarray],
        freqs: list[np.ndarray],
        doc_lengths: np.ndarray,
        k1: float = K1,
        b: float = B,
        epsilon: float = EPSILON,
    ) -> BM25Index:
        """From each passage's term ids and frequencies (passage-major), to term-major postings."""
        if not term_ids:
            raise ValueError("cannot index an empty corpus")
        terms = np.concatenate(term_ids) if term_ids else np.empty(0, dtype=np.int64)
        tf = np.concatenate(freqs) if freqs else np.empty(0, dtype=np.int32)
        docs = np.repeat(np.arange(len(term_ids), dtype=np.int32), [len(row) for row in term_ids])
        order = np.argsort(terms, kind="stable")
        indptr = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        np.cumsum(np.bincount(terms, minlength=len(vocabulary)), out=indptr[1:])
        doc_ids, term_freqs = docs[order], narrowest(tf[order])
        peaks = term_peaks(indptr, doc_ids, term_freqs, doc_lengths, average_length(doc_lengths), k1, b)
        postings = Postings(indptr, doc_ids, term_freqs, 0, peaks)
        return cls(vocabulary, [postings], doc_lengths, k1, b, epsilon)

    def scores(self, terms: list[str]) -> np.ndarray:
        """Every passage's score, as ``BM25Okapi.get_scores`` gives it (repeated terms count again)."""
        scores = np.zeros(self.size)
        for term in terms:
            index = self._known(term)
            if index is not None:
                doc_ids, impacts = self._impacts_of(index)
                scores[doc_ids] += impacts
        return scores

    def warm(self) -> None:
        """Make the first scratch now rather than at the first search (``scratches.Scratches``)."""
        with self._scratches.lent():
            pass

    def top(self, terms: list[str], n: int, allowed: Allowed | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The ``n`` best passages holding any of the terms (ids, scores; best first; ties by
        passage order), optionally only among the ``allowed`` ones.

        Only the postings of the query's terms are read, and of a frequent term's long postings
        only what can still change the top ``n`` (MaxScore, below): the cost follows the rare
        terms, not the size of the archive. A search with many postings to score, when no other
        runs, is split across the cores (``_top_in_slices``).
        """
        found = [index for term in terms if (index := self._known(term)) is not None]
        if not found or n <= 0:
            return np.empty(0, dtype=np.int64), np.empty(0)
        postings = sum(int(self.document_frequency[index]) for index in found)
        with self._scratches.lent() as scratch:
            if postings < PRUNE_FROM or bool((self.idf[found] <= 0).any()):
                return self._top_of_all(found, n, allowed, scratch)
            bounds = {index: self._bound(index) for index in found}
            bar = _Bar(n)
            slices = 1
            if scratches.CORES > 1 and self._scratches.searching == 1:  # no other search: the other cores are free
                likely = max(bounds.values())  # the bar ends about there or higher: the n-th best holds several terms
                slices = min(scratches.CORES, 2 * self._essential(found, bounds, likely) // max(1, SPLIT_FROM))
            if slices < 2 and allowed is None and kernels.compiled is not None:
                return self._top_compiled(found, n, scratch, bounds)
            if slices < 2:
                return self._top_pruned(found, n, allowed, scratch, self._whole, bounds, bar)
            return self._top_in_slices(found, n, allowed, scratch, bounds, bar, slices)

    def top_among(self, terms: list[str], n: int, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``top`` among the passages ``ids`` (ascending) only, each term's postings searched for
        them: for a question restricted to a few passages (a month of a big archive), cheaper than
        walking the long postings of its frequent words. The same ids and scores as ``top``
        with a mask of those passages."""
        found = [index for term in terms if (index := self._known(term)) is not None]
        ids = np.asarray(ids, dtype=np.int64)
        if not found or n <= 0 or not len(ids):
            return np.empty(0, dtype=np.int64), np.empty(0)
        values, held = np.zeros(len(ids)), np.zeros(len(ids), dtype=bool)
        for index in found:
            impacts, holds = self._looked_up(index, ids)
            values += impacts
            held |= holds
        return _best(ids[held], values[held], n, None)

    def postings(self, terms: list[str]) -> int:
        """How many postings the terms have in all (what scoring them in full would walk)."""
        return sum(int(self.document_frequency[index]) for term in terms if (index := self._known(term)) is not None)

    def _top_of_all(
        self, found: list[int], n: int, allowed: Allowed | None, scratch: Scratch
    ) -> tuple[np.ndarray, np.ndarray]:
        """Score every posting of every term (few postings, or an IDF that is not positive): in one
        compiled call where the loops are compiled (``kernels.score_all``)."""
        pairs, seen, met = scratch
        if kernels.compiled is not None:
            terms, need = self._as_compiled(found, {})
            candidates, values, highest = kernels.score_all(
                pairs, seen, met, terms, self._norms, n if allowed is None else 0, need
            )
            self._highest.update(zip(found, highest, strict=True))
            return (candidates, values) if allowed is None else _best(candidates, values, n, allowed)
        scores = scratch.scores
        count = 0
        for index in found:
            count, _ = self._accumulate(index, pairs, seen, met, count, self._whole)
        candidates = self._met(seen, met, count)
        values = scores[candidates]
        scores[candidates] = 0.0  # leave the scratch arrays clean for the next query
        seen[candidates] = False
        return _best(candidates, values, n, allowed)

    def _top_in_slices(
        self,
        found: list[int],
        n: int,
        allowed: Allowed | None,
        scratch: Scratch,
        bounds: dict[int, float],
        bar: _Bar,
        slices: int,
    ) -> tuple[np.ndarray, np.ndarray]:
        """A long question of frequent words searched on several cores at once, one of ``slices``
        slices of the passages each (as Lucene's IndexSearcher searches slices of an index): the
        best ``n`` of each slice's exact top ``n`` are the exact top ``n``. The slices share the
        scratch (their passages' rows are apart); ``bounds``, so that a passage's terms are summed
        in the order one search sums them; and the ``bar``, which each raises as it learns its
        passages' scores (as Lucene's slices share the lowest score that can still compete). A
        term's highest impact is known for good once every slice has read all its postings."""
        cuts = np.linspace(0, self.size, slices + 1).astype(np.int64).tolist()
        parts = [_Slice(start, end) for start, end in pairwise(cuts) if end > start]

        def search(part: _Slice) -> tuple[np.ndarray, np.ndarray]:
            part_scratch = Scratch(scratch.pairs, scratch.seen, scratch.met[part.start : part.end])
            return self._top_pruned(found, n, allowed, part_scratch, part, bounds, bar)

        others: list[Future] = [scratches.helpers().submit(search, part) for part in parts[1:]]
        try:
            tops = [search(parts[0])] + [future.result() for future in others]
        finally:
            wait(others)  # none still writes in the scratch when it is given back (or dropped)
        for index in found:
            if all(index in part.highest for part in parts):
                self._highest[index] = max(part.highest[index] for part in parts)
        ids, values = (np.concatenate(columns) for columns in zip(*tops, strict=True))
        return _best(ids, values, n, None)

    def _top_pruned(
        self,
        found: list[int],
        n: int,
        allowed: Allowed | None,
        scratch: Scratch,
        part: _Slice,
        bounds: dict[int, float],
        bar: _Bar,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Exact top ``n`` by MaxScore (Turtle and Flood 1995, as Lucene does it).

        Terms are taken by the most they can add to a score, highest first, and their postings
        scored in full until the ``n``-th best score so far beats what all the remaining terms
        together could add: no passage those terms alone hold can reach the top ``n`` any more.
        The remaining (frequent, low-IDF) terms are then only looked up for the passages found so
        far that could still get there, which are dropped as soon as they no longer can; or, while
        nearly all of those met could (``_walked``), walked for all of them, unsorted. The
        ``n``-th best score is the ``bar``, which every slice of a search raises: the passages
        leading so far are kept as terms are scored (the n-th best is among them), and their full
        scores raise it before the lookups (``_completed_best``). Only the passages of ``part``
        are looked through; ``bounds`` is the most each term adds. A search of the whole index
        with no mask takes these same steps compiled (``_top_compiled``): a change here is one there.
        """
        order = sorted(range(len(found)), key=lambda i: (-bounds[found[i]], i))
        remaining = sum(bounds[index] for index in found)
        scored = 0.0  # the most the terms scored so far add to any passage
        threshold = bar.value
        pairs, _, met = scratch  # no seen flags: every impact is positive, so a passage not met has score 0
        scores = scratch.scores
        count = 0  # passages met so far: met[:count], each once, in the order first met
        leaders = np.empty(0, dtype=np.int64)  # the _LEADING * n of them with the most so far
        most = max(n, _LEADING * n * (part.end - part.start) // self.size)  # a slice: its share of them

        def raised_by_leaders() -> float:
            """The bar raised by the leaders' n best scores (with no mask, the n best so far)."""
            return bar.raised(part, _n_best(scores[leaders], None, leaders, n))

        step = 0
        while step < len(order):
            index = found[order[step]]
            count, leaders = self._accumulate(index, pairs, _UNFLAGGED, met, count, part, leaders, most)
            remaining -= bounds[index]
            scored += bounds[index]
            step += 1
            threshold = bar.value  # raised by another slice, maybe
            if step == len(order) or remaining * _SLACK < threshold:
                break
            if scored <= remaining * _SLACK:
                continue  # no passage has more yet than the remaining terms could add: nothing to learn
            if allowed is None:
                threshold = raised_by_leaders()
            else:
                candidates = met[:count]
                threshold = bar.raised(part, _n_best(scores[candidates], allowed, candidates, n))
            if remaining * _SLACK < threshold:
                break
        while step < len(order) and self._walked(
            found[order[step]], part, scores, met[:count], _lowered(threshold) - remaining * _SLACK
        ):
            index = found[order[step]]
            self._add_to_met(index, pairs, part)
            remaining -= bounds[index]
            step += 1
            if allowed is None:
                threshold = raised_by_leaders()
        if step < len(order):
            threshold = bar.raised(part, self._completed_best(found, order[step:], n, allowed, scores, leaders, part))
        elif allowed is None:  # every term scored in full
            threshold = raised_by_leaders()
        # Only passages that the remaining terms could still lift to the threshold go on.
        floor = _lowered(threshold) - remaining * _SLACK
        candidates, values = kernels.survivors(pairs, _UNFLAGGED, met, count, floor)  # the scratch left clean
        ascending = np.argsort(candidates, kind="stable")  # runs of ascending ids, one a term: merged
        candidates, values = candidates[ascending], values[ascending]
        if allowed is not None:
            keep = allowed[candidates]
            candidates, values = candidates[keep], values[keep]
        for index in (found[i] for i in order[step:]):
            live = values + remaining * _SLACK >= threshold
            candidates, values = candidates[live], values[live]
            values = values + self._looked_up(index, candidates, part)[0]
            remaining -= bounds[index]
            threshold = bar.raised(part, _n_best(values, None, candidates, n, at_least=threshold))
        keep = values >= _lowered(threshold)  # the n best are there: a partition of those only
        return _best(candidates[keep], values[keep], n, None)

    def _top_compiled(
        self, found: list[int], n: int, scratch: Scratch, bounds: dict[int, float]
    ) -> tuple[np.ndarray, np.ndarray]:
        """``_top_pruned`` over the whole index with no mask, its steps compiled
        (``kernels.max_score``): the same n best with the same scores, without the interpreter
        between one term's postings and the next (most of a common question's search)."""
        order = sorted(range(len(found)), key=lambda i: (-bounds[found[i]], i))
        remaining = sum(bounds[index] for index in found)
        taken = [found[i] for i in order]
        terms, need = self._as_compiled(taken, bounds)
        ids, scores, highest = kernels.max_score(
            scratch.pairs,
            scratch.met,
            terms,
            self._norms,
            n,
            max(n, _LEADING * n),
            remaining,
            (_SLACK, _SAMPLE, _WALK_COST),
            need,
        )
        self._highest.update(zip(taken, highest, strict=False))  # the terms scored in full
        return ids, scores

    def _as_compiled(
        self, taken: list[int], bounds: Mapping[int, float]
    ) -> tuple[list[kernels.Term], Callable[[int], None]]:
        """The terms as the compiled searches take them (``kernels.max_score``): each its postings
        in every segment holding it, its idf, the most it adds (0 where not bounded) and how many
        passages hold it; and what asks for a term's pages before its postings are read whole
        (``_parts(whole=True)``)."""
        parts = [
            [(segment.doc_ids[start:end], segment.term_freqs[start:end], segment.base) for segment, start, end in spans]
            for spans in (self._parts(index, self._whole) for index in taken)
        ]
        terms = [
            (held, float(self.idf[index]), bounds.get(index, 0.0), float(self.document_frequency[index]))
            for held, index in zip(parts, taken, strict=True)
        ]

        def need(step: int) -> None:
            for doc_ids, term_freqs, _ in parts[step]:
                will_need(doc_ids)
                will_need(term_freqs)

        return terms, need

    def _essential(self, found: list[int], bounds: dict[int, float], threshold: float) -> int:
        """How many postings MaxScore will score in full (``_top_pruned``) if its bar reaches
        ``threshold``: those of the terms that add most, until the rest together cannot reach it.
        Most of a search's time follows them."""
        remaining, postings = sum(bounds[index] for index in found), 0
        for index in sorted(found, key=lambda index: -bounds[index]):
            postings += int(self.document_frequency[index])
            remaining -= bounds[index]
            if remaining * _SLACK < threshold:
                break
        return postings

    def _completed_best(
        self,
        found: list[int],
        remaining: list[int],
        n: int,
        allowed: Allowed | None,
        scores: np.ndarray,
        leaders: np.ndarray,
        part: _Slice,
    ) -> np.ndarray:
        """What raises the bar once the terms scored in full are done: the ``n`` best full scores
        of the few passages that have the most so far, the ``remaining`` terms looked up for them
        (summed as their final scores will be). Passages that cannot reach it are then dropped
        before the long lookups, not after the first."""
        likely, values = leaders, scores[leaders]
        if allowed is not None:
            keep = allowed[likely]
            likely, values = likely[keep], values[keep]
        ascending = np.argsort(likely, kind="stable")
        likely, values = likely[ascending], values[ascending]
        for index in (found[i] for i in remaining):
            values = values + self._looked_up(index, likely, part)[0]
        return _n_best(values, None, likely, n)

    def _accumulate(
        self,
        index: int,
        pairs: np.ndarray,
        seen: np.ndarray,
        met: np.ndarray,
        count: int,
        part: _Slice,
        leaders: np.ndarray | None = None,
        most: int = 0,
    ) -> tuple[int, np.ndarray]:
        """Add a term's impacts to the scratch scores (``kernels.accumulate``; its highest impact
        is then known for good), and keep the ``most`` passages with the highest scores: only the
        term's passages have changed, so they are among the leaders before or the best of those."""
        highest, idf = 0.0, float(self.idf[index])
        pool = [leaders if leaders is not None else np.empty(0, dtype=np.int64)]
        for segment, start, end in self._parts(index, part, whole=True):
            doc_ids, term_freqs = segment.doc_ids[start:end], segment.term_freqs[start:end]
            count, top, best = kernels.accumulate(
                pairs, seen, doc_ids, term_freqs, segment.base, self._norms, idf, met, count, most
            )
            highest = max(highest, top)
            pool.append(best)
        part.highest[index] = highest
        if not most:
            return count, pool[0]
        leaders = np.sort(np.concatenate(pool))
        if len(leaders) > 1:
            leaders = leaders[np.concatenate(([True], leaders[1:] != leaders[:-1]))]  # each once (np.unique: 6x slower)
        if len(leaders) > most:
            leaders = leaders[np.argpartition(pairs[leaders, 0], len(leaders) - most)[len(leaders) - most :]]
        return count, leaders

    def _walked(self, index: int, part: _Slice, scores: np.ndarray, met: np.ndarray, floor: float) -> bool:
        """Whether the next term left out of scoring in full is better added to the passages met
        by walking its postings (``_add_to_met``) than looked up for those that can still reach
        the top, those scoring ``floor`` or more so far: they are first gathered and sorted, then
        each looked up, about ``_WALK_COST`` postings' walk each. When the frequent terms cannot
        lift a passage far, nearly every passage met can still make it: hundreds of thousands to
        sort and look up where the term has as many postings. How many would be is estimated from
        an even sample of them."""
        if not len(met):
            return False
        sample = scores[met[:: max(1, len(met) // _SAMPLE)]]
        surviving = len(met) * np.count_nonzero(sample >= floor) / len(sample)
        postings = int(self.document_frequency[index]) * (part.end - part.start) / self.size
        return bool(postings < surviving * _WALK_COST)

    def _add_to_met(self, index: int, pairs: np.ndarray, part: _Slice) -> None:
        """Add a term's impacts to the scores of the passages of ``part`` met so far, and to no
        other: no passage not met yet can reach the top any more."""
        idf = float(self.idf[index])
        for segment, start, end in self._parts(index, part, whole=True):
            doc_ids, term_freqs = segment.doc_ids[start:end], segment.term_freqs[start:end]
            kernels.add_to_met(pairs, doc_ids, term_freqs, segment.base, self._norms, idf)

    def _met(self, seen: np.ndarray, met: np.ndarray, count: int) -> np.ndarray:
        """The passages met (``met[:count]``), ascending: read off the flags when they are many,
        which beats sorting them."""
        return np.flatnonzero(seen) if count * _SORT_COST >= self.size else np.sort(met[:count], kind="stable")

    def _impacts_of(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        """A term's passages (ids in the whole index, ascending) and its impact on each:
        idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))."""
        parts = self._parts(index, self._whole, whole=True)
        if not parts:
            return np.empty(0, dtype=np.int64), np.empty(0)
        idf = float(self.idf[index])
        impacts = [
            kernels.impacts(segment.doc_ids[start:end], segment.term_freqs[start:end], segment.base, self._norms, idf)
            for segment, start, end in parts
        ]
        doc_ids = [segment.doc_ids[start:end].astype(np.int64) + segment.base for segment, start, end in parts]
        self._highest[index] = max(float(part.max()) for part in impacts)
        return np.concatenate(doc_ids), np.concatenate(impacts)

    def _looked_up(
        self, index: int, candidates: np.ndarray, part: _Slice | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """A term's impact on each of the candidate passages (all in ``part``), 0 where it is
        absent, and whether each holds it (``kernels.look_up``, which walks ascending candidates)."""
        candidates = np.ascontiguousarray(candidates, dtype=np.int64)
        order = None
        if len(candidates) > 1 and not bool((candidates[1:] >= candidates[:-1]).all()):
            order = np.argsort(candidates, kind="stable")
            candidates = candidates[order]
        added, held = np.zeros(len(candidates)), np.zeros(len(candidates), dtype=bool)
        idf = float(self.idf[index])
        for segment, start, end in self._parts(index, part or self._whole):
            doc_ids, term_freqs = segment.doc_ids[start:end], segment.term_freqs[start:end]
            kernels.look_up(doc_ids, term_freqs, segment.base, candidates, self._norms, idf, added, held)
        if order is not None:
            added[order], held[order] = added.copy(), held.copy()
        return added, held

    def _parts(self, index: int, part: _Slice, whole: bool = False) -> list[tuple[Postings, int, int]]:
        """Where each segment holding the term keeps its postings of the passages of ``part``;
        ``whole``: about to be read from end to end, so their pages (if mapped) are asked for in
        one go."""
        parts = [(segment, *segment.span(index)) for segment in self.segments]
        if part is not self._whole:
            parts = [(segment, *segment.within(start, end, part.start, part.end)) for segment, start, end in parts]
        parts = [(segment, start, end) for segment, start, end in parts if start < end]
        if whole:
            for segment, start, end in parts:
                will_need(segment.doc_ids[start:end])
                will_need(segment.term_freqs[start:end])
        return parts

    def _bound(self, index: int) -> float:
        """The most a term adds to any passage's score: its highest impact once known, else
        idf * (k1 + 1) times the most its postings' ``term_peaks`` can be."""
        highest = self._highest.get(index)
        return highest if highest is not None else float(self.idf[index]) * (self.k1 + 1) * self._peak(index)

    def _peak(self, index: int) -> float:
        """The most tf / (tf + k1 * (1 - b + b * dl / avgdl)) can be over a term's postings: the
        highest of each segment's stored peak, scaled up by how much the average length has grown
        since it was computed (a longer average lifts every impact by at most that ratio); 1, the
        bound no term frequency reaches, where a segment holding the term stored none."""
        peak, average = 0.0, self._norms.average
        for segment, computed_against in zip(self.segments, self._averages, strict=True):
            start, end = segment.span(index)
            if start == end:
                continue
            if segment.peaks is None:
                return 1.0
            peak = max(peak, float(segment.peaks[index]) * max(1.0, average / computed_against))
        return min(peak * _SLACK, 1.0)

    def weight(self, term: str) -> float:
        """How telling a term is, always positive (Lucene's smoothed IDF; unknown terms weigh most).

        Okapi's own IDF goes to zero or below for terms in half the passages,
        which is right for scoring but useless for saying how much of a
        question a passage covers.
        """
        index = self._known(term)
        frequency = int(self.document_frequency[index]) if index is not None else 0
        return math.log(1 + (self.size - frequency + 0.5) / (frequency + 0.5))

    def knows(self, term: str) -> bool:
        return self._known(term) is not None

    def holding(self, term: str, ids: np.ndarray) -> np.ndarray:
        """Which of the passages ``ids`` hold ``term`` (a binary search of its postings each:
        nothing is read of the passages themselves)."""
        index = self._known(term)
        if index is None:
            return np.zeros(len(ids), dtype=bool)
        return self._looked_up(index, np.asarray(ids, dtype=np.int64))[1]

    def _known(self, term: str) -> int | None:
        """The term's number if some passage holds it (the vocabulary keeps the terms of pages
        since removed, with no passages)."""
        index = self.vocabulary.get(term)
        return index if index is not None and self.document_frequency[index] > 0 else None


def term_peaks(
    indptr: np.ndarray,
    doc_ids: np.ndarray,
    term_freqs: np.ndarray,
    doc_lengths: np.ndarray,
    average: float,
    k1: float = K1,
    b: float = B,
) -> np.ndarray:
    """Each term's highest tf / (tf + k1 * (1 - b + b * dl / average)) over its postings (0 with
    none), rounded up to float32: idf * (k1 + 1) times it is the most the term adds to a score,
    known before its postings are read (Lucene stores its terms' impacts for the same end). A
    frequent term MaxScore only looks up otherwise keeps the bound idf * (k1 + 1), two or three
    times what it adds, and questions holding it prune little. Computed as a segment is written, a
    million postings at a time."""
    peaks = np.zeros(len(indptr) - 1, dtype=np.float32)
    low = 0
    for high in term_ranges(indptr, 1 << 20):
        start, end = int(indptr[low]), int(indptr[high])
        if start < end:
            tf = np.asarray(term_freqs[start:end], dtype=np.float64)
            dl = np.asarray(doc_lengths[np.asarray(doc_ids[start:end])], dtype=np.float64)
            exact = tf / (tf + k1 * (1 - b + b * dl / average))
            values = exact.astype(np.float32)
            low_by_rounding = values < exact
            values[low_by_rounding] = np.nextafter(values[low_by_rounding], np.float32(np.inf))
            held = np.flatnonzero(np.diff(indptr[low : high + 1])) + low
            peaks[held] = np.maximum.reduceat(values, indptr[held] - start)
        low = high
    return peaks


def average_length(doc_lengths: np.ndarray) -> float:
    """The passages' average length (0 for none), as BM25 and the term peaks take it."""
    return _average(int(np.sum(doc_lengths, dtype=np.int64)), len(doc_lengths))


def _average(total: int, count: int) -> float:
    return float(total) / count if count else 0.0


def term_ranges(indptr: np.ndarray, most: int) -> Iterator[int]:
    """Ends of ranges of terms of about ``most`` postings each (a longer term alone), from term 0."""
    terms, low = len(indptr) - 1, 0
    while low < terms:
        high = int(np.searchsorted(indptr, indptr[low] + most, side="right")) - 1
        high = min(max(high, low + 1), terms)
        yield high
        low = high


def narrowest(counts: np.ndarray, types: tuple[np.dtype, ...] = kernels.FREQUENCY_TYPES) -> np.ndarray:
    """Term frequencies (or, with ``kernels.LENGTH_TYPES``, passages' lengths) in the narrowest of
    ``types`` that holds them all: nearly always one byte a frequency (a word 256 times in one
    passage is rare) and two a length, fewer pages to read and keep in memory (a long term's
    scoring reads a length a posting, at random), and the same scores."""
    largest = int(counts.max()) if len(counts) else 0
    for dtype in types:
        if largest <= np.iinfo(dtype).max:
            return counts.astype(dtype, copy=False)
    raise ValueError(f"a count of {largest} is more than the index holds")


def _as_lengths(doc_lengths: np.ndarray) -> np.ndarray:
    """Passages' lengths as the compiled loops read them: as stored (or concatenated from
    segments) when in a type they read, else narrowed (a copy: an index built in memory)."""
    if doc_lengths.dtype in kernels.LENGTH_TYPES:
        return np.ascontiguousarray(doc_lengths)
    return narrowest(np.asarray(doc_lengths), kernels.LENGTH_TYPES)


def _okapi_idf(document_frequency: np.ndarray, size: int, epsilon: float) -> np.ndarray:
    """rank_bm25.BM25Okapi._calc_idf: log((N - df + 0.5) / (df + 0.5)), negatives floored to
    epsilon times the average IDF of the terms some passage holds."""
    frequency = document_frequency.astype(np.float64)
    idf = np.log(size - frequency + 0.5) - np.log(frequency + 0.5)
    held = document_frequency > 0
    if held.any():
        floor = epsilon * (math.fsum(idf[held]) / int(held.sum()))
        idf = np.where(idf < 0, floor, idf)
    return idf


def _lowered(threshold: float) -> float:
    """The threshold less its own hair of room: it may have been summed in another order than the
    scores it is held against."""
    return threshold - abs(threshold) * (_SLACK - 1)


def _nth_best(values: np.ndarray, n: int) -> float:
    """The ``n``-th best of the values, or -inf when there are fewer."""
    best = _n_best(values, None, values, n)
    return float(best.min()) if len(best) == n else -math.inf


def _n_best(
    values: np.ndarray, allowed: Allowed | None, candidates: np.ndarray, n: int, at_least: float = -math.inf
) -> np.ndarray:
    """The ``n`` best of the values (of allowed candidates only; all when there are fewer), in no
    order; only those from ``at_least`` up (only those are then partitioned)."""
    if allowed is not None:
        values = values[allowed[candidates]]
    if at_least > -math.inf and len(values) > n:
        values = values[values >= at_least]
    if len(values) > n:
        values = np.partition(values, len(values) - n)[len(values) - n :]
    return values


def _best(candidates: np.ndarray, values: np.ndarray, n: int, allowed: Allowed | None) -> tuple[np.ndarray, np.ndarray]:
    """The ``n`` best candidates, best first, ties by passage order."""
    if allowed is not None:
        keep = allowed[candidates]
        candidates, values = candidates[keep], values[keep]
    if len(candidates) > n:
        nth_best = np.partition(values, len(values) - n)[len(values) - n]
        keep = values >= nth_best  # ties at the edge stay, to be broken by passage order
        candidates, values = candidates[keep], values[keep]
    order = np.lexsort((candidates, -values))[:n]
    return candidates[order].astype(np.int64), values[order]
