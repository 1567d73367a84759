"""Typed dependencies of the routes: the home opened in the lifespan, the settings, the write guard.

They are `async def` because none of them blocks: FastAPI runs a plain `def` dependency in its
threadpool, and three hops to a worker thread and back per search cost more CPU than the lookups."""

from __future__ import annotations

import hmac
import threading
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.http.cache import ResultCache
from api.http.errors import UnauthorizedError, WriteRefusedError
from api.http.worker import VectorWorker
from index.home import Home
from ingest.errors import NotFoundError
from ingest.settings import Settings

_bearer = HTTPBearer(auto_error=False, description="POLICYKB_API_KEY; needed for writes when the server has one")


async def get_home(request: Request) -> Home:
    home: Home = request.app.state.home
    return home


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_ingest_slots(request: Request) -> threading.BoundedSemaphore:
    slots: threading.BoundedSemaphore = request.app.state.ingest_slots
    return slots


async def get_worker(request: Request) -> VectorWorker:
    worker: VectorWorker = request.app.state.worker
    return worker


async def get_search_cache(request: Request) -> ResultCache:
    cache: ResultCache = request.app.state.search_cache
    return cache


async def get_answer_cache(request: Request) -> ResultCache:
    cache: ResultCache = request.app.state.answer_cache
    return cache


HomeDep = Annotated[Home, Depends(get_home)]
SearchCacheDep = Annotated[ResultCache, Depends(get_search_cache)]
AnswerCacheDep = Annotated[ResultCache, Depends(get_answer_cache)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
IngestSlotsDep = Annotated[threading.BoundedSemaphore, Depends(get_ingest_slots)]
WorkerDep = Annotated[VectorWorker, Depends(get_worker)]


async def require_write(settings: SettingsDep,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """Writes need the bearer key when one is set; without one they are allowed only on loopback."""
    if settings.api_key:
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), settings.api_key.encode()):
            raise UnauthorizedError("this endpoint needs the header 'Authorization: Bearer <key>' with the "
                                    "server's POLICYKB_API_KEY")
        return
    if not settings.loopback:
        raise WriteRefusedError(f"writes are refused: the server listens on {settings.host} without an API key; "
                                "set POLICYKB_API_KEY (and send 'Authorization: Bearer <key>') or serve on "
                                "127.0.0.1")


WriteGuard = Depends(require_write)


def known_doc(home: Home, doc_id: str | None) -> str | None:
    """`doc_id` itself when the home holds it (None passes); otherwise NotFoundError."""
    if doc_id is not None and not home.store.has_document(doc_id):
        raise NotFoundError(f"no document with id {doc_id[:80]!r}; GET /documents lists them")
    return doc_id
