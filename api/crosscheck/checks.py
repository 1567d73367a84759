"""Target consistency findings (`policykb crosscheck`, `GET /crosscheck`).

`check(targets, tasks, docs)` is the whole cross-check on plain records, so it runs the
same on a store and on freshly parsed documents (tests); `find_findings(store)` reads the
store and returns CONTRACT `Finding` dicts. The checks:

- conflict: one indicator, place, year and kind stated with different values, beyond an
  explicit rounding tolerance (`crosscheck_values`);
- unmet: an achieved figure short of its planned target, comparator-aware (same module);
- sum: table rows against their subtotal/total rows, 其中 rows against their parent, and a
  prose total against the parts listed after 其中 (`crosscheck_sums`);
- naming: one place, unit or document title written two ways (`crosscheck_names`).

Usage::

    findings = check(doc.targets, doc.tasks, [DocText.of(doc)])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from api.crosscheck.base import DocText, Finding
from api.crosscheck.names import list_naming, scope_naming, title_naming, unit_naming
from api.crosscheck.sums import prose_sums, table_sums
from api.crosscheck.values import conflicts, unmet
from index.store import Store
from ingest.models import Target, Task

KIND_ORDER = {"conflict": 0, "unmet": 1, "sum": 2, "naming": 3}


def check(targets: list[Target], tasks: Iterable[Task] = (), docs: Iterable[DocText] = ()) -> list[Finding]:
    """Every finding over these records; `docs` (text and blocks) enable table sums and naming."""
    by_id = {d.doc_id: d for d in docs}
    tasks = list(tasks)
    found: list[Finding] = conflicts(targets, by_id) + unmet(targets)
    for doc in by_id.values():
        found += table_sums(doc)
    found += prose_sums(targets, by_id)
    found += scope_naming(targets, by_id) + list_naming(targets, by_id) + unit_naming(tasks, by_id)
    found += title_naming(by_id)
    return _dedupe(found)


def _dedupe(found: list[Finding]) -> list[Finding]:
    seen: set[tuple[Any, ...]] = set()
    out: list[Finding] = []
    for f in sorted(found, key=lambda f: KIND_ORDER.get(f.kind, 9)):
        key = (f.kind, tuple(sorted((v.citation.doc_id, v.citation.start, v.citation.end) for v in f.values)))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def store_docs(store: Store) -> list[DocText]:
    """Text, blocks and page map of every stored document: what table and naming checks read."""
    out: list[DocText] = []
    for d in store.documents():
        info = store.document_info(d["doc_id"]) or {}
        out.append(DocText(d["doc_id"], d["source"], store.text(d["doc_id"]) or "", store.blocks(d["doc_id"]),
                           info.get("page_starts") or [], d.get("title") or ""))
    return out


def find_findings(store: Store) -> list[dict[str, Any]]:
    """CONTRACT `Finding` dicts over everything in the store."""
    return [f.to_dict() for f in check(store.targets(), store.tasks(), store_docs(store))]
