"""The edge of the server: which requests are let in at all, and the headers every answer carries.

Checked before the app (and so before any body is read):

- **Host.** A server bound to loopback answers only requests whose `Host` is the bound host,
  `localhost` or a loopback address (any port). A web page on another site can make the
  browser resolve its own name to 127.0.0.1 (DNS rebinding) and then read and write here as
  if same-origin; its requests still carry its own name in `Host`.
- **Origin.** With writes open (loopback, no POLICYKB_API_KEY), a write whose `Origin` header
  is present and names another site is refused: any page the user visits can send a
  multipart POST to 127.0.0.1 without a preflight, but the browser always says where it
  comes from. Clients that are not browsers send no Origin and are not affected.
- **Key before body.** With POLICYKB_API_KEY set, a write without the right bearer key is
  answered 401 before its body is read, so no upload is spooled for a client without the
  key; without a key off loopback, writes are refused (403) the same way.

Every response gets `Content-Security-Policy` (the page's own scripts, styles and API only;
the API docs page may also run its inline start-up script), `X-Content-Type-Options:
nosniff`, `X-Frame-Options: DENY` and `Referrer-Policy: no-referrer`.
"""

from __future__ import annotations

import hmac
import json
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.http.errors import error_body
from ingest.settings import Settings, is_loopback

WRITE_METHODS = frozenset(["POST", "PUT", "PATCH", "DELETE"])
WRITE_PATHS = ("/documents",)  # searches and questions are POSTs that change nothing
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"no-referrer")]


def host_name(value: str) -> str:
    """The host part of a `Host` header or an origin's netloc (`[::1]:8000` -> `::1`)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class EdgeGuard:
    """ASGI middleware applying the module docstring's checks and headers."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.allowed = {host_name(settings.host), "localhost", "127.0.0.1", "::1"}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(scope)
        if refusal is not None:
            await _send_error(send, *refusal)
            return
        csp = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"content-security-policy", csp.encode()),
                                      *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)

    def refusal(self, scope: Scope) -> tuple[int, str, str] | None:
        """(status, code, message) when the request is refused at the edge, else None."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.settings.loopback:
            host = host_name(headers.get("host", ""))
            if host not in self.allowed and not is_loopback(host):
                return 421, "wrong_host", (f"this server answers requests for {self.settings.host} or localhost only, "
                                           f"not {host[:80]!r}")
        write = scope["method"] in WRITE_METHODS and scope["path"].startswith(WRITE_PATHS)
        if not write:
            return None
        writes = self.settings.writes
        if writes == "key":
            given = headers.get("authorization", "")
            token = given[7:].strip() if given[:7].lower() == "bearer " else ""
            if not hmac.compare_digest(token.encode(), (self.settings.api_key or "").encode()):
                return 401, "unauthorized", ("this endpoint needs the header 'Authorization: Bearer <key>' with "
                                             "the server's POLICYKB_API_KEY")
        elif writes == "refused":
            return 403, "forbidden", (f"writes are refused: the server listens on {self.settings.host} without an "
                                      "API key; set POLICYKB_API_KEY (and send 'Authorization: Bearer <key>') or "
                                      "serve on 127.0.0.1")
        elif "origin" in headers and not self._same_site(headers["origin"]):
            return 403, "foreign_origin", (f"a write from the web page of {headers['origin'][:80]!r} is refused: "
                                           "writes are open only to this server's own page and to clients "
                                           "that are not browsers")
        return None

    def _same_site(self, origin: str) -> bool:
        host = urlsplit(origin.strip()).hostname or ""
        return host in self.allowed or is_loopback(host)


async def _send_error(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps(error_body(code, message), ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"content-security-policy", CSP.encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})
