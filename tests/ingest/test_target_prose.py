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


def test_respectively_gives_each_figure_its_own_indicator(tmp_path) -> None:
    """"A和B分别为x和y": x is A's, y is B's; a two-character modifier ("城镇和农村居民…") shares the head:
    城镇居民… and 农村居民…, never a bare 城镇."""
    from tests.plan_fixtures import parse_text

    text = "\n".join(["某县健康事业发展规划(2021-2025年)", "一、主要目标",
                      "到2025年，新生儿死亡率和孕产妇死亡率分别控制在3‰和10/10万以内，"
                      "人均体育场地面积、经常参加体育锻炼人数比例分别达到2.8平方米、45%以上。",
                      "城镇和农村居民人均可支配收入分别增长6%、7%。"])
    doc = parse_text(tmp_path, "p.txt", text)
    got = {(t.indicator, t.value) for t in doc.targets}
    assert {("新生儿死亡率", 3.0), ("孕产妇死亡率", 10.0), ("人均体育场地面积", 2.8),
            ("经常参加体育锻炼人数比例", 45.0)} <= got
    assert {("城镇居民人均可支配收入增长", 6.0), ("农村居民人均可支配收入增长", 7.0)} <= got


def test_a_clause_naming_only_a_place_states_the_same_measure_for_it(tmp_path) -> None:
    """"全省…治理率达到40%以上，东部地区达到55%以上": the second figure is the same measure, of 东部地区;
    a counted thing that ends like a place ("示范社区10个") is not a place."""
    from tests.plan_fixtures import parse_text

    text = "\n".join(["某省农村人居环境整治方案(2021-2025年)", "一、目标",
                      "到2025年，全省农村生活污水治理率达到40%以上，东部地区达到55%以上，山区县达到30%左右。",
                      "到2025年，建成美丽乡村示范村50个，认定星级示范社区10个。"])
    doc = parse_text(tmp_path, "p.txt", text)
    got = {(t.value, t.indicator, t.scope) for t in doc.targets}
    assert (55.0, "农村生活污水治理率", "东部地区") in got and (30.0, "农村生活污水治理率", "山区县") in got
    assert any(v == 10.0 and "示范社区" in ind for v, ind, _ in got)


def test_a_verb_of_striving_is_not_part_of_the_indicator(tmp_path) -> None:
    from tests.plan_fixtures import parse_text

    doc = parse_text(tmp_path, "p.txt", "某市制造业发展行动方案(2024-2026年)\n一、目标\n到2026年，规模以上工业企业力争达到2000家。")
    assert [t.indicator for t in doc.targets] == ["规模以上工业企业"]


def test_a_limit_before_the_figure_is_no_part_of_the_indicator(tmp_path) -> None:
    """"2026年6月底前完成管网改造100公里": the limit dates the figure; the indicator starts after it."""
    from tests.plan_fixtures import parse_text

    doc = parse_text(tmp_path, "p.txt", "\n".join([
        "某县城镇基础设施提升方案", "一、重点任务",
        "（一）管网改造。2026年6月底前完成雨污管网改造100公里，2027年底之前新建泵站3座。"]))
    assert sorted((t.indicator, t.value, t.year) for t in doc.targets) == [
        ("完成雨污管网改造", 100.0, 2026), ("新建泵站", 3.0, 2027)]


def test_one_figure_for_each_item_of_a_list(tmp_path) -> None:
    """"A、B和C均比2020年下降22%": the figure is each one's."""
    from tests.plan_fixtures import parse_text

    doc = parse_text(tmp_path, "p.txt", "\n".join([
        "某市大气污染防治行动方案(2024-2026年)", "一、目标",
        "到2026年，全市二氧化硫、氮氧化物和挥发性有机物排放总量均比2020年下降18%。"]))
    assert sorted((t.indicator, t.value, t.year) for t in doc.targets) == [
        ("二氧化硫下降", 18.0, 2026), ("挥发性有机物排放总量下降", 18.0, 2026), ("氮氧化物下降", 18.0, 2026)]


