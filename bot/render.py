"""Render answers for people (plain text, terminal colour) and for programs (JSON)."""

from __future__ import annotations

from typing import Any

from retrieval.answer import Answer, CitedHit
from retrieval.documents import Article

BOLD, DIM, CYAN, RESET = "\033[1m", "\033[2m", "\033[36m", "\033[0m"


def citation(hit: CitedHit) -> str:
    """``2020-04-20 · headline · source ¶p``."""
    article = hit.passage.article
    parts = [article.date_text or "日期不详", article.title or "（无标题）", f"{article.source} ¶{hit.passage.paragraph}"]
    return " · ".join(parts)


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


def error_json(question: str, message: str) -> dict[str, Any]:
    """The JSON for a question that could not be searched: same keys, plus ``error``."""
    return {"question": question, "answer": message, "no_answer": True, "hits": [], "error": message}


def answer_text(answer: Answer, colour: bool = False, start: int = 1) -> str:
    """A terminal rendering: the one-line answer, notes, then numbered citations."""
    bold, dim, cyan, reset = (BOLD, DIM, CYAN, RESET) if colour else ("", "", "", "")
    lines = [f"{bold}{answer.text}{reset}"]
    lines += [f"{dim}（{note}）{reset}" for note in answer.notes]
    if answer.no_answer and answer.hits:
        lines.append(f"{dim}最接近的段落（相关性不足，仅供参考）：{reset}")
    for number, hit in enumerate(answer.hits, start=start):
        lines.append(f"{cyan}[{number}] {citation(hit)}{reset}")
        lines.append(f"    {hit.snippet}")
    return "\n".join(lines)


def article_text(article: Article) -> str:
    """A whole reconstructed article, for /article and 全文."""
    head = " · ".join(part for part in (article.date_text, article.title, article.byline, article.source) if part)
    return head + "\n\n" + "\n\n".join(article.paragraphs)
