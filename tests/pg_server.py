"""A private, throw-away PostgreSQL server for the database tests.

The clause database must work on SQLite *and* PostgreSQL, so every database
test also runs against a real PostgreSQL server.  This module starts one from
the locally installed PostgreSQL binaries, inside a directory of our own:

    with PostgresServer(Path("/tmp/somewhere")) as server:
        engine = sqlalchemy.create_engine(server.url)

The cluster lives entirely in ``workdir``:

    workdir/data/        the cluster (PGDATA), created with initdb
    workdir/server.log   the server log (its tail is quoted when start fails)
    workdir/.s.PGSQL.N   the unix socket (never /var/run/postgresql)

It listens on a free TCP port on 127.0.0.1 only, trusts every loopback
connection (no passwords), uses UTF8 with locale C (LC_CTYPE C.UTF-8, see
_utf8_ctype) and has a database ``tiaokuan`` with the ``pg_trgm`` extension.  ``url`` is the SQLAlchemy URL
``postgresql+psycopg://postgres@127.0.0.1:PORT/tiaokuan``.

PostgreSQL refuses to run as root.  When we *are* root (containers, CI), the
server runs as the unprivileged ``postgres`` OS user (``nobody`` if there is
none) and ``workdir`` is chowned to it, so ``workdir`` must be reachable by that
user: a fresh ``mktemp -d`` directory under /tmp is; pytest's ``tmp_path``
(under a mode-0700 /tmp/pytest-of-root) is not.

Command line (used by .ci/run, which calls it with the system python3 before
any virtualenv exists, so this file uses the standard library only):

    python3 tests/pg_server.py start DIR   # prints only the URL; server keeps running
    python3 tests/pg_server.py stop DIR    # stops it (a no-op when nothing runs)
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # typing.Self is 3.11+; annotations are never evaluated at runtime here
    from collections.abc import Callable
    from typing import Self

DATABASE = "tiaokuan"
SUPERUSER = "postgres"  # the cluster's superuser role (not the OS user)
INSTALL_HINT = (
    "install PostgreSQL (Debian/Ubuntu: apt-get install -y postgresql postgresql-contrib) "
    "or point TIAOKUAN_TEST_PG at a server"
)
# A unix socket path (sun_path) holds at most 107 bytes on Linux.
MAX_SOCKET_PATH = 107


class PostgresError(RuntimeError):
    """The private PostgreSQL server could not be set up, started or stopped."""


def _version_key(path: Path) -> tuple[int, ...]:
    """Sort key for /usr/lib/postgresql/<version>: "9.6" < "15" < "16"."""
    try:
        return tuple(int(part) for part in path.name.split("."))
    except ValueError:
        return (-1,)


def find_pg_bin() -> Path | None:
    """The PostgreSQL bin directory, or None when PostgreSQL is not installed.

    Debian/Ubuntu keep each major version in /usr/lib/postgresql/<version>/bin
    (not on PATH); take the newest one holding ``initdb``.  Otherwise use the
    directory of ``initdb`` on PATH, following symlinks so that psql, pg_ctl and
    postgres are found beside it even when only initdb is linked into PATH.
    """
    candidates = [d / "bin" for d in Path("/usr/lib/postgresql").glob("*") if (d / "bin" / "initdb").is_file()]
    if candidates:
        return max(candidates, key=lambda b: _version_key(b.parent))
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    return None


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _conf_quote(value: str) -> str:
    """Quote a string for postgresql.conf."""
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def _utf8_ctype() -> str:
    """The LC_CTYPE for the cluster: "C.UTF-8" when the OS has it, else "C".

    Sorting (LC_COLLATE) and messages stay plain C.  Character classification
    does not: pg_trgm builds trigrams only from characters the database's
    LC_CTYPE calls alphanumeric, and under LC_CTYPE=C no Chinese character is,
    so similarity('免赔额', '免赔率') is 0 and show_trgm('免赔额') is empty.
    Under C.UTF-8 (built into glibc >= 2.35; Debian 12, Ubuntu 22.04) it is 0.33.
    """
    import locale

    saved = locale.setlocale(locale.LC_CTYPE)
    try:
        locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
        return "C.UTF-8"
    except locale.Error:
        return "C"
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)


def _process_state(pid: int) -> str | None:
    """The process's state letter ("R", "S", "Z" for a zombie ...), or None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
        return stat.rsplit(")", 1)[1].split()[0]  # the command name in (...) may contain spaces
    except FileNotFoundError:
        return None
    except (OSError, IndexError):  # no /proc (not Linux): ask the kernel whether it exists
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return "R"


