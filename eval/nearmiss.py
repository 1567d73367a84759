"""Near-miss questions: unanswerable ones must come back `none`, their answerable twins right.

`eval/dev/nearmiss.jsonl` pairs each question the documents cannot answer (a year, place,
indicator, role, unit, amount, deadline or document swapped) with its answerable twin. Each
record names the corpus it is about (`seed`, `dev_zh`, `dev_en`); a set scores its own.
Mirrors the outside checker's `score_nearmiss`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api.answer.answerer import answer_question
from eval.answers import correct
from eval.gold_io import load_gold
from eval.sets import set_for_gold
from index.home import Home

NEARMISS = Path(__file__).resolve().parent / "dev" / "nearmiss.jsonl"


def score_questions(home: Home, questions: list[dict[str, Any]]) -> dict[str, Any]:
    unanswerable = [q for q in questions if not q.get("answerable")]
    twins = [q for q in questions if q.get("answerable")]
    not_none = [q["id"] for q in unanswerable if answer_question(home, q["question"])["type"] != "none"]
    twin_wrong = [q["id"] for q in twins if not correct(q, answer_question(home, q["question"]))]
    return {"unanswerable": len(unanswerable),
            "none_recall": round(1 - len(not_none) / len(unanswerable), 3) if unanswerable else None,
            "twins": len(twins),
            "twin_accuracy": round(1 - len(twin_wrong) / len(twins), 3) if twins else None,
            "answered_instead_of_none": not_none, "twins_wrong": twin_wrong}


def score(home: Home, gold: Path) -> dict[str, Any]:
    """The near-miss questions about this set's corpus, from `gold/nearmiss.jsonl` or eval/dev's."""
    rows = load_gold(gold, "nearmiss.jsonl") or load_gold(NEARMISS.parent, NEARMISS.name)
    known = set_for_gold(gold)
    if known and known.nearmiss_tag:
        rows = [q for q in rows if q.get("corpus") == known.nearmiss_tag]
    return score_questions(home, rows) if rows else {"unanswerable": 0}
