"""Hostile input: whatever a client sends, the answer is a JSON error with a 4xx status, never a 5xx.

A fixed list of nasty requests (empty and huge strings, control characters, lone
surrogates, wrong types, path traversal, bad multipart, unknown ids, bad dates and
ranges), then schemathesis generating requests from the app's own OpenAPI.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode

from api.http.app import create_app
from ingest.settings import Settings

HUGE = "x" * 100_000
CONTROL = "\x00\x01\x02\x1b\x7f\u200b\u202e\ufeff\u2066"
B = "xxBOUNDARYxx"

LOCAL = "http://127.0.0.1"  # the Host a loopback server answers (api.http.guard)


def multipart(body: str, boundary: str = B) -> dict[str, Any]:
    return {"content": body.replace("\n", "\r\n").encode("utf-8", "surrogatepass"),
            "headers": {"content-type": f"multipart/form-data; boundary={boundary}"}}


JSON = {"headers": {"content-type": "application/json"}}

READS: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/search", {"json": {"query": ""}}),
    ("POST", "/search", {"json": {"query": "   \n\t "}}),
    ("POST", "/search", {"json": {"query": HUGE}}),
    ("POST", "/search", {"json": {"query": "x" * 2001}}),
    ("POST", "/search", {"json": {"query": CONTROL}}),
    ("POST", "/search", {"json": {"query": "\x00\x01\u200b"}}),
    ("POST", "/search", {"content": b'{"query": "\\ud800\\udfff\\ud800"}', **JSON}),
    ("POST", "/search", {"json": {"query": 123}}),
    ("POST", "/search", {"json": {"query": ["水土"]}}),
    ("POST", "/search", {"json": {"query": None}}),
    ("POST", "/search", {"json": {"query": "水土", "k": -1}}),
    ("POST", "/search", {"json": {"query": "水土", "k": 0}}),
    ("POST", "/search", {"json": {"query": "水土", "k": 10 ** 9}}),
    ("POST", "/search", {"json": {"query": "水土", "k": 10 ** 30}}),
    ("POST", "/search", {"json": {"query": "水土", "k": "5"}}),
    ("POST", "/search", {"json": {"query": "水土", "k": 2.5}}),
    ("POST", "/search", {"json": {"query": "水土", "k": True}}),
    ("POST", "/search", {"json": {"query": "水土", "mode": "sparse"}}),
    ("POST", "/search", {"json": {"query": "水土", "doc_ids": "abc"}}),
    ("POST", "/search", {"json": {"query": "水土", "doc_ids": ["../../etc/passwd"]}}),
    ("POST", "/search", {"json": {"query": "水土", "doc_ids": ["x"] * 101}}),
    ("POST", "/search", {"json": {"query": "水土", "doc_ids": [HUGE]}}),
    ("POST", "/search", {"json": {"query": "水土", "lang": "fr"}}),
    ("POST", "/search", {"json": {"query": "水土", "section": HUGE}}),
    ("POST", "/search", {"json": {"query": "水土", "top_k": 5}}),
    ("POST", "/search", {"json": ["水土"]}),
    ("POST", "/search", {"json": "水土"}),
    ("POST", "/search", {"json": None}),
    ("POST", "/search", {"content": b"{not json", **JSON}),
    ("POST", "/search", {"content": b"{not json"}),
    ("POST", "/search", {"content": b"\xff\xfe\x00garbage", **JSON}),
    ("POST", "/search", {"content": b'{"query": "' + b"[" * 5000 + b'"}', **JSON}),
    ("POST", "/search", {"content": b"[" * 100_000, **JSON}),
    ("POST", "/search", {"content": b"x" * (2 * 1024 * 1024), **JSON}),
    ("POST", "/search", {}),
    ("POST", "/ask", {"json": {"question": None}}),
    ("POST", "/ask", {"json": {}}),
    ("POST", "/ask", {"json": {"question": ""}}),
    ("POST", "/ask", {"json": {"question": HUGE}}),
    ("POST", "/ask", {"json": {"question": CONTROL}}),
    ("POST", "/ask", {"json": {"question": {"$ne": 1}}}),
    ("POST", "/ask", {"content": b'{"question": "\\udc80"}', **JSON}),
    ("GET", "/ask", {}),
    ("PUT", "/search", {}),
    ("GET", "/documents/nonexistent/text", {}),
    ("GET", "/documents/../../etc/passwd/text", {}),
    ("GET", "/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd/text", {}),
    ("GET", "/documents/%00/text", {}),
    ("GET", "/documents/%ED%A0%80/text", {}),
    ("GET", "/documents/" + "a" * 5000 + "/text", {}),
    ("GET", "/documents/x/text?start=-5&end=99999999", {}),
    ("GET", "/documents/x/text?start=abc", {}),
    ("GET", "/tasks?due_before=notadate", {}),
    ("GET", "/tasks?due_before=2023-13-45", {}),
    ("GET", "/tasks?due_before=99999-01-01", {}),
    ("GET", "/tasks?doc=../../etc/passwd", {}),
    ("GET", "/tasks?unit=" + "u" * 5000, {}),
    ("GET", "/targets?doc=nonexistent", {}),
    ("GET", "/targets?indicator=" + "i" * 5000, {}),
    ("GET", "/units?doc=nonexistent", {}),
    ("GET", "/nonexistent", {}),
    ("DELETE", "/documents/nonexistent", {}),
    ("DELETE", "/documents/../../etc/passwd", {}),
    ("DELETE", "/documents", {}),
]

ACCEPTED: list[tuple[str, str, dict[str, Any]]] = [  # odd but valid: cleaned, then answered
    ("POST", "/search", {"json": {"query": "水土" + CONTROL + "保持", "k": 100}}),
    ("POST", "/search", {"json": {"query": "崩" * 2000}}),
    ("POST", "/search", {"json": {"query": "'; DROP TABLE chunks; --"}}),
    ("POST", "/search", {"json": {"query": "*?[]()|\\^$.+{}<>", "mode": "bm25"}}),
    ("POST", "/search", {"json": {"query": "🌊🏞️ 水土", "mode": "dense", "doc_ids": None}}),
    ("POST", "/ask", {"json": {"question": "?" * 2000}}),
    ("POST", "/ask", {"json": {"question": "水土保持率" * 400}}),
    ("GET", "/tasks?unit=%00%01&due_before=1900-01-01", {}),
    ("GET", "/targets?indicator=%25&scope=_", {}),
    ("GET", "/tasks?unit=", {}),
]

WRITES: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/documents", {"files": {"file": ("../../evil.exe", b"MZ\x00\x00")}}),
    ("POST", "/documents", {"files": {"file": ("../../etc/passwd.pdf", b"root:x:0:0:root")}}),
    ("POST", "/documents", {"files": {"file": ("..\\..\\win.ini.docx", b"[fonts]")}}),
    ("POST", "/documents", {"files": {"file": ("a.pdf", b"%PDF-1.4\n%broken")}}),
    ("POST", "/documents", {"files": {"file": ("a.docx", b"PK\x03\x04 not a zip")}}),
    ("POST", "/documents", {"files": {"file": ("a.html", b"\x00" * 2000)}}),
    ("POST", "/documents", {"files": {"file": ("a.txt", bytes(range(256)) * 8)}}),
    ("POST", "/documents", {"files": {"file": ("", b"hello")}}),
    ("POST", "/documents", {"files": {"file": ("..", b"hello")}}),
    ("POST", "/documents", {"files": {"file": ("n" * 300 + ".txt", b"hello")}}),
    ("POST", "/documents", {"files": {"other": ("a.txt", b"hello")}}),
    ("POST", "/documents", {"data": {"file": "a string, not a file"}}),
    ("POST", "/documents", {"json": {"file": "a.txt"}}),
    ("POST", "/documents", {"content": b"just bytes", "headers": {"content-type": "text/plain"}}),
    ("POST", "/documents", multipart("--xxBOUNDARYxx\nContent-Disposition: form-data; name=\"file\"; "
                                     "filename=\"a.txt\"\n\nno closing boundary")),
    ("POST", "/documents", multipart("garbage without any boundary at all")),
    ("POST", "/documents", multipart("--xxBOUNDARYxx--\n")),
    ("POST", "/documents", multipart("--other\nContent-Disposition: form-data; name=\"file\"\n\nx\n--other--\n")),
    ("POST", "/documents", {"content": b"--x\r\n", "headers": {"content-type": "multipart/form-data"}}),
    ("POST", "/documents", {"content": b"", "headers": {"content-type": "multipart/form-data; boundary="}}),
    ("DELETE", "/documents/nonexistent", {}),
    ("DELETE", "/documents/%00", {}),
]


@pytest.fixture(scope="module")
def reader(corpus_home_dir: Path) -> Iterator[TestClient]:
    """The corpus home with writes refused (it is shared by the session and must stay unchanged)."""
    with TestClient(create_app(corpus_home_dir, settings=Settings(host="0.0.0.0")),
                    raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    home = tmp_path_factory.mktemp("hostile") / "home"
    with TestClient(create_app(home, embedder="hash", settings=Settings(max_upload_mb=1)),
                    raise_server_exceptions=False, base_url=LOCAL) as c:
        yield c


def assert_json_4xx(r: Any) -> None:
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    err = r.json()["error"]
    assert isinstance(err["code"], str) and isinstance(err["message"], str) and err["message"]
    assert len(r.content) < 20_000  # no echo of a 100k input


@pytest.mark.parametrize(("method", "path", "kw"), READS, ids=[f"{m} {p[:40]} {i}" for i, (m, p, _) in enumerate(READS)])
def test_hostile_reads_are_4xx(reader: TestClient, method: str, path: str, kw: dict[str, Any]) -> None:
    assert_json_4xx(reader.request(method, path, **kw))


@pytest.mark.parametrize(("method", "path", "kw"), ACCEPTED,
                         ids=[f"{m} {p[:30]} {i}" for i, (m, p, _) in enumerate(ACCEPTED)])
def test_odd_but_valid_inputs_are_answered(reader: TestClient, method: str, path: str, kw: dict[str, Any]) -> None:
    r = reader.request(method, path, **kw)
    assert r.status_code == 200, r.text[:300]


@pytest.mark.parametrize(("method", "path", "kw"), WRITES, ids=[f"{m} {i}" for i, (m, _, _) in enumerate(WRITES)])
def test_hostile_writes_are_4xx(writer: TestClient, method: str, path: str, kw: dict[str, Any]) -> None:
    assert_json_4xx(writer.request(method, path, **kw))


def test_writes_on_the_read_only_app_are_refused(reader: TestClient) -> None:
    r = reader.post("/documents", files={"file": ("a.txt", b"hello")})
    assert r.status_code == 403
    assert reader.delete("/documents/abc").status_code == 403


def test_control_characters_are_removed_before_searching(reader: TestClient) -> None:
    r = reader.post("/search", json={"query": "\x00崩岗\u200b治理\x1b", "k": 3})
    assert r.status_code == 200 and r.json()["query"] == "崩岗治理"


# -- generated from the OpenAPI --------------------------------------------------------------
READ_OPERATIONS = [("GET", "/health"), ("POST", "/search"), ("POST", "/ask"), ("GET", "/documents"),
                   ("GET", "/documents/{doc_id}/text"), ("GET", "/tasks"), ("GET", "/targets"), ("GET", "/units"),
                   ("GET", "/crosscheck"), ("POST", "/documents"), ("DELETE", "/documents/{doc_id}")]
WRITE_OPERATIONS = [("POST", "/documents"), ("DELETE", "/documents/{doc_id}")]


@pytest.fixture(scope="module")
def read_schema(corpus_home_dir: Path) -> Any:
    """Schemathesis runs the app's lifespan itself (once per app, kept for the process)."""
    app = create_app(corpus_home_dir, settings=Settings(host="0.0.0.0"))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def as_local(app: Any) -> Any:
    """The app as a client on loopback reaches it: with `Host: 127.0.0.1` (schemathesis says `testserver`)."""

    async def wrapped(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k != b"host"] + [(b"host", b"127.0.0.1")]}
        await app(scope, receive, send)

    return wrapped


