"""Task, unit and deadline extraction against `eval/gold/tasks.jsonl`.

The matching mirrors the outside checker (../shared/tools/kbcheck.py, `score_extraction`),
so the figures here are the ones outside checks will see:
- a gold task is found by the extracted task (same document) whose text contains the first
  15 characters of its evidence after the number, whitespace and character widths aside;
- units compare leniently: equal, or one ends with the other (3+ characters), by the name
  as written or the normalised name; gold `A|B` alternatives count as one unit;
- lead units are those with role lead or responsible;
- a deadline is right when every gold date is the prefix of an extracted date, the task is
  ongoing exactly when the gold says so, and dates exist exactly when the gold has some.
  Gold dates are read from `date` (seed gold: "2023-12") or `date_end` (dev gold: "2023-12-31").
  NOTE: the outside checker reads only `date`, so on the dev gold (which has only `date_end`) it
  counts a task right only when it has NO dated deadline; its dev deadline figure is not a guide.
Precision is over the tasks extracted from the documents the gold covers.

`score_tasks(gold_rows, task_dicts)` is pure, so tests run it on freshly parsed documents
without a home; `score(home, gold_dir)` feeds it the home's stored tasks.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from eval.gold_io import f1_counts, load_gold, norm, pred_units, prf, unit_set

NUM_PREFIX = re.compile(r"^[\(（]?[0-9一二三四五六七八九十]+[\)）\.、．]?")
KEY_CHARS = 15


def evidence_key(gold: dict[str, Any]) -> str:
    """The part of a gold task's evidence an extracted task must contain: 15 characters after the number."""
    return NUM_PREFIX.sub("", norm(gold.get("evidence") or gold.get("task_evidence")))[:KEY_CHARS]


def match_task(gold: dict[str, Any], tasks: list[dict[str, Any]]) -> int | None:
    """Index of the first extracted task of the gold's document whose text holds its evidence key."""
    key = evidence_key(gold)
    doc = gold.get("doc", "")
    for i, t in enumerate(tasks):
        if doc and doc not in (t.get("source") or ""):
            continue
        if key and key in norm((t.get("text") or "") + (t.get("title") or "")):
            return i
    return None


def deadline_ok(gold: dict[str, Any], task: dict[str, Any]) -> bool:
    """Every gold date is a prefix of an extracted date, ongoing agrees, and dates exist on both sides or neither."""
    gd = [d.get("date") or d.get("date_end") for d in gold.get("deadlines") or [] if d.get("date") or d.get("date_end")]
    if not gd and gold.get("deadline") and gold["deadline"] != "ongoing":
        gd = [gold["deadline"]]
    g_ongoing = bool(gold.get("ongoing")) or gold.get("deadline") == "ongoing"
    pd = [d.get("date") or "" for d in task.get("deadlines") or []]
    p_ongoing = bool(task.get("ongoing")) or any(d.get("kind") == "ongoing" for d in task.get("deadlines") or [])
    return (all(any(p.startswith(x) for p in pd) for x in gd) and g_ongoing == p_ongoing
            and bool(gd) == bool([p for p in pd if p]))


def gold_units(gold: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(lead units, all units) of a gold task, normalised spellings preferred."""
    gn = gold.get("units_normalized") or {}
    lead = unit_set(gn.get("lead_units") or gold.get("lead_units") or [])
    every = unit_set(lead + (gn.get("other_units") or gold.get("other_units") or []))
    return lead, every


def score_tasks(gold_rows: list[dict[str, Any]], tasks: list[dict[str, Any]]) -> dict[str, Any]:
    """Recall, precision, unit F1 (all and lead) and deadline accuracy of `tasks` (Task dicts)."""
    found = dl_ok = 0
    all_c = [0, 0, 0]
    lead_c = [0, 0, 0]
    matched: set[int] = set()
    missed: list[str] = []
    wrong_deadline: list[str] = []
    for g in gold_rows:
        glead, gall = gold_units(g)
        i = match_task(g, tasks)
        if i is None:
            all_c[1] += len(gall)
            lead_c[1] += len(glead)
            missed.append(f"{g.get('doc', '')[:3]}:{g.get('task_id')}")
            continue
        found += 1
        matched.add(i)
        units = tasks[i].get("units") or []
        for counts, gold_set, pred in ((all_c, gall, pred_units(units)),
                                       (lead_c, glead, pred_units(u for u in units if u.get("role") in ("lead", "responsible")))):
            for k, v in enumerate(f1_counts(gold_set, pred)):
                counts[k] += v
        if deadline_ok(g, tasks[i]):
            dl_ok += 1
        else:
            wrong_deadline.append(f"{g.get('doc', '')[:3]}:{g.get('task_id')}")
    docs = {g.get("doc", "") for g in gold_rows}
    in_docs = [t for t in tasks if any(d and d in (t.get("source") or "") for d in docs)]
    n = len(gold_rows)
    return {
        "tasks_gold": n,
        "tasks_extracted": len(in_docs),
        "task_recall": round(found / n, 3) if n else None,
        "task_precision": round(len(matched) / len(in_docs), 3) if in_docs else None,
        "units": prf(*all_c),
        "lead_units": prf(*lead_c),
        "deadline_accuracy": round(dl_ok / n, 3) if n else None,
        "missed": missed[:20],
        "wrong_deadline": wrong_deadline[:20],
    }


def score(home: Any, gold: Path) -> dict[str, Any]:
    """Figures for the tasks stored in a home (`policykb eval`)."""
    tasks = [t.to_dict() for t in home.store.tasks()]
    return score_tasks(load_gold(gold, "tasks.jsonl"), tasks)
