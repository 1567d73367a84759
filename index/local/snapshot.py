"""The index on disk: one immutable folder per build, published atomically by a manifest.

Layout of `<home>/index/`:

    manifest.json          which build is current + tokenizer, dictionary hash, embedder,
                           dimensions, counts and the store generation it covers
    g000012-1a2b3c/        one build: rows.json, lexicon.txt, bm25/, dense-<embedder>.faiss

A build is written into a temporary folder, every file fsynced, the folder renamed into
place, and only then `manifest.json` is replaced (write, fsync, `os.replace`). A crash at
any point leaves the previous manifest naming the previous, complete build; a reader in
another process that loads a build never sees a half-written one. The build before the
current one is kept, so a reader that has just read the old manifest can still load it.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.local.bm25 import BM25Index
from index.local.dense import DenseIndex
from index.passages import Rows

MANIFEST = "manifest.json"
FORMAT = 1


@dataclass
class Snapshot:
    """One complete build: rows, BM25, one dense index per embedder, and its dictionary."""

    rows: Rows
    bm25: BM25Index
    dense: dict[str, DenseIndex]
    lexicon: list[str]

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "rows.json").write_text(json.dumps(self.rows.to_json(), ensure_ascii=False), encoding="utf-8")
        (folder / "lexicon.txt").write_text("\n".join(self.lexicon), encoding="utf-8")
        self.bm25.save(folder / "bm25")
        for name, index in self.dense.items():
            index.save(folder / dense_file(name))

    @classmethod
    def load(cls, folder: Path, embedders: list[str]) -> Snapshot:
        rows = Rows.from_json(json.loads((folder / "rows.json").read_text(encoding="utf-8")))
        lexicon = [t for t in (folder / "lexicon.txt").read_text(encoding="utf-8").split("\n") if t]
        bm25 = BM25Index.load(folder / "bm25", len(rows))
        dense = {name: DenseIndex.load(folder / dense_file(name)) for name in embedders}
        return cls(rows=rows, bm25=bm25, dense=dense, lexicon=lexicon)


def dense_file(embedder: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in embedder)
    return f"dense-{safe}-{hashlib.sha1(embedder.encode()).hexdigest()[:6]}.faiss"


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def manifest_signature(index_dir: Path) -> tuple[int, int, int] | None:
    """A cheap fingerprint of the manifest file (one stat): changes whenever a build is published."""
    try:
        st = os.stat(index_dir / MANIFEST)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def publish(index_dir: Path, snapshot: Snapshot, manifest: dict[str, Any]) -> dict[str, Any]:
    """Write `snapshot` as a new build and make it current (see the module docstring)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    for stale in index_dir.glob(".tmp-*"):  # left by a writer that crashed (writers hold the home lock)
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)
    token = secrets.token_hex(3)
    tmp = index_dir / f".tmp-{token}"
    snapshot.save(tmp)
    _fsync_tree(tmp)
    name = f"g{int(manifest['generation']):06d}-{token}"
    os.rename(tmp, index_dir / name)
    _fsync_dir(index_dir)
    previous = read_manifest(index_dir)
    manifest = {**manifest, "format": FORMAT, "dir": name}
    tmp_manifest = index_dir / f".tmp-{token}.json"
    with open(tmp_manifest, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp_manifest, index_dir / MANIFEST)
    _fsync_dir(index_dir)
    keep = {name, (previous or {}).get("dir")}
    for old in index_dir.glob("g*-*"):
        if old.is_dir() and old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    return manifest


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        else:
            _fsync_dir(path)
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
