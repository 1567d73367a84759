"""Plain types and helpers shared by the cross-checks: findings, documents, values, tolerances.

A `Finding` cites every value it compares (CONTRACT.md). `DocText` is what a check may read
of a document besides its records: the canonical text and its blocks (tables, headings),
so checks run the same on a store and on freshly parsed documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ingest.models import Block, Citation, ParsedDocument, Target, page_at
from ingest.recognise.quantities import COUNT_UNITS, to_base


@dataclass
class DocText:
    doc_id: str
    source: str
    text: str
    blocks: list[Block] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)
    title: str = ""

    @classmethod
    def of(cls, doc: ParsedDocument) -> DocText:
        return cls(doc.doc_id, doc.source, doc.text, doc.blocks, doc.page_starts, doc.title)

    def citation(self, start: int, end: int, section: str = "") -> Citation:
        """A citation of text[start:end] (quote == the canonical text at the span)."""
        return Citation(doc_id=self.doc_id, source=self.source, section=section or self.section_at(start),
                        page=page_at(self.page_starts, start), start=start, end=end, quote=self.text[start:end])

    def section_at(self, offset: int) -> str:
        """Heading path at `offset`, for citations found by searching the text."""
        best = ""
        for b in self.blocks:
            if b.start > offset:
                break
            best = b.section
        return best


@dataclass
class Value:
    value: float
    unit: str
    citation: Citation

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit, "citation": self.citation.to_dict()}


@dataclass
class Finding:
    kind: str  # conflict | sum | naming | unmet
    indicator: str
    scope: str
    note: str  # in English; `note_id` and `note_args` let a page say it in its own language
    values: list[Value]
    note_id: str = ""
    note_args: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "indicator": self.indicator, "scope": self.scope, "note": self.note,
                "note_id": self.note_id, "note_args": self.note_args, "values": [v.to_dict() for v in self.values]}


def fmt(value: float, unit: str = "") -> str:
    """A figure as a person writes it: 1234.56, 500, 3.2万km2 (no float noise, no exponent)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return f"{text}{unit}"


def target_value(t: Target) -> Value:
    """A target as a finding value, cited where it is stated."""
    return Value(t.value, t.unit, t.citation)


def decimals(value: float) -> int:
    """Digits after the decimal point of a figure as stored (42.50 was read as 42.5: one)."""
    try:
        exp = Decimal(repr(float(value))).normalize().as_tuple().exponent
    except (InvalidOperation, ValueError):
        return 0
    return max(0, -exp) if isinstance(exp, int) else 0


def base_value(t: Target) -> tuple[float, str, float]:
    """(value in the base unit, base unit, rounding tolerance in the base unit).

    The tolerance is half a unit of the last written digit, so 3.2万km2 covers
    31500-32500 km2 and 42.5% covers 42.45-42.55%."""
    v, unit = to_base(t.value, t.unit)
    factor, _ = to_base(1.0, t.unit)
    if t.unit in COUNT_UNITS and float(t.value).is_integer():
        return v, unit, 0.0  # counts are exact: 11 stations are not 10
    return v, unit, 0.5 * 10 ** (-decimals(t.value)) * factor


def line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The lines a span touches: two values in one paragraph or table row share them."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, len(text) if b < 0 else b


def find_loose(text: str, name: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Where `name` occurs in text[start:end], whitespace allowed between its characters."""
    chars = [re.escape(c) for c in re.sub(r"\s+", "", name)]
    if not chars:
        return None
    m = re.compile(r"\s*".join(chars)).search(text, start, len(text) if end is None else end)
    return (m.start(), m.end()) if m else None
