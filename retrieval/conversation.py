"""A reader's conversation with the archive: what it is about, and the answer being read.

Every front end keeps one per reader (a console session, a Telegram chat, a web client) and hands
it to ``ArchiveQA.ask``; the core decides whether a question leans on the one before, and pages
through the answer already found when the reader asks for more.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .answer import Answer, CitedHit
from .documents import Article
from .query import Query

DEFAULT_IDLE_SECONDS = 30 * 60


@dataclass
class Reading:
    """An answer read a page at a time: ``next`` gives the entries not shown yet (更多), and
    ``article`` the article of an entry shown (全文 n)."""

    answer: Answer
    shown: int = 0

    def next(self, size: int) -> list[CitedHit]:
        page = self.answer.entries[self.shown : self.shown + size]
        self.shown += len(page)
        return page

    @property
    def more(self) -> bool:
        return self.shown < len(self.answer.entries)

    def article(self, number: int) -> Article | None:
        """The article of entry ``number`` (from 1), if it was shown."""
        if 1 <= number <= self.shown:
            return self.answer.entries[number - 1].passage.article
        return None


@dataclass
class Conversation:
    idle_seconds: float = DEFAULT_IDLE_SECONDS
    topic: Query | None = None  # what the last question answered was understood to ask
    about: Answer | None = None  # and its answer: what a follow-up asks about
    reading: Reading | None = None  # the last answer, for 更多 and 全文 n
    last_active: float = field(default_factory=time.monotonic)

    def previous(self, now: float | None = None) -> Query | None:
        """The question a new one may lean on; none once the conversation has been idle too long."""
        now = time.monotonic() if now is None else now
        if now - self.last_active > self.idle_seconds:
            self.forget()
        return self.topic

    def answered(self, answer: Answer, now: float | None = None, keep_topic: bool = False) -> Reading:
        """Remember an answer (and, unless ``keep_topic``, what it was about); returns its reading.
        "No good match" leaves the topic to the question answered before it: a follow-up after it
        (那2020年呢？ after a refused 今天天气怎么样？) asks about what the reader was last told."""
        if not keep_topic and not (answer.no_answer and self.topic is not None):
            self.topic, self.about = answer.query, answer
        self.reading = Reading(answer)
        self.last_active = time.monotonic() if now is None else now
        return self.reading

    def forget(self) -> None:
        """Start over: the next question stands alone."""
        self.topic = self.about = None
        self.reading = None
