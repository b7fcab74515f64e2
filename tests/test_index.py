import dataclasses
import os
import random
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from retrieval import index as index_module
from retrieval import kernels, scratches, use_cores
from retrieval.index import BM25Index


@pytest.fixture(autouse=True, params=["compiled", "numpy"])
def loops(request, monkeypatch):
    """Every test here runs with the compiled loops and with NumPy's (an install without a C compiler)."""
    if request.param == "numpy":
        monkeypatch.setattr(kernels, "compiled", None)
    return request.param


def test_scores_are_rank_bm25_okapi_scores_on_the_seed_archive(seed_qa, segmenter):
    corpus = [segmenter.terms(p.article.title + "\n" + p.text) for p in seed_qa.passages]
    reference = BM25Okapi(corpus)
    for question in ("示范区低收入群体排查出多少户", "四城联创 四城联创 文昌街道", "沁阳市党政考察团", "不存在的词"):
        query = segmenter.terms(question)
        assert np.allclose(seed_qa.index.scores(query), reference.get_scores(query), rtol=0, atol=1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_scores_are_rank_bm25_okapi_scores_on_random_corpora(seed):
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(rng.randint(3, 60))]
    corpus = [[rng.choice(vocabulary) for _ in range(rng.randint(1, 30))] for _ in range(rng.randint(1, 300))]
    k1, b, epsilon = rng.uniform(0.5, 2.0), rng.uniform(0.0, 1.0), rng.uniform(0.0, 0.5)
    ours = BM25Index.build(corpus, k1=k1, b=b, epsilon=epsilon)
    reference = BM25Okapi(corpus, k1=k1, b=b, epsilon=epsilon)
    for _ in range(20):
        query = [rng.choice(vocabulary + ["unknown"]) for _ in range(rng.randint(1, 6))]
        assert np.allclose(ours.scores(query), reference.get_scores(query), rtol=0, atol=1e-9)


def test_top_returns_the_best_passages_in_order_without_scoring_all():
    rng = random.Random(7)
    words = [f"w{n}" for n in range(200)]
    corpus = [[rng.choice(words) for _ in range(rng.randint(1, 20))] for _ in range(2000)]
    index = BM25Index.build(corpus)
    query = ["w1", "w2", "w2"]
    ids, scores = index.top(query, 10)
    full = index.scores(query)
    expected = np.lexsort((np.arange(len(full)), -full))[:10]
    assert list(ids) == list(expected) and np.allclose(scores, full[expected])
    allowed = np.zeros(len(corpus), dtype=bool)
    allowed[::3] = True
    ids, _ = index.top(query, 5, allowed)
    assert all(i % 3 == 0 for i in ids)


def test_asked_for_more_passages_than_there_are_a_search_gives_every_one_holding_a_term(monkeypatch):
    """However many are asked for (a caller's n need not be a passage count): every passage that
    holds a term, best first, searched as a short question and as a pruned one."""
    corpus = [["w1", "w2"], ["w2"], ["w3"], ["w2", "w2", "w4"]] * 50
    index, okapi = BM25Index.build(corpus), BM25Okapi(corpus)
    full = okapi.get_scores(["w2", "w4"])
    holding = np.flatnonzero(full > 0)
    expected = holding[np.lexsort((holding, -full[holding]))].tolist()
    for prune_from in (10**9, 0):  # every posting scored; MaxScore
        monkeypatch.setattr(index_module, "PRUNE_FROM", prune_from)
        ids, scores = index.top(["w2", "w4"], 10**15)
        assert ids.tolist() == expected and np.allclose(scores, full[expected])


def test_unknown_terms_score_nothing_but_weigh_the_most():
    index = BM25Index.build([["a", "b"], ["b", "c"], ["c", "d"]])
    assert not index.scores(["zzz"]).any() and len(index.top(["zzz"], 3)[0]) == 0
    assert index.weight("zzz") > index.weight("a") > index.weight("b") > 0


def test_term_weights_stay_positive_where_okapi_idf_does_not():
    index = BM25Index.build([["黄河", "公里"], ["长江", "公里"]])
    assert index.weight("黄河") > index.weight("公里") > 0


