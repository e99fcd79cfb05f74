"""The PostgreSQL store, for teams sharing one database (psycopg 3).

JSON columns are ``jsonb`` and dates are ``date``; otherwise the schema and
the queries are those of the SQLite store (see :mod:`sitroom.store.common`).

Concurrent writers. Every write transaction starts with
``pg_advisory_xact_lock(WRITE_LOCK)``: batches from several processes run one
after another, each whole, and the lock goes with the commit or rollback.
Taking it first, before any row is touched, is what rules out deadlocks (two
batches inserting the same new document in opposite orders) and makes the
fusion-sensitive writes (event upserts, the deletion and re-insertion of an
event's sources and evidence, removed events, mention links) see the
previous batch complete. ``INSERT ... ON CONFLICT`` on every natural key is the
second line: even without the lock, a row could not be stored twice. The lock
does not make a fusion that read the database before another process wrote
fresh; the next run re-fuses what it finds. Opening a database applies pending
migrations under a second advisory lock, so two processes opening a new
database do not both create the schema.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from sitroom.errors import StoreError
from sitroom.store.common import SQLStore, now_iso, redact
from sitroom.store.migrations import VERSION_TABLE, pending

# Advisory lock keys (any fixed bigints; they only need to differ from other applications' keys).
WRITE_LOCK = 0x5175_7200_0001
MIGRATE_LOCK = 0x5175_7200_0002


@lru_cache(maxsize=256)
def _pg(sql: str) -> str:
    """Our ``?`` placeholders as psycopg's ``%s`` (no statement here holds a literal ``?`` or ``%``)."""
    return sql.replace("?", "%s")


# ICU's root locale lower-cases as Python's str.lower does, whatever the database's locale.
ICU_COLLATION = "und-x-icu"


class PostgresStore(SQLStore):
    dialect = "postgres"
    no_limit = None  # LIMIT NULL is LIMIT ALL; a negative limit is an error here

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self._fold_collation: str | None = None
        try:
            self._conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as err:
            raise StoreError(f"cannot connect to PostgreSQL at {redact(url)}: {err}") from err
        try:
            self._migrate()
            self._fold_collation = self._icu_collation()
        except psycopg.Error as err:
            self._conn.close()
            raise StoreError(f"cannot prepare the sitroom schema in {redact(url)}: {err}") from err
        except StoreError:
            self._conn.close()
            raise

    def _migrate(self) -> None:
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATE_LOCK])
            self._conn.execute(VERSION_TABLE)
            row = self._conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
            current = int(row[0]) if row else 0
            self._check_version(current)
            for migration in pending(current):
                for statement in migration.sql(self.dialect):
                    self._conn.execute(statement.encode())
                self._conn.execute(
                    "INSERT INTO schema_version (version, name, applied) VALUES (%s, %s, %s)",
                    [migration.version, migration.name, now_iso()],
                )

    def _icu_collation(self) -> str | None:
        """The ICU collation to fold case with, if this server has one for this database's encoding.

        A database created with the C locale (initdb's choice when LANG is unset)
        has a lower() that folds ASCII only, so "CÔTE" would not find "Côte".
        """
        row = self._conn.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = %s) "
            "AND current_setting('server_encoding') = 'UTF8'",
            [ICU_COLLATION],
        ).fetchone()
        return ICU_COLLATION if row and row[0] else None

    def _fold(self, column: str) -> str:
        if self._fold_collation is None:
            return f"lower({column})"
        return f'lower({column} COLLATE "{self._fold_collation}")'

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        return self._conn.execute(_pg(sql).encode(), list(params))

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._conn.cursor() as cur:
                cur.executemany(_pg(sql).encode(), rows)

    @contextmanager
    def _write(self) -> Iterator[None]:
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            yield

    def _db_errors(self) -> tuple[type[Exception], ...]:
        return (psycopg.Error,)

    def _json_in(self, value: Any) -> Jsonb:
        return Jsonb(value)

    def _json_out(self, value: Any) -> Any:
        return value

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._conn.close()
