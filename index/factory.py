"""Retrieval backends by name: `local` (bm25s + FAISS files in the home) and `milvus`."""

from __future__ import annotations

from pathlib import Path

from index.backend import RetrievalBackend
from ingest.errors import ConfigError
from ingest.settings import Settings

BACKENDS = ("local", "milvus")


def make_backend(name: str, home: Path, embedder: str | None = None,
                 settings: Settings | None = None) -> RetrievalBackend:
    if name == "local":
        from index.local.backend import LocalBackend

        return LocalBackend(home, embedder, settings)
    if name == "milvus":
        from index.milvus.backend import MilvusBackend

        return MilvusBackend(home, embedder, settings)
    raise ConfigError(f"unknown backend {name!r}; valid backends: {', '.join(BACKENDS)}")
