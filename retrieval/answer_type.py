"""What kind of answer a question wants, and whether a passage has one.

"多少户" wants a number of households, "什么时候" a date. A passage that
repeats the question's words but holds no such answer (a meeting that
*discussed* low-income households) should not outrank the one that gives the
count. This is the classic expected-answer-type check of question answering,
kept to patterns that Chinese writes unambiguously.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace

from .dates import parse_number
from .segment import normalise

_UNITS = (
    "人次|平方米|立方米|公里|千米|万元|亿元|元|个|名|户|人|份|张|块|家|座|次|起|篇|条|项|天|年|月|日|岁|位|"
    "支|所|台|辆|米|亩|吨|件|场|届|期|批|级|倍|路|面|栋|套|辆|公斤|千克|克|部|本|种|类|处|间|号"
)
_ARABIC = r"[0-9]+(?:\.[0-9]+)?"
_CHINESE = r"[一二两三四五六七八九十百千万〇零]+"
_NUMBER = rf"(?:{_ARABIC}|{_CHINESE})(?:余|多)?(?:万|亿|千|百)?"
AGE = re.compile(rf"{_NUMBER}\s*岁")  # an age as written (38岁, 40余岁), in simplified characters
# A count of things in any of the measure words a paper counts them with: what a reader's 多少个 asks
# for, which the page counts its own way (多少个合作社？: 农民专业合作社68家).
COUNT = re.compile(
    rf"{_NUMBER}\s*(?:个|名|户|人|家|座|所|台|辆|件|项|条|支|位|处|间|栋|套|部|本|种|类|场|届|批|面|块|张|份|篇|起|次)"
)


def counted(noun: str) -> re.Pattern:
    """A count said of ``noun`` as a page says one: right after it (发放宣传单3000多张) or before it, in a
    measure word or none (3000多张宣传单, 80余家企业)."""
    thing = re.escape(noun)
    return re.compile(rf"{thing}\s*{_NUMBER}|{_NUMBER}\s*(?:{_UNITS})?\s*{thing}")


_QUANTITY_QUESTION = re.compile(rf"(?:多少|几)(?:万|亿|千|百)?({_UNITS})?|多[高长远大重久深宽厚快]")
_WHEN_QUESTION = re.compile(r"什么时候|什么时间|啥时候?|何时|哪一?年|哪一?天|几月|几号|哪个月|哪月|哪一?日")
# A date: a year written out (2020年, 二〇二〇年) or a month or day; not a span of time (两年时间).
_DATE = re.compile(
    rf"(?:[0-9]{{2,4}}|[〇零一二三四五六七八九]{{2,4}})\s*年(?!时间|来|内|多|间)|(?:{_ARABIC}|{_CHINESE})\s*(?:月|日|号)"
)

# A time of day: 20时许, 上午9时30分, 下午3点半, 8:30. 三点 alone is as often three points (三点意见)
# and 一时 a moment, so a time in Chinese numerals or with 点 is one said with its part of the day
# or its minutes.
_DAY_PART = r"(?:凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜间|夜里|当晚)"
_HOUR = r"(?:[0-9]{1,2}|[一二两三四五六七八九十]{1,3})"
CLOCK = re.compile(
    rf"{_DAY_PART}\s*{_HOUR}\s*[时点](?:钟|半|\s*{_HOUR}\s*分)?(?:许|左右)?"
    r"|(?<![0-9])[0-9]{1,2}\s*时(?:\s*[0-9]{1,2}\s*分|半)?(?:许|左右)?"
    rf"|(?<![0-9]){_HOUR}\s*点(?:钟|半|\s*{_HOUR}\s*分)(?:许|左右)?"
    r"|(?<![0-9:])(?:[01]?[0-9]|2[0-4]):[0-5][0-9](?![0-9:])"
)
_CLOCK_QUESTION = re.compile(r"几点|几时几分|什么时刻")

_DEFINITION_QUESTION = re.compile(r"指(?:什么|哪些|的是什么)|包括(?:什么|哪些)|是什么意思|含义")
_DEFINITION = re.compile(r"[”」）)][，,：:]?即|是指|指的是|包括")  # “五办”，即一般事项快办……
_AGE_QUESTION = re.compile(r"多大年纪|多大岁数|几岁|多少岁|年龄")
# An honour as a paper writes it: what was won (获, 荣获, 被授予) up to its 荣誉称号, or a prize up to its
# 奖 (荣获2007年越南最佳零售银行奖; 获2020年度……先进单位荣誉; 授予“表现突出单位”荣誉称号); or what
# something was rated (被评为全市“四城联创”先进单位), to the end of the clause.
HONOURS = (
    re.compile(
        r"(?:荣获|喜获|获得了?|获|被授予|授予)(?P<honour>[^，。；,;!?！？]{2,40}?)"
        r"(?:(?:荣誉称号|荣誉|称号)|(?<=[奖赏]))(?=[，。；,;的和及、]|$)"
    ),
    re.compile(r"(?:被评为|评为|荣膺)(?P<honour>[^，。；,;!?！？]{2,40}?)(?=[，。；,;!?！？]|$)"),
)
HONOUR = re.compile("|".join(pattern.pattern.replace("?P<honour>", "") for pattern in HONOURS))
HONOURS_ASKED = frozenset(("荣誉", "奖项", "称号", "奖", "奖励", "荣誉称号"))
# how a question says an honour was won, which the page's 被评为, 荣获, 被授予 says its own way
WINNING = frozenset("得 拿 获 得到 拿到 获得 荣获 赢得 获取 摘得 斩获 得过 拿过 获过 得了 拿了".split())
ANSWER_TYPE_LIFT = 0.3  # score lift for a passage that holds the kind of answer asked for
DEFINITION_LIFT = 1.0  # a passage that defines nothing cannot answer 指什么


def answer_pattern(question: str) -> re.Pattern | None:
    """A pattern the answer text should match, or None when the question does not say (the
    question as written, normalised here: 多少戶 and 什麼時候 ask what 多少户 and 什么时候 do)."""
    question = normalise(question)
    if _DEFINITION_QUESTION.search(question):
        return _DEFINITION
    if _AGE_QUESTION.search(question):
        return AGE
    if _CLOCK_QUESTION.search(question):
        return CLOCK
    if _WHEN_QUESTION.search(question):
        return _DATE
    match = _QUANTITY_QUESTION.search(question)
    if not match:
        return None
    unit = match.group(1)
    if unit:
        return re.compile(rf"{_NUMBER}\s*{unit}")
    return re.compile(_ARABIC)


def asks_for_honour(asked: Asking) -> bool:
    """得了什么奖？ 获得了什么荣誉？: one honour won, which a page says it was rated (被评为) or granted."""
    return asked.wants == "what" and asked.noun in HONOURS_ASKED and not asked.several


_ASKS_MEANING = re.compile(r"(?:指|是指|指的是|意思是)$")


def asks_for_meaning(asked: Asking) -> bool:
    """五办是什么意思？ 具体指什么？ 指的是什么？: what a term means, which a page says right after it (即……)."""
    return asked.wants == "what" and (asked.noun == "意思" or bool(_ASKS_MEANING.search(asked.before)))


def lift(pattern: re.Pattern | None, text: str) -> float:
    """How much a passage's score is lifted for holding the kind of answer asked for."""
    if not has_answer(pattern, text):
        return 1.0
    return 1 + (DEFINITION_LIFT if pattern is _DEFINITION else ANSWER_TYPE_LIFT)


