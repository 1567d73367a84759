"""Large and pathological documents go in whole, stay grounded, and stay searchable.

A long PDF with running headers and page numbers, a big text file, one long line without
punctuation, a document that is one giant table (as text and as HTML), a page of 20,000
HTML paragraphs and one nested 20,000 deep, text full of control and zero-width
characters, and mixed simplified/traditional Chinese. CI uses small sizes; POLICYKB_LONG=1
uses the full ones (500 pages, 20 MB, a 5 MB line, 30,000 rows) and also checks the peak
memory of a 500-page PDF ingest. Times and memory at 1x/2x/4x sizes are measured by
`python -m eval.bench.scale`, not here.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eval.bench.scale import (
    NEEDLE,
    REGIONS,
    RUNNING_HEAD,
    big_text,
    flattened_table,
    giant_table,
    long_line,
    page_line,
    plan_pdf,
)
from index.backend import SearchFilters
from index.home import Home
from ingest.errors import IngestError
from ingest.models import ParsedDocument
from ingest.pipeline import parse_file
from ingest.read.chunking import MAX_CHARS
from tests.live_server import policykb_command
from tests.timing import LINEAR_BOUND, growth_exponent

LONG = os.environ.get("POLICYKB_LONG") == "1"
PDF_PAGES = 500 if LONG else 40
TEXT_BYTES = (20 if LONG else 1) * 1024 * 1024
LINE_BYTES = (5 if LONG else 0.3) * 1024 * 1024
TABLE_ROWS = 30_000 if LONG else 2_000
HTML_BLOCKS = 100_000 if LONG else 20_000
MAX_PDF_RSS_MB = 1500


@pytest.fixture()
def home(tmp_path: Path) -> Iterator[Home]:
    h = Home(tmp_path / "home", embedder="hash")
    yield h
    h.close()


# -- checks ----------------------------------------------------------------------------------
def assert_grounded(doc: ParsedDocument) -> None:
    """Chunks are exact, ordered, disjoint and bounded; every record quotes its span."""
    last = 0
    for c in doc.chunks:
        assert c.text == doc.text[c.start:c.end] and 0 < len(c.text) <= MAX_CHARS
        assert c.start >= last
        last = c.end
    for record in [*doc.tasks, *doc.targets]:
        cit = record.citation
        assert 0 <= cit.start <= cit.end <= len(doc.text) and cit.quote == doc.text[cit.start:cit.end]


def ingest_bytes(home: Home, name: str, data: bytes) -> str:
    report = home.ingest_bytes(name, data)
    assert not report.failed, report.failed
    return str(report.ingested[0]["doc_id"])


def first_hit(home: Home, query: str, doc_id: str) -> tuple[str, int | None, str]:
    hits = home.search(query, k=1, mode="bm25", filters=SearchFilters(doc_ids=[doc_id]))
    assert hits, query
    text = home.store.text(doc_id) or ""
    assert hits[0].quote == text[hits[0].start:hits[0].end]
    return hits[0].quote, hits[0].page, hits[0].text


# -- the documents ---------------------------------------------------------------------------
def test_a_long_pdf_keeps_its_pages_and_drops_only_furniture(tmp_path: Path, home: Home) -> None:
    path = plan_pdf(tmp_path / "plan.pdf", PDF_PAGES)
    doc = parse_file(path)
    assert len(doc.page_starts) == PDF_PAGES
    assert RUNNING_HEAD not in doc.text and "- 3 -" not in doc.text  # running head and page numbers
    assert doc.text.count("1.推进片区水土流失治理") == PDF_PAGES  # alike up to numbers, on every page: content
    assert_grounded(doc)
    assert {c.page for c in doc.chunks} == set(range(1, PDF_PAGES + 1))
    doc_id = ingest_bytes(home, "plan.pdf", path.read_bytes())
    for p in (1, PDF_PAGES // 2, PDF_PAGES):
        quote, page, _ = first_hit(home, page_line(p), doc_id)
        assert page == p and page_line(p).rstrip("。") in quote


@pytest.mark.skipif(not LONG, reason="POLICYKB_LONG=1: peak memory of a 500-page PDF ingest")
def test_a_500_page_pdf_ingest_stays_within_bounded_memory(tmp_path: Path) -> None:
    path = plan_pdf(tmp_path / "plan.pdf", 500)
    cmd = [*policykb_command(), "--home", str(tmp_path / "home"), "--embedder", "hash", "ingest", "-q", str(path)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    peak_mb = usage.ru_maxrss / 1024
    print(f"\npeak RSS of a 500-page PDF ingest: {peak_mb:.0f} MB")
    assert peak_mb < MAX_PDF_RSS_MB


def test_a_big_text_file(home: Home) -> None:
    text = big_text(TEXT_BYTES)
    doc = parse_file(Path("big.txt"), data=text.encode("utf-8"))
    assert_grounded(doc)
    doc_id = ingest_bytes(home, "big.txt", text.encode("utf-8"))
    quote, _, _ = first_hit(home, NEEDLE + "综合整治", doc_id)
    assert NEEDLE in quote


def test_one_long_line_without_punctuation(home: Home) -> None:
    line = long_line(int(LINE_BYTES))
    doc = parse_file(Path("line.txt"), data=line.encode("utf-8"))
    assert doc.text == line
    assert_grounded(doc)
    assert "".join(c.text for c in doc.chunks) == line  # cut hard, without gaps or overlaps
    doc_id = ingest_bytes(home, "line.txt", line.encode("utf-8"))
    _, _, chunk = first_hit(home, NEEDLE, doc_id)
    assert "鹰嘴岩" in chunk


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_a_document_that_is_one_giant_table(home: Home, fmt: str) -> None:
    table = giant_table(TABLE_ROWS)
    if fmt == "txt":
        data = flattened_table(table).encode("utf-8")
    else:
        rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in table)
        data = f"<html><body><p>附表1 各乡镇水土保持率目标</p><table>{rows}</table></body></html>".encode()
    doc = parse_file(Path(f"table.{fmt}"), data=data)
    assert_grounded(doc)
    rows_ = [b for b in doc.blocks if b.kind == "table_row"]
    assert len(rows_) == TABLE_ROWS + 1 and all(len(b.cells) == 5 for b in rows_)
    assert [doc.text[c.start:c.end] for c in rows_[-1].cells] == table[-1]
    doc_id = ingest_bytes(home, f"table.{fmt}", data)
    label = table[TABLE_ROWS // 2][1]
    _, _, chunk = first_hit(home, label, doc_id)
    assert label in chunk


def test_html_with_many_paragraphs_or_deep_nesting(home: Home) -> None:
    many = "".join(f"<p>{REGIONS[i % len(REGIONS)]}片区第{i}项治理措施。</p>" for i in range(HTML_BLOCKS))
    doc = parse_file(Path("many.html"), data=f"<html><body>{many}</body></html>".encode())
    assert doc.text.count("项治理措施。") == HTML_BLOCKS
    assert_grounded(doc)
    deep = "<div>" * 400 + "鹰嘴岩崩岗群由县水利局负责。" + "</div>" * 400  # within POLICYKB_MAX_HTML_DEPTH
    doc_id = ingest_bytes(home, "deep.html", deep.encode())
    quote, _, _ = first_hit(home, NEEDLE, doc_id)
    assert quote == "鹰嘴岩崩岗群由县水利局负责。"
    deeper = "<div>" * HTML_BLOCKS + "鹰嘴岩崩岗群由县水利局负责。" + "</div>" * HTML_BLOCKS
    report = home.ingest_bytes("deeper.html", deeper.encode())
    assert "POLICYKB_MAX_HTML_DEPTH" in report.failed[0]["error"] and not report.ingested


INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u2066", "\u00ad", "\x00", "\x01",
             "\x07", "\x08", "\x1b", "\x7f", "\x85", "\x9f", "\u180e", "\ufffc"]


def test_text_full_of_control_and_zero_width_characters(home: Home) -> None:
    rng = random.Random(8)
    clean = "某县水土保持规划\n" + "一、总体要求\n到2025年,全县水土保持率达到75%以上。\n鹰嘴岩崩岗群综合整治由县水利局牵头,县财政局配合。\n" * 20
    noisy = "".join(ch + "".join(rng.choice([c for c in INVISIBLE if c != "\x00"]) for _ in range(rng.randint(0, 2)))
                    for ch in clean)
    assert sum(noisy.count(c) for c in INVISIBLE) > len(clean) // 2  # about one in one
    doc = parse_file(Path("noisy.txt"), data=noisy.encode("utf-8"))
    assert not any(c in doc.text for c in INVISIBLE if c != "\x85")
    assert "全县水土保持率达到75%以上。" in doc.text and "由县水利局牵头" in doc.text
    assert_grounded(doc)
    assert any(t.value == 75 for t in doc.targets)
    doc_id = ingest_bytes(home, "noisy.txt", noisy.encode("utf-8"))
    quote, _, _ = first_hit(home, "鹰嘴岩崩岗群 县水利局", doc_id)
    assert "鹰嘴岩崩岗群综合整治由县水利局牵头" in quote
    with pytest.raises(IngestError, match="binary"):  # full of NULs it is binary, not text
        parse_file(Path("nul.txt"), data="".join(ch + "\x00\x01" for ch in clean).encode("utf-8"))


def test_line_separators_are_line_breaks() -> None:
    """Word's manual line break (\\v), NEL and U+2028/U+2029 separate lines; dropping them glued headings together."""
    doc = parse_file(Path("breaks.txt"), data="一、总则\v二、目标\u2028三、措施\x85四、保障\u2029五、附则".encode())
    assert [b.number for b in doc.blocks if b.kind == "heading"] == ["一、", "二、", "三、", "四、", "五、"]


