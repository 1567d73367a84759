"""POST /search: hybrid retrieval; each hit cites its best sentence with the score breakdown."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.http.cache import home_version
from api.http.deps import HomeDep, SearchCacheDep, known_doc
from api.http.schemas import SearchRequest, SearchResponse, clean_text, error_responses
from index.backend import SearchFilters

router = APIRouter(tags=["search"])


@router.post("/search", response_model=SearchResponse, responses=error_responses(404, 422))
def search(req: SearchRequest, home: HomeDep, cache: SearchCacheDep) -> dict[str, Any]:
    """The `k` best passages for `query`, best first.

    Each hit is a citation (`quote == text[start:end]` of `GET /documents/{doc_id}/text`)
    plus the whole chunk and its scores (`score` fused, `scores.bm25`, `scores.dense`).
    `doc_ids` naming an unknown document is a 404.
    """
    doc_ids = [d for d in dict.fromkeys(req.doc_ids or []) if known_doc(home, d)]
    section = clean_text(req.section or "") or None
    filters = SearchFilters(doc_ids=doc_ids, lang=req.lang, section_prefix=section)

    def run() -> dict[str, Any]:
        hits = home.search(req.query, k=req.k, mode=req.mode, filters=filters)
        return {"query": req.query, "mode": req.mode, "hits": [h.to_dict() for h in hits],
                "vectors": home.vector_status()}

    key = (req.query, req.k, req.mode, tuple(sorted(doc_ids)), req.lang, section)
    return cache.get_or_compute(key, home_version(home), run)
