"""Dates as the archive and the questions write them.

Newspaper datelines give month and day only (``4 月 20 日下午``); the year comes
from the issue. Articles therefore carry a *partial* date (year, maybe month,
maybe day), and a question's date restricts to the articles whose partial date
could fall in the asked range.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

# A number as dates write it: Arabic digits (also full width), or Chinese numerals
# (二〇二〇, 两千零二十, 十一). Longer runs are read, then judged by parse_number.
_NUM = r"(?:\d{1,4}|[〇零○Ｏ一二两三四五六七八九十百千]{1,6})"
_ZEROS = str.maketrans({"○": "〇", "Ｏ": "〇"})


def parse_number(text: str) -> int | None:
    """``2020`` / ``２０２０`` / ``二〇二〇`` / ``两千零二十`` / ``十一`` -> int; None when the text is
    not a well-formed number (``十二九``, ``八九十``: nonsense or a range of decades)."""
    text = text.strip()
    if text.isdecimal():
        return int(text)
    if not text:
        return None
    try:
        value = _numerals()(text.translate(_ZEROS), "normal")
    except Exception:  # noqa: BLE001 - cn2an says "not a number" with ValueError, and sometimes KeyError
        return None
    return int(value) if float(value).is_integer() and value >= 0 else None


@functools.cache
def _numerals() -> Callable[[str, str], float]:
    """cn2an's reader of Chinese numerals, imported when first needed: 0.1–0.2 s, which the first
    question with a date in Chinese numerals waits for unless an archive is warmed."""
    import cn2an

    return cn2an.cn2an


def load_numerals() -> None:
    """Import the reader of Chinese numerals now rather than when a question first needs it."""
    _numerals()


def days_in_month(year: int | None, month: int) -> int:
    """How long a month is; February has 29 days when the year is not known."""
    return calendar.monthrange(year if year is not None else 2000, month)[1]


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (also with ``/`` or ``.``)."""
        match = re.fullmatch(r"\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*", text)
        if not match:
            raise ValueError(f"not a date: {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        month, day = (int(part) if part else None for part in match.groups()[1:])
        return cls.checked(int(match.group(1)), month, day)

    @classmethod
    def checked(cls, year: int, month: int | None = None, day: int | None = None) -> PartialDate:
        if not 1 <= year <= 9999:
            raise ValueError(f"year out of range: {year}")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month out of range: {month}")
        if day is not None:
            if month is None or not 1 <= day <= days_in_month(year, month):
                raise ValueError(f"day out of range: {year}-{month}-{day}")
        return cls(year, month, day)

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def __str__(self) -> str:
        return self.iso()


@functools.lru_cache(maxsize=1 << 14)
def parse_iso(text: str) -> PartialDate | None:
    """The inverse of ``PartialDate.iso``; empty text means no date. Cached: an archive has one
    date an issue, and stored articles are read back by the hundred for a list question."""
    return PartialDate.parse(text) if text else None


_DATELINE = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})[日号]")


def find_dateline(lead: str) -> tuple[int, int] | None:
    """Month and day of the event, from the lead sentence of an article.

    Only the first sentence is read: later dates are usually of other things
    (``习近平总书记在4月8日…``).
    """
    first_sentence = re.split(r"[。！？]", lead, maxsplit=1)[0]
    match = _DATELINE.search(first_sentence)
    if not match:
        return None
    month, day = parse_number(match.group(1)), parse_number(match.group(2))
    if month is None or day is None or not 1 <= month <= 12 or not 1 <= day <= days_in_month(None, month):
        return None
    return month, day


def dateline_date(month: int, day: int, issue: PartialDate) -> PartialDate | None:
    """Give a dateline the issue's year; a December dateline in a January issue is last year's."""
    year = issue.year
    if issue.month is not None and month > issue.month + 1:
        year -= 1
    try:
        return PartialDate.checked(year, month, day)
    except ValueError:
        return None


_YEAR_MENTION = re.compile(r"((?:19|20)\d{2})\s*年")


def infer_year(text: str) -> int | None:
    """Best guess at a page's year when nothing says it: the year it mentions most.

    This is only a guess (a page printed in 2020 may talk mostly of 2021), and
    dates made from it are marked as inferred.
    """
    counts: dict[int, int] = {}
    for match in _YEAR_MENTION.finditer(text):
        year = int(match.group(1))
        counts[year] = counts.get(year, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


_FILENAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])(?:[-_.]?(0[1-9]|[12]\d|3[01]))?(?!\d)")


