"""What a passage states outright, read from the page rather than picked by the span model
(``spans.py``): the quotation it gives as a theme or slogan (主题为“……”), another name a thing goes
by (简称DQ, 又名不动佛、无动佛), the quotation written beside the thing named (“奋进宁郭党旗红”微信公众号),
an honour won (获……荣誉, 被评为……), those standing for a kind (以……为代表), what it takes as something (把……作为),
and what it says respectively of several things (分别,
``enumerations.py``). Each is a pattern Chinese writes unambiguously; asked so, the page's own words
answer, with the certainty of having been read there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .answer_type import HONOURS, HONOURS_ASKED, Asking, asks_for_meaning, without_particles
from .enumerations import CLOSINGS, OPENINGS, RESPECTIVELY, respective
from .segment import DIGIT, HAN, NUMERAL, clause_start
from .titles import is_title

MAX_QUOTED_CHARS = 80  # as a short answer's candidates (spans.MAX_CANDIDATE_CHARS)


# What a paper names with a quotation (主题为“……”, 以“……”为主题, “……”口号): asked what it is, the
# quotation answers, read from the page.
_CALLING = "主题|口号|标语|名称|称号|宗旨|理念|题目|主旨"
_QUOTED = rf"[“\"「『](?P<quoted>[^“”\"「」『』]{{1,{MAX_QUOTED_CHARS}}})[”\"」』]"
_CALLED = (
    re.compile(rf"(?P<calling>{_CALLING})(?:为|是|：|:)?{_QUOTED}"),
    re.compile(rf"{_QUOTED}(?:的|为)?(?P<calling>{_CALLING})"),
)
_ASKS_CALLING = re.compile(rf"({_CALLING})(?:是|为|叫)?$")


# Asked what a thing is called (微信公众号叫什么？ 这个节目的名字是什么？): the thing, and the quotation
# written right before or after it (创办“奋进宁郭党旗红”微信公众号).
_ASKS_NAME = re.compile(r"(?:的名字|的名称|名字|名称)?(?:是|叫做?|名叫|叫作)$")
MAX_THING_CHARS = 10
_QUOTATIONS = re.compile(_QUOTED)
QUOTED_NAME = re.compile(r"[“\"「『《][^“”\"「」『』《》]+[”\"」』》]")  # what a passage answering 叫什么？ writes
_NAMING_VERB = re.compile(r"(?:叫做?|名为|名叫|称为)$")  # 微信公众号名为“……”


# Asked who or what stands for a kind (最美城管人的代表是谁？): those written 以……为代表 (推出以赵小平、董红旗为
# 代表的先进典型), in one clause.
_REPRESENTED = re.compile(r"以(?P<them>[^，。；！？,;!?以]{1,30}?)为代表")


def _represented(asked: Asking, text: str) -> list[tuple[int, int]]:
    if asked.wants not in ("person", "what") or "代表" not in asked.before + asked.after:
        return []
    return [found.span("them") for found in _REPRESENTED.finditer(text)]


# Asked what a term means (五办具体指什么？ 是什么意思？), what the text says it is right after it, up to
# the clause's end (“五办”，即一般事项快办、……、特事特办，全力服务……); not 即日起, 即将.
_MEANS = r"[”\"」』]?[，,：:]?\s*(?:即(?![日将可时便使刻])|也就是|是指|指的是)\s*(?P<meaning>[^，。；！？,;!?\n]{2,80})"
# or what the text lists in brackets right after it (明确“十个全清理”（全清理破烂门对、……、各类小广告）): a list, not
# an aside (国家高新区（中部片）)
_BRACKETED = r"[”\"」』]?[（(](?P<meaning>[^（）()\n]{1,80}、[^（）()\n]{1,80})[）)]"


def _terms_meant(asked: Asking, words: Sequence[str]) -> list[str]:
    """The terms a question asks the meaning of: its words, asked 指什么？ or 什么意思？; or the one term it names
    asked 是什么？ (一门户四基地是什么？, 四个一批是什么？), which a page then says with a list or 即 after it."""
    if asks_for_meaning(asked):
        return [word for word in words if len(word) > 1]
    is_what = (
        asked.wants == "what" and not asked.noun and not asked.after.strip("呢？?") and asked.before.endswith("是")
    )
    term = asked.before[:-1]
    return [term] if is_what and len(term) > 1 else []  # (one word or several: 四个|一批, quoted whole on the page)


def _defined(asked: Asking, words: Sequence[str], text: str) -> list[tuple[int, int]]:
    meanings = {
        found.span("meaning")
        for word in _terms_meant(asked, words)
        for means in (_MEANS, _BRACKETED)
        for found in re.finditer(re.escape(word) + means, text)
    }
    return sorted(meanings)


def _listed_before(
    asked: Asking, words: Sequence[str], text: str, tagged: Callable[[str], Sequence[tuple[str, str, int, int]]]
) -> list[tuple[int, int]]:
    """Asked what a term means, the list the text writes right before it, quoted (加快建设焦作市科技创新高地、
    高端制造基地、活力要素集聚地、城市休闲目的地“一门户四基地”), from after the verb that opens it, its first item
    about as long as the others."""
    found = set()
    for word in _terms_meant(asked, words):
        for quoted in re.finditer(rf"[“\"「]{re.escape(word)}[”\"」]", text):
            opens = clause_start(text, quoted.start())
            listed = text[opens : quoted.start()]
            if "、" not in listed or listed.endswith(("、", "和", "及", "与")):
                continue  # (no list before the term, or the term one of its items: ……防治、“三散”污染治理)
            first, others = listed.index("、"), listed.split("、")[1:]
            usual = sum(map(len, others)) / len(others)
            # the first item starts after a verb, as long as the others (建设|焦作市科技创新高地, not 创新|高地)
            starts = [0] + [end for _, tag, _, end in tagged(listed) if tag.startswith("v") and end < first]
            start = min(reversed(starts), key=lambda at: abs(first - at - usual))
            found.add((opens + start, quoted.start()))
    return sorted(found)


def _thing_named(asked: Asking) -> str | None:
    """What a question asking what something is called says before its 叫 (宁郭镇创办的微信公众号叫什么名字？:
    宁郭镇创办的微信公众号), or None when it asks no name."""
    asking = _ASKS_NAME.search(asked.before) if asked.wants == "what" else None
    return None if asking is None else asked.before[: asking.start()]


def asks_for_a_name(asked: Asking) -> bool:
    """公众号叫什么（名字）？: what a thing is called, which a page quotes; not a person holding a title
    (董事长叫什么？ is answered by a name)."""
    thing = _thing_named(asked)
    return thing is not None and not asked.before.endswith("是") and not is_title(thing.removesuffix("的"))


def asks_the_name_of_a_title(asked: Asking) -> bool:
    """文昌街道党工委书记叫啥？ 董事长叫什么名字？: the name of whoever holds a title, which asks who."""
    thing = _thing_named(asked)
    return thing is not None and is_title(thing.removesuffix("的"))


def _named(asked: Asking, text: str) -> list[tuple[int, int]]:
    """Asked what a thing is called, the quotations the text writes right before that thing or
    right after it (“奋进宁郭党旗红”微信公众号; 微信公众号“奋进宁郭党旗红”), once each: the thing is the
    longest end of what the question says before 叫 that the text names so (宁郭镇创办的微信公众号叫
    什么名字？: 微信公众号). Read off each quotation's sides, not searched for each end in turn."""
    stem = _thing_named(asked)
    if stem is None:
        return []
    ends = [stem[-length:] for length in range(min(len(stem), MAX_THING_CHARS), 1, -1)]
    best, named = 0, set[tuple[int, int]]()
    for quoted in _QUOTATIONS.finditer(text):
        after = text[quoted.end() : quoted.end() + MAX_THING_CHARS + 1].removeprefix("的")
        before = _NAMING_VERB.sub("", text[max(0, quoted.start() - MAX_THING_CHARS - 2) : quoted.start()])
        length = next((len(end) for end in ends if _names_next(after, end) or before.endswith(end)), 0)
        if length and length >= best:
            named = (named if length == best else set()) | {quoted.span("quoted")}
            best = length
    said = stem[: len(stem) - best].removesuffix("的")  # what the question says of which thing it is
    if any(
        len(quoted) > 1 and said.endswith(quoted)
        for quoted in (found.group("quoted") for found in _QUOTATIONS.finditer(text))
    ):
        return []  # 六清行动是什么？ names it, as the page quotes it: “六清”“百日冲刺”行动 names no other 六清行动
    return sorted(named)


