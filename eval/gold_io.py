"""Loading gold sets and the matching helpers every scorer shares."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from index.store import Store

DEFAULT_GOLD = Path(__file__).resolve().parent / "gold"


def load_gold(gold: Path, name: str) -> list[dict[str, Any]]:
    path = gold / name
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def norm(s: str | None) -> str:
    """NFKC with all whitespace removed: gold evidence keeps PDF line breaks, our text may not."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def contains_evidence(hay: str, evidence: str) -> bool:
    """True when `hay` holds the evidence, or at least its middle 60%."""
    h, e = norm(hay), norm(evidence)
    if not e:
        return False
    if e in h:
        return True
    cut = max(1, len(e) // 5)
    mid = e[cut:len(e) - cut]
    return len(mid) >= 6 and mid in h


def doc_ids_by_source(store: Store) -> dict[str, str]:
    return {d["source"]: d["doc_id"] for d in store.documents()}


def unit_key(name: str) -> str:
    """Comparison key: no whitespace, lower case, no leading "the"."""
    n = norm(name).lower()
    return n[3:] if n.startswith("the") else n


def unit_set(names: Iterable[str]) -> list[str]:
    """Comparable keys; "A|B" keeps the spellings of one unit together."""
    out: list[str] = []
    for n in names:
        key = "|".join(unit_key(x) for x in (n or "").split("|") if unit_key(x))
        if key and key not in out:
            out.append(key)
    return out


def unit_eq(a: str, b: str) -> bool:
    """Equal, or one ends with the other (3+ characters): 水土监测站 ~ 长江委水土监测站."""
    return any(x == y or (min(len(x), len(y)) >= 3 and (x.endswith(y) or y.endswith(x)))
               for x in a.split("|") for y in b.split("|"))


def pred_units(units: Iterable[dict[str, Any]]) -> list[str]:
    """A predicted unit matches by its name as written or its normalised name."""
    return unit_set("|".join(v for v in (u.get("name"), u.get("normalized")) if v) for u in units)


def f1_counts(gold: list[str], pred: list[str]) -> tuple[int, int, int]:
    """(true positives, |gold|, |pred|) with one-to-one lenient matching."""
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and unit_eq(g, p):
                used.add(i)
                tp += 1
                break
    return tp, len(gold), len(pred)


def prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (empty sides count as perfect, as the outside checker does)."""
    r = tp / n_gold if n_gold else 1.0
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
