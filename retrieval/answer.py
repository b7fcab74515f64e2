"""Compose the answer: pick the evidence, cut snippets, know when nothing fits.

An answer is data (citations, list items, note codes); what it says to people is the front ends'.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from .answer_type import AGE, MEASURES, Asking, choices, has_answer
from .dates import PartialDate
from .documents import Passage
from .forward import seen_of
from .index import BM25Index
from .notes import DATED, UNDATED_NONE, Note
from .query import FACT, Query, balanced
from .reflow import sentence_parts
from .search import Hit, SearchResult, article_key, list_weights
from .segment import SENTENCE_MARKS, clause_end, clause_start, normalise
from .spans import AnswerSpan, SpanFinder, asks_for_a_meeting, asks_how_long
from .titles import introduced, title_of

SNIPPET_CHARS = 160
# A passage must share at least this share of the question's weight (IDF of its
# distinct terms) to count as an answer; below it the answer says "no good match".
MIN_COVERAGE = 0.5
# An article belongs in a list answer when its best passage covers this share of the weight of
# the question's words that the archive holds (a word it never uses, like 开过 for 召开, cannot
# tell its articles apart).
LIST_MIN_COVERAGE = 0.6
LIST_MENTION = 0.5  # toward LIST_MIN_COVERAGE, a topic word in a list item's text but not its headline
# How much holding the asked-for kind of answer counts in choosing a snippet, as a
# share of the weight of the most telling question word.
ANSWER_TYPE_WEIGHT = 0.5
_ALL = 1 - 1e-9  # a coverage of every word's weight (summed in floating point)
_ARTICLES_COUNTED = "篇"  # the unit a question counting articles asks in (有几篇报道？)
LOOKED_AT = 3  # the first article's citations looked through for what one says outright (a list, a theme, a name)


@dataclass(slots=True)
class CitedHit:
    """A passage cited in an answer: a citation, or an item of a list (one per article)."""

    rank: int  # its number in the answer, from 1
    score: float
    passage: Passage
    coverage: float  # share of the question's term weight found in the passage
    cut: Callable[[Passage], str] = field(repr=False, compare=False)  # how its snippet is cut
    _snippet: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def snippet(self) -> str:
        """The sentences that best answer the question (made when first shown)."""
        if self._snippet is None:
            self._snippet = self.cut(self.passage)
        return self._snippet


@dataclass
class Answer:
    query: Query
    no_answer: bool
    hits: list[CitedHit] = field(default_factory=list)  # citations, best first
    items: list[CitedHit] = field(default_factory=list)  # list answers: one per article, by date
    notes: list[Note] = field(default_factory=list)
    find_span: Callable[[], AnswerSpan | None] | None = field(default=None, repr=False, compare=False)
    _span: tuple[AnswerSpan | None] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def span(self) -> AnswerSpan | None:
        """The short answer (6月29日, 16天, 王家鹏) in the first citation, when the question asks
        for one and the model is confident of it (found when first asked for)."""
        if self._span is None:
            self._span = (self.find_span() if self.find_span else None,)
        return self._span[0]

    @property
    def question(self) -> str:
        return self.query.text

    @property
    def words(self) -> list[str]:
        """The question's words, for highlighting."""
        return list(self.query.words)

    @property
    def entries(self) -> list[CitedHit]:
        """What the answer lists, in the order shown: items for lists, else citations."""
        return self.hits if self.query.kind == FACT else self.items


