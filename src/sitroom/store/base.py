"""The store interface: SQLite and PostgreSQL implement the same methods.

Writes happen in :meth:`Store.write_batch`, one transaction per batch, so an
interrupted run leaves the database as it was after the last whole batch and
a re-run completes the work.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sitroom.model import Claim, Document, Event, Mention, Source

STATUSES = ("ok", "duplicate", "failed")


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One input unit and what became of it (the ``documents`` command shows these)."""

    origin: str
    locator: str | None
    doc_id: str | None
    status: str  # ok | duplicate | failed
    reason: str | None
    time: str  # ISO 8601, UTC

    def as_dict(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "locator": self.locator,
            "doc_id": self.doc_id,
            "status": self.status,
            "reason": self.reason,
            "time": self.time,
        }


@dataclass(frozen=True, slots=True)
class EventFilter:
    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None  # matches actor1, actor2 or their associates, case-insensitive substring
    event_type: str | None = None  # matches event_type or sub_event_type, case-insensitive
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    limit: int | None = None
    offset: int = 0


class Store(ABC):
    """A database of documents, mentions, events, evidence and claims."""

    url: str

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def known_documents(self, doc_ids: Iterable[str]) -> set[str]:
        """Which of these document ids are already stored."""

    @abstractmethod
    def known_events(self, event_ids: Iterable[str]) -> set[str]:
        """Which of these event ids are already stored."""

    @abstractmethod
    def sources(self, doc_ids: Iterable[str]) -> dict[str, Source]:
        """The source record (url, publisher, published) of each stored document named."""

    @abstractmethod
    def write_batch(
        self,
        ledger: Sequence[LedgerRow],
        documents: Sequence[Document],
        events: Sequence[Event],
        links: Sequence[tuple[str, str]],
        removed_events: Sequence[str] = (),
    ) -> None:
        """Write one batch in one transaction.

        documents: new documents with their mentions and claims (a document id
        already stored is left as it is). events: upserted by event_id, their
        sources and evidence replaced. links: (event_id, mention_key) pairs that
        replace the current link of each named mention. removed_events: ids to delete
        (events absorbed into another by fusion).
        """

    @abstractmethod
    def mentions(
        self, since: date | None = None, until: date | None = None, undated: bool = True
    ) -> list[tuple[Mention, str | None]]:
        """Stored mentions dated within [since, until] (and undated ones if asked), with their event id."""

    @abstractmethod
    def events(self, flt: EventFilter | None = None) -> list[Event]:
        """Events matching the filter, ordered by event_date (nulls last), then event_id."""

    @abstractmethod
    def count_events(self, flt: EventFilter | None = None) -> int: ...

    @abstractmethod
    def claims(self) -> list[Claim]:
        """The claims ledger: one row per distinct claim, ``doc_ids`` listing every source."""

    @abstractmethod
    def documents(self, status: str | None = None) -> list[LedgerRow]:
        """The input ledger, oldest first."""

    @abstractmethod
    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        """id, title, url, publisher, published, origin, text of one stored document."""

    @abstractmethod
    def get_meta(self, key: str) -> str | None: ...

    @abstractmethod
    def set_meta(self, key: str, value: str) -> None: ...
