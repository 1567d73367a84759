"""GET /due (JSON), /due.csv and /due.ics: task deadlines with their status on an as-of date.

The filters are those of `policykb due`. The calendar's events link back to the page at the
cited span, on the address the request came to.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.due import DueItem, DueQuery, due_list, status_counts
from api.due.export import due_calendar, due_rows
from api.http.deps import HomeDep, known_doc
from api.http.schemas import MAX_DOC_ID, MAX_FILTER, DueList, clean_text, error_responses
from api.records import csv_bytes

router = APIRouter(tags=["records"])
WINDOW = r"^\s*\d{1,4}\s*[dwmyDWMY]?\s*$"

AsOf = Annotated[dt.date | None, Query(description="the date statuses are for (default today)",
                                       examples=["2024-01-01"])]
Within = Annotated[str, Query(max_length=12, pattern=WINDOW, description="the window of `due`: 90d, 12w, 3m, 1y")]
Overdue = Annotated[bool, Query(description="only overdue deadlines")]
UnitQ = Annotated[str | None, Query(max_length=MAX_FILTER, description="a unit as written or normalised, or a "
                                    "distinctive part of one", examples=["水土保持局"])]
DocQ = Annotated[str | None, Query(max_length=MAX_DOC_ID, description="only this document")]
LangQ = Annotated[str, Query(pattern="^(zh|en)$", description="language of headers and labels")]


def _query(home: HomeDep, as_of: dt.date | None, within: str, overdue: bool, unit: str | None,
           doc: str | None) -> tuple[DueQuery, list[DueItem]]:
    query = DueQuery(as_of=as_of or dt.date.today(), within=within.strip(), unit=clean_text(unit or "") or None,
                     doc_id=known_doc(home, doc or None), overdue_only=overdue)
    return query, due_list(home.store, query)


@router.get("/due", response_model=DueList, responses=error_responses(404, 422))
def due(home: HomeDep, as_of: AsOf = None, within: Within = "90d", overdue: Overdue = False, unit: UnitQ = None,
        doc: DocQ = None) -> dict[str, Any]:
    """Each task deadline with its status (overdue, due within the window, later, ongoing, no deadline), the
    day it falls on (stated, counted from the document's date, or a recurring one's next occurrence), the
    task's units with roles and its citation; soonest first."""
    query, items = _query(home, as_of, within, overdue, unit, doc)
    return {"as_of": query.as_of.isoformat(), "within": query.within, "until": query.window_end.isoformat(),
            "counts": status_counts(items), "items": [i.to_dict() for i in items]}


@router.get("/due.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}},
                                                            **error_responses(404, 422)})
def due_csv(home: HomeDep, as_of: AsOf = None, within: Within = "90d", overdue: Overdue = False,
            unit: UnitQ = None, doc: DocQ = None, lang: LangQ = "zh") -> Response:
    """The due list as CSV (UTF-8 with BOM), headers and statuses in `lang`."""
    _, items = _query(home, as_of, within, overdue, unit, doc)
    return Response(csv_bytes(due_rows(items, lang)), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="policykb-due.csv"'})


@router.get("/due.ics", response_class=Response, responses={200: {"content": {"text/calendar": {}}},
                                                            **error_responses(404, 422)})
def due_ics(request: Request, home: HomeDep, as_of: AsOf = None, within: Within = "90d", overdue: Overdue = False,
            unit: UnitQ = None, doc: DocQ = None, lang: LangQ = "zh") -> Response:
    """The dated deadlines as an iCalendar file: one all-day event per task deadline, with the units, the
    deadline as written and the citation in its description and a link to the cited span."""
    _, items = _query(home, as_of, within, overdue, unit, doc)
    body = due_calendar(items, lang, base_url=str(request.base_url))
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="policykb-due.ics"'})
