"""The committed vector pack (`eval/vectors/`) must cover the eval sets' passages as they are indexed now.

If this fails, what retrieval indexes for a passage (or an eval corpus) changed since the pack
was written: run `make vectors` (it embeds only the new passages) and commit `eval/vectors/`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from eval.vectors import MAX_STALE, PACK, stale_share
from index.vector_cache import VectorCache
from index.vector_pack import load_into, read_pack, write_pack


def test_the_pack_covers_the_eval_sets_passages() -> None:
    shares = stale_share()
    assert max(shares.values()) <= MAX_STALE, (
        f"the vector pack lacks {shares} of the eval sets' passages: run `make vectors` and commit eval/vectors/")


def test_a_pack_round_trips_through_float16_into_a_cache(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    vectors = {f"k{i}": (v / np.linalg.norm(v)).astype(np.float32) for i, v in enumerate(rng.normal(size=(5, 8)))}
    write_pack(tmp_path, "e5", vectors)
    back = read_pack(tmp_path, "e5")
    assert set(back) == set(vectors)
    assert all(float(back[k] @ vectors[k]) > 0.999 for k in vectors)
    cache = VectorCache(tmp_path / "cache.sqlite")
    assert load_into(cache, tmp_path, ["e5", "use"]) == 5
    assert load_into(cache, tmp_path, ["e5"]) == 0  # already there
    assert len(cache.get("e5", list(vectors))) == 5
    cache.close()


def test_the_committed_pack_is_compact() -> None:
    sizes = [p.stat().st_size for p in PACK.glob("*.npz")]
    assert sizes and sum(sizes) < 8_000_000
