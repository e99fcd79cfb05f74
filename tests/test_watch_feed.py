"""Watching a feed over real HTTP on loopback: conditional requests, only new entries, failures survived.

What a watch remembers lives in the store, so every test runs on SQLite and on PostgreSQL (``store_url``).
"""

from __future__ import annotations

import hashlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitroom.pipeline import Pipeline
from sitroom.store import open_store
from sitroom.watch import Poll, watch_source

ITEMS = [
    (
        "Drone attack hits Al-Tanf garrison",
        "Sat, 20 Jan 2024 09:00:00 +0000",
        "A one-way attack drone struck the Al-Tanf garrison in southern Syria on Thursday, a U.S. defense "
        "official said. Two American service members suffered minor injuries.",
    ),
    (
        "Rockets fired at Ain al-Asad",
        "Sat, 20 Jan 2024 11:30:00 +0000",
        "Several rockets were fired at Ain al-Asad Air Base in western Iraq on Wednesday, officials said. "
        "Kataib Hezbollah was blamed for the attack.",
    ),
    (
        "Drones downed near Erbil",
        "Sun, 21 Jan 2024 07:15:00 +0000",
        "Two drones attacked Erbil Air Base in northern Iraq on Saturday, the coalition said. Both were shot "
        "down and nobody was hurt.",
    ),
]


def rss(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>https://wire.example/{n}</link><guid>wire-{n}</guid>"
        f"<pubDate>{d}</pubDate><description>{b}</description></item>"
        for n, (t, d, b) in enumerate(items)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Example Wire</title>"
        f"<link>https://wire.example/</link>{entries}</channel></rss>"
    ).encode()


@dataclass
class Feed:
    """What the server serves, and what it was asked."""

    body: bytes = b""
    fail_next: list[int] = field(default_factory=list)  # status codes to answer before serving the feed
    etags: bool = True
    requests: list[dict[str, str]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def feed() -> Iterator[Feed]:
    state = Feed(body=rss(ITEMS[:2]))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server spelling
            state.requests.append({k.lower(): v for k, v in self.headers.items()})
            if state.fail_next:
                self.send_error(state.fail_next.pop(0))
                return
            tag = '"' + hashlib.sha256(state.body).hexdigest()[:16] + '"'
            if state.etags and self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(state.body)))
            if state.etags:
                self.send_header("ETag", tag)
            self.end_headers()
            self.wfile.write(state.body)

        def log_message(self, format: str, *args: object) -> None:
            return None  # keep the test output clean

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def poll_once(feed: Feed, db: str, pipeline: Pipeline) -> tuple[Poll, str]:
    lines: list[str] = []
    with open_store(db) as store:
        result = watch_source(feed.url, store, 60, pipeline=pipeline, once=True, echo=lines.append)
    assert result is not None and len(lines) == 1
    return result, lines[0]


def test_watch_feed_stores_entries_then_asks_only_for_changes(
    feed: Feed, store_url: str, pipeline: Pipeline
) -> None:
    db = store_url
    first, line = poll_once(feed, db, pipeline)
    assert (first.read, first.stored, first.failed) == (2, 2, 0)
    assert first.events_new >= 2
    assert "arrival to stored: median" in line
    assert "if-none-match" not in feed.requests[0]

    # A restarted watch (a new store object on the same database) sends the remembered ETag.
    unchanged, line = poll_once(feed, db, pipeline)
    assert unchanged.unchanged and line.endswith(": nothing new")
    assert feed.requests[1]["if-none-match"].startswith('"')

    feed.body = rss(ITEMS)
    third, line = poll_once(feed, db, pipeline)
    assert (third.read, third.stored, third.duplicates) == (1, 1, 2)
    with open_store(db) as store:
        ledger = store.documents()
    # Entries already stored are not written to the ledger again at every poll.
    assert [r.status for r in ledger] == ["ok", "ok", "ok"]
    assert "1 read, 1 new, 2 already stored" in line


def test_watch_feed_without_etags_is_compared_by_content(
    feed: Feed, store_url: str, pipeline: Pipeline
) -> None:
    feed.etags = False
    db = store_url
    poll_once(feed, db, pipeline)
    again, line = poll_once(feed, db, pipeline)
    assert again.unchanged and line.endswith(": nothing new")


def test_watch_feed_failed_poll_does_not_stop_the_watch(
    feed: Feed, store_url: str, pipeline: Pipeline
) -> None:
    feed.fail_next = [503]
    lines: list[str] = []
    with open_store(store_url) as store:
        last = watch_source(feed.url, store, 0.05, pipeline=pipeline, echo=lines.append, max_polls=2)
    assert lines[0].startswith(f"watching {feed.url} every 0.05 s")
    assert lines[1].endswith(f"poll failed: HTTP 503 Service Unavailable from {feed.url}")
    assert "2 read, 2 new" in lines[2]
    assert last is not None and last.stored == 2


def test_watch_feed_unreachable_is_one_line(store_url: str, pipeline: Pipeline) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed.xml"
    lines: list[str] = []
    with open_store(store_url) as store:
        result = watch_source(url, store, 60, pipeline=pipeline, once=True, echo=lines.append)
    assert result is not None and result.error is not None
    assert len(lines) == 1 and "\n" not in lines[0]
    assert lines[0].startswith(f"{result.when} {url}: poll failed: cannot fetch {url}: ConnectError")
