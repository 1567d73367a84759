"""Vector counts read from the index files equal the loaded index's own counts, at every stage:
text only, vectors partly there, a document removed, everything embedded, an HNSW segment."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index.home import Home
from index.local.backend import LocalBackend
from index.local.status import read_status

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _loaded_status(home: Home) -> dict[str, object]:
    """What the index reports once loaded (a fresh backend, so nothing is cached)."""
    backend = LocalBackend(home.folder, settings=home.settings)
    backend.search("水土保持", k=1, mode="bm25")  # loads the index
    try:
        return backend.status()
    finally:
        backend.close()


def _check(home: Home) -> dict[str, object]:
    counted = read_status(home.folder / "index")
    assert counted is not None and counted == _loaded_status(home)
    return counted


def test_counts_from_files_match_the_loaded_index(tmp_path: Path) -> None:
    home = Home(tmp_path / "h", embedder="hash")
    for name in ("000_a99627c69c529df2.txt", "002_c523826dc1e3ad33.txt"):
        home.ingest_bytes(name, (CORPUS / name).read_bytes(), wait=False)
    text_only = _check(home)
    assert text_only["chunks"] and text_only["embedded"] == 0
    home.complete_vectors()
    home.ingest_bytes("004.txt", (CORPUS / "004_45aa246f4fe5a506.txt").read_bytes(), wait=False)
    partly = _check(home)
    assert 0 < partly["embedded"] < partly["chunks"]
    home.remove(next(d["doc_id"] for d in home.store.documents() if d["source"] == "000_a99627c69c529df2.txt"))
    home.complete_vectors()
    done = _check(home)
    assert done["embedded"] == done["chunks"] and len(done["documents"]) == 2
    assert {d["doc_id"]: d["embedded"] for d in home.documents()} == done["documents"]
    home.close()


def test_an_hnsw_segment_counts_as_embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYKB_HNSW_THRESHOLD", "50")
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(CORPUS / "004_45aa246f4fe5a506.txt", folder)
    home = Home(tmp_path / "h", embedder="hash")
    home.ingest([folder])
    manifest = json.loads((home.folder / "index" / "manifest.json").read_text())
    assert any(s.get("dense", {}).get("hash", {}).get("hnsw") for s in manifest["segments"])
    counted = _check(home)
    assert counted["embedded"] == counted["chunks"] > 50
    home.close()


def test_unreadable_files_are_none(tmp_path: Path) -> None:
    assert read_status(tmp_path) is None
    (tmp_path / "manifest.json").write_text("{not json")
    assert read_status(tmp_path) is None
