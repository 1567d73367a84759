"""Term postings of one index segment: for each term, the rows holding it and how often.

A segment's BM25 data is kept as raw term frequencies, not as precomputed scores: BM25's
idf and average length are statistics of the whole index, which changes with every
segment added or document removed, so they are applied at query time
(`index.local.bm25.BM25Scorer`). Postings are a CSC (term-major) matrix - `indptr`,
`rows`, `tfs` - plus each row's length in tokens, saved as plain `.npy` files that load
memory-mapped, and the vocabulary as a JSON list.

Segments merge by concatenating postings (`concat`, cost in proportion to the segments
merged, no re-tokenising) and drop rows by `select`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

FILES = ("indptr", "rows", "tfs", "lengths")


@dataclass
class Postings:
    """Rows x terms counts in CSC form (see the module docstring)."""

    terms: list[str]
    indptr: np.ndarray  # int64, len(terms) + 1
    rows: np.ndarray  # int32, row of each posting, ascending within a term
    tfs: np.ndarray  # float32, the term's count in that row
    lengths: np.ndarray  # int32, tokens per row
    vocab: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.vocab:
            self.vocab = {t: i for i, t in enumerate(self.terms)}

    @property
    def n_rows(self) -> int:
        return len(self.lengths)

    @classmethod
    def build(cls, corpus_tokens: Iterable[list[str]]) -> Postings:
        """Postings of token lists, one list per row (empty tokens are ignored)."""
        vocab: dict[str, int] = {}
        rows_l, cols_l, tfs_l, lengths = [], [], [], []
        for i, toks in enumerate(corpus_tokens):
            ids = np.fromiter((vocab.setdefault(t, len(vocab)) for t in toks if t), dtype=np.int32)
            lengths.append(len(ids))
            if not len(ids):
                continue
            terms, counts = np.unique(ids, return_counts=True)
            rows_l.append(np.full(len(terms), i, dtype=np.int32))
            cols_l.append(terms)
            tfs_l.append(counts.astype(np.float32))
        terms_list = list(vocab)
        if not rows_l:
            return cls(terms_list, np.zeros(len(vocab) + 1, np.int64), np.zeros(0, np.int32),
                       np.zeros(0, np.float32), np.asarray(lengths, dtype=np.int32))
        return _from_coo(terms_list, np.concatenate(cols_l), np.concatenate(rows_l), np.concatenate(tfs_l),
                         np.asarray(lengths, dtype=np.int32))

    def lookup(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(rows, counts) of `term`, or None when no row holds it."""
        col = self.vocab.get(term)
        if col is None:
            return None
        lo, hi = int(self.indptr[col]), int(self.indptr[col + 1])
        return self.rows[lo:hi], self.tfs[lo:hi]

    def select(self, keep: np.ndarray) -> Postings:
        """The postings of the rows where `keep` (bool per row) is true, renumbered in order."""
        new_row = np.cumsum(keep) - 1
        cols = np.repeat(np.arange(len(self.terms), dtype=np.int32), np.diff(self.indptr))
        mask = keep[self.rows]
        return _from_coo(self.terms, cols[mask], new_row[self.rows[mask]].astype(np.int32), self.tfs[mask],
                         self.lengths[keep])

    @staticmethod
    def concat(parts: list[Postings]) -> Postings:
        """One segment's postings from several, rows in order (part 0's rows first)."""
        vocab: dict[str, int] = {}
        cols_l, rows_l, tfs_l = [], [], []
        offset = 0
        for p in parts:
            remap = np.fromiter((vocab.setdefault(t, len(vocab)) for t in p.terms), dtype=np.int32,
                                count=len(p.terms))
            cols = np.repeat(np.arange(len(p.terms), dtype=np.int32), np.diff(p.indptr))
            cols_l.append(remap[cols] if len(cols) else cols)
            rows_l.append(np.asarray(p.rows, dtype=np.int32) + offset)
            tfs_l.append(np.asarray(p.tfs, dtype=np.float32))
            offset += p.n_rows
        lengths = np.concatenate([p.lengths for p in parts]).astype(np.int32) if parts else np.zeros(0, np.int32)
        if not cols_l:
            return Postings.build([])
        return _from_coo(list(vocab), np.concatenate(cols_l), np.concatenate(rows_l), np.concatenate(tfs_l),
                         lengths)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            np.save(folder / f"{name}.npy", getattr(self, name))
        (folder / "terms.json").write_text(json.dumps(self.terms, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Postings:
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in FILES}
        terms = json.loads((folder / "terms.json").read_text(encoding="utf-8"))
        return cls(terms=terms, **arrays)


def _from_coo(terms: list[str], cols: np.ndarray, rows: np.ndarray, tfs: np.ndarray,
              lengths: np.ndarray) -> Postings:
    order = np.lexsort((rows, cols))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(cols, minlength=len(terms)))]).astype(np.int64)
    return Postings(terms, indptr, rows[order].astype(np.int32), tfs[order].astype(np.float32),
                    np.asarray(lengths, dtype=np.int32))
