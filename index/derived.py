"""Tables derived from shipped data files, computed once per version and then read on demand.

Some answers need a large table built from a data file that ships in a package: CC-CEDICT's
English senses inverted into {English phrase: Chinese words} took ~2.5 s of every process that
read an English question (`index.bilingual`; cProfile of `policykb ask` in English). Such a
table depends only on its input files and on the code that builds it, so `cached_table` keys a
SQLite file under the user's cache folder by both (the files' sizes and times, the building
module's source) and serves lookups from it through a `DiskDict`; the first process builds it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from index.disk_dict import DiskDict, build, cache_dir


def cache_key(files: list[Path | None], source: Path) -> str:
    """A key that changes when any input file or the building module's source changes."""
    parts = [source.read_text(encoding="utf-8")]
    for f in files:
        st = f.stat() if f is not None and f.is_file() else None
        parts.append(f"{f}:{st.st_size}:{st.st_mtime_ns}" if st else f"{f}:absent")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def cached_table(name: str, key: str, make: Callable[[], dict[str, Any]]) -> Mapping[str, Any]:
    """`make()`'s {str: JSON-able value} table, from the cache file named by `name` and `key` when it
    exists (read key by key), else built now and written there for the next process."""
    folder = cache_dir()
    path = folder / f"{name}-{key}.sqlite" if folder is not None else None
    if path is not None and path.is_file():
        return DiskDict(path, "t", decode=json.loads)
    table = make()
    if path is not None:
        with contextlib.suppress(OSError, sqlite3.Error):  # no cache this time; the table itself is right
            build(path, {"t": ((k, json.dumps(v, ensure_ascii=False)) for k, v in table.items())})
    return table


class PrefixedView(Mapping[str, Any]):
    """The entries of `table` whose keys start with `prefix`, looked up without it (no scan)."""

    def __init__(self, table: Mapping[str, Any], prefix: str) -> None:
        self._table = table
        self._prefix = prefix

    def __getitem__(self, key: str) -> Any:
        return self._table[self._prefix + key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (self._prefix + key) in self._table

    def get(self, key: str, default: Any = None) -> Any:
        return self._table.get(self._prefix + key, default)

    def __iter__(self) -> Any:
        n = len(self._prefix)
        return (k[n:] for k in self._table if k.startswith(self._prefix))

    def __len__(self) -> int:
        return sum(1 for _ in self)
