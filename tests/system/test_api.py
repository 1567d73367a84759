"""The HTTP API end to end: every endpoint of CONTRACT.md over the real corpus home.

Breadth runs in process (TestClient over `create_app`, lifespan included); the contract is
also checked against a real `policykb serve` (uvicorn on 127.0.0.1) with httpx. Writes run
on fresh homes with the deterministic `hash` embedder.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from ingest.settings import Settings
from tests.live_server import live_server

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
QUESTION = "崩岗治理由哪些单位负责？"
ROUTES = {("GET", "/health"), ("POST", "/search"), ("POST", "/ask"), ("GET", "/documents"),
          ("POST", "/documents"), ("DELETE", "/documents/{doc_id}"), ("GET", "/documents/{doc_id}/text"),
          ("GET", "/tasks"), ("GET", "/targets"), ("GET", "/units"), ("GET", "/crosscheck")}
SUMMARY_KEYS = {"doc_id", "source", "title", "lang", "pages", "chunks", "tasks", "targets"}
CITATION_KEYS = {"doc_id", "source", "section", "page", "start", "end", "quote"}
ANSWER_KEYS = {"question", "type", "answer", "units", "deadlines", "targets", "citations", "confidence"}

LOCAL = "http://127.0.0.1"  # the Host a loopback server answers (api.http.guard)


@pytest.fixture(scope="module")
def client(corpus_home_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(corpus_home_dir, settings=Settings()), base_url=LOCAL) as c:
        yield c


@pytest.fixture(scope="module")
def server(corpus_home_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(corpus_home_dir, log=tmp_path_factory.mktemp("server") / "serve.log") as base:
        yield base


@pytest.fixture(scope="module")
def texts(client: TestClient) -> dict[str, str]:
    return {d["doc_id"]: client.get(f"/documents/{d['doc_id']}/text").json()["text"]
            for d in client.get("/documents").json()}


def assert_exact(citations: list[dict[str, Any]], texts: dict[str, str]) -> None:
    for c in citations:
        assert set(c) >= CITATION_KEYS
        assert texts[c["doc_id"]][c["start"]:c["end"]] == c["quote"], c


# -- the surface -----------------------------------------------------------------------------
def test_openapi_lists_every_route_with_a_model_and_a_docstring(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    found = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert found >= ROUTES
    for method, path in ROUTES:
        op = spec["paths"][path][method.lower()]
        assert op.get("description"), f"{method} {path} has no docstring"
        ok = op["responses"].get("200") or op["responses"].get("201")
        assert ok and ok["content"]["application/json"]["schema"], f"{method} {path} has no response model"
        if method != "GET" and path != "/documents/{doc_id}":
            assert "422" in op["responses"] or "415" in op["responses"]
    schemas = spec["components"]["schemas"]
    for name in ("SearchRequest", "AskRequest", "Hit", "Answer", "DocSummary", "Task", "Target", "Finding",
                 "ErrorResponse"):
        assert name in schemas
    assert schemas["SearchRequest"]["properties"]["k"]["maximum"] == 100
    assert schemas["SearchRequest"]["properties"]["query"]["maxLength"] == 2000
    assert schemas["SearchRequest"].get("examples")
    docs = client.get("/docs")
    assert docs.status_code == 200 and "https://" not in docs.text  # Swagger UI from the package, no CDN
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200


def test_health(client: TestClient) -> None:
    h = client.get("/health").json()
    assert h["status"] == "ok" and h["documents"] == 5 and h["writes"] == "open"


def test_documents_and_text_slices(client: TestClient, texts: dict[str, str]) -> None:
    docs = client.get("/documents").json()
    assert len(docs) == 5 and all(set(d) >= SUMMARY_KEYS for d in docs)
    doc_id = docs[0]["doc_id"]
    whole = client.get(f"/documents/{doc_id}/text").json()
    assert whole["start"] == 0 and whole["end"] == whole["length"] == len(whole["text"])
    part = client.get(f"/documents/{doc_id}/text", params={"start": 10, "end": 50}).json()
    assert part["text"] == whole["text"][10:50] and (part["start"], part["end"]) == (10, 50)
    assert client.get(f"/documents/{doc_id}/text", params={"start": 5}).json()["text"] == whole["text"][5:]
    empty = client.get(f"/documents/{doc_id}/text", params={"start": 7, "end": 7}).json()
    assert empty["text"] == ""
    assert client.get(f"/documents/{doc_id}/text", params={"end": len(whole["text"]) + 1}).status_code == 422
    assert client.get(f"/documents/{doc_id}/text", params={"start": 9, "end": 3}).status_code == 422


def test_search_hits_cite_exact_spans_with_scores(client: TestClient, texts: dict[str, str]) -> None:
    r = client.post("/search", json={"query": "崩岗治理 责任单位", "k": 5})
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == "崩岗治理 责任单位" and body["mode"] == "hybrid"
    hits = body["hits"]
    assert 1 <= len(hits) <= 5
    assert_exact(hits, texts)
    for h in hits:
        assert {"chunk_id", "text", "score", "scores"} <= set(h) and set(h["scores"]) >= {"bm25", "dense"}
        assert h["quote"] in h["text"]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_repeated_searches_and_questions_come_from_the_cache(client: TestClient) -> None:
    hits_before = client.get("/health").json()["cache"]
    body = {"query": "淤地坝 除险加固", "k": 7}
    first, second = client.post("/search", json=body).json(), client.post("/search", json=body).json()
    assert first == second
    client.post("/ask", json={"question": "淤地坝由谁负责？"})
    client.post("/ask", json={"question": "淤地坝由谁负责？"})
    after = client.get("/health").json()["cache"]
    assert after["search"]["hits"] == hits_before["search"]["hits"] + 1
    assert after["ask"]["hits"] == hits_before["ask"]["hits"] + 1


@pytest.mark.parametrize("mode", ["bm25", "dense"])
def test_search_modes_and_document_filter(client: TestClient, mode: str) -> None:
    doc_id = next(d["doc_id"] for d in client.get("/documents").json() if d["source"].startswith("004"))
    r = client.post("/search", json={"query": "水土保持率", "k": 3, "mode": mode, "doc_ids": [doc_id]})
    assert r.status_code == 200 and r.json()["mode"] == mode
    assert r.json()["hits"] and {h["doc_id"] for h in r.json()["hits"]} == {doc_id}


def test_search_english_and_unknown_filter(client: TestClient) -> None:
    r = client.post("/search", json={"query": "soil and water conservation rate target", "k": 10})
    assert r.status_code == 200 and len(r.json()["hits"]) == 10
    r = client.post("/search", json={"query": "水土", "doc_ids": ["0000000000000000"]})
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_ask_answers_with_exact_citations(client: TestClient, texts: dict[str, str]) -> None:
    r = client.post("/ask", json={"question": QUESTION})
    assert r.status_code == 200
    a = r.json()
    assert set(a) >= ANSWER_KEYS and a["question"] == QUESTION
    assert a["type"] != "none" and a["citations"] and a["answer"]
    assert_exact(a["citations"], texts)


def test_tasks_filters(client: TestClient) -> None:
    tasks = client.get("/tasks").json()
    assert tasks and {"task_id", "units", "deadlines", "citation", "ongoing"} <= set(tasks[0])
    due = client.get("/tasks", params={"due_before": "2024-01-01"}).json()
    assert due and len(due) < len(tasks)
    assert all(any(d["date"] and d["date"] < "2024-01-01" for d in t["deadlines"]) for t in due)
    unit = next(u["name"] for t in tasks for u in t["units"])
    by_unit = client.get("/tasks", params={"unit": unit}).json()
    assert by_unit and all(any(unit in u["name"] or unit in u["normalized"] for u in t["units"]) for t in by_unit)
    doc = tasks[0]["doc_id"]
    assert {t["doc_id"] for t in client.get("/tasks", params={"doc": doc}).json()} == {doc}
    assert client.get("/tasks", params={"doc": "nope"}).status_code == 404
    assert client.get("/tasks", params={"due_before": "2023-02-30"}).status_code == 422


def test_targets_units_crosscheck(client: TestClient, texts: dict[str, str]) -> None:
    targets = client.get("/targets").json()
    assert targets
    assert_exact([t["citation"] for t in targets], texts)
    rate = client.get("/targets", params={"indicator": "水土保持率"}).json()
    assert rate and all("水土保持率" in t["indicator"] + t["indicator_normalized"] for t in rate)
    units = client.get("/units").json()
    assert units and {"unit", "aliases", "tasks"} <= set(units[0]) and {"task_id", "role"} <= set(units[0]["tasks"][0])
    findings = client.get("/crosscheck").json()
    assert isinstance(findings, list)
    assert_exact([v["citation"] for f in findings for v in f["values"]], texts)


def test_page_and_static_files(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "/static/app.js" in page.text and "/static/style.css" in page.text
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "openDoc" in js.text
    assert "http" not in client.get("/static/style.css").text  # no CDN fonts or imports
    assert client.get("/static/../app.py").status_code == 404


# -- a real server ---------------------------------------------------------------------------
def test_real_server_contract(server: str) -> None:
    with httpx.Client(base_url=server, timeout=60) as http:
        assert http.get("/health").json()["status"] == "ok"
        docs = http.get("/documents").json()
        texts = {d["doc_id"]: http.get(f"/documents/{d['doc_id']}/text").json()["text"] for d in docs}
        hits = http.post("/search", json={"query": "生态清洁小流域", "k": 5}).json()["hits"]
        assert hits
        assert_exact(hits, texts)
        answer = http.post("/ask", json={"question": QUESTION}).json()
        assert set(answer) >= ANSWER_KEYS and answer["citations"]
        assert_exact(answer["citations"], texts)
        for path in ("/tasks", "/targets", "/units", "/crosscheck", "/openapi.json", "/"):
            assert http.get(path).status_code == 200, path
        err = http.get("/documents/nonexistent/text")
        assert err.status_code == 404 and set(err.json()["error"]) >= {"code", "message"}
        bad = http.post("/search", content=b"{not json", headers={"content-type": "application/json"})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"


def test_real_server_serves_parallel_searches(server: str) -> None:
    """Eight clients at once all get answers (the routes run in the threadpool)."""
    statuses: list[int] = []

    def worker() -> None:
        with httpx.Client(base_url=server, timeout=60) as http:
            for q in ("水土保持率目标", "崩岗治理", "monitoring"):
                statuses.append(http.post("/search", json={"query": q, "k": 10}).status_code)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200] * 24


# -- writes ----------------------------------------------------------------------------------
@pytest.fixture()
def writable(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "home", embedder="hash", settings=Settings()), base_url=LOCAL) as c:
        yield c


def upload(client: TestClient, name: str, data: bytes, **kw: Any) -> httpx.Response:
    return client.post("/documents", files={"file": (name, data, "application/octet-stream")}, **kw)


def test_upload_search_text_and_remove(writable: TestClient) -> None:
    data = (CORPUS / "002_c523826dc1e3ad33.txt").read_bytes()
    query = {"query": "崩岗治理", "k": 3}
    assert writable.post("/search", json=query).json()["hits"] == []  # cached for the empty state only
    r = upload(writable, "兴国县实施方案.txt", data)
    assert r.status_code == 201, r.text
    doc = r.json()
    assert set(doc) >= SUMMARY_KEYS and doc["status"] == "ingested" and doc["source"] == "兴国县实施方案.txt"
    assert doc["chunks"] > 0
    again = upload(writable, "兴国县实施方案.txt", data)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert [d["doc_id"] for d in writable.get("/documents").json()] == [doc["doc_id"]]
    hits = writable.post("/search", json=query).json()["hits"]
    assert hits and hits[0]["doc_id"] == doc["doc_id"]
    text = writable.get(f"/documents/{doc['doc_id']}/text").json()["text"]
    assert all(text[h["start"]:h["end"]] == h["quote"] for h in hits)
    assert writable.get("/tasks", params={"doc": doc["doc_id"]}).json()
    assert writable.delete(f"/documents/{doc['doc_id']}").json() == {"removed": doc["doc_id"]}
    assert writable.delete(f"/documents/{doc['doc_id']}").status_code == 404
    assert writable.get(f"/documents/{doc['doc_id']}/text").status_code == 404
    assert writable.post("/search", json=query).json()["hits"] == []
    assert writable.get("/health").json()["cache"]["search"]["hits"] == 0  # every state change missed


def test_upload_rejections(writable: TestClient) -> None:
    r = upload(writable, "../../evil.exe", b"MZ\x00\x00")
    assert r.status_code == 415 and r.json()["error"]["code"] == "unsupported_format"
    assert upload(writable, "noext", b"hello").status_code == 415
    r = upload(writable, "../../etc/passwd.pdf", b"root:x:0:0")
    assert r.status_code == 422 and "passwd.pdf" in r.json()["error"]["message"]
    assert "../" not in r.json()["error"]["message"]
    assert upload(writable, "empty.txt", b"").status_code == 422
    assert writable.post("/documents", data={"file": "not a file"}).status_code == 422
    assert writable.post("/documents").status_code == 422
    assert writable.get("/documents").json() == []


def test_uploads_past_the_concurrency_limit_get_429(tmp_path: Path) -> None:
    app = create_app(tmp_path / "home", embedder="hash", settings=Settings(max_ingests=1))
    with TestClient(app, base_url=LOCAL) as c:
        assert app.state.ingest_slots.acquire(blocking=False)  # one upload is being ingested
        try:
            r = upload(c, "a.txt", "县水利局负责监测。".encode())
            assert r.status_code == 429 and r.json()["error"]["code"] == "too_many_ingests"
            assert r.headers["retry-after"]
        finally:
            app.state.ingest_slots.release()
        assert upload(c, "a.txt", "县水利局负责监测。".encode()).status_code == 201


def test_upload_size_limit(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "home", embedder="hash", settings=Settings(max_upload_mb=0.01)), base_url=LOCAL) as c:
        r = upload(c, "big.txt", "水土保持。".encode() * 4000)
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
        r = upload(c, "huge.txt", b"x" * (3 * 1024 * 1024))  # past the body limit itself
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
        assert upload(c, "small.txt", "水土保持率达到75%。".encode()).status_code == 201


def test_chunked_upload_past_the_limit_is_413_on_a_real_server(tmp_path: Path) -> None:
    """Without a Content-Length the body is counted as it arrives and cut off at the limit."""
    head = (b'--bnd\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n")

    def body() -> Iterator[bytes]:
        yield head
        for _ in range(40):
            yield "水土保持。".encode() * 20_000  # 40 x 300 kB = 12 MB against a 2 MB limit
        yield b"\r\n--bnd--\r\n"

    with live_server(tmp_path / "home", "--embedder", "hash", env={"POLICYKB_MAX_UPLOAD_MB": "1"},
                     log=tmp_path / "serve.log") as base:
        r = httpx.post(base + "/documents", content=body(), timeout=60,
                       headers={"content-type": "multipart/form-data; boundary=bnd"})
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
        assert httpx.get(base + "/documents").json() == []


def test_writes_need_the_key_when_one_is_set(tmp_path: Path) -> None:
    app = create_app(tmp_path / "home", embedder="hash", settings=Settings(host="0.0.0.0", api_key="s3cret"))
    with TestClient(app, base_url=LOCAL) as c:
        data = "县水利局负责监测。".encode()
        assert c.get("/health").json()["writes"] == "key"
        r = upload(c, "a.txt", data)
        assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
        assert upload(c, "a.txt", data, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert upload(c, "a.txt", data, headers={"Authorization": "Basic s3cret"}).status_code == 401
        r = upload(c, "a.txt", data, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 201
        doc_id = r.json()["doc_id"]
        assert c.delete(f"/documents/{doc_id}").status_code == 401
        assert c.delete(f"/documents/{doc_id}", headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_writes_refused_off_loopback_without_a_key(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "home", embedder="hash", settings=Settings(host="0.0.0.0"))) as c:
        assert c.get("/health").json()["writes"] == "refused"
        r = upload(c, "a.txt", "县水利局负责监测。".encode())
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
        assert c.delete("/documents/0123456789abcdef").status_code == 403
        assert c.get("/documents").status_code == 200


def test_settings_from_env() -> None:
    s = Settings.from_env({"POLICYKB_API_KEY": " k ", "POLICYKB_MAX_UPLOAD_MB": "2"}, host="::1")
    assert s.api_key == "k" and s.max_upload_bytes == 2 * 1024 * 1024 and s.loopback
    assert not Settings.from_env({}, host="192.168.1.5").loopback and Settings.from_env({}, host="localhost").loopback
    from ingest.errors import ConfigError

    with pytest.raises(ConfigError):
        Settings.from_env({"POLICYKB_MAX_UPLOAD_MB": "lots"})


def test_searches_go_on_during_an_ingest(tmp_path: Path) -> None:
    """A real server keeps answering /search, from the old or the new state, while an upload is ingested."""
    home = tmp_path / "home"
    with live_server(home, "--embedder", "hash", log=tmp_path / "serve.log") as base, \
            httpx.Client(base_url=base, timeout=120) as http:
        first = http.post("/documents", files={"file": ("a.txt", (CORPUS / "003_6069217e3a45af15.txt").read_bytes())})
        assert first.status_code == 201
        results: list[tuple[int, set[str]]] = []
        done = threading.Event()

        def searcher() -> None:
            with httpx.Client(base_url=base, timeout=60) as s:
                while not done.is_set():
                    r = s.post("/search", json={"query": "水土保持率 目标", "k": 5})
                    results.append((r.status_code, {h["doc_id"] for h in r.json().get("hits", [])}))

        threads = [threading.Thread(target=searcher) for _ in range(3)]
        for t in threads:
            t.start()
        t0 = time.monotonic()
        big = http.post("/documents", files={"file": ("b.txt", (CORPUS / "004_45aa246f4fe5a506.txt").read_bytes())})
        ingest_seconds = time.monotonic() - t0
        time.sleep(0.2)
        done.set()
        for t in threads:
            t.join()
        assert big.status_code == 201, big.text
        known = {first.json()["doc_id"], big.json()["doc_id"]}
        assert results and all(status == 200 and docs <= known for status, docs in results)
        assert len(results) >= 3 * max(1, int(ingest_seconds))  # searches were not held up by the ingest
        after = http.post("/search", json={"query": "水土保持率", "doc_ids": [big.json()["doc_id"]]}).json()
        assert after["hits"] and len(http.get("/documents").json()) == 2
