"""Types of the compiled loops (retrieval/_kernels.pyx)."""

import numpy as np

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
) -> tuple[int, float]: ...
def impacts(
    doc_ids: np.ndarray, term_freqs: np.ndarray, base: int, norm: np.ndarray, idf: float, k1: float, out: np.ndarray
) -> None: ...
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
) -> None: ...
def best(scores: np.ndarray, ids: np.ndarray, base: int, n: int) -> np.ndarray: ...
def survivors(
    scores: np.ndarray, seen: np.ndarray, met: np.ndarray, count: int, floor: float, ids: np.ndarray, values: np.ndarray
) -> int: ...