def test_file_names_that_are_not_utf8_are_ingested_and_shown_readably(tmp_path: Path) -> None:
    """Archives from Chinese Windows unpack to GBK-encoded file names; one used to abort the whole batch."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, raw in enumerate(("水土保持方案.txt".encode("gbk"), b"\xff\xfe-broken.txt", "正常.txt".encode())):
        (folder / os.fsdecode(raw)).write_text(f"一、总则\n县水利局负责第{i}片区水土保持监测。", encoding="utf-8")
    done = subprocess.run([*policykb_command(), "--home", str(tmp_path / "home"), "--embedder", "hash", "ingest",
                           "-q", "--json", str(folder)], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    sources = {d["source"] for d in json.loads(done.stdout)["ingested"]}
    assert sources == {"\ufffd\ufffd-broken.txt", "正常.txt", "水土保持方案.txt"}


def test_traditional_text_is_found_by_simplified_queries_and_cited_as_written(home: Home) -> None:
    text = ("某縣水土保持規劃\n一、總體要求\n到2025年,全縣水土保持率達到75%以上。\n"
            "二、重點任務\n(一)崩崗治理。鷹嘴岩崩崗群綜合整治由縣水利局牽頭,縣財政局配合。\n"
            "(二)监测站点建设。新建监测站点3个,由县自然资源局负责。\n")
    doc_id = ingest_bytes(home, "mixed.txt", text.encode("utf-8"))
    quote, _, _ = first_hit(home, "鹰嘴岩崩岗群 县水利局牵头", doc_id)  # simplified query, traditional text
    assert "鷹嘴岩崩崗群綜合整治由縣水利局牽頭" in quote  # cited as written
    quote, _, _ = first_hit(home, "監測站點 縣自然資源局", doc_id)  # and the other way round
    assert "监测站点" in quote


# -- the attacks of issue 15: each is rejected quickly or handled in linear time; nothing is lost ---------
def assert_nothing_lost(home: Home) -> None:
    """Every document listed is found by a phrase of its own text."""
    for d in home.store.documents():
        chunk = max(home.store.chunks([d["doc_id"]]), key=lambda c: len(c.text))
        hits = home.search(chunk.text[:30], k=1, mode="bm25", filters=SearchFilters(doc_ids=[d["doc_id"]]))
        assert hits and hits[0].doc_id == d["doc_id"], d["source"]


def growth(make: Any, n: int) -> float:
    """Growth exponent of parsing 1x and 8x the input (`tests.timing`: linear ~1, quadratic ~2)."""
    small, big = make(n), make(8 * n)
    return growth_exponent(lambda: parse_file(Path(small[0]), data=small[1]),
                           lambda: parse_file(Path(big[0]), data=big[1]), label=small[0])


def refused_quickly(home: Home, name: str, data: bytes, setting: str) -> None:
    """The file is refused within 10 s with an error naming the budget's setting, and the store is unchanged."""
    before = (home.store.documents(), home.store.generation())
    started = time.perf_counter()
    report = home.ingest_bytes(name, data)
    assert time.perf_counter() - started < 10
    assert not report.ingested and setting in report.failed[0]["error"] and name in report.failed[0]["error"]
    assert (home.store.documents(), home.store.generation()) == before
    assert_nothing_lost(home)


