"""Homes of the dev sets with the real default embedder, built from the committed vector pack.

Embedding the dev corpora takes many minutes on two cores; the pack (`eval/vectors/`, `make
vectors`) holds their vectors, so a home is parsed and indexed in seconds and embeds nothing
(`tests/eval/test_vector_pack.py` fails when the pack is stale).
"""

from __future__ import annotations

from pathlib import Path

from eval.sets import SETS, EvalSet
from eval.vectors import PACK
from index.embedders import DEFAULT_EMBEDDER, check_name
from index.home import Home
from index.vector_cache import VectorCache
from index.vector_pack import load_into
from ingest.settings import active


def dev_home(folder: Path, name: str) -> tuple[Home, EvalSet]:
    """A fresh home holding set `name`'s corpus, its vectors taken from the pack."""
    s = SETS[name]
    cache_path = folder / "vectors.sqlite"
    cache = VectorCache(cache_path)
    load_into(cache, PACK, check_name(DEFAULT_EMBEDDER))
    cache.close()
    home = Home(folder / "home", settings=active().with_(vector_cache=cache_path))
    report = home.ingest([s.corpus])
    assert not report.failed, report.failed
    return home, s
