"""The command line in a new user's first hour: a missing or empty home is an error, help matches the README,
and the Excel export is a responsibility matrix."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from api.cli import build_parser, main
from api.cli_help import markdown_table
from api.i18n import msg
from api.matrix import matrix_workbook
from index.home import Home
from index.store import Store
from ingest.settings import VARIABLES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _settings_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """`main` installs the process's settings; put them back so later tests read their own environment."""
    monkeypatch.setattr("ingest.settings._active", None)


READ_COMMANDS = [["documents"], ["ask", "崩岗治理由哪些单位负责？"], ["search", "水土保持"], ["tasks"], ["targets"],
                 ["units"], ["crosscheck"], ["due"], ["remove", "abc"]]


@pytest.mark.parametrize("argv", READ_COMMANDS, ids=lambda a: a[0])
def test_read_commands_on_a_missing_home_fail_naming_it_and_create_nothing(
        tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "nowhere"
    assert main(["--home", str(home), *argv]) == 1
    err = capsys.readouterr().err
    assert str(home) in err and "policykb --home" in err and "ingest" in err and err.count("\n") == 1
    assert not home.exists()


def test_an_empty_home_is_refused_too_and_json_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "empty"
    Home(folder, embedder="hash").close()
    def contents() -> list[str]:  # SQLite's own -wal/-shm files aside
        return sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))

    before = contents()
    assert main(["--home", str(folder), "ask", "--json", "谁负责？"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["error"]["code"] == "empty_home" and "no documents" in out["error"]["message"]
    assert contents() == before


def test_the_command_as_a_process_exits_non_zero_in_an_empty_folder(tmp_path: Path) -> None:
    """The way the issue was seen: `cd /tmp && policykb ask ...` with no home."""
    done = subprocess.run([sys.executable, "-m", "api.cli", "ask", "崩岗治理由哪些单位负责？"], cwd=tmp_path,
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1 and ".policykb" in done.stderr and "ingest" in done.stderr
    assert not (tmp_path / ".policykb").exists()


def test_the_readme_command_table_is_the_parsers_help() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- commands:start")[1].split("-->", 1)[1].split("<!-- commands:end -->")[0]
    assert block.strip() == markdown_table(build_parser()), "regenerate the README table: python -m api.cli_help"


def test_global_option_help_comes_from_the_settings_table() -> None:
    help_text = " ".join(build_parser().format_help().split())
    for name in ("POLICYKB_HOME", "POLICYKB_BACKEND", "POLICYKB_EMBEDDER"):
        meaning = next(v.meaning for v in VARIABLES if v.name == name)
        assert " ".join(meaning.split()) in help_text and name in help_text
    assert "e5+use (default" in help_text


def test_the_readme_names_only_what_a_clone_holds() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "CONTRACT.md" not in readme and "../shared" not in readme and "kbcheck" not in readme
    for link in ("docs/api.md", "docs/architecture.md"):
        assert link in readme and (ROOT / link).is_file()


def test_the_xlsx_is_a_matrix_with_one_sheet_per_document(seed_store: Store, tmp_path: Path) -> None:
    tasks = seed_store.tasks()
    titles = {d["doc_id"]: d["title"] for d in seed_store.documents()}
    path = tmp_path / "m.xlsx"
    matrix_workbook(tasks, "zh", titles).save(path)
    wb = load_workbook(path)
    docs = {t.doc_id for t in tasks}
    assert wb.sheetnames[0] == msg("zh", "sheet_all") and len(wb.sheetnames) == 1 + len(docs)
    ws = wb.worksheets[0]
    assert ws.freeze_panes == "B3" and ws.auto_filter.ref
    heads = [c.value for c in ws[2][1:]]
    assert len(heads) == len(tasks) and heads[0].startswith(tasks[0].number)
    units = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1)]
    assert len(units) == len(set(units)) == len({u.normalized or u.name for t in tasks for u in t.units})
    roles = {msg("zh", "role_" + r) for r in ("lead", "participant", "responsible")}
    filled = 0
    for r in range(3, ws.max_row + 1):
        for j, task in enumerate(tasks, start=2):
            value = ws.cell(r, j).value
            if value is None:
                continue
            filled += 1
            assert value in roles
            assert units[r - 3] in {u.normalized or u.name for u in task.units}
            assert task.citation.quote[:20] in ws.cell(r, j).comment.text
    assert filled == sum(len({u.normalized or u.name for u in t.units}) for t in tasks)
    per_doc = wb.worksheets[1]
    assert per_doc.max_column - 1 == sum(1 for t in tasks if t.doc_id == tasks[0].doc_id)
