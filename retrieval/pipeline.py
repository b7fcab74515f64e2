"""Wire the library together: archive folder -> articles -> passages -> index -> answers."""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np

from . import paging, store, writer
from .answer import LIST_MENTION, LIST_MIN_COVERAGE, LOOKED_AT, SNIPPET_CHARS, Answer, Composer
from .conversation import Conversation
from .dates import DateRange, PartialDate, load_numerals
from .documents import Archive, ArchiveReport, Article, Passage
from .errors import BadQuestion
from .index import BM25Index
from .messages import asks_for_more
from .notes import EARLIEST, LATEST, NO_ARTICLES, UNDATED_WEAK, Note
from .passages import DEFAULT_PASSAGE_CHARS, index_terms, passages_of
from .query import BROWSE, FACT, LIST, Analyser, Query, browsing
from .ranking import rank_model
from .search import RERANK_DEPTH, ArticleDates, Searcher
from .segment import HAN, NAMING_TAGS, Segmenter, default_segmenter, normalise
from .spans import SpanFinder, counted_unit, looks_like_name, span_model

DEFAULT_K = 3
LIST_DEPTH = 500  # passages a list question looks through (one item per article)
# A question that finds nothing alone asks about the last answer's article when that article holds this
# share of its words' weight (0.5 to 0.75 measured the same: 48 seed questions, then each of 41 off-topic ones).
ABOUT_THE_LAST = 0.5


@dataclass
class ArchiveStats:
    pages: int
    articles: int
    passages: int
    first_date: str
    last_date: str


@dataclass
class Articles:
    """Every article by number, which article each passage is of, and which articles each page holds."""

    count: int
    at: Callable[[int], Article]
    of_passage: np.ndarray  # article number of every passage, ascending
    dates: np.ndarray  # per article: first and last day ordinals, month, day (ArticleDates rows)
    pages: dict[str, range]  # the articles of each page (file), by name

    def __iter__(self) -> Iterator[Article]:
        return (self.at(number) for number in range(self.count))


