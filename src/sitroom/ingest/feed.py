"""RSS and Atom reader: one Document per entry, after a safety check of the raw XML.

Before feedparser sees a byte, defusedxml's expat driver reads the whole file
with every entity declaration forbidden (so "billion laughs" and XXE payloads are
refused before anything is expanded), any external DTD reference refused (so
nothing is ever fetched), and a nesting limit. Files that are not well-formed
XML (a bare ``&`` in a title is common in real feeds) go to feedparser's
lenient parser only when they hold no entity or external DTD declarations at
all. Each entry gives title, link, published date, ``publisher`` = the feed's
title, and text from its content or summary with the markup stripped; the
entry's guid is kept in ``meta`` as ``source_id``.
"""

from __future__ import annotations

import io
import re
import time
import xml.sax
from collections.abc import Iterator
from datetime import date
from typing import Any

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.expatreader import DefusedExpatParser

from sitroom.errors import InputError
from sitroom.ingest.build import Published, clip, failed, make_document, read_published
from sitroom.ingest.pagescan import html_to_text
from sitroom.ingest.record import InputRecord

MAX_DEPTH = 256
_FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
_DECLARATION = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2")
_TAG = re.compile(r"<(/?)[A-Za-z_][^\s/>]*[^>]*?(/?)>")
_WEB_ADDRESS = re.compile(r"^https?://", re.IGNORECASE)
_DANGEROUS = re.compile(r"<!ENTITY|<!DOCTYPE[^>\[]*\b(?:SYSTEM|PUBLIC)\b", re.IGNORECASE)


class _GuardedParser(DefusedExpatParser):
    """defusedxml's driver, also refusing DOCTYPEs that point at an external DTD."""

    def __init__(self) -> None:
        super().__init__(forbid_dtd=True, forbid_entities=True, forbid_external=True)

    def defused_start_doctype_decl(
        self, name: str, sysid: str | None, pubid: str | None, has_internal_subset: bool
    ) -> None:
        # A bare <!DOCTYPE rss> is harmless; one naming a DTD file or URL is a fetch waiting to happen.
        if sysid or pubid:
            raise DTDForbidden(name, sysid, pubid)


class _Probe(xml.sax.handler.ContentHandler):
    """Finds the root element and refuses nesting beyond MAX_DEPTH."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.root: str | None = None

    def startElement(self, name: str, attrs: Any) -> None:
        if self.root is None:
            self.root = name.rpartition(":")[2].lower()
            if self.root not in _FEED_ROOTS:
                raise InputError(f"XML is not an RSS or Atom feed (root element <{clip(name, 40)}>)")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise InputError(f"XML nested deeper than {MAX_DEPTH} elements; refused")

    def endElement(self, name: str) -> None:
        self.depth -= 1


def read_feed(text: str, origin: str, published: date | None = None) -> Iterator[InputRecord]:
    """One record per feed entry; one failed record for a feed refused or empty."""
    data = _as_utf8(text)
    try:
        _check(data, text)
    except InputError as err:
        yield failed(origin, None, str(err))
        return
    # Imported here: only feeds need it, and it is slow to import.
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not parsed.get("version"):
            reason = clip(str(parsed.get("bozo_exception") or "not a feed"), 120)
            yield failed(origin, None, f"feed could not be parsed: {reason}")
        else:
            yield failed(origin, None, "feed has no entries")
        return
    feed_title = (parsed.get("feed") or {}).get("title")
    for n, entry in enumerate(entries, start=1):
        yield _entry(entry, origin, f"entry {n}", feed_title, published)


def _check(data: bytes, text: str) -> None:
    """Raise InputError unless the XML is safe to hand to feedparser."""
    parser = _GuardedParser()
    probe = _Probe()
    parser.setContentHandler(probe)
    source = xml.sax.xmlreader.InputSource()
    source.setByteStream(io.BytesIO(data))
    try:
        parser.parse(source)
    except DTDForbidden as err:
        raise InputError(
            f"XML refused: DOCTYPE refers to an external DTD ({clip(str(err.sysid), 60)})"
        ) from err
    except EntitiesForbidden as err:
        raise InputError(
            f"XML refused: declares entities (entity {clip(str(err.name), 40)!r}); "
            "entity bombs and XXE are made of them"
        ) from err
    except DefusedXmlException as err:
        raise InputError(f"XML refused: refers to an external resource ({clip(str(err), 80)})") from err
    except xml.sax.SAXParseException as err:
        _check_loose(text, err)


def _check_loose(text: str, err: xml.sax.SAXParseException) -> None:
    """Malformed XML may still be a real feed; let it through only when nothing in it is dangerous."""
    if _DANGEROUS.search(text):
        raise InputError(
            f"XML refused: it is malformed ({_where(err)}) and declares entities or an external DTD"
        ) from err
    depth = deepest = 0
    for match in _TAG.finditer(text):
        if match.group(1):
            depth -= 1
        elif not match.group(2):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                raise InputError(f"XML nested deeper than {MAX_DEPTH} elements; refused") from err
    if not re.search(r"<(?:[\w-]+:)?(?:rss|feed|rdf)\b", text[:4096], re.IGNORECASE):
        raise InputError(f"XML is malformed ({_where(err)}) and not an RSS or Atom feed") from err


def _where(err: xml.sax.SAXParseException) -> str:
    return f"{err.getMessage()} at line {err.getLineNumber()} column {err.getColumnNumber() + 1}"


def _as_utf8(text: str) -> bytes:
    """The decoded text as UTF-8, its declaration saying so, for parsers that read bytes."""
    return _DECLARATION.sub(r"\1\2utf-8\2", text, count=1).encode("utf-8")


def _entry(
    entry: Any, origin: str, locator: str, feed_title: str | None, published: date | None
) -> InputRecord:
    text = _entry_text(entry)
    if not text:
        return failed(origin, locator, "feed entry has no text (no content or summary)")
    title = entry.get("title")
    if title and "<" in title:
        title = html_to_text(title)
    extra: list[tuple[str, Any]] = []
    if entry.get("id"):
        extra.append(("source_id", clip(str(entry["id"]), 200)))
    if entry.get("author"):
        extra.append(("author", clip(str(entry["author"]), 200)))
    return make_document(
        text=text,
        origin=origin,
        locator=locator,
        fmt="feed",
        title=title,
        url=_link(entry),
        publisher=feed_title,
        published=_entry_published(entry),
        default_published=published,
        extra_meta=tuple(extra),
    )


def _link(entry: Any) -> str | None:
    # feedparser falls back to the guid for a missing link; a guid like "urn:a:1" is no address.
    link = entry.get("link")
    return link if isinstance(link, str) and _WEB_ADDRESS.match(link) else None


def _entry_text(entry: Any) -> str:
    contents = [c for c in entry.get("content") or () if c.get("value")]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        raw, kind = best["value"], best.get("type", "")
    else:
        raw = entry.get("summary") or ""
        kind = (entry.get("summary_detail") or {}).get("type", "text/html")
    if "html" in kind or "<" in raw:
        return html_to_text(raw)
    return raw.strip()


def _entry_published(entry: Any) -> Published | None:
    """The entry's own date as written (the publisher's calendar day), else feedparser's (UTC)."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            value = read_published(raw, field=key)
        except InputError:
            value = None
        if value is not None and value.value is not None:
            return value
        stamp: time.struct_time | None = entry.get(f"{key}_parsed")
        if stamp is not None:
            return Published(date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday))
        return value or Published(None, f"unreadable date {clip(str(raw), 40)!r} in field '{key}'")
    return None
