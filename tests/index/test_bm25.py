"""Our bm25s-backed BM25 against rank-bm25 computing the same (Lucene) formula, on the real corpus."""

from __future__ import annotations

import json
import math
from pathlib import Path

import bm25s
import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from index.lexicon import text_terms
from index.local.bm25 import K1, B, BM25Index, BM25Scorer, top_k
from index.local.postings import Postings
from index.passages import header_rows, passage_text
from index.tokenize import Tokenizer
from ingest.pipeline import parse_file

ROOT = Path(__file__).resolve().parents[2]


class LuceneOkapi(BM25Okapi):
    """rank-bm25's Okapi with Lucene's idf, ln(1 + (N - df + .5) / (df + .5)), never negative."""

    def _calc_idf(self, nd: dict[str, int]) -> None:
        self.idf = {w: math.log(1 + (self.corpus_size - df + 0.5) / (df + 0.5)) for w, df in nd.items()}


@pytest.fixture(scope="module")
def fixture() -> tuple[Tokenizer, list[list[str]], list[str]]:
    docs = [parse_file(p) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    tok = Tokenizer(set().union(*(text_terms(d.text) for d in docs)))
    passages = [passage_text(c, header_rows(d.blocks, d.text)) for d in docs for c in d.chunks]
    questions = [json.loads(line)["question"]
                 for line in (ROOT / "eval" / "gold" / "qa.jsonl").read_text(encoding="utf-8").splitlines()]
    return tok, tok.tokenize_many(passages), questions


def test_same_top_10_as_rank_bm25(fixture: tuple[Tokenizer, list[list[str]], list[str]]) -> None:
    tok, corpus, questions = fixture
    ours = BM25Index.build(corpus)
    ref = LuceneOkapi(corpus, k1=K1, b=B)
    for q in questions:
        qt = tok(q)
        got = ours.scores(qt)
        want = np.asarray(ref.get_scores(qt)) / (K1 + 1)  # rank-bm25 keeps the constant (k1 + 1) factor
        assert np.allclose(got, want, rtol=1e-4, atol=1e-5), q
        assert list(top_k(got, 10)[0]) == list(top_k(want.astype(np.float32), 10)[0]), q


def test_scores_equal_bm25s_own_indexing(fixture: tuple[Tokenizer, list[list[str]], list[str]]) -> None:
    tok, corpus, questions = fixture
    ours = BM25Index.build(corpus)
    ref = bm25s.BM25(k1=K1, b=B, method="lucene")
    ref.index(corpus, show_progress=False)
    for q in questions[:20]:
        ids = ref.get_tokens_ids(tok(q))
        assert np.allclose(ours.scores(tok(q)), ref.get_scores_from_ids(ids), atol=1e-5)


def test_mask_unknown_terms_and_empty_index() -> None:
    index = BM25Index.build([["水土", "保持"], ["水土", "监测"], ["监测", "站"]])
    rows, scores = index.search(["监测"], k=5)
    assert set(rows) == {1, 2} and all(scores > 0)
    rows, _ = index.search(["监测"], k=5, mask=np.array([True, False, True]))
    assert list(rows) == [2]
    assert len(index.search(["不存在"], k=5)[0]) == 0
    assert len(BM25Index.build([]).search(["水土"], k=5)[0]) == 0


def test_save_and_load_round_trip(tmp_path: Path, fixture: tuple[Tokenizer, list[list[str]], list[str]]) -> None:
    tok, corpus, questions = fixture
    postings = Postings.build(corpus)
    postings.save(tmp_path / "bm25")
    ours, loaded = BM25Scorer([(postings, None)]), BM25Scorer([(Postings.load(tmp_path / "bm25"), None)])
    for q in questions[:10]:
        assert np.array_equal(loaded.scores(tok(q)), ours.scores(tok(q)))


def test_segments_with_removed_rows_score_as_one_index_of_the_live_rows(
        fixture: tuple[Tokenizer, list[list[str]], list[str]]) -> None:
    """Three segments, some rows dead: the live rows' scores equal those of one index built from them alone."""
    tok, corpus, questions = fixture
    rng = np.random.default_rng(3)
    cuts = sorted(rng.choice(np.arange(1, len(corpus)), 2, replace=False))
    pieces = [corpus[:cuts[0]], corpus[cuts[0]:cuts[1]], corpus[cuts[1]:]]
    lives = [rng.random(len(p)) > 0.2 for p in pieces]
    segmented = BM25Scorer([(Postings.build(p), live) for p, live in zip(pieces, lives, strict=True)])
    alive = np.concatenate(lives)
    whole = BM25Scorer.build([t for t, keep in zip(corpus, alive, strict=True) if keep])
    merged = BM25Scorer([(Postings.concat([Postings.build(p).select(live) for p, live in
                                           zip(pieces, lives, strict=True)]), None)])
    for q in questions[:20]:
        got = segmented.scores(tok(q))
        assert not got[~alive].any()
        assert np.allclose(got[alive], whole.scores(tok(q)), atol=1e-5), q
        assert np.allclose(merged.scores(tok(q)), whole.scores(tok(q)), atol=1e-5), q


def test_kept_term_weights_score_as_computed_ones(fixture: tuple[Tokenizer, list[list[str]], list[str]]) -> None:
    """A scorer keeps each term's weights after its first query (common terms as dense rows); scores
    from kept weights, and from a cache too small to keep most terms (evicting as it goes), equal
    those of rank-bm25, query after query."""
    tok, corpus, questions = fixture
    ref = LuceneOkapi(corpus, k1=K1, b=B)
    roomy = BM25Scorer([(Postings.build(corpus), None)])
    tight = BM25Scorer([(Postings.build(corpus), None)], cache_bytes=2000)
    for q in questions[:15] * 2:
        want = np.asarray(ref.get_scores(tok(q))) / (K1 + 1)
        assert np.allclose(roomy.scores(tok(q)), want, rtol=1e-4, atol=1e-5), q
        assert np.allclose(tight.scores(tok(q)), want, rtol=1e-4, atol=1e-5), q
        assert tight.cached_bytes <= 2000
    kept = [roomy.term_weights(t) for t in list(roomy._terms)]
    assert any(rows is None for _, rows, _ in kept) and any(rows is not None for _, rows, _ in kept)
    assert roomy.cached_bytes > tight.cached_bytes


def test_kept_weights_leave_out_rows_dead_when_the_scorer_was_made() -> None:
    live = np.array([True, False, True, True, True, True, True, True, True, True])
    corpus = [["监测"], ["监测"], ["监测", "站"]] + [["其他"]] * 7
    scorer = BM25Scorer([(Postings.build(corpus), live)])
    scores = scorer.scores(["监测", "站"])
    assert scores[1] == 0 and scores[0] > 0 and scores[2] > scores[0]
    df, rows, _ = scorer.term_weights("站")  # 1 of 9 live rows: kept sparse
    assert df == 1 and rows is not None and rows.tolist() == [2]
    df, rows, dense = scorer.term_weights("监测")  # 2 of 9 live rows: kept dense, 0 for the dead row
    assert df == 2 and rows is None and dense[1] == 0 and dense[0] > 0