class ArchiveQA:
    """Answers questions over one loaded archive: alone or in a conversation, as facts, lists,
    timelines or tables of contents."""

    def __init__(
        self,
        passages: Sequence[Passage],
        index: BM25Index,
        articles: Articles,
        report: ArchiveReport,
        segmenter: Segmenter,
        snippet_chars: int = SNIPPET_CHARS,
    ) -> None:
        self.passages = passages
        self.articles = articles
        self.updated: dict = {}  # what bringing a stored index up to date did (store.build's summary)
        self.source: tuple[Path, Path, int, int] | None = None  # archive, cache, snippet length, memory (stored)
        self.budget: paging.MemoryBudget | None = None  # a stored index's mapped pages, let go beyond it
        self._version = ""
        self.index = index
        self.report = report
        self.segmenter = segmenter
        self.analyser = Analyser(segmenter, index.knows)
        self.searcher = Searcher(
            passages, segmenter, index, ArticleDates(articles.dates), articles.of_passage, rank_model()
        )
        self.composer = Composer(index, snippet_chars=snippet_chars, spans=SpanFinder(segmenter, span_model()))

    @classmethod
    def from_archive(
        cls,
        archive: Archive,
        segmenter: Segmenter | None = None,
        passage_chars: int = DEFAULT_PASSAGE_CHARS,
        snippet_chars: int = SNIPPET_CHARS,
    ) -> ArchiveQA:
        """Index an archive in memory (question sets, small archives, tests)."""
        segmenter = segmenter or default_segmenter()
        passages: list[Passage] = []
        terms: list[list[str]] = []
        of_passage: list[int] = []
        pages: dict[str, list[int]] = {}
        for number, article in enumerate(archive.articles):
            pieces = passages_of(article, passage_chars)
            passages.extend(pieces)
            of_passage.extend([number] * len(pieces))
            terms.extend(index_terms(segmenter, article, pieces))
            pages.setdefault(article.source.split("#")[0], []).append(number)
        dates = np.array([ArticleDates.row(a.date) for a in archive.articles], dtype=np.int64).reshape(-1, 4)
        articles = Articles(
            len(archive.articles),
            archive.articles.__getitem__,
            np.asarray(of_passage, dtype=np.int64),
            dates,
            {name: range(found[0], found[-1] + 1) for name, found in pages.items()},
        )
        return cls(passages, BM25Index.build(terms), articles, archive.report, segmenter, snippet_chars)

    @classmethod
    def from_folder(
        cls,
        folder: Path | str,
        segmenter: Segmenter | None = None,
        cache: Path | None = None,
        snippet_chars: int = SNIPPET_CHARS,
        update: bool = True,
        progress: Callable[[int, int], None] | None = None,
        memory: int = writer.DEFAULT_MEMORY,
        compact: bool = False,
        executor: Executor | None = None,
    ) -> ArchiveQA:
        """Serve an archive folder from its index on disk, first bringing that index up to date
        (only new or changed pages are segmented, within ``memory`` bytes; all segments merged
        into one when ``compact``; on ``executor`` when given, a Dask cluster's say) unless
        ``update`` is false. Answering, the process then lets go of the index pages it has mapped
        whenever it holds more than ``memory`` (``paging.MemoryBudget``)."""
        segmenter = segmenter or default_segmenter()
        folder = Path(folder)
        cache = Path(cache) if cache else store.default_cache(folder)
        stored, updated, version = writer.open_index(
            folder, cache, segmenter, update, progress, memory, compact, executor
        )
        pages = {
            page["name"]: range(page["first_article"], page["first_article"] + page["articles"])
            for page in stored.meta["pages"]
        }
        articles = Articles(
            stored.meta["articles"],
            stored.passages.article,
            np.asarray(stored.passages.article_numbers),
            stored.dates,
            pages,
        )
        qa = cls(stored.passages, stored.index, articles, stored.report, segmenter, snippet_chars)
        qa.updated = updated
        qa.source = (folder, cache, snippet_chars, memory)
        qa.budget = paging.MemoryBudget(memory)
        qa._version = version
        return qa

    def reload(self) -> ArchiveQA:
        """This archive brought up to date with its folder (new, changed or removed pages), as a
        fresh ArchiveQA; an archive indexed in memory stays as it is."""
        if self.source is None:
            return self
        folder, cache, snippet_chars, memory = self.source
        return ArchiveQA.from_folder(folder, self.segmenter, cache, snippet_chars, memory=memory)

    def reloaded(self) -> ArchiveQA | None:
        """A fresh ArchiveQA when the stored index changed on disk since this one was loaded
        (``archive-qa index`` ran meanwhile), else None. This one stays usable either way."""
        if self.source is None:
            return None
        folder, cache, snippet_chars, memory = self.source
        if store.version(cache) == self._version:
            return None
        return ArchiveQA.from_folder(folder, self.segmenter, cache, snippet_chars, update=False, memory=memory)

    # ------------------------------------------------------------ questions

    def ask(
        self,
        question: str,
        conversation: Conversation | None = None,
        date_range: DateRange | None = None,
        now: float | None = None,
    ) -> Answer:
        """Answer a question; in a conversation, as a follow-up when it leans on the one before,
        and 更多 (``asks_for_more``) as the answer being read, whose reading goes on (the front end
        shows its next page). Raises BadQuestion when the question has nothing to search."""
        now = time.monotonic() if now is None else now
        previous = conversation.previous(now) if conversation else None
        if conversation is not None and asks_for_more(question):
            return _read_on(conversation, now)
        about = conversation.about if conversation else None
        query, answer = self._answered(question, date_range, previous, about)
        moved = query.follow_up and previous is not None and query.date_range != previous.date_range
        if moved and any(note.code == UNDATED_WEAK for note in answer.notes):
            answer.find_span = None  # 那2019年呢？ found nothing of 2019: a figure of another year is no answer
        if conversation:
            conversation.answered(answer, now)
        self._within_budget()
        return answer

    def _answered(
        self, question: str, date_range: DateRange | None, previous: Query | None, about: Answer | None
    ) -> tuple[Query, Answer]:
        """The question understood and answered. One that finds nothing alone though its words are
        mostly the last answer's (是谁授予的？ after 城管局获得了什么荣誉？: 授予 is no topic) is answered as
        the follow-up it is; so is one that names nothing of its own, all of whose words the last
        answer's article holds, when alone it is answered from another (注册资本多少？ after a company), or
        from a passage, of that article or another, about another thing than the one talked of
        (``_of_the_subject``: 总投资多少？ after 创基智谷是什么项目？, not another project's 10.5亿元)."""
        question = _on_that_day(question, previous, about)  # 那天王家鹏去哪了？ after a question of 2019年11月8日
        alone = previous is None
        picked = (
            _picked(question, self._listing(question, date_range), _PICKED_ALONE) if alone else _picked(question, about)
        )
        if picked is not None and alone:  # 最近一次党工委扩大会议是什么时候？ asked alone: of the articles
            rest, article = picked  # it lists as 有哪些……？ does, the newest (or oldest), on its day (only ……)
            assert article.date is not None  # ``_listing`` lists only dated articles
            on_its_day = DateRange(article.date.first_day(), article.date.last_day(), text=article.date_text)
            query = self._understood(rest, on_its_day, None, None)
            return replace(query, text=question), self._answer(query, True)
        if picked is not None and previous is not None:  # 最近的一次是什么时候？ after a list of meetings
            rest, article = picked
            query = self._understood(rest, date_range, previous, about, lean=True, article=article)
            return replace(query, text=question), self._answer(query, date_range is not None)
        query = self._understood(question, date_range, previous, about)
        answer = self._answer(query, date_range is not None)
        if query.follow_up or previous is None or about is None:
            return query, answer
        # a term the answering page quotes is the question's own (四个一批指的是什么？, 一区多园是什么意思？)
        quoted = _quoted(query, answer)
        names_nothing = not answer.no_answer and self._names_nothing(query, about) and not quoted
        elsewhere = names_nothing and not _from_article(answer, about)
        doing = elsewhere and self._only_doing(query, about)
        if answer.no_answer:
            elliptical = self._about_the_last(query, about)
        else:
            elliptical = doing or (elsewhere and self._about_the_last(query, about, every_word=True))
            elliptical = elliptical or (not quoted and self._asked_of_the_last_passage(query, answer, about))
        if elliptical:
            leaning, answered = self._leaning(question, date_range, previous, about)
            if doing:  # 谁主持的？ of a meeting whose article does not say: not another's
                return leaning, answered
            if not answered.no_answer and (answer.no_answer or not self._holds_more(query, answer, answered)):
                return leaning, answered
        elif names_nothing and not self._of_the_subject(answer, about):
            leaning, answered = self._leaning(question, date_range, previous, about)
            if not answered.no_answer and self._of_the_subject(answered, about):
                return leaning, answered
        elif answer.no_answer and self._names_nothing(query, about) and self._named_before(about):
            # 奖励了多少钱？ after 文昌街道为什么得第一？: what its article never tells, a passage saying it of the same
            # subject, in the question's own words (分别奖励10万元; not 10亿元 for 股价多少？ after 蒙牛四期投资多少？)
            leaning, answered = self._leaning(question, date_range, previous, about)
            said = normalise(answered.entries[0].passage.text) if answered.entries else ""
            own = all(word in said for word in self._saying(query))
            if not answered.no_answer and own and self._of_the_subject(answered, about):
                return leaning, answered
        return query, answer

    def _listing(self, question: str, date_range: DateRange | None) -> Answer | None:
        """The articles on what a question picks one end of (党工委扩大会议 of 最近一次党工委扩大会议是什么时候？),
        listed as 有哪些党工委扩大会议？ lists them, or none when it picks nothing or they are no list (one article,
        or none, or undated articles, which have no end to pick: 第一次世界大战 of an encyclopaedia)."""
        found = _PICKED_ALONE.search(question)
        if found is None or _NEAREST.search(question):  # 离市区最近的公园是哪个？ asks the nearest
            return None
        asked = self._understood(question[: found.start()] + question[found.end() :], date_range, None, None)
        if asked.kind != FACT:  # 最近的新闻有哪些？ lists or browses, newest first
            return None
        subject = asked.subject.rstrip(
            _AFTER_A_SUBJECT
        )  # 会议 of 会议是哪天？, listed as 有哪些会议？ lists them (推进会 too)
        listing = self._understood(f"有哪些{subject}？", date_range, None, None) if subject else asked
        listed = self._answer(replace(listing, kind=LIST), date_range is not None)
        dated = all(item.passage.article.date is not None for item in listed.items)
        return listed if listed.query.kind == LIST and len(listed.items) > 1 and dated else None

    def _leaning(
        self, question: str, date_range: DateRange | None, previous: Query, about: Answer
    ) -> tuple[Query, Answer]:
        """The question understood and answered as the follow-up of the one before."""
        leaning = self._understood(question, date_range, previous, about, lean=True)
        return leaning, self._answer(leaning, date_range is not None)

    def _of_the_subject(self, answer: Answer, about: Answer) -> bool:
        """Whether an answer's first passage names what the question before named (诚美生物科技有限公司, when
        注册资本多少？ follows 诚美生物科技有限公司从哪迁来的？ and alone it is answered by the passage of the same
        article on 安达消防's sister company, 1000万元); true when the question before named nothing."""
        text = normalise(answer.entries[0].passage.text) if answer.entries else ""
        return all(word in text for word in self._named_before(about))

    def _named_before(self, about: Answer) -> list[str]:
        """The names the question before said (诚美生物科技有限公司, 文昌街道), jieba's or words it does not know."""
        tag = self.segmenter.tag  # a name jieba's dictionary does not know (诚美) is tagged nothing
        return [word for word in about.query.topic if len(word) > 1 and (tag(word) in NAMING_TAGS or not tag(word))]

    def _asked_of_the_last_passage(self, query: Query, answer: Answer, about: Answer) -> bool:
        """Whether a question naming nothing of its own, answered from another passage of the last
        answer's article, asks of the passage that answered, which says all its words (总投资多少？ after
        示范区今年确定了多少个重点项目？: ……重点建设项目228个，总投资969亿元, not another project's 10.5亿元)."""
        if not answer.entries or not about.entries or not _from_article(answer, about):
            return False
        last = about.entries[0].passage
        if answer.entries[0].passage.text == last.text or not self._names_nothing(query):
            return False
        words = self._saying(query)
        return bool(words) and all(word in normalise(last.text) for word in words)

    def _holds_more(self, query: Query, answer: Answer, other: Answer) -> bool:
        """Whether an answer's first article holds more of a question's words in one of its first
        ``LOOKED_AT`` citations than another's: the last article may hold every word of
        示范区网络宣传考核是不是全市第一？ scattered, where the passage found alone holds them together. Any
        of them, not the first alone: the first may be the one saying the kind of thing asked (发放宣传手册1000余份,
        after 发放宣传资料 in the passage before it)."""
        words = self._saying(query)

        def held(found: Answer) -> int:
            article = found.entries[0].passage.article
            cited = [entry.passage for entry in found.entries[:LOOKED_AT] if entry.passage.article is article]
            return max(sum(word in normalise(article.title + " " + each.text) for word in words) for each in cited)

        return held(answer) > held(other)

    def _names_the_unknown(self, query: Query) -> bool:
        """Whether a list question names a thing the archive never mentions (恐龙有哪些会议？ 夏尔精通哪几门
        语言？): a noun, or a name jieba does not know, of two Chinese characters or more. It lists nothing (it
        listed every meeting, every article saying 语言); a verb the archive words otherwise (开过) says
        nothing of what is listed."""
        return any(
            len(word) > 1
            and all(map(HAN.fullmatch, word))  # 64DD may be cut otherwise in the pages
            and self.segmenter.is_indexed(word)
            and not self.index.knows(word)
            and self.segmenter.tag(word)[:1] in ("n", "")
            for word in query.list_topic
            if word != query.listed  # a list of 优点 need not say 优点
        )

    def _unless_of_another(self, answer: Answer) -> Answer:
        """The answer, or "no good match" when its question names a person, place or organisation
        that neither the archive nor the answering article ever mentions: 沈阳市党政考察团有多少人？
        was answered 40余人, of 沁阳市's, and 伊利四期项目投资多少？ 10亿元, of 蒙牛's. A name the article
        says in part is its own (明崇祯 of 崇祯, 威海市 of 威海); one whose every part that is a name the
        article does not say either names another (郑州市: neither 郑州市 nor 郑州)."""
        if answer.no_answer or not answer.hits:
            return answer
        query, tag = answer.query, self.segmenter.tag
        unknown = [  # names the archive never uses: few questions have one, and only then is the article read
            word
            for word in (query.focus if query.context else query.topic)
            if len(word) > 1 and HAN.fullmatch(word[0]) and tag(word) in NAMING_TAGS and not self.index.knows(word)
        ]
        if not unknown:
            return answer
        said = _said(answer.hits[0].passage.article)

        def another(word: str) -> bool:
            if word in said:
                return False
            parts = [
                word[start:end]
                for start in range(len(word))
                for end in range(start + 2, len(word) + (start > 0))
                if tag(word[start:end])
            ]
            naming = [part for part in parts if tag(part) in NAMING_TAGS]
            return not parts or (bool(naming) and all(part not in said for part in naming))

        if any(map(another, unknown)):
            answer.no_answer, answer.find_span = True, None
        return answer

    def _names_nothing(self, query: Query, about: Answer | None = None) -> bool:
        """Whether a question names nothing of its own, no person, place, organisation or term, no
        date (注册资本多少？ 考察什么？): asked in a conversation, it is about what was being talked of. A
        name or term the last answer's article says is its own (建了多少公里四好农村路？ after 苏家作乡's toilets;
        刘明胜强调了什么？ after who chaired the 康养 meeting; 红旗, which jieba's dictionary calls a person)."""
        if query.date_range is not None or query.years or "“" in query.text or '"' in query.text:
            return False
        naming = [word for word in query.topic if self.segmenter.tag(word) in NAMING_TAGS]
        if not naming:
            return True
        said = _said(about.entries[0].passage.article) if about is not None and about.entries else ""
        return all(word in said for word in naming)

    def _only_doing(self, query: Query, about: Answer) -> bool:
        """Whether all a question says besides its question word and the unit it counts in (the 人
        of 有多少人参加？) or the things it lists (the 领导 of 哪些领导参加了？) is what was done, and when
        or where in it (在哪举办的？ 谁主持的？ 会上提出了什么要求？): in a conversation, it asks of what
        was being talked of, though its article words it otherwise
        (举行; 300人聆听, not another event's 参加) or does not say (no one 主持 the meeting: no good match,
        not another meeting's chair). One saying two things or more that the last article
        never says names something else in words jieba reads as doing (督察推进会是几号开的？: 督察, 推进)."""
        asked = (counted_unit(query.asking), query.listed)  # the 人 of 有多少人参加？, the 领导 of 哪些领导参加了？
        words = [word for word in query.topic if self.segmenter.is_indexed(word) and word not in asked]
        if not words or not all(self.segmenter.tag(word) in _DOING for word in words):
            return False
        said = _said(about.entries[0].passage.article) if about.entries else ""
        return sum(len(word) > 1 and word not in said for word in words) < 2

    def _understood(
        self,
        question: str,
        date_range: DateRange | None,
        previous: Query | None,
        about: Answer | None,
        lean: bool = False,
        article: Article | None = None,
    ) -> Query:
        """The question analysed, leaning on the one before when it does (or, with ``lean``, as if
        it did): 他 after a 谁 answered by a name is that person, 去年 counts from the year asked
        about, and the topic it carries is the article that answered (or the ``article`` picked of a
        list)."""
        if about is not None and _PERSONAL.search(question) and not (about.query.who and about.query.follow_up):
            # …是谁主持的？ (刘明胜), then 他还参加过哪些活动？: the person. Asked who he is in a
            # conversation (他生前在哪里工作？ after his 报告会), the question before names him and what
            # was being talked of, which 他去世时多大年纪？ goes on with.
            named = about.query.who or _person_answered(about)  # 吕沛是谁？ then 他……: 吕沛
            previous = self.analyser.analyse(named) if named else previous
        query = self.analyser.analyse(question, date_range, previous, lean=lean)
        if not query.follow_up or previous is None or about is None:
            return query
        if date_range is None:  # 那去年呢？ after a question about 2020 (or answered from a 2020 article)
            absolute = _absolute_years(question, previous, about, self.segmenter)
            if absolute != question:
                query = replace(self.analyser.analyse(absolute, None, previous, lean=lean), text=query.text)
        if about.entries:  # a follow-up asks about what the last answer was about: its first article
            article = article or about.entries[0].passage.article
            query = replace(query, context=((article.source, article.number),))
        return query

    def _about_the_last(self, query: Query, about: Answer, every_word: bool = False) -> bool:
        """Whether a question is about the article that answered the one before: at least half
        (``ABOUT_THE_LAST``; with ``every_word``, all) of the weight of its words is that article's (是谁授予的？ after a question answered by
        被省住建厅授予; 从哪个区迁来的？ after 诚美生物科技有限公司的注册资本, though 区迁 is jieba's
        word and not the article's). An off-topic question (天气怎么样) has words of its own: a word
        the archive never uses weighs most. Its words are those that say what it is about (``_saying``:
        not the 去 of 谁去调研的, nor the 部门 of 哪个部门组织召开的？, answered by the 散烧办)."""
        if query.latest or not about.entries:
            return False
        words = self._saying(query, every_word)
        weights = [self.index.weight(word) for word in words]
        said = _said(about.entries[0].passage.article)
        held = sum(weight for word, weight in zip(words, weights, strict=True) if word in said)
        return bool(words) and held >= (1.0 if every_word else ABOUT_THE_LAST) * sum(weights)

    def _saying(self, query: Query, every_word: bool = True) -> list[str]:
        """The words that say what a question is about: not one of one character the archive does not know
        (or, with ``every_word``, any of one character), nor the 钱 of 多少钱, nor the kind of thing a 哪个
        asks for, unless it says nothing else (有哪几种模式？ after 要建设哪些示范村？: 模式 is what it is about)."""
        asked = query.asking
        kind = asked.noun if asked is not None and asked.wants == "which" else ""
        words = [
            word
            for word in query.topic
            if self.segmenter.is_indexed(word)
            and (len(word) > 1 or (self.index.knows(word) and not every_word))
            and not (word == "钱" and asked is not None and asked.money)
        ]
        return [word for word in words if word != kind] or words

    def timeline(
        self, topic: str, date_range: DateRange | None = None, conversation: Conversation | None = None
    ) -> Answer:
        """Every article on a topic above the relevance floor, in date order."""
        previous = conversation.previous() if conversation else None
        query = self.analyser.analyse(topic, date_range, previous, kind=LIST)
        found = self.searcher.search(query, LIST_DEPTH, LIST_MIN_COVERAGE)
        answer = self.composer.compose_list(query, found, mention_counts=1.0)
        if conversation:
            conversation.answered(answer)
        self._within_budget()
        return answer

    def contents(self, selector: str = "", conversation: Conversation | None = None) -> Answer:
        """The articles of a date (``2020-07``, ``2020``, ``2020-04-20``), of a page (its file name),
        or of the whole archive, in date order."""
        selector = selector.strip()
        date_range = None
        if re.fullmatch(r"\d{4}(?:[-/.]\d{1,2}){0,2}", selector):
            when = PartialDate.parse(selector)  # ValueError for 2020-13
            date_range = DateRange(start=when.first_day(), end=when.last_day(), text=selector)
        answer = self._browse(browsing(selector, date_range), page=None if date_range or not selector else selector)
        if conversation:
            conversation.answered(answer, keep_topic=True)
        self._within_budget()
        return answer

    @staticmethod
    def article(conversation: Conversation, number: int) -> Article | None:
        """The whole article of entry ``number`` of the answer being read (全文 n)."""
        return conversation.reading.article(number) if conversation.reading else None

    def stats(self) -> ArchiveStats:
        return self._stats

    @functools.cached_property
    def _stats(self) -> ArchiveStats:
        """Worked out when first asked for: the first and last dates read every article's."""
        earliest, latest = self.searcher.dates.span()
        dates = self.articles.dates
        return ArchiveStats(
            len(self.report.pages),
            self.articles.count,
            len(self.passages),
            _iso(dates[earliest]) if earliest is not None else "",
            _iso(dates[latest]) if latest is not None else "",
        )

    def warm(self) -> None:
        """Load now what answering otherwise loads when first needed (the learned models' trees, the
        dictionary's word tags: ~0.3 s; jieba itself, for a question jieba-rs would cut
        otherwise: ~0.3 s; the reader of Chinese numerals: ~0.2 s; where each article's passages
        begin; the articles in order of their dates; the arrays BM25 scores in: ~1 s at ten
        million passages), so that a front end's first reader does not wait."""
        self.segmenter.load_jieba()
        load_numerals()
        self.index.warm()
        if self.searcher.model is not None:
            self.searcher.model.load()
        if self.composer.spans is not None:
            self.composer.spans.load()
        self.searcher.article_passages.warm()
        self.searcher.dates.warm()

    # ------------------------------------------------------------ answering

    def _within_budget(self) -> None:
        if self.budget is not None:
            self.budget.check()

    def _answer(self, query: Query, dated_by_caller: bool) -> Answer:
        if query.kind == BROWSE and (query.latest or query.earliest or query.date_range is None):
            # 有哪些报道？ 一共有多少篇文章？ asked no date: the latest month (or, asked, the earliest), and
            # how many the archive holds (every article was listed: 166,718 in 11.5 s at a million paragraphs)
            return self._browse_end(query)
        if query.kind == BROWSE:
            return self._browse(query)
        if query.kind == LIST and self._names_the_unknown(query):
            query = replace(query, kind=FACT)  # it lists nothing: the passages that come closest, or none
        if query.kind == LIST:
            found = self.searcher.search(query, LIST_DEPTH, LIST_MIN_COVERAGE, LIST_MENTION)
            listed = self.composer.compose_list(query, found, LIST_MENTION)
            if listed.items:
                return listed
            # No article is about the topic as a whole: cite the passages that come closest.
            query, result = replace(query, kind=FACT), replace(found, hits=found.hits[:RERANK_DEPTH])
            return self.composer.compose(query, result)
        found = self.searcher.search(query)
        answer = self._unless_of_another(self.composer.compose(query, found))
        if answer.no_answer and not dated_by_caller and query.date_range is not None and not found.relaxed:
            # A date in a question may be what the article is about rather than when it
            # was printed ("2019年10月至2020年3月的空气质量"): look again without it (unless
            # no article had the date: then it was dropped, and these are the passages without it).
            undated = replace(query, date_range=None)
            retry = self._unless_of_another(self.composer.compose(undated, self.searcher.search(undated)))
            if not retry.no_answer:
                retry.notes.append(Note(UNDATED_WEAK, date=query.date_range.text))
                return retry
        return answer

    def _browse_end(self, query: Query) -> Answer:
        """The latest news (or, asked, the earliest): the articles of the archive's latest (earliest)
        month, said to be that, with how many articles the archive holds."""
        stats = self.stats()
        end = stats.first_date if query.earliest else stats.last_date
        if not end:  # no article is dated: every article, as for a table of contents
            return self._browse(replace(query, latest=False, earliest=False))
        month = PartialDate.parse(end[:7])  # the year alone when no article of it has a month
        when = f"{month.year}年" + (f"{month.month}月" if month.month else "")
        window = DateRange(month.first_day(), month.last_day(), text=when)
        answer = self._browse(replace(query, when=when, date_range=window))
        answer.notes.append(Note(EARLIEST if query.earliest else LATEST, date=when, count=self.articles.count))
        return answer

    def _browse(self, query: Query, page: str | None = None) -> Answer:
        """The articles of the query's date (or of ``page``, or all), each cited by its opening."""
        articles = self.articles
        if page is not None:
            numbers = list(articles.pages.get(page, range(0)))
        elif query.date_range is not None:
            numbers = np.flatnonzero(ArticleDates(articles.dates).admitted(query.date_range)).tolist()
        else:
            numbers = list(range(articles.count))
        firsts, counts = self.searcher.article_passages.first(np.asarray(numbers, dtype=np.int64))
        openings = {n: int(first) for n, first, count in zip(numbers, firsts, counts, strict=True) if count}
        dates = articles.dates
        # Browsing a day, the articles of that day come first, and then those dated only by its month.
        days = _days(query.date_range)
        numbers = sorted(
            openings,
            key=lambda n: (
                days is not None and int(dates[n][1]) - int(dates[n][0]) > days,
                int(dates[n][0]) or date.max.toordinal(),
                n,
            ),
        )
        items = [self.composer.opening(self.passages[openings[n]], rank) for rank, n in enumerate(numbers, start=1)]
        notes = list(query.notes)
        if not items:
            notes.append(Note(NO_ARTICLES, date=query.when or page or ""))
        return Answer(query, not items, [], items, notes)


