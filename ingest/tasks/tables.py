"""Tasks from 任务分工 tables: one task per row, columns found from the header row.

Rows come from `table_rows.py` (flattened, `|`-separated or one cell per line). A
header row names its columns (序号 / 任务 / 牵头单位 / 责任单位 / 配合单位 / 完成时限, or
No. / Task / Lead agency / Responsible / Deadline); a second header row under a merged
责任单位 cell (牵头单位 / 配合单位) refines it. A data row with fewer cells than the header
lost a vertically merged cell: its cells are aligned to the columns they fit best, in order,
and the missing columns take the row above's value. A row with a single filled cell is a
group heading inside the table, not a task.
"""

from __future__ import annotations

import re
from typing import Literal

from ingest.models import ParsedDocument, Role
from ingest.recognise.deadlines import bare_month, find_dates, parse_deadline_field
from ingest.recognise.units import is_cjk_text, looks_like_unit, parse_units
from ingest.tasks.fields import Draft, labelled_fields, units_of
from ingest.tasks.table_rows import NUMBER_CELL, Row, line_tables, tab_and_pipe_tables

ColumnKind = Literal["number", "task", "lead", "participant", "responsible", "deadline", "other"]
_HEADER_KINDS: list[tuple[ColumnKind, re.Pattern[str]]] = [
    ("number", re.compile(r"^(?:序号|编号|No\.?|#|S/?N|Item\s*No\.?|Number)$", re.I)),
    # persons, not units: 责任领导 / 牵头领导 / 分管领导 / 联系人 columns name officials by name
    ("other", re.compile(r"领导|联系人|负责人|责任人|包保|contact", re.I)),
    ("deadline", re.compile(r"时限|时间|期限|进度|节点|deadline|due|time|completion|schedule|when", re.I)),
    ("lead", re.compile(r"牵头|主办|主责|lead", re.I)),
    ("participant", re.compile(r"配合|参与|协办|协助|协同|support|particip|cooperat|partner|assist", re.I)),
    # "责任任务", "目标任务", "民生实事" (the practical matters a county promises its residents each year): a header ending
    # in the work itself names the task column, whatever it opens with
    ("task", re.compile(r"(?:任务|内容|事项|措施|实事)$")),
    # not a bare 单位: in statistics tables that column holds units of measure (km², 座)
    ("responsible", re.compile(r"责任|(?:实施|承办|落实|负责|主管|承担|执行)(?:单位|部门|主体)|部门|responsib|implement|"
                               r"owner|agenc", re.I)),
    ("task", re.compile(r"任务|内容|措施|事项|实事|工作|项目|举措|task|action|measure|activit|item|description|work", re.I)),
]
_UNIT_KINDS: tuple[ColumnKind, ...] = ("lead", "participant", "responsible")
_ONGOING = re.compile(r"持续|长期|常态化|ongoing|continuous|long-term", re.I)
_LEADING_NUMBER = re.compile(r"^\s*(?:[(（]?[\d一二三四五六七八九十]{1,3}[)）.、．]\s*)")
_SENTENCE_END = re.compile(r"[。！？!?；;]|\.(?=\s|$)")
MAX_HEADER_CELL = 30


def _kind_of(header: str) -> ColumnKind:
    """What a header cell names; the first matching kind wins (完成时限 is a deadline, not a unit)."""
    return next((k for k, pat in _HEADER_KINDS if pat.search(header)), "other")


def header_kinds(texts: list[str]) -> list[ColumnKind] | None:
    """Column kinds of a header row, or None when the row is not a task table's header."""
    kinds: list[ColumnKind] = []
    for t in texts:
        t = "".join(t.split())
        if not t or len(t) > MAX_HEADER_CELL:
            kinds.append("other")
            continue
        kinds.append(_kind_of(t))
    has_units = any(k in _UNIT_KINDS for k in kinds)
    if "task" in kinds and (has_units or "deadline" in kinds) and sum(k != "other" for k in kinds) >= 2:
        return kinds
    return None


