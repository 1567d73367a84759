"""The ingest-rate benchmark's measuring parts, on a small corpus with real components (no timing asserted)."""

from __future__ import annotations

from pathlib import Path

from eval.bench.ingest_rate import to_embedded, to_searchable

TEXT = "第一章 总则\n一、加强水土保持监测站网建设，由市水利局负责，2025年底前完成。\n" * 30


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text("Section 1. The agency shall report by 2026.\n" * 40, encoding="utf-8")
    return folder


def test_searchable_counts_what_the_home_holds(tmp_path: Path) -> None:
    out = to_searchable([_corpus(tmp_path)])
    assert out["chars"] >= len(TEXT.strip()) and out["chunks"] >= 2
    assert out["chars_per_s"] > 0


def test_embedded_embeds_every_passage_and_measures_the_same_passages(tmp_path: Path) -> None:
    out = to_embedded([_corpus(tmp_path)], "hash")
    assert out["complete"] is True
    assert out["chunks"] >= 2 and out["whole_seconds"] > 0 and out["floor_seconds"] >= 0 and out["floor_chunks_per_s"] > 0
