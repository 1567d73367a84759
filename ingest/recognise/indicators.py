"""Indicator names: cleaning, the synonym table, and a conservative similarity fallback.

One indicator is written many ways (新增水土流失治理面积 / 新增治理水土流失面积 /
水土流失综合治理面积 / "newly controlled soil erosion area"); a table column can name it
by its definition (the share of slightly eroded land is the 水土保持率). The equivalences are data, in
`data/indicator_synonyms.tsv` (plus the file named by `POLICYKB_INDICATOR_SYNONYMS`), so a
planner can extend them. The fallback merges two names only when they are the same
characters reordered and measure the same kind of thing: an area is never merged with a
rate (面积 vs 率), whatever the words around them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.recognise.places import stamps
from ingest.settings import active, path_text

DATA = Path(__file__).resolve().parents[1] / "data"

_PARENS = re.compile(r"[(（][^()（）]*[)）]")
_KIND_WORDS = re.compile(r"(?:现状值|现状|基准值|基期值|目标值|规划目标|规划值|预期值|实际完成值?|完成值|实际值)$")
_LEAD_WORDS = re.compile(r"^(?:其中[:：]?|全市|全县|全省|全区|全国|全州|全盟|区内|市内|县内|累计|共计|合计|共|总共|新一轮)")
_EN_LEAD = re.compile(r"^(?:(?:the|overall|total|all|our|annual)\s+)+")
_EN_PLACE = re.compile(r"\s+(?:in|of|across|within)\s+the\s+(?:state|city|county|country|nation|region|province|"
                       r"district|united states|uk)$|\s+(?:statewide|nationwide|citywide|nationally)$")
_TOTAL_OF = re.compile(r"(?:每年|年度|全市|全省)*(?:总额|总规模|规模|总量|金额|额度|数量|个数)$")
_TOKEN = re.compile(r"[a-z0-9]+|[^\sa-z0-9]")
_PUNCT = re.compile(r"[\s\"'“”‘’《》〈〉:：,，、;；.。]")
# measure kinds, tested on the end of a name; the first that matches wins
_MEASURES: list[tuple[str, re.Pattern[str]]] = [
    ("rate", re.compile(r"(?:率|比|比例|占比|比重|覆盖度|盖度|度|rate|ratio|share|percentage|coverage)$", re.I)),
    ("area", re.compile(r"(?:面积|area)$", re.I)),
    ("money", re.compile(r"(?:资金|投资|投入|经费|费|funds?|investment)$", re.I)),
    ("length", re.compile(r"(?:长度|里程|length)$", re.I)),
    ("count", re.compile(r"(?:数|数量|个数|次数|number|count)$", re.I)),
]


@dataclass(frozen=True)
class Synonym:
    canonical: str
    role: str  # "measure" | "reference"


def clean_indicator(text: str) -> str:
    """A name stripped for comparison: units and years in brackets, 现状值/目标值 words, lead words."""
    t = unicodedata.normalize("NFKC", text or "")
    prev = None
    while prev != t:
        prev = t
        t = _PARENS.sub("", t)
    if t.isascii():  # English names keep their word breaks
        t = " ".join(re.sub(r"[^\w\s-]", " ", t).lower().split())
        return _EN_PLACE.sub("", _EN_LEAD.sub("", t)).strip()
    t = _PUNCT.sub("", t)
    t = _LEAD_WORDS.sub("", t)
    t = _KIND_WORDS.sub("", t)
    return t


def _key(text: str) -> str:
    return clean_indicator(text).lower()


def _read(path: Path) -> dict[str, Synonym]:
    out: dict[str, Synonym] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        canonical, role = parts[0].strip(), parts[1].strip() or "measure"
        variants = parts[2].split("|") if len(parts) > 2 else []
        entry = Synonym(canonical, role)
        for name in [canonical, *variants]:
            if name.strip():
                out[_key(name)] = entry
    return out


@lru_cache(maxsize=8)
def _table(extra: str | None, _when: tuple[float, ...]) -> dict[str, Synonym]:
    table = _read(DATA / "indicator_synonyms.tsv")
    if extra:
        table.update(_read(Path(extra)))
    return table


def synonyms() -> dict[str, Synonym]:
    """Cleaned name -> its canonical entry: the shipped table plus the user's file (its lines win)."""
    extra = path_text(active().indicator_synonyms)
    return _table(extra, stamps(str(DATA / "indicator_synonyms.tsv"), extra))


def normalize_indicator(text: str) -> str:
    """The canonical name of an indicator (synonym table), else its cleaned form."""
    return _normalize(text, id(synonyms()))


@lru_cache(maxsize=65536)
def _normalize(text: str, _table_id: int) -> str:
    entry = synonyms().get(_key(text))
    return entry.canonical if entry else clean_indicator(text)


def is_reference(text: str) -> bool:
    """A denominator such as a region's total area: data for checks, not a plan indicator."""
    entry = synonyms().get(_key(text))
    return entry is not None and entry.role == "reference"


def measure_kind(text: str) -> str:
    """What a name measures, from how it ends: rate, area, money, length, count or other."""
    t = clean_indicator(text)
    for kind, pattern in _MEASURES:
        if pattern.search(t):
            return kind
    return "other"


def same_indicator(a: str, b: str) -> bool:
    """Conservative: equal canonical names, or the same characters reordered measuring the same kind.

    新增治理水土流失面积 ~ 新增水土流失治理面积 (reordered); 水土流失面积 !~ 水土流失率 (area vs rate)."""
    na, nb = normalize_indicator(a), normalize_indicator(b)
    if na == nb:
        return bool(na)
    if measure_kind(na) != measure_kind(nb) or len(na) < 4:
        return False
    return sorted(na) == sorted(nb)


def _tokens(name: str) -> list[str]:
    """Latin words and single Chinese characters: the units an indicator name is compared by."""
    return _TOKEN.findall(name.lower())


def _in_order(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(tok in it for tok in short)


def _head(tokens: list[str]) -> list[str]:
    """The head noun a name ends with: its last word, or its last two characters."""
    return tokens[-1:] if tokens[-1].isascii() else tokens[-2:]


def _form_matches(q: str, n: str) -> bool:
    if not q or not n:
        return False
    n = _TOTAL_OF.sub("", n) or n  # 算力券每年总额 is the amount of 算力券
    if q == n:
        return True
    qt, nt = _tokens(q), _tokens(n)
    if not qt or not nt or _head(qt) != nt[-len(_head(qt)):]:
        return False
    return q in n or _in_order(qt, nt)


def indicator_matches(query: str, name: str) -> bool:
    """Whether a planner asking for `query` means the indicator `name`, however a document words it.

    Equal canonical names (GDP增长 = 地区生产总值增长, through the synonym table), or the query's words
    in order ending in the same head noun: "养老服务中心" is "区级养老服务中心" and "社区综合养老服务中心",
    "greenhouse gas emissions" is "municipal greenhouse gas emissions"; "养老服务中心" is not
    "养老服务中心面积" (an area, not a count of centres), 地区生产总值增长 is not 地区生产总值."""
    q_forms = {normalize_indicator(query).lower(), clean_indicator(query).lower()}
    n_forms = {normalize_indicator(name).lower(), clean_indicator(name).lower()}
    return any(_form_matches(q, n) for q in q_forms for n in n_forms)
