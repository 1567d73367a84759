"""Target shapes of Chinese plans, measures and work reports, from sentences written for these tests.

Each test states a writing convention (a goal with 到YYYY年, a round goal in Chinese numerals, a
service standard, a grant's terms, a threshold, a work report's 预期目标) in sentences of fields the
dev corpus does not hold (transport, health, agriculture, water), and checks what is and is not a target.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.models import ParsedDocument, Target
from ingest.recognise.quantities import find_quantities
from tests.plan_fixtures import parse_text

TRANSPORT = "\n".join([
    "某省综合交通运输发展行动方案（2026—2028年）",
    "一、发展目标",
    "到2028年，全省高速公路通车里程突破9000公里，建成千个农村客运综合服务站，培育百家物流骨干企业，"
    "港口集装箱吞吐量达到500万标箱左右。",
    "2026年，先行建成五个综合客运枢纽。",
    "二、支持措施",
    "（一）对新开通的城际公交线路，给予每条线路最高200万元运营补贴，按实际投资额的30%给予补助。",
    "（二）对年货运量首次达到100万吨的企业，一次性奖励50万元。",
    "（三）本方案所称小微物流企业，是指从业人员一般不超过20人的企业。",
    "（四）全省每年安排交通专项资金不少于10亿元。",
    "（五）实现道路运输许可“一日办结”，货车年审办理时限压缩至3个工作日内。",
    "（六）可租住人才公寓最长3年。",
    "（七）每年设立总额800万元的“运力券”，企业采购运力时可申请使用，抵扣比例不高于40%；再给于6000元的一次性培训补贴，"
    "额外再奖补2万元。",
    "（八）对年薪达到9万元且有2年及以上从业经验的驾驶员，近4年无重大安全事故的企业优先支持。",
    "（九）交通执法机关要在处罚决定作出之日起12个工作日内，向社会公布处罚信息，许可信息要在6个工作日内公开。",
])

REPORT = "\n".join([
    "政府工作报告",
    "——2026年1月20日在某某市第十六届人民代表大会第五次会议上",
    "一、2025年工作回顾",
    "过去一年，全市地区生产总值增长5.6%，粮食总产量达到120万吨。",
    "二、2026年主要预期目标",
    "今年全市经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇调查失业率控制在5.5%以内，"
    "一般公共预算收入增长4%—5%。",
])


@pytest.fixture()
def transport(tmp_path: Path) -> ParsedDocument:
    return parse_text(tmp_path, "transport.txt", TRANSPORT)


def _one(doc: ParsedDocument, value: float) -> Target:
    hits = [t for t in doc.targets if t.value == value]
    assert len(hits) == 1, [(t.value, t.unit, t.kind, t.citation.quote) for t in doc.targets]
    return hits[0]


def test_a_goal_sentence_with_chinese_numerals_and_about(transport: ParsedDocument) -> None:
    road = _one(transport, 9000.0)
    assert (road.comparator, road.year, road.kind, road.unit) == (">", 2028, "target", "km")
    assert (_one(transport, 1000.0).unit, _one(transport, 100.0).unit) == ("个", "家")
    assert _one(transport, 500.0).comparator == "~"
    assert "到2028年" in road.citation.quote


def test_a_sentence_opening_with_a_future_year_is_that_years_goal(transport: ParsedDocument) -> None:
    hub = _one(transport, 5.0)
    assert (hub.year, hub.kind, hub.unit) == (2026, "target", "个")


def test_a_grants_terms_thresholds_and_definitions_are_not_targets(transport: ParsedDocument) -> None:
    values = {t.value for t in transport.targets}
    assert not values & {200.0, 30.0, 50.0, 20.0}, values  # cap, rate, one-off reward, definition
    assert 3.0 not in {t.value for t in transport.targets if t.unit == "年"}  # a stay, not a goal
    # a voucher's deduction rate, a misprinted 给于 grant, an extra award; a pay threshold joined by 且, 及以上…的, 近N年
    assert not values & {40.0, 6000.0, 2.0, 9.0, 4.0}, [(t.value, t.unit, t.citation.quote) for t in transport.targets]
    assert 800.0 in values  # the voucher programme's own budget stays a target


def test_a_programme_budget_and_service_standards_are_targets(transport: ParsedDocument) -> None:
    fund = _one(transport, 10.0)
    assert (fund.comparator, fund.unit, fund.year) == (">=", "亿元", None)  # 每年: no single year
    days = [t for t in transport.targets if t.unit in ("日", "工作日")]
    # disclosure limits are service standards too, the verb past the clause's comma ("…内，向社会公布")
    assert {(t.value, t.comparator) for t in days} == {(1.0, "="), (3.0, "<="), (12.0, "<="), (6.0, "<=")}
    assert all(t.year is None and "办结时限" in t.indicator for t in days if t.unit == "日")


def test_a_work_report_reviews_last_year_and_sets_this_years_goals(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "report.txt", REPORT)
    got = {(t.indicator_normalized, t.value, t.comparator, t.year, t.kind) for t in doc.targets}
    assert ("地区生产总值增长", 5.6, "=", 2025, "achieved") in got
    assert ("地区生产总值增长", 5.5, "~", 2026, "target") in got
    assert ("城镇调查失业率", 5.5, "<=", 2026, "target") in got
    assert {("一般公共预算收入增长", 4.0, ">="), ("一般公共预算收入增长", 5.0, "<=")} <= {g[:3] for g in got}


FIVE_YEAR_REPORT = "\n".join([
    "政府工作报告",
    "——2026年2月3日在某某省第十四届人民代表大会第四次会议上",
    "一、“十四五”时期工作回顾",
    "五年来，预计全省地区生产总值年均增长6.1%，城镇化率由55.2%提高到61.7%，粮食产量达到650亿斤。",
    "二、“十五五”时期的主要目标",
    "“十五五”时期的主要目标是：地区生产总值年均增长5.5%左右，到2030年突破2万亿元。",
    "三、2026年重点工作",
    "新改建农村公路1500公里，增长3.2%，达到4800亿元。",
])


def test_a_work_report_reads_its_place_period_goals_and_this_years_work(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "report.txt", FIVE_YEAR_REPORT)
    got = {(t.indicator, t.value, t.year, t.kind) for t in doc.targets}
    assert {t.scope for t in doc.targets} == {"某某省"}  # the congress it is made to, not the (placeless) title
    assert ("地区生产总值年均增长", 6.1, 2025, "achieved") in got  # 预计 and 全省 are not the measure
    assert ("城镇化率", 55.2, 2020, "baseline") in got  # where the five years started
    assert ("城镇化率", 61.7, 2025, "achieved") in got
    assert [t.comparator for t in doc.targets if t.value == 650.0] == ["="]  # reached, not a floor
    assert ("地区生产总值年均增长", 5.5, 2030, "target") in got  # the next period's goal, not this year's
    assert ("地区生产总值", 2.0, 2030, "target") in got  # an amount is the level's, not the growth's
    assert ("新改建农村公路", 1500.0, 2026, "target") in got  # work planned under this year's heading
    assert ("增长", 3.2, 2026, "target") not in got and ("新改建农村公路增长", 3.2, 2026, "target") in got


def test_a_reviews_gaps_respective_urban_rural_figures_and_our_own_work(tmp_path: Path) -> None:
    """"高于全国0.4个百分点" compares, it measures nothing here; "城乡居民…分别增长4.5%和6.2%" is one figure for
    城镇 and one for 农村; "我们改造…" is the speaker, not the measure."""
    doc = parse_text(tmp_path, "report.txt", "\n".join([
        "政府工作报告",
        "——2026年1月9日在某某县第十八届人民代表大会第五次会议上",
        "一、2025年工作回顾",
        "全县地区生产总值增长5.4%，高于全省0.4个百分点；城乡居民人均可支配收入分别增长4.5%和6.2%。",
        "全年一、二、三产增加值分别增长3.1%、6.4%、5.2%。",
        "一年来，我们改造城镇老旧小区32个。",
    ]))
    got = {(t.indicator, t.value) for t in doc.targets}
    assert got == {("地区生产总值增长", 5.4), ("城镇居民人均可支配收入增长", 4.5), ("农村居民人均可支配收入增长", 6.2),
                   ("一产增加值增长", 3.1), ("二产增加值增长", 6.4), ("三产增加值增长", 5.2), ("改造城镇老旧小区", 32.0)}


REVIEW = "\n".join([
    "政 府 工 作 报 告",
    "2026年1月8日在某某县第十七届人民代表大会第六次会议上",
    "各位代表：",
    "一、2025年工作回顾",
    "预计2025年，全县地区生产总值完成96.2亿元，年均增速达到7%；一般公共预算收入完成5.1亿元，较“十三五”末实现翻番。",
    "固定资产投资完成48.3亿元，同比增长9%，高出全市1.2个百分点，比全省高0.8个百分点。",
    "全年城镇和农村居民人均可支配收入分别达38120元、21450元，增长4.6%、7.1%。",
    "163个重点项目完成投资210.5亿元，实际使用外资512万美元，产业园区投资总额突破千亿元。",
    "规上工业增加值增长7.6%，创2012年以来最好位次。",
    "本县是全省80个、全市6个重点发展县之一。",
    "建成时速350公里的高速铁路，打造全市首个200亿元园区，综合排名上升4位，取得8个全省第一，五年跨越2个十亿级台阶。",
])


def test_a_counties_review_of_its_year(tmp_path: Path) -> None:
    """A review's figures as reports write them: the year stated before them (not the period they are compared
    with), the measure without 完成/同比, rates and urban/rural pairs of their subject, counts before what the
    projects did, amounts in 万美元 and 千亿元; speeds, firsts, ranks, gaps and "台阶" are no figures."""
    doc = parse_text(tmp_path, "review.txt", REVIEW)
    got = {(t.indicator, t.value, t.unit) for t in doc.targets}
    assert got == {
        ("地区生产总值", 96.2, "亿元"), ("地区生产总值年均增速", 7.0, "%"), ("一般公共预算收入", 5.1, "亿元"),
        ("固定资产投资", 48.3, "亿元"), ("固定资产投资增长", 9.0, "%"),
        ("城镇居民人均可支配收入", 38120.0, "元"), ("农村居民人均可支配收入", 21450.0, "元"),
        ("城镇居民人均可支配收入增长", 4.6, "%"), ("农村居民人均可支配收入增长", 7.1, "%"),
        ("重点项目", 163.0, "个"), ("重点项目完成投资", 210.5, "亿元"), ("实际使用外资", 512.0, "万美元"),
        ("产业园区投资总额", 1000.0, "亿元"), ("规上工业增加值增长", 7.6, "%")}, sorted(got)
    assert {(t.kind, t.year, t.scope) for t in doc.targets} == {("achieved", 2025, "某某县")}


def test_an_annual_lists_bare_figures_are_its_goals(tmp_path: Path) -> None:
    """In a year's programme ("2025年…目标任务分解清单") "一般公共预算收入增长2%。" is that year's goal, not last
    year's level; "以全市3200多名持证残疾人为主要对象" is whom it serves (as they are); "每季度最后一个月的30日前"
    counts nothing."""
    doc = parse_text(tmp_path, "list.txt", "\n".join([
        "某某市2025年政府工作报告目标任务分解清单",
        "一、市长牵头重点工作",
        "1.一般公共预算收入增长2%。", "牵头单位:市财政局",
        "2.以全市3200多名持证残疾人为主要对象，新增残疾人就业300人。", "牵头单位:市残联",
        "各单位要在每季度最后一个月的30日前报送进展。",
    ]))
    got = {(t.indicator, t.value, t.kind, t.year) for t in doc.targets}
    assert got == {("一般公共预算收入增长", 2.0, "target", 2025), ("持证残疾人", 3200.0, "baseline", 2024),
                   ("新增残疾人就业", 300.0, "target", 2025)}, got


@pytest.mark.parametrize(("text", "expected"), [
    ("建成百个示范村", (100.0, "个", "=")),
    ("培育超千家合作社", (1000.0, "家", ">")),
    ("引进万名乡村人才", (10000.0, "名", "=")),
    ("实现“半日办结”", (0.5, "日", "=")),
    ("总收入超3000万，", (3000.0, "万", ">")),
    ("总规模达到1.2万亿元", (1.2, "万亿元", ">=")),
    ("接诊时间控制在30分钟以内", (30.0, "分钟", "<=")),
    ("人均预期寿命达到80岁", (80.0, "岁", ">=")),
    ("调度能力超3000P", (3000.0, "P", ">")),
    ("每个县（市、区）培育一家龙头合作社", (1.0, "家", "=")),  # one for each: a count; "建成一家" alone is "a"
])
def test_chinese_quantity_shapes(text: str, expected: tuple[float, str, str]) -> None:
    found = find_quantities(text)
    assert found and (found[0].value, found[0].unit, found[0].comparator) == expected, found


@pytest.mark.parametrize("text", ["经第12次常务会议审议通过", "自2026年3月1日起施行", "第五十周年", "实施六项主要任务"])
def test_ordinals_dates_and_own_parts_are_not_figures(tmp_path: Path, text: str) -> None:
    doc = parse_text(tmp_path, "x.txt", f"某县农业发展规划（2026-2030年）\n{text}。\n")
    assert doc.targets == []


def test_a_range_is_two_bounds() -> None:
    q = find_quantities("增长6%—6.5%")[0]
    assert (q.value, q.value_max, q.comparator) == (6.0, 6.5, ">=")


def test_health_agriculture_water_shapes(tmp_path: Path) -> None:
    text = "\n".join([
        "某省卫生健康事业发展“十五五”规划",
        "二、主要目标",
        "到2030年，人均预期寿命达到80岁，婴儿死亡率下降到4.5‰，孕产妇死亡率控制在10/10万以下。",
        "万元地区生产总值用水量比2025年下降12%，粮食综合生产能力稳定在700亿斤以上。",
    ])
    doc = parse_text(tmp_path, "health.txt", text)
    got = {(t.indicator_normalized, t.value, t.unit, t.comparator, t.year) for t in doc.targets}
    assert ("人均预期寿命", 80.0, "岁", ">=", 2030) in got
    assert ("婴儿死亡率", 4.5, "‰", "=", 2030) in got
    assert ("孕产妇死亡率", 10.0, "/10万", "<=", 2030) in got
    assert ("万元地区生产总值用水量下降", 12.0, "%", "=", 2030) in got  # 比2025年: a change, not a baseline
    assert ("粮食产量", 700.0, "亿斤", ">=", 2030) not in got and any(g[0] == "粮食综合生产能力" for g in got)


def test_what_exists_is_a_baseline(tmp_path: Path) -> None:
    text = "\n".join([
        "某市智慧农业发展行动计划（2026—2028年）",
        "一、发展目标",
        "全市已培育农业龙头企业120家，依托现有农业科技园区8个，到2028年，新增农业龙头企业50家。",
    ])
    doc = parse_text(tmp_path, "agri.txt", text)
    got = {(t.value, t.kind, t.year) for t in doc.targets}
    assert {(120.0, "baseline", 2025), (8.0, "baseline", 2025), (50.0, "target", 2028)} <= got, got


def test_using_what_exists_to_reach_a_goal_keeps_the_goal(tmp_path: Path) -> None:
    """"充分利用现有…政策，力争…建设6个…" uses what exists: the figure in the goal's own clause is a goal; a layout
    built of "+"-joined counts states both counts; a service time that a verb other than 实现 leads to is a standard."""
    doc = parse_text(tmp_path, "agri.txt", "\n".join([
        "某县数字乡村发展行动方案（2026—2028年）",
        "一、发展目标",
        "充分利用现有产业扶持政策，力争用2年左右的时间建设6个数字农业示范基地。",
        "二、主要任务",
        "（一）盘活现有闲置厂房，构建“1个县级中心+4个乡镇站点”的服务布局。",
        "（二）简化登记流程，助力农民合作社“一日开办”。",
    ]))
    got = {(t.value, t.unit, t.kind) for t in doc.targets}
    assert {(6.0, "个", "target"), (1.0, "个", "target"), (4.0, "个", "target"), (1.0, "日", "target")} <= got, got
    assert not [t for t in doc.targets if t.kind == "baseline"]


def test_a_schemes_charges_and_shares_are_its_terms_and_a_lowered_average_is_a_goal(tmp_path: Path) -> None:
    """"收取的贷款服务费率原则上不超过2%" and "承担的风险责任比例不低于30%" are the terms each loan carries; "将平均服务费率
    降至1.5%以下" is what the plan aims at."""
    doc = parse_text(tmp_path, "loan.txt", "\n".join([
        "甲乙省关于发挥创业担保贷款作用支持返乡创业的指导意见",
        "一、降低融资成本",
        "（一）对单户贷款金额50万元以下的创业者收取的贷款服务费率原则上不超过2%。",
        "（二）原则上合作银行承担的风险责任比例不低于30%。",
        "（三）到2028年，引导合作机构将平均服务费率降至1.5%以下。",
    ]))
    assert [(t.value, t.comparator) for t in doc.targets] == [(1.5, "<=")]


