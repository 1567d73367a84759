"""`policykb eval`: the evaluation harness as a sub-command, registered through an entry point.

The product's CLI (`api/cli.py`) imports nothing from `eval`; `pyproject.toml` names
`register` in the entry point group `policykb.commands`, and the CLI adds what it finds.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from index.home import Home

GOLD = Path(__file__).resolve().parent / "gold"


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    sp = add("eval", run, "score this home against gold sets (run after ingesting the corpus)")
    sp.add_argument("--gold", default=str(GOLD), help="folder of gold sets (default eval/gold)")
    sp.add_argument("--only", action="append", help="run only these scorers (repeatable)")


def run(args: argparse.Namespace) -> int:
    from eval.runner import print_table, run_all

    home = Home(args.settings.home, settings=args.settings)
    results = run_all(home, Path(args.gold), only=args.only)
    if args.json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False) + "\n")
    else:
        print_table(results)
    return 0
