"""A home: the one folder that holds a knowledge base's store and index.

`Home` is the single entry point the CLI and the API use: ingest files, remove documents,
search. Writers take the home's lock (a second writer waits, saying so); the index is
brought up to date with the store after every change, and by the next search if a crash
left it behind (when no writer is at work), so a search never sees a half-built index.

The store records the embedder the home is built with (meta `embedder`, set by its first
write): asking for another one is refused before anything is written, and a home opened
without `--embedder` uses the recorded one even if its index files are lost.
"""

from __future__ import annotations

import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from index.backend import Mode, RetrievalBackend, SearchFilters
from index.store import Store
from ingest.errors import HomeBusyError, IndexMismatchError, IngestError, NotFoundError
from ingest.models import Hit
from ingest.pipeline import doc_id_for, iter_files, parse_file
from ingest.settings import Settings, active

DEFAULT_HOME = ".policykb"
EMBEDDER_KEY = "embedder"  # meta: the embedder the home is built with
INDEXED_KEY = "indexed_generation:"  # meta, + backend name: the store generation the index last covered


@dataclass
class IngestReport:
    ingested: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"ingested": self.ingested, "skipped": self.skipped, "failed": self.failed}


def resolve_home(arg: str | None, settings: Settings | None = None) -> Path:
    """The home folder: the `--home` argument, else the settings' (POLICYKB_HOME, default ./.policykb)."""
    return Path(arg) if arg else (settings or active()).home