def test_what_each_applicant_is_given_is_a_term_and_a_service_offered_is_a_goal(tmp_path: Path) -> None:
    """"给予30平方米以上的创业空间", "按人均不低于15平方米的标准", "一次性奖励": what each one gets; "举办创业培训不少于
    20场" is what the plan does."""
    doc = parse_text(tmp_path, "space.txt", "\n".join([
        "某市支持青年创业行动方案（2026—2028年）", "二、主要任务",
        "（一）提供创业空间。对入驻的创业个人，给予30平方米以上的低成本创业空间支持，按人均不低于15平方米的标准配置。",
        "（二）加强培训。每年举办创业培训不少于20场，对符合条件的团队每年给予最高5万元一次性奖励。"]))
    assert [(t.value, t.unit) for t in doc.targets] == [(20.0, "场")], [(t.value, t.unit) for t in doc.targets]


def test_a_plans_total_over_its_years_is_a_goal_of_its_last_year(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "skills.txt", "\n".join([
        "某市技能人才培养行动计划（2026—2028年）", "二、重点任务", "（一）扩大培训规模。三年累计培训技能人才2万人次。"]))
    assert [(t.value, t.kind, t.year) for t in doc.targets] == [(2.0, "target", 2028)]


def test_a_service_circle_built_is_named_by_its_noun_without_a_stray_quote(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "circle.txt", "\n".join([
        "某市青年创业行动方案（2026—2028年）", "二、主要任务", "（一）构建“20分钟就业服务圈”，提供“一站式”服务。"]))
    assert [(t.indicator, t.value) for t in doc.targets] == [("就业服务圈", 20.0)]


