"""A compact, committed vector pack: the evaluation sets' passages embedded once, shipped with the code.

Embedding the dev corpora with e5 takes many minutes on two cores, so CI could never check
the dev answer bars with the real embedder. The pack holds every eval-set passage's vector,
per embedder, as float16 (about 3 MB for ~1,700 passages x (384 + 512) dimensions), keyed
exactly as the caches key them (`index.passages.passage_key`: a hash of the exact passage
text). Before an evaluation ingests a set, `load_into` copies the pack into the shared
vector cache (`index.vector_cache`), so the home embeds only passages the pack lacks - none
when the pack is fresh. `make vectors` refreshes it (`python -m eval.vectors`); a test fails
loudly when more than a small share of the sets' passages is missing from it.

Files: `<folder>/<embedder>.npz` with arrays `keys` (str) and `vectors` (float16, normalised).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index.vector_cache import VectorCache


def pack_file(folder: Path, embedder: str) -> Path:
    return folder / f"{embedder.replace('/', '_').replace(':', '_')}.npz"


def read_pack(folder: Path, embedder: str) -> dict[str, np.ndarray]:
    """{passage key: float32 vector} of one embedder's pack ({} when there is none)."""
    path = pack_file(folder, embedder)
    if not path.is_file():
        return {}
    with np.load(path, allow_pickle=False) as data:
        keys = [str(k) for k in data["keys"]]
        vectors = data["vectors"].astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.maximum(norms, 1e-12)  # float16 rounding, undone
    return dict(zip(keys, vectors, strict=True))


def write_pack(folder: Path, embedder: str, vectors: dict[str, np.ndarray]) -> Path:
    """Write one embedder's pack (keys sorted, so an unchanged set rewrites the same bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    keys = sorted(vectors)
    matrix = np.stack([vectors[k] for k in keys]).astype(np.float16) if keys else np.zeros((0, 0), np.float16)
    path = pack_file(folder, embedder)
    np.savez_compressed(path, keys=np.array(keys), vectors=matrix)
    return path


def load_into(cache: VectorCache, folder: Path, embedders: list[str]) -> int:
    """Copy the packs of `embedders` into the shared cache where it lacks them; how many were copied."""
    copied = 0
    for name in embedders:
        packed = read_pack(folder, name)
        if not packed:
            continue
        have = set(cache.get(name, list(packed)))
        items = [(k, v.astype(np.float32).tobytes()) for k, v in packed.items() if k not in have]
        cache.put(name, items)
        copied += len(items)
    return copied