def _days(date_range: DateRange | None) -> int | None:
    """How many days a date range spans after its first (0: one day), or None when open-ended."""
    if date_range is None:
        return None
    if date_range.start is not None and date_range.end is not None:
        return (date_range.end - date_range.start).days
    if date_range.yearless is not None:
        (first_month, first_day), (last_month, last_day) = date_range.yearless
        return abs((date(2000, last_month, last_day) - date(2000, first_month, first_day)).days)
    return None


def _iso(row: np.ndarray) -> str:
    """A date row back to the partial ISO date it came from."""
    first = date.fromordinal(int(row[0]))
    if not row[2]:
        return f"{first.year:04d}"
    return f"{first.year:04d}-{int(row[2]):02d}" + (f"-{int(row[3]):02d}" if row[3] else "")


# one end of a list of articles, picked by a follow-up (最近的一次, 最早的那篇, 第一次): the latest or the earliest
_PICKED = re.compile(r"(?P<end>最近|最新|最后|最晚|最早|最先|最初|第一|头一)的?(?:一|那)?(?:次|篇|场|回|期)")
# and by a question asked alone, also with no word of a time between (最近的党工委扩大会议是哪天？; not 第一的)
_PICKED_ALONE = re.compile(
    r"(?P<end>最近|最新|最后|最晚|最早|最先|最初|第一|头一)(?:的?(?:一|那)?(?:次|篇|场|回|期)|(?<!第一|头一)的)"
)
_LATER = ("最近", "最新", "最后", "最晚")
_AFTER_A_SUBJECT = "是的了在"  # what a question's subject may end with before its question word (会议是哪天？)
_NEAREST = re.compile(r"[离距][^，,。？?]*最近")  # 最近 of a distance: the nearest, not the latest


