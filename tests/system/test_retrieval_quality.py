"""Retrieval quality on the seed gold with the real (bundled) embedders: the bars of issue 4.

Runs `eval.retrieval.score` on the session's `corpus_home` (the five seed documents,
default embedder). Figures and the commands that reproduce them: docs/retrieval.md.
"""

from __future__ import annotations

from typing import Any

import pytest

from eval.retrieval import score
from index.home import Home
from tests.conftest import GOLD


@pytest.fixture(scope="module")
def figures(corpus_home: Home) -> dict[str, Any]:
    return score(corpus_home, GOLD)


def test_hybrid_recall_and_mrr(figures: dict[str, Any]) -> None:
    hybrid = figures["hybrid"]["all"]
    assert hybrid["n"] == figures["questions"] >= 60
    assert hybrid["recall@5"] >= 0.90, figures["misses"]["hybrid"]
    assert hybrid["mrr@10"] >= 0.75


def test_hybrid_at_least_as_good_as_either_retriever_alone(figures: dict[str, Any]) -> None:
    for metric in ("recall@5", "mrr@10"):
        best_single = max(figures["bm25"]["all"][metric], figures["dense"]["all"][metric])
        assert figures["hybrid"]["all"][metric] >= best_single, (metric, figures)


def test_english_questions_over_the_corpus(figures: dict[str, Any]) -> None:
    english = figures["hybrid"]["lang"]["en"]
    assert english["n"] >= 10
    assert english["recall@5"] >= 0.8, figures["misses"]["hybrid"]


def test_every_question_type_is_served(figures: dict[str, Any]) -> None:
    for qtype, f in figures["hybrid"]["type"].items():
        assert f["recall@10"] >= 0.8, (qtype, f)
