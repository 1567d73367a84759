"""Targets in tables: every figure a planner reads off a row, with its column's meaning.

A column's header path says what its figures are: the kind (现状值 -> baseline,
目标值/规划目标 -> target, 实际完成 -> achieved), the year ("(2025年)", else the caption's
five-year period, else the plan period: baselines the year before it starts, targets its
last year), the unit ("(km2)", "(%)", or the cell's own "42.5%"). The row's label column
says whose figures they are: a place (区县, 分区 … -> the scope), an indicator (目标指标) or
a category (土地利用类型: part of the indicator). Aggregate rows (总体平均, 合计, 全市) take
the row group's or the table's place. A breakdown is read at its total: in a header group
that lists classes beside their 合计/小计, the class columns are detail and are not records;
reference quantities (a region's 总面积) are not records either (see data/indicator_synonyms.tsv).
"""

from __future__ import annotations

import re

from ingest.models import ParsedDocument, TargetKind
from ingest.read.table_grid import Cell, Grid, Record, align, cell_kind, pipe_runs, read_grid, table_runs
from ingest.recognise.indicators import is_reference
from ingest.recognise.periods import five_year_period, year_range
from ingest.recognise.places import looks_like_place, place_in_title, resolve
from ingest.recognise.quantities import normalize_unit, parse_cell
from ingest.targets.context import DocContext
from ingest.targets.found import Found
from ingest.targets.prose import ProseReader
from ingest.targets.words import written_in_english
from ingest.targets.year_rows import year_column, year_rows

_SERIAL_HEAD = re.compile(r"^(?:序号|编号|序|No\.?|#|Number)$", re.IGNORECASE)
_SCOPE_HEAD = re.compile(r"区县|县区|分区|地区|区域|行政区|县|市|乡镇|乡|镇|省|流域|片区|district|region|county|province|"
                         r"city|prefecture", re.IGNORECASE)
_INDICATOR_HEAD = re.compile(r"指标|项目|名称|内容|indicator|item|measure|target|goal|objective|action", re.IGNORECASE)
_TOTAL = re.compile(r"^(?:合\s*计|小\s*计|总\s*计|总量|total|subtotal|sum)$", re.IGNORECASE)
_AGGREGATE = re.compile(r"^(?:合\s*计|小\s*计|总\s*计|总体平均|平均|总体|全部|均值|total|average|subtotal|overall)$",
                        re.IGNORECASE)
_ACHIEVED = re.compile(r"实际完成|完成值|实际值|实绩|实际|完成情况|actual|achieved", re.IGNORECASE)
_BASELINE = re.compile(r"现状|基期|基准|基线|baseline|current", re.IGNORECASE)
_TARGET = re.compile(r"目标|规划|预期|计划|target|planned|goal", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"^(?:属性|备注|说明|单位|责任单位|牵头单位|类型|性质|note|remarks?)$", re.IGNORECASE)
_UNIT_IN = re.compile(r"[(（]\s*(?:单位\s*[:：])?\s*([^()（）]{1,10}?)\s*[)）]")
_YEAR_IN = re.compile(r"((?:19|20)\d{2})\s*年?")
_PARENS = re.compile(r"[(（][^()（）]*[)）]")
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}[.、．](?!\d)|[(（]\d{1,3}[)）]|[①-⑳])\s*")
_CAPTION_NO = re.compile(r"^\s*(?:附表|专栏|表|附件|Table|Box)\s*[\d一二三四五六七八九十]+\s*[:：.]?\s*", re.IGNORECASE)
_KIND_WORD = re.compile(r"\s*(?:现状值|现状|目标值|规划目标|规划值|实际完成|完成值|实际值|基期值|基期|基准值|基准年|预期值|"
                        r"期末值|目标|规划|(?:19|20)\d{2}年?|"
                        r"baseline|target|goal|current|planned|actual|achieved)(?:\s*value)?$", re.IGNORECASE)
