"""The report and the dashboard in a real browser (Debian's chromium through Playwright).

Every request the page makes is recorded and any other than the page itself
is blocked, so a report that reached for a CDN, a tile server or a font would
fail here. Screenshots go to ``SITROOM_SCREENSHOT_DIR`` (default: the test's
tmp folder).

The pages are made from a SQLite file and from a PostgreSQL database (``store_url``):
a page takes a second or two, and the live dashboard's second load depends on the
server seeing another connection's write, which each backend tells in its own way.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitroom.report import write_report
from sitroom.store import open_store
from sitroom.web import create_app
from test_report_fixtures import HOSTILE_ACTOR, HOSTILE_PLACE, HOSTILE_TITLE, fill, live_server, sample

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if _in_ci():
            pytest.fail(f"CI is set and {CHROMIUM} is missing: browser tests must run in CI", pytrace=False)
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@dataclass
class Visit:
    """A page opened with every request recorded and everything but the page itself blocked."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def screenshot(self, name: str, tmp_path: Path) -> Path:
        folder = Path(os.environ.get("SITROOM_SCREENSHOT_DIR") or tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        self.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        return path


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    contexts = []

    def open_page(url: str) -> Visit:
        context = browser.new_context(viewport={"width": 1200, "height": 900}, java_script_enabled=True)
        contexts.append(context)
        page = context.new_page()
        v = Visit(page, url)

        def route(r: Any) -> None:
            if r.request.url == url:
                r.continue_()
            else:
                v.blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page.on("request", lambda req: v.requests.append(req.url))
        page.on("dialog", lambda d: (v.dialogs.append(d.message), d.dismiss()))
        page.goto(url, wait_until="load")
        page.wait_for_timeout(300)  # let anything late (a font, an image, a script) try its luck
        return v

    yield open_page
    for c in contexts:
        c.close()


def assert_drawn(v: Visit, events: Any) -> None:
    located = sorted(e.event_id for e in events if e.latitude is not None)
    markers = v.page.locator("svg.map circle[data-event-id]")
    assert markers.count() == len(located)
    assert sorted(markers.evaluate_all("els => els.map(e => e.dataset.eventId)")) == located
    assert markers.evaluate_all("els => els.every(e => e.querySelector('title') && e.getBBox().width > 0)")
    bars = v.page.locator("svg.timeline rect.bar")
    expected = Counter((e.event_date.isoformat(), e.event_type) for e in events if e.event_date)
    drawn = bars.evaluate_all("els => els.map(e => [e.dataset.date, e.dataset.eventType, +e.dataset.count])")
    assert {(d, t): n for d, t, n in drawn} == dict(expected) and len(drawn) == len(expected)
    assert v.page.locator("svg.map path.country").count() > 3


def assert_isolated(v: Visit) -> None:
    assert v.blocked == []
    assert set(v.requests) <= {v.url}


def assert_inert(v: Visit) -> None:
    page = v.page
    assert v.dialogs == []
    assert page.locator("script").count() == 0
    assert page.locator("img").count() == 0
    assert page.locator("i").count() == 0
    assert (
        page.evaluate(
            "() => [...document.querySelectorAll('*')].some(e => e.getAttributeNames().some(n => n.startsWith('on')))"
        )
        is False
    )
    for text in (HOSTILE_PLACE, HOSTILE_ACTOR, HOSTILE_TITLE):
        shown = page.locator("main td", has_text=text).first
        assert shown.is_visible(), f"{text!r} is visible as text"
    hostile = sample().by_location(HOSTILE_PLACE)
    tip = page.locator(f'circle[data-event-id="{hostile.event_id}"] > title').text_content()
    assert HOSTILE_PLACE in (tip or "")
    # Hovering the marker and the source link runs nothing either.
    page.locator(f'circle[data-event-id="{hostile.event_id}"]').hover(force=True)
    page.locator("main td", has_text=HOSTILE_ACTOR).first.hover()
    page.wait_for_timeout(100)
    assert v.dialogs == []


@pytest.fixture
def report_db(store_url: str) -> str:
    with open_store(store_url) as store:
        fill(store)
    return store_url


def test_browser_report_file_draws_every_event_offline(visit: Any, report_db: str, tmp_path: Path) -> None:
    out = tmp_path / "sitrep.html"
    with open_store(report_db) as store:
        write_report(store, out)
    v = visit(out.as_uri())
    assert_drawn(v, sample().events)
    assert_isolated(v)
    v.screenshot("report-file.png", tmp_path)


def test_browser_report_file_keeps_hostile_text_inert(visit: Any, report_db: str, tmp_path: Path) -> None:
    out = tmp_path / "sitrep.html"
    with open_store(report_db) as store:
        write_report(store, out)
    v = visit(out.as_uri())
    assert_inert(v)
    assert_isolated(v)


def test_browser_dashboard_is_live_and_offline(visit: Any, report_db: str, tmp_path: Path) -> None:
    with live_server(create_app(report_db)) as base:
        v = visit(f"{base}/")
        assert_drawn(v, sample().events)
        assert_inert(v)
        assert_isolated(v)
        v.screenshot("dashboard.png", tmp_path)
        # Rendered per request: a new event shows on the next load.
        tanf = sample().by_location("Al-Tanf")
        later = replace(
            tanf, event_id="later-event", event_date=date(2024, 1, 29), latitude=33.9, longitude=38.9
        )
        with open_store(report_db) as store:
            store.write_batch(ledger=[], documents=[], events=[later], links=[])
        v.page.reload(wait_until="load")
        assert_drawn(v, (*sample().events, later))
        assert_isolated(v)
