"""The quote of a hit: the best sentence (or table row) for the query, an exact span of the canonical text."""

from __future__ import annotations

from dataclasses import fields

from index.snippets import best_span, make_hit, query_terms, unit_score
from ingest.models import Chunk, Hit

PREFIX = "某县水土保持规划（2026—2030年）\n"


def _chunk(text: str, section: str = "第三章 主要任务", table: str | None = None) -> Chunk:
    start = len(PREFIX)
    return Chunk(chunk_id="c1", doc_id="d1", start=start, end=start + len(text), section=section, page=2,
                 text=text, table=table)


def _quote(chunk: Chunk, tokens: list[str]) -> str:
    span = best_span(chunk, query_terms(tokens))
    canonical = PREFIX + chunk.text
    return canonical[span.start:span.end]


def test_the_sentence_naming_the_asked_term_is_quoted_not_its_neighbours() -> None:
    chunk = _chunk("加强坡耕地综合整治。崩岗治理由县水利局牵头，县林业局配合。推进生态清洁小流域建设。")
    assert _quote(chunk, ["崩岗", "治理", "#崩岗"]) == "崩岗治理由县水利局牵头，县林业局配合。"


def test_words_outweigh_character_bigrams() -> None:
    chunk = _chunk("治理水平持续提升。到2030年，全县水土保持率达到92%。")
    # one word against two bigrams of another sentence: the word's sentence wins
    assert unit_score("到2030年，全县水土保持率达到92%。", query_terms(["水土保持率"])) == 2.0
    assert _quote(chunk, ["水土保持率", "#治理", "#水平"]) == "治理水平持续提升。"
    assert _quote(chunk, ["水土保持率", "#治理"]) == "到2030年，全县水土保持率达到92%。"


def test_english_terms_match_stemmed_words_not_substrings() -> None:
    chunk = _chunk("The plan covers rural roads. Reservoirs shall be inspected annually by the county. "
                   "Preservation of wetlands continues.", section="Section 3")
    assert _quote(chunk, ["reservoir"]) == "Reservoirs shall be inspected annually by the county."
    # "serv" is inside "Preservation" and "Reservoirs" but is no word of either
    assert unit_score("Preservation of wetlands continues.", query_terms(["serv"])) == 0.0


def test_table_rows_are_the_units_of_a_table_chunk() -> None:
    rows = "指标名称 2025年 2030年\n\n水土保持率 88% 92%\n\n森林覆盖率 50% 55%"
    chunk = _chunk(rows, section="附表1 主要指标", table="附表1 主要指标")
    assert _quote(chunk, ["森林", "覆盖率"]) == "森林覆盖率 50% 55%"


def test_with_no_overlap_the_first_unit_that_is_not_the_bare_heading_is_quoted() -> None:
    chunk = _chunk("主要任务\n实施坡耕地整治工程。", section="第三章 > 主要任务")
    assert _quote(chunk, ["reservoir"]) == "实施坡耕地整治工程。"


def test_a_hit_cites_an_exact_span_and_its_json_has_every_public_field() -> None:
    chunk = _chunk("加强监督检查。崩岗治理由县水利局牵头。")
    hit = make_hit(chunk, query_terms(["崩岗"]), "plan.txt", 0.5, 3.2, None)
    assert (PREFIX + chunk.text)[hit.start:hit.end] == hit.quote == "崩岗治理由县水利局牵头。"
    data = hit.to_dict()
    assert set(data) == {f.name for f in fields(Hit)} - {"chunk_start", "chunk_end"}
    assert data["scores"] == {"bm25": 3.2, "dense": None} and data["text"] == chunk.text
    data["scores"]["bm25"] = 0.0  # the JSON object is a copy
    assert hit.scores["bm25"] == 3.2


def test_units_are_scored_alike_when_normalising_changes_the_length_of_the_text() -> None:
    # NFKC writes "㎡" as "m2": the chunk's normalised text no longer lines up with its units
    chunk = _chunk("新建厂房5000㎡。崩岗治理由县水利局牵头。")
    assert _quote(chunk, ["崩岗"]) == "崩岗治理由县水利局牵头。"
    assert _quote(chunk, ["m2"]) == "新建厂房5000㎡。"
    # full-width letters fold one to one: "ＧＤＰ" is found as "gdp"
    assert _quote(_chunk("加强监督检查。ＧＤＰ年均增长6%。"), ["gdp"]) == "ＧＤＰ年均增长6%。"
