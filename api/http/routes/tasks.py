"""GET /tasks: task records (measures with responsible units and deadlines), filterable."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.http.deps import HomeDep, known_doc
from api.http.schemas import MAX_DOC_ID, MAX_FILTER, Task, clean_text, error_responses
from api.records import list_tasks

router = APIRouter(tags=["records"])


@router.get("/tasks", response_model=list[Task], responses=error_responses(404, 422))
def tasks(home: HomeDep,
          unit: Annotated[str | None, Query(max_length=MAX_FILTER, description="a unit as written or normalised, "
                                            "or a distinctive part of one", examples=["水土保持局"])] = None,
          doc: Annotated[str | None, Query(max_length=MAX_DOC_ID, description="only this document")] = None,
          due_before: Annotated[dt.date | None, Query(description="only tasks with a deadline before this date "
                                                      "(YYYY-MM-DD)", examples=["2024-01-01"])] = None,
          ) -> list[dict[str, Any]]:
    """Tasks with their units (lead / participant / responsible) and deadlines, each with its citation."""
    found = list_tasks(home.store, unit=clean_text(unit or "") or None, doc_id=known_doc(home, doc or None),
                       due_before=due_before.isoformat() if due_before else None)
    return [t.to_dict() for t in found]
