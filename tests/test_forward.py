"""What a stored index keeps of each passage for re-ranking, and passages whose article is read late."""

import numpy as np

from retrieval.documents import Passage
from retrieval.forward import StoredArticle, StoredPassage, seen_of
from retrieval.passages import passages_of
from retrieval.pipeline import ArchiveQA
from retrieval.segments import Segment

from conftest import SEEDS


def assert_forward_records_agree(qa: ArchiveQA) -> None:
    """Every stored passage is measured as the same passage in memory would be, and knows its
    article's source, number and what it illustrates as the article read whole does."""
    for number in range(len(qa.passages)):
        passage = qa.passages[number]
        assert isinstance(passage, StoredPassage) and isinstance(passage.article, StoredArticle)
        whole = passage.article.whole()
        assert seen_of(passage) == seen_of(Passage(whole, passage.paragraph, passage.text)), number
        assert (passage.article.source, passage.article.number, passage.article.illustrates) == (
            whole.source,
            whole.number,
            whole.illustrates,
        )


def test_every_stored_passage_is_measured_as_it_would_be_in_memory(segmenter, tmp_path):
    qa = ArchiveQA.from_folder(SEEDS, segmenter, cache=tmp_path)
    assert_forward_records_agree(qa)
    split = [
        passage
        for passage in map(qa.passages.__getitem__, range(len(qa.passages)))
        if passage.seen.paragraph != passage.seen.text
    ]
    assert split, "the seeds have paragraphs cut into several passages"
    assert all(passage.seen.text in passage.seen.paragraph for passage in split)


def test_the_seed_passages_are_stored_as_they_are_cut(seed_archive, segmenter, tmp_path):
    qa = ArchiveQA.from_folder(SEEDS, segmenter, cache=tmp_path)
    in_memory = [passage for article in seed_archive.articles for passage in passages_of(article)]
    stored = qa.passages.at(np.arange(len(qa.passages)))
    assert [(p.article.title, p.paragraph, p.text) for p in stored] == [
        (p.article.title, p.paragraph, p.text) for p in in_memory
    ]
    assert [seen_of(p) for p in stored] == [seen_of(p) for p in in_memory]


def test_ranking_a_question_s_candidates_reads_only_the_articles_it_shows(segmenter, tmp_path, monkeypatch):
    """An article is read when its text is asked for (a citation shown, a snippet), not to rank it."""
    qa = ArchiveQA.from_folder(SEEDS, segmenter, cache=tmp_path)
    read: list[int] = []
    reading = Segment.article
    monkeypatch.setattr(Segment, "article", lambda segment, number: read.append(number) or reading(segment, number))
    answer = qa.ask("示范区低收入群体排查出多少户？")
    ranked = {(hit.passage.article.source, hit.passage.article.number) for hit in answer.hits}
    assert len(ranked) > 3
    assert len(set(read)) <= 1  # the first one's, to see that it gives a number of 户
    assert "1713户" in answer.hits[0].snippet
    assert 1 <= len(set(read)) <= 3
    candidates = qa.passages.at(np.arange(len(qa.passages)))
    assert len(read) <= 3  # the same articles, known again without reading them
    assert (
        candidates[0].text == candidates[0].article.paragraphs[candidates[0].paragraph - 1][: len(candidates[0].text)]
    )
