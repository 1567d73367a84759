"""Homes of documents written for a test: each file's text ingested with the `hash` embedder (BM25 does the finding),
so a test states the convention it checks in a few made-up lines and asks its questions of them."""

from __future__ import annotations

import pytest

from index.home import Home


def written_home(tmp_path_factory: pytest.TempPathFactory, label: str, files: dict[str, str]) -> Home:
    """A fresh home of `files` (name -> text), every file ingested without a failure."""
    folder = tmp_path_factory.mktemp(label)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    home = Home(folder / "home", embedder="hash")
    assert not home.ingest([folder]).failed
    return home
