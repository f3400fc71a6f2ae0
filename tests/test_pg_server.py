"""The database test infrastructure itself: `db_url` gives a fresh SQLite file or a
fresh PostgreSQL database (real server, pg_trgm installed), and tests/pg_server.py
starts and stops a private cluster."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import Column, Connection, Integer, MetaData, Table, Text, create_engine, inspect, select, text

from .conftest import ROOT
from .pg_server import PostgresError, PostgresServer, find_pg_bin, pid_alive

TERM = "免赔额"


def test_chinese_text_roundtrip(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        assert inspect(engine).get_table_names() == []  # a fresh, empty database per test
        metadata = MetaData()
        terms = Table("terms", metadata, Column("id", Integer, primary_key=True), Column("term", Text, nullable=False))
        metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(terms.insert(), [{"term": TERM}])
        with engine.connect() as conn:
            assert conn.execute(select(terms.c.term)).scalar_one() == TERM
            assert conn.execute(select(terms.c.id).where(terms.c.term == TERM)).scalar_one() == 1
            if engine.dialect.name == "postgresql":
                _check_postgres_search_features(conn)
    finally:
        engine.dispose()


def _check_postgres_search_features(conn: Connection) -> None:
    assert conn.execute(text("SHOW server_encoding")).scalar_one() == "UTF8"
    # pg_trgm is installed, and sees Chinese characters: under LC_CTYPE=C it
    # silently makes no trigrams from them and this similarity is 0.
    similarity = conn.execute(text("SELECT similarity('免赔额', '免赔率')")).scalar_one()
    assert similarity > 0, "pg_trgm ignores Chinese: the database's LC_CTYPE must be a UTF-8 locale"
    lexemes = conn.execute(text("SELECT tsvector_to_array(to_tsvector('simple', '免赔 额'))")).scalar_one()
    assert sorted(lexemes) == ["免赔", "额"]


def test_find_pg_bin_points_at_a_postgresql_bin_dir() -> None:
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL not installed")
    assert (bin_dir / "initdb").exists()
    assert (bin_dir / "pg_ctl").exists()


def test_missing_binaries_give_an_install_hint(tmp_path: Path) -> None:
    server = PostgresServer(tmp_path, bin_dir=tmp_path / "no-such-bin")
    with pytest.raises(PostgresError, match="apt-get install -y postgresql postgresql-contrib"):
        server.start()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    script = [sys.executable, str(ROOT / "tests" / "pg_server.py")]
    return subprocess.run([*script, *args], check=False, capture_output=True, text=True, timeout=120)


@pytest.mark.postgres
def test_cli_start_prints_only_the_url_and_stop_leaves_nothing_running() -> None:
    if find_pg_bin() is None:
        pytest.skip("PostgreSQL not installed")
    workdir = Path(tempfile.mkdtemp(prefix="tiaokuan-pg-cli-"))  # see conftest.postgres_url for why not tmp_path
    try:
        start = _run("start", str(workdir))
        assert start.returncode == 0, start.stderr
        assert re.fullmatch(r"postgresql\+psycopg://postgres@127\.0\.0\.1:\d+/tiaokuan\n", start.stdout)
        pid = int((workdir / "data" / "postmaster.pid").read_text().split("\n", 1)[0])
        assert pid_alive(pid)

        engine = create_engine(start.stdout.strip())
        try:
            with engine.connect() as conn:
                assert (
                    conn.execute(text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")).scalar_one() == 1
                )
        finally:
            engine.dispose()

        again = _run("start", str(workdir))
        assert again.returncode == 1 and again.stdout == "" and "already running" in again.stderr
    finally:
        stop = _run("stop", str(workdir))
        shutil.rmtree(workdir, ignore_errors=True)
    assert stop.returncode == 0, stop.stderr
    assert not pid_alive(pid)
