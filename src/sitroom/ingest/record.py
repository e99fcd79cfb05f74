"""The record every reader yields: one input unit and what became of it."""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.model import Document

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class InputRecord:
    """One unit of input and what became of it.

    origin: the path, URL or "<stdin>" it came from.
    locator: where inside the origin ("line 3", "entry 2", "item 4"); None for a whole file.
    document: the Document read, or None when it failed.
    error: why it failed ("invalid JSON at line 3 column 5: Expecting ','"), else None.
    """

    origin: str
    locator: str | None
    document: Document | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when a Document was read."""
        return self.document is not None
