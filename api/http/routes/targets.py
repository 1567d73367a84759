"""GET /targets: target records (indicator, scope, value, unit, year, kind), filterable."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.http.deps import HomeDep, known_doc
from api.http.schemas import MAX_DOC_ID, MAX_FILTER, Target, clean_text, error_responses
from api.records import list_targets

router = APIRouter(tags=["records"])


@router.get("/targets", response_model=list[Target], responses=error_responses(404, 422))
def targets(home: HomeDep,
            indicator: Annotated[str | None, Query(max_length=MAX_FILTER, examples=["水土保持率"])] = None,
            scope: Annotated[str | None, Query(max_length=MAX_FILTER, examples=["重庆市"])] = None,
            doc: Annotated[str | None, Query(max_length=MAX_DOC_ID, description="only this document")] = None,
            ) -> list[dict[str, Any]]:
    """Targets, baselines and achieved values; `indicator` and `scope` match a part of the name."""
    found = list_targets(home.store, indicator=clean_text(indicator or "") or None,
                         scope=clean_text(scope or "") or None, doc_id=known_doc(home, doc or None))
    return [t.to_dict() for t in found]
