"""Opening the clause database: engines, migrations, and the write transaction.

SQLite is the default (one file, no server); the same schema and behaviour on
PostgreSQL. Writers on SQLite take the write lock when their transaction begins
(BEGIN IMMEDIATE) and wait up to a minute for it, in WAL mode, so two ingest
processes on one file queue up instead of failing with "database is locked".
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError

from tiaokuan.errors import DatabaseError, MissingDatabaseError
from tiaokuan.i18n import _

DEFAULT_PATH = "tiaokuan.db"
ENV_URL = "TIAOKUAN_DB"
LOCK_WAIT_SECONDS = 60


def resolve_url(url: str | None) -> str:
    """The URL to use: as given, else $TIAOKUAN_DB, else the SQLite file tiaokuan.db;
    a bare path means an SQLite file, and postgresql:// uses the psycopg 3 driver."""
    url = url or os.environ.get(ENV_URL) or DEFAULT_PATH
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_engine(url: str, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"timeout": LOCK_WAIT_SECONDS})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's begin event issue BEGIN itself (pysqlite would defer it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={LOCK_WAIT_SECONDS * 1000}")
        _while_locked(lambda: cursor.execute("PRAGMA journal_mode=WAL"))
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _while_locked(step: Callable[[], object]) -> None:
    """Run `step`, retrying while another connection holds the file.

    Switching a file to WAL needs an exclusive lock, and SQLite answers "database
    is locked" at once, without its busy handler, when another process is in the
    middle of a write on a file still in rollback mode -- which is what two
    processes opening a new database together do to each other.
    """
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    pause = 0.01
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def require_existing(url: str) -> None:
    """Refuse an SQLite file that does not exist (a server database that does not
    exist fails on connecting anyway), so a command that only reads never leaves a
    new empty database behind a mistyped path."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return  # make_engines reports a bad URL
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return
    path = Path(parsed.database)
    if not path.is_file():
        raise MissingDatabaseError(
            str(path), _("这里没有条款数据库；请用 `tiaokuan ingest FILES --db {path}` 创建，或用 --db 指定你要用的数据库").format(path=path)
        )


def make_engines(url: str) -> tuple[Engine, Engine]:
    """(reader, writer) engines for `url`; on PostgreSQL they are the same."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                try:
                    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
                except OSError as e:
                    raise DatabaseError(
                        url,
                        _("无法创建数据库文件所在的文件夹（{reason}）；请给出一个可写入的路径").format(reason=e.strerror),
                    ) from None
            return _sqlite_engine(url, immediate=False), _sqlite_engine(url, immediate=True)
        engine = create_engine(url, pool_pre_ping=True)
        return engine, engine
    except (ArgumentError, NoSuchModuleError, ValueError) as e:
        raise DatabaseError(
            url,
            _("不是 tiaokuan 能用的数据库地址（{reason}）；请给出文件路径、sqlite:///FILE 或 postgresql://USER@HOST/DB").format(reason=e),
        ) from None


def _alembic_config(conn: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "tiaokuan.clauses_db:migrations")
    cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", "tiaokuan.clauses_db:migrations")
    return ScriptDirectory.from_config(cfg).get_current_head()


def upgrade(writer: Engine, url: str) -> None:
    """Bring the schema to the newest migration, once, even with several processes
    starting together (the write lock on SQLite, an advisory lock on PostgreSQL)."""
    try:
        with writer.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(724021)"))
            current = MigrationContext.configure(conn).get_current_revision()
            if current != head_revision():
                command.upgrade(_alembic_config(conn), "head")
    except DBAPIError as e:
        raise DatabaseError(
            url,
            _("无法打开数据库：{reason}；请检查地址、服务器是否在运行，以及它是否为 tiaokuan 数据库").format(reason=_first_line(e)),
        ) from None


def _first_line(e: DBAPIError) -> str:
    return str(e.orig).strip().splitlines()[0] if str(e.orig).strip() else type(e.orig).__name__


@contextmanager
def transaction(engine: Engine, url: str) -> Iterator[Connection]:
    """One transaction: committed when the block ends, rolled back on any error."""
    try:
        with engine.begin() as conn:
            yield conn
    except IntegrityError:
        raise  # the caller decides (a concurrent writer may have stored the same file)
    except DBAPIError as e:
        raise DatabaseError(url, _("数据库错误：{reason}").format(reason=_first_line(e))) from None
