"""The edge where policykb's one exception tree becomes HTTP: `{"error": {"code", "message"}}`.

`ingest`/`index` raise `PolicyKBError`s that know nothing of HTTP; `STATUS` maps each
class (by its nearest ancestor) to a status. Request validation errors become 422, the
framework's own HTTP errors (unknown route, wrong method, body too large, unparsable
multipart) keep their status in the same JSON shape. An unexpected exception is a bug:
it is logged with its traceback and answered with a plain 500 that leaks nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ingest.errors import (
    BadQueryError,
    ConfigError,
    HomeBusyError,
    IndexStateError,
    IngestError,
    NotFoundError,
    PolicyKBError,
    UnsupportedFormatError,
)

log = logging.getLogger("policykb.api")


class UnauthorizedError(PolicyKBError):
    """A write without the right `Authorization: Bearer <key>` while POLICYKB_API_KEY is set."""

    code = "unauthorized"


class WriteRefusedError(PolicyKBError):
    """Writes are off: no POLICYKB_API_KEY and the server listens beyond loopback."""

    code = "forbidden"


class TooLargeError(PolicyKBError):
    code = "too_large"


class TooManyIngestsError(HomeBusyError):
    """More uploads at once than POLICYKB_MAX_INGESTS allows; the client should retry."""

    code = "too_many_ingests"


STATUS: dict[type[PolicyKBError], int] = {
    NotFoundError: 404,
    UnsupportedFormatError: 415,
    IngestError: 422,
    BadQueryError: 422,
    UnauthorizedError: 401,
    WriteRefusedError: 403,
    TooLargeError: 413,
    TooManyIngestsError: 429,
    HomeBusyError: 503,
    IndexStateError: 503,
    ConfigError: 500,
    PolicyKBError: 400,
}

HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type", 422: "invalid_request",
              429: "too_many_requests"}


def status_for(exc: PolicyKBError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]  # type: ignore[index]
    return 400


def error_body(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    err: dict[str, Any] = {"code": code, "message": message}
    if details:
        err["details"] = details
    return {"error": err}


def _headers(status: int) -> dict[str, str] | None:
    if status == 401:
        return {"WWW-Authenticate": "Bearer"}
    if status in (429, 503):
        return {"Retry-After": "5"}
    return None


async def on_policykb_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, PolicyKBError)
    status = status_for(exc)
    if status >= 500:
        log.error("%s %s: %s", request.method, request.url.path, exc)
    return JSONResponse(error_body(exc.code, str(exc)), status_code=status, headers=_headers(status))


def _loc(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(p) for p in loc)


def validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Pydantic's errors without the offending input (it may be 100k characters or a secret)."""
    return [{"loc": _loc(e.get("loc", ())), "type": e.get("type", ""), "msg": e.get("msg", "")}
            for e in exc.errors()[:20]]


async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = validation_details(exc)
    if any(d["type"] == "json_invalid" for d in details):
        message = "the request body is not valid JSON"
    else:
        message = "; ".join(f"{d['loc']}: {d['msg']}" for d in details[:5]) or "invalid request"
    return JSONResponse(error_body("invalid_request", message, details), status_code=422)


async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if status == 404 and message == "Not Found":
        message = f"no such endpoint: {request.method} {request.url.path}; see /docs"
    elif status == 413:
        message = "the request body is too large"
    headers = dict(exc.headers or {})
    headers.update(_headers(status) or {})
    return JSONResponse(error_body(HTTP_CODES.get(status, f"http_{status}"), message), status_code=status,
                        headers=headers or None)


async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(error_body("internal", "internal error; the server log has the details"), status_code=500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(PolicyKBError, on_policykb_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)
