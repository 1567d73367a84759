"""Store -> Milvus: make a collection hold exactly the store's chunks.

`update` is incremental: it lists the ids the collection holds, deletes the documents the
store no longer has (by `doc_id`, so a removal is one delete), and inserts the chunks it
lacks. `rebuild` fills a fresh physical collection and then swaps the home's alias to it.
Both take the vectors from the store's embedding cache (`index.passages.embed_cached`), so a
passage the home has embedded once is never embedded again - also not for a rebuild.

Neither is atomic the way a local build is (Milvus has no transactions), but both are
idempotent: the generation recorded on the collection moves only when the collection
matches the store, so a crash leaves a collection the next `sync` finishes.
"""

from __future__ import annotations

import re
import secrets
import sys
from collections.abc import Iterator
from typing import Any

import numpy as np

from index.embedders import Embedder
from index.milvus.schema import (
    MAX_SECTION_BYTES,
    MAX_TEXT_BYTES,
    Spec,
    build_index_params,
    build_schema,
    clip_utf8,
    search_text,
    vector_field,
)
from index.passages import collect_passages, embed_cached
from index.store import Store
from ingest.models import Chunk

INSERT_BATCH = 1000
LIST_BATCH = 10_000


def collection_ids(client: Any, name: str) -> dict[str, str]:
    """{chunk id: doc id} of every row of the collection (paged: a cluster caps query results)."""
    out: dict[str, str] = {}
    it = client.query_iterator(name, batch_size=LIST_BATCH, filter="", output_fields=["id", "doc_id"])
    try:
        while batch := it.next():
            out.update((row["id"], row["doc_id"]) for row in batch)
    finally:
        it.close()
    return out


def update(client: Any, name: str, spec: Spec, store: Store, embedders: list[Embedder],
           progress: bool = False) -> dict[str, int]:
    """Bring physical collection `name` up to the store's content; returns what changed."""
    held = collection_ids(client, name)
    chunks = {c.chunk_id: c for c in store.chunks()}
    docs = {d["doc_id"] for d in store.documents()}
    gone_docs = sorted({doc for cid, doc in held.items() if cid not in chunks and doc not in docs})
    stray = [cid for cid, doc in held.items() if cid not in chunks and doc in docs]
    for i in range(0, len(gone_docs), 100):
        client.delete(name, filter=f"doc_id in {quote_list(gone_docs[i:i + 100])}")
    for i in range(0, len(stray), 1000):
        client.delete(name, ids=stray[i:i + 1000])
    missing = {cid for cid in chunks if cid not in held}
    inserted = insert_rows(client, name, store, embedders, missing, progress) if missing else 0
    client.flush(name)
    spec.generation = store.generation()
    client.alter_collection_properties(name, properties=spec.to_properties())
    return {"deleted_documents": len(gone_docs), "deleted_chunks": len(stray), "inserted": inserted}


def rebuild(client: Any, alias: str, spec: Spec, store: Store, embedders: list[Embedder],
            dictionary: list[str] | None, progress: bool = False) -> str:
    """A new physical collection holding the whole store, then the alias swapped to it.

    Physical collections of this alias left by an earlier crash, and the one the alias
    pointed at before, are dropped once the alias has moved."""
    name = f"{alias}_{secrets.token_hex(3)}"
    client.create_collection(name, schema=build_schema(client, spec, dictionary),
                             index_params=build_index_params(client, spec))
    spec.generation = -1  # not yet complete: a crash here leaves an orphan, never a current build
    client.alter_collection_properties(name, properties=spec.to_properties())
    insert_rows(client, name, store, embedders, None, progress)
    client.flush(name)
    client.load_collection(name)
    spec.generation = store.generation()
    client.alter_collection_properties(name, properties=spec.to_properties())
    previous = alias_target(client, alias)
    if previous is None:
        client.create_alias(name, alias)
    else:
        client.alter_alias(name, alias)
    for old in client.list_collections():
        if is_physical(old, alias) and old != name:
            client.drop_collection(old)
    return name


def is_physical(collection: str, alias: str) -> bool:
    """Whether `collection` is one of the alias' physical collections (`<alias>_<6 hex digits>`)."""
    return re.fullmatch(re.escape(alias) + r"_[0-9a-f]{6}", collection) is not None


def alias_target(client: Any, alias: str) -> str | None:
    """The physical collection an alias points at, or None when the alias does not exist.

    Asks `list_aliases` first: `describe_alias` of a missing alias is an error that pymilvus
    logs with a traceback, and a missing alias is the normal state of a new home."""
    listed = client.list_aliases()
    if alias not in (listed.get("aliases") or []):
        return None
    return str(client.describe_alias(alias)["collection_name"])


def insert_rows(client: Any, name: str, store: Store, embedders: list[Embedder], only: set[str] | None,
                progress: bool = False) -> int:
    """Insert the store's chunks (all, or the ids in `only`) with their cached or new vectors."""
    chunks, texts, rows = collect_passages(store)
    langs = dict(zip(rows.doc_ids, rows.doc_langs, strict=True))
    picked = [i for i, c in enumerate(chunks) if only is None or c.chunk_id in only]
    done = 0
    bar = _bar(len(picked), progress)
    for part in _batches(picked, INSERT_BATCH * 8):  # embed (cache lookups) in larger runs than inserts
        part_texts = [texts[i] for i in part]
        vectors = {e.name: embed_cached(store, e, part_texts, progress) for e in embedders}
        entities = [entity(chunks[i], part_texts[j], langs.get(chunks[i].doc_id, ""), rows.text_langs[i],
                           {m: v[j] for m, v in vectors.items()}) for j, i in enumerate(part)]
        for batch in _batches(entities, INSERT_BATCH):
            client.insert(name, batch)
            done += len(batch)
            bar(len(batch))
    bar(0, close=True)
    return done


def entity(chunk: Chunk, passage: str, doc_lang: str, text_lang: str, vectors: dict[str, np.ndarray]) -> dict[str, Any]:
    """One Milvus row for a chunk: its metadata, its BM25 text and one vector per embedder."""
    row: dict[str, Any] = {
        "id": chunk.chunk_id, "doc_id": chunk.doc_id, "lang": doc_lang,
        "text_lang": "en" if text_lang == "e" else "zh",
        "section": clip_utf8(chunk.section, MAX_SECTION_BYTES), "kind": "table" if chunk.table else "text",
        "start_offset": chunk.start, "end_offset": chunk.end, "page": -1 if chunk.page is None else chunk.page,
        "text": clip_utf8(search_text(passage), MAX_TEXT_BYTES),
    }
    for member, vec in vectors.items():
        row[vector_field(member)] = np.asarray(vec, dtype=np.float32).tolist()
    return row


def quote_list(values: list[str]) -> str:
    """A Milvus expression list literal of strings, escaped (`["a", "b\\"c"]`)."""
    return "[" + ", ".join(quote(v) for v in values) + "]"


def quote(value: str) -> str:
    """A Milvus expression string literal: backslashes, quotes and line breaks escaped."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _bar(total: int, enabled: bool) -> Any:
    if not enabled or total == 0:
        return lambda n, close=False: None
    from tqdm import tqdm

    bar = tqdm(total=total, desc="milvus insert", unit="chunk", file=sys.stderr, leave=False)

    def step(n: int, close: bool = False) -> None:
        bar.update(n)
        if close:
            bar.close()

    return step

