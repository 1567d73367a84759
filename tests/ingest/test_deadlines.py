"""Deadline expressions -> `Deadline`: Chinese and English forms, several deliverables, properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.recognise.deadlines import (
    find_body_deadlines,
    find_dates,
    find_item_deadlines,
    parse_deadline_field,
    parse_deadline_field_spans,
    year_from,
)


@pytest.mark.parametrize(("text", "date", "kind"), [
    ("2023年12月底前", "2023-12-31", "by"),
    ("2024年6月前", "2024-06-30", "by"),
    ("2024年2月底前", "2024-02-29", "by"),
    ("2023年12月", "2023-12-31", "by"),
    ("2023年完成", "2023-12-31", "in_year"),
    ("2025年", "2025-12-31", "in_year"),
    ("2026年底前", "2026-12-31", "by"),
    ("2026年年底", "2026-12-31", "by"),
    ("2024年上半年", "2024-06-30", "by"),
    ("2024年下半年", "2024-12-31", "by"),
    ("2024年第一季度", "2024-03-31", "by"),
    ("2024年三季度末", "2024-09-30", "by"),
    ("2024年6月15日前", "2024-06-15", "by"),
    ("2024年6月中旬", "2024-06-20", "by"),
    ("2023—2025年", "2025-12-31", "in_year"),
    ("2022年至2025年", "2025-12-31", "in_year"),
    ("二〇二四年十二月底前", "2024-12-31", "by"),
    ("二零二五年六月前", "2025-06-30", "by"),
    ("by the end of 2025", "2025-12-31", "by"),
    ("by end-2027", "2027-12-31", "by"),
    ("by June 2024", "2024-06-30", "by"),
    ("by 30 June 2024", "2024-06-30", "by"),
    ("by June 30, 2024", "2024-06-30", "by"),
    ("before 2025", "2024-12-31", "by"),
    ("in 2026", "2026-12-31", "in_year"),
    ("Q3 2024", "2024-09-30", "by"),
    ("first half of 2025", "2025-06-30", "by"),
    ("mid-2026", "2026-06-30", "by"),
    ("2024-06-15", "2024-06-15", "by"),
    ("2028", "2028-12-31", "in_year"),
])
def test_dated_expressions(text: str, date: str, kind: str) -> None:
    [d] = parse_deadline_field(text)
    assert (d.date, d.kind, d.text) == (date, kind, text)


@pytest.mark.parametrize("text", ["持续推进", "长期坚持", "常态化开展", "持续实施", "长期", "ongoing", "Continuous"])
def test_ongoing(text: str) -> None:
    [d] = parse_deadline_field(text)
    assert d.kind == "ongoing" and d.date is None


def test_several_deliverables_each_with_what() -> None:
    got = parse_deadline_field("2024年6月底前完成方案编制,2025年12月前全面建成")
    assert [(d.date, d.what) for d in got] == [("2024-06-30", "完成方案编制"), ("2025-12-31", "全面建成")]
    got = parse_deadline_field("县级平台2024年完成,乡镇站点2025年6月底前完成")
    assert [(d.date, d.kind, d.what) for d in got] == [
        ("2024-12-31", "in_year", "县级平台"), ("2025-06-30", "by", "乡镇站点")]


def test_dated_and_ongoing_in_one_field() -> None:
    got = parse_deadline_field("示范区建设2024年完成,其余持续推进")
    assert [(d.date, d.kind, d.what) for d in got] == [("2024-12-31", "in_year", "示范区建设"), (None, "ongoing", "其余")]


def test_year_less_expressions_use_the_document_year_or_stay_undated() -> None:
    assert [d.date for d in parse_deadline_field("年底前", base_year=2024)] == ["2024-12-31"]
    assert [d.date for d in parse_deadline_field("6月底前", base_year=2024)] == ["2024-06-30"]
    assert [d.date for d in parse_deadline_field("明年6月底前", base_year=2024)] == ["2025-06-30"]
    assert [d.date for d in parse_deadline_field("年底前")] == [None]
    # a month without year takes the year of the date before it
    assert [d.date for d in parse_deadline_field("2025年3月、9月底前")] == ["2025-03-31", "2025-09-30"]


def test_recurring_limits_are_ongoing_and_start_dates_are_not_deadlines() -> None:
    [d] = parse_deadline_field("每年3月底前")
    assert (d.date, d.kind, d.text) == (None, "ongoing", "每年3月底前")
    assert [(d.date, d.kind) for d in parse_deadline_field("自2024年起长期坚持")] == [(None, "ongoing")]
    assert [(d.date, d.kind) for d in parse_deadline_field("quarterly")] == [(None, "ongoing")]
    assert [(d.date, d.kind) for d in parse_deadline_field("2024-2026")] == [("2026-12-31", "in_year")]


def test_unrecognised_text_is_kept_undated() -> None:
    [d] = parse_deadline_field("按上级要求")
    assert (d.date, d.kind, d.text) == (None, "by", "按上级要求")


def test_a_closing_date_opening_a_sentence_that_completes_something_is_a_limit() -> None:
    """"2027年上半年，各县区印发实施方案": the half-year by which it is done; "2025年底，全市已完成…" reports."""
    text = "经评审后实施。2027年上半年，各县区印发实施方案。2025年底，全市已完成改造120个。"
    assert [(d.date, d.text) for d, _, _ in find_body_deadlines(text, 2026)] == [("2027-06-30", "2027年上半年")]


def test_body_counts_only_explicit_limits() -> None:
    text = "到2025年,绿化覆盖率达到40%;2024年9月底前完成规划编制。In 2030 the rate reaches 50%, by the end of 2026 all done."
    got = [(d.date, text[s:e]) for d, s, e in find_body_deadlines(text)]
    assert got == [("2024-09-30", "2024年9月底前"), ("2026-12-31", "by the end of 2026")]


def item(text: str, base_year: int | None = 2024) -> list[tuple[str, str | None, str]]:
    return [(d.text, d.date, d.kind) for d, _, _ in find_item_deadlines(text, base_year)]


def test_item_text_states_limits_horizons_and_cascades() -> None:
    text = ("2024年3月底前,省交通运输厅制定农村公路养护办法;各市于2024年9月底前完成路况普查,"
            "2025年6月底前完成危桥改造。到2027年底,全省农村公路优良中等路率达到85%。")
    assert item(text) == [("2024年3月底前", "2024-03-31", "by"), ("2024年9月底前", "2024-09-30", "by"),
                          ("2025年6月底前", "2025-06-30", "by"), ("到2027年底", "2027-12-31", "by")]
    assert item("到2030年,全市再生水利用率达到30%以上") == [("到2030年", "2030-12-31", "by")]


def test_item_text_closing_dates_and_dated_completions() -> None:
    assert item("2025年底全面完成老旧管网改造") == [("2025年底", "2025-12-31", "by")]
    assert item("2024年第三季度上线预约平台") == [("2024年第三季度", "2024-09-30", "by")]
    assert item("2024年6月完成验收") == [("2024年6月", "2024-06-30", "by")]
    assert item("至2026年底,建成区域医疗中心3个") == [("至2026年底", "2026-12-31", "by")]
    # an event date, a status date and the end of a range are not deadlines
    assert item("2024年6月召开现场推进会") == []
    assert item("截至2023年底,全省已建成充电桩5万个") == []
    assert item("2024年1月1日至2024年12月31日期间申报") == []
    assert item("改造2000年以前建成的老旧小区") == []
    assert item("巩固2019年底前建成的设施,2024年底前完成改造") == [("2024年底前", "2024-12-31", "by")]
    # 的 before a share of the work: how much is due by then, not a noun the date qualifies
    assert item("到2026年底前完成改造任务的一半") == [("到2026年底前", "2026-12-31", "by")]
    assert item("2025年6月底前完成年度任务的60%以上") == [("2025年6月底前", "2025-06-30", "by")]


def test_item_text_recurring_relative_and_continuity() -> None:
    assert item("2025年起,各县每年4月底前报送上年度水资源公报") == [("每年4月底前", None, "ongoing")]
    assert item("各乡镇每月5日前报送巡河记录") == [("每月5日前", None, "ongoing")]
    assert item("各地级市要在本方案印发之日起60日内制定实施细则") == [("本方案印发之日起60日内", None, "by")]
    assert item("常态化开展河湖“清四乱”行动,持续推进岸线整治") == [("常态化", None, "ongoing"), ("持续推进", None, "ongoing")]
    assert item("长期坚持耕地保护制度") == [("长期坚持", None, "ongoing")]


def test_item_text_without_deadlines() -> None:
    # a validity period, a start date, a service standard, other 持续 words
    assert item("2024年7月1日至12月31日,对符合条件的农户给予补贴,有效期2年") == []
    assert item("自2025年1月1日起施行") == []
    assert item("审批时限压缩至3个工作日内") == []
    assert item("持续优化营商环境,持续开展宣传") == []


def test_a_span_of_years_to_reach_a_goal_is_a_relative_limit() -> None:
    """"争取三年内实现…" counts from the document's issue: a limit without a date; "3年内新设立的企业" names who."""
    assert item("争取三年内实现乡镇全覆盖") == [("争取三年内", None, "by")]
    assert item("力争用2年左右的时间建设5个示范区") == [("力争用2年左右的时间", None, "by")]
    assert item("对3年内新设立的企业给予补贴") == []


