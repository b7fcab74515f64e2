"""Lists a passage writes out (固定课堂、指尖课堂、体验课堂和先锋课堂): the short answer to a question
asking for several things (宁郭镇打造了哪四大课堂？ 分布在哪些地区？ 包含哪两个族？).

The span model learned single pieces (a name, an amount, a phrase), so asked for several it
offered one of them (指尖). A list is read from the page instead: the items a clause joins with
、, the first cut after the verb that introduces them (包括, 分布于, 打造), the last before 等 or a
verb that follows the list (张村、李村、王村了解情况). A list answers when the question's words are
said beside it (``listed_answer``); one with as many items as the question says comes first.
What a passage says respectively (分别) of a list's items is read here too (``respective``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .answer_type import Asking, without_particles
from .dates import parse_number
from .segment import GUESSED_TAGS, HAN, NAMING_TAGS, clause_start, occurrences
from .titles import is_title, title_before

OPENINGS, CLOSINGS = "“《（(「『【", "”》）)」』】"  # quotation marks and brackets
_HOLDING_LISTS = "“（(「"  # what may hold a list whole: not 《 (a title: 《世界观、哲学和宗教》)
_CLAUSE_END = "，,；;。！？!?：:\n"
_SENTENCE_END = "。！？!?；;\n"
_CLOSED_BY = ("等", "为代表")  # what ends a list's last item: 福建等地, 以赵小平、董红旗为代表
PLACES_ASKED = frozenset("地方 地点 场所".split())  # 调研了哪些地方？ asks where someone went
# asks where (调研了哪些地方？ 在什么场所？): the page names the places, and a 地方 it says is another word (地方经济)
ASKS_WHERE = re.compile(rf"(?:哪些|哪几个|哪个|哪|什么|啥)({'|'.join(PLACES_ASKED)})")
GOING = ("前往", "来到", "走进", "走访", "深入", "到", "去", "赴")  # what is said before where someone went
_SEPARATOR = "、"
RESPECTIVELY = "分别"
_LONGEST_ITEM = 30  # characters: a longer stretch between two 、 is no item of a list
# what a list of titles in 《》 said to be titles (……为题, 题为……) names (有哪些报告题目？ 哪些文章？)
_TITLED = frozenset("题目 标题 题 书 书名 著作 作品 文件 歌 歌曲 专辑 节目 电影 报告 文章 小说 诗".split())
_QUOTE_OPENINGS, _QUOTE_CLOSINGS = "“《", "”》"  # what quotes an item of a list of things quoted (``_quoted``)
_QUOTED_RUN = re.compile(
    "|".join(
        rf"(?:{opening}[^{opening}{closing}{_SEPARATOR}，,。；;！？!?\n]{{1,{_LONGEST_ITEM}}}{closing}\s*){{2,}}"
        for opening, closing in zip(_QUOTE_OPENINGS, _QUOTE_CLOSINGS, strict=True)
    )
)
_INTRODUCING = frozenset("包括 包含 有 如 例如 比如 其中 分别是 分别为 是 为 即".split())
_PARTICLES = "了的着过之及和与于予 \u3000"
_JOINERS = frozenset("以及 及 和 与 或 还有".split())  # 甲、乙和丙: the last two joined
_NUMERALS = re.compile(r"[0-9一二两三四五六七八九十几]")
_THESE = ("这些", "这几", "以上", "上述")  # what opens a clause calling the list before it something (这些宣传品)
_COUNT = r"[0-9一二两三四五六七八九十]+[个项家座所条名位]"  # 5个 of ……等5个项目
_COUNTERS = frozenset("个种项类条位名家所座支只件大")  # what follows a count and names no thing (哪两个, 哪四大)
_COUNT_OPENING = re.compile(r"些|[0-9一二两三四五六七八九十几]+[个种项类条位名家所座支只件大]?")  # 哪些, 哪两个
_TAGS_BEFORE = ("v", "p")  # a list follows a verb or a preposition (分布于, 经过, 由)
_ASPECT = ("ul", "ug")  # jieba's tags of 了 and 过 after a verb
_NAMES = frozenset(("nr", "nrfg", "nrt"))  # jieba's tags of people's names
_JOINING = frozenset("并 并且".split())  # what joins a second deed to the question's verb (引进并助力)


@dataclass(frozen=True)
class Enumeration:
    """``text[start:end]`` lists ``items`` things."""

    start: int
    end: int
    items: int


def _depths(text: str) -> list[int]:
    """How deep in quotation marks and brackets each character is (a 、 inside 《世界观、哲学和宗教》
    separates nothing of the list around it)."""
    depths, depth = [], 0
    for char in text:
        if char in CLOSINGS and depth:
            depth -= 1
        depths.append(depth)
        if char in OPENINGS:
            depth += 1
    return depths


def enumerations(text: str, tokens: Sequence[tuple[str, str, int, int]]) -> list[Enumeration]:
    """Every list of two or more items ``text`` writes out, in order (``tokens``: its words, tagged).
    A clause's lists end at its end and at 分别 (立案数量、涉案人数、涉案金额|分别下降39%、47%和41%)."""
    depths = _depths(text)
    ends = [
        at
        for at, char in enumerate(text)
        if not depths[at] and (char in _CLAUSE_END or text.startswith(RESPECTIVELY, at))
    ]
    found, start = [], 0
    for end in [*ends, len(text)]:
        separators = [i for i in range(start, end) if text[i] == _SEPARATOR and not depths[i]]
        if separators:
            outside = [token for token in tokens if start <= token[2] < end and not depths[token[2]]]
            done = _done_by_a_name(text, outside, separators[-1])
            if done is not None:  # 党工委书记、管委会主任王家鹏深入|宁郭镇马村、……: the list of where he went
                start, separators = done, [at for at in separators if at > done]
                outside = [token for token in outside if token[2] >= done]
            enumeration = _listed(text, outside, start, separators, end)
            if enumeration is not None:
                found.append(enumeration)
        start = end + (len(RESPECTIVELY) if text.startswith(RESPECTIVELY, end) else 1)
    found += _bracketed(text, depths)
    for run in _quoted(text, depths):
        opened = next((each for each in found if run.start < each.start < run.end), None)
        if opened is not None:  # “亲清政商学堂”“企业纾困360”、智慧金服: the quoted items open a list of 、
            found[found.index(opened)] = Enumeration(run.start, opened.end, opened.items + run.items - 1)
        elif not any(run.start < each.end and each.start < run.end for each in found):
            found.append(run)
    return sorted(found, key=lambda enumeration: enumeration.start)


