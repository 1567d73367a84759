"""The server's background worker: vectors follow uploads, segments are merged.

An upload is answered as soon as its text is committed and searchable (phase 1 of
`index.home`); this thread then embeds what has no vector yet and merges index segments,
both outside the write lock except for the moment each result is published, so searches
and further uploads go on meanwhile. It wakes when told (`notify`, after every write), at
start (to finish what an earlier process left) and every `IDLE_SECONDS`; it stops between
two batches when the server shuts down. `GET /health` and `GET /documents` show its progress.
"""

from __future__ import annotations

import logging
import threading

from index.home import Home
from ingest.errors import PolicyKBError

log = logging.getLogger("policykb.api")
IDLE_SECONDS = 60.0


class VectorWorker:
    """One daemon thread per app (see the module docstring)."""

    def __init__(self, home: Home) -> None:
        self.home = home
        self._wake = threading.Event()
        self._stop = threading.Event()
        self.busy = False
        self._thread = threading.Thread(target=self._run, name="policykb-vectors", daemon=True)

    def start(self) -> None:
        self._wake.set()
        self._thread.start()

    def notify(self) -> None:
        self._wake.set()

    def close(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(IDLE_SECONDS)
            self._wake.clear()
            if self._stop.is_set():
                return
            self.busy = True
            try:
                self.home.complete_vectors(wait=False, stop=self._stop.is_set)
                if not self._stop.is_set():
                    self.home.backend.maintain(self.home.write_lock)
            except (PolicyKBError, OSError) as exc:  # a busy or damaged home: try again on the next wake
                log.warning("background indexing of %s: %s", self.home.folder, exc)
            except Exception:  # never let the thread die: the next upload retries
                log.exception("background indexing of %s failed", self.home.folder)
            finally:
                self.busy = False
