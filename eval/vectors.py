"""The committed vector pack of the evaluation sets (`eval/vectors/`): refresh it, check it is fresh.

    python -m eval.vectors            # `make vectors`: embed what the pack lacks, rewrite it
    python -m eval.vectors --check    # the share of the sets' passages missing from the pack

The pack (`index.vector_pack`) lets `policykb eval --set …` and the dev-set quality tests run
with the real default embedder without embedding anything: a passage's vector is found by a
hash of its exact text. Any change to what is indexed for a passage (`index.passages`: the
document line, the heading path, table headers) or to the eval corpora makes those passages
new; `--check` (and `tests/eval/test_vector_pack.py`) says how many, and `make vectors`
embeds them (e5 about 3.5 passages/s here) and rewrites the pack.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

from eval.sets import EVAL, SETS, EvalSet
from index.embedders import DEFAULT_EMBEDDER, check_name
from index.home import Home
from index.passages import collect_passages, passage_key
from index.vector_cache import VectorCache
from index.vector_pack import load_into, read_pack, write_pack
from ingest.settings import active

PACK = EVAL / "vectors"
MAX_STALE = 0.02  # the share of passages the pack may lack before the test fails


def set_keys(s: EvalSet) -> set[str]:
    """The passage keys of a set's corpus (parsed into a throw-away home; nothing is embedded)."""
    folder = Path(tempfile.mkdtemp(prefix=f"policykb-keys-{s.name}-"))
    home = Home(folder, embedder="hash")
    try:
        home.ingest([s.corpus])
        _, texts, _ = collect_passages(home.store)
        return {passage_key(t) for t in texts}
    finally:
        home.close()
        shutil.rmtree(folder, ignore_errors=True)


def stale_share(embedder: str = DEFAULT_EMBEDDER, folder: Path = PACK) -> dict[str, float]:
    """Per member embedder, the share of all eval sets' passages its pack lacks."""
    keys: set[str] = set()
    for s in SETS.values():
        keys |= set_keys(s)
    return {m: round(len(keys - set(read_pack(folder, m))) / max(1, len(keys)), 4) for m in check_name(embedder)}


def refresh(embedder: str = DEFAULT_EMBEDDER, folder: Path = PACK) -> dict[str, int]:
    """Embed every eval set's passages the pack lacks and rewrite the pack with exactly the sets' passages."""
    members = check_name(embedder)
    work = Path(tempfile.mkdtemp(prefix="policykb-vectors-"))
    cache = VectorCache(active().vector_cache or work / "cache.sqlite")
    load_into(cache, folder, members)
    vectors: dict[str, dict[str, np.ndarray]] = {m: {} for m in members}
    try:
        for s in SETS.values():
            home = Home(work / s.name, embedder=embedder, settings=active().with_(vector_cache=cache.path))
            home.ingest([s.corpus], progress=True)
            _, texts, _ = collect_passages(home.store)
            keys = sorted({passage_key(t) for t in texts})
            for m in members:
                for k, blob in home.store.cached_vectors(m, keys).items():
                    vectors[m][k] = np.frombuffer(blob, dtype=np.float32)
            home.close()
    finally:
        cache.close()
        shutil.rmtree(work, ignore_errors=True)
    for m in members:
        write_pack(folder, m, vectors[m])
    return {m: len(v) for m, v in vectors.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.vectors", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only report the share of passages the pack lacks")
    args = parser.parse_args(argv)
    if args.check:
        shares = stale_share()
        print(shares)
        return 1 if max(shares.values()) > MAX_STALE else 0
    print(refresh(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
