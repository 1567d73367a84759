"""The index on disk as segments named by a manifest, and one loaded state of it (`Snapshot`).

Layout of `<home>/index/`:

    manifest.json     the current state: the segments (`index.local.segment`), for each the
                      documents (id -> revision) it holds, those of them removed since, and its
                      vector parts per embedder; plus tokenizer, embedder, counts and the store
                      generation it covers
    s000012-1a2b3c/   one segment per folder, never modified once renamed into place

Every change - a segment added, documents removed, vectors added, segments merged - writes
its new files first (fsynced, renamed into place) and then replaces `manifest.json` (write,
fsync, `os.replace`). A crash at any point leaves the previous manifest naming complete
files; a reader loads one manifest's segments and so sees the index before or after a
change, never half of one. Files neither the current nor the previous manifest names are
deleted after a switch (the previous one's are kept for a reader that has just read it).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from index.local.bm25 import BM25Scorer
from index.local.segment import Segment, SegmentDense, fsync_dir, load_dense
from index.passages import Rows
from ingest.errors import IndexStateError

MANIFEST = "manifest.json"
FORMAT = 2


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The current manifest, or None when there is none or it cannot be read (a writer rebuilds then)."""
    try:
        return load_manifest(index_dir)
    except IndexStateError:
        return None


