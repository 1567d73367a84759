"""Fuzzing the parsers: any text, any bytes, corrupted real files.

Extends the property tests beside each parser (tests/test_structure.py, test_deadlines.py,
test_quantities.py, test_units.py, test_tasks.py, test_targets.py), which use narrow
alphabets and default sizes, with what they leave out:

- documents built from every kind of line the parsers react to (all numbering styles,
  captions, flattened table cells, labelled fields, page furniture, hyphenated English,
  traditional characters, invisible and control characters) mixed with arbitrary Unicode,
  lone surrogates included (broken PDF text maps produce them), over several pages;
- cleaning never adds or reorders text (the canonical text is a subsequence of the source's
  characters), leaves nothing that cannot be stored as UTF-8, keeps a sane page map;
- blocks partition the text's non-blank characters; chunks (at random sizes) are exact,
  bounded, in order, without overlaps, and cover exactly the blocks' text; sentences cover
  their text; every task and target cites an exact span, on the right page;
- decoding arbitrary bytes and loading corrupted real PDFs and DOCX files (bytes flipped,
  runs deleted or duplicated or zeroed, truncation) raise `IngestError` or nothing - no
  other exception, no hang.

CI runs derandomized, 4,700 examples in all; POLICYKB_LONG=1 runs ten times as
many with fresh randomness (`pytest tests/test_fuzz.py --hypothesis-show-statistics`
counts them).
"""

from __future__ import annotations

import io
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import IngestError
from ingest.models import DocMeta, ParsedDocument, page_at
from ingest.pipeline import parse_file
from ingest.read.chunking import make_chunks
from ingest.read.clean import build_canonical, normalize_chars
from ingest.read.loaders import decode_text, load_file
from ingest.read.sentences import sentence_spans
from ingest.read.structure import parse_blocks
from ingest.targets.extract import extract_targets
from ingest.tasks.extract import extract_tasks
from tests.docgen import PLAN_LINES, chinese_pdf, docx_file

LONG = os.environ.get("POLICYKB_LONG") == "1"
SCALE = 10 if LONG else 1
HANG_SECONDS = 20


def fuzz(examples: int) -> settings:
    return settings(max_examples=examples * SCALE, deadline=None, derandomize=not LONG, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


FRAGMENTS = [
    "某县水土保持规划(2021-2035年)", "一、总体要求", "(一)主要目标", "（二）重点任务", "1.完善林长制。", "2、开展巡查",
    "(3)建立台账", "（4）定期调度", "①制定清单", "② 建立台账", "第一章 总则", "第二节 范围", "第三条 本办法",
    "5.2 Results", "1. Introduction", "3.1.2 Methods", "表1 主要指标", "附表2 各区县目标", "专栏3 重点工程",
    "Table 3 Targets", "\t序号", "\t指标", "\t现状值", "\t目标值", "\t2025年", "\t75%", "\t≥80", "\t万州区", "\t",
    "[责任单位:省林业局、各市人民政府]", "(责任单位:县水利局牵头,县财政局配合。完成时限:2024年6月底前)",
    "牵头单位:市交通局;配合单位:市公安局", "完成时限:2025年底前", "持续推进", "到2025年,全省森林覆盖率达到45%以上。",
    "新增水土流失治理面积1.57万平方公里", "水土保持率由72.3%提高到75.5%", "The conservation rate shall reach 80% by 2030.",
    "Lead agency: Water Bureau; Deadline: by June 2025.", "- 3 -", "第 3 页 共 9 页", "Page 3 of 9", "12",
    "sustaina-", "ble development", "規劃", "責任單位:縣水利局", "注:数据来源于统计年鉴",
    "\u200b", "\x07", "\u2028", "\x0b", "\ufeff", "\u202e", "\x85", "\ud800", "\udcff", "\x00", "",
]
LINE = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40),
                 st.text(st.characters(codec=None, categories=None), max_size=12))
PAGE = st.lists(LINE, max_size=14).map("\n".join)
PAGES = st.lists(PAGE, min_size=1, max_size=4)


