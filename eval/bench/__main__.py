"""`python -m eval.bench` (`make bench`): list the benchmarks and how to run them."""

from __future__ import annotations

BENCHMARKS = {
    "retrieval": "index build time, RSS, query p50/p95 for bm25/dense/hybrid at 1k and 100k chunks",
    "load": "HTTP /search and /ask requests/s and p95 with 1, 8, 32 clients on loopback",
    "milvus": "ingest and query latency on Milvus Lite beside the local backend, 10k and 100k chunks",
    "scale": "ingest time at 1x/2x/4x sizes and peak RSS for large and pathological documents",
    "ingest": "ingest speed of the seed corpus without embeddings (seconds, chars/s)",
    "incremental": "time to add a one-page document (searchable, then its vectors) to homes of 1k/10k/100k chunks",
    "searchable": "a 31-report-sized corpus: seconds until every document is found by BM25, then until its vectors",
    "ingest_rate": "chars/s to searchable and chunks/s to embedded per embedder, beside the pure embedding floor",
    "throughput": "uncached HTTP /search requests/s and p95 at 8 clients against the per-query CPU floor",
    "coldstart": "wall and CPU seconds of one CLI call per command (search, ask, tasks ...) in fresh processes",
}

if __name__ == "__main__":
    for name, what in BENCHMARKS.items():
        print(f"python -m eval.bench.{name:<10} {what}")
