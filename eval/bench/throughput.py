"""Uncached search throughput against its compute floor (a benchmark, not a test).

    python -m eval.bench.throughput --home DIR [--clients 8] [--requests 400] [--json]

1. **The floor**, in this process on one thread: for a sample of distinct queries, the CPU time
   (`time.thread_time`) of what an uncached hybrid query cannot avoid - the e5 and USE query
   embeddings, BM25 scoring with its top rows, and the nearest-vector search of each embedder -
   first one query at a time (a sample of the server's queries, so both see the same mix of short
   questions and longer sentences), then with the embeddings in batches of `--batch` as the server's
   micro-batcher forms them under load (`index.query_batcher`), and last with every core
   embedding at once (e5 runs one model handle per core; cores embedding together share caches
   and memory bandwidth, so a query costs more CPU than alone). The throughput floor is the
   number of cores over that CPU time per query. The whole `LocalBackend.search` is timed the
   same way, so what lies above the floor (fusion, snippets, the store) is visible.
2. **In process**: `--clients` threads calling `LocalBackend.search` on the server's queries, no
   HTTP: queries/s, CPU milliseconds a query (this process, all threads) against the same queries
   searched one after another, and the mean size of the batches the micro-batcher formed. It
   separates what concurrency costs (CPU a query above the serial one) from what HTTP costs
   (the server's CPU a request above this), and says which batched floor the load can reach.
3. **The server**: `policykb serve` over the home with the result cache off (POLICYKB_CACHE_SIZE=0),
   `--clients` keep-alive clients sending `--requests` `/search` requests, every query distinct
   (the gold questions, then sentences of the home's own chunks). Requests/s, p50 and p95.

The load average is printed with the figures: on a shared machine other work takes cores too,
so the server's own CPU time is read too (`/proc`): its CPU milliseconds a request beside the
floor's say how much it spends above the floor, and its cores used say how much of the machine
it got (the floor's requests/s assume every core).
Issue 16's bar: throughput >= 0.85 x the floor, p95 <= 150 ms at 8 clients on a 100k-chunk home
(`python -m eval.bench.retrieval --sizes 100000` builds one from generated vectors).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from eval.bench.load import percentile, run_clients, served

ROOT = Path(__file__).resolve().parents[2]
GOLD = [ROOT / "eval" / "gold" / "qa.jsonl", ROOT / "eval" / "dev" / "zh" / "gold" / "qa.jsonl",
        ROOT / "eval" / "dev" / "en" / "gold" / "qa.jsonl"]


def distinct_queries(home: Path, n: int) -> list[str]:
    """`n` distinct queries: gold questions first, then sentences cut from the home's chunks."""
    out: dict[str, None] = {}
    for path in GOLD:
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    out.setdefault(json.loads(line)["question"], None)
    from index.store import Store

    store = Store(home / "store.sqlite")
    try:
        rows = store.con.execute("SELECT text FROM chunks ORDER BY rowid LIMIT ?", (4 * n,)).fetchall()
    finally:
        store.close()
    for (text,) in rows:
        for sentence in re.split(r"(?<=[。；！？.;!?])\s*", text):
            sentence = sentence.strip()[:60]
            if len(sentence) >= 8:
                out.setdefault(sentence, None)
        if len(out) >= n:
            break
    return list(out)[:n]


# -- the floor ---------------------------------------------------------------------------------
def _cpu(fn: Any, *args: Any) -> tuple[float, Any]:
    t = time.thread_time()
    result = fn(*args)
    return (time.thread_time() - t) * 1000, result


def floor(home: Path, queries: list[str], batch: int, formed: int | None = None) -> dict[str, Any]:
    """CPU milliseconds per query of the unavoidable parts, alone and with batched embeddings
    (in batches of `batch`, and of `formed`: the size the load's batches reached, when known)."""
    from index.local.backend import LocalBackend

    backend = LocalBackend(home)
    try:
        backend.search(queries[0], k=10)  # loads the index and the models
        loaded = backend._current()
        assert loaded is not None
        for q in queries[:5]:
            backend.search(q, k=10)
        parts, whole = _parts(backend, loaded.searcher, queries)
        batched = _batched(loaded.searcher, queries, batch)
        at_formed = _batched(loaded.searcher, queries, formed) if formed else {}
        cores = os.cpu_count() or 1
        together = _all_cores(loaded.searcher, queries, cores)
    finally:
        backend.close()
    alone = {k: statistics.mean(v) for k, v in parts.items()}
    per_query = sum(alone.values())
    per_query_batched = per_query + sum(batched[k] - alone[k] for k in batched)
    per_query_together = per_query_batched + sum(together[k] - batched.get(k, alone[k]) for k in together)
    per_query_formed = per_query + sum(at_formed[k] - alone[k] for k in at_formed)
    return {"parts_ms": {k: round(v, 2) for k, v in alone.items()},
            "parts_p50_ms": {k: round(statistics.median(v), 2) for k, v in parts.items()},
            "batched_query_ms": {k: round(v, 2) for k, v in batched.items()}, "batch": batch,
            "all_cores_query_ms": {k: round(v, 2) for k, v in together.items()},
            "floor_ms_per_query": round(per_query, 2), "floor_ms_per_query_batched": round(per_query_batched, 2),
            "floor_ms_per_query_all_cores": round(per_query_together, 2),
            "whole_search_ms": round(statistics.mean(whole), 2),
            "floor_rps": round(1000 * cores / per_query, 1), "floor_rps_batched": round(1000 * cores / per_query_batched, 1),
            "floor_rps_all_cores": round(1000 * cores / per_query_together, 1),
            **({"formed_batch": formed, "floor_ms_per_query_formed": round(per_query_formed, 2),
                "floor_rps_formed": round(1000 * cores / per_query_formed, 1)} if formed else {}),
            "cores": cores, "n": len(queries)}


