"""A home: the one folder that holds a knowledge base's store and index.

`Home` is the single entry point the CLI and the API use: ingest files, remove documents,
search. Ingest runs in two phases:

1. text: files are parsed outside any lock (a slow or hostile file holds up no other
   writer), then committed in groups under the home's write lock - each document in its
   own transaction - and the index is brought up to the store (`backend.sync`, which costs
   in proportion to what changed). From then on the documents are searchable by BM25 and
   their records are listed;
2. vectors: `complete_vectors` embeds what has no vector yet, outside the write lock
   (taken only to publish each part), one process per home at a time. `ingest` does it
   before returning unless told not to wait - for several files in a child process that
   embeds each committed group while the next files are parsed (`index.beside`); the server
   does it in the background.

A document is its source: the file's path under the ingested folder, or the upload's name.
Its content hash only tells whether it changed; two sources with the same bytes are two
documents, and a changed source replaces its old version entirely (`index.store`).

Writers take the home's lock (a second writer waits, saying so); a search first catches the
index up with the store if a crash left it behind (when no writer is at work), so a search
never sees a half-built index. The store records the embedder the home is built with (meta
`embedder`, set by its first write): asking for another one is refused before anything is
written, and a home opened without `--embedder` uses the recorded one even if its index
files are lost.
"""

from __future__ import annotations

import re
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock, Timeout

from index.backend import Mode, RetrievalBackend, SearchFilters
from index.store import Store
from ingest.errors import HomeBusyError, IndexMismatchError, IngestError, NotFoundError
from ingest.models import Hit, ParsedDocument
from ingest.pipeline import content_hash, doc_id_for, iter_sources, parse_file
from ingest.settings import Settings, active

if TYPE_CHECKING:
    from index.beside import EmbedBeside

DEFAULT_HOME = ".policykb"
EMBEDDER_KEY = "embedder"  # meta: the embedder the home is built with
INDEXED_KEY = "indexed_generation:"  # meta, + backend name: the store generation the index last covered
GROUP_CHARS = 2_000_000  # parsed text committed (and made searchable) together...
GROUP_SECONDS = 20.0  # ...or after this long parsing
BESIDE_GROUP_SECONDS = 0.5  # ...or this long when a child embeds beside the parsing (`index.beside`)
QUIET_WAIT = 2.0  # seconds a writer waits for the write lock before saying so


@dataclass
class IngestReport:
    ingested: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    vectors: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ingested": self.ingested, "skipped": self.skipped, "failed": self.failed}
        if self.vectors:
            out["vectors"] = self.vectors
        return out


