"""Who a person is, as a paper says it: the title written right before the name, or said of it.

A news report introduces a person once, with their post in front of their name (示范区（高新区）党工委
书记、管委会主任王家鹏) or after it (李志勇同志生前是……流调室主任), and names them bare after that
(当天，王家鹏还到……). Asked who someone is (吕沛是谁？ 王家鹏是什么职务？), the passage that
introduces them answers, and the title is the short answer.
"""

from __future__ import annotations

import re

from .segment import clause_start

# How a title ends: a post (书记, 局长, 董事长, 组长), a role the paper gives people (区领导, 记者), a calling
# (作家, 运动员).
_TITLE_END = re.compile(
    r"(?:书记|主任|局长|部长|厅长|处长|科长|院长|校长|所长|站长|队长|组长|区长|市长|县长|省长|镇长|乡长|村长"
    r"|主席|会长|秘书长|理事长|董事长|总经理|经理|总裁|总监|行长|社长|台长|馆长|团长|政委|司令|委员|代表|专员"
    r"|领导|负责人|记者|通讯员|法定代表人|创始人|创办人|教授|研究员|医生|专家|老师|学者|成员|人物"
    r"|作家|画家|诗人|科学家|政治家|艺术家|思想家|音乐家|企业家|军事家|文学家|哲学家|书法家|数学家|物理学家|经济学家"
    r"|歌手|演员|导演|编剧|主持人|运动员|球员|教练|将领|将军|皇帝|国王|王后|总统|总理|首相)$"
)
_CLAUSE_MARKS = "，。；：！？,;:!?\n"
_CLAUSE_END = re.compile("[" + re.escape(_CLAUSE_MARKS) + "]")
# What opens a clause before the title, not part of it: a quotation's end, 由 (由区领导高鸿率领), 根据……
_OPENING = re.compile(r"[\s“”\"'「」『』（）()]*(?:根据|按照|由|在|与|据|经|和|及|向|请|是|对|同|随|受)?")
# what was done with the person, written before their title (传达学习省委书记王国生……, 吕沛会见了……董事长胡友峰)
_DONE_WITH = re.compile(r"(?:传达学习|传达|学习|贯彻|听取|会见|接见|看望|慰问|陪同|邀请|欢迎)了?")
# What says a name is a title: 李志勇同志生前是……, 王某现任……
_SAID = re.compile(r"(?:同志|先生|女士)?(?:生前)?(?:是|为|系|现任|任|担任)")
MAX_TITLE_CHARS = 40


def title_of(text: str, name: str) -> tuple[int, int] | None:
    """Where in ``text`` the longest title of ``name`` is (start, end), or None: written right before
    the name (中商（威海）控股集团董事长胡友峰), or said of it (李志勇同志生前是市农业农村局疫控中心流调室主任)."""
    best: tuple[int, int] | None = None
    for found in re.finditer(re.escape(name), text):
        for start, end in (_before(text, found.start()), _said_of(text, found.end())):
            if _titled(text[start:end]) and (best is None or end - start > best[1] - best[0]):
                best = (start, end)
    return best


def _titled(title: str) -> bool:
    return 2 <= len(title) <= MAX_TITLE_CHARS and bool(_TITLE_END.search(title))


def _before(text: str, end: int) -> tuple[int, int]:
    """The clause before a name, less the word opening it (由区领导高鸿率领: 区领导) and what it says was
    done with them (吕沛会见了中商控股集团董事长胡友峰: 中商控股集团董事长)."""
    start = clause_start(text, end, _CLAUSE_MARKS)
    opening = _OPENING.match(text, start, end)
    start = opening.end() if opening else start
    done = [found.end() for found in _DONE_WITH.finditer(text, start, end)]
    return (done[-1] if done else start), end


def _said_of(text: str, after: int) -> tuple[int, int]:
    """What a clause says a name is (同志生前是……主任, 现任……局长), to the end of that clause."""
    said = _SAID.match(text, after)
    if said is None:
        return after, after
    end = _CLAUSE_END.search(text, said.end())
    return said.end(), end.start() if end else len(text)


def title_before(text: str, at: int) -> str:
    """The title written right before ``at``, where a name begins (党工委书记、管委会主任|吕沛), or ""."""
    start, end = _before(text, at)
    return text[start:end] if _titled(text[start:end]) else ""


def is_title(word: str) -> bool:
    """A word that ends as titles do (书记, 局长, 区领导): 示范区党工委书记是谁？ asks who holds it."""
    return bool(_TITLE_END.search(word))


def introduced(name: str, text: str) -> int:
    """How long the title ``text`` gives ``name`` is, in characters (0: none)."""
    found = title_of(text, name)
    return found[1] - found[0] if found else 0
