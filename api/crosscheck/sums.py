"""Sum checks: parts that should add up to a stated total.

Tables: numbered rows (序号) followed by an unnumbered row are a group and its subtotal
(district rows and their region row); an unnumbered row naming the table's own region or a
合计/总计 after the groups is the grand total of all numbered rows; rows introduced by
其中 are parts of the row above and cannot exceed it. Only additive columns (areas, counts,
money; not rates or shares) are summed, each with the rounding tolerance of its figures.
Prose: "共计建设8个站，其中新建5个…、3个…" — the listed parts may not exceed the total.
"""

from __future__ import annotations

import re

from api.crosscheck.base import DocText, Finding, Value, base_value, fmt, target_value
from api.crosscheck.values import canonical_names
from ingest.models import Target
from ingest.read.table_grid import Grid, Record, align, read_grid, table_runs
from ingest.recognise.places import is_self_reference
from ingest.recognise.quantities import parse_cell, to_base
from ingest.targets.tables import column_indicator, unit_in

_GRAND = re.compile(r"^(?:合\s*计|总\s*计|总量|全部|total|sum)$", re.IGNORECASE)
_AVERAGE = re.compile(r"平均|均值|average|mean", re.IGNORECASE)
_NOT_ADDITIVE = {"%", "年", "", "次/年"}
_TOTAL_MARK = re.compile(r"(?:共计|总计|合计|共|总共)[^，,；;。]{0,14}$")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


def _column_unit(grid: Grid, j: int, records: list[Record]) -> str:
    path = grid.value_columns[j]
    unit = next((unit_in(p) for p in reversed(path) if unit_in(p)), "") or unit_in(grid.caption)
    if unit:
        return unit
    for rec in records:
        for idx, cell in zip(align(rec, len(grid.value_columns)), rec.values, strict=True):
            q = parse_cell(cell.text) if idx == j else None
            if q is not None and q.unit:
                return q.unit
    return ""


def _cell_text(rec: Record, j: int, n: int) -> str:
    for idx, cell in zip(align(rec, n), rec.values, strict=True):
        if idx == j:
            return cell.text
    return ""


def _value(rec: Record, j: int, n: int) -> float | None:
    q = parse_cell(_cell_text(rec, j, n))
    return q.value if q else None


def _groups(grid: Grid) -> list[tuple[Record, list[Record]]]:
    """(total row, its part rows) for every subtotal and grand total the row order shows."""
    numbered = any(r.serial for r in grid.records)
    out: list[tuple[Record, list[Record]]] = []
    since: list[Record] = []
    items: list[Record] = []
    for rec in grid.records:
        label = rec.labels[-1].text if rec.labels else ""
        if rec.sub or not rec.values:
            continue
        is_item = rec.serial is not None if numbered else not (_GRAND.match(label) or is_self_reference(label))
        if is_item:
            since.append(rec)
            items.append(rec)
            continue
        if _AVERAGE.search(label):
            pass  # an average row is not a sum of the rows above
        elif len(since) >= 2:
            out.append((rec, since))
        elif (_GRAND.match(label) or is_self_reference(label)) and len(items) >= 2:
            out.append((rec, list(items)))
        since = []
    return out


def _sub_parts(grid: Grid) -> list[tuple[Record, list[Record]]]:
    """(parent row, its 其中 rows)."""
    out: list[tuple[Record, list[Record]]] = []
    parent: Record | None = None
    for rec in grid.records:
        if rec.sub and parent is not None:
            if out and out[-1][0] is parent:
                out[-1][1].append(rec)
            else:
                out.append((parent, [rec]))
        elif not rec.sub:
            parent = rec
    return out


def _decimals(text: str) -> int:
    m = re.search(r"\.(\d+)", text)
    return len(m.group(1)) if m else 0


def _row_unit(total: Record, parts: list[Record]) -> str:
    """The unit the row labels name ("人工造林面积(万亩)") when the column does not, if they agree."""
    units = {unit_in(r.labels[-1].text) if r.labels else "" for r in [total, *parts]}
    return units.pop() if len(units) == 1 else ""


