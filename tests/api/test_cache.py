"""The result cache is bounded in bytes as well as in entries."""

from __future__ import annotations

from api.http.cache import ResultCache, estimate_bytes


def test_big_results_are_bounded_by_bytes_not_by_count() -> None:
    cache = ResultCache(size=1024, max_bytes=1_000_000)
    big = {"hits": [{"text": "水" * 1000} for _ in range(20)]}  # ~60 KB of JSON, ~180 KB estimated
    for i in range(100):
        assert cache.get_or_compute(("q", i), 1, lambda: big) == big
    assert cache.bytes <= 1_000_000 and 0 < len(cache._items) < 10
    assert cache.bytes == sum(cost for _, cost in cache._items.values())
    assert cache.get_or_compute(("q", 99), 1, lambda: {}) == big  # the latest ones are kept
    huge = {"text": "x" * 2_000_000}
    cache.get_or_compute("huge", 1, lambda: huge)
    assert "huge" not in cache._items and estimate_bytes(huge) > cache.max_bytes
    cache.get_or_compute("after", 2, lambda: 1)  # a new index state empties it
    assert cache.bytes == estimate_bytes(1) and len(cache._items) == 1
