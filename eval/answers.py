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

CONFIDENT = 0.7  # an answer at or above this confidence should be right (issue: >= 90% on the dev sets)


def unit_f1(gold: list[str], answer: dict[str, Any]) -> float:
    tp, n_gold, n_pred = f1_counts(unit_set(gold), pred_units(answer["units"]))
    if not n_gold or not n_pred:
        return 0.0
    return prf(tp, n_gold, n_pred)["f1"]


def _split_units(text: str) -> list[str]:
    """Units named in an answer sentence, for answers that give no unit records."""
    return unit_set(p for p in re.split(r"[、，,;；和及/]|以及|等", text) if len(norm(p)) >= 2)


def _dates(text: str) -> list[str]:
    t = unicodedata.normalize("NFKC", text or "")
    out = [f"{y}-{int(m):02d}" for y, m in re.findall(r"(\d{4})\s*年\s*(\d{1,2})\s*月", t)]
    return out + [f"{y}-{m}" for y, m in re.findall(r"(\d{4})-(\d{2})", t)]


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"\d+(?:\.\d+)?", unicodedata.normalize("NFKC", text or "").replace(",", ""))]


def _cited(answer: dict[str, Any]) -> str:
    return " ".join(c["quote"] for c in answer["citations"])


def correct(q: dict[str, Any], a: dict[str, Any]) -> bool:
    """Whether an answer is right, by the outside checker's rules (kbcheck.py `answer_correct`)."""
    typ, text = q.get("type"), a.get("answer") or ""
    if typ == "responsibility":
        gold = unit_set(q["units"]) if q.get("units") else _split_units(q["answer"])
        pred = pred_units(a.get("units") or []) or _split_units(text)
        tp, n_gold, n_pred = f1_counts(gold, pred)
        return prf(tp, n_gold, n_pred)["f1"] >= 0.8
    if typ == "deadline":
        return _deadline_correct(q, a, text)
    if typ == "target":
        gold_values = [[float(v) for v in str(x).split("|")] for x in q["values"]] if q.get("values") else [
            [x] for x in _numbers(q["answer"])]
        pred_values = [float(t["value"]) for t in a.get("targets") or [] if t.get("value") is not None] + _numbers(text)
        return bool(gold_values) and all(any(abs(x - y) < 1e-6 * max(1, abs(x)) for x in alts for y in pred_values)
                                         for alts in gold_values)
    return contains_evidence(_cited(a), q["evidence"]) or (len(norm(q["answer"])) >= 2 and norm(q["answer"]) in norm(text))


def _deadline_correct(q: dict[str, Any], a: dict[str, Any], text: str) -> bool:
    deadlines = a.get("deadlines") or []
    if any(w in q["answer"] for w in ("持续", "ongoing", "长期")):
        return any(d.get("kind") == "ongoing" for d in deadlines) or any(w in text for w in ("持续", "ongoing", "Ongoing"))
    if re.search(r"未规定|未明确|没有|None stated|no deadline|not stated", q["answer"], re.I):
        return not [d for d in deadlines if d.get("date")] and contains_evidence(_cited(a), q["evidence"])
    gold = _dates(q["answer"]) or [str(y) for y in re.findall(r"\d{4}", q["answer"])]
    pred = [d.get("date") or "" for d in deadlines] + _dates(text)
    if not gold:  # relative or recurring ("within 90 days", "每年2月底前"): the figures must appear
        nums = [str(int(x)) for x in _numbers(q["answer"])]
        said = norm(text + " ".join(d.get("text") or "" for d in deadlines))
        return bool(nums) and all(n in said for n in nums)
    return all(any(p.startswith(x) for p in pred) or x in norm(text) for x in gold)


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
    confident: list[int] = []  # correctness of the answers given with confidence >= CONFIDENT
    qa = load_gold(gold, "qa.jsonl")
    for q in qa:
        t0 = time.perf_counter()
        a = answer_question(home, q["question"])
        seconds.append(time.perf_counter() - t0)
        ok = correct(q, a)
        if not ok:
            wrong.append(q["id"])
        if a.get("confidence", 0) >= CONFIDENT:
            confident.append(int(ok))
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
        "confident_share": round(len(confident) / n, 3),
        "confident_accuracy": round(sum(confident) / len(confident), 3) if confident else None,
        "wrong": wrong,
    }
