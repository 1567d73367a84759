"""Every `POLICYKB_*` setting, read once, checked once, passed down as one `Settings`.

The CLI and the HTTP app call `Settings.from_env()` at start (command-line options
override) and hand the object to `Home`, the backends and the app; nothing below them
reads the environment. A bad value is a `ConfigError` naming the variable and an
example of a good one, raised before any work starts - never a traceback or a server
that listens but cannot answer.

The table `VARIABLES` is the documentation: the README's settings table is checked
against it by a test (`tests/ingest/test_settings.py`).
"""

from __future__ import annotations

import ipaddress
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ingest.errors import ConfigError
from ingest.read.budgets import Budgets

LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


@dataclass(frozen=True)
class Variable:
    """One environment variable: its field in `Settings`, parser, default and meaning."""

    name: str
    attr: str
    kind: str  # "text" | "path" | "number" | "count" | "seconds" | "choice" | "flag"
    default: Any
    meaning: str
    choices: tuple[str, ...] = ()
    allow_zero: bool = False


VARIABLES: tuple[Variable, ...] = (
    Variable("POLICYKB_HOME", "home", "path", Path(".policykb"), "the folder holding the knowledge base"),
    Variable("POLICYKB_BACKEND", "backend", "choice", "local", "retrieval backend", ("local", "milvus")),
    Variable("POLICYKB_EMBEDDER", "embedder", "text", None,
             "embedding model: e5+use (default for a new home), e5, use, st:NAME_OR_PATH, hash"),
    Variable("POLICYKB_LOCK_WAIT", "lock_wait", "seconds", 600.0,
             "how long a writer waits for another writer of the same home"),
    Variable("POLICYKB_FUSION", "fusion", "choice", "rrf", "how BM25 and dense rankings are fused",
             ("rrf", "weighted")),
    Variable("POLICYKB_HNSW_THRESHOLD", "hnsw_threshold", "count", 50_000,
             "vectors above which FAISS uses HNSW instead of exact search"),
    Variable("POLICYKB_QUERY_THREADS", "query_threads", "count", 1, "threads one query embedding may use"),
    Variable("POLICYKB_VECTOR_CACHE", "vector_cache", "cache", None,
             "a file of vectors shared by homes (by embedder and passage text): new homes embed only new passages"),
    Variable("POLICYKB_API_KEY", "api_key", "text", None,
             "when set, writes need `Authorization: Bearer <key>`; when unset, writes are allowed only on loopback"),
    Variable("POLICYKB_MAX_UPLOAD_MB", "max_upload_mb", "number", 50.0, "largest accepted upload (413 beyond it)"),
    Variable("POLICYKB_MAX_INGESTS", "max_ingests", "count", 2, "uploads being ingested at once; more get 429"),
    Variable("POLICYKB_CACHE_SIZE", "cache_size", "count", 1024,
             "repeated searches and questions answered from memory, per index state (0 = off)", allow_zero=True),
    Variable("POLICYKB_CACHE_MB", "cache_mb", "number", 64.0,
             "memory the search and answer caches may hold together, in MB (0 = no cache)", allow_zero=True),
    Variable("POLICYKB_MAX_PAGES", "max_pages", "count", 5000, "pages one document may have (PDF page trees included)"),
    Variable("POLICYKB_MAX_CHARS", "max_chars", "count", 20_000_000, "characters of text one document may have"),
    Variable("POLICYKB_MAX_CHUNKS", "max_chunks", "count", 100_000, "chunks one document may be cut into"),
    Variable("POLICYKB_MAX_XML_MB", "max_xml_mb", "number", 200.0, "MB a DOCX may expand to"),
    Variable("POLICYKB_MAX_ZIP_RATIO", "max_zip_ratio", "number", 100.0,
             "how many times its compressed size one part of a DOCX may expand to"),
    Variable("POLICYKB_MAX_HTML_DEPTH", "max_html_depth", "count", 500, "how deeply HTML elements may nest"),
    Variable("POLICYKB_MAX_HTML_CELLS", "max_html_cells", "count", 200_000, "table cells one HTML page may have"),
    Variable("POLICYKB_HEADER_TIMEOUT", "header_timeout", "seconds", 10.0,
             "a request's line and headers must arrive within this time (408 otherwise)"),
    Variable("POLICYKB_BODY_TIMEOUT", "body_timeout", "seconds", 300.0, "a request's body must arrive within this time"),
    Variable("POLICYKB_UNIT_ALIASES", "unit_aliases", "path", None,
             "your unit aliases (TSV), added to `ingest/data/unit_aliases.tsv`"),
    Variable("POLICYKB_INDICATOR_SYNONYMS", "indicator_synonyms", "path", None,
             "your indicator synonyms (TSV), added to `ingest/data/indicator_synonyms.tsv`"),
    Variable("POLICYKB_SCOPE_ALIASES", "scope_aliases", "path", None,
             "your place aliases (TSV), added to `ingest/data/scope_aliases.tsv`"),
    Variable("POLICYKB_GLOSSARY", "glossary", "path", None,
             "your English -> Chinese terms (TSV), added to `ingest/data/glossary_en_zh.tsv`"),
    Variable("POLICYKB_MILVUS_URI", "milvus_uri", "text", None,
             "Milvus server (`http://host:19530`); default a Milvus Lite file in the home"),
    Variable("POLICYKB_MILVUS_TOKEN", "milvus_token", "text", None, "Milvus `user:password` or API key"),
    Variable("POLICYKB_MILVUS_DB", "milvus_db", "text", None, "Milvus database name"),
    Variable("POLICYKB_MILVUS_COLLECTION", "milvus_collection", "text", None,
             "Milvus collection name prefix (default `policykb_<home id>`)"),
    Variable("POLICYKB_MILVUS_INDEX", "milvus_index", "choice", None,
             "dense index type of new Milvus collections (default HNSW)", ("HNSW", "FLAT", "IVF_FLAT", "DISKANN")),
    Variable("POLICYKB_MILVUS_FUSION", "milvus_fusion", "choice", "client",
             "fuse Milvus rankings in policykb (`client`) or in Milvus (`server`)", ("client", "server")),
    Variable("POLICYKB_MILVUS_DICT", "milvus_dict", "flag", False,
             "`1`: the Milvus analyzer carries the corpus' dictionary"),
    Variable("POLICYKB_MILVUS_LITE_WAIT", "milvus_lite_wait", "seconds", 30.0,
             "how long to wait for a Milvus Lite file another process holds"),
)


