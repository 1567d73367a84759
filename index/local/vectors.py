"""Vectors follow the text: embed the rows of published segments that have none yet.

A document is searchable by BM25 (and by the vectors the cache already holds) as soon as
its segment is published (`index.local.build.sync`); embedding - about 3.5 passages/s
with e5 on two cores, the slowest step of ingest by far - runs afterwards, outside the
home's write lock. Every `PART_ROWS` vectors (cached in the store as they are made) are
added to their segment as a new part file and published with a new manifest, taking the
write lock only for that moment. A kill loses at most the batch in flight: the next run
finds the rows still without vectors and takes the cached ones first.

Only one process embeds a home at a time (`<home>/embed.lock`); `Home.complete_vectors`
waits for another one instead of embedding the same passages twice.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import numpy as np

from index.embedders import Embedder
from index.local.build import describe
from index.local.segment import write_part
from index.local.snapshot import Snapshot, publish, read_manifest
from index.passages import EmbeddingStopped, collect_passages, embed_cached, passage_key
from index.store import Store
from index.vector_cache import VectorCache

PART_ROWS = 256


def pending(snapshot: Snapshot, members: list[str]) -> list[tuple[int, str, np.ndarray]]:
    """(segment number, embedder, live rows without a vector) for every segment that has such rows."""
    out = []
    for i, (seg, live) in enumerate(zip(snapshot.segments, snapshot.lives, strict=True)):
        for m in members:
            dense = snapshot.dense[m].parts[i] if m in snapshot.dense else None
            missing = np.ones(len(seg.rows), bool) if dense is None else ~dense.covered
            if live is not None:
                missing &= live
            if missing.any():
                out.append((i, m, np.nonzero(missing)[0]))
    return out


def count_pending(snapshot: Snapshot, members: list[str]) -> int:
    return sum(len(rows) for _, _, rows in pending(snapshot, members))


def fill(index_dir: Path, store: Store, embedders: dict[str, Embedder], current: Callable[[], Snapshot | None],
         lock: Callable[[], AbstractContextManager[Any]], shared: VectorCache | None = None,
         progress: bool = False, stop: Callable[[], bool] = lambda: False) -> bool:
    """Embed and publish vectors until every live row has one; returns whether that was reached
    (False when stopped, or when the rows left cannot be embedded until the index catches up)."""
    bar = _Bar(progress)
    try:
        while True:
            snapshot = current()
            work = pending(snapshot, list(embedders)) if snapshot is not None else []
            if not work:
                return True
            bar.total(sum(len(rows) for _, _, rows in work))
            done_any = False
            for seg_no, member, rows in work:
                texts = _texts(store, snapshot, seg_no)  # type: ignore[arg-type]
                seg = snapshot.segments[seg_no]  # type: ignore[union-attr]
                todo = [(int(r), texts[seg.rows.chunk_ids[r]]) for r in rows
                        if passage_key(texts.get(seg.rows.chunk_ids[r], "")) == seg.keys[r]]
                for i in range(0, len(todo), PART_ROWS):
                    batch = todo[i:i + PART_ROWS]
                    try:
                        vecs = embed_cached(store, embedders[member], [t for _, t in batch], False, shared, stop)
                    except EmbeddingStopped:  # what was embedded is cached: the next run takes it from there
                        return False
                    with lock():
                        added = add_part(index_dir, seg.name, member, np.array([r for r, _ in batch]), vecs)
                    bar.step(len(batch))
                    if not added:
                        break
                    done_any = True
                    if stop():
                        return False
            if not done_any:
                return False
    finally:
        bar.close()


def _texts(store: Store, snapshot: Snapshot, seg_no: int) -> dict[str, str]:
    """{chunk id: passage text} of the store's current chunks of one segment's live documents."""
    seg = snapshot.segments[seg_no]
    deleted = set(snapshot.manifest["segments"][seg_no].get("deleted", []))
    chunks, texts, _ = collect_passages(store, [d for d in seg.rows.doc_ids if d not in deleted])
    return {c.chunk_id: t for c, t in zip(chunks, texts, strict=True)}


def add_part(index_dir: Path, segment: str, member: str, ids: np.ndarray, vecs: np.ndarray) -> bool:
    """Under the write lock: add a vector part to `segment` and publish; False when the segment is gone."""
    manifest = read_manifest(index_dir)
    entry = next((s for s in (manifest or {}).get("segments", []) if s["name"] == segment), None)
    if manifest is None or entry is None:
        return False
    spec = entry.setdefault("dense", {}).setdefault(member, {"parts": [], "hnsw": None, "vectors": 0})
    number = spec.get("next_part", len(spec["parts"]) + 1)
    spec["parts"].append(write_part(index_dir / segment, member, number, ids, vecs))
    spec["next_part"] = number + 1
    spec["vectors"] = spec.get("vectors", 0) + len(ids)
    spec["dim"] = int(vecs.shape[1])
    publish(index_dir, describe(manifest))
    return True


class _Bar:
    """One progress bar on stderr over every pending vector (when asked for)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None

    def total(self, n: int) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=n, desc="embedding", unit="passage", file=sys.stderr, leave=False)
        else:
            self._bar.total = self._bar.n + n
            self._bar.refresh()

    def step(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
