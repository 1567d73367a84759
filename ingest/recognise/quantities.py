"""Numbers with their units and comparators, found in Chinese and English policy text.

A plan states a figure in many shapes: ``森林覆盖率达到45%以上``, ``3.2万km2``,
``300余次``, ``近2亿元``, ``2-3人``, ``>500``, ``每年开展一次``, ``30 percent``.
`find_quantities` returns each figure once with the span it occupies, the value *as
written* (``2.87`` with unit ``万km2``, the multiplier kept in the unit so the value can be
compared with the text) and a comparator. `to_base` converts to a base unit (km2, 元, …)
for cross-checking. Numbers that are not measures (years, dates, document numbers,
section numbers, slopes, rainfall) are left alone: only units listed here make a quantity.

Usage::

    >>> q = find_quantities("全省森林覆盖率达到45%以上")[0]
    >>> (q.value, q.unit, q.comparator)
    (45.0, '%', '>=')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

# unit as written -> normalised unit; longest spellings are tried first
_UNIT_ALIASES: dict[str, str] = {
    "平方公里": "km2", "平方千米": "km2", "km2": "km2", "km²": "km2", "km^2": "km2", "k㎡": "km2", "㎞²": "km2",
    "square kilometers": "km2", "square kilometres": "km2", "sq km": "km2", "sq. km": "km2",
    "公顷": "hm2", "hm2": "hm2", "hm²": "hm2", "hectares": "hm2", "hectare": "hm2", "ha": "hm2",
    "亩": "亩", "%": "%", "percent": "%", "per cent": "%", "个百分点": "百分点", "百分点": "百分点",
    "percentage points": "百分点",
    "元": "元", "公里": "km", "千米": "km", "km": "km", "kilometers": "km", "kilometres": "km",
    "吨": "t", "tonnes": "t", "tons": "t", "立方米": "m3", "m3": "m3", "微克/立方米": "μg/m3", "μg/m3": "μg/m3",
    "ug/m3": "μg/m3", "毫克/升": "mg/L", "mg/l": "mg/L", "吨标准煤": "tce", "千瓦时": "kWh", "kwh": "kWh",
    "千瓦": "kW", "kw": "kW", "户": "户", "辆": "辆", "张": "张",
    "个": "个", "座": "座", "条": "条", "处": "处", "次": "次", "起": "起", "项": "项", "人": "人",
    "名": "名", "家": "家", "所": "所", "株": "株", "台": "台", "套": "套", "件": "件", "年": "年",
}
COUNT_UNITS = frozenset({"个", "座", "条", "处", "次", "起", "项", "人", "名", "家", "所", "株", "台", "套", "件"})
_MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3}
# conversions to a base unit: unit -> (base unit, factor)
_BASE: dict[str, tuple[str, float]] = {"km2": ("km2", 1.0), "hm2": ("km2", 0.01), "亩": ("km2", 1 / 1500)}

_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNIT_ALIASES, key=len, reverse=True))
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
# [comparator sign] number [range] [余/多] [multiplier] unit
_ARABIC = re.compile(
    rf"(?P<sign>[<>≤≥]=?\s*)?(?<![\d.])(?P<num>{_NUM})(?:\s*[-~～—–至到]\s*(?P<max>{_NUM}))?"
    rf"\s*(?P<approx>余|多)?\s*(?P<mult>[万亿千])?\s*(?P<unit>{_UNIT_RE})(?![A-Za-z²])",
    re.IGNORECASE)
_CN_DIGITS = "零一二两三四五六七八九十百千"
_CHINESE = re.compile(rf"(?P<num>[{_CN_DIGITS}]+)(?P<unit>[个座条处次项家所名])")
_CN_PERCENT = re.compile(rf"百分之(?P<num>[{_CN_DIGITS}]+(?:点[{_CN_DIGITS}]+)?)")

_PREFIX_CMP: list[tuple[str, str]] = [
    ("不低于", ">="), ("不少于", ">="), ("至少", ">="), ("达到", ">="), ("at least", ">="),
    ("no less than", ">="), ("不超过", "<="), ("不高于", "<="), ("不大于", "<="), ("至多", "<="),
    ("控制在", "<="), ("no more than", "<="), ("up to", "<="), ("超过", ">"), ("大于", ">"), ("多于", ">"),
    ("more than", ">"), ("over", ">"), ("近", "<="), ("nearly", "<="), ("almost", "<="),
    ("less than", "<"), ("below", "<"),
]
_SUFFIX_CMP: list[tuple[str, str]] = [("以上", ">="), ("以下", "<="), ("以内", "<="), ("左右", "=")]
_SIGNS = {">": ">", "<": "<", ">=": ">=", "<=": "<=", "≥": ">=", "≤": "<="}
_FREQUENCY = re.compile(r"每(?:年|月|季度|周|天|日)[^，,。；;]{0,8}$")
_COUNT_VERBS = re.compile(r"(?:新建|建设|建成|完成|实施|开展|治理|改造|培育|创建|打造|新增|审批|查处|建立|设立)$")
_NOT_AFTER_YEAR = "内前后来底以月度初末间中级"


@dataclass(frozen=True)
class Quantity:
    """A figure in a text: `text[start:end]` is the figure as written (comparator words included)."""

    value: float
    unit: str  # normalised, multiplier kept: "km2", "万km2", "%", "个", "次/年"
    comparator: str  # ">=", ">", "<=", "<", "="
    start: int
    end: int
    value_max: float | None = None  # upper end of a range ("2-3人")
    decimals: int = 0  # digits after the decimal point as written (rounding tolerance)

    @property
    def tolerance(self) -> float:
        """Half a unit of the last written digit: values closer than this round to the same figure."""
        return 0.5 * 10 ** (-self.decimals)


def normalize_unit(unit: str) -> str:
    """Normalised spelling of a unit as written ("平方公里" -> "km2", "万平方公里" -> "万km2")."""
    u = unit.strip()
    if not u:
        return ""
    mult = ""
    if u[0] in _MULTIPLIERS and len(u) > 1:
        mult, u = u[0], u[1:]
    base = _UNIT_ALIASES.get(u.lower(), _UNIT_ALIASES.get(u, u))
    return mult + base


def to_base(value: float, unit: str) -> tuple[float, str]:
    """`value` in `unit` converted to a base unit for comparison (万km2 -> km2, 亩 -> km2, 亿元 -> 元)."""
    factor = 1.0
    u = unit
    if len(u) > 1 and u[0] in _MULTIPLIERS:
        factor, u = _MULTIPLIERS[u[0]], u[1:]
    if u in _BASE:
        base, f = _BASE[u]
        return value * factor * f, base
    return value * factor, u


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def _prefix_comparator(text: str, start: int) -> tuple[str, int]:
    """Comparator word right before `start` (whitespace allowed) and where it begins."""
    window = text[max(0, start - 14):start]
    stripped = window.rstrip()
    for word, cmp in _PREFIX_CMP:
        if stripped.lower().endswith(word):
            if word.isascii() and len(stripped) > len(word) and stripped[-len(word) - 1].isalpha():
                continue  # "cover" is not "over"
            return cmp, start - (len(window) - len(stripped)) - len(word)
    return "=", start


def _suffix_comparator(text: str, end: int) -> tuple[str | None, int]:
    for word, cmp in _SUFFIX_CMP:
        if text.startswith(word, end):
            return cmp, end + len(word)
    return None, end


def _year_like(m: re.Match[str], text: str) -> bool:
    """"2025年", "40多年", "2年内" are dates or durations, not counted years of work."""
    num = m.group("num")
    if "." in num or m.group("approx") or m.group("max") or m.group("mult"):
        return True
    if int(num.replace(",", "")) >= 100:
        return True
    nxt = text[m.end():m.end() + 1]
    return bool(nxt) and nxt in _NOT_AFTER_YEAR


def _arabic(text: str, lo: int, hi: int) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _ARABIC.finditer(text, lo, hi):
        unit = normalize_unit((m.group("mult") or "") + m.group("unit"))
        if unit == "年" and _year_like(m, text):
            continue
        if m.group("unit").lower() in ("ha", "km") and text[m.end("unit"):m.end("unit") + 1].isalpha():
            continue
        start, end = m.start(), m.end()
        if m.group("sign"):
            cmp = _SIGNS[m.group("sign").strip()]
        else:
            cmp, start = _prefix_comparator(text, m.start("num"))
            start = max(start, lo)
        if m.group("approx"):
            cmp = ">"
        suffix, end2 = _suffix_comparator(text, end)
        if suffix is not None:
            cmp, end = suffix, min(end2, hi)
        vmax = _number(m.group("max")) if m.group("max") else None
        if vmax is not None and cmp == "=":
            cmp = ">="
        out.append(Quantity(_number(m.group("num")), unit, cmp, start, end, vmax, _decimals(m.group("num"))))
    return out


def _cn_value(num: str) -> float | None:
    try:
        return float(cn2an.cn2an(num, "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def _chinese(text: str, lo: int, hi: int) -> list[Quantity]:
    """Chinese numerals before a count unit: only after a verb of doing, or "一次" after 每年."""
    out: list[Quantity] = []
    for m in _CHINESE.finditer(text, lo, hi):
        before = text[max(lo, m.start() - 12):m.start()]
        value = _cn_value(m.group("num"))
        if value is None or value <= 0:
            continue
        if _FREQUENCY.search(before):
            period = _FREQUENCY.search(before).group(0)[1:2]  # type: ignore[union-attr]
            unit = f"{m.group('unit')}/{'季度' if period == '季' else period}"
        elif value > 1 and _COUNT_VERBS.search(before):
            unit = m.group("unit")
        else:
            continue
        out.append(Quantity(value, unit, "=", m.start(), m.end()))
    for m in _CN_PERCENT.finditer(text, lo, hi):
        value = _cn_value(m.group("num"))
        if value is not None:
            out.append(Quantity(value, "%", "=", m.start(), m.end()))
    return out


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Quantities in `text[start:end]`, in text order, spans inside that window; never raises."""
    hi = len(text) if end is None else max(0, min(end, len(text)))
    lo = max(0, min(start, hi))
    found = _arabic(text, lo, hi) + _chinese(text, lo, hi)
    found.sort(key=lambda q: (q.start, -q.end))
    out: list[Quantity] = []
    for q in found:
        if out and q.start < out[-1].end:
            continue  # overlapping readings: keep the first, longest
        out.append(q)
    return out


_CELL = re.compile(rf"^\s*(?P<sign>[<>≤≥]=?)?\s*(?P<num>{_NUM})\s*(?P<approx>余|多)?\s*(?P<unit>[万亿千]?\s*(?:{_UNIT_RE}))?"
                   r"\s*(?P<suffix>以上|以下|以内|左右)?\s*$", re.IGNORECASE)


def parse_cell(text: str) -> Quantity | None:
    """A table cell that holds exactly one figure ("42.5%", ">500", "300", "<20"), else None.

    Spans are relative to the cell text."""
    m = _CELL.match(text)
    if not m:
        return None
    cmp = _SIGNS[m.group("sign")] if m.group("sign") else "="
    if m.group("approx"):
        cmp = ">"
    if m.group("suffix"):
        cmp = dict(_SUFFIX_CMP)[m.group("suffix")]
    unit = normalize_unit(re.sub(r"\s+", "", m.group("unit") or ""))
    return Quantity(_number(m.group("num")), unit, cmp, m.start("num"), len(text.rstrip()), None,
                    _decimals(m.group("num")))
