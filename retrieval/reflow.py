"""Turn OCR'd column lines back into readable text.

Newspaper OCR breaks lines every 10 to 20 characters, pads justified lines with
spaces between every character and leaves stray spaces around digits and
full-width brackets. These pure functions undo that without touching the
words themselves.
"""

from __future__ import annotations

import re

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width and CJK punctuation, quotes and brackets.
_CJK_PUNCT = "\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014\u00b7"
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")

SENTENCE_END = "。！？!?…"
_CLOSERS = "”’」』）)》】"
_SENTENCE_SPLIT = re.compile(rf"(?<=[{SENTENCE_END}])(?![{SENTENCE_END}])[{_CLOSERS}]*")


def _is_cjk_or_punct(char: str) -> bool:
    return bool(re.match(f"[{_CJK}{_CJK_PUNCT}]", char))


def is_justified(line: str) -> bool:
    """A justified line has a space between (nearly) every pair of characters."""
    chars = len(_SPACES.sub("", line))
    gaps = len(re.findall(r"\S[ \t\u3000\u00a0]+(?=\S)", line))
    return chars > 3 and gaps >= (chars - 1) / 2


def clean_line(raw: str) -> str:
    """Strip OCR spacing from one line while keeping meaningful spaces.

    Spaces that justify a line, or stand next to digits and full-width
    punctuation, are removed (``4 月 20 日`` -> ``4月20日``); a space between two
    Chinese phrases in an otherwise unspaced line separates headline phrases
    or slogans (``坚持目标导向 确保…``) and is kept, as is a space between two
    Latin words or numbers.
    """
    line = _SPACES.sub(" ", raw.strip().replace("\ufeff", ""))
    if " " not in line:
        return line
    justified = is_justified(line)
    out: list[str] = []
    for index, char in enumerate(line):
        if char != " ":
            out.append(char)
            continue
        before, after = line[index - 1], line[index + 1]
        if _ASCII_WORD.match(before) and _ASCII_WORD.match(after):
            out.append(" ")
        elif justified:
            continue
        elif re.match(f"[{_CJK}]", before) and re.match(f"[{_CJK}]", after):
            out.append(" ")
    return "".join(out)


def ends_sentence(line: str) -> bool:
    """True when a line closes a sentence (``。`` possibly followed by a quote)."""
    stripped = line.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in SENTENCE_END


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph.

    Column lines break anywhere, even inside a number (``人才 1`` / ``2 个``),
    so the pieces are joined with nothing between them.
    """
    return "".join(lines)


def sentence_parts(text: str) -> list[str]:
    """The text cut after every sentence end (closing quotes stay with their sentence);
    joined again they are the text, whitespace included."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_SPLIT.finditer(text):
        end = match.end()
        if end > start:
            parts.append(text[start:end])
        start = end
    if start < len(text):
        parts.append(text[start:])
    return parts


def split_sentences(text: str) -> list[str]:
    """The sentences of a text, without the whitespace-only pieces between them."""
    return [part for part in sentence_parts(text) if part.strip()]


def visible_length(text: str) -> int:
    return len(_SPACES.sub("", text))
