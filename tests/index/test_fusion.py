"""Rank fusion: a worked example by hand, properties, and the hybrid rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.fusion import minmax, rrf, rrf_ranks, weighted
from index.hybrid import fuse_hybrid


def test_worked_three_document_example() -> None:
    # bm25: A, B, C   dense: B, C, A   (k = 60)
    # A = 1/61 + 1/63 = 0.032266   B = 1/62 + 1/61 = 0.032522   C = 1/63 + 1/62 = 0.032002
    fused = rrf([["A", "B", "C"], ["B", "C", "A"]], k=60)
    assert [key for key, _ in fused] == ["B", "A", "C"]
    scores = dict(fused)
    assert scores["A"] == pytest.approx(1 / 61 + 1 / 63)
    assert scores["B"] == pytest.approx(1 / 62 + 1 / 61)
    assert scores["C"] == pytest.approx(1 / 63 + 1 / 62)


def test_weights_and_missing_keys() -> None:
    fused = dict(rrf([["A", "B"], ["C"]], k=60, weights=[2.0, 1.0]))
    assert fused["A"] == pytest.approx(2 / 61)
    assert fused["C"] == pytest.approx(1 / 61)  # absent from the first ranking: no contribution there


def test_ties_go_to_the_better_rank_then_the_earlier_ranking() -> None:
    assert [k for k, _ in rrf([["A", "B", "C"], ["B", "C", "A"], ["C", "A", "B"]])] == ["A", "B", "C"]


def test_rank_maps_validate() -> None:
    with pytest.raises(ValueError):
        rrf_ranks([{"A": 0}])
    with pytest.raises(ValueError):
        rrf([["A"]], weights=[1.0, 2.0])


rankings = st.lists(st.lists(st.integers(0, 30), max_size=25), min_size=1, max_size=4)


@given(rankings, st.integers(1, 100))
def test_rrf_no_duplicates_and_scores_never_increase(lists: list[list[int]], k: int) -> None:
    fused = rrf(lists, k=k)
    keys = [key for key, _ in fused]
    assert len(keys) == len(set(keys)) == len({x for ranking in lists for x in ranking})
    scores = [s for _, s in fused]
    assert all(a >= b - 1e-12 for a, b in zip(scores, scores[1:], strict=False))


@given(st.lists(st.dictionaries(st.integers(0, 20), st.floats(-5, 5), max_size=15), min_size=1, max_size=3))
def test_weighted_no_duplicates_and_scores_never_increase(maps: list[dict[int, float]]) -> None:
    fused = weighted(maps, [1.0 / len(maps)] * len(maps))
    keys = [key for key, _ in fused]
    assert len(keys) == len(set(keys))
    scores = [s for _, s in fused]
    assert all(a >= b - 1e-9 for a, b in zip(scores, scores[1:], strict=False))
    assert all(-1e-9 <= s <= 1 + 1e-9 for s in scores)


def test_minmax() -> None:
    assert minmax({"a": 2.0, "b": 4.0}) == {"a": 0.0, "b": 1.0}
    assert minmax({"a": 3.0}) == {"a": 1.0}


def test_hybrid_weighs_lexical_double() -> None:
    # same language everywhere: BM25's first beats dense's first
    fused = fuse_hybrid([1, 2], [2, 1], same_language=lambda row: True)
    assert [row for row, _ in fused] == [1, 2]


def test_hybrid_imputes_lexical_rank_for_other_language_chunks() -> None:
    # rows 10, 11 are Chinese chunks for an English query: BM25 can only have matched stray numbers
    same = {1: True, 2: True, 10: False, 11: False}.__getitem__
    lexical = [1, 2, 11]
    dense = [10, 1, 2]
    fused = dict(fuse_hybrid(lexical, dense, same_language=same))
    assert fused[10] == pytest.approx(2 / 61 + 1 / 61)  # its dense rank stands in for BM25's
    assert 11 not in fused  # BM25's vote on an unreadable chunk is ignored
    assert max(fused, key=fused.__getitem__) == 10
