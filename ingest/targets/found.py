"""A figure found in a document, before it becomes a `Target` record with a citation.

Prose and table readers both produce `Found`; `to_target` gives every one the same id
scheme, normalised names and a citation whose quote is the canonical text at its span.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ingest.models import Citation, ParsedDocument, Target, TargetKind, page_at
from ingest.recognise.indicators import normalize_indicator


@dataclass
class Found:
    indicator: str
    scope: str
    value: float
    unit: str
    comparator: str
    year: int | None
    kind: TargetKind
    quote_start: int  # the span cited: the table row or the clause(s) the figure is stated in
    quote_end: int
    section: str
    table: str | None = None
    at: int | None = None  # where the figure itself is written (prose), for telling repeated statements apart


def target_id(doc_id: str, f: Found) -> str:
    """Content id: the same figure at the same place of the same document keeps its id."""
    key = f"{doc_id}|{f.quote_start}|{f.quote_end}|{f.indicator}|{f.kind}|{f.year}|{f.value:g}|{f.unit}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def to_target(doc: ParsedDocument, f: Found, scope_norm: str) -> Target:
    """The contract record of a figure, cited at its span of the canonical text."""
    quote = doc.text[f.quote_start:f.quote_end]
    citation = Citation(doc_id=doc.doc_id, source=doc.source, section=f.section,
                        page=page_at(doc.page_starts, f.quote_start), start=f.quote_start, end=f.quote_end,
                        quote=quote)
    comparator = f.comparator if f.comparator in (">=", ">", "<=", "<", "=", "~") else "="
    return Target(target_id=target_id(doc.doc_id, f), doc_id=doc.doc_id, source=doc.source,
                  indicator=f.indicator, indicator_normalized=normalize_indicator(f.indicator), scope=f.scope,
                  value=float(f.value), unit=f.unit, comparator=comparator,  # type: ignore[arg-type]
                  year=f.year, kind=f.kind, citation=citation, scope_normalized=scope_norm, table=f.table)
