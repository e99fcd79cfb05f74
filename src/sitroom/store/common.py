"""What SQLite and PostgreSQL stores share: the queries and the shape of a batch write.

The SQL is written once with ``?`` placeholders; a backend supplies how to run
a statement, open a write transaction, and turn JSON and dates into its
column values. Both backends then behave the same: the same filters, the same
order, the same merging of claims.
"""

from __future__ import annotations

import re
import threading
from abc import abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from typing import Any

from sitroom.errors import StoreError
from sitroom.model import (
    Claim,
    Document,
    Event,
    Evidence,
    Mention,
    Source,
    claim_from_dict,
    event_from_dict,
    mention_as_dict,
    mention_from_dict,
)
from sitroom.store.base import STATUSES, EventFilter, LedgerRow, Store
from sitroom.store.migrations import SCHEMA_VERSION

# Ids per ``IN (...)`` list: well under SQLite's bound-parameter limit.
CHUNK = 500

EVENT_COLUMNS = (
    "event_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "country",
    "admin1",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "assoc_actor_2",
    "latitude",
    "longitude",
    "data",
)
ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# libpq also reads a password from the query string: postgresql://host/db?password=...
_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)


def redact(url: str) -> str:
    """The URL with any password replaced, fit for an error message."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    location, mark, query = rest.partition("?")
    if "@" in location:
        userinfo, _, host = location.rpartition("@")
        if ":" in userinfo:
            userinfo = userinfo.split(":", 1)[0] + ":***"
        location = f"{userinfo}@{host}"
    return f"{scheme}://{location}" + _QUERY_PASSWORD.sub(r"\1***", mark + query)


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own ``%``, ``_`` and ``\\`` taken literally."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def newer_schema_error(url: str, found: int) -> StoreError:
    return StoreError(
        f"database {redact(url)} has schema version {found}, newer than this sitroom knows "
        f"({SCHEMA_VERSION}): upgrade sitroom to use it"
    )


class SQLStore(Store):
    """A :class:`Store` over a DB-API connection; subclasses fill in the dialect."""

    dialect: str

    def __init__(self, url: str) -> None:
        self.url = url
        # One connection per store: a lock keeps threads (a web server's pool) from
        # interleaving statements of two transactions on it.
        self._lock = threading.RLock()
        self._closed = False

    # -- what a backend provides -------------------------------------------------

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement written with ``?`` placeholders; return the cursor."""

    @abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @abstractmethod
    def _write(self) -> AbstractContextManager[None]:
        """One write transaction: committed on success, rolled back on any error."""

    @abstractmethod
    def _json_in(self, value: Any) -> Any:
        """A Python value as this backend's JSON column value."""

    @abstractmethod
    def _json_out(self, value: Any) -> Any:
        """A JSON column value as a Python value."""

    # What ``LIMIT ?`` takes to mean "no limit" when only an offset is given:
    # SQLite wants -1, PostgreSQL refuses a negative limit and takes NULL.
    no_limit: Any = -1

    def _fold(self, column: str) -> str:
        """SQL lower-casing ``column`` as Python's ``str.lower`` does (filters compare folded values)."""
        return f"lower({column})"

    def _date_in(self, value: date | None) -> Any:
        return value

    @staticmethod
    def _date_out(value: Any) -> str | None:
        if value is None:
            return None
        return value.isoformat() if isinstance(value, date) else str(value)

    # -- reads -------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            return list(self._execute(sql, params).fetchall())

    def known_documents(self, doc_ids: Iterable[str]) -> set[str]:
        return self._known("SELECT id FROM documents WHERE id IN ({})", doc_ids)

    def known_events(self, event_ids: Iterable[str]) -> set[str]:
        return self._known("SELECT event_id FROM events WHERE event_id IN ({})", event_ids)

    def sources(self, doc_ids: Iterable[str]) -> dict[str, Source]:
        out: dict[str, Source] = {}
        for chunk in _chunks(list(dict.fromkeys(doc_ids))):
            marks = ", ".join("?" * len(chunk))
            rows = self._rows(
                f"SELECT id, url, publisher, published FROM documents WHERE id IN ({marks})", chunk
            )
            for doc_id, url, publisher, published in rows:
                out[doc_id] = Source(doc_id, url, publisher, self._date_out(published))
        return out

    def _known(self, sql: str, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(dict.fromkeys(ids))):
            found.update(r[0] for r in self._rows(sql.format(", ".join("?" * len(chunk))), chunk))
        return found

    def mentions(
        self, since: date | None = None, until: date | None = None, undated: bool = True
    ) -> list[tuple[Mention, str | None]]:
        dated = ["m.event_date IS NOT NULL"]
        params: list[Any] = []
        if since is not None:
            dated.append("m.event_date >= ?")
            params.append(self._date_in(since))
        if until is not None:
            dated.append("m.event_date <= ?")
            params.append(self._date_in(until))
        where = "(" + " AND ".join(dated) + ")"
        if undated:
            where += " OR m.event_date IS NULL"
        rows = self._rows(
            "SELECT m.data, em.event_id FROM mentions m "
            "LEFT JOIN event_mentions em ON em.mention_key = m.key "
            f"WHERE {where} ORDER BY (m.event_date IS NULL), m.event_date, m.key",
            params,
        )
        return [(mention_from_dict(self._json_out(data)), event_id) for data, event_id in rows]

    def _where(self, flt: EventFilter) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if flt.since is not None:
            clauses.append("event_date >= ?")
            params.append(self._date_in(flt.since))
        if flt.until is not None:
            clauses.append("event_date <= ?")
            params.append(self._date_in(flt.until))
        # Values are folded here, in Python, so that both backends fold them alike;
        # a database's own lower() may fold ASCII only.
        for column in ("country", "admin1"):
            value = getattr(flt, column)
            if value is not None:
                clauses.append(f"{self._fold(column)} = ?")
                params.append(value.lower())
        if flt.actor is not None:
            pattern = like_pattern(flt.actor)
            clauses.append(
                "(" + " OR ".join(f"{self._fold(c)} LIKE ? ESCAPE '\\'" for c in ACTOR_COLUMNS) + ")"
            )
            params.extend([pattern] * len(ACTOR_COLUMNS))
        if flt.event_type is not None:
            clauses.append(f"({self._fold('event_type')} = ? OR {self._fold('sub_event_type')} = ?)")
            params.extend([flt.event_type.lower()] * 2)
        if flt.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = flt.bbox
            clauses.append("latitude BETWEEN ? AND ?")
            params.extend([min_lat, max_lat])
            if min_lon <= max_lon:
                clauses.append("longitude BETWEEN ? AND ?")
            else:  # a box across the antimeridian
                clauses.append("(longitude >= ? OR longitude <= ?)")
            params.extend([min_lon, max_lon])
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        return where, params

    def _limit(self, limit: int | None, offset: int) -> tuple[str, list[Any]]:
        if limit is None and not offset:
            return "", []
        return " LIMIT ? OFFSET ?", [self.no_limit if limit is None else limit, offset]

    def events(self, flt: EventFilter | None = None) -> list[Event]:
        flt = flt or EventFilter()
        if (flt.limit is not None and flt.limit < 0) or flt.offset < 0:
            raise StoreError(f"limit and offset must not be negative (got {flt.limit}, {flt.offset})")
        where, params = self._where(flt)
        page, page_params = self._limit(flt.limit, flt.offset)
        rows = self._rows(
            f"SELECT data FROM events{where} ORDER BY (event_date IS NULL), event_date, event_id{page}",
            params + page_params,
        )
        return [event_from_dict(self._json_out(r[0])) for r in rows]

    def count_events(self, flt: EventFilter | None = None) -> int:
        """How many events match the filter, ignoring its limit and offset (the total for paging)."""
        where, params = self._where(flt or EventFilter())
        return int(self._rows(f"SELECT count(*) FROM events{where}", params)[0][0])

    def claims(self) -> list[Claim]:
        rows = self._rows(
            "SELECT c.claim_id, c.data, s.doc_id, s.evidence FROM claims c "
            "JOIN claim_sources s ON s.claim_id = c.claim_id ORDER BY c.claim_id, s.doc_id"
        )
        merged: dict[str, tuple[dict[str, Any], list[str], list[dict[str, Any]]]] = {}
        for claim_id, data, doc_id, evidence in rows:
            entry = merged.setdefault(claim_id, (self._json_out(data), [], []))
            entry[1].append(doc_id)
            entry[2].extend(self._json_out(evidence))
        claims = []
        for data, doc_ids, evidence in merged.values():
            claims.append(claim_from_dict({**data, "doc_ids": doc_ids, "evidence": evidence}))
        return claims

    def documents(self, status: str | None = None) -> list[LedgerRow]:
        if status is not None and status not in STATUSES:
            raise StoreError(f"unknown document status {status!r}: use one of {', '.join(STATUSES)}")
        where, params = (" WHERE status = ?", [status]) if status else ("", [])
        rows = self._rows(
            f"SELECT origin, locator, doc_id, status, reason, time FROM ledger{where} ORDER BY id", params
        )
        return [LedgerRow(*r) for r in rows]

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        rows = self._rows(
            "SELECT id, title, url, publisher, published, origin, text, added FROM documents WHERE id = ?",
            [doc_id],
        )
        if not rows:
            return None
        keys = ("id", "title", "url", "publisher", "published", "origin", "text", "added")
        doc = dict(zip(keys, rows[0], strict=True))
        doc["published"] = self._date_out(doc["published"])
        return doc

    def get_meta(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", [key])
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._lock, self._write():
            self._execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def schema_version(self) -> int:
        """The highest migration applied to this database."""
        return int(self._rows("SELECT coalesce(max(version), 0) FROM schema_version")[0][0])

    # -- the batch write ---------------------------------------------------------

    def write_batch(
        self,
        ledger: Sequence[LedgerRow],
        documents: Sequence[Document],
        events: Sequence[Event],
        links: Sequence[tuple[str, str]],
        removed_events: Sequence[str] = (),
    ) -> None:
        """Write one batch in one transaction; see :meth:`Store.write_batch`.

        Order inside the transaction: documents (with their mentions and claims),
        ledger rows, removed events, upserted events, then links. Removing before
        upserting makes the batch's events the last word: an id both removed and
        written stays, as written.
        """
        with self._lock:
            try:
                with self._write():
                    self._write_documents(documents)
                    self._write_ledger(ledger)
                    self._remove_events(removed_events)
                    self._write_events(events)
                    self._write_links(links)
            except StoreError:
                raise
            except self._db_errors() as err:
                raise StoreError(
                    f"writing a batch to {redact(self.url)} failed, nothing of it was kept: {err}"
                ) from err

    @abstractmethod
    def _db_errors(self) -> tuple[type[Exception], ...]:
        """The driver's exceptions that a failed statement raises."""

    def _write_documents(self, documents: Sequence[Document]) -> None:
        added = now_iso()
        for doc in documents:
            cur = self._execute(
                "INSERT INTO documents (id, title, url, publisher, published, origin, text, added) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                [
                    doc.id,
                    doc.title,
                    doc.url,
                    doc.publisher,
                    self._date_in(doc.published),
                    doc.origin,
                    doc.text,
                    added,
                ],
            )
            if cur.rowcount == 0:
                continue  # stored before (by an earlier run or a concurrent writer): left as it is
            if doc.mentions:
                self._executemany(
                    "INSERT INTO mentions (key, doc_id, event_date, sub_event_type, data) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
                    [
                        [m.key, m.doc_id, self._date_in(m.event_date), m.sub_event_type, self._json_in(d)]
                        for m in doc.mentions
                        for d in [mention_as_dict(m)]
                    ],
                )
            self._write_claims(doc.claims)

    def _write_claims(self, claims: Sequence[Claim]) -> None:
        if not claims:
            return
        # The same claim stated twice in one document: one source row, both pieces of evidence.
        first: dict[str, Claim] = {}
        evidence: dict[tuple[str, str], list[Evidence]] = {}
        for c in claims:
            first.setdefault(c.claim_id, c)
            evidence.setdefault((c.claim_id, c.doc_id), []).extend(c.evidence)
        self._executemany(
            "INSERT INTO claims (claim_id, data) VALUES (?, ?) ON CONFLICT (claim_id) DO NOTHING",
            [[cid, self._json_in(_claim_record(c))] for cid, c in first.items()],
        )
        self._executemany(
            "INSERT INTO claim_sources (claim_id, doc_id, evidence) VALUES (?, ?, ?) "
            "ON CONFLICT (claim_id, doc_id) DO NOTHING",
            [
                [cid, doc_id, self._json_in([e.as_dict() for e in ev])]
                for (cid, doc_id), ev in evidence.items()
            ],
        )

    def _write_ledger(self, ledger: Sequence[LedgerRow]) -> None:
        if ledger:
            # ledger_once makes a row already recorded a no-op (see migrations.py).
            self._executemany(
                "INSERT INTO ledger (origin, locator, doc_id, status, reason, time) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [[r.origin, r.locator, r.doc_id, r.status, r.reason, r.time] for r in ledger],
            )

    def _remove_events(self, event_ids: Sequence[str]) -> None:
        for chunk in _chunks(list(dict.fromkeys(event_ids))):
            marks = ", ".join("?" * len(chunk))
            self._execute(f"DELETE FROM events WHERE event_id IN ({marks})", chunk)

    def _write_events(self, events: Sequence[Event]) -> None:
        if not events:
            return
        latest = {e.event_id: e for e in events}  # a batch naming one event twice: the last one wins
        updates = ", ".join(f"{c} = excluded.{c}" for c in EVENT_COLUMNS[1:])
        self._executemany(
            f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))}) "
            f"ON CONFLICT (event_id) DO UPDATE SET {updates}",
            [self._event_row(e) for e in latest.values()],
        )
        for chunk in _chunks(list(latest)):
            marks = ", ".join("?" * len(chunk))
            self._execute(f"DELETE FROM event_sources WHERE event_id IN ({marks})", chunk)
            self._execute(f"DELETE FROM evidence WHERE event_id IN ({marks})", chunk)
        self._executemany(
            "INSERT INTO event_sources (event_id, doc_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            list({(e.event_id, s.doc_id): None for e in latest.values() for s in e.sources}),
        )
        self._executemany(
            'INSERT INTO evidence (event_id, doc_id, "start", "end", text, field) '
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                (e.event_id, ev.doc_id, ev.start, ev.end, ev.text, ev.field)
                for e in latest.values()
                for ev in e.evidence
            ],
        )

    def _event_row(self, e: Event) -> list[Any]:
        return [
            e.event_id,
            self._date_in(e.event_date),
            e.event_type,
            e.sub_event_type,
            e.country,
            e.admin1,
            e.actor1,
            e.actor2,
            e.assoc_actor_1,
            e.assoc_actor_2,
            e.latitude,
            e.longitude,
            self._json_in(e.as_dict()),
        ]

    def _write_links(self, links: Sequence[tuple[str, str]]) -> None:
        if links:
            self._executemany(
                "INSERT INTO event_mentions (mention_key, event_id) VALUES (?, ?) "
                "ON CONFLICT (mention_key) DO UPDATE SET event_id = excluded.event_id",
                [[mention_key, event_id] for event_id, mention_key in links],
            )

    # -- life cycle --------------------------------------------------------------

    def _check_version(self, found: int) -> None:
        if found > SCHEMA_VERSION:
            raise newer_schema_error(self.url, found)


def _claim_record(c: Claim) -> dict[str, Any]:
    """The claim as stored: its own fields; sources and evidence live in claim_sources."""
    record = c.as_dict()
    record.pop("doc_ids", None)
    record["evidence"] = []
    return record


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]
