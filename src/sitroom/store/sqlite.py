"""The SQLite store: one file, zero set-up, readable by any SQLite tool.

The connection runs in autocommit mode and the store opens its own
transactions: ``BEGIN IMMEDIATE`` takes the write lock at the start of a
batch, so two processes writing the same file queue up (``busy_timeout``)
instead of failing half-way, and each batch lands whole or not at all. WAL
mode lets readers (a dashboard) read while a run writes.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sitroom.errors import StoreError
from sitroom.store.common import SQLStore, now_iso
from sitroom.store.migrations import VERSION_TABLE, pending

# How long a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_MS = 60_000
WAL_RETRY_S = 0.01


def _lower(value: str | float | None) -> str | float | None:
    # SQLite's own lower() folds ASCII only; actor and place names are not all ASCII.
    return value.lower() if isinstance(value, str) else value


class SQLiteStore(SQLStore):
    dialect = "sqlite"

    def __init__(self, path: str | Path, url: str | None = None) -> None:
        super().__init__(url or str(path))
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as err:
            raise StoreError(f"cannot open SQLite database {self.path}: {err}") from err
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._use_wal()
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.create_function("lower", 1, _lower, deterministic=True)
            self._migrate()
        except sqlite3.DatabaseError as err:
            self._conn.close()
            raise StoreError(f"cannot open SQLite database {self.path}: {err}") from err
        except StoreError:
            self._conn.close()
            raise

    def _use_wal(self) -> None:
        # Switching a file to WAL takes a lock that SQLite does not wait for under
        # busy_timeout: a second process opening the same new file at that moment
        # gets "database is locked" at once (two `sitroom run`s started together).
        # The other process holds it only while it switches the file or creates the
        # schema, so asking again, up to the busy timeout, is enough.
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as err:
                busy = (getattr(err, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_BUSY
                if not busy or time.monotonic() > deadline:
                    raise
                time.sleep(WAL_RETRY_S)

    def _migrate(self) -> None:
        with self._write():
            self._conn.execute(VERSION_TABLE)
            current = self._conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
            self._check_version(current)
            for migration in pending(current):
                for statement in migration.sql(self.dialect):
                    self._conn.execute(statement)
                self._conn.execute(
                    "INSERT INTO schema_version (version, name, applied) VALUES (?, ?, ?)",
                    (migration.version, migration.name, now_iso()),
                )
                # For SQLite tools that look at the header rather than the table.
                self._conn.execute(f"PRAGMA user_version = {int(migration.version)}")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._conn.executemany(sql, rows)

    @contextmanager
    def _write(self) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._conn.execute("COMMIT")
        except BaseException:
            # Some errors end the transaction inside SQLite already; a second ROLLBACK would hide them.
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def _db_errors(self) -> tuple[type[Exception], ...]:
        return (sqlite3.Error,)

    def _json_in(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def _json_out(self, value: Any) -> Any:
        return json.loads(value)

    def _date_in(self, value: date | None) -> str | None:
        return value.isoformat() if value is not None else None

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._conn.close()
