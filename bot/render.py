"""Render answers for people (terminal text, Telegram HTML) and for programs (JSON).

Every sentence a reader sees is worded here: the core hands over data and codes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from retrieval import BROWSE, FACT, MAX_QUESTION_CHARS, Answer, Article, BadQuestion, CitedHit, Note, sentence_parts
from retrieval import notes as codes

BOLD, DIM, CYAN, RESET = "\033[1m", "\033[2m", "\033[36m", "\033[0m"
TELEGRAM_LIMIT = 4096
NO_TITLE = "（无标题）"
TITLE_SHOWN = 200  # a title (or file name) longer than this is cut in citations: records can carry any title
ANSWER_SHOWN = 1000  # likewise the one-line answer, which quotes the title
NO_GOOD_MATCH = "没有找到与问题足够相关的段落。"
CLOSEST = "最接近的段落（相关性不足，仅供参考）："
NO_MORE = "没有更多相关段落了。"
NOT_ASKED = "还没有提问：先输入一个问题。"
LIST_PAGE = 10  # list items shown at a time (citations come ``k`` at a time)
_REFUSALS = {
    BadQuestion.EMPTY: "问题是空的：请输入要查询的问题。",
    BadQuestion.NO_TEXT: "问题里没有文字（只有表情或符号）：请用文字提问。",
    BadQuestion.SMALL_TALK: (
        "你好！我回答关于这份报纸档案的问题，并注明出处（日期、标题、版面、段落）。请直接提问，"
        "例如某件事的时间、地点、人物或数字；也可以问“最近有什么新闻？”或“2020年7月有哪些报道？”。"
    ),
    BadQuestion.NOTHING_ASKED: NOT_ASKED,
    BadQuestion.NOTHING_MORE: NO_MORE,
}


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, for people: a file name that was not UTF-8 shows its bad bytes as �."""
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # surrogates that are not escaped bytes
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text if len(text) <= limit else text[: limit - 1] + "…"


_NOT_PRINTED = {"lead": "（标题取自导语）", "caption": "（图片说明）"}


def shown_title(article: Article) -> str:
    """The title, marked when the page printed none (taken from the lead or a photo caption)."""
    return shorten(article.title or NO_TITLE, TITLE_SHOWN) + _NOT_PRINTED.get(article.title_source, "")


def citation(hit: CitedHit) -> str:
    """``2020-04-20 · headline · source ¶p``."""
    article = hit.passage.article
    return " · ".join(
        [
            article.date_text or "日期不详",
            shown_title(article),
            f"{shorten(article.source, TITLE_SHOWN)} ¶{hit.passage.paragraph}",
        ]
    )


def page_size(answer: Answer, k: int) -> int:
    """How many entries a front end shows at once: ``k`` citations, or a page of list items."""
    return k if answer.query.kind == FACT else LIST_PAGE


def answer_line(answer: Answer) -> str:
    """The answer in one line: the short answer or the best snippet and where it is from, or what a
    list holds."""
    return "".join(answer_parts(answer))


def answer_parts(answer: Answer) -> tuple[str, str]:
    """The answer line as what is stressed (the short answer, else the whole line) and the rest."""
    span = answer.span
    if span is not None:
        article = answer.entries[span.rank - 1].passage.article
        when = f"{article.date_text}，" if article.date else ""
        return span.text, shorten(f"（[{span.rank}] {when}《{article.title}》）", ANSWER_SHOWN)
    return _answer_line(answer), ""


def _answer_line(answer: Answer) -> str:
    kind, entries = answer.query.kind, answer.entries
    if answer.no_answer or not entries:
        missing = next((note for note in answer.notes if note.code == codes.NO_ARTICLES), None)
        return f"档案中没有{missing.date or '这样'}的文章。" if missing else NO_GOOD_MATCH
    if kind == BROWSE:
        query = answer.query
        where = query.when or (f"版面 {shorten(query.text, TITLE_SHOWN)} " if query.text else "档案")
        return f"{where}共有 {len(entries)} 篇文章（按日期排列）："
    if kind != FACT:
        order = "最新的在前" if answer.query.latest else "按日期排列"
        return f"找到 {len(entries)} 篇相关文章（{order}）："
    top = entries[0]
    article = top.passage.article
    when = f"{article.date_text}，" if article.date else ""
    return shorten(f"{top.snippet}（{when}《{article.title}》）", ANSWER_SHOWN)


