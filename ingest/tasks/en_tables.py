"""English tasks from tables: milestone grids and action outlines.

Plans in English put responsibilities in tables of two shapes:
- grids whose header names a task column (Milestone, Action, Task, Activity, Measure,
  Deliverable) beside unit columns (Lead, Partners, Responsible Party, Owner) or a time column
  (Target Date, Deadline, Timeframe, Due): one task per data row;
- action outlines, label/value rows ("Action name | 1. Continue to …", "Action outline | Heat pump pilot …", "Responsible bodies/person
  for implementation | Transition Team", "Involved stakeholders | …"), one action per "Action
  name" row, its later rows (even across a page's table break) filling it in.
Rows come from Markdown pipe tables ("| a | b |") and from flattened tables (`table_row` blocks).
What a unit cell says is read by `en_cells.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.models import ParsedDocument, Role
from ingest.recognise.deadlines import parse_deadline_field
from ingest.tasks.en_cells import cell_units
from ingest.tasks.en_outline import Para
from ingest.tasks.en_prose import EnDraft

_TASK_COL = re.compile(r"^(?:list\s+of\s+)?(?:milestones?|actions?|tasks?|activit(?:y|ies)|measures?|deliverables?|"
                       r"initiatives?|steps?|outputs?|commitments?|recommendations?)\b", re.I)
_COLUMNS: list[tuple[str, re.Pattern[str]]] = [
    ("deadline", re.compile(r"target\s+date|deadline|\bdue\b|time\s*line|time\s*frame|time\s*scale|timing|completion|"
                            r"by\s+when|delivery\s+date|^dates?$|^when$|schedule", re.I)),
    ("lead", re.compile(r"\blead|\bled\s+by|coordinat", re.I)),
    ("participant", re.compile(r"partner|support|particip|collaborat|involved|contribut|stakeholder", re.I)),
    ("responsible", re.compile(r"responsib|owner|accountab|implementing|^required\b|applies\s+to|applicab", re.I)),
]
_KV_NAME = re.compile(r"^(?:action|task|measure|milestone|project|initiative)\s+(?:name|title|outline)$", re.I)
_KV_FIELDS: list[tuple[str, re.Pattern[str]]] = [
    ("responsible", re.compile(r"^(?:responsib|owner|accountab)", re.I)),
    ("lead", re.compile(r"^lead", re.I)),
    ("participant", re.compile(r"^(?:involved|partners?\b|supporting|stakeholders?\b|contributors?)", re.I)),
    ("deadline", re.compile(r"^(?:deadline|time\s*line|time\s*frame|time\s*scale|target\s+date|due\s+date|"
                            r"completion\s+date|delivery\s+date)s?$", re.I)),
]
_ROLES: dict[str, Role] = {"lead": "lead", "participant": "participant", "responsible": "responsible"}
_SEPARATOR = re.compile(r"^\|?[\s:|\-]+\|?$")
_MARKUP = re.compile(r"\*\*|__|<br\s*/?>")


@dataclass
class _Row:
    cells: list[tuple[int, int]]  # absolute spans, trimmed
    texts: list[str]  # cell texts without Markdown emphasis


def _cell(text: str, s: int, e: int) -> tuple[int, int]:
    """A cell's span without blanks, and without the emphasis of a wholly bold cell ("**Milestone**")."""
    while s < e and text[s] in " \t":
        s += 1
    while e > s and text[e - 1] in " \t":
        e -= 1
    if e - s > 4 and text.startswith("**", s) and text.endswith("**", s, e) and "**" not in text[s + 2:e - 2]:
        s, e = s + 2, e - 2
    return s, e


def _unlabelled(text: str, s: int, e: int) -> int:
    """A cell's start after a bold label ("**7.1** Make …" starts at "Make")."""
    m = re.match(r"\*\*[^*\n]{1,12}\*\*\s*", text[s:e])
    return s + m.end() if m else s


def _pipe_row(text: str, p: Para) -> _Row | None:
    """The cells of one Markdown table line, or None for the |---| separator."""
    line = text[p.start:p.end]
    if _SEPARATOR.match(line):
        return None
    bars = [p.start + i for i, ch in enumerate(line) if ch == "|"]
    if line.startswith("|"):
        bars = bars[1:]
    starts = [p.start + 1 if line.startswith("|") else p.start] + [b + 1 for b in bars]
    cells = [_cell(text, s, e) for s, e in zip(starts, bars + [p.end], strict=False) if e > s or e == s]
    cells = cells[:len(bars)] if line.rstrip().endswith("|") else cells
    return _Row(cells, [" ".join(_MARKUP.sub(" ", text[s:e]).split()) for s, e in cells])


def _tables(doc: ParsedDocument, paras: list[Para]) -> list[tuple[list[_Row], str]]:
    """Tables as (rows, section): runs of pipe lines, and runs of flattened-table blocks."""
    tables: list[tuple[list[_Row], str]] = []
    previous = -2
    for p in paras:
        if p.kind != "table" or doc.text.startswith("\t", p.start):
            continue
        if doc.text.count("\n", previous, p.start) != 1:  # text between two tables
            tables.append(([], p.section))
        previous = p.end
        row = _pipe_row(doc.text, p)
        if row:
            tables[-1][0].append(row)
        elif tables[-1][0]:  # |---| under a header: the header opens a new table
            header = tables[-1][0].pop()
            tables.append(([header], p.section))
    last_kind = ""
    for b in doc.blocks:
        if b.kind == "table_row" and b.cells:
            cells = [_cell(doc.text, c.start, c.end) for c in b.cells]
            if last_kind != "table_row":
                tables.append(([], b.section))
            tables[-1][0].append(_Row(cells, [doc.text[s:e] for s, e in cells]))
        last_kind = b.kind
    return tables


