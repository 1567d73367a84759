"""How a function's cost grows with its input, for the tests that hold parsing and extraction linear.

Each such test runs 1x and 8x the same shape of input and asks whether the cost grew like n
(8x) or like n² (64x). The cost is the CPU time of this process (another process' load on the
cores does not count) with the cyclic garbage collector paused (its passes grow with the heap,
not with the code under test), the best of a few runs, the two sizes run alternately so that a
busy spell of the machine falls on both. The bound is a growth exponent of 1.5 (8x the input in
less than 22.6x the time): halfway between linear (1) and quadratic (2) in log terms. A linear
parse measured 8.4x on an idle machine and up to 13x while the test suite's other worker and
other processes shared the cores; the quadratic readers these tests were written against took
40-64x.
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable

LINEAR_BOUND = 1.5  # growth exponent: 1 is linear, 2 quadratic


def cpu_seconds(fn: Callable[[], object]) -> float:
    """CPU seconds of this process spent in `fn()`, the cyclic collector paused."""
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        fn()
        return time.process_time() - started
    finally:
        gc.enable()


def growth_exponent(small: Callable[[], object], large: Callable[[], object], factor: int = 8,
                    repeats: int = 3, label: str = "") -> float:
    """log(cost of `large`) / log(cost of `small`) over log(factor): ~1 when the cost is linear."""
    small()  # warm up: first-use costs (imports, compiled patterns) are not growth
    best_small = best_large = math.inf
    for _ in range(repeats):
        best_small = min(best_small, cpu_seconds(small))
        best_large = min(best_large, cpu_seconds(large))
    ratio = best_large / max(best_small, 1e-4)
    exponent = math.log(max(ratio, 1e-9)) / math.log(factor)
    print(f"\n{label}: 1x {best_small:.3f} s, {factor}x {best_large:.3f} s, ratio {ratio:.1f}, exponent {exponent:.2f}")
    return exponent