def _quoted(text: str, depths: list[int]) -> list[Enumeration]:
    """Things quoted one right after another, nothing between them (“土地资源型”“租金租赁型”“股份合作型”等模式;
    把“高”“新”两篇文章做实做好): a list, each item in its quotation marks."""
    return [
        Enumeration(run.start(), run.start() + len(run.group().rstrip()), run.group().count(run.group()[0]))
        for run in _QUOTED_RUN.finditer(text)
        if not depths[run.start()]
    ]


def _bracketed(text: str, depths: list[int]) -> list[Enumeration]:
    """The lists a pair of brackets or quotation marks holds whole, outside any other (明确“十个全清理”
    （全清理破烂门对、墙上灯杆上软体标语、……、各类小广告）: ten things, what the quoted name says), its
    items all of a list's length and nothing but them: no clause ends inside, and a 及 within an item
    joins its parts (村内乱堆乱放及建筑垃圾 is one); not a title (《世界观、哲学和宗教》 is one book)."""
    found = []
    for opened, char in enumerate(text):
        if char not in _HOLDING_LISTS or depths[opened]:
            continue
        closed = next((at for at in range(opened + 1, len(text)) if depths[at] == 0), len(text))
        if closed >= len(text) or text[closed] not in CLOSINGS:
            continue
        inside = range(opened + 1, closed)
        separators = [at for at in inside if text[at] == _SEPARATOR and depths[at] == 1]
        items = text[opened + 1 : closed].split(_SEPARATOR) if separators else []
        whole = len(items) == len(separators) + 1  # no 、 deeper down, in a quotation of its own
        if not whole or any(text[at] in _CLAUSE_END for at in inside):
            continue
        if all(0 < len(item.strip()) <= _LONGEST_ITEM for item in items):
            found.append(Enumeration(opened + 1, closed, len(items)))
    return found


def items(text: str, tokens: Sequence[tuple[str, str, int, int]], enumeration: Enumeration) -> list[tuple[int, int]]:
    """Where each item of a list is (start, end): between its 、 and the words that join the last
    two (39%、47%和41%: three)."""
    depths = _depths(text)
    cuts = [
        (at, at + 1) for at in range(enumeration.start, enumeration.end) if text[at] == _SEPARATOR and not depths[at]
    ]
    cuts += [
        (begin, finish)
        for word, tag, begin, finish in tokens
        if tag == "c" and word in _JOINERS and enumeration.start < begin < enumeration.end and not depths[begin]
    ]
    cuts += [  # “高”“新”: where one quoted item ends and the next opens
        (at, at)
        for at in range(enumeration.start + 1, enumeration.end)
        if text[at] in _QUOTE_OPENINGS and text[at - 1] in _QUOTE_CLOSINGS and not depths[at]
    ]
    spans, start = [], enumeration.start
    for begin, finish in sorted(cuts):
        spans.append((start, begin))
        start = finish
    return [*spans, (start, enumeration.end)]


