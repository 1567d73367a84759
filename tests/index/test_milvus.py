"""The Milvus backend on Milvus Lite: mechanics, the CLI end to end, and parity with the local backend.

Mechanics use the deterministic `hash` embedder on three real documents. The parity test
reuses the session's corpus home (real embedder): its store - embedding cache included - is
copied into a new home, so the Milvus home embeds nothing. Processes that touch a Milvus
Lite file one at a time (it is locked while open), so the CLI tests use homes this process
never opens.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pymilvus", reason="the milvus backend needs pymilvus: pip install 'policykb[milvus]'")
pytest.importorskip("milvus_lite", reason="Milvus Lite tests need milvus-lite: pip install 'policykb[milvus]'")

from eval.retrieval import score  # noqa: E402
from index.backend import SearchFilters  # noqa: E402
from index.home import Home  # noqa: E402
from index.milvus import schema as milvus_schema  # noqa: E402
from index.milvus.backend import MilvusBackend  # noqa: E402
from index.milvus.schema import search_text  # noqa: E402
from index.milvus.search import filter_expr  # noqa: E402
from index.milvus.sync import alias_target, collection_ids  # noqa: E402
from ingest.errors import IndexMismatchError  # noqa: E402
from ingest.settings import Settings  # noqa: E402

pytestmark = pytest.mark.milvus

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
GOLD = ROOT / "eval" / "gold"
EN_DOC, ZH_DOC, PLAN_DOC = "000_a99627c69c529df2.txt", "002_c523826dc1e3ad33.txt", "004_45aa246f4fe5a506.txt"
QUERIES = ["崩岗治理示范区建设由兴国县哪些部门负责？", "附表2里丰都的水土保持率目标值是多少？",
           "How long is the M River?"]
PARITY = 0.03


def _docs(tmp_path: Path, names: tuple[str, ...]) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    shutil.copy(CORPUS / "manifest.json", folder / "manifest.json")
    return folder


def _small_home(folder: Path) -> Home:
    """A Milvus Lite home (hash embedder) holding an English and two Chinese documents."""
    h = Home(folder / "home", backend="milvus", embedder="hash")
    report = h.ingest([_docs(folder, (EN_DOC, ZH_DOC, PLAN_DOC))])
    assert not report.failed and len(report.ingested) == 3
    return h


@pytest.fixture()
def home(tmp_path: Path) -> Iterator[Home]:
    """A small home of its own, for tests that change it."""
    h = _small_home(tmp_path)
    yield h
    h.close()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Home]:
    """One small home for the tests that only read it."""
    h = _small_home(tmp_path_factory.mktemp("milvus_shared"))
    yield h
    h.close()


def _backend(home: Home) -> MilvusBackend:
    backend = home.backend
    assert isinstance(backend, MilvusBackend)
    return backend


def _physical(home: Home) -> str:
    backend = _backend(home)
    alias = backend.alias(home.store)
    assert alias is not None
    physical = alias_target(backend.client, alias)
    assert physical is not None
    return physical


def _held(home: Home) -> dict[str, str]:
    return collection_ids(_backend(home).client, _physical(home))


def _doc_id(home: Home, source: str) -> str:
    return next(d["doc_id"] for d in home.store.documents() if d["source"] == source)


# -- mechanics ---------------------------------------------------------------------------
def test_ingest_puts_every_chunk_in_the_collection_with_its_spec(shared: Home) -> None:
    assert set(_held(shared)) == {c.chunk_id for c in shared.store.chunks()}
    spec = _backend(shared).built_spec()
    assert spec is not None and spec.embedder == "hash" and spec.dims == {"hash": 32}
    assert spec.generation == shared.store.generation() and spec.schema == milvus_schema.SCHEMA_VERSION


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_every_hit_cites_an_exact_span_of_its_chunk(shared: Home, mode: str) -> None:
    for query in QUERIES:
        hits = shared.search(query, k=5, mode=mode)  # type: ignore[arg-type]
        assert hits, query
        assert len({h.chunk_id for h in hits}) == len(hits)
        scores = [h.score for h in hits]
        assert scores == sorted(scores, reverse=True)
        for h in hits:
            text = shared.store.text(h.doc_id)
            assert text is not None and h.quote == text[h.start:h.end] and h.quote
            assert h.chunk_start <= h.start < h.end <= h.chunk_end and h.text == text[h.chunk_start:h.chunk_end]
            assert h.source.endswith(".txt") and set(h.scores) == {"bm25", "dense"}
            assert (h.scores["dense"] is None) == (mode == "bm25")


def test_a_single_embedders_dense_score_is_the_cosine_milvus_stores(shared: Home) -> None:
    for h in shared.search(QUERIES[0], k=5, mode="dense"):
        assert h.scores["dense"] is not None and h.score == pytest.approx(h.scores["dense"], abs=1e-5)


def test_server_side_fusion_gives_the_same_kind_of_hits(shared: Home) -> None:
    server = MilvusBackend(shared.folder, "hash", Settings(milvus_fusion="server"))
    try:
        hits = server.search(QUERIES[0], k=5)
        assert hits and len({h.chunk_id for h in hits}) == len(hits)
        for h in hits:
            assert h.quote == (shared.store.text(h.doc_id) or "")[h.start:h.end]
            assert h.scores["dense"] is not None
    finally:
        server.close()


def test_bm25_finds_the_chunk_that_names_the_units(shared: Home) -> None:
    hits = shared.search("崩岗综合治理示范区 县水土保持中心", k=3, mode="bm25")
    assert any("崩岗" in h.text and "县水土保持中心" in h.text for h in hits)
    assert all(h.scores["bm25"] and h.scores["bm25"] > 0 for h in hits)


def test_filters_by_document_language_and_section(shared: Home) -> None:
    zh = _doc_id(shared, ZH_DOC)
    hits = shared.search("水土保持", k=10, filters=SearchFilters(doc_ids=[zh]))
    assert hits and {h.doc_id for h in hits} == {zh}
    hits = shared.search("soil and water conservation", k=10, filters=SearchFilters(lang="en"))
    assert hits and {h.doc_id for h in hits} == {_doc_id(shared, EN_DOC)}
    section = next(c.section for c in shared.store.chunks([zh]) if " > " in c.section)
    prefix = section.split(" > ")[0]
    hits = shared.search("水土保持", k=10, filters=SearchFilters(section_prefix=prefix))
    assert hits and all(h.section.startswith(prefix) for h in hits)
    assert shared.search("水土保持", k=10, filters=SearchFilters(doc_ids=["no-such-doc"])) == []


def test_filter_expressions_escape_what_the_user_typed() -> None:
    expr = filter_expr(SearchFilters(doc_ids=['a"b', "c\\d"], lang="zh", section_prefix=" 二、重点任务%"))
    assert expr == ('doc_id in ["a\\"b", "c\\\\d"] and lang == "zh" and section like "二、重点任务_%"')
    assert filter_expr(SearchFilters()) == "" and filter_expr(None) == ""


def test_search_text_normalises_stems_and_adds_bigrams() -> None:
    text = search_text("水土保持率 Rivers ＡＢ")
    first, bigrams = text.split("\n")
    assert "river" in first.split() and "ab" in first
    assert bigrams.split() == ["水土", "土保", "保持", "持率"]


def test_remove_deletes_the_documents_rows_in_place(home: Home) -> None:
    physical = _physical(home)
    en = _doc_id(home, EN_DOC)
    home.remove(en)
    assert _physical(home) == physical  # incremental: no rebuild
    held = _held(home)
    assert en not in held.values() and set(held) == {c.chunk_id for c in home.store.chunks()}
    assert all(h.doc_id != en for h in home.search("How long is the M River?", k=10))


def test_adding_a_document_is_incremental_and_sync_is_idempotent(home: Home, tmp_path: Path) -> None:
    physical = _physical(home)
    more = tmp_path / "more"
    more.mkdir()
    shutil.copy(CORPUS / "003_6069217e3a45af15.txt", more)
    assert len(home.ingest([more]).ingested) == 1
    assert _physical(home) == physical
    held = _held(home)
    assert set(held) == {c.chunk_id for c in home.store.chunks()}
    spec = _backend(home).built_spec()
    home.sync()
    home.sync()
    assert _backend(home).built_spec() == spec and _held(home) == held


def test_another_process_view_matches(shared: Home) -> None:
    """A second backend on the same home (as a restarted server) finds the same hits."""
    first = [h.chunk_id for h in shared.search(QUERIES[0], k=5)]
    other = MilvusBackend(shared.folder, "hash")
    try:
        assert [h.chunk_id for h in other.search(QUERIES[0], k=5)] == first
    finally:
        other.close()


def test_querying_with_another_embedder_is_refused(shared: Home) -> None:
    other = MilvusBackend(shared.folder, "e5")
    try:
        with pytest.raises(IndexMismatchError, match="built with embedder 'hash'"):
            other.search(QUERIES[0], k=3)
        with pytest.raises(IndexMismatchError, match="--embedder hash"):
            other.sync(shared.store)
    finally:
        other.close()


def test_another_schema_version_is_refused_then_rebuilt_by_sync(home: Home,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(milvus_schema, "SCHEMA_VERSION", milvus_schema.SCHEMA_VERSION + 1)
    newer = MilvusBackend(home.folder, "hash")
    try:
        with pytest.raises(IndexMismatchError, match="another policykb"):
            newer.search(QUERIES[0], k=3)
        newer.sync(home.store)
        assert newer.search(QUERIES[0], k=3)
    finally:
        newer.close()


def test_an_empty_home_searches_to_nothing(tmp_path: Path) -> None:
    h = Home(tmp_path / "empty", backend="milvus", embedder="hash")
    try:
        assert h.search("水土保持", k=5) == []  # no collection yet
        h.sync()
        assert h.search("水土保持", k=5) == []  # an empty collection
    finally:
        h.close()


def test_removing_every_document_leaves_an_empty_collection(home: Home) -> None:
    for d in home.store.documents():
        home.remove(d["doc_id"])
    assert _held(home) == {} and home.search("水土保持", k=5) == []


# -- the CLI -----------------------------------------------------------------------------
def policykb(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "POLICYKB_EMBEDDER": "hash", **env}
    full_env.pop("POLICYKB_MILVUS_URI", None)
    return subprocess.run([sys.executable, "-m", "api.cli", "--home", str(home), "--backend", "milvus", *args],
                          cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=300)


def _json(done: subprocess.CompletedProcess[str]) -> Any:
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_cli_end_to_end(tmp_path: Path) -> None:
    home = tmp_path / "home"
    docs = _docs(tmp_path, (ZH_DOC, "003_6069217e3a45af15.txt"))
    out = _json(policykb(home, "ingest", str(docs), "--json"))
    assert len(out["ingested"]) == 2 and not out["failed"]
    assert (home / "milvus.db").exists() and not (home / "index").exists()
    assert len(_json(policykb(home, "ingest", str(docs), "--json"))["skipped"]) == 2
    found = _json(policykb(home, "search", "长江委编制流域水土保持规划，技术上由哪个单位牵头？", "-k", "3", "--json"))
    assert found["mode"] == "hybrid" and 1 <= len(found["hits"]) <= 3
    texts = {d: _canonical(home, d) for d in {h["doc_id"] for h in found["hits"]}}
    for hit in found["hits"]:
        assert hit["quote"] == texts[hit["doc_id"]][hit["start"]:hit["end"]]
    doc = found["hits"][0]["doc_id"]
    only = _json(policykb(home, "search", "水土保持", "--doc", doc, "--mode", "bm25", "--json"))
    assert only["hits"] and {h["doc_id"] for h in only["hits"]} == {doc}
    assert _json(policykb(home, "remove", doc, "--json")) == {"removed": doc}
    after = _json(policykb(home, "search", "水土保持", "-k", "10", "--json"))
    assert after["hits"] and doc not in {h["doc_id"] for h in after["hits"]}


def _canonical(home: Path, doc_id: str) -> str:
    con = sqlite3.connect(home / "store.sqlite")
    try:
        return str(con.execute("SELECT text FROM documents WHERE doc_id=?", (doc_id,)).fetchone()[0])
    finally:
        con.close()


def test_cli_with_the_user_dictionary_rebuilds_when_it_changes(tmp_path: Path) -> None:
    """POLICYKB_MILVUS_DICT=1: the analyzer carries the corpus' dictionary (in a child process:
    Milvus Lite adds the words to the process-wide jieba)."""
    home = tmp_path / "home"
    probe = ("import sys; from pathlib import Path; from index.milvus.backend import MilvusBackend; "
             "b = MilvusBackend(Path(sys.argv[1])); print(b.built_spec().dictionary_hash); b.close()")

    def spec() -> list[str]:
        done = subprocess.run([sys.executable, "-c", probe, str(home)], cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "POLICYKB_MILVUS_DICT": "1", "POLICYKB_EMBEDDER": "hash"},
                              timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout.split()

    _json(policykb(home, "ingest", str(_docs(tmp_path, (ZH_DOC,))), "--json", POLICYKB_MILVUS_DICT="1"))
    first = spec()
    assert first[0]  # a dictionary hash: the analyzer carries the corpus' terms
    more = tmp_path / "more"
    more.mkdir()
    shutil.copy(CORPUS / "003_6069217e3a45af15.txt", more)
    _json(policykb(home, "ingest", str(more), "--json", POLICYKB_MILVUS_DICT="1"))
    assert spec()[0] != first[0]
    found = _json(policykb(home, "search", "长江委", "--json", POLICYKB_MILVUS_DICT="1"))
    assert found["hits"]


def test_cli_waits_then_explains_when_milvus_lite_is_open_elsewhere(home: Home) -> None:
    home.search(QUERIES[0], k=1)  # this process now holds the Milvus Lite file
    done = policykb(home.folder, "search", "水土保持", "--json", POLICYKB_MILVUS_LITE_WAIT="1")
    assert done.returncode != 0
    assert "open in another process" in done.stderr and "POLICYKB_MILVUS_URI" in done.stderr


# -- the HTTP API ----------------------------------------------------------------------------
def test_api_uploads_searches_and_deletes_on_milvus(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from api.http.app import create_app
    from ingest.settings import Settings

    app = create_app(tmp_path / "home", backend="milvus", embedder="hash", settings=Settings())
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.get("/health").status_code == 200
        data = (CORPUS / ZH_DOC).read_bytes()
        up = client.post("/documents", files={"file": (ZH_DOC, data, "text/plain")})
        assert up.status_code == 201, up.text
        doc_id = client.get("/documents").json()[0]["doc_id"]
        found = client.post("/search", json={"query": "崩岗综合治理示范区由哪些单位负责", "k": 3}).json()
        assert found["hits"] and all(h["doc_id"] == doc_id for h in found["hits"])
        text = client.get(f"/documents/{doc_id}/text").json()["text"]
        assert all(h["quote"] == text[h["start"]:h["end"]] for h in found["hits"])
        assert client.delete(f"/documents/{doc_id}").status_code == 200
        assert client.post("/search", json={"query": "崩岗综合治理示范区", "k": 3}).json()["hits"] == []


# -- parity with the local backend ---------------------------------------------------------
@pytest.fixture(scope="module")
def milvus_corpus_home(corpus_home_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Home]:
    """The corpus home's store (embedding cache included) in a new home on Milvus Lite: nothing is embedded."""
    folder = tmp_path_factory.mktemp("milvus_corpus")
    src, dst = sqlite3.connect(corpus_home_dir / "store.sqlite"), sqlite3.connect(folder / "store.sqlite")
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    home = Home(folder, backend="milvus")
    home.sync()
    yield home
    home.close()


