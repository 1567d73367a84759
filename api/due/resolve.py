"""A deadline's date on the calendar: as stated, counted from the document's date, or its next recurrence.

Three ways a text fixes a day, and how each is read:

- **stated**: the record's own `date` (`2023年12月底前` -> 2023-12-31), set at ingestion.
- **relative**: a span counted from the document's own date (`within 90 days of the date of
  this order`, `本意见印发之日起30日内`): that date plus the span. The document's date is the one
  `ingest.facts` reads from the text (落款, release line); a document dated only by its year
  leaves these open rather than guess a day.
- **recurring**: (undated at ingestion) `每年3月底前`, `每季度`, `annually by January 31`: the first occurrence on or
  after the as-of date, so a recurring duty is never overdue, only due again. An annual duty
  that names no month recurs on the document's anniversary, else at the year's end.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Basis = Literal["stated", "relative", "recurring"]

_EN_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "eighteen": 18, "twenty": 20,
    "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "one hundred": 100, "one hundred twenty": 120, "one hundred and twenty": 120,
    "one hundred eighty": 180, "one hundred and eighty": 180, "a": 1, "an": 1,
}
_EN_NUM = r"\d{1,4}|" + "|".join(sorted((re.escape(w) for w in _EN_NUMBERS), key=len, reverse=True))
_EN_RELATIVE = re.compile(
    rf"\b(?:within|not\s+later\s+than|no\s+later\s+than|no\s+more\s+than)\s+(?P<n>{_EN_NUM})\s*"
    rf"(?:\(\d+\)\s*)?(?P<unit>day|week|month|year)s?\s+(?:of|after|from|following)\s+"
    rf"(?:the\s+)?(?:date\s+of\s+)?(?:this|the)\s+(?:order|memorandum|proclamation|directive|policy|act|plan)",
    re.I)
_CN_RELATIVE = re.compile(
    r"(?:印发|发布|下发|实施|施行|公布)之日起\s*(?P<n>\d{1,4}|[一二三四五六七八九十百两]{1,4})\s*"
    r"(?:个)?(?P<unit>日|天|周|个月|月|年)(?:内|以内|之内)")
_CN_UNITS = {"日": "day", "天": "day", "周": "week", "个月": "month", "月": "month", "年": "year"}

_MONTH_NAMES = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_CN_SMALL = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_CN_ANNUAL = re.compile(rf"每年(?:度)?\s*(?:的)?\s*(?P<m>{_CN_SMALL})\s*月(?:份)?\s*(?:(?P<d>{_CN_SMALL})\s*[日号]|"
                        r"(?P<part>底|末|上旬|中旬|下旬|中))?")
_CN_ANNUAL_END = re.compile(r"每年(?:度)?(?:年底|年末|底)")
_EN_ANNUAL_DATE = re.compile(
    r"\b(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+(?P<d>\d{1,2})?", re.I)
_ANNUAL = re.compile(r"每年|\bannually\b|every\s+year|each\s+year|\byearly\b", re.I)
_HALF = re.compile(r"每半年|semi-?annual(?:ly)?|every\s+six\s+months|twice\s+a\s+year", re.I)
_QUARTER = re.compile(r"每季(?:度)?|quarterly|every\s+quarter|each\s+quarter", re.I)
_MONTH = re.compile(r"每月|monthly|every\s+month|each\s+month", re.I)
_WEEK = re.compile(r"每周|weekly|every\s+week|each\s+week", re.I)
_MPART_DAY = {"上旬": 10, "中旬": 20, "中": 15}


@dataclass(frozen=True)
class Resolved:
    """A deadline's calendar day and how it was found."""

    date: dt.date
    basis: Basis


