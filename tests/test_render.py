"""Rendering for people and programs: Telegram HTML that Telegram accepts, whatever the archive holds."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from bot import render
from retrieval import FACT, Answer, Article, CitedHit, Note, Passage
from retrieval.notes import DATED, MORE_QUESTIONS, NO_ARTICLES, SHORTENED, UNDATED_NONE, UNDATED_WEAK
from retrieval.query import browsing

from botapi_stub import html_problem
from strategies import chinese_text

ANY_TEXT = st.text(max_size=300) | chinese_text
CODES = [SHORTENED, DATED, UNDATED_NONE, UNDATED_WEAK, NO_ARTICLES, MORE_QUESTIONS]
LONG_TEXT = st.text(st.sampled_from("&<>\"'示范区。！😀 \n"), max_size=6000)


def assert_valid_message(message: str) -> None:
    assert html_problem(message) == "", (html_problem(message), message)
    assert set(re.findall(r"</?([a-z]+)>", message)) <= {"b", "i"}


def _article(title: str, paragraphs: list[str], source: str = "p.txt") -> Article:
    return Article(source, 1, "article", title, paragraphs or ["正文。"])


@st.composite
def answers(draw):
    """Answers with any archive text in them: titles, sources, snippets, notes, follow-ups."""
    hits = []
    for rank in range(1, draw(st.integers(0, 6)) + 1):
        text = draw(ANY_TEXT) or "正文"
        article = _article(draw(ANY_TEXT | LONG_TEXT), [text], draw(ANY_TEXT) or "p.txt")
        snippet = draw(ANY_TEXT)[:1000] or "正文"
        hits.append(CitedHit(rank, 1.0, Passage(article, 1, text), 1.0, lambda _passage, snippet=snippet: snippet))
    query = replace(
        browsing(draw(ANY_TEXT), None),
        kind=FACT,
        words=tuple(draw(st.lists(ANY_TEXT, max_size=5))),
        follow_up=draw(st.booleans()),
        phrase=draw(ANY_TEXT | LONG_TEXT),
    )
    notes = [
        Note(code, date=draw(ANY_TEXT), count=3, text=draw(ANY_TEXT))
        for code in draw(st.lists(st.sampled_from(CODES), max_size=3))
    ]
    return Answer(query, draw(st.booleans()), hits, [], notes)


@given(answers())
def test_every_answer_message_is_valid_telegram_html_under_the_limit(answer):
    for message in render.pack_messages(render.answer_blocks_html(answer, answer.entries)):
        assert_valid_message(message)


@given(ANY_TEXT | LONG_TEXT, st.lists(ANY_TEXT | LONG_TEXT, max_size=5))
def test_every_article_message_is_valid_telegram_html_under_the_limit(title, paragraphs):
    article = _article(title, paragraphs)
    messages = render.pack_messages(render.article_blocks_html(article))
    for message in messages:
        assert_valid_message(message)
    shown = html.unescape(re.sub("<[^>]+>", "", "".join(messages)))
    assert _visible("".join(article.paragraphs)) in _visible(shown)  # nothing of the body lost


def _visible(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_long_paragraph_of_ampersands_and_emoji_is_cut_into_messages_telegram_accepts():
    article = _article("标题", ["&" * 5000 + "😀" * 3000])
    messages = render.pack_messages(render.article_blocks_html(article))
    assert len(messages) >= 2
    for message in messages:
        assert_valid_message(message)


def test_question_words_are_bold_and_archive_text_escaped():
    assert (
        render.highlight("示范区<b>召开</b>会议", ["会议", "召开"]) == "示范区&lt;b&gt;<b>召开</b>&lt;/b&gt;<b>会议</b>"
    )


def test_a_title_the_page_did_not_print_is_marked():
    lead = Article("p.txt", 1, "article", "4月20日下午，示范区召开会议", ["正文。"], title_inferred=True)
    caption = Article("p.txt", 2, "caption", "食客在东小巷就餐", ["食客在东小巷就餐。"])
    printed = Article("p.txt", 3, "article", "东小巷激活“夜经济”", ["正文。"])
    assert render.shown_title(lead).endswith("（标题取自导语）")
    assert render.shown_title(caption).endswith("（图片说明）")
    assert render.shown_title(printed) == "东小巷激活“夜经济”"