def _picked(question: str, about: Answer | None, picking: re.Pattern = _PICKED) -> tuple[str, Article] | None:
    """Asked of one end of the list of articles just answered (最近的一次是什么时候？ after 示范区开过哪些党工委
    扩大会议？), the question without its picking words and the article picked, by date; else None."""
    found = picking.search(question)
    if found is None or about is None or about.query.kind != LIST or not about.entries:
        return None
    by_date = [entry.passage.article for entry in about.entries]  # listed by date: newest first when asked so
    later = found.group("end") in _LATER
    article = by_date[0] if later == about.query.latest else by_date[-1]
    return question[: found.start()] + question[found.end() :], article


_RELATIVE_YEARS = {"今年": 0, "去年": -1, "前年": -2, "明年": 1, "后年": 2}
_RELATIVE_YEAR = re.compile("|".join(_RELATIVE_YEARS))


_THAT_DAY = re.compile(r"那一?天|这一?天|同一天|同一日")  # the day the question before asked of, or was answered on


def _on_that_day(question: str, previous: Query | None, about: Answer | None) -> str:
    """A question's 那天 (这天, 同一天) as the day it points back at: the one day the question before asked
    of, else the day of the article that answered it (那天王家鹏去哪了？ after 2019年11月8日示范区发生了什么？:
    2019年11月8日王家鹏去哪了, whatever it says of its own); unchanged when there is none."""
    found = _THAT_DAY.search(question)
    if found is None or previous is None:
        return question
    asked = previous.date_range
    cited = about.entries[0].passage.article.date if about is not None and about.entries else None
    if asked is not None and asked.start is not None and asked.start == asked.end:
        day = (asked.start.year, asked.start.month, asked.start.day)
    elif cited is not None and cited.day is not None and cited.month is not None:
        day = (cited.year, cited.month, cited.day)
    else:
        return question
    return question[: found.start()] + "{}年{}月{}日".format(*day) + question[found.end() :]


