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

from ingest.recognise.number_words import CN_DIGITS, chinese_number, english_numbers

# unit as written -> normalised unit; longest spellings are tried first
_UNIT_ALIASES: dict[str, str] = {
    "平方公里": "km2", "平方千米": "km2", "km2": "km2", "km²": "km2", "km^2": "km2", "k㎡": "km2", "㎞²": "km2",
    "square kilometers": "km2", "square kilometres": "km2", "sq km": "km2", "sq. km": "km2",
    "公顷": "hm2", "hm2": "hm2", "hm²": "hm2", "hectares": "hm2", "hectare": "hm2", "ha": "hm2",
    "平方米": "m2", "m²": "m2", "m2": "m2", "square meters": "m2", "square metres": "m2", "acres": "acre",
    "亩": "亩", "%": "%", "‰": "‰", "/10万": "/10万", "/万": "/万", "percent": "%", "per cent": "%", "个百分点": "百分点", "百分点": "百分点",
    "percentage points": "百分点",
    "元": "元", "美元": "美元", "港元": "港元", "欧元": "欧元", "公里": "km", "千米": "km", "km": "km", "kilometers": "km", "kilometres": "km", "miles": "mile",
    "litres": "L", "liters": "L", "litre": "L", "liter": "L", "gallons": "gal", "megalitres": "ML", "megaliters": "ML",
    "米": "m", "吨": "t", "tonnes": "t", "tons": "t", "metric tons": "t", "tonnes CO2e": "tCO2e",
    "tons CO2e": "tCO2e", "metric tons of CO2e": "tCO2e", "tCO2e": "tCO2e", "t CO2e": "tCO2e", "t CO2-e": "tCO2e",
    "tCO2-e": "tCO2e", "tCO2": "tCO2", "t CO2": "tCO2", "tonnes CO2": "tCO2", "tons CO2": "tCO2", "tonnes of CO2": "tCO2",
    "MtCO2": "MtCO2", "Mt CO2": "MtCO2", "ktCO2": "ktCO2", "kt CO2": "ktCO2", "Mt CO2e": "MtCO2e", "MtCO2e": "MtCO2e", "Mt CO2-e": "MtCO2e", "MtCO2-e": "MtCO2e",
    "kt CO2e": "ktCO2e", "ktCO2e": "ktCO2e", "kt CO2 eq": "ktCO2e", "ktCO2eq": "ktCO2e", "kt CO2eq": "ktCO2e",
    "t CO2 eq": "tCO2e", "tCO2eq": "tCO2e", "Mt CO2 eq": "MtCO2e", "MtCO2eq": "MtCO2e", "kt CO2-e": "ktCO2e", "ktCO2-e": "ktCO2e", "Mt": "Mt", "立方米": "m3", "m3": "m3", "微克/立方米": "μg/m3", "微克每立方米": "μg/m3", "毫克每升": "mg/L",
    "μg/m3": "μg/m3", "ug/m3": "μg/m3", "毫克/升": "mg/L", "mg/l": "mg/L", "吨标准煤": "tce", "吨标煤": "tce",
    # intensities: per 10,000 yuan of output ("0.9吨标煤/万元以下", "40立方米每万元")
    "吨标准煤/万元": "tce/万元", "吨标煤/万元": "tce/万元", "吨标准煤每万元": "tce/万元", "吨标煤每万元": "tce/万元",
    "立方米/万元": "m3/万元", "立方米每万元": "m3/万元", "吨二氧化碳/万元": "tCO2/万元", "吨二氧化碳": "tCO2",
    "千瓦时": "kWh",
    "kwh": "kWh", "千瓦": "kW", "kw": "kW", "兆瓦": "MW", "MW": "MW", "megawatts": "MW", "吉瓦": "GW", "GW": "GW",
    "gigawatts": "GW", "gigawatt": "GW", "斤": "斤", "标箱": "TEU", "TEU": "TEU", "公斤": "kg", "千克": "kg", "kg": "kg", "degrees Celsius": "°C", "°C": "°C", "℃": "°C", "岁": "岁",
    "户": "户", "辆": "辆", "张": "张", "卡时": "卡时", "P": "P", "PFlops": "P", "EFlops": "EFlops",
    "个": "个", "座": "座", "条": "条", "处": "处", "次": "次", "起": "起", "项": "项", "人": "人",
    "名": "名", "家": "家", "所": "所", "株": "株", "台": "台", "套": "套", "件": "件", "年": "年", "场": "场",
    "人次": "人次", "场次": "场次", "间": "间", "位": "位", "批": "批", "期": "期", "届": "届", "床": "床", "头": "头", "艘": "艘",
    "大类": "大类", "类": "类", "个环节": "个环节", "环节": "个环节",
    "小时": "小时", "分钟": "分钟", "个工作日": "工作日", "工作日": "工作日", "日": "日", "天": "天", "个月": "月",
    "周": "周", "months": "月", "month": "月", "years": "年", "year": "年", "days": "天", "倍": "倍",
    "minutes": "分钟", "hours": "小时", "weeks": "周",
}
COUNT_UNITS = frozenset({"个", "座", "条", "处", "次", "起", "项", "人", "名", "家", "所", "株", "台", "套", "件",
                         "场", "场次", "人次", "间", "位", "批", "期", "届", "床", "头", "艘", "户", "辆", "张", "大类",
                         "类", "个环节", "部"})
