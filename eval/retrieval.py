"""Retrieval scorer: Recall@1/5/10 and MRR@10 of bm25, dense and hybrid on eval/gold/qa.jsonl.

A hit is relevant when its chunk text contains the question's gold `evidence` (or at least
its middle 60%: `eval.gold_io.contains_evidence`, whitespace-insensitive). Figures are
given for all questions, by question language and by question type; `misses` lists the
questions with no relevant hit in the top 5, per mode, to read rather than to score.

    policykb eval --only retrieval          # after `policykb ingest corpus/`
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eval.gold_io import contains_evidence, load_gold
from index.home import Home

MODES = ("bm25", "dense", "hybrid")
DEPTH = 10


def first_relevant(texts: Iterable[str], evidence: str) -> int | None:
    """0-based rank of the first text holding the evidence, or None."""
    return next((i for i, t in enumerate(texts) if contains_evidence(t, evidence)), None)


def figures(ranks: list[int | None]) -> dict[str, float | int]:
    """Recall@1/5/10 and MRR@10 of a list of first-relevant ranks (None = not in the top 10)."""
    n = len(ranks)
    if not n:
        return {"n": 0}

    def recall(cut: int) -> float:
        return round(sum(1 for r in ranks if r is not None and r < cut) / n, 3)

    mrr = sum(1.0 / (r + 1) for r in ranks if r is not None and r < DEPTH) / n
    return {"n": n, "recall@1": recall(1), "recall@5": recall(5), "recall@10": recall(10), "mrr@10": round(mrr, 3)}


def rank_questions(home: Home, questions: list[dict[str, Any]], mode: str) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for q in questions:
        hits = home.search(q["question"], k=DEPTH, mode=mode)  # type: ignore[arg-type]
        out[q["id"]] = first_relevant((h.text for h in hits), q["evidence"])
    return out


def breakdown(questions: list[dict[str, Any]], ranks: dict[str, int | None]) -> dict[str, Any]:
    def sub(pred: Any) -> dict[str, float | int]:
        return figures([ranks[q["id"]] for q in questions if pred(q)])

    langs = sorted({q["lang"] for q in questions})
    types = sorted({q["type"] for q in questions})
    return {"all": sub(lambda q: True),
            "lang": {lang: sub(lambda q, lang=lang: q["lang"] == lang) for lang in langs},
            "type": {t: sub(lambda q, t=t: q["type"] == t) for t in types}}


def score(home: Home, gold_dir: Path) -> dict[str, Any]:
    questions = load_gold(gold_dir, "qa.jsonl")
    result: dict[str, Any] = {"questions": len(questions)}
    misses: dict[str, list[str]] = {}
    for mode in MODES:
        ranks = rank_questions(home, questions, mode)
        result[mode] = breakdown(questions, ranks)
        misses[mode] = [qid for qid, r in ranks.items() if r is None or r >= 5]
    result["misses"] = misses
    return result
