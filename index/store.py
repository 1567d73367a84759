"""The home's SQLite store: documents, canonical text, blocks, chunks, records, embedding cache.

A document is its source (the file's path under the ingested folder, or the upload's
name): `source` is unique, and putting a document replaces whatever that source held,
in one transaction, so a crash leaves either version whole and never both. Each put
gets a new `rev` (the store generation it was written at), which is how the index tells
an old version from a new one; `content_hash` only detects change. Two sources with the
same bytes are two documents (their vectors are shared through the cache, which is keyed
by passage text).

Replacing or removing a document removes every trace of the old version: its rows, and the
cached vectors of passages no other chunk uses (`chunks.pkey` records each chunk's passage
key once the index has read it). `secure_delete` overwrites freed pages, and `compact`
gives the freed space back (VACUUM). Readers open their own connections (WAL mode), so
searches go on while an ingest writes. The store never imports fastapi and knows nothing
of retrieval.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any, cast

from ingest.errors import IndexMismatchError
from ingest.models import (
    Block,
    Chunk,
    Citation,
    Deadline,
    DocMeta,
    ParsedDocument,
    Span,
    Target,
    Task,
    Unit,
)

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, source TEXT NOT NULL, origin TEXT NOT NULL, title TEXT NOT NULL,
    lang TEXT NOT NULL, text TEXT NOT NULL, page_starts TEXT NOT NULL, meta TEXT NOT NULL,
    n_chunks INTEGER NOT NULL, n_tasks INTEGER NOT NULL, n_targets INTEGER NOT NULL,
    added_at TEXT NOT NULL DEFAULT (datetime('now')),
    content_hash TEXT NOT NULL DEFAULT '', rev INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS documents_origin ON documents(origin);
CREATE TABLE IF NOT EXISTS blocks (
    doc_id TEXT NOT NULL, ord INTEGER NOT NULL, kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    section TEXT NOT NULL, page INTEGER, number TEXT, level INTEGER, tbl TEXT, cells TEXT NOT NULL,
    PRIMARY KEY (doc_id, ord)
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ord INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, section TEXT NOT NULL, page INTEGER, tbl TEXT, text TEXT NOT NULL, pkey TEXT
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id, ord);
CREATE TABLE IF NOT EXISTS tasks (task_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ord INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tasks_doc ON tasks(doc_id, ord);
CREATE TABLE IF NOT EXISTS targets (target_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ord INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS targets_doc ON targets(doc_id, ord);
CREATE TABLE IF NOT EXISTS embeddings (embedder TEXT NOT NULL, key TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (embedder, key));
"""
# Indexes on the columns schema 2 added; created after the migration of a schema-1 home has added them.
_SCHEMA_2_INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE INDEX IF NOT EXISTS chunks_pkey ON chunks(pkey);
CREATE INDEX IF NOT EXISTS embeddings_key ON embeddings(key);
"""


LOCKED_RETRY_SECONDS = 60.0


def _while_locked(step: Callable[[], object]) -> None:
    """Run a connection's opening step, retrying while another process holds the database: two processes that open
    a new home at once race to switch it to WAL, and SQLite answers that switch "database is locked" at once, without
    its busy handler."""
    deadline = time.monotonic() + LOCKED_RETRY_SECONDS
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Store:
    """SQLite store of one home. Thread-safe: one connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        # executescript() commits any open transaction itself, so the schema goes in first, alone
        _while_locked(lambda: self.con.executescript(_SCHEMA))
        with self.transaction() as con:
            row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is None:
                con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                con.execute("INSERT OR IGNORE INTO meta VALUES ('generation', '0')")
            elif row[0] == "1":
                _migrate_1_to_2(con)
            elif row[0] != str(SCHEMA_VERSION):
                raise IndexMismatchError(
                    f"{path}: the home has schema version {row[0]}, this policykb uses {SCHEMA_VERSION}; "
                    "re-ingest into a new home (--home NEWDIR) or install the matching policykb version")
            for statement in _SCHEMA_2_INDEXES.strip().splitlines():
                con.execute(statement)

    # -- connections -------------------------------------------------------------------------
    @property
    def con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
            _while_locked(lambda: con.execute("PRAGMA journal_mode=WAL"))
            con.execute("PRAGMA synchronous=NORMAL")
            con.execute("PRAGMA busy_timeout=60000")
            con.execute("PRAGMA secure_delete=ON")  # a removed version's text does not linger in free pages
            self._local.con = con
        return con

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None

    # -- meta --------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str, con: sqlite3.Connection | None = None) -> None:
        (con or self.con).execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def generation(self) -> int:
        """Bumped by every change of documents; the index files record the generation they cover."""
        return int(self.get_meta("generation") or 0)

    # -- writes ------------------------------------------------------------------------------
    def put_document(self, doc: ParsedDocument, origin: str, content_hash: str = "") -> list[str]:
        """Store `doc` in one transaction, replacing whatever its source (or its doc id) held.

        Returns the ids of the documents it replaced."""
        with self.transaction() as con:
            old = [r[0] for r in con.execute("SELECT doc_id FROM documents WHERE source=? OR doc_id=?",
                                             (doc.source, doc.doc_id))]
            keys = _delete(con, old)
            rev = int(con.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0]) + 1
            con.execute(
                "INSERT INTO documents (doc_id, source, origin, title, lang, text, page_starts, meta, n_chunks, "
                "n_tasks, n_targets, content_hash, rev) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.doc_id, doc.source, origin, doc.title, doc.lang, doc.text, json.dumps(doc.page_starts),
                 json.dumps(asdict(doc.meta), ensure_ascii=False), len(doc.chunks), len(doc.tasks), len(doc.targets),
                 content_hash, rev))
            con.executemany(
                'INSERT INTO blocks (doc_id, ord, kind, start, "end", section, page, number, level, tbl, cells) '
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(doc.doc_id, i, b.kind, b.start, b.end, b.section, b.page, b.number, b.level, b.table,
                  json.dumps([[c.start, c.end] for c in b.cells])) for i, b in enumerate(doc.blocks)])
            con.executemany(
                'INSERT INTO chunks (chunk_id, doc_id, ord, start, "end", section, page, tbl, text) VALUES (?,?,?,?,?,?,?,?,?)',
                [(c.chunk_id, doc.doc_id, c.ordinal, c.start, c.end, c.section, c.page, c.table, c.text)
                 for c in doc.chunks])
            con.executemany("INSERT OR REPLACE INTO tasks VALUES (?,?,?,?)",
                            [(t.task_id, doc.doc_id, i, json.dumps(t.to_dict(), ensure_ascii=False))
                             for i, t in enumerate(doc.tasks)])
            con.executemany("INSERT OR REPLACE INTO targets VALUES (?,?,?,?)",
                            [(t.target_id, doc.doc_id, i, json.dumps(t.to_dict(), ensure_ascii=False))
                             for i, t in enumerate(doc.targets)])
            _forget_vectors(con, keys)
            _bump(con)
        return [d for d in old if d != doc.doc_id]

    def remove_document(self, doc_id: str) -> bool:
        with self.transaction() as con:
            found = con.execute("SELECT 1 FROM documents WHERE doc_id=?", (doc_id,)).fetchone() is not None
            if found:
                _forget_vectors(con, _delete(con, [doc_id]))
                _bump(con)
        return found

    def set_passage_keys(self, items: list[tuple[str, str]]) -> None:
        """Record (passage key, chunk id) pairs: which cached vectors a chunk uses (see the module docstring)."""
        with self.transaction() as con:
            con.executemany("UPDATE chunks SET pkey=? WHERE chunk_id=?", items)

    def compact(self) -> tuple[int, int]:
        """Drop cached vectors no chunk uses, give freed pages back (VACUUM) and empty the WAL.

        Returns the database's size in bytes before and after."""
        before = self.size()
        with self.transaction() as con:
            con.execute("DELETE FROM embeddings WHERE key NOT IN (SELECT pkey FROM chunks WHERE pkey IS NOT NULL) "
                        "AND NOT EXISTS (SELECT 1 FROM chunks WHERE pkey IS NULL)")
        self.con.execute("VACUUM")
        self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return before, self.size()

    def size(self) -> int:
        page_size = self.con.execute("PRAGMA page_size").fetchone()[0]
        pages = self.con.execute("PRAGMA page_count").fetchone()[0]
        return int(page_size * pages)

    # -- reads -------------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE doc_id=?", (doc_id,)).fetchone() is not None

    def by_source(self, source: str) -> tuple[str, str] | None:
        """(doc_id, content hash) of the document `source` holds, or None."""
        row = self.con.execute("SELECT doc_id, content_hash FROM documents WHERE source=?", (source,)).fetchone()
        return (row[0], row[1]) if row else None

    def revisions(self) -> tuple[int, dict[str, int]]:
        """The generation and {doc_id: rev} of every document, read together (one read transaction)."""
        con = self.con
        con.execute("BEGIN")
        try:
            generation = int(con.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0])
            revs = {r[0]: r[1] for r in con.execute("SELECT doc_id, rev FROM documents")}
        finally:
            con.execute("COMMIT")
        return generation, revs

    def documents(self) -> list[dict[str, Any]]:
        rows = self.con.execute(
            "SELECT doc_id, source, title, lang, page_starts, n_chunks, n_tasks, n_targets FROM documents "
            "ORDER BY source, doc_id").fetchall()
        return [{"doc_id": r[0], "source": r[1], "title": r[2], "lang": r[3], "pages": len(json.loads(r[4])),
                 "chunks": r[5], "tasks": r[6], "targets": r[7]} for r in rows]

    def document_summary(self, doc_id: str) -> dict[str, Any] | None:
        return next((d for d in self.documents() if d["doc_id"] == doc_id), None)

    def document_info(self, doc_id: str) -> dict[str, Any] | None:
        row = self.con.execute("SELECT doc_id, source, title, lang, page_starts, meta FROM documents WHERE doc_id=?",
                               (doc_id,)).fetchone()
        if row is None:
            return None
        return {"doc_id": row[0], "source": row[1], "title": row[2], "lang": row[3],
                "page_starts": json.loads(row[4]), "meta": DocMeta(**json.loads(row[5]))}

    def text(self, doc_id: str) -> str | None:
        row = self.con.execute("SELECT text FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def blocks(self, doc_id: str) -> list[Block]:
        rows = self.con.execute('SELECT kind, start, "end", section, page, number, level, tbl, cells FROM blocks '
                                "WHERE doc_id=? ORDER BY ord", (doc_id,)).fetchall()
        return [Block(kind=r[0], start=r[1], end=r[2], section=r[3], page=r[4], number=r[5], level=r[6], table=r[7],
                      cells=[Span(a, b) for a, b in json.loads(r[8])]) for r in rows]

    def chunks(self, doc_ids: Iterable[str] | None = None) -> list[Chunk]:
        sql = 'SELECT chunk_id, doc_id, ord, start, "end", section, page, tbl, text FROM chunks'
        args: tuple[str, ...] = ()
        if doc_ids is not None:
            ids = tuple(doc_ids)
            sql += f" WHERE doc_id IN ({','.join('?' * len(ids))})"
            args = ids
        rows = self.con.execute(sql + " ORDER BY doc_id, ord", args).fetchall()
        return [Chunk(chunk_id=r[0], doc_id=r[1], ordinal=r[2], start=r[3], end=r[4], section=r[5], page=r[6],
                      table=r[7], text=r[8]) for r in rows]

    def chunks_by_id(self, chunk_ids: Iterable[str]) -> dict[str, Chunk]:
        ids = list(chunk_ids)
        out: dict[str, Chunk] = {}
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            rows = self.con.execute(
                'SELECT chunk_id, doc_id, ord, start, "end", section, page, tbl, text FROM chunks '
                f"WHERE chunk_id IN ({','.join('?' * len(part))})", part).fetchall()
            for r in rows:
                out[r[0]] = Chunk(chunk_id=r[0], doc_id=r[1], ordinal=r[2], start=r[3], end=r[4], section=r[5],
                                  page=r[6], table=r[7], text=r[8])
        return out

    def tasks(self, doc_id: str | None = None) -> list[Task]:
        sql, args = "SELECT data FROM tasks", cast(tuple[str, ...], ())
        if doc_id:
            sql, args = sql + " WHERE doc_id=?", (doc_id,)
        return [task_from_dict(json.loads(r[0])) for r in self.con.execute(sql + " ORDER BY doc_id, ord", args)]

    def targets(self, doc_id: str | None = None) -> list[Target]:
        sql, args = "SELECT data FROM targets", cast(tuple[str, ...], ())
        if doc_id:
            sql, args = sql + " WHERE doc_id=?", (doc_id,)
        return [target_from_dict(json.loads(r[0])) for r in self.con.execute(sql + " ORDER BY doc_id, ord", args)]

    # -- embedding cache ---------------------------------------------------------------------
    def cached_vectors(self, embedder: str, keys: list[str]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            rows = self.con.execute(
                f"SELECT key, vector FROM embeddings WHERE embedder=? AND key IN ({','.join('?' * len(part))})",
                (embedder, *part)).fetchall()
            out.update({k: v for k, v in rows})
        return out

    def cache_vectors(self, embedder: str, items: list[tuple[str, bytes]]) -> None:
        with self.transaction() as con:
            con.executemany("INSERT OR REPLACE INTO embeddings VALUES (?,?,?)", [(embedder, k, v) for k, v in items])


def _delete(con: sqlite3.Connection, doc_ids: list[str]) -> set[str]:
    """Delete the documents' rows; returns the passage keys their chunks used."""
    keys: set[str] = set()
    for doc_id in doc_ids:
        keys.update(r[0] for r in con.execute("SELECT pkey FROM chunks WHERE doc_id=? AND pkey IS NOT NULL",
                                              (doc_id,)))
        for table in ("documents", "blocks", "chunks", "tasks", "targets"):
            con.execute(f"DELETE FROM {table} WHERE doc_id=?", (doc_id,))
    return keys


def _forget_vectors(con: sqlite3.Connection, keys: set[str]) -> None:
    """Drop the cached vectors of passage keys that no remaining chunk uses."""
    for key in keys:
        if con.execute("SELECT 1 FROM chunks WHERE pkey=? LIMIT 1", (key,)).fetchone() is None:
            con.execute("DELETE FROM embeddings WHERE key=?", (key,))


def _bump(con: sqlite3.Connection) -> int:
    con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='generation'")
    return int(con.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0])


def _migrate_1_to_2(con: sqlite3.Connection) -> None:
    """Schema 1 (a document = its bytes) to 2 (a document = its source), in the open transaction.

    Documents keep their ids; a source held by two documents (the same file name from two
    folders) keeps the first and names the others by their full origin."""
    con.execute("ALTER TABLE documents ADD COLUMN content_hash TEXT NOT NULL DEFAULT ''")
    con.execute("ALTER TABLE documents ADD COLUMN rev INTEGER NOT NULL DEFAULT 0")
    con.execute("ALTER TABLE chunks ADD COLUMN pkey TEXT")
    con.execute("UPDATE documents SET source = origin WHERE rowid NOT IN (SELECT MIN(rowid) FROM documents "
                "GROUP BY source)")
    con.execute("UPDATE documents SET rev = rowid")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


def citation_from_dict(d: dict[str, Any]) -> Citation:
    return Citation(**d)


def task_from_dict(d: dict[str, Any]) -> Task:
    return Task(**{**d, "units": [Unit(**u) for u in d["units"]], "deadlines": [Deadline(**x) for x in d["deadlines"]],
                   "citation": Citation(**d["citation"])})


def target_from_dict(d: dict[str, Any]) -> Target:
    return Target(**{**d, "citation": Citation(**d["citation"])})