@pytest.fixture(scope="module")
def write_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    app = create_app(tmp_path_factory.mktemp("fuzz") / "home", embedder="hash", settings=Settings(max_upload_mb=1))
    return schemathesis.openapi.from_asgi("/openapi.json", as_local(app))


def fuzz(schema: Any, method: str, path: str, examples: int) -> None:
    """Valid requests (positive) and requests that break the schema (negative): none may get a 5xx."""
    operation = schema[path][method]
    strategy = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(GenerationMode.NEGATIVE)

    @given(case=strategy)
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def never_5xx(case: Any) -> None:
        case.call_and_validate(checks=[not_a_server_error])

    never_5xx()


@pytest.mark.parametrize(("method", "path"), READ_OPERATIONS, ids=[f"{m} {p}" for m, p in READ_OPERATIONS])
def test_generated_requests_never_5xx(read_schema: Any, method: str, path: str) -> None:
    fuzz(read_schema, method, path, examples=40)


@pytest.mark.parametrize(("method", "path"), WRITE_OPERATIONS, ids=[f"{m} {p}" for m, p in WRITE_OPERATIONS])
def test_generated_writes_never_5xx(write_schema: Any, method: str, path: str) -> None:
    fuzz(write_schema, method, path, examples=30)


# -- issue 15: cross-site writes, DNS rebinding, keyless uploads, bad settings ------------------------
def _served_home(tmp_path: Path) -> tuple[Path, str]:
    from index.home import Home

    home = Home(tmp_path / "home", embedder="hash")
    report = home.ingest_bytes("plan.txt", "一、总则\n鹰嘴岩片区水土保持由县水利局负责。\n".encode())
    home.close()
    return tmp_path / "home", report.ingested[0]["doc_id"]


