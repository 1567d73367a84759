"""Crash safety: an ingest killed with SIGKILL at any point leaves a consistent home.

Two kinds of kill points, each followed by the same check (`assert_consistent`):

- named points: the real `policykb ingest` runs under a small driver that SIGKILLs its own
  process when the ingest reaches a given stage (inside a document's transaction, after a
  commit, between embedding batches, with a build half written, before the build folder's
  rename, before and after the manifest switch, while old builds are deleted). The hooks
  live here, not in the product: the driver wraps the functions those stages run.
  8 points in CI, 14 with POLICYKB_LONG=1.
- random points: the plain `policykb ingest` subprocess is killed after a random delay,
  12 times in CI, 200 with POLICYKB_LONG=1 (seeded; the seed is printed).

The check: every document in the store is whole (its text, blocks, chunks, task and target
records equal a fresh parse of one version of its file) or absent with nothing left of it;
one version per file; the last published state still answers; after the home's recovery
(`Home.recover`, which every search runs) the index covers exactly the store's chunks, and
after `Home.complete_vectors` (what the next ingest or the server runs) every chunk has its
vectors; and a re-run of the ingest completes with the whole corpus present.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from index.backend import SearchFilters
from index.home import Home
from index.local.snapshot import load_snapshot, read_manifest
from index.store import Store
from ingest.models import ParsedDocument
from ingest.pipeline import doc_id_for, parse_file
from tests.docgen import PLAN_LINES, chinese_pdf, docx_file
from tests.live_server import policykb_command

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
LONG = os.environ.get("POLICYKB_LONG") == "1"
RANDOM_KILLS = 200 if LONG else 12
EPISODE = 4  # kills on one home before it is re-run to completion and replaced
RUN_TIMEOUT = 300

# The driver: `python -c DRIVER STAGE N policykb-args...` runs the CLI and SIGKILLs itself the N-th
# time the ingest reaches STAGE. Each stage wraps the function that marks it, at call time.
DRIVER = r"""
import os, shutil, signal, sys
stage, nth = sys.argv[1], int(sys.argv[2])
count = [0]

def point(name):
    if name == stage:
        count[0] += 1
        if count[0] >= nth:
            os.kill(os.getpid(), signal.SIGKILL)

import index.local.build, index.local.segment, index.local.snapshot, index.store

def after(module, attr, name, when=lambda *a: True):
    real = getattr(module, attr)
    def wrapped(*a, **k):
        out = real(*a, **k)
        if when(*a):
            point(name)
        return out
    setattr(module, attr, wrapped)

def before(module, attr, name, when=lambda *a: True):
    real = getattr(module, attr)
    def wrapped(*a, **k):
        if when(*a):
            point(name)
        return real(*a, **k)
    setattr(module, attr, wrapped)

after(index.store, "_bump", "in-transaction")            # rows written, COMMIT not yet run
after(index.store.Store, "put_document", "after-commit")  # one document committed
after(index.store.Store, "cache_vectors", "mid-embedding")
before(index.local.segment, "fsync_tree", "mid-build")       # segment files written into .tmp-*, not synced
before(os, "rename", "before-rename", lambda src, dst, *rest: os.path.basename(str(dst)).startswith(("s0", "m-")))
is_manifest = lambda src, dst, *rest: str(dst).endswith("manifest.json")
before(os, "replace", "before-publish", is_manifest)
after(os, "replace", "after-publish", is_manifest)
before(shutil, "rmtree", "mid-cleanup")                  # old builds being deleted after the switch

