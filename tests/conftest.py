"""Shared fixtures: where the real corpus and the sample corpus live, and the
golden-file regenerate flag."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus"
GOLDEN = ROOT / "tests" / "golden"
EXPECTED_REAL = ROOT / "tests" / "expected" / "real"
# The real clauses live beside the repository (../shared/corpus) and are never copied in.
SHARED_CORPUS = Path(os.environ.get("TIAOKUAN_SHARED_CORPUS", ROOT.parent / "shared" / "corpus"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite tests/golden from the current parser output (the run then fails on purpose)",
    )


@pytest.fixture(scope="session")
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not (SHARED_CORPUS / "MANIFEST.tsv").exists():
        pytest.skip(f"real clause corpus not found at {SHARED_CORPUS} (set TIAOKUAN_SHARED_CORPUS); skipping real-file tests")
    return SHARED_CORPUS


def soffice_available() -> bool:
    return shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