def _parts(backend: Any, searcher: Any, queries: list[str]) -> tuple[dict[str, list[float]], list[float]]:
    """Per query: CPU ms of each unavoidable part, and of the whole `LocalBackend.search`."""
    from index.local.searcher import _top

    snapshot = searcher.snapshot
    embedders = {name: searcher.embedders[name] for name in searcher.embedders}
    parts: dict[str, list[float]] = {f"{name} query": [] for name in embedders}
    parts.update({"bm25": [], **{f"{name} nearest": [] for name in embedders}})
    whole: list[float] = []
    for q in queries:
        tokens = searcher.tokenizer.tokenize(q)
        ms, scores = _cpu(snapshot.bm25.scores, tokens)
        parts["bm25"].append(ms + _cpu(_top, scores, 100)[0])
        for name, emb in embedders.items():
            ms, vec = _cpu(emb.embed_query, q)
            parts[f"{name} query"].append(ms)
            parts[f"{name} nearest"].append(_cpu(snapshot.dense[name].search, vec, 100)[0])
        whole.append(_cpu(backend.search, q, 10)[0])
    return parts, whole


def _batched(searcher: Any, queries: list[str], batch: int) -> dict[str, float]:
    """CPU ms a query of each embedder's query embedding in batches of `batch`, as the micro-batcher
    forms them under load (`index.query_batcher`); embedders without a batch path are left out."""
    out = {}
    for name in searcher.embedders:
        embed = getattr(searcher.embedders[name], "_embed_queries", None)
        if embed is None:
            continue
        groups = [queries[i:i + batch] for i in range(0, len(queries) - batch + 1, batch)]
        costs = [_cpu(embed, g, 0)[0] / len(g) for g in groups]
        out[f"{name} query"] = statistics.mean(costs) if costs else float("nan")
    return out


def _all_cores(searcher: Any, queries: list[str], cores: int) -> dict[str, float]:
    """CPU ms a query of each embedder that embeds on several cores at once (one model handle per
    core: e5), with every core embedding queries at the same time, one query each, as a loaded
    server runs them. The cores share caches and memory bandwidth: measured here, e5 costs ~15%
    more CPU a query this way than alone, and that is part of the floor of a two-core server."""
    out = {}
    for name in searcher.embedders:
        embedder = searcher.embedders[name]
        embed = getattr(embedder, "_embed_queries", None)
        batcher = getattr(embedder, "_batcher", None)
        if embed is None or cores < 2 or getattr(batcher, "_slots", 1) < 2:
            continue
        spent: list[float] = []

        def run(slot: int, embed: Any = embed, spent: list[float] = spent) -> None:
            t = time.thread_time()
            for q in queries[slot::cores]:
                embed([q], slot)
            spent.append(time.thread_time() - t)

        embed(["热身 warm-up"], cores - 1)  # every handle made before timing
        threads = [threading.Thread(target=run, args=(slot,)) for slot in range(cores)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        out[f"{name} query"] = 1000 * sum(spent) / len(queries)
    return out


# -- in process --------------------------------------------------------------------------------
def in_process(home: Path, queries: list[str], clients: int, warm: list[str]) -> dict[str, Any]:
    """`clients` threads searching at once in this process, against the same queries one at a time."""
    from index.local.backend import LocalBackend

    backend = LocalBackend(home)
    try:
        for q in warm:
            backend.search(q, k=10)
        loaded = backend._current()
        assert loaded is not None
        batchers = {name: getattr(loaded.searcher.embedders[name], "_batcher", None)
                    for name in loaded.searcher.embedders}
        for batcher in batchers.values():
            if batcher is not None:
                batcher.batches = []
        lock = threading.Lock()
        todo = iter(queries)

        def client() -> None:
            while True:
                with lock:
                    q = next(todo, None)
                if q is None:
                    return
                backend.search(q, k=10)

        cpu = time.process_time()
        wall = run_clients(client, clients)
        spent = time.process_time() - cpu
        formed = {name: round(statistics.mean(b.batches), 2) for name, b in batchers.items() if b is not None and b.batches}
        cpu = time.process_time()
        for q in queries:
            backend.search(q, k=10)
        serial = time.process_time() - cpu
    finally:
        backend.close()
    n = max(1, len(queries))
    return {"threads": clients, "qps": round(n / wall, 1), "cpu_ms_per_query": round(1000 * spent / n, 1),
            "serial_cpu_ms_per_query": round(1000 * serial / n, 1), "cores_used": round(spent / wall, 2),
            "mean_batch": formed}


# -- the server --------------------------------------------------------------------------------
def drive(base: str, queries: list[str], clients: int) -> dict[str, Any]:
    """Every query once, from `clients` keep-alive clients; requests/s and latency percentiles."""
    lock = threading.Lock()
    todo = iter(queries)
    latencies: list[float] = []
    errors = 0

    def client() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=60) as http:
            while True:
                with lock:
                    q = next(todo, None)
                if q is None:
                    return
                t = time.perf_counter()
                try:
                    ok = http.post("/search", json={"query": q, "k": 10}).status_code == 200
                except httpx.HTTPError:
                    ok = False
                with lock:
                    latencies.append(time.perf_counter() - t)
                    errors += 0 if ok else 1

    wall = run_clients(client, clients)
    lat = sorted(latencies)
    return {"clients": clients, "requests": len(lat), "errors": errors, "seconds": round(wall, 2),
            "rps": round(len(lat) / wall, 1), "p50_ms": round(percentile(lat, 0.5) * 1000, 1),
            "p95_ms": round(percentile(lat, 0.95) * 1000, 1)}


