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

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fastapi import Response
from starlette.concurrency import run_in_threadpool

from sitroom.store import SQLiteStore, Store


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

    def __init__(self, version: DataVersion, size: int = 256) -> None:
        self.version = version
        self.size = size
        self._kept: OrderedDict[str, Kept] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    async def answer(self, key: str, make: Callable[[], Response]) -> Response:
        """The kept answer if the data is unchanged, else ``make()`` run in a worker thread (and kept)."""
        # The version is read before the answer is made: a commit while it is being made
        # leaves it tagged with the older version, so the next request makes it afresh.
        version = self.version.current() if self.size > 0 else None
        if version is not None:
            with self._lock:
                kept = self._kept.get(key)
                if kept is not None and kept.version == version:
                    self._kept.move_to_end(key)
                    self.hits += 1
                    return Response(kept.body, kept.status, dict(kept.headers), kept.media_type)
                self.misses += 1
        response = await run_in_threadpool(make)
        if version is not None and response.status_code == 200:
            self._keep(key, version, response)
        return response

    def _keep(self, key: str, version: int, response: Response) -> None:
        headers = tuple((k, v) for k, v in response.headers.items() if k.lower() != "content-length")
        entry = Kept(version, response.status_code, bytes(response.body), response.media_type, headers)
        with self._lock:
            self._kept[key] = entry
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
