"""Tables that give one row per year: "年份 | 下降比例(%)" / "2025年 | 6", "Fiscal Year | Percentage Reduction" /
"2010 | 15".

A schedule of goals (a statute's reduction per fiscal year, a plan's yearly milestones) is set as a
table whose first column holds years. Each row's year is when its figures apply; the year column
holds no figure of its own. A row up to the document's base year states where things stood (a
baseline), a later one a goal. What a figure measures is its column's header; its unit the
header's bracket or word ("(%)", "Percentage").
"""

from __future__ import annotations

import re

from ingest.models import TargetKind
from ingest.read.table_grid import Grid, align
from ingest.recognise.quantities import normalize_unit, parse_cell
from ingest.targets.found import Found

_YEAR_HEAD = re.compile(r"^(?:年份|年度|年|时间|(?:fiscal|calendar)?\s*years?|FY)$", re.IGNORECASE)
_YEAR_CELL = re.compile(r"^(?:FY\s*)?((?:19|20)\d{2})\s*年?(?:度|底|末)?$", re.IGNORECASE)
_BRACKET = re.compile(r"\s*[(（]([^()（）]*)[)）]\s*")
_PERCENT_WORD = re.compile(r"\b(?:percent(?:age)?|per\s*cent)\b", re.IGNORECASE)


def year_column(grid: Grid) -> int | None:
    """The value column that holds each row's year, when the table is set out by year, else None."""
    for i, path in enumerate(grid.value_columns):
        if not _YEAR_HEAD.match(" ".join(path[-1].split())):
            continue
        cells = [rec.values[k].text.strip() for rec in grid.records
                 for k, col in enumerate(align(rec, len(grid.value_columns))) if col == i]
        if cells and all(_YEAR_CELL.match(c) for c in cells):
            return i
    return None


def _measure(header: str) -> tuple[str, str]:
    """(what the column measures, its unit) from a header such as "下降比例(%)" or "Percentage Reduction"."""
    unit = ""
    m = _BRACKET.search(header)
    if m and parse_cell("1" + normalize_unit(m.group(1))) is not None:
        unit = normalize_unit(m.group(1))
    name = " ".join(_BRACKET.sub(" ", header).split())
    if not unit and _PERCENT_WORD.search(name):
        unit = "%"
    return (name if name.isascii() else name.replace(" ", "")), unit


def year_rows(grid: Grid, year_col: int, scope: str, base_year: int | None) -> list[Found]:
    """The figures of a table set out by year, each of its row's year."""
    out: list[Found] = []
    for rec in grid.records:
        cols = align(rec, len(grid.value_columns))
        year_cell = next((rec.values[k] for k, col in enumerate(cols) if col == year_col), None)
        m = _YEAR_CELL.match(year_cell.text.strip()) if year_cell else None
        if not m:
            continue
        year = int(m.group(1))
        kind: TargetKind = "baseline" if base_year is not None and year <= base_year else "target"
        for k, col in enumerate(cols):
            if col < 0 or col == year_col:
                continue
            q = parse_cell(rec.values[k].text.strip().rstrip("."))
            if q is None:
                continue
            name, unit = _measure(grid.value_columns[col][-1])
            out.append(Found(name, scope, q.value, q.unit or unit, q.comparator, year, kind, rec.start, rec.end,
                             grid.section, grid.caption or None))
    return out