def respective(
    words: Sequence[str], text: str, tokens: Sequence[tuple[str, str, int, int]], of_each: bool = False
) -> tuple[int, int] | None:
    """What ``text`` says of the one thing the question names among several said 分别 (respectively):
    立案数量、涉案人数、涉案金额分别下降39%、47%和41% says 41% of 涉案金额 (涉案金额下降了多少？, not
    受理了多少起欠薪案件？, which says nothing of 下降); the things may be two joined by 和 (……的文昌街道和……
    的示范区工商分局，分别奖励10万元、2万元: 2万元 of 工商分局); with ``of_each`` (the question asks 分别 too), of all
    when it names each alike (文昌街道和工商分局分别奖励了多少钱？: 10万元、2万元), or None."""
    found = enumerations(text, tokens)
    for told in found:
        at = text.rfind(RESPECTIVELY, 0, told.start)
        between = text[at : told.start] if at >= 0 else ""
        if not between or len(between) > len(RESPECTIVELY) + 4:
            continue
        done = between[len(RESPECTIVELY) :].strip()  # 下降, 为, 是: what the question must say too, if more
        if len(done) > 1 and not any(word in done or done in word for word in words):
            continue
        said = next((each for each in found if each.end == at), None)
        subjects = items(text, tokens, said) if said is not None else _joined_before(text, tokens, at)
        values = items(text, tokens, told)
        if len(subjects) != len(values):
            continue
        named = [sum(len(word) for word in words if word in text[start:end]) for start, end in subjects]
        each = of_each and named.count(max(named)) == len(named)  # all of them, named alike
        if not max(named) or (named.count(max(named)) > 1 and not each):
            continue
        start, end = values[0] if each else values[named.index(max(named))]
        said_first = [word for word in words if text.startswith(word, start) and len(word) < end - start]
        cut = start + max(map(len, said_first), default=0)  # 奖励10万元: 10万元, asked 奖励了多少钱
        cut = next((finish for _, _, begin, finish in tokens if begin < cut < finish < end), cut)  # asked 奖
        return cut, values[-1][1] if each else end
    return None


def _joined_before(text: str, tokens: Sequence[tuple[str, str, int, int]], at: int) -> list[tuple[int, int]]:
    """The things the clause before ``at`` (its 分别) names joined by one 和, 与 or 及: each of the two
    (none when it joins none, or more)."""
    depths = _depths(text)
    end = at
    while end and text[end - 1] in "，,":  # ……工商分局，分别: the clause before its comma
        end -= 1
    start = clause_start(text, end, _CLAUSE_END)
    joins = [
        (begin, finish)
        for word, tag, begin, finish in tokens
        if tag == "c" and word in _JOINERS and start < begin < end and not depths[begin]
    ]
    if len(joins) != 1:
        return []
    ((begin, finish),) = joins
    return [(start, begin), (finish, end)]


def _done_by_a_name(text: str, tokens: Sequence[tuple[str, str, int, int]], last_separator: int) -> int | None:
    """Where the last verb right after a titled person's name ends, before a clause's last 、 (the
    titles listed before the name are no items of the list of what was done), or None."""
    done = None
    for (_, tag, begin, _), (verb, next_tag, _, finish) in zip(tokens, tokens[1:], strict=False):
        if (
            tag in _NAMES
            and next_tag == "v"
            and len(verb) > 1
            and finish < last_separator
            and title_before(text, begin)
        ):
            done = finish
    return done


def _listed(
    text: str, tokens: Sequence[tuple[str, str, int, int]], start: int, separators: list[int], end: int
) -> Enumeration | None:
    """The list a clause (``start:end``) writes with the 、 at ``separators``, or None (``tokens``:
    the clause's words outside brackets and quotation marks, where a list may begin or end)."""
    middle = [text[left + 1 : right] for left, right in zip(separators, separators[1:], strict=False)]
    if any(not item.strip() or len(item) > _LONGEST_ITEM for item in middle):
        return None
    rest = text[separators[-1] + 1 : end].split("等")[0]  # the last item, and what may follow it
    longest = max([len(item) for item in middle] + [len(rest) if not middle else 2, 2])
    joined = {begin for word, tag, begin, _ in tokens if tag == "c" and word in _JOINERS}
    first = _first_item(text, tokens, start, separators[0], longest, joined)
    first = _without_a_manner(text, tokens, first, separators[0], [*middle, rest], longest)
    opening = _common_opening([*middle, rest]) if middle else ""
    opened = text.rfind(opening, start, separators[0]) if opening else -1
    if 0 <= opened < first:  # 培育壮大一批创新引领型平台、一批创新引领型企业、……: the first opens as the others do
        first = opened
    usual = sum(map(len, middle)) / len(middle) if middle else separators[0] - first
    last = _last_item_end(text, tokens, separators[-1] + 1, end, usual, joined)
    alike = _common_ending([text[first : separators[0]], *middle]) if middle else ""
    closed = text.find(alike + "的", separators[-1] + 1, last) if alike else -1
    if closed > 0:  # ……产业集群和电子信息产业集群的招引培育工作: the last item ends as the others do
        last = closed + len(alike)
    if first >= separators[0] or last <= separators[-1] + 1:
        return None
    return Enumeration(first, last, len(separators) + 1 + sum(first < at < last for at in joined))


