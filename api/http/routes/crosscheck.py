"""GET /crosscheck: target consistency findings across documents and tables."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.crosscheck.checks import find_findings
from api.http.deps import HomeDep
from api.http.schemas import Finding

router = APIRouter(tags=["records"])


@router.get("/crosscheck", response_model=list[Finding])
def crosscheck(home: HomeDep) -> list[dict[str, Any]]:
    """Conflicting, inconsistent-sum, naming and unmet findings; each value with its citation."""
    return find_findings(home.store)
