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
  ("2024年6月底前", "by the end of 2025"): such a limit makes a numbered item a task.
- `find_item_deadlines(text)` reads the text of an item already known to be a task and
  collects every time expression it states (the labelling convention of task records):
  explicit limits, the item's horizon (到2028年底 -> by 2028-12-31), recurring limits
  (每年3月底前 -> ongoing, undated), limits counted from the document itself
  (本意见印发之日起30日内 -> by, undated) and the continuity words 持续推进 / 长期坚持 /
  常态化 (ongoing). Validity periods (2019年1月1日至12月31日) and start dates (2020年起)
  are not deadlines.
"""

from __future__ import annotations

import re

from ingest.models import Deadline
from ingest.recognise.dates import DeadlineMatch, find_dates, month_date

__all__ = ["find_body_deadlines", "find_dates", "find_item_deadlines", "parse_deadline_field",
           "parse_deadline_field_spans", "year_from"]

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


# A bare month in a deadline field ("7月建成", "10月"): in a 完成时限 column it is the month of the
# document's year the work is due in (in running text a bare month is left alone: it may date anything)
_FIELD_MONTH = re.compile(r"^(?:于|在)?(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月份?(?:(?P<d>[12]?\d|3[01])\s*[日号]|(?P<mpart>上旬|中旬|下旬))?"
                          r"(?=\s*$|\s*(?:完成|建成|投入使用|投用|投运|动工|开工|竣工|实现|上线|启动|出台|印发|验收|交付|开放|运行|办结))")


def bare_month(text: str) -> bool:
    """Whether a deadline field's text opens with a month and nothing dates it more ("7月建成")."""
    return bool(_FIELD_MONTH.match(text.strip()))


def _clause_deadlines(clause: str, base_year: int | None) -> list[Deadline]:
    """The deadlines of one clause of a deadline field: dated ones, else ongoing, else the text undated."""
    if _RECURRING.search(clause):
        return [Deadline(text=clause, date=None, kind="ongoing", what=None)]
    dates = [d for d in find_dates(clause, base_year) if (d.date or d.limit) and not _is_start(clause, d)]
    if dates:
        return [Deadline(text=clause, date=d.date, kind=d.kind,
                         what=_what(clause, d.start, d.end) if len(dates) == 1 else None) for d in dates]
    month = _FIELD_MONTH.match(clause)
    if month and base_year and (date := month_date(base_year, month.group("m"), month.group("d"), month.group("mpart"))):
        what = clause[month.end():].strip()
        return [Deadline(text=clause, date=date, kind="by", what=None if _TRIVIAL_WHAT.match(what) else what)]
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
        if not d.date or not (_is_limit_expression(expr) or _dated_completion(text, d)) or _describes(text, d, base_year):
            continue
        out.append((Deadline(text=expr.strip(), date=d.date, kind="by", what=None), d.start, d.end))
    return out


# "2027年上半年，各县区政府印发工作方案": a closing date opening a clause whose verb completes something
_COMPLETES_LATER = re.compile(r"^\s*[，,]?[^。；;，,]{0,12}?(?:完成|建成|印发|出台|上线|投运|验收|办结|报送|提交|形成)")


def _dated_completion(text: str, d: DeadlineMatch) -> bool:
    expr, after = text[d.start:d.end], text[d.end:d.end + 40]
    opens = d.start == 0 or text[d.start - 1] in "。；;！!\n"
    return opens and bool(_CLOSING.search(expr)) and bool(_COMPLETES_LATER.match(after)) and not _REPORTED.match(after)


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


# 到/至 a year: the item's horizon ("到2027年底"); 至 after a date is the end of a range instead.
_HORIZON = re.compile(r"^(?:到|至)")
# A date that closes by itself: 年底/月底/年末, a half year, a quarter.
_CLOSING = re.compile(r"(?:底|末|上半年|下半年|年中|季度|年内)$")
# 年中 / 年末 / 年底 with no year and no 前: a stage named by when it comes ("年末检查"), unless it completes work
_BARE_PART_OF_YEAR = re.compile(r"(?:今年|当年|本年度?)?(?:年中|年末|年底|上半年|下半年|年内)")
# A month (or day) that dates a completion: "2024年6月完成验收".
_COMPLETION = re.compile(r"^\s*(?:前|份)?\s*(?:全面|基本|全部|如期)?(?:完成|建成|实现|出台|印发|上线|投运|投入使用|竣工|验收|办结)")
_RANGE_START = re.compile(r"^\s*(?:至|到|—|–|-|~|～)")
# "截至2023年底,已建成…": a date the text reports from, not one it sets.
_REPORTED = re.compile(r"^[^。;；]{0,12}?已")
_AFTER_DATE = re.compile(r"(?:\d|[年月日号])\s*$")
_RECURRING_LIMIT = re.compile(
    r"每(?:年|季度?|半年)(?:的)?\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?(?:\s*\d{1,2}\s*[日号]|底|末|上旬|中旬|下旬)?"
    r"|年底|年末|季度末|季末|末)(?:之前|以前|前)"
    r"|每月(?:的)?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号](?:之前|以前|前)")
_RELATIVE = re.compile(r"(?:本|该|此)?(?:意见|通知|方案|办法|规定|计划|决定|文件|细则)?"
                       r"(?:印发|发布|出台|实施|施行|公布|下发|生效)(?:之日|后)起?\s*"
                       r"(?:\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(?:个)?(?:日|天|工作日|月)(?:内|以内)")