def server_pid(port: int) -> int | None:
    """The process serving on `port` (started by `served`), found by its command line."""
    for proc in Path("/proc").iterdir():
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve" in args and str(port).encode() in args:
            return int(proc.name)
    return None


def process_cpu(pid: int | None) -> float:
    """User + system CPU seconds of a process, all its threads (0 when unknown)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve_and_drive(home: Path, queries: list[str], clients: int, warm: list[str]) -> dict[str, Any]:
    """`policykb serve` with its result cache off (every request computed), warmed, then driven."""
    before = os.environ.get("POLICYKB_CACHE_SIZE")
    os.environ["POLICYKB_CACHE_SIZE"] = "0"  # read by the server `served` starts
    try:
        with tempfile.TemporaryDirectory() as tmp, served(home, Path(tmp) / "server.log") as base:
            drive(base, warm, clients)  # the server's first searches load what its warm-up did not
            pid = server_pid(int(base.rsplit(":", 1)[1]))
            cpu = process_cpu(pid)
            out = drive(base, queries, clients)
            spent = process_cpu(pid) - cpu
            out["server_cpu_ms_per_request"] = round(1000 * spent / max(1, out["requests"]), 1)
            out["server_cores_used"] = round(spent / out["seconds"], 2)
            return out
    finally:
        if before is None:
            os.environ.pop("POLICYKB_CACHE_SIZE", None)
        else:
            os.environ["POLICYKB_CACHE_SIZE"] = before


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench.throughput", description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--home", required=True, type=Path, help="a home with documents (a 100k-chunk one for the bar)")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--requests", type=int, default=400, help="distinct /search requests (default 400)")
    p.add_argument("--floor-queries", type=int, default=120, help="queries the floor is measured on")
    p.add_argument("--batch", type=int, default=8, help="batch size of the batched floor (default 8)")
    p.add_argument("--skip-floor", action="store_true")
    p.add_argument("--skip-in-process", action="store_true")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    queries = distinct_queries(args.home, args.requests + 40)
    step = max(1, args.requests // args.floor_queries)  # the floor's queries: a sample of the server's
    out: dict[str, Any] = {"loadavg_before": [round(x, 2) for x in os.getloadavg()]}
    warm = queries[args.requests:args.requests + 40]
    if not args.skip_in_process:
        out["in_process"] = in_process(args.home, queries[:args.requests], args.clients, warm)
    formed = max(1, round(out["in_process"]["mean_batch"].get("e5", 1))) if "in_process" in out else None
    if not args.skip_floor:
        out["floor"] = floor(args.home, queries[:args.requests:step][:args.floor_queries], args.batch, formed)
    out["loadavg_mid"] = [round(x, 2) for x in os.getloadavg()]
    out["server"] = serve_and_drive(args.home, queries[:args.requests], args.clients, warm)
    out["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    if "floor" in out:
        out["share_of_floor"] = round(out["server"]["rps"] / out["floor"]["floor_rps"], 2)
        out["share_of_batched_floor"] = round(out["server"]["rps"] / out["floor"]["floor_rps_batched"], 2)
        out["share_of_all_cores_floor"] = round(out["server"]["rps"] / out["floor"]["floor_rps_all_cores"], 2)
        if "floor_rps_formed" in out["floor"]:
            out["share_of_formed_floor"] = round(out["server"]["rps"] / out["floor"]["floor_rps_formed"], 2)
        if out["server"]["server_cpu_ms_per_request"]:  # CPU the server spent a request against the floor's
            out["floor_over_server_cpu"] = round(out["floor"]["floor_ms_per_query_batched"]
                                                 / out["server"]["server_cpu_ms_per_request"], 2)
    print(json.dumps(out, ensure_ascii=False, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
