"""Target extraction on plans the seed corpus does not hold: another province, a county, English."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.models import ParsedDocument, Target
from ingest.pipeline import parse_file
from ingest.read.table_grid import Cell, build_columns
from ingest.recognise.indicators import is_reference, normalize_indicator, same_indicator
from ingest.recognise.periods import annual_year, five_year_period, year_range
from ingest.recognise.places import place_in_title, scope_key
from tests.plan_fixtures import COUNTY_PLAN, ENGLISH_PLAN, PROVINCE_PLAN, parse_text, table


@pytest.fixture()
def province(tmp_path: Path) -> ParsedDocument:
    return parse_text(tmp_path, "province.txt", PROVINCE_PLAN)


def _find(doc: ParsedDocument, value: float, kind: str | None = None, scope: str | None = None) -> Target:
    hits = [t for t in doc.targets if t.value == value and (kind is None or t.kind == kind)
            and (scope is None or t.scope == scope)]
    assert hits, f"no target {value} {kind} {scope}: {[(t.value, t.kind, t.scope) for t in doc.targets]}"
    return hits[0]


def test_every_citation_quotes_the_canonical_text(province: ParsedDocument) -> None:
    assert province.targets
    for t in province.targets:
        assert t.citation.quote == province.text[t.citation.start:t.citation.end]
        assert t.comparator in (">=", ">", "<=", "<", "=", "~") and t.kind in ("target", "baseline", "achieved")
    assert len({t.target_id for t in province.targets}) == len(province.targets)


def test_prose_target_with_year_and_comparator(province: ParsedDocument) -> None:
    t = _find(province, 45.0)
    assert (t.indicator_normalized, t.unit, t.comparator, t.year, t.kind) == ("森林覆盖率", "%", ">=", 2025, "target")
    assert t.scope == "某某省" and "森林覆盖率达到45%以上" in t.citation.quote


def test_status_sentence_is_a_baseline_of_its_year(province: ParsedDocument) -> None:
    t = _find(province, 71.5, "baseline", "某某省")
    assert t.year == 2020 and t.indicator_normalized == "水土保持率"
    area = _find(province, 1.2)
    assert (area.unit, area.kind, area.year) == ("万km2", "baseline", 2020)


def test_planned_vs_achieved_table(province: ParsedDocument) -> None:
    planned = _find(province, 20.0, "target")
    assert (planned.comparator, planned.unit, planned.year, planned.table) == ("<", "%", 2020,
                                                                               "表1 “十三五”规划目标完成情况")
    achieved = _find(province, 18.5, "achieved")
    assert achieved.year == 2020 and "水土流失率" in achieved.citation.quote
    assert _find(province, 40.0, "target").unit == "条"


def test_per_district_table_gives_each_row_its_scope(province: ParsedDocument) -> None:
    base = _find(province, 70.5, "baseline")
    target = _find(province, 73.0, "target", "甲县")
    assert (base.scope, base.year, base.unit, base.indicator_normalized) == ("甲县", 2020, "%", "水土保持率")
    assert (target.year, target.unit) == (2025, "%")
    assert base.citation.quote.startswith("甲县") and "70.5" in base.citation.quote
    total = next(t for t in province.targets if t.value == 3000.0 and t.table)
    assert total.scope == "某某省" and total.citation.quote.startswith("合计") and total.unit == "km2"
    autonomous = _find(province, 71.6)
    assert autonomous.scope == "丙土家族自治县" and autonomous.scope_normalized == scope_key("丙县")


def test_achievements_section_gives_achieved_figures(province: ParsedDocument) -> None:
    t = _find(province, 5200.0, "achieved")
    assert t.year == 2020 and t.unit == "km2"


def test_county_plan_uses_its_own_region(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "county.txt", COUNTY_PLAN)
    rate = _find(doc, 68.2)
    assert (rate.scope, rate.kind, rate.year) == ("甲县", "baseline", 2020)
    gullies = _find(doc, 120.0)
    assert (gullies.unit, gullies.kind, gullies.year) == ("座", "target", 2025)


def test_english_targets(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "plan.txt", ENGLISH_PLAN)
    reduce = _find(doc, 30.0)
    assert (reduce.unit, reduce.year, reduce.kind) == ("%", 2030, "target")
    assert "reduce" in reduce.indicator and "soil erosion" in reduce.indicator
    assert _find(doc, 45.0).indicator_normalized == "森林覆盖率"
    assert not [t for t in doc.targets if t.value == 157.0], "a description is not a target"


def test_breakdown_columns_and_reference_columns_are_not_records(tmp_path: Path) -> None:
    text = "\n".join([
        "某市水土保持规划(2021-2025年)",
        table("附表1 某市水土流失现状表", [
            ["序号", "区县", "总面积(km2)", "水土流失面积(km2)"],
            ["轻度", "中度", "合计"],
            ["1", "东区", "500", "60.5", "20.25", "80.75"],
            ["2", "西区", "300", "30", "10", "40"],
        ]),
    ])
    doc = parse_text(tmp_path, "city.txt", text)
    values = sorted(t.value for t in doc.targets)
    assert values == [40.0, 80.75], "only the totals of the breakdown; 总面积 is a reference"
    assert all(t.indicator_normalized == "水土流失面积" and t.kind == "baseline" and t.year == 2020
               for t in doc.targets)


def test_box_with_dashes_and_sub_rows(tmp_path: Path) -> None:
    text = "\n".join([
        "某县林业发展规划(2021-2025年)",
        table("专栏1 主要指标", [
            ["指标", "现状值", "(2020年)", "目标值(2025年)", "属性"],
            ["森林覆盖率(%)", "40.2", "42", "约束性"],
            ["新增造林面积(万亩)", "—", ">5", "预期性"],
            ["其中:", "人工造林面积(万亩)", "—", "3", "预期性"],
        ]),
    ])
    doc = parse_text(tmp_path, "forest.txt", text)
    got = {(t.indicator_normalized, t.kind, t.year, t.comparator, t.value, t.unit) for t in doc.targets}
    assert ("森林覆盖率", "baseline", 2020, "=", 40.2, "%") in got
    assert ("森林覆盖率", "target", 2025, "=", 42.0, "%") in got
    assert ("新增造林面积", "target", 2025, ">", 5.0, "万亩") in got
    assert ("人工造林面积", "target", 2025, "=", 3.0, "万亩") in got


def test_header_rows_rebuild_column_paths() -> None:
    def row(*cells: str) -> list[Cell]:
        return [Cell(0, 0, c) for c in cells]

    cols = build_columns([row("序号", "区县", "总面积", "微度", "流失面积"), row("轻度", "中度", "合计"),
                          row("面积", "占总面积比", "面积", "占比", "面积", "占比", "面积", "占总面积比")], 11)
    assert cols[3] == ["微度", "面积"] and cols[-1] == ["流失面积", "合计", "占总面积比"] and len(cols) == 11


def test_context_readers() -> None:
    assert five_year_period("“十三五”规划") == (2016, 2020)
    assert five_year_period("十四五") == (2021, 2025)
    assert year_range("某规划(2021-2035年)") == (2021, 2035)
    assert place_in_title("关于印发《某某县生态保护实施方案》的通知") == "某某县"
    assert place_in_title("各县水土流失面积") is None
    assert place_in_title("某乡县人民政府关于印发某乡县2025年工作要点的通知") == "某乡县"  # 乡 inside a county's name
    assert place_in_title("某镇市城市更新规划") == "某镇市"
    assert place_in_title("某某乡人民政府工作方案") == "某某乡"
    assert place_in_title("城市更新行动方案") is None and place_in_title("社区嵌入式服务设施建设方案") is None


def test_indicator_normalisation_is_conservative() -> None:
    assert normalize_indicator("新增治理水土流失面积") == normalize_indicator("水土流失综合治理面积")
    assert normalize_indicator("微度占总面积比(%)") == "水土保持率"
    assert same_indicator("新增治理水土流失面积", "新增水土流失治理面积")
    assert not same_indicator("水土流失面积", "水土流失率")
    assert not same_indicator("治理面积占比", "治理面积")
    assert is_reference("总面积(km2)") and not is_reference("水土流失面积")


def test_user_tables_extend_the_shipped_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synonyms = tmp_path / "syn.tsv"
    synonyms.write_text("草原综合植被盖度\tmeasure\t草原植被覆盖率\n", encoding="utf-8")
    aliases = tmp_path / "alias.tsv"
    aliases.write_text("旧名县\t新名区\n", encoding="utf-8")
    monkeypatch.setenv("POLICYKB_INDICATOR_SYNONYMS", str(synonyms))
    monkeypatch.setenv("POLICYKB_SCOPE_ALIASES", str(aliases))
    assert normalize_indicator("草原植被覆盖率(%)") == "草原综合植被盖度"
    assert scope_key("旧名县") == scope_key("新名区")


def test_year_columns_unit_column_and_english_headers(tmp_path: Path) -> None:
    text = "\n".join([
        "某市生态环境保护“十四五”规划",
        "一、主要目标",
        "到2025年，PM2.5年均浓度控制在35微克/立方米以下，森林覆盖率由2020年的40%提高到2025年的45%。",
        table("表1 主要指标", [["序号", "指标", "单位", "2020年", "2025年", "属性"],
                             ["1", "湿地保护率", "%", "50", "55", "约束性"], ["2", "新增造林面积", "万亩", "—", "12", "预期性"]]),
        table("Table 2 Key indicators", [["Indicator", "Baseline (2020)", "Target (2025)"],
                                         ["Forest cover (%)", "40", "45"], ["Wetland area (hectares)", "1200", "1500"]]),
    ])
    doc = parse_text(tmp_path, "env.txt", text)
    got = {(t.indicator_normalized, t.kind, t.year, t.comparator, t.value, t.unit) for t in doc.targets}
    assert ("细颗粒物浓度", "target", 2025, "<=", 35.0, "μg/m3") in got  # PM2.5 is 细颗粒物 (synonym table)
    assert ("森林覆盖率", "baseline", 2020, "=", 40.0, "%") in got
    assert ("森林覆盖率", "target", 2025, "=", 45.0, "%") in got, "提高到X is a level, not a change"
    assert ("湿地保护率", "baseline", 2020, "=", 50.0, "%") in got
    assert ("湿地保护率", "target", 2025, "=", 55.0, "%") in got
    assert ("新增造林面积", "target", 2025, "=", 12.0, "万亩") in got
    assert ("wetland area", "target", 2025, "=", 1500.0, "hm2") in got
    assert sum(1 for g in got if g[0] == "森林覆盖率" and g[2] == 2025) == 1


def test_percentage_points_are_their_own_unit() -> None:
    from ingest.recognise.quantities import find_quantities

    q = find_quantities("水土保持率比2020年提高3.5个百分点")[0]
    assert (q.value, q.unit) == (3.5, "百分点")


_ALPHABET = list("\t\n 0123456789.%><—-合计序号区县市指标现状值目标值(2025年)km2万亩个其中:，。；到达以上全市水土保持率")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, max_size=30), max_size=25))
def test_extraction_never_raises_and_quotes_are_exact(lines: list[str]) -> None:
    text = "某县水土保持规划(2021-2025年)\n" + "\n".join(lines)
    doc = parse_file(Path("random.txt"), data=text.encode("utf-8"))
    for t in doc.targets:
        assert t.citation.quote == doc.text[t.citation.start:t.citation.end]
        assert 0 <= t.citation.start <= t.citation.end <= len(doc.text)


def test_a_paper_keeps_only_the_targets_it_states(tmp_path: Path) -> None:
    text = "\n".join([
        "小流域综合治理的问题与对策",
        "1. 现状",
        "截至2022年，全国水土流失面积为267.42万平方公里，已治理小流域2.3万条。",
        "国家提出到2030年全国水土保持率达到75%以上。",
        table("表 1. 各流域治理面积", [["流域", "2021年", "2022年"], ["甲流域", "5193.8", "5240.5"]]),
    ])
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    from ingest.models import DocMeta

    doc = parse_file(path, meta=DocMeta(kind="paper", date="2024"))
    assert [(t.value, t.kind, t.year) for t in doc.targets] == [(75.0, "target", 2030)]


ANNUAL_PROGRAMME = """乙县人民政府办公室关于印发乙县2025年重点工作任务分工方案的通知

