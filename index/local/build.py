"""Store -> index changes: a segment for the new document versions, removals, merges.

`sync` compares the store's documents (id -> revision) with those the manifest's segments
hold: a version the store no longer has is marked removed in its segment, and the versions
the index lacks go into one new segment - tokenised, with whatever vectors the embedding
cache already holds. Its cost is that of the new documents plus a pass over the list of
document ids, never a rebuild: adding a one-page document to 10^5 chunks takes well under
a second (`python -m eval.bench.incremental`). Vectors that are not cached yet follow
(`index.local.vectors`).

Segments are merged like Lucene's tiers: when `MERGE_FACTOR` segments of one size class
exist they become one, and a segment holding removed documents is rewritten without them,
so the index stays a handful of segments and a removed version leaves its files. Merging
concatenates postings and vectors; it never tokenises or embeds again. Writers merge small
segments at once (`INLINE_MERGE_ROWS`); bigger merges run in the server's background or
in `policykb compact`, which also rebuilds the dictionary of every segment from scratch.
"""

from __future__ import annotations

import math
import secrets
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from index.lexicon import harvest
from index.local.dense import HNSW_THRESHOLD
from index.local.postings import Postings
from index.local.segment import Segment, SegmentData, segment_vectors, write_hnsw, write_segment
from index.local.snapshot import empty_manifest, publish, read_manifest
from index.passages import Rows, collect_passages, passage_key
from index.store import Store
from index.tokenize import TOKENIZER_NAME, Tokenizer
from index.vector_cache import VectorCache

MERGE_FACTOR = 8
INLINE_MERGE_ROWS = 20_000
MAX_PARTS = 8  # vector parts of one segment before they are merged into one


def usable(manifest: dict[str, Any] | None, embedder: str) -> bool:
    """Whether a manifest can be grown (else the index is rebuilt from the store)."""
    return (manifest is not None and manifest.get("format") == 2 and manifest.get("tokenizer") == TOKENIZER_NAME
            and manifest.get("embedder") == embedder)


def sync(index_dir: Path, store: Store, tokenizer: Tokenizer, embedder: str, members: list[str],
         shared: VectorCache | None = None) -> dict[str, Any]:
    """Make the index cover exactly the store's document versions (see the module docstring)."""
    manifest = read_manifest(index_dir)
    fresh = not usable(manifest, embedder)
    if fresh:
        manifest = empty_manifest(embedder, TOKENIZER_NAME)
    assert manifest is not None
    generation, revs = store.revisions()
    if manifest["generation"] == generation and not fresh:
        return manifest
    live: dict[str, int] = {}
    for seg in manifest["segments"]:
        deleted = set(seg.get("deleted", []))
        for doc, (rev, _) in seg["docs"].items():
            if doc in deleted:
                continue
            if revs.get(doc) != rev or doc in live:
                deleted.add(doc)
            else:
                live[doc] = rev
        seg["deleted"] = sorted(deleted)
    segments = [s for s in manifest["segments"] if set(s["docs"]) - set(s["deleted"])]
    new = [d for d in revs if d not in live]
    if new:
        name = f"s{manifest['next']:06d}-{secrets.token_hex(3)}"
        manifest["next"] += 1
        data = segment_data(store, new, revs, tokenizer, members, shared)
        segments.append(new_entry(name, data, write_segment(index_dir, name, data)))
    manifest["segments"] = segments
    manifest["generation"] = generation
    return publish(index_dir, describe(manifest, tokenizer))


def segment_data(store: Store, doc_ids: list[str], revs: dict[str, int], tokenizer: Tokenizer,
                 members: list[str], shared: VectorCache | None) -> SegmentData:
    """A segment of the store's current versions of `doc_ids`, with the cached vectors there are."""
    chunks, texts, rows = collect_passages(store, doc_ids)
    lexicon = harvest(store, doc_ids=rows.doc_ids)
    tokenizer.add_terms(lexicon)
    postings = Postings.build(tokenizer.tokenize_many(texts))
    keys = [passage_key(t) for t in texts]
    store.set_passage_keys(list(zip(keys, rows.chunk_ids, strict=True)))
    vectors = {m: cached_vectors(store, m, keys, shared) for m in members}
    return SegmentData(rows, [revs[d] for d in rows.doc_ids], keys, postings, lexicon, vectors)


def new_entry(name: str, data: SegmentData, parts: dict[str, list[str]]) -> dict[str, Any]:
    """The manifest's description of a freshly written segment."""
    per_doc = np.bincount(data.rows.doc_of_row, minlength=len(data.rows.doc_ids)) if len(data.rows) else \
        np.zeros(len(data.rows.doc_ids), np.int64)
    return {"name": name, "rows": len(data.rows),
            "docs": {d: [rev, int(n)] for d, rev, n in zip(data.rows.doc_ids, data.revs, per_doc, strict=True)},
            "deleted": [],
            "dense": {m: {"parts": parts.get(m, []), "hnsw": None, "vectors": int(len(ids)),
                          **({"dim": int(vecs.shape[1])} if len(ids) else {})}
                      for m, (ids, vecs) in data.vectors.items()}}


