"""QueryBatcher: every caller gets its own text's vector, concurrent callers share batches and slots,
errors reach every caller of the failed batch; the real embedders give the same vectors batched."""

from __future__ import annotations

import hashlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from index.embedders import make_embedder
from index.query_batcher import QueryBatcher


def _vec(text: str) -> np.ndarray:
    return np.frombuffer(hashlib.sha256(text.encode()).digest(), dtype=np.uint8).astype(np.float32)


class SlowModel:
    """Embeds by hashing, taking `seconds` per batch; records batch sizes and concurrent calls."""

    def __init__(self, seconds: float = 0.05) -> None:
        self.seconds = seconds
        self.sizes: list[int] = []
        self.running = 0
        self.most_at_once = 0
        self.slots_seen: set[int] = set()
        self._lock = threading.Lock()

    def __call__(self, texts: list[str], slot: int) -> np.ndarray:
        with self._lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
            self.sizes.append(len(texts))
            self.slots_seen.add(slot)
        time.sleep(self.seconds)
        with self._lock:
            self.running -= 1
        return np.stack([_vec(t) for t in texts])


def test_one_caller_is_a_batch_of_one() -> None:
    model = SlowModel(0.0)
    batcher = QueryBatcher(model)
    assert np.array_equal(batcher.embed("水土保持"), _vec("水土保持"))
    assert model.sizes == [1]


def test_concurrent_callers_share_batches_and_each_gets_its_own_vector() -> None:
    model = SlowModel(0.05)
    batcher = QueryBatcher(model, slots=1, max_batch=16)
    texts = [f"问题{i}" for i in range(24)]
    with ThreadPoolExecutor(max_workers=24) as pool:
        got = list(pool.map(batcher.embed, texts))
    assert all(np.array_equal(g, _vec(t)) for g, t in zip(got, texts, strict=True))
    assert sum(model.sizes) == 24 and len(model.sizes) < 24 and max(model.sizes) > 1
    assert max(model.sizes) <= 16 and model.most_at_once == 1


def test_slots_run_batches_at_the_same_time() -> None:
    model = SlowModel(0.1)
    batcher = QueryBatcher(model, slots=2, max_batch=4)
    texts = [f"q{i}" for i in range(12)]
    with ThreadPoolExecutor(max_workers=12) as pool:
        got = list(pool.map(batcher.embed, texts))
    assert all(np.array_equal(g, _vec(t)) for g, t in zip(got, texts, strict=True))
    assert model.most_at_once == 2 and model.slots_seen == {0, 1} and max(model.sizes) <= 4


def test_a_leader_takes_its_slots_share_of_the_queue_so_no_core_idles() -> None:
    """8 callers on 2 slots: no batch holds more than half of what waits (one batch of 7 left a core idle)."""
    model = SlowModel(0.1)
    batcher = QueryBatcher(model, slots=2, max_batch=16)
    texts = [f"q{i}" for i in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(batcher.embed, texts))
    assert all(np.array_equal(g, _vec(t)) for g, t in zip(got, texts, strict=True))
    assert max(model.sizes) <= 4 and model.most_at_once == 2 and sum(model.sizes) == 8


def test_an_error_reaches_every_caller_of_its_batch_and_the_batcher_goes_on() -> None:
    calls = {"n": 0}

    def flaky(texts: list[str], slot: int) -> np.ndarray:
        calls["n"] += 1
        if calls["n"] == 1:
            time.sleep(0.05)
            raise RuntimeError("model failed")
        return np.stack([_vec(t) for t in texts])

    batcher = QueryBatcher(flaky)
    with pytest.raises(RuntimeError):
        batcher.embed("first")
    assert np.array_equal(batcher.embed("second"), _vec("second"))


@pytest.mark.parametrize("name", ["e5", "use"])
def test_real_embedders_give_the_same_vectors_concurrently(name: str) -> None:
    embedder = make_embedder(name)
    texts = ["崩岗治理由哪些单位负责？", "水土保持率目标", "Who is responsible for soil and water monitoring?",
             "到2025年，全县水土保持率达到85.5%以上。", "生态清洁小流域建设存在哪些问题？", "淤地坝 病险"] * 2
    alone = [embedder.embed_query(t) for t in texts]
    with ThreadPoolExecutor(max_workers=len(texts)) as pool:
        together = list(pool.map(embedder.embed_query, texts))
    for a, b in zip(alone, together, strict=True):
        if name == "e5":
            assert np.array_equal(a, b)  # batches and the second handle change nothing
        else:
            assert np.allclose(a, b, atol=1e-6)  # BLAS sums batches in another order
