"""Read the layout of an OCR'd newspaper page: articles, headlines, bylines, captions.

The pages this was written for print each article's headline *after* its body,
start most articles with ``本报讯（记者…）``, cut sentences at column breaks
(blank lines), and drop photo captions with a ``本报记者 … 摄`` credit between
articles. Everything here is a pure function of the page text.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .reflow import clean_line, ends_sentence, join_lines, visible_length
from .segment import to_simplified

# Traditional forms of the characters the markers below are written with (本報訊, 記者 … 攝;
# 為 as Taiwan and Hong Kong print it, 爲 as OpenCC writes it).
_TRADITIONAL = {
    "报": "報",
    "讯": "訊",
    "记": "記",
    "员": "員",
    "摄": "攝",
    "图": "圖",
    "为": "為爲",
    "华": "華",
    "电": "電",
}


def _either_script(pattern: str) -> re.Pattern:
    """Compile a marker pattern so that it matches in simplified and in traditional characters."""
    return re.compile("".join(f"[{char}{_TRADITIONAL[char]}]" if char in _TRADITIONAL else char for char in pattern))


# An article starts at a news lead (本报讯, 本报北京4月20日电, 新华社…电) …
_LEAD = _either_script(r"^(?:本报讯|本报[\u4e00-\u9fff\d]{0,12}电|新华社[\u4e00-\u9fff\d]{0,12}电)")
# … or at a feature byline standing on its own line (本报记者 付凯明).
_FEATURE_BYLINE = _either_script(
    r"^本报(?:记者|通讯员)\s?[\u4e00-\u9fff]{2,4}(?:\s+(?:通讯员|记者)?\s?[\u4e00-\u9fff]{2,4})*$"
)
_LEAD_BYLINE = _either_script(
    r"^(本报讯|本报[\u4e00-\u9fff\d]{0,12}电|新华社[\u4e00-\u9fff\d]{0,12}电)\s*(?:[（(]([^（）()]{1,40})[）)])?\s*"
)
# A note set in brackets on its own line: （本栏稿件均由本报记者郭树勋整理）
_NOTE = re.compile(r"^[（(][^（）()]{4,60}[）)]$")
# Photo credits: 本报记者 付凯明 摄, 通讯员 李想 摄, or a bare name before 摄 after a caption.
_CREDIT = _either_script(
    r"(?:(?:本报)?(?:记者|通讯员|摄影)\s?(?:[\u4e00-\u9fff]\s?){2,4}"
    r"|(?:(?<=[。！？”\s])|^)[\u4e00-\u9fff]{2,4}\s)摄$"
)
_CREDIT_HEAD = _either_script(r"^(?:本报)?(?:记者|通讯员)$")
_CAPTION_START = _either_script(r"^(?:[⬅➡⬆⬇←→↑↓↖↗↘↙▲▼◀▶△▽◁▷]|图为|图：|上图|下图|左图|右图)")
_NARROW = 8  # photo captions are set in columns this narrow; headlines and body are wider
_CREDIT_ROLE = _either_script(r"(?:本报)?(?:记者|通讯员|摄影)")
_HEADLINE_PUNCT = re.compile(r"[，。；！？,;]")
_PAIRS = (("“", "”"), ("（", "）"), ("《", "》"), ("(", ")"), ("「", "」"))


@dataclass
class PageItem:
    """One thing printed on a page: an article or a photo caption."""

    kind: str  # "article" or "caption"
    title: str  # the headline as printed, or "" when the page prints none
    paragraphs: list[str]
    byline: str = ""


@dataclass
class _Line:
    text: str
    gap_before: bool  # a blank line (paragraph or column break) comes before it


@dataclass
class _Draft:
    lines: list[_Line] = field(default_factory=list)
    byline: str = ""
    title: str = ""


def looks_like_newspaper(text: str) -> bool:
    """Pages with news leads or photo credits get the newspaper reading."""
    for raw in text.splitlines():
        line = clean_line(raw)
        if _LEAD.match(line) or _FEATURE_BYLINE.match(line):
            return True
    return False


def parse_page(text: str) -> list[PageItem]:
    """Split a newspaper page into articles and captions, in page order."""
    blocks = [_merge_split_credits(block) for block in _blocks(text)]
    captions, caption_lines = _find_captions(blocks)
    lines: list[_Line] = []
    for b, block in enumerate(blocks):
        gap = True
        for i, line in enumerate(block):
            if (b, i) in caption_lines:
                gap = True
                continue
            lines.append(_Line(line, gap))
            gap = False
    return _articles(lines) + captions


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = clean_line(raw)
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _merge_split_credits(block: list[str]) -> list[str]:
    """``本报记者`` / ``郭树勋 摄`` on two lines is one credit."""
    merged: list[str] = []
    for line in block:
        if merged and _CREDIT_HEAD.match(merged[-1]) and _CREDIT.search(merged[-1] + " " + line):
            merged[-1] = merged[-1] + " " + line
        else:
            merged.append(line)
    return merged


def _is_narrow(block: list[str]) -> bool:
    return len(block) >= 2 and all(visible_length(line) <= _NARROW for line in block)


def _find_captions(blocks: list[list[str]]) -> tuple[list[PageItem], set[tuple[int, int]]]:
    """Photo captions end in a credit; they start at an arrow or ``图为``, or fill a narrow column."""
    captions: list[PageItem] = []
    taken: set[tuple[int, int]] = set()
    for b, block in enumerate(blocks):
        for i, line in enumerate(block):
            credit = _CREDIT.search(line)
            if not credit:
                continue
            before = line[: credit.start()].strip()
            positions = [(b, i)]
            parts = [before] if before else []
            if not _CAPTION_START.match(before):
                positions_back, parts_back = _caption_before(blocks, b, i, taken)
                positions = positions_back + positions
                parts = parts_back + parts
            taken.update(positions)
            caption = join_lines(parts)
            caption = _CAPTION_START.sub("", caption).strip() or caption
            if caption:
                captions.append(PageItem("caption", "", [caption], _credit_text(line[credit.start() :])))
    return captions, taken


def _caption_before(blocks, b, i, taken) -> tuple[list[tuple[int, int]], list[str]]:
    """Walk back from a credit over the caption's lines, within and across blocks."""
    block = blocks[b]
    for k in range(i - 1, -1, -1):
        if (b, k) in taken or _CREDIT.search(block[k]):
            break
        if _CAPTION_START.match(block[k]):
            return [(b, j) for j in range(k, i)], block[k:i]
    if i > 0 and not _is_narrow(block[:i]):
        return [], []
    positions = [(b, j) for j in range(i)]
    parts = list(block[:i])
    for p in range(b - 1, -1, -1):
        earlier = blocks[p]
        if any((p, j) in taken or _CREDIT.search(line) for j, line in enumerate(earlier)):
            break
        starts = [j for j, line in enumerate(earlier) if _CAPTION_START.match(line)]
        if starts:
            k = starts[-1]
            return [(p, j) for j in range(k, len(earlier))] + positions, earlier[k:] + parts
        if not _is_narrow(earlier):
            break
        positions = [(p, j) for j in range(len(earlier))] + positions
        parts = earlier + parts
    return positions, parts


