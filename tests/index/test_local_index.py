"""Index mechanics of the local backend on the real corpus, with the deterministic hash embedder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index.backend import SearchFilters
from index.embedders import HashEmbedder
from index.home import Home
from index.local.snapshot import read_manifest
from ingest.errors import IndexMismatchError

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
QUERIES = ["崩岗治理示范区建设由兴国县哪些部门负责？", "附表2里丰都的水土保持率目标值是多少？",
           "How long is the M River?", "长江委编制流域水土保持规划，技术上由哪个单位牵头？"]


@pytest.fixture()
def small_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("000_a99627c69c529df2.txt", "002_c523826dc1e3ad33.txt", "004_45aa246f4fe5a506.txt"):
        shutil.copy(CORPUS / name, folder / name)
    shutil.copy(CORPUS / "manifest.json", folder / "manifest.json")
    return folder


@pytest.fixture()
def home(hash_home: Home, small_corpus: Path) -> Home:
    report = hash_home.ingest([small_corpus])
    assert not report.failed and len(report.ingested) == 3
    return hash_home


def test_ingest_publishes_a_build_described_by_its_manifest(home: Home) -> None:
    manifest = read_manifest(home.folder / "index")
    assert manifest is not None
    assert manifest["generation"] == home.store.generation()
    assert manifest["embedder"] == "hash" and manifest["embedders"]["hash"]["dim"] == HashEmbedder().dim
    assert manifest["counts"]["chunks"] == len(home.store.chunks())
    assert manifest["counts"]["documents"] == 3
    assert all((home.folder / "index" / seg["name"] / "rows.json").is_file() for seg in manifest["segments"])
    assert manifest["embedders"]["hash"]["vectors"] == manifest["counts"]["chunks"]


def test_sync_is_idempotent(home: Home) -> None:
    before = read_manifest(home.folder / "index")
    home.sync()
    assert read_manifest(home.folder / "index") == before


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_every_hit_cites_an_exact_span_of_its_chunk(home: Home, mode: str) -> None:
    for query in QUERIES:
        hits = home.search(query, k=5, mode=mode)  # type: ignore[arg-type]
        assert hits, query
        scores = [h.score for h in hits]
        assert scores == sorted(scores, reverse=True)
        for h in hits:
            text = home.store.text(h.doc_id) or ""
            assert h.quote == text[h.start:h.end] and h.quote
            assert h.chunk_start <= h.start < h.end <= h.chunk_end
            assert h.text == text[h.chunk_start:h.chunk_end]
            assert set(h.scores) == {"bm25", "dense"}
            assert h.source.endswith(".txt")
        assert len({h.chunk_id for h in hits}) == len(hits)


def test_bm25_finds_the_table_row_and_quotes_the_row(home: Home) -> None:
    hit = home.search("附表2里丰都的水土保持率目标值是多少？", k=1, mode="bm25")[0]
    assert "丰都区" in hit.text and "丰都区" in hit.quote
    assert hit.scores["bm25"] and hit.scores["dense"] is None


def test_filters_by_document_language_and_section(home: Home) -> None:
    doc_ids = {d["source"]: d["doc_id"] for d in home.store.documents()}
    only = doc_ids["002_c523826dc1e3ad33.txt"]
    hits = home.search("水土保持", k=10, filters=SearchFilters(doc_ids=[only]))
    assert hits and {h.doc_id for h in hits} == {only}
    hits = home.search("水土保持 soil", k=10, filters=SearchFilters(lang="en"))
    assert hits and {h.source for h in hits} == {"000_a99627c69c529df2.txt"}
    hits = home.search("水土保持", k=10, filters=SearchFilters(section_prefix="二、重点任务"))
    assert hits and all(h.section.startswith("二、重点任务") for h in hits)
    assert home.search("水土保持", k=10, filters=SearchFilters(doc_ids=["nope"])) == []


def test_remove_drops_hits_and_its_vectors_and_reingest_embeds_only_it(home: Home, small_corpus: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    gone = {d["source"]: d["doc_id"] for d in home.store.documents()}["002_c523826dc1e3ad33.txt"]
    n_chunks = len(home.store.chunks([gone]))
    cached = home.store.con.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
    home.remove(gone)
    assert home.store.con.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0] == cached - n_chunks
    assert all(h.doc_id != gone for h in home.search("崩岗治理示范区", k=20))
    embedded: list[str] = []
    original = HashEmbedder.embed_passages

    def counting(self: HashEmbedder, texts: list[str]):  # type: ignore[no-untyped-def]
        embedded.extend(texts)
        return original(self, texts)

    monkeypatch.setattr(HashEmbedder, "embed_passages", counting)
    home.ingest([small_corpus])
    assert len(embedded) == n_chunks  # the other documents' passages came from the cache
    assert any(h.doc_id == gone for h in home.search("崩岗治理示范区", k=5))


def test_a_reader_notices_a_newer_build_published_by_another_process(home: Home, tmp_path: Path) -> None:
    assert all(h.source != "003_6069217e3a45af15.txt" for h in home.search("长江委 水土监测站", k=20))
    extra = tmp_path / "more"
    extra.mkdir()
    shutil.copy(CORPUS / "003_6069217e3a45af15.txt", extra)
    writer = Home(home.folder)  # another Home = another process' view: its own backend and store
    writer.ingest([extra])
    writer.close()
    assert any(h.source == "003_6069217e3a45af15.txt" for h in home.search("长江委 水土监测站", k=5))


def test_querying_with_another_embedder_is_refused_with_the_fix(home: Home) -> None:
    other = Home(home.folder, embedder="e5")
    with pytest.raises(IndexMismatchError, match="--embedder hash"):
        other.search("水土保持")
    with pytest.raises(IndexMismatchError):
        other.sync()
    other.close()
    assert Home(home.folder).search("水土保持")  # no --embedder: the one it was built with


def test_a_crash_while_publishing_leaves_the_last_good_build(home: Home, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    index_dir = home.folder / "index"
    before = read_manifest(index_dir)
    extra = tmp_path / "more"
    extra.mkdir()
    shutil.copy(CORPUS / "001_abb812c91cfc6e7e.txt", extra)

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("power cut")

    monkeypatch.setattr("index.local.snapshot.os.replace", crash)
    with pytest.raises(OSError):
        home.ingest([extra])
    monkeypatch.undo()
    assert read_manifest(index_dir) == before
    reader = Home(home.folder)
    assert reader.search("崩岗治理示范区", k=3)  # the previous build still serves
    reader.sync()  # and the next sync catches up, clearing the debris
    assert read_manifest(index_dir)["generation"] == home.store.generation()  # type: ignore[index]
    assert not list(index_dir.glob(".tmp-*"))
    named = {seg["name"] for seg in read_manifest(index_dir)["segments"]} | {seg["name"] for seg in before["segments"]}  # type: ignore[index]
    assert {p.name for p in index_dir.iterdir() if p.is_dir()} <= named
    reader.close()


def test_an_empty_home_finds_nothing(hash_home: Home) -> None:
    assert hash_home.search("水土保持") == []
    hash_home.sync()
    assert json.loads((hash_home.folder / "index" / "manifest.json").read_text())["counts"]["chunks"] == 0
    assert hash_home.search("水土保持") == []


def test_above_the_threshold_vectors_go_to_hnsw_and_filters_still_hold(tmp_path: Path, small_corpus: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYKB_HNSW_THRESHOLD", "50")
    home = Home(tmp_path / "hnsw", embedder="hash")
    home.ingest([small_corpus])
    manifest = read_manifest(home.folder / "index")
    assert manifest is not None and manifest["embedders"]["hash"]["kind"] == "hnsw"
    only = {d["source"]: d["doc_id"] for d in home.store.documents()}["000_a99627c69c529df2.txt"]
    hits = home.search("small watershed", k=8, mode="dense", filters=SearchFilters(doc_ids=[only]))
    assert len(hits) == 8 and {h.doc_id for h in hits} == {only}
    home.close()


def test_uploads_one_by_one_merge_into_few_segments_and_stay_searchable(hash_home: Home) -> None:
    """Ten one-document adds without waiting for vectors: small segments merge (with and without their
    vectors yet), every document stays searchable, and the vectors then complete."""
    for i in range(10):
        text = f"一、总则\n第{i}号片区鹰嘴岩监测点由县水利局负责。\n二、任务\n开展第{i}号片区坡耕地整治。\n"
        report = hash_home.ingest_bytes(f"u{i}.txt", text.encode(), wait=False)
        assert report.ingested and hash_home.search(f"第{i}号片区鹰嘴岩监测点", k=1, mode="bm25")
    manifest = read_manifest(hash_home.folder / "index")
    assert manifest is not None and len(manifest["segments"]) < 10
    assert hash_home.complete_vectors()
    assert hash_home.vector_status()["complete"]
    assert all(d["embedded"] == d["chunks"] for d in hash_home.documents())
    assert len(hash_home.search("鹰嘴岩监测点", k=10, mode="dense")) == 10


def test_every_segment_and_merge_keeps_each_documents_line(hash_home: Home, tmp_path: Path) -> None:
    """The document line (title, issuer, region, year) rides with the rows through segments and merges:
    the named-document boost of hybrid search reads it, and an empty one silently turns the boost off."""
    for i, place in enumerate(("甲县", "乙县", "丙县")):
        f = tmp_path / f"plan{i}.txt"
        f.write_text(f"{place}林业发展规划（2026-2030年）\n一、目标\n到2030年，{place}森林覆盖率达到6{i}%。\n",
                     encoding="utf-8")
        hash_home.ingest([f])  # one segment each
    def lines() -> dict[str, str]:
        hash_home.search("森林覆盖率", k=1)
        rows = hash_home.backend._loaded.searcher.snapshot.rows  # type: ignore[attr-defined]
        return dict(zip(rows.doc_ids, rows.doc_lines, strict=True))
    before = lines()
    assert len(before) == 3 and all("林业发展规划" in line for line in before.values())
    with hash_home.write_lock():
        hash_home.backend.maintain(lock=None, max_rows=None)  # type: ignore[attr-defined]
    assert lines() == before