def parse_iso(value: str | None) -> dt.date | None:
    """A full YYYY-MM-DD date, or None (a bare year or month is not a day)."""
    if not value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def add_span(start: dt.date, n: int, unit: str) -> dt.date:
    """`start` plus n days, weeks, months or years; a month end past the target month's length clamps."""
    if unit == "day":
        return start + dt.timedelta(days=n)
    if unit == "week":
        return start + dt.timedelta(weeks=n)
    months = n * 12 if unit == "year" else n
    total = start.year * 12 + start.month - 1 + months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1]))


def _number(word: str) -> int | None:
    import cn2an  # imported where used: ~0.6 s of imports and pattern compiling most commands never need

    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    if word in _EN_NUMBERS:
        return _EN_NUMBERS[word]
    try:
        return int(cn2an.cn2an(word.replace("两", "二"), "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def relative_date(text: str, doc_date: dt.date | None) -> dt.date | None:
    """`within 90 days of the date of this order` -> the document's date plus 90 days; None otherwise."""
    found = relative_span(text, doc_date)
    return found[1] if found else None


def relative_span(text: str, doc_date: dt.date | None) -> tuple[str, dt.date] | None:
    """The first span counted from the document's date in `text`, as written, with the day it ends on."""
    if doc_date is None:
        return None
    m = _EN_RELATIVE.search(text)
    unit = m.group("unit").lower() if m else None
    if m is None:
        m = _CN_RELATIVE.search(text)
        unit = _CN_UNITS[m.group("unit")] if m else None
    if m is None or unit is None:
        return None
    n = _number(m.group("n"))
    return (m.group(0), add_span(doc_date, n, unit)) if n is not None else None


def is_recurring(text: str) -> bool:
    return any(p.search(text) for p in (_ANNUAL, _HALF, _QUARTER, _MONTH, _WEEK))


def next_occurrence(text: str, as_of: dt.date, doc_date: dt.date | None = None) -> dt.date | None:
    """The first day on or after `as_of` on which a recurring deadline falls; None when not recurring."""
    if _WEEK.search(text):
        return as_of + dt.timedelta(days=6 - as_of.weekday())  # the week's Sunday
    if _MONTH.search(text):
        return _month_end(as_of.year, as_of.month)
    if _QUARTER.search(text):
        return _month_end(as_of.year, 3 * ((as_of.month - 1) // 3 + 1))
    if _HALF.search(text):
        return _month_end(as_of.year, 6 if as_of.month <= 6 else 12)
    if not _ANNUAL.search(text):
        return None
    month, day = _annual_day(text, doc_date)
    for year in (as_of.year, as_of.year + 1):
        when = dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
        if when >= as_of:
            return when
    return None  # unreachable: next year's occurrence is always later


def _annual_day(text: str, doc_date: dt.date | None) -> tuple[int, int]:
    """(month, day) of an annual deadline: as written, else the document's anniversary, else 31 December."""
    m = _CN_ANNUAL.search(text)
    if m and (month := _number(m.group("m"))) and 1 <= month <= 12:
        if m.group("d") and (day := _number(m.group("d"))):
            return month, day
        return month, _MPART_DAY.get(m.group("part") or "", 31)
    if _CN_ANNUAL_END.search(text):
        return 12, 31
    e = _EN_ANNUAL_DATE.search(text)
    if e:
        return _MONTH_NAMES[e.group("mon").lower()], int(e.group("d")) if e.group("d") else 31
    if doc_date is not None:
        return doc_date.month, doc_date.day
    return 12, 31


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def resolve(text: str, date: str | None, as_of: dt.date, doc_date: dt.date | None) -> Resolved | None:
    """The day a deadline falls on: the stated date, else the next occurrence of a recurring one, else
    a span from the document's date; None when the text fixes no day. (Ingestion leaves recurring
    deadlines undated, so a stated date is never a recurrence's first occurrence read as final.)"""
    stated = parse_iso(date)
    if stated is not None:
        return Resolved(stated, "stated")
    nxt = next_occurrence(text, as_of, doc_date)
    if nxt is not None:
        return Resolved(nxt, "recurring")
    rel = relative_date(text, doc_date)
    return Resolved(rel, "relative") if rel is not None else None