def test_an_empty_corpus_cannot_be_indexed():
    with pytest.raises(ValueError):
        BM25Index.build([])


@pytest.mark.parametrize("seed", range(40))
def test_pruned_top_k_is_the_exact_top_k(seed, monkeypatch):
    """MaxScore skips postings, never a passage of the true top k: the same ids in the same order
    (ties by passage order) and rank-bm25's scores, with or without a date mask, before and after
    the terms' highest impacts are known; whether candidates are sorted or read off the flags, and
    whether the terms left out of scoring in full are walked for the passages met or looked up."""
    monkeypatch.setattr(index_module, "PRUNE_FROM", 0)
    rng = random.Random(seed)
    monkeypatch.setattr(index_module, "_SORT_COST", [0, 64, 10**9][seed % 3])  # always sort, measured, never
    monkeypatch.setattr(index_module, "_WALK_COST", [0, 3, 10**9][seed // 3 % 3])  # never walk, measured, always
    vocabulary = [f"w{n}" for n in range(rng.randint(5, 80))]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]  # Zipf: a few frequent terms, many rare
    corpus = [rng.choices(vocabulary, weights, k=rng.randint(1, 40)) for _ in range(rng.randint(50, 1500))]
    k1, b = rng.uniform(0.5, 2.0), rng.uniform(0.0, 1.0)
    index = BM25Index.build(corpus, k1=k1, b=b)
    reference = BM25Okapi(corpus, k1=k1, b=b)
    for _ in range(10):
        query = rng.choices(vocabulary + ["unknown"], k=rng.randint(1, 8))
        n = rng.randint(1, 30)
        allowed = np.array([rng.random() < 0.7 for _ in corpus]) if rng.random() < 0.3 else None
        full = reference.get_scores(query)
        holds = np.array([bool(set(query) & set(passage)) for passage in corpus])
        eligible = np.flatnonzero(holds if allowed is None else holds & allowed)
        expected = eligible[np.lexsort((eligible, -full[eligible]))][:n]
        for _ in range(2):  # the second time with the terms' highest impacts known
            ids, scores = index.top(query, n, allowed)
            assert np.allclose(scores, full[ids], rtol=0, atol=1e-9)
            assert np.allclose(full[ids], full[expected], rtol=0, atol=1e-9)  # the same scores, rank by rank


def in_segments(corpus: list[list[str]], cuts: list[int], peaks: bool = True) -> BM25Index:
    """The corpus indexed as consecutive segments cut at ``cuts``, their terms numbered by one
    vocabulary that grows segment after segment (an earlier segment knows fewer terms), each with
    its terms' peaks against its own passages' average length, as the writer stores them (none, as
    in an index stored before them, without ``peaks``)."""
    vocabulary: dict[str, int] = {}
    segments = []
    for start, end in zip([0, *cuts], [*cuts, len(corpus)], strict=True):
        part = BM25Index.build(corpus[start:end]) if end > start else None
        if part is None:
            continue
        local = list(part.vocabulary)
        for term in local:
            vocabulary.setdefault(term, len(vocabulary))
        (postings,) = part.segments
        rows, docs, freqs = [], [], []
        for term in local:
            begin, finish = postings.span(part.vocabulary[term])
            rows += [vocabulary[term]] * (finish - begin)
            docs += list(postings.doc_ids[begin:finish])
            freqs += list(postings.term_freqs[begin:finish])
        order = np.lexsort((docs, rows))
        indptr = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        np.cumsum(np.bincount(np.asarray(rows, dtype=np.int64), minlength=len(vocabulary)), out=indptr[1:])
        stored = np.zeros(len(vocabulary), dtype=np.float32)
        for term in local:
            stored[vocabulary[term]] = postings.peaks[part.vocabulary[term]]
        segments.append(
            index_module.Postings(
                indptr,
                np.asarray(docs)[order],
                np.asarray(freqs, dtype=np.int32)[order],
                start,
                stored if peaks else None,
            )
        )
    lengths = np.asarray([len(passage) for passage in corpus], dtype=np.int32)
    return BM25Index(vocabulary, segments, lengths)


@pytest.mark.parametrize("seed", range(20))
def test_an_index_in_segments_scores_and_ranks_as_one(seed, monkeypatch):
    """Segments share one vocabulary and BM25's statistics are the whole corpus's: scores are
    rank-bm25's and MaxScore's top k the true top k, however the passages are cut into segments."""
    monkeypatch.setattr(index_module, "PRUNE_FROM", 0)
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(rng.randint(5, 60))]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    corpus = [rng.choices(vocabulary, weights, k=rng.randint(1, 30)) for _ in range(rng.randint(20, 600))]
    cuts = sorted(rng.sample(range(1, len(corpus)), rng.randint(1, 5)))
    index, reference = in_segments(corpus, cuts, peaks=seed % 4 != 0), BM25Okapi(corpus)
    assert len(index.segments) == len(cuts) + 1
    for _ in range(10):
        query = rng.choices(vocabulary + ["unknown"], k=rng.randint(1, 6))
        full = reference.get_scores(query)
        assert np.allclose(index.scores(query), full, rtol=0, atol=1e-9)
        ids, scores = index.top(query, 10)
        holds = np.flatnonzero([bool(set(query) & set(passage)) for passage in corpus])
        expected = holds[np.lexsort((holds, -full[holds]))][:10]
        assert np.allclose(scores, full[ids], rtol=0, atol=1e-9) and np.allclose(full[ids], full[expected])


