"""The FastAPI app: `create_app(home_dir, ...)` makes one; there is no global instance.

The home (store + retrieval backend) is opened once in the lifespan and warmed up with
one search, so the first request does not pay for loading the index and the embedder.
Routes are plain `def`s: FastAPI runs them in its threadpool, which keeps the event loop
free while a search embeds a query or an upload is being ingested. A background thread
(`api.http.worker`) makes the vectors of uploaded documents and merges index segments;
`api.http.guard` refuses foreign hosts, cross-site writes and keyless uploads before any
body is read, and sets the security headers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from api.http import errors
from api.http.cache import ResultCache
from api.http.guard import EdgeGuard
from api.http.limits import BodyLimitMiddleware
from api.http.routes import ask, crosscheck, documents, due, health, search, targets, tasks, units
from api.http.worker import VectorWorker
from index.home import Home
from ingest.errors import PolicyKBError
from ingest.settings import Settings

log = logging.getLogger("policykb.api")
STATIC = Path(__file__).resolve().parent / "static"
JSON_BODY_LIMIT = 1024 * 1024  # requests other than uploads are small JSON documents
MULTIPART_SLACK = 1024 * 1024

DESCRIPTION = """Search, grounded answers and records over Chinese and English policy documents.

Every citation's `quote` equals `text[start:end]` of `GET /documents/{doc_id}/text`.
Errors are `{"error": {"code", "message"}}` with a 4xx status for bad input.
Writes (`POST /documents`, `DELETE /documents/{doc_id}`) need `Authorization: Bearer <key>`
when the server has `POLICYKB_API_KEY`, and are refused without one off loopback.
"""


def create_app(home_dir: Path, backend: str | None = None, embedder: str | None = None,
               host: str = "127.0.0.1", settings: Settings | None = None) -> FastAPI:
    """The API and web page over the home in `home_dir`; settings from the environment unless given."""
    settings = settings or Settings.from_env(host=host)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        home = Home(Path(home_dir), backend=backend, embedder=embedder, settings=settings)
        worker = VectorWorker(home)
        try:
            _warm_up(home)
            app.state.home = home
            app.state.worker = worker
            worker.start()
            yield
        finally:
            worker.close()
            home.close()

    app = FastAPI(title="policykb", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.ingest_slots = threading.BoundedSemaphore(settings.max_ingests)
    cache_bytes = int(settings.cache_mb * 1024 * 1024) // 2  # the search and the answer cache share the budget
    app.state.search_cache = ResultCache(settings.cache_size, cache_bytes)
    app.state.answer_cache = ResultCache(settings.cache_size, cache_bytes)
    errors.install(app)
    for module in (health, search, ask, tasks, targets, units, crosscheck, due):
        app.include_router(module.router)
    app.include_router(documents.router)
    app.add_middleware(BodyLimitMiddleware, default=JSON_BODY_LIMIT,
                       limits={("POST", "/documents"): settings.max_upload_bytes + MULTIPART_SLACK})
    app.add_middleware(EdgeGuard, settings=settings)  # outermost: refused requests are never read
    _add_page(app)
    _add_docs(app)
    return app


def _warm_up(home: Home) -> None:
    """Load the index and the embedder now rather than on the first request; a home that cannot be
    searched (built with another embedder, damaged index) stops the start with the fix in the log."""
    try:
        home.search("水土保持 soil and water", k=1)
    except PolicyKBError as exc:
        log.error("cannot serve %s: %s", home.folder, exc)
        raise
    from index.disk_dict import read_all

    # the tokenizers' dictionaries whole, in the background: the first requests need not wait for it
    threading.Thread(target=read_all, name="read-dictionaries", daemon=True).start()


def _add_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the bundled `swagger-ui-bundle-v2` files: no CDN, works offline."""
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs-static", StaticFiles(directory=swagger_ui_path), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="policykb API",
                                   swagger_js_url="/docs-static/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-static/swagger-ui.css",
                                   swagger_favicon_url="/docs-static/favicon-32x32.png")


def _add_page(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        """The web page for staff (static HTML, no build step)."""
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})
