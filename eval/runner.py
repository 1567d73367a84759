"""`policykb eval`: run every scorer the project has against a home and print one table.

Each scorer is a module in `eval/` with `score(home, gold_dir) -> dict` of figures;
`THRESHOLDS` are the bars the issues set, enforced by the tests through `check`.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path
from typing import Any

from index.home import Home

SCORERS: dict[str, str] = {
    "verify": "eval.verify_evidence",
    "tasks": "eval.tasks_scorer",
    "targets": "eval.targets_scorer",
    "retrieval": "eval.retrieval",
    "answers": "eval.answers",
    "nearmiss": "eval.nearmiss",
    "crosscheck": "eval.crosscheck_scorer",
    "compare": "eval.compare",
}


def run_all(home: Home, gold: Path, only: list[str] | None = None) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, module in SCORERS.items():
        if only and name not in only:
            continue
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        t0 = time.perf_counter()
        results[name] = mod.score(home, gold)
        results[name]["seconds"] = round(time.perf_counter() - t0, 2)
        print(f"eval: {name} done in {results[name]['seconds']} s", file=sys.stderr)
    return results


def _flat(prefix: str, value: Any, out: list[tuple[str, Any]]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flat(f"{prefix}.{k}" if prefix else str(k), v, out)
    elif not isinstance(value, list):
        out.append((prefix, value))


def print_table(results: dict[str, Any]) -> None:
    for name, figures in results.items():
        rows: list[tuple[str, Any]] = []
        _flat("", figures, rows)
        print(f"== {name}")
        for key, value in rows:
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            print(f"  {key:<40} {shown}")