@dataclass(frozen=True)
class Settings:
    """The validated settings of one process. Build with `from_env`; override with `replace`."""

    home: Path = Path(".policykb")
    backend: str = "local"
    embedder: str | None = None
    lock_wait: float = 600.0
    fusion: str = "rrf"
    hnsw_threshold: int = 50_000
    query_threads: int = 1
    vector_cache: Path | None = None
    api_key: str | None = None
    max_upload_mb: float = 50.0
    max_ingests: int = 2
    cache_size: int = 1024
    cache_mb: float = 64.0
    max_pages: int = 5000
    max_chars: int = 20_000_000
    max_chunks: int = 100_000
    max_xml_mb: float = 200.0
    max_zip_ratio: float = 100.0
    max_html_depth: int = 500
    max_html_cells: int = 200_000
    header_timeout: float = 10.0
    body_timeout: float = 300.0
    unit_aliases: Path | None = None
    indicator_synonyms: Path | None = None
    scope_aliases: Path | None = None
    glossary: Path | None = None
    milvus_uri: str | None = None
    milvus_token: str | None = None
    milvus_db: str | None = None
    milvus_collection: str | None = None
    milvus_index: str | None = None
    milvus_fusion: str = "client"
    milvus_dict: bool = False
    milvus_lite_wait: float = 30.0
    host: str = field(default="127.0.0.1")  # the address `serve` binds (not an environment variable)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from `env` (default `os.environ`), then `overrides` that are not None."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for var in VARIABLES:
            raw = env.get(var.name)
            if raw is not None and raw.strip():
                values[var.attr] = _parse(var, raw.strip())
        paths = {v.attr for v in VARIABLES if v.kind in ("path", "cache")}
        values.update({k: Path(v) if k in paths else v for k, v in overrides.items() if v is not None})
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise TypeError(f"unknown settings: {sorted(unknown)}")
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        """A copy with the given fields changed (None leaves a field as it is)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def budgets(self) -> Budgets:
        """The per-document budgets (`ingest.read.budgets`)."""
        return Budgets(pages=self.max_pages, chars=self.max_chars, chunks=self.max_chunks,
                       xml_bytes=int(self.max_xml_mb * 1024 * 1024), zip_ratio=self.max_zip_ratio,
                       html_depth=self.max_html_depth, html_cells=self.max_html_cells)

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def writes(self) -> str:
        """How writes are guarded: `key` (bearer key), `open` (loopback, no key) or `refused`."""
        if self.api_key:
            return "key"
        return "open" if self.loopback else "refused"


def is_loopback(host: str) -> bool:
    h = host.strip().strip("[]").lower()
    if h in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def _parse(var: Variable, raw: str) -> Any:
    parsers: dict[str, Callable[[Variable, str], Any]] = {
        "text": lambda v, r: r, "path": _path, "cache": lambda v, r: Path(r).expanduser(),
        "number": _number, "count": _count, "seconds": _number,
        "choice": _choice, "flag": _flag}
    return parsers[var.kind](var, raw)


def _path(var: Variable, raw: str) -> Path:
    path = Path(raw).expanduser()
    if var.attr != "home" and not path.is_file():
        raise ConfigError(f"{var.name}={raw!r}: no such file; give the path of a TSV file or unset it")
    return path


def _number(var: Variable, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{var.name}={raw!r} is not a number; unset it or give e.g. {var.name}={var.default:g}") from None
    if not math.isfinite(value) or value < 0 or (value == 0 and not var.allow_zero):
        limit = "0 or more" if var.allow_zero else "a finite number greater than 0"
        raise ConfigError(f"{var.name}={raw!r} must be {limit}; e.g. {var.name}={var.default:g}")
    return value


def _count(var: Variable, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{var.name}={raw!r} is not a whole number; e.g. {var.name}={var.default}") from None
    if value < 0 or (value == 0 and not var.allow_zero):
        raise ConfigError(f"{var.name}={raw!r} must be {'0 or more' if var.allow_zero else 'at least 1'}")
    return value


def _choice(var: Variable, raw: str) -> str:
    value = raw.upper() if var.choices and var.choices[0].isupper() else raw.lower()
    if value not in var.choices:
        raise ConfigError(f"{var.name}={raw!r} is not one of: {', '.join(var.choices)}")
    return value


def _flag(var: Variable, raw: str) -> bool:
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{var.name}={raw!r}: give 1 (on) or 0 (off)")


# -- the user's data tables --------------------------------------------------------------------
_active: Settings | None = None


def install(settings: Settings) -> Settings:
    """Make `settings` the process's settings for the data tables (alias, synonym, glossary files).

    The CLI and the app call this once at start. The tables are read lazily deep inside
    recognisers; this is the one place they learn where the user's files are."""
    global _active
    _active = settings
    return settings


_from_env: tuple[tuple[str | None, ...], Settings] | None = None


def active() -> Settings:
    """The installed settings, or (in library use and tests) the environment's as it is now."""
    global _from_env
    if _active is not None:
        return _active
    stamp = tuple(os.environ.get(v.name) for v in VARIABLES)
    if _from_env is None or _from_env[0] != stamp:
        _from_env = (stamp, Settings.from_env())
    return _from_env[1]


def path_text(path: Path | None) -> str | None:
    """A user file setting as the string the table readers cache by."""
    return str(path) if path else None


def markdown_table() -> str:
    """The README's settings table, made from `VARIABLES` (a test keeps the README equal to it)."""
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    for v in VARIABLES:
        default = ("unset" if v.default is None else "off" if v.default is False
                   else f"{v.default:g} s" if v.kind == "seconds" else f"{v.default:g}" if v.kind == "number"
                   else str(v.default))
        extra = f" (one of: {', '.join(v.choices)})" if v.choices else ""
        rows.append(f"| `{v.name}` | {default} | {v.meaning}{extra} |")
    return "\n".join(rows)


if __name__ == "__main__":  # python -m ingest.settings: print the table for the README
    print(markdown_table())
