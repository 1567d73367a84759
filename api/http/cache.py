"""A small LRU of answers to repeated requests, valid only for the index state that made them.

Searches and answers are deterministic for a given request and index state, and staff
ask the same few questions often. Each entry is keyed by the request and by a version
of the home: the store's generation (bumped by every document change) plus, for the
local backend, the published index's manifest fingerprint (one `stat`). An ingest by
this server or by another process changes the version, so a cached result can never
outlive the state it came from; a backend without a fingerprint is not cached.

The cache is bounded twice: by entries (POLICYKB_CACHE_SIZE) and by memory
(POLICYKB_CACHE_MB). A search of k=100 long chunks is a few hundred kilobytes in memory,
so a count alone let 1,100 big searches hold 370 MB. An entry's memory is estimated as
`MEMORY_PER_JSON_BYTE` times the size of its JSON (Python's strings, dicts and floats take
about three times their JSON text, measured on search results); an entry larger than the
whole budget is not kept.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from index.home import Home
from index.local.snapshot import manifest_signature

T = TypeVar("T")
MEMORY_PER_JSON_BYTE = 3


def home_version(home: Home) -> Hashable | None:
    """What a cached result depends on, or None when it cannot be told (then nothing is cached)."""
    if home.backend_name != "local":
        return None
    signature = manifest_signature(home.folder / "index")
    if signature is None:
        return None
    return (home.store.generation(), signature)


def estimate_bytes(value: Any) -> int:
    """Roughly the memory a cached result holds (see the module docstring)."""
    return MEMORY_PER_JSON_BYTE * len(json.dumps(value, ensure_ascii=False, default=str).encode("utf-8"))


class ResultCache:
    """Thread-safe LRU bounded by entries (`size`) and estimated bytes (`max_bytes`); either 0 turns it off."""

    def __init__(self, size: int, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.size = size
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._version: Hashable | None = None
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, key: Hashable, version: Hashable | None, compute: Callable[[], T]) -> T:
        if self.size <= 0 or self.max_bytes <= 0 or version is None:
            return compute()
        with self._lock:
            if version != self._version:  # the index changed: everything cached is stale
                self._items.clear()
                self.bytes = 0
                self._version = version
            elif key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key][0]  # type: ignore[no-any-return]
            self.misses += 1
        value = compute()
        cost = estimate_bytes(value)
        with self._lock:
            if version == self._version and cost <= self.max_bytes and key not in self._items:
                self._items[key] = (value, cost)
                self.bytes += cost
                while len(self._items) > self.size or self.bytes > self.max_bytes:
                    _, (_, freed) = self._items.popitem(last=False)
                    self.bytes -= freed
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.bytes = 0
            self._version = None

    def stats(self) -> dict[str, int]:
        return {"entries": len(self._items), "hits": self.hits, "misses": self.misses, "size": self.size,
                "bytes": self.bytes, "max_bytes": self.max_bytes}
