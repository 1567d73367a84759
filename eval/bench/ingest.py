"""Ingest speed of a corpus without embeddings: parse (load, clean, structure, chunk, extract) and store.

    python -m eval.bench.ingest [CORPUS_DIR] [--repeat N]

The embedding step is left out on purpose (it dominates and is measured by eval.bench.retrieval);
the store write is included, with the `hash` embedder standing in for the index.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from index.home import Home
from ingest.pipeline import iter_files, parse_file


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench.ingest", description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("corpus", nargs="?", default=str(Path(__file__).resolve().parents[2] / "corpus"))
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)
    files = iter_files([Path(args.corpus)])
    chars = 0
    parse_times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        docs = [parse_file(f) for f in files]
        parse_times.append(time.perf_counter() - t0)
        chars = sum(len(d.text) for d in docs)
    with tempfile.TemporaryDirectory() as tmp:
        home = Home(Path(tmp), embedder="hash")
        t0 = time.perf_counter()
        home.ingest([Path(args.corpus)])
        full = time.perf_counter() - t0
        home.close()
    best = min(parse_times)
    print(json.dumps({"files": len(files), "chars": chars, "parse_seconds": round(best, 3),
                      "parse_chars_per_s": round(chars / best), "ingest_with_store_and_hash_index_seconds": round(full, 3),
                      "ingest_chars_per_s": round(chars / full)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
