"""Cleaning, structure and chunking on real seed documents and on synthetic ones in other styles."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.pipeline import parse_file
from ingest.read.chunking import make_chunks
from ingest.read.clean import build_canonical
from ingest.read.structure import parse_blocks

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _doc(prefix: str):  # type: ignore[no-untyped-def]
    return parse_file(next(CORPUS.glob(prefix + "_*")))


def _block_at(doc, needle: str):  # type: ignore[no-untyped-def]
    pos = doc.text.index(needle)
    return next(b for b in doc.blocks if b.start <= pos < b.end)


def test_heading_path_of_a_task_item() -> None:
    doc = _doc("002")
    block = _block_at(doc, "打造南方崩岗综合治理示范样板")
    assert block.kind == "list_item"
    assert block.section == "二、重点任务 > (三)强化技术模式创新"
    assert block.number == "4."


def test_measures_sit_under_their_part_not_under_the_previous_list() -> None:
    doc = _doc("003")
    block = _block_at(doc, "编制流域水土保持规划。")
    assert block.section == "一、强化规划引领"


def test_english_headings_and_page_furniture() -> None:
    doc = _doc("000")
    assert "Published by" not in doc.text and "-54-" not in doc.text and "ISSN" not in doc.text
    assert "slope bank is carried out" in doc.text  # the sentence broken by the page break is joined
    block = _block_at(doc, "Develop an action plan")
    assert block.kind == "heading" and block.section == "5. Solving measures"


def test_hard_wrapped_chinese_lines_are_joined_and_hyphens_removed() -> None:
    doc = _doc("001")
    assert "然而,在实际建设过程中" in doc.text
    assert "sustainable and healthy" in doc.text


def test_flattened_table_rows_and_box_captions() -> None:
    doc = _doc("004")
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    captions = {b.table for b in doc.blocks if b.kind == "table_title"}
    assert any(c and c.startswith("专栏") for c in captions) and any(c and c.startswith("附表") for c in captions)
    row = next(r for r in rows if doc.text[r.cells[0].start:r.cells[0].end] == "1" and len(r.cells) == 4)
    assert [doc.text[c.start:c.end] for c in row.cells][2:] == ["<32", "30.5"]
    assert row.table and row.table.startswith("表1")


OTHER_STYLE = """第一章 总则
第一节 目的
一、适用范围
本办法适用于全省。
第二章 保障措施
（一）加强组织领导
1、成立工作专班
(1)明确分工
① 制定清单。各地要在2024年底前完成。
② 建立台账
(2)定期调度
第三章 附则"""


def test_numbering_styles_nest_by_style() -> None:
    canon = build_canonical([OTHER_STYLE], has_pages=False)
    blocks = parse_blocks(canon.text, canon.page_starts)
    by_text = {canon.text[b.start:b.end]: b for b in blocks}
    assert by_text["② 建立台账"].section == "第二章 保障措施 > (一)加强组织领导 > 1、成立工作专班 > (1)明确分工"
    assert by_text["(2)定期调度"].section == "第二章 保障措施 > (一)加强组织领导 > 1、成立工作专班"
    assert by_text["第三章 附则"].section == ""
    assert by_text["本办法适用于全省。"].section == "第一章 总则 > 第一节 目的 > 一、适用范围"


def test_seed_chunks_are_exact_and_keep_items_whole() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        doc = parse_file(path)
        assert all(doc.text[c.start:c.end] == c.text for c in doc.chunks)
        for b in doc.blocks:
            if b.kind == "list_item" and b.end - b.start <= 900:
                assert any(c.start <= b.start and b.end <= c.end for c in doc.chunks), doc.text[b.start:b.end][:40]


text_strategy = st.text(alphabet=st.sampled_from(list("一二三、()（）1.2\n\t 。，水土保持局第章ab-\x00\u200b\f")), max_size=400)


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_cleaning_structure_chunking_never_break(raw: str) -> None:
    canon = build_canonical([raw, raw[::-1]], has_pages=True)
    assert len(canon.page_starts) == 2 and all(0 <= s <= len(canon.text) for s in canon.page_starts)
    blocks = parse_blocks(canon.text, canon.page_starts)
    for b in blocks:
        assert 0 <= b.start <= b.end <= len(canon.text)
        assert all(b.start <= c.start <= c.end <= b.end for c in b.cells)
    chunks = make_chunks("d", canon.text, blocks, canon.page_starts)
    last = 0
    for c in chunks:
        assert c.text == canon.text[c.start:c.end] and c.text.strip()
        assert c.start >= last  # in order, no overlaps
        last = c.end
    covered = "".join(c.text for c in chunks)
    assert "".join(covered.split()) == "".join("".join(canon.text[b.start:b.end].split()) for b in blocks
                                               if canon.text[b.start:b.end].strip())


def test_sentences_end_after_a_year_not_after_a_list_number_or_initial() -> None:
    """"… by 2035. Since 2021, …" is two sentences; "1. Replace …", "12. Report …" and "U.S. law" are not cut."""
    from ingest.read.sentences import sentence_spans

    text = "1. Replace pipes by 2035. Since 2021, work has begun.\n12. Report under U.S. law. Done."
    assert [text[s.start:s.end] for s in sentence_spans(text)] == [
        "1. Replace pipes by 2035.", "Since 2021, work has begun.", "12. Report under U.S. law.", "Done."]