# a column of figures of one kind (a 目标 or 任务 column of a task table holds text, so not those)
_VALUE_HEAD = re.compile(r"(?:现状|目标|规划|基期|基准|预期|期末|完成|实际)值$|^(?:baseline|target)\s+values?$", re.I)
_UNIT_HEAD = re.compile(r"^(?:单位|计量单位|unit|units)$", re.IGNORECASE)
# Columns of a task-allocation table (任务分工表): who and by when, not figures
_DUTY_HEAD = re.compile(r"^(?:(?:责任)?(?:牵头|主办|主责|配合|参与|协办|责任|实施|承办|落实|负责)(?:单位|部门|主体|领导)|"
                        r"(?:完成|推进|办理)?(?:时限|期限|时间节点)|完成时间|"
                        r"(?:lead|responsible|supporting|partner)\s*(?:agenc(?:y|ies)|units?|departments?|bod(?:y|ies))?|"
                        r"deadline|timeline|timescale|due date)$", re.IGNORECASE)


def _strip_kind_words(column: str) -> str:
    """"2025年目标值" -> "": a column's year and kind words say when and what kind, not what is measured."""
    prev = None
    while prev != column:
        prev, column = column, _KIND_WORD.sub("", column)
    return column


def unit_in(text: str) -> str:
    """A unit named in brackets ("面积(km2)", "(单位：万亩)"), normalised, or ""."""
    for m in _UNIT_IN.finditer(text):
        inner = re.sub(r"\s+", "", m.group(1))
        if _YEAR_IN.fullmatch(inner):
            continue
        unit = normalize_unit(inner)
        if parse_cell("1" + unit) is not None and unit:
            return unit
    return ""


def _plain(text: str) -> str:
    """A header or label without bracketed units and years; English keeps single spaces."""
    t = _PARENS.sub("", text).strip()
    return " ".join(t.split()) if t.isascii() else re.sub(r"\s+", "", t)


def column_indicator(path: list[str]) -> str:
    """"水土流失面积(km2) > 合计 > 面积" -> "水土流失面积": units, totals and repeated words dropped."""
    out = ""
    for part in path:
        p = _plain(part)
        if not p or _TOTAL.match(p) or p in out:
            continue
        out += (" " if out and p.isascii() else "") + p
    return out


def is_component(path: list[str], columns: list[list[str]]) -> bool:
    """A class column of a breakdown: its header group also has a total (合计/小计) it is not."""
    for depth in range(len(path) - 1):
        siblings = {_plain(c[depth + 1]) for c in columns if len(c) > depth + 1 and c[:depth + 1] == path[:depth + 1]}
        if any(_TOTAL.match(s) for s in siblings) and not _TOTAL.match(_plain(path[depth + 1])):
            return True
    return False


def has_kind_cue(path: list[str], caption: str) -> bool:
    """Whether a column or its caption says what kind of figures it holds (现状/目标/完成)."""
    text = "".join(path) + caption
    return bool(_ACHIEVED.search(text) or _BASELINE.search(text) or _TARGET.search(text))


def column_kind(path: list[str], caption: str, base_year: int | None = None) -> TargetKind:
    """target / baseline / achieved from the column header (实际完成 first: a 完成情况 table has both);
    a bare year column is a baseline up to the base year and a target after it."""
    text = "".join(path)
    year = _YEAR_IN.fullmatch(_plain(path[-1]))
    if year and base_year is not None and not (_ACHIEVED.search(text) or _BASELINE.search(text) or _TARGET.search(text)):
        return "baseline" if int(year.group(1)) <= base_year else "target"
    for pattern, kind in ((_ACHIEVED, "achieved"), (_BASELINE, "baseline"), (_TARGET, "target")):
        if pattern.search(text):
            return kind  # type: ignore[return-value]
    if _BASELINE.search(caption):
        return "baseline"
    return "target" if re.search(r"目标|任务|规划|计划|target|plan", caption, re.I) else "baseline"


