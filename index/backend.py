"""The retrieval backend interface: what ingestion and answering see of an index.

The local backend (bm25s + FAISS files in the home) and the Milvus backend both implement
it, chosen by name through `index.factory.make_backend`; nothing above this layer knows
which one runs.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from index.store import Store
from ingest.errors import BadQueryError
from ingest.models import Hit

Mode = Literal["hybrid", "bm25", "dense"]
MODES: tuple[str, ...] = ("hybrid", "bm25", "dense")


def check_query(query: str, mode: str) -> None:
    """The one validation of a search request every backend applies: a client error, never a server one."""
    if not query or not query.strip():
        raise BadQueryError("the query is empty")
    if mode not in MODES:
        raise BadQueryError(f"unknown mode {mode!r}; valid modes: {', '.join(MODES)}")


@dataclass
class SearchFilters:
    doc_ids: list[str] = field(default_factory=list)
    lang: str | None = None
    section_prefix: str | None = None


class RetrievalBackend(Protocol):
    name: str

    def sync(self, store: Store, progress: bool = False) -> None:
        """Under the home's write lock: make the index cover exactly the store's current documents,
        searchable at once; a backend that can (local) leaves vectors not cached yet to `fill_vectors`."""

    def fill_vectors(self, store: Store, lock: Callable[[], AbstractContextManager[Any]], progress: bool = False,
                     stop: Callable[[], bool] = lambda: False) -> bool:
        """Outside the write lock: embed what has no vector yet, taking `lock` only to publish.
        Returns whether every chunk now has its vectors."""

    def maintain(self, lock: Callable[[], AbstractContextManager[Any]] | None, max_rows: int | None = None) -> int:
        """Merge index segments (a no-op where the engine merges by itself); returns the merges made."""

    def rebuild(self, store: Store) -> None:
        """Under the write lock: rebuild the index from the store (`policykb compact`)."""

    def status(self) -> dict[str, Any]:
        """{"chunks", "embedded", "documents": {doc_id: chunks with every vector}} of what search sees."""

    def search(self, query: str, k: int = 10, mode: Mode = "hybrid",
               filters: SearchFilters | None = None) -> list[Hit]:
        """The k best chunks for `query`, best first, each with its score breakdown."""

    def close(self) -> None:
        """Release files and connections."""