class Composer:
    def __init__(
        self,
        index: BM25Index,
        snippet_chars: int = SNIPPET_CHARS,
        min_coverage: float = MIN_COVERAGE,
        spans: SpanFinder | None = None,
    ) -> None:
        self.index = index
        self.snippet_chars = snippet_chars
        self.min_coverage = min_coverage
        self.spans = spans

    def compose(self, query: Query, result: SearchResult) -> Answer:
        """A fact answer: the ranked citations, or "no good match" when the best covers too little
        or the learned ranker scores it too low."""
        cut = self._cut(query)
        hits = [_cite(hit, hit.rank, cut) for hit in result.hits]
        least = (
            -math.inf
            if _of_its_day(query, result, hits) or self._holds_all_it_names(query, hits)
            else result.answerable
        )
        no_answer = not hits or hits[0].coverage < self.min_coverage or hits[0].score < least
        no_answer = no_answer or _only_its_date(query, hits)
        introducing = (hits[0].passage.text, hits[0].passage.article.title) if hits else ()
        if query.who and any(introduced(query.who, said) for said in introducing):
            no_answer = False  # the passage or its headline says who they are (杨哲是什么职务？: 职务 is no word of it)
        elif not no_answer and _counts_nothing(query.asking, hits):
            no_answer = True  # 长城有多长？ of 筑牢国家安全的钢铁长城
        elif not no_answer and _names_no_holder(query, hits):
            no_answer = True  # 城管局局长是谁？ of the 城管局's honour, which names no 局长
        find_span = None
        if not no_answer and query.byline:
            find_span = _byline_span(hits[0])
        elif not no_answer and query.who:
            first = hits[0]
            find_span = lambda: _title_span(query.who, first)  # noqa: E731
        elif not no_answer and self.spans is not None and query.asking is not None and _asks(query):
            spans, asked = self.spans, query.asking
            find_span = lambda: _said_of_it(query, _short_answer(spans, asked, _words_read_with(query), hits), hits)  # noqa: E731
        return Answer(query, no_answer, hits, [], self._notes(query, result), find_span)

    def compose_list(self, query: Query, result: SearchResult, mention_counts: float = LIST_MENTION) -> Answer:
        """A list answer: one item per article about the question's topic, in date order.

        An article belongs when its best passage covers enough of the weight of the topic words
        the archive holds (a word it never uses, like 开过 for 召开, cannot tell articles apart;
        the date is already in force), a word in its headline counting fully and one only in the
        passage by ``mention_counts``: an article *about* meetings names them in its headline,
        while a timeline wants every article that mentions its topic (1.0).
        """
        weights = list_weights(self.index, query)
        total = sum(weights.values())
        anywhere = query.named_anywhere(weights)

        def about(hit: Hit) -> float:
            shares = (
                1.0
                if word in hit.in_headline or (word in anywhere and word in hit.in_text)
                else mention_counts
                if word in hit.in_text
                else 0.0
                for word in weights
            )
            return sum(weight * share for weight, share in zip(weights.values(), shares, strict=True)) / total

        def said(hit: Hit) -> float:
            """What its own text says of the question; a word its headline holds too, which every
            passage of the article has, half (said again, it still tells what the passage is about)."""
            return sum(
                weight / 2 if word in hit.in_headline else weight
                for word, weight in weights.items()
                if word in hit.in_text
            )

        best: dict[tuple[str, int], tuple[float, Hit]] = {}  # an article's passage saying most, the first of those
        for hit in result.hits:
            if total and about(hit) >= LIST_MIN_COVERAGE:
                key, saying = article_key(hit), said(hit)
                if key not in best or saying > best[key][0]:
                    best[key] = (saying, hit)
        cut = self._cut(query)
        chosen = sorted(
            (hit for _, hit in best.values()), key=_by_date, reverse=query.latest
        )  # 最新的报道: newest first
        hits = [_cite(hit, hit.rank, cut) for hit in result.hits]
        if len(chosen) == 1:
            chosen = [self._listing(query, chosen[0], result.hits, hits)]
        items = [_cite(hit, number, cut) for number, hit in enumerate(chosen, start=1)]
        return Answer(
            query, not items, hits, items, self._notes(query, result), self._list_span(query, chosen, items, hits)
        )

    def _listing(self, query: Query, best: Hit, found: list[Hit], cited: list[CitedHit]) -> Hit:
        """One article listed: its passage saying most of the question, unless only another writes out
        the list asked for (开放招商局要围绕哪些产业集群招商？: the passage naming them, not the lede
        saying 围绕产业集群, which listed nothing)."""
        spans, asked = self.spans, query.asking
        if spans is None or asked is None:
            return best
        words, article = _words_read_with(query), article_key(best)
        lists = [
            hit
            for hit, each in zip(found, cited, strict=True)
            if article_key(hit) == article and spans.listed(asked, words, each.snippet, each.rank, named_only=True)
        ]
        return best if not lists or any(hit is best for hit in lists) else lists[0]

    def _list_span(
        self, query: Query, chosen: list[Hit], items: list[CitedHit], hits: list[CitedHit]
    ) -> Callable[[], AnswerSpan | None] | None:
        """How to find the list the best passage writes out (宁郭镇搞了哪些课堂？), cited as the item
        of its article; when several articles are listed, only one naming what they list (哪些合作社:
        ……合作社、……合作社), not any list their words are said beside (会议 of 哪些会议, 哪些报道)."""
        spans, asked = self.spans, query.asking
        if not items or spans is None or asked is None or (len(items) > 1 and not query.listed):
            return None
        if asked.wants == "number" and asked.unit == _ARTICLES_COUNTED:
            return None  # 关于李志勇的报道有几篇？ counts the articles listed: none of them says it (it was 一次)
        item = items[min(range(len(chosen)), key=lambda at: chosen[at].rank)]
        if len(items) == 1:  # one article: its citations are looked through as a fact answer's (学生比赛有哪些项目？)
            cited = [hit for hit in hits if hit.passage.article is item.passage.article]
            words = _words_read_with(query)
            return lambda: (
                spans.listed(asked, words, item.snippet, item.rank)
                or _in_item(_short_answer(spans, asked, words, cited), item)
            )
        return lambda: spans.listed(asked, query.words, item.snippet, item.rank, query.listed)

    def _holds_all_it_names(self, query: Query, hits: list[CitedHit]) -> bool:
        """Whether the first passage holds every word of a question naming two things or more
        (劳动保障监察大队追回了多少工资？): the learned least score, chosen for what many questions
        leave unsaid, refused such a passage, which a vague question (书的名字是什么意思？) is not."""
        return bool(hits) and hits[0].coverage >= _ALL and len(query.words) >= 2

    @staticmethod
    def _notes(query: Query, result: SearchResult) -> list[Note]:
        notes = list(query.notes)
        if result.date_range is not None:
            notes.append(Note(UNDATED_NONE if result.relaxed else DATED, date=result.date_range.text))
        return notes

    def _cut(self, query: Query) -> _Cut:
        """How the answer's citations cut their snippets."""
        return _Cut(self, self._weights(query), query.answer_type)

    def _weights(self, query: Query) -> dict[str, float]:
        """How much each question word counts in choosing a snippet (for a follow-up, balanced)."""
        return balanced({word: self.index.weight(word) for word in query.words}, query.focus)

    def opening(self, passage: Passage, number: int) -> CitedHit:
        """An article listed by browsing: cited by its first passage, its lead as the snippet."""
        return CitedHit(number, 0.0, passage, 0.0, _Cut(self, {}, None, in_context=False))

    def snippet(
        self, before: str, text: str, after: str, words: dict[str, float], pattern: re.Pattern | None = None
    ) -> str:
        """The run of sentences of ``text`` that best answers the question, within the snippet length.

        A question word counts where it occurs in a sentence, weighted by how rare
        it is in the archive and how few of the sentences carry it (the article's
        subject, named in every sentence, does not pick one out). A run holding
        the kind of answer asked for (a number of 户, a date) counts extra, and
        when the passage holds none, the run may reach into the next sentence or
        two of the paragraph that do. The
        best run is then widened with following, then preceding, sentences while it fits: first
        within the passage (the ranking chose it, not its neighbours), then from the rest of
        the paragraph (``before``, ``after``): answers tend to sit right after the words the
        question repeats.
        """
        head, units, tail = (_units(part, self.snippet_chars) for part in (before, text, after))
        own = len(units)
        plain = [normalise(unit) for unit in units]
        typed = [has_answer(pattern, unit) for unit in plain]
        if pattern is not None and not any(typed):
            # The kind of answer asked for is not in the passage: it may be in the sentence right
            # after it (…相关设备正在安装，预计9月底将建成投产。), which a snippet may reach into.
            following = [normalise(unit) for unit in tail[:2]]
            reach = next((i for i, unit in enumerate(following) if has_answer(pattern, unit)), None)
            if reach is not None:
                units, tail = units + tail[: reach + 1], tail[reach + 1 :]
                plain += following[: reach + 1]
                typed += [False] * reach + [True]
        present = [{word for word in words if word in unit} for unit in plain]
        spread = Counter(word for found in present for word in found)
        local = {
            word: weight * math.log(1 + len(units) / spread[word]) for word, weight in words.items() if spread[word]
        }
        bonus = ANSWER_TYPE_WEIGHT * max(local.values(), default=0.0)
        best, best_key = (0, 0), None
        for start in range(own):  # a snippet starts in its own passage
            length, covered, holds_answer = 0, set(), False
            for end in range(start, len(units)):
                length += len(units[end])
                if length > self.snippet_chars:
                    break
                covered |= present[end]
                holds_answer = holds_answer or typed[end]
                key = (
                    sum(weight for word, weight in local.items() if word in covered) + (bonus if holds_answer else 0.0),
                    -length,
                )
                if best_key is None or key > best_key:
                    best, best_key = (start, end), key
        units = head + units + tail
        start, end = best[0] + len(head), best[1] + len(head)
        length = sum(len(u) for u in units[start : end + 1])
        for low, high in ((len(head), len(head) + own - 1), (0, len(units) - 1)):  # its own passage first
            while True:
                grown = False
                if end < high and length + len(units[end + 1]) <= self.snippet_chars:
                    end += 1
                    length += len(units[end])
                    grown = True
                if start > low and length + len(units[start - 1]) <= self.snippet_chars:
                    start -= 1
                    length += len(units[start])
                    grown = True
                if not grown:
                    break
        snippet = "".join(units[start : end + 1]).strip()
        return snippet[: self.snippet_chars]


