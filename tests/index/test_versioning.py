"""Versions of a home: its schema version and its embedder are recorded and checked.

The store's meta table holds `schema_version` and `embedder`; the index manifest holds the
embedder, tokenizer and store generation it was built from. Another schema version is
refused with the fix in the message (tested by editing the meta table); another embedder
is refused before anything is written, so vectors of two models never mix; a home opened
without `--embedder` uses the one it records, even when its index files are lost.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from index.home import EMBEDDER_KEY, Home
from index.local.snapshot import read_manifest
from index.store import SCHEMA_VERSION
from index.tokenize import TOKENIZER_NAME
from ingest.errors import IndexMismatchError
from tests.live_server import policykb_command

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture()
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """(a home built with the hash embedder from one document, a folder with another document)."""
    monkeypatch.delenv("POLICYKB_EMBEDDER", raising=False)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    shutil.copy(CORPUS / "002_c523826dc1e3ad33.txt", first)
    shutil.copy(CORPUS / "001_abb812c91cfc6e7e.txt", second)
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([first]).failed
    home.close()
    return tmp_path / "home", second


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*policykb_command(), "--home", str(home), *args], capture_output=True, text=True,
                          timeout=300)


def test_the_home_records_its_schema_version_and_embedder(built: tuple[Path, Path]) -> None:
    home_dir, _ = built
    home = Home(home_dir)
    assert home.store.get_meta("schema_version") == str(SCHEMA_VERSION)
    assert home.store.get_meta(EMBEDDER_KEY) == "hash" and home.embedder_name == "hash"
    manifest = read_manifest(home_dir / "index")
    assert manifest is not None
    assert (manifest["embedder"], manifest["tokenizer"], manifest["generation"]) == \
        ("hash", TOKENIZER_NAME, home.store.generation())
    home.close()


def test_another_schema_version_is_refused_with_the_fix(built: tuple[Path, Path]) -> None:
    home_dir, _ = built
    home = Home(home_dir)
    home.store.set_meta("schema_version", "999")
    home.close()
    with pytest.raises(IndexMismatchError, match=r"schema version 999.*--home NEWDIR"):
        Home(home_dir)
    done = cli(home_dir, "documents", "--json")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert json.loads(done.stdout)["error"]["code"] == "index_mismatch"
    from fastapi.testclient import TestClient

    from api.http.app import create_app

    with pytest.raises(IndexMismatchError), TestClient(create_app(home_dir)):
        pass  # the server refuses to start rather than serve a home it cannot read


def test_another_embedder_is_refused_before_anything_is_written(built: tuple[Path, Path]) -> None:
    home_dir, second = built
    before = Home(home_dir)
    docs, generation = before.store.documents(), before.store.generation()
    before.close()
    other = Home(home_dir, embedder="e5")
    with pytest.raises(IndexMismatchError, match="--embedder hash"):
        other.ingest([second])
    with pytest.raises(IndexMismatchError, match="--embedder hash"):
        other.search("水土保持")
    with pytest.raises(IndexMismatchError):
        other.sync()
    other.close()
    done = cli(home_dir, "--embedder", "use", "ingest", "-q", "--json", str(second))
    assert done.returncode == 2 and json.loads(done.stdout)["error"]["code"] == "index_mismatch"
    after = Home(home_dir)
    assert after.store.documents() == docs and after.store.generation() == generation
    assert {r[0] for r in after.store.con.execute("SELECT DISTINCT embedder FROM embeddings")} == {"hash"}
    after.close()


def test_without_embedder_the_recorded_one_is_used_even_if_the_index_is_lost(built: tuple[Path, Path]) -> None:
    home_dir, second = built
    shutil.rmtree(home_dir / "index")
    home = Home(home_dir)  # no --embedder: the default would be another model
    assert home.search("崩岗治理", k=3, mode="bm25")  # the index is rebuilt from the store first
    assert not home.ingest([second]).failed
    manifest = read_manifest(home_dir / "index")
    assert manifest is not None and manifest["embedder"] == "hash"
    assert manifest["counts"]["documents"] == 2
    home.close()


def test_a_home_from_before_the_record_uses_its_index_manifest(built: tuple[Path, Path]) -> None:
    home_dir, second = built
    home = Home(home_dir)
    home.store.con.execute("DELETE FROM meta WHERE key=?", (EMBEDDER_KEY,))
    home.close()
    old = Home(home_dir)
    assert old.embedder_name is None
    assert old.search("崩岗治理", k=3)
    assert not old.ingest([second]).failed
    manifest = read_manifest(home_dir / "index")
    assert manifest is not None and manifest["embedder"] == "hash" and manifest["counts"]["documents"] == 2
    old.close()


def test_an_index_of_another_tokenizer_is_refused_then_rebuilt(built: tuple[Path, Path]) -> None:
    home_dir, _ = built
    manifest_path = home_dir / "index" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["tokenizer"] = "whitespace/0"
    manifest_path.write_text(json.dumps(manifest))
    home = Home(home_dir)
    with pytest.raises(IndexMismatchError, match="tokenizer"):
        home.search("崩岗治理")
    home.sync()  # what `policykb ingest` does: the index is rebuilt, cached vectors reused
    assert read_manifest(home_dir / "index")["tokenizer"] == TOKENIZER_NAME  # type: ignore[index]
    assert home.search("崩岗治理", k=3)
    home.close()
