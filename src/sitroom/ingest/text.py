"""Plain-text reader: the first non-empty line is the title, the rest is the text.

A first line that reads as prose rather than a headline (long, or several sentences: a file
that starts straight with its first paragraph) is kept as text, and the document has no
title; dropping it would drop the lead, where a report tells its news.

The body is kept character for character (after the common normalisation), so
evidence offsets into ``Document.text`` stay valid for anyone who reads the file
again. A file of a single line has no title: that line is the text, since a
one-line report ("Rebels shelled the market on Friday.") is still a report.
The publication date comes from the caller (``--published``); a text file has
no field for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from sitroom.ingest.build import failed, make_document
from sitroom.ingest.record import InputRecord

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]?\s+[A-Z\u201c\"']")
TITLE_MAX_WORDS = 30


def _reads_as_prose(line: str) -> bool:
    return len(line.split()) > TITLE_MAX_WORDS or bool(_SENTENCE_END.search(line))


def read_text(text: str, origin: str, published: date | None = None) -> Iterator[InputRecord]:
    """One record for a whole plain-text document (already decoded and normalised)."""
    title_start = len(text) - len(text.lstrip())
    # lstrip may stop inside the first line's leading spaces; start at that line.
    title_start = text.rfind("\n", 0, title_start) + 1
    if not text[title_start:].strip():
        yield failed(origin, None, "file holds no text (only whitespace)")
        return
    newline = text.find("\n", title_start)
    title_line = text[title_start:] if newline < 0 else text[title_start:newline]
    body = "" if newline < 0 else text[newline + 1 :]
    if not body.strip() or _reads_as_prose(title_line):
        yield make_document(
            text=text[title_start:] if body.strip() else title_line,
            origin=origin,
            locator=None,
            fmt="text",
            default_published=published,
        )
        return
    yield make_document(
        text=body, title=title_line, origin=origin, locator=None, fmt="text", default_published=published
    )
