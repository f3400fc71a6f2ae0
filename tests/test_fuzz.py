"""No damaged file crashes the parser: seeded mutations of every sample file (see
tests/fuzzing.py) give a parse or tiaokuan's own one-line error, within a
generous time limit. A crash or a hang fails the test and saves the input under
test-artifacts/fuzz/ — move it to tests/data/fuzz-regressions/ when fixing it,
where every file is replayed on every run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import ROOT
from .fuzzing import REGRESSIONS, Case, cases, run_case, save, seed_files

SEED = int(os.environ.get("TIAOKUAN_FUZZ_SEED", "20261204"))
CASES = int(os.environ.get("TIAOKUAN_FUZZ_CASES", "300"))
LIMIT_SECONDS = 30.0  # a sample file parses in well under a second; this only catches hangs
FOUND = ROOT / "test-artifacts" / "fuzz"


def _failures(outcomes) -> list[str]:
    lines = []
    for o in outcomes:
        if o.kind in ("crash", "timeout"):
            saved = save(o.case, FOUND)
            lines.append(f"{o.kind}: {o.case.name} (seed {SEED}, case {o.case.number}) saved as {saved}\n{o.detail}")
    return lines


def test_damaged_sample_files_never_crash() -> None:
    outcomes = [run_case(case, LIMIT_SECONDS) for case in cases(SEED, CASES)]
    kinds = {k: sum(1 for o in outcomes if o.kind == k) for k in ("parsed", "refused", "crash", "timeout")}
    seconds = sum(o.seconds for o in outcomes)
    print(f"\nfuzz: {len(outcomes)} cases from {len(seed_files())} sample files, seed {SEED}: {kinds}, {len(outcomes) / seconds:.1f} cases/s")
    failures = _failures(outcomes)
    assert not failures, "\n\n".join(failures)
    # Both answers occur: damage that leaves a readable clause parses, the rest is refused.
    assert kinds["parsed"] and kinds["refused"]
    for o in outcomes:
        if o.kind == "refused":
            assert "\n" not in o.detail and o.case.name in o.detail, o.detail


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*")) if REGRESSIONS.is_dir() else [], ids=lambda p: p.name)
def test_inputs_that_once_crashed(path: Path) -> None:
    outcome = run_case(Case(0, path.name, "regression", path.read_bytes()), LIMIT_SECONDS)
    assert outcome.kind in ("parsed", "refused"), outcome.detail
