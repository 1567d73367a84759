"""Date expressions, English and Chinese, and the date arithmetic every deadline shares.

English: "by the end of 2025", "by June 2024", "by 30 June 2024", "before 2025" (the day
before: 2024-12-31), "in 2026" (in_year), "Q3 2024", "first half of 2025", "mid-2026", ISO
dates and ranges ("2024-2026" -> the end year). Chinese: 2024年6月底前, 二〇二四年, 到2025年底,
2024年第三季度, year-less 年底前 / 6月底前 read against the document's year. `find_dates`
merges both; `deadlines.py` decides which dates are deadlines.
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


def month_number(name: str) -> int | None:
    """"March", "mar", "Sept" -> 3, 3, 9; None for a word that names no month."""
    return _MONTHS.get(name.lower().rstrip("."))
_MON = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|" \
       r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_EN_DATE = re.compile(
    rf"(?P<iso>\b(?:19|20)\d{{2}}-\d{{2}}(?:-\d{{2}})?\b)"
    rf"|(?P<cue>\bon\s+or\s+before\s+|\bby\s+|\bbefore\s+|\bno\s+later\s+than\s+|\bnot\s+later\s+than\s+|\buntil\s+|\bthrough\s+|"
    rf"\bin\s+|\bduring\s+|\bwithin\s+)?(?:the\s+)?"
    # "the end of March 2028", "the end of Q2 2027": the month or quarter already ends where its end does
    rf"(?:(?:end|close)\s+of\s+(?:the\s+)?(?=(?:q[1-4]|{_ORD}\s+(?:quarter|half)|{_MON})\s))?"
    rf"(?:(?P<end>end[- ]of(?:\s+the\s+year)?\s+|end-|year[- ]end\s+|the\s+end\s+of\s+)"
    rf"|(?P<mid>mid-?\s*)"
    rf"|(?P<half>{_ORD}\s+half\s+of\s+|h[12]\s+)"
    rf"|(?P<q>{_ORD}\s+quarter\s+of\s+|q[1-4]\s+(?:of\s+)?)"
    rf"|(?P<dm>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon1>{_MON})\s+"
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


_BY_CUES = ("by", "on or before", "no later than", "not later than", "until", "through")


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




_EN_DAY = re.compile(rf"\s*(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})\b", re.I)


def english_day_at(text: str, pos: int) -> tuple[str, int] | None:
    """A full English date at `pos` ("December 22, 1980"): (its ISO date, where it ends), else None."""
    m = _EN_DAY.match(text, pos)
    month = _MONTHS.get(m.group("mon").lower().rstrip(".")) if m else None
    date = iso_date(int(m.group("y")), month, int(m.group("d"))) if m and month else None
    return (date, m.end()) if m and date else None


def english_dates(text: str) -> list[DeadlineMatch]:
    """Every English (and ISO) date expression in `text`, overlapping ones included."""
    found = [hit for m in _EN_DATE.finditer(text) if (hit := en_match(m))]
    if "thousand" in text.lower():
        found += [hit for m in _EN_WORDED_DATE.finditer(text) if (hit := _worded_match(m))]
    return found


# a date written in words, as some legislatures print theirs: "on or before June thirtieth, two thousand twenty-six",
# "by January first, two thousand thirty"
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
             "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
_DAY_WORDS = {w: i + 1 for i, w in enumerate(_ORDINALS)} | {"thirtieth": 30} | {
    f"{tens}-{o}": base + i + 1 for tens, base in (("twenty", 20), ("thirty", 30)) for i, o in enumerate(_ORDINALS[:9])}
_YEAR_WORDS = r"(?:(?:twenty|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|" \
              r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|" \
              r"eight|nine)"
_EN_WORDED_DATE = re.compile(
    rf"(?P<cue>\bon\s+or\s+before\s+|\bby\s+|\bbefore\s+|\bno\s+later\s+than\s+|\bnot\s+later\s+than\s+|\buntil\s+)?"
    rf"(?P<mon>{_MON})\s+(?:the\s+)?(?P<day>(?:twenty|thirty)-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    rf"ninth)|thirtieth|{'|'.join(sorted(_ORDINALS, key=len, reverse=True))})?,?\s*(?:of\s+)?"
    rf"two\s+thousand(?:\s+and)?(?:[\s-]+(?P<yw>{_YEAR_WORDS}))?\b", re.I)


def _worded_match(m: re.Match[str]) -> DeadlineMatch | None:
    """One `_EN_WORDED_DATE` match -> its deadline (read as `en_match` reads a date in digits)."""
    from text_to_num import text2num  # a maintained parser of number words ("twenty-three" -> 23)

    if not m.group("yw") and re.match(r"[\s-]*[A-Za-z]", m.string[m.end():m.end() + 8]):
        return None  # "two thousand twen-" / "ty-five": the year's last word broken across a line, not 2000
    try:
        year = 2000 + (int(text2num(m.group("yw").lower().replace("-", " "), "en")) if m.group("yw") else 0)
    except ValueError:
        return None
    month = _MONTHS.get(m.group("mon").lower().rstrip("."))
    day = _DAY_WORDS.get(m.group("day").lower()) if m.group("day") else None
    if month is None:
        return None
    first = iso_date(year, month, day)
    if first is None:
        return None
    cue = " ".join((m.group("cue") or "").lower().split())
    if cue == "before":
        return DeadlineMatch(m.start(), m.end(), day_before(iso_date(year, month, day or 1) or first), "by", True)
    return DeadlineMatch(m.start(), m.end(), first, "by", bool(cue) or day is not None)


# Chinese date expressions

_CN_DIGIT = "〇零○一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十两"
_DIGIT_VALUE = {"〇": 0, "零": 0, "○": 0, **{c: i + 1 for i, c in enumerate("一二三四五六七八九")}}
_YEAR = rf"(?:\d{{4}}|[{_CN_DIGIT}]{{4}})"
_NUM12 = rf"(?:\d{{1,2}}|[{_CN_SMALL}]{{1,3}})"
_QUARTER = r"(?:第?[一二三四1-4]季度)"

_CN_DATE = re.compile(
    rf"(?P<prefix>到|至|截至|截止到?|于)?"
    rf"(?:(?P<y0>{_YEAR})\s*年?\s*(?:-|—|–|~|～|至|到)\s*)?"
    rf"(?P<y>{_YEAR}|今年|明年|本年度?|当年)\s*(?:年度|年)?"
    rf"(?:\s*(?P<half>上半年|下半年|年中|年底|年末|底|末|内)"
    rf"|\s*(?P<q>{_QUARTER})(?P<qend>末|底)?"
    rf"|\s*(?P<m>{_NUM12})\s*月份?\s*(?:(?P<d>{_NUM12}|[二三]十[一]?)\s*[日号]|(?P<mpart>底|末|上旬|中旬|下旬|中))?)?"
    rf"(?P<suffix>\s*(?:之前|以前|前|止|为止))?"
)
# Year-less expressions, read against the document's year: 年底前, 年内, 6月底前, 上半年.
_CN_RELATIVE = re.compile(
    rf"(?<![\d{_CN_SMALL}两几多半])(?P<half>年底|年末|年内|年中|上半年|下半年|全年)(?P<suffix>之前|以前|前)?"
    rf"|(?P<q>{_QUARTER})(?P<qend>末|底)?(?P<qsuffix>之前|以前|前)?"
    rf"|(?<![\d年{_CN_SMALL}])(?P<m>{_NUM12})\s*月(?:(?P<d>{_NUM12})\s*[日号](?:\s*\d{{1,2}}\s*[:：]\s*\d{{2}})?"
    rf"|(?P<mpart>底|末|上旬|中旬|下旬))?(?:(?P<msuffix>之前|以前|前)|(?<=底|末))"  # "11月底": a month's end is a limit
)


def _cn_int(s: str) -> int | None:
    """Arabic or Chinese numerals ("12", "十二", "二〇二三") -> int; None when it is not a number."""
    import cn2an  # imported where used: ~0.6 s of imports and pattern compiling most commands never need

    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in _CN_DIGIT for c in s):
        return int("".join(str(_DIGIT_VALUE[c]) for c in s))
    try:
        return int(cn2an.cn2an(s.replace("两", "二"), "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def _year_of(word: str, base_year: int | None) -> int | None:
    """A year as written (2024, 二〇二四) or relative to the document's year (今年, 明年)."""
    if word in ("今年", "本年", "本年度", "当年"):
        return base_year
    if word == "明年":
        return base_year + 1 if base_year else None
    return _cn_int(word)


