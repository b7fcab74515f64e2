"""archive-qa's library: answers questions over a newspaper archive with cited passages.

The front door for every front end::

    from retrieval import ArchiveQA, Conversation
    qa = ArchiveQA.from_folder("seeds")
    chat = Conversation()
    answer = qa.ask("2021年示范区党工委书记是谁？", chat)
    follow_up = qa.ask("那2020年呢？", chat)          # understood as 2020年 示范区党工委书记是谁
    first_page = chat.reading.next(3)                 # 更多: chat.reading.next(3) again
    whole = qa.article(chat, 2)                       # 全文 2 (asks_for_article reads it typed)

Answers are data (citations, list items, note codes in ``retrieval.notes``); what they say to
people is the front ends' to word.
"""

from . import notes
from .answer import Answer, CitedHit
from .conversation import Conversation, Reading
from .dates import DateRange, PartialDate, cli_range
from .documents import Article, Passage
from .errors import ArchiveError, ArchiveQAError, BadQuestion, StoreError
from .evaluate import Case, Scores, evaluate, load_feedback, load_squad, load_tsv
from .messages import MAX_QUESTION_CHARS, asks_for_article
from .notes import Note
from .pipeline import DEFAULT_K, ArchiveQA, ArchiveStats
from .query import BROWSE, FACT, LIST, Query
from .reflow import sentence_parts
from .scratches import search_cores, use_cores
from .store import default_cache
from .writer import DEFAULT_MEMORY

__all__ = [
    "BROWSE",
    "DEFAULT_K",
    "DEFAULT_MEMORY",
    "FACT",
    "LIST",
    "MAX_QUESTION_CHARS",
    "Answer",
    "ArchiveError",
    "ArchiveQA",
    "ArchiveQAError",
    "ArchiveStats",
    "Article",
    "BadQuestion",
    "Case",
    "CitedHit",
    "Conversation",
    "DateRange",
    "Note",
    "PartialDate",
    "Passage",
    "Query",
    "Reading",
    "Scores",
    "StoreError",
    "asks_for_article",
    "cli_range",
    "default_cache",
    "evaluate",
    "load_feedback",
    "load_squad",
    "load_tsv",
    "notes",
    "search_cores",
    "sentence_parts",
    "use_cores",
]
