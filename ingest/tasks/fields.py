"""Responsibility and deadline fields inside a task's text, whatever form the document uses.

A field is a label and its value: `责任单位:…`, `牵头单位：…；配合单位：…`, `完成时限:…`,
"Lead agency: …; Responsible: …; Deadline: …". Labels count only when a colon follows, so
prose that merely mentions 责任单位 is not a field. A value runs to the next label, or to the
bracket that closes the annotation the label opened (`(责任单位:…。完成时限:…)`, `[责任单位:…]`),
or to the end of the line. A bracket with no label but units and a role phrase
(`(省水利厅牵头,省财政厅配合)`) is a field too.

Offsets are absolute (into the document's canonical text), so every unit and deadline
found here can be cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ingest.models import Deadline, Role
from ingest.recognise.deadlines import find_dates
from ingest.recognise.units import (
    ASIDE,
    LEAD_PHRASES,
    PARTICIPANT_PHRASES,
    RESPONSIBLE_PHRASES,
    bracket_depths,
    looks_like_unit,
    parse_units,
)
from ingest.tasks.conventions import LeadRule, apply_lead_rule, rule_cut

FieldKind = Literal["units", "deadline", "other"]  # "other": a label that is no field (牵头领导, 项目责任人)

_UNIT_NOUN = r"(?:单位|部门|处室|科室|机构)"
_EN_BODY = r"(?:agenc(?:y|ies)|units?|departments?|organi[sz]ations?|ministr(?:y|ies)|bod(?:y|ies)|entit(?:y|ies)|part(?:y|ies)|offices?)"
# (label pattern, field kind, role the label gives, whether the label's role beats role phrases).
# Deadline labels that can also head a work schedule (时间安排, Timeline) are "weak": they make a
# task only beside a units field.
_LABELS: list[tuple[str, FieldKind, Role, bool]] = [
    (rf"责任牵头{_UNIT_NOUN}|牵头(?:责任)?{_UNIT_NOUN}?|主办{_UNIT_NOUN}|主责{_UNIT_NOUN}|负责{_UNIT_NOUN}|承担{_UNIT_NOUN}",
     "units", "lead", True),
    (rf"(?:配合|参与|协办|协助|协同|协作|支持|支撑)(?:责任)?{_UNIT_NOUN}|配合|参与|协办", "units", "participant", True),
    (rf"责任(?:{_UNIT_NOUN}|主体)|主体责任{_UNIT_NOUN}|(?:实施|承办|落实|执行){_UNIT_NOUN}|(?:部门|责任|任务)分工",
     "units", "responsible", False),
    # side roles of a target's note ("牵头单位:市发改委;数据提供单位:市统计局"): who reports or checks, no lead
    (rf"(?:数据|信息|统计)(?:提供|报送|填报){_UNIT_NOUN}|(?:督办|督查|监督|考核|技术支撑|技术支持){_UNIT_NOUN}",
     "units", "participant", True),
    (r"完成(?:时限|时间|期限|日期|节点)|时间节点|(?:推进|办理|整改|实施)?时限(?:要求)?|(?:截止|办结)(?:时间|日期|时限)",
     "deadline", "responsible", False),
    (r"时间(?:要求|安排|进度)|进度(?:安排|要求)", "deadline", "responsible", True),
    # people and progress notes beside the units ("牵头领导:王某 责任单位:市公安局 项目责任人:李某"): no units, but
    # where the value before them ends
    (r"(?:牵头|责任|分管|联系)(?:市|区|县)?领导|项目责任人|责任人|联系人|(?:实际)?完成情况|进展情况|工作进展",
     "other", "responsible", True),
    (rf"(?i:lead(?:ing)?(?:\s+{_EN_BODY})?|led\s+by|coordinat(?:ing|or)(?:\s+{_EN_BODY})?)", "units", "lead", True),
    (rf"(?i:(?:supporting|support|participating|cooperating|co-operating|assisting|contributing|partner)(?:\s+{_EN_BODY})?"
     r"|partners)", "units", "participant", True),
    (rf"(?i:responsib(?:le|ility)(?:\s+{_EN_BODY})?|implementing\s+{_EN_BODY}|in\s+charge)", "units", "responsible", False),
    (r"(?i:deadline|due(?:\s+date)?|time\s+limit|completion(?:\s+(?:date|time|deadline))?|target\s+date|by\s+when)",
     "deadline", "responsible", False),
    (r"(?i:time(?:line|frame|\s+frame|scales?)|timing|schedule)", "deadline", "responsible", True),
]
_LABEL_ALTERNATIVES = "|".join(f"(?P<l{i}>{pat})" for i, (pat, _, _, _) in enumerate(_LABELS))
_LABEL_RE = re.compile(r"(?<![A-Za-z])(?:" + _LABEL_ALTERNATIVES + r")\s*[:：]")
# a label set in lenticular brackets, its value after them: "【牵头单位】市数据局【配合单位】市财政局"
_BRACKET_LABEL_RE = re.compile(r"【\s*(?:" + _LABEL_ALTERNATIVES + r")\s*】\s*[:：]?")


def _labels(text: str) -> list[re.Match[str]]:
    """The label matches of a text, both forms, in text order."""
    found = list(_LABEL_RE.finditer(text))
    if "【" in text:
        found += [m for m in _BRACKET_LABEL_RE.finditer(text)
                  if not any(o.start() < m.end() and m.start() < o.end() for o in found)]
        found.sort(key=lambda m: m.start())
    return found
_OPEN, _CLOSE = "([（【〔［〈", ")]）】〕］〉"
_TRIM = " \t\n。.;；,，、"
MAX_ANNOTATION_CHARS = 200


@dataclass(frozen=True)
class Field:
    """One labelled (or bracketed) value: units with a role, or a deadline text. Absolute offsets."""

    kind: FieldKind
    role: Role
    fixed_role: bool  # units: the label's role wins over role phrases; deadline: a weak label
    start: int  # value span
    end: int
    ann_start: int  # span of the whole annotation (label, value, brackets) to keep out of titles
    ann_end: int


def _enclosing(text: str, depth: list[int], pos: int) -> tuple[int, int] | None:
    """The bracket pair around `pos` (open index, close index), or None at depth 0."""
    d = depth[pos]
    if d == 0:
        return None
    open_i = next((i for i in range(pos - 1, -1, -1) if text[i] in _OPEN and depth[i] == d - 1), None)
    close_i = next((i for i in range(pos, len(text)) if text[i] in _CLOSE and depth[i] == d - 1), len(text))
    return (open_i if open_i is not None else 0), close_i


def labelled_fields(text: str, base: int = 0) -> list[Field]:
    """The labelled fields of one line/paragraph `text` that starts at absolute offset `base`."""
    depth = bracket_depths(text)
    found = _labels(text)
    fields: list[Field] = []
    for i, m in enumerate(found):
        index = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
        _, kind, role, fixed = _LABELS[index]
        encl = _enclosing(text, depth, m.start())
        stop = encl[1] if encl else len(text)
        ann_start = encl[0] if encl else m.start()
        if i + 1 < len(found) and found[i + 1].start() < stop:
            stop = found[i + 1].start()
        s, e = m.end(), _sentence_end(text, depth, m.end(), stop)
        while s < e and text[s] in _TRIM:
            s += 1
        while e > s and text[e - 1] in _TRIM:
            e -= 1
        ann_end = (encl[1] + 1 if encl and encl[1] < len(text) else stop)
        if e > s and kind != "other":  # a person's or a progress note's label only ends the value before it
            fields.append(Field(kind, role, fixed, base + s, base + e, base + ann_start, base + ann_end))
    return fields


_EN_ABBREVIATION = re.compile(r"(?:\b(?:Dept|Div|No|St|Co|Inc|Ltd|Corp|Govt|Gov|Min|Natl|Prov|Assn|Admin|Dist|Mt|etc)|"
                              r"\b[A-Z])$")


def _sentence_end(text: str, depth: list[int], start: int, stop: int) -> int:
    """Where a value ends inside text[start:stop]: at its first full stop, so a note that
    follows it ("…按职责分工负责。具体任务均涉及…,下同") is not read as units."""
    level = depth[start] if start < len(depth) else 0
    for i in range(start, stop):
        if depth[i] != level:
            continue
        if text[i] == "。":
            return i if text[start:i].strip() else stop
        if text[i] == "." and (i + 1 == len(text) or text[i + 1].isspace()) and \
                not _EN_ABBREVIATION.search(text[start:i]) and text[start:i].strip():
            return i
    return stop


def dangling_label(text: str) -> Field | None:
    """A label that ends its line with nothing after the colon ("责任单位：" above the list).

    Returned as a field with an empty span; the caller gives it the next paragraph as value.
    """
    found = list(_LABEL_RE.finditer(text))
    if not found or text[found[-1].end():].strip():
        return None
    m = found[-1]
    index = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
    _, kind, role, fixed = _LABELS[index]
    return Field(kind, role, fixed, m.end(), m.end(), m.start(), m.end())


def bracket_fields(text: str, base: int = 0) -> list[Field]:
    """Unlabelled brackets that name units: "(省水利厅牵头,省财政厅、各市政府配合)", or a bare
    list closing the item ("…。(市发展改革委、市财政局)").

    Every piece must read as a unit, and either a role phrase is present or the bracket ends
    the line, so a bracket of prose ("(由县水保中心落实基地建设)") or an aside
    ("(设在县水土保持中心)" mid-sentence) is not taken for a field. Clauses of the bracket
    that are dates or 持续推进 become a deadline field.
    """
    depth = bracket_depths(text)
    fields: list[Field] = []
    for i, ch in enumerate(text):
        if ch not in _OPEN or depth[i] != 0:
            continue
        close = next((j for j in range(i + 1, len(text)) if text[j] in _CLOSE and depth[j] == 0), None)
        if close is None or close - i > MAX_ANNOTATION_CHARS or _LABEL_RE.search(text, i, close):
            continue
        fields.extend(_bracket_content(text, i, close, base))
    return fields


def _bracket_content(text: str, open_i: int, close: int, base: int) -> list[Field]:
    """Fields of one unlabelled bracket, or none when it is not a responsibility annotation.

    Convention clauses ("列第一位者为牵头单位,下同") end the unit list. Every unit must read
    as one, except in a note that ends with its role phrase ("(省司法厅牵头负责,省工商联、广州、
    深圳市政府配合)"): that grammar marks a note, so most of its units reading as units will do.
    """
    inner = text[open_i + 1:open_i + 1 + rule_cut(text[open_i + 1:close])]
    dated = [(m.start(), m.end()) for m in re.finditer(r"[^,，;；。]+", inner) if _is_deadline_clause(m.group(0))]
    chars = list(inner)
    for s, e in dated:
        chars[s:e] = " " * (e - s)
    blanked = "".join(chars)
    units = parse_units(blanked)
    by_note = blanked.startswith("由") and _ROLE_END.search(blanked)  # "（由市住建局牵头，各区政府落实）": a note
    if not units or (ASIDE.match(blanked) and not by_note) or not _reads_as_units([u.name for u in units], blanked):
        return []
    closes_line = not text[close + 1:].strip(" \t。.;；,，")
    if not closes_line and not any(u.role != "responsible" for u in units) and not _GUIDES_END.search(blanked):
        return []  # a bare list mid-sentence is prose; "（某部指导）" after a sentence group is a note
    a0, a1 = base + open_i, base + close + 1
    out = [Field("units", "responsible", False, base + open_i + 1, base + open_i + 1 + len(inner), a0, a1)]
    out.extend(Field("deadline", "responsible", False, base + open_i + 1 + s, base + open_i + 1 + e, a0, a1)
               for s, e in dated)
    return out


_GUIDES_END = re.compile("(?:" + "|".join(RESPONSIBLE_PHRASES) + r")\s*$")
_ROLE_END = re.compile("(?:" + "|".join(LEAD_PHRASES + PARTICIPANT_PHRASES + RESPONSIBLE_PHRASES) + r")\s*[。.]?\s*$")
MAX_LOOSE_UNIT = 16


def _reads_as_units(names: list[str], inner: str) -> bool:
    """Every name reads as a unit; or the note ends with a role phrase and two in three do,
    the rest being short names (a city, 省工商联) rather than prose."""
    good = sum(looks_like_unit(n) for n in names)
    if good == len(names):
        return True
    return bool(_ROLE_END.search(inner)) and 3 * good >= 2 * len(names) and \
        all(len(n) <= MAX_LOOSE_UNIT and not re.search(r"[，,。;；:：]", n) for n in names)


_CLAUSE = re.compile(r"[^，,。；;！!？?]+")
_BY = re.compile(r"由")
# Outside brackets only the words that do nothing but assign: 支持, 实施, 组织 … are verbs of prose too.
_NOTE_END = re.compile(r"(?:牵头|负责|配合)\s*$")
MAX_NOTE_CLAUSE = 60


def clause_fields(text: str, base: int = 0) -> list[Field]:
    """Clauses of running text that are a responsibility note without brackets: "由市邮政管理局负责，
    2024年底前实现…", "…。市农业农村局牵头，市财政局配合。" A clause counts only when it is nothing but
    units and the role phrase that ends it, and every name reads as a unit, so "市农业农村局负责指导…"
    (the verb goes on) or "各地要负责" (no unit) is prose."""
    depth = bracket_depths(text)
    fields: list[Field] = []
    for m in _CLAUSE.finditer(text):
        if depth[m.start()] != 0 or len(m.group(0)) > MAX_NOTE_CLAUSE:
            continue
        by = _BY.search(m.group(0))  # "X由Y牵头": Y leads X; the note starts after 由
        s = m.start() + (by.end() if by else 0)
        clause = text[s:m.end()]
        if not _NOTE_END.search(clause) or ASIDE.match(clause):
            continue
        units = parse_units(clause)
        if units and all(looks_like_unit(u.name) for u in units):
            a, e = base + m.start(), base + m.end()
            fields.append(Field("units", "responsible", False, base + s, e, a, e))
    return fields


def fields_in(text: str, base: int = 0) -> list[Field]:
    """Labelled fields, else responsibility brackets, else note clauses of one block's text."""
    return labelled_fields(text, base) or bracket_fields(text, base) or clause_fields(text, base)