def _without_a_manner(
    text: str, tokens: Sequence[tuple[str, str, int, int]], first: int, end: int, others: list[str], longest: int
) -> int:
    """Where the first item starts without a word of manner jieba tags an adjective or adverb and that no
    other item opens with (培育壮大|食品制造、装备制造: 食品制造; 优质蔬菜、优质水果 keeps 优质), when the rest is
    as long as the others are, a character either way."""
    word = next((word for word, tag, begin, _ in tokens if begin == first and tag in _MANNER_TAGS), "")
    word = word if len(word) > 1 else ""  # 扁 of 扁掌龙族 is no word of manner
    rest = end - first - len(word)
    if not word or any(other.startswith(word) for other in others) or abs(rest - longest) > 1 or rest < 2:
        return first
    return first + len(word)


_MANNER_TAGS = ("a", "ad", "d")  # jieba's adjectives and adverbs


def _common_opening(items: list[str]) -> str:
    """The Chinese characters every item opens with, two at least (一批创新引领型), or ""."""
    opening = os.path.commonprefix(items)
    opening = opening[: next((at for at, char in enumerate(opening) if not HAN.match(char)), len(opening))]
    return opening if len(opening) > 1 else ""


def _common_ending(items: list[str]) -> str:
    """The characters every item ends with (产业集群, 村), when they are Chinese characters."""
    ending = os.path.commonprefix([item[::-1] for item in items])[::-1]
    while ending and not all(map(HAN.match, ending)):
        ending = ending[1:]
    return ending


def _first_item(
    text: str, tokens: Sequence[tuple[str, str, int, int]], start: int, end: int, longest: int, joined: set[int]
) -> int:
    """Where the first item starts: after the verb that introduces the list, else no longer than
    the others by much (twice that, two items joined: 艾伦·劳埃德·霍奇金与安德鲁·赫胥黎、……)."""
    words = [(word, tag, begin, finish) for word, tag, begin, finish in tokens if start <= begin and finish <= end]
    joining = {finish for word, _, _, finish in words if word in _JOINING}  # 引进并|助力, which jieba tags a noun
    # a verbal noun before a name (启动|中轴、华翔电力、……) introduces the list as a verb does
    naming = {begin for _, tag, begin, _ in words if tag in NAMING_TAGS}
    introduced = [  # not the first item itself, when jieba reads it as a verb (进行短跑、跳远: 短跑)
        finish
        for word, tag, begin, finish in words
        if (
            tag in _TAGS_BEFORE
            or word in _INTRODUCING
            or begin in joining
            or (tag == "vn" and finish in naming)
            or tag in _ASPECT  # 盘活了|大江重工、……: what a verbal noun did, as a verb's 了 ends it
        )
        and finish < end
    ]
    first = max(introduced, default=start)
    # a verb of the first item's own (出台|重大案件集体讨论|工作制度、行政执法案件办理规定): the one before it introduces
    # the list, when the item after the nearer is under half as long as the others, the one after it is not
    # longer, and a noun stands between them (not 分布|在|亚洲、……, nor 担任|派驻|马德里、……); not when the next
    # item opens with a verb too (有利于地方政府|推进资源整合、实现……: things done, each with its verb)
    earlier = [at for at in introduced if at < first and end - at <= longest + 2]
    own_verb = any(finish == first and tag == "v" and word not in _INTRODUCING for word, tag, _, finish in words)
    done_next = any(begin == end + 1 and tag in ("v", "vn") for _, tag, begin, _ in tokens)
    if end - first < longest / 2 and earlier and own_verb and not done_next:
        between = [tag for _, tag, begin, _ in words if max(earlier) <= begin and begin < first]
        first = max(earlier) if "n" in between else first
    # two verbs, the first item, after the verb introducing the list (解决好……看病就医、住房安全: 看病就医, not 就医)
    item = [tag for _, tag, begin, finish in words if first <= begin and finish <= end]
    verb = next((begin for _, tag, begin, finish in words if finish == first and tag == "v"), None)
    if item == ["v"] and verb is not None and any(at <= verb for at in introduced):
        first = verb
    while first < end and text[first] in _PARTICLES:
        first += 1
    items = 1 + sum(first < at < end for at in joined)
    if end - first > (longest + 4) * items:
        starts = [begin for _, _, begin, _ in words if begin >= first and end - begin <= (longest + 2) * items]
        first = min(starts, default=first)
        while first < end and text[first] in _PARTICLES:
            first += 1
    return first


