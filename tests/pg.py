"""A throwaway PostgreSQL server for the test suite.

:func:`start_server` runs ``initdb`` into a fresh temporary folder and starts
``postgres`` on a free loopback port; :class:`PostgresServer` then creates a
database per test and, at the end, stops the server and deletes the folder.

Choices that matter to the tests:

- The cluster uses the C locale (``--no-locale``): the strictest server, whose
  ``lower()`` folds ASCII only and whose text order is byte order. Code that
  passes here does not lean on a friendly server locale.
- Durability is off (``fsync``, ``synchronous_commit``, ``full_page_writes``):
  the data is thrown away, and without them a database is created in tens of
  milliseconds.
- Trust authentication on loopback only (``listen_addresses = 127.0.0.1``) and
  the Unix socket inside the temporary folder, so nothing else on the machine
  can reach it and it collides with no system server.

PostgreSQL refuses to run as root; as root the binaries run as the ``postgres``
user (``runuser``), which owns the temporary folder.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import itertools
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

HOST = "127.0.0.1"
SUPERUSER = "postgres"
START_TIMEOUT_S = 60
# A port found free can be taken by another process before postgres binds it.
START_ATTEMPTS = 3

SETTINGS = {
    "listen_addresses": f"'{HOST}'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "60",
    "log_min_messages": "warning",
}


class PostgresUnavailable(Exception):
    """No PostgreSQL binaries (or no driver) here: the postgres tests cannot run."""


class PostgresFailed(Exception):
    """The binaries are here but the server would not start; the message holds its log."""


def find_bindir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, newest version first.

    ``SITROOM_PG_BINDIR`` wins, then ``pg_config --bindir``, then Debian's
    ``/usr/lib/postgresql/*/bin``, then whatever ``initdb`` is on the PATH.
    """
    candidates: list[Path] = []
    if env := os.environ.get("SITROOM_PG_BINDIR"):
        candidates.append(Path(env))
    if pg_config := shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10)
            if out.returncode == 0 and out.stdout.strip():
                candidates.append(Path(out.stdout.strip()))
    debian = glob.glob("/usr/lib/postgresql/*/bin")
    candidates.extend(Path(p) for p in sorted(debian, key=_version_key, reverse=True))
    if initdb := shutil.which("initdb"):
        candidates.append(Path(initdb).parent)
    for folder in candidates:
        if all((folder / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def _version_key(path: str) -> tuple[int, ...]:
    version = Path(path).parent.name
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """A running throwaway server; :meth:`stop` ends it and deletes its files."""

    def __init__(self, bindir: Path, root: Path, port: int, run_as: str | None) -> None:
        self.bindir = bindir
        self.root = root
        self.port = port
        self._run_as = run_as
        self._names = itertools.count(1)
        self._stopped = False
        import psycopg  # checked by start_server

        self._admin = psycopg.connect(self.url("postgres"), autocommit=True)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, dbname: str) -> str:
        return f"postgresql://{SUPERUSER}@{HOST}:{self.port}/{dbname}"

    def create_database(self, icu_locale: str | None = None) -> str:
        """A new empty database; its name. ``icu_locale`` gives it an ICU collation (e.g. "en-US")."""
        name = f"sitroom_test_{os.getpid()}_{next(self._names)}"
        options = f" LOCALE_PROVIDER icu ICU_LOCALE '{icu_locale}'" if icu_locale else ""
        if self._admin.info.server_version >= 150000:
            # PostgreSQL 15's default, WAL_LOG, writes the whole template to the WAL: 6x slower here.
            options += " STRATEGY FILE_COPY"
        # template0, not template1: nothing a previous test did can leak in, and any locale is allowed.
        self._admin.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'{options}".encode())
        return name

    def drop_database(self, name: str) -> None:
        # FORCE ends connections a failed test left open.
        self._admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)".encode())

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        with contextlib.suppress(Exception):  # the server may already be gone; the files go regardless
            self._admin.close()
        _run(
            self._run_as,
            [str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"],
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start_server() -> PostgresServer:
    """Initialise and start a server in a new temporary folder.

    Raises :class:`PostgresUnavailable` when PostgreSQL or psycopg is not
    installed, :class:`PostgresFailed` when it is but does not start.
    """
    try:
        import psycopg  # noqa: F401  (the tests and the store both need it)
    except ImportError as err:
        raise PostgresUnavailable(f"psycopg is not installed ({err})") from err
    bindir = find_bindir()
    if bindir is None:
        raise PostgresUnavailable(
            "no PostgreSQL binaries found (pg_config --bindir, /usr/lib/postgresql/*/bin, PATH); "
            "install postgresql or set SITROOM_PG_BINDIR"
        )
    run_as = _server_user()
    root = Path(tempfile.mkdtemp(prefix="sitroom-pg-"))
    try:
        if run_as is not None:
            entry = pwd.getpwnam(run_as)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        _initdb(bindir, root, run_as)
        port = _start(bindir, root, run_as)
        server = PostgresServer(bindir, root, port, run_as)
    except BaseException:
        _run(run_as, [str(bindir / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "stop"])
        shutil.rmtree(root, ignore_errors=True)
        raise
    # A run stopped by Ctrl-C before the fixture's teardown must not leave a server behind.
    atexit.register(server.stop)
    return server


def _server_user() -> str | None:
    """Whom to run the server as: ``None`` for ourselves, ``postgres`` when we are root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SUPERUSER)
    except KeyError as err:
        raise PostgresUnavailable(
            "running as root and there is no postgres user to run the server as"
        ) from err
    return SUPERUSER


def _run(
    run_as: str | None, argv: list[str], timeout: float = START_TIMEOUT_S
) -> subprocess.CompletedProcess[str]:
    if run_as is not None:
        if shutil.which("runuser"):
            argv = ["runuser", "-u", run_as, "--", *argv]
        else:
            argv = ["su", "-s", "/bin/sh", run_as, "-c", shlex.join(argv)]
    # cwd: the postgres user may not be allowed into ours.
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, cwd=tempfile.gettempdir())


def _initdb(bindir: Path, root: Path, run_as: str | None) -> None:
    data = root / "data"
    out = _run(
        run_as,
        [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
        ],
    )
    if out.returncode != 0:
        raise PostgresFailed(f"initdb failed:\n{out.stdout}\n{out.stderr}")
    settings = dict(SETTINGS, unix_socket_directories=f"'{root}'")
    with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write("\n# sitroom test server\n")
        conf.writelines(f"{key} = {value}\n" for key, value in settings.items())


def _start(bindir: Path, root: Path, run_as: str | None) -> int:
    log = root / "server.log"
    for _ in range(START_ATTEMPTS):
        port = free_port()
        out = _run(
            run_as,
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(root / "data"),
                "-l",
                str(log),
                "-o",
                f"-p {port}",
                "-w",
                "-t",
                str(START_TIMEOUT_S),
                "start",
            ],
            timeout=START_TIMEOUT_S + 10,
        )
        if out.returncode == 0:
            return port
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        if "could not bind" not in text and "already in use" not in text:
            raise PostgresFailed(f"pg_ctl start failed:\n{out.stdout}\n{out.stderr}\n{text}")
        time.sleep(0.2)
    raise PostgresFailed(f"no free port after {START_ATTEMPTS} attempts")
