"""A large read-mostly dictionary kept in a SQLite file and read on demand: start-up in milliseconds.

Why: jieba's prefix dictionary (~500k words and prefixes), its part-of-speech tags (~350k) and
USE's piece table (~250k prefixes) are Python dicts that every process builds before its first
query: 1.0-1.5 s each from jieba's marshal cache or from parsing the files, on two shared cores
(`python -X importtime`, cProfile of `policykb ask`). A query looks up a few hundred keys, all
substrings of itself. `DiskDict` answers those from an indexed SQLite table (~3 µs a key) and
remembers each answer; once a process has looked up many distinct keys (bulk work: indexing a
corpus) it reads the whole table into a plain dict in one statement (~0.4 s for 500k rows,
faster than marshal) and hands that dict to its owner, which swaps it in, so bulk tokenizing
runs at plain-dict speed. Either way every lookup returns exactly what the full dict would.

Keys set in the process (`d[k] = v`: jieba's `add_word`) live in memory on top of the file and
survive the switch. Files are built once by `build` into a temporary name and renamed, so a
reader never sees half a file; `cache_dir` says where they live.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

BULK_AFTER = 30_000  # distinct keys fetched from the file before the whole table is read at once
_MISSING: Any = object()
_WHOLE: dict[tuple[str, str, int, int, int], dict[str, Any]] = {}  # tables read whole, by file and version
_READS: dict[tuple[str, str, int, int, int], int] = {}  # times each table was read whole
_WHOLE_LOCK = threading.Lock()
_OPEN: list[weakref.ref[DiskDict]] = []  # every DiskDict of this process, for `read_all` (a Mapping is unhashable)


def cache_dir() -> Path | None:
    """The per-user folder for derived model files ($XDG_CACHE_HOME/policykb, ~/.cache/policykb), or None
    when it cannot be created: callers then build their dicts the slow way."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "policykb"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def build(path: Path, tables: dict[str, Iterable[tuple[str, Any]]]) -> None:
    """Write `tables` (name -> (key, value) pairs) to a new SQLite file at `path`, atomically."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA journal_mode=OFF")
            con.execute("PRAGMA synchronous=OFF")
            for name, rows in tables.items():
                con.execute(f"CREATE TABLE {name} (k TEXT PRIMARY KEY, v) WITHOUT ROWID")
                con.executemany(f"INSERT OR REPLACE INTO {name} VALUES (?, ?)", rows)
            con.commit()
        finally:
            con.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class DiskDict(Mapping[str, Any]):
    """The mapping of table `table` in the SQLite file `path`: `get`, `in`, `[]`, `[]=`, `update`, `len`.

    >>> d = DiskDict(path, "freq")              # doctest: +SKIP
    >>> d.get("发展"), "发展改革委" in d          # doctest: +SKIP
    (12345, False)

    `on_full(dict)` is called once when the whole table has been read (after `bulk_after`
    distinct keys were fetched, or on `full()`): the owner may replace this object by it.
    `decode` turns a stored value into the one returned (e.g. `json.loads`). Thread-safe."""

    def __init__(self, path: Path, table: str, on_full: Callable[[dict[str, Any]], None] | None = None,
                 bulk_after: int | None = None, decode: Callable[[Any], Any] | None = None) -> None:
        self.path = path
        self.table = table
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._sql = f"SELECT v FROM {table} WHERE k = ?"
        self._memo: dict[str, Any] = {}  # fetched keys -> value, or _MISSING
        self._own: dict[str, Any] = {}  # keys set in this process
        self._full: dict[str, Any] | None = None
        self._fetched = 0
        self._bulk_after = BULK_AFTER if bulk_after is None else bulk_after
        self._on_full = on_full
        self._decode = decode
        self._lock = threading.Lock()
        _OPEN.append(weakref.ref(self))

    def get(self, key: str, default: Any = None) -> Any:
        full = self._full
        if full is not None:
            return full.get(key, default)
        value = self._memo.get(key, _MISSING)
        if value is _MISSING and key not in self._memo:
            value = self._fetch(key)
        return default if value is _MISSING else value

    def _fetch(self, key: str) -> Any:
        with self._lock:
            if self._full is not None:
                return self._full.get(key, _MISSING)
            row = self._con.execute(self._sql, (key,)).fetchone()
            value = _MISSING if row is None else row[0] if self._decode is None else self._decode(row[0])
            self._memo[key] = value
            self._fetched += 1
            bulk = self._fetched >= self._bulk_after
        if bulk:
            self.full()
        return value

    def full(self) -> dict[str, Any]:
        """The whole mapping as a plain dict (read once; later lookups use it).

        A table read whole a second time in one process is kept, and later owners get a copy
        (~15 ms for 500k keys against ~1 s to read it): a process that opens many homes, such as
        a test run or a benchmark, makes a tokenizer for each, and each adds its own words to its
        copy. A process with one home (the CLI, a server) keeps no second copy."""
        with self._lock:
            if self._full is None:
                whole = self._read_whole()
                whole.update(self._own)
                self._full = whole
                self._memo = {}
        if self._on_full is not None:
            self._on_full(self._full)
        return self._full

    def _read_whole(self) -> dict[str, Any]:
        try:
            st = os.stat(self.path)
            key = (str(self.path), self.table, st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            key = None
        with _WHOLE_LOCK:
            cached = _WHOLE.get(key) if key else None
            if cached is not None:
                return dict(cached)
            rows = self._con.execute(f"SELECT k, v FROM {self.table}")
            whole = dict(rows) if self._decode is None else {k: self._decode(v) for k, v in rows}
            if key:
                _READS[key] = _READS.get(key, 0) + 1
                if _READS[key] > 1:
                    _WHOLE[key] = whole
                    return dict(whole)
            return whole

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key, _MISSING) is not _MISSING

    def __getitem__(self, key: str) -> Any:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        with self._lock:
            self._own[key] = value
            if self._full is not None:
                self._full[key] = value
            else:
                self._memo[key] = value

    def update(self, other: dict[str, Any]) -> None:
        for key, value in other.items():
            self[key] = value

    def __len__(self) -> int:
        return len(self.full())

    def __iter__(self) -> Iterator[str]:
        return iter(self.full())


def read_whole(table: object) -> None:
    """Read `table` whole now if it is a `DiskDict` (its owner swaps in the plain dict); else nothing."""
    if isinstance(table, DiskDict):
        table.full()


def read_all() -> int:
    """Read every open `DiskDict` whole now (each owner swaps in its plain dict); returns how many.

    For long-lived processes: a server looks up keys at plain-dict speed from its first queries
    instead of one SQLite read per new key (jieba looks up ~500 prefixes a search: ~1 ms of CPU
    a request at 8 clients), for ~1 s of reading at start and the dicts' memory."""
    opened = [d for ref in list(_OPEN) if (d := ref()) is not None]
    _OPEN[:] = [weakref.ref(d) for d in opened]
    for d in opened:
        d.full()
    return len(opened)
