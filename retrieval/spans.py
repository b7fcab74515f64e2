"""Short answers: the words of a cited passage that answer the question (6月29日, 16天, 王家鹏).

Candidates are a passage's numbers and dates, names, noun phrases, book titles and quotations,
clauses and sentences. Each is described by what it is, what the question asks for and how the
question's words sit around it in the text (``齐庄公派栾盈攻击哪国`` against ``…攻击晋国``); a model
learned from DRCD's answer spans (``bench/train_spans.py``) scores the descriptions. The best
candidate is offered only when the model is confident enough: a wrong short answer is worse than
none.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from .answer_type import (
    ACCOMPANYING,
    CLOCK,
    DEATH_TOLD,
    MEASURES,
    MONEY,
    POINT_WRITTEN,
    WANTS,
    Asking,
    asks_of_a_death,
    choices,
    point_said,
    without_particles,
)
from .enumerations import CLOSINGS, GOING, enumerations, items, listed_answer, name_start
from .models import load_model
from .resources import bundled
from .segment import (
    CLAUSE_MARKS,
    DIGIT,
    GUESSED_TAGS,
    HAN,
    NUMERAL,
    SENTENCE_MARKS,
    Segmenter,
    clause_end,
    clause_start,
    normalise,
    occurrences,
    to_simplified,
)
from .stated import stated
from .titles import is_title, title_before

DEFAULT_MODEL = bundled("config") / "span_model.json"

_UNIT_WORDS = frozenset(
    "人次 平方米 平方公里 立方米 公里 千米 万元 亿元 元 个 名 户 人 份 张 块 家 座 次 起 篇 条 项 天 年 月 日 岁 位 支 所 台 辆 "
    "米 亩 吨 件 场 届 期 批 级 倍 路 面 栋 套 公斤 千克 克 部 本 种 类 处 间 号 小时 分钟 秒 周 多 余 万 亿 千 百 % 美元 英里 "
    "公尺 厘米 毫米 度 集 季 首 章 卷 册 岁 年代 世纪 两 周年 届 台套 人次 户次 万人 余人 公分 公顷 平方千米 平方英里 平方呎 英尺 "
    "英寸 呎 海里 节 马力 升 毫升 千瓦 瓦 赫兹 光年 摄氏度 日元 欧元 英镑 港元 港币 美金 新台币 台币 卢布 韩元 胜 负 分 票 枚 颗 只 "
    "头 匹 架 艘 层 股 ‰ ℃".split()
)
_NOMINAL = frozenset("n nr nrfg nrt ns nt nz eng j l vn ng an b unk nx".split())
_PERSON, _PLACE, _ORG = frozenset("nr nrfg nrt".split()), frozenset(["ns"]), frozenset(["nt"])
_JOINERS = frozenset("·•・-‧")
_BRACKETS = tuple(
    (opening, re.compile(re.escape(opening) + r"([^" + re.escape(opening + closing) + r"]{1,40})" + re.escape(closing)))
    for opening, closing in (("《", "》"), ("“", "”"), ("「", "」"), ("『", "』"), ("（", "）"), ("(", ")"), ('"', '"'))
)
_FOREIGN_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:[·•・‧][\u4e00-\u9fff]{1,8})+")
_CLAUSE_END = "，,；;。！？!?：:、"
_STRIP = re.compile(r"[\s\W_]+")
KINDS = ("number", "time", "person", "place", "org", "phrase", "title", "quote", "aside", "clause", "sentence", "tail")
# The commonest Chinese surnames: an unknown two- to four-character word starting with one is likely a name.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦"
    "付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_KEPT = {
    "number": frozenset(("number", "time")),
    "date": frozenset(("time",)),
    "person": frozenset(("person", "phrase", "aside", "quote", "org")),
    "place": frozenset(("place", "phrase", "aside", "quote", "org")),
}
_NAMED_KINDS = frozenset(("number", "time", "person", "place", "org"))
_NAMES_OF = frozenset(("person", "place", "org"))  # what answers 谁 and 哪里 by name
_DOING = _NAMES_OF | {"phrase"}  # who can be said to do something
# an amount said with its unit, in one clause (633户, 4.7 GHz, 31.77%, 6,476名; not the 396 of 东关街396号)
_IN_CLAUSE = r"(?:[^，。；,;、]|(?<=\d),(?=\d{3}))"  # a comma between thousands closes no clause
_MEASURED = re.compile(rf"{_IN_CLAUSE}*[^\W\d_万亿千百十余多]+{_IN_CLAUSE}*|{_IN_CLAUSE}*%")
_COUNT_LINKS = frozenset("为达共约计有")  # what may stand between what is counted and its amount (共有……)
_JOINING = frozenset("及和与等")  # what joins names in a list, glued to a name by jieba's guesses


_BY_WITHIN = 20  # characters from 由 to what was done by them (由区领导高鸿率领的焦作高新区考察团)
_FROM = ("从", "由", "自")  # what is said before where someone came from (GOING: went to)
_AT = ("在",)  # and before where something was done
_NAMING_KINDS = frozenset(("phrase", "title", "quote"))  # what names a thing of a kind, not a clause about it
_NO_KIND = frozenset("为是的在有把被")  # what opens no kind asked for (以什么为食: 为食)
_LASTING = re.compile(r"(?:的)?(?:时间|之内|以内|之久|左右的时间)")  # after how long something takes (两年时间)
_OPENED = re.compile(r"(?:上午|下午|晚上|晚间|早上|凌晨|中午|傍晚)?[，,]")  # after a report's opening date
# what 哪个…… asks for when it asks who did something (哪个部门组织召开的？ 哪个单位授予的？)
_AGENTS = frozenset("部门 单位 机构 组织 公司 企业 机关 团体 政府 国家 领导 媒体 球队 人".split())
_AMOUNTS = frozenset(("number", "time"))  # read by character, not by jieba's words (二十余家 is one)
_LETTER = re.compile(r"[^\W\d_]")  # a letter of any script, Chinese characters included
# what names no one in particular: asked who or where, 联合第三方公司投资 is not answered 公司
_BODIES = frozenset("公司 企业 单位 部门 机构 集团 组织 政府 机关 人员 群众 个人 有关部门 相关部门 相关单位".split())
_GUESSED = GUESSED_TAGS | {"q"}  # what jieba did not find in its dictionary, and its classifiers
_YEAR_ONLY = re.compile(r"(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年度?")
_CLAUSE_REST = re.compile(rf"[{_CLAUSE_END}\s]")
_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"), ("『", "』"))
_PAIRED = re.compile("[" + re.escape("".join(opening + closing for opening, closing in _PAIRS)) + "]")
MAX_PHRASE_TOKENS = 5
MAX_CANDIDATE_CHARS = 80


def looks_like_name(text: str) -> bool:
    """A person's name as Chinese writes one: two to four characters after a common surname
    (刘明胜), or a foreign name joined by a dot (约翰·史密斯)."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", text) and text[0] in _SURNAMES) or bool(
        _FOREIGN_NAME.fullmatch(text)
    )


@dataclass(frozen=True)
class AnswerSpan:
    """A short answer: ``text`` is ``snippet[start:end]`` of citation ``rank`` (of its article's
    headline when ``headline``: 组织部部长叫什么？ is answered by the 示范区工委组织部部长杨哲 printed
    under a column; of its byline when ``byline``: ……是谁报道的？ 记者付凯明)."""

    text: str
    rank: int
    start: int
    end: int
    confidence: float
    headline: bool = False
    byline: bool = False


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kinds: frozenset[str]


def plain_answer(text: str) -> str:
    """An answer as compared: normalised, without spaces and punctuation (CMRC's exact match)."""
    return _STRIP.sub("", normalise(text))


@functools.lru_cache(maxsize=256)
def char_aligned(text: str) -> str:
    """The text normalised character by character, so offsets stay those of the text (once a
    snippet: every reader of a question's short answer reads its snippets so)."""
    return "".join((normalise(char) or " ")[:1] for char in text)


def candidates(text: str, tokens: Sequence[tuple[str, str, int, int]], asked: Asking | None = None) -> list[Candidate]:
    """Every span of ``text`` that could answer the question ``asked``, once each, with what it
    is: a 多少 question is answered by an amount, never by a clause; 哪天 by a day, not a year;
    第几 by 第一名, not 一名."""
    found: dict[tuple[int, int], set[str]] = {}

    def add(start: int, end: int, kind: str) -> None:
        while start < end and text[start] in " \u3000\t":
            start += 1
        while end > start and (text[end - 1] in " \u3000\t" or text[end - 1] in _CLAUSE_END):
            end -= 1
        if 0 < end - start <= MAX_CANDIDATE_CHARS:
            found.setdefault((start, end), set()).add(kind)

    _numbers(text, tokens, add)
    if asked is not None and asked.wants == "date" and asked.unit == "时":
        _clock_times(text, add)
    for match in _FOREIGN_NAME.finditer(text):
        add(match.start(), match.end(), "person")
    _names_and_phrases(tokens, add)
    for opening, bracketed in _BRACKETS:
        for match in bracketed.finditer(text):
            add(match.start(1), match.end(1), "title" if opening == "《" else "aside" if opening in "（(" else "quote")
            if opening == "《":
                add(match.start(), match.end(), "title")
    start = 0
    for index, char in enumerate(text + "。"):
        if char in _CLAUSE_END:
            add(start, index, "clause")
            tail = re.search(r"(?:是|为|即|指|乃|包括)(?!否)", text[start:index])
            if tail and index - start - tail.end() >= 2:
                add(start + tail.end(), index, "tail")
            start = index + 1
    start = 0
    for index, char in enumerate(text + "。"):
        if char in SENTENCE_MARKS:
            add(start, index, "sentence")
            start = index + 1
    return [
        Candidate(start, end, frozenset(kinds))
        for (start, end), kinds in sorted(found.items())
        if asked is None or _answers(asked, kinds, text[start:end])
    ]


def _answers(asked: Asking, kinds: set[str], piece: str) -> bool:
    """Whether a candidate is the kind of thing the question asks for."""
    kept = _KEPT.get(asked.wants)
    if kept is not None and not kinds & kept:
        return False
    if asked.wants == "date" and asked.unit == "时":  # 几点: a time of day
        return bool(CLOCK.search(piece))
    if asked.wants == "date" and asked.unit:
        return asked.unit in piece or (asked.unit == "日" and "号" in piece)
    if asked.wants == "number" and asked.unit in _COUNTED and kinds == {"time"}:
        return False  # 多少人次 is not answered by 3月31日
    return not asked.ordinal or piece.startswith("第")


_UNITS_LONGEST = "|".join(sorted((re.escape(unit) for unit in _UNIT_WORDS), key=len, reverse=True))
# in the normalised (lower-case) text: 1750.33km², 182cm, 4.7 GHz
_LATIN_UNIT = r"\s?(?:[kcm]?m[²³23]?(?![0-9])|[km]?g|[kmg]?hz|mph|ml|km/h|[kmg]w|mah|db|[kmgt]b|kcal)(?![a-z])"
_AMOUNT = re.compile(
    rf"第?(?:[0-9]+(?:[.,][0-9]+)*|[一二两三四五六七八九十百千万亿〇零]+)(?:余|多)?(?:万|亿|千|百)?"
    rf"(?:{_UNITS_LONGEST}|%|{_LATIN_UNIT})?"
)
_RANGE = re.compile(r"\s*(?:至|到|-|~|～|—|－|起至|或)(?:翌年|次年)?\s*")
_ASKS_THE_LAST = re.compile(r"最高|最多|至多|最长|最大|最晚|多达|上限|结束|截止|截至|止于|到哪")
_ASKS_THE_FIRST = re.compile(r"最低|至少|最少|最短|最小|最早|下限|开始|起始|始于|从哪")
_DATE_WORDS = re.compile(r"[年月日号]|世纪|年代")
_AFTER_TIME = re.compile(r"前|后|以前|以后|左右|间|初|末|底|中|上旬|中旬|下旬")


def _numbers(text: str, tokens: Sequence[tuple[str, str, int, int]], add) -> None:
    """Amounts and dates, read by character: 200余人, 2009年3月17日, 16天, 3.5万元, 2.51亿年前;
    a date also by its parts (1955年 of 1955年7月) and with an era or state named before it (民国9年)."""
    ends_of_words = {end: (word, tag) for word, tag, _, end in tokens}
    atoms = [match for match in _AMOUNT.finditer(text) if DIGIT.search(match.group()) or len(match.group()) >= 2]
    chains: list[list[re.Match]] = []
    for atom in atoms:
        if chains and chains[-1][-1].end() == atom.start():
            chains[-1].append(atom)
        else:
            chains.append([atom])
    for chain, following in zip(chains, chains[1:], strict=False):
        between = _RANGE.fullmatch(text, chain[-1].end(), following[0].start())
        if between:  # 200米至2,300米, 10月起至翌年5~6月
            add(
                chain[0].start(),
                following[-1].end(),
                "time" if _DATE_WORDS.search(text[chain[0].start() : following[-1].end()]) else "number",
            )
    for chain in chains:
        for first in range(len(chain)):
            for last in range(first, len(chain)):
                start, end = chain[first].start(), chain[last].end()
                piece = text[start:end]
                if not DIGIT.search(piece) and piece[-1] not in _UNIT_CHARS:
                    continue  # 一些, 十分: numerals without a unit are words
                kind = "time" if _DATE_WORDS.search(piece) else "number"
                add(start, end, kind)
                after = _AFTER_TIME.match(text, end)
                if after and kind == "time":
                    add(start, after.end(), kind)
                named = ends_of_words.get(start)
                if kind == "time" and named and (named[1] == "t" or named[0] in _ERAS):
                    add(start - len(named[0]), end, kind)


def _clock_times(text: str, add) -> None:
    """Times of day (20时许, 下午3点半), for a 几点 question only: the other questions' candidates,
    and so the span model's training, stay what they were. A time follows its day (7月8日20时许)."""
    days = {match.end(): match.start() for match in _DAY_BEFORE_CLOCK.finditer(text)}
    for clock in CLOCK.finditer(text):
        add(clock.start(), clock.end(), "time")
        if clock.start() in days:
            add(days[clock.start()], clock.end(), "time")


_DAY_BEFORE_CLOCK = re.compile(r"(?:[0-9]{1,2}月)?[0-9]{1,2}[日号]")


_ERAS = frozenset("民国 公元 西元 公元前 西元前 昭和 明治 大正 平成 令和".split())  # reigns are tagged t
_UNIT_CHARS = frozenset("".join(_UNIT_WORDS)) - frozenset("万亿千百多余")
_COUNTED = _UNIT_CHARS - frozenset("年月日天号周时分秒岁代纪")  # units of things counted, not of time
# units of measure, not of things counted: 多少个厕所？ is not answered by a ditch's 2万余米
_MEASURES = tuple(
    "米 公里 千米 厘米 毫米 公尺 公分 英尺 英寸 英里 海里 亩 公顷 平方米 平方公里 平方千米 立方米 吨 公斤 千克 克 斤 "
    "元 万元 亿元 美元 欧元 英镑 日元 港元 港币 % ‰ ℃ 度 摄氏度 升 毫升 瓦 千瓦 赫兹 马力".split()
)
_MEASURE_STARTS = frozenset(measure[0] for measure in _MEASURES)  # 多少厘米 asks a measure by its 厘


def counted_unit(asked: Asking | None) -> str:
    """The unit a 多少 or 几 question counts in (多少户: 户), "" when the character after its question
    word is none (the 运 of 多少运动员, the 教 of 多少教职工) or it asks no count."""
    if asked is None or asked.wants != "number":
        return ""
    return asked.unit if asked.unit in _UNIT_CHARS else ""


def _names_and_phrases(tokens: Sequence[tuple[str, str, int, int]], add) -> None:
    """Names (people, places, organisations, joined across 马克·拉瓦卢马纳纳's dot) and noun
    phrases: runs of nominal words, and their shorter runs."""
    index = 0
    while index < len(tokens):
        if tokens[index][1] not in _NOMINAL:
            index += 1
            continue
        last = index
        while last + 1 < len(tokens) and (
            tokens[last + 1][1] in _NOMINAL
            or (tokens[last + 1][0] in _JOINERS and last + 2 < len(tokens) and tokens[last + 2][1] in _NOMINAL)
        ):
            last += 1
        run = tokens[index : last + 1]
        for first in range(len(run)):
            for final in range(first, min(len(run), first + MAX_PHRASE_TOKENS)):
                if run[first][0] in _JOINERS or run[final][0] in _JOINERS:
                    continue
                tags = {tag for _, tag, _, _ in run[first : final + 1] if tag != "x"}
                kind = (
                    "person"
                    if tags <= _PERSON | {"unk", "nx"} and tags & _PERSON
                    else "place"
                    if tags <= _PLACE
                    else "org"
                    if run[final][1] in _ORG
                    else "phrase"
                )
                add(run[first][2], run[final][3], kind)
        index = last + 1


