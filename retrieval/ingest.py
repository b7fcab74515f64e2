"""Read an archive folder into articles: encodings, manifest, pages, JSON-lines exports.

This is the IO edge of the library. Files are only ever read; a file that cannot
be read is reported and skipped, never dropped silently, and the other files are
still ingested.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
import sys
from dataclasses import replace
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from charset_normalizer import from_bytes

from .dates import PartialDate, date_from_filename, dateline_date, find_dateline, infer_year
from .documents import Archive, ArchiveReport, Article
from .errors import ArchiveError
from .folders import MANIFEST, RECORD_SUFFIXES, check_folder, page_files
from .layout import PageItem, looks_like_newspaper, parse_page
from .reflow import SENTENCE_END, clean_line

log = logging.getLogger(__name__)


class UndecodableError(ValueError):
    pass


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name of a file: UTF-8 (with or without BOM), UTF-16, GB18030/GBK, or
    whatever charset-normalizer recognises with confidence."""
    if not data.strip():
        raise UndecodableError("the file is empty")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise UndecodableError(f"it starts with a {encoding} mark but is not {encoding}: {error}") from None
    if b"\x00" in data:
        raise UndecodableError("it holds NUL bytes: a binary file, not text")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" or _plausible_chinese(text):
            return text, encoding
    best = from_bytes(data).best()
    if best is not None and best.chaos < 0.2 and _plausible_chinese(str(best)):
        return str(best), best.encoding
    raise UndecodableError("it is neither UTF-8 nor GB18030, and its encoding could not be recognised")


def _plausible_chinese(text: str) -> bool:
    """GB18030 decodes almost any bytes; real text is mostly common CJK, ASCII and punctuation."""
    wide = [char for char in text if ord(char) > 0x7F]
    if not wide:
        return True
    common = sum(
        1
        for char in wide
        if "\u4e00" <= char <= "\u9fff"
        or "\u3000" <= char <= "\u303f"
        or "\uff00" <= char <= "\uffef"
        or "\u2010" <= char <= "\u206f"
    )
    return common / len(wide) > 0.9


def read_manifest(folder: Path, report: ArchiveReport) -> dict[str, PartialDate]:
    """Issue dates by file name, from ``manifest.toml``'s ``[pages]`` table."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        report.problem(f"{MANIFEST}: not valid TOML ({error}); issue dates are inferred from the text")
        return {}
    pages = table.get("pages", {})
    if not isinstance(pages, dict):
        report.problem(f'{MANIFEST}: [pages] must be a table of file = "YYYY-MM" entries')
        return {}
    dates: dict[str, PartialDate] = {}
    for name, value in pages.items():
        try:
            dates[name] = PartialDate.parse(str(value))
        except ValueError as error:
            report.problem(f"{MANIFEST}: entry {name!r}: {error}")
            continue
        if not (folder / name).is_file():
            report.problem(f"{MANIFEST}: entry {name!r} names a file that is not in the archive")
    return dates


def read_file(name: str, data: bytes, issue: PartialDate | None, report: ArchiveReport) -> list[Article]:
    """One file's articles; a file that cannot be read is reported and gives none."""
    try:
        text, encoding = decode(data)
    except UndecodableError as error:
        report.problem(f"{name}: skipped, {error}")
        return []
    report.encodings[name] = encoding
    try:
        if name.lower().endswith(tuple(RECORD_SUFFIXES)):
            found = read_records(name, text, report)
        else:
            found = read_page(name, text, issue)
    except Exception as error:  # noqa: BLE001 - one page the readers cannot handle must not stop the archive
        log.warning("%s could not be read", name, exc_info=True)
        report.problem(f"{name}: skipped, the page could not be read ({type(error).__name__}: {error})")
        return []
    if not found:
        report.problem(f"{name}: no text to index")
        return []
    report.pages.append(name)
    return found


def no_pages_error(folder: Path, report: ArchiveReport) -> ArchiveError:
    return ArchiveError(
        f"no readable pages in {folder} (.txt or .jsonl files)"
        + "".join(f"\n  {problem}" for problem in report.problems)
    )


def load_archive(folder: Path) -> Archive:
    """Every page and record of an archive folder, as articles."""
    folder = Path(folder)
    check_folder(folder)
    report = ArchiveReport()
    issues = read_manifest(folder, report)
    articles: list[Article] = []
    for name, path in page_files(folder, report):
        try:
            data = path.read_bytes()
        except OSError as error:
            report.problem(f"{name}: skipped, {error}")
            continue
        articles.extend(read_file(name, data, issues.get(name), report))
    if not articles:
        raise no_pages_error(folder, report)
    return Archive(articles, report)