def counts_from_document(text: str) -> bool:
    """Whether a limit counts from the document itself: "自本意见印发之日起30日内", "within 90 days of the date of this
    order" (the answer then says the date it counts from)."""
    from ingest.recognise.en_deadlines import counts_from_instrument

    return bool(_RELATIVE.search(text)) or counts_from_instrument(text)


# a span of years the work is to take, from when the document is issued: "争取三年内实现…", "力争用2年左右的时间建成…"
_WITHIN_YEARS = re.compile(r"(?:争取|力争|计划|确保)(?:用|在)?\s*(?:\d{1,2}|[一二三四五六七八九十两]{1,3})\s*年(?:内|以内|左右(?:的)?时间|(?:的)?时间)"
                           r"(?=\s*(?:内|基本|全面|逐步)?\s*(?:实现|完成|建成|建设|建立|形成|达到|培育|打造|推动|推进|使))")
# the words that say the work goes on: read as written, 「建立常态化监管机制」 too (the mechanism's work runs on, and
# that is how staff and the dev gold read such an item)
_CONTINUITY = re.compile(r"持续推进|长期坚持|常态化")


# "2000年以前建成的老旧小区": the date describes what the item acts on.
_ATTRIBUTIVE = re.compile(r"[^,，。;；、\s]{0,6}的")
# "…底前完成改造任务的一半 / 的30%": 的 before a share of the work measures how much is due, it qualifies no noun
_SHARE_AFTER = re.compile(r"\s*(?:\d+(?:\.\d+)?\s*[%％]|百分之|一半|[一二三四五六七八九十]分之|半数|大部分|全部)")


def _describes(text: str, d: DeadlineMatch, base_year: int | None) -> bool:
    """A date that qualifies a noun (…以前建成的) or lies years before the document's own: it
    describes the object of the work, it is not a date the work must meet."""
    attributive = _ATTRIBUTIVE.match(text, d.end)
    if text[d.start:d.end].endswith("前") and attributive and not _SHARE_AFTER.match(text, attributive.end()):
        return True  # "2000年以前建成的": a horizon (到2028年全市的…) is never read this way
    return bool(base_year and d.date and int(d.date[:4]) < base_year - 1)  # a year of slack for the dating


def _sets_a_date(text: str, d: DeadlineMatch) -> bool:
    """A date in a task's text that the task must meet: a limit (…前, by …), a horizon (到2027年),
    a closing date (2025年底, 第三季度) or a dated completion (2024年6月完成); not a start
    (2024年起, 自…), the start of a range (2024年1月1日至…) or a date reported from (截至…已)."""
    expr, after = text[d.start:d.end], text[d.end:d.end + 40]
    if _is_start(text, d) or _RANGE_START.match(after):
        return False
    if expr.startswith(("截至", "截止")):
        return _is_limit_expression(expr)
    if _HORIZON.match(expr):
        return not _AFTER_DATE.search(text[max(0, d.start - 2):d.start])  # 至 closing a range is not a horizon
    if _SECOND_HORIZON.search(text, max(0, d.start - 16), d.start):
        return True  # "到2023年底和2030年": the second year shares the first one's 到
    if _is_limit_expression(expr):
        return True
    if _REPORTED.match(after):
        return False
    if _BARE_PART_OF_YEAR.fullmatch(expr) and not _COMPLETION.match(after):
        return False  # "年初部署、年中督导、年末考评": the stages of every year's round, no date set
    if _CLOSING.search(expr):
        return True
    month = re.search(r"\d\s*月|[一二三四五六七八九十]月", expr)
    if month and _bracketed(text, d.start, d.end):
        return True  # "（一）建立协调机制（2023年5月）": a step's heading dated with its month
    return bool(month and _COMPLETION.match(after))


_SECOND_HORIZON = re.compile(r"(?:到|至)\s*(?:19|20)\d{2}\s*年(?:底|末)?\s*(?:和|及|与|、)\s*$")


def _bracketed(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is all a bracket holds: "（2021年8月）"."""
    return start > 0 and text[start - 1] in "（(" and bool(re.match(r"\s*[)）]", text[end:end + 2]))


def find_item_deadlines(text: str, base_year: int | None = None) -> list[tuple[Deadline, int, int]]:
    """Every time expression of a task's text, in text order, each with its span (see the module doc)."""
    out = [(Deadline(text=m.group(0), date=None, kind="ongoing"), m.start(), m.end())
           for m in _RECURRING_LIMIT.finditer(text)]
    for d in find_dates(text, base_year):
        if any(s <= d.start < e for _, s, e in out):
            continue  # the month of a recurring limit
        if d.date and _sets_a_date(text, d) and not _describes(text, d, base_year):
            s = d.start + (1 if text.startswith("于", d.start) else 0)
            out.append((Deadline(text=text[s:d.end].strip(), date=d.date, kind="by"), s, d.end))
    out.extend((Deadline(text=m.group(0), date=None, kind="by"), m.start(), m.end()) for m in _RELATIVE.finditer(text))
    out.extend((Deadline(text=m.group(0), date=None, kind="by"), m.start(), m.end()) for m in _WITHIN_YEARS.finditer(text))
    seen: set[str] = set()
    for m in _CONTINUITY.finditer(text):
        if m.group(0) in seen:
            continue
        seen.add(m.group(0))
        out.append((Deadline(text=m.group(0), date=None, kind="ongoing"), m.start(), m.end()))
    dated_heading = [x for x in out if _bracketed(text, x[1], x[2])]
    if dated_heading and any(x[0].date and x not in dated_heading for x in out):
        out = [x for x in out if x not in dated_heading]  # the step's own limit ("10月15日前") says more than its month
    return sorted(out, key=lambda x: x[1])
