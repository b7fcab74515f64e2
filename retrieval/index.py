"""The BM25 index over passages: rank-bm25's Okapi model."""

from __future__ import annotations

import math

import numpy as np
from rank_bm25 import BM25Okapi

K1, B, EPSILON = 1.5, 0.75, 0.25  # rank_bm25.BM25Okapi's defaults


class BM25Index:
    """Okapi BM25 scores of every passage for a list of query terms."""

    def __init__(self, corpus: list[list[str]], k1: float = K1, b: float = B, epsilon: float = EPSILON) -> None:
        if not corpus:
            raise ValueError("cannot index an empty corpus")
        self._bm25 = BM25Okapi(corpus, k1=k1, b=b, epsilon=epsilon)
        self.size = len(corpus)
        self._document_frequency = {term: 0 for term in self._bm25.idf}
        for document in self._bm25.doc_freqs:
            for term in document:
                self._document_frequency[term] += 1

    def scores(self, terms: list[str]) -> np.ndarray:
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float64)

    def weight(self, term: str) -> float:
        """How telling a term is, always positive (Lucene's smoothed IDF; unknown terms weigh most).

        Okapi's own IDF goes to zero or below for terms in half the passages,
        which is right for scoring but useless for saying how much of a
        question a passage covers.
        """
        frequency = self._document_frequency.get(term, 0)
        return math.log(1 + (self.size - frequency + 0.5) / (frequency + 0.5))

    def knows(self, term: str) -> bool:
        return term in self._bm25.idf
