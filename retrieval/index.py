"""Okapi BM25 over passages: rank-bm25's scores, at the cost of the query's postings.

``rank_bm25.BM25Okapi.get_scores`` walks every document for every query term.
Here each term keeps its postings (passage ids and term frequencies) in sparse
arrays, and its impact on each of those passages (idf * tf * (k1 + 1) / (tf +
k1 * (1 - b + b * dl / avgdl))) is computed once, when the term is first asked
for, so a query only touches the passages that hold its terms and loading an
index computes nothing. IDF, its epsilon floor for negative values and
the average document length are rank-bm25's, so the scores are the same.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable

import numpy as np

K1, B, EPSILON = 1.5, 0.75, 0.25  # rank_bm25.BM25Okapi's defaults
_CACHED_POSTINGS = 20_000_000  # impacts kept in memory (160 MB), most recently used terms first


class BM25Index:
    """Postings and per-term impacts of a corpus of term lists."""

    def __init__(
        self,
        vocabulary: dict[str, int],
        indptr: np.ndarray,
        doc_ids: np.ndarray,
        term_freqs: np.ndarray,
        doc_lengths: np.ndarray,
        k1: float = K1,
        b: float = B,
        epsilon: float = EPSILON,
    ) -> None:
        if len(doc_lengths) == 0:
            raise ValueError("cannot index an empty corpus")
        self.vocabulary = vocabulary
        self.indptr, self.doc_ids, self.term_freqs = indptr, doc_ids, term_freqs
        self.doc_lengths = doc_lengths
        self.k1, self.b, self.epsilon = k1, b, epsilon
        self.size = len(doc_lengths)
        self.document_frequency = np.diff(indptr)
        self.idf = _okapi_idf(self.document_frequency, self.size, epsilon)
        average_length = float(doc_lengths.sum()) / self.size
        self._norm = k1 * (1 - b + b * np.asarray(doc_lengths, dtype=np.float64) / average_length)
        self._impacts: OrderedDict[int, np.ndarray] = OrderedDict()
        self._cached_postings = 0
        self._lock = threading.Lock()
        self._buffers = threading.local()

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
        return cls.from_rows(vocabulary, rows, freqs, np.asarray(lengths, dtype=np.int32), k1, b, epsilon)

    @classmethod
    def from_rows(
        cls,
        vocabulary: dict[str, int],
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
        return cls(vocabulary, indptr, docs[order], tf[order].astype(np.int32), doc_lengths, k1, b, epsilon)

    def _postings(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """A term's passages and its impact on each: idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)).

        Impacts are computed the first time a term is asked for and kept (the
        most recently used, up to a budget), so loading an index computes nothing.
        """
        index = self.vocabulary.get(term)
        if index is None:
            return None
        start, end = int(self.indptr[index]), int(self.indptr[index + 1])
        doc_ids = self.doc_ids[start:end]
        with self._lock:
            impacts = self._impacts.get(index)
            if impacts is not None:
                self._impacts.move_to_end(index)
                return doc_ids, impacts
        tf = np.asarray(self.term_freqs[start:end], dtype=np.float64)
        impacts = self.idf[index] * (tf * (self.k1 + 1) / (tf + self._norm[doc_ids]))
        with self._lock:
            if index not in self._impacts:
                self._impacts[index] = impacts
                self._cached_postings += len(impacts)
            while self._cached_postings > _CACHED_POSTINGS and len(self._impacts) > 1:
                _, dropped = self._impacts.popitem(last=False)
                self._cached_postings -= len(dropped)
        return doc_ids, impacts

    def scores(self, terms: list[str]) -> np.ndarray:
        """Every passage's score, as ``BM25Okapi.get_scores`` gives it (repeated terms count again)."""
        scores = np.zeros(self.size)
        for term in terms:
            postings = self._postings(term)
            if postings is not None:
                scores[postings[0]] += postings[1]
        return scores

    def top(self, terms: list[str], n: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The ``n`` best passages holding any of the terms (ids, scores; best first).

        Only the postings of the query's terms are read: the cost follows them,
        not the size of the archive.
        """
        scores, seen = self._scratch()
        touched = False
        for term in terms:
            postings = self._postings(term)
            if postings is not None:
                scores[postings[0]] += postings[1]
                seen[postings[0]] = True
                touched = True
        if not touched:
            return np.empty(0, dtype=np.int64), np.empty(0)
        candidates = np.flatnonzero(seen)
        values = scores[candidates]
        scores[candidates] = 0.0  # leave the scratch arrays clean for the next query
        seen[candidates] = False
        if allowed is not None:
            keep = allowed[candidates]
            candidates, values = candidates[keep], values[keep]
        if len(candidates) > n:
            nth_best = np.partition(values, len(values) - n)[len(values) - n]
            keep = values >= nth_best  # ties at the edge stay, to be broken by passage order
            candidates, values = candidates[keep], values[keep]
        order = np.lexsort((candidates, -values))[:n]
        return candidates[order].astype(np.int64), values[order]

    def _scratch(self) -> tuple[np.ndarray, np.ndarray]:
        """Per-thread score and seen arrays, allocated once: queries touch only their postings."""
        buffers = self._buffers
        if not hasattr(buffers, "scores"):
            buffers.scores, buffers.seen = np.zeros(self.size), np.zeros(self.size, dtype=bool)
        return buffers.scores, buffers.seen

    def weight(self, term: str) -> float:
        """How telling a term is, always positive (Lucene's smoothed IDF; unknown terms weigh most).

        Okapi's own IDF goes to zero or below for terms in half the passages,
        which is right for scoring but useless for saying how much of a
        question a passage covers.
        """
        index = self.vocabulary.get(term)
        frequency = int(self.document_frequency[index]) if index is not None else 0
        return math.log(1 + (self.size - frequency + 0.5) / (frequency + 0.5))

    def knows(self, term: str) -> bool:
        return term in self.vocabulary


def _okapi_idf(document_frequency: np.ndarray, size: int, epsilon: float) -> np.ndarray:
    """rank_bm25.BM25Okapi._calc_idf: log((N - df + 0.5) / (df + 0.5)), negatives floored to
    epsilon times the average IDF."""
    frequency = document_frequency.astype(np.float64)
    idf = np.log(size - frequency + 0.5) - np.log(frequency + 0.5)
    if len(idf):
        floor = epsilon * (math.fsum(idf) / len(idf))
        idf = np.where(idf < 0, floor, idf)
    return idf