def has_answer(pattern: re.Pattern | None, text: str) -> bool:
    return pattern is not None and bool(pattern.search(text))


# What 几点 counts when it asks how many points were made (提出了几点要求？), not what time it is
_POINTS = "要求|意见|建议|措施|举措|做法|经验|体会|希望|原因|理由|内容|看法|想法|好处|优势|变化|任务|目标|原则|要点|共识|收获|启示|问题|意义|特点"
# What a question asks for, by its question word; the first that matches wins.
WANTS = ("how", "yesno", "date", "number", "person", "place", "which", "what", "other")
_ASKING = (
    # 为什么 asks why, but not after a verb that takes 为 (被称为什么, 更名为什么, 被评为什么: as what)
    (
        "how",
        r"(?<![称之名算现评成作改视定选认译列化变分合设封任立])为什么|为何|为啥|怎么|怎样|如何|咋|干嘛|什么原因|何故",
    ),
    ("yesno", r"是否|有没有|能否|可否|吗[？?。]?$"),
    (
        "date",
        rf"几点钟|几点(?!{_POINTS})|几时几分|什么时刻|几时|什么时候|什么时间|啥时候?|何时|哪一?年|哪一?天|几月|几号|哪个月|哪月"
        r"|哪一?日|何年|多少年[前后]",
    ),
    ("number", r"多少|几|多[高长远大重久深宽厚快]|多大"),
    ("person", r"谁|哪[一]?位|什么人|哪个人|何人"),
    (  # 在哪举办, 去哪调研, 从哪迁来, 在哪搞的: 哪 alone before a verb asks where
        "place",
        r"哪里|哪儿|何处|何地|什么地方|哪个地方|哪座城市|哪个城市|哪个国家|哪国|哪个省|哪[一]?地区"
        r"|(?<=[在去到从])哪(?=[举召开办进建设住工上学出生发落停展调考参视检迁来搬见签拍买看读找玩吃投打演录集比接植培换搞弄干整选做修拿领交报挂放摆装登查存启])"
        r"|(?<=[去到]了)哪(?=[？?]?$)|(?<=[去到])哪(?=了?[？?]?$)",  # 去了哪？ 到哪了？
    ),
    ("which", r"哪[一]?[个家所支座部种条项类本首间款只名场届份批]?"),
    ("what", r"什么|何|啥"),
)
_ASKING_RES = tuple((wants, re.compile(pattern)) for wants, pattern in _ASKING)
# a question asked in English (lower case), by its first words; the first that matches wins
_ENGLISH_ASKING = tuple(
    (wants, re.compile(pattern))
    for wants, pattern in (
        ("date", r"(?:when|what (?:time|date|day|year)|which (?:day|year|month))\b"),
        ("number", r"how (?:many|much|long|old|far|big|high|tall|large)\b"),
        ("person", r"(?:who|whom|whose)\b"),
        ("place", r"where\b"),
        ("how", r"(?:how|why)\b"),
        ("what", r"(?:what|which)\b"),
    )
)
_CHINESE_NAMED = re.compile(r"[\u3400-\u9fff（）()·]+")  # the Chinese an English question names
_UNIT_AFTER = re.compile(r"(?:多少|几)([\u4e00-\u9fff])")
# 哪一年 wants a year, 几点 an hour (时); 何时 and 几时 say nothing
_DATE_UNIT = re.compile(r"(年|月|日|天|号)$|^(?:几点|几时几分|什么时刻)")
_MONEY_QUESTION = re.compile(
    r"多少(?:钱|资金|经费|费用)|几块钱|(?:投资|斥资|耗资|花费|造价|价格|售价)(?:了|是|为|约|大约)?多少"
    # how much of a thing that is money, the question ending there: 农民工工资追回了多少 (1900余万元, not
    # the 1368名 workers it was got back for); not 资金帮助了多少户
    r"|(?:工资|薪水|薪酬|奖金|资金|经费|补贴|补助|善款|捐款|税收|产值|收入|营收|营业额|销售额|利润|欠款|罚款)"
    r"(?:(?!的)[\u4e00-\u9fff]){0,2}?(?:了|是|为|有|共|达|约)?多少[？?]?$"
)
# how a reader asks what was spent, which the page says its own way (投资300万元): 花了多少钱, 用了多少钱
SPENDING = frozenset("钱 花 花了 用 用了 掏 掏了 砸 砸了".split())
# a point of a speech as the page numbers it (会议强调，一是……。二是……), read as the question asks it
POINT_WRITTEN = re.compile(r"[一二三四五六七八九十]{1,2}是")