def _names_next(after: str, thing: str) -> bool:
    """Whether what follows a quotation is the ``thing``, or the thing after a word of two characters
    at most saying which of it (“奋进宁郭党旗红”微信公众号, asked of the 公众号)."""
    at = after.find(thing, 0, len(thing) + 2)
    return at == 0 or (0 < at <= 2 and all(HAN.match(char) for char in after[:at]))


def _called(asked: Asking, text: str) -> list[tuple[int, int]]:
    """Asked what something's theme, slogan or name is (主题是什么？), the quotations the text gives
    as that (主题为“坚持总体国家安全观，……”: a theme is often longer than a quotation taken as a
    candidate), once each."""
    asking = _ASKS_CALLING.search(asked.before) if asked.wants == "what" else None
    if asking is None:
        return []
    return sorted(
        {
            (found.start("quoted"), found.end("quoted"))
            for pattern in _CALLED
            for found in pattern.finditer(text)
            if found.group("calling") == asking.group(1)
        }
    )


# Another name a thing goes by, as a text writes it after the word for it: 简称DQ, 俗名龙尖, 艺名纳豆,
# 原名文启明, 又名不动佛、无动佛 (the quoted name when quoted: 群臣上谥号「明圣」). Words for a kind of name
# answer for one another (别名 for 又名, 本名 for 原名), not for another kind (学名 is no 别名).
_ALIAS_KINDS = (
    "别名 别称 又名 又称 俗名 俗称 又叫 也称 亦称 或称",
    "简称 全称",
    "原名 本名 旧称 旧名 曾用名",
    "艺名 笔名 网名",
    "学名",
    "谥号 庙号",
    "昵称 绰号 外号",
)
_ALIAS_KIND = {word: kind for kind, words in enumerate(_ALIAS_KINDS) for word in words.split()}
_ALIAS = "|".join(sorted(_ALIAS_KIND, key=len, reverse=True))
_ALIASED = re.compile(rf"(?P<alias>{_ALIAS})(?:之?为|是|叫|作|：|:)?\s*")
_ASKS_ALIAS = re.compile(rf"(?P<alias>{_ALIAS})(?:之?为|是|叫|作)?$")
_NAME_ENDS = "，。；,;！？!?\n"
_ITEM_END = re.compile(r"[、，。；,;！？!?\n]")
MAX_ALIAS_CHARS = 40