def column_year(path: list[str], caption: str, kind: TargetKind, ctx: DocContext) -> int | None:
    """A year in the header, else the caption's (or plan's) period: baselines before it, targets at its end."""
    for part in reversed(path):
        m = _YEAR_IN.search(part)
        if m:
            return int(m.group(1))
    period = five_year_period(caption) or year_range(caption) or ctx.period
    if period is None:
        return ctx.base_year if kind == "baseline" else None
    return period[0] - 1 if kind == "baseline" else period[1]


def _year_columns(header: list[Cell]) -> bool:
    """An English table header with columns of years ("2030 Goal", "FY2025 target"): a table of goals by year."""
    years = [c for c in header if re.fullmatch(r"(?:FY\s*)?(?:19|20)\d{2}(?:\s+(?:goals?|targets?|baseline|actual))?",
                                               c.text.strip(), re.I)]
    return len(years) >= 2


def _task_header(header: list[str]) -> bool:
    """A task-allocation table: a duty column (牵头单位, 完成时限) and no column of a year's or a kind's
    values; "指标 | 2023年 | 2025年 | 牵头单位" is an indicator table that also names who leads each row."""
    if not any(_DUTY_HEAD.match(h) for h in header):
        return False
    return not any(_YEAR_IN.fullmatch(_PARENS.sub("", h).strip()) or _VALUE_HEAD.search(h) for h in header)