def _check(doc: DocText, grid: Grid, total: Record, parts: list[Record], exceed_only: bool) -> list[Finding]:
    n = len(grid.value_columns)
    out: list[Finding] = []
    for j in range(n):
        unit = _column_unit(grid, j, grid.records) or _row_unit(total, parts)
        if unit in _NOT_ADDITIVE:
            continue
        stated = _value(total, j, n)
        if stated is None:
            continue
        values = [_value(p, j, n) for p in parts]
        computed = sum(v or 0.0 for v in values)
        if not exceed_only and stated < max((v or 0.0) for v in values):
            continue  # smaller than one of its parts: not a total row of this column
        digits = max(_decimals(_cell_text(r, j, n)) for r in parts + [total])
        tol = 0.5 * 10 ** -digits * (len(parts) + 1)
        off = computed - stated > tol if exceed_only else abs(computed - stated) > tol
        if not off:
            continue
        label = total.labels[-1].text if total.labels else grid.caption
        name = column_indicator(grid.value_columns[j]) or grid.caption
        cites = [Value(stated, unit, doc.citation(total.start, total.end, grid.section))]
        cites += [Value(v or 0.0, unit, doc.citation(p.start, p.end, grid.section)) for p, v in zip(parts, values,
                                                                                                   strict=True)]
        out.append(Finding("sum", name, label, f"{grid.caption}: the {len(parts)} rows above {label} add up to "
                           f"{fmt(computed, unit)}, the table states {fmt(stated, unit)}", cites, "sum_rows",
                           {"table": grid.caption, "n": str(len(parts)), "label": label,
                            "computed": fmt(computed, unit), "stated": fmt(stated, unit)}))
    return out


def table_sums(doc: DocText) -> list[Finding]:
    """Row totals of every table of `doc` that do not match their parts (rounding allowed)."""
    out: list[Finding] = []
    for caption, section, rows in table_runs(doc.text, doc.blocks):
        grid = read_grid(caption, section, rows)
        for total, parts in _groups(grid):
            out.extend(_check(doc, grid, total, parts, exceed_only=False))
        for parent, parts in _sub_parts(grid):
            out.extend(_check(doc, grid, parent, parts, exceed_only=True))
    return out


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos)
    return m.end() if m else len(text)


def prose_sums(targets: list[Target], docs: dict[str, DocText]) -> list[Finding]:
    """"共计N个…，其中…": the parts listed after 其中 in the same sentence may not exceed N."""
    out: list[Finding] = []
    canon = canonical_names(targets)
    prose = [t for t in targets if not t.table and t.doc_id in docs]
    for total in prose:
        text = docs[total.doc_id].text
        quote = total.citation.quote
        pos = quote.find(fmt(total.value))
        if pos < 0 or not _TOTAL_MARK.search(quote[:pos]):
            continue
        end = _sentence_end(text, total.citation.end)
        split = text.find("其中", total.citation.end - 2, end)
        if split < 0:
            continue
        v_total, unit, tol = base_value(total)
        parts = [t for t in prose if t.doc_id == total.doc_id and split <= t.citation.start < end
                 and base_value(t)[1] == unit and t.kind == total.kind and t is not total]
        if len(parts) < 2:
            continue
        computed = sum(base_value(p)[0] for p in parts)
        if computed - v_total <= tol + sum(base_value(p)[2] for p in parts):
            continue
        out.append(Finding("sum", canon[total.indicator], total.scope,
                           f"the {len(parts)} parts listed after 其中 add up to "
                           f"{fmt(computed, to_base(1, total.unit)[1])}, more than the stated total "
                           f"{fmt(total.value, total.unit)}",
                           [target_value(total)] + [target_value(p) for p in parts], "sum_parts",
                           {"n": str(len(parts)), "computed": fmt(computed, to_base(1, total.unit)[1]),
                            "stated": fmt(total.value, total.unit)}))
    return out
