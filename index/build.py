"""Store -> index build: passages, dictionary, BM25 matrix, embeddings (cached), FAISS.

BM25 is rebuilt from the store's chunks on every change: tokenising is cheap next to
embedding. Embeddings are looked up in the store's cache by a content hash of the exact
passage text (`passage_key`), so re-ingesting a document, or re-indexing after another
document changed, embeds nothing twice; only new passages are embedded, in batches,
with a progress bar on stderr when asked, and each batch is cached as it completes so an
interrupted ingest keeps its progress.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from index.bm25 import BM25Index
from index.dense import HNSW_THRESHOLD, DenseIndex
from index.embedders import Embedder
from index.lexicon import harvest
from index.passages import header_rows, passage_key, passage_text
from index.snapshot import Rows, Snapshot
from index.store import Store
from index.tokenize import TOKENIZER_NAME, Tokenizer
from ingest.models import Chunk
from ingest.pipeline import detect_lang

EMBED_BATCH = 32


def collect_passages(store: Store) -> tuple[list[Chunk], list[str], Rows]:
    """Every chunk of the store with its passage text, and the row table."""
    docs = store.documents()
    doc_index = {d["doc_id"]: i for i, d in enumerate(docs)}
    chunks = store.chunks()
    headers: dict[str, dict[tuple[str, str], tuple[int, str]]] = {}
    tabled = {c.doc_id for c in chunks if c.table}
    for doc_id in tabled:
        headers[doc_id] = header_rows(store.blocks(doc_id), store.text(doc_id) or "")
    texts = [passage_text(c, headers.get(c.doc_id)) for c in chunks]
    rows = Rows(chunk_ids=[c.chunk_id for c in chunks], doc_ids=[d["doc_id"] for d in docs],
                doc_langs=[d["lang"] for d in docs], doc_sources=[d["source"] for d in docs],
                doc_of_row=np.array([doc_index[c.doc_id] for c in chunks], dtype=np.int32),
                sections=[c.section for c in chunks],
                text_langs="".join("e" if detect_lang(t) == "en" else "z" for t in texts))
    return chunks, texts, rows


def embed_cached(store: Store, embedder: Embedder, texts: list[str], progress: bool = False) -> np.ndarray:
    """(n, dim) vectors for `texts`, from the store's cache where present, embedding the rest."""
    keys = [passage_key(t) for t in texts]
    first: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        first.setdefault(key, text)
    vectors: dict[str, np.ndarray] = {}
    for key, blob in store.cached_vectors(embedder.name, list(first)).items():
        vec = np.frombuffer(blob, dtype=np.float32)
        if vec.shape == (embedder.dim,):
            vectors[key] = vec
    missing = [k for k in first if k not in vectors]
    bar = _bar(len(missing), f"embedding ({embedder.name})", progress)
    for i in range(0, len(missing), EMBED_BATCH):
        part = missing[i:i + EMBED_BATCH]
        embedded = embedder.embed_passages([first[k] for k in part])
        store.cache_vectors(embedder.name, [(k, v.astype(np.float32).tobytes()) for k, v in zip(part, embedded,
                                                                                            strict=True)])
        vectors.update(zip(part, embedded, strict=True))
        bar(len(part))
    bar(0, close=True)
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i, key in enumerate(keys):
        out[i] = vectors[key]
    return out


def build_snapshot(store: Store, embedders: list[Embedder], tokenizer: Tokenizer | None = None,
                   progress: bool = False,
                   hnsw_threshold: int = HNSW_THRESHOLD) -> tuple[Snapshot, Tokenizer, dict[str, Any]]:
    """A complete build of the store's current content, with the manifest fields describing it.

    `tokenizer` is reused when its dictionary is still the corpus' dictionary."""
    generation = store.generation()
    chunks, texts, rows = collect_passages(store)
    lexicon = harvest(store)
    probe = Tokenizer.dictionary_hash(lexicon)
    if tokenizer is None or tokenizer.dict_hash != probe:
        tokenizer = Tokenizer(lexicon)
    bm25 = BM25Index.build(tokenizer.tokenize(t) for t in texts)
    ids = np.arange(len(texts), dtype=np.int64)
    dense = {e.name: DenseIndex.build(embed_cached(store, e, texts, progress), ids, hnsw_threshold)
             for e in embedders}
    manifest = {
        "generation": generation,
        "tokenizer": TOKENIZER_NAME,
        "dict_hash": tokenizer.dict_hash,
        "embedders": {name: {"dim": idx.dim, "kind": idx.kind} for name, idx in dense.items()},
        "counts": {"documents": len(rows.doc_ids), "chunks": len(chunks), "dictionary_terms": len(lexicon)},
    }
    return Snapshot(rows=rows, bm25=bm25, dense=dense, lexicon=lexicon), tokenizer, manifest


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
