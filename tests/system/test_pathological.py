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
from collections.abc import Iterator
from pathlib import Path

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