def nested_tables(n: int) -> tuple[str, bytes]:
    """n blocks of tables nested 30 deep, each cell holding a sentence."""
    one = "<table><tr><td>鹰嘴岩片区由县水利局负责。" * 30 + "</td></tr></table>" * 30
    return "nested.html", f"<html><body>{one * n}</body></html>".encode()


def test_nested_html_tables_are_linear_and_unnested_tables_are_bounded(home: Home) -> None:
    assert growth(nested_tables, 40) < LINEAR_BOUND
    name, data = nested_tables(40)
    doc = parse_file(Path(name), data=data)
    assert len(doc.text) < 2 * len(data)  # 94 KB of nested tables used to become 18 M characters
    ingest_bytes(home, name, data)
    refused_quickly(home, "unclosed.html", b"<table><tr><td>" * 50_000, "POLICYKB_MAX_HTML_DEPTH")
    cells = "<table>" + "<tr><td>1</td><td>2</td></tr>" * 300_000 + "</table>"
    refused_quickly(home, "cells.html", cells.encode(), "POLICYKB_MAX_HTML_CELLS")


def repeated_sentence(n: int) -> tuple[str, bytes]:
    return "repeated.txt", ("某县水土保持规划\n" + "到2025年，全县水土保持率达到90%以上，" * n).encode()


