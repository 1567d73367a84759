"""Retrieval backends by name: `local` (bm25s + FAISS files in the home) and `milvus`."""

from __future__ import annotations

from pathlib import Path

from index.backend import RetrievalBackend
from ingest.errors import ConfigError

BACKENDS = ("local", "milvus")


def make_backend(name: str, home: Path, embedder: str | None = None) -> RetrievalBackend:
    if name == "local":
        from index.local import LocalBackend

        return LocalBackend(home, embedder)
    if name == "milvus":
        from index.milvus import MilvusBackend

        return MilvusBackend(home, embedder)
    raise ConfigError(f"unknown backend {name!r}; valid backends: {', '.join(BACKENDS)}")
