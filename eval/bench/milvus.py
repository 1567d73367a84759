"""Milvus Lite beside the local backend (a benchmark, not a test): ingest, update and query latency.

    python -m eval.bench.milvus                           # 10k and 100k chunks
    python -m eval.bench.milvus --sizes 10000 --json out.json

For each size, one synthetic home is prepared (`eval.bench.retrieval.prepare`: real
sentences and headings of the seed corpus, structured and chunked by the real ingestion).
Above --embed-upto chunks (default 2000, so at 10k and 100k) the dense vectors are
*generated* - real passage embeddings plus noise, put in the store's embedding cache -
because embedding 10^4-10^5 passages takes hours on two cores; ingest time then covers
what each backend does with cached vectors: tokenising/analysing, BM25, the vector index,
writing. Both backends index the same store (the local one in `<home>/index/`, Milvus Lite
in `<home>/milvus.db`).

Measured per backend, each step in a child process of its own (so the peak RSS is that
step's alone):
- ingest: `backend.sync(store)` of the whole store into an empty index;
- update: one more synthetic document (~200 chunks) put in the store, then `sync` again -
  the local backend rebuilds its snapshot, Milvus inserts the new rows;
- query: wall time of `backend.search(q, k=10)` for the 60 gold questions repeated to
  --queries, after a warm-up, per mode: query embedding (e5 and USE), retrieval, fusion,
  snippets and the store lookup of the hits.
Machines shared with other work give noisy latencies: the load average is printed with
the results, and the two backends run one after the other at each size.

`--milvus-uri http://host:19530` (token from `POLICYKB_MILVUS_TOKEN`) measures a Milvus
server instead of Milvus Lite; the collections are named `policykb_bench_<size>` and are
dropped and recreated by each run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from eval.bench.retrieval import CORPUS, MODES, QA, ROOT, _status, base_vectors, prepare

BACKENDS = ("local", "milvus")


def _backend(name: str, home: Path) -> Any:
    from index.factory import make_backend

    return make_backend(name, home)


def child_ingest(name: str, home: Path) -> dict[str, Any]:
    """Sync the whole store into the backend's (empty) index."""
    from index.store import Store

    store = Store(home / "store.sqlite")
    backend = _backend(name, home)
    t0 = time.perf_counter()
    backend.sync(store, progress=False)
    seconds = time.perf_counter() - t0
    backend.close()
    return {"ingest_s": round(seconds, 1), "ingest_peak_rss_mib": _status("VmHWM"), "chunks": len(store.chunks())}


def child_update(name: str, home: Path) -> dict[str, Any]:
    """Sync after the store gained one document (put there by `add_document`)."""
    from index.store import Store

    store = Store(home / "store.sqlite")
    backend = _backend(name, home)
    t0 = time.perf_counter()
    backend.sync(store, progress=False)
    seconds = time.perf_counter() - t0
    backend.close()
    return {"update_s": round(seconds, 1)}