def point_said(point: str) -> re.Pattern:
    """How a page may number the point ``point`` (二是) of a speech: 二是…… or 二要…… (王家鹏在讲话中强调，一要……)."""
    return re.compile(f"{re.escape(point[:-1])}[是要]")


# a death, as readers and pages say it (去世了吗？ 因病去世)
DYING = ("去世", "逝世", "离世", "过世", "牺牲", "死")
_ASKS_DEATH = re.compile("|".join((*DYING, "病逝")))  # a death asked of (怎么去世的？ 什么时候牺牲的？)
DEATH_TOLD = re.compile(  # and as pages tell it; a page's 死 alone may be no death (死角): 死于
    "|".join(word for word in (*DYING, "病逝", "身亡", "遇难", "殉职", "死于", "心脏骤停", "与世长辞") if word != "死")
)
# who went along, as readers and pages say it (谁陪同的？ of 区领导万英奎一同调研)
ACCOMPANYING = ("陪同", "一同", "随同", "陪")
# an amount of money as written: 10亿元, 5,000,000美元, 14800日元, 63港币
MONEY = re.compile(
    r"[0-9一二两三四五六七八九十百千万亿]\s*(?:多|余)?\s*(?:万|亿)?\s*(?:美|日|欧|港|韩)?(?:元|圆|块|镑|港币|美金|台币|卢布)"
)
# asking for several things: 哪些地区, 哪几座, 哪四大课堂, 哪两个族 (with how many); 都有谁, ……的有谁: who, all of them
_SEVERAL = re.compile(r"哪(?:些|几|([0-9]+|[两二三四五六七八九十]+))|都有谁|有谁$")
# A term made of a count and a kind (两带, 三城, 四大课堂), asked what it is: the things it counts, whose
# names end with the kind (大沙河生态带、新河财富带)
_COUNTED_TERM = re.compile(
    r"(?P<term>[两二三四五六七八九十]+[个大项]?[^\W\d一二两三四五六七八九十是指]{1,2}?)(?:是指|是|指)(?:什么|啥)"
)
_NOUN_AFTER = re.compile(r"(?:(?![的是在了呢吗])[\u4e00-\u9fffA-Za-z]){1,2}")
_EDGE = "？?！!。，,；;：: "


