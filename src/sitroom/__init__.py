"""sitroom: news reports about armed conflict in, an ACLED-style event dataset out.

>>> import sitroom
>>> events = sitroom.extract(text, published=date(2024, 1, 7))    # doctest: +SKIP
>>> with sitroom.open_store("sitroom.db") as store:                # doctest: +SKIP
...     store.events(sitroom.EventFilter(country="Syria"))
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sitroom.model import Event
    from sitroom.store import EventFilter, Store

__all__ = ["EventFilter", "__version__", "extract", "open_store"]


def extract(text: str, published: date | None = None) -> list[Event]:
    """The events one report tells of, each field with its evidence (the lexicon loads on first use)."""
    from sitroom.pipeline import extract_events

    return extract_events(text, published)


def open_store(url: str | None = None) -> Store:
    """Open the SQLite file or PostgreSQL database at ``url`` (default ``$SITROOM_DB`` or ``sitroom.db``)."""
    from sitroom.store import open_store as _open

    return _open(url)


def __getattr__(name: str) -> object:
    if name == "EventFilter":
        from sitroom.store import EventFilter

        return EventFilter
    raise AttributeError(name)
