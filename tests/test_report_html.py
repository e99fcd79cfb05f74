"""The HTML situation report: self-contained, complete, and inert whatever the sources say.

Each test reads its own database (``store_url``): once a SQLite file, once PostgreSQL.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitroom.errors import ConfigError
from sitroom.model import Source
from sitroom.report import LAST_REPORT_KEY, render_report, write_report
from sitroom.store import LedgerRow, open_store
from test_report_fixtures import HOSTILE_ACTOR, HOSTILE_PLACE, HOSTILE_TITLE, HOSTILE_URL, fill, sample

NOW = datetime(2024, 1, 30, 12, 0, tzinfo=UTC)


class Page(HTMLParser):
    """The elements of a page with their attributes, and its visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def tags(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    @property
    def all_text(self) -> str:
        return "".join(self.text)


@pytest.fixture
def store(store_url: str):
    with open_store(store_url) as s:
        fill(s)
        yield s


@pytest.fixture
def page(store) -> Page:
    return Page(render_report(store, now=NOW))


def test_report_html_loads_nothing_from_outside(page: Page, store) -> None:
    html = render_report(store, now=NOW)
    assert not page.tags("script")
    assert not [
        a
        for t, a in page.elements
        if t in ("img", "iframe", "object", "embed", "link") and a.get("rel") != "icon"
    ]
    assert page.tags("link", rel="icon") == [{"rel": "icon", "href": "data:,"}]
    assert "@import" not in html and "url(" not in html
    csp = page.tags("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"] or ""
    assert "default-src 'none'" in csp and "script-src" not in csp
    # The only absolute addresses are the sources' links and the SVG namespace.
    hrefs = {a["href"] for a in page.tags("a") if a.get("href", "").startswith("http")}
    assert hrefs == {d.url for d in sample().documents if d.url and d.url.startswith("http")}


def test_report_html_draws_one_marker_per_located_event(page: Page) -> None:
    markers = page.tags("circle")
    located = [e for e in sample().events if e.latitude is not None]
    assert sorted(m["data-event-id"] for m in markers) == sorted(e.event_id for e in located)
    assert {m["class"] for m in markers} == {"marker new"}  # before any report, all is new
    assert page.tags("path", **{"class": "country"}), "country boundaries are drawn"
    assert page.tags("path", **{"class": "admin1"}), "first-level boundaries are drawn"


def test_report_html_marker_tooltips_name_the_event(store) -> None:
    html = render_report(store, now=NOW)
    tower = sample().by_location("Tower 22")
    circle = re.search(rf'<circle [^>]*data-event-id="{tower.event_id}"[^>]*><title>([^<]*)</title>', html)
    assert circle is not None
    assert circle.group(1).startswith("2024-01-28 · Air/drone strike · Tower 22, Mafraq, Jordan")
    assert "3 killed, 34 injured" in circle.group(1)


def test_report_html_draws_one_timeline_bar_per_day_and_type(page: Page) -> None:
    bars = page.tags("rect", **{"class": "bar"})
    expected = Counter((e.event_date.isoformat(), e.event_type) for e in sample().events if e.event_date)
    assert {(b["data-date"], b["data-event-type"]): int(b["data-count"] or 0) for b in bars} == dict(expected)
    assert len(bars) == len(expected)


def test_report_html_keeps_hostile_text_inert(page: Page) -> None:
    assert not page.tags("script") and not page.tags("img") and not page.tags("i")
    assert not [a for _t, a in page.elements for k in a if k.startswith("on")]
    text = page.all_text
    for hostile in (HOSTILE_TITLE.split(" Convoy")[0], HOSTILE_PLACE, HOSTILE_ACTOR, "<i>rifle</i>"):
        assert hostile in text, f"{hostile!r} is shown as text"


def test_report_html_links_only_web_addresses(page: Page) -> None:
    hrefs = [a.get("href") or "" for a in page.tags("a")]
    assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:", "vbscript:"))]
    # The hostile report is still listed as a source, as text.
    assert HOSTILE_URL not in hrefs
    assert any(a.get("title") == HOSTILE_URL for a in page.tags("span"))


def test_report_html_lists_events_with_sources_and_evidence_sentences(page: Page, store) -> None:
    html = render_report(store, now=NOW)
    asad = sample().by_location("Al Asad Air Base")
    row = re.search(rf'<tr id="ev-{asad.event_id}".*?</tr>', html, re.S)
    assert row is not None
    cells = Page(row.group()).all_text
    assert "2024-01-20" in cells and "Al Asad Air Base, Al Anbar, Iraq" in cells
    assert "Unidentified Armed Group (Iraq) vs Military Forces of the United States" in cells
    # The whole sentence around the evidence, the evidence itself marked.
    assert (
        "Several ballistic missiles struck Al Asad Air Base in Anbar province on Saturday evening." in cells
    )
    assert "<mark>Four service members were wounded</mark> and are being treated." in row.group()
    assert 'href="https://wire.example.com/asad?id=7&amp;lang=en"' in row.group()


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("actors", ["Military Forces of the United States", "Islamic Resistance in Iraq"]),
        ("places", ["Tower 22, Mafraq, Jordan", "Al-Tanf, Homs, Syria"]),
        ("weapons", ["drone", "ballistic missile"]),
        ("claims", ["attacks on U.S. forces", "at least 150", "2023-10-17", "2024-01-21", "Pentagon"]),
    ],
)
def test_report_html_has_tables_by_actor_place_weapon_and_claims(
    store, section: str, expected: list[str]
) -> None:
    html = render_report(store, now=NOW)
    part = re.search(rf'<section id="{section}">(.*?)</section>', html, re.S)
    assert part is not None
    text = Page(part.group(1)).all_text
    for value in expected:
        assert value in text


