"""Flattened tables back into header columns and records.

Tables reach us one cell per line, rows separated by blank lines, with merged cells
lost: a multi-row header (面积 | 分类面积 over 甲类…合计 over 面积 | 占比…), a
serial number alone on its row, a region name spanning rows and given only once, a
label broken over two lines. `read_grid` rebuilds what a reader sees: the columns as
header paths (root -> leaf) and the records as (serial, labels, values). The header is
rebuilt from the widest record and repetition in the lower header rows (面积, 占比,
面积, 占比 … are the children of as many parents); values are aligned to the value
columns left to right when a labelled record is short (trailing cells were empty).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.models import Block
from ingest.recognise.quantities import parse_cell

_SERIAL = re.compile(r"^(?:\d{1,3}|[(（]\d{1,3}[)）]|\d{1,3}[.、])$")
_DASH = re.compile(r"^(?:[—\-–－/…、·]+|无|空|/|N/?A)$", re.IGNORECASE)
_MARKER = re.compile(r"^(?:其中|包括|含|of which|including)[:：]?$", re.IGNORECASE)
_YEAR_CELL = re.compile(r"^(?:19|20)\d{2}\s*年?$")
_SENTENCE_PUNCT = re.compile(r"[。；;！？!?]")
_PARENS = re.compile(r"[(（][^()（）]*[)）]")
MAX_LABEL = 30


@dataclass
class Cell:
    start: int
    end: int
    text: str


@dataclass
class Record:
    serial: Cell | None
    labels: list[Cell]
    values: list[Cell]
    sub: bool = False  # introduced by 其中: — a part of the record above

    @property
    def width(self) -> int:
        return (1 if self.serial else 0) + len(self.labels) + len(self.values)

    @property
    def start(self) -> int:
        first = self.labels[0] if self.labels else (self.values[0] if self.values else self.serial)
        return first.start if first else 0

    @property
    def end(self) -> int:
        cells = self.values or self.labels
        return cells[-1].end if cells else 0


@dataclass
class Grid:
    caption: str
    section: str
    columns: list[list[str]]  # header path of every column, root first
    records: list[Record]
    label_columns: list[list[str]] = field(default_factory=list)
    value_columns: list[list[str]] = field(default_factory=list)


def cell_kind(text: str) -> str:
    """NUM (one figure), DASH (an empty mark), or TEXT."""
    t = text.strip()
    if not t or _DASH.match(t):
        return "DASH"
    return "NUM" if parse_cell(t) is not None else "TEXT"


def _label_like(text: str) -> bool:
    """Short enough to name a row: 30 characters of Chinese, as many words in English ("Increase passenger
    electric vehicle ownership")."""
    limit = MAX_LABEL + 10 if re.search(r"[\u4e00-\u9fff]", text) else MAX_LABEL * 3
    return len(text) <= limit and not _SENTENCE_PUNCT.search(text)


_PIPE_RULE = re.compile(r"^[\s|│┃:：\-—–─━┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋]+$")
MIN_PIPE_CELLS = 2
# cell separators: "|" and the box-drawing verticals an old text file draws its tables with ("│序号│责任单位│")
_SEPARATORS = "|│┃"
_BOX_RULE = re.compile(r"[├┤┼┬┴┣┫╋┳┻]")  # a rule line between a drawn table's rows (not its top or bottom edge)


def pipe_cells(text: str, block: Block) -> list[tuple[int, int]] | None:
    """Cell spans of a `|`-separated table line ("| 指标 | 2020年 | 2025年 |", Markdown or plain), [] for a
    rule line (|---|), None when the paragraph is not a table line (fewer than two cells; three for a line
    the structure reader took for a numbered item or heading)."""
    line = text[block.start:block.end]
    if block.kind not in ("paragraph", "list_item", "heading"):
        return None
    if _BOX_RULE.search(line) and _PIPE_RULE.match(line):
        return []  # "├──┼──┤": a drawn table's rule line, inside the table
    separators = sum(line.count(c) for c in _SEPARATORS)
    if separators < (MIN_PIPE_CELLS - 1 if block.kind == "paragraph" else 2):
        return None  # a row whose first cell opens with a number ("12.推进…| 区城管局 |") reads as an item
    if _PIPE_RULE.match(line):
        return []
    bounds = [block.start - 1] + [block.start + i for i, ch in enumerate(line) if ch in _SEPARATORS] + [block.end]
    spans = [trim_span(text, a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False)]
    if line.lstrip()[:1] in _SEPARATORS:
        spans = spans[1:]
    if line.rstrip()[-1:] in _SEPARATORS:
        spans = spans[:-1]
    return spans if len(spans) >= MIN_PIPE_CELLS else None


def trim_span(text: str, s: int, e: int, also: str = "") -> tuple[int, int]:
    """text[s:e] without surrounding whitespace (and the characters in `also`): what a citation quotes."""
    while s < e and (text[s].isspace() or text[s] in also):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in also):
        e -= 1
    return s, e