@dataclass(frozen=True, slots=True)
class _Cut:
    """How an answer's citations cut their snippets, when first shown. An answer's citations share
    one (a closure over each hit and its word sets was six objects a citation): readers'
    conversations keep their last answer's 30 citations each, a web server thousands of
    conversations, and the garbage collector walks every object of them."""

    composer: Composer
    words: dict[str, float]
    pattern: re.Pattern | None
    in_context: bool = True  # with the rest of its paragraph to reach into (else the passage alone)

    def __call__(self, passage: Passage) -> str:
        before, text, after = _in_context(passage) if self.in_context else ("", passage.text, "")
        return self.composer.snippet(before, text, after, self.words, self.pattern)


def _cite(hit: Hit, rank: int, cut: _Cut) -> CitedHit:
    return CitedHit(rank, hit.score, hit.passage, hit.coverage, cut)


def _by_date(hit: Hit) -> tuple:
    article = hit.passage.article
    return (article.date or _UNDATED).first_day(), article.source, article.number, hit.passage.paragraph


_UNDATED = PartialDate(9999)


def _of_its_day(query: Query, result: SearchResult, hits: list[CitedHit]) -> bool:
    """Whether a question asked of a day (2019年11月8日王家鹏去哪了？) is answered by a passage of that day's
    saying all it names besides the day: the learned least score was chosen for questions asked of the
    whole archive, and refused it. Not one naming what the day's pages never say (2019年11月8日股市怎么样？)."""
    asked = result.date_range
    if not hits or asked is None or result.relaxed or asked.start is None or asked.start != asked.end:
        return False
    named = _named(query)
    return bool(named) and all(word in _said_by(hits[0]) for word in named)