class TableReader:
    """Reads the figures of every table of one document; collects the places its rows name."""

    def __init__(self, doc: ParsedDocument, ctx: DocContext) -> None:
        self.doc, self.ctx = doc, ctx
        self.places: set[str] = set()
        self.prose = ProseReader(doc, ctx)
        self.grid_spans: list[tuple[int, int]] = []  # English tables read by their columns: not sentences too

    def read(self) -> list[Found]:
        """Figures of every table of the document, in table order."""
        out: list[Found] = []
        piped = {rows[0][0].start for _, _, rows in pipe_runs(self.doc.text, self.doc.blocks)}
        for caption, section, rows in table_runs(self.doc.text, self.doc.blocks):
            if rows[0][0].start in piped and written_in_english("".join(c.text for row in rows for c in row)):
                grid = read_grid(caption, section, rows)
                year_col = year_column(grid)
                if year_col is not None:  # "Fiscal Year | Percentage Reduction": a schedule by year
                    out.extend(year_rows(grid, year_col, self.ctx.scope, self.ctx.base_year))
                elif _year_columns(rows[0]):  # "Goal | 2030 Goal | 2045 Goal": each column a year's goals
                    out.extend(self.read_grid(grid))
                    self.grid_spans.append((rows[0][0].start, rows[-1][-1].end))
                continue  # another English Markdown table: its rows are read as sentences, cell by cell
            if _task_header([_plain(c.text) for c in rows[0]]):
                out.extend(self.read_task_table(caption, section, rows))
            else:
                out.extend(self.read_grid(read_grid(caption, section, rows)))
        return out

    def read_task_table(self, caption: str, section: str, rows: list[list[Cell]]) -> list[Found]:
        """A task-allocation table (任务 | 牵头单位 | 完成时限) states figures only in its task text
        ("新建充电桩500个"), read as prose; its serial, unit and deadline columns hold none."""
        header = [_plain(c.text) for c in rows[0]]
        out: list[Found] = []
        for row in rows[1:]:
            for i, cell in enumerate(row):
                head = header[i] if i < len(header) else ""
                if _DUTY_HEAD.match(head) or _SERIAL_HEAD.match(head) or cell_kind(cell.text) != "TEXT":
                    continue
                out.extend(self.prose.read_span(cell.start, cell.end, section, caption or None))
        return out

    def read_grid(self, grid: Grid) -> list[Found]:
        """Figures of one table; row-spanning group cells (分区) carry down to the rows below."""
        year_col = year_column(grid)
        if year_col is not None:
            return year_rows(grid, year_col, place_in_title(_CAPTION_NO.sub("", grid.caption)) or self.ctx.scope,
                             self.ctx.base_year)
        labels = [c for c in grid.label_columns if not _SERIAL_HEAD.match(_plain(c[-1]))]
        unit_col = next((i for i, c in enumerate(labels) if _UNIT_HEAD.match(_plain(c[-1]))), None)
        if unit_col is not None:
            labels = labels[:unit_col] + labels[unit_col + 1:]
        row_type = self._row_type(labels, grid)
        table_scope = place_in_title(_CAPTION_NO.sub("", grid.caption)) or self.ctx.scope
        groups: dict[int, str] = {}
        out: list[Found] = []
        for rec in grid.records:
            row_unit = ""
            if unit_col is not None and len(rec.labels) > len(labels):
                row_unit = normalize_unit(rec.labels[-1].text)
                rec = Record(rec.serial, rec.labels[:-1], rec.values, rec.sub)
            named = rec.labels[-len(labels):] if labels else rec.labels
            offset = max(0, len(labels) - len(named))
            for j, cell in enumerate(named):
                groups[offset + j] = cell.text
            label = named[-1].text if named else ""
            scope = self._scope(row_type, label, groups, len(labels), table_scope)
            for col_idx, cell in zip(align(rec, len(grid.value_columns)), rec.values, strict=True):
                if col_idx < 0:
                    continue
                out.extend(self._cell(grid, rec, grid.value_columns[col_idx], cell, row_type, label + (
                    f"({row_unit})" if row_unit else ""), scope))
        return out

    def _row_type(self, labels: list[list[str]], grid: Grid) -> str:
        head = _plain(labels[-1][-1]) if labels else ""
        if head and _SCOPE_HEAD.search(head) and not _INDICATOR_HEAD.search(head):
            return "scope"
        if head and _INDICATOR_HEAD.search(head):
            return "indicator"
        names = [r.labels[-1].text for r in grid.records if r.labels]
        if names and sum(looks_like_place(n) for n in names) * 2 > len(names):
            return "scope"
        return "category" if head else "indicator"

    def _scope(self, row_type: str, label: str, groups: dict[int, str], n_labels: int, table_scope: str) -> str:
        if row_type != "scope":
            return table_scope
        if _AGGREGATE.match(_plain(label)):
            group = groups.get(n_labels - 2, "") if n_labels >= 2 else ""
            return _plain(group) or table_scope
        scope = resolve(_plain(label), table_scope)
        if scope != table_scope:
            self.places.add(scope)
        return scope

    def _cell(self, grid: Grid, rec: Record, path: list[str], cell: Cell, row_type: str, label: str,
              scope: str) -> list[Found]:
        """The record(s) of one cell: a figure, or the figures a text cell states."""
        kind_of_cell = cell_kind(cell.text)
        if kind_of_cell == "DASH" or _ATTRIBUTE.match(_plain(path[-1])) or is_component(path, grid.value_columns):
            return []
        if not self.ctx.is_plan and not has_kind_cue(path, grid.caption):
            return []  # a paper's data table reports facts, not a plan's figures
        kind = column_kind(path, grid.caption, self.ctx.base_year)
        year = column_year(path, grid.caption, kind, self.ctx)
        if kind_of_cell == "TEXT":
            return self.prose.read_span(cell.start, cell.end, grid.section, grid.caption, (kind, year))
        indicator = self._indicator(row_type, label, path)
        if not indicator or is_reference(indicator):
            return []
        q = parse_cell(cell.text)
        if q is None:
            return []
        unit = q.unit or next((unit_in(p) for p in reversed(path) if unit_in(p)), "") or unit_in(label) \
            or unit_in(grid.caption)
        return [Found(indicator, scope, q.value, unit, q.comparator, year, kind, rec.start, rec.end,
                      grid.section, grid.caption or None)]

    def _indicator(self, row_type: str, label: str, path: list[str]) -> str:
        column = _strip_kind_words(column_indicator(path)) if row_type != "scope" else column_indicator(path)
        if row_type == "scope":
            return column
        name = _ROW_NUMBER.sub("", _plain(label))  # "1.学前教育毛入园率(%)": the row's number is no part of it
        if row_type == "indicator":
            return name + (column if column and column not in name else "")
        if _AGGREGATE.match(name):
            return column
        return name + column
