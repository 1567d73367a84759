"""Indicators compared across documents (`compare.jsonl`), scored the way the outside checker scores them.

Each question names an indicator as a planner would type it ("OPC社区", "地区生产总值增长",
"greenhouse gas emissions") and lists every document's value for it with the evidence that
states it. `targets --indicator I` (here `api.records.list_targets`) must return, for each answer,
a record of that document with that value whose citation quote holds the evidence (or its middle
60%, or is held by it). Recall is over all answers; `per` shows each question's hits and how
many records were listed (records of other indicators listed alongside are noise a planner sees).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api.records import list_targets
from eval.gold_io import contains_evidence, load_gold
from index.home import Home


def _holds(answer: dict[str, Any], t: dict[str, Any]) -> bool:
    value = float(answer["value"])
    quote = (t.get("citation") or {}).get("quote") or ""
    return (answer["doc"] in f"{t.get('source') or ''} {t.get('doc_id')}" and t.get("value") is not None
            and abs(float(t["value"]) - value) < 1e-6 * max(1.0, abs(value))
            and (contains_evidence(quote, answer["evidence"]) or contains_evidence(answer["evidence"], quote)))


def score_compare(listed: dict[str, list[dict[str, Any]]], questions: list[dict[str, Any]]) -> dict[str, Any]:
    """Recall of the gold answers among the records `listed` for each question's indicator."""
    total = hit = 0
    per: dict[str, str] = {}
    missed: list[str] = []
    for q in questions:
        recs = listed.get(q["indicator"], [])
        got = 0
        for answer in q["answers"]:
            total += 1
            if any(_holds(answer, t) for t in recs):
                got += 1
            else:
                missed.append(f"{q['id']} {answer['doc'][:12]} {answer['value']} {answer['evidence'][:30]!r}")
        hit += got
        per[q["id"]] = f"{got}/{len(q['answers'])} of {len(recs)} listed"
    return {"questions": len(questions), "entries": total, "recall": round(hit / total, 3) if total else None,
            "per": per, "missed": missed[:20]}


def score(home: Home, gold: Path) -> dict[str, Any]:
    """Figures for `policykb eval`: `targets --indicator` over this home against `compare.jsonl`."""
    questions = load_gold(gold, "compare.jsonl")
    listed = {q["indicator"]: [t.to_dict() for t in list_targets(home.store, indicator=q["indicator"])]
              for q in questions}
    return score_compare(listed, questions)
