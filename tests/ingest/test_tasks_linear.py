"""Reading tasks stays linear in the text: a thousand dated lines under one heading.

A reader that re-examines the measure built so far for every new paragraph is quadratic (400
such lines took 7 s here, 1,600 took 94 s). Extraction of 1x and 8x the same shape is timed
(`tests.timing`: CPU time, best of three) and must grow with an exponent below 1.5: linear is 1
(8x the time), quadratic 2 (64x).
"""

from __future__ import annotations

from ingest.facts import read_facts
from ingest.models import ParsedDocument
from ingest.read.clean import build_canonical
from ingest.read.structure import parse_blocks
from ingest.tasks.extract import extract_tasks
from tests.timing import LINEAR_BOUND, growth_exponent


def _doc(n: int) -> ParsedDocument:
    lines = "".join(f"到2030年，新改建农村公路{i}公里。\n" for i in range(1, n + 1))
    canon = build_canonical(["某县农村公路建设实施方案（2026-2030年）\n一、建设目标\n" + lines], False)
    return ParsedDocument(doc_id="t", source="t.txt", path="t.txt", title="某县农村公路建设实施方案", lang="zh",
                          text=canon.text, page_starts=canon.page_starts, chunks=[],
                          blocks=parse_blocks(canon.text, canon.page_starts), meta=read_facts(canon.text, None))


def test_many_dated_lines_under_one_heading_grow_linearly() -> None:
    small, large = _doc(800), _doc(6400)
    assert growth_exponent(lambda: extract_tasks(small), lambda: extract_tasks(large), label="dated lines") < LINEAR_BOUND
