"""Uploaded files are parsed and stored in a worker process, never in the server's
own: reading a 20-page scan is minutes of CPU, and the pages every other visitor
asks for must not wait behind it. The visitor gets a progress page at once.

A job's state is a small JSON file under `<data_dir>/jobs/`, written atomically by
the worker and read by whichever server process the progress page reaches
(`tiaokuan serve --workers N`). Job ids are random, so one visitor cannot watch
another's upload.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import re
import secrets
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from functools import cache
from pathlib import Path

from tiaokuan.errors import NoClauseStructureError, TiaokuanError

from .messages import chinese

_log = logging.getLogger("tiaokuan.web")
_JOB_ID = re.compile(r"[0-9a-f]{32}")


class JobState(StrEnum):
    QUEUED = "queued"
    READING = "reading"  # parsing; for a scan, page by page
    STORING = "storing"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class Job:
    """Where one upload stands. `name` is the visitor's own file name (shown, never
    used as a path); `message` is what to tell them when it failed."""

    id: str
    name: str
    state: JobState = JobState.QUEUED
    pages_done: int = 0
    pages_total: int = 0
    version_ids: tuple[int, ...] = field(default=())
    message: str = ""

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)


def _path(folder: Path, job_id: str) -> Path:
    return folder / f"{job_id}.json"


def save_job(folder: Path, job: Job) -> None:
    target = _path(folder, job.id)
    tmp = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps({**asdict(job), "state": job.state.value}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, target)  # readers see the old state or the new one, never half of it


def load_job(folder: Path, job_id: str) -> Job | None:
    """The job with this id, or None (an unknown or malformed id)."""
    if not _JOB_ID.fullmatch(job_id):
        return None
    try:
        raw = json.loads(_path(folder, job_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return Job(raw["id"], raw["name"], JobState(raw["state"]), raw["pages_done"], raw["pages_total"], tuple(raw["version_ids"]), raw["message"])


@cache
def _database(url: str | None):
    from tiaokuan.clauses_db import ClauseDB

    return ClauseDB(url)  # one per worker process, kept across jobs


def run_job(folder: Path, job: Job, upload: Path, db_url: str | None) -> None:
    """Parse and store one upload (in a worker process); every outcome ends in the job file."""
    from tiaokuan.parse import parse_file

    def progress(done: int, total: int) -> None:
        save_job(folder, replace(job, state=JobState.READING, pages_done=done, pages_total=total))

    save_job(folder, replace(job, state=JobState.READING))
    try:
        result = parse_file(upload, on_page=progress)
        if not result.documents:
            raise NoClauseStructureError(str(upload), "no clause in the file")
        save_job(folder, replace(job, state=JobState.STORING))
        db = _database(db_url)
        known = db.versions_of(result.source.sha256)
        ids = db.add(result)
    except TiaokuanError as exc:
        _log.warning("upload %s (%s) refused: %s", job.id, job.name, exc)
        upload.unlink(missing_ok=True)  # a file that was not stored is not kept
        save_job(folder, replace(job, state=JobState.FAILED, message=chinese(exc)))
        return
    except Exception:  # noqa: BLE001 - a bug of ours: logged for the operator, the visitor gets a plain message
        _log.exception("upload %s (%s) failed", job.id, job.name)
        upload.unlink(missing_ok=True)
        save_job(folder, replace(job, state=JobState.FAILED, message="处理该文件时出现意外错误，已记入服务器日志。请稍后重试。"))
        return
    if known:
        upload.unlink(missing_ok=True)  # the same bytes were stored before
    save_job(folder, replace(job, state=JobState.DONE, version_ids=tuple(ids)))


class Jobs:
    """The upload jobs of one server process: a worker process (started on the
    first upload, kept for the next) and the folder the job states live in."""

    def __init__(self, folder: Path, db_url: str | None, workers: int = 1):
        self.folder = folder
        self._db_url = db_url
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def submit(self, upload: Path, name: str) -> Job:
        self.folder.mkdir(parents=True, exist_ok=True)
        job = Job(secrets.token_hex(16), name)
        save_job(self.folder, job)
        with self._lock:
            if self._pool is None:
                # spawn, not fork: the server process has threads (the event loop's pool).
                self._pool = ProcessPoolExecutor(self._workers, mp_context=multiprocessing.get_context("spawn"))
            future = self._pool.submit(run_job, self.folder, job, upload, self._db_url)
        future.add_done_callback(lambda f: self._ended(f, job, upload))
        return job

    def _ended(self, future: Future, job: Job, upload: Path) -> None:
        """A worker that died (killed, out of memory) cannot write its job's end: say it here."""
        if future.cancelled() or future.exception() is None:
            return
        _log.error("upload %s (%s): the worker process failed: %r", job.id, job.name, future.exception())
        upload.unlink(missing_ok=True)
        current = load_job(self.folder, job.id)
        if current is None or not current.finished:
            save_job(self.folder, replace(job, state=JobState.FAILED, message="读取该文件的进程意外退出（文件可能过大或已损坏），已记入服务器日志。"))
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False)  # a broken pool takes no more work; the next upload starts a new one
                self._pool = None

    def get(self, job_id: str) -> Job | None:
        return load_job(self.folder, job_id)

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