def test_a_goal_items_year_does_not_reach_its_sibling(tmp_path: Path) -> None:
    """"（二）试点目标。到2027年，…" dates its own figures, not those of "（三）试点范围。" after it."""
    doc = parse_text(tmp_path, "pilot.txt", "\n".join([
        "甲乙省“无废园区”建设试点工作方案", "一、总体要求",
        "（一）基本原则。坚持问题导向。",
        "（二）试点目标。到2027年，试点园区固体废物综合利用率达到80%。",
        "（三）试点范围。在全省选择5个左右有条件的园区开展试点。"]))
    got = {(t.value, t.year) for t in doc.targets}
    assert (80.0, 2027) in got and (5.0, None) in got, got


def test_a_review_times_usual_and_longest_bounds_are_a_service_standard(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "review.txt", "\n".join([
        "甲乙省关于全面推行行政许可复核机制的指导意见", "二、严格落实工作措施",
        "（一）合理确定复核时限。许可复核时间一般不少于3个工作日，最长不超过10个工作日。",
        "（二）本意见所称小型企业，是指从业人员一般不超过20人的企业。"]))
    assert sorted((t.value, t.unit, t.comparator) for t in doc.targets) == [(3.0, "工作日", ">="), (10.0, "工作日", "<=")]


def test_an_upper_bound_that_defines_a_class_is_not_a_target(tmp_path: Path) -> None:
    """"月销售额10万元以下的小规模纳税人" names who qualifies; "不少于500卡时的算力支持" and "高于全省
    12.5%的平均水平" state values."""
    from tests.plan_fixtures import parse_text

    doc = parse_text(tmp_path, "m.txt", "\n".join([
        "某市支持小微企业发展若干措施",
        "一、月销售额10万元以下的小规模纳税人免征增值税。",
        "二、每年为每家企业提供不少于500卡时的免费算力支持。",
        "三、2023年全市小微企业贷款增速18%，高于全省12.5%的平均水平。",
    ]))
    values = {t.value for t in doc.targets}
    assert 10.0 not in values and {500.0, 12.5} <= values, values


