"""Synthetic plans from places and fields the seed corpus does not cover, for target and cross-check tests.

Tables are written the way our loaders deliver them: one cell per line after a tab, rows
separated by blank lines, a caption line before the rows.
"""

from __future__ import annotations

from pathlib import Path

from ingest.models import ParsedDocument
from ingest.pipeline import parse_file


def table(caption: str, rows: list[list[str]]) -> str:
    body = "\n\n".join("\n".join("\t" + c for c in row) for row in rows)
    return f"{caption}\n\n{body}\n"


PROVINCE_PLAN = "\n".join([
    "某某省水土保持规划(2021-2025年)",
    "第一章 现状与形势",
    "一、“十三五”工作成效",
    "“十三五”期间，全省累计新增水土流失治理面积5200平方公里，建成生态清洁小流域35条。",
    table("表1 “十三五”规划目标完成情况", [
        ["序号", "指标", "规划目标", "实际完成"],
        ["1", "新增水土流失治理面积(km2)", "5000", "5200"],
        ["2", "水土流失率(%)", "<20", "18.5"],
        ["3", "生态清洁小流域(条)", "40", "35"],
    ]),
    "二、水土流失现状",
    "据2020年监测，全省水土流失面积1.2万平方公里，水土保持率为71.5%。",
    "第二章 规划目标",
    "到2025年，全省水土保持率达到73%以上，森林覆盖率达到45%以上，新增水土流失治理面积3000平方公里。",
    table("附表1 “十四五”各县(市、区)水土保持目标", [
        ["序号", "县(市、区)", "水土保持率现状值(%)", "水土保持率目标值(%)", "新增治理面积(km2)"],
        ["1", "甲县", "70.5", "73.0", "1200"],
        ["2", "乙区", "72.4", "74.0", "1000"],
        ["3", "丙土家族自治县", "71.6", "73.5", "800"],
        ["合计", "71.5", "73.5", "3000"],
    ]),
    table("附表2 各县水土流失面积", [
        ["序号", "县(市、区)", "水土流失面积(km2)", "水土流失率(%)"],
        ["1", "甲县", "5000", "29.5"],
        ["2", "乙县", "4000", "27.6"],
        ["3", "丙县", "3100", "28.4"],
        ["合计", "12000", "28.5"],
    ]),
    "第三章 保障措施",
    "各县要加强组织领导。",
])

COUNTY_PLAN = "\n".join([
    "甲县水土保持实施方案(2021-2025年)",
    "一、现状",
    "2020年，全县水土保持率为68.2%，水土流失面积5000平方公里。",
    "二、目标",
    "到2025年，全县水土保持率达到73%，治理崩岗120座。",
])

ENGLISH_PLAN = "\n".join([
    "Green Valley Watershed Action Plan 2021-2030",
    "1. Targets",
    "By 2030, the county will reduce the soil erosion area by 30%.",
    "Forest cover will reach 45% by 2025.",
    "The valley covers 157 square kilometers.",
])


def parse_text(tmp_path: Path, name: str, text: str) -> ParsedDocument:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path)
