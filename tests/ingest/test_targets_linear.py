"""Reading targets stays linear in the text: one endless sentence, or thousands of short target lines.

A reader that rescans the sentence (or paragraph) for every figure it holds is quadratic: a 630 KB
file of one repeated clause took minutes. Here extraction of 1x and 8x the same shape is timed
(`tests.timing`: CPU time, best of three) and must grow with an exponent below 1.5 (linear 1, quadratic 2).
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.facts import read_facts
from ingest.models import ParsedDocument
from ingest.read.clean import build_canonical
from ingest.read.structure import parse_blocks
from ingest.targets.extract import extract_targets
from tests.timing import LINEAR_BOUND, growth_exponent

HEAD = "某市水资源保护规划（2026-2030年）\n一、规划目标\n"


def _doc(text: str, lang: str = "zh") -> ParsedDocument:
    canon = build_canonical([text], False)
    return ParsedDocument(doc_id="t", source="t.txt", path="t.txt", title=text.split("\n", 1)[0], lang=lang,
                          text=canon.text, page_starts=canon.page_starts, chunks=[],
                          blocks=parse_blocks(canon.text, canon.page_starts), meta=read_facts(canon.text, None))


def _ratio(make: Callable[[int], str], n: int, lang: str = "zh") -> float:
    """Growth exponent of extracting 1x and 8x the shape (`tests.timing`: linear ~1, quadratic ~2)."""
    small, large = _doc(make(n), lang), _doc(make(8 * n), lang)
    return growth_exponent(lambda: extract_targets(small), lambda: extract_targets(large), label=make.__name__)


def _one_sentence(n: int) -> str:
    return HEAD + "到2030年，" + "".join(f"第{i % 9 + 1}片区水功能区达标率达到{i % 90 + 5}%以上，" for i in range(n)) + "。\n"


def _many_lines(n: int) -> str:
    return HEAD + "".join(f"到2030年，新增节水灌溉面积{i}万亩。\n" for i in range(1, n + 1))


def _english_sentence(n: int) -> str:
    return "River Basin Action Plan 2026-2030\n1. Targets\nBy 2030, " + "".join(
        f"reduce nitrate loads in reach {i % 7 + 1} by {i % 80 + 5} percent, " for i in range(n)) + "and more.\n"


def test_one_long_english_sentence_is_read_in_linear_time() -> None:
    assert _ratio(_english_sentence, 300, "en") < LINEAR_BOUND


def test_one_long_sentence_is_read_in_linear_time() -> None:
    assert _ratio(_one_sentence, 400) < LINEAR_BOUND


def test_many_short_target_lines_are_read_in_linear_time() -> None:
    assert _ratio(_many_lines, 150) < LINEAR_BOUND


def test_every_figure_of_the_long_shapes_is_read() -> None:
    assert len(extract_targets(_doc(_many_lines(50)))) == 50
    assert {t.value for t in extract_targets(_doc(_one_sentence(90)))} == {float(v) for v in range(5, 95)}
