"""Task records: numbered measures that carry responsibility or a deadline (CONTRACT.md `Task`).

A measure is a numbered block (heading or list item, or a bulleted paragraph) together with
the unnumbered paragraphs that follow it up to the next numbered block (`items.py` decides
which blocks form one measure); it becomes a task when it holds a responsibility or deadline
field (`[责任单位:…]`, `(责任单位:…。完成时限:…)`, "牵头单位：…；配合单位：…" lines, "Lead agency:
…; Deadline: …", or a bracket such as `(省水利厅牵头,省财政厅配合)`), or when its own line
states a dated limit ("2024年6月底前完成…", "by the end of 2025"). `scope.py` adds the
measures a document states without a note (the work part of an action plan, the undated
siblings of dated items). Rows of 任务分工 tables are tasks too (`tables.py`), or give a
measure of the text its units when they name it.

A unit note is read under the conventions the document has stated before it
(`conventions.py`: 列第一位者为牵头单位，下同); a heading can name the lead of every item under it
(`group_lead.py`: "一、县农业农村局牵头工作（6项）"). A Chinese task's deadlines are its deadline
field's plus every other time expression its text states (`find_item_deadlines`).

Units are normalised once per document, after every task is read, because the rules that
fix typos and abbreviations compare a name with the other names the document uses.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from ingest.models import Block, Citation, Deadline, ParsedDocument, Role, Task, Unit, page_at
from ingest.read.table_grid import trim_span
from ingest.recognise.deadlines import (
    find_body_deadlines,
    find_item_deadlines,
    parse_deadline_field,
    year_from,
)
from ingest.recognise.periods import annual_year
from ingest.recognise.units import alias_table, is_cjk_text, normalize_names
from ingest.tasks.conventions import LeadRules, lead_rules
from ingest.tasks.english import with_english_tasks
from ingest.tasks.fields import Draft, Field, dangling_label, fields_in, units_of
from ingest.tasks.group_lead import duty_holder, heading_lead
from ingest.tasks.items import BULLET, attach_group_annotations, measure_items, split_inline, split_item
from ingest.tasks.scope import states_aims, states_work, unannotated_tasks, works_throughout
from ingest.tasks.tables import find_tables, table_drafts

_SENTENCE_END = re.compile(r"[。！？!?]|\.(?=\s|$)")
_DATE_LINE = re.compile(r"^\s*((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$", re.M)
_LABEL = re.compile(r"^\s*([^:：。;；,，、()（）]{2,16})[:：](?!\s*$)")
MIN_ANNOTATED = 2
_ROLE_STRENGTH = {"lead": 2, "responsible": 1, "participant": 0}


@dataclass(frozen=True)
class Context:
    """What every item of a document is read against: its year and its stated lead rules."""

    base_year: int | None
    rules: LeadRules


def extract_tasks(doc: ParsedDocument) -> list[Task]:
    """Every task of the document, in text order, with normalised units and parsed deadlines.

    Items with a field (or a dated limit on their line) are tasks first; `scope.py` then adds
    the unannotated items of the operative part and the unannotated siblings of tasks.
    """
    ctx = Context(document_year(doc), lead_rules(doc.text))
    tables = find_tables(doc)
    in_tables = {b.start for rows in tables for row in rows for b in row.parts if b.kind != "table_row"}
    items = [piece for item in attach_group_annotations(doc, measure_items(doc, in_tables))
             for part in split_item(doc, item) for piece in split_inline(doc, part)]
    found = [prose_draft(doc, item, ctx) for item in items]
    # unit notes, or a task table: the document marks its tasks itself (one item naming who in passing,
    # "…日常管理主要由项目单位负责", does not make a notice an annotated plan)
    annotated = sum(1 for d in found if d is not None and d.units) >= MIN_ANNOTATED or any(len(rows) > 1 for rows in tables)
    whole_body = works_throughout(doc.title or "", items, annotated)
    reforms = not annotated and not whole_body and states_work(doc.title or "")
    for i in unannotated_tasks(doc.text, items, [d is not None for d in found], whole_body, reforms):
        found[i] = prose_draft(doc, items[i], ctx, bare=True)
    for i, item in enumerate(items):
        draft = found[i]
        if draft is not None and any(role != "participant" for _, role in draft.units):
            continue  # the item's own note names who is responsible
        holder = duty_holder(doc.text[item[0].start:item[0].end], item[0].section) \
            if draft is None and len(item) > 1 else None
        if holder:
            draft = prose_draft(doc, item, ctx, bare=True)
            if draft is not None:  # "四、职责分工 / (三)区财政局 / 负责…": the heading names who
                draft.units, draft.unit_lists = [(holder, "responsible")], [[holder]]
                duty = doc.text[item[1].start:item[1].end].strip()
                draft.title = re.split(r"[。；;，,]", duty, maxsplit=1)[0][:40] or draft.title  # the duty, not the unit
                found[i] = draft
            continue
        if lead := heading_lead(item[0].section):
            draft = draft or prose_draft(doc, item, ctx, bare=True)
            if draft is not None:  # the heading leads; a note of partners ("…配合") adds to it
                draft.units, draft.unit_lists = [(n, "lead") for n in lead] + draft.units, [lead, *draft.unit_lists]
                found[i] = draft
    drafts = merge_table_rows([d for d in found if d is not None], table_drafts(doc, ctx.base_year, tables))
    drafts.sort(key=lambda d: d.start)
    names = normalize_names([lst for d in drafts for lst in d.unit_lists], alias_table())
    return with_english_tasks(doc, [_finish(doc, d, names) for d in drafts])


_TITLE_NOISE = re.compile(r"[\s,，、;；:：.。!！?？\"“”'‘’()（）]")
TITLE_KEY = 8  # measures and table rows are matched by their titles' first characters
MIN_TITLE_KEY = 4


def _title_key(title: str) -> str:
    """A title without spaces and punctuation, to compare a table's wording with the text's."""
    return _TITLE_NOISE.sub("", title)


def merge_table_rows(prose: list[Draft], rows: list[Draft]) -> list[Draft]:
    """A 任务分工 table that assigns the measures the text lists: a row whose task is a measure
    without a note ("1.加快高速公路建设。…" / row "加快高速公路建设 | 省交通运输厅 | …") gives
    that measure its units (and deadlines when the text states none) instead of being a second
    task. Titles match when one begins with the other."""
    by_key: dict[str, list[Draft]] = {}
    for d in prose:
        key = _title_key(d.title)
        if not d.units and len(key) >= MIN_TITLE_KEY:
            by_key.setdefault(key[:TITLE_KEY], []).append(d)
    out = list(prose)
    for row in rows:
        key = _title_key(row.title)
        candidates = [d for n in range(MIN_TITLE_KEY, TITLE_KEY + 1) for d in by_key.get(key[:n], [])]
        match = next((d for d in candidates if not d.units and
                      (key.startswith(_title_key(d.title)) or _title_key(d.title).startswith(key))), None)
        if match is None or len(key) < MIN_TITLE_KEY:
            out.append(row)
            continue
        match.units, match.unit_lists = row.units, row.unit_lists
        match.deadlines = match.deadlines or row.deadlines
    return out


def document_year(doc: ParsedDocument) -> int | None:
    """The year the document is dated in, for year-less deadlines (年底前): metadata, else its date line, else
    the year an annual programme's title names ("2024年工作要点": its "5月底前" is May 2024)."""
    year = year_from(doc.meta.date)
    if year:
        return year
    m = _DATE_LINE.search(doc.text)
    return int(m.group(1)) if m else annual_year(doc.title) if doc.lang == "zh" else None