@dataclass
class Draft:
    """A task before its units are normalised across the document (tasks.py finishes it)."""

    number: str
    section: str
    page: int | None
    start: int
    end: int
    title: str
    units: list[tuple[str, Role]]  # (name as written, role), in order
    unit_lists: list[list[str]]  # each field's names in written order, for document-wide normalisation
    deadlines: list[Deadline]


def units_of(text: str, field: Field, rule: LeadRule | None = None,
             beside_lead: bool = False) -> tuple[list[tuple[str, Role]], list[str], list[str]]:
    """Units of a units field as (name, role) pairs, the field's names in order, and its date clauses.

    A responsibility value sometimes ends with the deadline ("县水利局牵头,县财政局配合,2024年底前
    完成"): clauses that are a dated limit or a continuity cue are handed back as deadline text
    and blanked out (same length) before the units are read. Convention clauses end the list;
    the document's lead rule then gives the roles (`conventions.py`). A 责任单位 list beside a
    牵头单位 one (`beside_lead`) names the others: participants.
    """
    value = text[field.start:field.end]
    value = value[:rule_cut(value)]
    dated = [(m.start(), m.end()) for m in re.finditer(r"[^,，;；。]+", value) if _is_deadline_clause(m.group(0))]
    chars = list(value)
    for s, e in dated:
        chars[s:e] = " " * (e - s)
    blanked = "".join(chars)
    if beside_lead and field.role == "responsible":
        mentions = parse_units(blanked, "participant", False)
    else:
        mentions = apply_lead_rule(parse_units(blanked, field.role, field.fixed_role), blanked,
                                   None if field.fixed_role and field.role != "responsible" else rule)
    return [(m.name, m.role) for m in mentions], [m.name for m in mentions], [value[s:e].strip() for s, e in dated]


_ONGOING_CLAUSE = re.compile(r"^\s*(?:持续推进|长期坚持|常态化推进|持续开展|长期|ongoing)\s*$", re.I)


def _is_deadline_clause(clause: str) -> bool:
    """A clause of a responsibility text that is a deadline (2024年底前完成, 持续推进), not a unit."""
    return bool(_ONGOING_CLAUSE.match(clause) or any(d.date and d.limit for d in find_dates(clause)))
