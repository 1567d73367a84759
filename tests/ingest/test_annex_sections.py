"""Annex tables are cited under the annex and its caption, not under the last heading before the annex."""

from __future__ import annotations

from ingest.models import Chunk
from ingest.read.structure import parse_blocks

TEXT = """第七章 保障措施
四、加强宣传,积极引导
充分发挥传统媒体的作用。
附表1  重庆市水土流失现状表

\t序号
\t区县

\t1
\t涪陵区

附件2
一、重点工程
附表3 重点工程表

\t1
\t坡耕地治理
"""


def test_annex_rows_carry_the_annex_and_caption_as_their_section() -> None:
    blocks = parse_blocks(TEXT, [])
    rows = [b for b in blocks if b.kind == "table_row"]
    assert [b.section for b in rows] == ["附表1  重庆市水土流失现状表"] * 2 + ["附件2 > 附表3 重点工程表"]
    assert all(b.table and b.section.endswith(b.table) for b in rows)
    para = next(b for b in blocks if TEXT[b.start:b.end].startswith("充分"))
    assert para.section == "第七章 保障措施 > 四、加强宣传,积极引导"
    heading = next(b for b in blocks if TEXT[b.start:b.end] == "一、重点工程")
    assert heading.section == "附件2"


def test_a_table_in_the_body_keeps_its_heading_path() -> None:
    text = "第一章 现状\n表1 完成情况\n\n\t指标\n\t数值\n"
    row = next(b for b in parse_blocks(text, []) if b.kind == "table_row")
    assert row.section == "第一章 现状" and row.table == "表1 完成情况"


def test_the_retrieval_prefix_names_an_annex_caption_once() -> None:
    chunk = Chunk("c", "d", 0, 1, "附件2 > 附表3 重点工程表", None, "x", table="附表3 重点工程表")
    assert chunk.context == "附件2 > 附表3 重点工程表"
    assert Chunk("c", "d", 0, 1, "第一章", None, "x", table="表1").context == "第一章 > 表1"
