import pytest
from hypothesis import given

from retrieval.dates import cli_range
from retrieval.search import MAX_QUESTION_CHARS, BadQuestion, prepare_question

from strategies import chinese_text


def test_the_right_article_ranks_first(seed_qa):
    answer = seed_qa.ask("示范区年人均纯收入低于5000元的有多少户？")
    assert "1713户2462人" in answer.hits[0].snippet
    assert answer.hits[0].passage.article.source == "000_b7e49fbd0a3b0876.txt"


def test_k_sets_how_many_passages_are_cited(seed_qa):
    assert len(seed_qa.ask("四城联创", k=5).hits) == 5
    assert len(seed_qa.ask("四城联创", k=1).hits) == 1


def test_a_date_in_the_question_restricts_to_matching_articles(seed_qa):
    answer = seed_qa.ask("2019年11月示范区召开了什么会议")
    assert answer.hits and all(
        hit.passage.article.date.first_day().strftime("%Y-%m") == "2019-11" for hit in answer.hits
    )
    assert any("2019年11月" in note for note in answer.notes)


def test_a_date_nothing_matches_is_dropped_and_the_user_told(seed_qa):
    answer = seed_qa.ask("2015年3月示范区召开了什么会议")
    assert answer.hits
    assert any("没有" in note and "未按日期筛选" in note for note in answer.notes)


def test_from_and_to_restrict_by_date(seed_qa):
    answer = seed_qa.ask("示范区召开会议", k=10, date_range=cli_range("2021-04", "2021-04"))
    assert {hit.passage.article.date.year for hit in answer.hits} == {2021}


def test_empty_and_symbol_only_questions_are_refused_with_a_reason():
    for question in ("", "   ", "\n"):
        with pytest.raises(BadQuestion, match="空"):
            prepare_question(question)
    with pytest.raises(BadQuestion, match="表情或符号"):
        prepare_question("🙂🎉👍")


def test_a_very_long_question_is_shortened_and_the_user_told():
    question = prepare_question("示范区" * 4000)
    assert len(question.text) == MAX_QUESTION_CHARS
    assert "太长" in question.notes[0]


def test_latin_only_question_is_searched_and_finds_nothing_good(seed_qa):
    answer = seed_qa.ask("what is the weather like today")
    assert answer.no_answer


def test_traditional_characters_find_the_same_passage(seed_qa):
    simplified = seed_qa.ask("示范区年人均纯收入低于5000元的有多少户？")
    traditional = seed_qa.ask("示範區年人均純收入低於5000元的有多少戶？")
    assert traditional.hits[0].passage is simplified.hits[0].passage


@given(chinese_text)
def test_any_text_is_a_question_or_refused_with_a_reason(text):
    try:
        question = prepare_question(text)
    except BadQuestion as refusal:
        assert str(refusal)
        return
    assert 0 < len(question.text) <= MAX_QUESTION_CHARS and question.text == question.text.strip()


@given(chinese_text)
def test_any_question_gets_an_answer_whose_citations_quote_their_paragraphs(seed_qa, text):
    try:
        answer = seed_qa.ask(text, k=5)
    except BadQuestion:
        return
    assert answer.text and "\n" not in answer.text
    assert [hit.rank for hit in answer.hits] == list(range(1, len(answer.hits) + 1))
    for hit in answer.hits:
        paragraph = hit.passage.article.paragraphs[hit.passage.paragraph - 1]
        assert hit.snippet and hit.snippet in paragraph and len(hit.snippet) <= seed_qa.composer.snippet_chars
