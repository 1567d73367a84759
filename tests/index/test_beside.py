"""An ingest of several files embeds in a child process beside its parsing (`index.beside`).

Real child processes and the real USE model; the parent's own embedder is watched to show
who embedded what. The vectors must be the ones an ingest embedding in its own process makes,
and a child that fails must cost nothing but time."""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import index.beside as beside
import index.home as home_module
from index.embedders import USEEmbedder
from index.home import Home
from index.passages import collect_passages, passage_key
from ingest.settings import active

ROOT = Path(__file__).resolve().parents[2]
FILES = ["003_6069217e3a45af15.txt", "004_45aa246f4fe5a506.txt"]  # two short seed documents


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in FILES:
        shutil.copy(ROOT / "corpus" / name, folder / name)
    return folder


def _home(folder: Path) -> Home:
    return Home(folder, embedder="use", settings=replace(active(), vector_cache=None))  # every passage embedded


def _watch(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Passages this process embeds with USE, batch by batch."""
    batches: list[int] = []
    embed = USEEmbedder.embed_passages

    def watched(self: USEEmbedder, texts: list[str]) -> np.ndarray:
        batches.append(len(texts))
        return embed(self, texts)

    monkeypatch.setattr(USEEmbedder, "embed_passages", watched)
    monkeypatch.setattr(home_module, "BESIDE_GROUP_SECONDS", 0.0)  # a group per file: the child starts after the first
    return batches


def _children(monkeypatch: pytest.MonkeyPatch) -> list[beside.EmbedBeside]:
    started: list[beside.EmbedBeside] = []
    original = beside.EmbedBeside.__init__

    def init(self: beside.EmbedBeside, *args: object) -> None:
        original(self, *args)  # type: ignore[arg-type]
        started.append(self)

    monkeypatch.setattr(beside.EmbedBeside, "__init__", init)
    return started


def _vectors(home: Home) -> tuple[list[str], np.ndarray]:
    """The home's passages and the USE vectors its store holds for them."""
    _, texts, _ = collect_passages(home.store)
    cached = home.store.cached_vectors("use", [passage_key(t) for t in texts])
    return texts, np.stack([np.frombuffer(cached[passage_key(t)], dtype=np.float32) for t in texts])


def test_the_child_embeds_what_the_parent_parses(docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    batches = _watch(monkeypatch)
    started = _children(monkeypatch)
    home = _home(tmp_path / "home")
    report = home.ingest([docs])
    assert len(report.ingested) == 2 and report.vectors["complete"]
    assert len(started) == 1 and started[0].returncode == 0
    assert batches == [], "the parent embedded nothing itself"
    texts, vectors = _vectors(home)
    assert len(texts) == report.vectors["chunks"]
    np.testing.assert_allclose(vectors, USEEmbedder().embed_passages(texts), atol=1e-5)
    assert home.search("水土保持", k=3, mode="dense")
    home.close()


def test_a_child_that_fails_costs_only_time(docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    batches = _watch(monkeypatch)
    started = _children(monkeypatch)
    monkeypatch.setattr(beside, "CHILD", [sys.executable, "-c", "import sys; sys.exit(3)"])
    home = _home(tmp_path / "home")
    report = home.ingest([docs])
    assert len(started) == 1 and started[0].returncode == 3
    texts, _ = _vectors(home)
    assert report.vectors["complete"] and sum(batches) == len({passage_key(t) for t in texts}), "the parent embedded it all"
    home.close()


def test_one_file_or_the_hash_embedder_starts_no_child(docs: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _watch(monkeypatch)
    started = _children(monkeypatch)
    home = _home(tmp_path / "one")
    assert home.ingest([docs / FILES[0]]).vectors["complete"]
    home.close()
    hashed = Home(tmp_path / "hash", embedder="hash", settings=replace(active(), vector_cache=None))
    assert hashed.ingest([docs]).vectors["complete"]
    hashed.close()
    assert started == []