def _visible(text: str) -> str:
    return "".join(text.split())


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@contextmanager
def hang_guard(what: object) -> Iterator[None]:
    """Fail (not hang) when one parse takes longer than HANG_SECONDS."""

    def alarm(signum: int, frame: object) -> None:
        raise TimeoutError(f"parsing took over {HANG_SECONDS} s: {what!r}"[:300])

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# -- cleaning, structure, chunks, sentences ----------------------------------------------------
@fuzz(1000)
@given(PAGES, st.booleans())
def test_cleaning_never_adds_or_reorders_text(pages: list[str], has_pages: bool) -> None:
    canon = build_canonical(pages, has_pages)
    canon.text.encode("utf-8")  # storable: no lone surrogates
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in canon.text)
    assert "\u200b" not in canon.text and "\ufeff" not in canon.text
    assert _is_subsequence(_visible(canon.text), _visible("".join(normalize_chars(p) for p in pages)))
    if has_pages:
        assert len(canon.page_starts) == len(pages)
        assert canon.page_starts == sorted(canon.page_starts)
        assert all(0 <= s <= len(canon.text) for s in canon.page_starts)
    else:
        assert canon.page_starts == []


@fuzz(600)
@given(PAGES)
def test_blocks_partition_the_visible_text(pages: list[str]) -> None:
    canon = build_canonical(pages, has_pages=True)
    text = canon.text
    blocks = parse_blocks(text, canon.page_starts)
    covered = [0] * len(text)
    for b in blocks:
        assert 0 <= b.start <= b.end <= len(text)
        assert all(b.start <= c.start <= c.end <= b.end for c in b.cells)
        assert b.page == page_at(canon.page_starts, b.start) or b.page == page_at(canon.page_starts, b.start - 1)
        for i in range(b.start, b.end):
            covered[i] += 1
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert covered[i] == 1, (i, text[max(0, i - 20):i + 20])
    assert [b.start for b in blocks] == sorted(b.start for b in blocks)


@fuzz(600)
@given(PAGES, st.integers(20, 500), st.integers(0, 600))
def test_chunks_are_exact_bounded_and_cover_the_blocks(pages: list[str], target: int, extra: int) -> None:
    canon = build_canonical(pages, has_pages=True)
    text = canon.text
    blocks = parse_blocks(text, canon.page_starts)
    max_chars = target + extra
    chunks = make_chunks("d", text, blocks, canon.page_starts, target=target, max_chars=max_chars)
    last = 0
    for c in chunks:
        assert c.text == text[c.start:c.end] and c.text.strip() == c.text and c.text
        assert len(c.text) <= max_chars
        assert c.start >= last  # in order, no overlaps
        last = c.end
        assert c.page == page_at(canon.page_starts, c.start)
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    assert _visible("".join(c.text for c in chunks)) == _visible("".join(text[b.start:b.end] for b in blocks))


@fuzz(600)
@given(st.one_of(PAGE, st.text()), st.data())
def test_sentences_cover_their_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    spans = sentence_spans(text, start, end)
    last = start
    for s in spans:
        assert last <= s.start < s.end <= end
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        last = s.end
    assert _visible("".join(text[s.start:s.end] for s in spans)) == _visible(text[start:end])


# -- whole documents: records are grounded -----------------------------------------------------
def assert_document_grounded(doc: ParsedDocument) -> None:
    text = doc.text
    text.encode("utf-8")
    for c in doc.chunks:
        assert c.text == text[c.start:c.end]
    for t in doc.tasks:
        cit = t.citation
        assert 0 <= cit.start <= cit.end <= len(text) and cit.quote == text[cit.start:cit.end] == t.text
        assert cit.page == page_at(doc.page_starts, cit.start)
        assert all(u.name and u.name in text and u.role in ("lead", "participant", "responsible") for u in t.units)
        assert all(d.text in text and d.kind in ("by", "in_year", "ongoing") for d in t.deadlines)
    for g in doc.targets:
        cit = g.citation
        assert 0 <= cit.start <= cit.end <= len(text) and cit.quote == text[cit.start:cit.end]
        assert cit.page == page_at(doc.page_starts, cit.start)
        assert g.value == g.value and abs(g.value) < float("inf")  # a real number
        assert g.comparator in (">=", ">", "<=", "<", "=") and g.kind in ("target", "baseline", "achieved")


