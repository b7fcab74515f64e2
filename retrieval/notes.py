"""What an answer says beside its citations, as codes: the wording is the front ends'."""

from __future__ import annotations

from dataclasses import dataclass

SHORTENED = "shortened"  # the question was cut to MAX_QUESTION_CHARS; count: its length
DATED = "dated"  # only articles of ``date`` were searched
UNDATED_NONE = "undated_none"  # no article has ``date``: searched without it
UNDATED_WEAK = "undated_weak"  # articles of ``date`` answered nothing well: searched without it
NO_ARTICLES = "no_articles"  # browsing ``date`` (or a page): the archive has no article there
CHINESE_WORDS_ONLY = "chinese_words_only"  # a question in English: only the Chinese words in it were searched
NOT_CHINESE = "not_chinese"  # a question in English with no Chinese word: ask in Chinese
MORE_QUESTIONS = "more_questions"  # a message asking several questions: the first was answered; text: the rest
LATEST = (
    "latest"  # the latest news asked for (最近有什么新闻): the archive's latest month, ``date``; count: its articles
)
EARLIEST = "earliest"  # the earliest news asked for (最早的报道是哪篇): the archive's earliest month, ``date``; count


@dataclass(frozen=True)
class Note:
    code: str
    date: str = ""  # the date (or page) it speaks of, as the question or the caller wrote it
    count: int = 0
    text: str = ""  # what of the message it speaks of, as written (the questions left unanswered)
