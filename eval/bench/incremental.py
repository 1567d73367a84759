"""Incremental-index benchmark: the time to add a one-page document to homes of 1k, 10k and 100k chunks.

    python -m eval.bench.incremental                       # 1k, 10k and 100k chunks
    python -m eval.bench.incremental --sizes 1000 10000 --adds 5

For each size a home is filled with a synthetic corpus made of the real documents'
sentences (`eval.bench.synth`) and indexed once (the "initial build" column; the hash
embedder stands in for the models, so vectors cost next to nothing and the figures are those
of the index itself). Then one-page documents are uploaded one after another, as the server
does (`Home.ingest_bytes(..., wait=False)`, in one process that stays open): "searchable" is
the time until the document is committed and found by BM25, "with vectors" the time its
vectors then take (`Home.complete_vectors`, including merges). Each add is checked: its
marker phrase is the top BM25 hit. Before the incremental index every add rebuilt the whole
index: 37 s at 22,858 chunks and 242 s at 100k.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def one_page(i: int) -> bytes:
    """A one-page plan of about 1,500 characters with a marker phrase no other document holds."""
    lines = [f"第{i}号片区水土保持工作方案", "一、总体要求"]
    for j in range(12):
        lines.append(f"({j + 1})推进第{i}号片区第{j}项坡耕地综合整治,新增治理面积{j + 3}平方公里,"
                     "由县水利局牵头,县财政局配合,2025年底前完成。")
    lines.append(f"标记短语乙{i}号鹰嘴岩监测点由县水土保持中心负责。")
    return "\n".join(lines).encode("utf-8")


def prepare(folder: Path, n: int) -> dict[str, Any]:
    """A home holding ~n synthetic chunks, indexed once; returns its size and the build time."""
    from eval.bench.synth import synth_documents
    from index.home import Home
    from index.store import Store

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    store = Store(folder / "store.sqlite")
    for doc in synth_documents(CORPUS, n):
        store.put_document(doc, origin=doc.source)
    store.close()
    home = Home(folder, embedder="hash")
    t0 = time.perf_counter()
    home.sync()
    searchable = time.perf_counter() - t0
    home.complete_vectors()
    total = time.perf_counter() - t0
    chunks = home.vector_status()["chunks"]
    home.close()
    return {"chunks": chunks, "initial_build_s": round(searchable, 1), "initial_with_vectors_s": round(total, 1)}


def measure_adds(folder: Path, adds: int) -> dict[str, Any]:
    from index.home import Home

    home = Home(folder, embedder="hash")
    home.search("水土保持", k=1, mode="bm25")  # load the index once, as a running server has
    searchable, vectors = [], []
    for i in range(adds):
        t0 = time.perf_counter()
        report = home.ingest_bytes(f"page-{i}.txt", one_page(i), wait=False)
        hits = home.search(f"标记短语乙{i}号鹰嘴岩监测点", k=1, mode="bm25")
        t1 = time.perf_counter()
        home.complete_vectors()
        t2 = time.perf_counter()
        assert not report.failed and hits and hits[0].doc_id == report.ingested[0]["doc_id"], (report, hits)
        searchable.append(t1 - t0)
        vectors.append(t2 - t1)
    segments = len(json.loads((folder / "index" / "manifest.json").read_text())["segments"])
    home.close()
    return {"add_searchable_s": round(statistics.median(searchable), 3),
            "add_searchable_max_s": round(max(searchable), 3),
            "add_vectors_s": round(statistics.median(vectors), 3), "segments_after": segments}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench.incremental", description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    p.add_argument("--adds", type=int, default=5, help="one-page documents added to each home")
    p.add_argument("--work", type=Path, default=Path("/tmp/policykb-bench-incremental"))
    p.add_argument("--json", type=Path, help="also write the figures here")
    args = p.parse_args(argv)
    results = []
    for n in args.sizes:
        folder = args.work / f"n{n}"
        row = {"size": n, **prepare(folder, n)}
        row.update(measure_adds(folder, args.adds))
        print(json.dumps(row), file=sys.stderr)
        results.append(row)
    print("| chunks | initial build s (text / with vectors) | add one page: searchable s (median / max) "
          "| its vectors s | segments after |")
    print("|---|---|---|---|---|")
    for r in results:
        print(f"| {r['chunks']} | {r['initial_build_s']} / {r['initial_with_vectors_s']} | "
              f"{r['add_searchable_s']} / {r['add_searchable_max_s']} | {r['add_vectors_s']} | {r['segments_after']} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
