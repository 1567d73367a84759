"""Cross-check findings against `eval/gold/crosscheck.jsonl`, matched the way the outside checker matches.

A gold record is found when one finding's values cite both of its evidence spans (a quote
holds the evidence, or its middle 60%, or the evidence holds the quote; whitespace-insensitive).
Recall is measured on the `core` records (what a target and naming cross-check must find),
stretch recall on the other inconsistencies; a finding on a consistent record is a false
positive. Precision here is 1 - (findings matching a consistent record) / (findings): the
gold cannot judge findings it has no record for, so the closing note checks those by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.gold_io import contains_evidence, load_gold
from index.home import Home


def matched(gold: dict[str, Any], findings: list[dict[str, Any]]) -> list[int]:
    """Indexes of the findings whose quotes cover both evidence spans of `gold`."""
    evs = [x.get("evidence") for x in (gold.get("a"), gold.get("b")) if x and x.get("evidence")]
    out: list[int] = []
    for i, f in enumerate(findings):
        quotes = [(v.get("citation") or {}).get("quote") or "" for v in f.get("values") or []]
        if all(any(contains_evidence(q, e) or contains_evidence(e, q) for q in quotes if q) for e in evs):
            out.append(i)
    return out


def score_findings(findings: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, Any]:
    """Core recall, stretch recall, findings on consistent records and the precision they imply."""
    core = [g for g in gold if g.get("core", not g.get("consistent"))]
    stretch = [g for g in gold if not g.get("consistent") and g not in core]
    negative = [g for g in gold if g.get("consistent")]
    false_findings = sorted({i for g in negative for i in matched(g, findings)})
    found_core = [g["id"] for g in core if matched(g, findings)]
    found_stretch = [g["id"] for g in stretch if matched(g, findings)]
    n = len(findings)
    return {
        "core": len(core), "found": n,
        "recall": round(len(found_core) / len(core), 3) if core else None,
        "stretch_recall": round(len(found_stretch) / len(stretch), 3) if stretch else None,
        "false_on_consistent": len([g for g in negative if matched(g, findings)]),
        "precision": round(1 - len(false_findings) / n, 3) if n else 1.0,
        "missed_core": [g["id"] for g in core if g["id"] not in found_core],
        "found_stretch": found_stretch,
    }


def score(home: Home, gold: Path) -> dict[str, Any]:
    """Figures for `policykb eval`: the home's findings against the gold set."""
    from api.crosscheck.checks import find_findings

    return score_findings(find_findings(home.store), load_gold(gold, "crosscheck.jsonl"))