def _last_item_end(
    text: str, tokens: Sequence[tuple[str, str, int, int]], start: int, end: int, usual: float, joined: set[int]
) -> int:
    """Where the last item ends: before 等 (……福建等地) or the 为代表 closing 以……为代表 (以赵小平、董红旗为代表的
    先进典型), or, longer than the others (``usual``: their mean length; twice that, two items joined:
    学绒藏布及堆龙曲), before the verb that follows the list (张村、李村、王村了解情况); a name, before the
    verb right after it."""
    etc = min((at for at in (text.find(close, start + 1, end) for close in _CLOSED_BY) if at > 0), default=-1)
    if etc > 0:
        end = etc
    words = [(tag, begin, finish) for _, tag, begin, finish in tokens if start <= begin < end]
    if len(words) > 1 and words[0][0] in _NAMES and words[1][0] in ("v", "l"):  # l: 出席会议
        return words[0][2]  # 区领导冯利民、赵俊生出席会议: a name, and what they did
    longest = (usual + 2) * (1 + sum(start < at < end for at in joined)) * (2 if etc > 0 else 1)
    if end - start > longest:  # closed by 等, twice as long (科技型中小企业孵化等领域: not cut before 孵化)
        verbs = [  # 检查督导; not a title jieba tags a verb (各小组|组长)
            begin for word, tag, begin, _ in tokens if tag in ("v", "vn") and start < begin < end and not is_title(word)
        ]
        end = min(verbs, default=end)
    while end > start and text[end - 1] in _PARTICLES:
        end -= 1
    return end


def listed_answer(
    asked: Asking,
    words: Sequence[str],
    text: str,
    tokens: Sequence[tuple[str, str, int, int]],
    naming: str = "",
    of_it: bool = False,
    named_only: bool = False,
    headline: str = "",
) -> tuple[int, int, float] | None:
    """The list that answers a question asking for several things (start, end, and the share of
    the question's words the text says up to the end of its sentence, or for a list of as many items
    as asked for, the text or the ``headline`` it is read under), or None.

    A list answers when it has as many items as asked for, names what is asked for (哪些合作社:
    ……合作社、……合作社) or has a word of the question other than its first (its subject: 示范区 of
    示范区有哪些重点项目) said beside it (宁郭镇通过打造……, 分布于……, ……等不同的议题), and the text
    up to it says half the question's words; given ``naming``, only one that names it; with ``of_it``,
    only one of as many items as asked for or said of what is asked for. Of those, one
    with as many items as asked for first, then one said of what is asked for (哪些课堂: ……课堂、
    ……课堂; 拉萨河的支流有哪些: 主要支流有：……, not the counties 拉萨河流经), then the one said with
    more of the question's words, then the first. With ``named_only``, only one naming what is
    asked for."""
    if not asked.several:
        return None
    said = [word for word in words if HAN.search(word)]
    asked_for = _asked_for(asked, said, tokens)
    found = [_before_said_of_them(asked, text, tokens, each) for each in enumerations(text, tokens)]
    found += [
        pair
        for pair in _joined_pair(text, tokens, asked_for)
        if not any(pair.start < each.end and each.start < pair.end for each in found)
    ]
    unlisted = list(text)  # the text without its lists: their items are no words said of them
    for enumeration in found:
        unlisted[enumeration.start : enumeration.end] = " " * (enumeration.end - enumeration.start)
    plain = "".join(unlisted)
    people = {word for word, tag, _, _ in tokens if tag in _NAMES and word in said}
    best: tuple[tuple[bool, bool, bool, bool, float, int], Enumeration] | None = None
    for enumeration in found:
        if any(text.endswith(person, enumeration.start, enumeration.end) for person in people):
            continue  # 党工委书记、管委会主任王家鹏: the titles of the person asked about, no list of what they did
        if not is_title(asked_for) and asked_for != "人" and _of_people(text, tokens, enumeration):
            continue  # 区领导冯利民、万英奎 lists no 活动 (王家鹏参加了哪些活动？)
        if _lists_the_asked_of(asked, said, text, tokens, enumeration):
            continue  # 六保包括哪些？: “六保”“六稳” lists what is asked of, not its parts
        if _of_days(text, enumeration):
            continue  # 通报10月30日、31日示范区……: two days, no things (传达了哪些会议精神？)
        before = plain[: _sentence_end(plain, enumeration.end)]
        counted, named = asked.count == enumeration.items, _names(text, enumeration, asked_for)
        # titles in 《》 the text says are titles (有哪些报告题目？: 以《志不移 勇担当》《……》……为题)
        titles = (
            asked_for in _TITLED
            and text.startswith("《", enumeration.start)
            and "题" in _said_beside(plain, enumeration)
        )
        named = named or titles
        # a list named by what is asked for says it (区领导刘明胜、冯利民……: 由哪些区领导陪同？)
        # and, of a list of as many as asked for (“五办”，即……: 哪五办？), by the headline it is read under
        heading = headline if counted else ""
        spoken = sum(
            len(word)
            for word in said
            if word in before or word in heading or (named and word == asked_for) or (titles and word in _TITLED)
        )
        share = spoken / (sum(map(len, said)) or 1)
        beside = _said_beside(plain, enumeration)
        named = named or (asked_for in PLACES_ASKED and text[: enumeration.start].endswith(GOING))  # 深入……
        # named by what is asked for (……合作社、……合作社), or said of more than the subject
        said_of = counted or named or any(word in beside for word in [*said[1:], asked_for])
        if share < 0.5 or (naming and not _names(text, enumeration, naming)) or not said_of:
            continue
        # a 地方 said beside a list is another word (有利于地方政府推进资源整合、……: no places)
        key = (
            counted,
            named,
            _after_the_verb(asked, text, enumeration),  # 盘活了|大江重工、……, not ……第一批企业 (哪些企业？)
            named or (asked_for in beside and asked_for not in PLACES_ASKED),
            share,
            -enumeration.start,
        )
        if (of_it and not (counted or key[2] or key[3])) or (named_only and not named):
            continue
        if best is None or key > best[0]:
            best = (key, enumeration)
    if best is None:
        return None
    start, end = best[1].start, best[1].end
    verb = next((word for word, tag, begin, _ in tokens if begin == start and tag in ("v", "vn") and word in said), "")
    after_verb = bool(verb) or any(stop == start and tag == "v" and word in said for word, tag, _, stop in tokens)
    start += len(verb)  # 启动中轴、华翔电力……: 哪些企业启动了搬迁？ said 启动
    opening = [(word, tag) for word, tag, begin, _ in tokens if begin >= start][:2]
    if (
        after_verb
        and len(opening) == 2
        and opening[0][0] in _JOINING
        and opening[1][1] not in NAMING_TAGS | GUESSED_TAGS
    ):
        start += len(opening[0][0]) + len(opening[1][0])  # 引进并助力创基智谷、……: and the deed joined to it
    return start, _without_count(text, start, _to_the_kind(text, end, asked.noun, said), best[1].items), best[0][-2]


