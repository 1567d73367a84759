"""How many gold evidence strings are found verbatim (after whitespace normalisation) in the canonical text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.gold_io import doc_ids_by_source, load_gold, norm
from index.home import Home

FILES = ("qa.jsonl", "tasks.jsonl", "targets.jsonl")


def score(home: Home, gold: Path) -> dict[str, Any]:
    ids = doc_ids_by_source(home.store)
    texts = {src: norm(home.store.text(doc_id)) for src, doc_id in ids.items()}
    out: dict[str, Any] = {}
    missing: list[str] = []
    for name in FILES:
        rows = load_gold(gold, name)
        found = 0
        for r in rows:
            if norm(r["evidence"]) in texts.get(r["doc"], ""):
                found += 1
            else:
                missing.append(f"{name}:{r.get('id') or r.get('task_id')}")
        out[name.split(".")[0]] = {"found": found, "total": len(rows)}
    out["missing"] = missing[:20]
    return out