def prose_draft(doc: ParsedDocument, blocks: list[Block], ctx: Context, bare: bool = False) -> Draft | None:
    """The task a numbered item states, or None when it names no responsibility and no deadline.

    `bare`: the item is a task without a field (scope.py); its deadlines come from its text.
    """
    head = blocks[0]
    found = [] if bare else _item_fields(doc, blocks)
    unit_fields = [f for f in found if f.kind == "units"]
    # a weak deadline label (时间安排, Timeline) counts only beside units
    deadline_fields = [f for f in found if f.kind == "deadline" and (unit_fields or not f.fixed_role)]
    fields = unit_fields + deadline_fields
    # a heading line with no items of its own ("一、各地自查") states its duty in the paragraph under it
    said = blocks[1] if len(blocks) > 1 and "。" not in doc.text[head.start:head.end] and \
        not _has_items(doc, head, blocks[-1]) else head
    if not (bare or fields or (find_body_deadlines(_masked(doc.text, head.start, said.end, fields), ctx.base_year)
                               and not states_aims(doc.text, head))):
        return None
    start, end = _extent(doc, blocks, fields)
    units, lists, dated = _read_units(doc.text, unit_fields, ctx.rules)
    deadlines = _deadlines(doc.text, start, end, fields, deadline_fields, dated, ctx.base_year)
    number, title = _number_and_title(doc.text, head, fields)
    return Draft(number=number, section=head.section, page=head.page, start=start, end=end, title=title,
                 units=units, unit_lists=lists, deadlines=deadlines)


