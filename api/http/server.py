"""The HTTP server's guard against slow clients: uvicorn's httptools protocol with read limits.

uvicorn waits forever for a request's headers and body (its keep-alive timeout only runs
between requests), and keeps every header it is sent. Here the request line and headers must
arrive within `header_timeout` seconds of the request's first byte (or of the connection) and
hold at most `max_head` bytes, and the body within `body_timeout` seconds of the headers;
otherwise the connection is answered 408 (or 400) and closed. A slow client never holds a
worker thread either way - the event loop serves others meanwhile - but each open connection
holds a socket, and sockets run out.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

MAX_HEAD_BYTES = 64 * 1024
_TIMEOUT_BODY = b'{"error": {"code": "timeout", "message": "the request did not arrive in time"}}'
_TIMEOUT_RESPONSE = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\nconnection: close\r\n"
                     b"content-length: %d\r\n\r\n%s" % (len(_TIMEOUT_BODY), _TIMEOUT_BODY))


class GuardedHttpTools(HttpToolsProtocol):
    """httptools protocol whose request head and body must arrive in time (see the module docstring)."""

    header_timeout = 10.0
    body_timeout = 300.0
    max_head = MAX_HEAD_BYTES
    _timer: asyncio.TimerHandle | None = None
    _head_bytes = 0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:  # type: ignore[override]
        super().connection_made(transport)  # type: ignore[arg-type]
        self._arm(self.header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_bytes = 0
        self._arm(self.header_timeout)

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value))
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._arm(self.body_timeout)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def _count(self, n: int) -> None:
        self._head_bytes += n
        if self._head_bytes > self.max_head:  # raised inside the parser: uvicorn answers 400 and closes
            raise ValueError(f"request head larger than {self.max_head} bytes")

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._timer = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _too_slow(self) -> None:
        self._timer = None
        if not self.transport.is_closing():
            if self.cycle is None or self.cycle.response_complete:
                self.transport.write(_TIMEOUT_RESPONSE)
            self.transport.close()



def guarded_http_protocol(header_timeout: float, body_timeout: float,
                          max_head: int = MAX_HEAD_BYTES) -> type[asyncio.Protocol]:
    """The protocol class uvicorn takes as `http=`, with these limits."""
    attrs = {"header_timeout": header_timeout, "body_timeout": body_timeout, "max_head": max_head}
    return type("GuardedHttpTools", (GuardedHttpTools,), attrs)