def _header(row: _Row) -> list[str] | None:
    """Column kinds of a grid's header row, or None when the row does not head a task grid (an outline's
    label/value row, "| Action outline | Utility Construction Coordination |", heads nothing)."""
    first = next((t for t in row.texts if t.strip()), "")
    if _is_label(first.strip()) or _NAME_LABEL_FIRST.match(first):
        return None
    kinds = []
    for t in row.texts:
        t = t.strip()
        kind = "task" if _TASK_COL.match(t) and len(t) <= 40 else \
            next((k for k, pat in _COLUMNS if pat.search(t) and len(t) <= 40), "other")
        kinds.append(kind)
    if "task" in kinds and any(k != "task" and k != "other" for k in kinds):
        return kinds
    return None


def _grid(text: str, rows: list[_Row], section: str, kinds: list[str] | None = None) -> tuple[list[EnDraft], list[str] | None]:
    """One task per data row below a task grid's header (`kinds`: the header of the grid a page break cut this
    table from, when its rows have as many cells); the drafts and the header in force at the end."""
    out: list[EnDraft] = []
    if kinds is not None and any(len(r.cells) != len(kinds) for r in rows[:3]):
        kinds = None
    going_on = kinds is not None  # this part's rows go on from the page before
    for row in rows:
        head = _header(row)
        if head:
            kinds = head
            continue
        if kinds is None:
            continue
        # "Activity | Action | …": of several task columns the row's measure is the one that says most
        cols = [i for i, k in enumerate(kinds) if k == "task" and i < len(row.cells) and row.texts[i]]
        if not cols:
            continue
        task_col = max(cols, key=lambda i: len(row.texts[i]))
        if (out or going_on) and row.texts[task_col][:1].islower():
            continue  # "a range of working practices …": the row before goes on after a page break, no new action
        units: list[tuple[str, Role]] = []
        deadlines = []
        for kind, t in zip(kinds, row.texts, strict=False):
            if kind in _ROLES:
                units.extend(cell_units(t, _ROLES[kind]))
            elif kind == "deadline" and t:
                deadlines.extend(parse_deadline_field(t))
        s, e = row.cells[task_col]
        out.append(EnDraft(_unlabelled(text, s, e), e, _leading_number(row.texts[task_col]),
                           section, _first_sentence(row.texts[task_col]), units, deadlines))
    return out, kinds


def _outlines(tables: list[tuple[list[_Row], str]]) -> list[EnDraft]:
    """Action outlines: label/value rows, one task per "Action name" row (across table breaks)."""
    out: list[EnDraft] = []
    current: EnDraft | None = None
    for rows, section in tables:
        for row in rows:
            label, value = _label_value(row)
            if label is None or value is None:
                continue
            if _KV_NAME.match(label):
                s, e = row.cells[value]
                text = row.texts[value]
                current = EnDraft(s, e, _leading_number(text), section, _first_sentence(text), [])
                out.append(current)
                continue
            kind = next((k for k, pat in _KV_FIELDS if pat.match(label)), None)
            if current is None or kind is None:
                continue
            if kind == "deadline":
                current.deadlines.extend(parse_deadline_field(row.texts[value]))
            else:
                known = {n.lower() for n, _ in current.units}
                current.units.extend(u for u in cell_units(row.texts[value], _ROLES[kind])
                                     if u[0].lower() not in known)
    return out


def _label_value(row: _Row) -> tuple[str | None, int | None]:
    """The first cell that is a known label, and the index of the first filled cell after it."""
    for i, t in enumerate(row.texts):
        t = t.strip()
        if _is_label(t):
            value = next((j for j in range(i + 1, len(row.texts)) if row.texts[j].strip()), None)
            if value is not None and (_is_label(row.texts[value].strip()) or _NAME_LABEL_FIRST.match(row.texts[value])):
                continue  # "| Action outline | Action name | 4. Retrofit … |": a group label, then the row's own
            return t, value
    return None, None


# a cell that opens with a name label ("Action name<br>Action type", cells a conversion merged) is a label, no value
_NAME_LABEL_FIRST = re.compile(r"^\s*(?:action|task|measure|milestone|project|initiative)\s+(?:name|title|outline)\b", re.I)


def _is_label(text: str) -> bool:
    return bool(_KV_NAME.match(text) or any(pat.match(text) for _, pat in _KV_FIELDS))


def _leading_number(text: str) -> str:
    m = re.match(r"^\s*(\d+(?:\.\d+)*)\.?\s", text)
    return m.group(1) if m else ""


def _first_sentence(text: str) -> str:
    first = re.split(r"(?<=[a-z)])\.\s|<br\s*/?>", text, maxsplit=1)[0]
    return first.strip()[:120]


def table_drafts(doc: ParsedDocument, paras: list[Para]) -> list[EnDraft]:
    """Tasks from every task grid and action outline of an English document."""
    tables = _tables(doc, paras)
    out: list[EnDraft] = []
    kinds: list[str] | None = None
    for rows, section in tables:  # a grid cut by page breaks goes on under its first part's header
        if not rows:
            continue
        drafts, kinds = _grid(doc.text, rows, section, kinds)
        out.extend(drafts)
    return out + _outlines(tables)
