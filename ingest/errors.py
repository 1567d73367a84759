"""The one exception tree of policykb; the CLI and the HTTP API map it to exit codes and statuses."""

from __future__ import annotations


class PolicyKBError(Exception):
    """Base of every error policykb raises on purpose. The message says what and how to fix it."""

    code = "error"


class IngestError(PolicyKBError):
    """A file could not be read or understood; names the file and the reason."""

    code = "ingest_failed"

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormatError(IngestError):
    code = "unsupported_format"


class IndexStateError(PolicyKBError):
    """The home's index is missing, damaged or from another version."""

    code = "index_state"


class IndexMismatchError(IndexStateError):
    """The home was built with another embedder or schema; the message gives the fix."""

    code = "index_mismatch"


class ConfigError(PolicyKBError):
    """A setting names something that does not exist (an unknown backend, a model not on disk)."""

    code = "config"


class BadQueryError(PolicyKBError):
    code = "bad_query"


class NotFoundError(PolicyKBError):
    code = "not_found"


class HomeBusyError(PolicyKBError):
    """Another process holds the home's write lock."""

    code = "busy"