def _only_its_date(query: Query, hits: list[CitedHit]) -> bool:
    """Whether a question saying a date is answered by its date alone, as restricted to it or searched again
    without it: its first passage says none of what it names besides (2019年11月8日股市怎么样？: the 2019, 11
    and 8 of 11月8日至11日，示范区2019年……运动会)."""
    if not hits or not query.when_words:
        return False
    named = _named(query)
    return bool(named) and not any(word in _said_by(hits[0]) for word in named)


def _named(query: Query) -> list[str]:
    """What a question names besides its date: its topic's words of two characters or more, not numbers
    (股市, mac)."""
    return [word for word in query.topic if len(word) > 1 and not word.isdigit()]


def _said_by(hit: CitedHit) -> str:
    return normalise(hit.passage.article.title + hit.passage.text)


# the offices a body's head holds (城管局局长, 党工委书记): asked who holds one, a passage naming none names no holder
_OFFICES = tuple(
    "局长 部长 主任 书记 董事长 总经理 组长 会长 市长 县长 区长 镇长 乡长 校长 院长 厂长 处长 科长 所长 行长".split()
)


def _names_no_holder(query: Query, hits: list[CitedHit]) -> bool:
    """Asked who holds a title (城管局局长是谁？), whether none of the first citations of the first one's article,
    nor its headline, says the title: the passage is about the body, not who heads it."""
    asked = query.asking
    titles = [word for word in query.words if word.endswith(_OFFICES)]  # not 皇帝 of 哪位皇帝: asks which one
    if asked is None or asked.wants != "person" or not titles or not hits:
        return False
    article = hits[0].passage.article
    said = [seen_of(hit.passage).text for hit in hits[:LOOKED_AT] if hit.passage.article is article]
    return not any(title in text for title in titles for text in [*said, normalise(article.title)])


