"""Shared fixtures: where the real corpus and the sample corpus live, and the
golden-file regenerate flag; the database URLs (`db_url`: SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .pg_server import PostgresServer, find_pg_bin

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

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


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The tests import the installed package (tiaokuan.parse, …): a test that
    imported the checkout's folders as top-level modules fails the run."""
    import sys

    stray = sorted(m for m in sys.modules if m.split(".")[0] in {"parse", "clauses_db", "compare", "generate"} and ROOT in Path(getattr(sys.modules[m], "__file__", None) or "/").parents)
    if stray:
        print(f"\nerror: tests imported the checkout's folders instead of the installed tiaokuan: {stray}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not (SHARED_CORPUS / "MANIFEST.tsv").exists():
        pytest.skip(f"real clause corpus not found at {SHARED_CORPUS} (set TIAOKUAN_SHARED_CORPUS); skipping real-file tests")
    return SHARED_CORPUS


def soffice_available(calc: bool = False) -> bool:
    """LibreOffice is installed (with Calc, which opens .xlsx, when `calc`)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return False
    program = Path(soffice).resolve().parent
    return not calc or any(program.glob("libsclo.*"))


def soffice_pdf_pages(path: Path, outdir: Path) -> int:
    """Open `path` in LibreOffice headless and print it to PDF: the file opens in an
    office suite, not only in the library that wrote it. Returns the PDF's page count."""
    return len(soffice_pdf_page_sizes(path, outdir))


def libreoffice_export(source: Path, fmt: str, outdir: Path) -> Path:
    """`source` exported by LibreOffice headless as `fmt` (html, pdf, docx) into
    `outdir`, with a private profile there; the exported file."""
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{outdir / 'profile'}", "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return outdir / f"{source.stem}.{fmt}"


def check_conservation(path: Path):
    """Parse `path` and check that every character of its body lands in the output
    exactly once and in reading order, with no placement warning; the ParseResult."""
    from collections import Counter

    from tiaokuan.parse import ParseOptions
    from tiaokuan.parse.api import clean_lines, read_source, source_to_result
    from tiaokuan.parse.audit import body_ink, output_ink

    raw = read_source(path.read_bytes(), str(path), ParseOptions())
    result = source_to_result(raw)
    lines, _ = clean_lines(raw)
    source = body_ink(lines)
    placed = output_ink(result.documents)
    assert Counter(source) == Counter(placed), f"{path.name}: characters lost or doubled"
    # Order: every paragraph of every article appears in the source after the one
    # before it (a table may stand between two paragraphs of one article).
    cursor = 0
    for doc in result.documents:
        for article in doc.articles:
            for paragraph in article.text.split("\n"):
                ink = "".join(paragraph.split())
                found = source.find(ink, cursor)
                assert found >= 0, f"{path.name}: {article.label or article.text[:20]} out of order"
                cursor = found + len(ink)
    assert not [w for w in result.warnings if "could not be placed" in w.message or "placed twice" in w.message]
    return result


def soffice_pdf_page_sizes(path: Path, outdir: Path) -> list[tuple[float, float]]:
    """`path` printed to PDF by LibreOffice headless: each page's width and height in mm."""
    import subprocess

    import pdfplumber

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    outdir = outdir / f"pdf-of-{path.suffix.lstrip('.')}"  # cmp.docx and cmp.xlsx would both print to cmp.pdf
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(path)], check=True, capture_output=True, timeout=300)
    pdf_path = outdir / (path.stem + ".pdf")
    assert pdf_path.exists(), f"LibreOffice could not open {path.name}"
    with pdfplumber.open(pdf_path) as pdf:
        return [(round(float(p.width) * 25.4 / 72), round(float(p.height) * 25.4 / 72)) for p in pdf.pages]


# --- PostgreSQL -------------------------------------------------------------------
# Every database test runs against SQLite and a real PostgreSQL server (no mocks):
# take the `db_url` fixture. The server is $TIAOKUAN_TEST_PG (a SQLAlchemy URL,
# e.g. postgresql+psycopg://postgres@127.0.0.1:5432/tiaokuan; .ci/run sets it) or
# else a private cluster that tests/pg_server.py starts for the session.

PG_INSTALL_HINT = (
    "PostgreSQL not found: install it (Debian/Ubuntu: apt-get install -y postgresql postgresql-contrib) "
    "or set TIAOKUAN_TEST_PG to a server's SQLAlchemy URL"
)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a PostgreSQL server's `tiaokuan` database (pg_trgm installed), for the whole session."""
    if os.environ.get("TIAOKUAN_TEST_PG"):
        yield os.environ["TIAOKUAN_TEST_PG"]
        return
    if find_pg_bin() is None:
        pytest.skip(PG_INSTALL_HINT)
    # Not tmp_path_factory: as root the server runs as the `postgres` user, who cannot
    # enter pytest's mode-0700 /tmp/pytest-of-root; a short /tmp path also keeps the
    # unix socket path under its 107-byte limit.
    workdir = Path(tempfile.mkdtemp(prefix="tiaokuan-pg-"))
    try:
        with PostgresServer(workdir) as server:
            yield server.url
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@contextmanager
def _fresh_database(request: pytest.FixtureRequest, backend: str, folder: Path) -> Iterator[str]:
    """SQLAlchemy URL of a new, empty database: an SQLite file in `folder`, or a new
    PostgreSQL database (with pg_trgm) on the session's server, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'clauses.db'}"
        return

    import psycopg
    from sqlalchemy.engine import make_url

    server = make_url(request.getfixturevalue("postgres_url"))
    if server.drivername in ("postgres", "postgresql"):  # plain URLs mean the psycopg 3 driver here
        server = server.set(drivername="postgresql+psycopg")

    def libpq(url: URL) -> str:  # psycopg wants postgresql://..., without "+psycopg"
        return url.set(drivername="postgresql").render_as_string(hide_password=False)

    name = f"t_{secrets.token_hex(8)}"
    test_db = server.set(database=name)
    with psycopg.connect(libpq(server), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(libpq(test_db), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        yield test_db.render_as_string(hide_password=False)
    finally:
        # WITH (FORCE) (PostgreSQL 13+) also ends connections a test's engine left open.
        with psycopg.connect(libpq(server), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS, ids=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database for one test, on SQLite and on PostgreSQL."""
    with _fresh_database(request, request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="module", params=BACKENDS, ids=["sqlite", "postgresql"])
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh database shared by the tests of one module that only read it (built
    once, e.g. the sample corpus ingested), on SQLite and on PostgreSQL."""
    with _fresh_database(request, request.param, tmp_path_factory.mktemp("db")) as url:
        yield url
