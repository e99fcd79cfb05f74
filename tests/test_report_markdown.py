"""The Markdown report: the same sections as text tables, safe in a Markdown viewer.

The reports are made from a SQLite file and from a PostgreSQL database (``store_url``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from sitroom.report import render_report, write_report
from sitroom.report.markdown import md_escape
from sitroom.store import open_store
from test_report_fixtures import HOSTILE_ACTOR, HOSTILE_PLACE, HOSTILE_URL, fill
from test_report_html import Page

NOW = datetime(2024, 1, 30, 12, 0, tzinfo=UTC)


@pytest.fixture
def markdown(store_url: str) -> str:
    with open_store(store_url) as s:
        fill(s)
        return render_report(s, fmt="md", now=NOW)


def rendered(md: str) -> Page:
    # A viewer that allows raw HTML: the strictest test of the escaping.
    return Page(MarkdownIt("commonmark", {"html": True}).enable("table").render(md))


def test_report_markdown_has_every_section(markdown: str) -> None:
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Events by type",
        "## New since the last report",
        "## Latest events",
        "## By actor",
        "## By place",
        "## By weapon",
        "## Claims ledger",
    ]
    assert "- 6 events (5 with coordinates)" in markdown
    assert (
        "| attacks on U.S. forces | at least 150 | attacks | 2023-10-17 | 2024-01-21 | Pentagon |" in markdown
    )


def test_report_markdown_tables_render_as_tables(markdown: str) -> None:
    page = rendered(markdown)
    # types, latest, actor, place, weapon, claims (before any report, "new" refers to latest)
    assert len(page.tags("table")) == 6
    assert "Tower 22, Mafraq, Jordan" in page.all_text


def test_report_markdown_keeps_hostile_text_inert(markdown: str) -> None:
    page = rendered(markdown)
    assert not page.tags("script") and not page.tags("img") and not page.tags("i") and not page.tags("b")
    assert not [a for _t, a in page.elements for k in a if k.startswith("on")]
    for hostile in (HOSTILE_PLACE, HOSTILE_ACTOR, "<script>alert('title')</script>"):
        assert hostile in page.all_text


def test_report_markdown_links_only_web_addresses(markdown: str) -> None:
    page = rendered(markdown)
    hrefs = [a.get("href") or "" for a in page.tags("a")]
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)
    assert HOSTILE_URL not in markdown  # the address is not even shown: it is not a place to go
    assert "https://wire.example.com/asad?id=7&lang=en" in hrefs


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a | b", "a \\| b"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("<b>bold</b>", "\\<b\\>bold\\</b\\>"),
        ("*star* _under_ `code`", "\\*star\\* \\_under\\_ \\`code\\`"),
        ("two\nlines", "two lines"),
        ("AT&T", "AT\\&T"),
        ("Homs (Hims)", "Homs (Hims)"),
    ],
)
def test_report_markdown_escapes_syntax(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


def test_report_markdown_for_an_empty_database_says_so(store_url: str, tmp_path: Path) -> None:
    with open_store(store_url) as s:
        summary = write_report(s, tmp_path / "sitrep.md", fmt="md")
    text = (tmp_path / "sitrep.md").read_text("utf-8")
    assert summary.fmt == "md" and summary.events == 0
    assert "There are no events in this database yet." in text
    assert "No claims recorded." in text
