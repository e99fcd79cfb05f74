"""Readers: files, folders, globs, standard input and feeds become Documents.

Contract used by the pipeline and the CLI::

    iter_inputs(inputs, published=None, max_bytes=MAX_BYTES) -> Iterator[InputRecord]

Every input unit (a file, a JSON Lines line, a feed entry) yields exactly one
InputRecord: either a Document or an error reason, never an exception, so a
batch always finishes and every input is accounted for in the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.model import Document

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class InputRecord:
    """One unit of input and what became of it.

    origin: the path, URL or "<stdin>" it came from.
    locator: where inside the origin ("line 3", "entry 2"); None for a whole file.
    document: the Document read, or None when it failed.
    error: why it failed ("invalid JSON: Expecting value at column 1"), else None.
    """

    origin: str
    locator: str | None
    document: Document | None
    error: str | None = None