@dataclass
class _Parsed:
    doc: ParsedDocument
    origin: str
    hash: str
    shown: str


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
        self._embed_lock = FileLock(str(folder / "embed.lock"))
        self._manifest_seen: tuple[tuple[int, int, int], int | None] | None = None  # (manifest signature, its generation)

    # -- parts -------------------------------------------------------------------------------
    @property
    def backend(self) -> RetrievalBackend:
        if self._backend is None:
            from index.factory import make_backend

            self._backend = make_backend(self.backend_name, self.folder, self.embedder_name, self.settings)
        return self._backend

    @contextmanager
    def write_lock(self, wait: float | None = None) -> Iterator[None]:
        """Serialise writers across processes; a writer that waits longer than a moment says why
        (POLICYKB_LOCK_WAIT). The moment covers the short holds of an ingest's own embedding child
        (`index.beside`) publishing a batch of vectors."""
        wait = self.settings.lock_wait if wait is None else wait
        quiet = min(QUIET_WAIT, wait)
        try:
            self._lock.acquire(timeout=quiet)
        except Timeout:
            print(f"policykb: another process is writing to {self.folder}; waiting for it to finish...",
                  file=sys.stderr)
            try:
                self._lock.acquire(timeout=max(0.0, wait - quiet))
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
        at work), or the local index's manifest is gone or unreadable (deleted to force a rebuild)."""
        generation = self.store.generation()
        if generation == 0:
            return False
        if self.backend_name == "local" and self._manifest_generation() != generation:
            return True
        return self.store.get_meta(INDEXED_KEY + self.backend_name) != str(generation)

    def _manifest_generation(self) -> int | None:
        """The store generation the local index's manifest covers (None: no readable format-2 manifest).

        Re-read only when the manifest file changed (one `stat`): every search asks, and parsing
        the manifest each time cost ~0.7 ms of a search's CPU on a 100k-chunk home."""
        from index.local.snapshot import manifest_signature, read_manifest

        index_dir = self.folder / "index"
        signature = manifest_signature(index_dir)
        seen = self._manifest_seen
        if signature is not None and seen is not None and seen[0] == signature:
            return seen[1]
        manifest = read_manifest(index_dir)
        generation = manifest.get("generation") if manifest is not None and manifest.get("format") == 2 else None
        self._manifest_seen = (signature, generation) if signature is not None else None
        return generation

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
    def ingest(self, paths: list[Path], progress: bool = False, wait: bool = True) -> IngestReport:
        """Ingest files and folders; bad files fail alone (listed in `failed`), the rest go in.

        Documents become searchable group by group as they are parsed; with `wait` the
        vectors are made before returning (see the module docstring)."""
        report = IngestReport()
        for p in paths:
            if not p.exists():
                shown = display_name(str(p))
                report.failed.append({"path": shown, "error": f"{shown}: no such file or folder"})
        self.check_embedder()
        seen: dict[str, str] = {}
        group: list[_Parsed] = []
        size, started = 0, time.monotonic()
        sources = iter_sources(paths)
        beside_name = self._beside_embedder() if wait and len(sources) > 1 else None
        beside: EmbedBeside | None = None
        group_seconds = BESIDE_GROUP_SECONDS if beside_name else GROUP_SECONDS
        try:
            for n, (path, source) in enumerate(_progress(sources, progress, "parsing"), 1):
                shown, source = display_name(str(path)), display_name(source)
                if source in seen:
                    report.failed.append({"path": shown, "error": f"{shown}: another file of this run is also named "
                                                                  f"{source!r} ({seen[source]}); a source names one document"})
                    continue
                seen[source] = shown
                parsed = self._parse(path, None, source, display_name(str(path.resolve())), report)
                if parsed is not None:
                    group.append(parsed)
                    size += len(parsed.doc.text)
                first = bool(beside_name) and beside is None and bool(group) and n < len(sources)
                if first:  # the child starts up while the first document is committed and the next parsed
                    from index.beside import EmbedBeside

                    beside = EmbedBeside(self.folder, self.settings.with_(embedder=beside_name), progress)
                if group and (first or size >= GROUP_CHARS or time.monotonic() - started >= group_seconds):
                    self._commit(group, report, progress=progress)
                    group, size, started = [], 0, time.monotonic()
            self._commit(group, report, progress=progress)
        except BaseException:
            if beside is not None:
                beside.finish(failed=True)
            raise
        if beside is not None:
            beside.finish()
        if wait:
            self.complete_vectors(progress=progress)
        report.vectors = self.vector_status()
        return report

    def _beside_embedder(self) -> str | None:
        """The embedder a child process would embed with beside the parsing, when one is worth
        starting (`index.beside`); else None."""
        from index.beside import worth_it
        from index.embedders import DEFAULT_EMBEDDER

        name = self.embedder_name or DEFAULT_EMBEDDER  # what `_before_write` records for a new home
        return name if worth_it(self.settings, name) else None

    def ingest_bytes(self, name: str, data: bytes, wait: bool = True) -> IngestReport:
        """Ingest an uploaded file held in memory (the API's POST /documents); its source is `name`."""
        report = IngestReport()
        self.check_embedder()
        parsed = self._parse(Path(name), data, name, f"upload:{name}", report)
        if parsed is not None or not report.skipped:
            self._commit([parsed] if parsed else [], report, wait=120)
        if wait:
            self.complete_vectors()
        return report

    def _parse(self, path: Path, data: bytes | None, source: str, origin: str,
               report: IngestReport) -> _Parsed | None:
        """Outside the write lock: read and parse one file, or note it as unchanged or failed."""
        shown = display_name(str(path))
        try:
            if data is None:
                data = path.read_bytes()
            digest = content_hash(data)
            held = self.store.by_source(source)
            if held is not None and held[1] == digest:
                report.skipped.append(self.store.document_summary(held[0]) or {"doc_id": held[0], "source": source})
                return None
            doc = parse_file(path, data=data, source=source, doc_id=held[0] if held else doc_id_for(source))
        except IngestError as exc:
            report.failed.append({"path": shown, "error": display_name(str(exc))})
            return None
        except OSError as exc:
            report.failed.append({"path": shown, "error": f"{shown}: cannot read the file ({exc.strerror})"})
            return None
        except Exception as exc:  # a parser bug must not lose the rest of the batch
            report.failed.append({"path": shown, "error": display_name(f"{shown}: unexpected {type(exc).__name__}: {exc}")})
            return None
        return _Parsed(doc, origin, digest, shown)

    def _commit(self, group: list[_Parsed], report: IngestReport, wait: float | None = None,
                progress: bool = False) -> None:
        """Under the write lock: store each parsed document (its own transaction) and bring the index up."""
        with self.write_lock(wait):
            self._before_write()
            for p in group:
                try:
                    self.store.put_document(p.doc, origin=p.origin, content_hash=p.hash)
                except (sqlite3.DataError, sqlite3.IntegrityError, UnicodeError) as exc:  # this document's data
                    report.failed.append({"path": p.shown, "error": display_name(f"{p.shown}: cannot be stored ({exc})")})
                    continue
                report.ingested.append(p.doc.summary())
            self._sync_index(progress=progress)

    def complete_vectors(self, progress: bool = False, wait: bool = True,
                         stop: Callable[[], bool] = lambda: False) -> bool:
        """Embed what has no vector yet (phase 2), then merge what that left small enough to merge.

        One process embeds a home at a time: when another one is at it, wait for it to finish
        (`wait`) or return at once. Returns whether every chunk now has its vectors."""
        while True:
            done = self._fill_vectors(progress, stop, merge=True)
            if done is not None:
                return done
            if not wait or stop():
                return False
            time.sleep(0.5)

    def embed_published(self, progress: bool = False, stop: Callable[[], bool] = lambda: False) -> bool:
        """Embed what is published without vectors, unless another process is at it; no merging
        (the ingest that started this merges once at its end). Returns whether all is embedded."""
        return bool(self._fill_vectors(progress, stop, merge=False))

    def _fill_vectors(self, progress: bool, stop: Callable[[], bool], merge: bool) -> bool | None:
        """Under the home's embed lock: embed, and merge if asked; None when another process holds it."""
        try:
            self._embed_lock.acquire(timeout=0)
        except Timeout:
            return None
        try:
            done = self.backend.fill_vectors(self.store, self.write_lock, progress=progress, stop=stop)
            if merge:
                from index.local.build import INLINE_MERGE_ROWS

                self.backend.maintain(self.write_lock, max_rows=INLINE_MERGE_ROWS)
            return done
        finally:
            self._embed_lock.release()

    def vector_status(self) -> dict[str, Any]:
        """{"chunks", "embedded", "complete"}: how much of what search sees has its vectors."""
        status = self.backend.status()
        return {"chunks": status["chunks"], "embedded": status["embedded"],
                "complete": status["embedded"] >= status["chunks"]}

    def documents(self) -> list[dict[str, Any]]:
        """The store's documents (`DocSummary`), each with `embedded`: its chunks that have vectors."""
        docs = self.store.documents()
        embedded = self._vector_counts() if docs else {}
        return [{**d, "embedded": min(d["chunks"], embedded.get(d["doc_id"], 0))} for d in docs]

    def _vector_counts(self) -> dict[str, int]:
        """Per document, its chunks with vectors; counted from the index files when the local index is not
        loaded in this process (`index.local.status`: `policykb documents` then imports no search code)."""
        if self._backend is None and self.backend_name == "local":
            from index.local.status import read_status

            counted = read_status(self.folder / "index")
            if counted is not None:
                return dict(counted["documents"])
        return dict(self.backend.status()["documents"])

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

    def compact(self) -> dict[str, Any]:
        """Rebuild the index in one segment (every dictionary term applied to every document, no removed
        rows left in any file) and give the store's free space back; returns sizes before and after."""
        with self.write_lock():
            self._before_write()
            self.backend.rebuild(self.store)
            self.store.set_meta(INDEXED_KEY + self.backend_name, str(self.store.generation()))
            before, after = self.store.compact()
        return {"store_bytes_before": before, "store_bytes_after": after, **self.vector_status()}

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


def _progress(items: list[Any], enabled: bool, what: str) -> Any:
    if not enabled or not items:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=what, unit="file", file=sys.stderr, leave=False)