def test_within_this_year_is_the_years_end_and_within_n_years_is_not() -> None:
    """A year's work points: "年内完成" and "2027年内建成" end with that year; "三年内" counts years, "3年内新设立的企业"
    picks out whom a measure is for."""
    assert item("力争年内实现乡镇全覆盖", 2027) == [("年内", "2027-12-31", "by")]
    assert item("2027年内建成3个站点") == [("2027年内", "2027-12-31", "by")]
    assert item("对3年内新设立的企业给予补贴") == []
    assert item("争取三年内实现全覆盖") == [("争取三年内", None, "by")]


def test_continuity_words_are_read_as_written() -> None:
    """常态化 says the work goes on, a mechanism's too ("建立常态化防汛会商机制"); 持续推进 once however often said."""
    assert item("建立常态化防汛会商机制") == [("常态化", None, "ongoing")]
    assert item("持续推进河湖清理，持续推进岸线整治") == [("持续推进", None, "ongoing")]


def test_bare_numbers_are_not_dates() -> None:
    assert find_dates("新建2025座") == []
    assert not find_body_deadlines("完成改厕2000户")


def test_year_from_metadata() -> None:
    assert year_from("2023年3月15日") == 2023
    assert year_from(None) is None


_TEXT = st.text(alphabet=st.sampled_from(list("2024年月日底前内季度上下半第一二三四十〇零,，;；。 byendofJuneQ1-持续推进长期")),
                max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), _TEXT))
