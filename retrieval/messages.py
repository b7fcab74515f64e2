"""What a reader types, before it is a question: 更多 and 全文 n, small talk, and a question put as a
request (请问……, 帮我查一下……？谢谢), unwrapped. Pure functions over the text as typed."""

from __future__ import annotations

import re
import unicodedata

from .dates import parse_number
from .errors import BadQuestion
from .notes import MORE_QUESTIONS, SHORTENED, Note
from .segment import normalise

MAX_QUESTION_CHARS = 500
EDGES = " \t\u3000？?！!。，,；;：:、…"  # what a question may begin or end with besides its words


# What a reader types to see the rest of the answer being read (the buttons say 更多): not a question.
# 还有呢？ was a follow-up asking the question before again: the same answer, where more was asked for.
_MORE = frozenset(
    "更多 更多的 更多结果 还有更多 再多一些 下一页 下页 继续 接着看 more next "
    "还有呢 还有吗 还有没有 还有别的吗 还有其他的吗 别的呢 其他的呢 其它的呢".split()
)


def asks_for_more(raw: str) -> bool:
    """Whether a message asks for the next page of the answer being read (更多, 下一页, more)."""
    return normalise(raw).strip(EDGES) in _MORE


# What a reader types to read an entry whole (the buttons say 全文 n): 全文 2, 全文第二条, 第2条全文;
# or, of a list, 第一个会议讲了什么 or 第二个呢 (what entry n says); 详细点 and 展开说说 read the first, as does a
# question about where the answer is from (这是哪天的新闻？ 是谁写的？ 出自哪篇文章？ 登在哪一版？), which
# the article's head says: its date, headline, byline and page. Asked as questions, they were answered
# from other articles (出自哪篇文章？ by a 2019 meeting).
_ABOUT_IT = r"(?:这|这篇|这条|这个|该|此)?(?:新闻|报道|文章|消息|稿子|稿件)?(?:是|在|登在|刊登在|发表在)?"
_WHEN_PRINTED = r"(?:哪天|哪一天|什么时候|何时|哪年|哪一年|哪个月|几月份?|几号|哪一?期)"
_ARTICLE = re.compile(
    r"(?:详细|具体|展开)(?:点|一点|些|一些)?(?:说说|讲讲|说一下|讲一下|介绍一下)?|说(?:得)?详细(?:点|一点|些|一些)"
    rf"|(?:这|这篇|这条|这个|该|此)(?:新闻|报道|文章|消息|稿子|稿件)?是?{_WHEN_PRINTED}"
    r"(?:的|发的|登的|刊登的|发表的|写的|报道的)?(?:新闻|报道|文章|消息|报纸)?"
    rf"|是?{_WHEN_PRINTED}(?:的|发的|登的|刊登的|发表的)(?:新闻|报道|文章|消息|报纸)"
    rf"|是?{_WHEN_PRINTED}(?:登|刊登|刊发|刊载|发表|见报)的"  # 什么时候登的？ (not 发的: 宣传单什么时候发的)
    rf"|{_ABOUT_IT}的?(?:日期|出版日期|发表日期|刊登日期|报道时间|发表时间|刊登时间)(?:是{_WHEN_PRINTED}|是什么)?"
    rf"|{_ABOUT_IT}的?(?:标题|题目)(?:是什么|叫什么|是啥)?"
    rf"|{_ABOUT_IT}(?:出自|来自)(?:哪里|哪儿|哪篇文章|哪篇报道|哪个版面?|哪一?版|哪天的报纸)"
    r"|(?:出自|来自|在)?哪篇(?:文章|报道|新闻)(?:说的|里|中|上)?|是?哪(?:个|份|张)报纸(?:的|上的)?"
    rf"|{_ABOUT_IT}(?:谁写的|哪个记者写的|哪位记者写的)|{_ABOUT_IT}的?(?:记者|作者)是谁"
    rf"|{_ABOUT_IT}(?:哪一?版|哪个版面?|第几版)的?"
    r"|(?:消息|新闻)?(?:出处|来源|原文)(?:是什么|是哪里|在哪里?|是哪篇(?:文章|报道)|呢)?|(?:给我)?(?:看|打开)原文"
    r"|(?:看|打开)?(?:全文\s*(?:第\s*)?(?P<after>[0-9一二两三四五六七八九十百]+)?\s*[条篇]?"
    r"|第\s*(?P<before>[0-9一二两三四五六七八九十百]+)\s*[条篇]的?全文"
    r"|第\s*(?P<told>[0-9一二两三四五六七八九十百]+)\s*[个条篇项](?:会议|会|文章|报道|新闻|消息|活动|结果)?"
    r"(?:讲了什么|说了什么|讲的是什么|讲的什么|说的是什么|是什么内容|有什么内容|的内容|的详情|的详细内容|的具体内容|详细说说"
    r"|具体说说|呢|是什么|是啥)?)"
)