def test_air_quality_goals_and_the_time_a_goal_takes(tmp_path: Path) -> None:
    """"PM2.5浓度达到30微克/立方米" brings a concentration down to a ceiling; 微克每立方米 is the same unit;
    "经过3年努力" is how long the goal takes, not a goal."""
    from tests.plan_fixtures import parse_text

    doc = parse_text(tmp_path, "air.txt", "\n".join([
        "某市打赢蓝天保卫战实施方案(2024-2026年)", "一、目标",
        "力争经过3年努力，到2026年，全市PM2.5浓度达到30微克/立方米，臭氧浓度控制在150微克每立方米以下，"
        "空气质量优良天数比率达到90%以上。"]))
    got = {(t.value, t.unit, t.comparator) for t in doc.targets}
    assert got == {(30.0, "μg/m3", "<="), (150.0, "μg/m3", "<="), (90.0, "%", ">=")}, got


def test_a_run_of_service_time_limits_gives_each_its_own(tmp_path: Path) -> None:
    """"报告书14个工作日内、报告表7个工作日内、登记表3个工作日内完成审批": three standards, one service word."""
    from tests.plan_fixtures import parse_text

    doc = parse_text(tmp_path, "limits.txt", "\n".join([
        "某区优化营商环境若干措施", "一、提高审批效率",
        "3.提高审批效率。施工许可12个工作日内、竣工验收5个工作日内、不动产登记1个工作日内完成办理。"]))
    assert [(t.indicator, t.value, t.comparator) for t in doc.targets] == [
        ("施工许可", 12.0, "<="), ("竣工验收", 5.0, "<="), ("不动产登记", 1.0, "<=")]


def test_a_table_of_indicators_titled_as_such_is_a_plan(tmp_path: Path) -> None:
    """"某某县“十四五”卫生健康主要发展指标": its figures are the period's goals, though the title says 指标, not 规划."""
    doc = parse_text(tmp_path, "ind.txt", "某某县“十四五”卫生健康主要发展指标\n——健康服务能力显著增强。每千常住人口注册护士达3.5人。\n")
    assert [(t.indicator, t.value, t.kind, t.year) for t in doc.targets] == [("每千常住人口注册护士", 3.5, "target", 2025)]


def test_a_two_column_table_of_places_and_values(tmp_path: Path) -> None:
    """"| 区域 | 2025年水土保持率目标值 |" with one row per place: each value is its place's, the column's year."""
    doc = parse_text(tmp_path, "t.txt", "\n".join([
        "某某市水土保持规划（2021-2025年）", "附表1 各区县水土保持率目标", "| 区域 | 2025年水土保持率目标值 |",
        "| --- | --- |", "| 某某市 | 72% |", "| 石岭县 | 87% |"]))
    assert {(t.scope, t.value, t.year, t.kind) for t in doc.targets} == {("某某市", 72.0, 2025, "target"),
                                                                       ("石岭县", 87.0, 2025, "target")}


def test_a_clause_opening_straight_after_its_year_aims_at_that_year(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "water.txt", "\n".join([
        "某县农村供水保障行动方案（2026—2028年）", "一、工作目标",
        "到2028年，全县农村自来水普及率达到98%以上。2026年新建改造供水管网不少于300公里。",
        "2027年新建水厂2座。2026年起每年开展水质抽检不少于4次。"]))
    assert _one(doc, 98.0).year == 2028
    assert (_one(doc, 300.0).year, _one(doc, 2.0).year) == (2026, 2027)
    assert _one(doc, 4.0).year is None  # "2026年起每年": a recurring duty from that year on, no single year


def test_an_indicator_table_that_names_who_leads_each_row(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "health.txt", "\n".join([
        "某县全民健身提升行动计划（2026—2028年）", "一、主要目标",
        "序号 | 指标名称 | 单位 | 2025年 | 2026年 | 2028年 | 牵头单位",
        "1 | 经常参加体育锻炼人数比例 | % | 38.5 | ≥39 | ≥41 | 县文体局",
        "2 | 人均体育场地面积 | 平方米 | 2.6 | ≥2.7 | ≥3 | 县住建局",
        "3 | 国民体质监测合格率 | % | 90.2 | 持续提升 | 持续提升 | 县卫健局"]))
    share = sorted((t.year, t.kind, t.comparator, t.value) for t in doc.targets if t.indicator == "经常参加体育锻炼人数比例")
    assert share == [(2025, "baseline", "=", 38.5), (2026, "target", ">=", 39.0), (2028, "target", ">=", 41.0)]
    assert _one(doc, 3.0).unit == "m2"
    assert {t.value for t in doc.targets if "合格率" in t.indicator} == {90.2}  # "持续提升" states no figure


