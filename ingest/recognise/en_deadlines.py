"""Deadlines in English directive sentences: relative limits, recurring duties, calendar limits.

Orders, laws and policies date their duties in four ways, and each is read the way the text
allows at most:
- relative to the instrument itself: "within 90 days of the date of this order", "in the first
  60 days from the date of this order", "no later than 30 months from the date of this order"
  -> the document's date plus N calendar days / months / years (`order_date`); the text is kept;
- relative to an event: "within 30 days of receipt of a complete application", "by the close of
  the 120th Congress" -> no date, kind `by`, the text kept;
- recurring: "annually", "an annual update", "each even-numbered year", "on a regular basis",
  "Fiscal Year 2022 and thereafter" -> kind `ongoing`, no date (dates inside the recurring clause,
  "beginning in 2010", are when the cycle starts, not limits); a cycle that states its first
  month ("Starting in January 2022, ... an annual update") keeps that month's end as a date;
- calendar limits with a cue (`dates.py`): "by January 2022", "no later than July 2024" -> the
  last day of the month, "By July 1, 2020" -> that day, "by 2030" -> 31 December.
A year-only limit inside a goal ("with the goal of doubling offshore wind by 2030") is the goal's
target year, not the duty's deadline, so it is left to the target readers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ingest.models import Deadline
from ingest.recognise.dates import english_dates, english_day_at

_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER = r"(?:\d{1,4}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|" \
          r"seven|eight|nine))?|" + "|".join(sorted(_SMALL[1:], key=len, reverse=True)) + r"|an?)"
# "sixty (60) days": statutes write the number twice
_SPAN = rf"(?P<n>{_NUMBER})(?:\s*\(\d{{1,4}}\))?\s+(?:calendar\s+|business\s+)?(?P<unit>hours?|days?|weeks?|months?|years?)"
_LIMIT = r"(?:within|in\s+the\s+first|no\s+later\s+than|not\s+later\s+than|not\s+more\s+than|no\s+more\s+than)"
_SELF = r"(?:(?:the\s+)?(?:(?:effective\s+)?date(?:\s+of\s+(?:enactment|adoption|entry\s+into\s+force))?|issuance|signing|" \
        r"publication|enactment)\s+of\s+)?this\s+(?:executive\s+)?" \
        r"(?:order|memorandum|proclamation|directive|act|policy|plan|decision|regulation|instrument)"  # "of this order" too
_RELATIVE = re.compile(rf"\b{_LIMIT}\s+{_SPAN}\s+(?:of|from|after|following)\s+(?P<self>{_SELF})?", re.I)


def counts_from_instrument(text: str) -> bool:
    """Whether a limit counts from the instrument itself ("within 90 days of the date of this order")."""
    return any(m.group("self") for m in _RELATIVE.finditer(text)) or bool(_AFTER_SELF.search(text))


# "Ninety days after the date of this order, the Administrator shall …": the span itself is the limit
_AFTER_SELF = re.compile(rf"\b{_SPAN}\s+(?:after|following|from)\s+(?P<self>{_SELF})", re.I)
_EVENT = re.compile(r"\b(?:by|before)\s+the\s+(?:close|end)\s+of\s+the\s+\d+(?:st|nd|rd|th)\s+Congress\b", re.I)
_RECURRING = re.compile(
    r"\bannually\b|\bannual\b(?:[\s,\-]+[\w\-’']+){0,4}?[\s,\-]+(?:[Rr]eports?|[Uu]pdates?|[Pp]lans?|[Ss]corecards?|"
    r"[Rr]eviews?|[Aa]ssessments?|[Ss]trateg(?:y|ies)|[Ii]nventor(?:y|ies)|[Pp]ublications?|[Ss]tatements?|[Ss]tatistics|"
    r"[Aa]udits?|[Ii]nspections?|[Ss]urveys?)\b"
    r"|\b(?i:each|every)\s+(?:(?:even|odd)-numbered\s+|calendar\s+|fiscal\s+|successive\s+|other\s+)?(?:year|quarter|month)s?\b"
    r"|\bperiodic\s+(?:[\w\-]+\s+){0,2}(?:inspections?|reviews?|reports?|audits?|assessments?|checks?|updates?|evaluations?)\b"
    r"|\b(?i:each|every)\s+time\b"  # "each time the tank is refilled": at every such event
    r"|\beach\s+successive\b|\bevery\s+(?:[\w-]+\s+)?(?:years|months)\b|\bon\s+an?\s+(?:regular|annual|quarterly|periodic|rolling|ongoing|continuing)\s+basis\b"
    r"|\b(?:quarterly|biennially|periodically)\b|\band\s+(?:each\s+year\s+)?thereafter\b"
    r"|\b(?:once|twice|(?:two|three|four|\d+)\s+times)\s+(?:a|per|each)\s+(?:year|quarter|month)\b")  # "twice a year"
_START = re.compile(r"\b(?:starting|beginning|commencing)\s+(?:in|on|from)?\s*$", re.I)
_GOAL = re.compile(r"\b(?:goal|target|aim|objective|ambition)s?\b", re.I)
MAX_CYCLE_TEXT = 140
_OPENING_LIMIT = re.compile(r"(?:by|within|no\s+later\s+than|not\s+later\s+than|before|starting|beginning|"
                            r"commencing)\b", re.I)
_SINCE = re.compile(r"\b(?:for|from|in|starting(?:\s+in|\s+with)?|beginning(?:\s+in|\s+with)?)\s+(?:[\w\-]+\s+){0,4}$",
                    re.I)
# a noun, then a participle and up to three words: "projects placed into service", "homes built"
_ATTRIBUTIVE = re.compile(r"\b(?!(?:be|been|being|is|are|was|were|shall|must|will|to|has|have|had|and|or|not|also)\b)"
                          r"[a-z]+s\s+(?:[a-z]+ed|built|made|put|set|begun|undertaken)(?:\s+[a-z]+){0,3}\s*$")
_CLAUSE = re.compile(r"[;:]|,(?!\s*(?:19|20)\d{2}\b)")


def number_word(word: str) -> int | None:
    """"18", "eighteen", "twenty-one", "a" -> the number; None when it is not one."""
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    if w in ("a", "an"):
        return 1
    if w in _SMALL:
        return _SMALL.index(w)
    parts = re.split(r"[- ]", w)
    if parts[0] in _TENS:
        rest = _SMALL.index(parts[1]) if len(parts) > 1 and parts[1] in _SMALL else 0
        return _TENS[parts[0]] + rest
    return None


def add_span(date: str, n: int, unit: str) -> str | None:
    """An ISO date plus N hours (whole days) / days / weeks / calendar months / years (day kept, clamped to the month's end)."""
    try:
        start = dt.date.fromisoformat(date)
    except ValueError:
        return None
    unit = unit.lower().rstrip("s")
    if unit == "hour":
        return (start + dt.timedelta(days=(n + 23) // 24)).isoformat()  # "within 72 hours": the day it runs out
    if unit in ("day", "week"):
        return (start + dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    months = start.month - 1 + n * (12 if unit == "year" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1])).isoformat()


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The comma/semicolon clause of text holding text[start:end] (a date's own comma is not a bound)."""
    left = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE.finditer(text, end)), len(text))
    return left, right


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t,;(":
        s += 1
    while e > s and text[e - 1] in " \t,;.)" and not (text[e - 1] == ")" and text.count("(", s, e) > text.count(")", s, e - 1)):
        e -= 1  # a bracket the span opened is closed with it ("… (whichever is applicable)")
    return s, e


def _relative(text: str, order_date: str | None) -> list[tuple[int, int, Deadline]]:
    """"within 90 days of the date of this order" (dated) and "within 30 days of receipt of …" (undated)."""
    out = []
    for m in _RELATIVE.finditer(text):
        n = number_word(m.group("n"))
        if m.group("self"):
            date = add_span(order_date, n, m.group("unit")) if order_date and n is not None else None
            out.append((m.start(), m.end(), Deadline(text=m.group(0).strip(), date=date, kind="by")))
            continue
        anchor = english_day_at(text, m.end())  # "within twelve months after December 22, 1980": from that date
        if anchor and n is not None:
            out.append((m.start(), anchor[1], Deadline(text=text[m.start():anchor[1]].strip(),
                                                       date=add_span(anchor[0], n, m.group("unit")), kind="by")))
            continue
        s, e = _strip(text, m.start(), _clause_bounds(text, m.start(), m.end())[1])
        out.append((s, e, Deadline(text=text[s:e], date=None, kind="by")))
    for m in _AFTER_SELF.finditer(text):
        if any(s <= m.start() < e for s, e, _ in out):
            continue
        n = number_word(m.group("n"))
        date = add_span(order_date, n, m.group("unit")) if order_date and n is not None else None
        out.append((m.start(), m.end(), Deadline(text=m.group(0).strip(), date=date, kind="by")))
    out.extend((m.start(), m.end(), Deadline(text=m.group(0), date=None, kind="by")) for m in _EVENT.finditer(text))
    return out


def _recurring(text: str) -> list[tuple[int, int, Deadline]]:
    """Recurring duties, each with the words that state the cycle as its text."""
    out: list[tuple[int, int, Deadline]] = []
    for m in _RECURRING.finditer(text):
        if any(m.start() < e0 and s0 < m.end() for s0, e0, _ in out):
            continue
        s, e = _cycle_words(text, m)
        out.append((s, e, Deadline(text=text[s:e], date=None, kind="ongoing")))
    return out


def _cycle_words(text: str, m: re.Match[str]) -> tuple[int, int]:
    """The cycle as stated: an opening limit clause whole ("By March 1st of each year beginning in 2015"),
    a start before "and thereafter" ("for Fiscal Year 2025 and thereafter"), else the cue itself."""
    c0, c1 = _strip(text, *_clause_bounds(text, m.start(), m.end()))
    if _OPENING_LIMIT.match(text, c0) and c1 - c0 <= MAX_CYCLE_TEXT:
        return c0, c1
    s, e = m.start(), m.end()
    before = _SINCE.search(text, c0, s)
    if "thereafter" in m.group(0) and before:
        s = before.start()
    if m.group(0).endswith("successive"):
        nxt = re.match(r"\s+[\w\-]+", text[e:c1])
        e += nxt.end() if nxt else 0
    return s, e


def _calendar(text: str, taken: list[tuple[int, int]], recurring: bool) -> list[tuple[int, int, Deadline]]:
    """Cued calendar limits outside the spans already read; a cycle's stated start month is its first due date."""
    out = []
    for d in english_dates(text):
        if any(d.start < e and s < d.end for s, e in taken) or not d.date:
            continue
        if recurring and _START.search(text[:d.start]):
            out.append((d.start, d.end, Deadline(text=text[_start_of(text, d.start):d.end].strip(), date=d.date,
                                                 kind="ongoing")))
            continue
        expr = text[d.start:d.end]
        if not d.limit or not re.match(r"(?i)\s*(?:by|on\s+or\s+before|no\s+later|not\s+later|before|until)", expr):
            continue
        if re.match(r"(?i)\s*before\b", expr) and _ATTRIBUTIVE.search(text[max(0, d.start - 60):d.start]):
            continue  # "projects placed into service before January 1, 1999": which projects, not a limit
        year_only = not re.search(r"[A-Za-z]{3,}\s+\d|\d\s+[A-Za-z]{3,}|[A-Za-z]{3,}\.?\s+(?:19|20)\d{2}", expr)
        if year_only and _GOAL.search(text[_clause_bounds(text, d.start, d.end)[0]:d.start]):
            continue
        out.append((d.start, d.end, Deadline(text=expr.strip(), date=d.date, kind="by")))
    return out


_MONTHS = [m.lower() for m in calendar.month_name[1:]]
# "by September 30" in an order dated June 2, 2027: the next September 30 (no year written)
_YEARLESS = re.compile(r"\b(?:by|no\s+later\s+than|not\s+later\s+than|on\s+or\s+before|before)\s+"
                       rf"(?P<month>{'|'.join(m.capitalize() for m in _MONTHS)})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
                       r"(?!,?\s*(?:19|20)\d{2})")


def _yearless(text: str, order_date: str | None, taken: list[tuple[int, int]]) -> list[tuple[int, int, Deadline]]:
    """Month-and-day limits without a year, dated by the document: the first such day on or after its date."""
    full = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", order_date or "")
    if not full:
        return []  # without the document's day the next such date is not known
    year, month, day = (int(x) for x in full.groups())
    out = []
    for m in _YEARLESS.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        due = (_MONTHS.index(m.group("month").lower()) + 1, int(m.group("day")))
        when = year if due >= (month, day) else year + 1
        try:
            date = dt.date(when, *due).isoformat()
        except ValueError:  # "September 31"
            continue
        out.append((m.start(), m.end(), Deadline(text=m.group(0), date=date, kind="by")))
    return out


def _start_of(text: str, pos: int) -> int:
    """Where "Starting in" begins before a date at `pos`."""
    m = _START.search(text[:pos])
    return m.start() if m else pos


def sentence_deadlines(text: str, order_date: str | None = None) -> list[Deadline]:
    """The deadlines a directive sentence (or list item) states, in text order.

    `order_date` is the document's own date (YYYY-MM-DD), for limits counted from "the date of
    this order"; without it those limits stay undated.
    """
    recurring = _recurring(text)
    found = [f for f in _relative(text, order_date)  # "within 18 months of each successive assessment" recurs
             if f[2].date or not any(f[0] < e and s < f[1] for s, e, _ in recurring)]
    found.extend(recurring)
    found.extend(_calendar(text, [(s, e) for s, e, _ in found], bool(recurring)))
    found.extend(_yearless(text, order_date, [(s, e) for s, e, _ in found]))
    if any(d.kind == "ongoing" and d.date for _, _, d in found):  # the dated start stands for the cycle
        found = [f for f in found if not (f[2].kind == "ongoing" and not f[2].date)]
    return [d for _, _, d in sorted(found, key=lambda f: f[0])]