_FINENESS = {"年": 0, "月": 1, "日": 2, "时": 3}


def _date_unit(pattern: re.Pattern, plain: str) -> str:
    """The finest unit a date question asks for (几月几号 wants a day, 4月15日, not a month); 哪天
    and 几号 are answered by a 日, as papers write it."""
    units = [_DATE_UNIT.search(found.group()) for found in pattern.finditer(plain)]
    said = {(unit.group(1) or "时").replace("天", "日").replace("号", "日") for unit in units if unit}
    return max(said, key=_FINENESS.__getitem__, default="")


def _unit_after(plain: str) -> str:
    """The unit of a 多少 question (多少户: 户); the model learned 几天 as 日."""
    unit = _UNIT_AFTER.search(plain)
    return unit.group(1).replace("天", "日") if unit else ""


# verbs ending in 过 that is no particle: 通过 of 审议通过了什么？ is not 通 + 过
_VERBS_IN_GUO = ("通过", "经过", "超过", "度过", "渡过", "路过", "错过", "越过", "穿过", "胜过", "放过", "难过")


def without_particles(said: str) -> str:
    """What is said up to its last verb, without the particles after it (开过了: 开; 审议通过了: 审议通过,
    not 审议通, which stripping every 了 and 过 made of it)."""
    said = said.rstrip("了")
    if said.endswith("过") and not said.endswith(_VERBS_IN_GUO):
        said = said[:-1].rstrip("了")
    return said