@pytest.mark.parametrize("seed", range(12))
def test_the_compiled_search_takes_the_python_searchs_steps_to_the_last_bit(seed, loops, monkeypatch):
    """Where the loops are compiled, a search of the whole index with no mask runs compiled from its
    first term to its last (``kernels.max_score``, ``kernels.score_all``): the same passages with
    the same scores, not merely close ones, and the same highest impacts learned on the way, as the
    search in Python, with terms walked or looked up, in segments, with peaks or without."""
    if loops == "numpy":
        pytest.skip("nothing compiled to compare with")
    rng = random.Random(seed)
    monkeypatch.setattr(index_module, "PRUNE_FROM", [0, 0, 300][seed % 3])
    monkeypatch.setattr(index_module, "_WALK_COST", [0, 3, 10**9][seed // 3 % 3])  # never walk, measured, always
    vocabulary = [f"w{n}" for n in range(rng.randint(5, 80))]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    corpus = [rng.choices(vocabulary, weights, k=rng.randint(1, 40)) for _ in range(rng.randint(50, 1500))]
    cuts = sorted(rng.sample(range(1, len(corpus)), rng.randint(0, 3)))
    queries = [rng.choices(vocabulary + ["unknown"], k=rng.randint(1, 8)) for _ in range(12)]
    found = []
    for compiled in (kernels.compiled, None):
        monkeypatch.setattr(kernels, "compiled", compiled)
        index = in_segments(corpus, cuts, peaks=seed % 4 != 0)
        first = [index.top(query, n) for query in queries for n in (1, 3, 30)]
        again = [index.top(query, 3) for query in queries]  # the terms' highest impacts known by now
        found.append((first + again, dict(index._highest)))
    (ours, our_highest), (pythons, python_highest) = found
    for (ids, scores), (expected_ids, expected_scores) in zip(ours, pythons, strict=True):
        assert ids.tolist() == expected_ids.tolist() and scores.tolist() == expected_scores.tolist()
    assert our_highest == python_highest


@pytest.mark.parametrize("seed", range(10))
def test_a_terms_bound_is_at_least_what_it_adds_to_any_passage_and_about_that_much(seed):
    """Known before its postings are read, from each segment's stored peaks: never below its highest
    impact, however the segments' average lengths differ from the whole archive's (or a search
    would drop passages of the top k), and no higher than rounding with one segment (for a term of
    positive IDF: a search with any other scores every posting)."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(rng.randint(5, 60))]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    corpus = [rng.choices(vocabulary, weights, k=rng.randint(1, 30)) for _ in range(rng.randint(20, 600))]
    corpus.sort(key=len)  # segments of very different average lengths
    cuts = sorted(rng.sample(range(1, len(corpus)), rng.randint(1, 5)))
    for index, tight in ((BM25Index.build(corpus), True), (in_segments(corpus, cuts), False)):
        bounds = {term: index._bound(number) for term, number in index.vocabulary.items()}
        for term, number in index.vocabulary.items():
            if index.idf[number] <= 0:
                continue  # never pruned: a search with such a term scores every posting
            highest = float(index._impacts_of(number)[1].max())
            assert bounds[term] >= highest
            assert not tight or bounds[term] <= highest * (1 + 1e-6)


def test_a_search_scores_fewer_postings_in_full_by_its_terms_stored_peaks(monkeypatch):
    """A frequent term's peak is what it can add to a score (idf * (k1 + 1) otherwise, two or three
    times more): looked up rather than scored in full sooner, with the same results."""
    monkeypatch.setattr(index_module, "PRUNE_FROM", 0)
    rng = random.Random(7)
    words = [f"w{n}" for n in range(200)]
    weights = [1 / (rank + 1) for rank in range(len(words))]
    corpus = [rng.choices(words, weights, k=rng.randint(5, 60)) for _ in range(5_000)]
    queries = [rng.choices(words[:40], k=rng.randint(2, 6)) for _ in range(60)]
    scored = []
    accumulate, max_score = kernels.accumulate, kernels.max_score
    monkeypatch.setattr(
        kernels, "accumulate", lambda *args: scored.append(len(args[2])) or accumulate(*args)
    )  # the postings of a term scored in full

    def compiled_search(*args):
        """The compiled search: its first terms, as many as it gives highest impacts of, scored in full."""
        candidates, values, highest = max_score(*args)
        scored.extend(int(postings) for _, _, _, postings in args[2][: len(highest)])
        return candidates, values, highest

    monkeypatch.setattr(kernels, "max_score", compiled_search)
    totals, results = [], []
    for peaks in (True, False):
        index = BM25Index.build(corpus)
        if not peaks:  # as an index stored before peaks
            index.segments = [dataclasses.replace(segment, peaks=None) for segment in index.segments]
        scored.clear()
        results.append([index.top(query, 10)[0].tolist() for query in queries])
        totals.append(sum(scored))
    assert results[0] == results[1]
    assert totals[0] < totals[1] * 0.9


@pytest.mark.parametrize("seed", range(10))
def test_which_passages_hold_a_term_is_read_from_the_postings_of_every_segment(seed):
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(rng.randint(5, 40))]
    corpus = [rng.choices(vocabulary, k=rng.randint(1, 12)) for _ in range(rng.randint(20, 300))]
    cuts = sorted(rng.sample(range(1, len(corpus)), rng.randint(1, 4)))
    index = in_segments(corpus, cuts)
    ids = np.asarray([rng.randrange(len(corpus)) for _ in range(50)])
    for term in [*vocabulary, "unknown"]:
        assert index.holding(term, ids).tolist() == [term in corpus[i] for i in ids]


@pytest.mark.parametrize("seed", range(10))
def test_the_top_among_some_passages_is_the_top_with_the_others_masked(seed, monkeypatch):
    monkeypatch.setattr(index_module, "PRUNE_FROM", 0)
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(rng.randint(5, 40))]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    corpus = [rng.choices(vocabulary, weights, k=rng.randint(1, 20)) for _ in range(rng.randint(20, 400))]
    index = in_segments(corpus, sorted(rng.sample(range(1, len(corpus)), rng.randint(1, 4))))
    for _ in range(10):
        among = np.asarray(sorted(rng.sample(range(len(corpus)), rng.randint(1, len(corpus)))))
        allowed = np.zeros(len(corpus), dtype=bool)
        allowed[among] = True
        query = rng.choices(vocabulary + ["unknown"], k=rng.randint(1, 5))  # repeated words count again
        ids, scores = index.top_among(query, 10, among)
        expected_ids, expected = index.top(query, 10, allowed)
        assert ids.tolist() == expected_ids.tolist() and np.allclose(scores, expected, rtol=0, atol=1e-9)


@pytest.fixture
def split(monkeypatch):
    """Every pruned search alone is split across ``cores`` (set by the test), as a long question of
    frequent words is; the searches split are counted."""
    monkeypatch.setattr(index_module, "PRUNE_FROM", 0)
    monkeypatch.setattr(index_module, "SPLIT_FROM", 1)
    searches = []
    in_slices = BM25Index._top_in_slices

    def counted(self, *args):
        searches.append(args[-1])
        return in_slices(self, *args)

    monkeypatch.setattr(BM25Index, "_top_in_slices", counted)
    return searches


@pytest.mark.parametrize("seed", range(30))
def test_a_search_split_across_cores_finds_what_one_search_finds(seed, split, monkeypatch):
    """The exact top k all the same (rank-bm25's scores, rank by rank, as one search finds them), in
    one segment or several, with or without a date mask, before and after the terms' highest impacts
    are known, in two slices or more, each walking the terms left out of scoring in full or looking
    them up."""
    rng = random.Random(seed)
    monkeypatch.setattr(index_module, "_WALK_COST", [0, 3, 10**9][seed % 3])  # never walk, measured, always
    vocabulary = [f"w{n}" for n in range(rng.randint(20, 80))]  # fewer: IDFs at or below 0, nothing pruned
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    corpus = [rng.choices(vocabulary, weights, k=rng.randint(1, 40)) for _ in range(rng.randint(50, 1500))]
    cuts = sorted(rng.sample(range(1, len(corpus)), rng.randint(0, 4)))
    whole, sliced, reference = in_segments(corpus, cuts), in_segments(corpus, cuts), BM25Okapi(corpus)
    monkeypatch.setattr(scratches, "CORES", rng.choice([2, 3, 5]))
    for _ in range(10):
        query = rng.choices(vocabulary + ["unknown"], k=rng.randint(2, 8))
        n = rng.randint(1, 30)
        allowed = np.array([rng.random() < 0.7 for _ in corpus]) if rng.random() < 0.3 else None
        full = reference.get_scores(query)
        for _ in range(2):  # the second time with the terms' highest impacts known
            monkeypatch.setattr(index_module, "SPLIT_FROM", 10**12)
            ids, _ = whole.top(query, n, allowed)
            monkeypatch.setattr(index_module, "SPLIT_FROM", 1)
            split_ids, split_scores = sliced.top(query, n, allowed)
            assert np.allclose(split_scores, full[split_ids], rtol=0, atol=1e-9)
            assert len(split_ids) == len(ids) and np.allclose(full[split_ids], full[ids], rtol=0, atol=1e-9)
    assert len(split) >= 10 and set(split) <= {2, 3, 5}


def test_a_search_is_not_split_while_another_runs_or_with_one_core(split, monkeypatch):
    """With every core answering someone, splitting would only add work."""
    monkeypatch.setattr(scratches, "CORES", 2)
    index = BM25Index.build([["公园", "树木"], ["公园"], ["城市", "树木"], ["城市"]] * 50 + [["河流"]] * 400)
    index.top(["公园", "树木"], 3)
    assert split == [2]
    with index._scratches.lent():  # another search, in another thread
        index.top(["公园", "树木"], 3)
    assert split == [2]
    use_cores(1)  # one process of several on the machine, say
    index.top(["公园", "树木"], 3)
    assert split == [2]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_a_process_forked_after_a_split_search_splits_its_own(split, monkeypatch):
    """A pre-forking server may answer before it forks: the child inherits the helpers' pool but
    not its threads, and must not wait for them forever."""
    monkeypatch.setattr(scratches, "CORES", 2)
    index = BM25Index.build([["公园", "树木"], ["公园"], ["城市", "树木"], ["城市"]] * 50 + [["河流"]] * 400)
    expected = index.top(["公园", "树木"], 3)[0].tolist()
    assert split == [2]
    assert answers_in_a_forked_process(lambda: index.top(["公园", "树木"], 3)[0].tolist() == expected)


def answers_in_a_forked_process(answers) -> bool:
    """Whether ``answers()`` returns True in a process forked now, within 20 s."""
    child = os.fork()
    if child == 0:  # the forked process: exit 0 when it answers alike
        answered = False
        try:
            answered = answers()
        finally:
            os._exit(0 if answered else 1)
    deadline = time.monotonic() + 20
    while (ended := os.waitpid(child, os.WNOHANG))[0] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    if ended[0] == 0:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        pytest.fail("the forked process never answered")
    return os.waitstatus_to_exitcode(ended[1]) == 0


def test_questions_answered_at_once_in_threads_get_the_answers_they_get_alone(monkeypatch):
    """The compiled loops release the GIL: each search scores in scratch arrays of its own."""
    monkeypatch.setattr(index_module, "PRUNE_FROM", 0)
    rng = random.Random(3)
    words = [f"w{n}" for n in range(300)]
    weights = [1 / (rank + 1) for rank in range(len(words))]
    index = BM25Index.build([rng.choices(words, weights, k=rng.randint(5, 40)) for _ in range(20_000)])
    queries = [rng.choices(words, k=rng.randint(2, 6)) for _ in range(80)]
    alone = [index.top(query, 10)[0].tolist() for query in queries]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda query: index.top(query, 10)[0].tolist(), queries * 3))
    assert together == alone * 3


@pytest.fixture
def scratches_made(monkeypatch):
    """How many scratches BM25 makes (each writes every passage's norm: 170 MB at ten million)."""
    made = []
    paired = kernels.paired
    monkeypatch.setattr(kernels, "paired", lambda norms: made.append(1) or paired(norms))
    return made


def test_threads_asking_one_after_another_share_one_scratch(scratches_made):
    """A front end's pool of threads does not hold a scratch a thread: a search borrows one, and
    one is made only when all are in use."""
    index = BM25Index.build([["公园", "树木"], ["公园"], ["城市", "树木"], ["城市"]] * 50)
    found = []
    for query in (["公园"], ["树木", "城市"], ["公园", "城市"]) * 4:  # a new thread each time
        thread = threading.Thread(target=lambda query=query: found.append(index.top(query, 3)[0].tolist()))
        thread.start()
        thread.join()
    assert found == [index.top(query, 3)[0].tolist() for query in (["公园"], ["树木", "城市"], ["公园", "城市"]) * 4]
    assert len(scratches_made) == 1


def test_more_searches_at_once_than_cores_make_a_scratch_a_core_at_most(scratches_made, monkeypatch):
    """Eight readers at once on two cores: two scratches (170 MB each at ten million passages), the
    other searches waiting for one, all as exact as alone."""
    monkeypatch.setattr(scratches, "CORES", 2)
    paired = kernels.paired
    monkeypatch.setattr(kernels, "paired", lambda norms: time.sleep(0.05) or paired(norms))  # made slowly
    rng = random.Random(4)
    words = [f"w{n}" for n in range(100)]
    index = BM25Index.build([rng.choices(words, k=rng.randint(3, 20)) for _ in range(3_000)])
    queries = [rng.choices(words, k=rng.randint(1, 5)) for _ in range(40)]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda query: index.top(query, 5)[0].tolist(), queries))
    assert scratches_free(index, 2) and len(scratches_made) == 2
    assert together == [index.top(query, 5)[0].tolist() for query in queries]


def test_a_search_waits_for_a_lent_scratch_not_for_a_new_one_made(scratches_made, monkeypatch):
    """A second reader arriving while the first is searching gets the first's scratch when it is
    done (milliseconds) rather than waiting for one to be made (0.9 s at ten million passages); one
    is made meanwhile in the background, for the next time two read at once."""
    monkeypatch.setattr(scratches, "CORES", 2)
    index = BM25Index.build([["公园", "树木"], ["公园"], ["城市"]])
    index.warm()
    paired, may_finish = kernels.paired, threading.Event()
    monkeypatch.setattr(kernels, "paired", lambda norms: may_finish.wait(20) and paired(norms))
    found = []
    with index._scratches.lent():  # the first reader's search
        second = threading.Thread(target=lambda: found.append(index.top(["公园"], 2)[0].tolist()))
        second.start()
        time.sleep(0.2)  # the second reader is waiting by now
    second.join(10)  # the first reader's scratch is back
    assert found == [[1, 0]] and not may_finish.is_set()
    may_finish.set()
    assert scratches_free(index, 2) and len(scratches_made) == 2


def scratches_free(index: BM25Index, count: int) -> bool:
    """Whether ``count`` scratches are free within 10 s (one may still be being made)."""
    deadline = time.monotonic() + 10
    while len(index._scratches._free) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    return len(index._scratches._free) == count


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_a_process_forked_while_a_scratch_was_being_made_makes_its_own(scratches_made, monkeypatch):
    """The thread making it is not in the child: the child must not wait for it forever."""
    monkeypatch.setattr(scratches, "CORES", 2)
    index = BM25Index.build([["公园", "树木"], ["公园"], ["城市"]])
    index.warm()
    paired, may_finish = kernels.paired, threading.Event()
    monkeypatch.setattr(kernels, "paired", lambda norms: may_finish.wait(20) and paired(norms))
    with index._scratches.lent():  # a search in the parent, while a second one waits
        threading.Thread(target=lambda: index.top(["公园"], 2), daemon=True).start()
        time.sleep(0.2)

        def answers() -> bool:
            may_finish.set()  # the child's own scratch is made at once
            return index.top(["公园"], 2)[0].tolist() == [1, 0]

        forked_answered = answers_in_a_forked_process(answers)
    may_finish.set()
    assert forked_answered


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_a_process_forked_while_other_threads_searched_makes_its_own_scratch(monkeypatch):
    """Their scratches never come back in the child (a library's caller may fork at any time:
    multiprocessing's default on Linux): it must not wait for them forever."""
    monkeypatch.setattr(scratches, "CORES", 2)
    index = BM25Index.build([["公园", "树木"], ["公园"], ["城市"]])
    all_searching, may_finish = threading.Barrier(3), threading.Event()

    def search_slowly() -> None:
        with index._scratches.lent():
            all_searching.wait(10)
            may_finish.wait(20)

    for _ in range(2):
        threading.Thread(target=search_slowly, daemon=True).start()
    all_searching.wait(10)  # both cores' scratches are lent
    try:
        assert answers_in_a_forked_process(lambda: index.top(["公园"], 2)[0].tolist() == [1, 0])
    finally:
        may_finish.set()


def test_a_search_under_way_when_its_process_forked_counts_as_ended_when_it_ends():
    """In the child the fork reset the count of searches to those it can see (none): the search
    that forked must not leave it at -1, where a lone search would never be split again."""
    index = BM25Index.build([["公园", "树木"], ["公园"], ["城市"]])
    with index._scratches.lent():
        index._scratches.forked()  # what the child does, while this thread is searching
    assert index._scratches.searching == 0
    with index._scratches.lent():
        assert index._scratches.searching == 1  # alone: may be split


def test_warming_an_index_makes_the_scratch_its_first_search_would(scratches_made):
    """At ten million passages it takes about a second: a front end's first reader should not wait."""
    index = BM25Index.build([["公园", "树木"], ["公园"], ["城市"]])
    index.warm()
    assert len(scratches_made) == 1
    assert index.top(["公园"], 2)[0].tolist() == [1, 0] and len(scratches_made) == 1


@pytest.mark.parametrize("cores", [1, 2])
def test_a_search_that_fails_midway_leaves_later_searches_exact(cores, split, monkeypatch):
    """Its scratch may hold half a question's scores: it is dropped, not lent again (split across
    cores, once no slice writes in it any more)."""
    monkeypatch.setattr(scratches, "CORES", cores)
    rng = random.Random(5)
    words = [f"w{n}" for n in range(50)]
    corpus = [rng.choices(words, k=rng.randint(3, 20)) for _ in range(2_000)]
    index, okapi = BM25Index.build(corpus), BM25Okapi(corpus)
    will_need, asked = index_module.will_need, []

    def interrupted(array):
        """Interrupted as the second term's postings are about to be read: the first one's are scored."""
        asked.append(array)
        if len(asked) > 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(index_module, "will_need", interrupted)
    with pytest.raises(KeyboardInterrupt):
        index.top(["w1", "w2", "w3"], 5)
    monkeypatch.setattr(index_module, "will_need", will_need)
    for query in (["w1", "w2", "w3"], ["w4", "w1"]):
        expected = np.argsort(-okapi.get_scores(query), kind="stable")[:5].tolist()
        assert index.top(query, 5)[0].tolist() == expected
