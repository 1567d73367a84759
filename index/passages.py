"""What retrieval reads for a chunk: its document, its context, its table's column headers, then its text.

A chunk is cited by its exact span, but it is *found* by a richer text:

- its document's line (`doc_line`): title, issuer, region and year. Among many same-kind
  documents (one year's plans from thirty provinces) a passage such as `…增长5.5%左右`
  does not name its province; only its document does, so the question "what growth
  target did Province P set?" can only find it through this line. A Chinese title is
  written in 《》, the way questions quote it, so the tokenizer's whole-title token matches;
- its heading path and table caption (`Chunk.context`);
- in an English document, the lines it continues or cites (`index.en_context`): its section's
  heading, the chapeaux above its first item ("The state shall limit … for Washington state:"
  over "ii. By 2030, reduce …"), the titles of the sections it cites ("described in section 3(a)");
- for chunks inside a table that do not hold the table's header rows, those header rows:
  a row such as `万州区 59.05 62.00` means nothing to BM25 or an embedder without
  `区县 水土保持率现状值(%) 水土保持率目标值(%)` beside it.

The passage text is also what the embedding cache is keyed by (`passage_key`): changing
this format re-embeds every passage (`make vectors` refreshes the committed cache).
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from index.embedders import FREE, Embedder
from index.en_context import leads, paragraphs, trails
from index.store import Store
from index.vector_cache import VectorCache
from ingest.models import Block, Chunk, DocMeta
from ingest.pipeline import detect_lang

MAX_HEADER_ROWS = 3
EMBED_BATCH = 32
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


_CJK = re.compile(r"[\u3400-\u9fff]")


_MONTHS = ("January February March April May June July August September October November December").split()
# an English document's kind, written out where its title does not say it ("the May 2025 order")
_KIND_EN = {"executive_order": "Executive Order", "law": "law", "plan": "plan", "policy": "policy",
            "paper": "paper", "work_report": "work report"}


def _when(date: str | None, english: bool) -> str:
    """The document's year; for an English document its month too ("May 2025"), as questions date orders."""
    m = re.match(r"((?:19|20)\d\d)(?:-(\d\d))?", date or "")
    if not m:
        return ""
    if english and m.group(2) and 1 <= int(m.group(2)) <= 12:
        return f"{_MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    return m.group(1)


def doc_line(title: str | None, meta: DocMeta | None) -> str:
    """The document as one line: title, then issuer, region, kind and date where the title does
    not already say them ("" when nothing is known)."""
    title = (title or "").strip()
    english = bool(title) and not _CJK.search(title)
    parts = [title if english else f"《{title}》"] if title else []
    if meta is not None:
        kind = _KIND_EN.get(meta.kind or "", "") if english else ""
        for extra in (meta.issuer, meta.region, kind, _when(meta.date, english)):
            extra = (extra or "").strip()
            if extra and extra.lower() not in title.lower() and extra not in parts:
                parts.append(extra)
    return " · ".join(parts)


def passage_text(chunk: Chunk, headers: dict[tuple[str, str], tuple[int, str]] | None = None,
                 document: str = "", lead: str = "", trail: str = "") -> str:
    """Document line + context line(s) + the English lines the chunk continues (`lead`) + the
    chunk's text + the English items its closing chapeau introduces (`trail`); a heading the
    chunk itself starts with is not repeated."""
    parts: list[str] = [document] if document else []
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
    if lead:
        parts.append(lead)
    parts.append(chunk.text)
    if trail:
        parts.append(trail)
    return "\n".join(parts)