def _credit_text(credit: str) -> str:
    """``本报记者杨帆摄`` (its spaces lost to justification) -> ``本报记者 杨帆 摄``."""
    compact = re.sub(r"\s+", "", credit)[:-1]
    role = _CREDIT_ROLE.match(compact)
    name = compact[role.end() :] if role else compact
    return " ".join(part for part in (role.group(0) if role else "", name, "摄") if part)


def _is_boundary(line: _Line) -> bool:
    return bool(_LEAD.match(line.text) or _FEATURE_BYLINE.match(line.text) or _NOTE.match(line.text))


def _headline_like(text: str) -> bool:
    return (
        0 < len(text) <= 40
        and not _HEADLINE_PUNCT.search(text)
        and text[-1] not in "、：:“（《"
        and not _is_boundary(_Line(text, False))
    )


def _balanced(text: str) -> bool:
    return all(text.count(left) == text.count(right) for left, right in _PAIRS)


def _has_phrase_space(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff”》] [“《\u4e00-\u9fff]", text))


def _headline_at(lines: list[_Line], start: int) -> int:
    """Length of the headline starting at ``start`` (headlines follow their article), or 0."""
    if start == 0 or not _headline_like(lines[start].text):
        return 0
    previous = lines[start - 1].text
    if not (ends_sentence(previous) or _NOTE.match(previous)):
        return 0
    end = start
    while end < len(lines) and end - start < 5 and _headline_like(lines[end].text):
        end += 1
    run = [line.text for line in lines[start:end]]
    at_end = end == len(lines)
    before_boundary = at_end or _is_boundary(lines[end])
    if not (at_end or before_boundary or lines[end].gap_before):
        return 0  # the text runs on in the same column: a paragraph, not a headline
    if not _balanced("".join(run)) or sum(map(len, run)) > 90:
        return 0
    if before_boundary or len(run) >= 2 or _has_phrase_space(run[0]):
        return len(run)
    return 0


