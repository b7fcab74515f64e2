"""The BM25 index over passages: rank-bm25's Okapi model."""

from __future__ import annotations

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
        self._unknown_idf = max(self._bm25.idf.values(), default=1.0)

    def scores(self, terms: list[str]) -> np.ndarray:
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float64)

    def idf(self, term: str) -> float:
        """How telling a term is; a term the archive never uses counts as the rarest."""
        return float(self._bm25.idf.get(term, self._unknown_idf))

    def knows(self, term: str) -> bool:
        return term in self._bm25.idf