def describe(manifest: dict[str, Any], tokenizer: Tokenizer | None = None) -> dict[str, Any]:
    """The manifest with its counts (live documents, chunks, vectors per embedder) brought up to date."""
    docs = chunks = 0
    for seg in manifest["segments"]:
        deleted = set(seg["deleted"])
        for doc, (_, n) in seg["docs"].items():
            if doc not in deleted:
                docs += 1
                chunks += n
    counts = {"documents": docs, "chunks": chunks}
    embedders: dict[str, dict[str, Any]] = {}
    for seg in manifest["segments"]:
        for m, spec in seg.get("dense", {}).items():
            info = embedders.setdefault(m, {"dim": None, "kind": "flat", "vectors": 0})
            info["dim"] = info["dim"] or spec.get("dim")
            info["kind"] = "hnsw" if spec.get("hnsw") else info["kind"]
            info["vectors"] += spec.get("vectors", 0)
    manifest["embedders"] = embedders
    if tokenizer is not None:
        counts["dictionary_terms"] = len(tokenizer.terms)
        manifest["dict_hash"] = tokenizer.dict_hash
    manifest["counts"] = {**manifest.get("counts", {}), **counts}
    return manifest


def cached_vectors(store: Store, embedder: str, keys: list[str],
                   shared: VectorCache | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(row ids, vectors) of the rows whose passage key has a cached vector (store first, then `shared`)."""
    unique = list(dict.fromkeys(keys))
    blobs = store.cached_vectors(embedder, unique)
    if shared is not None:
        found = {k: b for k, b in shared.get(embedder, [k for k in unique if k not in blobs]).items()}
        if found:
            store.cache_vectors(embedder, list(found.items()))
            blobs.update(found)
    if not blobs:
        return np.zeros(0, np.int64), np.zeros((0, 1), np.float32)
    sizes = [len(b) for b in blobs.values()]
    size = max(set(sizes), key=sizes.count)  # a vector of another length is damage, not data
    ids = [i for i, k in enumerate(keys) if len(blobs.get(k, b"")) == size]
    vecs = np.stack([np.frombuffer(blobs[keys[i]], dtype=np.float32) for i in ids]) if ids else \
        np.zeros((0, size // 4), np.float32)
    return np.asarray(ids, dtype=np.int64), vecs


# -- merges ------------------------------------------------------------------------------------
def live_rows(entry: dict[str, Any]) -> int:
    deleted = set(entry["deleted"])
    return sum(n for d, (_, n) in entry["docs"].items() if d not in deleted)


def plan_merges(manifest: dict[str, Any], max_rows: int | None,
                hnsw_threshold: int = HNSW_THRESHOLD) -> list[list[dict[str, Any]]]:
    """Groups of segments to merge now: a full size class, or one segment with removed documents,
    too many vector parts, or every vector of a big one ready for its HNSW graph; only groups of
    at most `max_rows` live rows when a limit is given."""
    tiers: dict[int, list[dict[str, Any]]] = {}
    for seg in manifest["segments"]:
        tiers.setdefault(int(math.log(max(live_rows(seg), 1), MERGE_FACTOR)), []).append(seg)
    groups = [segs for segs in tiers.values() if len(segs) >= MERGE_FACTOR]
    grouped = {s["name"] for g in groups for s in g}
    for seg in manifest["segments"]:
        dense = seg.get("dense", {}).values()
        many_parts = any(len(d.get("parts", [])) > MAX_PARTS for d in dense)
        graph_due = seg["rows"] >= hnsw_threshold and any(
            not d.get("hnsw") and d.get("vectors", 0) >= seg["rows"] for d in dense)
        if seg["name"] not in grouped and (seg["deleted"] or many_parts or graph_due):
            groups.append([seg])
    return [g for g in groups if max_rows is None or sum(live_rows(s) for s in g) <= max_rows]


def merge(index_dir: Path, entries: list[dict[str, Any]], name: str, members: list[str],
          hnsw_threshold: int = HNSW_THRESHOLD) -> dict[str, Any]:
    """Write segment `name` holding the live rows of `entries` (read from their files only)."""
    segs = [Segment.load(index_dir / e["name"]) for e in entries]
    keeps = [_keep(seg, set(e["deleted"])) for seg, e in zip(segs, entries, strict=True)]
    rows, revs, keys = _select_rows(segs, keeps)
    postings = Postings.concat([s.postings.select(k) for s, k in zip(segs, keeps, strict=True)])
    vectors: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for m in members:
        ids_l, vecs_l, offset = [], [], 0
        for e, keep in zip(entries, keeps, strict=True):
            ids, vecs = segment_vectors(index_dir / e["name"], e.get("dense", {}).get(m, {}))
            new_row = np.cumsum(keep) - 1 + offset
            held = keep[ids] if len(ids) else np.zeros(0, bool)
            ids_l.append(new_row[ids[held]])
            vecs_l.append(vecs[held])
            offset += int(keep.sum())
        held_parts = [(i, v) for i, v in zip(ids_l, vecs_l, strict=True) if len(i)]
        dims = {v.shape[1] for _, v in held_parts}
        vectors[m] = (np.zeros(0, np.int64), np.zeros((0, 1), np.float32)) if len(dims) != 1 else \
            (np.concatenate([i for i, _ in held_parts]).astype(np.int64), np.concatenate([v for _, v in held_parts]))
    lexicon = sorted(set().union(*(s.lexicon for s in segs)))
    data = SegmentData(rows, revs, keys, postings, lexicon, vectors)
    big = {m: ids for m, (ids, _) in vectors.items() if len(rows) >= hnsw_threshold and len(ids) == len(rows)}
    parts = write_segment(index_dir, name, SegmentData(rows, revs, keys, postings, lexicon,
                                                       {m: v for m, v in vectors.items() if m not in big}))
    entry = new_entry(name, data, parts)
    for m in big:
        entry["dense"][m]["hnsw"] = write_hnsw(index_dir / name, m, *vectors[m], threshold=hnsw_threshold)
    return entry


def _keep(seg: Segment, deleted: set[str]) -> np.ndarray:
    dead = np.array([d in deleted for d in seg.rows.doc_ids] or [False], dtype=bool)
    return ~dead[seg.rows.doc_of_row] if len(seg.rows) else np.zeros(0, bool)


def _select_rows(segs: list[Segment], keeps: list[np.ndarray]) -> tuple[Rows, list[int], list[str]]:
    """The kept rows of several segments as one row table, with their documents' revisions and passage keys."""
    out, revs, keys = Rows(), [], []
    of_row: list[int] = []
    for seg, keep in zip(segs, keeps, strict=True):
        r = seg.rows
        kept_docs = sorted({int(r.doc_of_row[i]) for i in np.nonzero(keep)[0]})
        remap = {old: len(out.doc_ids) + j for j, old in enumerate(kept_docs)}
        for old in kept_docs:
            out.doc_ids.append(r.doc_ids[old])
            out.doc_langs.append(r.doc_langs[old])
            out.doc_sources.append(r.doc_sources[old])
            out.doc_lines.append(r.doc_lines[old] if old < len(r.doc_lines) else "")
            revs.append(seg.revs[old])
        for i in np.nonzero(keep)[0]:
            out.chunk_ids.append(r.chunk_ids[i])
            out.sections.append(r.sections[i])
            of_row.append(remap[int(r.doc_of_row[i])])
            keys.append(seg.keys[i])
        out.text_langs += "".join(r.text_langs[i] for i in np.nonzero(keep)[0])
    out.doc_of_row = np.asarray(of_row, dtype=np.int32)
    return out, revs, keys


def commit_merge(index_dir: Path, inputs: list[dict[str, Any]], entry: dict[str, Any]) -> bool:
    """Under the write lock: replace `inputs` by the merged `entry` in the current manifest.

    Documents removed from an input while the merge ran are removed from the merged segment
    too; if an input is gone (another merge, a rebuild) the merge is dropped."""
    manifest = read_manifest(index_dir)
    current = {s["name"]: s for s in (manifest or {}).get("segments", [])}
    if manifest is None or any(e["name"] not in current for e in inputs):
        shutil.rmtree(index_dir / entry["name"], ignore_errors=True)
        return False
    carried = set().union(*(set(current[e["name"]]["deleted"]) - set(e["deleted"]) for e in inputs))
    entry["deleted"] = sorted(carried & set(entry["docs"]))
    names = {e["name"] for e in inputs}
    first = next(i for i, s in enumerate(manifest["segments"]) if s["name"] in names)
    kept = [s for s in manifest["segments"] if s["name"] not in names]
    kept.insert(min(first, len(kept)), entry)
    manifest["segments"] = [s for s in kept if set(s["docs"]) - set(s["deleted"])]
    publish(index_dir, describe(manifest))
    return True


def merge_name() -> str:
    """A fresh segment name for a merge (a merge may run outside the write lock, so it does not
    take a number from the manifest's counter)."""
    return f"m-{secrets.token_hex(5)}"
