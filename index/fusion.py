"""Fusing ranked lists from different retrievers. Pure functions, no I/O.

BM25 scores are unbounded and corpus-dependent, cosine similarities live in [-1, 1] and
bunch together; adding them raw lets one retriever drown the other. Reciprocal rank fusion
(Cormack et al. 2009) uses only ranks: score(d) = sum_i w_i / (k + rank_i(d)), with ranks
from 1 and the customary k = 60, which needs no calibration and is the default. Weighted
fusion - a convex combination of min-max-normalised scores - is offered as the option for
callers who want score magnitudes to count.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

RRF_K = 60


def rrf(rankings: Sequence[Sequence[K]], k: int = RRF_K,
        weights: Sequence[float] | None = None) -> list[tuple[K, float]]:
    """Reciprocal rank fusion of best-first rankings; returns (key, score), best first.

    A key counts once per ranking, at its best rank. Ties go to the key seen at the better
    rank, then to the earlier ranking.

    >>> rrf([["a", "b"], ["b", "c"]])[0][0]
    'b'
    """
    maps: list[dict[K, int]] = []
    for ranking in rankings:
        ranks: dict[K, int] = {}
        for rank, key in enumerate(ranking, start=1):
            ranks.setdefault(key, rank)
        maps.append(ranks)
    return rrf_ranks(maps, k=k, weights=weights)


def rrf_ranks(rank_maps: Sequence[Mapping[K, int]], k: int = RRF_K,
              weights: Sequence[float] | None = None) -> list[tuple[K, float]]:
    """RRF over explicit 1-based ranks ({key: rank} per retriever), for callers that must
    place a key at a rank of their choosing (see `index.hybrid`: imputed ranks)."""
    if weights is not None and len(weights) != len(rank_maps):
        raise ValueError("one weight per ranking")
    scores: dict[K, float] = {}
    best: dict[K, tuple[int, int]] = {}
    for i, ranks in enumerate(rank_maps):
        w = 1.0 if weights is None else float(weights[i])
        for key, rank in ranks.items():
            if rank < 1:
                raise ValueError(f"ranks start at 1, got {rank}")
            scores[key] = scores.get(key, 0.0) + w / (k + rank)
            pos = (rank, i)
            if key not in best or pos < best[key]:
                best[key] = pos
    # rounded so that equal sums reached in a different order compare equal
    return sorted(scores.items(), key=lambda kv: (-round(kv[1], 12), best[kv[0]]))


def minmax(scores: Mapping[K, float]) -> dict[K, float]:
    """Scores rescaled to [0, 1] (all 1.0 when they are all equal)."""
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    if hi <= lo:
        return {key: 1.0 for key in scores}
    return {key: (v - lo) / (hi - lo) for key, v in scores.items()}


def weighted(score_maps: Sequence[Mapping[K, float]], weights: Sequence[float]) -> list[tuple[K, float]]:
    """Convex combination of min-max-normalised scores; a key missing from a list scores 0 there.

    >>> weighted([{"a": 3.0, "b": 1.0}, {"b": 0.9, "c": 0.1}], [0.5, 0.5])[0][0]
    'b'
    """
    if len(weights) != len(score_maps):
        raise ValueError("one weight per score list")
    total: dict[K, float] = {}
    order: dict[K, int] = {}
    for w, scores in zip(weights, score_maps, strict=True):
        for key, v in minmax(scores).items():
            total[key] = total.get(key, 0.0) + w * v
            order.setdefault(key, len(order))
    return sorted(total.items(), key=lambda kv: (-round(kv[1], 12), order[kv[0]]))
