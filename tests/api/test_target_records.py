"""`policykb targets --indicator`: every document's value for one indicator, however each words it.

Three work reports and a plan written for this test name one growth indicator four ways
(地区生产总值增长, GDP增长, 全省生产总值增长, 经济增长); a query by any of them returns all four, each
with its place, year, comparator and citation, and no record of another indicator.
"""

from __future__ import annotations

from pathlib import Path

from api.records import list_targets
from index.home import Home
from ingest.recognise.indicators import indicator_matches

REPORTS = {
    "a.txt": "甲市政府工作报告\n——2026年1月10日在甲市第十届人民代表大会第六次会议上\n二、2026年主要预期目标\n"
             "今年主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业5万人以上。\n",
    "b.txt": "乙市政府工作报告\n——2026年1月12日在乙市第九届人民代表大会第四次会议上\n二、2026年主要预期目标\n"
             "今年主要预期目标是：GDP增长6%以上，居民人均可支配收入增长与经济增长同步。\n",
    "c.txt": "丙省国民经济和社会发展第十五个五年规划纲要\n第二章 主要目标\n到2030年，全省生产总值增长5%左右，"
             "城镇调查失业率控制在5.5%以内。\n",
    "d.txt": "丁县经济工作要点（2026年）\n一、主要目标\n到2026年，全县经济增长6.5%，农业总产值达到120亿元。\n",
}


def test_one_indicator_worded_four_ways(hash_home: Home, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert not hash_home.ingest([folder]).failed
    for query in ("地区生产总值增长", "GDP增长", "经济增长"):
        found = list_targets(hash_home.store, indicator=query)
        assert sorted((t.source, t.value) for t in found) == [("a.txt", 5.5), ("b.txt", 6.0), ("c.txt", 5.0),
                                                             ("d.txt", 6.5)], [(t.source, t.indicator) for t in found]
        by_source = {t.source: t for t in found}
        assert (by_source["a.txt"].comparator, by_source["a.txt"].year) == ("~", 2026)
        assert (by_source["b.txt"].comparator, by_source["c.txt"].year) == (">=", 2030)
        assert all(f"{t.value:g}" in t.citation.quote and t.scope for t in found)


def test_indicator_matching_is_by_head_noun_not_by_substring() -> None:
    assert indicator_matches("养老服务中心", "区级养老服务中心")
    assert indicator_matches("养老服务中心", "社区综合养老服务中心")
    assert not indicator_matches("养老服务中心", "养老服务中心面积")
    assert indicator_matches("应用场景", "开放应用场景数量")
    assert indicator_matches("消费券", "消费券每年总额")
    assert not indicator_matches("地区生产总值增长", "地区生产总值")
    assert indicator_matches("greenhouse gas emissions", "overall emissions of greenhouse gases in the state")
    assert indicator_matches("greenhouse gas emissions", "municipal greenhouse gas emissions")
    assert not indicator_matches("森林覆盖率", "水土保持率")
