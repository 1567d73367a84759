"""Value checks: the same indicator, place, year and kind given different values (`conflict`),
and an achieved figure short of its planned target (`unmet`).

Indicators are compared by canonical name (synonym table) and the conservative fallback of
`ingest.recognise.indicators.same_indicator`; places by `scope_key` (甲县 = 甲区, 全市 = the
document's city); values in base units (万km2 -> km2) with an explicit rounding tolerance:
two figures agree when each lies within half a unit of the other's last written digit
(42.48 and 42.5 agree; 3.2万 and 32612.5 km2 do not). Bounds agree with the figures that
satisfy them (>500 and "500以上" agree). Two values of one paragraph or table row are never
a conflict (they are parts of a list, not two statements of one figure), and free-text
indicators read from prose are compared only with a table's figure or a known indicator.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from api.crosscheck.base import DocText, Finding, base_value, fmt, line_span, target_value
from ingest.models import Target
from ingest.recognise.indicators import measure_kind, normalize_indicator, synonyms

_LOWER_IS_BETTER = re.compile(r"流失率|流失面积|侵蚀|污染|排放|能耗|损失|事故|死亡|发生率|loss|erosion|emission|pollution",
                              re.IGNORECASE)
_HIGHER_WORDS = re.compile(r"治理|防治|整治|保持|控制|减少|reduc|control", re.IGNORECASE)
Key = tuple[str, str, int | None, str, str]


def canonical_names(targets: Iterable[Target]) -> dict[str, str]:
    """Indicator as written -> one canonical name, merging names `same_indicator` says are the same.

    Its fallback (same characters reordered, same kind of measure) is an equivalence, so names
    are bucketed by that signature in one pass instead of compared pairwise."""
    canon: dict[str, str] = {}
    first: dict[tuple[str, str], str] = {}
    for name in sorted({t.indicator for t in targets}):
        norm = normalize_indicator(name)
        key = (measure_kind(norm), "".join(sorted(norm))) if len(norm) >= 4 else ("", norm)
        canon[name] = first.setdefault(key, norm)
    return canon


def _key(t: Target, canon: dict[str, str]) -> Key:
    _, unit, _ = base_value(t)
    return canon[t.indicator], t.scope_normalized or t.scope, t.year, t.kind, unit


def agree(a: Target, b: Target) -> bool:
    """Whether two statements of one figure are consistent (rounding and bounds allowed)."""
    va, _, ta = base_value(a)
    vb, _, tb = base_value(b)
    tol = max(ta, tb) + 1e-9
    if a.comparator == "=" and b.comparator == "=":
        return abs(va - vb) <= tol
    if a.comparator != "=" and b.comparator != "=":
        return a.comparator[0] == b.comparator[0] or abs(va - vb) <= tol
    bound, point = (a, b) if a.comparator != "=" else (b, a)
    return satisfies(base_value(point)[0], bound.comparator, base_value(bound)[0], tol)


def satisfies(value: float, comparator: str, limit: float, tol: float = 1e-9) -> bool:
    """`value` meets `comparator limit`, giving the benefit of rounding (`tol`)."""
    return {">=": value >= limit - tol, ">": value > limit - tol, "<=": value <= limit + tol,
            "<": value < limit + tol, "=": abs(value - limit) <= tol,
            "~": abs(value - limit) <= max(tol, 0.05 * abs(limit))}[comparator]  # about: within 5%


def _clusters(members: list[Target]) -> list[list[Target]]:
    """Groups of mutually consistent statements (single linkage on `agree`)."""
    clusters: list[list[Target]] = []
    for t in members:
        joined = [c for c in clusters if any(agree(t, o) for o in c)]
        merged = [t] + [x for c in joined for x in c]
        clusters = [c for c in clusters if c not in joined] + [merged]
    return clusters


def _comparable(members: list[Target], canon_name: str, known: set[str]) -> bool:
    """Prose-only statements are compared when the indicator is a known one (synonym table)."""
    return canon_name in known or any(t.table for t in members)


def _separate(a: Target, b: Target, texts: dict[str, str]) -> bool:
    """Two statements from different paragraphs / table rows (or different documents)."""
    if a.doc_id != b.doc_id:
        return True
    text = texts.get(a.doc_id)
    if text is None:
        return (a.citation.start, a.citation.end) != (b.citation.start, b.citation.end)
    sa, sb = line_span(text, a.citation.start, a.citation.end), line_span(text, b.citation.start, b.citation.end)
    return sa[1] < sb[0] or sb[1] < sa[0]


def conflicts(targets: list[Target], docs: dict[str, DocText]) -> list[Finding]:
    """One finding per indicator/place/year/kind whose statements fall into more than one cluster."""
    canon = canonical_names(targets)
    groups: dict[Key, list[Target]] = defaultdict(list)
    for t in targets:
        groups[_key(t, canon)].append(t)
    texts = {d: doc.text for d, doc in docs.items()}
    known = {s.canonical for s in synonyms().values()}
    out: list[Finding] = []
    for (name, _scope, year, kind, _unit), members in groups.items():
        if len(members) < 2 or not _comparable(members, name, known):
            continue
        clusters = _clusters(members)
        if len(clusters) < 2:
            continue
        if not any(_separate(a, b, texts) for i, c in enumerate(clusters) for a in c
                   for d in clusters[i + 1:] for b in d):
            continue
        shown = sorted((t for c in clusters for t in c), key=lambda t: (t.doc_id, t.citation.start))
        spread = ", ".join(sorted({fmt(t.value, t.unit) for t in shown}))
        out.append(Finding("conflict", name, members[0].scope, f"{name} ({kind}, {year}) for "
                           f"{members[0].scope} is stated as {spread}: the values differ beyond rounding",
                           [target_value(t) for t in shown]))
    return out


def lower_is_better(indicator: str) -> bool:
    """Loss and pollution measures improve downwards; work done (治理, 保持) upwards."""
    return bool(_LOWER_IS_BETTER.search(indicator)) and not _HIGHER_WORDS.search(indicator)


def unmet(targets: list[Target]) -> list[Finding]:
    """Achieved figures that miss the planned target for the same indicator, place and year."""
    canon = canonical_names(targets)
    plans: dict[tuple[str, str, int | None, str], list[Target]] = defaultdict(list)
    done: dict[tuple[str, str, int | None, str], list[Target]] = defaultdict(list)
    for t in targets:
        name, scope, year, kind, unit = _key(t, canon)
        if kind == "target":
            plans[(name, scope, year, unit)].append(t)
        elif kind == "achieved":
            done[(name, scope, year, unit)].append(t)
    out: list[Finding] = []
    for key, achieved in done.items():
        for plan in plans.get(key, []):
            for a in achieved:
                if _met(a, plan, key[0]):
                    continue
                out.append(Finding("unmet", key[0], plan.scope,
                                   f"achieved {fmt(a.value, a.unit)} against a planned {plan.comparator}"
                                   f"{fmt(plan.value, plan.unit)} ({key[2]})", [target_value(plan), target_value(a)]))
    return out


def _met(achieved: Target, plan: Target, name: str) -> bool:
    va, _, ta = base_value(achieved)
    vp, _, tp = base_value(plan)
    cmp = plan.comparator
    if cmp == "=":
        cmp = "<=" if lower_is_better(name) else ">="
    return satisfies(va, cmp, vp, max(ta, tp))
