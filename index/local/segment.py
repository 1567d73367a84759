"""One index segment on disk: the rows of some documents, their postings, dictionary and vectors.

Layout of `<home>/index/s000012-1a2b3c/`:

    rows.json            chunk ids, documents (id, revision, language, source), sections,
                         passage languages and passage keys of the segment's rows
    postings/            term postings (`index.local.postings`)
    lexicon.txt          the dictionary terms harvested from these documents
    dense-<emb>-<n>.npz  vectors of some rows for one embedder (ids = row numbers), added as
                         they are embedded; `hnsw-<emb>.faiss` once a big segment is complete

A segment is written into a temporary folder, every file fsynced, and renamed into place;
vector parts are added later the same way (temporary file, fsync, rename). Nothing in a
segment is ever modified: which documents of it are removed, and which vector parts it
has, is said by the manifest (`index.local.snapshot`).
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.local.dense import HNSW_THRESHOLD, DenseIndex
from index.local.postings import Postings
from index.passages import Rows


@dataclass
class SegmentData:
    """Everything a new segment holds; `vectors[embedder]` = (row ids, vectors) known when it is written."""

    rows: Rows
    revs: list[int]  # per document of rows.doc_ids
    keys: list[str]  # per row: the passage key its vector is cached by
    postings: Postings
    lexicon: list[str]
    vectors: dict[str, tuple[np.ndarray, np.ndarray]]


@dataclass
class Segment:
    """The immutable part of a loaded segment (vectors are loaded per manifest: `load_dense`)."""

    name: str
    folder: Path
    rows: Rows
    revs: list[int]
    keys: list[str]
    postings: Postings
    lexicon: list[str]

    @classmethod
    def load(cls, folder: Path) -> Segment:
        raw = json.loads((folder / "rows.json").read_text(encoding="utf-8"))
        revs, keys = raw.pop("doc_revs"), raw.pop("keys")
        lexicon = [t for t in (folder / "lexicon.txt").read_text(encoding="utf-8").split("\n") if t]
        return cls(folder.name, folder, Rows.from_json(raw), revs, keys, Postings.load(folder / "postings"), lexicon)


class SegmentDense:
    """The vectors of one segment for one embedder: a flat index of its parts, and its HNSW graph if any.

    `where[row]` says which index holds a row's vector (-1: none yet)."""

    def __init__(self, n_rows: int, indexes: list[DenseIndex], ids: list[np.ndarray]) -> None:
        self.indexes = indexes
        self.where = np.full(n_rows, -1, dtype=np.int8)
        for i, held in enumerate(ids):
            self.where[held] = i

    @property
    def covered(self) -> np.ndarray:
        return self.where >= 0

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """Row ids and cosines of the k nearest rows (among `allowed` rows when given), best first."""
        found_ids, found_scores = [], []
        for i, index in enumerate(self.indexes):
            mine = None if allowed is None else allowed[self.where[allowed] == i]
            if mine is not None and not len(mine):
                continue
            if mine is None and len(self.indexes) > 1:
                mine = np.nonzero(self.where == i)[0].astype(np.int64)
            ids, scores = index.search(query, k, mine)
            found_ids.append(ids)
            found_scores.append(scores)
        if not found_ids:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        ids, scores = np.concatenate(found_ids), np.concatenate(found_scores)
        order = np.argsort(-scores, kind="stable")[:k]
        return ids[order], scores[order]

    def cosine(self, query: np.ndarray, row: int) -> float | None:
        i = int(self.where[row])
        if i < 0:
            return None
        return float(self.indexes[i].cosines(query, np.array([row], dtype=np.int64))[0])