def read_page(name: str, text: str, issue: PartialDate | None) -> list[Article]:
    """One page of text: a newspaper page, or a plain document when it has no news markers."""
    if issue is not None:
        issue_source = "manifest"
    else:
        issue = date_from_filename(name)
        year = infer_year(text) if issue is None else None
        issue = issue or (PartialDate(year) if year else None)
        issue_source = "inferred"
    items = parse_page(text) if looks_like_newspaper(text) else [parse_document(text)]
    articles = []
    for number, item in enumerate((item for item in items if item.paragraphs), start=1):
        date, date_source = issue, issue_source if issue else ""
        if item.kind == "article" and issue is not None:
            dateline = find_dateline(item.paragraphs[0])
            dated = dateline_date(*dateline, issue) if dateline else None
            if dated is not None:
                date, date_source = dated, "dateline" if issue_source == "manifest" else "inferred"
        title = item.title or lead_title(item.paragraphs[0])
        articles.append(
            Article(
                name,
                number,
                item.kind,
                title,
                item.paragraphs,
                item.byline,
                date,
                date_source,
                title_inferred=not item.title,
            )
        )
    return [_with_its_article(caption, articles) if caption.kind == "caption" else caption for caption in articles]


def _with_its_article(caption: Article, articles: list[Article]) -> Article:
    """A photo caption linked to the article on its page it illustrates: the one sharing most of
    its character pairs (at least 45% of them; ties go to the headline sharing most), whose date
    it takes. A long caption sharing less is photo news of its own."""
    pairs = _pairs(caption.paragraphs[0])
    shares = [
        (
            (len(pairs & _pairs(article.title + "".join(article.paragraphs))), len(pairs & _pairs(article.title))),
            article,
        )
        for article in articles
        if article.kind == "article"
    ]
    (share, _), article = max(shares, key=lambda found: found[0], default=((0, 0), None))
    if article is None or share < 0.45 * len(pairs):
        return caption
    return replace(caption, illustrates=article.number, date=article.date, date_source=article.date_source)


def _pairs(text: str) -> set[str]:
    """The character pairs of a text's Chinese runs: what a caption and its article share."""
    return {run[i : i + 2] for run in re.findall(r"[\u4e00-\u9fff]+", text) for i in range(len(run) - 1)}


def parse_document(text: str) -> PageItem:
    """A plain document: paragraphs at blank lines (or at each line when it has none)."""
    lines = [clean_line(line) for line in text.splitlines()]
    has_blank_lines = any(not line for line in lines[1:-1]) if len(lines) > 2 else False
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line and has_blank_lines:
            current.append(line)
            continue
        if current:
            paragraphs.append(_join_prose(current))
            current = []
        if line:
            paragraphs.append(line)
    if current:
        paragraphs.append(_join_prose(current))
    title = ""
    if len(paragraphs) > 1 and len(paragraphs[0]) <= 40 and paragraphs[0][-1] not in SENTENCE_END + "，,；;：:":
        title = paragraphs.pop(0)
    return PageItem("document", title, paragraphs)


def _join_prose(lines: list[str]) -> str:
    """Hard-wrapped prose: a space only where two Latin words meet."""
    text = ""
    for line in lines:
        if text and re.match(r"[A-Za-z0-9,.;:!?]", text[-1]) and re.match(r"[A-Za-z0-9]", line[0]):
            text += " "
        text += line
    return text


_LEAD_TIME = re.compile(
    r"^(?:[图圖][为為])?(?:\d{1,2}月\d{1,2}日(?:至\d{1,2}日)?(?:[上中下]午|晚|晚上|早上|凌晨)?(?:\d{1,2}[时時][许許]?)?|"
    r"近日|日前|昨日|今日|今天|昨天|今年(?:年初)?以[来來]|[当當][天日])(?:，|(?=[^是]))"
)


def lead_title(lead: str) -> str:
    """A title for an article printed without headline: its lead's first clause."""
    clause = _LEAD_TIME.sub("", lead.strip())
    clause = re.split(r"[，。；：！？,;:]", clause, maxsplit=1)[0].strip("“”\"' ")
    return (clause[:30] + "…") if len(clause) > 30 else clause


def _valid_unicode(record: dict) -> dict:
    """JSON may escape lone surrogates (\\ud800), which no UTF-8 text holds: they become U+FFFD."""
    return {key: _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value for key, value in record.items()}


_SURROGATE = re.compile("[\ud800-\udfff]")


def read_records(name: str, text: str, report: ArchiveReport) -> list[Article]:
    """A JSON-lines export: one ``{"date", "title", "source", "text"}`` object a line."""
    articles: list[Article] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name} line {line_number}"
        try:
            record = json.loads(line, object_hook=_valid_unicode)
        except json.JSONDecodeError as error:
            report.problem(f"{where}: skipped, not valid JSON ({error.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            report.problem(f'{where}: skipped, a record needs a non-empty "text" string')
            continue
        document = parse_document(record["text"])
        paragraphs = document.paragraphs
        given_title = str(record.get("title") or "").strip()
        if given_title and document.title and document.title != given_title:
            paragraphs = [document.title] + paragraphs
        title = given_title or document.title or lead_title(paragraphs[0])
        date, date_source = None, ""
        if record.get("date"):
            try:
                date, date_source = PartialDate.parse(str(record["date"])[:10]), "manifest"
            except ValueError as error:
                report.problem(f"{where}: date ignored, {error}")
        source = str(record.get("source") or f"{name}#{line_number}")
        articles.append(
            Article(
                source,
                line_number,
                "document",
                title,
                paragraphs,
                date=date,
                date_source=date_source,
                title_inferred=not given_title,
            )
        )
    return articles
