"""Fusing the lexical and the dense ranking of one query into the hybrid ranking.

Two rules, both measured on the seed gold (docs/retrieval.md):

1. **Lexical counts double.** Weighted RRF (k = 60) with weight 2 for BM25 and 1 for the
   dense ranking. On policy text the lexical retriever is the stronger one - questions
   quote unit names, indicator names and numbers that jieba + bigrams match exactly
   (MRR@10 0.90 against 0.73 for dense) - while the dense side brings paraphrase and
   cross-language matches. Weights 2 and 3 score the same; 1 and 1.5 lose MRR to BM25
   alone.
2. **BM25 abstains where it cannot read.** A chunk in another language than the query
   (an English question, a Chinese chunk) can only be matched lexically by stray numbers,
   so BM25's rank for it says nothing. For such chunks the dense rank stands in for the
   lexical one (an imputed rank), instead of the chunk being punished as "absent from BM25".
   This is what lets English questions over Chinese documents through. When the query's
   words translate (`index.bilingual`), the other-language chunks are ranked by BM25 over
   the translation instead (`cross`), which finds names and table rows the embedders miss.
3. **The document a query names wins** (`boost_documents`): every passage of a document
   the query names (`index.named`) gains the same bonus, so among look-alike documents the
   named one's passages come first while each document's own order stays.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from index.fusion import RRF_K, minmax, rrf, rrf_ranks, weighted

LEXICAL_WEIGHT = 2.0
DENSE_WEIGHT = 1.0
WEIGHTED_ALPHA = 0.5  # share of the lexical score in weighted (score) fusion
MIN_DEPTH = 100  # each retriever contributes at least this many rows before fusion
DOCUMENT_BONUS = 0.01  # added to the RRF score of a fully named document's passages (top score ~0.05)


def fuse_dense(rankings: Sequence[Sequence[int]]) -> list[tuple[int, float]]:
    """The dense ranking of an ensemble of embedders: plain RRF of each member's ranking."""
    return rrf(rankings)


def fuse_hybrid(lexical: Sequence[int], dense: Sequence[int], same_language: Callable[[int], bool],
                weights: tuple[float, float] = (LEXICAL_WEIGHT, DENSE_WEIGHT),
                k: int = RRF_K, cross: Sequence[int] = ()) -> list[tuple[int, float]]:
    """Weighted RRF of the two rankings with imputed lexical ranks (see the module docstring);
    `cross` ranks other-language rows by the translated query, where there is one."""
    lex = {row: r for r, row in enumerate(lexical, start=1) if same_language(row)}
    for r, row in enumerate((row for row in cross if not same_language(row)), start=1):
        lex.setdefault(row, r)
    den: dict[int, int] = {}
    for r, row in enumerate(dense, start=1):
        den.setdefault(row, r)
        if not same_language(row):
            lex.setdefault(row, r)
    return rrf_ranks([lex, den], k=k, weights=weights)


def boost_documents(fused: list[tuple[int, float]], doc_of_row: Callable[[int], int], weights: Sequence[float],
                    bonus: float = DOCUMENT_BONUS) -> list[tuple[int, float]]:
    """`fused` re-ranked with each row's document weight (0..1) times `bonus` added."""
    if not any(weights):
        return fused
    out = [(row, score + bonus * weights[doc_of_row(row)]) for row, score in fused]
    return sorted(out, key=lambda x: -round(x[1], 12))


def fuse_weighted(lexical: dict[int, float], dense: dict[int, float], same_language: Callable[[int], bool],
                  alpha: float = WEIGHTED_ALPHA) -> list[tuple[int, float]]:
    """Convex combination of min-max-normalised scores, with the same abstention rule."""
    lex = minmax({row: s for row, s in lexical.items() if same_language(row)})
    den = minmax(dense)
    for row, s in den.items():
        if not same_language(row):
            lex.setdefault(row, s)
    return weighted([lex, den], [alpha, 1.0 - alpha])
