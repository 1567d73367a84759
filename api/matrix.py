"""The responsibility matrix as an Excel workbook: units down the side, tasks across, the role in each cell.

Staff read a matrix, not a list: which unit carries what, at a glance. The first sheet holds
every document's tasks, then one sheet per document. Each sheet has two header rows (the
document, then the task's number and title), frozen with the unit column; an auto-filter
on the unit and task columns; and each role cell carries the task's citation (source,
section, quoted span) as a comment. The CSV export stays the flat list (`records.py`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from api.i18n import msg
from ingest.models import Task

HEADER_ROWS = 2
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_ROLE_FILL = {"lead": "DBEAFE", "responsible": "F3E8FF", "participant": "ECFDF3"}
_ROLE_ORDER = {"lead": 0, "responsible": 1, "participant": 2}


def _sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters at most, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("_", title).strip("' ") or "sheet"
    name, n = base[:31], 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _units(tasks: list[Task]) -> list[str]:
    """The units of these tasks by normalised name, busiest first."""
    count: dict[str, int] = defaultdict(int)
    for t in tasks:
        for name in {u.normalized or u.name for u in t.units}:
            count[name] += 1
    return sorted(count, key=lambda u: (-count[u], u))


def _citation_note(task: Task, lang: str) -> str:
    c = task.citation
    where = " · ".join(p for p in (c.source, c.section, f"{msg(lang, 'page')} {c.page}" if c.page else "") if p)
    quote = c.quote if len(c.quote) <= 300 else c.quote[:300] + "…"
    return f"{msg(lang, 'matrix_cite')}: {where}\n“{quote}”"


def _fill_sheet(ws: Worksheet, tasks: list[Task], lang: str, titles: dict[str, str]) -> None:
    """One matrix: header rows, unit rows, a role (and a citation comment) where a unit has a task."""
    units = _units(tasks)
    ws.cell(1, 1, msg(lang, "doc_label"))
    ws.cell(2, 1, msg(lang, "matrix_corner"))
    for j, task in enumerate(tasks, start=2):
        ws.cell(1, j, titles.get(task.doc_id, task.source))
        head = ws.cell(2, j, " ".join(p for p in (task.number, task.title) if p) or task.text[:40])
        head.comment = Comment(_citation_note(task, lang), "policykb", width=360, height=160)
        ws.column_dimensions[get_column_letter(j)].width = 16
    row_of = {u: i for i, u in enumerate(units, start=HEADER_ROWS + 1)}
    for name, i in row_of.items():
        ws.cell(i, 1, name).font = Font(bold=True)
    for j, task in enumerate(tasks, start=2):
        roles: dict[str, str] = {}
        for u in task.units:
            key = u.normalized or u.name
            if key not in roles or _ROLE_ORDER[u.role] < _ROLE_ORDER[roles[key]]:
                roles[key] = u.role
        for key, role in roles.items():
            cell = ws.cell(row_of[key], j, msg(lang, "role_" + role))
            cell.fill = PatternFill("solid", fgColor=_ROLE_FILL[role])
            cell.comment = Comment(_citation_note(task, lang), "policykb", width=360, height=160)
    for cell in ws[1] + ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 26
    ws.row_dimensions[2].height = 60
    ws.freeze_panes = ws.cell(HEADER_ROWS + 1, 2)
    last_col = get_column_letter(max(1, len(tasks) + 1))
    ws.auto_filter.ref = f"A{HEADER_ROWS}:{last_col}{max(HEADER_ROWS, len(units) + HEADER_ROWS)}"


def matrix_workbook(tasks: list[Task], lang: str, titles: dict[str, str] | None = None) -> Workbook:
    """The workbook: all documents first, then one sheet per document in the order the tasks come."""
    titles = titles or {}
    wb = Workbook()
    taken: set[str] = set()
    ws = wb.active
    ws.title = _sheet_name(msg(lang, "sheet_all"), taken)
    _fill_sheet(ws, tasks, lang, titles)
    by_doc: dict[str, list[Task]] = defaultdict(list)
    for t in tasks:
        by_doc[t.doc_id].append(t)
    for doc_id, doc_tasks in by_doc.items():
        _fill_sheet(wb.create_sheet(_sheet_name(titles.get(doc_id, doc_tasks[0].source), taken)), doc_tasks, lang,
                    titles)
    return wb


def write_matrix(path: Path, tasks: list[Task], lang: str, titles: dict[str, str] | None = None) -> None:
    matrix_workbook(tasks, lang, titles).save(path)
