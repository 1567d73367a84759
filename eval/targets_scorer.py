"""Target extraction against `eval/gold/targets.jsonl`, matched the way the outside checker matches.

A gold target matches an extracted one with the same value (1e-6 relative), kind and year
(when both have one) whose citation quote overlaps the gold evidence (either holds the
other, or its middle 60%, whitespace-insensitive), or — as the checker also allows — whose
scope holds the gold scope and whose indicator holds the gold indicator's first four
characters. Each extracted target matches at most one gold target.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.gold_io import contains_evidence, load_gold, norm, prf
from index.home import Home


def _matches(g: dict[str, Any], t: dict[str, Any]) -> bool:
    gv = float(g["value"])
    if t.get("value") is None or abs(float(t["value"]) - gv) > 1e-6 * max(1.0, abs(gv)):
        return False
    if g.get("year") and t.get("year") and int(g["year"]) != int(t["year"]):
        return False
    if g.get("kind") and t.get("kind") and g["kind"] != t["kind"]:
        return False
    quote = (t.get("citation") or {}).get("quote") or ""
    if contains_evidence(quote, g["evidence"]) or contains_evidence(g["evidence"], quote):
        return True
    scope, indicator = norm(g.get("scope")), norm(g.get("indicator"))[:4]
    return bool(scope) and scope in norm(t.get("scope")) and indicator in norm(
        t.get("indicator_normalized") or t.get("indicator"))


def score_targets(targets: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, Any]:
    """Recall, precision and F1 of `targets` (CONTRACT Target dicts) against gold records."""
    used: set[int] = set()
    missed: list[str] = []
    for g in gold:
        if g.get("value") is None:
            continue
        hit = next((i for i, t in enumerate(targets) if i not in used and _matches(g, t)), None)
        if hit is None:
            missed.append(f"{g['doc'][:3]} {g['kind']} {g.get('year')} {g['value']} {g['evidence'][:40]!r}")
        else:
            used.add(hit)
    out: dict[str, Any] = {"gold": len(gold), "extracted": len(targets), "matched": len(used)}
    out.update(prf(len(used), len(gold), len(targets)))
    out["missed"] = missed[:20]
    out["unmatched"] = [f"{t.get('source', '')[:3]} {t['kind']} {t.get('year')} {t['value']:g}{t['unit']} "
                        f"{(t.get('citation') or {}).get('quote', '')[:40]!r}"
                        for i, t in enumerate(targets) if i not in used][:40]
    return out


def score(home: Home, gold: Path) -> dict[str, Any]:
    """Figures for `policykb eval`: the home's targets against the gold set."""
    targets = [t.to_dict() for t in home.store.targets()]
    return score_targets(targets, load_gold(gold, "targets.jsonl"))