def _counts_nothing(asked: Asking | None, hits: list[CitedHit]) -> bool:
    """Asked how many (多少, 几, 多长), whether the first citations of the first one's article give
    no amount at all (asked how long, or how old, none of that): the passage is about something
    else of the same name, or does not say."""
    if asked is None or asked.wants != "number" or asked.after.startswith(("何", "乎")) or not hits:
        return False  # the 几 of 几何 (geometry) and 几乎 (almost) asks nothing
    article = hits[0].passage.article
    looked_at = [hit.passage for hit in hits[:LOOKED_AT] if hit.passage.article is article]
    if asked.age:  # 王家鹏多大年纪？, which no page says: an age as the page's words read (38岁, 享年40歲)
        return not any(AGE.search(seen_of(passage).text) for passage in looked_at)
    amount = _LENGTH if asks_how_long(asked) else _AMOUNT  # 持续了几天？: 为期一周
    if asked.measure in _MEASURED:  # 他多高？: an amount in a unit of length (55米), not 7月9日
        amount = _MEASURED[asked.measure]
    return not any(amount.search(passage.text) for passage in looked_at)


_AMOUNT = re.compile(r"[0-9０-９二三四五六七八九十两兩百千万萬亿億]")  # 一 is too common a character to tell
_LENGTH = re.compile(rf"{_AMOUNT.pattern}|[一半]个?(?:天|小时|周|星期|月|年)")
_MEASURED = {  # an amount in a unit of the measure asked (2万余米, 118公斤, 一千五百米)
    measure: re.compile(
        rf"[0-9０-９一二三四五六七八九十两兩百千万萬亿億.]+[余多几\s]*\w{{0,2}}?(?:{MEASURES[measure].pattern})"
    )
    for measure in ("length", "weight", "area")
}


def _in_item(span: AnswerSpan | None, item: CitedHit) -> AnswerSpan | None:
    """A short answer read from one of an article's citations, as said in the snippet of its list item
    (where the answer's place is counted from), or None when that snippet does not say it."""
    if span is None or span.headline or span.byline:
        return None
    start = item.snippet.find(span.text)
    return replace(span, rank=item.rank, start=start, end=start + len(span.text)) if start >= 0 else None


def _asks(query: Query) -> bool:
    """Whether a question asks for something a piece of a page can be: not a request or a bare topic
    (详细说说指尖课堂, 示范区低收入群体: no question word, no question mark, no 是 left open for the answer; a
    follow-up, no request with no question mark), while ……的目的是? and ……和南方的? (DRCD's) are questions all
    the same."""
    asked = query.asking
    questioned = query.text.rstrip().endswith(("?", "？"))
    if query.follow_up:  # a carried question (排水沟呢？), not a request to tell more (具体说说: it was 100余万元)
        return questioned or not _REQUEST.search(query.text)
    if asked is None or asked.wants != "other":
        return True
    return questioned or asked.before.endswith(("是", "为", "叫"))


_REQUEST = re.compile(r"说说|讲讲|谈谈|介绍|展开|详细")  # what asks to be told more, not for a piece of a page


def _said_of_it(query: Query, span: AnswerSpan | None, hits: list[CitedHit]) -> AnswerSpan | None:
    """Asked the same of another thing (二期呢？ after 园区入驻了多少家企业？), a short answer from a sentence
    naming that thing: from another, it is said of what the question before asked about (80余家, the 园区's)."""
    asked = query.asking
    if span is None or asked is None or not (asked.carried or query.of_another) or span.headline or span.byline:
        return span
    own = query.own_words
    snippet = hits[span.rank - 1].snippet
    sentence = snippet[
        clause_start(snippet, span.start, SENTENCE_MARKS) : clause_end(snippet, span.end, SENTENCE_MARKS)
    ]
    return span if all(word in normalise(sentence) for word in own) else None


