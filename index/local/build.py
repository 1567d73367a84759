"""Store -> index build: passages, dictionary, BM25 matrix, embeddings (cached), FAISS.

BM25 is rebuilt from the store's chunks on every change: tokenising is cheap next to
embedding. Embeddings are looked up in the store's cache by a content hash of the exact
passage text (`passage_key`), so re-ingesting a document, or re-indexing after another
document changed, embeds nothing twice; only new passages are embedded, in batches,
with a progress bar on stderr when asked, and each batch is cached as it completes so an
interrupted ingest keeps its progress.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from index.embedders import Embedder
from index.lexicon import harvest
from index.local.bm25 import BM25Index
from index.local.dense import HNSW_THRESHOLD, DenseIndex
from index.local.snapshot import Snapshot
from index.passages import collect_passages, embed_cached
from index.store import Store
from index.tokenize import TOKENIZER_NAME, Tokenizer
from index.vector_cache import VectorCache


def build_snapshot(store: Store, embedders: list[Embedder], tokenizer: Tokenizer | None = None,
                   progress: bool = False, hnsw_threshold: int = HNSW_THRESHOLD,
                   shared: VectorCache | None = None) -> tuple[Snapshot, Tokenizer, dict[str, Any]]:
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
    dense = {e.name: DenseIndex.build(embed_cached(store, e, texts, progress, shared), ids, hnsw_threshold)
             for e in embedders}
    manifest = {
        "generation": generation,
        "tokenizer": TOKENIZER_NAME,
        "dict_hash": tokenizer.dict_hash,
        "embedders": {name: {"dim": idx.dim, "kind": idx.kind} for name, idx in dense.items()},
        "counts": {"documents": len(rows.doc_ids), "chunks": len(chunks), "dictionary_terms": len(lexicon)},
    }
    return Snapshot(rows=rows, bm25=bm25, dense=dense, lexicon=lexicon), tokenizer, manifest

