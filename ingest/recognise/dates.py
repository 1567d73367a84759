"""English date expressions and the date arithmetic every deadline shares.

"by the end of 2025", "by June 2024", "by 30 June 2024", "before 2025" (the day before:
2024-12-31), "in 2026" (in_year), "Q3 2024", "first half of 2025", "mid-2026", ISO dates
and ranges ("2024-2026" -> the end year). `deadlines.py` merges these with the Chinese
expressions.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from ingest.models import DeadlineKind


@dataclass(frozen=True)
class DeadlineMatch:
    """A deadline found in a text, with the span (in that text) of its date expression."""

    start: int
    end: int
    date: str | None
    kind: DeadlineKind
    limit: bool  # the expression itself names a limit (前/底/by ...), not just a year


def last_day(year: int, month: int) -> int:
    """Days in the month (February of leap years included)."""
    return calendar.monthrange(year, month)[1]


def iso_date(year: int, month: int, day: int | None = None) -> str | None:
    """YYYY-MM-DD, the last day of the month when no day is given; None when out of range."""
    if not (1 <= month <= 12 and 1000 <= year <= 9999):
        return None
    last = last_day(year, month)
    if day is None:
        day = last
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= last else None


_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MON = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|" \
       r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_EN_DATE = re.compile(
    rf"(?P<iso>\b(?:19|20)\d{{2}}-\d{{2}}(?:-\d{{2}})?\b)"
    rf"|(?P<cue>\bby\s+|\bbefore\s+|\bno\s+later\s+than\s+|\bnot\s+later\s+than\s+|\buntil\s+|\bthrough\s+|"
    rf"\bin\s+|\bduring\s+|\bwithin\s+)?(?:the\s+)?"
    rf"(?:(?P<end>end[- ]of(?:\s+the\s+year)?\s+|end-|year[- ]end\s+|the\s+end\s+of\s+)"
    rf"|(?P<mid>mid-?\s*)"
    rf"|(?P<half>{_ORD}\s+half\s+of\s+|h[12]\s+)"
    rf"|(?P<q>{_ORD}\s+quarter\s+of\s+|q[1-4]\s+(?:of\s+)?)"
    rf"|(?P<dm>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon1>{_MON})\s+"
    rf"|(?P<mon2>{_MON})\s+(?:(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?:of\s+)?"
    rf")?"
    rf"(?:(?P<ey0>(?:19|20)\d{{2}})\s*(?:-|–|—|to|through)\s*)?"
    rf"(?P<y>(?:19|20)\d{{2}})\b(?!\s*(?:km|ha|%|people|tons?))",
    re.I,
)
def _ord_num(s: str) -> int:
    """"first"/"1st"/"q1"/"h1" -> 1: the ordinal in a quarter or half expression."""
    low = s.lower()
    for word, digit in (("first", "1"), ("second", "2"), ("third", "3"), ("fourth", "4")):
        low = low.replace(word, digit)
    m = re.search(r"[1-4]", low)
    return int(m.group(0)) if m else 1


def _en_month_day(m: re.Match[str]) -> tuple[int | None, int | None]:
    """Month and day an English date names (a quarter or half names its last month)."""
    if m.group("mon1") or m.group("mon2"):
        month = _MONTHS.get((m.group("mon1") or m.group("mon2")).lower().rstrip("."))
        day_word = m.group("dm") or m.group("md")
        return month, int(day_word) if day_word else None
    if m.group("q"):
        return 3 * _ord_num(m.group("q")), None
    if m.group("half"):
        return 6 * _ord_num(m.group("half")), None
    if m.group("mid"):
        return 6, None
    return None, None


_BY_CUES = ("by", "no later than", "not later than", "until", "through")


def en_match(m: re.Match[str]) -> DeadlineMatch | None:
    """One `_EN_DATE` match -> its deadline ("before X" allows up to the day before X)."""
    if m.group("iso"):
        parts = [int(p) for p in m.group("iso").split("-")]
        date = iso_date(parts[0], parts[1], parts[2] if len(parts) > 2 else None)
        return DeadlineMatch(m.start(), m.end(), date, "by", True) if date else None
    year = int(m.group("y"))
    cue = " ".join((m.group("cue") or "").lower().split())
    month, day = _en_month_day(m)
    if cue == "before":
        first = iso_date(year, month or 1, day or 1)
        date = day_before(first) if first and not m.group("end") else iso_date(year, 12)
        return DeadlineMatch(m.start(), m.end(), date, "by", True)
    date = iso_date(year, month or 12, day)
    limit = cue in _BY_CUES or bool(m.group("end"))
    kind: DeadlineKind = "by" if limit or month is not None else "in_year"  # a range (2024-2026) is in_year
    return DeadlineMatch(m.start(), m.end(), date, kind, limit)


def day_before(iso: str) -> str:
    """The day before an ISO date: what "before X" allows at most."""
    y, mo, d = (int(p) for p in iso.split("-"))
    if d > 1:
        return f"{y:04d}-{mo:02d}-{d - 1:02d}"
    if mo > 1:
        return f"{y:04d}-{mo - 1:02d}-{last_day(y, mo - 1):02d}"
    return f"{y - 1:04d}-12-31"




def english_dates(text: str) -> list[DeadlineMatch]:
    """Every English (and ISO) date expression in `text`, overlapping ones included."""
    return [hit for m in _EN_DATE.finditer(text) if (hit := en_match(m))]
