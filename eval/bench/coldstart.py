"""Cold start of the command line: wall and CPU time of one `policykb` call per command, in fresh processes.

    python -m eval.bench.coldstart [--home DIR] [--repeat N] [--json]

Each command runs `--repeat` times (default 5) as `python -m api.cli --home DIR ...` after one
unmeasured call that builds the per-user model caches (`index.segmenter`, `index.use_loader`) and
warms the page cache, so "cold" means a new process, as a user scripting the CLI sees it. Reported
per command: median and best wall seconds, and median user+sys CPU seconds of the child (CPU
time is what the command costs; wall time also holds waiting for a core on a shared machine).
The load average is printed before and after. Without `--home`, a home of the seed corpus is built
in a temporary folder, its vectors from the committed pack (`eval/vectors/`), so nothing is embedded.
Issue 16's bars: search <= 1.5 s, ask <= 2 s, tasks/targets/documents <= 0.5 s wall.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
COMMANDS: dict[str, list[str]] = {
    "documents": ["documents"],
    "tasks": ["tasks"],
    "targets": ["targets"],
    "units": ["units"],
    "crosscheck": ["crosscheck"],
    "due": ["due", "--as-of", "2023-10-01"],
    "search": ["search", "水土保持率 目标", "-k", "5"],
    "search (bm25)": ["search", "水土保持率 目标", "-k", "5", "--mode", "bm25"],
    "ask": ["ask", "崩岗治理由哪些单位负责？"],
    "ask (en)": ["ask", "What 2025 soil and water conservation rate target does Chongqing set for Wanzhou District?"],
}
BARS = {"documents": 0.5, "tasks": 0.5, "targets": 0.5, "search": 1.5, "ask": 2.0}


def run_once(home: Path, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, child user+sys CPU seconds) of one CLI call."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "api.cli", "--home", str(home), *args], cwd=ROOT, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(home: Path, repeat: int, env: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for name, args in COMMANDS.items():
        run_once(home, args, env)  # builds the model caches on a new machine; warms the page cache
        walls, cpus = zip(*(run_once(home, args, env) for _ in range(repeat)), strict=True)
        rows.append({"command": name, "wall_median_s": round(statistics.median(walls), 3),
                     "wall_best_s": round(min(walls), 3), "cpu_median_s": round(statistics.median(cpus), 3),
                     "bar_s": BARS.get(name)})
    return rows


def seed_home(folder: Path, env: dict[str, str]) -> Path:
    """The seed corpus ingested into `folder`, its vectors from the committed pack (no embedding)."""
    from eval.vectors import PACK
    from index.embedders import DEFAULT_EMBEDDER, check_name
    from index.vector_cache import VectorCache
    from index.vector_pack import load_into

    cache = VectorCache(folder.parent / "vectors.sqlite")
    load_into(cache, PACK, check_name(DEFAULT_EMBEDDER))
    cache.close()
    env = {**env, "POLICYKB_VECTOR_CACHE": str(folder.parent / "vectors.sqlite")}
    subprocess.run([sys.executable, "-m", "api.cli", "--home", str(folder), "ingest", "--quiet", str(ROOT / "corpus")],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return folder


def table(rows: list[dict[str, Any]]) -> str:
    lines = ["| command | wall median (best) | CPU median | bar |", "| --- | --- | --- | --- |"]
    for r in rows:
        bar = f"<= {r['bar_s']} s" if r["bar_s"] else ""
        lines.append(f"| `{r['command']}` | {r['wall_median_s']:.2f} s ({r['wall_best_s']:.2f}) | "
                     f"{r['cpu_median_s']:.2f} s | {bar} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench.coldstart", description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--home", help="a home with documents (default: the seed corpus in a temporary home)")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--json", action="store_true", help="one JSON document instead of a table")
    args = p.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(args.home) if args.home else seed_home(Path(tmp) / "home", env)
        load_before = os.getloadavg()
        rows = measure(home, args.repeat, env)
        load_after = os.getloadavg()
    load = {"before": [round(x, 2) for x in load_before], "after": [round(x, 2) for x in load_after],
            "cores": os.cpu_count()}
    if args.json:
        print(json.dumps({"load": load, "commands": rows}, ensure_ascii=False))
    else:
        print(f"load average before {load['before']}, after {load['after']} on {load['cores']} cores")
        print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