def _words_read_with(query: Query) -> tuple[str, ...]:
    """The words a short answer is read with: a follow-up's own when it carries the question before's
    (那明仁呢？ after 蒙牛四期投资多少？: the amount said of 明仁, not of the 蒙牛 its passage names too) or
    lists (学生比赛有哪些项目？: the talk's words are the question before's), else all."""
    asked = query.asking
    own = asked is not None and (asked.carried or (asked.several and query.follow_up))
    words = query.own_words if own else ()
    return words or query.words


def _short_answer(spans: SpanFinder, asked: Asking, words: Sequence[str], hits: list[CitedHit]) -> AnswerSpan | None:
    """The short answer of a fact answer: what the first of the first ``LOOKED_AT`` citations of
    the first one's article (another's may come between them; asked who, also the rest of the first
    one's paragraph) to say it outright says (a list asked for, a theme, another name: an article
    lists its four 课堂 in its first paragraph, and the best passage may be the one about the second;
    a list naming what is asked for first, then one said of it); else the one holder of the title
    asked about that its headline names; else the best piece of the first citation (asked how many,
    of the one saying most of what is counted: ``_counting_most``)."""
    article = hits[0].passage.article
    of_article = [hit for hit in hits if hit.passage.article is article]
    looked_at = of_article[:LOOKED_AT]
    paragraph = hits[0].passage.paragraph
    if asked.wants == "person":  # and who did it, in the rest of the first one's paragraph (……吕沛主持会议并讲话)
        looked_at += [hit for hit in of_article[LOOKED_AT:] if hit.passage.paragraph == paragraph]
    # 哪两轴？: ……活力轴、……动力轴, in any of the article's citations, before any two things; 客户有哪些？: 客户主要有……,
    # not a list before it
    # (哪些村被颁发了蓝旗？: ……大北张村、……南李万村 in the second article cited, before the first's 经验交流、表态发言)
    others = [hit for hit in hits[:LOOKED_AT] if hit.passage.article is not article]
    for named_only, cited in ((True, of_article), (True, others), (False, looked_at)) if asked.several else ():
        for hit in cited:
            listed = spans.listed(
                asked, words, hit.snippet, hit.rank, of_it=True, named_only=named_only, headline=article.title
            )
            if listed is not None:
                return listed
    if choices(asked) is not None:  # 上午开的还是下午开的？: one of them, as the citations say it, or none
        return spans.chosen(asked, words, [(hit.snippet, hit.rank) for hit in looked_at])
    for hit in looked_at:
        read = spans.read(asked, words, hit.snippet, hit.rank)
        if read is not None:
            return read
    own_day = _its_own_day(asked, words, hits[0])
    if own_day is not None:
        return own_day
    # asked what meeting, of a citation saying ……吕沛主持会议并讲话: the meeting its paragraph opens with
    opening = [hit for hit in looked_at if hit.passage.paragraph == paragraph]
    for hit in opening if asks_for_a_meeting(asked) else ():
        held = spans.meeting(asked, hit.snippet, hit.rank)
        if held is not None:
            return held
    in_headline = spans.holder_in_headline(asked, words, article.title, hits[0].rank)
    if in_headline:
        return in_headline
    counting = _counting_most(spans, asked, words, looked_at)
    found = spans.find(asked, words, counting.snippet, counting.rank)
    return found or spans.body_in_headline(asked, words, article.title, hits[0].rank)


