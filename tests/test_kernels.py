"""The loops over postings: built by the install, and the same numbers compiled or in NumPy."""

import numpy as np
import pytest

from retrieval import kernels

COMPILED = kernels.compiled


def test_the_install_compiles_the_loops_over_postings():
    assert COMPILED is not None, "retrieval._kernels was not built: pip install needs a C compiler and Python's headers"


@pytest.mark.parametrize("length", [np.uint16, np.int32])
@pytest.mark.parametrize("frequency", [np.uint8, np.uint16, np.int32])
@pytest.mark.parametrize("seed", range(5))
def test_compiled_loops_give_numpys_numbers_to_the_last_bit(seed, frequency, length, monkeypatch):
    """Scores (kept beside each passage's norm), passages met, the n best of a term's passages,
    lookups and the passages kept above a floor (the scratch arrays then clean) are the same,
    compiled or not."""
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 3000))
    idf, k1, b = float(rng.uniform(0.01, 9)), float(rng.uniform(0.5, 2)), float(rng.uniform(0, 1))
    lengths = rng.integers(1, min(int(np.iinfo(length).max), 100_000) + 1, size).astype(length)
    norms = kernels.Norms(lengths, k1, b, float(lengths.mean()))
    doc_ids = np.sort(rng.choice(size, int(rng.integers(1, size + 1)), replace=False)).astype(np.int32)
    highest = min(int(np.iinfo(frequency).max), 100_000)  # what each type holds
    term_freqs = rng.integers(1, highest + 1, len(doc_ids)).astype(frequency)
    candidates = np.sort(rng.integers(0, size, int(rng.integers(1, 200))))
    results = []
    for compiled in (COMPILED, None):
        monkeypatch.setattr(kernels, "compiled", compiled)
        before = np.random.default_rng(seed).uniform(0, 5, size)  # scores so far: the same both times
        nth = []
        for most in (0, 1, 7, len(doc_ids), len(doc_ids) + 1):
            pairs, seen, met = (
                kernels.paired(norms, chunk=7),
                np.zeros(size, dtype=bool),
                np.zeros(size, dtype=np.int64),
            )
            pairs[:, 0] = before
            count, highest, best = kernels.accumulate(pairs, seen, doc_ids, term_freqs, 0, norms, idf, met, 0, most)
            assert len(best) == min(most, len(doc_ids)) and set(best) <= set(doc_ids.tolist())
            nth.append(np.sort(pairs[best, 0]))
        added, held = np.ones(len(candidates)), np.zeros(len(candidates), dtype=bool)
        kernels.look_up(doc_ids, term_freqs, 0, candidates, norms, idf, added, held)
        impacts = kernels.impacts(doc_ids, term_freqs, 0, norms, idf)
        nth = np.concatenate(nth)
        kept = kernels.survivors(pairs, seen, met, count, float(np.median(pairs[met[:count], 0])))
        results.append((sorted(met[:count]), highest, added, held, impacts, nth, *kept, pairs, seen))
    for ours, numpys in zip(*results, strict=True):
        assert np.array_equal(ours, numpys)


@pytest.mark.parametrize("compiled", [COMPILED, None], ids=["compiled", "numpy"])
@pytest.mark.parametrize("seed", range(5))
def test_without_flags_a_passage_is_met_when_its_score_is_still_zero(seed, compiled, monkeypatch):
    """MaxScore's impacts are all positive, so the passages met are told by their scores alone:
    the same passages, in the same order, with the same scores as with flags, and the scratch
    scores left clean."""
    monkeypatch.setattr(kernels, "compiled", compiled)
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 3000))
    lengths = rng.integers(1, 300, size).astype(np.int32)
    norms = kernels.Norms(lengths, 1.5, 0.75, float(lengths.mean()))
    terms = [np.sort(rng.choice(size, int(rng.integers(1, size + 1)), replace=False)) for _ in range(3)]
    frequencies = [rng.integers(1, 4, len(doc_ids)).astype(np.uint8) for doc_ids in terms]
    outcomes = []
    for seen in (np.zeros(size, dtype=bool), np.empty(0, dtype=bool)):
        pairs, met, count = kernels.paired(norms), np.zeros(size, dtype=np.int64), 0
        for doc_ids, term_freqs in zip(terms, frequencies, strict=True):
            count, _, _ = kernels.accumulate(pairs, seen, doc_ids, term_freqs, 0, norms, 0.7, met, count)
        outcomes.append((met[:count].copy(), pairs[:, 0].copy()))
        ids, values = kernels.survivors(pairs, seen, met, count, 0.0)
        assert sorted(ids.tolist()) == sorted(set().union(*(set(t.tolist()) for t in terms)))
        assert not pairs[:, 0].any() and not seen.any()
    (flagged_met, flagged_scores), (unflagged_met, unflagged_scores) = outcomes
    assert np.array_equal(flagged_met, unflagged_met) and np.array_equal(flagged_scores, unflagged_scores)


@pytest.mark.parametrize("compiled", [COMPILED, None], ids=["compiled", "numpy"])
@pytest.mark.parametrize("seed", range(5))
def test_a_term_walked_for_the_passages_met_adds_what_looking_it_up_adds(seed, compiled, monkeypatch):
    """Walking a term's postings adds its impact to each passage met so far (a score not 0), to the
    last bit what looking it up for them and adding it does; the passages not met stay at 0."""
    monkeypatch.setattr(kernels, "compiled", compiled)
    rng = np.random.default_rng(seed)
    size, base = int(rng.integers(1, 3000)), int(rng.integers(0, 50))
    lengths = rng.integers(1, 300, base + size).astype(np.uint16)
    norms = kernels.Norms(lengths, float(rng.uniform(0.5, 2)), float(rng.uniform(0, 1)), float(lengths.mean()))
    first, second = (np.sort(rng.choice(size, int(rng.integers(1, size + 1)), replace=False)) for _ in range(2))
    pairs, met = kernels.paired(norms), np.zeros(base + size, dtype=np.int64)
    count, _, _ = kernels.accumulate(
        pairs, np.empty(0, dtype=bool), first.astype(np.int32), np.ones(len(first), np.uint8), base, norms, 2.1, met, 0
    )
    before = pairs[:, 0].copy()
    term_freqs = rng.integers(1, 9, len(second)).astype(np.uint8)
    kernels.add_to_met(pairs, second.astype(np.int32), term_freqs, base, norms, 0.7)
    met_so_far = np.sort(met[:count])
    added, held = np.zeros(count), np.zeros(count, dtype=bool)
    kernels.look_up(second.astype(np.int32), term_freqs, base, met_so_far, norms, 0.7, added, held)
    assert np.array_equal(pairs[met_so_far, 0], before[met_so_far] + added)
    assert held.any() == bool(np.intersect1d(first, second).size)
    assert not np.delete(pairs[:, 0], met_so_far).any()
