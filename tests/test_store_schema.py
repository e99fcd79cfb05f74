"""Opening a store: schema creation and versions, and how open_store reads a database URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.errors import StoreError
from sitroom.store import SCHEMA_VERSION, SQLiteStore, open_store
from sitroom.store.migrations import MIGRATIONS

TABLES = {
    "schema_version",
    "documents",
    "ledger",
    "mentions",
    "events",
    "event_mentions",
    "event_sources",
    "evidence",
    "claims",
    "claim_sources",
    "meta",
}


def table_names(raw_sql, store_url: str) -> set[str]:
    if store_url.startswith("sqlite"):
        rows = raw_sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    else:
        rows = raw_sql("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return {r[0] for r in rows}


def test_store_creates_schema_at_current_version(store_url, raw_sql):
    with open_store(store_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
    assert table_names(raw_sql, store_url) == TABLES
    applied = raw_sql("SELECT version, name FROM schema_version ORDER BY version")
    assert applied == [(m.version, m.name) for m in MIGRATIONS]


def test_store_sqlite_header_carries_version(tmp_db_url, tmp_path):
    open_store(tmp_db_url).close()
    import sqlite3

    with sqlite3.connect(tmp_path / "sitroom.db") as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_reopen_applies_nothing_twice(store_url, raw_sql, records):
    doc = records.document(mentions=1)
    with open_store(store_url) as store:
        store.write_batch([], [doc], [], [])
    for _ in range(3):
        with open_store(store_url) as store:
            assert store.schema_version() == SCHEMA_VERSION
            assert store.known_documents([doc.id]) == {doc.id}
    assert raw_sql("SELECT count(*) FROM schema_version") == [(len(MIGRATIONS),)]
    assert raw_sql("SELECT count(*) FROM documents") == [(1,)]


def test_store_refuses_newer_schema(store_url, raw_sql):
    open_store(store_url).close()
    newer = SCHEMA_VERSION + 1
    raw_sql(
        "INSERT INTO schema_version (version, name, applied) VALUES (?, ?, ?)",
        [newer, "from a later sitroom", "2099-01-01T00:00:00+00:00"],
    )
    with pytest.raises(StoreError, match=rf"schema version {newer}, newer than .*upgrade sitroom"):
        open_store(store_url)
    # Refusing changed nothing: a later sitroom still finds its own schema.
    assert raw_sql("SELECT max(version), count(*) FROM schema_version") == [(newer, len(MIGRATIONS) + 1)]


def test_store_meta_round_trip(store_url):
    with open_store(store_url) as store:
        assert store.get_meta("last_run") is None
        store.set_meta("last_run", "2024-01-20")
        store.set_meta("last_run", "2024-01-21")
    with open_store(store_url) as store:
        assert store.get_meta("last_run") == "2024-01-21"


def test_store_rejects_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are field notes, not a database\n" * 200)
    with pytest.raises(StoreError, match=r"cannot open SQLite database .*notes\.db"):
        open_store(str(path))


# -- open_store and URLs -----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("plain.db", "plain.db"),
        ("nested/folder/plain.db", "nested/folder/plain.db"),
        ("sqlite:///relative.db", "relative.db"),
        ("SQLite:///relative.db", "relative.db"),
        ("sqlite:///nested/relative.db", "nested/relative.db"),
    ],
)
def test_store_open_sqlite_relative_urls(url, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_store(url) as store:
        assert isinstance(store, SQLiteStore)
        assert store.url == url
    assert (tmp_path / expected).is_file()


def test_store_open_sqlite_absolute_url(tmp_path, monkeypatch):
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    target = tmp_path / "abs" / "events.db"
    with open_store(f"sqlite:///{target}") as store:  # four slashes: sqlite:////tmp/...
        assert store.path == str(target)
    assert target.is_file()
    assert not list(elsewhere.iterdir())


@pytest.mark.parametrize(("env", "expected"), [(None, "sitroom.db"), ("from-env.db", "from-env.db")])
def test_store_open_default_location(env, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if env is None:
        monkeypatch.delenv("SITROOM_DB", raising=False)
    else:
        monkeypatch.setenv("SITROOM_DB", env)
    open_store().close()
    assert (tmp_path / expected).is_file()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "empty database URL"),
        ("   ", "empty database URL"),
        ("sqlite://", "no file in database URL"),
        ("sqlite:///", "no file in database URL"),
        ("mysql://analyst@db.example/events", "unknown database URL 'mysql://analyst@db.example/events'"),
        ("ftp://example/file.db", "unknown database URL"),
    ],
)
def test_store_open_rejects_bad_urls(url, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match=message):
        open_store(url)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "url",
    [
        "mysql://analyst:hunter2secret@db.example/events",
        "mysql://analyst:hunter2@secret@db.example/events",
        "mysql://db.example/events?user=analyst&password=hunter2secret",
    ],
)
def test_store_open_redacts_password_of_unknown_scheme(url):
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert "hunter2" not in str(caught.value)
    assert "***" in str(caught.value)


def closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # nothing listens once the socket is closed


@pytest.mark.parametrize(
    "template",
    [
        "postgresql://analyst:hunter2secret@127.0.0.1:{port}/events",
        "postgres://analyst:hunter2secret@127.0.0.1:{port}/events",
        "postgresql://analyst@127.0.0.1:{port}/events?password=hunter2secret&connect_timeout=5",
    ],
)
def test_store_open_postgres_unreachable_redacts_password(template):
    pytest.importorskip("psycopg")
    url = template.format(port=closed_port())
    with pytest.raises(
        StoreError, match=r"cannot connect to PostgreSQL at postgres(ql)?://analyst"
    ) as caught:
        open_store(url)
    assert "hunter2" not in str(caught.value)


@pytest.mark.postgres
def test_store_open_postgres_scheme_alias(pg_url, records):
    doc = records.document()
    with open_store(pg_url) as store:
        store.write_batch([], [doc], [], [])
    alias = "postgres://" + pg_url.removeprefix("postgresql://")
    with open_store(alias) as store:
        assert store.known_documents([doc.id]) == {doc.id}


def test_store_open_sqlite_memory():
    with open_store("sqlite:///:memory:") as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_store_sqlite_missing_folder_created(tmp_path: Path):
    target = tmp_path / "a" / "b" / "c.db"
    open_store(str(target)).close()
    assert target.is_file()