def note_text(note: Note) -> str:
    if note.code == codes.SHORTENED:
        return f"问题太长（{note.count} 字），只用了前 {MAX_QUESTION_CHARS} 字检索。"
    if note.code == codes.DATED:
        return f"只检索了{note.date}的文章。"
    if note.code == codes.UNDATED_NONE:
        return f"档案中没有{note.date}的文章，以下结果未按日期筛选。"
    if note.code == codes.UNDATED_WEAK:
        return f"{note.date}的文章中没有好的答案，以下结果未按日期筛选。"
    if note.code == codes.CHINESE_WORDS_ONLY:
        return "档案是中文的：只按问题里的中文词检索；用中文提问会更准。"
    if note.code == codes.NOT_CHINESE:
        return "档案是中文的：请用中文提问，或至少写出要找的中文名称。"
    if note.code == codes.NO_ARTICLES:
        return f"没有{note.date}的文章。" if note.date else "没有找到文章。"
    if note.code == codes.MORE_QUESTIONS:
        return f"一次回答一个问题：这里只回答了第一个。请再单独问：{shorten(note.text, TITLE_SHOWN)}"
    if note.code in (codes.LATEST, codes.EARLIEST):
        total = f"；档案共有 {note.count} 篇文章" if note.count else ""
        return f"档案中{'最新' if note.code == codes.LATEST else '最早'}的文章在{note.date}{total}。"
    return note.code


def understood(answer: Answer) -> str | None:
    """How a follow-up was understood, when it was one."""
    query = answer.query
    return f"理解为：{query.understood_as}" if query.follow_up else None


def refusal(error: BadQuestion) -> str:
    """Why a question cannot be searched."""
    return _REFUSALS.get(error.reason, "这个问题无法检索，请换个问法。")


def failure(error: BaseException) -> str:
    """What a user is told when answering failed unexpectedly (the traceback goes to the log)."""
    return f"回答这个问题时出错了（{type(error).__name__}），请换个问法再试；其他问题不受影响。"


def remarks(answer: Answer) -> list[str]:
    """What is said between the answer line and the entries."""
    said = [line for line in [understood(answer)] if line]
    said += [note_text(note) for note in answer.notes if note.code != codes.NO_ARTICLES]
    if answer.no_answer and answer.entries:
        said.append(CLOSEST)
    return said


# ---------------------------------------------------------------- JSON


def hit_json(hit: CitedHit) -> dict[str, Any]:
    article = hit.passage.article
    return {
        "rank": hit.rank,
        "score": round(hit.score, 4),
        "date": article.date_text,
        "date_source": article.date_source,
        "title": article.title,
        "title_source": article.title_source,
        "source": article.source,
        "paragraph": hit.passage.paragraph,
        "snippet": hit.snippet,
        "text": hit.passage.text,
    }


def item_json(item: CitedHit) -> dict[str, Any]:
    article = item.passage.article
    return {
        "date": article.date_text,
        "date_source": article.date_source,
        "title": article.title,
        "title_source": article.title_source,
        "source": article.source,
        "paragraph": item.passage.paragraph,
        "snippet": item.snippet,
    }