def asks_for_article(raw: str) -> int | None:
    """The entry a message asks to read whole (全文 2 -> 2; 全文 alone: the first), or None."""
    found = _ARTICLE.fullmatch(normalise(raw).strip(EDGES))
    if found is None:
        return None
    number = found.group("after") or found.group("before") or found.group("told")
    return parse_number(number) if number else 1


# A greeting, thanks or a request for help, said alone: nothing to search the archive for. So is an
# acknowledgement or a remark on the answer (好的，谢谢; 嗯; 不对): mid-conversation it has no topic of its
# own, and it was answered as a follow-up, the last answer again.
_SMALL_TALK = frozenset(
    "你好 您好 你好啊 您好啊 嗨 哈喽 在吗 在不在 早上好 晚上好 下午好 谢谢 谢谢你 谢谢您 多谢 感谢 非常感谢 "
    "好的 知道了 再见 拜拜 帮助 求助 怎么用 怎么提问 你是谁 你能做什么 你会什么 hi hello hey thanks help "
    "好 好吧 行 可以 ok okay 嗯 嗯嗯 哦 噢 喔 了解 明白 明白了 收到 懂了 太好了 不错 厉害 真棒 你真棒 哈哈 呵呵 "
    "不客气 没事 辛苦了 谢谢你的回答 谢谢你的帮助 不对 错了 不是 答非所问 没用".split()
)
_SMALL_TALK_WORDS = re.compile("|".join(sorted(map(re.escape, _SMALL_TALK), key=len, reverse=True)))
_FILLERS = re.compile(r"[\s,，。.!！?？~～、…啊呀吧哈啦呢的了]*")


def _small_talk(text: str) -> bool:
    """Only greetings, thanks, acknowledgements (你好; 好的，谢谢！; 嗯嗯): nothing to search for."""
    return _FILLERS.fullmatch(_SMALL_TALK_WORDS.sub("", normalise(text))) is not None


# A question put as a request: 请问……, 我想知道……, 帮我查一下……, 能告诉我……吗, 你知道……吗, 有人知道……吗 (after a
# greeting, too: 你好，请问……), or with thanks after it (……？谢谢, ……，麻烦了); or as a correction of the
# answer before (不是这个，我问的是……).
_CORRECTION = r"(?:不是(?:这个|这篇|这条|这样|那个)?|不对|错了)[，,。！!\s]+|我?(?:问|说|指|要找|找)的是"
_GREETING = r"(?:你好|您好|hi|hello|嗨|哈喽)[啊呀]?"
_FRAME = re.compile(
    rf"(?:{_GREETING}[，,！!\s]*)?"
    r"(?:请问一?下?|我?想(?:知道|问一?下?|了解一?下?|请问)|(?:请|麻烦)?(?:帮我|给我)(?:查|找|看)(?:一?下|查|找|看)?"
    r"|(?:你|您)?(?:能不能|能否|可以|可不可以|能)?(?:告诉|说说|讲讲)(?:我|一下)*|(?:你|您)(?:知道|知不知道|晓得)"
    rf"|麻烦问一?下|问一?下|有?谁知道|(?:有没有|有)人知道|求问|我?(?:记得|听说|听人说)|据说|{_CORRECTION})[，,：:\s]*"
    rf"|{_GREETING}[，,！!\s]+"  # a greeting alone before the question: 你好，李前进是干什么的？
)
_CORRECTS = re.compile(_CORRECTION)


def corrects(question: str) -> bool:
    """Whether a message corrects the answer before (pure; ``question`` normalised): 不是这个，我问的是
    劳动保障监察大队 asks the question before again, of what it names (不对 alone is a remark)."""
    found = _CORRECTS.match(question)
    return found is not None and bool(question[found.end() :].strip(EDGES))


