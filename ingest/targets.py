"""Target records: indicator, scope, value, unit, comparator, year, kind (placeholder, see issue 3)."""

from __future__ import annotations

from ingest.models import ParsedDocument, Target


def extract_targets(doc: ParsedDocument) -> list[Target]:
    return []
