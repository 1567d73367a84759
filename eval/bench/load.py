"""A bounded load benchmark of the HTTP API on loopback (a benchmark, not a test).

Measures requests/s and latency percentiles of `POST /search` and `POST /ask` with 1, 8
and 32 concurrent clients. Every level sends a fixed number of requests and stops early
at a time cap, so a run always ends. By default it starts `policykb serve` itself on a
free 127.0.0.1 port over the home (ingesting `corpus/` first when the home is empty);
`--url` measures a server that is already running (loopback only).

    python -m eval.bench.load                      # default home, 1/8/32 clients
    python -m eval.bench.load --home /tmp/h --requests 400 --json
    python -m eval.bench.load --url http://127.0.0.1:8000 --fresh-connections

Clients keep their connection alive unless `--fresh-connections` (one TCP connection per
request, as urllib-based checkers do).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[2]
SEARCHES = ["水土保持率目标", "崩岗治理", "who is responsible for monitoring", "生态清洁小流域", "完成时限 2023年12月",
            "水土流失综合治理面积", "soil and water conservation rate 2025", "县水土保持局 牵头", "淤地坝 病险",
            "small watershed comprehensive management"]
QUESTIONS = ["崩岗治理由哪些单位负责？", "水土局牵头的任务有哪些、什么时候完成？", "重庆市2025年水土保持率目标是多少？",
             "Who is responsible for soil and water monitoring?", "生态清洁小流域建设存在哪些问题？"]


@dataclass
class Level:
    endpoint: str
    clients: int
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float


def run_clients(client: Callable[[], None], clients: int) -> float:
    """Run `clients` threads of `client` at once; the wall seconds until the last one ends."""
    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return time.perf_counter() - t0


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    i = min(len(sorted_values) - 1, max(0, int(round(q * len(sorted_values))) - 1))
    return sorted_values[i]


def run_level(base: str, endpoint: str, clients: int, total: int, max_seconds: float, fresh: bool) -> Level:
    """`total` requests from `clients` threads (or fewer when `max_seconds` runs out)."""
    path, key, items = ("/search", "query", SEARCHES) if endpoint == "search" else ("/ask", "question", QUESTIONS)
    counter = iter(range(total))
    lock = threading.Lock()
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + max_seconds

    def body(i: int) -> dict[str, object]:
        return {key: items[i % len(items)], "k": 10} if endpoint == "search" else {key: items[i % len(items)]}

    def worker() -> None:
        nonlocal errors
        limits = httpx.Limits(max_keepalive_connections=0 if fresh else 1)
        with httpx.Client(base_url=base, timeout=60, limits=limits) as http:
            while time.perf_counter() < deadline:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                t = time.perf_counter()
                try:
                    ok = http.post(path, json=body(i)).status_code == 200
                except httpx.HTTPError:
                    ok = False
                dt = time.perf_counter() - t
                with lock:
                    latencies.append(dt)
                    errors += 0 if ok else 1

    wall = run_clients(worker, clients)
    lat = sorted(latencies)
    return Level(endpoint, clients, len(lat), errors, round(wall, 2), round(len(lat) / wall, 1) if wall else 0.0,
                 round(percentile(lat, 0.50) * 1000, 1), round(percentile(lat, 0.95) * 1000, 1),
                 round(percentile(lat, 0.99) * 1000, 1))


# -- the server --------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _policykb() -> list[str]:
    exe = Path(sys.executable).parent / "policykb"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "api.cli"]


def _ensure_corpus(home: Path) -> None:
    out = subprocess.run([*_policykb(), "--home", str(home), "documents", "--json"], capture_output=True, text=True)
    if out.returncode == 0 and json.loads(out.stdout or "[]"):
        return
    print(f"ingesting {ROOT / 'corpus'} into {home} (first run; embedding takes a minute)...", file=sys.stderr)
    subprocess.run([*_policykb(), "--home", str(home), "ingest", "-q", str(ROOT / "corpus")], check=True)


@contextmanager
def served(home: Path, log: Path) -> Iterator[str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "POLICYKB_API_KEY"}
    with log.open("wb") as out:
        proc = subprocess.Popen([*_policykb(), "--home", str(home), "serve", "--host", "127.0.0.1", "--port",
                                 str(port)], stdout=out, stderr=subprocess.STDOUT, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    if httpx.get(base + "/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.3)
            else:
                raise SystemExit(f"the server did not start; see {log}")
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("127."):
        raise SystemExit(f"refusing to load {host}: this benchmark only targets loopback servers")


# -- main ------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench.load", description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--url", help="a running server on loopback (default: start one over --home)")
    p.add_argument("--home", default=os.environ.get("POLICYKB_HOME", ".policykb"), help="home to serve")
    p.add_argument("--clients", default="1,8,32", help="concurrency levels (default 1,8,32)")
    p.add_argument("--endpoints", default="search,ask", help="search and/or ask (default both)")
    p.add_argument("--requests", type=int, default=400, help="requests per level for /search (default 400)")
    p.add_argument("--ask-requests", type=int, default=100, help="requests per level for /ask (default 100)")
    p.add_argument("--max-seconds", type=float, default=60.0, help="time cap per level (default 60)")
    p.add_argument("--fresh-connections", action="store_true", help="a new TCP connection for every request")
    p.add_argument("--json", action="store_true", help="print the results as one JSON document")
    args = p.parse_args(argv)
    levels = [int(c) for c in args.clients.split(",") if c.strip()]
    endpoints = [e.strip() for e in args.endpoints.split(",") if e.strip() in ("search", "ask")]

    def measure(base: str) -> list[Level]:
        results = []
        with httpx.Client(base_url=base, timeout=60) as http:  # warm-up
            for q in SEARCHES:
                http.post("/search", json={"query": q, "k": 10})
            for q in QUESTIONS:
                http.post("/ask", json={"question": q})
        for endpoint in endpoints:
            n = args.requests if endpoint == "search" else args.ask_requests
            for c in levels:
                level = run_level(base, endpoint, c, n, args.max_seconds, args.fresh_connections)
                results.append(level)
                if not args.json:
                    print(f"{level.endpoint:<7} clients={level.clients:<3} n={level.requests:<5} "
                          f"errors={level.errors:<3} {level.rps:>7.1f} req/s  p50 {level.p50_ms:>6.1f} ms  "
                          f"p95 {level.p95_ms:>6.1f} ms  p99 {level.p99_ms:>6.1f} ms", flush=True)
        return results

    if args.url:
        _check_loopback(args.url)
        results = measure(args.url.rstrip("/"))
    else:
        home = Path(args.home)
        _ensure_corpus(home)
        with served(home, home / "bench-serve.log") as base:
            results = measure(base)
    if args.json:
        print(json.dumps({"fresh_connections": args.fresh_connections, "levels": [asdict(r) for r in results]}))
    return 0 if all(r.errors == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
