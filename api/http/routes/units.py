"""GET /units: the responsibility matrix, each unit with its aliases and its tasks with role."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.http.deps import HomeDep, known_doc
from api.http.schemas import MAX_DOC_ID, UnitRow, error_responses
from api.records import responsibility_matrix

router = APIRouter(tags=["records"])


@router.get("/units", response_model=list[UnitRow], responses=error_responses(404, 422))
def units(home: HomeDep,
          doc: Annotated[str | None, Query(max_length=MAX_DOC_ID, description="only this document")] = None,
          ) -> list[dict[str, Any]]:
    """Each unit (normalised name), the names it is written as, and its tasks with role; busiest first."""
    return responsibility_matrix(home.store, doc_id=known_doc(home, doc or None))