def test_a_meetings_or_batchs_number_is_no_count(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "v.txt", "某县行动方案（2026—2028年）\n一、目标\n"
                     "经县人民政府第十八届71次常务会议审议通过，到2028年，建成第3批示范村12个。")
    assert [(t.value, t.unit) for t in doc.targets] == [(12.0, "个")]


def test_a_table_set_out_by_year_gives_each_row_its_year(tmp_path: Path) -> None:
    """"年份 | 下降比例(%)" rows: the year column is no figure; each figure is of its row's year, a goal after the
    base year and a baseline up to it."""
    doc = parse_text(tmp_path, "energy.txt", "\n".join([
        "某市节能降耗实施方案（2025—2027年）", "一、主要目标", "全市单位生产总值能耗较2023年下降比例如下：",
        "年份 | 下降比例(%)", "2024年 | 2.5", "2025年 | 5", "2027年 | 10"]))
    got = sorted((t.year, t.kind, t.value, t.unit) for t in doc.targets)
    assert got == [(2024, "baseline", 2.5, "%"), (2025, "target", 5.0, "%"), (2027, "target", 10.0, "%")]
    assert {t.indicator for t in doc.targets} == {"下降比例"}


def test_the_place_a_sentence_opens_with_is_every_clauses_place(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "roads.txt", "\n".join([
        "农村公路提升行动方案", "一、主要目标",
        "到2027年，全国完成新改建农村公路20万公里，实施修复性养护工程25万公里，技术状况优良路率保持在70%以上，"
        "其中东部地区达到80%以上。"]))
    assert {t.value: t.scope for t in doc.targets} == {20.0: "全国", 25.0: "全国", 70.0: "全国", 80.0: "东部地区"}


def test_respective_years_and_a_bound_written_once(tmp_path: Path) -> None:
    """"到2027年底和2030年…分别不低于24%和30%": the years go to the figures in order and the bound holds for both;
    "2026年、2027年新建学校分别达到5所、8所": each figure its year, the indicator without the list's mark."""
    doc = parse_text(tmp_path, "green.txt", "\n".join([
        "某市绿色建筑发展行动方案（2026—2030年）", "一、主要目标",
        "到2027年底和2030年，绿色建筑占新建建筑比例分别不低于64%和85%。城镇和农村污水处理率分别达到95%和60%。",
        "2026年、2027年新建学校分别达到5所、8所。单位地区生产总值能耗保持在0.45吨标煤/万元以下。"]))
    got = {t.value: (t.year, t.comparator) for t in doc.targets}
    assert got[64.0] == (2027, ">=") and got[85.0] == (2030, ">=")
    assert got[95.0][0] == got[60.0][0] == 2030  # the plan's end: no year of their own
    assert (got[5.0][0], got[8.0][0]) == (2026, 2027)
    assert {t.indicator for t in doc.targets if t.unit == "所"} == {"新建学校"}
    energy = _one(doc, 0.45)
    assert (energy.unit, energy.comparator) == ("tce/万元", "<=")


def test_a_news_copy_of_a_work_report_without_its_date(tmp_path: Path) -> None:
    """A news copy gives no date: the report is for the year of its "2027年重点工作"; a figure after "2026年是…的一年"
    is that year's result; this year's goals get this year."""
    doc = parse_text(tmp_path, "news.txt", "\n".join([
        "2月4日上午，某市第九届人民代表大会第六次会议开幕。代市长张某作政府工作报告。报告分三个部分：2026年工作回顾、"
        "“十五五”时期目标任务、2027年重点工作。",
        "张某在报告中说，2026年是全市发展砥砺奋进的一年，全市生产总值增长5.2%，一般公共预算收入增长3.4%。",
        "2027年全市经济社会发展主要预期目标是：生产总值增长5%以上，居民收入增长6%左右。"]))
    got = {t.value: (t.kind, t.year) for t in doc.targets}
    assert got[5.2] == got[3.4] == ("achieved", 2026)
    assert got[5.0] == got[6.0] == ("target", 2027)


def test_a_list_of_this_years_key_work_is_a_plan(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "list.txt", "\n".join([
        "据某省人民政府网消息，近日，某省人民政府发布关于2027年重点工作及责任分解的通知。", "一、确保完成全年主要预期目标",
        "1.全省生产总值增长6%以上。", "牵头责任单位：省发展改革委。"]))
    assert [(t.value, t.kind) for t in doc.targets] == [(6.0, "target")]


def test_a_summary_of_a_years_results(tmp_path: Path) -> None:
    """"2026年…各项目标任务高质量全面完成" reviews that year: "增长12.6%达92.9亿元" is two results of 2026."""
    doc = parse_text(tmp_path, "summary.txt", "\n".join([
        "《政府工作报告》摘要（一）：2026年 全县经济社会发展各项目标任务高质量全面完成",
        "日期：2027年01月24日 来源：某县融媒体中心",
        "据统计预测，全县地区生产总值增长12.6%达92.9亿元，第一产业增长9.1%达21.2亿元。"]))
    got = {t.value: (t.kind, t.year, t.indicator) for t in doc.targets}
    assert got[12.6] == ("achieved", 2026, "地区生产总值增长") and got[92.9] == ("achieved", 2026, "地区生产总值")
    assert got[21.2][:2] == ("achieved", 2026)


def test_an_indicator_table_with_group_rows_and_numbered_labels(tmp_path: Path) -> None:
    """"一、发展水平" on its own line between rows is a group inside the table (it cut the table in two, and the
    rows below lost their header); "1.学前教育毛入园率(%)" is the indicator without its row number."""
    doc = parse_text(tmp_path, "edu.txt", "\n".join([
        "某县“十四五”教育事业发展规划", "“十四五”教育事业发展主要指标表", "指标 | 2020年 | 2025年 | 属性",
        "一、发展水平", "1.学前教育毛入园率(%) | 95% | 99%以上 | 约束性", "2.义务教育巩固率(%) | 98% | 100% | 约束性",
        "二、优质资源建设", "1.省市优质幼儿园比例(%) | 85.1% | 90%以上 | 预期性",
        "2.小学教师专科及以上学历比例(%) 其中:本科及以上学历比例(%) | 100% 91.34% | 100% 95% | 预期性",
        "3.高中教师研究生学历比例(%) | 12.59% | 20% | 预期性"]))
    got = sorted((t.indicator, t.kind, t.year, t.value) for t in doc.targets)
    assert ("学前教育毛入园率", "target", 2025, 99.0) in got and ("省市优质幼儿园比例", "target", 2025, 90.0) in got
    assert ("省市优质幼儿园比例", "baseline", 2020, 85.1) in got and ("高中教师研究生学历比例", "target", 2025, 20.0) in got
    assert not any(t.indicator.endswith("指标") for t in doc.targets)  # a long (stacked) label keeps the label column