def target_lines(n: int) -> tuple[str, bytes]:
    lines = [f"{i + 1}.第{i}片区水土保持率达到{60 + i % 30}%以上。" for i in range(n)]
    return "targets.txt", ("某县水土保持规划\n一、主要目标\n" + "\n".join(lines)).encode()


def test_one_sentence_repeated_parses_in_linear_time() -> None:
    assert growth(repeated_sentence, 150) < LINEAR_BOUND


def test_many_target_lines_under_one_heading_parse_in_linear_time() -> None:
    assert growth(target_lines, 100) < LINEAR_BOUND


def page_tree_bomb(fanout: int) -> bytes:
    """A PDF whose page tree lists one node `fanout` times, each listing one page `fanout` times."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(['3 0 R'] * fanout)}] /Count {fanout * fanout} >>",
        f"<< /Type /Pages /Kids [{' '.join(['4 0 R'] * fanout)}] /Count {fanout} /Parent 2 0 R >>",
        "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> >>",
        "<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 720 Td (Hello bomb) Tj ET\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_a_pdf_page_tree_that_reuses_its_nodes_is_refused(home: Home) -> None:
    data = page_tree_bomb(100)
    assert len(data) < 4000  # 3 KB that would be 10,000 pages
    refused_quickly(home, "bomb.pdf", data, "page tree")


def docx_bomb(xml_mb: int) -> bytes:
    """A DOCX whose document.xml is `xml_mb` MB of empty paragraphs (a few dozen KB zipped)."""
    import io
    import zipfile

    body = "<w:p/>" * (xml_mb * 1024 * 1024 // 6)
    xml = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def test_a_docx_that_expands_enormously_is_refused(home: Home) -> None:
    data = docx_bomb(60)
    assert len(data) < 200_000
    refused_quickly(home, "bomb.docx", data, "POLICYKB_MAX_ZIP_RATIO")


def test_two_sources_with_the_same_bytes_are_two_documents(tmp_path: Path, home: Home) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    text = "一、总则\n鹰嘴岩片区水土保持由县水利局负责。\n"
    (folder / "orig.txt").write_text(text, encoding="utf-8")
    (folder / "copy.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text("一、总则\n青龙湾监测站由县水文站负责。\n", encoding="utf-8")
    (folder / "a.txt").write_text("一、总则\n白鹭洲湿地由县林业局负责。\n", encoding="utf-8")
    report = home.ingest([folder])
    assert len(report.ingested) == 4 and len(home.store.documents()) == 4
    (folder / "orig.txt").write_text("一、总则\n鹰嘴岩片区水土保持由县自然资源局负责。\n", encoding="utf-8")
    (folder / "a.txt").write_text((folder / "b.txt").read_text(encoding="utf-8"), encoding="utf-8")
    report = home.ingest([folder])
    assert sorted(d["source"] for d in report.ingested) == ["a.txt", "orig.txt"]
    assert sorted(d["source"] for d in report.skipped) == ["b.txt", "copy.txt"]
    by_source = {d["source"]: d["doc_id"] for d in home.store.documents()}
    assert "县水利局" in (home.store.text(by_source["copy.txt"]) or "")  # the copy keeps its text
    assert "县自然资源局" in (home.store.text(by_source["orig.txt"]) or "")
    assert not home.search("白鹭洲湿地 县林业局", k=3, mode="bm25")  # a.txt's old version left no trace
    keys = {r[0] for r in home.store.con.execute("SELECT pkey FROM chunks")}
    cached = {r[0] for r in home.store.con.execute("SELECT key FROM embeddings")}
    assert cached == keys  # no cached vector of an old version is left
    assert_nothing_lost(home)
