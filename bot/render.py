"""Render answers for people (terminal text, Telegram HTML) and for programs (JSON)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from retrieval.answer import Answer, CitedHit
from retrieval.documents import Article
from retrieval.reflow import sentence_parts

BOLD, DIM, CYAN, RESET = "\033[1m", "\033[2m", "\033[36m", "\033[0m"
TELEGRAM_LIMIT = 4096
NO_TITLE = "（无标题）"
TITLE_SHOWN = 200  # a title (or file name) longer than this is cut in citations: records can carry any title
ANSWER_SHOWN = 1000  # likewise the one-line answer, which quotes the title


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, for people: a file name that was not UTF-8 shows its bad bytes as �."""
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # surrogates that are not escaped bytes
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def citation(hit: CitedHit) -> str:
    """``2020-04-20 · headline · source ¶p``."""
    article = hit.passage.article
    return " · ".join(
        [
            article.date_text or "日期不详",
            shorten(article.title or NO_TITLE, TITLE_SHOWN),
            f"{shorten(article.source, TITLE_SHOWN)} ¶{hit.passage.paragraph}",
        ]
    )


# ---------------------------------------------------------------- JSON


def hit_json(hit: CitedHit) -> dict[str, Any]:
    article = hit.passage.article
    return {
        "rank": hit.rank,
        "score": round(hit.score, 4),
        "date": article.date_text,
        "date_source": article.date_source,
        "title": article.title,
        "source": article.source,
        "paragraph": hit.passage.paragraph,
        "snippet": hit.snippet,
        "text": hit.passage.text,
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    data: dict[str, Any] = {
        "question": answer.question,
        "answer": answer.text,
        "no_answer": answer.no_answer,
        "hits": [hit_json(hit) for hit in answer.hits],
    }
    if answer.notes:
        data["notes"] = answer.notes
    return data


def failure(error: BaseException) -> str:
    """What a user is told when answering failed unexpectedly (the traceback goes to the log)."""
    return f"回答这个问题时出错了（{type(error).__name__}），请换个问法再试；其他问题不受影响。"


def error_json(question: str, message: str) -> dict[str, Any]:
    """The JSON for a question that could not be searched: same keys, plus ``error``."""
    return {"question": question, "answer": message, "no_answer": True, "hits": [], "error": message}


# ---------------------------------------------------------------- terminal text


def answer_text(answer: Answer, colour: bool = False) -> str:
    """The one-line answer, notes, then numbered citations."""
    bold, dim, reset = (BOLD, DIM, RESET) if colour else ("", "", "")
    lines = [f"{bold}{answer.text}{reset}"]
    lines += [f"{dim}（{note}）{reset}" for note in answer.notes]
    if answer.no_answer and answer.hits:
        lines.append(f"{dim}最接近的段落（相关性不足，仅供参考）：{reset}")
    if answer.hits:
        lines.append(citations_text(answer.hits, colour))
    return "\n".join(lines)


def citations_text(hits: Iterable[CitedHit], colour: bool = False, start: int = 1) -> str:
    cyan, reset = (CYAN, RESET) if colour else ("", "")
    lines = []
    for number, hit in enumerate(hits, start=start):
        lines.append(f"{cyan}[{number}] {citation(hit)}{reset}")
        lines.append(f"    {hit.snippet}")
    return "\n".join(lines)


def article_text(article: Article) -> str:
    """A whole reconstructed article, for /article."""
    return _article_head(article) + "\n\n" + "\n\n".join(article.paragraphs)


def _article_head(article: Article) -> str:
    return " · ".join(
        shorten(part, TITLE_SHOWN)
        for part in (article.date_text, article.title or NO_TITLE, article.byline, article.source)
        if part
    )


# ---------------------------------------------------------------- Telegram HTML


def highlight(text: str, words: Iterable[str]) -> str:
    """HTML-escaped text with the question's words in bold (single characters are too common to mark)."""
    wanted = sorted({word for word in words if len(word.strip()) > 1}, key=len, reverse=True)
    if not wanted:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(word) for word in wanted), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<b>{html.escape(match.group(0))}</b>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def answer_blocks_html(answer: Answer, start: int = 1, hits: list[CitedHit] | None = None) -> list[str]:
    """The answer as HTML blocks (head, then one block a citation), each well under Telegram's limit."""
    blocks = []
    if start == 1:
        head = f"<b>{html.escape(shorten(answer.text, ANSWER_SHOWN))}</b>"
        notes = "".join(f"\n<i>（{html.escape(note)}）</i>" for note in answer.notes)
        if answer.no_answer and answer.hits:
            notes += "\n<i>最接近的段落（相关性不足，仅供参考）：</i>"
        blocks.append(head + notes)
    for number, hit in enumerate(answer.hits if hits is None else hits, start=start):
        blocks.append(f"[{number}] <i>{html.escape(citation(hit))}</i>\n{highlight(hit.snippet, answer.words)}")
    return blocks


def article_blocks_html(article: Article) -> list[str]:
    """A whole article as HTML blocks: the head, then paragraphs (a long one cut at sentence ends,
    an overlong sentence anywhere), each block far below Telegram's limit."""
    blocks = [f"<b>{html.escape(_article_head(article))}</b>"]
    for paragraph in article.paragraphs:
        blocks.extend(_escaped_pieces(paragraph, TELEGRAM_LIMIT // 2))
    return blocks


def _escaped_pieces(text: str, budget: int) -> list[str]:
    """HTML-escaped pieces of a text of at most ``budget`` UTF-16 units each."""
    pieces: list[str] = []
    current: list[str] = []
    used = 0
    for sentence in sentence_parts(text):
        for part in [sentence] if telegram_length(sentence) <= budget else list(sentence):
            cost = telegram_length(part)
            if current and used + cost > budget:
                pieces.append("".join(current))
                current, used = [], 0
            current.append(part)
            used += cost
    if current:
        pieces.append("".join(current))
    return [html.escape(piece) for piece in pieces if piece.strip()]


def telegram_length(text: str) -> int:
    """Telegram counts UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def message_length(message: str) -> int:
    """How long Telegram finds an HTML message: its text once tags are parsed and entities read."""
    return telegram_length(html.unescape(_TAG.sub("", message)))


_TAG = re.compile(r"</?[a-z]+>")


def pack_messages(blocks: list[str], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Join blocks into messages of at most ``limit`` characters, splitting only between blocks,
    so a message never ends inside an HTML tag or a citation."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        if message_length(block) > limit:
            raise ValueError("a block longer than a whole message")
        joined = f"{current}\n\n{block}" if current else block
        if message_length(joined) > limit:
            messages.append(current)
            joined = block
        current = joined
    if current:
        messages.append(current)
    return messages