def _to_the_kind(text: str, end: int, kind: str, said: list[str]) -> int:
    """Where a list's last item ends, on to the kind asked for when a verb inside it cut it short
    (要加强哪些车辆的管控？: 柴油货车、大型|运输车辆管控, cut before 运输: 大型运输车辆); not when it ends with a
    word of the question (哪些部门负责人……？: ……和公、检、法部门, not on to 相关负责人)."""
    if any(text.endswith(word, 0, end) for word in said):
        return end
    at = text.find(kind, end + 1, end + len(kind) + _KIND_AFTER_CUT) if kind and HAN.match(kind) else -1
    gap = text[end:at]
    if at < 0 or not all(map(HAN.match, gap)) or _NUMERALS.search(gap) or any(word in gap for word in _CLOSED_BY):
        return end  # not on past 等 or a count (……装备制造等主导产业, 责任、制度、措施三到位)
    return at + len(kind)


_KIND_AFTER_CUT = 4  # characters between a last item cut short and the kind asked for


def _of_days(text: str, enumeration: Enumeration) -> bool:
    """Whether a list's 、 all stand between days (10月30日、31日), which date one thing rather than list several."""
    separators = [at for at in range(enumeration.start, enumeration.end) if text[at] == _SEPARATOR]
    return bool(separators) and all(
        text[at - 1] in "日号" and text[at - 2 : at - 1].isdigit() and text[at + 1 : at + 2].isdigit()
        for at in separators
    )


def _lists_the_asked_of(
    asked: Asking, said: list[str], text: str, tokens: Sequence[tuple[str, str, int, int]], enumeration: Enumeration
) -> bool:
    """Whether an item of a list is what the question asks the parts of, a word it says before its question word
    (六保包括哪些？ of 抓好“六保”“六稳”工作), or one it asks for others than (除了英格兰，还有哪些国家？); a word
    of its own there, not the end of a longer one (计算神经科学包含哪些科学？: 神经科学 is one of them)."""
    asked_of = {word for word in said if _said_whole(word, asked.before)}
    return bool(asked_of) and any(
        text[start:end].strip(OPENINGS + CLOSINGS) in asked_of for start, end in items(text, tokens, enumeration)
    )


