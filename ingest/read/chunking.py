"""Blocks -> chunks: retrieval units cut along the document's structure.

A chunk never crosses a heading, a table boundary or a list item's edge, so that one
numbered measure with its 责任单位 stays whole in one chunk. Paragraph runs are packed up
to `target` characters; a block longer than `max_chars` is cut at sentence boundaries.
Table rows are packed a few at a time, so a row lookup finds its row. Chunks are
contiguous spans of the canonical text; their heading path and table caption travel
beside them (`Chunk.context`) for retrieval to prefix.
"""

from __future__ import annotations

import hashlib

from ingest.models import Block, Chunk, Span, page_at
from ingest.read.sentences import sentence_spans

TARGET_CHARS = 360
MAX_CHARS = 900
TABLE_TARGET_CHARS = 160


def chunk_id(doc_id: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16]


def _split_long(text: str, start: int, end: int, max_chars: int) -> list[Span]:
    """Cut [start, end) at sentence ends into pieces of at most ~max_chars (longer sentences cut hard)."""
    pieces: list[Span] = []
    cur_s: int | None = None
    cur_e = start
    for sent in sentence_spans(text, start, end):
        parts = [Span(p, min(p + max_chars, sent.end)) for p in range(sent.start, sent.end, max_chars)]
        for part in parts:
            if cur_s is not None and part.end - cur_s > max_chars:
                pieces.append(Span(cur_s, cur_e))
                cur_s = None
            if cur_s is None:
                cur_s = part.start
            cur_e = part.end
    if cur_s is not None:
        pieces.append(Span(cur_s, cur_e))
    return pieces


def make_chunks(doc_id: str, text: str, blocks: list[Block], page_starts: list[int],
                target: int = TARGET_CHARS, max_chars: int = MAX_CHARS) -> list[Chunk]:
    """Pack blocks into chunks (see the module docstring)."""
    chunks: list[Chunk] = []
    group: list[Block] = []

    def emit(start: int, end: int, last: Block) -> None:
        body = text[start:end]
        lead = len(body) - len(body.lstrip())
        start += lead
        end -= len(body) - len(body.rstrip())
        if end <= start:
            return
        chunks.append(Chunk(chunk_id=chunk_id(doc_id, start, end), doc_id=doc_id, start=start, end=end,
                            section=last.section, page=page_at(page_starts, start), text=text[start:end],
                            ordinal=len(chunks), table=last.table))

    def flush() -> None:
        if not group:
            return
        start, end = group[0].start, group[-1].end
        if end - start <= max_chars:
            emit(start, end, group[-1])
        else:
            for piece in _split_long(text, start, end, max_chars):
                emit(piece.start, piece.end, group[-1])
        group.clear()

    for block in blocks:
        size = block.end - block.start
        if group:
            prev = group[-1]
            limit = TABLE_TARGET_CHARS if block.kind == "table_row" else target
            same_place = (prev.section == block.section and prev.table == block.table
                          and (prev.kind == "table_row") == (block.kind == "table_row"))
            fits = block.end - group[0].start <= limit
            standalone = block.kind in ("heading", "list_item", "table_title") or prev.kind == "list_item"
            if not same_place or not fits or standalone:
                # a heading or caption travels with what follows it
                if prev.kind in ("heading", "table_title") and len(group) == 1 and size <= max_chars:
                    group.append(block)
                    if block.kind == "list_item":
                        flush()
                    continue
                flush()
        group.append(block)
    flush()
    return chunks