def load_dense(folder: Path, n_rows: int, parts: list[str], hnsw: str | None) -> SegmentDense:
    """The vectors a manifest lists for a segment and one embedder."""
    indexes: list[DenseIndex] = []
    ids_of: list[np.ndarray] = []
    if hnsw:
        index = DenseIndex.load(folder / hnsw)
        indexes.append(index)
        ids_of.append(index.ids())
    if parts:
        loaded = [np.load(folder / p) for p in parts]
        ids = np.concatenate([x["ids"] for x in loaded]).astype(np.int64)
        vecs = np.concatenate([x["vectors"] for x in loaded]).astype(np.float32)
        if len(ids):
            indexes.append(DenseIndex.build(vecs, ids, hnsw_threshold=2**62))
            ids_of.append(ids)
    return SegmentDense(n_rows, indexes, ids_of)


def segment_vectors(folder: Path, spec: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """(row ids, vectors) a segment holds for one embedder, from its parts and HNSW graph."""
    ids_l, vecs_l = [], []
    if spec.get("hnsw"):
        index = DenseIndex.load(folder / spec["hnsw"])
        ids_l.append(index.ids())
        vecs_l.append(index.vectors())
    for part in spec.get("parts", []):
        with np.load(folder / part) as loaded:
            ids_l.append(loaded["ids"].astype(np.int64))
            vecs_l.append(loaded["vectors"].astype(np.float32))
    if not ids_l:
        return np.zeros(0, np.int64), np.zeros((0, 1), np.float32)
    return np.concatenate(ids_l), np.concatenate(vecs_l)


def write_segment(index_dir: Path, name: str, data: SegmentData) -> dict[str, list[str]]:
    """Write `data` as segment `name` (see the module docstring); returns its vector part files."""
    tmp = index_dir / f".tmp-{secrets.token_hex(3)}"
    tmp.mkdir(parents=True)
    (tmp / "rows.json").write_text(json.dumps({**data.rows.to_json(), "doc_revs": data.revs, "keys": data.keys},
                                              ensure_ascii=False), encoding="utf-8")
    (tmp / "lexicon.txt").write_text("\n".join(data.lexicon), encoding="utf-8")
    data.postings.save(tmp / "postings")
    parts: dict[str, list[str]] = {}
    for embedder, (ids, vecs) in data.vectors.items():
        if len(ids):
            file = part_name(embedder, 0)
            np.savez(tmp / file, ids=ids.astype(np.int32), vectors=vecs.astype(np.float32))
            parts[embedder] = [file]
    fsync_tree(tmp)
    os.rename(tmp, index_dir / name)
    fsync_dir(index_dir)
    return parts


def write_part(folder: Path, embedder: str, number: int, ids: np.ndarray, vecs: np.ndarray) -> str:
    """Add a vector part to an existing segment folder (temporary file, fsync, rename); returns its name."""
    name = part_name(embedder, number)
    tmp = folder / f".tmp-{secrets.token_hex(3)}.npz"
    with open(tmp, "wb") as fh:
        np.savez(fh, ids=ids.astype(np.int32), vectors=vecs.astype(np.float32))
        fh.flush()
        os.fsync(fh.fileno())
    os.rename(tmp, folder / name)
    fsync_dir(folder)
    return name


def write_hnsw(folder: Path, embedder: str, ids: np.ndarray, vecs: np.ndarray, threshold: int = HNSW_THRESHOLD) -> str:
    """Build and add the HNSW graph of a complete big segment; returns its file name."""
    name = f"hnsw-{safe(embedder)}.faiss"
    tmp = folder / f".tmp-{secrets.token_hex(3)}.faiss"
    DenseIndex.build(vecs, ids, hnsw_threshold=threshold).save(tmp)
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.rename(tmp, folder / name)
    fsync_dir(folder)
    return name


def part_name(embedder: str, number: int) -> str:
    return f"dense-{safe(embedder)}-{number}.npz"


def safe(embedder: str) -> str:
    import hashlib

    clean = "".join(c if c.isalnum() or c in "-_." else "_" for c in embedder)[:40]
    return f"{clean}-{hashlib.sha1(embedder.encode()).hexdigest()[:6]}"


def fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        else:
            fsync_dir(path)
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