def _aliases(asked: Asking, text: str) -> list[tuple[int, int]]:
    """Asked another name a thing goes by (简称什么？ 原名叫什么？ 又称之为什么？), the names the text writes
    after a word for that kind of name (简称DQ; 又名爪哇穿山甲或爪哇鲮鲤), quotation marks left out."""
    asking = _ASKS_ALIAS.search(asked.before) if asked.wants == "what" else None
    if asking is None:
        return []
    kind = _ALIAS_KIND[asking.group("alias")]
    found = []
    for aliased in _ALIASED.finditer(text):
        name = _name_after(text, aliased.end()) if _ALIAS_KIND[aliased.group("alias")] == kind else None
        if name is not None:
            found.append(name)
    return found


def _name_after(text: str, start: int) -> tuple[int, int] | None:
    """The name (or names: 不动佛、无动佛) written from ``start`` to the end of its clause, before a
    bracket it did not open (……简称DQ）) or another name said (刘六本名刘宠、刘七本名刘宸: 刘宠); the
    quotation marks of one quoted name left out. None when longer than ``MAX_ALIAS_CHARS``."""
    depth, end = 0, start
    while end < len(text) and text[end] not in _NAME_ENDS:
        if text[end] in CLOSINGS:
            if not depth:
                break
            depth -= 1
        elif text[end] in OPENINGS:
            depth += 1
        elif text[end] == "、" and _ALIASED.search(_ITEM_END.split(text[end + 1 :], maxsplit=1)[0]):
            break
        end += 1
    while end > start and text[end - 1] in " 等":
        end -= 1
    if not 0 < end - start <= MAX_ALIAS_CHARS or depth:
        return None
    if (
        text[start] in OPENINGS
        and text[end - 1] in CLOSINGS
        and not any(char in OPENINGS for char in text[start + 1 : end - 1])
    ):
        return start + 1, end - 1
    return start, end


_QUOTATION = re.compile(r"[“\"「『](?P<quoted>[^“”\"「」『』]+)[”\"」』]$")