def test_at_least_before_the_verb(tmp_path: Path) -> None:
    """"每年至少召开1次", "至少建成3个": the bound stands before the verb of what is counted."""
    doc = parse_text(tmp_path, "party.txt", "某区党建工作实施方案（2026—2028年）\n一、目标\n"
                     "每年至少召开1次务虚会，到2028年至少建成3个示范点。")
    assert {t.value: t.comparator for t in doc.targets} == {1.0: ">=", 3.0: ">="}


def test_a_figure_that_picks_out_which_places_or_bodies(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "care.txt", "\n".join([
        "某市养老服务体系建设实施方案（2026—2028年）", "一、主要目标",
        "到2028年，在1万名老人以上的街（镇）建设1个综合养老服务中心，200张床位以上的养老机构全部配备医务室。",
        "新增就业1万人以上的目标全面完成。"]))
    assert sorted((t.value, t.unit) for t in doc.targets) == [(1.0, "万人"), (1.0, "个")]


def test_the_size_of_the_bodies_counted_is_no_measure(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "industry.txt", "\n".join([
        "某市制造业提质增效实施方案（2026—2028年）", "一、主要目标",
        "到2028年，年营业收入过百亿元的企业达到6家，产值超五百亿元的产业集群达到2个，超过70%的规上企业完成数字化改造。",
        "二、重点任务", "支持营收突破20亿元的企业开展并购重组。"]))
    got = {(t.indicator, t.value, t.unit, t.comparator) for t in doc.targets}
    assert got == {("年营业收入过百亿元的企业", 6.0, "家", ">="), ("产值超五百亿元的产业集群", 2.0, "个", ">="),
                   ("规上企业", 70.0, "%", ">")}


@pytest.mark.parametrize(("sentence", "indicator"), [
    ("到2028年，建成4个省级示范园区。", "建成省级示范园区"),
    ("到2028年，建设6个县级医院。", "建设县级医院"),
    ("到2028年，改造3个农贸市场。", "改造农贸市场"),
    ("到2028年，新建5个以上的区域物流中心。", "新建区域物流中心"),
])
def test_a_count_of_things_of_a_level_is_no_count_of_places(tmp_path: Path, sentence: str, indicator: str) -> None:
    doc = parse_text(tmp_path, "parks.txt", "某市园区建设方案\n一、目标\n" + sentence)
    assert [t.indicator for t in doc.targets] == [indicator]


def test_a_count_of_places_is_still_no_target(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "towns.txt", "某市污水治理方案\n一、目标\n到2028年，全市9个乡镇全部建成污水处理设施。")
    assert doc.targets == []


@pytest.mark.parametrize("period", ["2026—2028年", "2026－2028年", "2026-2028年", "2026年至2028年"])
def test_a_period_names_the_year_its_running_total_is_for(tmp_path: Path, period: str) -> None:
    doc = parse_text(tmp_path, "jobs.txt", f"某县就业促进方案\n一、目标\n{period}，全县累计新增城镇就业1.2万人。")
    assert [(t.value, t.year) for t in doc.targets] == [(1.2, 2028)]


def test_what_a_recurring_count_counts_after_the_year_it_starts(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "safety.txt", "某县燃气安全整治方案\n一、工作任务\n2027年起每季度开展一次燃气安全检查。")
    assert [(t.indicator, t.value, t.year) for t in doc.targets] == [("燃气安全检查", 1.0, None)]


def test_a_news_copy_of_a_report_reviewing_last_years_work(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "report.txt", "\n".join([
        "甲县第十八届人民代表大会第三次会议开幕",
        "1月9日上午，甲县第十八届人民代表大会第三次会议开幕。县长代表县人民政府向大会作政府工作报告。",
        "报告回顾了2025年的工作。",
        "2025年，预计实现地区生产总值310亿元，增长6.1%。开展招商活动120次。实施人才项目30个。"]))
    assert {(t.value, t.year, t.kind) for t in doc.targets} == {
        (310.0, 2025, "achieved"), (6.1, 2025, "achieved"), (120.0, 2025, "achieved"), (30.0, 2025, "achieved")}


def test_list_items_numbered_with_a_full_stop_and_what_their_clauses_make(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "works.txt", "\n".join([
        "某市2027年民生实事工作目标", "一、交通出行",
        "1。打通断头路12条，信号灯联网控制率达60%，打造停车治理示范片区15个。(牵头单位:市交通局)",
        "2。确保甲区、乙区40%的社区建成综合服务设施。(牵头单位:市民政局)",
        "3。举办30场次科普讲座。(牵头单位:市科协)"]))
    assert [t.number for t in doc.tasks] == ["1.", "2.", "3."]
    got = {(t.indicator, t.scope, t.value, t.unit) for t in doc.targets}
    assert ("打造停车治理示范片区", "某市", 15.0, "个") in got  # made by a verb: a thing, no place
    assert ("社区建成综合服务设施", "甲区、乙区", 40.0, "%") in got
    assert ("科普讲座", "某市", 30.0, "场次") in got


def test_people_of_a_place_level_are_counted(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "talent.txt", "某市人才工程实施意见\n一、目标\n"
                     "到2028年，引进100名市管企业高级管理人才，选拔50名县直单位后备干部。")
    assert sorted(t.value for t in doc.targets) == [50.0, 100.0]


def test_a_per_capita_indicator_and_a_yearly_sum_for_the_fund_named_before_it(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "care.txt", "\n".join([
        "某市托育服务发展规划（2026—2030年）", "一、主要目标",
        "到2030年，每千人口拥有3岁以下婴幼儿托位数达到4.5个。", "二、保障措施",
        "统筹安排托育专项资金，每年不少于3000万元。", "三、发展基础", "全市现有托位1.2万个。"]))
    got = {(t.indicator, t.value, t.kind) for t in doc.targets}
    assert ("每千人口拥有3岁以下婴幼儿托位数", 4.5, "target") in got  # 拥有 names the indicator: nothing existing
    assert ("托育专项资金", 3000.0, "target") in got
    assert ("托位", 1.2, "baseline") in got


