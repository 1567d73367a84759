"""Task records: numbered measures that carry responsibility or a deadline (CONTRACT.md `Task`).

A measure is a numbered block (heading or list item, or a bulleted paragraph) together with
the unnumbered paragraphs that follow it up to the next numbered block (`task_items.py`
decides which blocks form one measure); it becomes a task when it holds a responsibility or deadline field (`[责任单位:…]`, `(责任单位:…。完成时限:…)`,
"牵头单位：…；配合单位：…" lines, "Lead agency: …; Deadline: …", or a bracket such as
`(省水利厅牵头,省财政厅配合)`), or when its own line states a dated limit ("2024年6月底前
完成…", "by the end of 2025"). Rows of 任务分工 tables are tasks too (`task_tables.py`).

Units are normalised once per document, after every task is read, because the rules that
fix typos and abbreviations compare a name with the other names the document uses.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from ingest.models import Block, Citation, ParsedDocument, Role, Task, Unit, page_at
from ingest.recognise.deadlines import find_body_deadlines, parse_deadline_field, year_from
from ingest.recognise.units import alias_table, normalize_names
from ingest.tasks.english import with_english_tasks
from ingest.tasks.fields import Draft, Field, dangling_label, fields_in, units_of
from ingest.tasks.items import BULLET, attach_group_annotations, measure_items, split_item
from ingest.tasks.tables import table_drafts

_SENTENCE_END = re.compile(r"[。！？!?]|\.(?=\s|$)")
_DATE_LINE = re.compile(r"^\s*((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$", re.M)


def extract_tasks(doc: ParsedDocument) -> list[Task]:
    """Every task of the document, in text order, with normalised units and parsed deadlines."""
    base_year = document_year(doc)
    items = [part for item in attach_group_annotations(doc, measure_items(doc)) for part in split_item(doc, item)]
    drafts = [d for item in items if (d := prose_draft(doc, item, base_year))]
    drafts.extend(table_drafts(doc, base_year))
    drafts.sort(key=lambda d: d.start)
    names = normalize_names([lst for d in drafts for lst in d.unit_lists], alias_table())
    return with_english_tasks(doc, [_finish(doc, d, names) for d in drafts])


def document_year(doc: ParsedDocument) -> int | None:
    """The year the document is dated in, for year-less deadlines (年底前): metadata, else its date line."""
    year = year_from(doc.meta.date)
    if year:
        return year
    m = _DATE_LINE.search(doc.text)
    return int(m.group(1)) if m else None


def prose_draft(doc: ParsedDocument, blocks: list[Block], base_year: int | None) -> Draft | None:
    """The task a numbered item states, or None when it names no responsibility and no deadline."""
    head = blocks[0]
    found = _item_fields(doc, blocks)
    unit_fields = [f for f in found if f.kind == "units"]
    # a weak deadline label (时间安排, Timeline) counts only beside units
    deadline_fields = [f for f in found if f.kind == "deadline" and (unit_fields or not f.fixed_role)]
    fields = unit_fields + deadline_fields
    units: list[tuple[str, Role]] = []
    lists: list[list[str]] = []
    dated_clauses: list[str] = []
    for f in unit_fields:
        pairs, names, dated = units_of(doc.text, f)
        units.extend(pairs)
        lists.append(names)
        dated_clauses.extend(dated)
    deadlines = [d for f in deadline_fields for d in parse_deadline_field(doc.text[f.start:f.end], base_year)]
    if not deadline_fields:
        deadlines = [d for c in dated_clauses for d in parse_deadline_field(c, base_year)]
    if not deadlines:
        deadlines = [d for d, _, _ in find_body_deadlines(_masked(doc.text, head, fields), base_year)]
    if not unit_fields and not deadlines:
        return None
    start, end = _trimmed(doc.text, head.start, max([head.end] + [f.ann_end for f in fields]))
    number, title = _number_and_title(doc.text, head, fields)
    return Draft(number=number, section=head.section, page=head.page, start=start, end=end, title=title,
                 units=units, unit_lists=lists, deadlines=deadlines)


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


def _masked(text: str, head: Block, fields: list[Field]) -> str:
    """The head line with annotations blanked out (same length, so offsets stay valid)."""
    chars = list(text[head.start:head.end])
    for f in fields:
        for i in range(max(f.ann_start, head.start), min(f.ann_end, head.end)):
            chars[i - head.start] = " "
    return "".join(chars)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding whitespace: citations quote the measure, not its indentation."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


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
    m = _SENTENCE_END.search(rest)
    title = rest[:m.start()] if m else rest
    return number.strip(), title.strip().rstrip("。.;；,，:：").strip()


def _finish(doc: ParsedDocument, d: Draft, names: dict[str, str]) -> Task:
    """A draft with its units normalised, de-duplicated, and its citation."""
    units: list[Unit] = []
    seen: set[str] = set()
    for name, role in d.units:
        norm = names.get(name, name)
        if norm in seen:
            continue
        seen.add(norm)
        units.append(Unit(name=name, normalized=norm, role=role))
    task_id = hashlib.sha256(f"{doc.doc_id}:{d.start}:{d.end}".encode()).hexdigest()[:16]
    page = page_at(doc.page_starts, d.start) if doc.page_starts else d.page
    cite = Citation(doc_id=doc.doc_id, source=doc.source, section=d.section, page=page, start=d.start, end=d.end,
                    quote=doc.text[d.start:d.end])
    return Task(task_id=task_id, doc_id=doc.doc_id, source=doc.source, number=d.number, section=d.section,
                title=d.title, text=cite.quote, units=units, deadlines=d.deadlines,
                ongoing=any(x.kind == "ongoing" for x in d.deadlines), citation=cite)