TIME_UNITS = frozenset({"小时", "分钟", "工作日", "日", "天", "月", "周"})
# conversions to a base unit: unit -> (base unit, factor)
_BASE: dict[str, tuple[str, float]] = {"km2": ("km2", 1.0), "hm2": ("km2", 0.01), "亩": ("km2", 1 / 1500)}

_MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3}
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNIT_ALIASES, key=len, reverse=True)) + \
    r"|部(?![门委署分长位级属队件])"  # "纪录片3部": works (plays, films, books); not "3部门"
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_MULT_RE = "万亿|[万亿千]"
# [comparator sign] number [range] [余/多] [multiplier] unit; or a bare 万/亿 amount ending its clause (超1000万)
_ARABIC = re.compile(
    rf"(?P<sign>[<>≤≥]=?\s*|~\s*(?=\d))?(?<![\d.])(?P<num>{_NUM})(?:\s*[-~～—–至到]\s*(?P<max>{_NUM}))?"
    rf"\s*(?P<approx>余|多)?\s*(?P<mult>{_MULT_RE})?\s*(?:(?P<unit>{_UNIT_RE})|"
    rf"(?<=[万亿])(?=[，,；;。、：:)）\s]|$))",
    re.IGNORECASE)
_CHINESE = re.compile(rf"(?P<num>[{CN_DIGITS}]+|半)(?P<unit>个工作日|个|座|条|处|次|项|家|所|名|场|套|户|日|天|大类)")
_SCALE_WORDS = {"十": 10, "百": 100, "千": 1000}
_CN_SCALE = re.compile(rf"(?<![\d{CN_DIGITS}])(?P<num>[十百千])(?P<big>亿|万)(?P<unit>元|美元|吨|千瓦|人|户|亩)(?!级)")
_CN_PERCENT = re.compile(rf"百分之(?P<num>[{CN_DIGITS}]+(?:点[{CN_DIGITS}]+)?)")

