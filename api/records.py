"""Queries over the structured records: tasks, targets and the responsibility matrix, with exports."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path
from typing import Any

from index.store import Store
from ingest.models import Target, Task
from ingest.recognise.indicators import indicator_matches
from ingest.recognise.places import scope_key


def _key(s: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", s or "").split()).lower()


def unit_matches(task: Task, unit: str) -> bool:
    """A unit filter matches a name as written or normalised, or a unique part of one (水土局 ~ 长江委水土局)."""
    want = _key(unit)
    return any(want and (want == _key(u.name) or want == _key(u.normalized) or
                         (len(want) >= 2 and (want in _key(u.name) or want in _key(u.normalized))))
               for u in task.units)


def last_date(task: Task) -> str | None:
    dates = [d.date for d in task.deadlines if d.date]
    return max(dates) if dates else None


def list_tasks(store: Store, unit: str | None = None, doc_id: str | None = None,
               due_before: str | None = None) -> list[Task]:
    tasks = store.tasks(doc_id)
    if unit:
        tasks = [t for t in tasks if unit_matches(t, unit)]
    if due_before:
        tasks = [t for t in tasks if any(d.date and d.date < due_before for d in t.deadlines)]
    return tasks


def list_targets(store: Store, indicator: str | None = None, scope: str | None = None,
                 doc_id: str | None = None) -> list[Target]:
    """Targets, optionally of one indicator however each document words it (GDP增长 ~ 地区生产总值增长,
    OPC社区 ~ 人工智能OPC生态社区: `indicator_matches`), of one place, of one document."""
    targets = store.targets(doc_id)
    if indicator:
        targets = [t for t in targets if indicator_matches(indicator, t.indicator)
                   or indicator_matches(indicator, t.indicator_normalized)]
    if scope:
        want, want_core = _key(scope), scope_key(scope)
        targets = [t for t in targets if want in _key(t.scope) or want in _key(t.scope_normalized)
                   or (_key(t.scope) and _key(t.scope) in want) or (want_core and want_core == scope_key(t.scope))]
    return targets


def responsibility_matrix(store: Store, doc_id: str | None = None) -> list[dict[str, Any]]:
    """Each unit (by normalised name) with the names it is written as and its tasks with role."""
    rows: dict[str, dict[str, Any]] = {}
    for task in store.tasks(doc_id):
        for u in task.units:
            key = u.normalized or u.name
            row = rows.setdefault(key, {"unit": key, "aliases": [], "tasks": []})
            if u.name != key and u.name not in row["aliases"]:
                row["aliases"].append(u.name)
            if not any(t["task_id"] == task.task_id for t in row["tasks"]):
                row["tasks"].append({"task_id": task.task_id, "role": u.role, "doc_id": task.doc_id,
                                     "number": task.number, "title": task.title})
    return sorted(rows.values(), key=lambda r: (-len(r["tasks"]), r["unit"]))


def export_rows(tasks: list[Task]) -> list[dict[str, Any]]:
    """Tasks flattened for spreadsheets: one row per task."""
    return [{
        "source": t.source, "number": t.number, "section": t.section, "title": t.title,
        "lead": "、".join(u.name for u in t.units if u.role in ("lead", "responsible")),
        "participants": "、".join(u.name for u in t.units if u.role == "participant"),
        "deadline": "; ".join(d.text for d in t.deadlines), "due": last_date(t) or "",
        "ongoing": "yes" if t.ongoing else "", "text": t.text,
    } for t in tasks]


def matrix_rows(matrix: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"unit": r["unit"], "aliases": "、".join(r["aliases"]), "task": f"{t['number']} {t['title']}",
             "role": t["role"], "doc_id": t["doc_id"]} for r in matrix for t in r["tasks"]]


def write_table(path: Path, rows: list[dict[str, Any]]) -> None:
    """CSV (UTF-8 with BOM, so Excel opens Chinese correctly) or XLSX by the file's suffix."""
    headers = list(rows[0]) if rows else ["empty"]
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.append(headers)
        for r in rows:
            ws.append([r.get(h, "") for h in headers])
        wb.save(path)
        return
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=headers)
        w.writeheader()
        w.writerows(rows)
