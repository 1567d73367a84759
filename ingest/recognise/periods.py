"""Plan periods: five-year plans by name (十四五 -> 2021-2025) and explicit spans (2021-2035年).

One home for the rule, read by the target readers (a figure's period) and by answering
(a question's years), so every reader knows the same periods, 六五 through any 十X五.
"""

from __future__ import annotations

import re

Period = tuple[int, int]

_RANGE = re.compile(r"((?:19|20)\d{2})\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年?")
_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年")  # 2015年至2020年, 2016-2020年
_FIVE_YEAR = re.compile(r"“?(十[一二三四五六七八九]|[六七八九])五”?")
FIVE_YEAR_NAME = _FIVE_YEAR.pattern  # "“十四五”", for patterns that take a plan period as a whole
# "2023年重点工作任务分工方案", "2024年度工作要点": one year, then the words of a programme of work; not a
# horizon ("2030年前碳达峰行动方案", "到2035年") and not a span (read by year_range)
_ANNUAL = re.compile(r"(?<![到至\d—–~～-])((?:19|20)\d{2})\s*年度?(?![前底末初以\d])"
                     r"(?=.{0,24}?(?:工作|任务|计划|要点|方案|行动|清单|安排|分解|分工|实事|民生项目))")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def five_year_period(text: str) -> Period | None:
    """The years of a five-year plan named in `text` ("十三五" -> 2016-2020), if any."""
    m = _FIVE_YEAR.search(text or "")
    if not m:
        return None
    word = m.group(1)
    n = 10 + _CN[word[1]] if word.startswith("十") else _CN[word]
    start = 1981 + 5 * (n - 6)  # 六五 was 1981-1985; the numbering is regular from there
    return start, start + 4


def five_year_periods(text: str) -> list[Period]:
    """Every five-year plan named in `text`, in order."""
    return [p for _, p in five_year_spans(text)]


def five_year_spans(text: str) -> list[tuple[int, Period]]:
    """(where it is named, its years) of every five-year plan named in `text`, in order."""
    return [(m.start(), p) for m in _FIVE_YEAR.finditer(text or "") if (p := five_year_period(m.group(0)))]


def year_range(text: str) -> Period | None:
    """An explicit span of years ("2021-2025年"), when it looks like a plan period (<= 15 years)."""
    for m in _RANGE.finditer(text or ""):
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < b - a <= 15:
            return a, b
    return None


def year_spans(text: str) -> list[Period]:
    """Every explicit span of years in `text` ("2015年至2020年", "2021-2025"), in order."""
    return [(int(a), int(b)) for a, b in _SPAN.findall(text or "")]


def annual_year(title: str) -> int | None:
    """The year an annual programme of work is for, when its (Chinese) title names exactly one year
    ("立山区2023年重点工作任务分工方案" -> 2023): its figures without a year of their own are for that year.
    A report on such a programme ("2023年计划执行情况的报告") looks back, and is not one; the allocation of a
    report's tasks ("2024年《政府工作报告》重点任务分解表") is."""
    if re.search(r"(?:报告|总结|情况|公报)[”》]?(?:[(（][^()（）]*[)）])?$|(?:全面|圆满|超额|顺利)完成", title or ""):
        return None  # a report on the year, or a title saying its goals were met, looks back
    years = set(re.findall(r"(?:19|20)\d{2}", title or ""))
    m = _ANNUAL.search(title or "")
    return int(m.group(1)) if m and len(years) == 1 else None
