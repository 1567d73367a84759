"""Vectors shared between homes, by embedder and passage text (`POLICYKB_VECTOR_CACHE`).

Every home caches its own embeddings in its store, so re-indexing embeds nothing twice.
A shared cache goes further: a new home (an evaluation run on a fresh temporary home, a
test, a second home over the same documents) takes the vectors of passages any home has
already embedded, keyed exactly as the store keys them (embedder name + hash of the exact
passage text). Embedding is the slowest step of ingest here (e5 about 3.5 passages/s), so
this is what makes repeated evaluation on the dev corpora take seconds instead of minutes.
It is a SQLite file, safe for several processes at once; unset, nothing is shared.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

_SCHEMA = "CREATE TABLE IF NOT EXISTS vectors (embedder TEXT, key TEXT, vector BLOB, PRIMARY KEY (embedder, key))"


class VectorCache:
    """`get`/`put` float32 vectors (as bytes) by (embedder, passage key)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.con = sqlite3.connect(str(path), timeout=120, check_same_thread=False)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute(_SCHEMA)
        self.con.commit()

    def get(self, embedder: str, keys: list[str]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            rows = self.con.execute(
                f"SELECT key, vector FROM vectors WHERE embedder=? AND key IN ({','.join('?' * len(part))})",
                (embedder, *part)).fetchall()
            out.update({k: v for k, v in rows})
        return out

    def put(self, embedder: str, items: list[tuple[str, bytes]]) -> None:
        with self.con:
            self.con.executemany("INSERT OR REPLACE INTO vectors VALUES (?,?,?)", [(embedder, k, v) for k, v in items])

    def close(self) -> None:
        self.con.close()
