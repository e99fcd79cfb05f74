"""Shared by every reader: turning read values into a Document or a failed record.

The date rule, the same for every format: a value that is not a date at all
(a number, "yesterday") fails the unit with a reason naming the field; a value
shaped like a date but impossible ("2024-02-30") keeps the document, with
``published=None`` and a ``published_error`` note in ``meta``, because losing a
whole report over a typing slip in its date costs more than the date (the
resolver can still date the events from the text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from sitroom.errors import InputError
from sitroom.ingest.decode import normalise_text
from sitroom.ingest.record import InputRecord
from sitroom.model import Document
from sitroom.nlp.dates import parse_iso_date

_ISO_SHAPE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_RFC2822_SHAPE = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\b")
_TITLE_MAX = 500
_URL_MAX = 2000
_LEADING_BLANK_LINES = re.compile(r"(?:[^\S\n]*\n)+")


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date as read: the date, or why there is none although one was given."""

    value: date | None
    error: str | None = None


def read_published(raw: Any, field: str = "published") -> Published:
    """Read a publication date given as YYYY-MM-DD, a full ISO time or an RFC 2822 date.

    Raises InputError, naming the field, for a value that is no date at all.
    """
    if raw is None:
        return Published(None)
    if isinstance(raw, datetime):
        return Published(raw.date())
    if isinstance(raw, date):
        return Published(raw)
    if not isinstance(raw, str):
        raise InputError(f"field '{field}' must be a date string or null, not {type_name(raw)}")
    value = raw.strip()
    if not value:
        return Published(None)
    iso = _ISO_SHAPE.fullmatch(value)
    if iso is not None:
        # Spreadsheets write 2024-3-5; the date is still plain, so pad it.
        year, month, day = iso.groups()
        parsed = parse_iso_date(f"{year}-{int(month):02d}-{int(day):02d}")
        if parsed is None:
            return Published(None, f"impossible date {clip(value, 40)!r} in field '{field}'")
        return Published(parsed)
    if _RFC2822_SHAPE.match(value):
        try:
            return Published(parsedate_to_datetime(value).date())
        except (TypeError, ValueError):
            return Published(None, f"impossible date {clip(value, 40)!r} in field '{field}'")
    raise InputError(
        f"field '{field}' is not a date: {clip(value, 40)!r} (expected YYYY-MM-DD, an ISO time or null)"
    )


def type_name(value: Any) -> str:
    """A JSON user's word for a Python value's type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def clip(value: str, limit: int) -> str:
    """A value short enough to quote in a one-line reason."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def clean_line(value: str | None, limit: int = _TITLE_MAX) -> str | None:
    """A one-line field (title, publisher, url): normalised, whitespace collapsed, None when empty."""
    if value is None:
        return None
    text = " ".join(normalise_text(value).split())
    if not text:
        return None
    return clip(text, limit)


def clean_body(text: str) -> str:
    """A document body: normalised, without leading blank lines or trailing whitespace.

    Inner characters are kept exactly, so evidence offsets into the body stay valid
    for anyone who reads the same file again.
    """
    text = normalise_text(text)
    blank = _LEADING_BLANK_LINES.match(text)
    if blank is not None:
        text = text[blank.end() :]
    return text.rstrip()


def make_document(
    *,
    text: str,
    origin: str,
    locator: str | None,
    fmt: str,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: Published | None = None,
    default_published: date | None = None,
    extra_meta: tuple[tuple[str, Any], ...] = (),
) -> InputRecord:
    """A successful record, or a failed one when the body turns out empty."""
    body = clean_body(text)
    if not body:
        return failed(origin, locator, "no text: the document body is empty")
    title = clean_line(title)
    meta: list[tuple[str, Any]] = [("format", fmt)]
    if locator is not None:
        meta.append(("locator", locator))
    meta.extend(extra_meta)
    when = published.value if published is not None else None
    if published is not None and published.error is not None:
        meta.append(("published_error", published.error))
    if when is None and default_published is not None:
        when = default_published
        meta.append(("published_from", "argument"))
    doc = Document(
        id=Document.make_id(body, title),
        text=body,
        title=title,
        url=clean_line(url, _URL_MAX),
        publisher=clean_line(publisher),
        published=when,
        origin=origin,
        meta=tuple(meta),
    )
    return InputRecord(origin=origin, locator=locator, document=doc)


def failed(origin: str, locator: str | None, reason: str) -> InputRecord:
    """A failed record; the reason is kept to one line."""
    line = " ".join(reason.split()) or "unreadable input"
    return InputRecord(origin=origin, locator=locator, document=None, error=clip(line, 300))
