"""Answer accuracy against eval/gold/qa.jsonl, by type and language (mirrors the outside check).

responsibility: F1 of the answered units against the gold units >= 0.8; deadline: the gold
date (or "ongoing", or "no deadline" with the evidence cited) is in the answer; target:
every gold value is among the answered values; fact: the gold evidence lies within the
cited spans. Also: the share of answers citing the evidence (any / first citation), every
citation exact against the canonical text, and the unanswerable questions answered `none`.
"""

from __future__ import annotations

import re
import statistics
import time
import unicodedata
from pathlib import Path
from typing import Any

from api.answer.answerer import answer_question
from eval.gold_io import contains_evidence, f1_counts, load_gold, norm, pred_units, prf, unit_set
from index.home import Home


def unit_f1(gold: list[str], answer: dict[str, Any]) -> float:
    tp, n_gold, n_pred = f1_counts(unit_set(gold), pred_units(answer["units"]))
    if not n_gold or not n_pred:
        return 0.0
    return prf(tp, n_gold, n_pred)["f1"]


def _dates(text: str) -> list[str]:
    t = unicodedata.normalize("NFKC", text or "")
    return [f"{y}-{int(m):02d}" for y, m in re.findall(r"(\d{4})\s*年\s*(\d{1,2})\s*月", t)]


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"\d+(?:\.\d+)?", unicodedata.normalize("NFKC", text or "").replace(",", ""))]


def _cited(answer: dict[str, Any]) -> str:
    return " ".join(c["quote"] for c in answer["citations"])


def correct(q: dict[str, Any], a: dict[str, Any]) -> bool:
    typ, text = q["type"], a["answer"]
    if typ == "responsibility":
        return unit_f1(q["units"], a) >= 0.8
    if typ == "deadline":
        if any(w in q["answer"] for w in ("持续", "ongoing", "长期")):
            return any(d["kind"] == "ongoing" for d in a["deadlines"]) or "持续" in text or "ongoing" in text
        if re.search(r"未规定|未明确|没有|None stated|no deadline|not stated", q["answer"], re.I):
            return not [d for d in a["deadlines"] if d.get("date")] and contains_evidence(_cited(a), q["evidence"])
        gold = _dates(q["answer"]) or re.findall(r"\d{4}", q["answer"])
        pred = [d.get("date") or "" for d in a["deadlines"]] + _dates(text)
        return all(any(p.startswith(x) for p in pred) or x in norm(text) for x in gold)
    if typ == "target":
        gold_values = [[float(v) for v in str(x).split("|")] for x in q.get("values") or []]
        pred_values = [float(t["value"]) for t in a["targets"]] + _numbers(text)
        return bool(gold_values) and all(any(abs(x - y) < 1e-6 * max(1, abs(x)) for x in alts for y in pred_values)
                                         for alts in gold_values)
    return contains_evidence(_cited(a), q["evidence"]) or (len(norm(q["answer"])) >= 2 and norm(q["answer"]) in norm(text))


def _exact(home: Home, a: dict[str, Any]) -> bool:
    for c in a["citations"]:
        text = home.store.text(c["doc_id"]) or ""
        if text[c["start"]:c["end"]] != c["quote"]:
            return False
    return True


def score(home: Home, gold: Path) -> dict[str, Any]:
    by: dict[str, list[int]] = {}
    f1s: list[float] = []
    evidence_any = evidence_first = exact = 0
    seconds: list[float] = []
    wrong: list[str] = []
    qa = load_gold(gold, "qa.jsonl")
    for q in qa:
        t0 = time.perf_counter()
        a = answer_question(home, q["question"])
        seconds.append(time.perf_counter() - t0)
        ok = correct(q, a)
        if not ok:
            wrong.append(q["id"])
        by.setdefault(q["type"], []).append(int(ok))
        by.setdefault("lang:" + q["lang"], []).append(int(ok))
        if q["type"] == "responsibility":
            f1s.append(unit_f1(q["units"], a))
        quotes = [c["quote"] for c in a["citations"]]
        evidence_any += any(contains_evidence(x, q["evidence"]) for x in quotes) or contains_evidence(
            " ".join(quotes), q["evidence"])
        evidence_first += bool(quotes) and contains_evidence(quotes[0], q["evidence"])
        exact += _exact(home, a)
    unanswerable = load_gold(gold, "unanswerable.jsonl")
    none_ok = [u["id"] for u in unanswerable if answer_question(home, u["question"])["type"] == "none"]
    n = len(qa) or 1
    return {
        "n": len(qa),
        "accuracy": round(sum(v for k, vals in by.items() if not k.startswith("lang:") for v in vals) / n, 3),
        "by": {k: round(sum(v) / len(v), 3) for k, v in sorted(by.items())},
        "responsibility_unit_f1": round(sum(f1s) / len(f1s), 3) if f1s else None,
        "evidence_cited": round(evidence_any / n, 3),
        "evidence_first_citation": round(evidence_first / n, 3),
        "citations_exact": round(exact / n, 3),
        "unanswerable_none": f"{len(none_ok)}/{len(unanswerable)}",
        "unanswerable_none_share": round(len(none_ok) / len(unanswerable), 3) if unanswerable else None,
        "median_ask_ms": round(statistics.median(seconds) * 1000, 1) if seconds else None,
        "wrong": wrong,
    }
