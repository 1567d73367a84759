"""Target consistency findings (placeholder until the cross-check issue lands)."""

from __future__ import annotations

from typing import Any

from index.store import Store


def find_findings(store: Store) -> list[dict[str, Any]]:
    return []