def answer_json(answer: Answer, k: int, hits: Sequence[CitedHit] | None = None) -> dict[str, Any]:
    """The documented JSON: ``k`` citations (or ``hits``, a later page), every item of a list, notes
    as sentences and codes."""
    data: dict[str, Any] = {
        "question": answer.question,
        "answer": answer_line(answer),
        "no_answer": answer.no_answer,
        "hits": [hit_json(hit) for hit in (answer.hits[:k] if hits is None else hits)],
    }
    span = answer.span
    data["answer_span"] = (
        {
            "text": span.text,
            "rank": span.rank,
            "start": span.start,
            "end": span.end,
            "in": "headline" if span.headline else "byline" if span.byline else "snippet",  # where start and end count
            "confidence": round(span.confidence, 3),
        }
        if span
        else None
    )
    if answer.query.follow_up:
        data["understood_as"] = answer.query.understood_as
    if answer.query.kind != FACT:
        data["items"] = [item_json(item) for item in answer.items]
    if answer.notes:
        data["notes"] = [note_text(note) for note in answer.notes]
        data["note_codes"] = [note.code for note in answer.notes]
    return data


def error_json(question: str, message: str) -> dict[str, Any]:
    """The JSON for a question that could not be searched: same keys, plus ``error``."""
    return {"question": question, "answer": message, "no_answer": True, "hits": [], "error": message}


# ---------------------------------------------------------------- terminal text


def answer_text(answer: Answer, entries: list[CitedHit], colour: bool = False) -> str:
    """The one-line answer, how it was understood, notes, then the entries shown (numbered)."""
    bold, dim, reset = (BOLD, DIM, RESET) if colour else ("", "", "")
    stressed, rest = answer_parts(answer)
    lines = [f"{bold}{stressed}{reset}{rest}"]
    lines += [
        f"{dim}（{remark}）{reset}" if remark != CLOSEST else f"{dim}{remark}{reset}" for remark in remarks(answer)
    ]
    if entries:
        lines.append(entries_text(entries, colour))
    return "\n".join(lines)


def entries_text(entries: Iterable[CitedHit], colour: bool = False) -> str:
    """Citations or list items: ``[n] date · headline · source ¶p`` and the snippet."""
    cyan, reset = (CYAN, RESET) if colour else ("", "")
    lines = []
    for entry in entries:
        lines.append(f"{cyan}[{entry.rank}] {citation(entry)}{reset}")
        lines.append(f"    {entry.snippet}")
    return "\n".join(lines)


def article_json(article: Article) -> dict[str, Any]:
    """A whole article, for /api/article and 全文 n typed."""
    return {
        "date": article.date_text,
        "title": article.title,
        "byline": article.byline,
        "source": article.source,
        "head": article_head(article),
        "paragraphs": article.paragraphs,
    }


def article_answer_json(question: str, article: dict[str, Any]) -> dict[str, Any]:
    """全文 n typed, answered in an answer's JSON: its head as the answer line, the article beside."""
    return {
        "question": question,
        "answer": article["head"],
        "no_answer": False,
        "hits": [],
        "answer_span": None,
        "page": [],
        "remarks": [],
        "words": [],
        "article": article,
    }


def not_shown(number: int) -> str:
    """What 全文 n says when entry n was not shown."""
    return f"没有显示过第 {number} 条：“全文 n”打开已显示的第 n 条。"


def article_text(article: Article) -> str:
    """A whole reconstructed article, for /article."""
    return article_head(article) + "\n\n" + "\n\n".join(article.paragraphs)


def article_head(article: Article) -> str:
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


def answer_blocks_html(answer: Answer, entries: list[CitedHit]) -> list[str]:
    """The answer as HTML blocks (head, then one block an entry), each well under Telegram's limit."""
    stressed, rest = answer_parts(answer)
    head = f"<b>{html.escape(stressed)}</b>{html.escape(rest)}"
    head += "".join(f"\n<i>{html.escape(remark)}</i>" for remark in remarks(answer))
    return [head, *entries_blocks_html(entries, answer.words)]


def entries_blocks_html(entries: list[CitedHit], words: list[str]) -> list[str]:
    return [
        f"[{entry.rank}] <i>{html.escape(citation(entry))}</i>\n{highlight(entry.snippet, words)}" for entry in entries
    ]


def article_blocks_html(article: Article) -> list[str]:
    """A whole article as HTML blocks: the head, then paragraphs (a long one cut at sentence ends,
    an overlong sentence anywhere), each block far below Telegram's limit."""
    blocks = [f"<b>{html.escape(article_head(article))}</b>"]
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
