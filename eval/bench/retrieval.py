"""Retrieval benchmark (not a test): index build time, memory and query latency at 1k and 100k chunks.

    python -m eval.bench.retrieval                         # 1k and 100k chunks
    python -m eval.bench.retrieval --sizes 1000 --json out.json

For each size, a synthetic corpus is built from the real documents' sentences
(`eval.bench.synth`) into a fresh home under --work. Up to --embed-upto chunks the
passages are embedded for real (the embedding time is part of the build); above it the
dense vectors are *generated* (real passage embeddings plus noise) and put in the
embedding cache, because embedding 10^5 passages takes hours on two cores - the build
time then covers tokenising, BM25, FAISS (HNSW) and the files, not embedding.

The build and the queries each run in a child process, so that the resident memory
reported (VmHWM, the peak RSS) is that of building, and that of a process serving
queries, alone. Query latency is the wall time of `LocalBackend.search` (k=10) for the
60 gold questions, repeated to --queries, after a warm-up: tokenising, the query
embeddings (e5 and USE for the default embedder), BM25, FAISS, fusion, snippets and the
store lookup of the hits.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
QA = ROOT / "eval" / "gold" / "qa.jsonl"
MODES = ("bm25", "dense", "hybrid")


def _status(field: str) -> float:
    """A /proc/self/status memory field (VmRSS, VmHWM) in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def child_build(home: Path) -> dict[str, Any]:
    from index.local.backend import LocalBackend
    from index.store import Store

    store = Store(home / "store.sqlite")
    t0 = time.perf_counter()
    backend = LocalBackend(home)
    backend.sync(store, progress=False)
    backend.maintain(lock=None)  # the merges a server's background would make: HNSW for a big segment
    seconds = time.perf_counter() - t0
    manifest = json.loads((home / "index" / "manifest.json").read_text())
    return {"build_seconds": round(seconds, 1), "build_peak_rss_mib": _status("VmHWM"),
            "chunks": manifest["counts"]["chunks"], "indexes": manifest["embedders"], "embedder": manifest["embedder"]}


def child_query(home: Path, n_queries: int) -> dict[str, Any]:
    from index.local.backend import LocalBackend

    questions = [json.loads(line)["question"] for line in QA.read_text(encoding="utf-8").splitlines() if line]
    queries = (questions * (n_queries // len(questions) + 1))[:n_queries]
    t0 = time.perf_counter()
    backend = LocalBackend(home)
    backend.search(questions[0], k=10)  # loads the index and the models
    out: dict[str, Any] = {"load_seconds": round(time.perf_counter() - t0, 1), "rss_loaded_mib": _status("VmRSS"),
                           "loadavg_before": round(os.getloadavg()[0], 2)}
    for mode in MODES:
        for q in questions[:5]:
            backend.search(q, k=10, mode=mode)  # type: ignore[arg-type]
        times = []
        for q in queries:
            t = time.perf_counter()
            backend.search(q, k=10, mode=mode)  # type: ignore[arg-type]
            times.append((time.perf_counter() - t) * 1000)
        out[mode] = {"p50_ms": round(float(np.percentile(times, 50)), 1),
                     "p95_ms": round(float(np.percentile(times, 95)), 1), "n": len(times)}
    out["serve_peak_rss_mib"] = _status("VmHWM")
    out["loadavg_after"] = round(os.getloadavg()[0], 2)  # other work on the machine skews latency
    return out


def _run_child(*args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "eval.bench.retrieval", "--child", *args], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def base_vectors(work: Path) -> dict[str, np.ndarray]:
    """Real passage embeddings of the seed corpus, per embedder (embedded once, cached in work/base)."""
    from index.home import Home

    home = Home(work / "base")
    home.ingest([CORPUS])
    manifest = json.loads((work / "base" / "index" / "manifest.json").read_text())
    rows = home.store.con.execute("SELECT embedder, vector FROM embeddings").fetchall()
    home.close()
    return {name: np.stack([np.frombuffer(v, dtype=np.float32) for e, v in rows if e == name])
            for name in manifest["embedders"]}


def prepare(work: Path, n: int, embed_upto: int) -> tuple[Path, bool]:
    """A fresh home holding ~n synthetic chunks; generated vectors in its cache above embed_upto."""
    from eval.bench.synth import generated_vectors, synth_documents
    from index.passages import collect_passages
    from index.store import Store

    home = work / f"n{n}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    store = Store(home / "store.sqlite")
    for doc in synth_documents(CORPUS, n):
        store.put_document(doc, origin=doc.source)
    generated = n > embed_upto
    if generated:
        _, texts, _ = collect_passages(store)
        for name, base in base_vectors(work).items():
            generated_vectors(store, name, base, texts)
    store.close()
    return home, generated


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench.retrieval", description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    p.add_argument("--work", type=Path, default=Path("/tmp/policykb-bench"))
    p.add_argument("--embed-upto", type=int, default=2000, help="embed for real up to this many chunks")
    p.add_argument("--queries", type=int, default=120)
    p.add_argument("--json", type=Path, help="also write the figures here")
    p.add_argument("--query-only", action="store_true",
                   help="re-measure queries on the homes a previous run left in --work (builds from its JSON)")
    p.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        kind, home = args.child[0], Path(args.child[1])
        result = child_build(home) if kind == "build" else child_query(home, int(args.child[2]))
        print(json.dumps(result))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    previous = json.loads((args.work / "results.json").read_text()) if args.query_only else {}
    results: dict[str, Any] = {}
    for n in args.sizes:
        t0 = time.perf_counter()
        if args.query_only:
            home, build = args.work / f"n{n}", previous[str(n)]
            generated = build["vectors"] == "generated"
        else:
            home, generated = prepare(args.work, n, args.embed_upto)
            print(f"[{n}] corpus ready in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
            build = _run_child("build", str(home))
        query = _run_child("query", str(home), str(args.queries))
        results[str(n)] = {"vectors": "generated" if generated else "embedded", **build, **query}
        print(f"[{n}] {json.dumps(results[str(n)])}", file=sys.stderr)
    print_table(results)
    if not args.query_only:
        (args.work / "results.json").write_text(json.dumps(results, indent=1))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


def print_table(results: dict[str, Any]) -> None:
    print("| chunks | vectors | build s | build peak RSS MiB | serve RSS MiB | "
          "bm25 p50/p95 ms | dense p50/p95 ms | hybrid p50/p95 ms | load avg |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results.values():
        lat = " | ".join(f"{r[m]['p50_ms']} / {r[m]['p95_ms']}" for m in MODES)
        print(f"| {r['chunks']} | {r['vectors']} | {r['build_seconds']} | {r['build_peak_rss_mib']} | "
              f"{r['serve_peak_rss_mib']} | {lat} | {r['loadavg_before']}-{r['loadavg_after']} |")


if __name__ == "__main__":
    sys.exit(main())