@dataclass(frozen=True)
class Asking:
    """What a question asks for: its kind (``WANTS``), the words either side of its question
    word, the unit of a 多少 question and the noun of a 哪个/什么 question."""

    wants: str
    before: str
    after: str
    unit: str
    noun: str
    ordinal: bool = False  # 第几: the answer is 第一名, not 一名
    money: bool = False  # 多少钱, 投资多少: the answer is an amount of money (10亿元), not 5400余座
    several: bool = False  # 哪些, 哪几, 哪四大: the answer lists things (固定课堂、指尖课堂……)
    count: int = 0  # how many, when the question says (哪四大课堂: 4)
    carried: bool = False  # a follow-up's, asked by the question before (那因残致贫的呢？ after ……几户？)
    age: bool = False  # 多大年纪, 几岁: the answer is an age (38岁), not another amount
    of: str = ""  # a carried question's own subject, what it asks of (因残致贫 of 那因残致贫的呢？)
    measure: str = ""  # the measure a 多少 asks (有多高？: height), said in its units (55米), in MEASURES


# What a question asks the measure of (纽西兰鸡毛松有多高？ 体重大约是多少？), and the units it is said in: a
# number in no such unit (一种, 1628年) answers no such question. Asked in a unit (高多少米？), that unit is.
_MEASURE_ASKED = (
    (
        "length",
        re.compile(
            r"(?:有|是)?多(?:高|长|远|深)(?!时间)|(?:身高|高度|长度|全长|深度|海拔|距离)(?:大约|约)?(?:是|为|有)?多少"
        ),
    ),
    ("weight", re.compile(r"(?:有|是)?多重|(?:体重|重量)(?:大约|约)?(?:是|为|有)?多少")),
    ("area", re.compile(r"(?:有|是)?多大面积|面积(?:大约|约)?(?:是|为|有)?(?:多大|多少)")),
    ("duration", re.compile(r"(?:有|是)?(?:多久|多长时间|多少时间)")),  # 持续了多久？: 为期一周
)
MEASURES = {
    "length": re.compile(r"米|里|公分|尺|码|寸|(?i:km|cm|mm|m|ft|mi)\b"),
    "weight": re.compile(r"克|斤|吨|磅|公担|(?i:kg|g|lb)\b"),
    "area": re.compile(r"平方|亩|公顷|顷|(?i:km|m)[²2]"),  # ² as char_aligned writes it: 2
    "duration": re.compile(r"天|小时|分钟|秒|周(?!年)|星期|月|(?<!周)年"),  # not 建党100周年
}


def measure_asked(question: str) -> str:
    """The measure a question ends asking (one of ``MEASURES``), in no unit of its own, or ""."""
    for measure, asked in _MEASURE_ASKED:
        found = asked.search(question)
        ends = found is not None and (
            found.end() == len(question)
            or measure == "duration"  # or how long before a deed is done (多长时间建成？ 多久能完成？)
            and bool(_DONE_AFTER_HOW_LONG.fullmatch(question, found.end()))
        )
        if found and ends and not question[: found.start()].endswith(_NO_MEASURE):
            return measure
    return ""


_DONE_AFTER_HOW_LONG = re.compile(
    r"(?:才|能|就|可以|可|要|会)?(?:建成|完成|建好|做完|办完|办好|办结|竣工|投产|通车|贯通|结束)"
)


# what is high or low in no unit (级别有多高？: 21级赛事; 水平有多高？)
_NO_MEASURE = ("级别", "等级", "水平", "规格", "档次", "地位", "标准", "层次", "要求")


