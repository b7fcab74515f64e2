"""The loops over postings: built by the install, and the same numbers compiled or in NumPy."""

import numpy as np
import pytest

from retrieval import kernels

COMPILED = kernels.compiled


def test_the_install_compiles_the_loops_over_postings():
    assert COMPILED is not None, "retrieval._kernels was not built: pip install needs a C compiler and Python's headers"


@pytest.mark.parametrize("seed", range(5))
def test_compiled_loops_give_numpys_numbers_to_the_last_bit(seed, monkeypatch):
    """Scores, passages met, lookups, the n best scores and the passages kept above a floor (the
    scratch arrays then clean) are the same, compiled or not."""
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 3000))
    norm = rng.uniform(0.1, 3.0, size)
    doc_ids = np.sort(rng.choice(size, int(rng.integers(1, size + 1)), replace=False)).astype(np.int32)
    term_freqs = rng.integers(1, 9, len(doc_ids)).astype(np.int32)
    candidates = np.sort(rng.integers(0, size, int(rng.integers(1, 200))))
    idf, k1 = float(rng.uniform(0.01, 9)), float(rng.uniform(0.5, 2))
    results = []
    for compiled in (COMPILED, None):
        monkeypatch.setattr(kernels, "compiled", compiled)
        scores = np.random.default_rng(seed).uniform(0, 5, size)  # scores so far: the same both times
        seen, met = np.zeros(size, dtype=bool), np.zeros(size, dtype=np.int64)
        count, highest = kernels.accumulate(scores, seen, doc_ids, term_freqs, 0, norm, idf, k1, met, 0)
        added, held = np.ones(len(candidates)), np.zeros(len(candidates), dtype=bool)
        kernels.look_up(doc_ids, term_freqs, 0, candidates, norm, idf, k1, added, held)
        impacts = kernels.impacts(doc_ids, term_freqs, 0, norm, idf, k1)
        nth = np.concatenate([np.sort(scores[kernels.best(scores, doc_ids, 0, n)]) for n in (1, 7, count, count + 1)])
        kept = kernels.survivors(scores, seen, met, count, float(np.median(scores[met[:count]])))
        results.append((sorted(met[:count]), highest, added, held, impacts, nth, *kept, scores, seen))
    for ours, numpys in zip(*results, strict=True):
        assert np.array_equal(ours, numpys)
