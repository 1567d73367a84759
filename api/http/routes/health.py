"""GET /health: liveness, what the server holds, and how writes are guarded."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from fastapi import APIRouter

from api.http.deps import AnswerCacheDep, HomeDep, SearchCacheDep, SettingsDep, WorkerDep
from api.http.schemas import Health

router = APIRouter(tags=["health"])


def _version() -> str:
    try:
        return version("policykb")
    except PackageNotFoundError:
        return "0"


@router.get("/health", response_model=Health)
def health(home: HomeDep, settings: SettingsDep, search_cache: SearchCacheDep,
           answer_cache: AnswerCacheDep, worker: WorkerDep) -> dict[str, Any]:
    """The server is up: document count, backend, write policy (`open`, `key`, `refused`), upload limit, caches,
    and `vectors`: how many of the searchable chunks have their vectors yet (they follow uploads)."""
    return {"status": "ok", "documents": len(home.store.documents()), "backend": home.backend_name,
            "writes": settings.writes, "max_upload_mb": settings.max_upload_mb, "version": _version(),
            "cache": {"search": search_cache.stats(), "ask": answer_cache.stats()},
            "vectors": {**home.vector_status(), "working": worker.busy}}