def passage_key(text: str) -> str:
    """Content hash of the exact text embedded: the embedding cache's key."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass
class Rows:
    """Row number -> chunk, shared by the BM25 matrix and the FAISS ids."""

    chunk_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)  # distinct documents
    doc_langs: list[str] = field(default_factory=list)  # per document
    doc_sources: list[str] = field(default_factory=list)  # per document: its file name
    doc_lines: list[str] = field(default_factory=list)  # per document: `doc_line` (title, issuer, region, year)
    doc_of_row: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    sections: list[str] = field(default_factory=list)
    text_langs: str = ""  # per row, "z" or "e": the language of the passage itself

    def __len__(self) -> int:
        return len(self.chunk_ids)

    def to_json(self) -> dict[str, Any]:
        return {"chunk_ids": self.chunk_ids, "doc_ids": self.doc_ids, "doc_langs": self.doc_langs,
                "doc_sources": self.doc_sources, "doc_lines": self.doc_lines,
                "doc_of_row": self.doc_of_row.tolist(), "sections": self.sections, "text_langs": self.text_langs}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Rows:
        return cls(chunk_ids=d["chunk_ids"], doc_ids=d["doc_ids"], doc_langs=d["doc_langs"],
                   doc_sources=d["doc_sources"], doc_lines=d.get("doc_lines") or [""] * len(d["doc_ids"]),
                   doc_of_row=np.asarray(d["doc_of_row"], dtype=np.int32), sections=d["sections"],
                   text_langs=d["text_langs"])


def collect_passages(store: Store, doc_ids: Iterable[str] | None = None) -> tuple[list[Chunk], list[str], Rows]:
    """Every chunk of the store (or of the documents `doc_ids`) with its passage text, and the row table."""
    wanted = None if doc_ids is None else set(doc_ids)
    docs = [d for d in store.documents() if wanted is None or d["doc_id"] in wanted]
    doc_index = {d["doc_id"]: i for i, d in enumerate(docs)}
    chunks = store.chunks(None if wanted is None else sorted(wanted))
    headers: dict[str, dict[tuple[str, str], tuple[int, str]]] = {}
    tabled = {c.doc_id for c in chunks if c.table}
    for doc_id in tabled:
        headers[doc_id] = header_rows(store.blocks(doc_id), store.text(doc_id) or "")
    lines = document_lines(store)
    english = chunk_leads(store, chunks, {d["doc_id"] for d in docs if d["lang"] == "en"})
    texts = [passage_text(c, headers.get(c.doc_id), lines.get(c.doc_id, ""), *english.get(c.chunk_id, ("", "")))
             for c in chunks]
    rows = Rows(chunk_ids=[c.chunk_id for c in chunks], doc_ids=[d["doc_id"] for d in docs],
                doc_langs=[d["lang"] for d in docs], doc_sources=[d["source"] for d in docs],
                doc_lines=[lines.get(d["doc_id"], "") for d in docs],
                doc_of_row=np.array([doc_index[c.doc_id] for c in chunks], dtype=np.int32),
                sections=[c.section for c in chunks],
                text_langs="".join("e" if detect_lang(t) == "en" else "z" for t in texts))
    return chunks, texts, rows


def chunk_leads(store: Store, chunks: list[Chunk], english: set[str]) -> dict[str, tuple[str, str]]:
    """{chunk_id: (`index.en_context.leads`, `index.en_context.trails`)} for the chunks of the
    English documents `english`."""
    by_doc: dict[str, list[Chunk]] = {}
    for c in chunks:
        if c.doc_id in english:
            by_doc.setdefault(c.doc_id, []).append(c)
    out: dict[str, tuple[str, str]] = {}
    for doc_id, own in by_doc.items():
        text = store.text(doc_id) or ""
        paras = paragraphs(text)
        before, after = leads(text, own, paras), trails(text, own, paras)
        out.update({c.chunk_id: (before.get(c.chunk_id, ""), after.get(c.chunk_id, ""))
                    for c in own if c.chunk_id in before or c.chunk_id in after})
    return out


def document_lines(store: Store) -> dict[str, str]:
    """{doc_id: `doc_line`} for every document of the store."""
    out: dict[str, str] = {}
    for d in store.documents():
        info = store.document_info(d["doc_id"])
        out[d["doc_id"]] = doc_line(d["title"], info["meta"] if info else None)
    return out


class EmbeddingStopped(Exception):
    """`embed_cached` was told to stop; what it embedded so far is in the store's cache."""


def embed_cached(store: Store, embedder: Embedder, texts: list[str], progress: bool = False,
                 shared: VectorCache | None = None, stop: Callable[[], bool] | None = None) -> np.ndarray:
    """(n, dim) vectors for `texts`, from the store's cache (then the `shared` one) where present,
    embedding the rest; what comes from the shared cache or the embedder is kept in both.
    `stop` is asked between batches: when it says so, `EmbeddingStopped` is raised."""
    if embedder.name in FREE:  # the shared cache grows only with what took real time to compute
        shared = None
    keys = [passage_key(t) for t in texts]
    first: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        first.setdefault(key, text)
    vectors: dict[str, np.ndarray] = {}
    for key, blob in store.cached_vectors(embedder.name, list(first)).items():
        vec = np.frombuffer(blob, dtype=np.float32)
        if vec.shape == (embedder.dim,):
            vectors[key] = vec
    if shared is not None:
        _from_shared(store, shared, embedder, [k for k in first if k not in vectors], vectors)
    missing = [k for k in first if k not in vectors]
    bar = _bar(len(missing), f"embedding ({embedder.name})", progress)
    for i in range(0, len(missing), EMBED_BATCH):
        if stop is not None and i and stop():
            bar(0, close=True)
            raise EmbeddingStopped
        part = missing[i:i + EMBED_BATCH]
        embedded = embedder.embed_passages([first[k] for k in part])
        items = [(k, v.astype(np.float32).tobytes()) for k, v in zip(part, embedded, strict=True)]
        store.cache_vectors(embedder.name, items)
        if shared is not None:
            shared.put(embedder.name, items)
        vectors.update(zip(part, embedded, strict=True))
        bar(len(part))
    bar(0, close=True)
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i, key in enumerate(keys):
        out[i] = vectors[key]
    return out


def _from_shared(store: Store, shared: VectorCache, embedder: Embedder, keys: list[str],
                 vectors: dict[str, np.ndarray]) -> None:
    """Take what the shared cache holds for `keys` into `vectors` and into the store's own cache."""
    found = [(k, blob) for k, blob in shared.get(embedder.name, keys).items()
             if len(blob) == 4 * embedder.dim]
    if found:
        store.cache_vectors(embedder.name, found)
        vectors.update((k, np.frombuffer(blob, dtype=np.float32)) for k, blob in found)


def _bar(total: int, desc: str, enabled: bool) -> Callable[..., None]:
    if not enabled or total == 0:
        return lambda n, close=False: None
    from tqdm import tqdm

    bar = tqdm(total=total, desc=desc, unit="passage", file=sys.stderr, leave=False)

    def step(n: int, close: bool = False) -> None:
        bar.update(n)
        if close:
            bar.close()

    return step