def load_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The current manifest, None when there is none; a damaged one is an `IndexStateError`."""
    path = index_dir / MANIFEST
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexStateError(f"{path}: cannot be read ({exc.strerror})") from exc
    try:
        manifest = json.loads(raw)
        ok = isinstance(manifest, dict) and isinstance(manifest.get("segments", []), list)
    except ValueError:
        ok = False
    if not ok:
        raise IndexStateError(f"{path} is damaged; run `policykb ingest` with any path (or `policykb compact`) "
                              "to rebuild the index from the store")
    return manifest  # type: ignore[no-any-return]


def manifest_signature(index_dir: Path) -> tuple[int, int, int] | None:
    """A cheap fingerprint of the manifest file (one stat): changes whenever a state is published."""
    try:
        st = os.stat(index_dir / MANIFEST)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def publish(index_dir: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """Make `manifest` current (its files are already in place), then delete what no manifest needs."""
    index_dir.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(index_dir)
    manifest = {**manifest, "format": FORMAT}
    tmp = index_dir / f".tmp-{secrets.token_hex(3)}.json"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / MANIFEST)
    fsync_dir(index_dir)
    collect_garbage(index_dir, [manifest, previous or {}])
    return manifest


def collect_garbage(index_dir: Path, keep: list[dict[str, Any]]) -> None:
    """Delete segment folders and vector files that none of the `keep` manifests names, and temporary
    files a crashed writer left (writers hold the home lock, so no temporary file is being written)."""
    names: dict[str, set[str]] = {}
    for manifest in keep:
        for seg in manifest.get("segments", []):
            files = names.setdefault(seg["name"], set())
            for dense in seg.get("dense", {}).values():
                files.update(dense.get("parts", []))
                files.update([dense["hnsw"]] if dense.get("hnsw") else [])
    for path in index_dir.iterdir():
        if path.name.startswith(".tmp-") or (path.is_dir() and path.name not in names):
            _remove(path)
        elif path.is_dir():
            for f in path.iterdir():
                if (f.name.startswith(("dense-", "hnsw-")) and f.name not in names[path.name]) \
                        or f.name.startswith(".tmp-"):
                    _remove(f)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def empty_manifest(embedder: str, tokenizer: str) -> dict[str, Any]:
    return {"format": FORMAT, "generation": 0, "tokenizer": tokenizer, "embedder": embedder, "next": 1,
            "segments": [], "embedders": {}, "counts": {"documents": 0, "chunks": 0}}


class Snapshot:
    """One manifest's segments, loaded: the global row table, BM25 over every segment and one
    dense view per embedder. Removed documents' rows are dead: they score nothing and are
    never returned."""

    def __init__(self, manifest: dict[str, Any], segments: list[Segment],
                 dense: dict[str, list[SegmentDense | None]]) -> None:
        self.manifest = manifest
        self.segments = segments
        self.lives: list[np.ndarray | None] = [_live(seg, entry) for seg, entry in
                                                zip(segments, manifest["segments"], strict=True)]
        self.rows = _concat_rows([s.rows for s in segments])
        self.bm25 = BM25Scorer([(s.postings, live) for s, live in zip(segments, self.lives, strict=True)])
        offsets = self.bm25.offsets
        self.dense = {name: GlobalDense(parts, offsets, self.lives) for name, parts in dense.items()}
        self.lexicon = sorted(set().union(*(s.lexicon for s in segments))) if segments else []

    @property
    def live(self) -> np.ndarray:
        """Bool per row: not removed."""
        return np.concatenate([np.ones(s.postings.n_rows, bool) if live is None else live
                               for s, live in zip(self.segments, self.lives, strict=True)] or [np.zeros(0, bool)])

    def vector_coverage(self) -> np.ndarray:
        """Bool per row: the row has a vector from every embedder."""
        covered = self.live.copy()
        for view in self.dense.values():
            covered &= view.covered()
        return covered


def _live(seg: Segment, entry: dict[str, Any]) -> np.ndarray | None:
    deleted = set(entry.get("deleted", []))
    if not deleted:
        return None
    dead_docs = np.array([d in deleted for d in seg.rows.doc_ids] or [False], dtype=bool)
    return ~dead_docs[seg.rows.doc_of_row] if len(seg.rows) else np.zeros(0, bool)


def _concat_rows(parts: list[Rows]) -> Rows:
    out = Rows()
    doc_base = 0
    of_row = []
    for r in parts:
        out.chunk_ids += r.chunk_ids
        out.doc_ids += r.doc_ids
        out.doc_langs += r.doc_langs
        out.doc_sources += r.doc_sources
        out.doc_lines += r.doc_lines or [""] * len(r.doc_ids)
        out.sections += r.sections
        out.text_langs += r.text_langs
        of_row.append(np.asarray(r.doc_of_row, dtype=np.int32) + doc_base)
        doc_base += len(r.doc_ids)
    out.doc_of_row = np.concatenate(of_row) if of_row else np.zeros(0, np.int32)
    return out


class GlobalDense:
    """Vector search over every segment's vectors of one embedder, in global row numbers."""

    def __init__(self, parts: list[SegmentDense | None], offsets: np.ndarray, lives: list[np.ndarray | None]) -> None:
        self.parts, self.offsets, self.lives = parts, offsets, lives
        self.dim = next((ix.dim for p in parts if p for ix in p.indexes), 1)
        self.size = int(sum(int(p.covered.sum()) for p in parts if p))

    def covered(self) -> np.ndarray:
        return np.concatenate([p.covered if p else np.zeros(int(self.offsets[i + 1] - self.offsets[i]), bool)
                               for i, p in enumerate(self.parts)] or [np.zeros(0, bool)])

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Global row ids and cosines of the k nearest live rows (among `allowed`, sorted, when given)."""
        found_ids, found_scores = [], []
        for i, part in enumerate(self.parts):
            if part is None:
                continue
            lo, hi = int(self.offsets[i]), int(self.offsets[i + 1])
            local = None
            if allowed is not None:
                local = allowed[(allowed >= lo) & (allowed < hi)] - lo
            live = self.lives[i]
            if live is not None:
                local = np.nonzero(live)[0].astype(np.int64) if local is None else local[live[local]]
            if local is not None and not len(local):
                continue
            ids, scores = part.search(query, k, local)
            found_ids.append(ids + lo)
            found_scores.append(scores)
        if not found_ids:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        ids, scores = np.concatenate(found_ids), np.concatenate(found_scores)
        order = np.argsort(-scores, kind="stable")[:k]
        return ids[order].astype(np.int64), scores[order].astype(np.float32)

    def cosines(self, query: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Cosine of each global row's vector with the query (NaN for a row without one yet)."""
        out = np.full(len(ids), np.nan, dtype=np.float32)
        for j, row in enumerate(ids):
            i = int(np.searchsorted(self.offsets, row, side="right") - 1)
            part = self.parts[i] if 0 <= i < len(self.parts) else None
            value = part.cosine(query, int(row - self.offsets[i])) if part else None
            if value is not None:
                out[j] = value
        return out


def load_snapshot(index_dir: Path, manifest: dict[str, Any], members: list[str],
                  cache: dict[Any, Any] | None = None) -> Snapshot:
    """Load the segments `manifest` names (reusing those in `cache`, which it updates)."""
    cache = {} if cache is None else cache
    segments: list[Segment] = []
    dense: dict[str, list[SegmentDense | None]] = {m: [] for m in members}
    for entry in manifest["segments"]:
        folder = index_dir / entry["name"]
        seg = cache.get(entry["name"]) or Segment.load(folder)
        cache[entry["name"]] = seg
        segments.append(seg)
        for m in members:
            spec = entry.get("dense", {}).get(m, {})
            key = (entry["name"], m, tuple(spec.get("parts", [])), spec.get("hnsw"))
            if not spec:
                dense[m].append(None)
                continue
            if key not in cache:
                cache[key] = load_dense(folder, len(seg.rows), spec.get("parts", []), spec.get("hnsw"))
            dense[m].append(cache[key])
    return Snapshot(manifest, segments, dense)