def test_retrieval_parity_with_the_local_backend(corpus_home_dir: Path, milvus_corpus_home: Home) -> None:
    local_home = Home(corpus_home_dir)
    try:
        local = score(local_home, GOLD)
    finally:
        local_home.close()
    milvus = score(milvus_corpus_home, GOLD)
    report = {mode: {"local": {m: local[mode]["all"][m] for m in ("recall@5", "mrr@10")},
                     "milvus": {m: milvus[mode]["all"][m] for m in ("recall@5", "mrr@10")}}
              for mode in ("hybrid", "bm25", "dense")}
    print("retrieval parity (seed gold):", json.dumps(report))
    for mode, figures in report.items():
        for metric in ("recall@5", "mrr@10"):
            gap = abs(figures["milvus"][metric] - figures["local"][metric])
            assert gap <= PARITY, f"{mode} {metric}: {report}"


def test_quotes_match_the_local_backend(corpus_home_dir: Path, milvus_corpus_home: Home) -> None:
    """Where both backends return a chunk for a query, they cite the same span of it."""
    local_home = Home(corpus_home_dir)
    try:
        for query in QUERIES:
            local = {h.chunk_id: (h.start, h.end, h.quote) for h in local_home.search(query, k=10)}
            milvus = {h.chunk_id: (h.start, h.end, h.quote) for h in milvus_corpus_home.search(query, k=10)}
            common = set(local) & set(milvus)
            assert common, query
            assert all(local[c] == milvus[c] for c in common), query
    finally:
        local_home.close()
