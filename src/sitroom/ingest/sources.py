"""Where inputs come from: paths, folders, glob patterns and standard input.

``iter_inputs`` turns what a user typed into InputRecords, one per input unit,
in a stable order: folders are walked depth first in name order (symlinked
folders followed once each, hidden files and folders skipped), glob matches
are sorted, ``-`` reads standard input and sniffs its format. A file's size is
checked before it is read and no more than ``max_bytes + 1`` bytes are ever
read, so neither a huge file nor one that grows while read can exhaust memory.
Anything wrong with an input (missing, unreadable, binary, malformed) becomes a
failed record with its reason; only a wrong argument from the caller raises.
"""

from __future__ import annotations

import dataclasses
import glob
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import BinaryIO

from sitroom.errors import ConfigError, InputError
from sitroom.ingest.build import clip, failed
from sitroom.ingest.decode import decode_bytes
from sitroom.ingest.feed import read_feed
from sitroom.ingest.html import read_html
from sitroom.ingest.jsonfmt import read_json, read_jsonl
from sitroom.ingest.record import MAX_BYTES, InputRecord
from sitroom.ingest.sniff import FEED, HTML, JSON, JSONL, TEXT, format_for
from sitroom.ingest.text import read_text

STDIN = "<stdin>"

Reader = Callable[[str, str, date | None], Iterator[InputRecord]]
READERS: dict[str, Reader] = {
    TEXT: read_text,
    JSON: read_json,
    JSONL: read_jsonl,
    HTML: read_html,
    FEED: read_feed,
}

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB_MAGIC = re.compile(r"[*?\[]")


def iter_inputs(
    inputs: Sequence[str | os.PathLike[str]],
    published: date | None = None,
    max_bytes: int = MAX_BYTES,
    *,
    stdin: BinaryIO | None = None,
) -> Iterator[InputRecord]:
    """One InputRecord per input unit of every path, folder, pattern or ``-`` in ``inputs``.

    ``published`` dates documents that carry no date of their own (plain text
    always). ``stdin`` replaces standard input for ``-`` (tests, servers).
    Raises ConfigError only for invalid arguments, never for bad input.
    """
    if isinstance(inputs, str | os.PathLike):
        raise ConfigError("inputs must be a list of paths, not a single path")
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ConfigError(f"max_bytes must be a positive number of bytes, not {max_bytes!r}")
    if isinstance(published, datetime):
        published = published.date()
    elif published is not None and not isinstance(published, date):
        raise ConfigError(f"published must be a date or None, not {published!r}")
    # Checked here, before the first record is asked for: a wrong argument fails at the call.
    specs = [os.fspath(spec) for spec in inputs]
    return _iter_specs(specs, published, max_bytes, stdin)


def _iter_specs(
    specs: list[str], published: date | None, max_bytes: int, stdin: BinaryIO | None
) -> Iterator[InputRecord]:
    for spec in specs:
        yield from _expand(spec, published, max_bytes, stdin)