def child_query(name: str, home: Path, n_queries: int) -> dict[str, Any]:
    questions = [json.loads(line)["question"] for line in QA.read_text(encoding="utf-8").splitlines() if line]
    queries = (questions * (n_queries // len(questions) + 1))[:n_queries]
    t0 = time.perf_counter()
    backend = _backend(name, home)
    backend.search(questions[0], k=10)  # connects, loads the index and the models
    out: dict[str, Any] = {"load_s": round(time.perf_counter() - t0, 1)}
    for mode in MODES:
        for q in questions[:5]:
            backend.search(q, k=10, mode=mode)
        times = []
        for q in queries:
            t = time.perf_counter()
            backend.search(q, k=10, mode=mode)
            times.append((time.perf_counter() - t) * 1000)
        out[mode] = {"p50_ms": round(float(np.percentile(times, 50)), 1),
                     "p95_ms": round(float(np.percentile(times, 95)), 1), "n": len(times)}
    out["serve_peak_rss_mib"] = _status("VmHWM")
    backend.close()
    return out


def add_document(work: Path, home: Path, seed: int) -> int:
    """Put one more synthetic document in the store, with generated vectors for its passages."""
    from eval.bench.synth import generated_vectors, synth_documents
    from index.passages import collect_passages
    from index.store import Store

    store = Store(home / "store.sqlite")
    doc = next(synth_documents(CORPUS, 1, seed=seed))
    store.put_document(doc, origin=f"bench-update-{seed}")
    _, texts, rows = collect_passages(store)
    new = [t for t, cid in zip(texts, rows.chunk_ids, strict=True) if cid in {c.chunk_id for c in doc.chunks}]
    for name, base in base_vectors(work).items():
        generated_vectors(store, name, base, new, seed=seed)
    store.close()
    return len(doc.chunks)


def _run_child(*args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "eval.bench.milvus", "--child", *args], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def use_server(uri: str | None, n: int) -> None:
    """Point the children at a Milvus server (a fresh `policykb_bench_<n>` collection) or at Milvus Lite."""
    if not uri:
        os.environ.pop("POLICYKB_MILVUS_URI", None)
        os.environ.pop("POLICYKB_MILVUS_COLLECTION", None)
        return
    from pymilvus import MilvusClient

    os.environ["POLICYKB_MILVUS_URI"] = uri
    os.environ["POLICYKB_MILVUS_COLLECTION"] = prefix = f"policykb_bench_{n}"
    client = MilvusClient(uri=uri, token=os.environ.get("POLICYKB_MILVUS_TOKEN", ""))
    for alias in client.list_aliases().get("aliases", []):
        if alias.startswith(prefix + "_"):
            client.drop_alias(alias)
    for name in client.list_collections():
        if name.startswith(prefix + "_"):
            client.drop_collection(name)
    client.close()


def run_size(work: Path, n: int, embed_upto: int, n_queries: int,
             milvus_uri: str | None = None) -> dict[str, dict[str, Any]]:
    """Both backends on one synthetic home of ~n chunks."""
    t0 = time.perf_counter()
    use_server(milvus_uri, n)
    home, generated = prepare(work, n, embed_upto)
    print(f"[{n}] corpus ready in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    out: dict[str, dict[str, Any]] = {}
    for name in BACKENDS:
        out[name] = {"vectors": "generated" if generated else "embedded", **_run_child("ingest", name, str(home))}
        print(f"[{n}] {name} ingest {out[name]}", file=sys.stderr)
    for name in BACKENDS:
        out[name].update(_run_child("query", name, str(home), str(n_queries)))
        print(f"[{n}] {name} query {out[name]}", file=sys.stderr)
    added = add_document(work, home, seed=1000 + n)
    for name in BACKENDS:
        out[name].update(_run_child("update", name, str(home)), update_chunks=added)
        print(f"[{n}] {name} update {out[name]['update_s']} s", file=sys.stderr)
    return out


def print_table(results: dict[str, dict[str, dict[str, Any]]]) -> None:
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores)")
    print("| chunks | backend | vectors | ingest s | ingest peak RSS MiB | update s (+1 doc) | serve RSS MiB | "
          "bm25 p50/p95 ms | dense p50/p95 ms | hybrid p50/p95 ms |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for by_backend in results.values():
        for name, r in by_backend.items():
            lat = " | ".join(f"{r[m]['p50_ms']} / {r[m]['p95_ms']}" for m in MODES)
            print(f"| {r['chunks']} | {name} | {r['vectors']} | {r['ingest_s']} | {r['ingest_peak_rss_mib']} | "
                  f"{r['update_s']} | {r['serve_peak_rss_mib']} | {lat} |")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench.milvus", description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--work", type=Path, default=Path("/tmp/policykb-bench-milvus"))
    p.add_argument("--embed-upto", type=int, default=2000, help="embed for real up to this many chunks")
    p.add_argument("--queries", type=int, default=120)
    p.add_argument("--json", type=Path, help="also write the figures here")
    p.add_argument("--milvus-uri", help="a Milvus server to measure instead of Milvus Lite")
    p.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        kind, name, home = args.child[0], args.child[1], Path(args.child[2])
        if kind == "ingest":
            result = child_ingest(name, home)
        elif kind == "update":
            result = child_update(name, home)
        else:
            result = child_query(name, home, int(args.child[3]))
        print(json.dumps(result))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    results = {str(n): run_size(args.work, n, args.embed_upto, args.queries, args.milvus_uri) for n in args.sizes}
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