def pid_alive(pid: int) -> bool:
    """True while the process runs.  A zombie (exited, not yet reaped by its parent) is not running."""
    return _process_state(pid) not in (None, "Z", "X")


def _wait(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


class PostgresServer:
    """A private PostgreSQL cluster in ``workdir``; a context manager.

    ``start()`` initialises the cluster (first time only), starts it and waits
    until it accepts connections; ``stop()`` shuts it down.  ``with`` does both.
    """

    def __init__(self, workdir: Path | str, bin_dir: Path | None = None) -> None:
        self.workdir = Path(workdir).absolute()
        self.data_dir = self.workdir / "data"
        self.log_path = self.workdir / "server.log"
        self.bin_dir = bin_dir if bin_dir is not None else find_pg_bin()
        self.port: int | None = None

    # -- public API ------------------------------------------------------------

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the ``tiaokuan`` database (psycopg 3 driver)."""
        if self.port is None:
            raise PostgresError("PostgreSQL server not started; call start() or use it as a context manager")
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{DATABASE}"

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> str:
        """Create (if needed) and start the cluster; return ``url``."""
        self._check_binaries()
        socket_path = self.workdir / ".s.PGSQL.65535.lock"  # the longest file PostgreSQL puts there
        if len(str(socket_path).encode()) > MAX_SOCKET_PATH:
            raise PostgresError(
                f"workdir path too long for a unix socket ({MAX_SOCKET_PATH} bytes max): {self.workdir}; "
                "use a shorter directory, e.g. from mktemp -d"
            )
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._prepare_workdir()
        if self.is_running():
            raise PostgresError(f"a PostgreSQL server is already running in {self.data_dir}; stop it first")
        if not (self.data_dir / "PG_VERSION").exists():
            self._initdb()
        try:
            self._start_on_free_port()
            self._wait_until_ready()
            self._create_database()
        except BaseException:
            # __exit__ does not run when __enter__ fails: never leave a server behind.
            self.stop()
            raise
        return self.url

    def stop(self) -> None:
        """Stop the server (fast shutdown) and make sure no process is left."""
        pid = self._postmaster_pid()
        if pid is None:
            self.port = None
            return
        if pid_alive(pid) and self.bin_dir is not None and (self.bin_dir / "pg_ctl").exists():
            # Fast shutdown: roll back open transactions, disconnect clients, exit.
            ctl = [self._bin("pg_ctl"), "stop", "-D", str(self.data_dir), "-w"]
            if self._run([*ctl, "-m", "fast", "-t", "60"]).returncode != 0 and pid_alive(pid):
                self._run([*ctl, "-m", "immediate", "-t", "30"])
        if pid_alive(pid):  # no pg_ctl: SIGINT is the postmaster's own "fast shutdown" signal
            os.kill(pid, signal.SIGINT)
            _wait(lambda: not pid_alive(pid), 30)
        if pid_alive(pid):  # last resort; the backends exit when the postmaster dies
            os.kill(pid, signal.SIGKILL)
            _wait(lambda: not pid_alive(pid), 10)
        # The postmaster was daemonised, so its parent is now init, and some inits (e.g.
        # in containers) reap exited children lazily: give it a moment to vanish so that
        # no "[postgres] <defunct>" shows up in ps/pgrep after stop() returns.
        _wait(lambda: _process_state(pid) is None, 5)
        self.port = None

    def is_running(self) -> bool:
        pid = self._postmaster_pid()
        return pid is not None and pid_alive(pid)

    # -- steps -------------------------------------------------------------------

    def _check_binaries(self) -> None:
        if self.bin_dir is None:
            raise PostgresError(f"PostgreSQL binaries (initdb, pg_ctl) not found: {INSTALL_HINT}")
        missing = [name for name in ("initdb", "pg_ctl", "postgres", "psql") if not (self.bin_dir / name).exists()]
        if missing:
            raise PostgresError(f"{', '.join(missing)} missing from {self.bin_dir}: {INSTALL_HINT}")

    def _prepare_workdir(self) -> None:
        """As root, hand ``workdir`` to the unprivileged user the server runs as."""
        if os.geteuid() != 0:
            return
        user = self._server_user()
        os.chown(self.workdir, user.pw_uid, user.pw_gid)
        os.chmod(self.workdir, 0o700)
        probe = self._run(["test", "-w", str(self.workdir), "-a", "-x", str(self.workdir)], cwd="/")
        if probe.returncode != 0:
            raise PostgresError(
                f"{self.workdir} is not reachable by the OS user {user.pw_name!r} the server must run as "
                "(PostgreSQL refuses root); use a directory whose parents that user can enter, e.g. mktemp -d"
            )

    def _initdb(self) -> None:
        result = self._run(
            [
                self._bin("initdb"),
                "-D", str(self.data_dir),
                "--username", SUPERUSER,
                "--encoding", "UTF8",
                "--locale", "C",  # byte-order sorting and untranslated messages on every machine ...
                "--lc-ctype", _utf8_ctype(),  # ... but see _utf8_ctype: pg_trgm needs a UTF-8 ctype for Chinese
                "--auth", "trust",
                "--no-sync",  # a test cluster: no need to fsync its files
            ]
        )  # fmt: skip
        if result.returncode != 0:
            raise PostgresError(f"initdb failed in {self.data_dir}: {result.stderr.strip()[-2000:]}")
        # Trust connections on loopback (and the private socket) only.
        (self.data_dir / "pg_hba.conf").write_text(
            "# tiaokuan test cluster: trust loopback connections only\n"
            "local all all trust\n"
            "host  all all 127.0.0.1/32 trust\n"
            "host  all all ::1/128 trust\n",
            encoding="utf-8",
        )
        # Per-start settings (port, socket) go to tiaokuan.conf, rewritten by every start.
        with open(self.data_dir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\ninclude_if_exists 'tiaokuan.conf'\n")

    def _write_settings(self, port: int) -> None:
        settings = {
            "listen_addresses": _conf_quote("127.0.0.1"),
            "port": str(port),
            "unix_socket_directories": _conf_quote(str(self.workdir)),
            # Durability is pointless for a throw-away test cluster; speed matters.
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "100",
        }
        path = self.data_dir / "tiaokuan.conf"
        path.write_text("".join(f"{k} = {v}\n" for k, v in settings.items()), encoding="utf-8")
        if os.geteuid() == 0:
            user = self._server_user()
            for owned in (path, self.data_dir / "pg_hba.conf"):
                os.chown(owned, user.pw_uid, user.pw_gid)

    def _start_on_free_port(self) -> None:
        # Another process may grab the port between _free_port() and the bind: retry.
        for attempt in range(3):
            port = _free_port()
            self._write_settings(port)
            result = self._run(
                [self._bin("pg_ctl"), "start", "-D", str(self.data_dir), "-l", str(self.log_path), "-w", "-t", "60"]
            )
            if result.returncode == 0:
                self.port = port
                return
            log = self._log_tail()
            if "Address already in use" in log and attempt < 2 and not self.is_running():
                continue
            raise PostgresError(
                f"PostgreSQL failed to start in {self.data_dir} (log {self.log_path}): "
                f"{result.stderr.strip()}\n--- tail of server log ---\n{log}"
            )

    def _wait_until_ready(self, timeout: float = 30.0) -> None:
        """Wait until the server accepts TCP connections (pg_isready, else a socket connect)."""
        assert self.port is not None
        deadline = time.monotonic() + timeout
        pg_isready = self.bin_dir / "pg_isready" if self.bin_dir else None
        while time.monotonic() < deadline:
            if pg_isready is not None and pg_isready.exists():
                check = self._run(
                    [str(pg_isready), "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, "-d", "postgres"]
                )
                if check.returncode == 0:
                    return
            else:
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                    return
                except OSError:
                    pass
            time.sleep(0.1)
        raise PostgresError(
            f"PostgreSQL in {self.data_dir} did not accept connections on port {self.port} within {timeout:.0f}s"
            f"\n--- tail of server log ---\n{self._log_tail()}"
        )

    def _create_database(self) -> None:
        exists = self._psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'")
        if exists.strip() != "1":
            self._psql("postgres", f"CREATE DATABASE {DATABASE}")
        try:
            self._psql(DATABASE, "CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except PostgresError as exc:
            raise PostgresError(f"the pg_trgm extension is missing: install postgresql-contrib ({exc})") from None

    # -- helpers -----------------------------------------------------------------

    def _bin(self, name: str) -> str:
        assert self.bin_dir is not None
        return str(self.bin_dir / name)

    def _psql(self, database: str, sql: str) -> str:
        result = self._run(
            [
                self._bin("psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, "-d", database, "-c", sql,
            ]
        )  # fmt: skip
        if result.returncode != 0:
            raise PostgresError(f"psql {sql!r} failed: {result.stderr.strip()}")
        return result.stdout

    def _server_user(self) -> pwd.struct_passwd:
        """The unprivileged OS user the server runs as when we are root.

        The owner of an existing cluster; else ``postgres``; else ``nobody``.
        """
        if self.data_dir.exists() and self.data_dir.stat().st_uid != 0:
            return pwd.getpwuid(self.data_dir.stat().st_uid)
        for name in ("postgres", "nobody"):
            try:
                return pwd.getpwnam(name)
            except KeyError:
                continue
        raise PostgresError("running as root but no 'postgres' or 'nobody' OS user to run PostgreSQL as")

    def _run(self, argv: list[str], cwd: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL tool, as the unprivileged server user when we are root.

        Output is captured (the CLI's stdout must carry only the URL), stdin is
        /dev/null, and PG* variables from the caller's environment are dropped so
        that PGHOST, PGPORT, PGDATA ... cannot redirect the tools.
        """
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = "C"
        kwargs: dict[str, object] = {}
        if os.geteuid() == 0:
            user = self._server_user()
            env.update(HOME=str(self.workdir), USER=user.pw_name, LOGNAME=user.pw_name)
            kwargs = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
        return subprocess.run(
            argv,
            cwd=cwd or str(self.workdir),  # must be enterable by the server user
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
            **kwargs,  # type: ignore[arg-type]
        )

    def _postmaster_pid(self) -> int | None:
        """The postmaster's pid from postmaster.pid, or None when there is none.

        A stale file (left by a crash) whose pid now belongs to some other program
        counts as none, so that stop() never signals an unrelated process.
        """
        try:
            first = (self.data_dir / "postmaster.pid").read_text(encoding="utf-8").split("\n", 1)[0].strip()
        except (FileNotFoundError, NotADirectoryError):
            return None
        if not re.fullmatch(r"\d+", first):
            return None
        pid = int(first)
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except FileNotFoundError:
            return pid  # gone (or no /proc): harmless either way
        except OSError:
            return pid
        # A zombie's cmdline is empty; a live postmaster's names postgres (or postmaster).
        return pid if not cmdline or b"postgres" in cmdline or b"postmaster" in cmdline else None

    def _log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] not in ("start", "stop"):
        print("usage: pg_server.py start DIR | stop DIR", file=sys.stderr)
        return 2
    command, workdir = args
    server = PostgresServer(Path(workdir))
    try:
        if command == "start":
            print(server.start())  # the only thing on stdout
        else:
            server.stop()
    except PostgresError as exc:
        print(f"pg_server.py {command}: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
