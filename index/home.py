"""A home: the one folder that holds a knowledge base's store and index.

`Home` is the single entry point the CLI and the API use: ingest files, remove documents,
search. Writers take the home's lock (a second writer waits, saying so); the index is
brought up to date with the store after every change, and on open if a crash left it
behind, so a search never sees a half-built index.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from index.backend import Mode, RetrievalBackend, SearchFilters
from index.store import Store
from ingest.errors import HomeBusyError, IngestError, NotFoundError
from ingest.models import Hit
from ingest.pipeline import doc_id_for, iter_files, parse_file

DEFAULT_HOME = ".policykb"
LOCK_WAIT_SECONDS = float(os.environ.get("POLICYKB_LOCK_WAIT", "600"))


@dataclass
class IngestReport:
    ingested: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"ingested": self.ingested, "skipped": self.skipped, "failed": self.failed}


def resolve_home(arg: str | None) -> Path:
    return Path(arg or os.environ.get("POLICYKB_HOME") or DEFAULT_HOME)


class Home:
    """Store + retrieval backend of one home folder."""

    def __init__(self, folder: Path, backend: str | None = None, embedder: str | None = None) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.store = Store(folder / "store.sqlite")
        self.backend_name = backend or os.environ.get("POLICYKB_BACKEND") or "local"
        self.embedder_name = embedder or os.environ.get("POLICYKB_EMBEDDER") or None
        self._backend: RetrievalBackend | None = None
        self._lock = FileLock(str(folder / "write.lock"))

    # -- parts -------------------------------------------------------------------------------
    @property
    def backend(self) -> RetrievalBackend:
        if self._backend is None:
            from index.factory import make_backend

            self._backend = make_backend(self.backend_name, self.folder, self.embedder_name)
        return self._backend

    @contextmanager
    def write_lock(self, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
        """Serialise writers across processes; a waiting writer says why it waits."""
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

    # -- writes ------------------------------------------------------------------------------
    def ingest(self, paths: list[Path], progress: bool = False) -> IngestReport:
        """Ingest files and folders; bad files fail alone (listed in `failed`), the rest go in."""
        report = IngestReport()
        files = iter_files(paths)
        for p in paths:
            if not p.exists():
                report.failed.append({"path": str(p), "error": f"{p}: no such file or folder"})
        with self.write_lock():
            bar = _progress(files, progress, "parsing")
            for path in bar:
                self._ingest_one(path, None, str(path.resolve()), path.name, report)
            self.backend.sync(self.store, progress=progress)
        return report

    def ingest_bytes(self, name: str, data: bytes) -> IngestReport:
        """Ingest an uploaded file held in memory (the API's POST /documents)."""
        report = IngestReport()
        with self.write_lock(wait=120):
            self._ingest_one(Path(name), data, f"upload:{name}", name, report)
            self.backend.sync(self.store)
        return report

    def _ingest_one(self, path: Path, data: bytes | None, origin: str, source: str, report: IngestReport) -> None:
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
            report.failed.append({"path": str(path), "error": str(exc)})
            return
        except OSError as exc:
            report.failed.append({"path": str(path), "error": f"{path}: cannot read the file ({exc.strerror})"})
            return
        except Exception as exc:  # a parser bug must not lose the rest of the batch
            report.failed.append({"path": str(path), "error": f"{path}: unexpected {type(exc).__name__}: {exc}"})
            return
        self.store.put_document(doc, origin=origin)
        report.ingested.append(doc.summary())

    def remove(self, doc_id: str) -> None:
        with self.write_lock(wait=120):
            if not self.store.remove_document(doc_id):
                raise NotFoundError(f"no document with id {doc_id!r}; `policykb documents` lists them")
            self.backend.sync(self.store)

    def sync(self, progress: bool = False) -> None:
        """Bring the index up to date with the store (after a crash, or on first open)."""
        with self.write_lock():
            self.backend.sync(self.store, progress=progress)

    # -- reads -------------------------------------------------------------------------------
    def search(self, query: str, k: int = 10, mode: Mode = "hybrid",
               filters: SearchFilters | None = None) -> list[Hit]:
        return self.backend.search(query, k=k, mode=mode, filters=filters)


def _progress(items: list[Path], enabled: bool, what: str) -> Any:
    if not enabled or not items:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=what, unit="file", file=sys.stderr, leave=False)
