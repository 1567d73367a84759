"""A small LRU of answers to repeated requests, valid only for the index state that made them.

Searches and answers are deterministic for a given request and index state, and staff
ask the same few questions often. Each entry is keyed by the request and by a version
of the home: the store's generation (bumped by every document change) plus, for the
local backend, the published index's manifest fingerprint (one `stat`). An ingest by
this server or by another process changes the version, so a cached result can never
outlive the state it came from; a backend without a fingerprint is not cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from index.home import Home
from index.local.snapshot import manifest_signature

T = TypeVar("T")


def home_version(home: Home) -> Hashable | None:
    """What a cached result depends on, or None when it cannot be told (then nothing is cached)."""
    if home.backend_name != "local":
        return None
    signature = manifest_signature(home.folder / "index")
    if signature is None:
        return None
    return (home.store.generation(), signature)


class ResultCache:
    """Thread-safe LRU; `size` 0 turns it off."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._version: Hashable | None = None
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, key: Hashable, version: Hashable | None, compute: Callable[[], T]) -> T:
        if self.size <= 0 or version is None:
            return compute()
        with self._lock:
            if version != self._version:  # the index changed: everything cached is stale
                self._items.clear()
                self._version = version
            elif key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]  # type: ignore[no-any-return]
            self.misses += 1
        value = compute()
        with self._lock:
            if version == self._version:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._version = None

    def stats(self) -> dict[str, int]:
        return {"entries": len(self._items), "hits": self.hits, "misses": self.misses, "size": self.size}