def _honours(asked: Asking, text: str) -> list[tuple[int, int]]:
    """Asked what honour or prize was won (获得了什么荣誉？ 获得过什么奖项？ 被评为什么先进单位？), the honours the text says
    were won, read from the page, first said first: the quoted name when the honour ends with one
    (授予示范区城管局“表现突出单位”荣誉称号: 表现突出单位)."""
    rated = without_particles(asked.before).endswith(("评为", "授予", "荣获"))  # 被评为什么先进单位？
    if asked.wants != "what" or not (asked.noun in HONOURS_ASKED or rated):
        return []
    found = []
    for pattern in HONOURS:
        for honour in pattern.finditer(text):
            quoted = _QUOTATION.search(text, honour.start("honour"), honour.end("honour"))
            found.append((quoted.start("quoted"), quoted.end("quoted")) if quoted else honour.span("honour"))
    return sorted(found)


# Asked what something is (落实河长制的首要任务是啥？), what the text takes as it: 把(or 将)……作为 it (要把确保河道安澜
# 作为落实河长制的首要任务), in one clause.
_TAKEN_AS = re.compile(r"[把将](?P<it>[^，。；！？,;!?把将]{2,40}?)作为(?P<as>[^，。；！？,;!?]{2,40})")


def _taken_as(asked: Asking, text: str) -> list[tuple[int, int]]:
    thing = asked.before.removesuffix("是").removesuffix("就").replace("的", "")
    if asked.wants != "what" or asked.after.strip("呢？?") or len(thing) < 2:
        return []
    return [
        found.span("it")
        for found in _TAKEN_AS.finditer(text)
        if thing in (taken := found.group("as").replace("的", "")) or taken in thing
    ]


# Asked who or which (谁被发了蓝旗？), what is said respectively of several is no answer: they are.
_ASKING_WHICH = frozenset(("person", "place", "which"))


def stated(
    asked: Asking, words: Sequence[str], text: str, tagged: Callable[[str], Sequence[tuple[str, str, int, int]]]
) -> tuple[int, int] | None:
    """Where ``text`` (normalised; ``tagged`` gives its words, tagged, when they are needed) says
    outright what is asked: what it says respectively of the thing asked about, what a term means
    (said after it, or listed right before it),
    a theme, another name, a thing's quoted name, an honour won, who stands for a kind (以……为代表),
    what is taken as the thing asked about (把……作为); or None."""
    if RESPECTIVELY in text and asked.wants not in _ASKING_WHICH:  # ……涉案金额分别下降……41%: 涉案金额下降了多少？
        told = respective(words, text, tagged(text), of_each=RESPECTIVELY in asked.before)
        if told is not None and _suits(asked, text[told[0] : told[1]]):
            return told
    called = (
        _defined(asked, words, text)
        or _listed_before(asked, words, text, tagged)
        or _called(asked, text)
        or _aliases(asked, text)[:1]
        or _named(asked, text)
        or _honours(asked, text)[:1]
        or _represented(asked, text)
        or _taken_as(asked, text)
        or _what_it_is(asked, text)
    )
    return called[0] if len(called) == 1 else None


# Asked what a company or body does (钰欣机械是做什么的？ 是干啥的？), and what the page says it is (该公司是一家
# 专业生产矿山输送设备的智能制造企业)
_ASKS_WHAT_IT_DOES = re.compile(r"是(?:做|干|搞)$")
_IS_ONE = re.compile(r"是一(?:家|个|所|座)(?P<what>[^，。；！？,;!?\n]{2,40})")


def _what_it_is(asked: Asking, text: str) -> list[tuple[int, int]]:
    if asked.wants != "what" or not _ASKS_WHAT_IT_DOES.search(asked.before) or asked.after.strip("的呢"):
        return []
    return [found.span("what") for found in _IS_ONE.finditer(text)]


def _suits(asked: Asking, value: str) -> bool:
    """Whether what a text says respectively could answer: an amount when asked how many (in the unit
    asked, a place when asked which: 排第几？ and 有几个乡镇？ were answered 2万元, of 分别奖励10万元、2万元),
    a date when asked when (例会是几号开的？ was answered 奖励10万元)."""
    if asked.wants == "number":
        if asked.ordinal:
            return "第" in value
        if asked.unit and not asked.money and asked.unit not in value:
            return False
        return bool(DIGIT.search(value) or NUMERAL.search(value))
    return asked.wants != "date" or bool(_DATED.search(value))


_DATED = re.compile(r"[0-9〇零一二三四五六七八九十]\s*[年月日号]|[年月日号]底|[上中下]旬")
