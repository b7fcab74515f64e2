"""From a query to ranked passages: date restriction, BM25 candidates, re-ranking by coverage."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .answer_type import (
    ACCOMPANYING,
    COUNT,
    DEATH_TOLD,
    HONOUR,
    POINT_WRITTEN,
    Asking,
    asks_of_a_death,
    counted,
    lift,
    point_said,
)
from .dates import DateRange, PartialDate
from .documents import Passage
from .forward import seen_of
from .index import LOOKUP_COST, BM25Index
from .query import Query, balanced
from .ranking import Candidate, RankModel, describe
from .recent import Recent
from .segment import HAN, Segmenter, normalise
from .stated import QUOTED_NAME, asks_for_a_name
from .titles import introduced

try:
    from ._features import held as _compiled_held  # type: ignore[import-not-found]  # no stub
except ImportError:  # built without a C compiler
    _compiled_held = None

CONTEXT_WITHIN = 10  # how far down a passage of the article a follow-up is about may come first
DAY_WITHIN = 4  # how far down a passage of the first one's article saying what is asked may come first
OTHER_WITHIN = 2  # and one of another article's, covering as much of the question
# and how much of what the first covers it must: an article of several parts may count 5家国家高企 in another
# (科技综合体入驻了多少家企业和团队？: its 330余个 was passed over for it, which covers a third as much, refused)
KIND_FIRST_COVERAGE = 0.5
_DAY = re.compile(r"[0-9０-９一二三四五六七八九十]{1,3}[日号]")
_MONTH = re.compile(r"[0-9０-９一二三四五六七八九十]{1,2}月")
_WHEN = re.compile(rf"{_MONTH.pattern}|{_DAY.pattern}")  # 什么时候, of a dated report: a month or a day
_DATED = {"日": _DAY, "月": _MONTH, "": _WHEN}  # by the unit asked for (哪年's year is most often the article's)
_ORDINAL = re.compile(r"第[0-9０-９一二三四五六七八九十百]+")
# where something was held (在哪开的？ 在哪里举行？): the page's 在……举行 (在河南理工大学学术报告厅举行), a place
# there, not a time (美国空军在当天举行飞行表演)
_HOLDING = re.compile(r"开|举行|召开|举办|办")
_WENT_ALONG = re.compile("|".join(ACCOMPANYING))
_HELD_AT = re.compile(r"在(?![当今昨此这那其期])[^，。；：！？,;:!?]{2,30}?(?:举行|召开|举办|开展|进行)")
DATES_KEPT = 8  # date ranges whose passages are kept (a month of every year: ~3.4 MB at ten million passages)
RERANK_DEPTH = 30  # candidates looked at again after BM25 (20 to 100 measured the same on both question sets)
COVERAGE_POWER = 2.0  # score scale = (share of question weight covered) ** power
CONTEXT_SHARE = (
    0.25  # a question word found in the passage's paragraph but not in the passage itself (0.5 cost CMRC 4 questions)
)
# Function words are not indexed, so they have no IDF; in coverage they weigh at most what a word
# found in half the passages would (log 2).
FUNCTION_WORD_WEIGHT = math.log(2)


@dataclass(slots=True)
class Hit:
    """A passage ranked for a question (thirty a question: slotted, made and read faster)."""

    rank: int
    score: float
    passage: Passage
    coverage: float  # share of the question's word weight found in the passage and its headline
    in_headline: frozenset[str] = frozenset()  # the question's words its article's headline holds
    in_text: frozenset[str] = frozenset()  # and those its own text holds
    id: int = -1  # its number in the index


@dataclass
class SearchResult:
    hits: list[Hit]
    date_range: DateRange | None  # the restriction in force, if any
    relaxed: bool = False  # a restriction matched nothing and was dropped
    answerable: float = -math.inf  # the least score of a first passage offered as the answer (the learned ranker's)


class Searcher:
    """Ranks an archive's passages for queries."""

    def __init__(
        self,
        passages: Sequence[Passage],
        segmenter: Segmenter,
        index: BM25Index,
        dates: ArticleDates,
        of_passage: np.ndarray,
        model: RankModel | None = None,
    ) -> None:
        self.passages = passages
        self.model = model  # the learned ranker of fact questions' candidates (None: the hand-set weights)
        self.segmenter = segmenter
        self.index = index
        self.dates = dates
        self.article_passages = ArticlePassages(of_passage)
        self._dated: Recent[DatedPassages] = Recent(DATES_KEPT)

    def search(
        self, query: Query, depth: int = RERANK_DEPTH, topic_floor: float = 0.0, text_counts: float = 1.0
    ) -> SearchResult:
        """The best passages for a query, best first, at most ``depth``. Beyond BM25's first
        ``RERANK_DEPTH`` (a list question looks through 500), only passages whose words hold at
        least ``topic_floor`` of the weight of the topic's words are looked at again, a word held
        by the passage's text but not its headline counting ``text_counts``: the rest cannot make
        a list, and reading them would be most of a list question's time."""
        terms = list(query.terms)
        date_range, relaxed, allowed = query.date_range, False, None
        if date_range is not None:
            allowed = self._dated_passages(date_range)
            if not allowed.count():
                relaxed, allowed = True, None
        ids, scores = self._candidates(terms, depth, allowed)
        if query.context and depth <= RERANK_DEPTH:
            ids, scores = self._with_the_context(query, terms, ids, scores)
        if topic_floor > 0 and len(ids) > RERANK_DEPTH:
            kept = np.concatenate(
                [
                    np.ones(RERANK_DEPTH, dtype=bool),
                    self._topic_share(query, ids[RERANK_DEPTH:], text_counts) >= topic_floor,
                ]
            )
            ids, scores = ids[kept], scores[kept]
        learned = depth <= RERANK_DEPTH and self.model is not None
        hits = self._rerank(query, ids, scores, learned)
        # The least score was chosen for questions asked on their own; a follow-up's topic is the
        # article that answered before, which its words cannot all name (它预计什么时候建成投产？).
        least = self.model.answerable if learned and self.model and not query.context else -math.inf
        return SearchResult(hits, date_range, relaxed, least)

    def _with_the_context(
        self, query: Query, terms: list[str], ids: np.ndarray, scores: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """A follow-up's candidates and every other passage of the article it asks about that holds
        a word of it: its own words may be few and common, and worded otherwise than the page (是在什么
        会议上被评上的？ after 改了多少厕所？: the lead, 在市委农村工作会议上，苏家作乡被评为……, holds only 会议
        and falls below BM25's first 30, which the article's other passages fill)."""
        if not len(ids):
            return ids, scores
        asked_about = [
            article
            for article, passage in zip(
                self.article_passages.article_of(ids).tolist(), passages_at(self.passages, ids), strict=True
            )
            if (passage.article.source, passage.article.number) in query.context
        ]
        if not asked_about:
            return ids, scores
        every, _, _ = self.article_passages.of(np.unique(asked_about))
        others = np.setdiff1d(every, ids)
        if not len(others):
            return ids, scores
        found, found_scores = self.index.top_among(terms, len(others), others)
        return np.concatenate([ids, found]), np.concatenate([scores, found_scores])

    def _dated_passages(self, date_range: DateRange) -> DatedPassages:
        """The passages a date range admits, kept for the last ``DATES_KEPT`` ranges asked: a month of
        every year (五月召开了什么会议？) gathers ~140,000 articles' runs at ten million passages, ~10 ms,
        and readers ask of the same months again."""
        key = (date_range.start, date_range.end, date_range.yearless)
        return self._dated.get(key, lambda: DatedPassages(self.dates, date_range, self.article_passages))

    def _topic_share(self, query: Query, ids: np.ndarray, text_counts: float = 1.0) -> np.ndarray:
        """For each passage, at most the share of the weight of the topic's words (those the index
        knows) that it or its headline holds, from the postings alone: a year the question names
        and the topic a follow-up carries over may be held by the article's date or by the
        article answered before, so they count as held by all. Every passage is indexed with its
        article's headline, so a word that some passage of the article lacks is not in the
        headline: held by this passage, it counts ``text_counts``."""
        weights = list_weights(self.index, query)
        total = sum(weights.values())
        years = {str(year) for year in query.years}
        share = np.zeros(len(ids))
        siblings = _Siblings(self.article_passages, ids) if text_counts < 1 else None
        anywhere = query.named_anywhere(weights)
        for word, weight in weights.items():
            if word in years or (query.context and word not in query.focus):
                share += weight
            elif siblings is None:
                share += weight * self.index.holding(word, ids)
            else:
                held, everywhere = siblings.holding(self.index.holding(word, siblings.ids))
                in_text = 1.0 if word in anywhere else text_counts
                share += weight * np.where(everywhere, 1.0, np.where(held, in_text, 0.0))
        return share / total if total else np.ones(len(ids))

    def described(self, query: Query, depth: int = RERANK_DEPTH) -> tuple[list[Hit], np.ndarray]:
        """BM25's best candidates for a query (no date restriction) with their ranking features,
        in BM25's order: what the learned ranker is trained on (bench/train_ranking.py)."""
        ids, scores = self._candidates(list(query.terms), depth, None)
        hits, candidates, words = self._measured(query, ids, scores, described=True)
        return hits, describe(normalise(query.phrase), words, candidates)

    def _candidates(self, terms: list[str], depth: int, allowed: DatedPassages | None) -> tuple[np.ndarray, np.ndarray]:
        if allowed is not None and allowed.count() * LOOKUP_COST < self.index.postings(terms):
            # few passages of that date (a binary search each costs LOOKUP_COST postings walked): look them up
            ids, scores = self.index.top_among(terms, depth, allowed.ids())
        else:
            ids, scores = self.index.top(terms, depth, allowed)
        if not np.any(scores > 0) and any(self.index.knows(term) for term in terms):
            # Okapi's IDF is zero or floored for terms in half the passages or more, so a
            # tiny archive (two documents) can score nothing at all: let coverage decide.
            if not len(ids):
                ids = (allowed.ids() if allowed is not None else np.arange(len(self.passages)))[:depth]
            scores = np.ones(len(ids))
        return ids, scores

    def _rerank(self, query: Query, ids: np.ndarray, scores: np.ndarray, learned: bool) -> list[Hit]:
        """Look again at the best BM25 candidates with what BM25 cannot see: a fact question's by
        the learned ranker when there is one, else (and a list question's 500) by the hand-set
        score of ``_measured``. A passage that covers nothing of the question is dropped."""
        model = self.model if learned else None
        hits, candidates, words = self._measured(query, ids, scores, described=model is not None)
        kept = [hit for hit in hits if hit.score > 0]
        if model is not None:
            rows = describe(normalise(query.phrase), words, candidates)
            for hit, score in zip(hits, model.scores(rows), strict=True):
                hit.score = float(score)
        kept.sort(key=lambda hit: -hit.score)
        kept = _from_the_context_first(kept, query) if query.context else kept
        kept = _introducing_first(kept, query.who) if query.who else self._answering_first(kept, query)
        ranked = _captions_after_their_articles(kept)
        for rank, hit in enumerate(ranked, start=1):
            hit.rank = rank
        return ranked

    def _answering_first(self, hits: list[Hit], query: Query) -> list[Hit]:
        """The first passage that says the kind of thing asked (``_kind_asked``) among the first
        ``DAY_WITHIN`` of the first one's article; a follow-up's among all of that article's passages,
        the article it asks about (获得了什么荣誉？ after 受理了多少起案件？: its words were the
        question before's, which the passage stating the honour does not say)."""
        kind = _kind_asked(query)
        if kind is None or not hits or kind.search(seen_of(hits[0].passage).text):
            return hits
        if kind is _WHEN and hits[0].passage.article.date is None:
            return hits  # an undated page (an encyclopaedia's) answers when with years, eras, reigns
        carried = query.asking is not None and query.asking.carried  # asked again of another thing (……呢？)
        if carried and query.context and _holds_its_own(hits[0], query):
            return hits  # 排水沟呢？ after 花了多少钱？: the passage saying 排水沟, not another's 1000余万元
        first = hits[0].passage
        if kind is query.answer_type and kind.search(normalise(first.article.paragraphs[first.paragraph - 1])):
            return hits  # its snippet reaches into the rest of its paragraph for the amount
        found = _answering_kind_first(hits, kind)
        if found is not hits or not query.context or hits[0].id < 0:
            return found
        ids, _, _ = self.article_passages.of(self.article_passages.article_of(np.array([hits[0].id])))
        for passage_id, passage in zip(ids.tolist(), passages_at(self.passages, ids), strict=True):
            if kind.search(seen_of(passage).text):
                stating = self._measured(query, np.array([passage_id]), np.array([hits[0].score]), described=False)[0]
                others = [hit for hit in hits if hit.id != passage_id]
                return _first([*others, *stating], len(others)) if stating else hits
        return hits

    def _measured(
        self, query: Query, ids: np.ndarray, scores: np.ndarray, described: bool
    ) -> tuple[list[Hit], list[Candidate], dict[str, float]]:
        """Each candidate's coverage and hand-set score, and what the learned ranker reads of it.

        BM25 rewards repeating some question words; the answer usually holds
        *all* of them, so each candidate's score is scaled by the share of the
        question's word weight it covers (words found anywhere in its headline
        and text, whatever the segmentation; function words count a little; a
        year the question names is covered by an article of that year; the topic
        a follow-up carries over, by the article that answered the question before), and
        lifted when it holds the kind of answer asked for ("多少户" wants a
        number of households).
        """
        words = question_weights(self.index, self.segmenter, query)
        weighted = tuple(words.items())
        names, weights = tuple(words), tuple(words.values())
        held_words = _compiled_held or _held_words
        total = sum(words.values()) or 1.0
        years = {str(year): year for year in query.years}
        carried = {word for word in words if word not in query.focus}  # a follow-up's topic, said by its article
        chinese = frozenset(word for word in words if HAN.search(word))
        together = _together(query.compounds)  # 美食.{0,2}街: once a question, not once a candidate
        hits: list[Hit] = []
        candidates: list[Candidate] = []
        articles = self.article_passages.article_of(ids)
        answer_type = query.answer_type
        for passage_id, passage, score, article_number in zip(
            ids.tolist(), passages_at(self.passages, ids), scores.tolist(), articles.tolist(), strict=True
        ):
            article, seen = passage.article, seen_of(passage)
            text, headline, year = seen.text, seen.headline, seen.year
            if years or (carried and query.context) or together:
                in_headline = frozenset(word for word in words if word in headline) - _apart(together, headline)
                apart = _apart(together, text)
                found = tuple(word for word in words if word in text and word not in apart)
                written = frozenset(found)
                in_text = written | {
                    word
                    for word in words
                    if (year and years.get(word) == year)
                    or (word in carried and (article.source, article.number) in query.context)
                }
                held = _held(weighted, in_headline, in_text, written, seen.paragraph, chinese)
            else:  # what its text holds is all it holds (most questions): in one step, compiled
                in_headline, found, sums = held_words(
                    names, weights, chinese, headline, text, seen.paragraph, CONTEXT_SHARE
                )
                held, in_text = _Held(*sums), frozenset(found)
            coverage = held.coverage / total
            hand_set = score * (lift(answer_type, text) if answer_type is not None else 1.0) * coverage**COVERAGE_POWER
            hits.append(Hit(0, hand_set, passage, coverage, in_headline, in_text, passage_id))
            if described:
                candidates.append(
                    Candidate(
                        score,
                        hand_set,
                        text,
                        article_number,
                        seen.position,
                        coverage,
                        held.text / held.everything if held.everything else 1.0,
                        held.headline / held.everything if held.everything else 1.0,
                        held.focus_written / held.focus if held.focus else 1.0,
                        "".join(held.focus_chinese),
                        found,
                    )
                )
        return hits, candidates, words


class _Siblings:
    """Every passage of the articles of some passages (``ids``: ascending, article after article),
    so that one lookup of a word in them tells, for each of those passages, whether it holds the
    word and whether all of its article's passages do."""

    def __init__(self, passages: ArticlePassages, ids: np.ndarray) -> None:
        articles, self._of_each = np.unique(passages.article_of(ids), return_inverse=True)
        self.ids, self._offsets, self._lengths = passages.of(articles)
        first = self._offsets[self._of_each]
        self._at = first + (np.asarray(ids) - self.ids[first])  # where each of the passages is in ``ids``

    def holding(self, held: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Given whether each of ``ids`` holds a word: whether each of the passages does, and
        whether every passage of its article does."""
        counts = np.add.reduceat(held.astype(np.int64), self._offsets) if len(held) else np.zeros(0, np.int64)
        return held[self._at], (counts == self._lengths)[self._of_each]


class ArticlePassages:
    """Every article's passages (passages are numbered in article order): where they begin and how
    many there are, counted over all passages once, when first needed (``warm``), so that the
    passages of many articles (a month's, a list's candidates') are found by reading two numbers each
    rather than by two binary searches of every passage's article number."""

    def __init__(self, of_passage: np.ndarray) -> None:
        self.of_passage = of_passage

    @functools.cached_property
    def _starts(self) -> np.ndarray:
        counts = np.bincount(np.asarray(self.of_passage)) if len(self.of_passage) else np.zeros(0, dtype=np.int64)
        return np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(counts, dtype=np.int64)])

    def warm(self) -> None:
        self._starts  # noqa: B018 - a cached property, read for its effect

    def article_of(self, ids: np.ndarray) -> np.ndarray:
        """The article of each passage: searched for among the articles' first passages, in
        memory, not read from the passage table (at random, a disk read each when not cached)."""
        return np.searchsorted(self._starts, np.asarray(ids, dtype=np.int64), side="right") - 1

    def first(self, articles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each article's first passage and how many passages it has (none: that count is 0)."""
        starts = self._starts
        last = len(starts) - 1  # an article after the last with passages has none
        articles = np.asarray(articles, dtype=np.int64)
        first = starts[np.minimum(articles, last)]
        return first, starts[np.minimum(articles + 1, last)] - first

    def of(self, articles: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every passage of the (ascending) articles, article after article, with where each
        article's passages begin among them and how many it has."""
        first, lengths = self.first(articles)
        offsets = np.cumsum(lengths) - lengths
        return np.repeat(first - offsets, lengths) + np.arange(int(lengths.sum())), offsets, lengths


class _Held(NamedTuple):
    """What weight of the question's words a candidate holds, and where. Every sum is taken in the
    question's word order, so that it is the same number every run (equal scores tie the same way)."""

    everything: float  # the words' weight
    coverage: float  # held by its headline or text, or (counting CONTEXT_SHARE) only elsewhere in its paragraph
    text: float  # held by its text (or its article's year, or the article a follow-up carries over)
    headline: float  # held by its article's headline
    focus: float  # the weight of the words its headline does not hold
    focus_written: float  # of those, held by its text as written
    focus_chinese: list[str]  # those words in Chinese characters


def _held_words(
    words: tuple[str, ...],
    weights: tuple[float, ...],
    chinese: frozenset[str],
    headline: str,
    text: str,
    paragraph: str,
    context_share: float = CONTEXT_SHARE,
) -> tuple[frozenset[str], tuple[str, ...], tuple]:
    """The question's ``words`` that a candidate's headline holds, those its text holds (in the
    question's order) and ``_held``'s sums, for a candidate whose text holds all it holds (no year
    or topic carried over held for it): ``_features.held`` compiled, where it is built."""
    in_headline = frozenset(word for word in words if word in headline)
    found = tuple(word for word in words if word in text)
    written = frozenset(found)
    held = _held(
        tuple(zip(words, weights, strict=True)), in_headline, written, written, paragraph, chinese, context_share
    )
    return in_headline, found, tuple(held)


def _together(compounds: tuple[tuple[str, ...], ...]) -> list[tuple[re.Pattern, tuple[str, ...]]]:
    """Each reader's compound no page says (美食 and 街 of 美食街) as its pieces said close together."""
    return [(re.compile(_WITHIN_A_FEW.join(map(re.escape, pieces))), pieces) for pieces in compounds]


def _apart(together: list[tuple[re.Pattern, tuple[str, ...]]], text: str) -> frozenset[str]:
    """The pieces of the compounds (``_together``) that ``text`` does not say close together (美食一条街
    does): apart, they are other things (神经衰弱 and 科学 are no 神经科学)."""
    return frozenset(piece for said, pieces in together if not said.search(text) for piece in pieces)


_WITHIN_A_FEW = ".{0,2}"


def _held(
    weighted: tuple[tuple[str, float], ...],
    in_headline: frozenset[str],
    in_text: frozenset[str],
    written: frozenset[str],
    paragraph: str,
    chinese: frozenset[str],
    context_share: float = CONTEXT_SHARE,
) -> _Held:
    """One pass over the question's words (the candidate's features come from several sums of their
    weights: several passes cost a fifth of re-ranking)."""
    everything = coverage = text = headline = focus = focus_written = 0.0
    focus_chinese = []
    for word, weight in weighted:
        everything += weight
        if word in in_text:
            text += weight
        if word in in_headline:
            headline += weight
        else:
            focus += weight
            if word in written:
                focus_written += weight
            if word in chinese:
                focus_chinese.append(word)
        if word in in_headline or word in in_text:
            coverage += weight
        elif word in paragraph:
            coverage += context_share * weight  # named before the cut: its subject, say
    return _Held(everything, coverage, text, headline, focus, focus_written, focus_chinese)


def passages_at(passages: Sequence[Passage], ids: np.ndarray) -> list[Passage]:
    """The passages ``ids``: a stored archive's read in one go (``StoredPassages.at``)."""
    read = getattr(passages, "at", None)
    return read(ids) if read is not None else [passages[i] for i in np.asarray(ids).tolist()]


def _introducing_first(hits: list[Hit], name: str) -> list[Hit]:
    """Asked who someone is (吕沛是谁？), the passage that introduces them with the longest title comes
    first, with the first one's score (so judged as answering as it was): a report names its people
    bare after the first time (当天，吕沛还到……), which says nothing of who they are."""
    titles = [introduced(name, hit.passage.text) for hit in hits]
    if not any(titles):
        return hits
    return _first(hits, max(range(len(hits)), key=lambda at: (titles[at], -at)))


def _kind_asked(query: Query) -> re.Pattern | None:
    """What a passage answering says, when the question asks for a day (哪天开的？ 几号举行？), a month
    (几月份开工？), a date of any kind (什么时候来焦作调研的？), a place in a series (第几个？), where it was
    held (在哪开的？: 在……举行), who went along (谁陪同的？: 一同调研), how someone died (突发心脏骤停), a
    point of a speech by its place (第二点: 二是), an amount of something (多少人听？: 300余人; 多少个合作社？,
    a count in any measure word: 68家; 多少宣传单？, a count said of it: 宣传单3000多张), an age
    (多大年纪去世的？: 38岁) or, served, an honour won."""
    asking = query.asking
    if asking is not None and asking.wants in ("how", "date", "place") and asks_of_a_death(asking):
        return DEATH_TOLD  # 他怎么去世的？: the passage saying 因劳累过度突发心脏骤停, not another naming him
    points = [word for word in query.words if POINT_WRITTEN.fullmatch(word)]
    if points:  # 第二点是什么？, read 二是: the passage saying 二是……, the last asked (第三条呢？ after it: 三是)
        return point_said(points[-1])
    if asking is not None and asking.wants == "date" and asking.unit in _DATED:
        return _DATED[asking.unit]
    if asking is not None and asking.ordinal:
        return _ORDINAL
    if asking is not None and asking.wants == "place" and _HOLDING.match(asking.after):
        return _HELD_AT  # 报告会在哪开的？: not the passage on what was done before it
    if asking is not None and asks_for_a_name(asking):
        return QUOTED_NAME  # 公众号叫什么？: the passage creating “奋进宁郭党旗红”微信公众号
    if asking is not None and asking.wants == "person" and asking.after.startswith(ACCOMPANYING):
        return _WENT_ALONG  # 谁陪同的？: the passage saying 区领导万英奎一同调研, in the page's word or the reader's
    if (
        asking is not None
        and asking.wants == "number"
        and (asking.unit or asking.age)
        and query.answer_type is not None
    ):
        noun = "" if asking.money or asking.measure or asking.several or asking.age else _counted_noun(asking, query)
        if noun:
            return counted(noun)  # 发了多少宣传单？: 宣传单3000多张, not 建党100周年
        counted_any_way = asking.unit == "个" and not asking.several  # 几个: 68家
        return COUNT if counted_any_way else query.answer_type  # 多少人听？: 人; 多大年纪？: 岁
    return HONOUR if query.answer_type is HONOUR else None


def _counted_noun(asking: Asking, query: Query) -> str:
    """The thing a 多少 asks the number of when no measure word says it (多少宣传单: 宣传单), a word of
    two characters or more right after it."""
    return next((word for word in query.words if len(word) > 1 and asking.after.startswith(word)), "")


def _answering_kind_first(hits: list[Hit], kind: re.Pattern) -> list[Hit]:
    """A first passage that does not say the kind of thing asked gives way to the next of its own
    article's passages among the first ``DAY_WITHIN``, or of its own paragraph among all, that does,
    with the first one's score (judged as answering as it was): a report dates its event in its lede
    (4月24日下午，示范区召开……会议), and what the meeting said (会议指出，2019年……) names none; the theme of
    the 5th 国家安全教育日 is no 第5个; the paragraph on 创基智谷 says when it was founded further on
    (6月29日，该项目奠基), which names none of the question's words but 奠基."""
    article, paragraph = article_key(hits[0]), hits[0].passage.paragraph
    least = hits[0].coverage * KIND_FIRST_COVERAGE
    for at, hit in enumerate(hits[1:], start=1):
        near = at < DAY_WITHIN or hit.passage.paragraph == paragraph  # or the rest of the first one's paragraph
        own = article_key(hit) == article and hit.coverage >= least
        # or another article's, right after it, holding as much of the question (去深圳招商是哪天？: a plan, undated,
        # then the meeting told of the visit, 10月30日、31日……赴深圳开展……专题招商对接会)
        other = at < OTHER_WITHIN and hit.coverage >= hits[0].coverage
        if near and (own or other) and kind.search(seen_of(hit.passage).text):
            return _first(hits, at)
    return hits


def _holds_its_own(hit: Hit, query: Query) -> bool:
    """Whether a follow-up's passage holds all the words it says of its own (排水沟 of 排水沟呢？), one at least."""
    own = _own_words(query)
    text = seen_of(hit.passage).text
    return bool(own) and all(word in text for word in own)


def _own_words(query: Query) -> list[str]:
    """The words a follow-up says of its own, not the 去 of 谁去调研的."""
    return [word for word in query.own_words if len(word) > 1]


def _from_the_context_first(hits: list[Hit], query: Query) -> list[Hit]:
    """A follow-up is answered from the article that answered before (这个项目什么时候投产？ after
    蒙牛四期项目总投资多少？) by one of its passages among the first ``CONTEXT_WITHIN`` that holds all
    of the follow-up's own words (项目, 投产), when the first does not: another article's ranked
    higher, or another passage of that article (谁去调研的？: 王家鹏调研……, not 蒙牛四期项目……)."""
    own = _own_words(query)

    def answering(hit: Hit) -> bool:
        text = seen_of(hit.passage).text
        return article_key(hit) in query.context and all(word in text for word in own)

    if not own or not hits or answering(hits[0]):
        return hits
    at = next((at for at, hit in enumerate(hits[:CONTEXT_WITHIN]) if answering(hit)), 0)
    return _first(hits, at) if at else hits


def _first(hits: list[Hit], at: int) -> list[Hit]:
    """Hit ``at`` moved first, with the first one's score if it had less (judged as answering as it was)."""
    moved = hits[at]
    moved.score = max(moved.score, hits[0].score)
    return [moved, *hits[:at], *hits[at + 1 :]]


def article_key(hit: Hit) -> tuple[str, int]:
    """The article a hit is of, as a key (its page and its number on it)."""
    return hit.passage.article.source, hit.passage.article.number


def _captions_after_their_articles(hits: list[Hit]) -> list[Hit]:
    """A photo caption is never cited ahead of the article it illustrates: when both are found,
    the caption follows the article's first passage."""
    if not any(hit.passage.article.illustrates for hit in hits):
        return hits  # no caption among them (most questions)
    articles = {(hit.passage.article.source, hit.passage.article.number) for hit in hits}
    placed: set[tuple[str, int]] = set()
    waiting: dict[tuple[str, int], list[Hit]] = {}
    ordered: list[Hit] = []
    for hit in hits:
        article = hit.passage.article
        illustrated = (article.source, article.illustrates)
        if article.illustrates and illustrated in articles and illustrated not in placed:
            waiting.setdefault(illustrated, []).append(hit)
            continue
        ordered.append(hit)
        key = (article.source, article.number)
        if key not in placed:
            placed.add(key)
            ordered.extend(waiting.pop(key, []))
    return ordered + [hit for left in waiting.values() for hit in left]


def list_weights(index: BM25Index, query: Query) -> dict[str, float]:
    """How much each word saying what a list is about counts: its smoothed IDF, for the words the
    archive uses (a word it never uses, like 开过 for 召开, cannot tell articles apart)."""
    return {word: index.weight(word) for word in query.list_topic if index.knows(word)}


def question_weights(index: BM25Index, segmenter: Segmenter, query: Query) -> dict[str, float]:
    """How much each word of a question counts: its smoothed IDF; a function word, which the
    index does not hold, as little as the least telling content word, and at most log 2."""
    weights = {word: index.weight(word) for word in query.content if segmenter.is_indexed(word)}
    floor = min(weights.values(), default=FUNCTION_WORD_WEIGHT)
    for word in query.content:
        if not segmenter.is_indexed(word):
            weights[word] = min(FUNCTION_WORD_WEIGHT, floor)
    return balanced(weights, query.focus)


class ArticleDates:
    """Every article's date as arrays, so a date range is checked for many of them at once."""

    def __init__(self, rows: np.ndarray) -> None:
        """``rows``: per article, first and last day (ordinals), month and day (0 when unknown).
        Views of them (a stored index's are mapped): what is worked out from every article's
        date is worked out when first needed, not while the archive is opened (at ten million
        passages, reading every date and working those out took a third of a second)."""
        rows = np.asarray(rows, dtype=np.int64).reshape(-1, 4)
        self.first, self.last, self.month, self.day = rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3]

    @functools.cached_property
    def dated(self) -> np.ndarray:
        return self.first > 0

    @functools.cached_property
    def _days_of_year(self) -> tuple[np.ndarray, np.ndarray]:
        """Each article's first and last possible day of its year, as month * 100 + day."""
        month, day = self.month * 100, self.day
        first, last = month + np.where(day > 0, day, 1), month + np.where(day > 0, day, 31)
        return first.astype(np.int16), last.astype(np.int16)  # 1231 at most: a quarter of int64's memory

    def span(self) -> tuple[int | None, int | None]:
        """The articles dated earliest and latest (None for an archive with no dates)."""
        if not self.dated.any():
            return None, None
        return int(np.argmin(np.where(self.dated, self.first, np.iinfo(np.int64).max))), int(np.argmax(self.last))

    def admits_any(self, date_range: DateRange) -> bool:
        """Whether any article has a date in the range."""
        return bool(len(self.numbers(date_range)))

    def numbers(self, date_range: DateRange) -> np.ndarray:
        """The numbers of the articles the range admits, ascending: for a range of days, only
        the articles that begin near it are looked at (articles sorted by their first day); for
        days of any year (五月, 4月20日), those whose days of the year begin near them (sorted by
        those), and the articles dated only to a year, which any month admits."""
        if date_range.yearless is not None:
            (low_month, low_day), (high_month, high_day) = date_range.yearless
            by_day, days, year_only = self._by_day_of_year
            first, last = np.int16(low_month * 100 + low_day), np.int16(high_month * 100 + high_day)  # as ``days``
            # an article's days of the year run over at most a month (one dated to the month: 1 to 31)
            near = by_day[np.searchsorted(days, first - 30, side="left") : np.searchsorted(days, last, side="right")]
            near = near[self._days_of_year[1][near] >= first]
            return _ascending(np.concatenate([near, year_only]), len(self.first))
        if date_range.start is None or date_range.end is None:
            return np.flatnonzero(self.admitted(date_range))
        by_first, firsts, widest = self._by_first
        low = np.searchsorted(firsts, date_range.start.toordinal() - widest, side="left")
        high = np.searchsorted(firsts, date_range.end.toordinal(), side="right")
        near = by_first[low:high]
        return np.sort(near[self.admitted(date_range, near)])

    def warm(self) -> None:
        self._by_first, self._by_day_of_year  # noqa: B018 - cached properties, read for their effect

    @functools.cached_property
    def _by_day_of_year(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Articles dated to a month, in order of their first possible day of the year (month *
        100 + day), those days, and the articles dated only to a year: a date without a year
        looks at the articles near it, not at every article's month (3.5 ms at ten million
        passages). Six bytes an article, where int64s would take sixteen."""
        low, _ = self._days_of_year
        to_month = np.flatnonzero(self.dated & (self.month > 0)).astype(np.int32)
        by_day = to_month[np.argsort(low[to_month], kind="stable")]
        return by_day, low[by_day], np.flatnonzero(self.dated & (self.month == 0)).astype(np.int32)

    @functools.cached_property
    def _by_first(self) -> tuple[np.ndarray, np.ndarray, int]:
        """Articles in order of their first day, those days, and the most days an article spans
        (a date known only to the year spans 365): an article that reaches into a range begins
        at most that long before it. Sorted when a dated question first needs it (or at
        ``warm``: 0.2 s for ten million passages' articles)."""
        by_first = np.argsort(self.first, kind="stable")
        spans = (self.last - self.first)[self.dated]
        return by_first, self.first[by_first], int(spans.max()) if len(spans) else 0

    @staticmethod
    def row(date: PartialDate | None) -> list[int]:
        if date is None:
            return [0, 0, 0, 0]
        return [date.first_day().toordinal(), date.last_day().toordinal(), date.month or 0, date.day or 0]

    def admitted(self, date_range: DateRange, articles: np.ndarray | slice = slice(None)) -> np.ndarray:
        """``DateRange.admits`` for every article, or for the article numbers ``articles``."""
        dated, month, first, last = (
            self.dated[articles],
            self.month[articles],
            self.first[articles],
            self.last[articles],
        )
        if date_range.yearless is not None:
            (low_month, low_day), (high_month, high_day) = date_range.yearless
            low, high = (days[articles] for days in self._days_of_year)
            within = (low <= high_month * 100 + high_day) & (high >= low_month * 100 + low_day)
            return dated & ((month == 0) | within)
        allowed = dated.copy()
        if date_range.end is not None:
            allowed &= first <= date_range.end.toordinal()
        if date_range.start is not None:
            allowed &= last >= date_range.start.toordinal()
        return allowed


def _ascending(numbers: np.ndarray, size: int) -> np.ndarray:
    """Distinct numbers below ``size`` in ascending order: sorted, or when they are many (a month
    of every year: 140,000 of 1.7 million articles) read off flags, which beats sorting them."""
    if len(numbers) * 32 < size:
        return np.sort(numbers).astype(np.int64)
    flags = np.zeros(size, dtype=bool)
    flags[numbers] = True
    return np.flatnonzero(flags)


class DatedPassages:
    """Which passages a date range admits: its articles' passages, as runs of consecutive passages
    (an article's), found from the articles' dates (a binary search for a range of days), and any
    passage checked against those runs, so a dated question never builds a mask of the whole
    archive (for ten million passages that takes longer than the rest of its answer), nor lists a
    month of every year's passages (~960,000 at ten million) unless it looks them up one by one."""

    def __init__(self, dates: ArticleDates, date_range: DateRange, passages: ArticlePassages) -> None:
        self.dates, self.date_range, self.passages = dates, date_range, passages

    @functools.cached_property
    def _articles(self) -> np.ndarray:
        return self.dates.numbers(self.date_range)

    @functools.cached_property
    def _runs(self) -> tuple[np.ndarray, np.ndarray]:
        """Each admitted article's first passage and the passage after its last, ascending (articles
        with no passages left out)."""
        first, lengths = self.passages.first(self._articles)
        held = lengths > 0
        return first[held], (first + lengths)[held]

    def count(self) -> int:
        """How many passages the range admits."""
        starts, ends = self._runs
        return int((ends - starts).sum())

    def ids(self) -> np.ndarray:
        """Every passage the range admits, ascending (passages are numbered in article order)."""
        return self.passages.of(self._articles)[0]

    def __getitem__(self, ids: np.ndarray) -> np.ndarray:
        starts, ends = self._runs
        ids = np.asarray(ids, dtype=np.int64)
        if not len(starts):
            return np.zeros(len(ids), dtype=bool)
        at = np.searchsorted(starts, ids, side="right") - 1  # the last run starting at or before each
        return (at >= 0) & (ids < ends[np.maximum(at, 0)])
