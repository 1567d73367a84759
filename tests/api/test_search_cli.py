"""`policykb search --json` as a user runs it: a real subprocess on a small home."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from index.store import Store

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def policykb(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POLICYKB_EMBEDDER": "hash"}
    return subprocess.run([sys.executable, "-m", "api.cli", "--home", str(home), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    docs = folder / "docs"
    docs.mkdir()
    for name in ("002_c523826dc1e3ad33.txt", "003_6069217e3a45af15.txt"):
        shutil.copy(CORPUS / name, docs / name)
    done = policykb(folder / "home", "ingest", str(docs), "--json")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["ingested"]) == 2
    return folder / "home"


def search(home: Path, *args: str) -> dict[str, Any]:
    done = policykb(home, "search", *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # exactly one JSON document on stdout  # type: ignore[no-any-return]


def test_search_json_prints_hits_with_exact_citations(home: Path) -> None:
    out = search(home, "长江委编制流域水土保持规划，技术上由哪个单位牵头？", "-k", "3")
    assert out["query"].startswith("长江委") and out["mode"] == "hybrid"
    assert 1 <= len(out["hits"]) <= 3
    store = Store(home / "store.sqlite")
    for hit in out["hits"]:
        assert set(hit) >= {"chunk_id", "doc_id", "source", "section", "page", "start", "end", "quote", "text",
                            "score", "scores"}
        assert set(hit["scores"]) == {"bm25", "dense"}
        assert (store.text(hit["doc_id"]) or "")[hit["start"]:hit["end"]] == hit["quote"]
        assert hit["quote"] in hit["text"]
    store.close()
    # the hash embedder carries no meaning, so judge the ranking on BM25 alone
    top = search(home, "长江委编制流域水土保持规划，技术上由哪个单位牵头？", "--mode", "bm25", "-k", "1")["hits"][0]
    assert "编制流域水土保持规划" in top["text"] and top["scores"]["bm25"] > 0


def test_search_modes_and_document_filter(home: Path) -> None:
    docs = json.loads(policykb(home, "documents", "--json").stdout)
    only = next(d["doc_id"] for d in docs if d["source"].startswith("002"))
    for mode in ("bm25", "dense", "hybrid"):
        out = search(home, "水土保持", "--mode", mode, "--doc", only, "-k", "5")
        assert out["mode"] == mode and out["hits"]
        assert {h["doc_id"] for h in out["hits"]} == {only}


def test_bad_queries_fail_with_a_json_error(home: Path) -> None:
    done = policykb(home, "search", "   ", "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"]["code"] == "bad_query"
    done = policykb(home, "--embedder", "e5", "search", "水土保持", "--json")
    assert done.returncode == 2
    assert "--embedder hash" in json.loads(done.stdout)["error"]["message"]