各乡镇人民政府，县政府各部门：

现将《乙县2025年重点工作任务分工方案》印发给你们，请认真贯彻落实。

乙县人民政府办公室

2025年2月20日

乙县2025年重点工作任务分工方案

一、全年主要预期目标

1.努力实现全县农村居民人均可支配收入增长7%左右。

牵头单位：县农业农村局

2.城镇新增就业稳定在3000人。

牵头单位：县人力资源社会保障局

二、上年工作回顾

3.2024年全县粮食产量为41.5万吨。
"""


def test_an_annual_programme_states_targets_for_its_year(tmp_path: Path) -> None:
    """A programme of work for one year ("2025年重点工作任务分工方案") aims its figures at that year,
    a goal heading ("主要预期目标") makes its figures targets even without a verb of aiming, and the
    verb of striving ("努力实现") is not part of the indicator."""
    doc = parse_text(tmp_path, "annual.txt", ANNUAL_PROGRAMME)
    income = _find(doc, 7.0)
    assert (income.kind, income.year, income.comparator) == ("target", 2025, "~")
    assert income.indicator.endswith("农村居民人均可支配收入增长") and "努力" not in income.indicator
    jobs = _find(doc, 3000.0)
    assert (jobs.kind, jobs.year) == ("target", 2025)
    grain = _find(doc, 41.5)
    assert (grain.kind, grain.year) == ("achieved", 2024)  # under a review heading


def test_annual_year_is_one_year_of_work_not_a_horizon() -> None:
    assert annual_year("某市2024年度工作要点") == 2024
    assert annual_year("某省2022年大气污染防治工作方案") == 2022
    assert annual_year("某市2030年前碳达峰行动方案") is None  # a horizon
    assert annual_year("某市2035年远景目标纲要") is None
    assert annual_year("某规划(2021-2025年)") is None  # a span: year_range reads it
    assert annual_year("关于2023年度计划执行情况的报告") is None  # a report looks back
    assert annual_year("某县2024年《政府工作报告》重点工作任务分解表") == 2024  # allocates a report's tasks


def test_a_task_allocation_table_states_figures_only_in_its_task_text(tmp_path: Path) -> None:
    """任务 | 牵头单位 | 完成时限 rows: "新建充电桩500个" is a target; serial numbers and dates are not figures."""
    text = "\n".join([
        "庚市新能源汽车推广应用实施方案(2024-2026年)",
        "三、重点任务分工",
        table("", [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
                   ["1", "新建公共充电桩500个", "市发展改革委", "市住房城乡建设局", "2026年底"],
                   ["2", "推广新能源公交车", "市交通运输局", "各区人民政府", "持续推进"],
                   ["3", "建设换电站", "市城管局", "市供电公司", "2025年6月"]]),
    ])
    doc = parse_text(tmp_path, "tasks_table.txt", text)
    assert [(t.value, t.unit) for t in doc.targets] == [(500.0, "个")]
    assert doc.targets[0].kind == "target" and "充电桩" in doc.targets[0].indicator
    assert len(doc.tasks) == 3


def test_a_pipe_table_is_read_by_its_columns(tmp_path: Path) -> None:
    """"| 指标 | 2020年基期值 | 2025年目标值 |" lines (Markdown or plain text) are a table: each figure takes its
    column's kind and year; the column's year and kind words are not part of the indicator."""
    text = "\n".join([
        "某市“十四五”文化和旅游发展规划",
        "一、主要指标",
        "| 指标 | 2020年基期值 | 2025年目标值 | 属性 |",
        "| --- | --- | --- | --- |",
        "| 公共图书馆年流通人次(万人次) | 320 | 450 | 预期性 |",
        "| 旅游总收入(亿元) | 180 | 260 | 预期性 |",
    ])
    doc = parse_text(tmp_path, "pipe.txt", text)
    got = {(t.indicator, t.value, t.kind, t.year) for t in doc.targets}
    assert got == {("公共图书馆年流通人次", 320.0, "baseline", 2020), ("公共图书馆年流通人次", 450.0, "target", 2025),
                   ("旅游总收入", 180.0, "baseline", 2020), ("旅游总收入", 260.0, "target", 2025)}, got


def test_a_background_section_states_the_present(tmp_path: Path) -> None:
    """Under "发展基础" / "发展背景" a figure without a year of its own is where things stand (the year
    before the plan), not a goal."""
    text = "\n".join(["某县“十四五”卫生健康发展规划", "一、发展基础",
                      "居民健康水平显著提高。2020年末，全县居民人均预期寿命提高到80.1岁。卫生县城创建取得新进展，农村卫生户厕普及率达98.5%。",
                      "二、发展目标", "到2025年，农村卫生户厕普及率达到99%。"])
    doc = parse_text(tmp_path, "bg.txt", text)
    assert (_find(doc, 98.5).kind, _find(doc, 98.5).year) == ("baseline", 2020)
    assert (_find(doc, 99.0).kind, _find(doc, 99.0).year) == ("target", 2025)


def test_a_change_over_a_span_of_years_starts_at_the_spans_first_year(tmp_path: Path) -> None:
    """"2015年至2020年，…从76.3岁提高到77.9岁": the first figure is the 2015 level; "在2020年基础上继续提高1岁"
    names the change of life expectancy."""
    text = "\n".join(["某省“十四五”卫生健康规划", "一、规划背景",
                      "2015年至2020年，人均预期寿命从76.3岁提高到77.9岁。",
                      "二、发展目标", "到2025年，人均预期寿命在2020年基础上继续提高1岁左右。"])
    doc = parse_text(tmp_path, "span.txt", text)
    assert (_find(doc, 76.3).kind, _find(doc, 76.3).year) == ("baseline", 2015)
    assert (_find(doc, 77.9).kind, _find(doc, 77.9).year) == ("baseline", 2020)
    assert _find(doc, 1.0).indicator == "人均预期寿命提高" and _find(doc, 1.0).year == 2025