class Home:
    """Store + retrieval backend of one home folder."""

    def __init__(self, folder: Path, backend: str | None = None, embedder: str | None = None,
                 settings: Settings | None = None) -> None:
        self.settings = (settings or active()).with_(backend=backend, embedder=embedder)
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.store = Store(folder / "store.sqlite")
        self.backend_name = self.settings.backend
        self.requested_embedder = self.settings.embedder
        self.embedder_name = self.requested_embedder or self.store.get_meta(EMBEDDER_KEY)
        self._backend: RetrievalBackend | None = None
        self._lock = FileLock(str(folder / "write.lock"))

    # -- parts -------------------------------------------------------------------------------
    @property
    def backend(self) -> RetrievalBackend:
        if self._backend is None:
            from index.factory import make_backend

            self._backend = make_backend(self.backend_name, self.folder, self.embedder_name, self.settings)
        return self._backend

    @contextmanager
    def write_lock(self, wait: float | None = None) -> Iterator[None]:
        """Serialise writers across processes; a waiting writer says why it waits (POLICYKB_LOCK_WAIT)."""
        wait = self.settings.lock_wait if wait is None else wait
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            print(f"policykb: another process is writing to {self.folder}; waiting for it to finish...",
                  file=sys.stderr)
            try:
                self._lock.acquire(timeout=wait)
            except Timeout as exc:
                raise HomeBusyError(f"{self.folder} is busy: another policykb process holds its write lock "
                                    f"(waited {wait:.0f} s); try again when it has finished") from exc
        try:
            yield
        finally:
            self._lock.release()

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
        self.store.close()

    # -- versions and recovery ---------------------------------------------------------------
    def check_embedder(self) -> None:
        """Refuse an embedder other than the one the home records: vectors of two models never mix."""
        recorded = self.store.get_meta(EMBEDDER_KEY)
        wanted = self.requested_embedder
        if recorded and wanted and recorded != wanted:
            raise IndexMismatchError(
                f"{self.folder} was built with embedder {recorded!r}, not {wanted!r}: use it with "
                f"--embedder {recorded} (or POLICYKB_EMBEDDER={recorded}, or no --embedder at all), or ingest "
                f"into a new home (--home NEWDIR) to use {wanted!r}")

    def _before_write(self) -> None:
        """Under the write lock, before anything is written: check the embedder, and record it in a new home."""
        self.check_embedder()
        if self.store.get_meta(EMBEDDER_KEY) is None and self.store.generation() == 0:
            from index.embedders import DEFAULT_EMBEDDER

            self.embedder_name = self.embedder_name or DEFAULT_EMBEDDER
            self.store.set_meta(EMBEDDER_KEY, self.embedder_name)

    def _sync_index(self, progress: bool = False) -> None:
        """Under the write lock: bring the index up to the store and note the generation it covers."""
        generation = self.store.generation()
        self.backend.sync(self.store, progress=progress)
        self.store.set_meta(INDEXED_KEY + self.backend_name, str(generation))

    def index_behind(self) -> bool:
        """Whether the store changed after the index was last brought up to date (a writer crashed, or is
        at work), or the local index's files are gone (deleted to force a rebuild)."""
        generation = self.store.generation()
        if generation == 0:
            return False
        if self.backend_name == "local" and not (self.folder / "index" / "manifest.json").is_file():
            return True
        return self.store.get_meta(INDEXED_KEY + self.backend_name) != str(generation)

    def recover(self) -> bool:
        """Catch the index up with the store if it lags and no writer is at work (e.g. after a crash).

        Never waits: when another process holds the write lock it will sync itself. Returns
        whether a sync ran."""
        if not self.index_behind():
            return False
        try:
            self._lock.acquire(timeout=0)
        except (Timeout, OSError):  # a writer is at work, or the home is read-only to us
            return False
        try:
            if not self.index_behind():
                return False
            self._sync_index()
            return True
        finally:
            self._lock.release()

    # -- writes ------------------------------------------------------------------------------
    def ingest(self, paths: list[Path], progress: bool = False) -> IngestReport:
        """Ingest files and folders; bad files fail alone (listed in `failed`), the rest go in."""
        report = IngestReport()
        files = iter_files(paths)
        for p in paths:
            if not p.exists():
                shown = display_name(str(p))
                report.failed.append({"path": shown, "error": f"{shown}: no such file or folder"})
        with self.write_lock():
            self._before_write()
            bar = _progress(files, progress, "parsing")
            for path in bar:
                self._ingest_one(path, None, display_name(str(path.resolve())), display_name(path.name), report)
            self._sync_index(progress=progress)
        return report

    def ingest_bytes(self, name: str, data: bytes) -> IngestReport:
        """Ingest an uploaded file held in memory (the API's POST /documents)."""
        report = IngestReport()
        with self.write_lock(wait=120):
            self._before_write()
            self._ingest_one(Path(name), data, f"upload:{name}", name, report)
            self._sync_index()
        return report

    def _ingest_one(self, path: Path, data: bytes | None, origin: str, source: str, report: IngestReport) -> None:
        shown = display_name(str(path))
        try:
            if data is None:
                data = path.read_bytes()
            doc_id = doc_id_for(data)
            if self.store.has_document(doc_id):
                summary = self.store.document_summary(doc_id)
                report.skipped.append(summary or {"doc_id": doc_id, "source": source})
                return
            doc = parse_file(path, data=data, source=source)
        except IngestError as exc:
            report.failed.append({"path": shown, "error": display_name(str(exc))})
            return
        except OSError as exc:
            report.failed.append({"path": shown, "error": f"{shown}: cannot read the file ({exc.strerror})"})
            return
        except Exception as exc:  # a parser bug must not lose the rest of the batch
            report.failed.append({"path": shown, "error": display_name(f"{shown}: unexpected {type(exc).__name__}: {exc}")})
            return
        try:
            self.store.put_document(doc, origin=origin)
        except (sqlite3.DataError, sqlite3.IntegrityError, UnicodeError) as exc:  # this document's data, not the store
            report.failed.append({"path": shown, "error": display_name(f"{shown}: cannot be stored ({exc})")})
            return
        report.ingested.append(doc.summary())

    def remove(self, doc_id: str) -> None:
        with self.write_lock(wait=120):
            self.check_embedder()
            if not self.store.remove_document(doc_id):
                raise NotFoundError(f"no document with id {doc_id!r}; `policykb documents` lists them")
            self._sync_index()

    def sync(self, progress: bool = False) -> None:
        """Bring the index up to date with the store (after a crash, or on first open)."""
        with self.write_lock():
            self._before_write()
            self._sync_index(progress=progress)

    # -- reads -------------------------------------------------------------------------------
    def search(self, query: str, k: int = 10, mode: Mode = "hybrid",
               filters: SearchFilters | None = None) -> list[Hit]:
        """The k best chunks; first catches the index up if a crashed writer left it behind (`recover`)."""
        self.check_embedder()
        self.recover()
        return self.backend.search(query, k=k, mode=mode, filters=filters)


_SURROGATE = re.compile("[\ud800-\udfff]")


def display_name(text: str) -> str:
    """`text` (a path, or a message naming one) without the lone surrogates Python uses for file-name
    bytes that are not UTF-8 - typically GBK names from archives made on Chinese Windows. Each
    path component or word holding such bytes is read back as GB18030 when it can be (else with
    U+FFFD for the bad bytes), so the name can be stored as UTF-8 and printed."""
    if not _SURROGATE.search(text):
        return text
    parts = re.split(r"([/\s])", text)
    for i, part in enumerate(parts):
        if _SURROGATE.search(part):
            raw = part.encode("utf-8", "surrogateescape") if _only_escapes(part) else part.encode("utf-8", "replace")
            try:
                parts[i] = raw.decode("gb18030")
            except UnicodeDecodeError:
                parts[i] = raw.decode("utf-8", "replace")
    return "".join(parts)


def _only_escapes(text: str) -> bool:
    """Whether every surrogate in `text` is a file-name byte escape (U+DC80..U+DCFF)."""
    return all(0xDC80 <= ord(ch) <= 0xDCFF for ch in _SURROGATE.findall(text))


def _progress(items: list[Path], enabled: bool, what: str) -> Any:
    if not enabled or not items:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=what, unit="file", file=sys.stderr, leave=False)