def _articles(lines: list[_Line]) -> list[PageItem]:
    items: list[PageItem] = []
    draft = _Draft()

    def flush() -> None:
        nonlocal draft
        if draft.lines:
            items.append(PageItem("article", draft.title, _paragraphs(draft.lines), draft.byline))
        draft = _Draft()

    index = 0
    while index < len(lines):
        line = lines[index]
        if _LEAD.match(line.text) or _FEATURE_BYLINE.match(line.text):
            flush()
            if _FEATURE_BYLINE.match(line.text):
                draft.byline = line.text
                index += 1
                continue
            lead = _LEAD_BYLINE.match(line.text)
            draft.byline = re.sub(r"\s+", " ", lead.group(2) or "").strip() if lead else ""
            rest = line.text[lead.end() :] if lead else line.text
            if lead and not lead.group(2) and re.match(r"^[（(][^）)]*$", rest):
                draft.byline, continued = _byline_across_lines(lines, index, rest)
                if continued is None:
                    index += 1
                    continue
                rest = continued
            if rest:
                draft.lines.append(_Line(rest, True))
            index += 1
            continue
        if _NOTE.match(line.text) and (not draft.lines or ends_sentence(draft.lines[-1].text)):
            # A bracketed line after a finished sentence is the editor's note; inside a
            # sentence it is the body wrapped at a bracket: （社区卫生服务中心）.
            draft.byline = (draft.byline + " " + line.text.strip("（）()")).strip()
            index += 1
            continue
        run = _headline_at(lines, index)
        if run and draft.lines:
            draft.title = join_headline(
                [line.text for line in lines[index : index + run]], "".join(line.text for line in draft.lines)
            )
            flush()
            index += run
            continue
        draft.lines.append(line)
        index += 1
    flush()
    return items


def join_headline(lines: list[str], body: str) -> str:
    """A headline's lines as printed: a line that wrapped mid-phrase joins the next without a
    space; between kicker, main and sub headline a space stays."""
    title = lines[0]
    for before, after in zip(lines, lines[1:], strict=False):
        title += ("" if _wrapped(before, after, body) else " ") + after
    return title


_WANTS_MORE = ("召开", "举行", "开展", "暨", "、", "和", "与", "及", "的")
# Words a headline line cannot begin with: they go on with the line before (its subject).
_CONTINUES = ("莅临", "喜获", "荣获", "客人", "一行")
_CLOSED = ("”", "》", "！", "？")  # a kicker ending in a quotation or exclamation is whole


def _wrapped(before: str, after: str, body: str) -> bool:
    """Did the headline wrap here? Yes when the line stops at a word that wants more (召开, 暨) or
    the next starts with one (暨) or with words that go on from a subject (莅临, 喜获, 一行), or when the article's own text says the words either side of
    the break together (秋季|田径 in ……秋季田径运动会……): the body names what the headline names."""
    if " " in before or " " in after:
        return False  # 创新机制 合力攻坚 群众参与: phrases set apart are a whole kicker or main line
    stops, starts = to_simplified(before[-2:]), to_simplified(after[:2])  # 召開, 蒞臨 in a traditional page
    if stops.endswith(_WANTS_MORE) or starts.startswith(("暨", "、")):
        return True
    if starts.startswith(_CONTINUES) and not before.endswith(_CLOSED):
        return True  # 沁阳市党政考察团|莅临示范区学习考察: a line cannot open with its verb
    seam = before[-2:] + after[:2]
    return " " not in seam and seam in body


def _byline_across_lines(lines: list[_Line], index: int, rest: str) -> tuple[str, str | None]:
    """``本报讯（记者郭树勋 通`` / ``讯员赵乐）近日，…``: the byline continues on the next line."""
    if index + 1 >= len(lines):
        return "", rest
    following = lines[index + 1].text
    close = re.search(r"[）)]", following)
    if not close or close.start() > 20:
        return "", rest
    byline = re.sub(r"\s+", " ", (rest[1:] + following[: close.start()])).strip()
    lines[index + 1] = _Line(following[close.end() :].lstrip(), True)
    return byline, None


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Mend column breaks: a blank line splits paragraphs only after a finished sentence.

    Inside a column, a finished sentence on a line clearly shorter than the
    column is a paragraph's last line.
    """
    width = statistics.median(visible_length(line.text) for line in lines)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if current and ends_sentence(current[-1]) and (line.gap_before or visible_length(current[-1]) < width - 2):
            paragraphs.append(join_lines(current))
            current = []
        if line.text:
            current.append(line.text)
    if current:
        paragraphs.append(join_lines(current))
    return [paragraph for paragraph in paragraphs if paragraph.strip()]
