"""Fixtures shared by the whole suite: databases on both backends and records to put in them.

- ``store_url``: a fresh database URL, once per backend (SQLite file, PostgreSQL
  database). ``SITROOM_TEST_BACKENDS=sqlite`` (or ``postgres``) keeps one.
- ``module_store_url``: the same, once per backend and test module, for a module
  whose tests share one database that is slow to fill.
- ``new_store_url``: ``new_store_url()`` makes another fresh database on the
  backend of ``store_url``, for a test that compares two databases.
- ``tmp_db_url``: a fresh SQLite file URL, for tests that need a database but
  not both backends.
- ``pg_server`` / ``pg_url``: the throwaway PostgreSQL server of tests/pg.py.
- ``raw_sql``: plain SQL against the database behind ``store_url``, for
  checking what the store wrote (row counts, duplicates).
- ``records``: builders of Document, Mention, Claim, Event with defaults.

With ``CI`` set, a test marked ``postgres`` or ``browser`` may not be skipped:
the skip is reported as a failure, so a CI machine missing PostgreSQL or
Chromium cannot pass by running nothing.
"""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import pg

# The suite runs from a checkout whether or not sitroom is installed in the environment.
SRC = Path(__file__).resolve().parents[1] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

# Compiled recognisers are cached for the run (CLI subprocesses too) in a folder of its own,
# not in the user's cache; SITROOM_CACHE set by the caller is kept.
if "SITROOM_CACHE" not in os.environ:
    os.environ["SITROOM_CACHE"] = tempfile.mkdtemp(prefix="sitroom-test-cache-")
    atexit.register(shutil.rmtree, os.environ["SITROOM_CACHE"], True)

from sitroom.model import (  # noqa: E402  (needs the path above)
    DAY,
    PLACE,
    Claim,
    Document,
    Event,
    Evidence,
    Mention,
    Place,
    Source,
)

BACKENDS = ("sqlite", "postgres")
MUST_RUN_IN_CI = ("postgres", "browser")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def selected_backends() -> tuple[str, ...]:
    raw = os.environ.get("SITROOM_TEST_BACKENDS", "")
    chosen = tuple(dict.fromkeys(b.strip().lower() for b in raw.split(",") if b.strip()))
    unknown = [b for b in chosen if b not in BACKENDS]
    if unknown:
        raise pytest.UsageError(
            f"SITROOM_TEST_BACKENDS names unknown backends {unknown}: use {', '.join(BACKENDS)}"
        )
    return chosen or BACKENDS


def skip_or_fail(reason: str) -> None:
    """Skip the test, or fail it when running in CI (where every backend must be there)."""
    if in_ci():
        pytest.fail(f"CI is set, so this may not be skipped: {reason}", pytrace=False)
    pytest.skip(reason)


# -- hooks ----------------------------------------------------------------------


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A test asking for the server directly belongs to the postgres half as much as store_url's.
    for item in items:
        if {"pg_server", "pg_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)
    if "postgres" in selected_backends():
        return
    kept = [i for i in items if i.get_closest_marker("postgres") is None]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if i.get_closest_marker("postgres")])
        items[:] = kept


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if not (report.skipped and in_ci()) or hasattr(report, "wasxfail"):
        return
    needs = [m for m in MUST_RUN_IN_CI if item.get_closest_marker(m) is not None]
    if needs:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"CI is set, so a {needs[0]} test may not be skipped: {reason}"


# -- databases ------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg.PostgresServer]:
    try:
        server = pg.start_server()
    except pg.PostgresUnavailable as err:
        skip_or_fail(f"PostgreSQL is not available: {err}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: pg.PostgresServer) -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server, dropped after the test."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def tmp_db_url(tmp_path: Path) -> str:
    """A SQLite database URL in the test's own folder (the file does not exist yet)."""
    return f"sqlite:///{tmp_path / 'sitroom.db'}"


@pytest.fixture(
    params=[
        pytest.param(backend, marks=[pytest.mark.postgres] if backend == "postgres" else [])
        for backend in selected_backends()
    ]
)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database URL, once per backend: the same test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'sitroom.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(backend, marks=[pytest.mark.postgres] if backend == "postgres" else [])
        for backend in selected_backends()
    ],
)
def module_store_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """``store_url`` for a whole module: one fresh database per backend, shared by the module's tests.

    For modules that fill a database once (a slow run, a web server) and only read it
    afterwards; pytest runs the module's tests on SQLite, then all of them on PostgreSQL.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'sitroom.db'}"
        return
    server: pg.PostgresServer = request.getfixturevalue("pg_server")
    name = server.create_database()
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture
def new_store_url(
    store_url: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[[], str]]:
    """``new_store_url()``: another fresh, empty database on the same backend as ``store_url``.

    Each call makes a new one (a SQLite file in the test's folder, or a database on the
    test server, dropped after the test).
    """
    made: list[str] = []  # PostgreSQL databases to drop
    files = itertools.count(1)
    server: pg.PostgresServer | None = None

    def make() -> str:
        nonlocal server
        if store_url.startswith("sqlite:///"):
            return f"sqlite:///{tmp_path / f'other-{next(files)}.db'}"
        if server is None:
            server = request.getfixturevalue("pg_server")
        name = server.create_database()
        made.append(name)
        return server.url(name)

    yield make
    for name in made:
        assert server is not None
        server.drop_database(name)


def sqlite_path(url: str) -> str:
    """The file behind a ``sqlite:///`` URL as the fixtures write them."""
    return url.removeprefix("sqlite:///")


