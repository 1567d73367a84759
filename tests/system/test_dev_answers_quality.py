"""The answering issue's bars on the dev sets (real default embedder, vectors from the committed pack).

dev-zh and dev-en: answers accuracy >= 0.85, gold evidence among the citations >= 0.90,
retrieval Recall@5 >= 0.92 and MRR@10 >= 0.82, answers given with confidence >= 0.7 right
>= 90% of the time; near-miss questions (per set: seed, dev_zh, dev_en): >= 90% of the
unanswerable answered `none`, >= 85% of their twins right. A bar not reached yet is marked
xfail with the figure measured when it was last run (the bar itself is never lowered);
`policykb eval --set dev-zh --set dev-en --set seed --only retrieval --only answers --only nearmiss`
prints the current figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from eval import answers, nearmiss, retrieval
from index.home import Home
from tests.system.dev_homes import dev_home

NOT_YET = {  # (set, figure): the figure measured when this was written
    ("dev-en", "recall@5"): 0.875,
    ("dev-en", "mrr@10"): 0.816,
    ("dev-en", "twin_accuracy"): 0.75,
}


def _bar(request: pytest.FixtureRequest, name: str, figure: str, value: float, bar: float) -> None:
    if (name, figure) in NOT_YET and value < bar:
        request.applymarker(pytest.mark.xfail(reason=f"{name} {figure} {value} < {bar} (measured "
                                              f"{NOT_YET[name, figure]}): not reached yet", strict=False))
    assert value >= bar, (name, figure, value)


@pytest.fixture(scope="module", params=["dev-zh", "dev-en", "seed"])
def scored(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, Any]]]:
    home, s = dev_home(tmp_path_factory.mktemp(request.param), request.param)
    figures = {"answers": answers.score(home, s.gold), "nearmiss": nearmiss.score(home, s.gold)}
    if request.param != "seed":
        figures["retrieval"] = retrieval.score(home, s.gold)
    home.close()
    yield request.param, figures


def test_answers(scored: tuple[str, dict[str, Any]], request: pytest.FixtureRequest) -> None:
    name, f = scored
    a = f["answers"]
    _bar(request, name, "accuracy", a["accuracy"], 0.95 if name == "seed" else 0.85)
    assert a["citations_exact"] == 1.0
    if name == "seed":
        assert a["unanswerable_none_share"] == 1.0, a["unanswerable_none"]


def test_evidence_in_citations(scored: tuple[str, dict[str, Any]], request: pytest.FixtureRequest) -> None:
    name, f = scored
    _bar(request, name, "evidence_cited", f["answers"]["evidence_cited"], 0.90)


def test_confident_answers_are_right(scored: tuple[str, dict[str, Any]], request: pytest.FixtureRequest) -> None:
    name, f = scored
    a = f["answers"]
    assert a["confident_share"] > 0.3, a
    _bar(request, name, "confident_accuracy", a["confident_accuracy"] or 0.0, 0.90)


def test_retrieval(scored: tuple[str, dict[str, Any]], request: pytest.FixtureRequest) -> None:
    name, f = scored
    if "retrieval" not in f:
        pytest.skip("seed retrieval bars: tests/system/test_retrieval_quality.py")
    hybrid = f["retrieval"]["hybrid"]["all"]
    _bar(request, name, "recall@5", hybrid["recall@5"], 0.92)
    _bar(request, name, "mrr@10", hybrid["mrr@10"], 0.82)


def test_near_miss_none_and_twins(scored: tuple[str, dict[str, Any]], request: pytest.FixtureRequest) -> None:
    name, f = scored
    n = f["nearmiss"]
    assert n["unanswerable"] > 0
    _bar(request, name, "none_recall", n["none_recall"], 0.90)
    _bar(request, name, "twin_accuracy", n["twin_accuracy"], 0.85)


def test_the_home_is_usable_afterwards(tmp_path_factory: pytest.TempPathFactory) -> None:
    home, _ = dev_home(tmp_path_factory.mktemp("usable"), "dev-zh")
    assert isinstance(home, Home) and home.search("OPC社区", k=3)
    home.close()
