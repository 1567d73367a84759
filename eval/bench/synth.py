"""A synthetic corpus of any size built from the real documents' own sentences and headings.

Each synthetic document is a run of real headings, each followed by paragraphs of real
sentences drawn at random (seeded), then structured and chunked by the real ingestion
code, so chunk sizes, vocabulary and the Chinese/English mix are the corpus' own.
Used by the retrieval benchmark; never by tests.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from index.passages import passage_key
from index.store import Store
from ingest.models import ParsedDocument
from ingest.pipeline import detect_lang, parse_file
from ingest.read.chunking import make_chunks
from ingest.read.sentences import sentence_spans
from ingest.read.structure import parse_blocks

CHUNKS_PER_DOC = 200


def real_material(corpus: Path) -> tuple[list[str], dict[str, list[str]]]:
    """(headings, sentences by language) of the real corpus."""
    headings: list[str] = []
    sentences: dict[str, list[str]] = {"zh": [], "en": []}
    for path in sorted(corpus.glob("*.txt")):
        doc = parse_file(path)
        headings += [doc.text[b.start:b.end].strip() for b in doc.blocks if b.kind == "heading"]
        for c in doc.chunks:
            if c.table:
                continue
            sentences[doc.lang] += [c.text[s.start:s.end] for s in sentence_spans(c.text) if s.end - s.start >= 8]
    return [h for h in headings if 2 <= len(h) <= 40 and "\n" not in h], sentences


def synth_documents(corpus: Path, n_chunks: int, seed: int = 7) -> Iterator[ParsedDocument]:
    """Documents until `n_chunks` chunks are made; about one in five is English, like the seed corpus."""
    rng = random.Random(seed)
    headings, sentences = real_material(corpus)
    made = 0
    while made < n_chunks:
        lang = "en" if rng.random() < 0.2 else "zh"
        pool = sentences[lang]
        joiner = " " if lang == "en" else ""
        parts: list[str] = []
        for _ in range(CHUNKS_PER_DOC // 3):
            parts.append(rng.choice(headings))
            for _ in range(rng.randint(1, 3)):
                parts.append(joiner.join(rng.choice(pool) for _ in range(rng.randint(2, 6))))
        text = "\n".join(parts) + "\n"
        doc_id = hashlib.sha256(text.encode()).hexdigest()[:16]
        blocks = parse_blocks(text, [])
        chunks = make_chunks(doc_id, text, blocks, [])
        made += len(chunks)
        yield ParsedDocument(doc_id=doc_id, source=f"synthetic_{doc_id}.txt", path="", title=f"synthetic {doc_id}",
                             lang=detect_lang(text), text=text, page_starts=[], blocks=blocks, chunks=chunks)


def generated_vectors(store: Store, embedder: str, base: np.ndarray, texts: list[str], seed: int = 11,
                      noise: float = 0.35, batch: int = 5000) -> None:
    """Fill the store's embedding cache for `texts` with generated vectors, not embedded ones.

    Each vector is a real passage embedding (`base`) plus Gaussian noise, normalised: the
    clustered geometry of real embeddings at a scale that would take hours to embed here."""
    rng = np.random.default_rng(seed)
    dim = base.shape[1]
    for i in range(0, len(texts), batch):
        part = texts[i:i + batch]
        picks = base[rng.integers(0, len(base), len(part))]
        vecs = picks + rng.standard_normal((len(part), dim)).astype(np.float32) * (noise / np.sqrt(dim))
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        store.cache_vectors(embedder, [(passage_key(t), v.astype(np.float32).tobytes())
                                       for t, v in zip(part, vecs, strict=True)])
