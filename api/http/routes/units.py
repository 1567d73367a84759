"""GET /units: the responsibility matrix, each unit with its aliases, its tasks with role and its load."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.due import DueQuery, due_list, unit_load
from api.http.deps import HomeDep, known_doc
from api.http.schemas import MAX_DOC_ID, UnitRow, error_responses
from api.records import responsibility_matrix

router = APIRouter(tags=["records"])


@router.get("/units", response_model=list[UnitRow], responses=error_responses(404, 422))
def units(home: HomeDep,
          doc: Annotated[str | None, Query(max_length=MAX_DOC_ID, description="only this document")] = None,
          as_of: Annotated[dt.date | None, Query(description="the date overdue counts are for (default "
                                                 "today)")] = None,
          ) -> list[dict[str, Any]]:
    """Each unit (normalised name), the names it is written as, its tasks with role, and how many tasks it
    leads, joins and has overdue; busiest first."""
    doc_id = known_doc(home, doc or None)
    matrix = responsibility_matrix(home.store, doc_id=doc_id)
    return unit_load(matrix, due_list(home.store, DueQuery(as_of=as_of or dt.date.today(), doc_id=doc_id)))
