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


# -- many documents of one kind ------------------------------------------------------------
SAME_KIND = {"青山市": "Qingshan", "白水市": "Baishui", "红石市": "Hongshi", "金沙市": "Jinsha", "云岭市": "Yunling",
             "东湖市": "Donghu", "西岭市": "Xiling", "南港市": "Nangang", "北川市": "Beichuan", "石门市": "Shimen"}


def _same_kind_plan(place: str, i: int) -> str:
    """One of several same-shape plans: its target sentence does not name its place; only the title does."""
    return "\n".join([
        f"{place}生态保护三年行动方案(2024-2026年)",
        "一、工作目标",
        f"到2026年,全市森林覆盖率达到{40 + i}.{i}%,建成生态公园{10 + i}个。",
        "二、重点任务",
        "1.推进国土绿化。开展植树造林,新增造林面积3万亩。(责任单位:市林业局。完成时限:2025年12月底前)",
        "2.加强湿地保护。建立湿地保护名录,开展退化湿地修复。(责任单位:市自然资源局。完成时限:持续推进)",
    ])


@pytest.fixture(scope="module")
def same_kind_home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    folder = tmp_path_factory.mktemp("same_kind")
    for i, place in enumerate(SAME_KIND):
        (folder / f"plan_{i:02d}.txt").write_text(_same_kind_plan(place, i), encoding="utf-8")
    home = Home(folder / "home")
    assert not home.ingest([folder]).failed
    return home


def test_among_same_kind_documents_the_named_one_wins(same_kind_home: Home) -> None:
    """Issue 14: over same-shape plans of different places, the question's place picks the passage."""
    found = {"zh": 0, "en": 0}
    for i, (place, pinyin) in enumerate(SAME_KIND.items()):
        value = f"{40 + i}.{i}%"
        for lang, question in (("zh", f"{place}到2026年森林覆盖率目标是多少？"),
                               ("en", f"What forest coverage rate does {pinyin} aim for by 2026?")):
            hits = same_kind_home.search(question, k=5)
            found[lang] += any(value in h.text for h in hits)
    assert found["zh"] / len(SAME_KIND) >= 0.9, found
    assert found["en"] / len(SAME_KIND) >= 0.8, found