def read_bytes(
    data: bytes,
    origin: str,
    *,
    suffix: str = "",
    published: date | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[InputRecord]:
    """Records for bytes already in memory (a file's, stdin's, an HTTP upload's).

    ``suffix`` (".json") chooses the reader; without one the content is sniffed.
    """
    if len(data) > max_bytes:
        yield failed(origin, None, f"input is {len(data)} bytes, over the {max_bytes}-byte limit")
        return
    if not data:
        yield failed(origin, None, "empty file (0 bytes)")
        return
    try:
        decoded = decode_bytes(data)
    except InputError as err:
        yield failed(origin, None, str(err))
        return
    if not decoded.text.strip():
        yield failed(origin, None, "file holds no text (only whitespace)")
        return
    fmt = format_for(suffix.lower(), decoded.text)
    records = _guarded(READERS[fmt](decoded.text, origin, published), origin, fmt)
    if decoded.encoding == "utf-8":
        yield from records
        return
    note = ("encoding", decoded.encoding)
    for record in records:
        if record.document is None:
            yield record
        else:
            doc = dataclasses.replace(record.document, meta=(*record.document.meta, note))
            yield dataclasses.replace(record, document=doc)


def _expand(
    spec: str, published: date | None, max_bytes: int, stdin: BinaryIO | None
) -> Iterator[InputRecord]:
    if spec == "-":
        yield from _read_stream(stdin if stdin is not None else sys.stdin.buffer, published, max_bytes)
    elif not spec.strip():
        yield failed(spec, None, "empty path")
    elif _URL.match(spec):
        yield failed(spec, None, "URLs are not fetched: save the page or feed to a file and pass its path")
    elif os.path.isdir(spec):
        yield from _walk(spec, published, max_bytes)
    elif os.path.lexists(spec):
        yield from _read_file(spec, published, max_bytes)
    elif _GLOB_MAGIC.search(spec):
        matches = sorted(glob.glob(spec, recursive=True))
        if not matches:
            yield failed(spec, None, "no files match the pattern")
        for path in matches:
            if os.path.isdir(path):
                yield from _walk(path, published, max_bytes)
            else:
                yield from _read_file(path, published, max_bytes)
    else:
        yield failed(spec, None, "no such file or folder")


def _walk(folder: str, published: date | None, max_bytes: int) -> Iterator[InputRecord]:
    """Depth first in name order, with an explicit stack: no recursion limit on deep trees."""
    seen: set[tuple[int, int]] = set()
    stack: list[Iterator[os.DirEntry[str]]] = []
    count = 0

    def enter(path: str) -> InputRecord | None:
        try:
            info = os.stat(path)
            if (info.st_dev, info.st_ino) in seen:
                # A symlink back up the tree: each folder is read once.
                return None
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(path) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as err:
            return failed(path, None, f"cannot list folder: {err.strerror or err}")
        stack.append(iter(entries))
        return None

    problem = enter(folder)
    if problem is not None:
        yield problem
        return
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if _is_dir(entry):
            problem = enter(entry.path)
            if problem is not None:
                count += 1
                yield problem
            continue
        count += 1
        yield from _read_file(entry.path, published, max_bytes)
    if count == 0:
        yield failed(folder, None, "folder holds no files (hidden ones are skipped)")


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _read_file(path: str, published: date | None, max_bytes: int) -> Iterator[InputRecord]:
    try:
        info = os.stat(path)
    except OSError as err:
        yield failed(path, None, f"cannot read file: {err.strerror or err}")
        return
    if not stat.S_ISREG(info.st_mode):
        # Opening a named pipe would block the whole batch; devices never end.
        yield failed(path, None, "not a regular file (a pipe, socket or device)")
        return
    if info.st_size > max_bytes:
        yield failed(path, None, f"file is {info.st_size} bytes, over the {max_bytes}-byte limit")
        return
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        yield failed(path, None, f"cannot read file: {err.strerror or err}")
        return
    if len(data) > max_bytes:
        yield failed(path, None, f"file grew past the {max_bytes}-byte limit while being read")
        return
    suffix = os.path.splitext(path)[1]
    yield from read_bytes(data, path, suffix=suffix, published=published, max_bytes=max_bytes)


def _read_stream(stream: BinaryIO, published: date | None, max_bytes: int) -> Iterator[InputRecord]:
    raw = getattr(stream, "buffer", stream)
    try:
        data = raw.read(max_bytes + 1)
    except OSError as err:
        yield failed(STDIN, None, f"cannot read standard input: {err.strerror or err}")
        return
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogateescape")
    if len(data) > max_bytes:
        yield failed(STDIN, None, f"standard input is over the {max_bytes}-byte limit")
        return
    yield from read_bytes(data, STDIN, published=published, max_bytes=max_bytes)


def _guarded(records: Iterable[InputRecord], origin: str, fmt: str) -> Iterator[InputRecord]:
    """The readers' records, with any unforeseen exception turned into one failed record.

    Third-party parsers meet hostile input here; the contract is that a batch
    never stops, so the last line of defence is a record that names the error.
    """
    locator: str | None = None
    try:
        for record in records:
            locator = record.locator
            yield record
    except Exception as err:  # noqa: BLE001 (see docstring: the batch must go on)
        where = f" after {locator}" if locator else ""
        yield failed(
            origin,
            None,
            f"internal error in the {fmt} reader{where}: {type(err).__name__}: {clip(str(err), 100)}",
        )