_THANKS = re.compile(
    r"[，,。.!！~～\s]*(?:谢谢(?:你|您|啦|了)?|多谢|感谢|麻烦(?:你|您)?了|急|在线等|请回答|求解答|求答案)[!！。.~～\s]*$"
)
_WH_WORD = re.compile(r"什么|多少|多[大高长远久重深宽厚快]|几|谁|哪|怎|何|啥")
_REQUEST_END = re.compile(r"吗(?=[？?。!！\s]*$)")
_PARTICLE_END = re.compile(r"[呢啊呀吧哈]+(?=[？?。!！~～\s]*$)")


def unframed(question: str) -> str:
    """The question a request puts (pure; ``question`` normalised): 请问示范区低收入群体排查出多少户？
    asks 示范区低收入群体排查出多少户？ (请问 is no word of the archive: counted, it made the question
    "no good match"), as does ……多少户呢？谢谢. 你知道李志勇去世时多大吗？ asks 李志勇去世时多大？: its
    吗 is the request's, not a yes-or-no question's, while 你知道蒙牛投产了吗？ still asks yes or no."""
    while True:  # 你好，请问一下，我想知道……: one frame after another
        rest = _THANKS.sub("", question)
        found = _FRAME.match(rest)
        if found and found.group():
            rest = rest[found.end() :]
            rest = _REQUEST_END.sub("", rest) if _WH_WORD.search(rest) else rest
        if _WH_WORD.search(rest):
            rest = _PARTICLE_END.sub("", rest)
        if rest == question or not any(char.isalnum() for char in rest):
            return question
        question = rest


def checked(raw: str) -> tuple[str, tuple[Note, ...]]:
    """The question with its whitespace folded, shortened if very long, the first of several a
    message asks (the rest said in a note); BadQuestion when it has nothing to search (empty,
    only emoji or punctuation)."""
    text = re.sub(r"\s+", " ", raw or "").strip()
    if not text:
        raise BadQuestion(BadQuestion.EMPTY)
    if not any(unicodedata.category(char)[0] in "LN" for char in text):
        raise BadQuestion(BadQuestion.NO_TEXT)
    if _small_talk(text):
        raise BadQuestion(BadQuestion.SMALL_TALK)
    asked = questions(text)
    if len(asked) > 1:
        return asked[0], (Note(MORE_QUESTIONS, text="".join(asked[1:])),)
    if len(text) > MAX_QUESTION_CHARS:
        return text[:MAX_QUESTION_CHARS], (Note(SHORTENED, count=len(text)),)
    return text, ()


_CLOSING_OF = {"“": "”", "「": "」", "『": "』", "《": "》", "（": "）", "(": ")", '"': '"'}


def questions(text: str) -> list[str]:
    """The questions a message asks, in order, each with its question mark (pure): 滨河路什么时候
    贯通？谁去调研的？ asks two; a question mark inside quotation marks or brackets ends nothing, and
    what is no question (你好？ 谢谢！) is left out. Searched together, two questions were answered
    as one, from whichever passage held most of both."""
    marks = text.count("？") + text.count("?")
    if not marks or (marks == 1 and text.rstrip().endswith(("？", "?"))):  # one question, as most are
        return [text]
    parts: list[str] = []
    closing: list[str] = []  # what closes the quotation marks and brackets open, innermost last
    start = 0
    for at, char in enumerate(text):
        if closing and char == closing[-1]:
            closing.pop()
        elif char in _CLOSING_OF:
            closing.append(_CLOSING_OF[char])
        elif char in "？?" and not closing and text[at + 1 : at + 2] not in ("？", "?"):
            parts.append(text[start : at + 1])
            start = at + 1
    parts.append(text[start:])
    asked = [part.strip() for part in parts if _asks(part)]
    return asked if len(asked) > 1 else [text]


def _asks(part: str) -> bool:
    """Whether a piece of a message asks something: a question word, or 吗 or 呢 before its question
    mark, two letters or more, and no small talk (你好？). A question mark alone asks nothing: texts
    write ? for a character they could not (東頭?和美東?曾……被劃入哪一個區中?)."""
    letters = sum(unicodedata.category(char)[0] in "LN" for char in part)
    asks = bool(_WH_WORD.search(part)) or part.rstrip(" ？?").endswith(("吗", "呢", "嗎"))
    return letters >= 2 and asks and not _small_talk(part)
