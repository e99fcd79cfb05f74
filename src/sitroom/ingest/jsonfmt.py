"""JSON and JSON Lines reader for the document format of DESIGN.md.

    {"id": ..., "url": ..., "title": ..., "publisher": ..., "published": ..., "text": "..."}

Every key but ``text`` is optional; unknown keys are ignored. A ``.json`` file
holds one such object or an array of them (each element is its own unit,
``item N``); a ``.jsonl``/``.ndjson`` file holds one object per line (``line N``;
blank lines are not units). A bad line or element fails alone and its
neighbours are still read. The user's ``id`` is kept in ``meta`` as
``source_id``; the Document id stays derived from the content, so the same
report under two ids is stored once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from sitroom.errors import InputError
from sitroom.ingest.build import clip, failed, make_document, read_published, type_name
from sitroom.ingest.record import InputRecord

_STRING_FIELDS = ("title", "url", "publisher")


def read_json(text: str, origin: str, published: date | None = None) -> Iterator[InputRecord]:
    """Records for a JSON file: one for an object, one per element of an array."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data" and _first_line_is_object(text):
            # Several objects one after another: JSON Lines saved under .json.
            yield from read_jsonl(text, origin, published)
            return
        yield failed(origin, None, _json_error(err))
        return
    except (RecursionError, ValueError) as err:
        yield failed(origin, None, _parse_failure(err))
        return
    if isinstance(value, dict):
        yield read_object(value, origin, None, published, "json")
    elif isinstance(value, list):
        if not value:
            yield failed(origin, None, "JSON array holds no documents")
        for n, item in enumerate(value, start=1):
            locator = f"item {n}"
            if isinstance(item, dict):
                yield read_object(item, origin, locator, published, "json")
            else:
                yield failed(origin, locator, f"array element is {type_name(item)}, not a document object")
    else:
        yield failed(origin, None, f"JSON must be an object or an array of objects, not {type_name(value)}")


def read_jsonl(text: str, origin: str, published: date | None = None) -> Iterator[InputRecord]:
    """One record per non-blank line; a bad line fails alone."""
    seen = False
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen = True
        locator = f"line {n}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            yield failed(origin, locator, f"invalid JSON at line {n} column {err.colno}: {err.msg}")
            continue
        except (RecursionError, ValueError) as err:
            yield failed(origin, locator, _parse_failure(err))
            continue
        if isinstance(value, dict):
            yield read_object(value, origin, locator, published, "jsonl")
        else:
            yield failed(origin, locator, f"line holds {type_name(value)}, not a document object")
    if not seen:
        yield failed(origin, None, "file holds no text (only whitespace)")


def read_object(
    obj: dict[str, Any],
    origin: str,
    locator: str | None = None,
    published: date | None = None,
    fmt: str = "json",
) -> InputRecord:
    """One record for one document object already parsed (a file's, a line's, an HTTP body's).

    Callers that receive documents another way (the HTTP API) get the same
    checks, normalisation and ids as files do.
    """
    try:
        return _document(obj, origin, locator, fmt, published)
    except InputError as err:
        return failed(origin, locator, str(err))


def _document(
    obj: dict[str, Any], origin: str, locator: str | None, fmt: str, published: date | None
) -> InputRecord:
    if "text" not in obj:
        keys = ", ".join(sorted(clip(str(k), 20) for k in obj)[:8]) or "none"
        raise InputError(f"missing field 'text' (keys found: {keys})")
    text = obj["text"]
    if not isinstance(text, str):
        raise InputError(f"field 'text' must be a string, not {type_name(text)}")
    if not text.strip():
        raise InputError("field 'text' is empty")
    fields: dict[str, str | None] = {}
    for name in _STRING_FIELDS:
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"field '{name}' must be a string or null, not {type_name(value)}")
        fields[name] = value
    extra: list[tuple[str, Any]] = []
    source_id = obj.get("id")
    if source_id is not None:
        if isinstance(source_id, bool) or not isinstance(source_id, str | int):
            raise InputError(f"field 'id' must be a string or a whole number, not {type_name(source_id)}")
        extra.append(("source_id", clip(str(source_id), 200)))
    return make_document(
        text=text,
        origin=origin,
        locator=locator,
        fmt=fmt,
        title=fields["title"],
        url=fields["url"],
        publisher=fields["publisher"],
        published=read_published(obj.get("published")),
        default_published=published,
        extra_meta=tuple(extra),
    )


def _first_line_is_object(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except (RecursionError, ValueError):
        return False


def _json_error(err: json.JSONDecodeError) -> str:
    return f"invalid JSON at line {err.lineno} column {err.colno}: {err.msg}"


def _parse_failure(err: RecursionError | ValueError) -> str:
    if isinstance(err, RecursionError):
        return "invalid JSON: nested too deeply to read"
    # Python refuses integers of more than 4,300 digits; say so in the user's terms.
    return f"invalid JSON: {clip(str(err), 120)}"
