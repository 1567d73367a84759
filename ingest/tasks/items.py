"""Which blocks form one measure: a numbered block and the paragraphs that belong to it.

Three shapes need more than "a number and the paragraphs below it":
- an annotation line after the last of several unannotated sub-items belongs to their
  parent ("1.完善预案体系 / (1)… / (2)… / (责任单位:…)"): the parent is the measure;
- a heading over unnumbered paragraphs that each carry their own annotation is several
  measures, one per paragraph;
- label lines right under a numbered line ("牵头单位：…" / "完成时限：…") are that line's;
- a paragraph that enumerates measures inline, each with its own note ("一是加强组织领导。…（责任单位：
  市发展改革委）二是强化资金保障。…（责任单位：市财政局）"), is one measure per enumerator.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from ingest.models import Block, ParsedDocument
from ingest.tasks.fields import dangling_label, fields_in

BULLET = re.compile(r"^\s*([●◆■•▪★☆◇□○◎➢►▶✓√])\s*")
# 一是 / 二是 … opening a sentence: the inline enumeration of official prose
_INLINE_ENUM = re.compile(r"(?:^|(?<=[。；;！!？?）)]))\s*(?P<n>[一二三四五六七八九十]{1,3}是)")


def measure_items(doc: ParsedDocument, table_lines: Collection[int] = ()) -> list[list[Block]]:
    """Numbered blocks, each with the unnumbered paragraphs that follow it. Tables end an item:
    flattened rows, and the blocks (by start) of tables written line by line (`table_lines`)."""
    items: list[list[Block]] = []
    current: list[Block] | None = None
    for b in doc.blocks:
        if b.start in table_lines:
            current = None
        elif b.kind in ("heading", "list_item") or (b.kind == "paragraph" and BULLET.match(doc.text[b.start:b.end])):
            current = [b]
            items.append(current)
        elif b.kind == "paragraph" and _DATE_LINE.match(doc.text[b.start:b.end]):
            current = None  # the 落款's date ends the body: a page's footer below it ("主办单位：…") is no item's
        elif b.kind == "paragraph" and current is not None and b.table is None:
            current.append(b)
        else:
            current = None
    return items


_DATE_LINE = re.compile(r"^\s*(?:(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                        r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")


def attach_group_annotations(doc: ParsedDocument, items: list[list[Block]]) -> list[list[Block]]:
    """An annotation on its own line after the last of several unannotated sub-items
    ("1.完善预案体系 / (1)… / (2)… / (责任单位:…)") belongs to their parent: the parent
    becomes one item running through its sub-items to the annotation.
    """
    out = list(items)
    for i, item in enumerate(items):
        parent = _parent_index(items, i)
        if parent is None or not _closes_group(items, i) or not _annotation_tail(doc, item):
            continue
        group = items[parent:i + 1]
        if any(_has_fields(doc, b) for it in group for b in (it if it is not item else it[:1])):
            continue
        merged = [b for it in group for b in it]
        out[parent] = merged
        for k in range(parent + 1, i + 1):
            out[k] = []
    return [it for it in out if it]


def _parent_index(items: list[list[Block]], i: int) -> int | None:
    """The item whose head is the nearest numbered block above item i at a shallower level,
    provided item i is not its first child (one child with a note is that child's own)."""
    level = items[i][0].level
    if level is None or level <= 1:
        return None
    for k in range(i - 1, -1, -1):
        other = items[k][0].level
        if other is None:
            return None
        if other < level:
            return k if k < i - 1 else None
    return None


def _closes_group(items: list[list[Block]], i: int) -> bool:
    """Item i is the last child: the next numbered block (if any) is shallower."""
    if i + 1 >= len(items):
        return True
    level, nxt = items[i][0].level, items[i + 1][0].level
    return level is not None and nxt is not None and nxt < level


def _annotation_tail(doc: ParsedDocument, item: list[Block]) -> bool:
    """The item's head has no fields and its first annotated paragraph is nothing but an annotation."""
    if len(item) < 2 or _has_fields(doc, item[0]):
        return False
    for b in item[1:]:
        if _has_fields(doc, b) or dangling_label(doc.text[b.start:b.end]):
            return _annotation_only(doc, b)
    return False


def _has_fields(doc: ParsedDocument, b: Block) -> bool:
    """The block holds a responsibility or deadline field of its own."""
    return bool(fields_in(doc.text[b.start:b.end], b.start))


def _annotation_only(doc: ParsedDocument, b: Block) -> bool:
    """The paragraph is nothing but an annotation ("(责任单位:…)", "牵头单位：…"), with no text of its own."""
    text = doc.text[b.start:b.end]
    if dangling_label(text) and _starts_with_label(text, b.start):
        return True
    found = fields_in(text, b.start)
    body = text.strip().rstrip("。.;；")
    lead = len(text) - len(text.lstrip())
    return bool(found) and min(f.ann_start for f in found) - b.start <= lead and \
        max(f.ann_end for f in found) - b.start >= lead + len(body)


def split_item(doc: ParsedDocument, blocks: list[Block]) -> list[list[Block]]:
    """Split an item whose paragraphs carry annotations of their own into one measure each.

    An annotated head is the measure, its paragraphs' notes included: a document attaches units at
    the numbered level ("（一）…（甲部负责）" over paragraphs noting "（乙部指导）"), and the item is
    the task, with every unit its notes name. Under a head without a note, several annotated
    paragraphs are a group of measures and the head is only their heading; a single one annotates
    the head. Label-only lines ("牵头单位：…") always stay with the text above them, and a paragraph
    without an annotation stays with the measure it continues.
    """
    head, rest = blocks[0], blocks[1:]
    if not rest or _has_fields(doc, head):
        return [blocks]
    segments = _split_after(doc, rest)
    if segments and segments[0][0] is rest[0] and _starts_with_label(doc.text[rest[0].start:rest[0].end], rest[0].start):
        return [blocks]  # label lines right under the head annotate the head itself
    annotated = [seg for seg in segments if any(_has_fields(doc, b) or _dangling(doc, b) for b in seg)]
    return annotated if len(annotated) >= 2 else [blocks]


def _split_after(doc: ParsedDocument, rest: list[Block]) -> list[list[Block]]:
    """Group paragraphs into measures once the current one is annotated: a paragraph opens a new
    measure when it carries its own inline annotation or label lines follow it.

    Each block is looked at once (its fields, label and dangling label), and whether the current
    measure is annotated is carried along, so an item of n paragraphs costs O(n), not O(n^2)."""
    starts = [_starts_with_label(doc.text[b.start:b.end], b.start) for b in rest]
    fields = [_has_fields(doc, b) for b in rest]
    dangling = [_dangling(doc, b) for b in rest]
    segments: list[list[Block]] = []
    annotated = False
    expect_value = False
    for i, b in enumerate(rest):
        opens = fields[i] or (i + 1 < len(rest) and starts[i + 1])
        if segments and (expect_value or starts[i]):
            segments[-1].append(b)
        elif not segments or (annotated and opens):
            segments.append([b])
            annotated = False
        else:
            segments[-1].append(b)
        annotated = annotated or fields[i] or dangling[i]
        expect_value = dangling[i]
    return segments


def _dangling(doc: ParsedDocument, b: Block) -> bool:
    """The block ends with a bare label whose value is the next paragraph."""
    return dangling_label(doc.text[b.start:b.end]) is not None


def _starts_with_label(text: str, base: int) -> bool:
    """A line that begins with a label ("牵头单位：…") annotates the text above it."""
    starts = [f.ann_start - base for f in fields_in(text, base)]
    dangling = dangling_label(text)
    if dangling:
        starts.append(dangling.ann_start)
    return bool(starts) and not text[:min(starts)].strip()


def split_inline(doc: ParsedDocument, item: list[Block]) -> list[list[Block]]:
    """One measure per inline enumerator ("一是…二是…") of the item's only annotated paragraph, when every
    enumerated part carries a note of its own; the item unchanged otherwise. The parts keep the
    paragraph's section; their number is the enumerator as written."""
    annotated = [b for b in item if _has_fields(doc, b)]
    if len(annotated) != 1 or annotated[0].kind == "heading":
        return [item]
    b = annotated[0]
    text = doc.text[b.start:b.end]
    marks = list(_INLINE_ENUM.finditer(text))
    if len(marks) < 2 or fields_in(text[:marks[0].start("n")], b.start):
        return [item]
    bounds = [m.start("n") for m in marks] + [len(text)]
    parts = [(bounds[i], bounds[i + 1]) for i in range(len(marks))]
    if not all(fields_in(text[s:e], b.start + s) for s, e in parts):
        return [item]
    return [[replace(b, start=b.start + s, end=b.start + e, number=m.group("n"))] for (s, e), m in zip(parts, marks,
                                                                                                        strict=True)]