def _absolute_years(question: str, previous: Query, answer: Answer, segmenter: Segmenter) -> str:
    """A follow-up's 去年 / 今年 / 前年 as years: counted from the year the question before asked
    about, else from the date of the article that answered it (the archive has no "now"). Not
    where its 年 begins a word of another kind (建成后年产值多少？: 建成后 + 年产值, no 后年)."""
    if not _RELATIVE_YEAR.search(question):
        return question
    asked = previous.date_range.start if previous.date_range is not None else None
    cited = answer.entries[0].passage.article.date if answer.entries else None
    base = asked.year if asked is not None else cited.year if cited is not None else None
    if base is None:
        return question
    words = {start: word for word, start, _ in segmenter.tokens(question)}

    def absolute(found: re.Match[str]) -> str:
        after = words.get(found.start() + 1, "")
        if len(after) > 1 and segmenter.tag(after) != "t":  # 年产值; not 年底 (明年底)
            return found.group()
        return f"{base + _RELATIVE_YEARS[found.group()]}年"

    return _RELATIVE_YEAR.sub(absolute, question)


def _quoted(query: Query, answer: Answer) -> bool:
    """Whether the passage answering a question quotes its words as one term (四个一批指的是什么？:
    培育壮大“四个一批”, not words of no name): the question names it, whatever jieba's tags say."""
    named = [word for word in query.topic if len(word) > 1]  # not the 是 of 一区多园是什么意思？
    if not answer.entries or not named:
        return False
    term = "".join(named)
    passage = answer.entries[0].passage
    return f"“{term}”" in normalise(passage.article.title + passage.text)


