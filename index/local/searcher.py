"""Ranking rows of one loaded build for a query: bm25, dense or hybrid, with filters as a mask.

Each retriever contributes its best `depth` rows (at least 100); the dense ranking of an
ensemble (`e5+use`) is the RRF of its members' rankings; hybrid fuses the two as
`index.hybrid` explains. Every ranked row carries its own score breakdown: the raw BM25
score (None when no query term matched) and the mean cosine over the embedders.

Two readings of the query beside its own words (`QueryView`): an English query's Chinese
translation (`index.bilingual`: CC-CEDICT, the corpus' names by pinyin, the glossary), which
BM25 ranks the Chinese passages by; and the documents it names (`index.named`), whose
passages get a bonus in the hybrid ranking.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from index.backend import Mode
from index.bilingual import english_to_chinese, names_by_pinyin
from index.embedders import Embedder
from index.hybrid import MIN_DEPTH, boost_documents, fuse_dense, fuse_hybrid, fuse_weighted
from index.local.bm25 import top_k
from index.local.snapshot import Snapshot
from index.named import Namer, title_place
from index.tokenize import Tokenizer
from ingest.errors import ConfigError
from ingest.pipeline import detect_lang

FUSIONS = ("rrf", "weighted")


@dataclass
class Ranked:
    row: int
    score: float
    bm25: float | None
    dense: float | None


class Searcher:
    """Query-time view of one build. Stateless between calls; safe to share across threads."""

    def __init__(self, snapshot: Snapshot, tokenizer: Tokenizer, embedders: Mapping[str, Embedder],
                 fusion: str = "rrf") -> None:
        if fusion not in FUSIONS:
            raise ConfigError(f"unknown fusion {fusion!r} (POLICYKB_FUSION); valid: {', '.join(FUSIONS)}")
        self.snapshot = snapshot
        self.tokenizer = tokenizer
        self.embedders = embedders
        self.fusion = fusion
        self._lock = threading.Lock()
        self._line_tokens: list[set[str]] | None = None
        self._place_tokens: list[set[str]] | None = None
        self._namer: Namer | None = None
        self._names: dict[str, list[str]] | None = None

    def line_tokens(self) -> tuple[list[set[str]], list[set[str]]]:
        """Each document's line (`Rows.doc_lines`) as tokens, and its title's place as tokens;
        computed once per build."""
        with self._lock:
            if self._line_tokens is None or self._place_tokens is None:
                lines = self.snapshot.rows.doc_lines
                self._line_tokens = [set(self.tokenizer.tokenize(line)) for line in lines]
                self._place_tokens = [set(self.tokenizer.tokenize(title_place(line))) for line in lines]
            return self._line_tokens, self._place_tokens

    def namer(self) -> Namer:
        """Which documents a query names (`index.named`), over this build's lines; made once per build."""
        if self._namer is None:
            namer = Namer(*self.line_tokens())
            with self._lock:
                self._namer = self._namer or namer
        return self._namer

    def translation(self, query: str) -> list[str]:
        """The Chinese words an English query translates to ([] for a Chinese query or corpus)."""
        rows = self.snapshot.rows
        if detect_lang(query) != "en" or "z" not in rows.text_langs:
            return []
        with self._lock:
            if self._names is None:
                self._names = names_by_pinyin(self.snapshot.lexicon)
        return english_to_chinese(query, self._names)

    def embed(self, query: str) -> dict[str, np.ndarray]:
        """The query's vector from each embedder."""
        return {name: e.embed_query(query) for name, e in self.embedders.items()}

    def rank(self, query: str, k: int, mode: Mode = "hybrid", mask: np.ndarray | None = None,
             tokens: list[str] | None = None, qvecs: dict[str, np.ndarray] | None = None) -> list[Ranked]:
        """The k best rows; `tokens` and `qvecs` (`embed`) are the query's, when the caller has them already."""
        rows = self.snapshot.rows
        if not len(rows) or k <= 0 or (mask is not None and not mask.any()):
            return []
        depth = max(MIN_DEPTH, 4 * k)
        tokens = self.tokenizer.tokenize(query) if tokens is None else tokens
        bm25_all = self.snapshot.bm25.scores(tokens)
        if mask is not None:
            bm25_all = np.where(mask, bm25_all, np.float32(0.0))
        if mode == "bm25":
            qvecs = {}
            order = _top(bm25_all, k)
            fused = [(int(r), float(bm25_all[r])) for r in order]
        else:
            qvecs = self.embed(query) if qvecs is None else qvecs
            dense_lists, cos = self._dense(qvecs, depth, mask)
            dense_fused = fuse_dense(dense_lists)
            if mode == "dense":
                single = len(dense_lists) == 1
                fused = [(r, cos[r] if single else s) for r, s in dense_fused]
            else:
                fused = self._hybrid(query, tokens, bm25_all, dense_fused, dict(cos), depth, mask)
        top = fused[:k]
        dense = self._mean_cosines([row for row, _ in top], qvecs) if qvecs else [None] * len(top)
        return [Ranked(row=row, score=float(score), bm25=b if (b := float(bm25_all[row])) > 0 else None, dense=d)
                for (row, score), d in zip(top, dense, strict=True)]

    def _hybrid(self, query: str, tokens: list[str], bm25_all: np.ndarray, dense_fused: list[tuple[int, float]],
                cos: dict[int, float], depth: int, mask: np.ndarray | None) -> list[tuple[int, float]]:
        """Lexical and dense fused (`index.hybrid`), the translated query ranking the other-language
        rows, then the named documents' passages raised."""
        rows = self.snapshot.rows
        qlang = "e" if detect_lang(query) == "en" else "z"

        def same(row: int) -> bool:
            return rows.text_langs[row] == qlang

        lexical = [int(r) for r in _top(bm25_all, depth)]
        translated = self.translation(query)
        cross: list[int] = []
        if translated:
            extra = self.tokenizer.tokenize(" ".join(translated))
            tokens = tokens + extra
            cross_all = self.snapshot.bm25.scores(tokens)  # the question's own words too: it may quote Chinese
            if mask is not None:
                cross_all = np.where(mask, cross_all, np.float32(0.0))
            cross = [int(r) for r in _top(cross_all, depth)]
        if self.fusion == "weighted":
            fused = fuse_weighted({r: float(bm25_all[r]) for r in lexical}, cos, same)
        else:
            fused = fuse_hybrid(lexical, [r for r, _ in dense_fused], same, cross=cross)
        weights = self.namer().weights(set(tokens))
        return boost_documents(fused, lambda row: int(rows.doc_of_row[row]), weights)

    def _dense(self, qvecs: dict[str, np.ndarray], depth: int,
               mask: np.ndarray | None) -> tuple[list[list[int]], dict[int, float]]:
        """Each member's ranking, and cosines where the fusion needs them (weighted, or one member)."""
        allowed = np.nonzero(mask)[0].astype(np.int64) if mask is not None else None
        lists: list[list[int]] = []
        sims: dict[int, list[float]] = {}
        for name, q in qvecs.items():
            ids, scores = self.snapshot.dense[name].search(q, depth, allowed)
            lists.append([int(i) for i in ids])
            for i, sc in zip(ids, scores, strict=True):
                sims.setdefault(int(i), []).append(float(sc))
        if len(qvecs) == 1:
            return lists, {row: v[0] for row, v in sims.items()}
        if self.fusion != "weighted":
            return lists, {}
        # rows found by one member only get their other cosines exactly, for a fair mean
        return lists, {row: (self._mean_cosine(row, qvecs) or 0.0) if len(v) < len(qvecs) else sum(v) / len(v)
                       for row, v in sims.items()}

    def _mean_cosine(self, row: int, qvecs: dict[str, np.ndarray]) -> float | None:
        """Mean cosine over the embedders that have a vector for the row (None: none yet)."""
        return self._mean_cosines([row], qvecs)[0]

    def _mean_cosines(self, rows: list[int], qvecs: dict[str, np.ndarray]) -> list[float | None]:
        """For each row, the mean cosine over the embedders that have a vector for it (None: none yet)."""
        ids = np.array(rows, dtype=np.int64)
        sims = np.vstack([self.snapshot.dense[n].cosines(q, ids) for n, q in qvecs.items()])  # (members, rows)
        counts = (~np.isnan(sims)).sum(axis=0)
        sums = np.nansum(sims, axis=0)
        return [float(sums[j] / counts[j]) if counts[j] else None for j in range(len(rows))]


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    return top_k(scores, k)[0]
