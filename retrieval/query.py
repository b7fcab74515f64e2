"""A question, analysed once: its words and terms, the date it asks about, the kind of answer it
wants and, in a conversation, what it carries over from the question before.

One jieba pass over the normalised question gives every word with where it stands, so the words
of its date (``2020年4月``) can be told from the words of its topic (``党工委书记``). A follow-up
(``那2020年呢？``, ``他去世时多大年纪？``) keeps the topic of the question before, replaces its date
with its own, and adds its own topic words.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from .answer_type import (
    AGE,
    DYING,
    HONOUR,
    HONOURS_ASKED,
    MONEY,
    POINT_WRITTEN,
    SPENDING,
    WINNING,
    Asking,
    answer_pattern,
    asking,
    asks_for_honour,
    choices,
    of_a_kind,
    of_several,
)
from .dates import DateRange, as_written_in_pages, english_dates, question_range, year_mentions
from .enumerations import ASKS_WHERE
from .messages import EDGES, checked, corrects, unframed
from .notes import CHINESE_WORDS_ONLY, NOT_CHINESE, Note
from .segment import NAMING_TAGS, Segmenter, as_mainland, normalise
from .spans import IN_FORCE, asks_how_long, counted_unit, looks_like_name
from .stated import asks_the_name_of_a_title
from .titles import is_title

FACT, LIST, BROWSE = "fact", "list", "browse"

# Asking phrases that name no content: 有多高, 多长, 指(什么) (blanked before segmenting).
_ASKING = re.compile(r"有?多[高长远大重久深宽厚快]|(?:是)?指(?=什么|哪些|的是)|包括(?=什么|哪些)")
# And, of served questions only (the ranker learned DRCD's without), 指的是(什么)'s 的是, 什么意思's 意思 and
# (是)因为什么's (是)因为 (and 由于什么's 由于).
_ASKING_SERVED = re.compile(_ASKING.pattern + r"|(?<=指)的是(?=什么|哪些)|(?<=什么)意思|是?(?:因为|由于)(?=什么)")
# The 那 of 那……呢, which jieba glues to what follows (那因|残致贫)
_THAT = re.compile(r"那(?=.+呢[\s？?。！!]*$)")
# A 那 typed for 哪 (the same pinyin) in a question that asks nothing else: 是那个街道打造的？ 那天来的？; not
# opening it (那个会议呢？ 那时候……)
_THAT_FOR_WHICH = re.compile(r"(?<=[\u4e00-\u9fff])那(?=[个些里儿位家天年])")
# A count named in a question that asks nothing else (重点实验室的数量？): it asks how many
_HOW_MANY_OF = re.compile(r"(?<=的(?:数量|人数|个数|总数|金额|面积|规模))(?=[？?。]*$)")
# A topic and what is asked of it typed as keywords, asking nothing else (李志勇 年龄, 东小巷地址, 蒙牛四期 投资,
# 中商控股 董事长): asked as the question it stands for (李志勇多大年纪, 东小巷在哪里, 中商控股董事长是谁); the
# keyword alone is a follow-up's (年龄？ after 李志勇是哪个单位的？: 多大年纪)
_KEYWORD_ASKED = re.compile(
    r"(?:(?<=[\u4e00-\u9fff0-9A-Za-z])(?:的|\s+)?|^\s*)(?P<asked>年龄|岁数|地址|地点|位置|时间|日期|人数|户数|投资额|总投资|投资"
    r"|荣誉|名字|名称|职务|主题|董事长|总经理|书记|局长|主任|会长|校长)(?=[？?。\s]*$)"
)
_SAYING = re.compile(r"[是了吗么呢否]")  # what keywords do not say: a verb's 是 or 了, a yes or no asked
_ASKED_AS = {
    "年龄": "多大年纪",
    "岁数": "多大年纪",
    "地址": "在哪里",
    "地点": "在哪里",
    "位置": "在哪里",
    "时间": "是什么时候",
    "日期": "是哪天",
    "人数": "有多少人",
    "户数": "有多少户",
    "投资额": "投资多少",
    "总投资": "总投资多少",
    "投资": "投资多少",
    "荣誉": "获得了什么荣誉",
    "名字": "叫什么名字",
    "名称": "叫什么名字",
    "职务": "是什么职务",
    "主题": "主题是什么",
}
# A question asking for a list of events or articles; 指哪些 / 包括哪些 ask what a term means.
_LIST = re.compile(
    r"(?<![指括含])哪些|哪几|都有(?:什么|谁|哪)|几次|多少次|(?:几|多少)[个场]会"
    # how many articles the archive has on a topic or a date: 有多少篇关于四城联创的报道？ 一共有几篇文章？
    r"|(?:多少|几)篇(?:[^，,。？?]*?(?:报道|新闻|稿件|稿子|消息)|(?:关于|有关|讲|提到|涉及|写)[^，,。？?]*?文章)"
    r"|(?:一共|总共|共)有?(?:多少|几)篇|(?:多少|几)篇文章"
    # and asked after them (关于李志勇的报道有几篇？), which of them (哪篇报道讲了夜经济？) or whether there are any
    # (有没有关于蒙牛的报道？ 有没有李志勇的报道？ 有关于扫黑除恶的新闻吗？)
    r"|(?:报道|新闻|文章|稿件|消息)(?:一共|总共|共)?有?(?:多少|几)篇|哪一?篇"
    r"|有没有[^，,。？?]*?(?:报道|新闻|文章|稿件|消息)"
    r"|有[^，,。？?]*?的(?:报道|新闻|文章|稿件|消息)[吗么嘛]"
)
_POINTING_AT_A_NAME = frozenset("这个 那个".split())  # a reader's filler before a name (那个东小巷)
# Words that point back at what was asked before.
_REFERRING = frozenset(
    "他 她 它 他们 她们 它们 该 其 此 这 那 这个 那个 这些 那些 这次 那次 此次 这里 那里 "
    "上述 这位 那位 这项 那项 该项 对方 双方".split()
)
# What opens a question about the event asked of before (会上提出了什么？ 当天发放了多少？); within a
# question (在全市推进会上……) it is that question's own event
_AT_THE_MEETING = frozenset("会上 会后 会前 席间".split())  # anywhere in a question: no meeting of its own (推进会|上)
_OPENING_BACK = _AT_THE_MEETING | frozenset("当天 当日 当晚".split())
_DONE_BY_MOST = 10  # characters of a question opening with its question word and ending with the 的 of a deed done
# A reader pressing the question (到底有多少？), or asking what else (还要解决什么问题？): nothing asked of
_PRESSING = frozenset("到底 究竟 还要 还得 还需 还需要 还有".split())
# and the pressing words, read out of a question that asks something (东小巷到底在哪儿？ asks 东小巷在哪儿？)
_EMPHASIS = re.compile(r"(?:到底|究竟)(?=[^，。,]*?(?:什么|多少|哪|谁|几|怎|何|啥|吗|多[大高长远久]))")
# A point of a speech asked by its place (第二点是什么？), which the page numbers 一是, 二是, ……
_POINT_ASKED = re.compile(
    r"第([一二三四五六七八九十]{1,2})(?:点|条|项|个方面|方面)(?=是|呢|说|讲|要求|内容|$|[？?。！!，,])"
)  # not 第一条铁路, the first of a kind
# And 做, asked what was done (去深圳做了什么？); not who did it or what it was done with (是谁做的？ 做了详细介绍)
_DOING_WHAT = re.compile(r"做了?(?:些)?(?:什么|啥)")
# A reader's words for doing anything (在哪儿搞的？ 谁弄的？): the page says what was done (开展, 举办)
_DOING_ANYTHING = frozenset("搞 弄 干 整 搞了 弄了 干了 整了 干什么 干啥 干吗".split())  # 要干什么？: one word to jieba
# A reader's word for winning an award (哪年获奖的？): the page says what was won, its own way (获……荣誉称号, 被评为)
_AWARDED = frozenset("获奖 得奖 拿奖 领奖 获过奖 得过奖".split())
# A reader's word for how long something went on (活动持续了几天？): the page says its length its own way (为期, 历时)
_LASTED = frozenset("持续 持续了 延续 延续了".split())
# A reader's word for what something yields, asked how much (能带来多少税收？): the page says it its own way
# (创造税收1.4亿元, 实现产值, 新增收入); not asked how long (能带来多久的优势？: the page's 带来)
_YIELDING = frozenset("带来 带来了 产生 产生了".split())
_YIELD_ASKED = re.compile(r"(?:带来|产生)了?(?:多少|几)")
# A reader's word for a level of government (拿了省里的荣誉？ 市里的考核排第几？): the page names the body (省住建厅)
_LEVEL_SPOKEN = frozenset("省里 市里 区里 县里".split())  # not 乡里 (乡里制), 村里
# Asked someone's age (去世时几岁？ 多大年纪去世的？), the words of the asking and of the death: the page says the age
# its own way (用38岁的年轻生命, 享年85岁), and a death in words no reader uses (突发心脏骤停)
_DYING = frozenset((*DYING, "死的"))
_AGED = frozenset("年纪 岁数 年龄".split()) | _DYING
# A reader's side of a place (沁阳那边来了多少人？): the page names the place, its people
_SIDE_SPOKEN = frozenset("那边 这边".split())
_SAID_OTHERWISE = _LEVEL_SPOKEN | _DYING | _SIDE_SPOKEN  # left out of a question when the archive never says them
_DIED_AT = re.compile(  # 他多大去世的？ 去世时多大？ ask his age
    rf"多大(?:的时候)?就?(?:{'|'.join(DYING)})|(?:{'|'.join(DYING)})的?时候?(?:有|才|已)?多大"
)
# A reader's word for going, asked where, who or which (考察团去了哪？ 去平顶山是谁带队的？ 去了哪些项目工地？): the
# page says someone went its own way (到, 赴)
_READERS_GOING = frozenset("去 去了 去过".split())
# And for coming, asked who (谁来调研的？); not asked which (用礼制来进行规划是哪部作品的风格？: 来 of purpose)
_READERS_COMING = frozenset("来 来了 来过 过来".split())
_PEOPLE_COUNTED = re.compile(r"(?:多少|几)个?(?:人|名|位)")  # 来了多少人？ 来了几个人？ 来了几位？
# A reader's word for leading a visit, asked who (谁带队去的？): the page says who led it its own way (由高鸿率领)
_LEADING = frozenset(["带队"])  # not 领队, a title too (皮划艇队的领队是谁？)
# A reader's word for giving, asked who (谁颁的？ 是谁给的？): the page says who gave it its own way (被省住建厅授予);
# and words pages say too, when they are all a question says (谁颁发的？ 谁表彰的？ after 城管局获得了什么荣誉？; not
# 红旗是谁颁发的？, which a page answers 为……颁发红旗)
_GIVING = frozenset("给 颁".split())
_GIVING_SAID = frozenset("颁发 颁给 表彰".split())
_FEW_OF = "个种项类条家位名所座支件批"  # what counts a few of a kind (几个, 几种)
_A_FEW = re.compile(rf"几[{_FEW_OF}]")  # a few of a kind: 哪几种 asks which, and names no topic
# what a question word counts that pages write with the count (1713户), searched when jieba glues it to the
# question word (排查出几户？ found the passage saying 低收入群体 and no number; 排查出多少户？ found 1713户)
_COUNTED_KEPT = frozenset("户")
_WHICH_FEW = re.compile(rf"哪几[{_FEW_OF}]?(?![0-9])")  # 哪几个村, 哪几种模式: which ones (the models learned how many)
# A reader's word for a thing, and the page's words for it, the first the archive says taken (有啥好吃的？:
# 美食街, 小吃店; 中商控股的老板是谁？: 董事长胡友峰; 发了多少篇稿子？: 发稿372篇; 怀山药是什么牌子的？: 品牌)
_FOOD = ("美食", "小吃")
_HEAD = ("董事长", "总经理", "负责人")
_READERS_THINGS = {
    "好吃": _FOOD,
    "好吃的": _FOOD,
    "吃的": _FOOD,
    "好吃的东西": _FOOD,
    "老板": _HEAD,
    "老总": _HEAD,
    "稿子": ("发稿", "稿件"),
    "牌子": ("品牌",),
}
# A reader's word for prize money (拿了多少奖金？), which a page says it rewarded (奖励10万元)
_SINCE = ("从", "自")  # 从什么时候开始？: when something began, the word of since read with its question word
_PRIZE_MONEY = frozenset("奖金 奖励金 奖钱".split())
_PRIZE_MONEY_ASKED = re.compile(r"多少(?:奖金|奖励金?)|(?:奖金|奖励金?)(?:是|有|为)?多少")
_REWARDED = "奖励"
# And for receiving a visitor (谁接待的他？ 谁见的他？): the page says 会见, 接见
_RECEIVING = frozenset("接待 见".split())
# A range's ends, asked when with nothing else (几号开始的？ after 运动会在哪办的？): the page writes the range
# (11月8日至11日……举行). Said with a topic, they stay (科索沃战争于何年结束？: 1999年, of 1998年至1999年).
_RANGE_ENDS = frozenset("开始 结束 起始 截止".split())
# A reader's word for holding an event, asked with the event named (示范区举办了什么运动会？): the page says
# it its own way (举行, 召开, 开展), and the event names what is asked about.
_HOLDING = frozenset("举办 举行 召开 开展 办 开 举办了 举行了 召开了 开展了 办了 开了".split())
_HELD = re.compile(r"(?:会|活动|赛|仪式|论坛|典礼|展|节)$")
# Words that only lean on the question before: 那……呢, 还有呢, 具体呢.
_LEANING = frozenset("那 那么 还有 具体 呢 然后 另外 又 呀 啊 吗 吧 的 了".split())
# Browsing questions ask for articles, not about a topic: 2020年7月有哪些报道？
_BROWSING = frozenset("报道 新闻 文章 消息 稿件 内容 报纸 版面 报 篇 篇文章 篇报道 档案".split())
# Who wrote a report, or took its photograph, asked after its topic (……推进会是谁报道的？ ……的报道是谁写的？
# ……的记者是谁？): a report's or a reporter's, not a bare 是谁写的 (of a novel, its text names who wrote it)
_NEWS = r"(?:报道|新闻|消息|稿子|稿件)"
_REPORTER = r"(?:哪个|哪位|哪名)记者"
_BYLINE_ASKED = re.compile(
    rf"(?:(?:的|这篇|这条)?{_NEWS}(?:是|由)?(?:谁|{_REPORTER})(?:写|采写|撰写|发)的"
    rf"|(?:是|由)?(?:谁|{_REPORTER})(?:报道|采写)的{_NEWS}?"
    rf"|(?:是|由)?{_REPORTER}(?:写|发)的{_NEWS}?"
    rf"|(?:的|这张)?(?:照片|图片)(?:是|由)?(?:谁|{_REPORTER})(?:拍|摄|拍摄)的"
    rf"|的?{_NEWS}?的?记者是(?:谁|哪位|哪个))[{re.escape(EDGES)}]*$"
)
# What a follow-up asking of the report itself says (这条新闻登在哪一版？): the report, where it was printed
_OF_THE_REPORT = _BROWSING | frozenset("条 则 版 登 登在 刊登 刊发 刊载 发表 见报 刊 登的".split())
# What happened on a date, said without naming anything: 2020年4月13日发生了什么？ 2019年11月有什么活动？
_HAPPENED = frozenset("发生 发生了 事 事情 大事 新鲜事 动态 活动".split())
# Asked who a person is: 吕沛是谁？ 王家鹏是什么职务？ 胡友峰是干什么的？ 是哪个公司的（董事长）？ 是做什么工作的？
_WHO_PREDICATE = (
    r"(?:是谁|是什么人|是哪位|是什么职务|是什么身份|是干什么的|是做什么的"
    r"|是干啥的|担任什么职务|任什么职务|什么职务|的职务是什么|的身份是什么|是什么官"
    r"|是?[做干]什么工作的|从事什么工作|是哪(?:个|家)(?:公司|单位|企业|部门|集团)的(?:[\u4e00-\u9fff]{0,3}?(?:长|书记|主任|经理|负责人|领导))?"
    r"|在哪(?:里|儿)?工作"
    r"|在哪(?:个|家)(?:公司|单位|企业|部门|集团)(?:工作|上班|任职)?)"
)
_WHEN_IN_LIFE = r"(?:生前|现在|目前|原来|以前|曾经|过去|现)?"
_WHO_IS = re.compile(rf"(?P<name>[\u4e00-\u9fff·]{{2,8}}?)(?:同志|先生|女士)?{_WHEN_IN_LIFE}{_WHO_PREDICATE}")
_ASKS_WHO = re.compile(_WHEN_IN_LIFE + _WHO_PREDICATE)  # 他（生前）是什么职务？ after a question naming one person
# Words that frame a list's topic without naming it: 关于扫黑除恶有哪些报道？ 有几篇讲扫黑除恶的文章？
_FRAMING = frozenset("关于 有关 对于 涉及 讲 提到 写 说".split())
# The latest news (最近有什么新闻？ 今天的报纸说了什么？): the archive's latest month, whatever today is.
_LATEST = frozenset("最近 最新 近期 近来 近日 新近 今天 今日 这几天 这两天 本周 这周".split())
_EARLIEST = frozenset("最早 最先 最初 最老 第一篇".split())
_DATE_UNITS = frozenset("年 月 日 号 年度 月份".split())
ALONE_BESIDE = 0.25  # a list word weighing under this share of the listed thing's says nothing of what is listed
# Left out of the phrase a follow-up is shown as: 那, 呢, 他, 还有.
_POINTING = _REFERRING | frozenset("那么 还有 具体 呢 然后 另外".split())


@dataclass(frozen=True)
class Query:
    text: str  # as asked (maybe shortened)
    phrase: str  # what it asks, without its date: what a follow-up carries over
    subject: str  # what it asks about: the phrase before its question words (沁阳市党政考察团)
    when: str  # its date or year as written (2020年4月, 2021年), or ""
    terms: tuple[str, ...]  # what the index is searched for
    words: tuple[str, ...]  # content words: snippets are chosen by them, answers bold them
    content: tuple[str, ...]  # words that say what it is about, function words too (coverage)
    topic: tuple[str, ...]  # content words outside its date, pointing words left out
    when_words: tuple[str, ...]  # the words of its date or year
    years: tuple[int, ...]  # years named without a month: an article of that year covers them
    date_range: DateRange | None
    answer_type: re.Pattern | None
    kind: str = FACT
    notes: tuple[Note, ...] = ()
    follow_up: bool = False
    focus: tuple[str, ...] = ()  # a follow-up's own words: what it asks about its topic
    context: tuple[tuple[str, int], ...] = ()  # a follow-up's articles (source, number): its topic is theirs
    asks_for_list: bool = field(default=False, compare=False)
    asking: Asking | None = field(default=None, compare=False)  # what a short answer would be
    latest: bool = False  # the latest news: browsing, the archive's latest month; a list, newest first
    earliest: bool = False  # the earliest news: browsing, the archive's earliest month
    listed: str = ""  # what a list question lists: 会议 of 哪些会议
    people: tuple[str, ...] = ()  # the people its topic names (刘明胜)
    who: str = ""  # the person it asks who they are (吕沛 of 吕沛是谁？)
    byline: bool = False  # it asks who wrote the report on its topic (……是谁报道的？): its byline answers
    compounds: tuple[tuple[str, ...], ...] = ()  # words no page says, cut into words pages say (美食, 街)
    of_another: bool = False  # a follow-up asking the question before of another thing (二期呢？ 那文昌街道呢？)

    @property
    def own_words(self) -> tuple[str, ...]:
        """The words a follow-up says of its own (its focus) that it is searched for, in their order."""
        return tuple(word for word in self.words if word in self.focus)

    @property
    def list_topic(self) -> tuple[str, ...]:
        """The words that say what a list is about: not the articles it asks for, nor the
        preposition framing them (关于扫黑除恶有哪些报道？ lists articles about 扫黑除恶)."""
        return tuple(word for word in self.topic if word not in _BROWSING and word not in _FRAMING)

    def named_anywhere(self, weights: Mapping[str, float]) -> frozenset[str]:
        """List words an article says as fully in its text as in its headline: the people it is
        about (刘明胜主持过哪些会议？ lists the meetings whose text says he chaired them; he is
        seldom in a headline), and what it lists when nothing else says what (2020年7月开了哪些
        会议？: a headline says 座谈会 or 推进会, its text 会议), a word of one character or one that
        weighs little beside it saying nothing (示范区, in most of the seeds' headlines; 开过, which the
        archive never uses: a list naming a thing it never mentions lists nothing, ``ArchiveQA``).
        Beside another word (哪些植树活动, 吕志兴有哪些活动), an article about it names it in its
        headline. ``weights``: the list words' (``search.list_weights``)."""
        people = frozenset(self.people)
        least = ALONE_BESIDE * weights.get(self.listed, 0.0)
        alone = self.listed and all(
            len(word) == 1 or weights.get(word, 0.0) < least for word in self.list_topic if word != self.listed
        )
        return people | {self.listed} if alone else people

    @property
    def understood_as(self) -> str:
        """The question as answered: itself, or for a follow-up its date and the topic it carries."""
        if not self.follow_up:
            return self.text
        return " ".join(part for part in (self.when, self.phrase) if part)