def run_raw_sql(url: str, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Run one statement (``?`` placeholders) on the database at ``url`` with the plain driver; commit."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(sqlite_path(url)) as conn:
            cur = conn.execute(sql, params)
            return [tuple(r) for r in cur.fetchall()] if cur.description else []
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(sql.replace("?", "%s").encode(), list(params))
        return [tuple(r) for r in cur.fetchall()] if cur.description else []


@pytest.fixture
def raw_sql(store_url: str) -> Callable[..., list[tuple[Any, ...]]]:
    """``raw_sql("SELECT count(*) FROM events")``: plain SQL on the database behind ``store_url``."""

    def run(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return run_raw_sql(store_url, sql, params)

    return run


# -- records --------------------------------------------------------------------

PUBLISHED = date(2024, 1, 20)


def make_place(name: str = "Al-Tanf", **fields: Any) -> Place:
    values: dict[str, Any] = {
        "id": f"place:{name.lower()}",
        "name": name,
        "country": "Syria",
        "admin1": "Homs",
        "admin2": "Tadmor",
        "latitude": 33.5,
        "longitude": 38.62,
        "geo_precision": PLACE,
        "kind": "base",
    }
    values.update(fields)
    return Place(**values)


def make_mention(doc_id: str, sentence: int = 0, **fields: Any) -> Mention:
    values: dict[str, Any] = {
        "doc_id": doc_id,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "event_date": date(2024, 1, 18),
        "time_precision": DAY,
        "actor1": "Islamic Resistance in Iraq",
        "actor2": "Military Forces of the United States (2021-)",
        "place": make_place(),
        "weapons": ("drone",),
        "fatalities": 0,
        "evidence": (Evidence(doc_id, 0, 5, "Drone", "sub_event_type"),),
        "confidence": 0.75,
        "sentence": sentence,
    }
    values.update(fields)
    return Mention(**values)


def make_claim(doc_id: str, claim_id: str = "claim-attacks", **fields: Any) -> Claim:
    values: dict[str, Any] = {
        "claim_id": claim_id,
        "subject": "attacks on US forces",
        "quantity": 110.0,
        "qualifier": "more than",
        "unit": "attacks",
        "period_start": date(2023, 10, 17),
        "as_of": PUBLISHED,
        "attributed_to": "a Pentagon spokesperson",
        "doc_id": doc_id,
        "evidence": (Evidence(doc_id, 10, 40, "more than 110 attacks so far", "quantity"),),
    }
    values.update(fields)
    return Claim(**values)


def make_document(
    text: str = "Drones struck the base on Thursday. Officials counted more than 110 attacks so far.",
    *,
    mentions: int = 0,
    claims: Sequence[str] = (),
    **fields: Any,
) -> Document:
    """A document whose id derives from its text, with ``mentions`` mentions and a claim per id."""
    values: dict[str, Any] = {
        "text": text,
        "title": "Drone strike on a base",
        "publisher": "Example Wire",
        "published": PUBLISHED,
        "origin": "reports.jsonl",
    }
    values.update(fields)
    doc_id = values.setdefault("id", Document.make_id(text, values["title"]))
    values.setdefault("url", f"https://news.example/{doc_id}")
    values["mentions"] = tuple(make_mention(doc_id, sentence=i) for i in range(mentions))
    values["claims"] = tuple(make_claim(doc_id, claim_id=c) for c in claims)
    return Document(**values)


def make_source(doc: Document) -> Source:
    published = doc.published.isoformat() if doc.published else None
    return Source(doc_id=doc.id, url=doc.url, publisher=doc.publisher, published=published)


def make_event(event_id: str = "ev-01", *, docs: Sequence[Document] = (), **fields: Any) -> Event:
    """An event with every field filled; ``docs`` become its sources and evidence."""
    values: dict[str, Any] = {
        "event_id": event_id,
        "event_date": date(2024, 1, 18),
        "time_precision": DAY,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Islamic Resistance in Iraq",
        "assoc_actor_1": "Kata'ib Hezbollah",
        "actor2": "Military Forces of the United States (2021-)",
        "assoc_actor_2": None,
        "country": "Syria",
        "admin1": "Homs",
        "admin2": "Tadmor",
        "location": "Al-Tanf",
        "latitude": 33.5,
        "longitude": 38.62,
        "geo_precision": PLACE,
        "fatalities": 0,
        "injuries": 2,
        "weapons": ("drone", "rocket"),
        "claimed_by": "Islamic Resistance in Iraq",
        "sources": tuple(make_source(d) for d in docs),
        "notes": "A drone struck the base; two soldiers were hurt.",
        "evidence": tuple(Evidence(d.id, 0, 6, d.text[:6], "sub_event_type") for d in docs),
        "confidence": 0.875,
        "fatalities_low": 0,
        "fatalities_high": 1,
        "place_id": "place:al-tanf",
    }
    values.update(fields)
    return Event(**values)


@pytest.fixture
def records() -> SimpleNamespace:
    """Builders for the core records, each taking field overrides as keywords."""
    return SimpleNamespace(
        place=make_place,
        mention=make_mention,
        claim=make_claim,
        document=make_document,
        source=make_source,
        event=make_event,
        replace=replace,
    )
