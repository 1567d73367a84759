"""The local retrieval backend: BM25 (bm25s) + FAISS files in `<home>/index/`.

    backend = LocalBackend(Path(".policykb"))          # embedder: the one the home was built with
    backend.sync(store, progress=True)                  # after every change of the store
    hits = backend.search("崩岗治理由哪些单位负责？", k=5)

`sync` is idempotent and cheap when the published build already covers the store's
generation. Settings: POLICYKB_FUSION (rrf | weighted), POLICYKB_HNSW_THRESHOLD (vectors
above which FAISS uses HNSW instead of an exact scan; default 50000). A search reloads when another process has published a newer build (one
`stat` of the manifest per query) and never sees a half-written one (`index.local.snapshot`).

Raises `IndexMismatchError` when the home was built with another embedder or tokenizer
than the one asked for, with the fix in the message.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.backend import Mode, SearchFilters, check_query
from index.embedders import DEFAULT_EMBEDDER, Embedder, check_name, make_embedder
from index.local.build import build_snapshot
from index.local.searcher import Searcher
from index.local.snapshot import Snapshot, manifest_signature, publish, read_manifest
from index.snippets import make_hit, query_terms
from index.store import Store
from index.tokenize import TOKENIZER_NAME, Tokenizer
from index.vector_cache import VectorCache
from ingest.errors import IndexMismatchError, IndexStateError
from ingest.models import Hit
from ingest.settings import Settings, active


@dataclass
class _Loaded:
    signature: tuple[int, int, int] | None
    manifest: dict[str, Any]
    searcher: Searcher


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
        self._loaded: _Loaded | None = None
        self._tokenizer: Tokenizer | None = None
        self._store: Store | None = None

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

    # -- writes ------------------------------------------------------------------------------
    def sync(self, store: Store, progress: bool = False) -> None:
        """Make the published build cover exactly the store's current content."""
        with self._lock:
            manifest = read_manifest(self.index_dir)
            name = self.embedder_name(manifest)
            if manifest is not None:
                self._check(manifest, building=True)
                if (manifest.get("generation") == store.generation() and manifest.get("embedder") == name
                        and manifest.get("tokenizer") == TOKENIZER_NAME):
                    return
            embedders = self._embedders(name)
            snapshot, self._tokenizer, fields = build_snapshot(store, list(embedders.values()), self._tokenizer,
                                                               progress, self.hnsw_threshold, self._shared_cache())
            manifest = publish(self.index_dir, snapshot, {**fields, "embedder": name})
            self._loaded = _Loaded(manifest_signature(self.index_dir), manifest,
                                   Searcher(snapshot, self._tokenizer, embedders, self.fusion))

    # -- reads -------------------------------------------------------------------------------
    def _current(self) -> _Loaded | None:
        """The loaded build, reloaded first if a newer one was published since."""
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
        for _ in range(3):  # a build may be replaced between reading the manifest and loading it
            signature = manifest_signature(self.index_dir)
            manifest = read_manifest(self.index_dir)
            if manifest is None:
                return None
            self._check(manifest)
            members = check_name(manifest["embedder"])
            try:
                snapshot = Snapshot.load(self.index_dir / manifest["dir"], members)
            except (OSError, ValueError, RuntimeError):
                continue
            if self._tokenizer is None or self._tokenizer.dict_hash != manifest.get("dict_hash"):
                self._tokenizer = Tokenizer(snapshot.lexicon)
            searcher = Searcher(snapshot, self._tokenizer, self._embedders(manifest["embedder"]), self.fusion)
            return _Loaded(signature, manifest, searcher)
        raise IndexStateError(f"{self.index_dir}: the index could not be loaded; run `policykb ingest` "
                              "(any path) to rebuild it")

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
        mask = filter_mask(searcher.snapshot, filters)
        ranked = searcher.rank(query, k, mode, mask)
        chunks = self.store.chunks_by_id(searcher.snapshot.rows.chunk_ids[r.row] for r in ranked)
        terms = query_terms(searcher.tokenizer.tokenize(query))
        rows = searcher.snapshot.rows
        sources = dict(zip(rows.doc_ids, rows.doc_sources, strict=True))
        hits: list[Hit] = []
        for r in ranked:
            chunk = chunks.get(searcher.snapshot.rows.chunk_ids[r.row])
            if chunk is None:  # removed from the store after this build was published
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
