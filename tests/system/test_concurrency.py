"""Concurrent use of one home, and a real server under uploads, limits and slow clients.

- Two `policykb ingest` processes on one home serialise: the second says on stderr that it
  waits, then completes; with POLICYKB_LOCK_WAIT it gives up cleanly (exit 2, JSON error).
- A real `policykb serve` on 127.0.0.1 keeps answering searches while `POST /documents`
  ingests, and every answer comes from one published build: the result of a query is
  either the one before the upload or the one after it, and never goes back.
- The server's limits on a real socket: JSON body size, upload size, query length, one
  ingest at a time (429 for the next), and slow clients (headers or body trickled in, or
  oversized headers) are cut off while everyone else is served.

Every wait is a bounded loop; nothing leaves loopback.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from filelock import FileLock

from index.home import Home
from tests.live_server import live_server, policykb_command

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
WAITING = "another process is writing to"
MARKER = "蓄水保土示范工程"  # in no corpus document


def corpus_part(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    shutil.copy(CORPUS / "manifest.json", folder / "manifest.json")
    return folder


def ingest(home: Path, docs: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    cmd = [*policykb_command(), "--home", str(home), "--embedder", "hash", "ingest", "-q", "--json", str(docs)]
    full_env = {**os.environ, **env} if env else None
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full_env)


def wait_for_line(stream: Any, needle: str, timeout: float = 120) -> str:
    """Read `stream` in a thread until a line holds `needle` (bounded); returns what was read."""
    seen: list[str] = []
    found = threading.Event()

    def reader() -> None:
        for line in stream:
            seen.append(line)
            if needle in line:
                found.set()
                return

    threading.Thread(target=reader, daemon=True).start()
    found.wait(timeout)
    assert found.is_set(), f"no line with {needle!r} within {timeout:.0f} s: {''.join(seen)[-2000:]}"
    return "".join(seen)


def assert_index_covers_store(home_dir: Path) -> None:
    home = Home(home_dir, embedder="hash")
    try:
        assert not home.index_behind()
        manifest = json.loads((home_dir / "index" / "manifest.json").read_text())
        assert manifest["generation"] == home.store.generation()
        assert manifest["counts"]["chunks"] == len(home.store.chunks())
    finally:
        home.close()


# -- two writers -----------------------------------------------------------------------------
def test_a_second_ingest_waits_for_the_first_and_says_so(tmp_path: Path) -> None:
    home = tmp_path / "home"
    docs = corpus_part(tmp_path / "docs", ["002_c523826dc1e3ad33.txt"])
    Home(home, embedder="hash").close()
    lock = FileLock(str(home / "write.lock"))  # what a first writer holds while it ingests
    lock.acquire()
    try:
        proc = ingest(home, docs)
        wait_for_line(proc.stderr, WAITING)
        assert proc.poll() is None  # still waiting
        assert Home(home, embedder="hash").store.documents() == []
    finally:
        lock.release()
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0
    assert len(json.loads(out)["ingested"]) == 1
    assert_index_covers_store(home)


def test_a_writer_that_cannot_wait_fails_cleanly(tmp_path: Path) -> None:
    home = tmp_path / "home"
    docs = corpus_part(tmp_path / "docs", ["002_c523826dc1e3ad33.txt"])
    Home(home, embedder="hash").close()
    lock = FileLock(str(home / "write.lock"))
    with lock:
        proc = ingest(home, docs, env={"POLICYKB_LOCK_WAIT": "1"})
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2
    assert json.loads(out)["error"]["code"] == "busy"
    assert WAITING in err and "busy" in err and "Traceback" not in err
    assert Home(home, embedder="hash").store.documents() == []


def test_two_ingests_at_once_both_complete_one_after_the_other(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = corpus_part(tmp_path / "a", ["001_abb812c91cfc6e7e.txt", "004_45aa246f4fe5a506.txt"])
    second = corpus_part(tmp_path / "b", ["002_c523826dc1e3ad33.txt", "003_6069217e3a45af15.txt"])
    procs = [ingest(home, first), ingest(home, second)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outs]
    assert sum(len(json.loads(out)["ingested"]) for out, _ in outs) == 4
    home_ = Home(home, embedder="hash")
    assert len(home_.store.documents()) == 4
    home_.close()
    assert_index_covers_store(home)


# -- a real server ---------------------------------------------------------------------------
SERVER_ENV = {"POLICYKB_MAX_UPLOAD_MB": "8", "POLICYKB_MAX_INGESTS": "1", "POLICYKB_HEADER_TIMEOUT": "2",
              "POLICYKB_BODY_TIMEOUT": "4", "POLICYKB_CACHE_SIZE": "0"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("served")
    home = root / "home"
    docs = corpus_part(root / "docs", ["001_abb812c91cfc6e7e.txt", "002_c523826dc1e3ad33.txt",
                                       "004_45aa246f4fe5a506.txt"])
    h = Home(home, embedder="hash")
    assert not h.ingest([docs]).failed
    h.close()
    with live_server(home, env=SERVER_ENV, log=root / "serve.log") as base:
        yield base, home


def search(base: str, query: str, **kw: Any) -> list[tuple[str, int, int]]:
    r = httpx.post(base + "/search", json={"query": query, "k": 10, **kw}, timeout=60)
    assert r.status_code == 200, r.text
    return [(h["chunk_id"], h["start"], h["end"]) for h in r.json()["hits"]]


def big_document(n_paragraphs: int) -> bytes:
    lines = ["某县水土保持示范区建设实施方案", "一、总体要求"]
    for i in range(n_paragraphs):
        what = MARKER if i == n_paragraphs // 2 else "坡耕地综合整治"  # the marker in one paragraph only
        lines.append(f"({i % 9 + 1})第{i}片区开展{what}建设,新增治理面积{i % 97 + 3}平方公里。"
                     "(责任单位:县水利局牵头,县财政局配合。完成时限:2025年底前)")
    return "\n".join(lines).encode("utf-8")


def test_searches_go_on_during_an_upload_and_see_one_build_at_a_time(server: tuple[str, Path]) -> None:
    """BM25 results are the ones before the upload until its text is published, then the ones after;
    hybrid results also move as its vectors are published part by part, but never go back."""
    base, _ = server
    queries = [(MARKER + " 责任单位", "bm25"), ("水土保持率 目标值", "bm25"), (MARKER + " 责任单位", "hybrid")]
    before = [search(base, q, mode=m) for q, m in queries]
    data = big_document(6000)  # about 0.7 MB: seconds of parsing, during which searches must go on
    result: dict[str, Any] = {}

    def upload() -> None:
        r = httpx.post(base + "/documents?wait=true", files={"file": ("demo.txt", data, "text/plain")}, timeout=300)
        result["status"], result["body"] = r.status_code, r.json()

    thread = threading.Thread(target=upload)
    thread.start()
    seen: list[list[list[tuple[str, int, int]]]] = []
    during = 0
    while thread.is_alive() and len(seen) < 2000:
        seen.append([search(base, q, mode=m) for q, m in queries])
        during += thread.is_alive()
    thread.join(timeout=300)
    assert result["status"] == 201, result
    after = [search(base, q, mode=m) for q, m in queries]
    assert after[0] != before[0] and any(MARKER in h["quote"] for h in httpx.post(
        base + "/search", json={"query": MARKER, "k": 3, "mode": "bm25"}, timeout=60).json()["hits"])
    assert during >= 3, "the server answered no searches while it ingested"
    for i, (_, mode) in enumerate(queries):  # each query on its own: a state may be published between two
        if mode == "bm25":
            states = [0 if s[i] == before[i] else 1 if s[i] == after[i] else None for s in seen]
            assert None not in states, "a search saw neither the index before the upload nor the one after it"
            assert states == sorted(states), "a search went back to the older index"
        distinct: list[list[tuple[str, int, int]]] = []
        for s in [before[i], *[x[i] for x in seen], after[i]]:
            if not distinct or s != distinct[-1]:
                assert s not in distinct, "a search went back to an older state"
                distinct.append(s)
    httpx.delete(f"{base}/documents/{result['body']['doc_id']}", timeout=120)


def test_request_limits_on_a_real_socket(server: tuple[str, Path]) -> None:
    base, _ = server
    r = httpx.post(base + "/search", content=b'{"query": "' + b"x" * (2 * 1024 * 1024) + b'"}',
                   headers={"content-type": "application/json"}, timeout=60)
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    r = httpx.post(base + "/search", json={"query": "水" * 2001}, timeout=60)
    assert r.status_code == 422
    r = httpx.post(base + "/search", json={"query": "水土保持", "k": 1000}, timeout=60)
    assert r.status_code == 422
    r = httpx.post(base + "/documents", files={"file": ("big.txt", b"a" * (9 * 1024 * 1024), "text/plain")},
                   timeout=120)
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    assert httpx.get(base + "/health", timeout=30).status_code == 200


def test_one_ingest_at_a_time_and_searches_meanwhile(server: tuple[str, Path]) -> None:
    base, home = server
    statuses: list[int] = []

    def upload(name: str, text: str) -> None:
        r = httpx.post(base + "/documents", files={"file": (name, text.encode(), "text/plain")}, timeout=300)
        statuses.append(r.status_code)

    lock = FileLock(str(home / "write.lock"))  # another process writing: the first upload waits for it
    lock.acquire()
    try:
        threads = [threading.Thread(target=upload, args=(f"u{i}.txt", f"第{i}号通知。县水利局负责{MARKER}。"))
                   for i in range(2)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while not statuses and time.monotonic() < deadline:  # the upload that found no free slot
            time.sleep(0.1)
        assert statuses == [429]
        assert search(base, "水土保持")  # searches go on while an upload waits for the home
    finally:
        lock.release()
    for t in threads:
        t.join(timeout=300)
    assert sorted(statuses) == [201, 429]


def _slow_socket(port: int, head: bytes) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(head)
    return s


def _closed_by_server(s: socket.socket) -> bool:
    """Whether the server has answered and/or closed this connection (non-blocking look)."""
    s.settimeout(0.05)
    try:
        data = s.recv(65536)
    except TimeoutError:
        return False
    except OSError:
        return True
    return data == b"" or data.startswith(b"HTTP/1.1 4")


def test_slow_clients_are_cut_off_while_others_are_served(server: tuple[str, Path]) -> None:
    base, _ = server
    port = int(base.rsplit(":", 1)[1])
    slow_heads = [_slow_socket(port, b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ") for _ in range(20)]
    slow_body = _slow_socket(port, b"POST /search HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
                                   b"content-length: 100000\r\n\r\n{\"query\": \"")
    idle = socket.create_connection(("127.0.0.1", port), timeout=10)  # connects and says nothing
    slow = [*slow_heads, slow_body, idle]
    open_ = set(range(len(slow)))
    served = 0
    for _ in range(120):  # bounded: about 30 s at most
        for i in list(open_):
            with contextlib.suppress(OSError):
                slow[i].sendall(b"a")  # one byte at a time, never finishing
            if _closed_by_server(slow[i]):
                open_.discard(i)
        assert search(base, "水土保持")
        served += 1
        if not open_:
            break
        time.sleep(0.2)
    for s in slow:
        s.close()
    assert not open_, f"{len(open_)} slow connections were still held open"
    assert served >= 2


def test_an_oversized_request_head_is_refused(server: tuple[str, Path]) -> None:
    base, _ = server
    port = int(base.rsplit(":", 1)[1])
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        head = b"GET /health HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 1000)
                                                                 for i in range(200))
        with contextlib.suppress(OSError):  # the server may close before it has read everything
            s.sendall(head + b"\r\n")
        reply = b""
        try:
            while chunk := s.recv(65536):
                reply += chunk
        except OSError:
            pass
        assert reply.startswith(b"HTTP/1.1 400") or reply == b""
    finally:
        s.close()
    assert httpx.get(base + "/health", timeout=30).status_code == 200
