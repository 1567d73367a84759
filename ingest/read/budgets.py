"""Per-document budgets: how big one document may get at each step before it is refused.

A small file can expand enormously - a 3 KB PDF whose page tree reuses one node 100 x 100
times has 10,000 pages; a 94 KB DOCX can hold 60 MB of XML; nested HTML tables repeat their
text at every level - and every later step (cleaning, records, BM25, embedding at ~3.5
passages/s) pays for the expansion. Each budget is checked as early as its quantity is
known, and exceeding it is an `IngestError` naming the file, the quantity, the limit and
the setting that raises it; nothing is stored. The values come from `ingest.settings`
(POLICYKB_MAX_PAGES, POLICYKB_MAX_CHARS, ...); the defaults hold every real document we
have seen with a wide margin.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.errors import IngestError


@dataclass(frozen=True)
class Budgets:
    pages: int = 5_000
    chars: int = 20_000_000
    chunks: int = 100_000
    xml_bytes: int = 200 * 1024 * 1024  # expanded size of a DOCX's parts
    zip_ratio: float = 100.0  # expanded / compressed size of any one DOCX part
    html_depth: int = 500  # nesting of HTML elements
    html_cells: int = 200_000  # table cells of one HTML page


def over(name: str, what: str, value: float, limit: float, setting: str) -> IngestError:
    """The error for a document over one budget."""
    return IngestError(name, f"{what} is {value:,.0f}, more than the {limit:,.0f} allowed per document "
                             f"({setting}; raise it if the document is genuine)")
DEFAULT_BUDGETS = Budgets()
