"""Where events live: a SQLite file by default, PostgreSQL by a database URL.

    >>> with open_store("sitroom.db") as store:  # doctest: +SKIP
    ...     store.events(EventFilter(country="Syria"))

:func:`open_store` picks the backend from the URL and brings the schema up to
date (see :mod:`sitroom.store.migrations`).
"""

from __future__ import annotations

import os

from sitroom.errors import StoreError
from sitroom.store.base import STATUSES, EventFilter, LedgerRow, Store
from sitroom.store.common import redact
from sitroom.store.migrations import SCHEMA_VERSION
from sitroom.store.sqlite import SQLiteStore

DEFAULT_DB = "sitroom.db"
ENV_VAR = "SITROOM_DB"

__all__ = [
    "DEFAULT_DB",
    "ENV_VAR",
    "SCHEMA_VERSION",
    "STATUSES",
    "EventFilter",
    "LedgerRow",
    "SQLiteStore",
    "Store",
    "open_store",
]


def open_store(url: str | None = None) -> Store:
    """Open (creating if need be) the store at ``url``.

    ``None`` means the ``SITROOM_DB`` environment variable, else ``sitroom.db``
    in the working folder. A plain path or ``sqlite:///path`` (``sqlite:////abs``
    for an absolute one) opens SQLite; ``postgresql://`` or ``postgres://`` opens
    PostgreSQL, which needs psycopg (``pip install 'sitroom[postgres]'``).
    """
    if url is None:
        url = os.environ.get(ENV_VAR) or DEFAULT_DB
    if not url.strip():
        raise StoreError("empty database URL: give a file path or a postgresql:// URL")
    scheme, sep, rest = url.partition("://")
    if not sep:
        return SQLiteStore(url)
    scheme = scheme.lower()
    if scheme == "sqlite":
        # SQLAlchemy's spelling: sqlite:///relative.db, sqlite:////absolute.db
        path = rest[1:] if rest.startswith("/") else rest
        if not path:
            raise StoreError(f"no file in database URL {url!r}: write sqlite:///path/to/file.db")
        return SQLiteStore(path, url=url)
    if scheme in ("postgresql", "postgres"):
        try:
            from sitroom.store.postgres import PostgresStore
        except ImportError as err:
            raise StoreError(
                f"PostgreSQL support needs psycopg: pip install 'sitroom[postgres]' ({err})"
            ) from err
        return PostgresStore(url)
    raise StoreError(
        f"unknown database URL {redact(url)!r}: use a file path, sqlite:///path or postgresql://..."
    )
