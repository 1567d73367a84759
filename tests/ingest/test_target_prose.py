"""Direct tests of ingest/targets/prose.py and sentence.py: sentences and clauses read, places named by headings."""

from __future__ import annotations

from ingest.targets.prose import heading_place
from ingest.targets.sentence import clauses, sentences


def test_sentences_end_at_full_stops_and_line_breaks() -> None:
    text = "到2027年，全市城市绿地率达到40%。其中：新城区45%；老城区35%。\n下一段"
    spans = [text[a:b] for a, b in sentences(text, 0, len(text))]
    assert spans[0] == "到2027年，全市城市绿地率达到40%。"
    assert spans[-1] == "下一段"
    assert all(s.strip() for s in spans)


def test_clauses_split_on_commas_and_semicolons() -> None:
    text = "到2027年，城市绿地率达到40%，人均公园绿地面积不低于15平方米；"
    parts = [text[a:b].strip("，；") for a, b in clauses(text, 0, len(text))]
    assert "城市绿地率达到40%" in parts
    assert any("人均公园绿地面积" in p for p in parts)


def test_a_heading_that_is_a_place_names_the_scope() -> None:
    assert heading_place("三、分区目标 > （二）北部山区县") == "北部山区县"
    assert heading_place("三、分区目标 > （二）强化监测") is None
    assert heading_place("") is None
