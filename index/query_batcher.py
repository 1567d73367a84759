"""Concurrent query embeddings grouped into batches by arrival, run on a few model handles.

A server embeds each search's query with e5 and USE. Alone, a query is a batch of one; under
load, queries queue behind the one being embedded. `QueryBatcher` lets whoever finds a model
handle free take every query waiting (up to `max_batch`) and embed them in one call, so
nothing waits on a timer: an idle process embeds a query at once, a busy one in batches that
grow with the queue. Measured on this machine (two cores, shared; eval/bench/throughput.py
prints the current figures): USE costs ~2.4 ms of CPU per query in batches of 8 against
~6.8 ms alone (its weights are streamed once per batch); e5 ~10% less per query in batches.

`slots` model handles run batches at the same time (e5's C engine holds one handle per call,
so two handles are what lets two cores embed at once); `embed_batch(texts, slot)` must be
safe to call concurrently for different slots. A leader takes its slot's share of the queue
(the waiting queries over the slots, rounded up), not all of it: one slot taking the whole
queue leaves the other core idle until that batch ends (e5 on one thread gains only ~10% a
query from batching, so a batch of 7 on one core is ~7x a query's latency while the other
core waits). No thread of its own: callers lead batches.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

MAX_BATCH = 16


@dataclass
class _Request:
    text: str
    done: bool = False
    vector: np.ndarray | None = None
    error: BaseException | None = None
    waiting: threading.Event = field(default_factory=threading.Event)


class QueryBatcher:
    """`embed(text) -> vector`, batching concurrent calls (see the module docstring).

    >>> b = QueryBatcher(lambda texts, slot: np.ones((len(texts), 2), np.float32))
    >>> b.embed("水土保持").shape
    (2,)
    """

    def __init__(self, embed_batch: Callable[[list[str], int], np.ndarray], slots: int = 1,
                 max_batch: int = MAX_BATCH) -> None:
        if slots < 1 or max_batch < 1:
            raise ValueError("slots and max_batch must be at least 1")
        self._embed_batch = embed_batch
        self._max_batch = max_batch
        self._lock = threading.Lock()
        self._pending: deque[_Request] = deque()
        self._slots = slots
        self._free: list[int] = list(range(slots))[::-1]
        self.batches: list[int] = []  # sizes of the batches run (the last 1000), for benchmarks and tests

    def embed(self, text: str) -> np.ndarray:
        request = _Request(text)
        with self._lock:
            self._pending.append(request)
        while True:
            batch, slot = self._take(request)
            if batch:
                self._run(batch, slot)
            if request.done:
                break
            request.waiting.wait(0.05)  # woken when a leader finishes a batch holding it, or a slot frees
            request.waiting.clear()
        if request.error is not None:
            raise request.error
        assert request.vector is not None
        return request.vector

    def _take(self, own: _Request) -> tuple[list[_Request], int]:
        """A free slot and the waiting requests (own first), or ([], -1) when no slot is free or own is done."""
        with self._lock:
            if own.done or not self._free or own not in self._pending:
                return [], -1
            slot = self._free.pop()
            share = min(self._max_batch, -(-len(self._pending) // self._slots))
            self._pending.remove(own)
            batch = [own]
            while self._pending and len(batch) < share:
                batch.append(self._pending.popleft())
            return batch, slot

    def _run(self, batch: list[_Request], slot: int) -> None:
        try:
            vectors: Any = self._embed_batch([r.text for r in batch], slot)
            for r, v in zip(batch, vectors, strict=True):
                r.vector = v
        except BaseException as exc:  # every request of the batch fails with it
            for r in batch:
                r.error = exc
        finally:
            with self._lock:
                self._free.append(slot)
                self.batches = self.batches[-999:] + [len(batch)]
                waiting = list(self._pending)
            for r in batch:
                r.done = True
                r.waiting.set()
            for r in waiting:  # a slot is free: one of them leads the next batch
                r.waiting.set()
