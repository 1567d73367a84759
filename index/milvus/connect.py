"""Connecting to Milvus: a server or cluster by URL, or Milvus Lite in a file of the home.

`POLICYKB_MILVUS_URI` names the server (`http://host:19530`, `https://...`), with
`POLICYKB_MILVUS_TOKEN` (`user:password` or an API key) and `POLICYKB_MILVUS_DB` (a
database name; default the server's default). Unset, the URI is `<home>/milvus.db`: Milvus
Lite, which pymilvus runs inside this process and which one process at a time may open (it
holds a lock on the file). A second process - a CLI `ingest` while `policykb serve` runs
on the same home - waits up to `POLICYKB_MILVUS_LITE_WAIT` seconds (default 30) for the
lock, then fails with the ways out in the message.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.errors import ConfigError, IndexStateError
from ingest.settings import Settings

LITE_LOCK_FILE = "LOCK"  # milvus_lite.db.LOCK_FILENAME
_lite_users: dict[str, int] = {}
_lite_lock = threading.Lock()


@dataclass(frozen=True)
class Target:
    uri: str
    token: str
    db_name: str
    lite_wait: float = 30.0  # seconds to wait for a Milvus Lite file another process holds

    @property
    def is_lite(self) -> bool:
        return self.uri.endswith(".db")

    def describe(self) -> str:
        return f"Milvus Lite file {self.uri}" if self.is_lite else f"Milvus at {self.uri}"


def target_for(home: Path, settings: Settings) -> Target:
    """Where the home's index lives, from the settings (see the module docstring)."""
    uri = settings.milvus_uri or str(home / "milvus.db")
    if uri.endswith(".db"):
        uri = str(Path(uri).expanduser().resolve())
    return Target(uri=uri, token=settings.milvus_token or "", db_name=settings.milvus_db or "",
                  lite_wait=settings.milvus_lite_wait)


def connect(target: Target) -> Any:
    """A `pymilvus.MilvusClient` for the target; errors name the target and the fix."""
    try:
        from pymilvus import MilvusClient
    except ImportError as exc:
        raise ConfigError("the milvus backend needs pymilvus (and milvus-lite for a local file): "
                          "pip install 'policykb[milvus]'") from exc
    if target.is_lite:
        _acquire_lite(target.uri, target.lite_wait)
    try:
        return MilvusClient(uri=target.uri, token=target.token, db_name=target.db_name, timeout=60)
    except Exception as exc:
        if target.is_lite:
            release(target)
        raise IndexStateError(f"cannot connect to {target.describe()}: {exc}; check POLICYKB_MILVUS_URI "
                              "(and POLICYKB_MILVUS_TOKEN), or unset it to use Milvus Lite in the home") from exc


def release(target: Target) -> None:
    """Forget one user of a Milvus Lite file; the last one stops its in-process server and frees the lock."""
    if not target.is_lite:
        return
    with _lite_lock:
        users = _lite_users.get(target.uri, 0) - 1
        if users > 0:
            _lite_users[target.uri] = users
            return
        _lite_users.pop(target.uri, None)
    try:
        from milvus_lite.server_manager import server_manager_instance
    except ImportError:
        return
    server_manager_instance.release_server(target.uri)


def _acquire_lite(path: str, wait: float) -> None:
    with _lite_lock:
        if path not in _lite_users and not _served_here(path):
            _wait_for_lock(path, wait)
        _lite_users[path] = _lite_users.get(path, 0) + 1


def _served_here(path: str) -> bool:
    try:
        from milvus_lite.server_manager import server_manager_instance
    except ImportError as exc:
        raise ConfigError("a Milvus Lite file needs the milvus-lite package: pip install 'policykb[milvus]'; "
                          "or set POLICYKB_MILVUS_URI to a Milvus server") from exc
    return path in getattr(server_manager_instance, "_servers", {})


def _wait_for_lock(path: str, wait: float) -> None:
    """Wait until no other process holds the Milvus Lite file (probing its lock, as Milvus Lite takes it)."""
    lock = Path(path) / LITE_LOCK_FILE
    if not lock.exists():
        return
    import fcntl

    deadline = time.monotonic() + wait
    said = False
    while True:
        fd = os.open(lock, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(fd, fcntl.LOCK_UN)
            return
        except OSError:
            pass
        finally:
            os.close(fd)
        if time.monotonic() > deadline:
            raise IndexStateError(
                f"{path} is open in another process (a running `policykb serve`?): Milvus Lite serves one "
                "process at a time. Stop that process, send documents through its API (POST /documents), "
                "or run a Milvus server and set POLICYKB_MILVUS_URI=http://host:19530")
        if not said:
            print(f"policykb: {path} is open in another process; waiting for it...", file=sys.stderr)
            said = True
        time.sleep(0.5)