def _common_suffix(left: str, right: str) -> int:
    count, most = 0, min(len(left), len(right))
    while count < most and left[-1 - count] == right[-1 - count]:
        count += 1
    return count


def _common_prefix(left: str, right: str) -> int:
    count, most = 0, min(len(left), len(right))
    while count < most and left[count] == right[count]:
        count += 1
    return count


def _alnum(chars: str) -> str:
    return "".join(char for char in chars if char.isalnum())


def _share_in(chars: str, window: str) -> float:
    """The share of ``chars`` (letters and digits only, ``_alnum``) that ``window`` holds."""
    if not chars:
        return 0.0
    return sum(char in window for char in chars) / len(chars)


def _starts(word: str, text: str) -> list[int]:
    """Where ``word`` starts in ``text``, left to right without overlaps (as ``re.finditer`` finds it;
    a pattern a word would fill re's cache of compiled patterns with)."""
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + len(word))
    return found


FEATURES = (
    "wants",
    *(f"is_{kind}" for kind in KINDS),
    "chars",
    "tokens",
    "has_digit",
    "has_numeral",
    "unit_match",
    "noun_match",
    "left_match",
    "right_match",
    "left_near",
    "right_near",
    "in_question",
    "is_in_question",
    "sentence_share",
    "sentence_behind",
    "sentence_rank",
    "clause_share",
    "distance",
    "words_near",
    "position_in_sentence",
    "starts_clause",
    "ends_clause",
    "after_is",
    "before_de",
    "punctuation",
    "repeats",
    "first_tag",
    "last_tag",
    "sentence_index",
    "widest",
    "surname",
    "earlier_alike",
)
_TAGS = {
    tag: number
    for number, tag in enumerate(
        "n nr nrfg nrt ns nt nz eng j l vn ng an b unk m mq q t v a d x f s r p c u uj ul".split(), 1
    )
}


def describe(
    asked: Asking,
    words: Sequence[str],
    text: str,
    tokens: Sequence[tuple[str, str, int, int]],
    found: Sequence[Candidate],
) -> np.ndarray:
    """One row of ``FEATURES`` per candidate. ``text`` is char-aligned normalised passage text,
    ``words`` the question's content words."""
    asked_words = [word for word in dict.fromkeys(words) if word]
    total = len(asked_words) or 1
    words = [word for word in asked_words if word in text]
    sentences, clauses = _bounds(text, SENTENCE_MARKS), _bounds(text, _CLAUSE_END)
    places = [np.array(_starts(word, text)) for word in words]
    lengths = [len(word) for word in words]

    spans = [[(at, at + size) for at in found_at.tolist()] for found_at, size in zip(places, lengths, strict=True)]

    def share(low: int, high: int) -> float:
        """The share of the question's words found between ``low`` and ``high``."""
        return sum(any(low <= start and end <= high for start, end in found_at) for found_at in spans) / total

    sentence_shares = np.array([share(low, high) for low, high in sentences])
    clause_shares = np.array([share(low, high) for low, high in clauses])
    sentence_rank = np.empty(len(sentences))
    sentence_rank[np.argsort(-sentence_shares, kind="stable")] = np.arange(len(sentences))
    starts = np.array([candidate.start for candidate in found])
    ends = np.array([candidate.end for candidate in found])
    in_sentence = _index_of(sentences, starts)
    in_clause = _index_of(clauses, starts)
    low = np.array([sentences[i][0] for i in in_sentence])
    high = np.array([sentences[i][1] for i in in_sentence])
    distance = np.full(len(found), 60.0)
    near = np.zeros(len(found))
    for at, size in zip(places, lengths, strict=True):
        ends_at = at + size
        before = np.searchsorted(ends_at, starts, side="right") - 1  # the last occurrence ending by the start
        after = np.searchsorted(at, ends, side="left")  # the first occurrence starting at the end or later
        left = np.where(before >= 0, starts - ends_at[np.maximum(before, 0)], 10_000)
        right = np.where(after < len(at), at[np.minimum(after, len(at) - 1)] - ends, 10_000)
        left_in = (before >= 0) & (at[np.maximum(before, 0)] >= low)
        right_in = (after < len(at)) & (at[np.minimum(after, len(at) - 1)] < high)
        distance = np.minimum(distance, np.where(left_in, left, 60), out=None)
        distance = np.minimum(distance, np.where(right_in, right, 60))
        near += (left <= 15) | (right <= 15)
    question_chars = set(asked.before + asked.after)
    token_at = {start: tag for _, tag, start, _ in tokens}
    token_end = {end: tag for _, tag, _, end in tokens}
    token_starts = np.array([start for _, _, start, _ in tokens])
    token_count = np.searchsorted(token_starts, ends, side="left") - np.searchsorted(token_starts, starts, side="left")
    pieces = [text[candidate.start : candidate.end] for candidate in found]
    repeats = Counter(pieces)
    amounts = [(c.start, c.end) for c in found if c.kinds & {"number", "time"}]
    alike: Counter[tuple[int, frozenset[str]]] = Counter()  # candidates of a kind seen so far in each sentence
    earlier = []
    for candidate, sentence in zip(found, in_sentence, strict=True):
        kinds = candidate.kinds & _NAMED_KINDS
        earlier.append(alike[(sentence, kinds)])
        alike[(sentence, kinds)] += 1
    wants = WANTS.index(asked.wants)
    chars_before, chars_after = _alnum(asked.before[-8:]), _alnum(asked.after[:8])
    top_share = sentence_shares.max()
    # Python numbers rather than NumPy's, read once a candidate: the same values, a tenth of the cost
    shares, ranks, clause_share = sentence_shares.tolist(), sentence_rank.tolist(), clause_shares.tolist()
    distance_to, near_to, lows, highs = distance.tolist(), near.tolist(), low.tolist(), high.tolist()
    tokens_in, sentence_of, clause_of = token_count.tolist(), in_sentence.tolist(), in_clause.tolist()
    rows = []
    for row, (candidate, piece) in enumerate(zip(found, pieces, strict=True)):
        start, end = candidate.start, candidate.end
        sentence, clause = sentence_of[row], clause_of[row]
        rows.append(
            (
                wants,
                *(kind in candidate.kinds for kind in KINDS),
                len(piece),
                tokens_in[row],
                bool(DIGIT.search(piece)),
                bool(NUMERAL.search(piece)),
                (piece.endswith(asked.unit) if asked.unit else -1),
                (bool(set(asked.noun) & set(piece[-2:])) if asked.noun else -1),
                min(_common_suffix(asked.before, text[max(0, start - 12) : start]), 12),
                min(_common_prefix(asked.after, text[end : end + 12]), 12),
                _share_in(chars_before, text[max(0, start - 16) : start]),
                _share_in(chars_after, text[end : end + 16]),
                sum(char in question_chars for char in piece) / len(piece),
                piece in asked.before or piece in asked.after,
                shares[sentence],
                top_share - shares[sentence],
                ranks[sentence],
                clause_share[clause],
                distance_to[row],
                near_to[row],
                (start - lows[row]) / max(1, highs[row] - lows[row]),
                start == clauses[clause][0],
                end >= clauses[clause][1] - 1,
                text[start - 1 : start] in ("是", "为", "即"),
                text[end : end + 1] == "的",
                sum(1 for char in piece if not char.isalnum()),
                repeats[piece],
                _TAGS.get(token_at.get(start, ""), 0),
                _TAGS.get(token_end.get(end, ""), 0),
                sentence,
                not any(low_ <= start and end <= high_ and (low_, high_) != (start, end) for low_, high_ in amounts),
                2 <= len(piece) <= 4 and piece[0] in _SURNAMES and piece.isalpha(),
                earlier[row],
            )
        )
    return np.array(rows, dtype=np.float32).reshape(len(found), len(FEATURES))


def _index_of(bounds: list[tuple[int, int]], at: np.ndarray) -> np.ndarray:
    """Which of the consecutive ``bounds`` holds each offset."""
    return np.minimum(np.searchsorted(np.array([high for _, high in bounds]), at, side="right"), len(bounds) - 1)


