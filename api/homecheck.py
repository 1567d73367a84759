"""Read commands refuse a home that holds nothing, instead of answering "the documents say nothing".

A wrong or forgotten `--home` used to create an empty `./.policykb` and answer every question
with "no grounded answer": indistinguishable from documents that do not say. Here a missing
home or one without documents is an error naming the folder and the fix, and nothing is
created: the store is opened read-only.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ingest.errors import NotFoundError

STORE_FILE = "store.sqlite"


class EmptyHomeError(NotFoundError):
    """The home does not exist or holds no documents."""

    code = "empty_home"


def document_count(folder: Path) -> int | None:
    """Documents in the home at `folder`; None when there is no home there. Creates nothing."""
    path = folder / STORE_FILE
    if not path.is_file():
        return None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # a store without the documents table has none
        return 0
    finally:
        con.close()


def require_documents(folder: Path) -> None:
    """Raise `EmptyHomeError` naming `folder` and suggesting `policykb ingest` when it holds no documents."""
    n = document_count(folder)
    if n:
        return
    what = "there is no knowledge base" if n is None else "the knowledge base holds no documents"
    raise EmptyHomeError(f"{folder}: {what}; ingest files first with `policykb --home {folder} ingest PATH...`, "
                         "or point --home (or POLICYKB_HOME) at the home you built")
