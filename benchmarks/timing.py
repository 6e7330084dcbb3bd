"""Timing helpers shared by the review-project benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def ms_summary(seconds: list[float]) -> str:
    """Median, 95th percentile and maximum of ``seconds``, in milliseconds."""
    s = sorted(seconds)
    p95 = s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]
    return (f"median {1000 * statistics.median(s):6.2f} ms   p95 {1000 * p95:6.2f} ms   "
            f"max {1000 * s[-1]:6.2f} ms")


def timed(fn: Callable[[], object]) -> float:
    """Seconds ``fn()`` took."""
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t