_AT_LEAST_DOING = re.compile(r"(?:至少|最少)(?:召开|开展|举办|组织|建成|新建|建设|培育|引进|完成|安排|培训|实施|新增|打造)$")
# "不低于风电装机容量的15%": a bound before the whole a share is of
_SHARE_BOUND = re.compile(r"(不得低于|不低于|不得少于|不少于|不小于|不得超过|不超过|不高于|低于|高于|超过)[^，,；;。\d]{1,24}的\s*$")
# "a minimum reduction of 35%", "a maximum share of 10%": the bound a noun before the figure states
_BOUND_OF = re.compile(r"\b(minimum|maximum)\s+(?:[a-z]+\s+){1,2}of\s+$")
_NOT_REACHING = frozenset("下送传表抵直通发到转高长多雷")  # 达 in 下达, 送达, 高达 … is no "reach"
_PREFIX_CMP: list[tuple[str, str]] = [
    ("不得低于", ">="), ("不得少于", ">="), ("不得超过", "<="), ("不得高于", "<="),
    ("不低于", ">="), ("不少于", ">="), ("不小于", ">="), ("不多于", "<="), ("至少", ">="), ("达到", ">="), ("达", ">="),
    ("at least", ">="),
    ("no less than", ">="), ("not less than", ">="), ("a minimum of", ">="), ("不超过", "<="), ("不高于", "<="),
    ("不大于", "<="), ("至多", "<="), ("控制在", "<="), ("no more than", "<="), ("not more than", "<="),
    ("not to exceed", "<="), ("a maximum of", "<="), ("up to", "<="), ("超过", ">"), ("突破", ">"), ("大于", ">"),
    ("多于", ">"), ("more than", ">"), ("over", ">"), ("in excess of", ">"), ("exceeding", ">"), ("exceeds", ">"),
    ("exceed", ">"), ("超", ">"), ("逾", ">"),
    ("近", "<="), ("nearly", "<="), ("almost", "<="), ("less than", "<"), ("fewer than", "<"), ("below", "<"),
    ("不足", "<"), ("小于", "<"), ("少于", "<"), ("低于", "<"), ("高于", ">"), ("大约", "~"), ("约", "~"), ("approximately", "~"), ("about", "~"), ("around", "~"),
    ("roughly", "~"), ("some", "~"),
]
_CMP_OF = dict(_PREFIX_CMP)
# concentrations a plan brings down: "达到" one of them is a ceiling, not a floor
_CONCENTRATIONS = frozenset({"μg/m3", "mg/L"})
_SUFFIX_CMP: list[tuple[str, str]] = [("以上", ">="), ("以下", "<="), ("以内", "<="), ("左右", "~")]
_SIGNS = {">": ">", "<": "<", ">=": ">=", "<=": "<=", "≥": ">=", "≤": "<=", "~": "~"}
_FREQUENCY = re.compile(r"每(?:年|月|季度|周|天|日)[^，,。；;]{0,8}$")
_COUNT_VERBS = re.compile(r"(?:新建|建设|建成|完成|实施|开展|治理|改造|培育|创建|打造|新增|审批|查处|建立|设立|集聚|"
                          r"聚集|引育|引进|吸引|认定|评选|推出|举办|组织|开放|挖掘|形成|发布|布局|带动|超过?|突破|逾|"
                          r"不少于|达到|等|近)$")
# what a service time limits: "1日内办结", "一日开办", "30分钟响应"
# a time limit on a public service or a disclosure ("1日内办结", "5个工作日内公开", "15个工作日内，向社会公布")
SERVICE_VERBS = (r"办结|办理|办完|办成|通办|响应|到场|到达|审批|开办|领照|出证|公开|公布|公示|答复|回复|反馈|告知|"
                 r"[，,]\s*向[\u4e00-\u9fff]{1,4}?(?:公开|公布|公示|告知|反馈)")
_SERVICE_AFTER = re.compile(rf"内?(?:{SERVICE_VERBS})")
_NOT_AFTER_YEAR = "内前后来底以月度初末间中级"
_LATIN_WORD = re.compile(r"[A-Za-z]{3}")
_RANGE_GAP = re.compile(r"\s*[-~～—–至到]\s*$")


@dataclass(frozen=True)
class Quantity:
    """A figure in a text: `text[start:end]` is the figure as written (comparator words included)."""

    value: float
    unit: str  # normalised, multiplier kept: "km2", "万km2", "%", "个", "次/年"
    comparator: str  # ">=", ">", "<=", "<", "=", "~"
    start: int
    end: int
    value_max: float | None = None  # upper end of a range ("2-3人", "5%—5.5%")
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
    if u.startswith("万亿") and len(u) > 2:
        mult, u = "万亿", u[2:]
    elif u[0] in _MULTIPLIERS and len(u) > 1:
        mult, u = u[0], u[1:]
    base = _UNIT_ALIASES.get(u.lower(), _UNIT_ALIASES.get(u, u))
    return mult + base


