"""Task extraction against the dev gold (eval/dev/zh, eval/dev/en), with the issue's bars.

Neither dev corpus has a manifest: titles, dates and kinds come from the text alone.

Parses the dev corpus with `ingest.pipeline.parse_file` (no home, no embedder: seconds) and
scores with `eval.tasks_scorer.score_tasks`, the matching `policykb eval` uses. Precision counts
the documents whose gold labels every task (`complete.json`). Deadline accuracy reads the gold's
`date_end` (the outside checker reads only `date`, which the dev gold does not have).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eval.gold_io import load_gold
from eval.tasks_scorer import score_tasks
from ingest.pipeline import parse_file

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "eval" / "dev"
GOLD_TASKS = {"zh": 246, "en": 277}
BARS = {"task_recall": 0.90, "task_precision": 0.85, "units_f1": 0.90, "lead_units_f1": 0.85, "deadline_accuracy": 0.90}


@pytest.fixture(scope="module", params=["zh", "en"])
def figures(request: pytest.FixtureRequest) -> dict[str, Any]:
    dev = DEV / request.param
    assert not (dev / "corpus" / "manifest.json").exists()
    tasks = [t.to_dict() for path in sorted((dev / "corpus").iterdir()) for t in parse_file(path).tasks]
    complete = set(json.loads((dev / "gold" / "complete.json").read_text(encoding="utf-8"))["docs"])
    out = score_tasks(load_gold(dev / "gold", "tasks.jsonl"), tasks, complete)
    out["lang"] = request.param
    return out


def test_gold_is_present(figures: dict[str, Any]) -> None:
    assert figures["tasks_gold"] == GOLD_TASKS[figures["lang"]]


def test_recall_and_precision(figures: dict[str, Any]) -> None:
    assert figures["task_recall"] >= BARS["task_recall"], figures["missed"]
    assert figures["task_precision"] >= BARS["task_precision"], figures["extra"]


def test_units(figures: dict[str, Any]) -> None:
    assert figures["units"]["f1"] >= BARS["units_f1"], figures["units"]
    assert figures["lead_units"]["f1"] >= BARS["lead_units_f1"], figures["lead_units"]


def test_deadlines(figures: dict[str, Any]) -> None:
    assert figures["deadline_accuracy"] >= BARS["deadline_accuracy"], figures["wrong_deadline"]


def test_the_english_seed_paper_stays_without_tasks() -> None:
    """A research paper states no duties: the English rules must not invent any."""
    [paper] = (ROOT / "corpus").glob("000_*.txt")
    assert parse_file(paper).tasks == []
