"""Shared fixtures: homes built from the real corpus with the real (bundled) embedder.

`corpus_home` is built once per test session. Every home a test builds - in this process, a
CLI subprocess or a served app - takes the real embedders' vectors of the eval sets' passages
from the committed vector pack (`eval/vectors/`) through a session-wide shared vector cache, so
the seed corpus is embedded in seconds, not minutes; passages the pack lacks are embedded for
real. Unit tests of index mechanics use the deterministic `hash` embedder instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from eval.vectors import PACK
from index.embedders import DEFAULT_EMBEDDER, check_name
from index.home import Home
from index.vector_cache import VectorCache
from index.vector_pack import load_into
from ingest.settings import active

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "eval" / "gold"
LONG = os.environ.get("POLICYKB_LONG") == "1"


_PACK_CACHE = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    """Point POLICYKB_VECTOR_CACHE (unless set) at a fresh cache holding the vector pack."""
    if os.environ.get("POLICYKB_VECTOR_CACHE"):
        return
    path = Path(tempfile.mkdtemp(prefix="policykb-test-vectors-")) / "vectors.sqlite"
    cache = VectorCache(path)
    load_into(cache, PACK, check_name(DEFAULT_EMBEDDER))
    cache.close()
    os.environ["POLICYKB_VECTOR_CACHE"] = str(path)
    config.stash[_PACK_CACHE] = path.parent


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_PACK_CACHE, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def corpus_home_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home with the seed corpus ingested (default embedder). Treat it as read-only."""
    cache = os.environ.get("POLICYKB_TEST_HOME")
    folder = Path(cache) if cache else tmp_path_factory.mktemp("corpus_home")
    home = Home(folder)
    report = home.ingest([CORPUS])
    assert not report.failed, report.failed
    home.close()
    return folder


@pytest.fixture(scope="session")
def corpus_home(corpus_home_dir: Path) -> Iterator[Home]:
    home = Home(corpus_home_dir)
    yield home
    home.close()


@pytest.fixture()
def hash_home(tmp_path: Path) -> Iterator[Home]:
    """An empty home using the deterministic hash embedder (fast; for index mechanics), with its
    vectors in its own store: not in the session's shared cache, which a removal does not empty."""
    home = Home(tmp_path / "home", embedder="hash", settings=replace(active(), vector_cache=None))
    yield home
    home.close()


@pytest.fixture()
def copy_corpus(tmp_path: Path) -> Path:
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst


SLOW_FIXTURES = {"corpus_home", "corpus_home_dir"}  # the seed corpus embedded with the real model


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`slow` marks what `make check` leaves out: the system tests (real server, browser, crashes,
    quality bars), Milvus Lite and browser tests, and any test that needs the seed corpus embedded
    with the real model."""
    for item in items:
        system = Path(str(item.fspath)).parent.name == "system"
        heavy = item.get_closest_marker("milvus") or item.get_closest_marker("browser")
        if system or heavy or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