@fuzz(400)
@given(PAGES)
def test_any_text_file_parses_to_a_grounded_document_or_fails_cleanly(pages: list[str]) -> None:
    data = "\n".join(pages).encode("utf-8", "surrogatepass")
    try:
        doc = parse_file(Path("fuzz.txt"), data=data, meta=DocMeta())
    except IngestError:
        return
    assert_document_grounded(doc)


@fuzz(300)
@given(PAGES)
def test_records_of_a_paged_document_cite_their_pages(pages: list[str]) -> None:
    """The pipeline of `parse_file` over pages, as a PDF's go through it."""
    canon = build_canonical(pages, has_pages=True)
    blocks = parse_blocks(canon.text, canon.page_starts)
    doc = ParsedDocument(doc_id="d", source="fuzz.pdf", path="fuzz.pdf", title="某县水土保持规划", lang="zh",
                         text=canon.text, page_starts=canon.page_starts, blocks=blocks,
                         chunks=make_chunks("d", canon.text, blocks, canon.page_starts), meta=DocMeta())
    doc.tasks = extract_tasks(doc)
    doc.targets = extract_targets(doc)
    assert_document_grounded(doc)


# -- bytes: decoding and corrupted files -------------------------------------------------------
@fuzz(600)
@given(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]), st.binary(max_size=600),
       st.sampled_from(["utf-8", "gb18030", "utf-16-le", "utf-16-be"]), st.text(max_size=60))
def test_decoding_any_bytes_gives_text_or_an_ingest_error(bom: bytes, noise: bytes, enc: str, text: str) -> None:
    for data in (bom + noise, bom + text.encode(enc, "replace") + noise[:3]):
        try:
            decoded = decode_text(data, "fuzz.txt")
        except IngestError:
            continue
        assert isinstance(decoded, str)
        normalize_chars(decoded).encode("utf-8")


@pytest.fixture(scope="module")
def real_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Real PDFs and a DOCX to corrupt: a CJK PDF from reportlab, the same rewritten by pypdf, a DOCX."""
    from pypdf import PdfReader, PdfWriter

    folder = tmp_path_factory.mktemp("real")
    pdf = chinese_pdf(folder / "plan.pdf", [PLAN_LINES, PLAN_LINES[3:], PLAN_LINES[:4]]).read_bytes()
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        writer.add_page(page)
    writer.add_metadata({"/Title": "某省林业发展实施方案"})
    rewritten = io.BytesIO()
    writer.write(rewritten)
    docx = docx_file(folder / "notice.docx", PLAN_LINES, [["序号", "任务", "牵头单位"], ["1", "完善林长制", "省林业局"]])
    return {"plan.pdf": pdf, "rewritten.pdf": rewritten.getvalue(), "notice.docx": docx.read_bytes()}


MUTATION = st.tuples(st.sampled_from(["flip", "truncate", "delete", "duplicate", "zero"]),
                     st.floats(0, 1, exclude_max=True), st.integers(1, 400), st.binary(min_size=1, max_size=16))


def mutate(data: bytes, op: str, where: float, size: int, junk: bytes) -> bytes:
    """`data` damaged at a relative position: bytes flipped, cut off, deleted, duplicated or zeroed."""
    i = int(where * len(data))
    if op == "flip":
        return data[:i] + bytes(b ^ 0xFF for b in junk) + data[i + len(junk):]
    if op == "truncate":
        return data[:i]
    if op == "delete":
        return data[:i] + data[i + size:]
    if op == "duplicate":
        return data[:i] + data[i:i + size] + data[i:]
    return data[:i] + bytes(size) + data[i + size:]


@fuzz(600)
@given(st.sampled_from(["plan.pdf", "rewritten.pdf", "notice.docx"]), st.lists(MUTATION, min_size=1, max_size=4))
def test_corrupted_real_files_fail_cleanly(real_files: dict[str, bytes], name: str,
                                           mutations: list[tuple[str, float, int, bytes]]) -> None:
    data = real_files[name]
    for m in mutations:
        data = mutate(data, *m)
    with hang_guard((name, mutations)):
        try:
            doc = parse_file(Path(name), data=data, meta=DocMeta())
        except IngestError:
            return
    assert_document_grounded(doc)


def test_an_intact_file_still_loads(real_files: dict[str, bytes]) -> None:
    """The fuzz above proves nothing if the unmodified files did not load."""
    for name, data in real_files.items():
        assert "完善林长制" in "".join(load_file(Path(name), data).pages)
