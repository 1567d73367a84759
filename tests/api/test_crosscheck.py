"""Cross-checks on synthetic plans: conflicts across documents, sums, naming, unmet targets,
and the consistent statements that must not be reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.crosscheck.base import DocText, Finding, base_value
from api.crosscheck.checks import check
from api.crosscheck.values import agree, lower_is_better
from ingest.models import Citation, ParsedDocument, Target, Task, Unit
from ingest.pipeline import parse_file
from tests.plan_fixtures import COUNTY_PLAN, ENGLISH_PLAN, PROVINCE_PLAN, parse_text, table


@pytest.fixture()
def docs(tmp_path: Path) -> list[ParsedDocument]:
    return [parse_text(tmp_path, n, t) for n, t in
            (("province.txt", PROVINCE_PLAN), ("county.txt", COUNTY_PLAN), ("english.txt", ENGLISH_PLAN))]


@pytest.fixture()
def findings(docs: list[ParsedDocument]) -> list[Finding]:
    return check([t for d in docs for t in d.targets], [t for d in docs for t in d.tasks],
                 [DocText.of(d) for d in docs])


def _quotes(f: Finding) -> list[str]:
    return [v.citation.quote for v in f.values]


def test_every_value_is_cited_exactly(findings: list[Finding], docs: list[ParsedDocument]) -> None:
    texts = {d.doc_id: d.text for d in docs}
    assert findings
    for f in findings:
        assert f.kind in ("conflict", "sum", "naming", "unmet") and len(f.values) >= 2
        for v in f.values:
            assert v.citation.quote == texts[v.citation.doc_id][v.citation.start:v.citation.end]


def test_conflict_across_documents(findings: list[Finding]) -> None:
    conflicts = [f for f in findings if f.kind == "conflict"]
    assert len(conflicts) == 1, conflicts
    f = conflicts[0]
    assert f.indicator == "水土保持率" and sorted(v.value for v in f.values) == [68.2, 70.5]
    assert {v.citation.source for v in f.values} == {"province.txt", "county.txt"}


def test_rounding_and_bounds_are_not_conflicts(findings: list[Finding]) -> None:
    cited = {q for f in findings for q in _quotes(f)}
    # 1.2万 km2 (prose) vs the table total 12000; 71.5% prose vs 71.5 table; ">=73%" vs 73.5
    assert not any("1.2万" in q for q in cited)
    assert not any("水土保持率为71.5%" in q for q in cited)
    assert not any("73%以上" in q for q in cited)


def test_sum_of_district_rows_against_total_row(findings: list[Finding]) -> None:
    sums = [f for f in findings if f.kind == "sum"]
    assert len(sums) == 1, sums
    assert sums[0].values[0].value == 12000.0 and "12100" in sums[0].note
    assert len(sums[0].values) == 4


def test_naming_of_districts(findings: list[Finding]) -> None:
    names = {tuple(sorted(v.citation.quote for v in f.values)) for f in findings if f.kind == "naming"}
    assert all(v.unit == "次" and v.value >= 1 for f in findings if f.kind == "naming" for v in f.values)
    assert ("乙区", "乙县") in names and ("丙县", "丙土家族自治县") in names
    assert not any("甲" in n for pair in names for n in pair), "甲县 is written one way"


def test_unmet_is_comparator_aware(findings: list[Finding]) -> None:
    unmet = [f for f in findings if f.kind == "unmet"]
    assert [sorted(v.value for v in f.values) for f in unmet] == [[35.0, 40.0]]


def test_prose_parts_exceeding_their_total(tmp_path: Path) -> None:
    text = "\n".join([
        "某县水文监测规划(2021-2025年)",
        "一、站网建设",
        "“十四五”期间，共计建设8个水文监测站，其中，在北部山区新建5个水文站，改造升级城关水文站；在南部新建3个水位站。",
    ])
    doc = parse_text(tmp_path, "hydro.txt", text)
    found = [f for f in check(doc.targets, [], [DocText.of(doc)]) if f.kind == "sum"]
    assert len(found) == 1 and "9" in found[0].note and found[0].values[0].value == 8.0


def test_sub_rows_may_not_exceed_their_parent(tmp_path: Path) -> None:
    text = "\n".join([
        "某县林业发展规划(2021-2025年)",
        table("专栏1 主要指标", [
            ["指标", "目标值(2025年)"],
            ["新增造林面积(万亩)", "5"],
            ["其中:", "人工造林面积(万亩)", "7"],
        ]),
    ])
    doc = parse_text(tmp_path, "forest.txt", text)
    assert [f.kind for f in check(doc.targets, [], [DocText.of(doc)])] == ["sum"]


def _target(value: float, unit: str, comparator: str = "=", indicator: str = "水土保持率") -> Target:
    cit = Citation("d", "s", "", None, 0, 1, "x")
    return Target("t", "d", "s", indicator, indicator, "某县", value, unit, comparator,  # type: ignore[arg-type]
                  2020, "baseline", cit, "某")


def test_tolerance_follows_written_precision() -> None:
    assert agree(_target(69.5, "%"), _target(69.48, "%"))
    assert not agree(_target(69.5, "%"), _target(69.44, "%"))
    assert agree(_target(2.51, "万km2"), _target(25142.46, "km2"))
    assert not agree(_target(1.57, "万km2"), _target(15753.12, "km2"))
    assert agree(_target(4000, "km2", ">"), _target(4000, "km2", ">="))
    assert base_value(_target(10, "个"))[2] == 0.0, "counts are exact"
    assert lower_is_better("水土流失率") and not lower_is_better("新增水土流失治理面积")


def test_unit_names_written_two_ways(tmp_path: Path) -> None:
    text = "某局工作方案\n1.加强监测。由市水保中心组织实施。(责任单位:市水土保持中心、市水利局)\n"
    doc = parse_text(tmp_path, "units.txt", text)
    cit = Citation(doc.doc_id, doc.source, "", None, 0, len(doc.text), doc.text)
    tasks = [Task("1", doc.doc_id, doc.source, "1.", "", "加强监测", doc.text,
                  [Unit("市水土保持中心", "市水土保持中心", "responsible"), Unit("市水利局", "市水利局", "responsible")],
                  [], False, cit),
             Task("2", doc.doc_id, doc.source, "2.", "", "x", doc.text,
                  [Unit("规局计", "规计局", "lead"), Unit("规计局", "规计局", "lead")], [], False, cit)]
    text2 = doc.text
    found = [f for f in check([], tasks, [DocText.of(doc)]) if f.kind == "naming"]
    spellings = {tuple(sorted(v.citation.quote for v in f.values)) for f in found}
    assert ("市水保中心", "市水土保持中心") in spellings
    assert all(v.citation.quote == text2[v.citation.start:v.citation.end] for f in found for v in f.values)


_ALPHABET = list("\t\n 0123456789.%—合计序号区县指标现状值目标值(2025年)km2个其中:，。；共计建设站、和新建实际完成甲乙《》")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, max_size=30), max_size=25))
def test_checks_never_raise_and_cite_exactly(lines: list[str]) -> None:
    text = "某县水土保持规划(2021-2025年)\n" + "\n".join(lines)
    doc = parse_file(Path("random.txt"), data=text.encode("utf-8"))
    for f in check(doc.targets, doc.tasks, [DocText.of(doc)]):
        assert all(v.citation.quote == doc.text[v.citation.start:v.citation.end] for v in f.values)


def test_average_rows_and_consistent_totals_are_not_sum_findings(tmp_path: Path) -> None:
    text = "\n".join([
        "某市水资源规划(2021-2025年)",
        table("附表1 各区用水总量(亿立方米)", [
            ["序号", "区县", "用水总量", "节水灌溉面积(万亩)"],
            ["1", "东区", "1.25", "10"], ["2", "西区", "2.10", "12.5"],
            ["平均", "1.68", "11.25"],
            ["3", "北区", "0.80", "4"],
            ["合计", "4.15", "26.5"],
        ]),
    ])
    doc = parse_text(tmp_path, "water.txt", text)
    assert [f for f in check(doc.targets, [], [DocText.of(doc)]) if f.kind == "sum"] == []
    assert {t.unit for t in doc.targets} == {"亿m3", "万亩"}
