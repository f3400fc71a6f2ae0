"""A longer fuzzing campaign than the test suite's: damaged copies of the sample
files (tests/fuzzing.py: bit flips, truncation, copied chunks, damaged DOCX
members and PDF streams), each parsed with a time limit.

    python bench/fuzz.py --cases 3000 --seed 1 --seed 2

Prints, per seed and in all, how many cases parsed, were refused with
tiaokuan's own error, crashed or hung, and cases per second; crashing inputs are
saved under test-artifacts/fuzz/ (move them to tests/data/fuzz-regressions/).
Exit code 1 when anything crashed or hung.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from timing import ROOT  # also makes the tests package importable

from tests.fuzzing import cases, run_case, save, seed_files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1000, help="cases per seed (default 1000)")
    ap.add_argument("--seed", type=int, action="append", help="random seed; repeat for several (default 1)")
    ap.add_argument("--limit", type=float, default=30.0, help="seconds a case may take (default 30)")
    args = ap.parse_args()
    seeds = args.seed or [1]
    print(f"fuzzing {len(seed_files())} sample files, {args.cases} cases per seed, seeds {seeds}, limit {args.limit:.0f} s per case")
    total: Counter[str] = Counter()
    by_mutation: Counter[tuple[str, str]] = Counter()
    seconds = 0.0
    slowest = (0.0, "")
    for seed in seeds:
        kinds: Counter[str] = Counter()
        start = time.perf_counter()
        for case in cases(seed, args.cases):
            outcome = run_case(case, args.limit)
            kinds[outcome.kind] += 1
            by_mutation[(case.mutation, outcome.kind)] += 1
            slowest = max(slowest, (outcome.seconds, case.name))
            if outcome.kind in ("crash", "timeout"):
                path = save(case, ROOT / "test-artifacts" / "fuzz")
                print(f"  {outcome.kind}: {path}\n    {outcome.detail.splitlines()[0]}")
        took = time.perf_counter() - start
        seconds += took
        total += kinds
        print(f"seed {seed}: {dict(kinds)} in {took:.0f} s, {args.cases / took:.1f} cases/s")
    count = sum(total.values())
    print(f"all: {count} cases, {dict(total)}, {count / seconds:.1f} cases/s; slowest case {slowest[0]:.2f} s ({slowest[1]})")
    for mutation in sorted({m for m, _ in by_mutation}):
        print(f"  {mutation:10s} " + ", ".join(f"{k} {by_mutation[(mutation, k)]}" for k in ("parsed", "refused", "crash", "timeout") if by_mutation[(mutation, k)]))
    return 1 if total["crash"] or total["timeout"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