def test_a_news_copy_of_a_years_livelihood_projects_and_of_their_completion(tmp_path: Path) -> None:
    plan = parse_text(tmp_path, "projects.txt", "\n".join([
        "本网消息：2027年3月2日，记者从禾州市2027年重点民生实事新闻发布会上获悉，2027年的10件重点民生实事共30家单位参与。",
        "“两个开展”，即开展残疾人服务提升行动，新增残疾人就业40人，实施无障碍改造60户。"]))
    assert {(t.value, t.year, t.kind) for t in plan.targets if t.unit in ("人", "户")} == {
        (40.0, 2027, "target"), (60.0, 2027, "target")}
    done = parse_text(tmp_path, "done.txt", "\n".join([
        "今日，禾州市第十四届人民代表大会常务委员会第九次会议召开。2026年10件民生实事具体完成情况公布。",
        "(一)已新增老年助餐服务点235个、新增照护床位1202张，整体完成率111.5%。"]))
    assert done.meta.region == "禾州市"  # 州 is no level of its own in 禾州市
    assert {(t.value, t.year, t.kind, t.scope) for t in done.targets if t.unit in ("个", "张")} == {
        (235.0, 2026, "achieved", "禾州市"), (1202.0, 2026, "achieved", "禾州市")}


def test_counts_of_the_documents_own_items_are_no_measures(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "items.txt", "某市2027年民生实事项目\n一、目标\n"
                     "2027年实施10件重点民生实事，共48个子项目，涉及19个重点领域的60项重点内容，建成5个重点项目，新建道路20条。")
    assert sorted((t.value, t.unit) for t in doc.targets) == [(5.0, "个"), (20.0, "条")]


def test_a_document_that_sets_tasks_states_goals_whatever_its_title(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "smart.txt", "\n".join([
        "某市推进物业服务智能化", "(1)推进物业服务智能化",
        "2027年，6月在两个区试点，12月底前推广至全市。完成全市500个智能物业小区建设。",
        "2028年，在全市完成1200个智能物业小区建设。"]))
    assert {(t.value, t.year, t.kind) for t in doc.targets} == {(500.0, 2027, "target"), (1200.0, 2028, "target")}


def test_a_news_copy_of_a_citys_project_list_and_a_mirror_pages_pinyin(tmp_path: Path) -> None:
    news = parse_text(tmp_path, "news.txt", "\n".join([
        "原标题:6类22件、拟投资28.23亿元——",
        "近日，市委、市政府印发了禾州市2027年6类22件市级民生实事项目清单，计划投入资金28.23亿元。",
        "一是建设一座日供水30万吨的净水厂，新建管网25公里。"]))
    assert news.title.startswith("6类22件") and news.meta.region == "禾州市"
    got = {(t.indicator, t.value, t.year, t.scope) for t in news.targets}
    assert ("计划投入资金", 28.23, 2027, "禾州市") in got and ("新建管网", 25.0, 2027, "禾州市") in got
    assert not any(t.unit in ("件", "类") for t in news.targets)  # the list's own items
    mirror = parse_text(tmp_path, "mirror.txt", "\n".join([
        "某省關(guān)于推動城市公共交通高質(zhì)量發(fā)展的實(shí)施意見", "一、總體要求",
        "(二)發(fā)展目標(biāo)。到2027年,全省城市公共交通政策體系基本健全。",
        "1.主體地位更加凸顯。全省公共交通機(jī)動化出行分擔(dān)率不低于45%。"]))
    assert "分擔率" in mirror.text or "分担率" in mirror.text
    assert [(t.value, t.year, t.comparator) for t in mirror.targets] == [(45.0, 2027, ">=")]


def test_measures_quoted_in_title_marks_are_read_and_a_documents_title_is_not(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "works.txt", "\n".join([
        "某县人民政府办公室关于印发2027年省列市列县列为民实事的通知",
        "《通知》内容主要包括《城镇新增就业2000人以上》《建成幼儿园3所,新增园位1000个以上》。",
        "根据《某县2027年就业促进行动计划》，全县新建驿站10处。"]))
    assert doc.meta.region == "某县"  # not "省列市"
    got = {(t.indicator, t.value, t.comparator) for t in doc.targets}
    assert {("城镇新增就业", 2000.0, ">="), ("建成幼儿园", 3.0, "="), ("新增园位", 1000.0, ">=")} <= got
    assert not any(t.value == 2027 for t in doc.targets)


WATER_CHECKS = "\n".join([
    "某市某区海绵城市建设实施方案（2024—2030年）",
    "一、工作目标",
    "到2030年底，80平方公里以上建设用地面积达到海绵城市建设目标要求。",
    "达标计划：甲片区、乙片区共计25.2平方公里已完成达标评估。计划2024年推进丙片区，共计15.19平方公里达标评估；"
    "2025年推进丁片区，共计11.73平方公里达标评估。",
    "二、建设要求",
    "新建园区年综合能耗原则上应不小于5万吨标准煤，投资回收期少于8年，单个项目占地不多于20公顷。",
    "在35℃以上的高温天气，停止露天作业；到2030年，在50个以上的社区建成雨水花园。",
])


def test_done_areas_part_years_and_rule_conditions(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "water.txt", WATER_CHECKS)
    got = {(t.value, t.unit, t.comparator, t.year, t.kind) for t in doc.targets}
    assert (25.2, "km2", "=", None, "baseline") in {(v, u, c, None, k) for v, u, c, _, k in got}  # 已完成: done
    assert (15.19, "km2", "=", 2024, "target") in got  # 计划2024年…
    assert (11.73, "km2", "=", 2025, "target") in got  # …；2025年…: the part's own year
    assert (5.0, "万tce", ">=", None, "target") in {(v, u, c, None, k) for v, u, c, _, k in got}  # 不小于
    assert any(t.value == 5.0 and t.indicator.endswith("年综合能耗") for t in doc.targets)  # 原则上应 trimmed
    assert (8.0, "年") in {(v, u) for v, u, *_ in got} and (20.0, "hm2", "<=") in {(v, u, c) for v, u, c, *_ in got}
    assert not any(t.unit == "°C" for t in doc.targets)  # when a rule applies, not a goal
    assert (50.0, "个", ">=", 2030, "target") in got