def _has_items(doc: ParsedDocument, head: Block, last: Block) -> bool:
    """Whether numbered items follow the heading's paragraphs under it ("四、考核程序 / 说明… / (一)…"): then the
    paragraph introduces them and the items are the measures."""
    after = next((b for b in doc.blocks if b.start >= last.end and b.kind in ("heading", "list_item")), None)
    own = doc.text[head.start:head.end].split("\n", 1)[0].strip()
    return after is not None and after.section.rsplit(" > ", 1)[-1].strip() == own


def _extent(doc: ParsedDocument, blocks: list[Block], fields: list[Field]) -> tuple[int, int]:
    """The span a task cites: through its last annotation; a bare heading line takes the
    paragraphs under it (its text is there); a bare numbered paragraph is itself."""
    head = blocks[0]
    if fields:
        end = max([head.end] + [f.ann_end for f in fields])
    elif head.kind == "heading":
        end = blocks[-1].end
    else:
        end = head.end
    return _trimmed(doc.text, head.start, end)


def _read_units(text: str, unit_fields: list[Field], rules: LeadRules) -> tuple[list[tuple[str, Role]], list[list[str]], list[str]]:
    """Units of every units field, each read under the lead rule in force where it stands.

    A 责任单位 list beside a 牵头单位 list of the same item names the others (participants):
    the document has said who leads.
    """
    units: list[tuple[str, Role]] = []
    lists: list[list[str]] = []
    dated: list[str] = []
    beside = any(g.fixed_role and g.role == "lead" and is_cjk_text(text[g.start:g.end]) for g in unit_fields)
    for f in unit_fields:
        pairs, names, clauses = units_of(text, f, rules.at(f.ann_end), beside)
        units.extend(pairs)
        lists.append(names)
        dated.extend(clauses)
    return units, lists, dated


def _deadlines(text: str, start: int, end: int, fields: list[Field], deadline_fields: list[Field],
               dated: list[str], base_year: int | None) -> list[Deadline]:
    """The deadline field's (or the unit note's dated clauses), then every other time expression
    the task's own text states (its notes blanked out); an English text keeps to its field."""
    stated = [d for f in deadline_fields for d in parse_deadline_field(text[f.start:f.end], base_year)]
    stated = stated or [d for c in dated for d in parse_deadline_field(c, base_year)]
    if stated and not is_cjk_text(text[start:end]):
        return stated
    seen = {(d.date, d.kind) for d in stated if d.date} | {d.text for d in stated}
    body = [d for d, _, _ in find_item_deadlines(_masked(text, start, end, fields), base_year)]
    return stated + [d for d in body if d.text not in seen and ((d.date, d.kind) not in seen or not d.date)]