def unit_spellings(unit: str) -> set[str]:
    """Every spelling of the unit `unit` normalises to ("公里" -> 公里, 千米, km, kilometers ...)."""
    norm = normalize_unit(unit)
    return {unit, norm} | {alias for alias, base in _UNIT_ALIASES.items() if base == norm}


def to_base(value: float, unit: str) -> tuple[float, str]:
    """`value` in `unit` converted to a base unit for comparison (万km2 -> km2, 亩 -> km2, 亿元 -> 元)."""
    factor = 1.0
    u = unit
    if u.startswith("万亿") and len(u) > 2:
        factor, u = 1e12, u[2:]
    elif len(u) > 1 and u[0] in _MULTIPLIERS:
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
    window = text[max(0, start - 20):start]
    stripped = window.rstrip()
    article = re.search(r"\s(?:a|an)$", stripped)  # "a minimum of an 80% cut", "at least a 20 percent reduction"
    if article:
        stripped = stripped[:article.start()].rstrip()
    for word, cmp in _PREFIX_CMP:
        if stripped.lower().endswith(word):
            if word.isascii() and len(stripped) > len(word) and stripped[-len(word) - 1].isalpha():
                continue  # "cover" is not "over"
            if word == "达" and stripped[-2:-1] in _NOT_REACHING:
                continue  # "下达50亿元" (allotted), "送达", "高达" (as much as): no floor
            return cmp, start - (len(window) - len(stripped)) - len(word)
    if _AT_LEAST_DOING.search(stripped):
        return ">=", start  # "每年至少召开1次": the bound is before the verb, which stays the indicator's
    share = _SHARE_BOUND.search(text[max(0, start - 30):start])
    if share:
        return _CMP_OF[share.group(1)], start
    return noun_bound(text, start) or "=", start


def noun_bound(text: str, start: int) -> str | None:
    """">=" or "<=" when a noun before the figure at `start` states its bound ("a minimum reduction of 35%")."""
    bound = _BOUND_OF.search(text[max(0, start - 40):start].lower())
    return (">=" if bound.group(1) == "minimum" else "<=") if bound else None


def _suffix_comparator(text: str, end: int, unit: str) -> tuple[str | None, int]:
    for word, cmp in _SUFFIX_CMP:
        if text.startswith(word, end):
            return cmp, end + len(word)
    if unit in TIME_UNITS and text.startswith("内", end):
        return "<=", end + 1  # 1个工作日内: at most
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


def _not_a_measure(m: re.Match[str], text: str, unit: str) -> bool:
    """Ordinals (第6次), dates (12月31日), anniversaries (70周年), years and word fragments (5 hat)."""
    before = text[max(0, m.start("num") - 1):m.start("num")]
    if before == "第" or (unit in ("日", "天") and before == "月"):
        return True
    if unit == "年" and _year_like(m, text):
        return True
    if unit == "周" and text.startswith("年", m.end()):
        return True
    raw = m.group("unit") or ""
    nxt = text[m.end():m.end() + 1]
    return raw.isascii() and raw[-1:].isalpha() and (nxt.isascii() and nxt.isalpha() or nxt == "²")


