"""Target records: indicator, scope, value, unit, comparator, year, kind — from tables and prose.

`extract_targets` reads the document's own region and period (`target_context`), then
its tables (`target_tables`: every figure of every row, with its column's meaning) and
its sentences (`target_prose`, `target_english`), and turns each figure into a `Target`
whose citation quotes the row or clause it is stated in. Nothing here names a document,
a place or a table: the same code reads plans from any province or field.
"""

from __future__ import annotations

from ingest.models import ParsedDocument, Target
from ingest.recognise.places import scope_key
from ingest.targets.context import document_context
from ingest.targets.found import Found, to_target
from ingest.targets.prose import ProseReader, heading_place
from ingest.targets.tables import TableReader


def _dedupe(found: list[Found]) -> list[Found]:
    """One record per figure: the same value, kind and year cited at the same span is kept once."""
    seen: set[tuple[object, ...]] = set()
    out: list[Found] = []
    for f in found:
        key = (f.quote_start, f.quote_end, f.value, f.unit, f.kind, f.year, f.indicator)
        if key not in seen:
            seen.add(key)
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
    found += ProseReader(doc, ctx).read_blocks()
    found.sort(key=lambda f: f.quote_start)  # document order: a reader meets them in this order
    return [to_target(doc, f, scope_key(f.scope)) for f in _dedupe(found)]
