"""Responsible units: split a responsibility text into units with roles, and normalise their names.

Splitting. A responsibility text ("水土局、规计局按职责分工负责,监测站技术牵头,长科院、设计院参与")
is cut into groups at role phrases (牵头 / 负责 / 组织协调 / 承担 / 参与 / 配合 …, recognised only
where a separator or the end follows, so 组织部 stays a unit), and each group into units on
、,，;；/ and on 和 / 及 / 与 / 以及 where both sides read as units ("住房和城乡建设局" stays whole).
Brackets are never split inside ("各省(市、区)水利厅") and stay part of the name as written
("市委组织部(人才办)": one body under two names); a bracket that holds a role marks the unit
before it ("省水利厅(牵头)"), and a scope note is dropped ("各区人民政府〈含开发区,下同〉").
"各区、县(市)政府" is one unit: 各 distributes over the levels listed. Generic tails
("等有关部门和单位") are not units. English lists split on , ; and "and" before a new
organisation ("the Ministry of Finance and the provincial governments").

Roles: the label of the field decides (牵头单位 -> lead, 配合单位 -> participant); under a plain
责任单位 the role phrases decide and a bare list is `responsible`. Where a field marks some
units as leads and leaves others bare, the bare ones are the participants.

Normalisation (alias table and document-wide rules) lives in `unit_names.py`; its public
functions are re-exported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.models import Role
from ingest.recognise.unit_names import (  # re-exported: the public face of unit handling
    AliasTable,
    alias_table,
    is_cjk_text,
    known_unit_names,
    normalize_names,
    read_alias_file,
)

__all__ = ["ASIDE", "RESPONSIBLE_PHRASES", "ROLE_RE", "AliasTable", "UnitMention", "alias_table", "known_unit_names",
           "looks_like_unit", "normalize_names", "parse_units", "read_alias_file", "role_class"]

# Role phrases, longest first so 按职责分工负责 wins over 负责.
_DUTY = r"(?:(?:按照?|依据?|根据|依照)?(?:各自)?职责(?:分工)?|分工)"
LEAD_PHRASES = (
    rf"{_DUTY}(?:牵头)?负责(?:落实|实施|推进)?", r"负责(?:落实|实施|推进|组织实施)", r"(?:抓好|组织|具体)落实",
    r"牵头负责", r"共同负责", r"分别负责", r"具体负责", r"技术牵头", r"牵头组织", r"牵头落实", r"牵头实施",
    r"牵头督导", r"牵头推进", r"牵头协调", r"牵头抓总", r"(?:负责|牵头|统筹)指导",
    r"组织协调", r"组织实施", r"具体实施", r"分别承担", r"具体承担", r"统筹协调",
    r"牵头", r"负责", r"组织", r"协调", r"承担", r"主办", r"主责", r"统筹", r"实施",
)
# who guides the work without leading it: a ministry's note on a pilot city's work 「（某部指导，试点县政府负责落实）」
RESPONSIBLE_PHRASES = (r"业务指导", r"指导", r"落实")  # "（由某局牵头，各区政府落实）": who carries it out
PARTICIPANT_PHRASES = (
    rf"{_DUTY}配合", r"配合(?:做好|落实|推进)", r"共同参与", r"积极配合", r"配合实施", r"参与实施", r"协助配合",
    r"参与", r"配合", r"协助", r"协办", r"参加", r"协同", r"支持",
)
_BOUNDARY = r"(?=$|[、,，;；。.:：\s)）\]】]|以及|和|及|与)"
ROLE_RE = re.compile(
    "(?P<phrase>" + "|".join(sorted(LEAD_PHRASES + PARTICIPANT_PHRASES + RESPONSIBLE_PHRASES, key=len, reverse=True))
    + ")" + _BOUNDARY)
_LEAD_RE = re.compile("^(?:" + "|".join(LEAD_PHRASES) + ")$")
_RESPONSIBLE_RE = re.compile("^(?:" + "|".join(RESPONSIBLE_PHRASES) + ")$")
_EN_ROLE = re.compile(
    r"\((?P<b>lead(?:ing)?|in charge|co-?lead|support(?:ing)?|participat(?:ing|e)|assist(?:ing)?|cooperat(?:ing|e))\)"
    r"|\b(?P<after>leads|to lead|in the lead|in charge|supports|assists|participates?|cooperates)\b"
    r"|\b(?P<before>with (?:the )?support (?:of|from)|supported by|assisted by|in cooperation with|together with)\s",
    re.I)

# What a Chinese unit name ends with; decides whether 和/及/与 separate two units.
UNIT_SUFFIX = re.compile(
    r"(?:局|委|办|厅|部|院|所|站|中心|政府|公司|集团|队|会|处|室|科|馆|社|[银分支人总央]行|校|大学|组|班|街道|乡|镇|村|"
    r"单位|部门|机构|司|署|庭|团|台|场|园|区|县|市|省|州|盟|旗|联|协|团中央)$")
_SEP = "、,，;；/／"
_OPEN, _CLOSE = "([（【〔［〈", ")]）】〕］〉"
_CONJ = re.compile(r"以及|和|及|与|会同")
_EN_AND = re.compile(r"\s+(?:and|&)\s+", re.I)
# "and" separates two units when the left one ends like an organisation or the right one starts like one.
_EN_ORG_END = re.compile(
    r"\b(?i:governments?|bureaus?|departments?|agenc(?:y|ies)|ministr(?:y|ies)|commissions?|offices?|"
    r"authorit(?:y|ies)|councils?|committees?|cent(?:er|re)s?|institutes?|administrations?|companies|company|"
    r"corporations?|associations?|teams?|stations?|units?|bodies|groups?)$|\b[A-Z]{2,}$")
_EN_ORG_START = re.compile(
    r"^(?i:the|all|each|relevant|local|provincial|municipal|county|city|state|national|township|village|"
    r"district|ministry|department|bureau|office|agency|commission|administration|authority|council|"
    r"committee|center|centre|institute)\b|^[A-Z]{2,}\b")
_LEADING_NOISE = re.compile(r"^(?:由|请|并|及|和|以及|与|会同|其中|另外?|均|各自)+")
_GENERIC = r"(?:单位|部门|机构)"
_TRAILING_NOISE = re.compile(
    rf"(?:等(?:国务院|(?:省|市|县|区|乡镇?)(?:级|直))?(?:有关|相关|其他)?(?:{_GENERIC}(?:(?:和|及|与){_GENERIC})?)?|分别|共同|具体|"
    rf"按职责|依职责|为)+$")  # "市国资委等市级有关部门", "税务总局等国务院相关部门": the body named
# The right side of 和/及 that is only a generic noun ("各有关部门和单位") or a body with no
# place of its own ("各县(市、区)党委和政府") continues the name.
_BARE_GENERIC = re.compile(rf"{_GENERIC}(?=$|[，,；;。\s)）])")
_GENERIC_ONLY = re.compile(rf"^(?:(?:有关|相关|其他)?{_GENERIC}|(?:人民)?政府|党委|管委会)(?=$|[、,，;；\s])")
# "各区、县(市)政府", "各省、自治区、直辖市人民政府": 各 distributes over a list of administrative levels.
_LEVEL = r"(?:自治区|直辖市|自治州|自治县|县级市|省|市|县|区|州|盟|旗|乡|镇|街道)"
_LEVEL_HEAD = re.compile(rf"^各(?:有关|相关)?{_LEVEL}$")
_LEVEL_MID = re.compile(rf"^{_LEVEL}(?:[(（〔][^()（）〔〕]*[)）〕])?$")
_LEVEL_TAIL = re.compile(rf"^{_LEVEL}(?:[(（〔][^()（）〔〕]*[)）〕])?(?:人民)?(?:政府|党委|管委会)"
                         rf"(?:[(（〔][^()（）〔〕]*[)）〕])?$")  # 区人民政府(管委会): one body under two names
# A closing note that scopes the name, not part of it: "各区人民政府〈含开发区管委会,下同〉".
_SCOPE_NOTE = re.compile(r"[(（〈〔]\s*(?:含|包括|不含|下同)[^()（）〈〉〔〕]*[)）〉〕]$|[(（〈〔][^()（）〈〉〔〕]*下同[)）〉〕]$")
_EN_LEADING_NOISE = re.compile(r"^(?:and|&|with|by|the\s+lead\s+of|led\s+by)\s+", re.I)
# Words that open an aside, not a unit: "(设在县水利局)", "(含开发区管委会)".
ASIDE = re.compile(r"^\s*(?:含|包括|简称|以下|如|即|详见|见|设在|下设|位于|由|依托|其中|例如|不含|除)")
_HAS_WORD = re.compile(r"[A-Za-z\u3400-\u9fff]")
MAX_UNIT_CHARS = 40


@dataclass(frozen=True)
class UnitMention:
    """A unit as written in a responsibility text, with its role and span in that text."""

    name: str
    role: Role
    start: int
    end: int


def role_class(phrase: str) -> Role:
    """牵头/负责/组织协调/承担/按职责分工负责 … -> lead; 指导 -> responsible; 参与/配合/协助 … -> participant."""
    return "lead" if _LEAD_RE.match(phrase) else "responsible" if _RESPONSIBLE_RE.match(phrase) else "participant"


def bracket_depths(text: str) -> list[int]:
    """Bracket depth at each character, so separators inside brackets are not split on."""
    depth, out = 0, []
    for ch in text:
        if ch in _CLOSE:
            depth = max(0, depth - 1)
        out.append(depth)
        if ch in _OPEN:
            depth += 1
    return out


def _split_pieces(text: str, start: int, end: int, depth: list[int]) -> list[tuple[int, int]]:
    """Spans of the list items in text[start:end]: split on separators and on conjunctions."""
    cuts: list[tuple[int, int]] = []
    for i in range(start, end):
        if text[i] in _SEP and depth[i] == 0 and not (text[i] == "、" and _BARE_GENERIC.match(text, i + 1, end)):
            cuts.append((i, i + 1))  # "市直有关部门、单位": one group, not a unit named 单位
    if is_cjk_text(text[start:end]):
        cuts.extend(_conjunction_cuts(text, start, end, depth))
    else:
        for m in _EN_AND.finditer(text, start, end):
            left, right = text[start:m.start()].rstrip(), text[m.end():end]
            if depth[m.start()] == 0 and (_EN_ORG_END.search(left) or _EN_ORG_START.match(right)):
                cuts.append((m.start(), m.end()))
    cuts.sort()
    spans, pos = [], start
    for s, e in cuts:
        if s >= pos:
            spans.append((pos, s))
            pos = e
    spans.append((pos, end))
    return _join_levels(text, spans)


def _conjunction_cuts(text: str, start: int, end: int, depth: list[int]) -> list[tuple[int, int]]:
    """和/及/与 separate two units when the left reads as a unit (a trailing 等 aside: "总工会等和各省
    人民政府") and the right is more than a generic noun ("各有关部门和单位" is one group)."""
    cuts = []
    for m in _CONJ.finditer(text, start, end):
        left = text[start:m.start()].rstrip().removesuffix("等")
        right = text[m.end():end].lstrip()
        if depth[m.start()] == 0 and UNIT_SUFFIX.search(_strip_brackets(left)) and right \
                and not _GENERIC_ONLY.match(right) and not right.startswith("其"):  # "县政府及其有关部门": one body
            cuts.append((m.start(), m.end()))
    return cuts


def _join_levels(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"各区、县(市)政府" is one unit: a 各 + level piece, level-only pieces, then level + 政府 (or no 政府:
    "各区、县级市")."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        j = i
        if _LEVEL_HEAD.match(text[spans[i][0]:spans[i][1]].strip()):
            j = i + 1
            while j < len(spans) and _LEVEL_MID.match(text[spans[j][0]:spans[j][1]].strip()):
                j += 1
            if j >= len(spans) or not _LEVEL_TAIL.match(text[spans[j][0]:spans[j][1]].strip()):
                j = j - 1 if j - 1 > i else i  # "各区、县级市": the places (their governments) as one group
        out.append((spans[i][0], spans[j][1]))
        i = j + 1
    return out


def _strip_brackets(text: str) -> str:
    """The name without a closing bracket, so 各县(市、区) is judged by 各县."""
    return re.sub(r"[(（【〔\[][^()（）【】〔〕\[\]]*[)）】〕\]]$", "", text)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Span of a unit name inside text[s:e] without separators, connectives and 等."""
    while s < e and (text[s].isspace() or text[s] in _SEP + "。.:："):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _SEP + "。.:："):
        e -= 1
    piece = text[s:e]
    lead = _LEADING_NOISE.match(piece) or _EN_LEADING_NOISE.match(piece)
    if lead and lead.end() < len(piece):
        s += lead.end()
    piece = text[s:e]
    trail = _TRAILING_NOISE.search(piece)
    if trail and trail.start() > 0:
        e = s + trail.start()
    return s, e


def _bracket_role(text: str, s: int, e: int) -> tuple[int, Role | None]:
    """A trailing bracket that only holds a role ("省水利厅(牵头)"): the end before it and the role."""
    m = re.search(r"[(（【〔\[]\s*([^()（）【】〔〕\[\]]{1,12})\s*[)）】〕\]]\s*$", text[s:e])
    if not m:
        return e, None
    inner = m.group(1).strip()
    if ROLE_RE.fullmatch(inner):
        return s + m.start(), role_class(inner)
    en = _EN_ROLE.fullmatch(f"({inner})")
    if en and en.group("b"):
        return s + m.start(), _en_role_class(en.group("b"))
    return e, None


def _en_role_class(word: str) -> Role:
    """English role words: lead / in charge -> lead, everything else (support, assist) -> participant."""
    return "lead" if re.match(r"(?i)lead|in charge|co-?lead|leads|to lead|in the lead", word) else "participant"


def _mentions_in_group(text: str, s: int, e: int, role: Role | None, depth: list[int]) -> list[tuple[int, int, Role | None]]:
    """Units of one role group: (start, end, role or None for "not marked")."""
    out: list[tuple[int, int, Role | None]] = []
    for ps, pe in _split_pieces(text, s, e, depth):
        ps, pe = _trim(text, ps, pe)
        if pe <= ps:
            continue
        pe_name, bracket_role = _bracket_role(text, ps, pe)
        ps2, pe2 = _trim(text, ps, pe_name)
        note = _SCOPE_NOTE.search(text, ps2, pe2)
        if note and note.start() > ps2:
            ps2, pe2 = _trim(text, ps2, note.start())
        name = text[ps2:pe2]
        limit = MAX_UNIT_CHARS if is_cjk_text(name) else 3 * MAX_UNIT_CHARS
        if not _HAS_WORD.search(name) or len(name) > limit or ROLE_RE.fullmatch(name):
            continue
        out.append((ps2, pe2, bracket_role or role))
    return out


def _role_groups(text: str) -> list[tuple[int, int, Role | None]]:
    """Cut the text at role phrases: (start, end, role) of each group, role None after the last."""
    groups: list[tuple[int, int, Role | None]] = []
    phrases: list[str] = []
    pos = 0
    depth = bracket_depths(text)
    for m in ROLE_RE.finditer(text):
        if depth[m.start()] > 0 or not _HAS_WORD.search(text[pos:m.start()]):
            continue
        groups.append((pos, m.start(), role_class(m.group("phrase"))))
        phrases.append(m.group("phrase"))
        pos = m.end()
    groups.append((pos, len(text), None))
    # "A牵头，B、C按职责分工负责": the lead is named first; B and C answer for their parts. A duty named
    # before the lead ("A负责，B牵头") or beside a "技术牵头" (the technical side only) keeps its lead.
    first_lead = next((i for i, p in enumerate(phrases) if p.startswith("牵头")), len(phrases))
    return [(s, e, "responsible" if i > first_lead and r == "lead" and "牵头" not in phrases[i] else r)
            for i, (s, e, r) in enumerate(groups)]


def _en_role_groups(text: str) -> list[tuple[int, int, Role | None]]:
    """English groups: "X leads, with support from Y and Z" -> (X, lead), (Y and Z, participant)."""
    groups: list[tuple[int, int, Role | None]] = []
    pos = 0
    pending: Role | None = None
    for m in _EN_ROLE.finditer(text):
        if m.group("b"):
            continue  # bracket roles are read per unit
        if m.group("after"):
            groups.append((pos, m.start(), _en_role_class(m.group("after"))))
        else:
            groups.append((pos, m.start(), pending))
            pending = "participant"
        pos = m.end()
    groups.append((pos, len(text), pending))
    return groups


def parse_units(text: str, default_role: Role = "responsible", fixed_role: bool = False) -> list[UnitMention]:
    """Units named in a responsibility text, in order, each with its role and span in `text`.

    `default_role` is what the field's label says (责任单位 -> responsible, 牵头单位 -> lead);
    with `fixed_role` the label wins over any role phrase inside (a 配合单位 field stays
    participant). Never raises; every span lies inside `text`.
    """
    depth = bracket_depths(text)
    groups = _role_groups(text) if is_cjk_text(text) else _en_role_groups(text)
    raw: list[tuple[int, int, Role | None]] = []
    for s, e, role in groups:
        raw.extend(_mentions_in_group(text, s, e, role, depth))
    if fixed_role:
        return [UnitMention(text[s:e], default_role, s, e) for s, e, _ in raw]
    has_lead = any(r == "lead" for _, _, r in raw)
    bare: Role = "participant" if has_lead and default_role == "responsible" else default_role
    return [UnitMention(text[s:e], r or bare, s, e) for s, e, r in raw]


# the name of a role, not of a body: "由牵头单位发挥统筹协调作用，协同单位积极配合"
_ROLE_WORD = re.compile(r"(?:牵头|责任|协同|配合|参与|协办|主办|承办|成员|支撑|配套)(?:单位|部门)")


# words of a clause, not of a name: "并依此对自己在竞价活动中的行为负责" is no body called "…的行"
_CLAUSE_WORDS = re.compile(r"自己|依此|依据|根据|按照|对其|的行$")


def looks_like_unit(name: str) -> bool:
    """A Chinese name ending like an organisation (局, 委, 中心, 政府 …), or a capitalised English one."""
    n = name.strip()
    if re.search(r"[。；;！？!?]", n):
        return False  # sentences ("…协调不了。无任务经费。…试行"), not a name
    if is_cjk_text(n):
        return bool(UNIT_SUFFIX.search(_strip_brackets(n))) and len(n) <= MAX_UNIT_CHARS and not _ROLE_WORD.fullmatch(n) \
            and not _CLAUSE_WORDS.search(n)
    return bool(re.match(r"^(?:the\s+)?[A-Z]", n)) and len(n) <= 80