_QUARTER_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MPART_DAY = {"上旬": 10, "中旬": 20, "中": 15}


def month_date(year: int, month_word: str, day_word: str | None, mpart: str | None) -> str | None:
    """The last day a month expression allows: its day, 上旬/中旬 (10th/20th), else the month's end."""
    month = _cn_int(month_word)
    if month is None:
        return None
    if day_word:
        return iso_date(year, month, _cn_int(day_word))
    return iso_date(year, month, _MPART_DAY.get(mpart or ""))


def _cn_match(m: re.Match[str], base_year: int | None) -> DeadlineMatch | None:
    """One `_CN_DATE` match -> its deadline, or None when it is not a usable date (a bare number)."""
    year = _year_of(m.group("y"), base_year)
    if "年" not in m.group(0) and not m.group("y0"):
        return None  # a bare four-digit number (or 一二三四) is not a date
    limit = bool(m.group("suffix") or m.group("half") or m.group("q") or m.group("m") or m.group("prefix"))
    if year is None:
        return DeadlineMatch(m.start(), m.end(), None, "by", limit)
    date: str | None
    if m.group("m"):
        date = month_date(year, m.group("m"), m.group("d"), m.group("mpart"))
    elif m.group("q"):
        q = _QUARTER_NUM[m.group("q").lstrip("第")[0]]
        date = iso_date(year, 3 * q)
    elif m.group("half") in ("上半年", "年中"):
        date = iso_date(year, 6)
    else:
        date = iso_date(year, 12)
    kind: DeadlineKind = "by" if limit or m.group("y0") else "in_year"
    if m.group("y0") and not (m.group("m") or m.group("q") or m.group("half") or m.group("suffix")):
        kind = "in_year"
    return DeadlineMatch(m.start(), m.end(), date, kind, limit)


