"""Target records: indicator, scope, value, unit, comparator, year, kind — from tables and prose.

`extract_targets` reads the document's own region and period (`target_context`), then
its tables (`target_tables`: every figure of every row, with its column's meaning) and
its sentences (`target_prose`, `target_english`), and turns each figure into a `Target`
whose citation quotes the row or clause it is stated in. Nothing here names a document,
a place or a table: the same code reads plans from any province or field.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.models import ParsedDocument, Target
from ingest.recognise.places import scope_key
from ingest.targets.context import document_context
from ingest.targets.found import Found, to_target
from ingest.targets.prose import ProseReader, heading_place
from ingest.targets.tables import TableReader

_LABEL = re.compile(r"^(?:[\w ]{1,20}[:：]|\d+[.、．]|[(（][\w]{1,3}[)）])\s*")


def _statement(text: str, f: Found) -> str:
    """The words a figure is stated in, as a reader compares them: no label, width or spacing differences;
    for a figure of prose, the words right around it (a summary row and an action outline that say
    "…aimed to reduce car miles by 40%, …" differently after it state one goal)."""
    if f.at is not None:
        quote = text[max(f.quote_start, f.at - 24):min(f.quote_end, f.at + 24)]
    else:
        quote = text[f.quote_start:f.quote_end]
    return re.sub(r"\s+", "", _LABEL.sub("", unicodedata.normalize("NFKC", quote).strip()))


def _dedupe(text: str, found: list[Found]) -> list[Found]:
    """One record per statement: the same figure cited at the same span, or stated again in the very same
    words (a summary table that repeats an action's text), is kept once. A goal restated in other
    words (a goal paragraph and a task) keeps both records."""
    seen: set[tuple[object, ...]] = set()
    stated_at: dict[tuple[object, ...], int] = {}
    out: list[Found] = []
    for f in found:
        key = (f.quote_start, f.quote_end, f.value, f.unit, f.kind, f.year, f.indicator)
        words = (_statement(text, f), f.value, f.unit, f.kind, f.year, f.section, f.table)
        # the same words elsewhere restate it; at the same place they give it for another indicator (A、B均下降15%)
        if key not in seen and stated_at.get(words, f.quote_start) == f.quote_start:
            seen.add(key)
            stated_at.setdefault(words, f.quote_start)
            out.append(f)
    return out


def extract_targets(doc: ParsedDocument) -> list[Target]:
    """Every target, baseline and achieved figure of `doc`, tables first, then prose."""
    ctx = document_context(doc)
    tables = TableReader(doc, ctx)
    found = tables.read()
    ctx.places |= tables.places
    ctx.places |= {p for b in doc.blocks if b.kind == "heading" and (p := heading_place(b.section + " > " +
                                                                                        doc.text[b.start:b.end]))}
    if ctx.scope:
        ctx.places.add(ctx.scope)
    found += [f for f in ProseReader(doc, ctx).read_blocks()
              if not any(s <= f.quote_start < e for s, e in tables.grid_spans)]
    found = [f for f in found if _NAMES_SOMETHING.search(f.indicator or "")]  # a figure that measures nothing named
    found.sort(key=lambda f: f.quote_start)  # document order: a reader meets them in this order
    return [to_target(doc, f, scope_key(f.scope)) for f in _dedupe(doc.text, found)]


_NAMES_SOMETHING = re.compile(r"[A-Za-z\u4e00-\u9fff]")