from api.cli import main
sys.exit(main(sys.argv[3:]))
"""

NAMED = [("in-transaction", 1), ("after-commit", 2), ("mid-embedding", 2), ("mid-build", 1), ("before-rename", 1),
         ("before-publish", 1), ("after-publish", 1), ("mid-cleanup", 1)]
if LONG:  # odd N: the run ingests four documents (the changing file in a new version), even N: three
    NAMED += [("in-transaction", 2), ("in-transaction", 3), ("after-commit", 1), ("after-commit", 3),
              ("mid-embedding", 1), ("mid-embedding", 5)]


# -- the corpus: real documents, a PDF, a DOCX, and one file that changes between runs -------
def make_corpus(folder: Path) -> dict[str, Path]:
    """Folder `folder/all` with three corpus files, a PDF and a DOCX, plus `changing.txt` (two versions)."""
    docs = folder / "all"
    docs.mkdir(parents=True)
    for name in ("001_abb812c91cfc6e7e.txt", "002_c523826dc1e3ad33.txt", "004_45aa246f4fe5a506.txt"):
        shutil.copy(CORPUS / name, docs / name)
    shutil.copy(CORPUS / "manifest.json", docs / "manifest.json")
    chinese_pdf(docs / "plan.pdf", [PLAN_LINES, PLAN_LINES[4:], PLAN_LINES[:5]])
    docx_file(docs / "notice.docx", PLAN_LINES[:6], [["序号", "任务", "牵头单位"], ["1", "完善林长制", "省林业局"]])
    versions = {"a": "\n".join(PLAN_LINES), "b": "\n".join(PLAN_LINES + ["3.加强监测。2025年底前建成监测网络。(责任单位:省水利厅)"])}
    for key, text in versions.items():
        (folder / f"changing.{key}").write_text(text, encoding="utf-8")
    set_version(folder, "a")
    return {"all": docs}


def set_version(folder: Path, key: str) -> None:
    shutil.copy(folder / f"changing.{key}", folder / "all" / "changing.txt")


def expected_documents(folder: Path) -> dict[str, list[ParsedDocument]]:
    """Every version of every file, parsed as the ingest parses it, by document id (= by source)."""
    out: dict[str, list[ParsedDocument]] = {}
    for key in ("a", "b"):
        set_version(folder, key)
        for path in sorted((folder / "all").iterdir()):
            if path.suffix != ".json":
                doc = parse_file(path, source=path.name)
                versions = out.setdefault(doc.doc_id, [])
                if all(v.text != doc.text for v in versions):
                    versions.append(doc)
    set_version(folder, "a")
    return out


def stored_version(store: Store, versions: list[ParsedDocument]) -> ParsedDocument:
    """The version of a file the store holds (by its chunk ids, which depend on the bytes)."""
    held = [c.chunk_id for c in store.chunks([versions[0].doc_id])]
    found = [v for v in versions if [c.chunk_id for c in v.chunks] == held]
    assert found, f"{versions[0].source}: the stored chunks are no version of the file"
    return found[0]


# -- the check -------------------------------------------------------------------------------
def assert_document_whole(store: Store, doc: ParsedDocument) -> None:
    """The stored document equals the parse of its file: text, blocks, chunks, records."""
    assert store.text(doc.doc_id) == doc.text
    assert len(store.blocks(doc.doc_id)) == len(doc.blocks)
    stored = store.chunks([doc.doc_id])
    assert [(c.chunk_id, c.start, c.end, c.text) for c in stored] == \
        [(c.chunk_id, c.start, c.end, c.text) for c in doc.chunks]
    assert [t.task_id for t in store.tasks(doc.doc_id)] == [t.task_id for t in doc.tasks]
    assert [t.target_id for t in store.targets(doc.doc_id)] == [t.target_id for t in doc.targets]
    summary = store.document_summary(doc.doc_id)
    assert summary is not None
    assert (summary["chunks"], summary["tasks"], summary["targets"]) == (len(doc.chunks), len(doc.tasks),
                                                                         len(doc.targets))


def assert_no_leftovers(store: Store) -> None:
    """Nothing of an absent document remains, and no file is present in two versions."""
    con = store.con
    for table in ("blocks", "chunks", "tasks", "targets"):
        orphans = con.execute(f"SELECT COUNT(*) FROM {table} WHERE doc_id NOT IN "
                              "(SELECT doc_id FROM documents)").fetchone()[0]
        assert orphans == 0, f"{orphans} rows of {table} belong to no document"
    twice = con.execute("SELECT source FROM documents GROUP BY source HAVING COUNT(*) > 1").fetchall()
    assert not twice, twice


def assert_index_matches_store(home: Home) -> None:
    """The published state covers exactly the store's chunks at the store's generation; the vectors
    it has belong to live rows, and `complete_vectors` gives every chunk its vectors.

    A home that never committed a document (killed before its first) may have no index yet."""
    index_dir = home.folder / "index"
    manifest = read_manifest(index_dir)
    if manifest is None:
        assert home.store.generation() == 0 and not home.store.chunks()
        return
    assert manifest["generation"] == home.store.generation() and manifest["embedder"] == "hash"
    snapshot = load_snapshot(index_dir, manifest, ["hash"])
    chunk_ids = [c.chunk_id for c in home.store.chunks()]
    live = snapshot.live
    assert sorted(np.array(snapshot.rows.chunk_ids)[live].tolist()) == sorted(chunk_ids)
    assert snapshot.bm25.n_live == len(chunk_ids)
    assert not (snapshot.dense["hash"].covered() & ~live).any() if len(live) else True
    assert not list(index_dir.glob(".tmp-*"))
    assert not home.index_behind()
    assert home.complete_vectors()
    manifest = read_manifest(index_dir)
    assert manifest is not None
    assert int(load_snapshot(index_dir, manifest, ["hash"]).vector_coverage().sum()) == len(chunk_ids)


def assert_searchable(home: Home, doc: ParsedDocument) -> None:
    """A phrase of the document finds the document."""
    chunk = max(doc.chunks, key=lambda c: len(c.text))
    hits = home.search(chunk.text[:40], k=3, mode="bm25", filters=SearchFilters(doc_ids=[doc.doc_id]))
    assert hits and hits[0].doc_id == doc.doc_id


def assert_consistent(folder: Path, expected: dict[str, list[ParsedDocument]]) -> set[str]:
    """The whole check of the module docstring; returns the ids of the documents present."""
    home = Home(folder, embedder="hash")
    try:
        present = {d["doc_id"] for d in home.store.documents()}
        assert present <= set(expected), present - set(expected)
        for doc_id in present:
            assert_document_whole(home.store, stored_version(home.store, expected[doc_id]))
        assert_no_leftovers(home.store)
        for hit in home.backend.search("水土保持 林业 责任单位", k=10):  # the last published build, as it is
            text = home.store.text(hit.doc_id) or ""
            assert hit.quote == text[hit.start:hit.end]
        home.recover()
        assert_index_matches_store(home)
        for doc_id in present:
            assert_searchable(home, stored_version(home.store, expected[doc_id]))
        assert len(home.documents()) == len(present)
        return present
    finally:
        home.close()


def assert_complete(folder: Path, docs: Path, expected: dict[str, list[ParsedDocument]]) -> None:
    """A re-run of the ingest completes, and then the whole corpus (current versions) is present."""
    home = Home(folder, embedder="hash")
    report = home.ingest([docs])
    home.close()
    assert not report.failed, report.failed
    present = assert_consistent(folder, expected)
    assert present == {doc_id_for(p.name) for p in docs.iterdir() if p.suffix != ".json"}


# -- running and killing ingests -------------------------------------------------------------
def ingest_command(home: Path, docs: Path, stage: str | None = None, nth: int = 1) -> list[str]:
    args = ["--home", str(home), "--embedder", "hash", "ingest", "-q", "--json", str(docs)]
    if stage is None:
        return [*policykb_command(), *args]
    return [sys.executable, "-c", DRIVER, stage, str(nth), *args]


def run_killed_at(home: Path, docs: Path, stage: str, nth: int) -> int:
    proc = subprocess.run(ingest_command(home, docs, stage, nth), capture_output=True, timeout=RUN_TIMEOUT,
                          cwd=ROOT)
    return proc.returncode


def run_killed_after(home: Path, docs: Path, delay: float) -> tuple[bool, float]:
    """Start an ingest and SIGKILL it after `delay` seconds: whether it was killed (not finished
    first), and how long it ran."""
    started = time.monotonic()
    proc = subprocess.Popen(ingest_command(home, docs), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=ROOT)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    code = proc.wait(timeout=RUN_TIMEOUT)
    assert code in (0, -signal.SIGKILL), code
    return code == -signal.SIGKILL, time.monotonic() - started


World = tuple[Path, dict[str, list[ParsedDocument]], Path, float]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """(corpus folder, expected documents, a home template holding part of the corpus in two builds,
    seconds a whole ingest takes here)."""
    root = tmp_path_factory.mktemp("crash")
    make_corpus(root)
    expected = expected_documents(root)
    template = root / "template"
    part = root / "part"
    part.mkdir()
    home = Home(template, embedder="hash")
    shutil.copy(root / "all" / "002_c523826dc1e3ad33.txt", part)
    assert not home.ingest([part]).failed
    shutil.copy(root / "all" / "plan.pdf", part)  # a second build, so that a third deletes the first;
    assert not home.ingest([part, root / "all" / "changing.txt"]).failed  # and version a of the changing file
    home.close()
    started = time.monotonic()
    done = subprocess.run(ingest_command(root / "timing", root / "all"), capture_output=True, timeout=RUN_TIMEOUT)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return root, expected, template, time.monotonic() - started


def fresh_home(world: World, name: str, from_template: bool) -> Path:
    root, _, template, _ = world
    folder = root / "homes" / name
    if from_template:
        shutil.copytree(template, folder)
    return folder


@pytest.mark.parametrize(("stage", "nth"), NAMED, ids=[f"{s}-{n}" for s, n in NAMED])
def test_a_kill_at_a_named_point_leaves_a_consistent_home(world: World, stage: str, nth: int) -> None:
    root, expected, _, _ = world
    home = fresh_home(world, f"{stage}-{nth}", from_template=True)
    set_version(root, "b" if nth % 2 else "a")  # the changing file replaces its older version, or is unchanged
    code = run_killed_at(home, root / "all", stage, nth)
    assert code == -signal.SIGKILL, f"the ingest never reached {stage} #{nth} (exit {code})"
    assert_consistent(home, expected)
    assert_complete(home, root / "all", expected)
    set_version(root, "a")


def test_random_kills_leave_a_consistent_home(world: World) -> None:
    root, expected, _, whole = world
    seed = int(os.environ.get("POLICYKB_CRASH_SEED") or time.time_ns() % 100_000)
    rng = random.Random(seed)
    print(f"\ncrash test seed {seed} (POLICYKB_CRASH_SEED={seed} repeats it)")
    kills = completed = 0
    for i in range(RANDOM_KILLS):
        if i % EPISODE == 0:
            home = fresh_home(world, f"random-{i}", from_template=rng.random() < 0.5)
        set_version(root, rng.choice("ab"))
        killed, ran = run_killed_after(home, root / "all", rng.uniform(0.1, 0.95) * whole)
        if killed:
            kills += 1
        else:  # runs take less than the timed ingest here (other load, files already held): aim within them
            completed += 1
            whole = min(whole, ran)
        assert_consistent(home, expected)
        if i % EPISODE == EPISODE - 1:
            assert_complete(home, root / "all", expected)
            shutil.rmtree(home)
    set_version(root, "a")
    print(f"random kill points survived: {kills} (runs that finished before their kill: {completed})")
    assert kills >= RANDOM_KILLS // 4  # delays within a whole ingest's time: most runs are cut short


def test_the_check_catches_a_half_written_document_and_a_stale_index(world: World) -> None:
    """The consistency check itself can fail: rows of a document gone, or an index that misses chunks."""
    _, expected, _, _ = world
    home_dir = fresh_home(world, "damaged", from_template=True)
    home = Home(home_dir, embedder="hash")
    doc_id = home.store.documents()[0]["doc_id"]
    home.store.con.execute("DELETE FROM chunks WHERE doc_id=? AND ord > 0", (doc_id,))
    home.close()
    with pytest.raises(AssertionError):
        assert_consistent(home_dir, expected)
    shutil.rmtree(home_dir)
    home_dir = fresh_home(world, "stale", from_template=True)
    home = Home(home_dir, embedder="hash")
    home.store.con.execute("DELETE FROM chunks WHERE rowid IN (SELECT rowid FROM chunks LIMIT 1)")
    home.close()
    home = Home(home_dir, embedder="hash")
    with pytest.raises(AssertionError):  # the chunk is gone from the store but not from the index
        assert_index_matches_store(home)
    home.close()
