"""Embed beside the text phase: a child process embeds what an ingest commits while it parses on.

An ingest's text phase (parse, store, BM25 segment) is Python on one core; embedding comes
after it (`index.home`). On two cores the two can run at once, but not as two threads of
one process: the USE embedder is a chain of small numpy calls, each taking the interpreter
lock back, and beside a busy Python thread it ran 8x slower (64 passages: 0.34 -> 2.67 s),
e5 1.3x. So a child process embeds - the home is built for several processes already (its
write and embed locks, `index.local.vectors`) - and the text phase hides behind the
embedding instead of coming before it (figures in `eval.bench.ingest_rate` and the README).

The child is `python -m index.beside`. An ingest of several files that will embed starts it
once its first document is parsed, and commits that document alone at once: the child's
start-up (~1 s of imports and model loading) overlaps that commit and the parsing of the next
files, which are then committed every `index.home.BESIDE_GROUP_SECONDS`. A single file
embeds in the ingest's own process, as before. It reads its orders on stdin: the home and settings (pickled),
then `last` when parsing is over or `stop` when the ingest failed. Until `last` it embeds
each group as it is published, with no progress bar (the parent's parsing bar is on the
terminal); then it embeds what is left with a bar and exits. Whatever it does not finish -
it failed, was killed, or another process holds the embed lock - the ingest's own
`complete_vectors` finishes or reports afterwards: a child adds no way of losing vectors.
Only the local backend embeds after the text (Milvus inserts rows with their vectors), and
the `hash` test embedder is cheaper to run than a process is to start: neither uses a child.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

from ingest.settings import Settings

CHILD = [sys.executable, "-m", "index.beside"]  # the child's command line
POLL_SECONDS = 0.25  # how often the child looks for newly published groups while parsing goes on


def worth_it(settings: Settings, embedder: str) -> bool:
    """Whether a child could save time: the backend embeds after the text, and the model costs."""
    from index.embedders import FREE, members

    return settings.backend == "local" and not set(members(embedder)) <= FREE


class EmbedBeside:
    """The parent's handle on one child: start it, then `finish` it in a `finally`."""

    def __init__(self, folder: Path, settings: Settings, progress: bool) -> None:
        self._child: subprocess.Popen[bytes] | None = None
        self.returncode: int | None = None  # the child's, once finished
        root = str(Path(__file__).resolve().parents[1])  # where `index` is, installed or not
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
        try:
            child = subprocess.Popen(CHILD, stdin=subprocess.PIPE,
                                     stdout=subprocess.DEVNULL, env=env)
            assert child.stdin is not None
            pickle.dump((folder, settings, progress), child.stdin)
            child.stdin.flush()
            self._child = child
        except OSError:  # no child: the ingest embeds everything itself afterwards
            self._child = None

    def finish(self, failed: bool = False) -> None:
        """Parsing is over: wait for the child to embed the rest (or, when `failed`, to stop)."""
        child, self._child = self._child, None
        if child is None:
            return
        try:
            assert child.stdin is not None
            child.stdin.write(b"stop\n" if failed else b"last\n")
            child.stdin.close()
        except OSError:  # it has already ended
            pass
        self.returncode = child.wait()


def main() -> int:
    """The child (see the module docstring)."""
    try:
        folder, settings, progress = pickle.load(sys.stdin.buffer)
    except (EOFError, pickle.UnpicklingError):  # not started by an ingest, or it has gone
        return 1
    last, stop = threading.Event(), threading.Event()
    threading.Thread(target=_orders, args=(sys.stdin.buffer, last, stop), daemon=True).start()
    from index.home import Home

    home = Home(folder, settings=settings)
    try:
        while not stop.is_set():
            over = last.is_set()
            home.embed_published(progress=progress and over, stop=stop.is_set if over else _either(last, stop))
            if over:
                return 0
            last.wait(POLL_SECONDS)
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception:  # the ingest's own complete_vectors meets it again and reports it once, readably
        return 1
    finally:
        home.close()


def _orders(stream: IO[bytes], last: threading.Event, stop: threading.Event) -> None:
    """`last`: parsing is over; `stop`, or the pipe closing without `last`: the parent gave up."""
    for line in stream:
        if line.strip() == b"last":
            last.set()
            return
        if line.strip() == b"stop":
            break
    stop.set()


def _either(a: threading.Event, b: threading.Event) -> Callable[[], bool]:
    return lambda: a.is_set() or b.is_set()


if __name__ == "__main__":
    raise SystemExit(main())
