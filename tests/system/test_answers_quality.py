"""Answer quality on the seed gold, with the real embedder: the bars of the answering issue."""

from __future__ import annotations

from typing import Any

import pytest

from eval.answers import score
from index.home import Home
from tests.conftest import GOLD


@pytest.fixture(scope="module")
def figures(corpus_home: Home) -> dict[str, Any]:
    return score(corpus_home, GOLD)


def test_overall_and_by_type(figures: dict[str, Any]) -> None:
    assert figures["accuracy"] >= 0.85, figures
    assert figures["by"]["deadline"] >= 0.90, figures
    assert figures["by"]["target"] >= 0.90, figures
    assert figures["responsibility_unit_f1"] >= 0.90, figures
    assert figures["by"]["lang:en"] >= 0.80, figures


def test_citations_are_exact_and_hold_the_evidence(figures: dict[str, Any]) -> None:
    assert figures["citations_exact"] == 1.0
    assert figures["evidence_cited"] >= 0.90, figures


def test_questions_the_corpus_cannot_answer_come_back_none(figures: dict[str, Any]) -> None:
    assert figures["unanswerable_none_share"] == 1.0, figures["unanswerable_none"]
