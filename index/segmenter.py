"""jieba segmenters that start in milliseconds: its default dictionary read on demand from a cache file.

`jieba.Tokenizer().initialize()` unmarshals a ~500k-entry prefix dictionary (1.0-2.1 s here,
half of it garbage collection), and `jieba.posseg.POSTokenizer` parses dict.txt again for the
word tags (~1.2 s): a cold `policykb ask` paid both, twice. The same tables, written once per
jieba version into a SQLite file under the user's cache folder (`index.disk_dict`), are read
key by key: a query's segmentation needs a few hundred of them. The segmentation is jieba's
own code over the same numbers, so the words are identical (tests/index/test_segmenter.py
compares both on the seed corpus). Without a writable cache folder it falls back to
`initialize()`.

Importing `jieba.posseg` builds a module-level tagger that parses dict.txt for its tags;
`pos_tokenizer` imports it with an empty file in its place and then gives that tagger the cached
tags, so `jieba.posseg.cut` stays right for any caller.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import sqlite3
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jieba

from index.disk_dict import DiskDict, build, cache_dir

if TYPE_CHECKING:
    import jieba.posseg

FORMAT = 1  # of the cache file; bump when its tables change
_build_lock = threading.Lock()


def _dict_file() -> Path:
    return Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME


def cache_path() -> Path | None:
    """Where the cache file for the installed jieba and its dictionary lives (None: no cache folder)."""
    folder = cache_dir()
    if folder is None:
        return None
    st = _dict_file().stat()
    key = f"{FORMAT}|{jieba.__version__}|{_dict_file()}|{st.st_size}|{st.st_mtime_ns}"
    return folder / f"jieba-{hashlib.sha256(key.encode()).hexdigest()[:16]}.sqlite"


def _tables() -> dict[str, Any]:
    """jieba's own tables from its dictionary file: prefix frequencies, their total, word tags."""
    with open(_dict_file(), "rb") as f:
        freq, total = jieba.Tokenizer.gen_pfdict(f)
    tags: dict[str, str] = {}
    with open(_dict_file(), "rb") as f:  # as jieba.posseg.POSTokenizer.load_word_tag reads it
        for line in f:
            parts = line.strip().decode("utf-8").split(" ")
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return {"freq": freq.items(), "tag": tags.items(), "meta": [("total", total)]}


def _ready() -> Path | None:
    """The cache file, built first if missing; None when it cannot be (then jieba loads the slow way)."""
    try:
        path = cache_path()
        if path is None:
            return None
        if not path.is_file():
            with _build_lock:
                if not path.is_file():
                    build(path, _tables())
        return path
    except (OSError, sqlite3.Error):
        return None


def tokenizer() -> jieba.Tokenizer:
    """A new `jieba.Tokenizer` over the default dictionary, ready to cut; words added to it stay its own."""
    jieba.setLogLevel(30)  # no "Building prefix dict" chatter on stderr
    tk = jieba.Tokenizer()
    path = _ready()
    if path is None:
        tk.initialize()
        return tk
    tk.FREQ = DiskDict(path, "freq", on_full=lambda whole: setattr(tk, "FREQ", whole))
    tk.total = int(DiskDict(path, "meta")["total"])
    tk.initialized = True
    return tk


def _import_posseg(path: Path) -> None:
    """Import `jieba.posseg` without the word-tag table its module-level `dt` parses from dict.txt
    (~1.2 s of the import), then give that `dt` the cached table: same tags, read on demand."""
    if "jieba.posseg" in sys.modules:
        return
    with _build_lock:
        jieba.dt.get_dict_file = lambda: io.BytesIO(b"")  # what posseg's `dt` reads its tags from
        try:
            posseg = importlib.import_module("jieba.posseg")
        finally:
            del jieba.dt.get_dict_file
        default = posseg.dt
        default.word_tag_tab = DiskDict(path, "tag", on_full=lambda whole: setattr(default, "word_tag_tab", whole))


def pos_tokenizer() -> jieba.posseg.POSTokenizer:
    """A new `jieba.posseg.POSTokenizer` (words with part-of-speech tags) over its own `tokenizer()`."""
    tk = tokenizer()
    path = _ready()
    if path is None:
        import jieba.posseg

        return jieba.posseg.POSTokenizer(tokenizer=tk)
    _import_posseg(path)
    import jieba.posseg

    pos = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)  # its __init__ parses dict.txt
    pos.tokenizer = tk
    pos.word_tag_tab = DiskDict(path, "tag", on_full=lambda whole: setattr(pos, "word_tag_tab", whole))
    return pos
