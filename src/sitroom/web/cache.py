"""Answers kept until the database changes.

Every GET is a function of the database, so an answer can be served again
for as long as the database is unchanged. A second connection, opened for
that alone, tells whether it may have changed:

- SQLite file: ``PRAGMA data_version`` on a read-only connection changes
  whenever any other connection (this server's store, a ``sitroom run`` in
  another process) commits.
- PostgreSQL: the server's current snapshot (``pg_current_snapshot()``: the
  oldest running transaction, the next one and those in between still
  running) changes whenever any transaction that wrote anything, in this
  database or another on the same server, ends. A busy shared server changes
  it more often than this database changes, which costs renders, never a
  stale answer.

So a cached answer is never stale, and a dashboard under load renders once
per change instead of once per visitor. An in-memory SQLite database is not
cached.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Response
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from sitroom.store import SQLiteStore, Store

MAX_BYTES = 64 * 1024 * 1024  # answers kept, all together


class DataVersion:
    """A number that changes whenever the database does; None where that cannot be known."""

    def __init__(self, store: Store) -> None:
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pg: _PostgresSnapshot | None = None
        if isinstance(store, SQLiteStore) and store.path != ":memory:" and Path(store.path).exists():
            uri = Path(store.path).resolve().as_uri() + "?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
        elif getattr(store, "dialect", None) == "postgres":
            self._pg = _PostgresSnapshot.open(store.url)

    def current(self) -> int | None:
        with self._lock:
            if self._conn is not None:
                return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
            if self._pg is not None:
                return self._pg.current()
            return None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            if self._pg is not None:
                self._pg.close()
                self._pg = None


class _PostgresSnapshot:
    """A counter that moves on whenever the server's snapshot differs from the last one seen.

    While a transaction that wrote (and so has a transaction id) runs, its id is in the
    snapshot's list of running ones or at or above the snapshot's upper bound; once it
    commits or rolls back its id is below the bound and not in the list. So no write
    can end unseen between two reads of the snapshot. Reading it takes no transaction
    id, so it changes nothing itself.
    """

    @classmethod
    def open(cls, url: str) -> _PostgresSnapshot | None:
        """A second connection to the store's database; None (answers made afresh) if it cannot be had."""
        import psycopg  # the store being watched needed it already

        try:
            return cls(psycopg.connect(url, autocommit=True))
        except psycopg.Error:
            return None

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        # pg_current_snapshot() is PostgreSQL 13's name for txid_current_snapshot().
        name = "pg_current_snapshot" if self._conn.info.server_version >= 130000 else "txid_current_snapshot"
        self._query = f"SELECT {name}()::text".encode()
        self._last: str | None = None
        self._version = 0

    def current(self) -> int:
        row = self._conn.execute(self._query).fetchone()
        snapshot = str(row[0]) if row else ""
        if snapshot != self._last:
            self._last = snapshot
            self._version += 1
        return self._version

    def close(self) -> None:
        self._conn.close()


@dataclass(frozen=True, slots=True)
class Kept:
    version: int
    status: int
    body: bytes
    media_type: str | None
    headers: tuple[tuple[str, str], ...]


class ResponseCache:
    """The last answer per request line, valid while the data version is the one it was made at."""

    def __init__(self, version: DataVersion, size: int = 256, max_bytes: int = MAX_BYTES) -> None:
        self.version = version
        self.size = size
        self.max_bytes = max_bytes
        self._bytes = 0
        self._kept: OrderedDict[str, Kept] = OrderedDict()
        self._lock = threading.Lock()
        self._pending: dict[tuple[str, int], asyncio.Future[Kept | None]] = {}
        self.hits = self.misses = 0

    async def answer(self, key: str, make: Callable[[], Response]) -> Response:
        """The kept answer if the data is unchanged, else ``make()`` run in a worker thread (and kept).

        Requests for the same answer that arrive while it is being made wait for that one rather
        than each making their own: a hundred dashboards opened at once render it once.
        """
        # The version is read before the answer is made: a commit while it is being made
        # leaves it tagged with the older version, so the next request makes it afresh.
        version = self.version.current() if self.size > 0 else None
        if version is None:
            return await run_in_threadpool(make)
        kept = self.lookup(key, version)
        if kept is not None:
            return _response(kept)
        # Only the event loop's thread touches _pending, so it needs no lock.
        waiting = self._pending.get((key, version))
        if waiting is not None:
            kept = await asyncio.shield(waiting)
            if kept is not None:
                return _response(kept)
            return await run_in_threadpool(make)  # the first one failed or was not cacheable
        self.misses += 1
        future: asyncio.Future[Kept | None] = asyncio.get_running_loop().create_future()
        self._pending[(key, version)] = future
        kept = None
        try:
            response = await run_in_threadpool(make)
            if response.status_code == 200:
                kept = self._keep(key, version, response)
            return response
        finally:
            del self._pending[(key, version)]
            future.set_result(kept)

    def lookup(self, key: str, version: int | None = None) -> Kept | None:
        """The kept answer for ``key`` if it was made at the current (or given) data version."""
        if version is None:
            version = self.version.current() if self.size > 0 else None
            if version is None:
                return None
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and kept.version == version:
                self._kept.move_to_end(key)
                self.hits += 1
                return kept
            return None

    def _keep(self, key: str, version: int, response: Response) -> Kept | None:
        body = bytes(response.body)
        if len(body) > self.max_bytes // 8:
            return None  # one huge page (a full export) would push out everything else
        headers = tuple((k, v) for k, v in response.headers.items() if k.lower() != "content-length")
        entry = Kept(version, response.status_code, body, response.media_type, headers)
        with self._lock:
            old = self._kept.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._kept[key] = entry
            self._bytes += len(body)
            while len(self._kept) > self.size or self._bytes > self.max_bytes:
                _key, dropped = self._kept.popitem(last=False)
                self._bytes -= len(dropped.body)
        return entry


def _response(kept: Kept) -> Response:
    return Response(kept.body, kept.status, dict(kept.headers), kept.media_type)


def cache_key(scope: Scope) -> str:
    """What identifies a GET's answer: its path and its query string as sent."""
    return scope.get("root_path", "") + scope["path"] + "?" + scope.get("query_string", b"").decode("latin-1")


class CachedReads:
    """ASGI middleware that answers a GET from the cache before routing, validation or a thread.

    A miss goes on to the application, whose handler makes the answer and keeps it
    (:meth:`ResponseCache.answer`); only hits are served here.
    """

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            kept = self.cache.lookup(cache_key(scope))
            if kept is not None:
                await _response(kept)(scope, receive, send)
                return
        await self.app(scope, receive, send)
