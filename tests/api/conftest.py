"""Fixtures for the api tests: the seed corpus parsed into a plain store (records, facts; no index)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index.store import Store
from ingest.pipeline import iter_files, parse_file

ROOT = Path(__file__).resolve().parents[2]


def parsed_store(folder: Path, corpus: Path) -> Store:
    """A store holding every document of `corpus` as ingestion parses it, without embedding anything."""
    store = Store(folder / "store.sqlite")
    for path in iter_files([corpus]):
        store.put_document(parse_file(path), origin=str(path))
    return store


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = parsed_store(tmp_path_factory.mktemp("seed_store"), ROOT / "corpus")
    yield store
    store.close()