# a group heading set on its own line between the rows of a table ("一、发展水平", "（二）质量效益")
_GROUP_LINE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）])[^|，,。；;]{1,20}$")


def pipe_runs(text: str, blocks: list[Block]) -> list[tuple[str, str, list[list[Cell]]]]:
    """(caption, section, rows) of each run of `|` lines (two rows at least); a caption line right above
    the run ("表1 主要指标") names it."""
    runs: list[tuple[str, str, list[list[Cell]]]] = []
    current: list[list[Cell]] | None = None
    prev: Block | None = None
    for i, b in enumerate(blocks):
        cells = pipe_cells(text, b)
        if cells is None and current is not None and _GROUP_LINE.match(text[b.start:b.end].strip()) \
                and i + 1 < len(blocks) and pipe_cells(text, blocks[i + 1]):
            continue  # "一、发展水平" between rows: a group heading inside the table, not its end
        if cells is None:
            current, prev = None, b
            continue
        if cells == []:
            continue
        if current is None:
            caption = text[prev.start:prev.end].strip() if prev is not None and prev.kind == "table_title" else ""
            current = []
            runs.append((caption, b.section, current))
        current.append([Cell(s, e, text[s:e]) for s, e in cells])
    return [r for r in runs if len(r[2]) >= 2]


def table_runs(text: str, blocks: list[Block]) -> list[tuple[str, str, list[list[Cell]]]]:
    """(caption, section, rows of cells) for each table, `|`-line tables included, in text order; a short
    line between two rows of the same table continues the cell above it (a label broken over lines)."""
    runs = _flattened_runs(text, blocks) + pipe_runs(text, blocks)
    return sorted(runs, key=lambda r: r[2][0][0].start if r[2] and r[2][0] else 0)


def _flattened_runs(text: str, blocks: list[Block]) -> list[tuple[str, str, list[list[Cell]]]]:
    """Tables flattened one cell per line (table_row blocks)."""
    runs: list[tuple[str, str, list[list[Cell]]]] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind != "table_row":
            i += 1
            continue
        caption, rows = b.table or "", []
        while i < len(blocks):
            b = blocks[i]
            if b.kind == "table_row" and (b.table or "") == caption:
                rows.append([Cell(c.start, c.end, text[c.start:c.end].strip()) for c in b.cells])
            elif _continues(text, blocks, i, caption) and rows and rows[-1]:
                last = rows[-1][-1]
                rows[-1][-1] = Cell(last.start, b.end, last.text + text[b.start:b.end].strip())
            else:
                break
            i += 1
        runs.append((caption, blocks[i - 1].section if i else "", rows))
    return runs


def _continues(text: str, blocks: list[Block], i: int, caption: str) -> bool:
    b = blocks[i]
    line = text[b.start:b.end].strip()
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return (b.kind == "paragraph" and 0 < len(line) <= 12 and not _SENTENCE_PUNCT.search(line)
            and nxt is not None and nxt.kind == "table_row" and (nxt.table or "") == caption)


