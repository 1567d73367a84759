"""The throughput benchmark's parts on a small hash-embedder home of the seed corpus (no timing asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.bench.throughput import distinct_queries, floor, in_process, serve_and_drive
from index.home import Home

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("home")
    h = Home(folder, embedder="hash")
    h.ingest([ROOT / "corpus"])
    h.close()
    return folder


def test_queries_are_distinct_and_as_many_as_asked(home: Path) -> None:
    queries = distinct_queries(home, 150)
    assert len(queries) == 150 == len(set(queries))
    assert all(q.strip() for q in queries)


def test_floor_has_every_part_and_the_whole_search_costs_more(home: Path) -> None:
    out = floor(home, distinct_queries(home, 20), batch=4)
    assert set(out["parts_ms"]) == {"hash query", "bm25", "hash nearest"}
    assert out["floor_rps"] > 0 and out["n"] == 20
    assert out["whole_search_ms"] >= out["parts_ms"]["bm25"]


def test_in_process_searches_every_query_on_threads_and_serially(home: Path) -> None:
    queries = distinct_queries(home, 30)
    out = in_process(home, queries[:24], clients=4, warm=queries[24:])
    assert out["threads"] == 4 and out["qps"] > 0
    assert out["cpu_ms_per_query"] > 0 and out["serial_cpu_ms_per_query"] > 0
    assert out["mean_batch"] == {}  # the hash embedder has no micro-batcher


def test_the_floor_at_the_formed_batch_size_is_reported_when_known(home: Path) -> None:
    out = floor(home, distinct_queries(home, 12), batch=4, formed=2)
    assert out["formed_batch"] == 2 and out["floor_rps_formed"] > 0


@pytest.mark.slow
def test_the_server_answers_every_distinct_query(home: Path) -> None:
    queries = distinct_queries(home, 40)
    out = serve_and_drive(home, queries[:30], clients=4, warm=queries[30:])
    assert out["requests"] == 30 and out["errors"] == 0
    assert out["server_cpu_ms_per_request"] > 0 and out["server_cores_used"] > 0