def _said_whole(word: str, said: str) -> bool:
    """Whether ``said`` says ``word`` with no Chinese character right before it but a particle or 除 (六保包括;
    除了英格兰, 除英格兰)."""
    return any(
        at == 0 or not HAN.match(said[at - 1]) or said[at - 1] in _PARTICLES + "除" for at in occurrences(said, word)
    )


def _after_the_verb(asked: Asking, text: str, enumeration: Enumeration) -> bool:
    """Whether a list is written right after the question's verb, 了 or 过 between (盘活了哪些企业？:
    有效盘活了|大江重工、平原光电), two characters of it at least."""
    verb = without_particles(asked.before)[-2:]
    opening = text[: enumeration.start].rstrip("了过")
    return len(verb) == 2 and all(map(HAN.match, verb)) and opening.endswith(verb)


def _before_said_of_them(
    asked: Asking, text: str, tokens: Sequence[tuple[str, str, int, int]], enumeration: Enumeration
) -> Enumeration:
    """A list ending where its last item is followed by what the question says after its question word, 的
    first (盘活了哪些企业的闲置厂房？: 大江重工、平原光电|的闲置厂房及土地, not a third item 土地)."""
    said = asked.after.rstrip("呢")
    if not said.startswith("的") or len(said) < _SAID_OF_THEM_LEAST:
        return enumeration
    last = text.rfind(_SEPARATOR, enumeration.start, enumeration.end)
    at = text.find(said, last, enumeration.end)
    if at <= last + 1:
        return enumeration
    cut_off = sum(at <= begin < enumeration.end for word, tag, begin, _ in tokens if tag == "c" and word in _JOINERS)
    return replace(enumeration, end=at, items=enumeration.items - cut_off)


_SAID_OF_THEM_LEAST = 3  # characters, 的 included: 的闲置厂房, not 的 alone


def _joined_pair(text: str, tokens: Sequence[tuple[str, str, int, int]], kind: str) -> list[Enumeration]:
    """Two things of the kind asked for joined by 以及, 及, 和 or 与, with no 、 (完成沁泉湖公园项目大北张村以及
    和屯村的征迁任务: 大北张村以及和屯村, asked 哪些村), the first a word of its own ending with the kind."""
    if not kind or not HAN.match(kind):
        return []
    ends = {end: (word, start) for word, _, start, end in tokens}
    found = []
    for word, _, start, end in tokens:
        first = ends.get(start)
        if word not in _JOINERS or first is None or not first[0].endswith(kind):
            continue
        bare = bool(_COMPANY.fullmatch(first[0]))  # 焦作市泰鑫机械制造有限责任|公司与大江重工（焦作）有限公司
        if len(first[0]) <= len(kind) and not bare:
            continue
        most = _PAIRED_MOST * (2 if bare else 1)
        last = next((stop for _, _, begin, stop in tokens if begin >= end and text.endswith(kind, begin, stop)), -1)
        if 0 < last - end <= most and not any(mark in text[end:last] for mark in _CLAUSE_END + _SEPARATOR):
            found.append(Enumeration(name_start(tokens, first[1], end) if bare else first[1], last, 2))
    return found


_PAIRED_MOST = 8  # characters of the second of two things joined (twice that, companies' names)
_COMPANY = re.compile(r"(?:有限责任|股份有限|有限)?公司")  # a company's kind, which jieba gives as a word of its own


def name_start(tokens: Sequence[tuple[str, str, int, int]], start: int, end: int) -> int:
    """Where the name written before a company's kind (at ``start``, the name ending at ``end``) starts: back over
    the words jieba cut it into (焦作市|泰鑫|机械制造|有限责任|公司), to the verb, preposition or mark before them
    (由), ``_NAME_MOST`` characters at most."""
    for word, tag, begin, stop in reversed(tokens):
        if stop == start and tag not in _NOT_OF_A_NAME and all(map(HAN.match, word)) and end - begin <= _NAME_MOST:
            start = begin
    return start


_NOT_OF_A_NAME = frozenset(("v", "vn", "p", "c", "d", "r", "u", "uj", "ul", "ug", "x", "m"))  # verbs, particles, …
_NAME_MOST = 20  # characters of a company's name, its kind included


def _without_count(text: str, start: int, end: int, items: int) -> int:
    """Where a list ends without its count, written right after its last item (责任、制度、措施三到位:
    三 is how many there are), not a numeral of the item itself (高三, 张十三)."""
    last = text.rfind(_SEPARATOR, start, end) + 1
    written = end - last > 2 and parse_number(text[end - 1]) == items
    return end - 1 if written and not _NUMERALS.match(text[end - 2]) else end


