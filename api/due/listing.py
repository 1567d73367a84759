"""The due list: every task deadline on the calendar with its status on an as-of date.

One item per task deadline that falls on a day (stated, relative or recurring, see
`resolve.py`); a task with none gets one item `ongoing` (its text or its record says it
goes on) or `no deadline`. A task with a dated and an ongoing clause gets both, as does a
dated clause that starts something ongoing ("Starting in January 2022"). Status on
the as-of date: `overdue` (the day has passed), `due` (within the window, the as-of day
included), `later`, `ongoing`, `no deadline`. A deadline whose day has passed stays
`overdue`: the documents say when, not whether the work was done.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from api.due.resolve import Basis, add_span, parse_iso, relative_span, resolve
from api.records import unit_matches
from index.store import Store
from ingest.errors import BadQueryError
from ingest.models import Deadline, Task

Status = Literal["overdue", "due", "later", "ongoing", "no deadline"]
STATUSES: tuple[Status, ...] = ("overdue", "due", "later", "ongoing", "no deadline")
DEFAULT_WITHIN_DAYS = 90
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2999, 12, 31)  # as-of dates a calendar makes sense for
_WINDOW = re.compile(r"^\s*(\d{1,4})\s*([dwmy]?)\s*$", re.I)
_SPAN_UNITS = {"": "day", "d": "day", "w": "week", "m": "month", "y": "year"}


@dataclass
class DueItem:
    """One task deadline on the calendar (or a task's one undated entry)."""

    task: Task
    status: Status
    deadline: Deadline | None = None
    date: dt.date | None = None
    basis: Basis | None = None
    days: int | None = None  # from the as-of date to `date`; negative when overdue

    @property
    def lead(self) -> list[str]:
        return [u.name for u in self.task.units if u.role in ("lead", "responsible")]

    @property
    def participants(self) -> list[str]:
        return [u.name for u in self.task.units if u.role == "participant"]

    def to_dict(self) -> dict[str, Any]:
        t = self.task
        return {"task_id": t.task_id, "doc_id": t.doc_id, "source": t.source, "number": t.number,
                "section": t.section, "title": t.title, "status": self.status,
                "date": self.date.isoformat() if self.date else None, "basis": self.basis, "days": self.days,
                "deadline": self.deadline.to_dict() if self.deadline else None,
                "units": [u.to_dict() for u in t.units], "citation": t.citation.to_dict()}


@dataclass
class DueQuery:
    """The filters of `policykb due` and `GET /due`, parsed once."""

    as_of: dt.date = field(default_factory=dt.date.today)
    within: str = f"{DEFAULT_WITHIN_DAYS}d"
    unit: str | None = None
    doc_id: str | None = None
    overdue_only: bool = False

    def __post_init__(self) -> None:
        if not FIRST_DAY <= self.as_of <= LAST_DAY:
            raise BadQueryError(f"the as-of date must lie between {FIRST_DAY} and {LAST_DAY}, not {self.as_of}")
        try:
            window_end(self.as_of, self.within)
        except ValueError as exc:
            raise BadQueryError(str(exc)) from None

    @property
    def window_end(self) -> dt.date:
        return window_end(self.as_of, self.within)


def window_end(as_of: dt.date, within: str) -> dt.date:
    """The last day of the `due` window: `90d`, `12w`, `3m`, `1y` (a bare number is days); a window
    reaching past the calendar's end stops there."""
    m = _WINDOW.match(within)
    if not m:
        raise ValueError(f"a window is a number with d, w, m or y (90d, 12w, 3m, 1y), not {within[:40]!r}")
    try:
        return add_span(as_of, int(m.group(1)), _SPAN_UNITS[m.group(2).lower()])
    except (OverflowError, ValueError):
        return dt.date.max


def status_of(date: dt.date, as_of: dt.date, end: dt.date) -> Status:
    if date < as_of:
        return "overdue"
    return "due" if date <= end else "later"


def task_items(task: Task, as_of: dt.date, end: dt.date, doc_date: dt.date | None) -> list[DueItem]:
    """The due items of one task (see the module docstring)."""
    items: list[DueItem] = []
    goes_on = False
    for d in task.deadlines:
        r = resolve(d.text, d.date, as_of, doc_date)
        # an ongoing clause goes on, dated ("Starting in January 2022": first due then) or not; a recurring
        # one is instead due again at its next occurrence
        goes_on = goes_on or (d.kind == "ongoing" and (r is None or r.basis != "recurring"))
        if r is None:
            continue
        items.append(DueItem(task, status_of(r.date, as_of, end), d, r.date, r.basis, (r.date - as_of).days))
    if not items and not goes_on and (found := relative_span(task.text, doc_date)):
        # a span from the document's date the deadline records did not keep ("within 30 days of the date of
        # this order" inside the task's sentence): specific enough to read from the text itself
        phrase, day = found
        items.append(DueItem(task, status_of(day, as_of, end), Deadline(phrase, day.isoformat(), "by"), day,
                             "relative", (day - as_of).days))
    if goes_on or (task.ongoing and not items):
        first = next((d for d in task.deadlines if d.kind == "ongoing"), None)
        items.append(DueItem(task, "ongoing", first))
    if not items:
        items.append(DueItem(task, "no deadline"))
    return items


def doc_dates(store: Store) -> dict[str, dt.date | None]:
    """Each document's own date (a full day only), for relative and annual deadlines."""
    out: dict[str, dt.date | None] = {}
    for d in store.documents():
        info = store.document_info(d["doc_id"])
        out[d["doc_id"]] = parse_iso(info["meta"].date) if info else None
    return out


_ORDER = {s: i for i, s in enumerate(STATUSES)}


def due_list(store: Store, query: DueQuery) -> list[DueItem]:
    """Every task deadline of the home with its status on `query.as_of`, filtered, soonest first:
    overdue (oldest first), due, later, then ongoing and undated tasks in document order."""
    end = query.window_end
    dates = doc_dates(store)
    items: list[DueItem] = []
    for task in store.tasks(query.doc_id):
        if query.unit and not unit_matches(task, query.unit):
            continue
        items.extend(task_items(task, query.as_of, end, dates.get(task.doc_id)))
    if query.overdue_only:
        items = [i for i in items if i.status == "overdue"]
    return sorted(items, key=lambda i: (_ORDER[i.status], i.date or dt.date.max))


def status_counts(items: list[DueItem]) -> dict[str, int]:
    return {s: sum(1 for i in items if i.status == s) for s in STATUSES}


def unit_load(matrix: list[dict[str, Any]], items: list[DueItem]) -> list[dict[str, Any]]:
    """The responsibility matrix's rows with each unit's tasks led (lead or responsible), tasks joined
    (participant) and overdue tasks (with at least one overdue deadline on the as-of date)."""
    overdue = {i.task.task_id for i in items if i.status == "overdue"}
    for row in matrix:
        row["led"] = sum(1 for t in row["tasks"] if t["role"] in ("lead", "responsible"))
        row["joined"] = sum(1 for t in row["tasks"] if t["role"] == "participant")
        row["overdue"] = sum(1 for t in row["tasks"] if t["task_id"] in overdue)
    return matrix
