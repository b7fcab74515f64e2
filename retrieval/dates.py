"""Dates as the archive and the questions write them.

Newspaper datelines give month and day only (``4 月 20 日下午``); the year comes
from the issue. Articles therefore carry a *partial* date (year, maybe month,
maybe day), and a question's date restricts to the articles whose partial date
could fall in the asked range.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"(?:\d{1,4}|[〇零○一二两三四五六七八九十]{1,4})"


def chinese_number(text: str) -> int:
    """``2020`` / ``二〇二〇`` / ``十一`` / ``二十三`` -> int."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        value = 0
        for char in text:
            value = value * 10 + _CN_DIGITS[char]
        return value
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (also with ``/`` or ``.``)."""
        match = re.fullmatch(r"\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*", text)
        if not match:
            raise ValueError(f"not a date: {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = (int(part) if part else None for part in match.groups())
        return cls.checked(year, month, day)

    @classmethod
    def checked(cls, year: int, month: int | None = None, day: int | None = None) -> "PartialDate":
        if not 1 <= year <= 9999:
            raise ValueError(f"year out of range: {year}")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month out of range: {month}")
        if day is not None:
            if month is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
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


def parse_iso(text: str) -> PartialDate | None:
    """The inverse of ``PartialDate.iso``; empty text means no date."""
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
    month, day = chinese_number(match.group(1)), chinese_number(match.group(2))
    if 1 <= month <= 12 and 1 <= day <= 31:
        return month, day
    return None


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
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        return PartialDate.checked(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of days, or of (month, day) in any year when no year was said."""

    start: date | None = None
    end: date | None = None
    yearless: tuple[tuple[int, int], tuple[int, int]] | None = None
    text: str = ""

    def admits(self, when: PartialDate | None) -> bool:
        """Could an article dated ``when`` (maybe only to the month) fall in this range?"""
        if when is None:
            return False
        if self.yearless is not None:
            if when.month is None:
                return True
            low, high = self.yearless
            return (when.month, when.day or 1) <= high and (when.month, when.day or 31) >= low
        return ((self.end is None or when.first_day() <= self.end)
                and (self.start is None or when.last_day() >= self.start))


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
    return (rf"(?:(?P<{prefix}y>{_NUM})年)?(?:(?P<{prefix}m>{_NUM})月份?)?(?:(?P<{prefix}d>{_NUM})[日号])?")


_Q_RANGE = re.compile(_date_pattern("a") + r"(?:\s*(?:至|到|~|～|—|－|-)\s*" + _date_pattern("b") + ")?")


def _parts(match: re.Match, prefix: str) -> tuple[int | None, int | None, int | None]:
    values = []
    for key in "ymd":
        raw = match.group(prefix + key)
        values.append(chinese_number(raw) if raw else None)
    return values[0], values[1], values[2]


_NOT_A_DATE_AFTER = set("底前后起以初中末")


def question_range(question: str) -> DateRange | None:
    """The date a question asks about: 2020年4月, 4月20日, 二〇二〇年四月, 2020年4月至7月.

    A year alone does not count: in a question it is mostly what the article is
    about (``2019年入选名单``), not when it was printed.
    """
    for match in _Q_RANGE.finditer(question):
        if not match.group(0) or not any(match.group(f"a{key}") for key in "ymd"):
            continue
        year, month, day = _parts(match, "a")
        year2, month2, day2 = _parts(match, "b")
        if month is None and day is None:
            continue  # a year alone is usually the topic ("2019年入选"), not when it was printed
        if question[match.end():match.end() + 1] in _NOT_A_DATE_AFTER:
            continue  # "6月底前", "3月以来": a deadline or a period, not the article's date
        if year is not None and not 1900 <= year <= 2100:
            continue
        if day is not None and month is None:
            continue  # "3日" alone is too vague to restrict by
        try:
            if year is not None:
                start = PartialDate.checked(year, month, day)
                if any(part is not None for part in (year2, month2, day2)):
                    end = PartialDate.checked(year2 or year, month2 or (month if day2 else None), day2)
                else:
                    end = start
                if end.last_day() < start.first_day():
                    continue
                return DateRange(start=start.first_day(), end=end.last_day(), text=match.group(0))
            if month is None or not 1 <= month <= 12 or not 1 <= (day or 1) <= 31:
                continue
            end_month = month2 if month2 and 1 <= month2 <= 12 else month
            if day2 and 1 <= day2 <= 31:
                end_day = day2
            elif month2:
                end_day = 31
            else:
                end_day = day or 31
            low, high = (month, day or 1), (end_month, end_day)
            if high < low:
                continue
            return DateRange(yearless=(low, high), text=match.group(0))
        except ValueError:
            continue
    return None