def _subheader(kinds: list[ColumnKind], texts: list[str]) -> list[ColumnKind] | None:
    """A second header row under a merged unit column (牵头单位 / 配合单位): the refined kinds."""
    filled = [t for t in texts if t.strip()]
    if not filled or len(filled) >= len(kinds) or any(len(t) > MAX_HEADER_CELL for t in filled):
        return None
    sub: list[ColumnKind] = [_kind_of(t) for t in filled]
    if not all(k in _UNIT_KINDS or k == "deadline" for k in sub):
        return None
    at = next((i for i, k in enumerate(kinds) if k in _UNIT_KINDS), None)
    if at is None:
        return None
    return kinds[:at] + sub + kinds[at + 1:]


def _fit(kind: ColumnKind, text: str) -> int:
    """How well a cell's text suits a column kind (used to align rows that lost merged cells)."""
    t = text.strip()
    if not t:
        return 0
    if kind == "number":
        return 3 if NUMBER_CELL.match(t) else -3
    if kind == "deadline":
        return 2 if (find_dates(t) or _ONGOING.search(t) or bare_month(t)) and len(t) <= 60 else -2
    if kind in _UNIT_KINDS:
        if _SENTENCE_END.search(t):
            return -1  # "新建县体育馆。": a sentence says what is done, a unit cell only names
        units = parse_units(t)
        return 1 if units and all(looks_like_unit(u.name) for u in units) else -1
    if kind == "task":
        if _fit("deadline", t) > 0:
            return -1  # "6月底前开工": a date cell, however long
        return 1 if len(t) >= 6 else 0
    return 0


def _fits_a_column(text: str) -> bool:
    """A line that reads as a unit list or a date field: a cell, not the text after a table."""
    return _fit("responsible", text) > 0 or _fit("deadline", text) > 0


def more_cells(lines: list[str]) -> bool:
    """Whether a line (with the one after it) still belongs to the row above it: a unit or a date line
    ("县城投公司" after "县交通局": one cell written a name a line), or a short sentence followed by one
    (a sub-row under a merged cell: "建成社区食堂。" / "11月底前")."""
    if not lines or not lines[0] or len(lines[0]) > MAX_CELL_LINE:
        return False
    if _fits_a_column(lines[0]):
        return True
    return len(lines) > 1 and _fit("task", lines[0]) > 0 and _fits_a_column(lines[1])


MAX_CELL_LINE = 60


