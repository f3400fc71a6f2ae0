"""Ingest under stress, with real processes: killed mid-batch, two writers on one
SQLite file, parsing on a real Dask LocalCluster."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tiaokuan.clauses_db import ClauseDB, Outcome
from tiaokuan.clauses_db import schema as s
from tiaokuan.clauses_db.ingest import sha256_of
from tiaokuan.parse.api import expand_paths

from .conftest import SAMPLES


def _ingest_process(paths: list[Path], db_url: str, *extra: str) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-c",
        "from tiaokuan.cli import entry; entry()",
        "ingest",
        *map(str, paths),
        "--db",
        db_url,
        "--no-progress",
        *extra,
    ]
    return subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"}
    )


def _sources(db_url: str) -> int:
    with ClauseDB(db_url) as db, db.read() as conn:
        return conn.execute(select(func.count()).select_from(s.sources)).scalar_one()


def _distinct_clause_files(paths: list[Path]) -> set[str]:
    return {sha256_of(p) for p in expand_paths(paths)}


def _big_batch(shared: Path | None) -> list[Path]:
    # The real clauses when they are there (47 files, seconds of parsing: the kill
    # lands part-way, and the rerun that must finish the batch stays short); else
    # the samples, which are enough too.
    return [shared / "text"] if shared else [SAMPLES]


@pytest.fixture
def shared_or_none() -> Path | None:
    from .conftest import SHARED_CORPUS

    return SHARED_CORPUS if (SHARED_CORPUS / "MANIFEST.tsv").exists() else None


def test_kill_9_mid_ingest_then_rerun(db_url: str, tmp_path: Path, shared_or_none: Path | None) -> None:
    batch = _big_batch(shared_or_none)
    ClauseDB(db_url).close()  # migrate first, so the kill lands in the ingest itself
    proc = _ingest_process(batch, db_url, "--report", str(tmp_path / "r1.json"))
    deadline = time.monotonic() + 300
    while _sources(db_url) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    assert proc.poll() is None, "the ingest finished before it could be killed; use a larger batch"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_before = _sources(db_url)
    with ClauseDB(db_url) as db:
        assert db.integrity_problems() == []

    rerun = _ingest_process(batch, db_url, "--report", str(tmp_path / "r2.json"))
    _, err = rerun.communicate(timeout=1800)
    assert rerun.returncode == 0, err
    with ClauseDB(db_url) as db:
        assert db.integrity_problems() == []
        with db.read() as conn:
            hashes = conn.execute(select(s.sources.c.sha256)).scalars().all()
    assert len(hashes) == len(set(hashes)), "a file stored twice"
    import json

    report = json.loads((tmp_path / "r2.json").read_text(encoding="utf-8"))
    assert report["counts"]["unchanged"] >= stored_before
    clause_hashes = {sha256_of(f["path"]) for f in report["files"] if f["outcome"] in ("added", "unchanged")}
    assert set(hashes) == clause_hashes, "every clause file exactly once"


def test_opening_waits_for_a_writer_on_a_new_file(tmp_path: Path) -> None:
    # What the second of two processes creating one database meets: the first is
    # writing to the file while it is still in rollback mode, and switching to WAL
    # then fails at once ("database is locked") unless the opener waits.
    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE other_tool(x)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO other_tool VALUES (1)")
    released = threading.Event()

    def release() -> None:
        time.sleep(1.0)
        holder.execute("COMMIT")
        holder.close()
        released.set()

    threading.Thread(target=release).start()
    with ClauseDB(str(path)) as db:
        assert released.is_set(), "opened while the other writer still held the file"
        assert db.integrity_problems() == []
        with db.read() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_two_ingest_processes_on_one_sqlite_file(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'shared.db'}"
    halves = [tmp_path / "a", tmp_path / "b"]
    for h in halves:
        h.mkdir()
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
    for i, f in enumerate(files):
        (halves[i % 2] / f.name).write_bytes(f.read_bytes())
    # Both processes also share one folder, so they race to store the same bytes.
    procs = [
        _ingest_process([h, SAMPLES / "src"], db_url, "--report", str(tmp_path / f"r{i}.json"))
        for i, h in enumerate(halves)
    ]
    results = [p.communicate(timeout=900) for p in procs]
    for p, (_, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
        assert "locked" not in err
    with ClauseDB(db_url) as db:
        assert db.integrity_problems() == []
        with db.read() as conn:
            hashes = conn.execute(select(s.sources.c.sha256)).scalars().all()
    assert sorted(hashes) == sorted(_distinct_clause_files([*halves, SAMPLES / "src"]))


def test_dask_local_cluster_parses_and_one_connection_writes(db_url: str) -> None:
    from distributed import LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        ClauseDB(db_url) as db,
    ):
        report = db.ingest([SAMPLES], dask=cluster.scheduler_address)
        local = {f.path: f.outcome for f in report.files}
        assert not report.failures
        assert report.count(Outcome.ADDED) + report.count(Outcome.UNCHANGED) == len(expand_paths([SAMPLES]))
        assert db.integrity_problems() == []
        again = db.ingest([SAMPLES], dask=cluster.scheduler_address)
        assert again.count(Outcome.UNCHANGED) == len(local)
