"""The quantity parser: figures, units, comparators and the numbers it must leave alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.recognise.quantities import find_quantities, normalize_unit, parse_cell, to_base


def _one(text: str) -> tuple[float, str, str]:
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    return q.value, q.unit, q.comparator


@pytest.mark.parametrize(("text", "expected"), [
    ("到2025年，森林覆盖率达到45%以上。", (45.0, "%", ">=")),
    ("湿地保护率不低于55%", (55.0, "%", ">=")),
    ("新增治理面积超过300平方公里", (300.0, "km2", ">")),
    ("用水总量控制在30亿立方米以内", (30.0, "亿m3", "<=")),
    ("化肥用量不超过12万吨", (12.0, "万t", "<=")),
    ("跟踪检查7000余次", (7000.0, "次", ">")),
    ("吸引社会资金近1亿元", (1.0, "亿元", "<=")),
    ("水土流失率<32%", (32.0, "%", "<")),
    ("面积由2016年的2.87万km2", (2.87, "万km2", "=")),
    ("改造坡耕地面积13.6万亩", (13.6, "万亩", "=")),
    ("建设梯田1,200公顷", (1200.0, "hm2", "=")),
    ("治理崩岗800座", (800.0, "座", "=")),
    ("每年开展一次动态监测", (1.0, "次/年", "=")),
    ("新建三个监测站", (3.0, "个", "=")),
    ("耕地保有量百分之九十", (90.0, "%", "=")),
    ("reduce soil loss by 30% by 2030", (30.0, "%", "=")),
    ("restore at least 120 hectares of wetland", (120.0, "hm2", ">=")),
    ("more than 2.5 square kilometers", (2.5, "km2", ">")),
    ("建成面积达50公顷", (50.0, "hm2", ">=")),  # 达 is 达到 written short
    ("下达资金50亿元", (50.0, "亿元", "=")),  # 下达: allotted, no floor
    ("投资高达3亿元", (3.0, "亿元", "=")),
])
def test_figures_with_units_and_comparators(text: str, expected: tuple[float, str, str]) -> None:
    assert _one(text) == expected


def test_a_range_keeps_its_upper_end() -> None:
    q = find_quantities("各乡镇要明确1-2人从事水土保持工作")[0]
    assert (q.value, q.value_max, q.unit, q.comparator) == (1.0, 2.0, "人", ">=")


@pytest.mark.parametrize("text", [
    "2022年7月20日印发", "兴府办字〔2022〕67号", "《规划(2016-2030年)》", "25°以上坡耕地", "多年平均降水量1104 mm",
    "GB/T 21010-2017", "总结40多年治理经验", "一是加强领导", "山水林田湖草是一个生命共同体", "聚焦三个要素", "2年内完成",
])
def test_numbers_that_are_not_measures(text: str) -> None:
    assert find_quantities(text) == []


def test_spans_cover_the_figure_as_written() -> None:
    text = "全市水土保持率达到83%以上，新增治理面积120平方公里。"
    spans = [text[q.start:q.end] for q in find_quantities(text)]
    assert spans == ["达到83%以上", "120平方公里"]


def test_table_cells() -> None:
    assert parse_cell(">4000").comparator == ">"  # type: ignore[union-attr]
    assert parse_cell("69.5%").unit == "%"  # type: ignore[union-attr]
    assert parse_cell("60.70").decimals == 2  # type: ignore[union-attr]
    assert parse_cell("—") is None and parse_cell("水土保持率") is None


def test_units_normalise_and_convert() -> None:
    assert normalize_unit("万平方公里") == "万km2"
    assert to_base(1.57, "万km2") == pytest.approx((15700.0, "km2"))
    assert to_base(150.0, "万亩") == pytest.approx((1000.0, "km2"))
    assert to_base(15.6, "亿元") == pytest.approx((1.56e9, "元"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,%-~<>≥≤万亿千个座条年月日以上下内余多近约达到超过每一二三十百平方公里kmha²  的。，；()（）《》〔〕")),
               max_size=60),
       st.integers(min_value=0, max_value=80), st.integers(min_value=0, max_value=80))
def test_never_raises_and_spans_stay_inside(text: str, a: int, b: int) -> None:
    lo, hi = min(a, b), max(a, b)
    for q in find_quantities(text, lo, hi):
        assert lo <= q.start < q.end <= min(hi, len(text))
        assert q.comparator in (">=", ">", "<=", "<", "=", "~")


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["%", "km2", "平方公里", "万亩", "个", "座"]), st.text(alphabet="水土保持率面积治理新增", max_size=8))
def test_a_written_figure_is_found_with_its_value(value: object, unit: str, prefix: str) -> None:
    text = f"{prefix}{value}{unit}。"
    found = find_quantities(text)
    assert found and found[0].value == pytest.approx(float(str(value)))


def test_an_index_or_a_score_reaches_a_bare_number() -> None:
    """"发展指数达85", "综合指数控制在3.8以下", "评分达90分以上": measures without a unit (or in points)."""
    def found(t: str) -> list[tuple[float, str, str]]:
        return [(q.value, q.unit, q.comparator) for q in find_quantities(t)]

    assert found("健康发展指数达85") == [(85.0, "", ">=")]  # 达, like 达到, sets a floor
    assert found("空气质量综合指数控制在3.8以下") == [(3.8, "", "<=")]
    assert found("群众满意度评分达90分以上") == [(90.0, "分", ">=")]
    assert found("发展指数达到2025年") == []  # a year, not a value


def test_a_rate_or_count_held_at_zero() -> None:
    assert [(q.value, q.unit) for q in find_quantities("孕产妇死亡率为0，婴儿死亡率为3‰")] == [(0.0, ""), (3.0, "‰")]
    assert [(q.value, q.unit) for q in find_quantities("重度及以上污染天数为0")] == [(0.0, "")]
    assert [(q.value, q.unit) for q in find_quantities("事故率为0.5%")] == [(0.5, "%")]


def test_a_bound_before_the_whole_a_share_is_of() -> None:
    def found(t: str) -> list[tuple[float, str, str]]:
        return [(q.value, q.unit, q.comparator) for q in find_quantities(t)]

    assert found("储能出力不低于光伏装机容量的20%") == [(20.0, "%", ">=")]
    assert found("雨水主管满管率低于50%") == [(50.0, "%", "<")]
    assert found("新能源占全市用电量的20%") == [(20.0, "%", "=")]


def test_bounds_written_with_de() -> None:
    assert [(q.value, q.comparator) for q in find_quantities("屋顶光伏面积比例不得低于30%")] == [(30.0, ">=")]
    assert [(q.value, q.comparator) for q in find_quantities("排放浓度不得超过5%")] == [(5.0, "<=")]
