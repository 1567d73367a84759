"""Plan periods: five-year plans by name (十四五 -> 2021-2025) and explicit spans (2021-2035年).

One home for the rule, read by the target readers (a figure's period) and by answering
(a question's years), so every reader knows the same periods, 六五 through any 十X五.
"""

from __future__ import annotations

import re

Period = tuple[int, int]

_RANGE = re.compile(r"((?:19|20)\d{2})\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年?")
_FIVE_YEAR = re.compile(r"“?(十[一二三四五六七八九]|[六七八九])五”?")
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
    return [p for m in _FIVE_YEAR.finditer(text or "") if (p := five_year_period(m.group(0)))]


def year_range(text: str) -> Period | None:
    """An explicit span of years ("2021-2025年"), when it looks like a plan period (<= 15 years)."""
    for m in _RANGE.finditer(text or ""):
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < b - a <= 15:
            return a, b
    return None
