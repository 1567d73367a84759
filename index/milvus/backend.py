"""The Milvus retrieval backend: BM25 (Milvus' BM25 function, jieba analyzer) + dense vectors in Milvus.

    backend = MilvusBackend(Path(".policykb"))      # POLICYKB_MILVUS_URI, default <home>/milvus.db
    backend.sync(store, progress=True)               # after every change of the store
    hits = backend.search("崩岗治理由哪些单位负责？", k=5)

The same `Hit`s as `index.local.backend.LocalBackend`: chunks and their exact spans come from the
home's store, quotes from `index.snippets`; Milvus holds what is searched (see
`index.milvus.schema`). Queries are embedded here, with the embedder the collection was
built with; ranking is `index.milvus.search`; keeping the collection equal to the store is
`index.milvus.sync`; connecting (a cluster, or Milvus Lite in the home) is
`index.milvus.connect`.

Settings (environment): `POLICYKB_MILVUS_URI`, `POLICYKB_MILVUS_TOKEN`, `POLICYKB_MILVUS_DB`;
`POLICYKB_MILVUS_COLLECTION` (collection name prefix; default `policykb_<home id>`);
`POLICYKB_MILVUS_INDEX` (HNSW by default; FLAT, IVF_FLAT, or DISKANN on a cluster);
`POLICYKB_MILVUS_FUSION` (`client` by default, or `server`); `POLICYKB_MILVUS_DICT=1` to
give the jieba analyzer the corpus' user dictionary (off by default: no gain measured once
the BM25 text carries bigrams, and every dictionary change rebuilds the collection).

Raises `IndexMismatchError` when the collection was built with another embedder than the
one asked for, or by another schema version, with the fix in the message; `IndexStateError`
when Milvus cannot be reached.
"""

from __future__ import annotations

import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.backend import Mode, SearchFilters, check_query
from index.embedders import DEFAULT_EMBEDDER, Embedder, check_name, make_embedder
from index.lexicon import harvest
from index.milvus.connect import Target, connect, release, target_for
from index.milvus.schema import SCHEMA_VERSION, Spec, alias_name, collection_base
from index.milvus.search import MilvusRanker, Scored, filter_expr
from index.milvus.sync import alias_target, is_physical, rebuild, update
from index.snippets import make_hit, query_terms
from index.store import Store
from index.tokenize import Tokenizer
from ingest.errors import BadQueryError, IndexMismatchError, IndexStateError
from ingest.models import Hit
from ingest.settings import Settings, active

HOME_ID_KEY = "milvus_home_id"


@dataclass
class _Reader:
    spec: Spec
    ranker: MilvusRanker


@dataclass
class _StoreView:
    """What hits need from the store besides chunks, refreshed when its generation moves."""

    generation: int
    sources: dict[str, str]
    tokenizer: Tokenizer


