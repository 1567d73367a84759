"""What retrieval reads for a chunk: its context, its table's column headers, then its text.

A chunk is cited by its exact span, but it is *found* by a richer text: its heading path
and table caption (`Chunk.context`), and - for chunks inside a table that do not hold the
table's header rows - those header rows. A row such as `万州区 59.05 62.00` means nothing
to BM25 or an embedder without `区县 水土保持率现状值(%) 水土保持率目标值(%)` beside it.
The passage text is also what the embedding cache is keyed by (`passage_key`).
"""

from __future__ import annotations

import hashlib
import re

from ingest.models import Block, Chunk

MAX_HEADER_ROWS = 3
_NUMERIC_CELL = re.compile(r"^[\s<>≥≤=~约—\-+]*[\d.,%]+\s*%?\s*$")


def header_rows(blocks: list[Block], text: str) -> dict[tuple[str, str], tuple[int, str]]:
    """{(section, table): (end offset of the header, header text)} for every table of a document.

    The header is the run of leading rows that have at least two cells and no numeric cell:
    the column titles, which may span two rows in merged-cell tables.
    """
    out: dict[tuple[str, str], tuple[int, str]] = {}
    rows_by_table: dict[tuple[str, str], list[Block]] = {}
    for b in blocks:
        if b.kind == "table_row" and b.table:
            rows_by_table.setdefault((b.section, b.table), []).append(b)
    for key, rows in rows_by_table.items():
        header: list[str] = []
        end = 0
        for row in rows[:MAX_HEADER_ROWS]:
            cells = [text[c.start:c.end].strip() for c in row.cells] or [text[row.start:row.end].strip()]
            if len(cells) < 2 or any(_NUMERIC_CELL.match(c) for c in cells if c):
                break
            header.append(" ".join(c for c in cells if c))
            end = row.end
        if header:
            out[key] = (end, " | ".join(header))
    return out


def passage_text(chunk: Chunk, headers: dict[tuple[str, str], tuple[int, str]] | None = None) -> str:
    """Context line(s) + the chunk's text; a heading the chunk itself starts with is not repeated."""
    parts: list[str] = []
    context = chunk.context
    if context:
        first_line = chunk.text.split("\n", 1)[0].strip()
        if first_line and context.endswith(first_line):
            context = context[: -len(first_line)].rstrip(" >")
        if context:
            parts.append(context)
    if headers and chunk.table:
        found = headers.get((chunk.section, chunk.table))
        if found and chunk.start >= found[0]:
            parts.append(found[1])
    parts.append(chunk.text)
    return "\n".join(parts)


def passage_key(text: str) -> str:
    """Content hash of the exact text embedded: the embedding cache's key."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
