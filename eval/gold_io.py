"""Loading gold sets and the matching helpers every scorer shares."""

from __future__ import annotations

import json
import re
import unicodedata
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


def prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float]:
    r = tp / n_gold if n_gold else 1.0
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