def _arabic(text: str, lo: int, hi: int) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _ARABIC.finditer(text, lo, hi):
        unit = normalize_unit((m.group("mult") or "") + (m.group("unit") or ""))
        if not unit or _not_a_measure(m, text, unit):
            continue
        start, end = m.start(), m.end()
        if m.group("sign"):
            cmp = _SIGNS[m.group("sign").strip()]
        else:
            cmp, start = _prefix_comparator(text, m.start("num"))
            start = max(start, lo)
            if cmp == ">=" and unit in _CONCENTRATIONS and text.startswith("达到", start):
                cmp = "<="  # PM2.5浓度达到35微克/立方米: brought down to it
        if m.group("approx"):
            cmp = ">"
        suffix, end2 = _suffix_comparator(text, end, unit)
        if suffix is not None:
            cmp, end = suffix, min(end2, hi)
        vmax = _number(m.group("max")) if m.group("max") else None
        if vmax is not None and cmp == "=":
            cmp = ">="
        out.append(Quantity(_number(m.group("num")), unit, cmp, start, end, vmax, _decimals(m.group("num"))))
    return out


_EACH = re.compile(r"每(?:个|一个)?[\u4e00-\u9fff（）()、]{1,16}?(?:培育|建设|建成|打造|设立|组建|布局|认定)")


def _chinese_unit(m: re.Match[str], text: str, lo: int, value: float) -> str | None:
    """The unit of a Chinese numeral when it states a figure: every N per period (每年开展一次), a count
    after a verb of doing or a comparator (建成百个, 超千家, 等四个), a service time (一日办结)."""
    unit = normalize_unit(m.group("unit"))
    if text.startswith("性", m.end()):
        return None  # "一次性补贴": a one-off grant, no count of times
    if m.group("unit") == "个" and text.startswith(("月", "季度", "工作日", "小时", "星期"), m.end()):
        return None  # "每季度最后一个月": a span of time, counted nowhere
    before = text[max(lo, m.start() - 12):m.start()]
    freq = _FREQUENCY.search(before)
    if freq and unit in COUNT_UNITS:
        period = freq.group(0)[1:2]
        return f"{unit}/{'季度' if period == '季' else period}"
    if unit in TIME_UNITS:
        return unit if _SERVICE_AFTER.match(text, m.end()) else None
    if value > 1 and _COUNT_VERBS.search(before):
        return unit
    if value == 1 and unit in COUNT_UNITS and _COUNT_VERBS.search(before) and \
            _EACH.search(text, max(lo, m.start() - 30), m.start()):
        return unit  # "每个县培育一家龙头合作社": one for each, a count the plan sets
    return None


def _chinese(text: str, lo: int, hi: int) -> list[Quantity]:
    """Chinese numerals stating a figure (see `_chinese_unit`) and 百分之N."""
    out: list[Quantity] = []
    for m in _CHINESE.finditer(text, lo, hi):
        value = chinese_number(m.group("num"))
        if value is None or value <= 0:
            continue
        unit = _chinese_unit(m, text, lo, value)
        if unit is None:
            continue
        cmp, start = _prefix_comparator(text, m.start())
        suffix, end = _suffix_comparator(text, m.end(), unit)
        out.append(Quantity(value, unit, suffix or cmp, max(start, lo), min(end, hi)))
    for m in _CN_SCALE.finditer(text, lo, hi):  # "突破千亿元", "超百亿元": a round scale, written in words
        cmp, start = _prefix_comparator(text, m.start())
        suffix, end = _suffix_comparator(text, m.end(), m.group("unit"))
        out.append(Quantity(float(_SCALE_WORDS[m.group("num")]), normalize_unit(m.group("big") + m.group("unit")),
                            suffix or cmp, max(start, lo), min(end, hi)))
    for m in _CN_PERCENT.finditer(text, lo, hi):
        value = chinese_number(m.group("num"))
        if value is not None:
            out.append(Quantity(value, "%", "=", m.start(), m.end()))
    return out


_UNIT_AFTER = re.compile(rf"\s+(?P<unit>{_UNIT_RE})(?![A-Za-z])", re.IGNORECASE)


def unit_after(text: str, pos: int, end: int | None = None) -> tuple[str, int] | None:
    """The normalised unit written right after `pos` (after whitespace) and where it ends, if any."""
    m = _UNIT_AFTER.match(text, pos, len(text) if end is None else end)
    return (normalize_unit(m.group("unit")), m.end()) if m else None


