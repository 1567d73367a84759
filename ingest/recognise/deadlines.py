"""Deadline expressions, Chinese and English, -> `Deadline` records (CONTRACT.md).

`date` is the last day the text allows: `2023年12月底前` -> 2023-12-31, `2024年6月前` ->
2024-06-30 (Chinese "X前" admits X itself, the way these documents are read), `2025年` ->
2025-12-31. `kind` is `by` when the text names a limit (前/底/末, a month, a day, a quarter,
"by ..."), `in_year` for a bare year ("2023年完成", "in 2025"), `ongoing` for 持续推进 /
长期坚持 / 常态化 / "ongoing".

Two entry points, because the same date means different things in different places:
- `parse_deadline_field(text)` reads the value of a deadline field (完成时限:…, a table's
  时限 column, "Deadline: …"): every date there is a deadline, clauses that hold no date but
  a continuity cue are `ongoing`, and a clause that names a deliverable keeps it in `what`.
- `find_body_deadlines(text)` reads running text, where most years are target years
  ("到2025年,森林覆盖率达到…"), so only expressions with an explicit limit count
  ("2024年6月底前", "by the end of 2025").
"""

from __future__ import annotations

import re

import cn2an

from ingest.models import Deadline, DeadlineKind
from ingest.recognise.dates import DeadlineMatch, english_dates, iso_date

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
    rf"(?:\s*(?P<half>上半年|下半年|年中|年底|年末|底|末)"
    rf"|\s*(?P<q>{_QUARTER})(?P<qend>末|底)?"
    rf"|\s*(?P<m>{_NUM12})\s*月份?\s*(?:(?P<d>{_NUM12}|[二三]十[一]?)\s*[日号]|(?P<mpart>底|末|上旬|中旬|下旬|中))?)?"
    rf"(?P<suffix>\s*(?:之前|以前|前|止|为止))?"
)
# Year-less expressions, read against the document's year: 年底前, 年内, 6月底前, 上半年.
_CN_RELATIVE = re.compile(
    rf"(?P<half>年底|年末|年内|年中|上半年|下半年|全年)(?P<suffix>之前|以前|前)?"
    rf"|(?P<q>{_QUARTER})(?P<qend>末|底)?(?P<qsuffix>之前|以前|前)?"
    rf"|(?<![\d年{_CN_SMALL}])(?P<m>{_NUM12})\s*月(?:(?P<d>{_NUM12})\s*[日号]|(?P<mpart>底|末|上旬|中旬|下旬))?"
    rf"(?P<msuffix>之前|以前|前)"
)
_ONGOING_CN = re.compile(r"持续推进|持续开展|持续实施|长期坚持|长期推进|长期|常态化|持续|逐年推进|滚动实施|常年")
_ONGOING_EN = re.compile(r"\b(?:on-?going|continuous(?:ly)?|long[- ]term|regularly|continual(?:ly)?|permanent|onwards?|and\s+beyond)\b", re.I)
# Recurring limits (每年3月底前, annually) never close the task: they are read as ongoing, text kept.
_RECURRING = re.compile(r"每(?:年|季度?|半年|月|周)|定期|逐年|\b(?:annually|every\s+(?:year|quarter|month)|each\s+(?:year|"
                        r"quarter|month)|quarterly|monthly|yearly)\b", re.I)
# A date that starts something (2024年起, from 2024) is not a deadline.
_START_AFTER = re.compile(r"^\s*(?:起|开始|以后|以来|之后)")
_START_BEFORE = re.compile(r"(?:自|从|\bfrom|\bsince|\bstarting(?:\s+in)?|\bbeginning(?:\s+in)?)\s*$", re.I)

_TRIVIAL_ONGOING_WHAT = re.compile(r"^(?:开展|推进|实施|坚持|进行|落实|做好|抓好|开展工作|推进落实|执行)?$")
_TRIVIAL_WHAT = re.compile(r"^(?:前|之前|以前|底前|完成|全面完成|基本完成|前完成|完成任务|到位|止|为止|内|内完成|"
                           r"completed?|done|finish(?:ed)?|complete)?$", re.I)
# Clause ends; a comma before a year ("June 30, 2024") does not end an English date.
_CLAUSE_SPLIT = re.compile(r"[，;；。\n]+|,(?!\s*(?:19|20)\d{2}\b)|(?<=[a-z)])\.\s+", re.I)


def _cn_int(s: str) -> int | None:
    """Arabic or Chinese numerals ("12", "十二", "二〇二三") -> int; None when it is not a number."""
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


def _month_date(year: int, month_word: str, day_word: str | None, mpart: str | None) -> str | None:
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
        date = _month_date(year, m.group("m"), m.group("d"), m.group("mpart"))
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
            date = _month_date(base_year, m.group("m"), m.group("d"), m.group("mpart"))
        elif m.group("q"):
            date = iso_date(base_year, 3 * _QUARTER_NUM[m.group("q").lstrip("第")[0]])
        elif m.group("half") in ("上半年", "年中"):
            date = iso_date(base_year, 6)
        else:
            date = iso_date(base_year, 12)
    if m.group("half") in ("年内", "全年"):
        kind = "in_year"
    limit = bool(m.group("suffix") or m.group("qsuffix") or m.group("msuffix") or m.group("half") in ("年底", "年末"))
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
        out.append(hit)
    return out


