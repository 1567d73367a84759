"""How many chunks have their vectors, read from the index files without loading the index.

`policykb documents` shows per document the chunks that already have vectors (they follow the
text, `index.local.vectors`). Loading the index for that - postings, FAISS graphs, the
tokenizer - cost ~0.25 s of a ~0.45 s command. The counts need only the manifest, each
segment's row table and the row ids of its vector parts: a segment gets an HNSW graph only
when every row has a vector (`index.local.build`), so a graph means "all rows". Returns None
when the files cannot be read as expected; the caller then loads the index, which says what
is wrong. tests/index/test_local_status.py checks it against the loaded index's own counts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np


def read_status(index_dir: Path) -> dict[str, Any] | None:
    """`files_status` of the current state (None: no index, an older format, or unreadable files)."""
    from index.embedders import members

    try:
        manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != 2 or not isinstance(manifest.get("embedder"), str):
        return None
    return files_status(index_dir, manifest, members(manifest["embedder"]))


def files_status(index_dir: Path, manifest: dict[str, Any], members: list[str]) -> dict[str, Any] | None:
    """{"chunks", "embedded", "documents": {doc_id: chunks with every vector}} as `LocalBackend.status`
    for the state `manifest` names."""
    try:
        chunks = embedded = 0
        per_doc: dict[str, int] = {}
        for entry in manifest["segments"]:
            live, covered, doc_ids, doc_of_row = _segment(index_dir / entry["name"], entry, members)
            chunks += int(live.sum())
            embedded += int((live & covered).sum())
            counts = np.bincount(doc_of_row[live & covered], minlength=len(doc_ids))
            alive = np.bincount(doc_of_row[live], minlength=len(doc_ids))
            for i, doc in enumerate(doc_ids):
                if alive[i]:
                    per_doc[doc] = per_doc.get(doc, 0) + int(counts[i])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    return {"chunks": chunks, "embedded": embedded, "documents": per_doc}


def _segment(folder: Path, entry: dict[str, Any], members: list[str]) -> tuple[np.ndarray, np.ndarray, list[str],
                                                                             np.ndarray]:
    """(live rows, rows with every member's vector, document ids, document of each row) of one segment."""
    rows = json.loads((folder / "rows.json").read_text(encoding="utf-8"))
    doc_ids: list[str] = rows["doc_ids"]
    doc_of_row = np.asarray(rows["doc_of_row"], dtype=np.int64)
    deleted = set(entry.get("deleted", []))
    dead = np.array([d in deleted for d in doc_ids] or [False], dtype=bool)
    live = ~dead[doc_of_row] if len(doc_of_row) else np.zeros(0, bool)
    covered = np.ones(len(doc_of_row), dtype=bool)
    for member in members:
        spec = entry.get("dense", {}).get(member, {})
        if spec.get("hnsw"):
            continue  # written only for a segment whose every row has this member's vector
        has = np.zeros(len(doc_of_row), dtype=bool)
        for part in spec.get("parts", []):
            with np.load(folder / part) as loaded:
                has[loaded["ids"].astype(np.int64)] = True
        covered &= has
    return live, covered, doc_ids, doc_of_row
