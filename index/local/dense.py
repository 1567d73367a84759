"""Vector search with FAISS: inner product on normalised vectors (= cosine).

Exact (`IndexFlatIP`) below `hnsw_threshold` vectors - exact is fast enough there and has
no recall loss - and HNSW (`IndexHNSWFlat`, M=32) above it, where a flat scan of 10^5-10^6
vectors would eat the query budget. Both sit in an id map, so ids are the caller's
row numbers and a filter is an id selector (`IndexIDMap2`, which can also hand back a
vector by id, so every hit gets its exact cosine). A filtered search on HNSW that finds fewer
than k results (a restrictive filter starves the graph walk) falls back to an exact scan
of the allowed rows.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from index.omp import configure

configure()  # before faiss loads its libgomp (index.omp says why)

import faiss  # noqa: E402
import numpy as np  # noqa: E402

HNSW_THRESHOLD = 50_000
HNSW_M = 32
EF_CONSTRUCTION = 80
EF_SEARCH = 64
EXACT_FALLBACK_MAX = 200_000
BUILD_THREADS = os.cpu_count() or 1

faiss.omp_set_num_threads(1)  # one query at a time gains nothing from threads; builds set their own


class DenseIndex:
    """Normalised vectors keyed by int64 row ids.

    >>> v = np.eye(3, dtype=np.float32)
    >>> idx = DenseIndex.build(v, np.arange(3))
    >>> idx.search(v[2], k=1)[0].tolist()
    [2]
    """

    def __init__(self, index: Any, dim: int) -> None:  # faiss' SWIG classes: typed loosely
        self._index = index
        self.dim = dim

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def ids(self) -> np.ndarray:
        """The ids this index holds."""
        return faiss.vector_to_array(self._index.id_map).astype(np.int64)

    def vectors(self) -> np.ndarray:
        """Every stored vector, in the order of `ids()`."""
        inner: Any = faiss.downcast_index(self._index.index)
        return inner.reconstruct_n(0, self.size) if self.size else np.zeros((0, self.dim), np.float32)

    @property
    def kind(self) -> str:
        return "hnsw" if _hnsw_of(self._index) is not None else "flat"

    @classmethod
    def build(cls, vectors: np.ndarray, ids: np.ndarray, hnsw_threshold: int = HNSW_THRESHOLD,
              threads: int | None = None) -> DenseIndex:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = int(vectors.shape[1]) if vectors.ndim == 2 and vectors.shape[1] else 1
        if len(vectors) >= hnsw_threshold:
            inner: Any = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = EF_CONSTRUCTION
            inner.hnsw.efSearch = EF_SEARCH
        else:
            inner = faiss.IndexFlatIP(dim)
        index = faiss.IndexIDMap2(inner)
        if len(vectors):
            faiss.omp_set_num_threads(threads or BUILD_THREADS)
            try:
                index.add_with_ids(vectors, np.ascontiguousarray(ids, dtype=np.int64))
            finally:
                faiss.omp_set_num_threads(1)
        return cls(index, dim)

    def search(self, query: np.ndarray, k: int,
               allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Ids and cosine scores of the k nearest vectors, best first.

        `allowed` (sorted int64 ids) restricts the search to those ids."""
        if not self.size or k <= 0 or (allowed is not None and not len(allowed)):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, self.dim)
        k = min(k, self.size)
        params: Any = None
        if allowed is not None:
            sel = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
            hnsw = _hnsw_of(self._index)
            if hnsw is not None:
                params = faiss.SearchParametersHNSW(sel=sel, efSearch=max(EF_SEARCH, 2 * k))  # type: ignore[attr-defined]
            else:
                params = faiss.SearchParameters(sel=sel)  # type: ignore[call-arg]
            k = min(k, len(allowed))
        scores, ids = self._index.search(q, k, params=params)
        keep = ids[0] >= 0
        out_ids, out_scores = ids[0][keep].astype(np.int64), scores[0][keep].astype(np.float32)
        if allowed is not None and len(out_ids) < k and self.kind == "hnsw" and len(allowed) <= EXACT_FALLBACK_MAX:
            return self._exact(q[0], k, allowed)
        return out_ids, out_scores

    def cosines(self, query: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Exact cosine between the query and each id's vector (for the score breakdown of hits)."""
        if not len(ids):
            return np.zeros(0, dtype=np.float32)
        vecs = np.vstack([self._index.reconstruct(int(i)) for i in ids])
        return (vecs @ np.asarray(query, dtype=np.float32).reshape(self.dim)).astype(np.float32)

    def _exact(self, q: np.ndarray, k: int, allowed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        inner: Any = faiss.downcast_index(self._index.index)
        id_map = faiss.vector_to_array(self._index.id_map)
        pos = np.nonzero(np.isin(id_map, allowed))[0]
        vecs = inner.reconstruct_batch(pos.astype(np.int64)) if len(pos) else np.zeros((0, self.dim), np.float32)
        sims = vecs @ q
        order = np.argsort(-sims, kind="stable")[:k]
        return id_map[pos[order]].astype(np.int64), sims[order].astype(np.float32)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        index = faiss.read_index(str(path))
        return cls(index, int(index.d))


def _hnsw_of(index: Any) -> Any:
    inner = faiss.downcast_index(index.index) if isinstance(index, (faiss.IndexIDMap, faiss.IndexIDMap2)) else index
    return inner if isinstance(inner, faiss.IndexHNSW) else None