def test_report_html_tallies_count_events_and_fatalities(store) -> None:
    html = render_report(store, now=NOW)
    part = re.search(r'<section id="weapons">(.*?)</section>', html, re.S)
    assert part is not None
    row = re.search(r"<tr><td>drone</td>(.*?)</tr>", part.group(1))
    assert row is not None
    assert re.findall(r">([^<]+)</td>", row.group(1))[:3] == ["3", "3", "34"]  # events, killed, injured


def test_report_html_for_an_empty_database_says_so(store_url: str) -> None:
    with open_store(store_url) as s:
        page = Page(render_report(s, now=NOW))
    assert "There are no events in this database yet." in page.all_text
    assert not page.tags("circle") and not page.tags("rect", **{"class": "bar"})
    assert page.tags("html") and page.tags("title")


def test_report_new_since_a_date_lists_events_on_or_after_it(store) -> None:
    html = render_report(store, since=date(2024, 1, 23), now=NOW)
    part = re.search(r'<section id="new">(.*?)</section>', html, re.S)
    assert part is not None and "New since 2024-01-23" in part.group(1)
    ids = set(re.findall(r'data-event-id="([0-9a-f]+)"', part.group(1)))
    assert ids == {e.event_id for e in sample().events if e.event_date and e.event_date >= date(2024, 1, 23)}


def test_report_new_since_last_report_shows_what_arrived_after_it(store) -> None:
    store.set_meta(LAST_REPORT_KEY, "2024-01-30T09:00:00+00:00")
    later = sample().documents[0]  # the Erbil report arrives again, under a second origin, later on
    store.write_batch(
        ledger=[LedgerRow("feed:late", None, later.id, "ok", None, "2024-01-30T10:00:00+00:00")],
        documents=[],
        events=[],
        links=[],
    )
    html = render_report(store, now=NOW)
    part = re.search(r'<section id="new">(.*?)</section>', html, re.S)
    assert part is not None
    assert "New since the last report (2024-01-30 09:00 UTC)" in part.group(1)
    # The Erbil report was first recorded before the last report: its event is not new.
    assert "Nothing new." in part.group(1)
    store.write_batch(
        ledger=[LedgerRow("feed:new", None, "fresh-doc", "ok", None, "2024-01-30T10:00:00+00:00")],
        documents=[],
        events=[],
        links=[],
    )
    erbil = sample().by_location("Erbil Air Base")
    updated = replace(erbil, sources=(*erbil.sources, Source("fresh-doc", None, "Wire", "2024-01-30")))
    store.write_batch(ledger=[], documents=[], events=[updated], links=[])
    html = render_report(store, now=NOW)
    part = re.search(r'<section id="new">(.*?)</section>', html, re.S)
    assert part is not None
    assert re.findall(r'data-event-id="([0-9a-f]+)"', part.group(1)) == [erbil.event_id]
    assert '<span class="tag updated">updated</span>' in part.group(1)


def test_report_write_records_its_time_for_the_next_report(store, tmp_path: Path) -> None:
    out = tmp_path / "out" / "sitrep.html"
    summary = write_report(store, out)
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert (summary.events, summary.located, summary.claims, summary.new_events) == (6, 5, 1, 6)
    assert summary.bytes == out.stat().st_size
    recorded = store.get_meta(LAST_REPORT_KEY)
    assert recorded == summary.generated_at
    # Everything arrived before this report, so the next one has nothing new.
    assert "Nothing new." in render_report(store)


def test_report_write_refuses_an_unknown_format(store, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown report format 'pdf'"):
        write_report(store, tmp_path / "x.pdf", fmt="pdf")
    assert not (tmp_path / "x.pdf").exists()
    assert store.get_meta(LAST_REPORT_KEY) is None


def test_report_write_names_a_path_it_cannot_write(store, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match="cannot write the report"):
        write_report(store, blocker / "sitrep.html")