def test_cross_site_writes_and_foreign_hosts_are_refused_on_a_real_server(tmp_path: Path) -> None:
    import time

    import httpx

    from tests.live_server import live_server

    home, doc_id = _served_home(tmp_path)
    upload = {"file": ("evil.txt", "县林业局负责。".encode(), "text/plain")}
    with live_server(home, "--embedder", "hash") as base:
        port = base.rsplit(":", 1)[1]
        listed = httpx.get(base + "/documents", timeout=30).json()
        started = time.monotonic()
        for headers, status, code in [({"Origin": "http://evil.example"}, 403, "foreign_origin"),
                                      ({"Origin": "null"}, 403, "foreign_origin"),
                                      ({"Host": "evil.example"}, 421, "wrong_host"),
                                      ({"Host": f"rebound.example:{port}", "Origin": f"http://rebound.example:{port}"},
                                       421, "wrong_host")]:
            r = httpx.post(base + "/documents", files=upload, headers=headers, timeout=30)
            assert (r.status_code, r.json()["error"]["code"]) == (status, code), (headers, r.text)
            r = httpx.delete(f"{base}/documents/{doc_id}", headers=headers, timeout=30)
            assert r.status_code == status
        r = httpx.get(base + "/documents", headers={"Host": "rebound.example"}, timeout=30)  # reads too
        assert r.status_code == 421
        assert time.monotonic() - started < 10
        assert httpx.get(base + "/documents", timeout=30).json() == listed  # nothing changed
        r = httpx.post(base + "/documents", files=upload, headers={"Origin": base}, timeout=60)  # the page itself
        assert r.status_code == 201, r.text
        for header, value in [("x-content-type-options", "nosniff"), ("x-frame-options", "DENY")]:
            assert r.headers[header] == value
        page = httpx.get(base + "/", timeout=30)
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_the_api_key_is_checked_before_the_body_is_read(tmp_path: Path) -> None:
    import socket
    import time

    from tests.live_server import live_server

    home, _ = _served_home(tmp_path)
    with live_server(home, "--embedder", "hash", env={"POLICYKB_API_KEY": "s3cret"}) as base:
        port = int(base.rsplit(":", 1)[1])
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        try:
            started = time.monotonic()
            s.sendall(b"POST /documents HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: multipart/form-data; "
                      b"boundary=x\r\ncontent-length: 20000000\r\n\r\n--x\r\n")  # 20 MB announced, never sent
            reply = s.recv(65536)
            assert reply.startswith(b"HTTP/1.1 401"), reply[:200]
            assert time.monotonic() - started < 5
        finally:
            s.close()