def _without_overlaps(found: list[DeadlineMatch]) -> list[DeadlineMatch]:
    """Longest first wins where two expressions overlap; the result is in text order."""
    kept: list[DeadlineMatch] = []
    for hit in sorted(found, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a deadline field (split on ,;。 and line breaks), trimmed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _CLAUSE_SPLIT.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s] in " \t()（）[]【】":
            s += 1
        while e > s and text[e - 1] in " \t()（）[]【】.":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _what(clause: str, start: int, end: int) -> str | None:
    """The deliverable a dated clause names: the clause without its date and a bare 完成/前."""
    before = clause[:start].strip(" ,，:：、")
    after = clause[end:].strip(" ,，:：、")
    if _TRIVIAL_WHAT.match(after):
        after = ""
    elif after.startswith(("完成", "前完成")) and before:
        after = after.removeprefix("前").removeprefix("完成").strip()
    for cue in ("by", "before", "in", "during", "no later than"):
        before = re.sub(rf"\b{cue}\s*$", "", before, flags=re.I).strip()
    what = " ".join(p for p in (before, after) if p).strip()
    return what or None


def parse_deadline_field(text: str, base_year: int | None = None) -> list[Deadline]:
    """The value of a deadline field -> one `Deadline` per dated or ongoing clause.

    "2023年12月底前提出送审成果,2024年6月前完成" gives two, the first with
    `what="提出送审成果"`; "建成A站2023年完成,其他持续推进" gives a dated one and an
    ongoing one (`what="其他"`). A clause with neither a date nor a continuity cue but some
    words (a recurring "每年" or "按上级要求") is kept undated so the text is not lost.
    """
    return [dl for dl, _, _ in parse_deadline_field_spans(text, base_year)]


def parse_deadline_field_spans(text: str, base_year: int | None = None) -> list[tuple[Deadline, int, int]]:
    """As `parse_deadline_field`, with each deadline's clause span in `text`."""
    out: list[tuple[Deadline, int, int]] = []
    for s, e in _clauses(text):
        out.extend((dl, s, e) for dl in _clause_deadlines(text[s:e], base_year))
    return out


def _clause_deadlines(clause: str, base_year: int | None) -> list[Deadline]:
    """The deadlines of one clause of a deadline field: dated ones, else ongoing, else the text undated."""
    if _RECURRING.search(clause):
        return [Deadline(text=clause, date=None, kind="ongoing", what=None)]
    dates = [d for d in find_dates(clause, base_year) if (d.date or d.limit) and not _is_start(clause, d)]
    if dates:
        return [Deadline(text=clause, date=d.date, kind=d.kind,
                         what=_what(clause, d.start, d.end) if len(dates) == 1 else None) for d in dates]
    cue = _ONGOING_CN.search(clause) or _ONGOING_EN.search(clause)
    if cue:
        what = (clause[:cue.start()] + clause[cue.end():]).strip(" ,，、:：")
        what = re.sub(r"^.*?(?:起|开始|以后|以来)", "", what) if re.search(r"\d", what) else what
        return [Deadline(text=clause, date=None, kind="ongoing", what=None if _TRIVIAL_ONGOING_WHAT.match(what) else what)]
    if re.search(r"[\w\u4e00-\u9fff]", clause) and not any(_is_start(clause, d) for d in find_dates(clause, base_year)):
        return [Deadline(text=clause, date=None, kind="by", what=None)]
    return []


def _is_start(clause: str, d: DeadlineMatch) -> bool:
    """"2024年起", "from 2024": a date that opens a period, not one that closes it."""
    return bool(_START_AFTER.match(clause[d.end:]) or _START_BEFORE.search(clause[:d.start]))


def find_body_deadlines(text: str, base_year: int | None = None) -> list[tuple[Deadline, int, int]]:
    """Deadlines stated in running text: only expressions that name a limit count.

    "2024年6月底前完成年度任务" and "by the end of 2025" do; "到2025年" and "in 2030" are target
    years, not deadlines. Returns each deadline with the span of its expression.
    """
    out: list[tuple[Deadline, int, int]] = []
    for d in find_dates(text, base_year):
        expr = text[d.start:d.end]
        if not d.date or not _is_limit_expression(expr):
            continue
        out.append((Deadline(text=expr.strip(), date=d.date, kind="by", what=None), d.start, d.end))
    return out


def _is_limit_expression(expr: str) -> bool:
    """前/之前/以前 after a date, or an English "by/before/no later than" with a month or year end."""
    e = expr.strip()
    if re.search(r"(?:之前|以前|前)$", e):
        return True
    return bool(re.match(r"(?i)(?:by|before|no\s+later\s+than|not\s+later\s+than)\s+(?:the\s+)?"
                         r"(?:end|year|mid|\d{1,2}\s|[a-z]{3,9}\.?\s)", e))


def year_from(text: str | None) -> int | None:
    """The year a document is dated in (from metadata like "2022" or "2023年3月15日")."""
    if not text:
        return None
    m = re.search(r"(?:19|20)\d{2}", text)
    return int(m.group(0)) if m else None