def _cn_relative(m: re.Match[str], base_year: int | None) -> DeadlineMatch:
    """Year-less expressions (年底前, 6月底前, 上半年) against the document's year, when known."""
    date: str | None = None
    kind: DeadlineKind = "by"
    if base_year:
        if m.group("m"):
            date = month_date(base_year, m.group("m"), m.group("d"), m.group("mpart"))
        elif m.group("q"):
            date = iso_date(base_year, 3 * _QUARTER_NUM[m.group("q").lstrip("第")[0]])
        elif m.group("half") in ("上半年", "年中"):
            date = iso_date(base_year, 6)
        else:
            date = iso_date(base_year, 12)
    if m.group("half") in ("年内", "全年"):
        kind = "in_year"
    limit = bool(m.group("suffix") or m.group("qsuffix") or m.group("msuffix") or m.group("half") in ("年底", "年末")
                 or m.group("mpart") in ("底", "末"))
    return DeadlineMatch(m.start(), m.end(), date, kind, limit)


def find_dates(text: str, base_year: int | None = None) -> list[DeadlineMatch]:
    """Every date expression in `text`, Chinese and English, left to right, without overlaps.

    A year-less expression ("6月底前", "年底前") takes the year of the nearest dated expression
    before it ("2023年6月、12月底前" -> 2023-12-31), else `base_year`, else stays undated.
    """
    found: list[DeadlineMatch] = []
    relative: dict[DeadlineMatch, re.Match[str]] = {}
    for m in _CN_DATE.finditer(text):
        if m.group("y") and (hit := _cn_match(m, base_year)):
            found.append(hit)
    found.extend(english_dates(text))
    for m in _CN_RELATIVE.finditer(text):
        hit = _cn_relative(m, base_year)
        relative[hit] = m
        found.append(hit)
    out: list[DeadlineMatch] = []
    year = base_year
    for hit in _without_overlaps(found):
        if hit in relative:
            hit = _cn_relative(relative[hit], year)
        elif hit.date:
            year = int(hit.date[:4])
        out.append(_through(text, hit))
    return out


# the end of a span of days: "2026年3月1日-4月30日", "1月17日至19日"
_SPAN_END = re.compile(rf"\s*(?:-|—|–|~|～|至|到)\s*(?:(?P<m>{_NUM12})\s*月)?\s*(?P<d>{_NUM12}|[二三]十[一]?)\s*[日号]")


def _through(text: str, hit: DeadlineMatch) -> DeadlineMatch:
    """A dated day that opens a span of days ("…3月1日-4月30日") stands for the span, dated by its last day."""
    if not hit.date or not re.search(r"[日号]\s*$", text[hit.start:hit.end]):
        return hit
    m = _SPAN_END.match(text, hit.end)
    if not m:
        return hit
    end = month_date(int(hit.date[:4]), m.group("m") or hit.date[5:7], m.group("d"), None)  # "-30日": the same month
    return DeadlineMatch(hit.start, m.end(), end, "by", True) if end and end >= hit.date else hit


def _without_overlaps(found: list[DeadlineMatch]) -> list[DeadlineMatch]:
    """Longest first wins where two expressions overlap; the result is in text order."""
    kept: list[DeadlineMatch] = []
    for hit in sorted(found, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)