class MilvusBackend:
    name = "milvus"

    def __init__(self, home: Path, embedder: str | None = None, settings: Settings | None = None) -> None:
        settings = settings or active()
        self.home = home
        self.requested = embedder
        if embedder is not None:
            check_name(embedder)
        self.target: Target = target_for(home, settings)
        self.fusion = settings.milvus_fusion
        self.use_dictionary = settings.milvus_dict
        self.collection_prefix = settings.milvus_collection
        self.wanted_index = settings.milvus_index
        self._lock = threading.RLock()
        self._client: Any = None
        self._reader: _Reader | None = None
        self._view: _StoreView | None = None
        self._store: Store | None = None

    # -- connection and names --------------------------------------------------------------
    @property
    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = connect(self.target)
            return self._client

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.home / "store.sqlite")
        return self._store

    def alias(self, store: Store, create: bool = False) -> str | None:
        """The home's collection alias; the home id is made (and kept in the store) on first sync."""
        home_id = store.get_meta(HOME_ID_KEY)
        if home_id is None and create:
            home_id = secrets.token_hex(6)
            store.set_meta(HOME_ID_KEY, home_id)
        return alias_name(collection_base(home_id, self.collection_prefix)) if home_id else None

    def _spec(self, physical: str) -> Spec | None:
        return Spec.from_properties(self.client.describe_collection(physical).get("properties") or {})

    def built_spec(self) -> Spec | None:
        """What the home's collection was built with (None before the first sync): for checks and tests."""
        alias = self.alias(self.store)
        physical = self._call(alias_target, self.client, alias) if alias else None
        return self._call(self._spec, physical) if physical else None

    # -- which embedder --------------------------------------------------------------------
    def _check(self, spec: Spec, where: str) -> None:
        if self.requested and spec.embedder != self.requested:
            raise IndexMismatchError(
                f"{where} was built with embedder {spec.embedder!r}, not {self.requested!r}: query it with "
                f"--embedder {spec.embedder} (or POLICYKB_EMBEDDER={spec.embedder}, or no --embedder at all), "
                f"or ingest into a new home (--home NEWDIR) to use {self.requested!r}")

    # -- writes ----------------------------------------------------------------------------
    def sync(self, store: Store, progress: bool = False) -> None:
        """Make the home's collection hold exactly the store's chunks (incremental when it can be)."""
        with self._lock:
            alias = self.alias(store, create=True)
            assert alias is not None
            physical = self._call(alias_target, self.client, alias)
            built = self._call(self._spec, physical) if physical else None
            if built is not None:
                self._check(built, f"{self.target.describe()} (collection {alias})")
            name = self.requested or (built.embedder if built else DEFAULT_EMBEDDER)
            if built is not None and self._up_to_date(built, store, name):
                return
            embedders = [make_embedder(m) for m in check_name(name)]
            dictionary = _dictionary(store) if self.use_dictionary else None
            wanted = Spec(embedder=name, dims={e.name: e.dim for e in embedders},
                          index_type=self._index_type(built),
                          dictionary_hash=Tokenizer.dictionary_hash(dictionary) if dictionary else "")
            if built is None or physical is None or built.build_key() != wanted.build_key():
                self._call(rebuild, self.client, alias, wanted, store, embedders, dictionary, progress)
            else:
                self._call(_ensure_loaded, self.client, physical)
                self._call(update, self.client, physical, wanted, store, embedders, progress)
            self._reader = None

    def fill_vectors(self, store: Store, lock: Any, progress: bool = False, stop: Any = None) -> bool:
        """Nothing to do: `sync` inserts rows with their vectors (a Milvus row needs every vector field)."""
        return True

    def maintain(self, lock: Any, max_rows: int | None = None) -> int:
        """Nothing to do: Milvus merges its segments by itself."""
        return 0

    def rebuild(self, store: Store) -> None:
        self.sync(store)

    def status(self) -> dict[str, Any]:
        """Every chunk in the collection has its vectors."""
        docs = {d["doc_id"]: d["chunks"] for d in self.store.documents()}
        total = sum(docs.values())
        return {"chunks": total, "embedded": total, "documents": docs}

    def _up_to_date(self, built: Spec, store: Store, embedder: str) -> bool:
        """True when nothing is to do: same generation, embedder, analyzer and index type (no harvest)."""
        analyzer_same = self.use_dictionary == bool(built.dictionary_hash) and (
            self.use_dictionary or built.analyzer == Spec(embedder, {}).analyzer)
        return (built.generation == store.generation() and built.embedder == embedder and analyzer_same
                and built.index_type == self._index_type(built))

    def _index_type(self, built: Spec | None) -> str:
        """`POLICYKB_MILVUS_INDEX` when set; else what the collection has (HNSW for a new one)."""
        return self.wanted_index or (built.index_type if built else "HNSW")

    # -- reads -----------------------------------------------------------------------------
    def _current(self) -> _Reader | None:
        """The ranker for the home's collection (resolved once), or None before the first sync."""
        if self._reader is not None:
            return self._reader
        with self._lock:
            if self._reader is not None:
                return self._reader
            alias = self.alias(self.store)
            physical = self._call(alias_target, self.client, alias) if alias else None
            if alias is None or physical is None:
                self._refuse_other_versions(alias)
                return None
            spec = self._call(self._spec, physical)
            where = f"{self.target.describe()} (collection {alias})"
            if spec is None:
                raise IndexStateError(f"{where} holds no policykb index; run `policykb --backend milvus ingest` "
                                      "(any path) to rebuild it")
            self._check(spec, where)
            self._call(_ensure_loaded, self.client, physical)
            embedders = _embedders(spec, where)
            self._reader = _Reader(spec, MilvusRanker(self.client, alias, spec, embedders, self.fusion))
            return self._reader

    def _refuse_other_versions(self, alias: str | None) -> None:
        """A collection of this home made by another schema version is a mismatch, not an empty index."""
        if alias is None:
            return
        base = alias[: alias.rfind("_s")]
        others = [c for c in self._call(self.client.list_collections)
                  if re.fullmatch(re.escape(base) + r"_s\d+_[0-9a-f]{6}", c) and not is_physical(c, alias)]
        if others:
            raise IndexMismatchError(
                f"{self.target.describe()}: the home's collection {others[0]} was built by another policykb "
                f"(schema version other than {SCHEMA_VERSION}); run `policykb --backend milvus ingest` (any "
                "path) to build the index for this version")

    def search(self, query: str, k: int = 10, mode: Mode = "hybrid",
               filters: SearchFilters | None = None) -> list[Hit]:
        check_query(query, mode)
        reader = self._current()
        if reader is None:
            return []
        ranked = self._call(reader.ranker.rank, query, k, mode, filter_expr(filters))
        return self._hits(query, ranked, filters)

    def _hits(self, query: str, ranked: list[Scored], filters: SearchFilters | None) -> list[Hit]:
        """Scored chunk ids -> `Hit`s, exactly as the local backend makes them."""
        view = self._store_view()
        chunks = self.store.chunks_by_id(r.chunk_id for r in ranked)
        terms = query_terms(view.tokenizer.tokenize(query))
        prefix = (filters.section_prefix or "").strip() if filters else ""
        hits: list[Hit] = []
        for r in ranked:
            chunk = chunks.get(r.chunk_id)
            if chunk is None or not chunk.section.startswith(prefix):  # removed since, or a LIKE wildcard
                continue
            hits.append(make_hit(chunk, terms, view.sources.get(chunk.doc_id, ""), r.score, r.bm25, r.dense))
        return hits

    def _store_view(self) -> _StoreView:
        """Sources and the quote tokenizer (the corpus' dictionary, as the local backend's)."""
        generation = self.store.generation()
        view = self._view
        if view is not None and view.generation == generation:
            return view
        with self._lock:
            lexicon = harvest(self.store)
            tokenizer = view.tokenizer if view and view.tokenizer.dict_hash == Tokenizer.dictionary_hash(
                lexicon) else Tokenizer(lexicon)
            sources = {d["doc_id"]: d["source"] for d in self.store.documents()}
            self._view = _StoreView(generation, sources, tokenizer)
            return self._view

    def _call(self, fn: Any, *args: Any) -> Any:
        """Run a Milvus call; a failure of Milvus itself becomes IndexStateError naming the target."""
        try:
            return fn(*args)
        except (IndexStateError, BadQueryError):
            raise
        except Exception as exc:
            if type(exc).__module__.startswith(("pymilvus", "grpc")):
                self._reader = None
                raise IndexStateError(f"{self.target.describe()}: {exc}") from exc
            raise

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                try:
                    self._client.close()
                finally:
                    self._client = None
                    self._reader = None
                    release(self.target)
            if self._store is not None:
                self._store.close()
                self._store = None


def _dictionary(store: Store) -> list[str]:
    """The corpus' user dictionary, as jieba accepts it (Chinese terms without spaces)."""
    return [t for t in harvest(store) if " " not in t and any("\u4e00" <= ch <= "\u9fff" for ch in t)]


def _embedders(spec: Spec, where: str) -> dict[str, Embedder]:
    embedders = {m: make_embedder(m) for m in check_name(spec.embedder)}
    for m, e in embedders.items():
        if spec.dims.get(m) != e.dim:
            raise IndexMismatchError(f"{where}: embedder {m!r} now has dimension {e.dim}, the collection "
                                     f"{spec.dims.get(m)}; ingest into a new home (--home NEWDIR)")
    return embedders


def _ensure_loaded(client: Any, physical: str) -> None:
    """Collections come back released after a restart (Milvus Lite, or a cluster after `release`)."""
    state = client.get_load_state(physical).get("state")
    if "Loaded" not in str(state):
        client.load_collection(physical)
