"""HTML reader: the article's text, without menus, banners, scripts or cookie notices.

trafilatura finds the main text. When it finds none (a page too small for its
heuristics, or one nested deeper than lxml builds trees), a streaming scan
of ``<body>`` without script, style, navigation and banner elements stands in;
a page where neither finds words is a failure. Metadata comes from the page's
own markup, most explicit first: ``article:published_time`` and similar meta
tags, JSON-LD ``datePublished``, ``<time datetime>``, then trafilatura's
(markup-only) date; the url from the canonical link or ``og:url``. trafilatura
is told not to guess dates from the running text: a date named in the story is
usually the event's, not the publication's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from lxml.etree import LxmlError

from sitroom.errors import InputError
from sitroom.ingest.build import Published, failed, make_document, read_published
from sitroom.ingest.pagescan import PageScan, scan_page
from sitroom.ingest.record import InputRecord

_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
)
TREE_DEPTH_LIMIT = 250
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# "Headline | Site" or "Headline - Al-Site": the text after the last spaced separator.
_TITLE_SUFFIX = re.compile(r"\s[|\-–—]\s+((?:(?!\s[|\-–—]\s).){1,60})$")
# A section label or kicker ("Middle East") may stand above the headline in the text.
_HEADING_WINDOW = 3
_KICKER_WORDS = 6


def read_html(text: str, origin: str, published: date | None = None) -> Iterator[InputRecord]:
    """One record for a web page (already decoded and normalised)."""
    # lxml refuses a str that still declares a byte encoding; the text is decoded already.
    page = _XML_DECLARATION.sub("", text, count=1)
    scan = scan_page(page)
    # Past libxml2's depth limit a tree loses everything below it, so trafilatura
    # would only see the truncated page; the scan has read it whole.
    extracted = _trafilatura(page) if scan.max_depth < TREE_DEPTH_LIMIT else {}
    body = (extracted.get("text") or "").strip()
    method = "trafilatura"
    if not body:
        body, method = scan.text, "fallback"
    if not body.strip():
        yield failed(origin, None, "HTML page has no readable text")
        return
    title = extracted.get("title") or scan.meta_value("og:title", "twitter:title") or scan.title
    body = _drop_heading(body, title, scan.title)
    if not body.strip():
        yield failed(origin, None, "HTML page has no readable text beyond its title")
        return
    extra: list[tuple[str, Any]] = [("extractor", method)]
    # Only the page's own author tag: trafilatura's guesses take in bylines like "Staff; Updated".
    author = scan.meta_value("author", "article:author", "dc.creator")
    if author:
        extra.append(("author", author))
    yield make_document(
        text=body,
        origin=origin,
        locator=None,
        fmt="html",
        title=title,
        url=extracted.get("url") or scan.canonical or scan.meta_value("og:url"),
        publisher=_publisher(scan, title, extracted.get("sitename")),
        published=_published(scan, extracted.get("date")),
        default_published=published,
        extra_meta=tuple(extra),
    )


def _trafilatura(page: str) -> dict[str, Any]:
    # Imported here: trafilatura pulls in a dozen modules that text and JSON users never need.
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (RecursionError, ValueError, LxmlError):
        # Markup lxml cannot take (nesting beyond its limits, stray encodings): the scan stands in.
        return {}
    if result is None:
        return {}
    if isinstance(result, dict):
        return result
    return result.as_dict()


def _published(scan: PageScan, extracted: str | None) -> Published | None:
    """The first readable date among the page's markup, most explicit first."""
    candidates = [scan.meta_value(*_DATE_META), *scan.jsonld_dates, *scan.times, extracted]
    impossible: Published | None = None
    for raw in candidates:
        if not raw:
            continue
        try:
            value = read_published(raw)
        except InputError:
            # A page's metadata is not the user's to fix: skip values that are no date.
            continue
        if value.value is not None:
            return value
        impossible = impossible or value
    return impossible


def _publisher(scan: PageScan, title: str | None, guessed: str | None) -> str | None:
    """The site's name: its meta tag, else what follows the headline in <title>."""
    named = scan.meta_value("og:site_name", "application-name")
    if named:
        return named
    if scan.title and title:
        match = _TITLE_SUFFIX.search(scan.title)
        if match and _same(scan.title[: match.start()], title):
            return match.group(1)
    # trafilatura sometimes offers the headline itself as the site name.
    return guessed if guessed and not _same(guessed, title or "") else None


def _drop_heading(body: str, *titles: str | None) -> str:
    """The body without the headline (and any short kicker above it), as plain-text files have it.

    The same report saved as a page and as a text file then gets the same id.
    """
    lines = body.split("\n", _HEADING_WINDOW)
    candidates = [t for title in titles if title for t in (title, _TITLE_SUFFIX.sub("", title))]
    for n, line in enumerate(lines[:_HEADING_WINDOW]):
        if any(_same(line, c) for c in candidates):
            return "\n".join(lines[n + 1 :])
        if len(line.split()) > _KICKER_WORDS:
            # A full sentence before any headline: the body has begun.
            break
    return body


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
