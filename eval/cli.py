"""`policykb eval`: the evaluation harness as a sub-command, registered through an entry point.

The product's CLI (`api/cli.py`) imports nothing from `eval`; `pyproject.toml` names
`register` in the entry point group `policykb.commands`, and the CLI adds what it finds.

    policykb eval                          # this home against eval/gold (the seed gold)
    policykb eval --set dev-zh --set dev-en   # each set's corpus ingested into a fresh temporary home
    policykb eval --corpus DIR --gold DIR  # any corpus with its gold folder
    policykb --embedder hash eval --set dev-zh --only tasks --only targets   # extraction only: seconds

A fresh home per set means nothing depends on an earlier ingest, a manifest or a file name.
Its vectors come from a cache shared by homes (POLICYKB_VECTOR_CACHE, default
`.policykb-cache/vectors.sqlite` in the checkout), first filled from the committed pack
(`eval/vectors/`, `make vectors`), so only passages neither holds are embedded.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval.sets import ROOT, SETS, EvalSet
from eval.vectors import PACK
from index.embedders import DEFAULT_EMBEDDER, check_name
from index.home import Home
from index.vector_cache import VectorCache
from index.vector_pack import load_into
from ingest.settings import Settings

GOLD = Path(__file__).resolve().parent / "gold"
DEFAULT_VECTOR_CACHE = ROOT / ".policykb-cache" / "vectors.sqlite"


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    sp = add("eval", run, "score against gold sets: this home (default), or named sets/corpora on fresh homes")
    sp.add_argument("--gold", help="folder of gold sets (default eval/gold, or the set's own)")
    sp.add_argument("--set", action="append", choices=sorted(SETS), dest="sets",
                    help="ingest this set's corpus into a fresh home and score it (repeatable)")
    sp.add_argument("--corpus", help="ingest this folder into a fresh home and score it against --gold")
    sp.add_argument("--only", action="append", help="run only these scorers (repeatable): verify, tasks, targets, "
                    "retrieval, answers, nearmiss, crosscheck, compare")


def run(args: argparse.Namespace) -> int:
    from eval.runner import print_table, run_all

    sets = [SETS[name] for name in args.sets or []]
    if args.corpus:
        if not args.gold:
            print("policykb eval: --corpus needs --gold", file=sys.stderr)
            return 2
        sets.append(EvalSet(Path(args.corpus).name, Path(args.corpus), Path(args.gold)))
    results: dict[str, Any] = {}
    if not sets:
        home = Home(args.settings.home, settings=args.settings)
        results["home"] = run_all(home, Path(args.gold) if args.gold else GOLD, only=args.only)
    for s in sets:
        results[s.name] = _score_set(s, args.settings, args.only, quiet=args.json)
    if args.json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False) + "\n")
    else:
        for name, figures in results.items():
            print(f"######## {name}")
            print_table(figures)
    return 0


def _score_set(s: EvalSet, settings: Settings, only: list[str] | None, quiet: bool) -> dict[str, Any]:
    """Ingest the set's corpus into a temporary home, score it, remove the home."""
    from eval.runner import run_all

    folder = Path(tempfile.mkdtemp(prefix=f"policykb-eval-{s.name}-"))
    cache = settings.vector_cache or DEFAULT_VECTOR_CACHE
    shared = VectorCache(cache)
    load_into(shared, PACK, check_name(settings.embedder or DEFAULT_EMBEDDER))  # the committed pack: no embedding
    shared.close()
    home = Home(folder, settings=settings.with_(vector_cache=cache))
    try:
        report = home.ingest([s.corpus], progress=not quiet)
        if report.failed:
            print(f"eval {s.name}: {len(report.failed)} files failed: {report.failed}", file=sys.stderr)
        return run_all(home, s.gold, only=only)
    finally:
        home.close()
        shutil.rmtree(folder, ignore_errors=True)