def _words(text: str, lo: int, hi: int) -> list[Quantity]:
    """English figures in words followed by a unit ("forty-five percent", "five million metric tons")."""
    out: list[Quantity] = []
    for value, a, b in english_numbers(text, lo, hi):
        m = _UNIT_AFTER.match(text, b, hi)
        if not m:
            continue
        cmp, start = _prefix_comparator(text, a)
        out.append(Quantity(value, normalize_unit(m.group("unit")), cmp, max(start, lo), m.end()))
    return out


def _merge_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """"5%—5.5%": two figures of one unit joined by a dash are one range (the lower bound's comparator)."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.value_max is None and q.value_max is None and prev.unit == q.unit
                and q.comparator == "=" and _RANGE_GAP.fullmatch(text[prev.end:q.start]) and q.value > prev.value):
            out[-1] = Quantity(prev.value, prev.unit, ">=" if prev.comparator == "=" else prev.comparator,
                               prev.start, q.end, q.value, max(prev.decimals, q.decimals))
            continue
        out.append(q)
    return out


# a measure without a unit: an index, a coefficient or a score reaches a bare number ("健康发展指数达85",
# "空气质量综合指数控制在3.8以下"); the number must follow the measure's noun and its verb directly
_INDEX_VALUE = re.compile(r"(?:指数|系数|得分|评分|分值)\s*(?P<verb>达到|达|为|提高到|提升到|提高至|提升至|保持在|稳定在|"
                          r"控制在|降至|降到|下降到|不低于|不高于|不超过|超过)\s*(?P<num>\d+(?:\.\d+)?)"
                          r"(?![\d.%‰])(?P<points>分(?!钟))?(?P<suffix>\s*(?:以上|以下|以内|左右))?"
                          r"(?!\s*(?:[万亿千]|分钟|" + _UNIT_RE + r"))")


# a count or rate held at zero ("孕产妇死亡率为0", "重度及以上污染天数为0"): zero needs no unit
_ZERO_VALUE = re.compile(r"(?:率|天数|人数|起数|次数|事故数)\s*(?:为|保持为|保持在|降为|降至|控制在|实现)\s*(?P<num>0)(?![\d.%‰])"
                         r"(?!\s*(?:[万亿千]|" + _UNIT_RE + r"))")


def _index_values(text: str, lo: int, hi: int) -> list[Quantity]:
    out: list[Quantity] = [Quantity(0.0, "", "=", m.start("num"), m.end("num"), None, 0)
                           for m in _ZERO_VALUE.finditer(text, lo, hi)]
    for m in _INDEX_VALUE.finditer(text, lo, hi):
        cmp, start = _prefix_comparator(text, m.start("num"))
        if m.group("suffix"):
            cmp = dict(_SUFFIX_CMP)[m.group("suffix").strip()]
        out.append(Quantity(_number(m.group("num")), "分" if m.group("points") else "", cmp, max(lo, start), m.end(), None,
                            _decimals(m.group("num"))))
    return out


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Quantities in `text[start:end]`, in text order, spans inside that window; never raises."""
    hi = len(text) if end is None else max(0, min(end, len(text)))
    lo = max(0, min(start, hi))
    found = _arabic(text, lo, hi) + _chinese(text, lo, hi) + _index_values(text, lo, hi)
    if _LATIN_WORD.search(text, lo, hi):
        found += _words(text, lo, hi)
    found.sort(key=lambda q: (q.start, -q.end))
    out: list[Quantity] = []
    for q in found:
        if out and q.start < out[-1].end:
            continue  # overlapping readings: keep the first, longest
        out.append(q)
    return _merge_ranges(text, out)


_CELL = re.compile(rf"^\s*(?P<sign>[<>≤≥~]=?)?\s*(?P<num>{_NUM})\s*(?P<approx>余|多)?\s*(?P<unit>(?:{_MULT_RE})?\s*"
                   rf"(?:{_UNIT_RE}))?\s*(?P<suffix>以上|以下|以内|左右)?\s*$", re.IGNORECASE)


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
