"""Conventions a document states once, in a unit note, for every note that follows ("下同").

Official documents save repeating themselves by saying, usually in the first unit note, how
every later note is to be read:
- 「列第一位者为牵头单位」, 「排在第一位的部门为牵头部门」: the first unit of a note leads;
- 「第一个逗号前为牵头单位」 (分号前…): the units before the note's first comma (semicolon)
  lead, a 、 list naming several;
- 「以下均需各区政府落实，不再列出」: some units implement every later task unnamed.

Such a clause sits inside the note but is not part of its unit list: `rule_cut` says where
the list stops. A lead rule holds from the note that states it to the end of the document
(`LeadRules`). Everything is found by the grammar of the clause, never by the document.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

from ingest.models import Role
from ingest.recognise.units import UnitMention, bracket_depths

LeadRule = Literal["first", "first_comma", "first_semicolon"]

_LEAD_WORD = r"(?:牵头|主责|主办)"
_FIRST = re.compile(
    rf"(?:列|排|居)(?:在|于|名|序)?(?:第一|首)(?:位|个|名)?(?:者|的)?(?:部门|单位)?(?:为|是){_LEAD_WORD}"
    rf"|(?:第一|首)(?:个|位|家)的?(?:部门|单位)?(?:为|是){_LEAD_WORD}"
    rf"|{_LEAD_WORD}(?:单位|部门)(?:列|排)(?:在|于)?(?:第一|首)位")
_BEFORE_SEP = r"(?:第一个?)?(?:{sep})(?:之)?前(?:的)?(?:部门|单位)?(?:为|是)" + _LEAD_WORD
_FIRST_COMMA = re.compile(_BEFORE_SEP.format(sep=r"逗号|“[,，]”|\"[,，]\""))
_FIRST_SEMICOLON = re.compile(_BEFORE_SEP.format(sep=r"分号|“[;；]”|\"[;；]\""))
# Any clause of a note that states a convention rather than naming units.
_RULE_CLAUSE = re.compile(
    rf"{_FIRST.pattern}|{_FIRST_COMMA.pattern}|{_FIRST_SEMICOLON.pattern}|下同"
    r"|不再(?:一一|单独|重复|另行)?列(?:出|明|举)|以下(?:各项)?(?:任务|工作|措施|事项)?(?:均|都)(?:需|须|要|由|应|涉及|包括|包含|含)")
_CLAUSE_SEP = "。;；,，"
# a note that names its units' role as leading and nothing else ("甲部、乙部牵头负责"): every unit named leads
_ALL_LEAD = re.compile(rf"^[^,，;；。]*{_LEAD_WORD}(?:负责|落实|实施)?\s*[。.]?\s*$")
_SEPARATORS: dict[LeadRule, str] = {"first_comma": ",，", "first_semicolon": ";；"}


def rule_cut(value: str) -> int:
    """Where the convention clauses of a note's value begin (len(value) when there are none).

    The cut is at the separator that opens the first such clause, so "A、B负责。列第一位者为
    牵头单位,下同" keeps "A、B负责" and "…;第一个逗号前为牵头单位" keeps the list.
    """
    depth = bracket_depths(value)
    for m in _RULE_CLAUSE.finditer(value):
        if depth[m.start()] != 0:
            continue  # a note inside a name's bracket ("〈含开发区,下同〉") is the name's
        i = m.start()
        while i > 0 and not (value[i - 1] in _CLAUSE_SEP and depth[i - 1] == 0):
            i -= 1
        return max(0, i - 1) if i > 0 else 0
    return len(value)


@dataclass(frozen=True)
class LeadRules:
    """The lead rules a document states, by position, to look up the one in force at a note."""

    starts: list[int]
    kinds: list[LeadRule]

    def at(self, pos: int) -> LeadRule | None:
        """The rule stated last before `pos` (the note stating a rule is under it too)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.kinds[i] if i >= 0 else None


def lead_rules(text: str) -> LeadRules:
    """Every lead rule the document states (one linear scan of its text)."""
    found: list[tuple[int, LeadRule]] = [(m.start(), "first") for m in _FIRST.finditer(text)]
    found += [(m.start(), "first_comma") for m in _FIRST_COMMA.finditer(text)]
    found += [(m.start(), "first_semicolon") for m in _FIRST_SEMICOLON.finditer(text)]
    found.sort()
    return LeadRules([s for s, _ in found], [k for _, k in found])


def apply_lead_rule(mentions: list[UnitMention], value: str, rule: LeadRule | None) -> list[UnitMention]:
    """Roles under a document's lead rule, for a note whose own words make no distinction.

    The leads are the first unit, or every unit before the first comma (semicolon); the others
    are participants, since the document has named who leads. A note that itself says who
    leads and who assists (牵头 / 配合), or that all its units lead ("甲部、乙部牵头负责"), keeps its own roles.
    """
    if rule is None or not mentions or len({m.role for m in mentions}) > 1 or mentions[0].role == "participant" \
            or _ALL_LEAD.search(value):
        return mentions
    if rule == "first":
        leads = {0}
    else:
        depth = bracket_depths(value)
        seps = _SEPARATORS[rule]
        cut = next((i for i, ch in enumerate(value) if ch in seps and depth[i] == 0), len(value))
        leads = {k for k, m in enumerate(mentions) if m.start < cut} or {0}
    out = []
    for k, m in enumerate(mentions):
        role: Role = "lead" if k in leads else "participant"
        out.append(UnitMention(m.name, role, m.start, m.end))
    return out