def _bounds(text: str, ends: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for index, char in enumerate(text):
        if char in ends:
            bounds.append((start, index + 1))
            start = index + 1
    if start < len(text) or not bounds:
        bounds.append((start, len(text)))
    return bounds


class SpanModel:
    """The learned ranker of candidates (a LightGBM model), the calibration that turns the best
    candidate's scores into the chance that it is right, and the chance below which no short
    answer is offered; all in one JSON file, no pickle."""

    def __init__(self, path: Path = DEFAULT_MODEL) -> None:
        self.path = Path(path)

    @functools.cached_property
    def _loaded(self) -> tuple:
        trees, spec = load_model(self.path, FEATURES, "bench/train_spans.py")
        calibration = spec["calibration"]
        weights = np.asarray(calibration["weights"], dtype=np.float64)
        return (
            trees,
            weights,
            float(calibration["bias"]),
            float(spec["threshold"]),
        )

    def load(self) -> None:
        """Read the model now rather than when first used."""
        self._loaded  # noqa: B018 - a cached property, read for its effect

    @property
    def threshold(self) -> float:
        return self._loaded[3]

    def best(self, rows: np.ndarray) -> tuple[int, float]:
        """The best of one passage's candidates and the chance that it is the answer."""
        trees, weights, bias, _ = self._loaded
        best, seen = evidence(trees.predict(rows))
        return best, float(1 / (1 + np.exp(-(seen @ weights + bias))))


def evidence(scores: np.ndarray) -> tuple[int, np.ndarray]:
    """The best candidate by the ranker and what tells how sure it is: its score, its share of
    the softmax, its lead over the runner-up and how many candidates there were (a lone
    candidate has all the share and proves nothing by it)."""
    scores = np.asarray(scores, dtype=np.float64)
    best = int(np.argmax(scores))
    exp = np.exp(scores - scores[best])
    runner_up = np.partition(scores, -2)[-2] if len(scores) > 1 else scores[best] - 10.0
    return best, np.array([scores[best], 1 / exp.sum(), scores[best] - runner_up, np.log1p(len(scores))])


@functools.lru_cache(maxsize=1)
def span_model() -> SpanModel:
    """The bundled model, loaded once a process (when first used)."""
    return SpanModel()


def _wants_a_name(asked: Asking) -> bool:
    """谁, 哪里, 叫什么: a name answers, and a name has letters."""
    return asked.wants in ("person", "place") or (asked.wants == "what" and asked.before.endswith("叫"))


_ORDINAL_ALONE = re.compile(r"第[一二三四五六七八九十]+(?![一二三四五六七八九十百千万亿])")
_FIRST_OF = re.compile(r"首[家个批位次届座所款]")  # the first of its kind (河南省首家……): 第一家


def _ordinals_alone(text: str, asked: Asking) -> list[Candidate]:
    """Asked 第几, a place written without a unit (排名第一) or as the first of its kind (首家): numerals
    without a unit are no candidates (一些, 十分), so the model never learned from these; offered to served
    questions only."""
    if not asked.ordinal:
        return []
    alone = [  # 第一名 is a candidate already
        found for found in _ORDINAL_ALONE.finditer(text) if text[found.end() : found.end() + 1] not in _UNIT_CHARS
    ]
    places = [*alone, *_FIRST_OF.finditer(text)]
    return [Candidate(found.start(), found.end(), frozenset(("number",))) for found in places]


_UNIT_AFTER = re.compile(rf"(?:{_UNITS_LONGEST})")
_COUNTED_BY_GE = re.compile(r"小时|钟头|星期|月|工作日|百分点")  # units counted with a 个 before them (3个月)
# a unit per unit, written with a slash: 73微克/立方米, 120千米/小时, 3.5升/百公里
_PER_UNIT = re.compile(
    r"\s?(?:微克|毫克|千克|公斤|克|吨|千米|公里|米|毫升|升|元|次|人)/(?:立方米|平方米|升|小时|公里|百公里|秒|分钟|天|年|人|亩)"
)


def _with_unit(text: str, chosen: Candidate) -> int:
    """Where an amount ends, with its unit: 2万余米, read by character as 2 + 万 + 余 (``_AMOUNT``
    reads 余 before 万, as in 1900余万元), ends after 米; 70多个 of 70多个小时 after 小时; 73 of
    73微克/立方米 after 立方米, a unit per unit, as 100公里 of 100公里/小时. Served questions only: the
    model learned from the candidates as they are."""
    if "number" not in chosen.kinds:
        return chosen.end
    if text[chosen.end - 1 : chosen.end].isdigit():
        rate = _PER_UNIT.match(text, chosen.end)
        return rate.end() if rate else chosen.end
    if text.startswith("/", chosen.end):  # 100公里 of 100公里/小时
        rates = _PER_UNIT.finditer(text, chosen.start, chosen.end + len("/百公里"))
        return next((rate.end() for rate in rates if rate.start() < chosen.end < rate.end()), chosen.end)
    if text[chosen.end - 1 : chosen.end] == "个":  # 70多个小时: the 个 counts the unit after it
        counted = _COUNTED_BY_GE.match(text, chosen.end)
        return counted.end() if counted else chosen.end
    if text[chosen.end - 1 : chosen.end] not in ("余", "多"):
        return chosen.end
    unit = _UNIT_AFTER.match(text, chosen.end)
    return unit.end() if unit and unit.group() not in ("余", "多", "万", "亿", "千", "百") else chosen.end


def _with_its_estimate(text: str, chosen: Candidate) -> int:
    """Where an amount of no digits begins, with the word saying how near it is: 万人次 of 上万人次参与活动 begins
    at 上 (数十人, 近万元). Served questions only."""
    if "number" in chosen.kinds and text[chosen.start : chosen.start + 1] in _ROUND and chosen.start > 0:
        return chosen.start - 1 if text[chosen.start - 1] in _ESTIMATE else chosen.start
    return chosen.start


_ROUND = frozenset("十百千万亿")  # an amount written as its order alone (万人次: 上万)
_ESTIMATE = frozenset("上近数逾超约")


def _with_the_part_of_its_year(text: str, chosen: Candidate, end: int) -> int:
    """Where a year ends, with the part of it said right after it: 2021年 of 预计2021年年底全部建成通车 ends
    after 年底 (a candidate reads 底 after a month, 9月底, but not 年底 after a year). Served questions only."""
    if "time" not in chosen.kinds or not text.endswith("年", chosen.start, end):
        return end
    part = _PART_OF_A_YEAR.match(text, end)
    return part.end() if part else end


_PART_OF_A_YEAR = re.compile(r"年(?:底|初|末|中)")


def _holders(asked: Asking, words: Sequence[str], text: str, found: list[Candidate]) -> list[Candidate]:
    """Asked who holds a title (示范区党工委书记是谁？ 哪位区领导出席了……？ 局长叫什么？), the names
    written right after that title, the one that says most of the question's other words first
    (党工委书记、管委会主任|吕沛 会见了|胡友峰: 吕沛)."""
    asked_of = asked.before + asked.noun + asked.after  # 哪个区领导参加了？: the title is what 哪个 asks for
    titles = [word for word in words if is_title(word) and word in asked_of]
    if not titles or not _wants_a_name(asked):
        return []
    # and the body whose title it is, the word before it (行政审批局局长: not another bureau's 局长)
    of_bodies = [  # written right before it (not 部署 of 医保征缴部署会哪位领导参加了？)
        (before, word)
        for before, word in zip(words, words[1:], strict=False)
        if word in titles and HAN.search(before) and before + word in asked_of
    ]
    bodies = [body for body, _ in of_bodies]
    titled = []
    for each in found:
        named = _named(text, each) and text[each.end - 1] not in _JOINING  # 李振峰, a phrase to jieba; not 刘亚及
        title = title_before(text, each.start) if named else ""
        if title and all(word in title for word in titles):
            titled.append((title, each))
    # the body in the title itself; else, a deputy's, when no title names it, with the chief's title before
    # (领导小组组长刘明胜……。副组长姜坤峰: the 副组长 of that 领导小组)
    chiefs = [body + title[1:] for body, title in of_bodies if title.startswith("副")]
    held = [(title, each) for title, each in titled if all(body in title for body in bodies)] or [
        (title, each) for title, each in titled if chiefs and all(chief in text[: each.start] for chief in chiefs)
    ]
    said = [(sum(len(word) for word in words if word in title), each) for title, each in held]
    most = max((count for count, _ in said), default=0)
    return [each for count, each in said if count == most]


def _doers(
    asked: Asking, text: str, found: list[Candidate], tokens: Sequence[tuple[str, str, int, int]] = ()
) -> list[Candidate]:
    """Asked who did something (谁主持的？ 哪个部门组织召开的？), or when (什么时候举行的？), the names (or
    dates) written right before the question's verb in the text (示范区散烧办|组织召开: 示范区散烧办;
    于2009年9月27日-10月9日|举行; 自11月1日|起施行), whole (耶律金山, not 金山; 公元前25年, not 25年) but
    not opening with what the question says before 谁 (日本小说家谁的小说？: 乙一, not 日本小说家乙一). The verb is the
    longest start of what the question says after its question word that the text says (组织召开的:
    组织召开)."""
    agent = asked.wants in ("person", "date") or (
        asked.wants == "which" and asked.noun in _AGENTS and not asked.before.endswith(_TO_WHOM)
    )
    if not agent or asked.after.startswith("的"):  # 谁的将领？ asks whose, not who did it
        return []
    done = (
        _done(asked, text)
        or _done(replace(asked, after=_SPLIT_VERB.sub("", asked.after, count=1)), text)
        or _done(replace(asked, after=_STARTING.sub("", asked.after, count=1)), text)
        or _said_alike(asked, text)
    )
    if not done:
        return _led_by(asked, text, found) if asked.wants == "person" else []
    # 由民政部门全额承担: who, before how they did it
    starts = {
        next((at - len(how) for how in _MANNER + _WHEN_DONE if text.endswith(how, 0, at)), at)
        for at in occurrences(text, done)
    }
    if asked.wants != "date":  # 王家鹏出席会议并讲话: who spoke, though 出席 is written right after him
        starts |= {at - len(then) for at in starts for then in _AND_THEN if text.endswith(then, 0, at)}
        # 市委网信办对全市……工作进行量化考核: who did it to something, written before its 对
        doing = rf"对[^{CLAUSE_MARKS}对]{{1,30}}?进行\w{{0,2}}{re.escape(done)}"
        starts |= {found.start() for found in re.finditer(doing, text)}
    kinds = _DOING if asked.wants != "date" else {"time"}
    if asked.wants == "date":  # 自今年11月1日起施行
        starts |= {at - 1 for at in starts if text[at - 1 : at] == "起"}
    near = [
        each
        for each in found
        if each.end in starts
        and each.kinds & kinds
        and not _done_to(text, each)
        and each.end - each.start > 1  # 总 of 总投资30亿元 is no one who invested
    ]
    beside = [
        each
        for each in near
        if not any(text.startswith(asked.before[-length:], each.start) for length in range(2, len(asked.before) + 1))
    ]
    people = [each for each in beside if "person" in each.kinds] if asked.wants == "person" else []
    if not beside and asked.wants == "person":  # ……组长刘明胜，主持召开了: a titled name, its comma, then the verb
        people = [
            each
            for each in found
            if each.end + 1 in starts
            and text[each.end] in "，,"
            and _named(text, each)
            and title_before(text, each.start)
        ]
    if not people and asked.wants == "person":  # ……刘亚及相关部门有关负责人陪同考察: the people named, and the others
        people = [named for each in beside if (named := _named_and_others(text, found, each))]
    if not people and asked.wants == "person":  # 区新联会会长、副会长……及各小组组长参加会议: the titles listed
        people = _titles_before(text, tokens, starts)
    if not people and asked.wants == "person":  # 吕沛一行先后到……沁泉湖公园项目工地检查: who went there and did it
        # right before what was done, the places; or what was done is the place (谁去沁泉湖公园检查的？)
        people = _gone_there_and_did(text, found, [each.start for each in near] + occurrences(text, done))
    chosen = _longest_at(people or beside, lambda each: each.end)  # 王家鹏, not 管委会主任王家鹏
    return [_of_their_body(text, _with_aside_before(text, found, each)) for each in chosen]


def _titles_before(text: str, tokens: Sequence[tuple[str, str, int, int]], starts: set[int]) -> list[Candidate]:
    """The list written right before what was done whose items are all titles (区新联会会长、副会长、秘书长、
    副秘书长及各小组组长|参加会议), whole: those who did it, named by their offices."""
    return [
        Candidate(listed.start, listed.end, frozenset(("person",)))
        for listed in enumerations(text, tokens)
        if listed.end in starts and all(is_title(text[start:end]) for start, end in items(text, tokens, listed))
    ]


# 网信办给哪家企业下发了整改通知？ asks to whom it was done, not who did it
_TO_WHOM = ("给", "向", "对", "把", "为", "替")


def _done_to(text: str, each: Candidate) -> bool:
    """Whether a piece before a verb is what a preposition opening its clause says it was done to
    (他对比赛中所有事件拥有最终仲裁权: not 所有事件), not who did it."""
    opens = clause_start(text, each.start)
    return bool(_TO_IT.search(text, opens, each.start))


# 他对……, 把……: not 相对, 绝对, 针对, 对手, 把握 (将 and 向 are too often of other words: 上将, 方向)
_TO_IT = re.compile(r"(?<![相反面绝针应核比配])对(?![手象方于面话称照应付])|把(?![握关手])")


_ROLES = ("负责人", "工作人员")  # who someone is by their body's name before it (区卫生健康委负责人)
_BODY_MOST = 12  # characters of the body's name
_BODIES_MOST = 6  # bodies listed before their role


def _of_their_body(text: str, each: Candidate) -> Candidate:
    """A role with the body whose role it is, which jieba cuts into words of every kind (区|卫生|健康|委|负责人:
    区卫生健康委负责人, was 负责人), or the bodies listed (区教育局、卫健委、工商分局和宁郭镇相关负责人), from where
    the clause opens."""
    if text[each.start : each.end] not in _ROLES:
        return each
    opens = clause_start(text, each.start)
    bodies = text[opens : each.start].split("、")
    named = len(bodies) <= _BODIES_MOST and all(
        1 < len(body) <= _BODY_MOST and all(map(HAN.match, body)) for body in bodies
    )
    return replace(each, start=opens) if named else each


def _named_and_others(text: str, found: list[Candidate], role: Candidate) -> Candidate | None:
    """Who did something, said as people named and others by their role (区领导冯利民、万英奎及区直相关部门
    负责人一同参加): the names and the others with them, from the first name (冯利民、万英奎及区直相关部门负责人),
    not the role alone (部门负责人); None unless every item of the list before the 及 ends with a name."""
    if not text.endswith(_ROLES, role.start, role.end):
        return None
    opens = clause_start(text, role.start)
    joint = max(text.rfind(word, opens, role.start + 1) for word in _JOINING)
    if joint <= opens or "、" in text[joint : role.start]:
        return None
    starts = [
        _name_ending(text, found, *item) for item in _items_before(text, opens, joint - text.endswith("以", 0, joint))
    ]
    first = starts[0]
    return Candidate(first, role.end, frozenset(("person",))) if first is not None and None not in starts else None


def _items_before(text: str, opens: int, end: int) -> list[tuple[int, int]]:
    """The items (start, end) of the list written from ``opens`` to ``end``, 、 between them."""
    items, start = [], opens
    for at in [*occurrences(text[opens:end], "、"), end - opens]:
        items.append((start, opens + at))
        start = opens + at + 1
    return items


def _name_ending(text: str, found: list[Candidate], start: int, end: int) -> int | None:
    """Where the name ending a list item (``start``..``end``) starts: one tagged a person's, or one
    written as names are after a title or alone (副书记|刘亚, of 刘亚及 as jieba cuts it), else None."""
    tagged = [each.start for each in found if each.end == end and each.start >= start and "person" in each.kinds]
    if tagged:
        return min(tagged)
    for length in (3, 2):
        at = end - length
        if at >= start and looks_like_name(text[at:end]) and (at == start or title_before(text, at)):
            return at
    return None


def _gone_there_and_did(text: str, found: list[Candidate], places: list[int]) -> list[Candidate]:
    """Of the places (where each starts) written after a word of going in their clause (吕沛一行先后到碧桂园、
    ……和沁泉湖公园项目工地检查督导), the one person opening that clause, who went and did it; else the party
    opening it that went (沁阳市党政考察团一行40余人到示范区学习考察: 沁阳市党政考察团, not 沁阳市党政)."""
    people = []
    for place in places:
        opens = clause_start(text, place)
        went = max((text.rfind(going, opens, place) for going in GOING), default=-1)
        if went < 0:
            continue
        named = [
            each
            for each in found
            if "person" in each.kinds
            and opens <= each.start
            and each.end <= went
            and not _SENDING.search(text, each.end, went)  # 泰德·科德死前派遣圣甲虫去……: who went was sent
        ]
        party = [
            each
            for each in found
            if each.start == opens and each.kinds & _DOING and (each.end == went or text.startswith(_PARTY, each.end))
        ]
        people += named[:1] or _longest_at(party, lambda each: each.start)
    return people


_SENDING = re.compile("[派让叫请令]")  # who sends someone (派遣……去), written between them and the going
_PARTY = "一行"  # written after who went, with whoever went with them (沁阳市党政考察团一行40余人)


# How something was done, written between who did it and the deed (由民政部门全额承担), which jieba tags nouns
# not 统一 (武力统一), 共同 (A、B共同主持)
_MANNER = ("全额", "全部", "直接", "亲自", "集中", "强力", "大力", "全力", "轮流", "详细", "认真")
# when, said between who did it and the verb (河南省农业农村厅近日发布……)
_WHEN_DONE = ("近日", "日前", "近期", "昨日", "昨天", "今日", "今天", "当天", "当日")
_BY_AND_A_NAME = 3  # characters: 由国庆 may be a name; 由区新联会副会长 is by whom


def _without_manner(text: str, chosen: Candidate) -> Candidate:
    """A phrase without the word of manner jieba tags a noun and joins to its end (李万街道强力|发展“夜经济”:
    李万街道), nor the 由 of who did it that jieba glues to the next character (由区|新联会副会长轮流担任: 区新联会副会长)."""
    how = next((how for how in _MANNER if text.endswith(how, chosen.start, chosen.end)), "")
    if how and chosen.end - len(how) - chosen.start > 1:
        chosen = replace(chosen, end=chosen.end - len(how))
    by = text.startswith("由", chosen.start) and chosen.end - chosen.start > _BY_AND_A_NAME
    return replace(chosen, start=chosen.start + 1) if by else chosen


def _options_said(
    first: str, second: str, ending: str, text: str, others: Sequence[str]
) -> list[tuple[int, int] | None]:
    """Where the text says each of two things a question asks to choose between (None where it does not):
    each with as much of what both end with as the text says with it (下 + 午 of 下午开的), the second also
    as little of what the question says after it as the text says (宁郭镇 of 宁郭镇得了红旗), two characters at
    least."""
    endings = [ending[:length] for length in range(len(ending), -1, -1)]
    # (not a number's: 第3 of 第32 is said by 第33个)
    shorter = [] if DIGIT.search(second) else [second[:length] for length in range(len(second) - 1, 1, -1)]
    said = [
        _said_first(text, [first + end for end in endings]),
        _said_first(text, [second + end for end in endings] + shorter),
    ]
    return [at if at is not None and _said_with(text, at[0], others) else None for at in said]


def _said_with(text: str, at: int, words: Sequence[str]) -> bool:
    """Whether the sentence holding ``at`` says one of ``words`` (蒙牛四期是今年还是明年投产？: not a 今年 of another
    sentence)."""
    sentence = text[clause_start(text, at, SENTENCE_MARKS) : clause_end(text, at, SENTENCE_MARKS)]
    return any(word in sentence for word in words)


def _said_first(text: str, pieces: list[str]) -> tuple[int, int] | None:
    """Where the text first says the first of ``pieces`` it says, two characters at least."""
    for piece in pieces:
        at = text.find(piece) if len(piece) > 1 else -1
        if at >= 0:
            return at, at + len(piece)
    return None


def _whole_name(tokens: Sequence[tuple[str, str, int, int]], chosen: Candidate, text: str) -> Candidate:
    """A company's kind (实业有限公司) with the name written before it, which jieba cuts into words of every
    kind (焦作市|龙凤|园|实业有限公司: 焦作市龙凤园实业有限公司)."""
    if not _BARE_KIND.fullmatch(text, chosen.start, chosen.end):
        return chosen
    return replace(chosen, start=name_start(tokens, chosen.start, chosen.end))


# a company's kind, naming no one company (实业有限公司, 股份有限公司, 集团)
_BARE_KIND = re.compile(
    r"(?:实业|股份|控股|投资|发展|科技|贸易|工业|建设|集团)*(?:有限责任|股份有限|有限)?(?:公司|集团|合作社|研究院|研究所)"
)


def _whole_object(asked: Asking, text: str, chosen: Candidate) -> Candidate:
    """Asked what was done (示范区建成了哪些平台？), a piece opening what the text writes right after the
    question's verb, as far as the clause goes (建成了|中原地区|首家工业设计城: 中原地区首家工业设计城):
    jieba cuts such an object into words of every kind, so no candidate holds it whole."""
    if asked.wants not in ("what", "which") or chosen.kinds & _AMOUNTS or asked.after.strip("呢的了"):
        return chosen  # 在流入哪一个地方之后……？ asks of the thing, which the text may say more of
    if asked.noun and text.endswith(asked.noun, chosen.start, chosen.end):
        return chosen  # 隶属于哪一个县？: 台东县, whole
    before = without_particles(asked.before)
    opens = chosen.start - (text[chosen.start - 1 : chosen.start] in ("了", "过"))
    verb = next((verb for verb in _ends_of(before) if text.endswith(verb, 0, opens)), "")
    if not verb:
        return chosen
    end = clause_end(text, chosen.end)
    rest = text[chosen.end : end]
    whole = 1 < len(rest) <= _OBJECT_REST_MOST and all(map(HAN.match, rest)) and not _NOT_OF_THE_OBJECT.search(rest)
    return replace(chosen, end=end) if whole else chosen


_OBJECT_REST_MOST = 10  # characters of an object after the piece opening it
# what after a piece says something else of it (波兰|境内的王国, 西安事变|后, 文昌街道|等先进单位), not more of its name
_NOT_OF_THE_OBJECT = re.compile(r"[的等]|^[后前之时中内上下里外间]")


# What a report writes between someone and a second thing they did (出席会议并讲话, 主持会议并讲话)
_AND_THEN = ("出席会议并", "主持会议并", "参加会议并", "出席活动并", "出席并", "主持并")
_SPLIT_VERB = re.compile(r"(?<=^[\u4e00-\u9fff])[的了过](?=[\u4e00-\u9fff])")  # 谁讲的话？ asks who 讲话
# 什么时候开始施行？: the page says 自……起施行; a verb of its own after 开始, not a clause (开始布里斯托的市长……)
_STARTING = re.compile(r"^(?:开始|起)(?=[\u4e00-\u9fff]{2,3}[的了呢吗]?$)")
# Words for a rule coming into force, and for giving an award: a reader's (什么时候开始实施？ 哪天生效？ 是谁给的？)
# may not be the page's (自……起施行, 被省住建厅授予)
IN_FORCE = ("施行", "实施", "实行", "执行", "生效")
_AWARDING = ("授予", "颁发", "颁给", "授")
# A reader's words for what was done, and the page's, by what is asked: 什么时候开始实施？ 是谁给的？
_RECEIVING = ("会见", "接见", "会晤")  # a visitor, as the page says it (吕沛会见了胡友峰一行)
_ALIKE = {
    "date": ((IN_FORCE, IN_FORCE),),
    "person": (
        ((*_AWARDING, "给", "发", "颁", "发给"), _AWARDING),
        (("接待", "见", *_RECEIVING), _RECEIVING),
        (ACCOMPANYING, ACCOMPANYING),  # 谁陪同的？ of 区领导万英奎一同调研
    ),
}
# What was done, and to whom, said last (谁接待的他？ 谁见了胡友峰？)
_DONE_TO = re.compile(r"([\u4e00-\u9fff]{1,2}?)[的了](?=[\u4e00-\u9fff])")


def _with_aside_before(text: str, found: list[Candidate], each: Candidate) -> Candidate:
    """A name written around a bracketed aside, whole (大江重工(焦作)有限公司, not 有限公司)."""
    if not text.endswith(")", 0, each.start):
        return each
    opened = text.rfind("(", 0, each.start)
    named = [other for other in found if other.end == opened and "phrase" in other.kinds] if opened > 0 else []
    first = min(named, key=lambda other: other.start, default=None)
    return Candidate(first.start, each.end, each.kinds) if first else each


def _named(text: str, each: Candidate) -> bool:
    """A person's name: so tagged, or written as names are (a surname and one to three characters)."""
    return "person" in each.kinds or looks_like_name(text[each.start : each.end])


_GOING = re.compile(r"过来|[去来到]")  # a reader's going or coming before what was done
_THERE = re.compile(r"^在(?:那里|这里|那儿|这儿|那|这|此)")  # where it was, pointed back at
# where it was, or what it was done to, named: 谁在宣传思想文化工作会议上讲话？ asks who 讲话 (区领导赵俊峰出席会议并
# 讲话); 谁对网上宣传引导工作进行了考核？ who 考核 (市委网信办对全市……工作进行量化考核)
_WHERE_OR_TO = re.compile(r"^(?:在[^在，,。？?]{1,24}?[上中里]|对[^对，,。？?]{1,24}?进行了?)(?=[\u4e00-\u9fff]{2})")


def _done(asked: Asking, text: str) -> str:
    """What the question says was done, as the text says it: the longest start of what it says
    after its question word that the text says (组织召开的: 组织召开), or "": who went or came and did
    it did it (谁去调研的？ 谁过来调研的？: 调研)."""
    said = asked.after.rstrip("的了呢啊吧")
    said = _THERE.sub("", said, count=1)  # 谁在那里会见了胡友峰？: 吕沛会见了胡友峰一行
    # 谁在……会议上讲话？: as said, else what was done there (讲话); 谁对……进行了考核？: 考核
    going = _GOING.match(said)  # 谁去调研的？ 谁过来调研的？: 王家鹏调研……; else as said (谁到达了现场？: 到达)
    tried = (said[going.end() :], said) if going and len(said) - going.end() > 1 else (said,)
    if framed := _WHERE_OR_TO.match(said):
        tried = (*tried, said[framed.end() :])
    return next((start for each in tried for start in _starts_of(each) if start in text), "")


def _said_alike(asked: Asking, text: str) -> str:
    """What the question says was done in a reader's word, the text's word for it: when a rule came into
    force (什么时候开始实施？ of 自今年11月1日起施行的《条例》), who gave an award (是谁给的？ of
    被省住建厅授予……称号), who received a visitor (谁接待的他？ of 吕沛会见了胡友峰一行), who went along (谁陪同的？
    of 区领导万英奎一同调研)."""
    said = _STARTING.sub("", asked.after, count=1).rstrip("的了呢啊吧")
    done = _DONE_TO.match(said)  # 接待的胡友峰, 见的他: what was done, and to whom
    said = done.group(1) if done else said
    pages = next((pages for readers, pages in _ALIKE.get(asked.wants, ()) if said in readers), ())
    return next((word for word in pages if word in text), "")


def _led_by(asked: Asking, text: str, found: list[Candidate]) -> list[Candidate]:
    """Asked who did something to what the question names, worded otherwise by the text (考察团是谁
    带队的？), the people the text says it was done by, 由 them, in the clause that names it (由区领导
    高鸿率领的焦作高新区考察团: 高鸿); asked who led, whatever the question names (去平顶山学习是谁带的队？, and
    谁带队去的？ after a question about the visit), the people 由 whom the text says it was led (由……率领)."""
    subject = next((end for end in _ends_of(asked.before.rstrip("是为")) if end in text), "")
    spans = [(at, text.find(subject, at)) for at in occurrences(text, "由")] if subject else []
    by = [
        (at, named)
        for at, named in spans
        if 0 < named - at <= _BY_WITHIN and not any(mark in text[at:named] for mark in CLAUSE_MARKS)
    ]
    if not by and _ASKS_LEADING.search(asked.before + asked.after):
        by = [found.span(1) for found in _LED.finditer(text)]
    return [
        each
        for each in found
        if "person" in each.kinds and any(at < each.start and each.end <= named for at, named in by)
    ]


# Asked who led a visit, and the page saying so (由区领导高鸿率领的……考察团)
_ASKS_LEADING = re.compile(r"带队|带的队|率领|带领|率队|领的队")
_LED = re.compile(rf"由([^{CLAUSE_MARKS}由]{{1,{_BY_WITHIN}}}?)(?:率领|带领|带队|率队)")


def _places(
    asked: Asking,
    words: Sequence[str],
    text: str,
    found: list[Candidate],
    tokens: Sequence[tuple[str, str, int, int]],
) -> list[Candidate]:
    """Asked where (位于哪里？ 总部设在哪里？), the places written right after the question's verb in the
    text (位于|美国明尼亚波利斯), whole: the verb is the longest end of what the question says before
    its question word that the text says, two characters at least (位于, not 在). Asked where someone
    went, came from, or did something (在哪+verb), the places after 到, 从 or 在 (``_gone_to``,
    ``_done_at``)."""
    if asked.wants != "place":
        return []
    if _asks_where_gone(asked):
        return _went_to(asked, text, found)
    if asked.before.endswith(_FROM):  # 从哪迁来的？: 由开封市迁移到示范区
        return _gone_to(asked, text, found, _FROM)
    if asked.before.endswith(_AT):  # 在哪见的胡友峰？: 在创基智谷，……吕沛会见了胡友峰一行
        after = _after_a_zai(found, tokens)
        at = _gone_to(asked, text, after, _AT, SENTENCE_MARKS) or _done_at(asked, words, text, after, tokens)
        if at:
            return at
    done = next((end for end in _ends_of(asked.before) if end in text), "")
    if not done:
        return []
    ends = {start + len(done) for start in occurrences(text, done)}
    return _longest_at([each for each in found if each.start in ends and each.kinds & _DOING], lambda each: each.start)


def _after_a_zai(found: list[Candidate], tokens: Sequence[tuple[str, str, int, int]]) -> list[Candidate]:
    """The candidates right after a 在 of its own (not 实在's or 现在's)."""
    after = {end for word, _, _, end in tokens if word in _AT}
    return [each for each in found if each.start in after]


def _done_at(
    asked: Asking,
    words: Sequence[str],
    text: str,
    found: list[Candidate],
    tokens: Sequence[tuple[str, str, int, int]],
) -> list[Candidate]:
    """Asked where something was done in words the page does not use (活动在哪举办？), the places
    after a 在 that a verb follows, in a clause naming what the question says was done, half of it at
    least (在生态广场|开展……宣传活动: 生态广场)."""
    if not HAN.search(asked.after.strip("的了呢")):  # 栖息在哪儿？ says what was done before 在: 位于哪里, above
        return []
    verbs = {start for _, tag, start, _ in tokens if tag == "v"}
    named = [word for word in words if len(word) > 1 and HAN.search(word)]
    # what the question says was done; a follow-up's (在哪搞的？ after ……活动是哪天搞的？), the one asked of before
    thing = [word for word in named if word in asked.before] or named
    whole = sum(map(len, thing))

    def naming(clause: str) -> bool:  # half of the thing at least (在全区营造维护国家安全……: no 国家安全教育日的)
        return any(word in clause for word in thing) and 2 * sum(len(word) for word in thing if word in clause) >= whole

    return _longest_at(
        [
            each
            for each in found
            if each.kinds & _DOING
            and each.end in verbs
            and naming(text[clause_start(text, each.start) : clause_end(text, each.end)])
        ],
        lambda each: each.start,
    )


def _set_at(
    asked: Asking, words: Sequence[str], text: str, tokens: Sequence[tuple[str, str, int, int]]
) -> tuple[int, int] | None:
    """Asked where a thing was set up (销售点设在哪？ 建在哪里？), what the clause naming most of the thing
    says between a 在 and a verb holding the question's (在|文博路与文丰路交会处附近|增设西瓜临时销售点: not
    the 葡萄临时销售点's place, in the next clause), or None. Asked only where it is (销售点在哪？), a verb
    of setting up (``_SETTING_UP``: 设置, 增设, 建设)."""
    verb = _SET_AT.search(asked.before)
    if verb is None and not asked.before.endswith("在"):
        return None
    setting, named = (verb.group()[0], asked.before[: verb.start()]) if verb else (_SETTING_UP, asked.before[:-1])
    thing = [word for word in words if len(word) > 1 and HAN.search(word) and word in named]
    said: dict[tuple[int, int], int] = {}
    for word, tag, start, _ in tokens:
        if not tag.startswith("v") or not any(char in word for char in setting):
            continue
        clause = clause_start(text, start)
        at = text.rfind("在", clause, start)
        if at >= 0 and 2 <= start - at - 1 <= 20:
            said[at + 1, start] = sum(part in text[clause : clause_end(text, start)] for part in thing)
    most = max(said.values(), default=0)
    best = [span for span, count in said.items() if count == most]
    return best[0] if most and len(best) == 1 else None


def _located(asked: Asking, text: str) -> tuple[int, int] | None:
    """Asked only where a thing is (东小巷在哪？), the one place a 位于 writes right before its name in a
    clause (一家位于|李万街道万鑫商城|东小巷的小吃店), or None."""
    thing = asked.before[:-1] if asked.before.endswith("在") else ""
    if len(thing) < 2:
        return None
    places = set()
    for verb in _LOCATED:
        for at in occurrences(text, verb):
            start = at + len(verb)
            named = text.find(thing, start, start + _LOCATED_WITHIN + len(thing))
            if named - start >= 2 and not any(mark in text[start:named] for mark in CLAUSE_MARKS):
                places.add((start, named))
    return places.pop() if len(places) == 1 else None


_LOCATED = ("位于", "坐落于", "坐落在", "地处")
_LOCATED_WITHIN = 20  # characters between 位于 and the thing's name


def _sentences(text: str) -> list[tuple[int, int]]:
    """Where each sentence of ``text`` starts and ends (its closing mark included)."""
    ends = [at + 1 for at, char in enumerate(text) if char in SENTENCE_MARKS]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    return list(zip([0, *ends[:-1]], ends, strict=True))


def _whose(asked: Asking, words: Sequence[str], text: str) -> tuple[int, int] | None:
    """Asked whose thing something is (中商集团是谁的子公司？), what the page says it is the thing of, in a
    sentence naming the question's subject (……控股集团是|中国商业网点建设开发中心|的二级全资子公司), or None."""
    thing = asked.after[1:].rstrip("呢吗啊")
    if asked.wants != "person" or not asked.after.startswith("的") or len(thing) < 2 or not HAN.fullmatch(thing[0]):
        return None
    subject = [word for word in words if len(word) > 1 and HAN.search(word) and word in asked.before]
    pattern = re.compile(rf"是(?P<whose>[^，。；：,;:！？!?、是]{{2,30}}?)的[^，。；,;]{{0,8}}?{re.escape(thing)}")
    for start, end in _sentences(text):
        found = pattern.search(text, start, end)
        if found and subject and any(word in text[start : found.start()] for word in subject):
            whose = found.group("whose")  # not what the question says before 谁 (日本小说家谁的小说？: 乙一)
            said = next(
                (length for length in range(len(asked.before), 1, -1) if whose.startswith(asked.before[-length:])), 0
            )
            return found.start("whose") + said, found.end("whose")
    return None


def asks_for_a_meeting(asked: Asking) -> bool:
    """散烧办开了什么会？ 吕沛主持了哪个会议？: the name of a meeting held (not 传达了什么会议的精神？, a meeting's
    spirit conveyed)."""
    return asked.wants in ("what", "which") and asked.noun in _MEETING_ASKED and not _OF_IT.fullmatch(asked.after)


def _meeting_held(asked: Asking, words: Sequence[str], text: str) -> tuple[int, int] | None:
    """Asked what meeting was held (散烧办开了什么会？ 王家鹏主持了什么会议？), the meeting's name written
    after the verb that held it (组织召开|全区4月份燃煤散烧管控工作会议), in a sentence saying the question's
    other words (any sentence, given none); the first such, or None."""
    if not asks_for_a_meeting(asked):
        return None
    said = [word for word in words if len(word) > 1 and HAN.search(word) and word not in _MEETING_ASKED]
    for start, end in _sentences(text):
        held = _HELD_MEETING.search(text, start, end)
        if held and (not words or any(word in text[start:end] for word in said)):
            return held.start("meeting"), held.end("meeting")
    return None


_MEETING_ASKED = ("会", "会议")
# the kinds of meeting a name ends with (……工作会议, ……推进会, ……办公会议)
_MEETING_KIND = r"(?:会议|(?:推进|座谈|例|部署|报告|办公|动员|协调|调度|汇报|交流|培训|现场|观摩|对接|联席|大)会议?)"
# a meeting's name after the verb holding it (inside its quotation marks), up to the kind of meeting it was
# (……工作会议, ……推进会), and the one held with it (党工委（扩大）会议暨中心组学习会议)
_HELD_MEETING = re.compile(
    rf"(?:召开|举行|举办)了?[“「『《]?(?P<meeting>(?!的)[^，。；：,;:！？!?]{{2,40}}?{_MEETING_KIND}"  # not 召开的……会议精神
    rf"(?:暨[^，。；：,;:！？!?]{{2,40}}?{_MEETING_KIND})?)"
)


_SET_AT = re.compile(r"[设建放办开落定选]在$")  # 设在哪？ 建在哪里？: where a thing was set up, 在……增设 it
_SETTING_UP = "设建置"  # what a page says was put somewhere (在……设置葡萄临时销售点), asked where it is


def _gone_to(
    asked: Asking, text: str, found: list[Candidate], going: tuple[str, ...], ends: str = CLAUSE_MARKS
) -> list[Candidate]:
    """Asked where someone went to do something (去哪里考察的？ 前往哪里访问？), the places the text
    has them go to (``going``) that are followed, in the same clause, by what they did there (考察团到平顶山高新区
    学习考察: 平顶山高新区); or came from (从哪迁来的？: 由开封市迁移到示范区, 开封市); or where it was done,
    in the same sentence (``ends``: 在创基智谷，……会见了). What was done may be said in one character
    the text says (迁, of 迁来 and 迁移)."""
    first = asked.after[:1]
    done = _done(asked, text) or (first if first and first in text and HAN.match(first) else "")
    if not done:
        return []
    gone = [
        each
        for each in _places_after(text, found, going)
        if done in re.split(f"[{ends}]", text[each.end :], maxsplit=1)[0]
    ]
    return _longest_at(gone, lambda each: each.start)


def _places_after(text: str, found: list[Candidate], going: tuple[str, ...]) -> list[Candidate]:
    """The names the text writes right after one of ``going`` (到|平顶山高新区, 由|开封市)."""
    return [each for each in found if each.kinds & _DOING and text[: each.start].endswith(going)]


def _asks_where_gone(asked: Asking) -> bool:
    """去哪考察的？ 去了哪里？ (as 去哪里)."""
    return asked.before.removesuffix("了").endswith(GOING)


def _went_to(asked: Asking, text: str, found: list[Candidate]) -> list[Candidate]:
    """Asked where someone went, the places the text has them go to and do what the question says they
    did there (``_gone_to``); asked nothing of that (他们去了哪里？ 去哪了？), every place the text has anyone
    go to (一行40余人到示范区学习考察: 示范区); none when what the question opens with is one of them (金沙路修到哪了？
    of 先后到滨河路（……）、金沙路（……）进行实地调研)."""
    places = (
        _gone_to(asked, text, found, GOING)
        if asked.after.strip("呢了")
        else _longest_at(_places_after(text, found, GOING), lambda each: each.start)
    )
    # 金沙路修到哪了？ asks how far it is built, not where it went: it is one of the places gone to
    subject = asked.before[:_SUBJECT_OPENING]
    listed = [item for each in places for item in text[each.start : clause_end(text, each.start)].split("、")]
    return [] if len(subject) == _SUBJECT_OPENING and any(item.startswith(subject) for item in listed) else places


_SUBJECT_OPENING = 2  # characters a question's subject opens with


def _of_the_kind(asked: Asking, words: Sequence[str], text: str, found: list[Candidate]) -> list[Candidate]:
    """Asked what thing of a kind (学了什么法规？ 对接的是什么产业？), the phrases or titles naming one: those
    ending in the kind (or in it and a closing mark: 《大目犍连变文》) and longer than it (统计法律法规), not
    opening with a word of the question (在古罗马以及什么时期？: not 古罗马时期), when the question ends with
    the kind (not 什么时期的武将, whose 时期 says of what)."""
    kind = asked.noun
    if asked.wants != "what" or len(kind) < 2 or kind[0] in _NO_KIND or asked.after.strip("呢"):
        return []
    return [
        each
        for each in found
        if each.kinds & _NAMING_KINDS
        and each.end - each.start > len(kind) + 1
        and (
            text.endswith(kind, each.start, each.end)
            or text.endswith(kind, each.start, each.end - 1)
            and text[each.end - 1] in CLOSINGS
        )
        and not any(text.startswith(word, each.start) for word in words if len(word) > 1)
    ]


def _bodies_of_the_kind(asked: Asking, text: str, found: list[Candidate]) -> list[Candidate]:
    """Asked which body of a kind (是哪个公司的品牌？), the pieces naming one of it: those ending in the kind and
    longer than it (实业有限公司, whose name ``_whole_name`` reads before it), not a brand beside (龙凤田园)."""
    if asked.wants != "which" or asked.noun not in _KINDS_OF_BODY:
        return []
    shortest = max(len(asked.noun) + 1, 3)  # 李屯村, not 农村; 城管局, not 格局
    return [
        each for each in found if text.endswith(asked.noun, each.start, each.end) and each.end - each.start >= shortest
    ]


# bodies whose names end in their kind (not an association: 和哪一个协会 may be answered by a 基金会), places
# governed too (是哪个街道打造的？: 李万街道, not the 东小巷美食一条街 it made)
_KINDS_OF_BODY = frozenset(
    "公司 集团 大学 学院 学校 医院 银行 合作社 研究院 研究所 报社 电视台 俱乐部 街道 社区 乡 镇 村 县 市 省 局".split()
)


def _named_after_a_zai(asked: Asking, words: Sequence[str], text: str) -> list[Candidate]:
    """Asked 在哪个 thing of a kind (在哪个公司车间强调安全生产？ 在哪一场会议中被确定为……？), each name the text
    gives right after a 在 and ending in the kind (在华傲精密铸造公司生产车间: 华傲精密铸造公司), longer than the
    kind by two at least and not opening with a word of the question: jieba cuts such names into words of
    every kind (华傲 精密 铸造 公司), so they are no noun phrase."""
    kind = asked.noun
    if asked.wants != "which" or kind not in _KINDS_NAMED_SO or not asked.before.endswith("在"):
        return []
    return [
        Candidate(found.start(1), found.end(1), frozenset({"org"}))
        for found in re.finditer(rf"在((?:(?![在的])[\u4e00-\u9fff·]){{2,{_NAME_MOST}}}?{kind})", text)
        if not any(text.startswith(word, found.start(1)) for word in words if len(word) > 1)
    ]


# The kinds of thing whose names end in the kind (华傲精密铸造公司, 河南理工大学, 第十九次国务会议), not a
# region or a film (在莫斯科附近区域, 在2013年9月上映的电影)
_KINDS_NAMED_SO = frozenset("公司 集团 企业 工厂 大学 学院 学校 中学 小学 医院 银行 会议 研究院 研究所 博物馆".split())
_NAME_MOST = 20  # characters before the kind, at most


# A day of the week, or several (每周二、周五开展全城大扫除), which a 周几 question asks
_WEEK = "(?:周|星期|礼拜)"
_WEEKDAYS = re.compile(rf"{_WEEK}[一二三四五六日天](?:[、和及至到]{_WEEK}?[一二三四五六日天])*")


def _weekdays(asked: Asking, words: Sequence[str], text: str) -> tuple[int, int] | None:
    """Asked which day of the week (每周几全城大扫除？ 星期几开会？), the days the first clause saying a word of
    the question names."""
    if asked.wants != "number" or not re.search(rf"{_WEEK}$", asked.before):
        return None
    named = [word for word in words if len(word) > 1]
    for days in _WEEKDAYS.finditer(text):
        if any(word in text[clause_start(text, days.start()) : clause_end(text, days.end())] for word in named):
            return days.span()
    return None


# Titles written one after another, a list with no 、 between them (下发了《……通知》《……制度》《……要点》等)
_TITLES_RUN = re.compile(r"(?:《[^《》\n]{1,60}》[、和及与]?){2,}")


def _titles_listed(words: Sequence[str], text: str) -> tuple[int, int, float] | None:
    """Asked for several things, the first run of two titles or more in a clause saying a word of the
    question before it (会议下发了《……》《……》: 下发), and the share of the question's words said up to it."""
    named = [word for word in words if len(word) > 1]
    for run in _TITLES_RUN.finditer(text):
        if any(word in text[clause_start(text, run.start()) : run.start()] for word in named):
            said = sum(len(word) for word in named if word in text[: run.start()])
            return run.start(), len(run.group().rstrip("、和及与")) + run.start(), said / sum(map(len, named))
    return None


def _titles_asked(asked: Asking, words: Sequence[str], text: str) -> tuple[int, int] | None:
    """Asked what was done, ending the question (会上下发了什么？ 审议通过了什么文件？), titles written one after
    another right after the question's verb (下发了《……》《……》)."""
    done = without_particles(asked.before)
    verb = next((word for word in words if len(word) > 1 and done.endswith(word)), "")
    if asked.wants != "what" or asked.after.strip("呢？?") or not verb:
        return None
    listed = _titles_listed([verb], text)
    if listed is None or not without_particles(text[: listed[0]]).endswith(verb):
        return None
    return listed[0], listed[1]


_OF_IT = re.compile(r"的[\u4e00-\u9fff]{1,4}呢?")  # what of the thing asked for the question asks about (的精神)
# How many of a thing a page says were done before naming it (建设一批……示范村, 开展一系列……活动)
_HOW_MANY = r"(?:(?:[一两几数多]|\d{1,3})(?:批|个|项|种|类|些|场|次)|一系列)?"
_QUOTATION = r"“[^“”\n]{1,40}”"
_KIND_MOST = 4  # characters: a kind is a word or two (示范村, 世界纪录), not a clause
_NOT_DOING = re.compile(r"[是有的为被以由用在对把从向按]")  # 这是什么活动？ 将由什么形式……？ name nothing done
_NOT_A_KIND = re.compile(r"[的了是在而与和及或被把对以为着过等]")  # 拒绝对什么的依赖？ 以什么而闻名？
# What points at a thing rather than naming it (遵守以下限制, 开展相关活动), and a particle no name opens with
_POINTING_AT = re.compile(r"(?:以下|如下|下列|下述|上述|以上|这|那|该|此|其|各|相关|有关|一些|的|了|和|等)")


def _thing_done(
    asked: Asking, words: Sequence[str], text: str, tagged: Callable[[str], Sequence[tuple[str, str, int, int]]]
) -> tuple[int, int] | None:
    """Asked what thing of a kind was done, the question ending with the kind (要建设什么示范村？ 开展什么
    活动？), the phrase ending in it that the text writes right after the question's verb (建设一批党建引领
    乡村振兴示范村; 开展“书记讲党课、党委晒党建”活动); asked what, the question ending with it (要当好什么？),
    the quotation right after the verb (当好“首席服务官”). Jieba cuts such phrases into words of every kind, so
    no phrase the model weighs holds them whole. The verb is the longest end of what the question says
    before its question word that the text says (开展: the question's words leave it out, as holding an event)."""
    if asked.wants not in ("what", "which") or asked.several:
        return None
    kind, of_it = (asked.noun + asked.after).rstrip("呢"), ""
    going_on = len(kind) > _KIND_MOST or not all(map(HAN.match, kind))  # 开展什么活动庆祝建党100周年？: 活动
    if going_on and not asked.after.startswith("的") and asked.noun in words:
        kind = asked.noun
    elif asked.noun and _OF_IT.fullmatch(asked.after):  # 传达了哪个会议的精神？: a 会议, written before its 精神
        kind, of_it = asked.noun, asked.after.rstrip("呢")[1:]
    if asked.wants == "which" and not of_it:
        return None
    if len(kind) > _KIND_MOST or not all(map(HAN.match, kind)):
        return None
    if _NOT_A_KIND.search(kind) or (kind and "".join(word for word in dict.fromkeys(words) if word in kind) != kind):
        return None  # the question's own words (考核|结果), not a piece of them
    if kind:
        named = rf"(?P<thing>(?:{_QUOTATION}|[^“”《》\s{CLAUSE_MARKS}、的]){{1,20}}?{kind})"  # 遇到的问题 describes
        named += rf"的?{re.escape(of_it)}" if of_it else ""
    else:
        named = r"“(?P<thing>[^“”\n]{1,40})”"
    before = without_particles(asked.before)
    quoted = rf"“(?P<thing>[^“”\n]{{0,20}}{kind})”" if kind and not of_it else ""  # 实施“一线工作法”
    for verb in _ends_of(before):  # the longest the text says
        if verb in text and not _NOT_DOING.search(verb):
            found = re.search(rf"{re.escape(verb)}[了过]?{_HOW_MANY}{named}", text)
            found = found or (re.search(rf"{re.escape(verb)}[了过]?{_HOW_MANY}{quoted}", text) if quoted else None)
            return _the_thing(found, kind, of_it, text, tagged) if found else None
    # the question's verb as no page says it, the page's of the same first character (推出什么服务？: 推行一站式联办服务)
    verb = before[-2:]
    if not kind or len(verb) < 2 or not all(map(HAN.match, verb)) or _NOT_DOING.search(verb):
        return None
    said = [found.start() for found in re.finditer(rf"(?={re.escape(verb[0])}[\u4e00-\u9fff]{_HOW_MANY}{named})", text)]
    verbs = {begin for _, tag, begin, end in tagged(text) if tag == "v" and end == begin + 2} if said else set()
    at = next((at for at in said if at in verbs), None)
    if at is None:
        return None
    return _the_thing(re.match(rf".{{2}}{_HOW_MANY}{named}", text[at:]), kind, of_it, text, tagged, at)


def _the_thing(
    found: re.Match | None,
    kind: str,
    of_it: str,
    text: str,
    tagged: Callable[[str], Sequence[tuple[str, str, int, int]]],
    offset: int = 0,
) -> tuple[int, int] | None:
    """The thing ``_thing_done`` found (at ``offset`` in ``text``), when it names one: longer than its kind,
    not pointing at one (相关活动), ending where a word of the text ends and starting where one starts."""
    if found is None or found.end("thing") - found.start("thing") < len(kind) + 2:
        return None
    start, end = offset + found.start("thing"), offset + found.end("thing")
    if _POINTING_AT.match(text, start):
        return None
    tokens = tagged(text)  # only now: it is slow
    if end not in {stop for _, _, _, stop in tokens}:
        return None
    # not the rest of the page's word for the reader's verb (签了什么协议？: 签订|战略合作协议, not 订战略合作协议)
    start = next((stop for _, _, begin, stop in tokens if begin < start < stop), start)
    if end - start < len(kind) + 2:
        return None
    if of_it:  # 传达学习省委……会议精神: the thing, not a second verb before it (学习)
        start = next((stop for _, tag, begin, stop in tokens if begin == start and tag == "v"), start)
    return start, end


_FRAME_AFTER = 3  # characters at least of what the question says after its question word, written after the answer
_FRAME_BOTH = 5  # and, with what it says before, in all: 以|什么|为重点加快 is a frame; 有|什么|特点 is not
_FRAME_MOST = 20  # characters of what the frame holds


def _framed(
    asked: Asking, text: str, tagged: Callable[[str], Sequence[tuple[str, str, int, int]]]
) -> tuple[int, int] | None:
    """Asked what, what the text writes where the question's word for it stands, between the end of what
    the question says before it and the start of what it says after (卫生健康工作要以什么为重点加快项目建设？:
    以|提升医疗救治、医疗服务水平|为重点加快项目建设, not the sentence before's 以“外防输入、内防反弹”为重点): of the
    frames the text holds, the one saying most of the question after it, then before it. Only within a
    clause, and a frame long enough to say what is asked of (``_FRAME_AFTER``, ``_FRAME_BOTH``). Not asked
    what thing of a kind (以什么模式移交？ BOT模式; 以什么名义加入？ 中华台北): whether the answer holds the kind
    is the model's to weigh."""
    rest = asked.noun + asked.after
    if asked.wants != "what" or asked.several or not rest:
        return None
    kind = next(iter(tagged(rest)), ("", "", 0, 0))  # the word after the question word
    if kind[1].startswith("n") and len(kind[0]) > 1:
        return None
    before, after = without_particles(asked.before), rest.rstrip("的了呢吗啊吧")
    best: tuple[int, int, int, int, int] | None = None  # after, before, -length, start, end
    for ahead in (ahead for ahead in _starts_of(after) if len(ahead) >= _FRAME_AFTER):
        for at in occurrences(text, ahead):
            opens = clause_start(text, at)
            for behind in _ends_of(before) + _FRAMING.get(before[-1:], []):
                if len(behind) + len(ahead) < _FRAME_BOTH:
                    break
                said = text.rfind(behind, opens, at)
                start, end = _unframed(text, said + len(behind), at)
                framed = said >= 0 and 1 < end - start <= _FRAME_MOST and _closes_what_it_opens(text[start:end])
                if framed and text[start:end] not in asked.before + asked.after:  # not 实施|“一线|工作法”
                    key = (len(ahead), len(behind), start - end, start, end)
                    best = key if best is None or key > best else best
                    break
        if best is not None:
            break
    return (best[3], best[4]) if best is not None else None


# a word of one character before the answer that frames it (以|付出少而收获多|而闻名), and the page's for it
# (督导组要把什么列为重点督导事项？ of 督导组要将……列为重点督导事项)
_FRAMING = {one: [one] for one in "以用被由靠凭"} | {"把": ["把", "将"], "将": ["将", "把"]}
_LOOSE = "的着而了"  # what a frame may hold at either end that is no part of the answer (大联盟名单扩编的)


def _unframed(text: str, start: int, end: int) -> tuple[int, int]:
    """What a frame holds, without the particles at its ends (着|大联盟名单扩编|的, 甜品|而)."""
    while start < end and text[start] in _LOOSE:
        start += 1
    while end > start and text[end - 1] in _LOOSE:
        end -= 1
    return start, end


_OBJECT_BEFORE = 3  # characters at least of what a question ending with 什么 says before it, said by the text
_OBJECT_MOST = 12  # characters of what the text says after it to its clause's end: more is no answer of a word or two
_VERB_OBJECT_MOST = 20  # and after the verb alone and its 了, a thing's whole name (2019年河南省知名农业品牌目录)


def _object_of(asked: Asking, text: str) -> tuple[int, int] | None:
    """Asked what, the question ending with it (要更加注重什么？), what the text writes right after what the
    question says before it, to the end of the clause (要更加注重|科技创新|，), when that is short: the
    longest end of what the question says that the text says, three characters at least, first where said;
    else what it writes after the question's verb alone and a 了 (怀山药入选了什么？: 入选了|2019年……品牌目录)."""
    if asked.wants != "what" or asked.several or (asked.noun + asked.after).strip("的了呢吗啊吧"):
        return None
    before = without_particles(asked.before)
    if not before or _NOT_DOING.search(before[-1]):  # 是什么？ 有什么？: nothing done
        return None
    for behind in (behind for behind in _ends_of(before) if len(behind) >= _OBJECT_BEFORE):
        said = text.find(behind)
        if said >= 0:
            start, end = _unframed(text, said + len(behind), clause_end(text, said + len(behind)))
            return (start, end) if 1 < end - start <= _OBJECT_MOST and text[start:end] not in before else None
    # the verb alone, as a verb ends (怀山药入选了什么？ of ……知名度越来越高，入选了2019年河南省知名农业品牌目录)
    verb = before[-2:]
    said = text.find(verb + "了") if len(verb) == 2 and all(map(HAN.match, verb)) else -1
    if said < 0:
        return None
    start, end = _unframed(text, said + len(verb) + 1, clause_end(text, said + len(verb) + 1))
    return (start, end) if 1 < end - start <= _VERB_OBJECT_MOST and text[start:end] not in before else None


# How often a thing is done, asked (例会多久开一次？ 几年举办一次？), and as a page says it (一季度召开一次, 每四年举办一次)
_ONCE_ASKED = re.compile(r"^(?:时间|长时间|个?月|年|天|周)?(?P<done>[\u4e00-\u9fff]{0,4}?)(?:一次|一回)$")
_ONCE = re.compile(
    rf"(?P<period>(?:每隔?|一)[一两二三四五六七八九十\d]*个?(?:季度|月|周|星期|年|天|日|小时))"
    rf"(?P<between>[^{CLAUSE_MARKS}]{{0,12}}?)(?:一次|一回)"
)


_POINT_MOST = 40  # characters of a point made, to the end of its sentence


def _point_made(asked: Asking, words: Sequence[str], text: str) -> tuple[int, int] | None:
    """Asked what a point of a speech was by its place (第二点是什么？, read 二是), what the page says after
    it to the end of its sentence (二是认真查摆问题，切实抓好整改。: 认真查摆问题，切实抓好整改), or None."""
    point = next((word for word in reversed(words) if POINT_WRITTEN.fullmatch(word)), "")
    said = point_said(point).search(text) if point and asked.wants == "what" else None
    if said is None:
        return None
    start = said.end()
    end = next((index for index in range(start, len(text)) if text[index] in "。；;！!？?\n"), len(text))
    return (start, end) if 2 <= end - start <= _POINT_MOST else None


def _how_often(asked: Asking, text: str) -> tuple[int, int] | None:
    """Asked how often something is done (康养工作例会多久开一次？), the period the text writes before doing it
    once (坚持一季度召开一次工作例会: 一季度, not the 一季度观摩一次 before it, which is another thing done)."""
    asked_once = _ONCE_ASKED.match(asked.after) if asked.wants == "number" else None
    if asked_once is None:
        return None
    done = asked_once.group("done")
    return next((found.span("period") for found in _ONCE.finditer(text) if done in found.group("between")), None)


# a unit of time a question asks for after 几 or 多少 (几天, 多少个月)
_TIME_UNITS = ("天", "小时", "分钟", "秒钟", "秒", "周", "星期", "月", "年")  # the longer of two first
_TIME_UNIT = re.compile(f"个?(?:{'|'.join(_TIME_UNITS)})")


def _counted(
    asked: Asking, text: str, found: list[Candidate], tokens: Sequence[tuple[str, str, int, int]] = ()
) -> tuple[str, list[Candidate]]:
    """Asked how many (因残致贫的有几户？ 示范区有多少个省级院士工作站？), the amounts written right after
    what the question counts (因残致贫|633户; 省级院士工作站|7个): after the longest end of what it says
    before its question word that the text says, or the longest start of what it says after, the
    longer of them first that the text follows with an amount; two characters at least, with 为,
    达, 共 or 约 between at most; said with their unit. What the question says after its question word is first
    looked for as it asks it, the amount right before it (有多少教职工参加？: 150余名|教职工参加, not the
    16个 of 教职工参加|16个比赛项目), or after it and the things listed with it (高端人才、团队30余个) or a noun
    of its own (监控视频资源1500余路). With them, what of the question the text says right by them (完成投资
    of 已完成投资1.2亿元, asked 创基智谷已经完成投资多少？; 投资 of 总投资30亿元). Else the amounts written right
    before what the question opens with (城中村改善了几个？: 25个|城中村)."""
    if asked.wants != "number" or (asked.carried and not asked.of):
        return "", []
    # 那因残致贫的呢？ after ……排查出多少户？: what the follow-up names is counted (因残致贫|633户), not what
    # the question before did (排查出|1713户), in its unit
    before = (asked.of if asked.carried else asked.before).rstrip("的有是为共达约了")
    unit = counted_unit(asked)
    after = "" if asked.carried else asked.after.removeprefix(unit).removeprefix("的").rstrip("呢")  # 多少的速度: 速度
    longest = [next((piece for piece in said if piece in text), "") for said in (_ends_of(before), _starts_of(after))]
    amounts = [  # said with their unit, also one read after them (70万余 + 元); no ordinal (第一批) counts
        each
        for each in found
        if "number" in each.kinds
        and _MEASURED.fullmatch(text, each.start, _with_unit(text, each))
        and (asked.ordinal or not text.startswith("第", each.start))
    ]
    if asked.carried and longest[0]:  # PM2.5浓度呢？ after 同比下降了多少？: what was done, said of it after it
        done = _done_of(asked.before.rstrip("的有是为共达约了"), longest[0], text, amounts)
        if done:
            return longest[0], _in_unit(text, unit, done, amounts)
    for piece in sorted(filter(None, longest), key=len, reverse=True):
        starts = set(occurrences(text, piece))
        ends = {start + len(piece) for start in starts}
        ends |= {listed.end() for end in ends if (listed := _LISTED_WITH.match(text, end))}
        if piece == longest[1]:  # 监控视频|资源|1500余路: what is counted, a noun of its own, then its amount
            ends |= {stop for word, tag, begin, stop in tokens if begin in ends and tag == "n" and len(word) == 2}
        ends |= {end + 1 for end in ends if text[end : end + 1] in _COUNT_LINKS}
        counted = [each for each in amounts if each.end in starts] if piece == longest[1] else []
        counted = counted or [each for each in amounts if each.start in ends]  # 有多少教职工参加？: 150余名|教职工参加
        if piece == longest[0] and unit:  # 教职工有多少人参加？: what it opens with counted before it, in its unit
            counted = counted or [each for each in amounts if each.end in starts and _in_the_unit(unit, text, each)]
        if counted:  # 中商集团有几家四级子公司？: not 三级 after 集团有, but after 四级子公司
            rest = before.removesuffix(piece) if piece == longest[0] else ""
            return piece, _in_unit(text, unit, _said_most_like(text, piece, rest, counted), amounts)
    # 城中村改善了几个？, asking nothing after: what it opens with is counted, the amount written right before
    # it (帮助全区25个城中村、27个居民楼院改善了环境: 25个, not the 27个 nearer 改善)
    subject = "" if after else next((piece for piece in _starts_of(before) if piece in text), "")
    opened = set(occurrences(text, subject)) if subject else set()
    counted = [each for each in amounts if each.end in opened]
    return (subject, _in_unit(text, unit, counted, amounts)) if counted else ("", [])


# what is counted with the things listed after it, the amount counting them all (柔性引进高端人才、团队30余个)
_LISTED_WITH = re.compile(r"(?:、[\u4e00-\u9fff]{1,8}?)+(?=[0-9一二两三四五六七八九十百千])")


def _done_of(done: str, named: str, text: str, amounts: list[Candidate]) -> list[Candidate]:
    """The amounts written right after what the question before said was done (同比下降), that the sentence
    naming what a follow-up names says of it after it (PM2.5浓度为73微克/立方米，同比下降31.77%: 31.77%), no
    list's 、 between them."""
    verb = next((end for end in _ends_of(done) if end in text), "")
    if not verb:
        return []
    for at in occurrences(text, named):
        said = text.find(verb, at + len(named), clause_end(text, at, SENTENCE_MARKS))
        if said >= 0 and "、" not in text[at:said]:  # not the next of a list's (……的五大科技综合体、总投资30亿元的……)
            amount = said + len(verb)
            starts = {amount, amount + 1} if text[amount : amount + 1] in _COUNT_LINKS else {amount}
            return [each for each in amounts if each.start in starts]
    return []


def _said_most_like(text: str, piece: str, rest: str, counted: list[Candidate]) -> list[Candidate]:
    """Of amounts each written after what the question counts (因病致贫504户，因残致贫633户，因缺乏劳动力致贫
    371户), those where the characters right before it hold most of those the question says right before it
    (残疾致贫的有几户？: 残 of 因残, 633户; 从西到东的长度: not 从北到南长度为220多公里); all when none holds half."""
    said = rest.rstrip("的之")[-_LIKE_MOST:]

    def like(each: Candidate) -> int:
        at = text.rfind(piece, 0, each.start)
        if at < 0:
            return 0
        before = text[max(clause_start(text, at, _CLAUSE_END), at - len(said)) : at]  # not 恒大文旅城、|总投资40亿元
        return sum(char in before for char in set(said))

    most = max(map(like, counted), default=0)  # half of them at least: not the 城 of 恒大文旅城、总投资40亿元
    return [each for each in counted if like(each) == most] if most * 2 >= len(set(said)) > 0 else counted


_LIKE_MOST = 4  # characters the question says right before what it counts, to tell its amount from another's


def _in_unit(text: str, unit: str, counted: list[Candidate], amounts: list[Candidate]) -> list[Candidate]:
    """The amounts counting a thing, one not in the unit asked given as the amount right after it that
    is (因残致贫有多少人？: 因残致贫633户|851人, not 633户 nor 633户851人)."""
    if not unit:
        return counted
    said = []
    for each in counted:
        then = [other for other in amounts if other.start == each.end and text.endswith(unit, other.start, other.end)]
        said += then or [each]
    return [each for each in said if not any(other.end == each.end and other.start > each.start for other in said)]


def _totals(asked: Asking, words: Sequence[str], text: str, found: list[Candidate]) -> list[Candidate]:
    """Asked how many of something the question names none of the parts of, the total a text gives
    before it breaks it down with 其中 (……的有1713户2462人，其中因病致贫504户……: 1713户): the last
    amount in the question's unit in the clause right before 其中, when the question says none of
    the words of what follows 其中 in that sentence."""
    if asked.wants != "number" or asked.carried or not asked.unit:
        return []
    totals = []
    for at in occurrences(text, "其中"):
        clause = clause_start(text, at - 1)
        sentence_end = clause_end(text, at, SENTENCE_MARKS)
        parts = text[at + 2 : sentence_end]
        if any(word in parts and word not in text[clause:at] for word in words if asked.unit not in word):
            continue
        counted = [
            each
            for each in found
            if clause <= each.start
            and each.end < at
            and "number" in each.kinds
            and text[each.start : each.end].endswith(asked.unit)
            and _MEASURED.fullmatch(text, each.start, each.end)
        ]
        totals.extend(counted[-1:])
    return totals


_ANY_TIME = "时间"  # what asks_how_long says of a length asked in no unit (多久？ 多长时间？)


def asks_how_long(asked: Asking | None) -> str | None:
    """The unit of time a question asks a length in (几天 of 用了几天？: 天; ``_ANY_TIME`` of 持续了多久？), or None."""
    if asked is not None and asked.wants == "number" and asked.measure == "duration":
        return _ANY_TIME
    unit = _TIME_UNIT.match(asked.after) if asked is not None and asked.wants == "number" else None
    return unit.group() if unit else None


def _of_the_death(asked: Asking, text: str, found: list[Candidate]) -> list[Candidate]:
    """Asked when someone died (李志勇是哪天去世的？), the dates of the clause telling the death, as pages tell
    it (于今年5月9日清晨因劳累过度突发心脏骤停: no 去世 said, and the question names nothing else of it)."""
    if asked.wants != "date" or asked.unit in ("年", "月") or not asks_of_a_death(asked):
        return []  # a year or month asked is read from the date as any other (哪一年过世？ 1598年, of 1598年9月18日)
    clauses = [(clause_start(text, told.start()), clause_end(text, told.start())) for told in DEATH_TOLD.finditer(text)]
    return [
        each
        for each in found
        if "time" in each.kinds
        and _A_DATE.fullmatch(text, each.start, each.end)  # not 去世十多年
        and any(a <= each.start < b for a, b in clauses)
    ]


# a stretch of a road or river as pages bracket it after its name: 金沙路（迎宾路至文汇路段）
_STRETCH = re.compile(r"[（(]([^（）()\n]{2,24}?[至到—－~][^（）()\n]{1,24}?)[）)]")  # (a snippet's brackets are ASCII)


def asks_for_a_stretch(asked: Asking) -> bool:
    """Asked which stretch of a thing (金沙路是哪一段？), from where to where (滨河路是从哪到哪？) or between which
    two (金沙路在哪两条路之间？)."""
    if asked.wants == "which":
        return asked.noun in ("段", "路段") or asked.after.endswith("之间")
    return asked.wants == "place" and (
        asked.before.endswith(("从哪到", "从哪里到", "从哪儿到"))
        or (asked.before.endswith("从") and asked.after.startswith("到哪"))
    )


def _stretch_of(asked: Asking, text: str) -> tuple[int, int] | None:
    """The stretch a page brackets after the thing a question names, asked for (金沙路（迎宾路至文汇路段）):
    the name the question says, two characters of it at least, right before the bracket."""
    if not asks_for_a_stretch(asked):
        return None
    for found in _STRETCH.finditer(text):
        named = text[max(0, found.start() - 6) : found.start()]
        if any(named[-size:] in asked.before for size in range(len(named), 1, -1)):
            return found.start(1), found.end(1)
    return None


_DOING_NOW = re.compile(r"在(?:干|做|忙|搞)$")  # 工人在干什么？ 食客在做什么？: what someone is doing


def _doing_now(
    asked: Asking, text: str, tagged: Callable[[str], Sequence[tuple[str, str, int, int]]]
) -> tuple[int, int] | None:
    """Asked what someone is doing (钰欣机械的工人在干什么？), what the text says they are doing after its own 在,
    up to the clause's end (……的工人在操作机床加工输送机拖辊), after the place when the 在 says where (食客在东小巷就餐:
    就餐): the doer named as the question names it, its last two characters at least right before the 在."""
    doing = _DOING_NOW.search(asked.before) if asked.wants == "what" and not asked.after.strip("呢？?") else None
    doer = asked.before[: doing.start()].removesuffix("们") if doing else ""
    if len(doer) < 2:
        return None
    for said in re.finditer(re.escape(doer[-2:]) + "(?:们)?在", text):
        start, end = said.end(), clause_end(text, said.end())
        words = tagged(text[start:end])
        if words and (words[0][1] in _PLACE_TAGS or words[0][0] in _HERE_AND_THERE):
            start += words[0][3]  # 在东小巷|就餐, 在这里|……: where, then what
        if end - start >= 2 and text[start] not in "“《(（":
            return start, end
    return None


_PLACE_TAGS = frozenset("ns s f".split())  # jieba's tags of places, and of words of place (里, 上)
_HERE_AND_THERE = frozenset("这里 那里 这儿 那儿 此 此地 当地 现场".split())


def _dated_with_all_it_names(
    asked: Asking, words: Sequence[str], text: str, found: list[Candidate]
) -> tuple[int, int] | None:
    """Asked on what day (去深圳招商是哪天？), the days of the one clause that says every word of the question,
    when it dates it by them alone, one day or days joined by 、 (通报10月30日、31日示范区赴深圳开展……专题招商
    对接会: 10月30日、31日; the paragraph's other days, of other meetings, left the span model unsure); not a
    range, whose ends are ``_within_range``'s to read."""
    said = [word for word in words if len(word) > 1 and HAN.match(word)]
    if asked.wants != "date" or asked.unit in ("年", "月", "时") or not said:
        return None
    told = []
    for start, end in _clauses(text):
        if all(word in text[start:end] for word in said):
            days = [each for each in found if start <= each.start < end and _a_day(text, each)]
            told.append(days)
    if len(told) != 1 or not told[0]:
        return None
    written = sorted({(each.start, each.end) for each in told[0]})  # 10月30日 and its 30日: the whole, once
    kept = [day for day in written if not any(a <= day[0] and day[1] <= b and (a, b) != day for a, b in written)]
    joined = all(text[end:start] == "、" for (_, end), (start, _) in zip(kept, kept[1:], strict=False))
    if not joined or _RANGE_JOINED.search(text, kept[0][0], kept[-1][1]):
        return None
    return kept[0][0], kept[-1][1]


def _clauses(text: str) -> list[tuple[int, int]]:
    """Where each clause of a text begins and ends (between commas, semicolons and sentence ends)."""
    cuts = [at for at, char in enumerate(text) if char in _CLAUSE_CUTS]
    return [(start + 1 if start >= 0 else 0, end) for start, end in zip([-1, *cuts], [*cuts, len(text)], strict=True)]


_CLAUSE_CUTS = "，,；;。！？!?"
_RANGE_JOINED = re.compile(r"[至到~～—-]")


def _a_day(text: str, each: Candidate) -> bool:
    """Whether a candidate is a day as written (10月30日, 31日, 今年11月1日), not a month or a year alone."""
    return bool(_A_DATE.fullmatch(text, each.start, each.end)) and text[each.end - 1] in "日号"


_A_DATE = re.compile(  # a date as written, its year, month or day, or all (今年5月9日, 1598年9月18日, 9日)
    r"(?=.)(?:今年|去年|前年|[0-9〇零一二三四五六七八九十]{2,4}年)?(?:[0-9一二三四五六七八九十]{1,2}月)?(?:[0-9一二三四五六七八九十]{1,3}[日号])?"
)


def _lasting(asked: Asking, text: str, found: list[Candidate]) -> list[Candidate]:
    """Asked how long in a unit of time (落户用了几天？ 建了多少年？; or in any: 持续了多久？), the amounts the
    text writes in that unit as a length of time (5天时间, 为期一周), not the dates around them (4月17日, 21日)."""
    unit = asks_how_long(asked)
    if unit is None:
        return []
    written = _TIME_UNITS if unit == _ANY_TIME else (unit.removeprefix("个"),)
    counts_years = unit == "年" and not _OF_AN_ERA.search(asked.before)  # not 民国几年？ 西元几年？, asking a year
    return [
        each
        for each in found
        if (each.kinds == {"number"} or counts_years and _YEARS_COUNTED.fullmatch(text, each.start, each.end))
        and text.endswith(written, each.start, each.end)
        and not text.endswith("周年", each.start, each.end)  # 建党100周年 is no length of time
    ]


# Years counted, which the candidates take for a date (14年 of 14年如一日): a number of three digits at most, not
# after an era (公元, 民国), a digit or a word pointing at one year (这一年), nor before a month, another digit or
# what makes it a time (年代, 年初)
_OF_AN_ERA = re.compile(r"(?:民国|民國|[公西纪紀]元)$")  # a year asked of an era: 民国几年？ asks which year
_YEARS_COUNTED = re.compile(
    r"(?<![0-9元国國这這那每当當同上])(?:[0-9]{1,3}|[一二三四五六七八九十两百几]+)多?余?年(?![0-9月代初底末中])"
)


def _opened_with(text: str, found: list[Candidate], start: int, end: int) -> Candidate | None:
    """The date a sentence (``start:end``) opens with, then a comma (4月15日，; 4月18日上午，), when it
    gives no other date of its kind (11日; not the 2019年 of 2019年中小学生秋季田径运动会), or None."""
    dates = [each for each in found if start <= each.start < end and "time" in each.kinds]
    opening = max((each for each in dates if each.start == start), key=lambda each: each.end, default=None)
    if opening is None or not _OPENED.match(text, opening.end):
        return None
    kind = text[opening.end - 1]
    return None if any(each.start >= opening.end and text[each.end - 1] == kind for each in dates) else opening


def _dated(asked: Asking, text: str, found: list[Candidate], opening: Candidate) -> tuple[int, int] | None:
    """Of a date, what is asked: the day it began, the day it ended or both (``_within_range``); of a
    year or month asked, that (哪一年: 1251年 of 1251年7月1日), or None when it does not say it."""
    chosen = _within_range(asked, text, found, opening)
    if asked.unit not in ("年", "月"):
        return chosen.start, chosen.end
    return next(
        (
            (each.start, each.end)
            for each in found
            if "time" in each.kinds
            and opening.start <= each.start
            and each.end <= chosen.end
            and _ends_in(text, each, asked.unit)
        ),
        None,
    )


def _ends_in(text: str, each: Candidate, unit: str) -> bool:
    """Whether a date ends in the unit asked for (1251年, 5月), the whole of what it says of it."""
    return text.endswith(unit, each.start, each.end) and not text[each.end : each.end + 1].isdigit()


def _within_range(asked: Asking, text: str, found: list[Candidate], chosen: Candidate) -> Candidate:
    """An amount or date the text gives as a range, or as one end of one, answers with the whole
    range (海拔约是多少米？ 生长于海拔100米至2,800米的地区: not 100米, which says it grows at 100 metres),
    or with the end the question asks for (最高, 至少, 什么时候开始) or does not say (自1386年至哪一年？)."""
    said = asked.before + asked.after
    for first, last in _ranges(text, found):
        whole = Candidate(first.start, last.end, first.kinds | last.kinds)
        if chosen.kinds & _AMOUNTS and (chosen.start, chosen.end) in {
            (each.start, each.end) for each in (first, last, whole)
        }:
            if _asks(_ASKS_THE_LAST, said, text) or text[first.start : first.end] in said:
                return last
            if _asks(_ASKS_THE_FIRST, said, text) or text[last.start : last.end] in said:
                return first
            return next(each for each in found if (each.start, each.end) == (whole.start, whole.end))
    return chosen


def _together(
    text: str, tokens: Sequence[tuple[str, str, int, int]], found: list[Candidate], chosen: Candidate
) -> Candidate:
    """A person the text names last in a list of people answers with all of them (区领导刘明胜、冯利民、
    申晓东陪同考察: 谁陪同考察的？ is all three, not 申晓东), each item ending with a name."""
    people = {each.end: each for each in found if "person" in each.kinds}
    for enumeration in enumerations(text, tokens):
        if enumeration.end != chosen.end:
            continue
        named = [people.get(end) for _, end in items(text, tokens, enumeration)]
        if all(named) and named[0] is not None:
            return Candidate(named[0].start, chosen.end, chosen.kinds)
    return chosen


def _asks(end: re.Pattern, said: str, text: str) -> bool:
    """Whether a question asks for an end of a range: says 最高 where the text does not (最高时速可达
    70-80公里: the range is the top speed)."""
    return any(word.group() not in text for word in end.finditer(said))


def _ranges(text: str, found: list[Candidate]) -> Iterator[tuple[Candidate, Candidate]]:
    """The ranges among the candidates, as their two ends (200米至2,300米: 200米, 2,300米)."""
    starting = {(each.start, each.end): each for each in found}
    for each in found:
        for joiner in _RANGE.finditer(text, each.start, each.end):
            first = starting.get((each.start, joiner.start()))
            last = starting.get((joiner.end(), each.end))
            if first and last and joiner.start() > each.start:
                yield first, last


# what stands between two things listed: quotation marks, a 、 or an 和 (“亲清政商学堂”“企业纾困360”、智慧金服)
_BETWEEN_ITEMS = re.compile(r"[“”「」『』《》\s]*[”」』》、和及与][“”「」『』《》\s]*")


def _not_beside_it(asked: Asking, text: str, found: list[Candidate]) -> list[Candidate]:
    """Asked what a thing is (企业纾困360是什么？), not another thing listed beside it (用好“亲清政商学堂”
    “企业纾困360”、智慧金服等平台: not 亲清政商学堂): nothing but quotation marks, a 、 or an 和 between them."""
    thing = asked.before.removesuffix("是")
    if asked.wants != "what" or asked.after.strip("的呢？?") or thing == asked.before or len(thing) < 3:
        return found
    named = next((piece for piece in _ends_of(thing) if len(piece) > 2 and piece in text), "")
    if not named:
        return found
    spans = {(at, at + len(named)) for at in occurrences(text, named)}

    def beside(each: Candidate) -> bool:
        return any(
            _BETWEEN_ITEMS.fullmatch(text, each.end, start) or _BETWEEN_ITEMS.fullmatch(text, end, each.start)
            for start, end in spans
            if each.end <= start or end <= each.start
        )

    listed = True
    while listed:  # the items beside those beside it too (智慧金服 of “亲清政商学堂”“企业纾困360”、智慧金服)
        listed = False
        for each in found:
            if (each.start, each.end) not in spans and beside(each):
                spans.add((each.start, each.end))
                listed = True
    return [each for each in found if (each.start, each.end) not in spans]


def _starts_of(said: str) -> list[str]:
    """What a question says, and each shorter start of it, two characters at least (组织召开的, 组织召开……)."""
    return [said[:length] for length in range(len(said), 1, -1)]


def _ends_of(said: str) -> list[str]:
    """What a question says, and each shorter end of it, two characters at least (……广场位于, 位于)."""
    return [said[-length:] for length in range(len(said), 1, -1)]


def _longest_at(found: list[Candidate], place: Callable[[Candidate], int]) -> list[Candidate]:
    """Of candidates, the longest at each ``place`` (where it starts, or ends), in text order: the
    whole name beside a verb (耶律金山, not 金山)."""
    longest: dict[int, Candidate] = {}
    for each in found:
        held = longest.get(place(each))
        if held is None or each.end - each.start > held.end - held.start:
            longest[place(each)] = each
    return sorted(longest.values(), key=lambda each: each.start)


# a negation before a count of one says none (确保全面小康不落一人, 无一人): no amount to count
_NONE_OF = re.compile(r"(?:不[落漏让丢]|无|没有?)$")
# 一家位于……的小吃店: a writer's "a", describing the one it is about, no count of them (东小巷有几家店？)
_A_CERTAIN = re.compile(r"位于|来自|名叫|名为|叫做|地处|坐落")
_OF_TIME_AFTER = re.compile(r"[时点分秒日月年号]")  # a bare number before one is a time of day or a date (20时许)
# A count of things right before a piece (16个|比赛项目): the piece says how many of a kind, not which;
# not 一 alone, a writer's "a" (一种现代主义, 一个公共卫生问题), nor an ordinal (第三个)
_NUMERAL = "0-9０-９一二两三四五六七八九十百千万几多余"
_COUNT_OF = re.compile(
    rf"(?<![第{_NUMERAL}])(?!一\s*[^{_NUMERAL}\s])[{_NUMERAL}]+\s*[个個项項家座条條种種所名位支只隻件类類批]\s*$"
)
# what a counter counts, where asking one and reading another is plainly no answer
_KIND_COUNTED = {"人": "people", "名": "people", "位": "people", "户": "households"}
_MAGNITUDE = re.compile(r"[0-9０-９.,，一二两三四五六七八九十百千万亿〇零余多几]+")  # an amount, without its unit
_COUNTERS = frozenset("项 个 家 名 位 件 条 次 场 所 座 批 种 类 户 人 篇 份 张 块")  # what a count is in
_BARE_YEAR = re.compile(r"(?:1[5-9]|20)[0-9]{2}")  # 2020 of 《2020全区……要点》
_UNITS_OF_MEASURE = frozenset("平 立 公 米 千 吨 亩 斤 升 克")  # 平方米, 立方米, 公里, 千米 (their first characters)


def _not_in_another_unit_of_time(asked: Asking, text: str, found: list[Candidate]) -> list[Candidate]:
    """Asked how long in a unit of time (落户用了几天？), the candidates but amounts said in a unit two steps or
    more away (三年 of 三年行动; not 一周 for 几天, a week of days), or counting things (16个 比赛项目)."""
    unit = asks_how_long(asked)
    asked_step = _STEP_OF_TIME.get(unit.removeprefix("个")) if unit is not None else None
    if asked_step is None:  # asked in no unit of time (多久？), or not how long
        return found

    def far(each: Candidate) -> bool:
        said = _amount_said(text, each)
        amount = _AMOUNT_OF_TIME.fullmatch(said)
        if amount is None:
            return "number" in each.kinds and _counter(said) in _COUNTERS
        said_step = _STEP_OF_TIME.get(amount.group(1))
        return said_step is not None and abs(asked_step - said_step) >= 2

    return [each for each in found if not far(each)]


# an amount of time, its unit apart (三年, 5天, 两个月, 24小时), and the units from the shortest
_AMOUNT_OF_TIME = re.compile(rf"[0-9.一二三四五六七八九十两百千万余多几半]+个?({'|'.join(_TIME_UNITS)})")
_STEP_OF_TIME = {"秒": 0, "秒钟": 0, "分钟": 1, "小时": 2, "天": 3, "周": 4, "星期": 4, "月": 5, "年": 6}


def _amount_said(text: str, each: Candidate) -> str:
    """An amount as the text says it, with its unit (2万余米, 36个, 440人次, 2020)."""
    return text[each.start : _with_unit(text, each)]


def _counter(amount: str) -> str:
    """What an amount is said in, its figures left out (个 of 36个, 人次 of 440人次, 平方米 of 5万平方米; none of 2,790,060)."""
    return _MAGNITUDE.sub("", amount)


def _in_the_unit(unit: str, text: str, each: Candidate) -> bool:
    """Whether an amount is in the unit asked, or one counting the same kind (多少人: 150余名)."""
    said = _amount_said(text, each)[-1:]
    return said == unit or _KIND_COUNTED.get(unit, unit) == _KIND_COUNTED.get(said)


def _in_the_measure_asked(asked: Asking, text: str, found: list[Candidate]) -> list[Candidate]:
    """Asked how much in a unit of measure (要建多少平方米厂房？), the amounts said in it (5万平方米, not the 4.6亿元
    the same sentence gives first), or none. Not a count (几个孩子？: 3名) nor a year (民国几年？: 民国5年)."""
    if asked.wants != "number" or asked.unit not in _UNITS_OF_MEASURE or asked.ordinal:
        return []
    return [each for each in found if _counter(_amount_said(text, each)).startswith(asked.unit)]


def _a_year_for_a_count(asked: Asking, text: str, each: Candidate) -> bool:
    """Asked how many in a counter (提出了几项任务？), a year written bare is no count (the 2020 of
    《2020全区宣传思想文化工作要点》)."""
    return (
        asked.wants == "number"
        and asked.unit in _COUNTERS
        and not asked.ordinal
        and bool(_BARE_YEAR.fullmatch(_amount_said(text, each)))
    )


def _counts_another_kind(unit: str, text: str, each: Candidate) -> bool:
    """Asked how many households (多少户), an amount of people (确保……不落一人) answers nothing; asked how
    many people, an amount of households neither; nor, asked how many people, a count of other things
    (36个村: people are counted 36人, 36名 or 36个人). (Where the question's words are right before an
    amount of the other kind, ``_counted`` reads on to the one in the unit asked: 因病致贫的504户703人.)"""
    amount = _amount_said(text, each)
    asked, said = _KIND_COUNTED.get(unit), _KIND_COUNTED.get(amount[-1:])
    if asked == "people":  # 40余人, 1368名, 3位, 36个人, 440人次, 2,790,060; not 36个村 nor 两级
        counter = _counter(amount)
        counts_people = not counter or said == "people" or counter.startswith("人")
        return not counts_people and not text.startswith("人", each.start + len(amount))
    return asked is not None and said is not None and asked != said


def _closes_what_it_opens(piece: str) -> bool:
    """Whether every quotation mark and bracket ``piece`` opens it closes (most hold none)."""
    return not _PAIRED.search(piece) or all(piece.count(opening) == piece.count(closing) for opening, closing in _PAIRS)


_SAID_WHAT = re.compile(r"(?:要求|强调|指出|表示|提出|认为|说|讲)了?$")  # ……要求什么？: what a speech said
_HONORIFIC = re.compile(r"(?:同志|先生|女士)$")  # what a page writes after a name (李志勇同志)
# Words that join what follows them to what went before (田径运动会暨教职工运动会): no answer opens with one
_JOINING_ON = frozenset("暨 及 以及 和 与 并 并且 或 或者 而".split())


class _Pieces:
    """What a short answer may not be. The model learned from all candidates, so these are dropped
    where the answer is picked, not left out of ``candidates``."""

    def __init__(self, text: str, said: frozenset[str], tokens: Sequence[tuple[str, str, int, int]]) -> None:
        self.text, self.said = text, said
        self.starts = {start for _, _, start, _ in tokens}
        self.after_verbs = {end for _, tag, _, end in tokens if tag == "v"}
        self.joined = {start for word, _, start, _ in tokens if word in _JOINING_ON}  # 暨教职工运动会
        self.inside = {  # within a word of the dictionary (集群), not one jieba's HMM glued (余人到)
            at for _, tag, start, end in tokens if tag not in _GUESSED for at in range(start + 1, end)
        }
        self.inside_said = {  # within a word of the question as the text writes it (the 2.5 of PM2.5浓度)
            at
            for word in said
            if len(word) > 1
            for found in occurrences(text, word)
            for at in range(found + 1, found + len(word))
        }

    def offerable(self, asked: Asking, each: Candidate) -> bool:
        """Never one of the question's own words (nor one of them and the honorific a page writes after
        a name: 李志勇同志), a follow-up's carried-over topic included
        (该街道党工委书记是谁？ after a question about 文昌街道 in “四城联创” is not answered 四城联创), nor an
        amount starting inside one (PM2.5浓度呢？ is not answered 2.5);
        nor a piece that begins inside a word (示和要求, the tail after the 指 of 指示和要求) or, not
        being an amount, inside a number (余人到, after the 40 of 40余人); nor one that is no date
        ending inside a word (百亿集, of 蒙牛百亿集群); nor, for a count of things (几个村), a date, though
        it also opens a clause (4月14日，在……: candidates keep it, as the model learned them); nor,
        for 多少钱, an amount that is not money (5400余座); nor, for a count of things (多少个厕所), a
        measure (2万余米), or one after a negation saying none (不落一人), or a writer's "a" describing the one
        it is about (一家位于……的小吃店), or a bare number before a unit of time (20时许); nor, for 谁, 哪里 and
        叫什么, a piece without a letter (部长叫什么？ is not answered by the “25311” of a 目标定位); nor a piece that
        opens a quotation or bracket it does not close (the “坚持总体国家安全观 of a theme quoted
        whole); nor, for 谁 and 哪里, a quotation that is no name (在哪里举行的？ is not answered by the
        theme “文明健康，绿色环保”); nor, for when, how long (计划用两年时间新建: 两年); nor, for a count
        of things (多少家), an ordinal (第一批); nor, for 谁 and 哪里, a body that names no one (公司); nor,
        for what thing of a kind, the kind after a count of it (16个比赛项目); nor a piece opening with a word
        that joins it to what went before (暨教职工运动会, of ……田径运动会暨教职工运动会)."""
        text, start, end = self.text, each.start, each.end
        piece = text[start:end]
        amount = text[start : _with_unit(text, each)]  # with its unit: 70万余 + 元, 2万余 + 米
        counting = asked.wants == "number" and asked.unit in _COUNTED
        return (
            piece not in self.said
            and _HONORIFIC.sub("", piece) not in self.said  # 他是哪里人？ (李志勇) is not 李志勇同志
            and not (each.kinds & _AMOUNTS and start in self.inside_said)
            and (start in self.starts or bool(each.kinds & _AMOUNTS))
            and (bool(each.kinds & _AMOUNTS) or not (start and text[start - 1].isdigit()))
            and ("time" in each.kinds or end not in self.inside)
            and (not asked.money or bool(MONEY.search(amount)))
            and not (counting and "time" in each.kinds)
            and not (counting and piece.startswith("一") and bool(_NONE_OF.search(text, max(0, start - 3), start)))
            and not (counting and piece.startswith("一") and bool(_A_CERTAIN.match(text, end)))
            and not (counting and piece.isdigit() and bool(_OF_TIME_AFTER.match(text, end)))  # 20|时许
            and not (counting and asked.unit not in _MEASURE_STARTS and amount.endswith(_MEASURES))
            and (not _wants_a_name(asked) or bool(_LETTER.search(text, start, end)))
            and _closes_what_it_opens(piece)
            and not self._names_a_year(asked, start, end)
            and not (asked.wants == "date" and _LASTING.match(text, end))  # 用两年时间: how long, not when
            and not (asked.wants in ("person", "place") and "quote" in each.kinds and not each.kinds & _NAMES_OF)
            and (not asked.age or piece.endswith("岁"))
            and (not asked.measure or self._measured(asked.measure, start, len(amount)))  # 有多高？ is no 一种
            and not (counting and not asked.ordinal and piece.startswith("第"))  # 多少家？ is no 第一批
            and not (_wants_a_name(asked) and piece in _BODIES)  # 谁投资的？ is no bare 公司
            and not self._counted_kind(asked, start, piece)
            and start not in self.joined
            and (
                not asks_for_a_meeting(asked) or to_simplified(piece).endswith(_MEETING_ASKED)
            )  # 在哪个会上？: no “治”
        )

    def _counted_kind(self, asked: Asking, start: int, piece: str) -> bool:
        """Asked what or which thing of a kind (教职工比的什么项目？), a piece naming the kind after a count
        of it (参加16个比赛项目的角逐) says how many things of the kind there were, not which."""
        noun = asked.noun
        return (
            asked.wants in ("what", "which")
            and len(noun) > 1
            and piece.endswith(noun)
            and bool(_COUNT_OF.search(self.text, max(0, start - 6), start))
        )

    def _measured(self, measure: str, start: int, length: int) -> bool:
        """Whether the amount at ``start`` is said in a unit of ``measure``, right after it or a space
        away (1.601 km²)."""
        return bool(MEASURES[measure].search(self.text, start, start + length + 4))

    def _names_a_year(self, asked: Asking, start: int, end: int) -> bool:
        """A year that begins a verb's object naming what is asked about (示范区什么时候开的宣传思想文化
        工作会议？: 召开2020年全区宣传思想文化工作会议) says which meeting, not when it met: no answer to
        什么时候 (the day, 4月24日, is), though one to 哪一年. Of another thing it may well date the
        event asked about (什么时候复出？: 复出参加2003年举重世锦赛)."""
        if not (asked.wants == "date" and asked.unit != "年" and start in self.after_verbs):
            return False
        named = _CLAUSE_REST.split(self.text[end:], maxsplit=1)[0]
        return bool(_YEAR_ONLY.fullmatch(self.text, start, end)) and any(
            word in named for word in self.said if HAN.search(word)
        )


_KIND_WORDS_BEFORE = 2  # characters between a list's 等 and the kind naming it (等配套设备)


class SpanFinder:
    """Finds the short answer in a cited snippet."""

    def __init__(self, segmenter: Segmenter, model: SpanModel) -> None:
        self.segmenter = segmenter
        self.model = model
        # a snippet's words, tagged once though read for what it says outright and for candidates
        self._tagged = functools.lru_cache(maxsize=64)(segmenter.tagged)

    def load(self) -> None:
        """Read the model and the dictionary's word tags now rather than for the first short answer."""
        self.model.load()
        self.segmenter.load_tags()

    def best(self, asked: Asking, words: Sequence[str], snippet: str) -> tuple[int, int, float] | None:
        """The best candidate of the snippet (start, end, confidence), whatever its confidence, of
        those a reader could take for an answer (``_Pieces.offerable``); asked who holds a title,
        of the names the snippet gives that title (one alone is read from the page, not guessed)."""
        text = char_aligned(snippet)
        tokens = self._tagged(text)
        pieces = _Pieces(text, frozenset(words), tokens)
        found = [
            each
            for each in candidates(text, tokens, asked) + _ordinals_alone(text, asked)
            if pieces.offerable(asked, each)
        ]
        found = _not_beside_it(asked, text, found)
        holders = _holders(asked, words, text, found)
        if len(holders) == 1:
            return holders[0].start, holders[0].end, 1.0
        died = _of_the_death(asked, text, found)
        whole = max(died, key=lambda each: each.end - each.start, default=None)
        if whole is not None and all(whole.start <= each.start and each.end <= whole.end for each in died):
            return whole.start, whole.end, 1.0  # one date told with the death (今年5月9日, 5月9日, 9日: 今年5月9日)
        told = _dated_with_all_it_names(asked, words, text, found) or _stretch_of(asked, text)
        if told is not None:
            return told[0], told[1], 1.0
        narrowed = (
            holders
            or _named_after_a_zai(asked, words, text)
            or _doers(asked, text, found, tokens)
            or _places(asked, words, text, found, tokens)
            or _counted(asked, text, found, tokens)[1]
            or _totals(asked, words, text, found)
            or _lasting(asked, text, found)
            or _of_the_kind(asked, words, text, found)
            or _bodies_of_the_kind(asked, text, found)
            or found
        )
        if asked.unit in _KIND_COUNTED and asked.wants == "number" and not asked.ordinal:  # 多少户？: not 不落一人
            narrowed = [each for each in narrowed if not _counts_another_kind(asked.unit, text, each)]
        narrowed = _in_the_measure_asked(asked, text, narrowed) or narrowed
        narrowed = [each for each in narrowed if not _a_year_for_a_count(asked, text, each)]
        # 工作了多少年？: 70多个 counted, and in hours, the 14年 of 14年如一日 is the length asked
        narrowed = _not_in_another_unit_of_time(asked, text, narrowed) or _lasting(asked, text, found)
        if not narrowed:
            return None
        best, confidence = self.model.best(describe(asked, words, text, tokens, narrowed))
        chosen = _without_manner(text, _within_range(asked, text, found, narrowed[best]))
        chosen = _whole_name(tokens, _whole_object(asked, text, chosen), text)
        if asked.wants == "person":
            chosen = _together(text, tokens, found, chosen)
        start = _with_its_estimate(text, chosen)
        return start, _with_the_part_of_its_year(text, chosen, _with_unit(text, chosen)), confidence

    def counted_by(self, asked: Asking, words: Sequence[str], snippet: str) -> str:
        """Asked how many, what of the question ``snippet`` says right before (or after) an amount
        in the unit asked (``_counted``): "" when it gives none so (多少个行省？ of 国内设置十路宣抚司)."""
        if asked.wants != "number":
            return ""
        text = char_aligned(snippet)
        piece, amounts = _counted(asked, text, self._offered(asked, words, text)[1])
        unit = counted_unit(asked)
        return piece if any(text.endswith(unit, each.start, each.end) for each in amounts) else ""

    def _offered(
        self, asked: Asking, words: Sequence[str], text: str
    ) -> tuple[Sequence[tuple[str, str, int, int]], list[Candidate]]:
        """A text's words, tagged, and the candidates a reader could take for an answer in it."""
        tokens = self._tagged(text)
        pieces = _Pieces(text, frozenset(words), tokens)
        return tokens, [each for each in candidates(text, tokens, asked) if pieces.offerable(asked, each)]

    def holder_in_headline(
        self, asked: Asking, words: Sequence[str], headline: str, rank: int = 1
    ) -> AnswerSpan | None:
        """Asked who holds a title, the one name the headline gives that title (a column printed
        under 示范区开放招商局局长陈振阳 names him nowhere else), or None."""
        text = char_aligned(headline)
        tokens, found = self._offered(asked, words, text)
        holders = _holders(asked, words, text, found)
        if len(holders) != 1:
            return None
        start, end = holders[0].start, holders[0].end
        return AnswerSpan(headline[start:end], rank, start, end, 1.0, headline=True)

    def body_in_headline(self, asked: Asking, words: Sequence[str], headline: str, rank: int = 1) -> AnswerSpan | None:
        """Asked which body of a kind (龙凤田园是哪个乡的品牌？), the one body of that kind the headline names
        (苏家作乡“龙凤田园”怀山药入选……), when the citation names none, or None."""
        text = char_aligned(headline)
        _, found = self._offered(asked, words, text)
        bodies = {(each.start, each.end) for each in _bodies_of_the_kind(asked, text, found)}
        if len(bodies) != 1:
            return None
        start, end = bodies.pop()
        return AnswerSpan(headline[start:end], rank, start, end, 1.0, headline=True)

    def read(self, asked: Asking, words: Sequence[str], snippet: str, rank: int = 1) -> AnswerSpan | None:
        """What ``snippet`` says outright that answers, read from the page rather than picked by the
        model: the list asked for (哪四大课堂？), what it says respectively of the thing asked about
        (……分别下降……), the quotation it gives as a theme or as the thing's name, another name it goes
        by, an honour won, who did it (a titled name before the question's verb), where (after a 在), what
        thing of a kind was done, what stands in the question's frame (以……为重点) or after its words (注重……);
        or None. Its confidence is 1 (a list's: the share of the question's words
        said up to it)."""
        if asked.wants in ("how", "yesno"):
            return None
        if asked.several:
            return self.listed(asked, words, snippet, rank)
        of_the_kind = self._listed_of_the_kind(asked, words, snippet, rank)
        if of_the_kind is not None:
            return of_the_kind
        text = char_aligned(snippet)
        told = (
            stated(asked, words, text, self._tagged)
            or self._titled_doer(asked, words, text)
            or self._done_at_a_place(asked, words, text)
            or self._gone_to_a_place(asked, words, text)
            or _meeting_held(asked, words, text)
            or _whose(asked, words, text)
            or _weekdays(asked, words, text)
            or _titles_asked(asked, words, text)
            or _thing_done(asked, words, text, self._tagged)
            or _how_often(asked, text)
            or _doing_now(asked, text, self._tagged)
            or _point_made(asked, words, text)
            or _framed(asked, text, self._tagged)
            or _object_of(asked, text)
        )
        return AnswerSpan(snippet[told[0] : told[1]], rank, told[0], told[1], 1.0) if told else None

    def _listed_of_the_kind(self, asked: Asking, words: Sequence[str], snippet: str, rank: int) -> AnswerSpan | None:
        """Asked what thing of a kind (首批下线了什么设备？), the things the snippet lists and names by the kind
        after them (首批底盘、滚轮等配套设备: 底盘、滚轮, without the question's own 首批), not a list whose last item
        only ends with it (……的指示和要求), or None."""
        if asked.wants != "what" or len(asked.noun) < 2 or asked.after:
            return None
        named = self.listed(replace(asked, several=True), words, snippet, rank, named_only=True)
        if named is None or asked.noun not in snippet[named.end : named.end + len(asked.noun) + _KIND_WORDS_BEFORE + 1]:
            return None
        verb = next((word for word in reversed(words) if asked.before.endswith(word)), "")  # 要尽快启动: 启动
        if verb and verb in snippet and verb not in snippet[clause_start(snippet, named.start) : named.start]:
            return None  # 要尽快启动什么工作？: not the ……等工作 the text goes on to 围绕, after 启动……标线施划工作
        said = next((word for word in words if named.text.startswith(word)), "")
        if len(named.text) - len(said) < 2 or named.text.startswith("、", len(said)):
            return None  # 创基智谷是什么项目？ asks what the first item is, not for the list
        return replace(named, text=named.text[len(said) :], start=named.start + len(said))

    def chosen(self, asked: Asking, words: Sequence[str], cited: Sequence[tuple[str, int]]) -> AnswerSpan | None:
        """Asked to choose between two things (上午开的还是下午开的？), the one the citations (snippet, rank) say
        in a sentence saying another word of the question, where the first saying either says it (4月24日下午，
        示范区召开……宣传思想文化工作会议: 下午), when none of them says the other; else None."""
        between = choices(asked)
        if between is None:
            return None
        others = [word for word in words if len(word) > 1 and not any(word in option for option in between)]
        said = [(snippet, rank, _options_said(*between, char_aligned(snippet), others)) for snippet, rank in cited]
        if len({option for _, _, options in said for option, at in enumerate(options) if at is not None}) != 1:
            return None  # 马村还是小寨村？ of a page saying both, or neither
        snippet, rank, options = next(each for each in said if any(each[2]))
        start, end = next(at for at in options if at is not None)
        return AnswerSpan(snippet[start:end], rank, start, end, 1.0)

    def meeting(self, asked: Asking, snippet: str, rank: int = 1) -> AnswerSpan | None:
        """The name of the meeting ``snippet`` says was held, or None (``_meeting_held``)."""
        held = _meeting_held(asked, (), char_aligned(snippet))
        return AnswerSpan(snippet[held[0] : held[1]], rank, held[0], held[1], 1.0) if held else None

    def _opening_date(self, asked: Asking, words: Sequence[str], text: str) -> tuple[int, int] | None:
        """Asked when, the date a report opens the sentence with, when the sentence says every word of
        the question and no other date of its kind (11月8日至11日，示范区……田径运动会……在……举行: the day it began,
        the day it ended or both, as asked; of a year or month asked, that), or None."""
        if asked.wants != "date":
            return None
        found = candidates(text, self._tagged(text), asked)
        said = [word for word in words if HAN.search(word)]
        for start, end in _sentences(text):
            opening = _opened_with(text, found, start, end)
            if opening is not None and said and all(word in text[start:end] for word in said):
                return _dated(asked, text, found, opening)
        return None

    def _done_at_a_place(self, asked: Asking, words: Sequence[str], text: str) -> tuple[int, int] | None:
        """Asked where something was done in words the text does not use (在哪举办？), the one place
        written after a 在 in the clause naming it (在生态广场开展……宣传活动), or None: the first
        citation may say what was done, the next where."""
        if asked.wants == "place" and asked.carried and asked.of:  # 西瓜呢？ after 在哪设置了葡萄临时销售点？
            asked = replace(asked, before=asked.of + "在", after="")  # asks where 西瓜's is: 西瓜在哪？
        if asked.wants != "place" or not asked.before.endswith(_AT) or _done(asked, text):
            return None  # a text saying what was done as the question does is left to the model, above
        if not HAN.search(asked.after.strip("的了呢")):  # 设在哪？ 东小巷在哪？
            return _set_at(asked, words, text, self._tagged(text)) or _located(asked, text)
        tokens, found = self._offered(asked, words, text)
        places = _done_at(asked, words, text, _after_a_zai(found, tokens), tokens)
        return (places[0].start, places[0].end) if len(places) == 1 else None

    def _gone_to_a_place(self, asked: Asking, words: Sequence[str], text: str) -> tuple[int, int] | None:
        """Asked where someone went to do something (一区多园是去哪学习的？), the one place the text has them
        go to and do it (考察团到平顶山高新区学习考察), or None: the first citation may say what they learned,
        the next where they went."""
        if asked.wants != "place" or not _asks_where_gone(asked):
            return None
        _, found = self._offered(asked, words, text)
        places = _went_to(asked, text, found)
        return (places[0].start, places[0].end) if len(places) == 1 else None

    def _titled_doer(self, asked: Asking, words: Sequence[str], text: str) -> tuple[int, int] | None:
        """Asked who did something (推进会是谁主持的？), the one name the text gives a title and writes
        right before the question's verb (党工委书记、管委会主任吕沛主持会议: 吕沛), or None: the meeting's
        first passage may say what it was, and the next who chaired it."""
        if asked.wants != "person":
            return None
        tokens, found = self._offered(asked, words, text)
        doers = [
            each for each in _doers(asked, text, found) if "person" in each.kinds and title_before(text, each.start)
        ]
        return (doers[0].start, doers[0].end) if len(doers) == 1 else None

    def find(self, asked: Asking, words: Sequence[str], snippet: str, rank: int = 1) -> AnswerSpan | None:
        """The short answer in ``snippet``, or None when no candidate is confident enough (asked when,
        then the date the sentence saying it opens with, ``_opening_date``)."""
        if (
            asked.wants in ("how", "yesno")
            or (asked.wants == "what" and _SAID_WHAT.search(asked.before) and not asked.after)
            or choices(asked) is not None  # 马村还是小寨村？: one of them, read from the page, or none
        ):
            return None  # 他要求什么？ asks what a speech said: no piece of it (the 四城联创 of 要紧扣“四城联创”……)
        best = self.best(asked, words, snippet)
        if best is None or best[2] < self.model.threshold or math.isnan(best[2]):
            opening = self._opening_date(asked, words, char_aligned(snippet))  # read when the model is unsure
            return AnswerSpan(snippet[opening[0] : opening[1]], rank, *opening, 1.0) if opening else None
        start, end, confidence = best
        return AnswerSpan(snippet[start:end], rank, start, end, confidence)

    def listed(
        self,
        asked: Asking,
        words: Sequence[str],
        snippet: str,
        rank: int = 1,
        naming: str = "",
        of_it: bool = False,
        named_only: bool = False,
        headline: str = "",
    ) -> AnswerSpan | None:
        """The list ``snippet`` writes out that answers a question asking for several things
        (哪些地区, 哪四大课堂), read from the page (``enumerations.py``), or None; given ``naming``,
        only a list that names it (哪些合作社: ……合作社、……合作社); with ``named_only``, one naming what
        is asked for; the question's words its article's ``headline`` says count as said before a list of as
        many items as asked for (示范区工商分局 “五办”举措暖心: “五办”，即……, asked 示范区工商分局推行了哪五办？)."""
        if not asked.several:
            return None
        text = char_aligned(snippet)
        found = listed_answer(asked, words, text, self._tagged(text), naming, of_it, named_only, char_aligned(headline))
        if found is None and not (naming or named_only):
            found = _titles_listed(words, text)
        if found is None:
            return None
        start, end, confidence = found
        return AnswerSpan(snippet[start:end], rank, start, end, confidence)