def _cli(*args: str, env: dict[str, str] | None = None) -> Any:
    import os
    import subprocess

    from tests.live_server import policykb_command

    return subprocess.run([*policykb_command(), *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_bad_settings_are_one_line_errors(tmp_path: Path) -> None:
    assert _cli("--help", env={"POLICYKB_LOCK_WAIT": "soon"}).returncode == 0
    for env, args, name in [({"POLICYKB_LOCK_WAIT": "soon"}, ["documents"], "POLICYKB_LOCK_WAIT"),
                            ({"POLICYKB_HEADER_TIMEOUT": "nan"}, ["serve"], "POLICYKB_HEADER_TIMEOUT"),
                            ({"POLICYKB_MAX_PAGES": "0"}, ["documents"], "POLICYKB_MAX_PAGES"),
                            ({}, ["serve", "--port", "99999"], "--port")]:
        done = _cli("--home", str(tmp_path / "h"), *args, env=env)
        assert done.returncode == 2 and name in done.stderr and "Traceback" not in done.stderr, done.stderr
    bad_home = tmp_path / "a-file"
    bad_home.write_text("not a folder")
    done = _cli("--home", str(bad_home), "serve", "--port", "1")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_a_damaged_index_manifest_is_rebuilt_or_an_error_never_an_empty_result(tmp_path: Path) -> None:
    import json

    home, _ = _served_home(tmp_path)
    (home / "index" / "manifest.json").write_text("{ damaged")
    done = _cli("--home", str(home), "search", "鹰嘴岩片区", "--mode", "bm25", "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["hits"], done.stderr  # rebuilt from the store
    from filelock import FileLock

    (home / "index" / "manifest.json").write_text("{ damaged")
    with FileLock(str(home / "write.lock")):  # a writer at work: no rebuild now, so an error
        done = _cli("--home", str(home), "search", "鹰嘴岩片区", "--json")
    assert done.returncode != 0 and json.loads(done.stdout)["error"]["code"] == "index_state"