def choices(asked: Asking) -> tuple[str, str, str] | None:
    """The two things a question asks to choose between and what both end with (上午开的还是下午开的？: 上, 下
    and 午开的; 在春季还是秋季举行？: 春季, 秋季举行; 马村还是小寨村？: 马, 小寨 and 村), or None: the first is what the
    question says before 还是 after its last 是, 在, 的, 去 or 到 (or, without one, as many characters as the second
    or the last two), the second what it says after 还是, less what both end with (how much of each a page says is
    ``spans``' to read)."""
    if asked.wants != "other":
        return None
    said = _CHOICE.fullmatch(asked.before)
    if said is None:
        return None
    left, right = said.group(1), said.group(2).rstrip("呢吗啊")
    ending = os.path.commonprefix([left[::-1], right[::-1]])[::-1]
    left, right = left.removesuffix(ending), right.removesuffix(ending)
    parts = re.split(r"[是在的去到]", left)
    first = parts[-1] or left[-2:]
    if len(parts) == 1 and len(left) > len(right) + 1:  # 污染防治会议上午开的还是下午开的？: 上, as long as 下
        first = left[-len(right) :]
    first = first if len(first) <= _CHOICE_MOST else left[-2:]
    return (first, right, ending) if first and right and first != right else None


_CHOICE = re.compile(r"(.+?)还是(.+)")
_CHOICE_MOST = 8  # characters of a thing to choose


def of_several(asked: Asking) -> Asking:
    """哪些平台 asks for 平台: ``asking`` reads 些平 after the 哪, as the models learned it."""
    if asked.wants != "which" or not asked.noun.startswith("些"):
        return asked
    return _asking_for(asked, asked.noun[1:] + asked.after)


def of_a_kind(asked: Asking) -> Asking:
    """什么样的企业 asks for a 企业 (优质企业): ``asking`` reads 样 after the 什么, as the models learned it."""
    if asked.wants != "what" or asked.noun != "样":
        return asked
    return _asking_for(asked, asked.after.removeprefix("的"))


def _asking_for(asked: Asking, rest: str) -> Asking:
    """``asked`` asking for the noun ``rest`` begins with (none when it begins with none)."""
    noun = _NOUN_AFTER.match(rest)
    return replace(asked, noun=noun.group() if noun else "", after=rest[noun.end() :] if noun else rest)


def asking(question: str) -> Asking:
    """Parse a question's question word (pure: the question as written, normalised here)."""
    plain = normalise(question).strip(_EDGE)
    term = _COUNTED_TERM.fullmatch(plain)
    if term:  # 两带是指什么？ asks which two, as 两带是哪两带？ does
        plain = f"{term.group('term')}是哪{term.group('term')}"
    several = _SEVERAL.search(plain)
    count = parse_number(several.group(1)) if several and several.group(1) else None
    for wants, pattern in _ASKING_RES:
        found = pattern.search(plain)
        if found:
            said = _date_unit(pattern, plain) if wants == "date" else _unit_after(plain[found.start() :])
            noun = _NOUN_AFTER.match(plain, found.end()) if wants in ("which", "what") else None
            end = noun.end() if noun else found.end()
            return Asking(
                wants,
                plain[: found.start()],
                plain[end:].strip(_EDGE),
                said,
                noun.group() if noun else "",
                plain[found.start() - 1 : found.start()] == "第",
                wants == "number" and bool(_MONEY_QUESTION.search(plain)),
                several is not None,
                count or 0,
                age=bool(_AGE_QUESTION.search(plain)),
                measure=measure_asked(plain) if wants == "number" else "",
            )
    english = next((wants for wants, pattern in _ENGLISH_ASKING if pattern.match(plain)), None)
    if english is not None:  # the archive's words in an English question are its names, not its question
        # asked who, the Chinese it names: a title the holder of which is asked (Who is the 董事长 of 中商……?)
        named = "".join(_CHINESE_NAMED.findall(plain)) if english == "person" else ""
        return Asking(english, named, "", "", "", age=plain.startswith("how old"))
    return Asking("other", plain, "", "", "", several=several is not None, count=count or 0)


def asks_of_a_death(asking: Asking) -> bool:
    """Whether a question asks how, when or where someone died, its death word by its question word
    (怎么去世的？ 什么时候牺牲的？ 在哪去世？), not a death that dates what is asked (……去世後，……與哪國……)."""
    return bool(_ASKS_DEATH.match(asking.after) or _ASKS_DEATH.search(asking.before[-3:]))
