"""What every benchmark here shares: the shared corpus's default place, the test
helpers (tests/scans.py) importable, and the median of a few timed runs.

tiaokuan itself is the installed package (pip install -e . or a wheel); the
repository root goes at the end of sys.path, only so `tests.scans` resolves, and
never shadows the installed `tiaokuan`."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))


def median_time(fn, runs: int = 5) -> float:
    """Median wall time of `runs` calls of `fn`, in seconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)