def test_a_verb_of_doing_before_a_length_leaves_the_indicator_to_the_noun_after(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "pipes.txt", "某市某区城市更新2025年度实施计划\n一、行动任务\n"
                     "9.实施24公里老旧供水管道改造。\n8.实施7公里燃气老化管道改造。\n")
    assert [(t.indicator, t.value, t.unit) for t in doc.targets] == [
        ("老旧供水管道改造", 24.0, "km"), ("燃气老化管道改造", 7.0, "km")]


def test_places_a_measure_is_stepped_up_in_are_no_targets(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "frame.txt", "某市花卉推广三年行动计划（2024—2026年）\n二、主要任务\n"
                     "在3个市级核心区域、8个市级重点区域、13条市级重点道路以及五个新城建设中加大花卉应用。\n"
                     "到2026年，在50个以上的社区建成雨水花园。\n")
    assert [(t.value, t.unit, t.comparator) for t in doc.targets] == [(50.0, "个", ">=")]


@pytest.mark.parametrize("horizon", ["到“十四五”末", "至“十四五”期末", "到十四五末"])
def test_the_end_of_a_five_year_plan_is_a_horizon(tmp_path: Path, horizon: str) -> None:
    doc = parse_text(tmp_path, "parks.txt", "关于加快推进本区公园城市建设的实施意见\n三、主要任务\n"
                     f"2.提升公园服务水平。{horizon}，争取将60座社区公园纳入公园名录。\n")
    assert [(t.value, t.year, t.kind) for t in doc.targets] == [(60.0, 2025, "target")]


def test_a_limit_dated_with_its_month_gives_its_figures_that_year(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "sponge.txt", "某区海绵城市建设实施方案\n一、工作目标\n到2026年，全区建成区40%以上面积达到"
                     "海绵城市建设要求。\n二、主要任务\n（一）推进项目建设。2025年6月底前，完成30个海绵型小区改造和5座公园建设。\n")
    assert [(t.value, t.year) for t in doc.targets] == [(40.0, 2026), (30.0, 2025), (5.0, 2025)]


def test_a_count_an_action_plan_brings_into_a_scheme_is_its_target(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "service.txt", "某市交通运输营商环境优化行动方案（2026年）\n二、主要任务\n"
                     "1.简政提效。推进甲、乙项目资金2项纳入“免申即享”。将23项涉及企业许可证、备案信息变更的事项纳入“一键联办”。\n"
                     "2.把12家企业列入重点名单。\n")
    got = [(t.indicator, t.value, t.kind) for t in doc.targets]
    assert [(v, k) for _, v, k in got] == [(2.0, "target"), (23.0, "target"), (12.0, "target")]
    assert got[1][0] != "将" and "事项" in got[1][0]


def test_counts_a_list_states_beside_quoted_formulas_works_and_size_bands(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "care.txt", "某市养老服务和文旅融合行动计划\n二、主要任务\n"
                     "1.新增50家“养老院+互联网”医院、新增90000户为老服务“一键通”用户、培训产生3100名中级及以上技能等级养老护理员。\n"
                     "2.推出原创舞台精品剧目5部以上，由3部门联合推进。\n"
                     "3.每年招引投资亿元以上项目不少于3个，5000万元至1亿元项目不少于5个。\n")
    got = [(t.indicator, t.value, t.unit) for t in doc.targets]
    assert [(v, u) for _, v, u in got] == [(50.0, "家"), (90000.0, "户"), (3100.0, "名"), (5.0, "部"), (3.0, "个"),
                                           (5.0, "个")]
    assert got[2][0].startswith("中级及以上") and got[5][0].startswith("5000万元至1亿元")


def test_what_a_document_involves_and_what_qualifies_are_no_targets(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "tasks.txt", "某市粮仓光伏建设实施方案\n一、工作目标\n到2025年，全市粮仓光伏装机容量达到50兆瓦。"
                     "方案明确133项具体任务，涉及34个牵头单位。\n三、项目实施条件\n1.单个库区可利用屋面总面积1500平方米以上。\n")
    assert [(t.value, t.unit) for t in doc.targets] == [(50.0, "MW")]


def test_figures_a_pdf_set_on_lines_of_their_own_conditions_and_cases_of_a_rule(tmp_path: Path) -> None:
    lines = ["甲乙市2026年春节期间电力需求响应实施细则", "一、实施方式", "（一）实施规模", "本次需求响应预计填谷响应总规模为",
             "50", "万千瓦，其中采用竞价模式的规模为", "20", "万千瓦，采用固定补贴模式的规模为", "30", "万千瓦。",
             "（二）用户参与条件", "参与用户需符合以下条件：日申报量不低于", "3000", "千瓦时。",
             "二、效果评估", "若日实际响应量低于日申报响应量", "50", "%，不予补贴。", "满足了超过", "1000", "万平米居民采暖需求。"]
    doc = parse_text(tmp_path, "dr.txt", "\n".join(lines))
    assert "总规模为50万千瓦" in doc.text
    assert [(t.value, t.unit, t.kind) for t in doc.targets][:3] == [(50.0, "万kW", "target"), (20.0, "万kW", "target"),
                                                                   (30.0, "万kW", "target")]
    assert not any(t.value in (3000.0, 50.0) and t.unit in ("千瓦时", "%") for t in doc.targets)


def test_instalments_what_an_applicant_enjoys_and_a_list_of_sums_are_terms(tmp_path: Path) -> None:
    """A support measure's terms are no goals: "分4年兑付" (instalments), "可享受每年4次…" (what one who qualifies
    enjoys), "对签订3个及以上合同的企业" (who qualifies), "产值规模首次达到5000万元的奖励8万元" (a grant: 规模 names
    the applicant's size, not a programme), "最高80万、40万、20万元" (sums the last names); a fund's total and a
    dated goal stay."""
    doc = parse_text(tmp_path, "p.txt", "\n".join([
        "甲乙市支持数字经济发展的十条措施",
        "第一条 培育创新主体。对新认定为高新技术企业的企业给予12万元奖励，分4年兑付。对签订3个及以上合同的企业，给予6万元支持。",
        "第二条 支持人才。来甲乙创业的人才可享受每年4次、单次最长5天的免费体检。对产值规模首次达到5000万元的奖励8万元。"
        "按成果转化程度分别给予最高80万、40万、20万元经费支持。设立总规模10亿元的产业基金。",
        "第三条 建设社区。到2028年，建成数字社区20个以上。"]))
    assert sorted((t.value, t.unit) for t in doc.targets) == [(10.0, "亿元"), (20.0, "个")]