def _item_fields(doc: ParsedDocument, blocks: list[Block]) -> list[Field]:
    """The fields of an item's blocks; a label ending its line takes the next paragraph as its value."""
    found: list[Field] = []
    pending: Field | None = None
    for b in blocks:
        text = doc.text[b.start:b.end]
        if pending is not None:
            s, e = _trimmed(doc.text, b.start, b.end)
            found.append(replace(pending, start=s, end=e, ann_end=e))
            pending = None
            continue
        found.extend(fields_in(text, b.start))
        dangling = dangling_label(text)
        if dangling:
            pending = replace(dangling, start=b.start + dangling.start, end=b.start + dangling.end,
                              ann_start=b.start + dangling.ann_start, ann_end=b.start + dangling.ann_end)
    return found


def _masked(text: str, start: int, end: int, fields: list[Field]) -> str:
    """text[start:end] with annotations blanked out (same length, so offsets stay valid)."""
    chars = list(text[start:end])
    for f in fields:
        for i in range(max(f.ann_start, start), min(f.ann_end, end)):
            chars[i - start] = " "
    return "".join(chars)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding whitespace: citations quote the measure, not its indentation."""
    return trim_span(text, start, end)


_EN_ACTION = re.compile(r"^\s*((?:Action|Commitment|Measure|Step|Objective|Priority|Initiative)\s+[A-Z]?\d{1,3}(?:\.\d{1,2})?[a-z]?)"
                        r"\s*(?::|\.|\s[-–—])\s*(?=\S)")


def _number_and_title(text: str, head: Block, fields: list[Field]) -> tuple[str, str]:
    """The item's number as written and its first sentence without number or annotation."""
    line = text[head.start:head.end]
    offset = len(line) - len(line.lstrip())
    number = head.number or ""
    bullet = BULLET.match(line)
    if not number and bullet:
        number = bullet.group(1)
        offset = bullet.end()
    elif number and line[offset:].startswith(number):
        offset += len(number)
    inside = [f for f in fields if head.start <= f.ann_start < head.end]
    stop = min([f.ann_start - head.start for f in inside] + [len(line)])
    rest = line[offset:stop]
    if not rest.strip() and inside:  # the annotation comes first: "1.【牵头单位:…】推进…"
        after = min(f.ann_end for f in inside if f.ann_start - head.start == stop) - head.start
        later = [f.ann_start - head.start for f in inside if f.ann_start - head.start >= after]
        rest = line[after:min(later + [len(line)])]
    action = _EN_ACTION.match(rest) if not number else None
    if action:  # "Action 1: Introduce a clean air zone": numbered by its label, named by what follows
        number, rest = action.group(1), rest[action.end():]
    label = _LABEL.match(rest) if not number else None
    if label:  # a labelled sub-item ("金融支持:…") is named by its label
        return "", label.group(1).strip()
    m = _SENTENCE_END.search(rest)
    title = rest[:m.start()] if m else rest
    return number.strip(), title.strip().rstrip("。.;；,，:：").strip()


def _finish(doc: ParsedDocument, d: Draft, names: dict[str, str]) -> Task:
    """A draft with its units normalised, de-duplicated, and its citation."""
    units: list[Unit] = []
    seen: dict[str, int] = {}
    for name, role in d.units:
        norm = names.get(name, name)
        if norm in seen:  # named in two notes: once, with its strongest role
            k = seen[norm]
            if _ROLE_STRENGTH[role] > _ROLE_STRENGTH[units[k].role]:
                units[k] = replace(units[k], role=role)
            continue
        seen[norm] = len(units)
        units.append(Unit(name=name, normalized=norm, role=role))
    task_id = hashlib.sha256(f"{doc.doc_id}:{d.start}:{d.end}".encode()).hexdigest()[:16]
    page = page_at(doc.page_starts, d.start) if doc.page_starts else d.page
    cite = Citation(doc_id=doc.doc_id, source=doc.source, section=d.section, page=page, start=d.start, end=d.end,
                    quote=doc.text[d.start:d.end])
    return Task(task_id=task_id, doc_id=doc.doc_id, source=doc.source, number=d.number, section=d.section,
                title=d.title, text=cite.quote, units=units, deadlines=d.deadlines,
                ongoing=any(x.kind == "ongoing" for x in d.deadlines), citation=cite)

