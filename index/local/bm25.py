"""BM25 over the segments of an index, with the statistics of the live rows of all of them.

The variant is Lucene's (idf = ln(1 + (N - df + .5) / (df + .5)), never negative), k1 = 1.2,
b = 0.75 - the usual defaults; the tests check the scores against rank-bm25 and bm25s
computing the same formula. Each segment keeps raw term counts (`index.local.postings`);
N, df and the average length are taken over the live rows of every segment at query
time, so an index grown by adding segments and removing documents scores exactly as one
built at once from the same rows would. A query costs one pass over the postings of its
terms - a few milliseconds at 10^5 chunks - where bm25s' precomputed matrix (0.2 ms)
would have to be rebuilt whole whenever any document changed (242 s at 10^5 chunks).

Within one scorer N, df and the average length are fixed, so each term's part of the score
that does not depend on the query - its live rows across the segments and tf / (tf + k1 (1 - b +
b len / avgdl)) for each - is computed on the term's first query and kept (least recently used
first out, `CACHE_BYTES` in all): a query then costs one multiply-add per posting of its terms
instead of some ten passes (filtering the dead rows, gathering lengths, dividing). A term held
by a large share of the rows (a document line's words, common bigrams) is kept as a dense row
of weights and added whole, which is cheaper than scattering into most of the rows. At 10^5
chunks (a query's terms: ~340k postings) BM25 scoring went from 3.8-5.5 to ~1.2 ms of CPU
(p50 over the gold questions on the generated 100k home of `eval.bench.retrieval`).

Rows are positions in the caller's row table (segments one after another); the tokenizer is
passed in by the caller (`index.tokenize.Tokenizer`), never chosen here.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable

import numpy as np

from index.local.postings import Postings

K1 = 1.2
B = 0.75
CACHE_BYTES = 64 << 20  # of kept term weights per scorer
Weights = tuple[int, np.ndarray | None, np.ndarray]  # df, rows (None: dense), weights
DENSE_SHARE = 8  # a term in more than 1/8 of the rows is kept as one weight per row: adding it beats scattering


class BM25Scorer:
    """Scores of every row of several segments for a query.

    `parts` are (postings, live) pairs in row order; `live` is a bool per row of that
    segment (None: every row is live). Dead rows score 0 and count in no statistic.

    >>> idx = BM25Scorer([(Postings.build([["水土", "保持"], ["监测", "站"]]), None)])
    >>> idx.search(["监测"], k=1)[0].tolist()
    [1]
    """

    def __init__(self, parts: list[tuple[Postings, np.ndarray | None]], k1: float = K1, b: float = B,
                 cache_bytes: int = CACHE_BYTES) -> None:
        self.parts = [(p, None if live is None or live.all() else live) for p, live in parts]
        self.k1, self.b = k1, b
        self.offsets = np.cumsum([0] + [p.n_rows for p, _ in parts]).astype(np.int64)
        self.n_docs = int(self.offsets[-1])
        live_lengths = [np.asarray(p.lengths)[live] if live is not None else np.asarray(p.lengths)
                        for p, live in parts]
        self.n_live = int(sum(len(x) for x in live_lengths))
        total = float(sum(float(x.sum()) for x in live_lengths))
        avgdl = total / self.n_live if self.n_live and total else 1.0
        self._norms = [(k1 * ((1 - b) + b * np.asarray(p.lengths, dtype=np.float32) / avgdl)).astype(np.float32)
                       for p, _ in parts]
        self._terms: OrderedDict[str, Weights] = OrderedDict()
        self._lock = threading.Lock()
        self.cache_bytes = cache_bytes
        self.cached_bytes = 0

    @classmethod
    def build(cls, corpus_tokens: Iterable[list[str]], k1: float = K1, b: float = B) -> BM25Scorer:
        """One segment of token lists (tests and small indexes)."""
        return cls([(Postings.build(corpus_tokens), None)], k1, b)

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """The BM25 score of every row for the query (zeros where no term matches, and for dead rows).

        A token given twice counts twice, as in rank-bm25 and bm25s."""
        out = np.zeros(self.n_docs, dtype=np.float32)
        if not self.n_live:
            return out
        for term, times in Counter(t for t in query_tokens if t).items():
            df, rows, weights = self.term_weights(term)
            if df:
                idf = np.float32(np.log1p((self.n_live - df + 0.5) / (df + 0.5)) * times)
                if rows is None:
                    out += weights * idf
                else:
                    out[rows] += weights * idf
        return out

    def term_weights(self, term: str) -> Weights:
        """(df, rows, weights): the live rows holding `term` (over all segments, ascending) and
        tf / (tf + norm) of each; for a term in more than 1/`DENSE_SHARE` of the rows, rows is None
        and weights holds every row (0 where the term is absent), added without a scatter."""
        with self._lock:
            hit = self._terms.get(term)
            if hit is not None:
                self._terms.move_to_end(term)
                return hit
        hit = self._weigh(term)
        size = 4 * len(hit[2]) + (8 * len(hit[1]) if hit[1] is not None else 0)
        with self._lock:
            if term not in self._terms and size <= self.cache_bytes:
                self._terms[term] = hit
                self.cached_bytes += size
                while self.cached_bytes > self.cache_bytes:
                    _, (_, rows, weights) = self._terms.popitem(last=False)
                    self.cached_bytes -= 4 * len(weights) + (8 * len(rows) if rows is not None else 0)
        return hit

    def _weigh(self, term: str) -> Weights:
        rows_l, weights_l = [], []
        for i, (postings, live) in enumerate(self.parts):
            found = postings.lookup(term)
            if found is None:
                continue
            rows, tfs = np.asarray(found[0]), np.asarray(found[1])
            if live is not None:
                keep = live[rows]
                rows, tfs = rows[keep], tfs[keep]
            rows_l.append(rows.astype(np.intp) + self.offsets[i])
            weights_l.append((tfs / (tfs + self._norms[i][rows])).astype(np.float32))
        if not rows_l:
            return 0, np.zeros(0, np.intp), np.zeros(0, np.float32)
        rows, weights = np.concatenate(rows_l), np.concatenate(weights_l)
        if len(rows) * DENSE_SHARE < self.n_docs:
            return len(rows), rows, weights
        dense = np.zeros(self.n_docs, np.float32)
        dense[rows] = weights
        return len(rows), None, dense

    def search(self, query_tokens: list[str], k: int,
               mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Rows and scores of the k best rows with a positive score, best first.

        `mask` (bool per row) keeps only the rows that pass a filter."""
        scores = self.scores(query_tokens)
        if mask is not None and scores.size:
            scores = np.where(mask, scores, np.float32(0.0))
        return top_k(scores, k)


BM25Index = BM25Scorer  # the name the rest of the code and the tests know


def top_k(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices and values of the k largest positive scores, best first (ties by lower index)."""
    positive = int(np.count_nonzero(scores > 0))
    k = min(k, positive)
    if k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    part = np.argpartition(-scores, k - 1)[:k] if k < scores.size else np.arange(scores.size)
    order = part[np.lexsort((part, -scores[part]))]
    return order.astype(np.int64), scores[order].astype(np.float32)
