"""Task records: numbered measures with responsible units and deadlines (placeholder, see issue 3)."""

from __future__ import annotations

from ingest.models import ParsedDocument, Task


def extract_tasks(doc: ParsedDocument) -> list[Task]:
    return []
