"""The stored vocabulary: every term found by its number after a save and a load, new terms
numbered on, and colliding hashes told apart by the text."""

import pytest

from retrieval import vocabulary as vocabulary_module
from retrieval.vocabulary import Vocabulary

TERMS = ["示范区", "低收入", "群体", "排查", "户", "2020", "四城联创", "a", "收入"]


def saved_and_loaded(terms, folder, base=None):
    words = base or Vocabulary()
    for term in terms:
        words.add(term)
    words.save(folder)
    return Vocabulary.load(folder)


def test_terms_keep_their_numbers_through_a_save_and_a_load_and_new_ones_number_on(tmp_path):
    (tmp_path / "one").mkdir()
    loaded = saved_and_loaded(TERMS, tmp_path / "one")
    assert [loaded[term] for term in TERMS] == list(range(len(TERMS))) and list(loaded) == TERMS
    assert loaded.get("没有的词") is None and "没有的词" not in loaded and len(loaded) == len(TERMS)
    with pytest.raises(KeyError):
        loaded["没有的词"]
    assert loaded.add("群体") == 2 and loaded.add("新词") == len(TERMS)
    (tmp_path / "two").mkdir()
    again = saved_and_loaded(["又一个"], tmp_path / "two", loaded)
    assert [again[term] for term in [*TERMS, "新词", "又一个"]] == list(range(len(TERMS) + 2))


def test_terms_whose_hashes_collide_are_told_apart(tmp_path, monkeypatch):
    monkeypatch.setattr(vocabulary_module, "term_hash", lambda term: 7)
    loaded = saved_and_loaded(TERMS, tmp_path)
    assert [loaded.get(term) for term in TERMS] == list(range(len(TERMS))) and loaded.get("别的") is None


def test_an_empty_vocabulary_finds_nothing(tmp_path):
    assert saved_and_loaded([], tmp_path).get("示范区") is None


def test_a_term_looked_up_before_it_was_added_is_found_after(tmp_path, monkeypatch):
    """Lookups are remembered (a question looks each word up several times); what was not there
    then is found once added, and forgetting them all when too many changes no answer."""
    monkeypatch.setattr(vocabulary_module, "_REMEMBERED", 3)
    loaded = saved_and_loaded(TERMS, tmp_path)
    assert loaded.get("新词") is None and loaded.get("新词") is None
    number = loaded.add("新词")
    assert loaded.get("新词") == number == len(TERMS) and "新词" in loaded
    assert [loaded.get(term) for term in TERMS * 2] == list(range(len(TERMS))) * 2
