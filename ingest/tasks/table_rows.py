"""Where the rows of a task table come from, whatever shape the text gives them.

- Flattened rows: one cell per line after a tab, rows separated by blank lines (how PDF,
  DOCX and HTML tables arrive; structure.py gives each row's cell spans).
- `|`-separated lines: "| 1 | 修建堤防 | 县水利局 | 2024年底前 |" (Markdown or plain), rule lines
  (|---|) skipped.
- One cell per line without tabs, as tables copied from web pages arrive: a header run of
  short lines (序号 / 重点任务 / 牵头单位 / 完成时限) and rows each opened by a number line
  ("1"). A row may have fewer cells than the header (a merged cell); it ends at the next
  number line or after as many cells as the header has, unless the lines after go on being
  cells (`more_cells`: a cell copied one name a line, "县交通局" / "县城投公司", or a sub-row
  under a merged cell, "建成社区食堂。" / "11月底前").

`tables.py` reads the rows; deciding what a header is stays there (`is_header` is passed in).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.models import Block, ParsedDocument
from ingest.read.table_grid import MIN_PIPE_CELLS, pipe_cells, trim_span

NUMBER_CELL = re.compile(r"^[(（]?[\d一二三四五六七八九十]{1,4}[)）.、．]?$")
MAX_LINE_HEADER = 12  # characters in a header cell written on its own line
MAX_HEADER_LINES = 9


@dataclass
class Row:
    """One table row: the block it starts at, its cells' absolute spans (trimmed) and texts,
    and every block it is written in."""

    block: Block
    cells: list[tuple[int, int]]
    texts: list[str]
    parts: list[Block]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """A cell's span without surrounding whitespace or a cell separator ("县教育局 |")."""
    return trim_span(text, s, e, "|")


def _spans_row(doc: ParsedDocument, parts: list[Block], spans: list[tuple[int, int]]) -> Row:
    """A row from its cells' spans and the blocks it is written in."""
    spans = [_trim(doc.text, s, e) for s, e in spans]
    return Row(parts[0], spans, [doc.text[s:e] for s, e in spans], parts)


def tab_and_pipe_tables(doc: ParsedDocument) -> list[list[Row]]:
    """Runs of consecutive rows of one table: flattened rows and `|` lines alike."""
    tables: list[list[Row]] = []
    prev: Block | None = None
    for b in doc.blocks:
        pipe = pipe_cells(doc.text, b)
        if b.kind != "table_row" and pipe is None:
            prev = None
            continue
        if pipe == []:
            continue  # a Markdown rule line (|---|---|) inside the table
        if prev is None or prev.table != b.table or (pipe is not None) != (prev.kind != "table_row"):
            tables.append([])
        spans = [(c.start, c.end) for c in b.cells] if pipe is None else pipe
        tables[-1].append(_spans_row(doc, [b], spans))
        prev = b
    return tables


def _line(doc: ParsedDocument, b: Block) -> str:
    """A block's text, trimmed (of a cell separator too: web tables copied one cell per line keep their "|")."""
    return doc.text[b.start:b.end].strip().strip("|").strip()


_GROUP_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])")


def _group_row(doc: ParsedDocument, blocks: list[Block], j: int) -> bool:
    """A group heading inside a table where a row would start: numbered ("一、…") and followed by a row number or
    another group heading, or a short line of its own followed by a row number ("推进实施“绿电+”示范工程" / "1")."""
    if j + 1 >= len(blocks):
        return False
    line, nxt = _line(doc, blocks[j]), _line(doc, blocks[j + 1])
    if _GROUP_HEADING.match(line):
        return bool(NUMBER_CELL.match(nxt) or _GROUP_HEADING.match(nxt))
    return 0 < len(line) <= MAX_GROUP_LINE and not re.search(r"[。；;！!？?]", line) and bool(NUMBER_CELL.match(nxt))


MAX_GROUP_LINE = 40


def _header_at(doc: ParsedDocument, blocks: list[Block], i: int, is_header: Callable[[list[str]], bool]) -> int:
    """How many short lines from block i form a table header (0 when they do not)."""
    n = 0
    while i + n < len(blocks) and n < MAX_HEADER_LINES and blocks[i + n].kind in ("paragraph", "heading") \
            and 0 < len(_line(doc, blocks[i + n])) <= MAX_LINE_HEADER and not NUMBER_CELL.match(_line(doc, blocks[i + n])):
        n += 1
    while n >= MIN_PIPE_CELLS:
        if is_header([_line(doc, b) for b in blocks[i:i + n]]) and i + n < len(blocks) \
                and (NUMBER_CELL.match(_line(doc, blocks[i + n])) or _group_row(doc, blocks, i + n)):
            return n
        n -= 1
    return 0


def line_tables(doc: ParsedDocument, is_header: Callable[[list[str]], bool],
                more_cells: Callable[[list[str]], bool] | None = None) -> list[list[Row]]:
    """Tables written one cell per line without tabs: a header run, then rows opened by a number line.
    `more_cells(lines)` says whether the lines after a row's first cells still belong to it."""
    # a lone "|" line is a cell separator of a web table copied one cell per line, not a cell
    blocks = [b for b in doc.blocks if b.kind != "table_row" and doc.text[b.start:b.end].strip() != "|"]
    tables: list[list[Row]] = []
    i = 0
    while i < len(blocks):
        if not _line(doc, blocks[i]).startswith("序号"):
            i += 1  # such a header names its number column first
            continue
        n = _header_at(doc, blocks, i, is_header)
        if not n:
            i += 1
            continue
        rows = [_spans_row(doc, blocks[i:i + n], [(b.start, b.end) for b in blocks[i:i + n]])]
        j = i + n
        while j < len(blocks) and (NUMBER_CELL.match(_line(doc, blocks[j])) or _group_row(doc, blocks, j)):
            if not NUMBER_CELL.match(_line(doc, blocks[j])):
                j += 1  # "一、2025年主要预期目标": a group heading spanning the table, then its rows
                continue
            k = j + 1
            while k < len(blocks) and k - j < n and not NUMBER_CELL.match(_line(doc, blocks[k])):
                k += 1
            while more_cells and k < len(blocks) and not NUMBER_CELL.match(_line(doc, blocks[k])) \
                    and blocks[k].kind != "heading" and more_cells([_line(doc, b) for b in blocks[k:k + 2]]):
                k += 1
            rows.append(_spans_row(doc, blocks[j:k], [(b.start, b.end) for b in blocks[j:k]]))
            j = k
        tables.append(rows)
        i = j
    return tables