def _its_own_day(asked: Asking, words: Sequence[str], hit: CitedHit) -> AnswerSpan | None:
    """Asked on what day (什么时候？ 哪天？) of a report whose first paragraph, cited first, opens with the day it is
    dated (11月3日下午，示范区召开党工委（扩大）会议，传达10月29日……): that day, when the clause after the day says
    all the question names; the days after it are of what the meeting heard, which left the span model unsure."""
    date = hit.passage.article.date
    if asked.wants != "date" or asked.unit in _NO_DAY or hit.passage.paragraph != 1 or date is None or not date.day:
        return None
    purpose = _PURPOSE.match(hit.snippet)  # (为全面推进“四城联创”工作，4月24日上午，……: after what it was for)
    after = purpose.end() if purpose else 0
    opening = _OPENING_DAY.match(hit.snippet, after)
    if opening is None or (int(opening.group(1)), int(opening.group(2))) != (date.month, date.day):
        return None
    clauses = re.split("[，。]", hit.snippet[after:])
    opened = normalise("，".join(clauses[:2]))  # 11月3日下午，示范区召开党工委（扩大）会议
    if not all(word in opened for word in words):
        return None  # 协调会是哪天召开的？ asks of the 10月29日 the sentence goes on to
    return AnswerSpan(opening.group(), hit.rank, opening.start(), opening.end(), 1.0)


_NO_DAY = ("年", "月", "时")  # asked a year, a month or an hour: not the day
# a day opening a report, and its clause (11月3日下午，), not a range (11月8日至11日，)
_PURPOSE = re.compile(r"为[^，。；]{2,40}[，,]")  # what it was done for, opening a report before its day
_OPENING_DAY = re.compile(r"([0-9]{1,2})月([0-9]{1,2})日(?=(?:上午|下午|晚上|中午|早上|凌晨)?[，,])")


def _counting_most(spans: SpanFinder, asked: Asking, words: Sequence[str], looked_at: list[CitedHit]) -> CitedHit:
    """The citation to find a count in: the first, unless another of its article's first ones says
    more of what the question counts right by an amount, three characters at least, among them a
    word of the question the first never says (创基智谷已经完成投资多少？: 该项目已完成投资1.2亿元, not the first
    citation's 总投资30亿元的创基智谷项目; not a 使用的轨距 said of another railway's gauge beside the first's
    香港地铁……使用……1432毫米轨距)."""
    first = looked_at[0]
    if asked.wants != "number" or len(looked_at) < 2:
        return first
    said = [spans.counted_by(asked, words, hit.snippet) for hit in looked_at]
    first_text = normalise(first.snippet)
    for hit, piece in zip(looked_at[1:], said[1:], strict=True):
        longer = len(piece) >= 3 and len(piece) > len(said[0])
        if longer and any(word in piece and word not in first_text for word in words):
            return hit
    return first


def _byline_span(hit: CitedHit) -> Callable[[], AnswerSpan | None]:
    """Asked who wrote the report, its byline as printed (记者郭树勋 通讯员赵乐; 本报记者 付凯明 摄), or None when
    it has none: what its text says is no answer to that."""
    byline = hit.passage.article.byline
    span = AnswerSpan(byline, hit.rank, 0, len(byline), 1.0, byline=True) if byline else None
    return lambda: span


def _title_span(name: str, hit: CitedHit) -> AnswerSpan | None:
    """Who someone is: the title the cited snippet writes before their name (read, not guessed),
    else the one its article's headline does (a column printed under 示范区开放招商局局长陈振阳)."""
    found = title_of(hit.snippet, name)
    if found is not None:
        start, end = found
        return AnswerSpan(hit.snippet[start:end], hit.rank, start, end, 1.0)
    headline = hit.passage.article.title
    found = title_of(headline, name)
    if found is None:
        return None
    start, end = found
    return AnswerSpan(headline[start:end], hit.rank, start, end, 1.0, headline=True)


def _in_context(passage: Passage) -> tuple[str, str, str]:
    """The paragraph text before the passage, the passage, and the text after it."""
    paragraph = passage.article.paragraphs[passage.paragraph - 1]
    start = paragraph.find(passage.text)
    if start < 0:
        return "", passage.text, ""
    return paragraph[:start], passage.text, paragraph[start + len(passage.text) :]


def _units(text: str, limit: int) -> list[str]:
    """Sentences, with any sentence longer than the limit cut into clauses (and clauses into pieces).
    Joined again they are the text: a snippet is always a piece of its paragraph."""
    units: list[str] = []
    for sentence in sentence_parts(text):
        if not sentence.strip() and units:
            units[-1] += sentence
        elif len(sentence) <= limit:
            units.append(sentence)
        else:
            for clause in re.split(r"(?<=[，；：,;:])", sentence):
                units.extend(clause[i : i + limit] for i in range(0, len(clause), limit))
    return units