def _of_people(text: str, tokens: Sequence[tuple[str, str, int, int]], enumeration: Enumeration) -> bool:
    """Whether every item of a list ends with a person's name, as jieba tags them (冯利民、万英奎)."""
    ends = {end for _, tag, _, end in tokens if tag in _NAMES}
    return all(end in ends for _, end in items(text, tokens, enumeration))


def _asked_for(asked: Asking, said: list[str], tokens: Sequence[tuple[str, str, int, int]]) -> str:
    """What a question asks several of: the word after 哪些 (哪些课堂: 课堂; 哪两条道路: 道路; not the
    四大 of 哪四大课堂) or the last of the nouns (as ``tokens``, the text's words, are tagged) written on
    after it (哪几个产业集群: 集群, as jieba cuts it; 哪些区领导陪同……: 区领导), else the last before it
    (拉萨河的支流有哪些: 支流)."""
    rest = asked.noun + asked.after  # what the question says after 哪
    where = ASKS_WHERE.match("哪" + rest)
    if where:  # 调研了哪些地方？: a served question's words leave out the 地方 it asks for
        return where.group(1)
    counted = _NUMERALS.sub("", asked.noun, count=1)
    if asked.noun in said and counted != asked.noun and counted and counted[0] not in _COUNTERS:
        return counted  # 哪两轴: 轴, which jieba glued to its count (两轴), as the page's items end (……活力轴)
    after = [word for word in said if word in rest and word not in asked.before and not _NUMERALS.match(word)]
    bare = _COUNT_OPENING.sub("", rest, count=1)  # 哪些村, 哪两个村: 村
    lead = next((word for word in said if bare.startswith(word)), "")  # 哪些村: 村, though 城中村 said it
    after = [lead, *(word for word in after if word != lead)] if lead else after
    if after:
        nouns = {word for word, tag, _, _ in tokens if tag.startswith("n")}
        asked_for, at = after[0], rest.find(after[0]) + len(after[0])
        for word in after[1:2]:  # a compound of two (产业集群), not the verb after it jieba tags a noun (招商)
            if word not in nouns or not rest.startswith(word, at):
                break
            asked_for, at = word, at + len(word)
        return asked_for
    return next((word for word in reversed(said) if word in asked.before), "\0")


def _names(text: str, enumeration: Enumeration, noun: str) -> bool:
    """Whether a list names ``noun`` as what its items are: its last item ends with it (……专业合作社),
    it follows the list (……等会议), it opens the first item (区领导冯利民、……), or the clause after the list
    calls them so (手提袋、抽纸、宣传册等，这些设计精美……的宣传品). Not a word inside an item (全国、全省和全市宣传部长
    会议精神 lists no 会议). A body of government is a 部门 or a 单位 (……公安分局、司法分局等单位, asked 哪些部门)."""
    return any(_names_as(text, enumeration, kind) for kind in _ALIKE.get(noun, (noun,)))


_ALIKE = {"部门": ("部门", "单位"), "单位": ("单位", "部门")}  # the kinds a list may name what is asked for as


def _names_as(text: str, enumeration: Enumeration, noun: str) -> bool:
    start, end = enumeration.start, enumeration.end
    after = text[end:].lstrip("等")
    closed = text.startswith(
        "等", end
    )  # 底盘、滚轮等配套设备, 创基智谷、数字经济产业园等5个项目: a word or a count between
    return bool(noun) and (
        text.endswith(noun, start, end)
        or after.startswith(noun)
        or (closed and bool(re.match(rf"(?:[\u4e00-\u9fff]{{1,2}}|{_COUNT}){re.escape(noun)}", after)))
        or noun in text[start : start + len(noun) + 1]
        or (after[:1] in _CLAUSE_END and after[1:].startswith(_THESE) and noun in after[: _sentence_end(after, 1)])
    )


def _said_beside(text: str, enumeration: Enumeration) -> str:
    """What the clause holding a list says around it (宁郭镇通过打造……; ……等不同的议题), and the
    clause before when this one only opens the list (分布于东亚地区，包括……; 主要支流有：……)."""
    start = max(text.rfind(char, 0, enumeration.start) for char in _CLAUSE_END) + 1
    if text[start : enumeration.start].strip() in _INTRODUCING | {""} and start:
        start = max(text.rfind(char, 0, start - 1) for char in _CLAUSE_END) + 1
    ends = [at for at in (text.find(char, enumeration.end) for char in _CLAUSE_END) if at >= 0]
    return text[start : enumeration.start] + " " + text[enumeration.end : min(ends, default=len(text))]


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence holding ``at`` ends."""
    return min([end for end in (text.find(char, at) for char in _SENTENCE_END) if end >= 0], default=len(text))