def test_never_raises_and_spans_lie_inside(text: str) -> None:
    for m in find_dates(text, base_year=2024):
        assert 0 <= m.start <= m.end <= len(text)
        if m.date:
            dt.date.fromisoformat(m.date)
    for d, s, e in parse_deadline_field_spans(text, 2024):
        assert 0 <= s <= e <= len(text) and d.text == text[s:e]
        assert d.kind in ("by", "in_year", "ongoing")
        if d.date:
            dt.date.fromisoformat(d.date)
    for d, s, e in find_body_deadlines(text, 2024):
        assert 0 <= s < e <= len(text) and d.date
    for d, s, e in find_item_deadlines(text, 2024):
        assert 0 <= s < e <= len(text) and d.text and d.text in text
        assert (d.kind == "ongoing") == (d.date is None and d.kind != "by")


@settings(max_examples=200, deadline=None)
@given(st.integers(1990, 2099), st.integers(1, 12))
def test_month_deadlines_round_trip(year: int, month: int) -> None:
    [d] = parse_deadline_field(f"{year}年{month}月底前")
    got = dt.date.fromisoformat(d.date or "")
    assert (got.year, got.month) == (year, month) and (got + dt.timedelta(days=1)).day == 1


@pytest.mark.parametrize(("text", "found"), [
    ("（一）建立工作机制（2021年8月）。编制工作方案。", [("2021年8月", "2021-08-31", "by")]),
    ("（四）形成报告（2021年10月）。10月15日前报送初稿。", [("10月15日前", "2021-10-15", "by")]),  # its own limit wins
    ("（三）开展评估（自2019年1月起）。形成报告。", []),
])
def test_a_step_heading_dated_with_its_month(text: str, found: list[tuple[str, str, str]]) -> None:
    from ingest.recognise.deadlines import find_item_deadlines
    assert [(d.text, d.date, d.kind) for d, _, _ in find_item_deadlines(text, 2021)] == found


def test_a_second_year_shares_the_horizon_before_it() -> None:
    from ingest.recognise.deadlines import find_item_deadlines
    got = [(d.text, d.date) for d, _, _ in find_item_deadlines("到2023年底和2030年，全区居民健康素养水平分别不低于24%和30%。")]
    assert got == [("到2023年底", "2023-12-31"), ("2030年", "2030-12-31")]


def test_a_months_end_without_qian_is_a_limit() -> None:
    from ingest.recognise.deadlines import find_item_deadlines
    assert [(d.text, d.date) for d, _, _ in find_item_deadlines("3.整改反馈阶段（11月底）", 2018)] == [("11月底", "2018-11-30")]
    assert [(d.text, d.date) for d, _, _ in find_item_deadlines("上半年开展调研，6月底前完成", 2018)] == [
        ("6月底前", "2018-06-30")]


def test_a_bare_month_in_a_deadline_field_is_of_the_documents_year() -> None:
    """"8月投入使用" in a 完成时限 cell: the month of the notice's year (running text leaves a bare month alone)."""
    from ingest.recognise.deadlines import find_body_deadlines, parse_deadline_field

    assert [(d.date, d.what) for d in parse_deadline_field("8月投入使用", 2025)] == [("2025-08-31", "投入使用")]
    assert [d.date for d in parse_deadline_field("10月15日完成", 2025)] == ["2025-10-15"]
    assert [d.date for d in parse_deadline_field("十一月", 2025)] == ["2025-11-30"]
    assert [d.date for d in parse_deadline_field("2号楼", 2025)] == [None]
    assert find_body_deadlines("8月投入使用的设备", 2025) == []


def test_a_span_of_days_is_dated_by_its_last_day() -> None:
    """"2026年3月1日-4月30日" and "2026年1月17日至19日" in a time field: the span runs to its last day."""
    from ingest.recognise.deadlines import parse_deadline_field

    assert [d.date for d in parse_deadline_field("2026年3月1日-4月30日。", 2026)] == ["2026-04-30"]
    assert [d.date for d in parse_deadline_field("2026年1月17日至19日", 2026)] == ["2026-01-19"]
    assert [d.date for d in parse_deadline_field("2026年5月20日前", 2026)] == ["2026-05-20"]
