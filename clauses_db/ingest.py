"""Ingest: parse files (here, in local processes, or on a Dask cluster) and write
each through the one database connection, one transaction per file.

Files whose bytes are already stored are skipped before parsing, so re-running an
interrupted ingest only parses what is missing. A bad file is recorded and the
batch goes on; files with no clause in them (rate tables, notes) are listed apart.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select

from tiaokuan.errors import NoClauseStructureError, TiaokuanError
from tiaokuan.i18n import _, current, language
from tiaokuan.model import ClauseDocument, ParseResult
from tiaokuan.parse.api import ParseOptions, expand_paths, parse_file
from tiaokuan.parse.fetch import Fetcher, FetchSettings, is_url, parse_fetched
from tiaokuan.parse.sister import Layout, joined, layout_of, lost_numbering

from . import schema as s
from .store import Prepared, prepare


class Outcome(StrEnum):
    ADDED = "added"  # new bytes: a new source and its versions
    UNCHANGED = "unchanged"  # these bytes were already stored
    NOT_A_CLAUSE = "not_a_clause"  # parsed, but no clause in it (a rate table, say)
    FAILED = "failed"


@dataclass(frozen=True)
class FileReport:
    path: str
    outcome: Outcome
    message: str = ""
    versions: int = 0


@dataclass
class IngestReport:
    files: list[FileReport] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for f in self.files if f.outcome is outcome)

    @property
    def failures(self) -> list[FileReport]:
        return [f for f in self.files if f.outcome is Outcome.FAILED]

    def as_dict(self) -> dict:
        return {
            "counts": {o.value: self.count(o) for o in Outcome},
            "files": [{"path": f.path, "outcome": f.outcome.value, "message": f.message, "versions": f.versions} for f in self.files],
        }


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Parsed:
    """What a parse worker sends back: rows to write, or why there are none."""

    path: str
    prepared: Prepared | None
    outcome: Outcome | None = None
    message: str = ""
    lost: bool = False  # a clause of the file lost its 第X条 labels
    layout: Layout | None = None  # the layout of the file's labelled clauses


def is_rate_table(doc: ClauseDocument, path: str) -> bool:
    """A 费率表 published beside a clause: titled (or, untitled, named) so, with no 第X条 articles."""
    name = doc.title or doc.product or Path(path).stem
    return bool(re.search(r"费率表\s*$", name)) and not doc.numbered_articles


def parse_for_db(path: str, options: ParseOptions = ParseOptions(), lang: str | None = None) -> Parsed:
    """Parse one file into rows (runs in worker processes; never raises for bad input),
    its messages in `lang` (the caller's language: a worker does not inherit it;
    None: the language in force here)."""
    if lang is None:
        return _parse_for_db(path, options)
    with language(lang):
        return _parse_for_db(path, options)


def _parse_for_db(path: str, options: ParseOptions) -> Parsed:
    return _to_parsed(path, lambda: parse_file(path, options))


def _to_parsed(path: str, parse: Callable[[], ParseResult]) -> Parsed:
    """What `parse()` gives, as rows or as why there are none."""
    try:
        result = parse()
        clauses = tuple(d for d in result.documents if not is_rate_table(d, path))
        if not clauses:
            return Parsed(path, None, Outcome.NOT_A_CLAUSE, _("{path}：这是费率表，不是条款；费率表不存入数据库").format(path=path))
        labelled = [d for d in clauses if not lost_numbering(d)]
        return Parsed(
            path, prepare(replace(result, documents=clauses)), lost=len(labelled) < len(clauses),
            layout=layout_of(labelled) if labelled else None,
        )  # fmt: skip
    except NoClauseStructureError as e:
        return Parsed(path, None, Outcome.NOT_A_CLAUSE, str(e))
    except TiaokuanError as e:
        return Parsed(path, None, Outcome.FAILED, str(e))
    except Exception as e:  # noqa: BLE001 - a parser bug must not stop the batch; it is reported
        return Parsed(path, None, Outcome.FAILED, _("{path}：意外错误（{kind}：{reason}）；请报告").format(path=path, kind=type(e).__name__, reason=e))


def _local(paths: list[str], jobs: int, options: ParseOptions) -> Iterator[Parsed]:
    if jobs <= 1:
        for path in paths:
            yield parse_for_db(path, options)
        return
    # The options (with a library's layout, large) go to each worker once, not with each file.
    with ProcessPoolExecutor(max_workers=jobs, initializer=_set_worker_options, initargs=(options,)) as pool:
        futures = [pool.submit(_parse_in_worker, path, current()) for path in paths]
        for future in as_completed(futures):
            yield future.result()


_WORKER_OPTIONS = ParseOptions()


def _set_worker_options(options: ParseOptions) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options


def _parse_in_worker(path: str, lang: str) -> Parsed:
    return parse_for_db(path, _WORKER_OPTIONS, lang)


def _on_dask(paths: list[str], address: str, options: ParseOptions) -> Iterator[Parsed]:
    from distributed import Client
    from distributed import as_completed as dask_completed

    with Client(address) as client:
        # Paths must be readable by the workers (a shared file system), as with any Dask job.
        futures = client.map(parse_for_db, paths, options=options, lang=current(), pure=False)
        for future in dask_completed(futures):
            yield future.result()


def known_hashes(db, hashes: Iterable[str]) -> set[str]:
    wanted = list(set(hashes))
    found: set[str] = set()
    with db.read() as conn:
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            found |= {r[0] for r in conn.execute(select(s.sources.c.sha256).where(s.sources.c.sha256.in_(chunk)))}
    return found


def ingest(
    db,
    paths: Iterable[str | os.PathLike[str]],
    jobs: int = 1,
    dask: str | None = None,
    options: ParseOptions = ParseOptions(),
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[FileReport], None] | None = None,
    fetch: FetchSettings = FetchSettings(),
    sister_layout: bool = True,
) -> IngestReport:
    """Ingest files and folders (recursively) into `db` (a `ClauseDB`), and web pages
    given by http(s) URL (fetched here, one after another, as `fetch` says).

    With `sister_layout`, a file whose copy lost its 第X条 labels is read again beside
    the batch's labelled clauses and stored as restored by their layout
    (`tiaokuan.parse.sister`), as `compare` reads it; alone in its batch, or with no
    labelled clause beside it, it is stored as read alone."""
    report = IngestReport()

    def record(file: FileReport) -> None:
        report.files.append(file)
        if on_file:
            on_file(file)

    given = [str(p) for p in paths]
    urls = [p for p in given if is_url(p)]
    files = expand_paths(p for p in given if not is_url(p))
    hashes: dict[str, str] = {}
    for path in files:
        try:
            hashes[path] = sha256_of(path)
        except OSError as e:
            hashes[path] = ""
            record(FileReport(path, Outcome.FAILED, _("{path}：无法读取（{reason}）；请检查路径和权限").format(path=path, reason=e.strerror)))
    stored = known_hashes(db, [h for h in hashes.values() if h])
    todo = []
    for path in files:
        if hashes[path] and hashes[path] in stored:
            record(FileReport(path, Outcome.UNCHANGED))
        elif hashes[path]:
            todo.append(path)
    if on_start:
        on_start(len(todo) + len(urls))
    parsed = _on_dask(todo, dask, options) if dask else _local(todo, jobs, options)
    held: list[Parsed] = []
    layouts: list[Layout] = []
    for item in parsed:
        if item.layout is not None:
            layouts.append(item.layout)
        if sister_layout and item.lost and options.layout is None:
            held.append(item)  # stored once the batch's labelled clauses are known
        else:
            record(_store(db, item))
    if held and layouts:
        beside = replace(options, layout=joined(layouts))
        paths = [h.path for h in held]
        again = {p.path: p for p in (_on_dask(paths, dask, beside) if dask else _local(paths, jobs, beside))}
        # (a file that fails the second reading keeps its first: it was read once already)
        held = [again[h.path] if again.get(h.path) and again[h.path].prepared is not None else h for h in held]
    for item in held:
        record(_store(db, item))
    if urls:
        with Fetcher(fetch) as fetcher:
            for url in urls:
                record(_ingest_url(db, fetcher, url, options))
    return report


def _ingest_url(db, fetcher: Fetcher, url: str, options: ParseOptions) -> FileReport:
    """A page is parsed here, right after it is fetched: its bytes are the source, so
    bytes already stored (from this URL or any file) are unchanged."""
    try:
        fetched = fetcher.fetch(url)
    except TiaokuanError as e:
        return FileReport(url, Outcome.FAILED, str(e))
    if known_hashes(db, [hashlib.sha256(fetched.data).hexdigest()]):
        return FileReport(url, Outcome.UNCHANGED)
    return _store(db, _to_parsed(url, lambda: parse_fetched(fetched, options)))


def _store(db, item: Parsed) -> FileReport:
    """Write one parsed file in its own transaction; what came of it."""
    if item.prepared is None:
        return FileReport(item.path, item.outcome or Outcome.FAILED, item.message)
    try:
        version_ids = db.write(item.prepared)
    except TiaokuanError as e:
        return FileReport(item.path, Outcome.FAILED, str(e))
    if version_ids is None:
        return FileReport(item.path, Outcome.UNCHANGED)
    return FileReport(item.path, Outcome.ADDED, versions=len(version_ids))


def write_report(report: IngestReport, path: str | os.PathLike[str]) -> None:
    import json

    Path(path).write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
