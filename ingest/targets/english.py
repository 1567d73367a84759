"""English target sentences: "reduce soil erosion by 30% by 2030", "forest cover will reach 45% by 2025".

English policy text states targets with a verb of change and a deadline year. A figure
counts when its sentence has both a target verb and a year (or, in a plan, either), so
descriptive figures in papers ("a catchment area of 50 square kilometers") are left alone.
"""

from __future__ import annotations

import re

from ingest.models import TargetKind
from ingest.recognise.quantities import find_quantities
from ingest.targets.context import DocContext
from ingest.targets.found import Found

_YEAR = re.compile(r"\b(?:by|before|until|till|in)\s+(?:the\s+end\s+of\s+)?((?:19|20)\d{2})\b", re.I)
_VERB = re.compile(r"\b(reduce|cut|lower|decrease|increase|raise|expand|reach|achieve|restore|plant|treat|control|"
                   r"improve|target|goal)\w*", re.I)
_CHANGE = re.compile(r"\b(reduc\w*|cut\w*|lower\w*|decreas\w*|increas\w*|rais\w*|expand\w*|improv\w*)\s+(?:the\s+)?"
                     r"(?P<obj>[a-z][a-z\s\-]{1,60}?)\s+(?:by|to)\s*$", re.I)
_STATE = re.compile(r"(?:^|[,;:]\s*|\bthat\s+)(?:the\s+)?(?P<subj>[a-z][a-z\s\-]{1,60}?)\s+(?:will|shall|should|is to|"
                    r"are to|must)?\s*(?:reach|achieve|exceed|be|rise to|increase to|fall to|be reduced to)\s*"
                    r"(?:at least|more than|over|no less than)?\s*$", re.I)
_OBJECT_AFTER = re.compile(r"^\s*(?:of\s+)?(?P<obj>(?:[a-z\-]+\s?){1,6})", re.I)


def _indicator(pre: str, post: str) -> str:
    m = _CHANGE.search(pre)
    if m:
        return f"{m.group(1).lower()} {m.group('obj').strip()}"
    m = _STATE.search(pre)
    if m:
        return m.group("subj").strip()
    m = _OBJECT_AFTER.match(post)
    words = pre.strip().split()[-6:]
    if m and not words:
        return m.group("obj").strip()
    return " ".join(words) or (m.group("obj").strip() if m else "")


def english_targets(text: str, start: int, end: int, section: str, table: str | None, ctx: DocContext,
                    spans: list[tuple[int, int]], forced: tuple[TargetKind, int | None] | None = None) -> list[Found]:
    """Targets of the English sentences `spans` inside text[start:end]."""
    out: list[Found] = []
    for s0, s1 in spans:
        sentence = text[s0:s1]
        year_m = _YEAR.search(sentence)
        verb = _VERB.search(sentence)
        if not (year_m and verb) and not (ctx.is_plan and (year_m or verb)):
            continue
        for q in find_quantities(text, s0, s1):
            if year_m and s0 + year_m.start(1) <= q.start < s0 + year_m.end(1):
                continue
            ind = _indicator(text[s0:q.start], text[q.end:s1])
            year = int(year_m.group(1)) if year_m else ctx.end_year
            out.append(Found(ind, ctx.scope, q.value, q.unit, q.comparator, year, "target", s0, s1, section, table))
    return out