def _from_article(answer: Answer, about: Answer) -> bool:
    """Whether an answer cites first the article that answered the question before."""
    if not answer.entries or not about.entries:
        return False
    first, last = answer.entries[0].passage.article, about.entries[0].passage.article
    return (first.source, first.number) == (last.source, last.number)


def _said(article: Article) -> str:
    """All an article says, headline and text, as questions are read."""
    return normalise(" ".join([article.title, *article.paragraphs]))


_DOING = frozenset(("v", "vd", "vi", "t", "f"))  # and of what is done, when or where (举办, 会上; not 天气)
_PERSONAL = re.compile("[他她](?!们)")  # one person pointed back at (not 他们, a group)


def _person_answered(answer: Answer) -> str | None:
    """The person a 谁 question was answered with, when its short answer is a name."""
    asked = answer.query.asking
    if asked is None or asked.wants != "person" or answer.no_answer:
        return None
    span = answer.span
    return span.text if span is not None and looks_like_name(span.text) else None


def _read_on(conversation: Conversation, now: float) -> Answer:
    """The answer a conversation is reading, for its next page; none, or nothing left, is refused."""
    reading = conversation.reading
    if reading is None:
        raise BadQuestion(BadQuestion.NOTHING_ASKED)
    if not reading.more:
        raise BadQuestion(BadQuestion.NOTHING_MORE)
    conversation.last_active = now
    return reading.answer