def date_from_filename(name: str) -> PartialDate | None:
    """``2020-04-21_p3.txt`` or ``20200421.txt`` -> 2020-04-21."""
    match = _FILENAME_DATE.search(name)
    if not match:
        return None
    month, day = (int(part) if part else None for part in match.groups()[1:])
    try:
        return PartialDate.checked(int(match.group(1)), month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of days, or of (month, day) in any year when no year was said."""

    start: date | None = None
    end: date | None = None
    yearless: tuple[tuple[int, int], tuple[int, int]] | None = None
    text: str = ""
    span: tuple[int, int] = field(default=(0, 0), compare=False)  # where ``text`` stands in the question

    def admits(self, when: PartialDate | None) -> bool:
        """Could an article dated ``when`` (maybe only to the month) fall in this range?"""
        if when is None:
            return False
        if self.yearless is not None:
            if when.month is None:
                return True
            low, high = self.yearless
            return (when.month, when.day or 1) <= high and (when.month, when.day or 31) >= low
        return (self.end is None or when.first_day() <= self.end) and (
            self.start is None or when.last_day() >= self.start
        )


def cli_range(date_from: str | None, date_to: str | None) -> DateRange | None:
    """The ``--from`` / ``--to`` options as a range (each YYYY, YYYY-MM or YYYY-MM-DD)."""
    if not date_from and not date_to:
        return None
    start = PartialDate.parse(date_from).first_day() if date_from else None
    end = PartialDate.parse(date_to).last_day() if date_to else None
    if start and end and start > end:
        raise ValueError(f"--from {date_from} is after --to {date_to}")
    return DateRange(start=start, end=end, text=f"{date_from or '…'} 至 {date_to or '…'}")


def _date_pattern(prefix: str) -> str:
    number = rf"(?<!\d){_NUM}"
    return rf"(?:(?P<{prefix}y>{number})年)?(?:(?P<{prefix}m>{number})月份?)?(?:(?P<{prefix}d>{number})[日号])?"


_Q_RANGE = re.compile(_date_pattern("a") + r"(?:\s*(?:至|到|~|～|—|－|-)\s*" + _date_pattern("b") + ")?")
_DATE_MARK = re.compile("[年月日号]")  # one of them in every date _Q_RANGE reads
_NOT_A_DATE_AFTER = set("底前后起以初中末代")  # 6月底前, 3月以来: deadlines and periods; 九十年代: a decade

Parts = tuple[int | None, int | None, int | None]


def _parts(match: re.Match, prefix: str) -> Parts | None:
    """Year, month and day of one side of a range; None when a number on it cannot be read."""
    values = []
    for key in "ymd":
        raw = match.group(prefix + key)
        value = parse_number(raw) if raw else None
        if raw and value is None:
            return None
        values.append(value)
    return values[0], values[1], values[2]


def question_range(question: str) -> DateRange | None:
    """The date a question asks about: 2020年4月, 4月20日, 二〇二〇年四月, 2020年4月至7月.

    A year alone does not count, nor a decade (九十年代) or century: in a question
    they are mostly what the article is about (``2019年入选名单``), not when it
    was printed. Impossible dates (2020年13月, 2月30日) are not dates.
    """
    if not _DATE_MARK.search(question):
        return None  # most questions: the pattern, all of whose parts may be missing, matches everywhere
    for match in _Q_RANGE.finditer(question):
        if not any(match.group(f"a{key}") for key in "ymd"):
            continue
        if question[match.end() : match.end() + 1] in _NOT_A_DATE_AFTER:
            continue
        start, end = _parts(match, "a"), _parts(match, "b")
        if start is None or end is None:
            continue
        found = _range(start, end, match.group(0))
        if found is not None:
            return replace(found, span=match.span())
    return None


# A date typed with digits and marks (2020-04-20, 2020/4/20, 2020.4.20, 2020-04), not a decimal (20.5亿元)
_TYPED_DATE = re.compile(
    r"(?<![\d.])((?:19|20)\d{2})([-/.])(0?[1-9]|1[0-2])(?:\2(0?[1-9]|[12]\d|3[01]))?(?![\d.%万亿千百元米]|\2\d)"
)


def as_written_in_pages(question: str, says: Callable[[str], bool]) -> str:
    """A question's dates as the pages write them (``says``: whether they say a word), in digits with
    年月日: typed with marks (2020.4.20开了什么会？ → 2020年4月20日), or in Chinese numerals of two parts or
    more when the pages never write them so (二〇二〇年四月二十日 → 2020年4月20日, searched for as words
    no page says); not a reign's year (崇祯十七年三月)."""
    question = _TYPED_DATE.sub(_typed_as_written, question)
    if not _DATE_MARK.search(question):
        return question
    return _Q_RANGE.sub(functools.partial(_numerals_as_digits, says=says), question)


def _typed_as_written(match: re.Match) -> str:
    year, _, month, day = match.groups()
    return f"{int(year)}年{int(month)}月" + (f"{int(day)}日" if day else "")


def _numerals_as_digits(match: re.Match, says: Callable[[str], bool]) -> str:
    keys = [key for key in ("ay", "am", "ad", "by", "bm", "bd") if match.group(key)]
    if len(keys) < 2 or all(match.group(key).isdigit() for key in keys):
        return match.group(0)
    if any(key.endswith("y") and len(match.group(key)) != 4 for key in keys):  # 崇祯十七年三月: a reign's year
        return match.group(0)
    question = match.string
    if any(says(question[match.start(key) : match.end(key) + 1]) for key in keys):
        return match.group(0)  # 四月, 二十日: the pages write dates so
    values = [parse_number(match.group(key)) for key in keys]
    if None in values:
        return match.group(0)
    pieces, at = [], match.start()
    for key, value in zip(keys, values, strict=True):
        pieces += [question[at : match.start(key)], str(value)]
        at = match.end(key)
    return "".join(pieces) + question[at : match.end()]


_YEAR = re.compile(rf"(?<!\d)({_NUM})\s*年度?(?![代级])")
_KEYWORD_YEAR = re.compile(r"(?<!\S)((?:19|20)[0-9]{2})(?![^\s？?])")  # 国家安全教育日 主题 2021


def year_mentions(text: str) -> list[tuple[int, tuple[int, int]]]:
    """Years a question names (2019年, 二〇二〇年度; in keywords, 2021 alone) with where they stand:
    not a date to restrict by, but what a follow-up (``那2020年呢``) replaces."""
    years = []
    for match in [*_YEAR.finditer(text), *_KEYWORD_YEAR.finditer(text)]:
        year = parse_number(match.group(1))
        if year is not None and 1900 <= year <= 2100:
            years.append((year, match.span()))
    return years


def _range(start: Parts, end: Parts, text: str) -> DateRange | None:
    year, month, day = start
    year2, month2, day2 = end
    if month is None:
        return None  # a year alone is the topic; a day alone ("3日") too vague to restrict by
    if year is not None and not 1900 <= year <= 2100:
        return None
    try:
        if year is not None:
            first = PartialDate.checked(year, month, day)
            last = first
            if any(part is not None for part in end):
                last = PartialDate.checked(year2 or year, month2 or (month if day2 else None), day2)
            if last.last_day() < first.first_day():
                return None
            return DateRange(start=first.first_day(), end=last.last_day(), text=text)
    except ValueError:
        return None
    end_month = month2 or month
    if not (1 <= month <= 12 and 1 <= end_month <= 12):
        return None
    low = (month, day or 1)
    high = (end_month, day2 or (day if month2 is None and day else days_in_month(None, end_month)))
    if not (1 <= low[1] <= days_in_month(None, month) and 1 <= high[1] <= days_in_month(None, end_month)):
        return None
    if high < low:
        return None
    return DateRange(yearless=(low, high), text=text)


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAME = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_NUMBER = r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])"
_YEAR_NUMBER = r"(?P<y>(?:1[89]|20)[0-9]{2})(?![0-9年])"
_ENGLISH_DATES = (
    # april 13, april 13th, 2021; 13 april, the 13th of april 2021
    re.compile(rf"\b(?P<m>{_MONTH_NAME})\.?\s+{_DAY_NUMBER}(?:,?\s+{_YEAR_NUMBER})?"),
    re.compile(rf"\b{_DAY_NUMBER}\s+(?:of\s+)?(?P<m>{_MONTH_NAME})\b\.?(?:,?\s+{_YEAR_NUMBER})?"),
    re.compile(rf"\b(?P<m>{_MONTH_NAME})\.?,?\s+{_YEAR_NUMBER}"),  # april 2021
    re.compile(rf"(?:(?<=\bin)|(?<=\bof))\s+(?P<m>(?!may\b)(?:{_MONTH_NAME}))\b"),  # in april (not may I)
    re.compile(rf"(?:(?<=\bin)|(?<=\bsince))\s+{_YEAR_NUMBER}"),  # in 2020
)


def english_dates(question: str) -> str:
    """A question asked in English (lower case) with its dates written as Chinese writes them
    (what did 吕沛 inspect on april 13? → … on 4月13日 ?), for the readers above: the archive's pages
    are dated in Chinese."""
    for pattern in _ENGLISH_DATES:
        question = pattern.sub(_as_chinese, question)
    return question


def _as_chinese(match: re.Match) -> str:
    found = match.groupdict()
    year = f"{found['y']}年" if found.get("y") else ""
    month = f"{_MONTHS[found['m']]}月" if found.get("m") else ""
    day = f"{int(found['d'])}日" if found.get("d") else ""
    return f" {year}{month}{day} "
