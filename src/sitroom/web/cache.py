"""Answers kept until the database changes.

Every GET is a function of the database, so an answer can be served again
for as long as the database is unchanged. For a SQLite file, a second
read-only connection asks SQLite's ``PRAGMA data_version``, which changes
whenever any other connection (this server's store, a ``sitroom run`` in
another process) commits: a cached answer is never stale, and a dashboard
under load renders once per change instead of once per visitor. Other
backends (PostgreSQL, an in-memory SQLite) are not cached.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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
        if isinstance(store, SQLiteStore) and store.path != ":memory:" and Path(store.path).exists():
            uri = Path(store.path).resolve().as_uri() + "?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)

    def current(self) -> int | None:
        if self._conn is None:
            return None
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


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
