"""Settings: every POLICYKB_* variable read once, a bad value a one-line ConfigError naming it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ingest.errors import ConfigError
from ingest.settings import VARIABLES, Settings, markdown_table

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_without_environment() -> None:
    s = Settings.from_env({})
    assert s == Settings()
    assert s.backend == "local" and s.lock_wait == 600 and s.cache_size == 1024 and s.writes == "open"


def test_values_are_parsed_and_overrides_win() -> None:
    s = Settings.from_env({"POLICYKB_LOCK_WAIT": "2.5", "POLICYKB_CACHE_SIZE": "0", "POLICYKB_BACKEND": "MILVUS",
                           "POLICYKB_MILVUS_DICT": "1", "POLICYKB_MILVUS_INDEX": "flat", "POLICYKB_HOME": "/tmp/x"},
                          home="other")
    assert (s.lock_wait, s.cache_size, s.backend, s.milvus_dict, s.milvus_index) == (2.5, 0, "milvus", True, "FLAT")
    assert s.home == Path("other")


@pytest.mark.parametrize(("name", "raw"), [
    ("POLICYKB_LOCK_WAIT", "soon"), ("POLICYKB_HEADER_TIMEOUT", "nan"), ("POLICYKB_BODY_TIMEOUT", "-1"),
    ("POLICYKB_MAX_INGESTS", "0"), ("POLICYKB_MAX_INGESTS", "2.5"), ("POLICYKB_CACHE_SIZE", "-3"),
    ("POLICYKB_MAX_UPLOAD_MB", "inf"), ("POLICYKB_BACKEND", "elastic"), ("POLICYKB_FUSION", "max"),
    ("POLICYKB_MILVUS_DICT", "maybe"), ("POLICYKB_UNIT_ALIASES", "/no/such/file.tsv"),
])
def test_a_bad_value_names_its_variable(name: str, raw: str) -> None:
    with pytest.raises(ConfigError) as err:
        Settings.from_env({name: raw})
    assert name in str(err.value) and "\n" not in str(err.value)


def test_every_variable_has_a_field_and_the_readme_table_is_current() -> None:
    fields = set(Settings.__dataclass_fields__)
    assert {v.attr for v in VARIABLES} <= fields
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- settings:start")[1].split("-->", 1)[1].split("<!-- settings:end -->")[0]
    assert block.strip() == markdown_table(), "regenerate the README table: python -m ingest.settings"


def test_cli_help_works_and_commands_stop_with_one_line_on_a_bad_value(tmp_path: Path) -> None:
    env = {"POLICYKB_LOCK_WAIT": "soon", "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-m", "api.cli"]
    helped = subprocess.run([*run, "--help"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert helped.returncode == 0 and "ingest" in helped.stdout
    failed = subprocess.run([*run, "--home", str(tmp_path / "h"), "documents"], capture_output=True, text=True,
                            env=env, cwd=ROOT)
    assert failed.returncode == 2
    assert failed.stderr.strip().count("\n") == 0 and "POLICYKB_LOCK_WAIT" in failed.stderr
    assert not (tmp_path / "h").exists()
