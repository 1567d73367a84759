"""The shared vector cache keeps what took time to compute, and serves it to a new home."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index.embedders import HashEmbedder
from index.passages import embed_cached, passage_key
from index.store import Store
from index.vector_cache import VectorCache

TEXTS = ["一、加强水土保持监测。", "Reduce emissions by 2030."]


class SlowEmbedder(HashEmbedder):
    """A stand-in for a real model: the same vectors under another name, counting its calls."""

    name = "slow"

    def __init__(self) -> None:
        super().__init__()
        self.embedded: list[str] = []

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return super().embed_passages(texts)


def test_a_second_store_takes_a_models_vectors_from_the_shared_cache(tmp_path: Path) -> None:
    shared = VectorCache(tmp_path / "shared.sqlite")
    first, second = SlowEmbedder(), SlowEmbedder()
    a = embed_cached(Store(tmp_path / "a.sqlite"), first, TEXTS, shared=shared)
    b = embed_cached(Store(tmp_path / "b.sqlite"), second, TEXTS, shared=shared)
    assert first.embedded == TEXTS and second.embedded == []
    assert np.allclose(a, b)


def test_the_hash_embedder_neither_fills_nor_reads_the_shared_cache(tmp_path: Path) -> None:
    shared = VectorCache(tmp_path / "shared.sqlite")
    embed_cached(Store(tmp_path / "a.sqlite"), HashEmbedder(), TEXTS, shared=shared)
    assert shared.get("hash", [passage_key(t) for t in TEXTS]) == {}
