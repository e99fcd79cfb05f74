"""Which reader a file goes to: by its extension, else by its first characters.

Known extensions decide (``.txt`` is text even when it holds braces). An
unknown extension, none at all, standard input, and ``.xml`` (a feed or an
XHTML page) are sniffed from the decoded text: ``{``/``[`` is JSON (JSON Lines
when its first line is a whole object and more follows), markup is a feed when
its first element is ``<rss>``, ``<feed>`` or ``<rdf:RDF>`` (or it is XML but not
XHTML, to be refused as "not a feed") and a web page otherwise; anything else is
plain text.
"""

from __future__ import annotations

import json
import re

TEXT, JSON, JSONL, HTML, FEED = "text", "json", "jsonl", "html", "feed"

EXTENSIONS: dict[str, str] = {
    ".txt": TEXT,
    ".text": TEXT,
    ".json": JSON,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".jsonlines": JSONL,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".rss": FEED,
    ".atom": FEED,
    ".rdf": FEED,
}
# Extensions whose content must be looked at: XML may be a feed or a page.
AMBIGUOUS = frozenset({".xml"})

_FEED_ROOT = re.compile(r"<(?:[\w-]+:)?(?:rss|feed|rdf)\b", re.IGNORECASE)
_HTML_MARK = re.compile(
    r"<(?:!doctype\s+html|html|head|body|title|meta|div|p|article|h[1-6])\b", re.IGNORECASE
)
_XHTML_ROOT = re.compile(r"<(?:!doctype\s+html|html)\b", re.IGNORECASE)
_MARKUP_START = re.compile(r"<(?:[?!A-Za-z])")
_HEAD = 4096


def format_for(suffix: str, text: str) -> str:
    """The reader for a file with this (lower-case) suffix and this decoded text."""
    known = EXTENSIONS.get(suffix)
    if known is not None:
        return known
    if suffix in AMBIGUOUS:
        fmt = sniff(text)
        return fmt if fmt in (HTML, FEED) else FEED
    return sniff(text)


def sniff(text: str) -> str:
    """The reader that fits this text best, from its first few kilobytes."""
    head = text[:_HEAD].lstrip()
    if not head:
        return TEXT
    first = head[0]
    # "[Reuters] Rebels..." is text: JSON needs a value or a key right after the bracket.
    after = head[1:].lstrip()[:1]
    if first == "[" and (not after or after in '{["]-tfn' or after.isdigit()):
        return JSON
    if first == "{" and after in ('"', "}", ""):
        return JSONL if _looks_like_lines(text) else JSON
    if first == "<" and _MARKUP_START.match(head):
        feed = _FEED_ROOT.search(head)
        if head.startswith("<?xml"):
            # An XML file is a feed (or refused as "not a feed") unless it is XHTML.
            page = _XHTML_ROOT.search(head)
            return HTML if page and (feed is None or page.start() < feed.start()) else FEED
        page = _HTML_MARK.search(head)
        return FEED if feed and (page is None or feed.start() < page.start()) else HTML
    return TEXT


def _looks_like_lines(text: str) -> bool:
    stripped = text.lstrip()
    first, sep, rest = stripped.partition("\n")
    if not sep or not rest.strip():
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (RecursionError, ValueError):
        return False