class Analyser:
    """Turns questions into queries with the archive's segmenter (and, when given, what words its
    index knows: ``known``)."""

    def __init__(self, segmenter: Segmenter, known: Callable[[str], bool] | None = None) -> None:
        self.segmenter = segmenter
        self.known = known

    def analyse(
        self,
        raw: str,
        date_range: DateRange | None = None,
        previous: Query | None = None,
        kind: str | None = None,
        lean: bool = False,
    ) -> Query:
        """``date_range`` given by the caller (``--from``/``--to``) wins over one in the question;
        with ``previous``, a question that leans on it (or any, with ``lean``) is answered as its
        follow-up; ``kind`` forces a fact, list or browsing answer (timelines are lists whatever
        they say). Asked who wrote a report on a topic (大气污染防治推进会是谁报道的？), the topic is asked
        and the report's byline answers (``Query.byline``)."""
        text, notes = checked(raw)
        plain = self._read(text)
        byline = _BYLINE_ASKED.search(plain) if self.known is not None else None
        if byline is None or not plain[: byline.start()].strip(EDGES):
            return self._analysed(text, notes, plain, date_range, previous, kind, lean)
        query = self._analysed(text, notes, plain[: byline.start()], date_range, previous, kind or FACT, lean)
        return replace(query, byline=True)

    def _analysed(
        self,
        text: str,
        notes: tuple[Note, ...],
        plain: str,
        date_range: DateRange | None,
        previous: Query | None,
        kind: str | None,
        lean: bool,
    ) -> Query:
        """``analyse`` of the question ``text`` as read (``plain``)."""
        correcting = corrects(normalise(text))  # 不是这个，我说的是蒙牛四期: the question before, of 蒙牛四期
        if len(_LATIN_WORD.findall(plain)) >= 2:  # asked in English: on April 13 is 4月13日
            plain = english_dates(plain)
        served = self.known is not None
        if self.known is not None:  # (the models learned without these)
            plain = as_written_in_pages(plain, self.known)  # 2020.4.20, 二〇二〇年四月二十日: 2020年4月20日
            plain = self._things_as_the_page_says(plain)  # 中商控股的老板是谁？: ……的董事长是谁？
            plain = self._unpointed(plain) if previous is None else plain
            plain = _EMPHASIS.sub("", plain)  # 东小巷到底在哪儿？ asks 东小巷在哪儿？
        asked_for = asking(plain)
        if served and asked_for.wants == "other" and not _THAT.search(plain):
            retyped = _THAT_FOR_WHICH.sub("哪", plain, count=1)  # 东小巷是那个街道打造的？ typed for 哪个
            retyped = _HOW_MANY_OF.sub("是多少", retyped, count=1)  # 重点实验室的数量？ asks how many
            sentence = _SAYING.search(retyped)  # 城管局是不是拿了省里的荣誉？ types no keywords
            keyword = None if sentence else _KEYWORD_ASKED.search(retyped)
            if keyword is not None and (keyword.start() > 0 or previous is not None):  # 年龄 alone: of the one before
                retyped = retyped[: keyword.start()] + _asked_as(keyword) + retyped[keyword.end() :]
            plain, asked_for = (retyped, asking(retyped)) if retyped != plain else (plain, asked_for)
        blanked = (_ASKING_SERVED if served else _ASKING).sub(_blank, plain)
        jiebas = self._tokens(blanked)
        tokens, compounds = self._in_known_pieces(self._unglued(jiebas))
        tokens = _meetings(tokens, plain)
        if served:
            held = _meeting_held(tokens, self.known or (lambda word: False))
            # not alone when it is all the question names (几点开会？: which meeting is not said)
            named = any(self.segmenter.is_indexed(word) for word, _, _ in held if word != "会议")
            tokens = held if previous is not None or named else tokens
            asked_for = self._kind_unglued(asked_for, jiebas)
            asked_for = _as_a_reader_asks(asked_for, plain, [word for word, _, _ in tokens])
            asked_for = self._done_by_what(asked_for)
        honour = served and asks_for_honour(asked_for)
        money = served and asked_for.money
        unsaid: frozenset[str] = frozenset()
        if served:  # readers' words no page says: 在哪儿搞的？ (搞); 苏家作乡得了什么奖？ (得, 奖: the page says
            # 被评为……先进单位); 打造东小巷花了多少钱？ (花, 钱: the page says 投资300万元); 去哪了？ (去)
            unsaid = _DOING_ANYTHING | _PRESSING | (HONOURS_ASKED | WINNING if honour else frozenset())
            unsaid |= {"做", "做了"} if _DOING_WHAT.search(plain) else frozenset()
            unsaid |= _AWARDED if asked_for.wants != "yesno" else frozenset()  # 获奖了吗？: what it asks
            unsaid |= SPENDING if money else frozenset()
            unsaid |= _YIELDING if _YIELD_ASKED.search(plain) else frozenset()
            knows = self.known or (lambda word: False)
            if asked_for.wants == "yesno":  # 文昌街道拿到红旗了吗？: what was won is asked, the page says 颁发红旗
                unsaid |= {word for word, _, _ in tokens if word in WINNING and not knows(word)}
            # a level, or a death, in a word the archive never says (李志勇是怎么去世的？: the page says 突发心脏骤停)
            unsaid |= {word for word, _, _ in tokens if word in _SAID_OTHERWISE and not knows(word)}
            # a count or amount in words the archive never says (一年能多出多少产值？: 一年, 多出): the page says its own
            unsaid |= {word for word, _, _ in tokens if self._unsaid_amount(word, knows)}
            # of two things to choose between, one the archive never says (在春季还是秋季举行？: 春季) is no word it need
            between = choices(asked_for)
            options = (between[0] + between[2], between[1]) if between else ()
            unsaid |= {
                word
                for word, _, _ in tokens
                if len(word) > 1 and any(word in option for option in options) and not knows(word)
            }
            unsaid |= {"还是"} if between else frozenset()  # what asks to choose, no word a page need say
            # a deed done as a reader says it, 建好 (or 建完), where the page says 建成
            tokens = [(_as_finished(word, knows), start, end) for word, start, end in tokens]
            prize = [word for word, _, _ in tokens if word in _PRIZE_MONEY and not knows(word)]
            if money and prize:  # a word the archive never says: the page says 奖励10万元, and who got it is
                unsaid |= WINNING  # what it names, not 拿 or 得
                tokens = [(_REWARDED if word in prize else word, start, end) for word, start, end in tokens]
            tokens = self._points_as_written(tokens, plain, alone=previous is None)
            # 持续了几天？: the page says 为期一周; asked 持续了多久？, in no unit, it may say 持续了四年之久
            unsaid |= _LASTED if asks_how_long(asked_for) and not asked_for.measure else frozenset()
            unsaid |= _AGED if asked_for.age else frozenset()  # 多大年纪去世的？: the page says 用38岁的年轻生命
            # 去过哪些地方？ asks where as 去哪 does: the page names the places (a 地方 it says is another
            # word: 助力地方经济) and says where someone went its own way
            where = frozenset(asked.group(1) for asked in ASKS_WHERE.finditer(plain))
            going = where or asked_for.wants in ("place", "person", "which")  # not 去史达林化於何時開始？ (de-)
            going = going or self._going_to_a_place(tokens)  # 示范区去深圳干什么了？: the page says 赴深圳
            unsaid |= where | (_READERS_GOING if going else frozenset())
            if asked_for.wants == "person":
                indexed = [word for word, _, _ in tokens if self.segmenter.is_indexed(word)]
                giving = _GIVING_SAID if indexed and all(word in _GIVING_SAID for word in indexed) else frozenset()
                unsaid |= _LEADING | _READERS_COMING | _GIVING | giving | _RECEIVING
            # and asked how many came (沁阳来了多少人？) or when (他们是哪天来的？): the page says 一行40余人到示范区
            counted = asked_for.wants == "number" and _PEOPLE_COUNTED.search(plain)
            unsaid |= _READERS_COMING if counted or asked_for.wants == "date" else frozenset()
            if asked_for.wants not in ("person", "which") and _names_an_event(tokens):  # 由连江县政府举办: who
                unsaid |= _HOLDING  # held it is read by the verb
            tokens = [token for token in tokens if token[0] not in unsaid]
            if asked_for.wants == "date" and all(  # 几号开始的？: 开始 alone names nothing asked of
                word in _RANGE_ENDS for word, _, _ in tokens if self.segmenter.is_indexed(word)
            ):
                tokens = [token for token in tokens if token[0] not in _RANGE_ENDS]
            if asked_for.wants == "date":  # 什么时候开始执行？: the page says 自……起施行
                tokens = [
                    token
                    for token, then in zip(tokens, [*tokens[1:], None], strict=True)
                    if not (token[0] == "开始" and then is not None and then[0] in IN_FORCE)
                ]
        asked = question_range(blanked)
        if (
            asked is not None
            and _MONTH_WORD.fullmatch(asked.text)
            and (_inside_a_word(asked.span, tokens) or _inside_a_title(asked.span, plain))
        ):
            asked = None  # 十月革命, 二月河, 六月雪, 《神圣十月》: a month alone, inside a name, is no date
        if served and asked is not None:  # (the models learned without)
            # and a reader's word cut off the date is still unsaid (王家鹏11月8日去了哪里？: 日去, then 去)
            tokens = [token for token in _cut_at(tokens, asked.span[1]) if token[0] not in unsaid]
        years = year_mentions(blanked)
        spans = ([asked.span] if asked else []) + [span for _, span in years]

        def in_date(start: int, end: int) -> bool:
            return any(start < high and end > low for low, high in spans)

        if _in_english(plain, [word for word, _, _ in tokens], self.segmenter.question_words):
            # The archive is Chinese: only the Chinese names in an English question can match, with
            # its dates; with none, nothing is searched (alert(1) found passages by their 1s).
            named = any(_CJK.search(word) and not in_date(start, end) for word, start, end in tokens)
            tokens = [token for token in tokens if named and not _LATIN_WORD.fullmatch(token[0])]
            notes += (Note(CHINESE_WORDS_ONLY if named else NOT_CHINESE),)
            if not named:
                asked, years = None, []
        questions = self.segmenter.question_words
        content = [word for word, _, _ in tokens if word not in questions]
        topic = [
            word
            for word, start, end in tokens
            if word not in questions and not in_date(start, end) and not _refers(word, served) and word not in _LEANING
        ]
        when_words = [word for word, start, end in tokens if in_date(start, end) and word not in questions]
        pointing = [(start, end) for word, start, end in tokens if word in _POINTING or _refers(word, served)]
        asked_at = min(
            (start for word, start, _ in tokens if word in questions and word not in _POINTING), default=None
        )
        listing = _LIST.search(plain)
        asks_for_list = bool(listing) or (served and (date_range or asked) is not None and _events_of_a_day(asked_for))
        listed = self._listed(tokens, listing.end(), topic) if listing else ""
        if not asks_for_list and asked_for.wants == "other" and any(word in _BROWSING for word in topic):
            asks_for_list = True  # 东小巷的报道, 2019年11月的新闻: no question, but articles asked for
        own_kind = kind or self._kind(asks_for_list, topic, dated=(date_range or asked) is not None)
        latest, newest = self._asks_for_news(topic, kind, date_range or asked, years, _recent)
        earliest, oldest = self._asks_for_news(topic, kind, date_range or asked, years, _EARLIEST.__contains__)
        if latest or newest:  # 最近有什么新闻？ browses; 苏家作乡最新的报道是哪篇？ lists, newest first
            own_kind, topic = BROWSE if latest else LIST, [word for word in topic if not _recent(word)]
        elif earliest or oldest:  # 最早的报道是哪篇？ browses the first month; 苏家作乡最早的报道？ lists, oldest first
            own_kind, topic = BROWSE if earliest else LIST, [word for word in topic if word not in _EARLIEST]
        own = self._query(
            text,
            _phrase(plain, spans + pointing),
            _phrase(plain[:asked_at], spans + pointing).rstrip("是有的了都在"),
            _when(plain, asked, years),
            content,
            topic,
            when_words,
            tuple(year for year, (low, _) in years if not (asked and asked.span[0] <= low < asked.span[1])),
            date_range or asked,
            HONOUR if honour else MONEY if money else AGE if served and asked_for.age else answer_pattern(plain),
            own_kind,
            notes,
            asks_for_list,
            asking=asked_for,
            listed=listed,
            compounds=compounds,
        )
        picking = latest or earliest or self._asks_for_earliest(topic)  # 最新的是哪篇？ 最早的是哪篇？
        if picking and previous is not None and previous.kind == LIST and asked_for.wants == "which":
            return replace(previous, text=text, follow_up=True, latest=latest)  # the list, newest or oldest first
        if latest or newest:
            return replace(own, latest=True)
        if earliest:
            return replace(own, earliest=True)
        if own.kind == BROWSE and own.years and own.date_range is None:
            own = _in_years(own)  # 2019年有哪些报道？ browses 2019, where a year is otherwise a topic word
        leaning = lean or correcting or self._leans(tokens, topic, plain, asked_for)
        if previous is None or not (leaning or self._of_the_one_before(topic, previous)):
            return self._asking_who(own, plain)
        follow_up = self._follow_up(previous, own, kind, correcting)  # 那刘明胜呢？ after 吕沛是谁？: 刘明胜是谁
        person = previous.who or (previous.people[0] if len(previous.people) == 1 else "")
        if person and _ASKS_WHO.fullmatch(own.phrase):  # 他是什么职务？ after 王家鹏调研了哪些项目？
            # asks who they are, in words no passage introducing them need say (他是哪个单位的？: 单位)
            def others(words: tuple[str, ...]) -> tuple[str, ...]:
                return tuple(word for word in words if word not in own.topic)

            return replace(
                follow_up,
                who=person,
                kind=kind or FACT,
                terms=others(follow_up.terms),
                content=others(follow_up.content),
                words=others(follow_up.words),
            )
        return self._asking_who(follow_up, follow_up.phrase)

    def _unpointed(self, plain: str) -> str:
        """A question asked first without the 这个 or 那个 a reader opens it with before a name (那个东小巷在哪儿？):
        it points at nothing asked before and says nothing a page need say (it weighed in coverage: "no good
        match"); before a word that names no one thing (这个会, 那个公司) it is left."""
        tokens = self.segmenter.tokens(plain)
        if len(tokens) > 1 and tokens[0][0] in _POINTING_AT_A_NAME and self.segmenter.tag(tokens[1][0]) in NAMING_TAGS:
            return plain[tokens[1][1] :]
        return plain

    def _read(self, text: str) -> str:
        """The question in simplified characters, unframed. Served questions only (the models learned
        DRCD's questions as OpenCC's t2s reads them): 甚麼, as Taiwan and Hong Kong write 什麼, is 什么
        (OpenCC keeps its 甚: no question word), and Taiwan's words for things are the mainland's
        when the archive knows more of those (明仁專案 asks of 明仁项目; 應用程式 stays where pages say it);
        money said in 块 is in 元 (``_spoken_money``)."""
        known = self.known
        if known is None:
            return unframed(normalise(text))
        plain = _as_read(text)
        mainland_text = as_mainland(text)
        if mainland_text == text:  # a simplified question, the most: read once
            return plain
        mainland = _as_read(mainland_text)
        if mainland == plain:
            return plain
        # in characters, not words: 重点专案 is two words the archive knows, of which 重点项目 is one
        knows = [sum(map(self._known_length, self.segmenter.words(reading))) for reading in (plain, mainland)]
        return mainland if knows[1] > knows[0] else plain

    def _known_length(self, word: str) -> int:
        """How many characters of a word the archive knows: all, none, or those after a question word jieba
        glued to it (哪些项目: 项目)."""
        known = self.known
        if known is None or known(word):
            return len(word)
        asking = max((said for said in self.segmenter.question_words if word.startswith(said)), key=len, default="")
        return len(word) - len(asking) if asking and known(word[len(asking) :]) else 0

    def _asking_who(self, query: Query, asked: str) -> Query:
        """The query, knowing the person it asks who they are, if it asks that (吕沛是谁？)."""
        who = _WHO_IS.fullmatch(asked.strip(EDGES))
        if who and self._person(who.group("name"), query.people):
            return replace(query, who=who.group("name"))
        return query

    def _tokens(self, text: str) -> list[tuple[str, int, int]]:
        """jieba's words with their places; the 那 of 那……呢 a word of its own, as jieba glues it to
        what follows (那因|残|致贫: 那, 因残, 致贫)."""
        tokens = self.segmenter.tokens(text)
        if tokens and tokens[0][0] != "那" and _THAT.match(text):
            rest = [(word, start + 1, end + 1) for word, start, end in self.segmenter.tokens(text[1:])]
            return [("那", 0, 1), *rest]
        return tokens

    def _unglued(self, tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """Words jieba's HMM glued to a particle (召开过康养产业: 过康养) or to the 是 after them
        (两轴是哪两轴: 两轴是), unknown to the index, cut back into the particle and the word the index
        knows (康养): the archive's own words, also one jieba cut in two as it glued its second half to
        the particle or a verb (的非遗是啥: 非 + 遗是 → 非遗 + 是; 救助金发了: 救助 + 金发); and a verb of
        one character glued to its 了 (投了多少钱: 投 + 了), which names no topic of its own, or to the 中
        closing 在……中 before it (在四城联创中排第几: 中 + 排), or a modal verb glued to one (能全保障: 能 + 全)
        or to the word of place or time before it (建成后能有多少税收: 后 + 能); a noun and the verb of one character
        after it (宣传稿发了几篇: 稿 + 发; not 是, 属 or 为: 畸形龙属);
        and a word's last character glued to the 在 or 有 after it (工业设计城在哪？: 城在 → 城 + 在; 户有); and two
        function words jieba's dictionary holds as one (是从 of 安达消防是从哪里迁来的？).
        And words jieba holds whole that begin with a question word (多少钱, 哪一年, 几天),
        unknown to the index: the question word, and the rest only when it is a word of its own
        (哪些+地方), not the unit asked for (钱, 年, 天), which the answer need not say. And a question
        word jieba cut in two (哪天？ alone: 哪 and 天, and 天 was searched for) is one again, also one
        whose second half jieba glued to what follows (哪天开的: 哪 + 天开, a word of 异想天开 → 哪天 + 开).
        And 他, 她 or 它 glued to a verb of one character (他来干啥: 他 + 来), which points back
        whether or not the archive's own texts glue the same two characters."""
        known = self.known
        if known is None:
            return tokens
        questions = self.segmenter.question_words
        cut: list[tuple[str, int, int]] = []
        word_at = {start: word for word, start, _ in tokens}  # what follows a word, by where it ends
        for word, start, end in tokens:
            if cut and cut[-1][2] == start and len(cut[-1][0]) == 1 and cut[-1][0] + word in questions:
                cut[-1] = (cut[-1][0] + word, cut[-1][1], end)
                continue
            after_one = bool(cut) and cut[-1][2] == start and len(cut[-1][0]) == 1  # right after one character
            tail = (
                next((n for n in range(len(word) - 1, 0, -1) if cut[-1][0] + word[:n] in questions), 0)
                if after_one
                else 0
            )
            if tail and not known(word):
                cut[-1] = (cut[-1][0] + word[:tail], cut[-1][1], start + tail)
                cut.append((word[tail:], start + tail, end))
                continue
            head = (
                next((word[:n] for n in range(len(word) - 1, 0, -1) if word[:n] in questions), None)
                if word not in questions
                else None
            )
            if head and not known(word) and _HAN_WORD.fullmatch(word):
                cut.append((head, start, start + len(head)))
                rest = word[len(head) :]
                counts = self.known is not None and rest in _COUNTED_KEPT  # 几户: 户, as 多少户 keeps it
                if (len(rest) > 1 or counts) and not _A_FEW.fullmatch(word, len(head)):  # not the 几种 of 哪几种
                    cut.append((rest, start + len(head), end))
                continue
            if cut and cut[-1][2] == start and _glued_across(cut[-1][0], word, known, self._ends_in_a_verb):
                before = cut.pop()
                cut += [(before[0] + word[:-1], before[1], end - 1), (word[-1], end - 1, end)]
                continue
            if cut and cut[-1][2] == start and _glued_ahead(cut[-1][0], word, known, self.segmenter.stopwords):
                before = cut.pop()  # 要征迁: 要征 + 迁 → 要 + 征迁
                cut += [(before[0][0], before[1], before[1] + 1), (before[0][1] + word, before[1] + 1, end)]
                continue
            if len(word) > 2 and not known(word) and _HAN_WORD.fullmatch(word):
                if word[0] in _PARTICLES and known(word[1:]):
                    cut += [(word[0], start, start + 1), (word[1:], start + 1, end)]
                    continue
                if word[-1] in _PARTICLES_OR_IS and known(word[:-1]):
                    cut += [(word[:-1], start, end - 1), (word[-1], end - 1, end)]
                    continue
                if len(word) == 3 and word[1:] in _HITHER_AND_THITHER:  # 迁过来: 迁 + 过来, which no page says
                    cut += [(word[0], start, start + 1), (word[1:], start + 1, end)]
                    continue
            glued = len(word) == 2 and (
                (word[1] in _ASPECT and _HAN_WORD.fullmatch(word))  # 投了多少钱: 投, no 投了
                or (word[0] in _POINTING_AT_ONE and not self.segmenter.tag(word))  # 他来干啥: 他 + 来; not 他人
                or (cut and word[0] in _WITHIN and self.segmenter.tag(word[1]).startswith("v"))  # 中排; not 县内以
                or (word[1] in "在有" and not self.segmenter.tag(word))  # 设计城在哪？ 低收入户有多少？; not 现在, 所有
                or (word[1] == "是" and not self.segmenter.tag(word) and word_at.get(end) in questions)  # 奖是谁
                or (word[1] in "来去" and self.segmenter.tag(word[0]) in ("n", "q"))  # 多少人来参加？: 人 + 来
                # 在哪个村开的？ 宣传稿发了几篇？: 村 + 开, 稿 + 发, a noun and a verb glued by jieba's HMM; not
                # 龙属 (a genus), nor 物是 of 代表物是 (``_BEING``)
                or (self._kind_and_verb(word) and word[1] not in _BEING)
                # 什么时候能全保障？: 能 + 全; not 能源, nor 要征 before 迁 (要 + 征迁, ``_glued_ahead``)
                or (word[0] in _MODAL and not self.segmenter.tag(word) and not _joins(word[1], word_at.get(end), known))
                # 建成后能有多少税收？: 后 + 能, a word of place or time and the modal verb after it
                or (word[1] in _MODAL and not self.segmenter.tag(word) and self.segmenter.tag(word[0]) == "f")
                # 安达消防是从哪里迁来的？: 是 + 从, two function words jieba's dictionary holds as one
                or (
                    word not in self.segmenter.stopwords  # not 以及, 对于: function words of their own
                    and word[0] in self.segmenter.stopwords
                    and word[1] in self.segmenter.stopwords
                )
            )
            if glued and (not known(word) or word[0] in _POINTING_AT_ONE):
                cut += [(word[0], start, start + 1), (word[1], start + 1, end)]
                continue
            cut.append((word, start, end))
        return self._rejoined(cut)

    def _kind_unglued(self, asked: Asking, jiebas: list[tuple[str, int, int]]) -> Asking:
        """哪个村开的？ asks for a 村 where jieba glued it to the verb (村开); not 哪一个人|作为……？, which jieba cut
        (人作, as the models learned it)."""
        noun = asked.noun
        if asked.wants not in ("which", "what") or not self._kind_and_verb(noun) or noun not in (w for w, *_ in jiebas):
            return asked
        return replace(asked, noun=noun[0], after=noun[1:] + asked.after)

    def _done_by_what(self, asked: Asking) -> Asking:
        """按什么管理？ asks by what it is done: 管理 is the question's verb, no kind of thing asked for (the
        page: 按照“五个一律”管理……); not 用什么方式？, which asks for a 方式."""
        noun = asked.noun
        if (
            asked.wants != "what"
            or asked.after
            or not asked.before.endswith(_DONE_BY)
            or self.segmenter.tag(noun) not in ("v", "vn")
        ):
            return asked
        return replace(asked, noun="", after=noun)

    def _kind_and_verb(self, word: str) -> bool:
        """Whether a word of two characters jieba's dictionary lacks is a noun then a verb (村开)."""
        tag = self.segmenter.tag
        return len(word) == 2 and not tag(word) and tag(word[0]) in ("n", "ng", "zg", "q") and tag(word[1]) == "v"

    def _rejoined(self, tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """A word a reader said in two, a verb of one character and its object with 的, 了 or 过 between
        (谁讲的话？ 在哪开的会？ 讲了话: 讲话, 开会; jieba's 的话 too), one word again where the archive uses it:
        the page says 主持会议并讲话."""
        known, tag = self.known, self.segmenter.tag
        joined: list[tuple[str, int, int]] = []
        for word, start, end in tokens:
            after_particle = len(word) == 1 and len(joined) > 1 and joined[-1][0] in _SEPARATING
            if known is not None and (word == "的话" and joined or after_particle):
                at = -2 if after_particle else -1
                verb, first, _ = joined[at]
                said = verb + word[-1]
                if len(verb) == 1 and tag(verb).startswith("v") and tag(said) and known(said):
                    del joined[at:]
                    joined.append((said, first, end))
                    continue
            joined.append((word, start, end))
        return joined

    def _points_as_written(
        self, tokens: list[tuple[str, int, int]], plain: str, alone: bool
    ) -> list[tuple[str, int, int]]:
        """A point of a speech asked by its place (第二点是什么？ 第三条呢？) in the word the page numbers it
        with (……会议强调，一是……。二是认真查摆问题……: 二是), when the archive says that word; asked ``alone``
        (no question before), only of a speech the question names (……推进会强调的第二点是什么？): 第二点是什么？
        alone asks of no speech, and any page's 二是 would do."""
        asked = _POINT_ASKED.search(plain)
        written = f"{asked.group(1)}是" if asked else ""
        if not asked or self.known is None or not self.known(written):
            return tokens
        start, end = asked.span()
        outside = [token for token in tokens if token[2] <= start or token[1] >= end]
        if alone and not any(len(word) > 1 and self.segmenter.is_indexed(word) for word, _, _ in outside):
            return tokens
        return sorted([*outside, (written, start, end)], key=lambda token: token[1])

    def _things_as_the_page_says(self, plain: str) -> str:
        """A served question with a reader's word for a thing the archive never says (好吃的, 老板, 稿子) in
        the first of the page's words for it that it does (美食, 董事长, 发稿): read so from the start, a title
        asked about is the page's (中商控股的老板是谁？ asks who holds 董事长)."""
        known = self.known
        if known is None or not any(word in plain for word in _READERS_THINGS):
            return plain
        read, at = [], 0
        for word, start, end in self.segmenter.tokens(plain):
            written = next((each for each in _READERS_THINGS.get(word, ()) if known(each)), "")
            if written and not known(word):
                read += [plain[at:start], written]
                at = end
        return "".join(read) + plain[at:]

    def _unsaid_amount(self, word: str, knows: Callable[[str], bool]) -> bool:
        """A count or amount in words the archive never says, a numeral to jieba (一年能多出多少产值？: 一年,
        多出): the page says it its own way (年可新增产值25亿元); not a number written in digits."""
        return (
            len(word) > 1  # not the 日 of 国家安全教育日, the 年 of a date
            and self.segmenter.tag(word) == "m"
            and not knows(word)
            and not any(char.isdigit() or char in "几哪" for char in word)  # 持续了几天？ asks it
            and "多少" not in word
        )

    def _going_to_a_place(self, tokens: list[tuple[str, int, int]]) -> bool:
        """Whether a reader's word for going is followed by the name of a place (去深圳干什么了？), which
        says someone went there whatever is asked; not 去 as "de-" (去史达林化, of a person's name)."""
        words = [word for word, _, _ in tokens if word not in ("了", "过")]  # 去了深圳吗？
        return any(
            word in _READERS_GOING and self.segmenter.tag(then) == "ns"
            for word, then in zip(words, words[1:], strict=False)
        )

    def _ends_in_a_verb(self, word: str) -> bool:
        """Whether a word jieba glued ends in a verb of one character (金发 of 救助金发了), not being a
        stopword (需要 of 不需要)."""
        return word not in self.segmenter.stopwords and self.segmenter.tag(word[-1]).startswith("v")

    def _in_known_pieces(
        self, tokens: list[tuple[str, int, int]]
    ) -> tuple[list[tuple[str, int, int]], tuple[tuple[str, ...], ...]]:
        """A word the archive never uses, cut into the words it does use that make it up, when
        those are most of it (美食街: 美食 + 街, where the page says 美食一条街; 建筑风格: 建筑 + 风格),
        and those pieces: a passage covers them said close together. Not a name made of names
        (郑州市: 郑州 + 市 names another city than any the archive has; 弗里西亚: mostly single characters).
        A count glued to the thing counted is the count and the thing (哪两条路: 两条 + 路), no compound."""
        known = self.known
        if known is None:
            return tokens, ()
        cut: list[tuple[str, int, int]] = []
        compounds: list[tuple[str, ...]] = []
        for word, start, end in tokens:
            counted = _COUNT_GLUED.fullmatch(word)
            if counted and not known(word) and known(counted.group("thing")):  # 两条路: 两条 + 路
                cut += [
                    (counted.group("count"), start, start + counted.end("count")),
                    (counted.group("thing"), start + counted.start("thing"), end),
                ]
                continue
            pieces = (
                _known_pieces(word, known) if len(word) > 2 and _HAN_WORD.fullmatch(word) and not known(word) else ()
            )
            if not pieces or any(self.segmenter.tag(piece) in NAMING_TAGS for piece in pieces):
                cut.append((word, start, end))
                continue
            compounds.append(pieces)
            for piece in pieces:
                cut.append((piece, start, start + len(piece)))
                start += len(piece)
        return cut, tuple(compounds)

    def _person(self, name: str, people: tuple[str, ...]) -> bool:
        """A name the question names as a person's: one jieba knows as a name, or one it does not know
        at all that is written as names are (a surname and one to three characters: 郑某某)."""
        return name in people or (not self.segmenter.tag(name) and looks_like_name(name))

    def _listed(self, tokens: list[tuple[str, int, int]], after: int, topic: list[str]) -> str:
        """What a list question lists: the last noun of the words right after its 哪些 (哪些植树活动:
        活动, not 植树; 哪些关于四城联创的会议: 会议; 哪些企业到示范区考察: 企业)."""
        listed = ""
        for word, start, _ in tokens:
            if start < after or word in _FRAMING or word == "的":
                continue
            tag = self.segmenter.tag(word)
            if not (tag == "" or tag.startswith("n") or tag in ("vn", "j")):
                break
            if word in topic:
                listed = word
        return listed

    def _kind(self, asks_for_list: bool, topic: list[str], dated: bool = False) -> str:
        """A fact; or a list of articles about a topic (哪些会议); or, when the list has no topic
        but articles (2020年7月有哪些报道), browsing, as is asking what happened on a date
        (2020年4月13日发生了什么？ 4月13日有什么新闻？ 2019年11月的报道)."""
        named = [word for word in topic if self.segmenter.is_indexed(word) and word not in _BROWSING]
        if not asks_for_list:
            happened = dated and any(word in _BROWSING or word in _HAPPENED for word in topic)
            return BROWSE if happened and all(word in _HAPPENED for word in named) else FACT
        # 2019年11月有什么活动？ 2020年4月有哪些活动？: what happened then, every article of the date
        return LIST if named and not (dated and all(word in _HAPPENED for word in named)) else BROWSE

    def _asks_for_news(
        self,
        topic: list[str],
        kind: str | None,
        date_range: DateRange | None,
        years: list[tuple[int, tuple[int, int]]],
        at: Callable[[str], bool],
    ) -> tuple[bool, bool]:
        """Whether a question asks for the news at one end of the archive (``at``: a word for recent
        times, or for the earliest) (最近有什么新闻？ 最早的报道是哪篇？: no date, and no topic but news
        itself), or for the articles on a topic of its own from that end (苏家作乡最新的报道是哪篇？: the
        articles asked for; 近日城管局获得了什么荣誉？ asks a fact, 最近示范区召开了哪些会议？ a list by date,
        李白最早的诗是哪首？ a fact)."""
        if kind is not None or date_range is not None or years or not any(map(at, topic)):
            return False, False
        rest = [word for word in topic if not at(word) and self.segmenter.is_indexed(word)]
        news = [word in _BROWSING for word in rest]
        return all(news), any(news) and not all(news)

    def _asks_for_earliest(self, topic: list[str]) -> bool:
        """最早的是哪篇？: a word for the earliest, and no topic but the articles."""
        rest = [word for word in topic if word not in _EARLIEST and self.segmenter.is_indexed(word)]
        return any(word in _EARLIEST for word in topic) and all(word in _BROWSING for word in rest)

    def _leans(self, tokens: list[tuple[str, int, int]], topic: list[str], plain: str, asked: Asking) -> bool:
        """A question leans on the one before when it points back (他, 该, 这次), opens on its event
        (会上, 当天), has no topic words of its own (那2020年呢？, 具体呢？, 第二点是什么？), or is shaped 那……呢, or is
        a few words and 呢 (教职工呢？), or any words and 的呢 asking nothing of its own
        (因缺乏劳动力致贫的呢？: the households of that cause, as the question before counted)."""
        if any(_refers(word, self.known is not None) for word, _, _ in tokens):
            return True
        if next((word for word, _, _ in tokens if word not in ("在", "那")), "") in _OPENING_BACK:
            return True
        if any(word in _AT_THE_MEETING for word, _, _ in tokens):  # 王家鹏在会上讲了几点？: the meeting asked of
            return True
        named = [word for word in topic if self.segmenter.is_indexed(word) and len(word) > 1]
        if not [word for word in named if not POINT_WRITTEN.fullmatch(word)]:
            return True  # 具体指什么？ has 指, but no word that names a topic; 第二点是什么？ a point of what was said
        if any(is_title(word) for word in named) and all(
            is_title(word) or self.segmenter.tag(word).startswith("v") for word in named
        ):
            return True  # 哪位区领导出席了？ names an office and a deed, of no one thing: of the event asked of before
        bare = plain.rstrip(EDGES)  # 教职工呢？ as 那教职工呢？: a few words and 呢, asking nothing of its own
        if not asked.before and asked.wants != "other" and bare.endswith("的") and len(bare) <= _DONE_BY_MOST:
            return True  # 哪个区领导陪同的？ 谁主持的？: who did it, of the event asked of before
        few = len(bare) <= 8 or bare.endswith("的呢")
        return bare.endswith("呢") and (plain.startswith("那") or (few and asked.wants == "other"))

    def _of_the_one_before(self, topic: list[str], previous: Query) -> bool:
        """会议内容是什么？ after 燃煤散烧管控会议是哪天开的？: a question opening on the word the question before
        ended what it asked about with (会议, of 燃煤散烧管控会议), and naming nothing else (no name, no word
        of more than two characters), asks about that one. Not 示范区有多少家企业？ after 示范区有几个在建项目？:
        示范区 was all it named."""
        asked, said = previous.asking, [word for word in topic if self.segmenter.is_indexed(word)]
        if asked is None or not said:
            return False
        named = asked.before.rstrip("是的有在了")
        if said[0] not in previous.topic or not named.endswith(said[0]) or named == said[0]:
            return False
        return all(len(word) <= 2 and self.segmenter.tag(word) not in _NAMED_BY for word in said[1:])

    def _follow_up(self, previous: Query, own: Query, kind: str | None, correcting: bool = False) -> Query:
        if own.date_range is not None and own.date_range.yearless is not None:
            own = _in_year_of(own, previous)  # 那4月呢？ after 2020年7月: April 2020
        if own.years and own.date_range is None:
            own = _in_years(own)  # 那2021年呢？: the same question about 2021, not a topic word
        if own.date_range is None:
            own = _next_or_day_before(own, previous)  # 第二天呢？ after 2020年4月15日……: 2020年4月16日
        dated = own if own.when or own.date_range else previous
        swapped = self._swapped(previous, own)
        if swapped is previous and correcting:
            swapped = self._corrected(previous, own)
        asked_again = swapped is not previous  # the same question of another place: 文昌街道被评为什么先进单位
        previous = swapped
        answered = previous.asking.noun if previous.asking is not None and not asked_again else ""
        own_topic = tuple(word for word in own.topic if word != answered)  # 这个奖是谁给的？ after 得了什么奖？
        # 这篇报道是哪天的？ asks of the report answered from, whose date and page its citation gives: no topic
        # of its own, no short answer from its text
        said = [word for word in own_topic if self.segmenter.is_indexed(word)]
        of_the_report = bool(said) and all(word in _OF_THE_REPORT for word in said)
        own_topic = () if of_the_report else own_topic
        if any(POINT_WRITTEN.fullmatch(word) for word in own_topic):  # 第三条呢？ after 第二点是什么？: 三是, not 二是
            previous = replace(
                previous, topic=tuple(word for word in previous.topic if not POINT_WRITTEN.fullmatch(word))
            )
        topic = _unique(previous.topic + own_topic)
        # Of a date carried into a follow-up only the numbers tell: its 年 would match nearly anything.
        when_words = tuple(word for word in dated.when_words if word not in _DATE_UNITS)
        content = _unique(topic + when_words)
        # a question word of its own asks a fact, after a list or browsing too (他是什么职务？)
        asks_own = (
            own.asks_for_list or own.answer_type is not None or (own.asking is not None and own.asking.wants != "other")
        )
        if asked_again or not own.phrase:
            phrase = previous.phrase
        else:
            phrase = f"{previous.subject} {own.phrase}".strip()
        query = self._query(
            own.text,
            phrase,
            previous.subject,
            dated.when,
            content,
            topic,
            when_words,
            dated.years,
            dated.date_range,
            previous.answer_type if of_the_report else own.answer_type or previous.answer_type,
            kind or (own.kind if asks_own else previous.kind),
            own.notes,
            own.asks_for_list or previous.asks_for_list,
            follow_up=True,
            # what it asks of its own, not the 是 (nor, unless it asks where, the 在) framing its question word
            # (是在哪天？: they weighed as much as 吕沛检查工作, and the passage saying the day says neither; 在哪儿
            # 搞的？: the page says 在生态广场); 还 of 他还去了哪里？ is its own (吕沛还到……)
            focus=tuple(word for word in own_topic if word not in _framing(own.asking)),
            asking=(
                None
                if of_the_report
                else own.asking
                if own.asking and (own.asking.wants != "other" or choices(own.asking))  # 是上午还是下午？: its own
                else asking(previous.phrase)  # the question before, asked whole of another thing
                if asked_again and previous.asking is not None and not previous.asking.carried
                else _carried(previous.asking, own.subject)  # also after a follow-up that carried it (因残致贫的呢？)
            ),
            listed=own.listed or previous.listed,
            compounds=tuple(dict.fromkeys(previous.compounds + own.compounds)),
        )
        return replace(query, of_another=asked_again)

    def _swapped(self, previous: Query, own: Query) -> Query:
        """那文昌街道呢？ after 苏家作乡被评为什么先进单位？: a follow-up naming only a place (an
        organisation, a person) asks the same of it, in place of the one the question before named."""
        named = [word for word in own.topic if word not in previous.topic]  # 那开放招商局局长呢？: 开放招商局
        asks_nothing = own.asking is None or own.asking.wants == "other"
        like = _written_alike(previous.phrase, own.subject) if asks_nothing else ""
        if like:  # 那因残致贫的呢？ after 其中因病致贫的有多少户？: 因病致贫, one character apart
            return _said_instead(previous, like, own.subject)
        kin = _kin(previous.subject, own.subject) if asks_nothing and named else ""
        if kin:  # 蒙牛四期呢？ after 蒙牛5G智慧工厂在哪里？: another of the same name, in its place
            return _said_instead(previous, kin, own.subject)
        counted = _counted(previous) if asks_nothing else ""
        if named and counted:  # 省级院士工作站呢？ after 示范区有几个国家级重点实验室？: that count, of another thing
            return _said_instead(previous, counted, "".join(named))
        if not named or not all(self._alike(named[0], word) for word in named):
            return previous
        replaced = [word for word in previous.topic if self._alike(word, named[0])]
        if len(replaced) > 1:  # 李万街道打造了什么美食街: the one it asks about, before its question word
            replaced = [word for word in replaced if word in previous.subject]
        if len(replaced) != 1 or replaced[0] in own.topic:
            return previous
        old, new = replaced[0], "".join(named)
        return replace(
            previous,
            phrase=previous.phrase.replace(old, new),
            subject=previous.subject.replace(old, new),
            topic=tuple(word for word in previous.topic if word != old),
        )

    def _alike(self, word: str, other: str) -> bool:
        """Whether two words name the same kind of thing: by jieba's tags (a place, an organisation,
        a person), or both a body, a place or an organisation, by jieba's tags or by how the names of
        bodies end (行政审批局, a noun to jieba, and 城管局 are bureaus; 文昌街道 and 工商分局 were both
        rewarded: 那工商分局呢？)."""
        kind = _ENTITY.get(self.segmenter.tag(word))
        if kind is not None and kind == _ENTITY.get(self.segmenter.tag(other)):
            return True
        return self._body(word) and self._body(other)

    def _body(self, word: str) -> bool:
        """A place or an organisation: so tagged by jieba, or named as bodies are (……局, ……街道)."""
        return self.segmenter.tag(word) in ("ns", "nt") or (len(word) >= 3 and word[-1] in _BODIES)

    def _corrected(self, previous: Query, own: Query) -> Query:
        """不对，我问的是劳动保障监察大队 after 示范区城管局获得了什么荣誉？: what the question before
        named, the words of its subject before its verb, replaced by what the correction names."""
        named = []
        for word in previous.topic:
            if word not in previous.subject or self.segmenter.tag(word)[:1] in _NOT_NAMING:
                break
            named.append(word)
        if not named or not own.topic or set(named) & set(own.topic):
            return previous
        new = "".join(own.topic)
        phrase, subject = previous.phrase, previous.subject
        for number, old in enumerate(named):
            phrase = phrase.replace(old, new if number == 0 else "", 1)
            subject = subject.replace(old, new if number == 0 else "", 1)
        return replace(
            previous, phrase=phrase, subject=subject, topic=tuple(word for word in previous.topic if word not in named)
        )

    def _query(
        self,
        text: str,
        phrase: str,
        subject: str,
        when: str,
        content: list[str] | tuple[str, ...],
        topic: list[str] | tuple[str, ...],
        when_words: list[str] | tuple[str, ...],
        years: tuple[int, ...],
        date_range: DateRange | None,
        answer_type: re.Pattern | None,
        kind: str,
        notes: tuple[Note, ...],
        asks_for_list: bool,
        follow_up: bool = False,
        focus: tuple[str, ...] = (),
        asking: Asking | None = None,
        listed: str = "",
        compounds: tuple[tuple[str, ...], ...] = (),
    ) -> Query:
        words = [word for word in content if self.segmenter.is_indexed(word)]
        people = tuple(  # jieba's dictionary tags 武功 and 天王 as names too
            word for word in topic if _ENTITY.get(self.segmenter.tag(word)) == "person" and looks_like_name(word)
        )
        return Query(
            text,
            phrase,
            subject,
            when,
            tuple(self.segmenter.with_bigrams(words)),
            tuple(words),
            tuple(content),
            tuple(topic),
            tuple(when_words),
            years,
            date_range,
            answer_type,
            kind,
            notes,
            follow_up=follow_up,
            focus=focus,
            asks_for_list=asks_for_list,
            asking=asking,
            listed=listed,
            people=people,
            compounds=compounds,
        )


_LATIN_WORD = re.compile(r"[a-z]+[a-z'’-]*")
_CJK = re.compile(r"[\u3400-\u9fff]")
_HAN_WORD = re.compile(r"[\u3400-\u9fff]+")
_WHERE_LAST = re.compile(r"在哪[？?]*$")
_WHICH_PERSON = re.compile(r"哪一?个人")
_JOINED = ("以及", "及", "和")  # 萧树滋以及哪一个人: one more beside someone named (与哪一个人共事 asks who)
_OFFICE = re.compile(r"(?:领导|负责人|书记|主任|[局部厅处科市县区镇乡村校院]长)$")  # who holds an office


# a count of things jieba glued to the thing counted (哪两条路调研: 两条路), which no page need say as one
_COUNT_GLUED = re.compile(
    r"(?P<count>(?:[两二三四五六七八九十]|[2-9])[个种项类条家位名所座支件批])(?P<thing>[\u4e00-\u9fff]+)"
)


def _known_pieces(word: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """``word`` as the longest words of two characters or more that ``known`` knows, left to right,
    and the characters between them; none unless those words make up two thirds of it."""
    pieces: list[str] = []
    at = 0
    while at < len(word):
        end = next(
            (end for end in range(len(word), at + 1, -1) if end - at < len(word) and known(word[at:end])), at + 1
        )
        pieces.append(word[at:end])
        at = end
    return tuple(pieces) if 3 * sum(len(piece) for piece in pieces if len(piece) > 1) >= 2 * len(word) else ()


# jieba's tags of names, by what they name: a follow-up's name replaces one of the same kind.
_ENTITY = {"ns": "place", "nt": "organisation", "nr": "person", "nrfg": "person", "nrt": "person"}
# How the names of bodies end: a bureau (局), a committee (委), an office (办), a town (镇) …
_BODIES = frozenset("局委办厅处科部院校所站队组会区县市镇乡村司团道")
# What ends the name at the head of a question: a verb (获得, 投资), a preposition, an adverb, a pronoun.
_NOT_NAMING = frozenset("v p d r c u".split())
# Particles jieba's HMM glues to a word it does not know (过康养, 的康养): aspect and structure.
_PARTICLES = frozenset("过了着的地得")
_DONE_BY = ("按", "按照", "依照", "根据", "用", "靠", "凭", "通过")  # what a deed is done by (按什么管理？)
_HITHER_AND_THITHER = frozenset("过来 过去".split())  # where a reader's verb of moving went (迁过来, 搬过去)
_PARTICLES_OR_IS = _PARTICLES | {"是"}  # and the 是 jieba's HMM glues as it does them (两轴是, 遗是)
# What jieba's dictionary glues to a verb of one character (投了, 改了). Not 过: 开过, a word the archive never
# says, makes 火星上开过哪些会议？ a list naming what it never mentions (``ArchiveQA._names_the_unknown``).
_ASPECT = frozenset("了")
_SEPARATING = frozenset("的了过")  # what a reader puts inside a verb and its object (讲的话, 开了会, 见过面)
# One thing pointed back at, which jieba's HMM glues to the verb after it (他来, 它建: words of no dictionary).
_POINTING_AT_ONE = frozenset("他她它")
_NAMED_BY = frozenset("nr nrfg nrt ns nt nz j".split())  # the dictionary's tags of names
_WITHIN = frozenset("中上里内")  # what closes 在……中, which jieba glues to the verb after it (中排)
_BEING = frozenset("是属为")  # verbs of being, which end names (畸形龙属) or follow a noun's last character (代表物是)
_MODAL = frozenset("能会要可想")  # a modal verb, which jieba's HMM glues to the verb after it (能全保障: 能全)


def _joins(char: str, following: str | None, known: Callable[[str], bool]) -> bool:
    """Whether a character and the word after it are a word the index knows (征 + 迁 of 要征迁)."""
    return following is not None and known(char + following)


def _said_instead(query: Query, old: str, new: str) -> Query:
    """The question with ``new`` said where it said ``old``, less the topic words ``old`` holds."""
    return replace(
        query,
        phrase=query.phrase.replace(old, new),
        subject=query.subject.replace(old, new),
        topic=tuple(word for word in query.topic if word not in old),
    )


def _kin(subject: str, said: str) -> str:
    """The subject a question before asked of, when ``said`` names another thing of the same name, its first
    two characters or more the same and then not (蒙牛5g智慧工厂 of 蒙牛四期; not 蒙牛 of 蒙牛四期, which names more
    of it), or ""."""
    shared = len(os.path.commonprefix([subject, said]))
    apart = subject[shared:] and said[shared:]
    return subject if shared >= 2 and apart and _HAN_WORD.fullmatch(said[shared]) else ""


def _written_alike(phrase: str, said: str) -> str:
    """The words of ``phrase`` as long as ``said`` (three characters or more) that differ from it in
    one character, not the last (因病致贫 of 因残致贫, 三级子公司 of 四级子公司), or ""."""
    if len(said) < 3 or said in phrase:
        return ""
    for start in range(len(phrase) - len(said) + 1):
        window = phrase[start : start + len(said)]
        apart = [at for at, (one, other) in enumerate(zip(window, said, strict=True)) if one != other]
        if len(apart) == 1 and apart[0] < len(said) - 1:
            return window
    return ""


def _counted(query: Query) -> str:
    """What a 多少 or 几 question counts, said after its unit (示范区有几个国家级重点实验室？: 国家级重点实验室),
    or ""."""
    asked = query.asking
    if asked is None or asked.wants != "number" or asked.carried:
        return ""
    counted = asked.after.removeprefix(counted_unit(asked)).strip(EDGES)
    return counted if len(counted) > 1 and counted in query.phrase else ""


def _asked_as(keyword: re.Match[str]) -> str:
    """What a keyword typed after a topic asks (年龄: 多大年纪; a title, 董事长: 董事长是谁)."""
    asked = keyword.group("asked")
    return _ASKED_AS.get(asked, asked + "是谁")


def _framing(asking: Asking | None) -> frozenset[str]:
    """The function words that frame a question word and say nothing of the answer (是在哪天？ 是什么时候？)."""
    return frozenset({"是"} if asking is not None and asking.wants == "place" else {"是", "在"})


def _carried(asking: Asking | None, of: str) -> Asking | None:
    """What the question before asked, asked again of ``of`` by a follow-up that names no question word."""
    return replace(asking, carried=True, of=of) if asking is not None else None


def _as_read(text: str) -> str:
    """A served question read: normalised, unframed, 甚么 as 什么 and money in 元 (``Analyser._read``)."""
    return _spoken_money(unframed(normalise(text)).replace("甚么", "什么"))


def _glued_across(before: str, word: str, known: Callable[[str], bool], verb_last: Callable[[str], bool]) -> bool:
    """Whether jieba cut a word the index knows in two and glued a particle, 是 or a verb of one
    character to its second half (非 + 遗是 of 非遗是啥, 救助 + 金发 of 救助金发了多少), which the index does
    not know (``verb_last``: ``Analyser._ends_in_a_verb``, asked only of a word of two characters or more)."""
    return (
        len(word) >= 2
        and (word[-1] in _PARTICLES_OR_IS or verb_last(word))
        and not known(word)
        and bool(_HAN_WORD.fullmatch(before + word))
        and known(before + word[:-1])
    )


def _glued_ahead(before: str, word: str, known: Callable[[str], bool], stopwords: Collection[str]) -> bool:
    """Whether jieba glued a stopword of one character to the first half of a word the index knows,
    cut in two (要 + 征迁 of 沁泉湖公园项目要征迁哪些村？, read 要征 + 迁), which the index does not know."""
    return (
        len(before) == 2
        and before[0] in stopwords
        and not known(before)
        and bool(_HAN_WORD.fullmatch(before + word))
        and known(before[1] + word)
    )


def _blank(match: re.Match) -> str:
    """An asking phrase as spaces: gone from the words, the question's other words where they were."""
    return " " * len(match.group())


def _in_english(text: str, words: list[str], question_words: set[str]) -> bool:
    """Asked in English: two Latin words or more and no Chinese question word (What did 吕沛
    inspect on April 13?), unlike a Chinese question about a foreign name (《SOUL EATER》是谁的作品？)."""
    return len(_LATIN_WORD.findall(text)) >= 2 and not any(word in question_words for word in words)


def balanced(weights: dict[str, float], focus: tuple[str, ...]) -> dict[str, float]:
    """A follow-up's word weights: the words it carries over weigh together no more than its own
    words (``focus``): they say what the answer is near, its own words what the answer is."""
    own = sum(weight for word, weight in weights.items() if word in focus)
    carried = sum(weight for word, weight in weights.items() if word not in focus)
    if not own or carried <= own:
        return weights
    return {word: weight if word in focus else weight * own / carried for word, weight in weights.items()}


_MONTH_WORD = re.compile(r"[一二三四五六七八九十]+月")  # a month alone, in words: also the start of names


def _inside_a_word(span: tuple[int, int], tokens: list[tuple[str, int, int]]) -> bool:
    """Whether a word of the question runs across either end of ``span``."""
    low, high = span
    return any(start < low < end or start < high < end for _, start, end in tokens)


def _inside_a_title(span: tuple[int, int], text: str) -> bool:
    """Whether ``span`` lies inside a title or a quoted name (《神圣十月》, “五月花”号)."""
    low, high = span
    return any(match.start() < low and high < match.end() for match in _TITLED.finditer(text))


_TITLED = re.compile(r"《[^《》]*》|“[^“”]*”|「[^「」]*」|\"[^\"]*\"")


def _recent(word: str) -> bool:
    """最近, 今天; also 最新消息 or 近期新闻, which jieba keeps whole."""
    return word in _LATEST or (word[:2] in _LATEST and word[2:] in _BROWSING)


_BARE_MEETING = re.compile(r"(?:哪些|哪几[个场次]?|几[次个场]|多少[次个场])会(?=[？?。！!\s]*$)")


def _as_finished(word: str, knows: Callable[[str], bool]) -> str:
    """A deed finished as a reader says it (建好, 建完: a verb and 好 or 完) in the page's word, the verb and
    成 (建成), when the archive says that and never the reader's."""
    if len(word) != 2 or word[1] not in "好完" or knows(word):
        return word
    finished = word[0] + "成"
    return finished if knows(finished) else word


def _cut_at(tokens: list[tuple[str, int, int]], at: int) -> list[tuple[str, int, int]]:
    """A word jieba glued across ``at``, the end of a date, cut there (2021年4月18日开了什么会？: 日开,
    whose 开 was taken for part of the date and never asked)."""
    cut: list[tuple[str, int, int]] = []
    for word, start, end in tokens:
        if start < at < end:
            cut += [(word[: at - start], start, at), (word[at - start :], at, end)]
        else:
            cut.append((word, start, end))
    return cut


def _meetings(tokens: list[tuple[str, int, int]], plain: str) -> list[tuple[str, int, int]]:
    """开了哪些会？ asks for meetings: its 会 (to jieba, the verb can) is 会议, which articles say."""
    found = _BARE_MEETING.search(plain)
    if found is None:
        return tokens
    at = found.end() - 1
    return [("会议", start, end) if (word, start) == ("会", at) else (word, start, end) for word, start, end in tokens]


_MEETING_HELD = frozenset("开会 开过会 开完会".split())  # a reader's verb and its 会, one word to jieba


def _meeting_held(tokens: list[tuple[str, int, int]], knows: Callable[[str], bool]) -> list[tuple[str, int, int]]:
    """A reader's 开会 (开会是哪天？ after a question on a meeting) is the 会议 pages say they 召开, when the
    archive never says it: a word no page says would leave the question unanswered, or refused as off-topic.
    A question naming its 会议 too (……会议哪天开会？) asks no second one."""
    named = any(word == "会议" for word, _, _ in tokens)
    return [
        ("会议", start, end) if word in _MEETING_HELD and not knows(word) else (word, start, end)
        for word, start, end in tokens
        if not (named and word in _MEETING_HELD and not knows(word))
    ]


def _as_a_reader_asks(asked: Asking, plain: str, words: list[str]) -> Asking:
    """What a served question asks, read as readers ask it (the models learned DRCD's questions without these)."""
    if asked.wants == "number" and _WHICH_FEW.search(plain):  # 要征迁哪几个村？ 有哪几种模式？ ask which, not how
        asked = asking(_WHICH_FEW.sub("哪些", plain, count=1))  # many: as 哪些村？ 哪些模式？ do
    asked = of_a_kind(of_several(asked))  # 哪些平台: 平台, not 些平; 什么样的企业: 企业, not 样
    if asked.wants in ("which", "what") and asked.noun:  # 哪个区领导: 区领导, not 区领
        asked = _noun_whole(asked, words)
    if asked.before.endswith("在") and len(asked.noun) > 1 and asked.noun[-1] in _WITHIN:  # 在哪个会上: a 会
        asked = replace(asked, noun=asked.noun[:-1], after=asked.noun[-1] + asked.after)
    if asked.noun == "会":  # 哪个会, 什么会: a 会议, as pages write it (and the models learned it)
        asked = replace(asked, noun="会议")
    if asked.wants == "which" and _OFFICE.search(asked.noun):  # 哪个区领导参加了？ asks who, as 哪位领导 does
        asked = replace(asked, wants="person")  # (哪个国王 asks which king: 路易十四)
    # 哪一个人接任了……？ asks who, as 谁 does; not by whom (被哪一个人所占用？) nor who besides (甲以及哪一个人……？),
    # which the models read as the kind of thing asked for
    if asked.wants == "which" and _WHICH_PERSON.search(plain) and not asked.before.endswith(("被", *_JOINED)):
        asked = replace(asked, wants="person", noun="", after=(asked.noun + asked.after)[1:])
    if asked.wants == "which" and _WHERE_LAST.search(plain):
        asked = replace(asked, wants="place")  # 设在哪？ asks where, as 设在哪里？ does
    if asks_the_name_of_a_title(asked):  # 党工委书记叫啥？ asks who, as ……是谁？ does
        asked = replace(asked, wants="person")
    if asked.wants == "number" and not asked.age and _DIED_AT.search(plain):
        asked = replace(asked, age=True)
    if not asked.money and _PRIZE_MONEY_ASKED.search(plain):
        asked = replace(asked, money=True)  # 拿了多少奖金？ asks an amount of money
    if asked.wants == "date" and asked.before.endswith(_SINCE):  # 从什么时候开始……？ asks when it began, as
        asked = replace(asked, before=asked.before[:-1])  # 什么时候开始……？ does
    return asked


def _noun_whole(asked: Asking, words: list[str]) -> Asking:
    """The noun after 哪个 or 什么 as the question's own word (哪个区领导参加了？: 区领导; ``asking`` reads two
    characters, 区领, as the models learned it)."""
    rest = asked.noun + asked.after
    word = max((word for word in words if word.startswith(asked.noun) and rest.startswith(word)), key=len, default="")
    return replace(asked, noun=word, after=rest[len(word) :]) if len(word) > len(asked.noun) else asked


def _events_of_a_day(asked: Asking) -> bool:
    """Whether a question asks what activities there were (4月15号有什么活动？), nothing said after them: asked
    of a date, a list of that day's, not one fact of one article (a quotation its first passage gives the
    activity: 入脑入耳入心). Not 开了什么会？, which one meeting answers."""
    return asked.wants == "what" and asked.noun == "活动" and not asked.after and asked.before.endswith("有")


def _names_an_event(tokens: list[tuple[str, int, int]]) -> bool:
    """Whether a question names an event (运动会, 推进会, 宣传活动), in a word of its own or, a name of three
    characters or more, in one jieba cut before its 会 (田径运动|会: 推进|会 alone names none)."""
    return any(
        len(word) > 1
        and word not in _HOLDING
        and (_HELD.search(word) or (len(word) > 2 and following == "会" and end == start_after))
        for (word, _, end), (following, start_after, _) in itertools.pairwise([*tokens, ("", -1, -1)])
    )


def _refers(word: str, served: bool = False) -> bool:
    """他, 这次, 该局, 该乡: a word that points back at what was asked before; in a question served,
    also 这 or 那 and what it counts (这家公司从哪里迁来的？: 这家; the models learned without), or 是 (这是)."""
    return (
        word in _REFERRING
        or (word.startswith("该") and 1 < len(word) <= 3)
        or (served and len(word) == 2 and word[0] in "这那" and word[1] in _COUNTED + "是")  # 这是哪天的新闻？
    )


_COUNTED = "家所座条场件批届种名篇份支只台辆栋处个位项次"  # what 这 and 那 count: 这家公司, 那所学校


def _in_years(own: Query) -> Query:
    """A follow-up naming only years, or a question browsing them, asks about those years: restrict to them."""
    start, end = date(min(own.years), 1, 1), date(max(own.years), 12, 31)
    return replace(own, date_range=DateRange(start=start, end=end, text=own.when))


def _in_year_of(own: Query, previous: Query) -> Query:
    """A follow-up's date without a year, in the year the question before was about."""
    before = previous.date_range
    if before is None or before.start is None or before.end is None or before.start.year != before.end.year:
        return own
    (low_month, low_day), (high_month, high_day) = own.date_range.yearless  # type: ignore[union-attr, misc]
    year = before.start.year
    try:
        start, end = date(year, low_month, low_day), date(year, high_month, high_day)
    except ValueError:  # 2月29日 in a year without one
        return own
    when = f"{year}年{own.when}"
    return replace(own, when=when, date_range=DateRange(start=start, end=end, text=when))


def _next_or_day_before(own: Query, previous: Query) -> Query:
    """A follow-up asking of the day after or before the one asked of before (第二天呢？ 前一天呢？), that
    day, its words no topic; else the follow-up as it is."""
    relative = _DAY_AFTER_OR_BEFORE.match(normalise(own.text).strip(EDGES))
    before = previous.date_range
    if relative is None or before is None:
        return own
    shift = timedelta(days=-1 if relative.group("before") else 1)
    said = relative.group("before") or relative.group("after")
    topic = tuple(word for word in own.topic if word not in said)
    if before.start is not None and before.start == before.end:
        day = before.start + shift
        when = f"{day.year}年{day.month}月{day.day}日"
        return replace(own, topic=topic, when=when, date_range=DateRange(start=day, end=day, text=when))
    if before.yearless is not None and before.yearless[0] == before.yearless[1]:
        month, day_of_month = before.yearless[0]
        day = date(2020, month, day_of_month) + shift  # a leap year: 2月29日 has a day after it
        when = f"{day.month}月{day.day}日"
        yearless = ((day.month, day.day), (day.month, day.day))
        return replace(own, topic=topic, when=when, date_range=DateRange(yearless=yearless, text=when))
    return own


# the day after or before the one asked of (第二天呢？ 前一天呢？)
_DAY_AFTER_OR_BEFORE = re.compile(
    r"那?(?:(?P<after>第二天|次日|翌日|后一天|第二日|隔天)|(?P<before>前一天|头一天|前一日))"
)


def _phrase(plain: str, left_out: list[tuple[int, int]]) -> str:
    """The question without its date and its pointing words (那, 呢, 他), for showing how a
    follow-up was understood."""
    if left_out:  # most questions leave nothing out
        plain = "".join(
            char for index, char in enumerate(plain) if not any(low <= index < high for low, high in left_out)
        )
    return re.sub(r"\s+", " ", plain).strip(EDGES)


def _when(plain: str, asked: DateRange | None, years: list[tuple[int, tuple[int, int]]]) -> str:
    if asked is not None:
        return asked.text
    return " ".join(plain[low:high].strip() for _, (low, high) in years)


def _unique(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(words))


def browsing(text: str, date_range: DateRange | None) -> Query:
    """The query behind a table of contents: the articles of a date or a page, no words."""
    when = date_range.text if date_range else ""
    return Query(text, text, text, when, (), (), (), (), (), (), date_range, None, BROWSE)


# 块 as readers say 元: 5000块的, 300万块钱, 多少块钱 (not 三块地, 几块展板)
_SPOKEN_YUAN = re.compile(r"(\d[\d,.]*[万千百亿]*)块钱?(?=[的以左多一每，。？！、,.?!]|$)|(\d[\d,.]*[万千百亿]*)块钱")
_SPOKEN_HOW_MUCH = re.compile(r"(多少|几)块钱")


def _spoken_money(question: str) -> str:
    """A question with the 块 and 块钱 readers say of money written 元, as the pages do (低于5000块的有几户？
    of 低于5000元的: 块 is no word of them, and weighs as much as a word no page uses)."""
    question = _SPOKEN_HOW_MUCH.sub("多少钱", question)
    return _SPOKEN_YUAN.sub(lambda amount: (amount.group(1) or amount.group(2)) + "元", question)
