import numpy as np
from rank_bm25 import BM25Okapi

from retrieval.index import BM25Index
from retrieval.passages import indexed_text


def test_scores_are_rank_bm25_okapi_scores(seed_qa, segmenter):
    corpus = [segmenter.terms(indexed_text(p)) for p in seed_qa.passages]
    reference = BM25Okapi(corpus)
    query = segmenter.terms("示范区低收入群体排查出多少户")
    assert np.allclose(seed_qa.index.scores(query), reference.get_scores(query), atol=1e-9)


def test_unknown_terms_score_nothing_but_weigh_the_most():
    index = BM25Index([["a", "b"], ["b", "c"], ["c", "d"]])
    assert not index.scores(["zzz"]).any()
    assert index.weight("zzz") > index.weight("a") > index.weight("b") > 0


def test_term_weights_stay_positive_where_okapi_idf_does_not():
    index = BM25Index([["黄河", "公里"], ["长江", "公里"]])
    assert index.weight("黄河") > index.weight("公里") > 0