def align(kinds: list[ColumnKind], texts: list[str]) -> list[int]:
    """Column index for each cell: the order-preserving assignment with the best total fit.
    A row with more cells than columns (a cell written over several lines) puts consecutive
    cells in one column (`_merged`)."""
    n, m = len(texts), len(kinds)
    if n > m and all(_fit("number", t) < 0 for t in texts[1:]):
        return _merged(kinds, texts)
    if n >= m:
        return list(range(n))[:m]
    neg = -10**9
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    choice = [[False] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[0][j] = 0
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            take = best[i - 1][j - 1] + _fit(kinds[j - 1], texts[i - 1])
            skip = best[i][j - 1]
            # ties: the earlier column (a lone unit is the lead's), but of two task columns the later (a row that
            # lost merged cells lost the grouping one: "事项" over several "工作措施" rows; its own text is the detail)
            later = kinds[j - 1] == "task"
            best[i][j], choice[i][j] = (take, True) if take > skip or (later and take == skip) else (skip, False)
    cols, i, j = [], n, m
    while i > 0:
        if choice[i][j]:
            cols.append(j - 1)
            i -= 1
        j -= 1
    return cols[::-1]


def _merged(kinds: list[ColumnKind], texts: list[str]) -> list[int]:
    """Column for each of more cells than columns: non-decreasing, every cell in the column it fits best
    given the ones before (the number column holds one cell)."""
    n, m = len(texts), len(kinds)
    neg = -10**9
    best = [[neg] * m for _ in range(n)]  # best[i][j]: cells 0..i placed, cell i in column j
    back = [[0] * m for _ in range(n)]
    for j in range(m):
        best[0][j] = _fit(kinds[j], texts[0])
    for i in range(1, n):
        for j in range(m):
            here = _fit(kinds[j], texts[i])
            options = [(best[i - 1][k], k) for k in range(j + 1) if not (k == j and kinds[j] == "number")]
            score, k = max(options, default=(neg, 0))
            best[i][j], back[i][j] = score + here, k
    j = max(range(m), key=lambda c: best[n - 1][c])
    cols = [j]
    for i in range(n - 1, 0, -1):
        j = back[i][j]
        cols.append(j)
    return cols[::-1]


def find_tables(doc: ParsedDocument) -> list[list[Row]]:
    """Every table of the document in any of the shapes `table_rows.py` reads, as rows."""
    return tab_and_pipe_tables(doc) + line_tables(doc, lambda texts: header_kinds(texts) is not None, more_cells)


def table_drafts(doc: ParsedDocument, base_year: int | None, tables: list[list[Row]] | None = None) -> list[Draft]:
    """One draft per data row of every task table in the document."""
    drafts: list[Draft] = []
    for rows in find_tables(doc) if tables is None else tables:
        drafts.extend(_table(doc, rows, base_year))
    return drafts


def _table(doc: ParsedDocument, rows: list[Row], base_year: int | None) -> list[Draft]:
    """Drafts of one table: find the header, refine it, then read each data row, carrying merged cells down."""
    kinds: list[ColumnKind] | None = None
    carried_span: dict[int, tuple[int, int]] = {}
    out: list[Draft] = []
    last_task = ""  # the task cell of the row before, as far as its lines go
    for row in rows:
        if kinds is None:
            kinds = header_kinds(row.texts)
            continue
        if out and _continues(kinds, row, last_task):
            last_task += _cell(kinds, row, "task")
            out[-1].title, out[-1].end = _first_sentence(last_task), max(out[-1].end, row.cells[-1][1])
            continue
        refined = _subheader(kinds, row.texts) if not out else None
        if refined:
            kinds = refined
            continue
        if header_kinds(row.texts):
            kinds, carried_span = header_kinds(row.texts), {}
            continue
        if sum(bool(t.strip()) for t in row.texts) <= 1:
            continue  # a group heading inside the table
        values = _values(kinds, row, carried_span)
        draft = _draft(doc, row, kinds, values, base_year)
        if draft:
            out.append(draft)
            last_task = _cell(kinds, row, "task")
    return out


def _cell(kinds: list[ColumnKind], row: Row, kind: ColumnKind) -> str:
    """The row's own text under the last column of a kind ("" where it has none)."""
    cols = [c for c, k in enumerate(kinds) if k == kind and c < len(row.texts)]
    return row.texts[cols[-1]].strip() if cols else ""


def _continues(kinds: list[ColumnKind], row: Row, last_task: str) -> bool:
    """A drawn table's next line of the same row: its columns laid out, the number cell empty, the task cell going on
    from a task cell the line before cut mid-sentence ("…村落固体废弃物处置、" / "医院污水处置等工程。")."""
    task_col = max((c for c, k in enumerate(kinds) if k == "task"), default=len(kinds))
    return (task_col < len(row.texts) <= len(kinds) and "number" in kinds and not _cell(kinds, row, "number")
            and bool(_cell(kinds, row, "task")) and bool(last_task) and not _SENTENCE_END.search(last_task[-1:]))


def _first_sentence(text: str) -> str:
    """A task cell's first sentence without its leading number: the task's title."""
    text = _LEADING_NUMBER.sub("", text, count=1)
    m = _SENTENCE_END.search(text)
    return (text[:m.start()] if m else text).strip()


def _values(kinds: list[ColumnKind], row: Row, carried: dict[int, tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """Each column's cell span for a data row. A column the row lacks (a merged cell the
    flattening dropped), or an empty lead/responsible cell (a merged cell kept empty: every
    task has someone in charge), takes the value of the row above; `carried` is updated."""
    values: dict[int, tuple[int, int]] = {}
    for cell, col in zip(range(len(row.texts)), align(kinds, row.texts), strict=False):
        values[col] = (values[col][0], row.cells[cell][1]) if col in values else row.cells[cell]
    for col, kind in enumerate(kinds):
        missing = col not in values or (kind in ("lead", "responsible") and values[col][0] == values[col][1])
        if missing and kind != "number" and col in carried:
            values[col] = carried[col]
    carried.update(values)
    return values


def _labelled_units(cell: str) -> list[tuple[str, Role]]:
    """Units of a cell that labels them itself ("牵头单位：A 责任单位：B、C"), with the labels' roles (beside a
    lead label, 责任单位 names the others); [] for a cell without unit labels."""
    fields = [f for f in labelled_fields(cell) if f.kind == "units"]
    if not fields:
        return []
    beside = any(f.fixed_role and f.role == "lead" for f in fields)
    return [pair for f in fields for pair in units_of(cell, f, None, beside)[0]]


def _draft(doc: ParsedDocument, row: Row, kinds: list[ColumnKind], values: dict[int, tuple[int, int]],
           base_year: int | None) -> Draft | None:
    """The task of one aligned row, or None when it has no task text or no unit and no deadline."""
    def text_of(col: int) -> str:  # the cell (own or carried down) under column `col`; one written a name a
        s, e = values.get(col, (0, 0))  # line ("县交通局" / "县城投公司") is a list of them
        cell = doc.text[s:e]
        return re.sub(r"\s*\n\s*", "、", cell.strip()) if kinds[col] in _UNIT_KINDS else cell

    task_cols = [c for c, k in enumerate(kinds) if k == "task" and text_of(c).strip()]
    if not task_cols:
        return None
    units: list[tuple[str, Role]] = []
    lists: list[list[str]] = []
    for col, kind in enumerate(kinds):
        if kind in _UNIT_KINDS and text_of(col).strip():
            labelled = _labelled_units(text_of(col))
            if labelled:  # "牵头单位:市文广旅游局 责任单位:各县(市、区)政府": the cell's own labels decide
                units.extend(labelled)
                lists.append([name for name, _ in labelled])
                continue
            # beside a 牵头单位 column, the 责任单位 column names the others
            cjk = is_cjk_text(text_of(col))
            role: Role = "participant" if kind == "responsible" and "lead" in kinds and cjk else kind  # type: ignore[assignment]
            mentions = parse_units(text_of(col), role, fixed_role=kind != "responsible")
            if not any(looks_like_unit(m.name) for m in mentions):
                continue  # a note that slid under the column ("截至目前…", "协调不了…"): a row that lost cells
            units.extend((m.name, m.role) for m in mentions)
            lists.append([m.name for m in mentions])
    deadlines = [d for col, kind in enumerate(kinds) if kind == "deadline" and text_of(col).strip()
                 for d in parse_deadline_field(text_of(col), base_year)]
    if not units and not deadlines:
        return None
    filled = [span for span in row.cells if span[1] > span[0]]
    number_col = next((c for c, k in enumerate(kinds) if k == "number"), None)
    number = text_of(number_col).strip() if number_col is not None and number_col in values else ""
    title = _first_sentence(text_of(task_cols[-1]).strip())
    section = row.block.section
    if row.block.table and not section.endswith(row.block.table):  # annex rows already end with it
        section = " > ".join(p for p in (section, row.block.table) if p)
    return Draft(number=number, section=section, page=row.block.page, start=filled[0][0], end=filled[-1][1],
                 title=title, units=units, unit_lists=lists, deadlines=deadlines)