def test_a_list_of_places_before_a_figure_is_its_scope(tmp_path) -> None:
    """"其中甲、乙两区…达到80%" and "东城区、西城区50%的…" state a figure for those places; "城区、郊区" are kinds
    of area, not named places."""
    from tests.plan_fixtures import parse_text

    doc = parse_text(tmp_path, "p.txt", "\n".join([
        "某市打赢蓝天保卫战三年行动方案(2024-2026年)", "一、目标",
        "到2026年，全市空气质量优良天数比率达到85%，其中甲城、乙川两区空气质量优良天数比率达到80%。",
        "到2026年，东城区、西城区60%的社区建成养老服务站。", "城区、郊区绿地率达到40%。"]))
    got = {(t.value, t.scope) for t in doc.targets}
    assert {(80.0, "甲城、乙川两区"), (60.0, "东城区、西城区"), (40.0, "某市")} <= got, got


def test_a_count_whose_noun_follows_a_run_of_figures(tmp_path) -> None:
    """"建成12个以上、面积不低于6万平方米的示范园区": the count is of the noun the run qualifies, not of "建成"."""
    from tests.plan_fixtures import parse_text

    doc = parse_text(tmp_path, "p.txt", "甲乙市社区建设实施方案\n一、目标\n到2028年，全市建成12个以上、面积不低于6万平方米的示范园区。")
    assert sorted((t.indicator, t.value) for t in doc.targets) == [("建成示范园区", 12.0), ("面积", 6.0)]


def test_a_kind_of_basin_is_no_place(tmp_path) -> None:
    """"主要流域Ⅰ—Ⅲ类水质比例达到100%": which waters the measure counts, not a place; the plan's city is the scope,
    and the clauses after it keep it."""
    from tests.plan_fixtures import parse_text

    doc = parse_text(tmp_path, "p.txt", "甲乙市生态环境保护行动方案\n一、主要目标\n到2025年，主要流域Ⅰ—Ⅲ类水质比例达到100%，"
                     "国控断面Ⅱ类以上水质比例达到70%。")
    assert {t.scope for t in doc.targets} == {"甲乙市"}


def test_a_bracket_giving_the_same_measure_for_places_within_is_a_breakdown(tmp_path) -> None:
    """"覆盖率达到40%(北部地区达到60%、南部湖区达到50%)": each place's own figure of the same measure; a bracket that
    qualifies ("一般不低于90%") stays out."""
    from tests.plan_fixtures import parse_text

    doc = parse_text(tmp_path, "p.txt", "甲乙省美丽乡村建设方案\n一、目标\n到2027年，全省美丽乡村覆盖率达到40%(北部地区达到60%、"
                     "南部湖区达到50%)，农村卫生厕所普及率达到95%(一般不低于90%)。")
    assert sorted((t.scope, t.value) for t in doc.targets) == [
        ("北部地区", 60.0), ("南部湖区", 50.0), ("甲乙省", 40.0), ("甲乙省", 95.0)]


def test_each_count_of_a_list_is_of_its_own_noun(tmp_path) -> None:
    """"打造30个以上产值过亿元的中药大品种、10家以上年营收超10亿元的中药企业": each count names the noun of its own item."""
    from tests.plan_fixtures import parse_text

    doc = parse_text(tmp_path, "p.txt", "甲乙省中医药发展行动计划\n一、主要目标\n到2024年，培育20个以上产值过亿元的中药大品种、"
                     "8家以上年营收超10亿元的中药企业。")
    assert sorted((t.indicator, t.value) for t in doc.targets) == [("中药企业", 8.0), ("培育中药大品种", 20.0)]


def test_what_a_text_reports_as_done_is_no_goal(tmp_path) -> None:
    """"2022年以来，三年累计投入…2亿元" (since a past time) and "对全省120所学校进行了改造" (a deed with 了) are done, not
    the work plan's goals; its dated goal stays one."""
    from tests.plan_fixtures import parse_text

    doc = parse_text(tmp_path, "p.txt", "甲乙省教育厅2025年工作要点\n一、总体情况\n2022年以来，三年累计投入教育专项经费2亿元，"
                     "对全省120所学校进行了改造。\n二、主要目标\n到2025年，新建学校30所。")
    assert sorted((t.value, t.kind) for t in doc.targets) == [(2.0, "achieved"), (30.0, "target"), (120.0, "achieved")]
    assert [t.year for t in doc.targets if t.value == 2.0] == [None]  # a sum since 2022, of no one year
