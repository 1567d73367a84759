"""The local retrieval backend: BM25 + FAISS segments in `<home>/index/`.

    backend = LocalBackend(Path(".policykb"))          # embedder: the one the home was built with
    backend.sync(store)                                 # after every change of the store: cheap
    backend.fill_vectors(store, lock)                   # then the vectors, outside the write lock
    hits = backend.search("崩岗治理由哪些单位负责？", k=5)

`sync` costs in proportion to what changed (`index.local.build`), `fill_vectors` embeds what
has no vector yet (`index.local.vectors`) and `maintain` merges segments. Settings:
POLICYKB_FUSION (rrf | weighted), POLICYKB_HNSW_THRESHOLD (vectors above which a segment's
FAISS index is HNSW instead of an exact scan; default 50000). A search reloads when another
process has published a newer state (one `stat` of the manifest per query), reusing the
segments it has loaded, and never sees a half-written one (`index.local.snapshot`).

Raises `IndexMismatchError` when the home was built with another embedder or tokenizer
than the one asked for, `IndexStateError` when its manifest is damaged; both with the fix.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.backend import Mode, SearchFilters, check_query
from index.embedders import DEFAULT_EMBEDDER, Embedder, LazyEmbedders, check_name, make_embedder
from index.local import build, vectors
from index.local.searcher import Searcher
from index.local.snapshot import Snapshot, load_manifest, load_snapshot, manifest_signature, read_manifest
from index.local.status import files_status
from index.snippets import make_hit, query_terms
from index.store import Store
from index.tokenize import TOKENIZER_NAME, Tokenizer
from index.vector_cache import VectorCache
from ingest.errors import IndexMismatchError, IndexStateError
from ingest.models import Hit
from ingest.settings import Settings, active

Lock = Callable[[], AbstractContextManager[Any]]


@dataclass
class _Loaded:
    signature: tuple[int, int, int] | None
    manifest: dict[str, Any]
    searcher: Searcher
    status: dict[str, Any] | None = None


class LocalBackend:
    name = "local"

    def __init__(self, home: Path, embedder: str | None = None, settings: Settings | None = None) -> None:
        settings = settings or active()
        self.home = home
        self.index_dir = home / "index"
        self.requested = embedder
        if embedder is not None:
            check_name(embedder)
        self.fusion = settings.fusion
        self.hnsw_threshold = settings.hnsw_threshold
        self.vector_cache_path = settings.vector_cache
        self._lock = threading.RLock()
        # One search at a time runs the Python part (tokens, BM25, fusion, quotes): it holds the GIL
        # anyway, and 8 threads taking turns at it spent a third of their CPU handing the GIL and
        # numpy's released GIL back and forth (bm25 at 8 threads: 15.8 ms of CPU a search against
        # 6.2 alone, fewer searches a second than one thread). Query embeddings run outside it.
        self._python_gate = threading.Lock()
        self._loaded: _Loaded | None = None
        self._tokenizer: Tokenizer | None = None
        self._store: Store | None = None
        self._segments: dict[Any, Any] = {}  # loaded segments and vector sets, by name

    def _shared_cache(self) -> VectorCache | None:
        """The vector cache shared between homes, when POLICYKB_VECTOR_CACHE names one."""
        return VectorCache(self.vector_cache_path) if self.vector_cache_path else None

    # -- which embedder ----------------------------------------------------------------------
    def embedder_name(self, manifest: dict[str, Any] | None = None) -> str:
        """The requested embedder, else the one the home was built with, else the default."""
        manifest = manifest if manifest is not None else read_manifest(self.index_dir)
        return self.requested or (manifest or {}).get("embedder") or DEFAULT_EMBEDDER

    def _check(self, manifest: dict[str, Any], building: bool = False) -> None:
        """Refuse another embedder; an index from another tokenizer is rebuilt by `sync`, refused by `search`."""
        built = manifest.get("embedder")
        if self.requested and built and built != self.requested:
            raise IndexMismatchError(
                f"{self.home} was built with embedder {built!r}, not {self.requested!r}: query it with "
                f"--embedder {built} (or POLICYKB_EMBEDDER={built}, or no --embedder at all), or ingest into a "
                f"new home (--home NEWDIR) to use {self.requested!r}")
        if manifest.get("tokenizer") != TOKENIZER_NAME and not building:
            raise IndexMismatchError(
                f"{self.home}: its index was built with tokenizer {manifest.get('tokenizer')!r}, this policykb "
                f"uses {TOKENIZER_NAME!r}; run `policykb --home {self.home} ingest` with any path (even an "
                "already ingested one) to rebuild it - cached embeddings are reused")

    def _embedders(self, name: str) -> dict[str, Embedder]:
        return {m: make_embedder(m) for m in check_name(name)}

    def _writer_tokenizer(self, manifest: dict[str, Any] | None, name: str) -> Tokenizer:
        """The tokenizer new segments are cut with: the dictionary of every segment so far."""
        if not build.usable(manifest, name):
            return Tokenizer([])  # a rebuild: every document brings its terms again
        terms: set[str] = set()
        for seg in (manifest or {}).get("segments", []):
            path = self.index_dir / seg["name"] / "lexicon.txt"
            if path.is_file():
                terms.update(t for t in path.read_text(encoding="utf-8").split("\n") if t)
        if self._tokenizer is None:
            self._tokenizer = Tokenizer(terms)
        else:
            self._tokenizer.add_terms(terms)
        return self._tokenizer

    # -- writes ------------------------------------------------------------------------------
    def sync(self, store: Store, progress: bool = False) -> None:
        """Under the write lock: make the index cover exactly the store's documents, then merge what
        is small enough to merge at once."""
        manifest = read_manifest(self.index_dir)
        name = self.embedder_name(manifest)
        if manifest is not None:
            self._check(manifest, building=True)
        with self._lock:  # only for the tokenizer: searches of this process go on during the build
            tokenizer = self._writer_tokenizer(manifest, name)
        build.sync(self.index_dir, store, tokenizer, name, check_name(name), self._shared_cache())
        self.maintain(lock=None, max_rows=build.INLINE_MERGE_ROWS)

    def rebuild(self, store: Store) -> None:
        """Under the write lock: one new segment of every document, tokenised with the whole dictionary."""
        with self._lock:
            name = self.embedder_name()
            (self.index_dir / "manifest.json").unlink(missing_ok=True)
            self._tokenizer = None
            build.sync(self.index_dir, store, self._writer_tokenizer(None, name), name, check_name(name),
                       self._shared_cache())

    def maintain(self, lock: Lock | None, max_rows: int | None = None) -> int:
        """Merge segments (see `index.local.build`). With `lock`, each merge is built outside the write
        lock and committed under it; without, the caller holds the lock. Returns the merges made."""
        made = 0
        while True:
            manifest = read_manifest(self.index_dir)
            if manifest is None or not build.usable(manifest, self.embedder_name(manifest)):
                return made
            groups = build.plan_merges(manifest, max_rows, self.hnsw_threshold)
            if not groups:
                return made
            members = check_name(manifest["embedder"])
            try:
                entry = build.merge(self.index_dir, groups[0], build.merge_name(), members, self.hnsw_threshold)
            except (OSError, ValueError):  # an input was replaced by another process meanwhile: merge later
                return made
            if lock is None:
                done = build.commit_merge(self.index_dir, groups[0], entry)
            else:
                with lock():
                    done = build.commit_merge(self.index_dir, groups[0], entry)
            if not done:
                return made
            made += 1

    def fill_vectors(self, store: Store, lock: Lock, progress: bool = False,
                     stop: Callable[[], bool] = lambda: False) -> bool:
        """Embed the rows that have no vector yet, publishing as it goes (`index.local.vectors`)."""
        manifest = read_manifest(self.index_dir)
        if manifest is None:
            return True
        embedders = self._embedders(self.embedder_name(manifest))
        return vectors.fill(self.index_dir, store, embedders, self._snapshot, lock, self._shared_cache(),
                            progress, stop)

    def status(self) -> dict[str, Any]:
        """Chunks, chunks with every vector, and per document the chunks with every vector.

        A process that has not loaded the index counts from its files (`index.local.status`)."""
        if self._loaded is None:
            manifest = read_manifest(self.index_dir)
            if manifest is not None and manifest.get("format") == 2:
                self._check(manifest)
                counted = files_status(self.index_dir, manifest, check_name(manifest["embedder"]))
                if counted is not None:
                    return counted
        loaded = self._current()
        if loaded is None:
            return {"chunks": 0, "embedded": 0, "documents": {}}
        if loaded.status is None:
            loaded.status = _status(loaded.searcher.snapshot)
        return loaded.status


    # -- reads -------------------------------------------------------------------------------
    def _snapshot(self) -> Snapshot | None:
        loaded = self._current()
        return loaded.searcher.snapshot if loaded is not None else None

    def _current(self) -> _Loaded | None:
        """The loaded state, reloaded first if a newer one was published since."""
        signature = manifest_signature(self.index_dir)
        loaded = self._loaded
        if loaded is not None and loaded.signature == signature:
            return loaded
        with self._lock:
            if self._loaded is not None and self._loaded.signature == manifest_signature(self.index_dir):
                return self._loaded
            self._loaded = self._load()
            return self._loaded

    def _load(self) -> _Loaded | None:
        for _ in range(5):  # a state may be replaced between reading the manifest and loading its files
            signature = manifest_signature(self.index_dir)
            manifest = load_manifest(self.index_dir)
            if manifest is None:
                return None
            self._check(manifest)
            if manifest.get("format") != 2:
                raise IndexStateError(f"{self.index_dir}: the index is from an older policykb; run `policykb "
                                      "ingest` with any path to rebuild it (cached embeddings are reused)")
            members = check_name(manifest["embedder"])
            try:
                snapshot = load_snapshot(self.index_dir, manifest, members, self._segments)
            except (OSError, ValueError, KeyError, RuntimeError):
                continue
            self._prune(manifest)
            if self._tokenizer is None:
                self._tokenizer = Tokenizer(snapshot.lexicon)
            else:
                self._tokenizer.add_terms(snapshot.lexicon)
            searcher = Searcher(snapshot, self._tokenizer, LazyEmbedders(members), self.fusion)  # models on first use
            return _Loaded(signature, manifest, searcher)
        raise IndexStateError(f"{self.index_dir}: the index could not be loaded; run `policykb ingest` "
                              "(any path) to rebuild it")

    def _prune(self, manifest: dict[str, Any]) -> None:
        """Forget loaded segments the current manifest no longer names."""
        names = {s["name"] for s in manifest["segments"]}
        for key in list(self._segments):
            if (key if isinstance(key, str) else key[0]) not in names:
                del self._segments[key]

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.home / "store.sqlite")
        return self._store

    def search(self, query: str, k: int = 10, mode: Mode = "hybrid",
               filters: SearchFilters | None = None) -> list[Hit]:
        check_query(query, mode)
        loaded = self._current()
        if loaded is None:
            return []
        searcher = loaded.searcher
        qvecs = searcher.embed(query) if mode != "bm25" else None  # C code without the GIL: outside the gate
        with self._python_gate:
            mask = filter_mask(searcher.snapshot, filters)
            tokens = searcher.tokenizer.tokenize(query)
            ranked = searcher.rank(query, k, mode, mask, tokens=tokens, qvecs=qvecs)
            chunks = self.store.chunks_by_id(searcher.snapshot.rows.chunk_ids[r.row] for r in ranked)
            terms = query_terms(tokens)
            rows = searcher.snapshot.rows
            sources = dict(zip(rows.doc_ids, rows.doc_sources, strict=True))
            hits: list[Hit] = []
            for r in ranked:
                chunk = chunks.get(searcher.snapshot.rows.chunk_ids[r.row])
                if chunk is None:  # removed from the store after this state was published
                    continue
                hits.append(make_hit(chunk, terms, sources.get(chunk.doc_id, ""), r.score, r.bm25, r.dense))
            return hits

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def filter_mask(snapshot: Snapshot, filters: SearchFilters | None) -> np.ndarray | None:
    """Rows passing the filters (documents, language, heading-path prefix), or None for all."""
    if filters is None or not (filters.doc_ids or filters.lang or filters.section_prefix):
        return None
    rows = snapshot.rows
    mask = np.ones(len(rows), dtype=bool)
    if filters.doc_ids:
        wanted = np.array([i for i, d in enumerate(rows.doc_ids) if d in set(filters.doc_ids)], dtype=np.int32)
        mask &= np.isin(rows.doc_of_row, wanted)
    if filters.lang:
        langs = np.array([lang == filters.lang for lang in rows.doc_langs] or [False], dtype=bool)
        mask &= langs[rows.doc_of_row] if len(rows) else mask
    if filters.section_prefix:
        prefix = filters.section_prefix.strip()
        mask &= np.fromiter((s.startswith(prefix) for s in rows.sections), dtype=bool, count=len(rows))
    return mask


def _status(snapshot: Snapshot) -> dict[str, Any]:
    """What `LocalBackend.status` reports of one loaded state (computed once per state)."""
    live, covered = snapshot.live, snapshot.vector_coverage()
    rows = snapshot.rows
    per_doc: dict[str, int] = {}
    if len(rows):
        counts = np.bincount(rows.doc_of_row[covered], minlength=len(rows.doc_ids))
        alive = np.bincount(rows.doc_of_row[live], minlength=len(rows.doc_ids))
        for i, doc in enumerate(rows.doc_ids):
            if alive[i]:
                per_doc[doc] = int(counts[i])
    return {"chunks": int(live.sum()), "embedded": int(covered.sum()), "documents": per_doc}