def _is_data_row(row: list[Cell]) -> bool:
    kinds = [cell_kind(c.text) for c in row]
    if all(_YEAR_CELL.match(c.text) or k == "TEXT" for c, k in zip(row, kinds, strict=True)):
        return False
    if len(row) > 1 and _SERIAL.match(row[0].text) and kinds[1] == "TEXT":
        kinds = kinds[1:]
    return any(k in ("NUM", "DASH") for k in kinds) or (len(row) > 1 and _SERIAL.match(row[0].text) is not None)


def split_header(rows: list[list[Cell]]) -> tuple[list[list[Cell]], list[list[Cell]]]:
    """Header rows (before the first row holding a figure or a serial number) and data rows."""
    for i, row in enumerate(rows):
        if _is_data_row(row):
            return rows[:i], rows[i:]
    return rows, []


def build_records(rows: list[list[Cell]]) -> list[Record]:
    """Data rows -> records: a lone serial opens the next record, a row of bare figures continues
    a record that has a label but no values yet."""
    records: list[Record] = []
    pending: Cell | None = None
    for row in rows:
        if not row:
            continue
        kinds = [cell_kind(c.text) for c in row]
        if records and not records[-1].values and records[-1].labels and kinds[0] in ("NUM", "DASH") \
                and not (len(row) == 1 and _SERIAL.match(row[0].text)):
            records[-1].values.extend(row)
            continue
        if len(row) == 1 and _SERIAL.match(row[0].text):
            pending = row[0]
            continue
        i, serial, pending = 0, pending, None
        if len(row) > 1 and _SERIAL.match(row[0].text) and kinds[1] == "TEXT":
            serial, i = row[0], 1
        rec = Record(serial, [], [])
        while i < len(row) and kinds[i] == "TEXT" and _label_like(row[i].text):
            if _MARKER.match(row[i].text):
                rec.sub = True
            else:
                rec.labels.append(row[i])
            i += 1
        rec.values = row[i:]
        records.append(rec)
    return records


def _token(text: str) -> str:
    t = _PARENS.sub("", text).strip()
    return re.sub(r"^占.*比.*$", "占比", t)


def _period(cells: list[str]) -> int:
    """The smallest repeating unit of a header row (面积,占比,面积,占比 -> 2), else its length."""
    tokens = [_token(c) for c in cells]
    n = len(tokens)
    for p in range(1, n):
        if n % p == 0 and n // p >= 2 and all(tokens[i] == tokens[i % p] for i in range(n)):
            return p
    return n


def build_columns(header: list[list[Cell]], width: int) -> list[list[str]]:
    """Header rows -> one path per column. A lower row either continues the row above (it fills
    the width) or splits the rightmost columns into groups of its repeating unit."""
    if not header:
        return []
    leaves = [[c.text] for c in header[0]]
    for row in header[1:]:
        cells = [c.text for c in row]
        if len(leaves) + len(cells) == width:
            leaves += [[c] for c in cells]
            continue
        p = _period(cells)
        k = len(cells) // p
        if k > len(leaves):
            leaves += [[c] for c in cells]
            continue
        parents, leaves = leaves[-k:], leaves[:-k]
        for j, parent in enumerate(parents):
            leaves.extend(parent + [c] for c in cells[j * p:(j + 1) * p])
    return leaves


def read_grid(caption: str, section: str, rows: list[list[Cell]]) -> Grid:
    """The grid of one table: the widest record fixes the column count the header must fill."""
    header, data = split_header(rows)
    records = build_records(data)
    width = max((r.width for r in records), default=0)
    columns = build_columns(header, width)
    n_values = max((len(r.values) for r in records), default=0)
    if len(columns) < n_values:
        columns = [[""]] * (n_values - len(columns)) + columns
    split = len(columns) - n_values
    return Grid(caption, section, columns, records, columns[:split], columns[split:])


def align(record: Record, n_columns: int) -> list[int]:
    """Column index (into the value columns) of each value: all of them, left-aligned when a
    labelled record is short (trailing cells were empty), right-aligned when it has no label."""
    n = len(record.values)
    if n >= n_columns:
        return list(range(n_columns)) + [-1] * (n - n_columns)
    if record.labels:
        return list(range(n))
    return list(range(n_columns - n, n_columns))
