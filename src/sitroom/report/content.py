"""What a situation report says, gathered from the store once for every format.

:func:`gather` reads events, claims and the documents behind them and turns
them into plain rows (tallies, event rows with their sources and evidence
sentences, claim rows). The HTML template and the Markdown writer only lay
these rows out, so both formats always tell the same story.

"New" has two meanings, chosen by the caller:

- ``since`` given (a date): events that happened on or after that day;
- otherwise: events with a source document that arrived after the last
  written report (its time is kept in store meta under
  :data:`LAST_REPORT_KEY`); an event whose every source is new is "new",
  one that gained a source is "updated". Before any report, everything is new.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from sitroom.model import MONTH, WEEK, Claim, Event, Source
from sitroom.nlp.segment import split_sentences
from sitroom.report.svg import type_order
from sitroom.store import Store

LAST_REPORT_KEY = "report.last_at"
LATEST_LIMIT = 50  # rows in "latest events"
NEW_LIMIT = 100  # rows in "new since"
TABLE_LIMIT = 25  # rows in each of the actor, place and weapon tables
MAX_QUOTES = 4  # evidence sentences shown per event
MAX_QUOTE_CHARS = 400


@dataclass(frozen=True, slots=True)
class Link:
    """A source as shown: its title, then publisher and date in ``note``.

    ``url`` is set only for an http(s) address; any other address is kept in
    ``title`` (a tooltip) and the source is shown as text.
    """

    text: str
    url: str | None
    title: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    marked: bool


@dataclass(frozen=True, slots=True)
class Quote:
    """One evidence sentence, the evidence spans in it marked."""

    doc_id: str
    fields: tuple[str, ...]
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass(frozen=True, slots=True)
class EventRow:
    event: Event
    when: str
    place: str
    actors: str
    fatalities: str
    injuries: str
    sources: tuple[Link, ...]
    quotes: tuple[Quote, ...]
    status: str | None  # "new", "updated" or None


@dataclass(frozen=True, slots=True)
class Tally:
    label: str
    events: int
    fatalities: int
    injuries: int
    first: date | None
    last: date | None


@dataclass(frozen=True, slots=True)
class ClaimRow:
    claim: Claim
    quantity: str
    sources: tuple[Link, ...]
    quote: str | None


@dataclass(frozen=True, slots=True)
class ReportData:
    generated_at: datetime
    events: tuple[Event, ...]
    located: int
    fatalities: int
    injuries: int
    source_count: int
    first_date: date | None
    last_date: date | None
    type_counts: tuple[tuple[str, int], ...]
    latest: tuple[EventRow, ...]
    new: tuple[EventRow, ...]
    new_total: int
    new_label: str
    new_note: str | None
    new_ids: frozenset[str]
    actors: tuple[Tally, ...]
    places: tuple[Tally, ...]
    weapons: tuple[Tally, ...]
    claims: tuple[ClaimRow, ...]


def web_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) address with no space or control character, else None."""
    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def when(event: Event) -> str:
    if event.event_date is None:
        return "undated"
    if event.time_precision == MONTH:
        return f"{event.event_date:%Y-%m} (month)"
    if event.time_precision == WEEK:
        return f"{event.event_date.isoformat()} (week)"
    return event.event_date.isoformat()


def place_label(event: Event) -> str:
    parts = list(dict.fromkeys(p for p in (event.location, event.admin2, event.admin1, event.country) if p))
    return ", ".join(parts) or "unknown place"


def actors_label(event: Event) -> str:
    def side(main: str | None, assoc: str | None) -> str:
        return f"{main} (with {assoc})" if main and assoc else main or ""

    one, two = side(event.actor1, event.assoc_actor_1), side(event.actor2, event.assoc_actor_2)
    if one and two:
        return f"{one} vs {two}"
    return one or (f"? vs {two}" if two else "unknown actors")


def count_label(value: int | None, low: int | None = None, high: int | None = None) -> str:
    """A figure as shown: "–" when not reported; a range when the sources disagree."""
    if value is None:
        return "–"
    if low is not None and high is not None and low != high:
        return f"{value:,} ({low:,}–{high:,})"
    return f"{value:,}"


def quantity_label(claim: Claim) -> str:
    q = claim.quantity
    number = f"{int(q):,}" if float(q).is_integer() else f"{q:,}"
    return f"{claim.qualifier} {number}" if claim.qualifier else number


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        t = datetime.fromisoformat(value)
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


class _Documents:
    """The documents one report needs, each read once: source facts, texts and sentences."""

    def __init__(self, store: Store, events: Sequence[Event]) -> None:
        self.store = store
        self.sources: dict[str, Source] = {}
        for e in events:
            for s in e.sources:
                self.sources.setdefault(s.doc_id, s)
        self._docs: dict[str, dict[str, Any] | None] = {}
        self._sentences: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}
        self._arrived: dict[str, datetime] | None = None

    def doc(self, doc_id: str) -> dict[str, Any] | None:
        if doc_id not in self._docs:
            self._docs[doc_id] = self.store.get_document(doc_id)
        return self._docs[doc_id]

    def link(self, doc_id: str) -> Link:
        src = self.sources.get(doc_id)
        doc = self.doc(doc_id) or {}
        url = (src.url if src else None) or doc.get("url")
        publisher = (src.publisher if src else None) or doc.get("publisher")
        published = (src.published if src else None) or doc.get("published")
        safe = web_url(url)
        host = urlsplit(safe).hostname if safe else None
        title = " ".join((doc.get("title") or "").split())
        if len(title) > 160:
            title = title[:157] + "..."
        note = ", ".join(p for p in (publisher, published) if p) or None
        return Link(
            text=title or publisher or host or doc_id, url=safe, title=None if safe else url, note=note
        )

    def arrived(self, doc_id: str) -> datetime | None:
        """When the document entered the store: its first ledger row, else its ``added`` stamp."""
        if self._arrived is None:
            self._arrived = {}
            for row in self.store.documents("ok"):
                t = _parse_time(row.time)
                if row.doc_id and t and (row.doc_id not in self._arrived or t < self._arrived[row.doc_id]):
                    self._arrived[row.doc_id] = t
        if doc_id not in self._arrived:
            t = _parse_time((self.doc(doc_id) or {}).get("added"))
            if t is None:
                return None
            self._arrived[doc_id] = t
        return self._arrived[doc_id]

    def sentence_of(self, doc_id: str, start: int, end: int, text: str) -> tuple[int, int] | None:
        """Offsets of the sentence holding [start, end) in the stored document, if the offsets hold."""
        doc = self.doc(doc_id)
        body = (doc or {}).get("text") or ""
        if not text or body[start:end] != text:
            return None
        if doc_id not in self._sentences:
            spans = [(s.start, s.end) for s in split_sentences(body)]
            self._sentences[doc_id] = ([s for s, _ in spans], spans)
        starts, spans = self._sentences[doc_id]
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < spans[i][1]:
            return spans[i][0], max(spans[i][1], end)
        return start, end

    def text(self, doc_id: str) -> str:
        return (self.doc(doc_id) or {}).get("text") or ""


def _quotes(event: Event, docs: _Documents) -> tuple[Quote, ...]:
    """The event's evidence as whole sentences, evidence spans marked, at most MAX_QUOTES of them."""
    found: dict[tuple[str, int, int], tuple[list[str], list[tuple[int, int]]]] = {}
    loose: list[Quote] = []
    for ev in event.evidence:
        sentence = docs.sentence_of(ev.doc_id, ev.start, ev.end, ev.text)
        if sentence is None:
            # The document is not stored or the offsets no longer match: show the words themselves.
            if ev.text and not any(q.text == ev.text for q in loose):
                loose.append(Quote(ev.doc_id, (ev.field,), (Segment(ev.text, True),)))
            continue
        fields, spans = found.setdefault((ev.doc_id, *sentence), ([], []))
        if ev.field not in fields:
            fields.append(ev.field)
        spans.append((ev.start, ev.end))
    quotes = []
    for (doc_id, s, e), (fields, spans) in found.items():
        quotes.append(Quote(doc_id, tuple(fields), _segments(docs.text(doc_id), s, e, spans)))
    return tuple((quotes + loose)[:MAX_QUOTES])


def _segments(text: str, start: int, end: int, spans: Iterable[tuple[int, int]]) -> tuple[Segment, ...]:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    if end - start > MAX_QUOTE_CHARS:
        # A run-on "sentence" (a list, a table row): keep a window around the evidence.
        lo = max(start, merged[0][0] - MAX_QUOTE_CHARS // 4)
        hi = min(end, max(merged[-1][1], lo + MAX_QUOTE_CHARS))
        start, end = lo, hi
    out: list[Segment] = []
    at = start
    for s, e in merged:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        if s > at:
            out.append(Segment(text[at:s], False))
        out.append(Segment(text[s:e], True))
        at = e
    if at < end:
        out.append(Segment(text[at:end], False))
    return tuple(out)


def _row(event: Event, docs: _Documents, status: str | None) -> EventRow:
    return EventRow(
        event=event,
        when=when(event),
        place=place_label(event),
        actors=actors_label(event),
        fatalities=count_label(event.fatalities, event.fatalities_low, event.fatalities_high),
        injuries=count_label(event.injuries),
        sources=tuple(docs.link(d) for d in dict.fromkeys(s.doc_id for s in event.sources)),
        quotes=_quotes(event, docs),
        status=status,
    )


def _latest_first(events: Iterable[Event]) -> list[Event]:
    # Newest day first, undated last; ties by id so that the report is stable.
    ordered = sorted(events, key=lambda e: e.event_id)
    return sorted(ordered, key=lambda e: (e.event_date is None, -(e.event_date or date.min).toordinal()))


def _tallies(events: Sequence[Event], keys_of: Any) -> tuple[Tally, ...]:
    rows: dict[str, list[Any]] = {}
    for e in events:
        for key in dict.fromkeys(keys_of(e)):
            row = rows.setdefault(key, [0, 0, 0, None, None])
            row[0] += 1
            row[1] += e.fatalities or 0
            row[2] += e.injuries or 0
            if e.event_date is not None:
                row[3] = min(row[3] or e.event_date, e.event_date)
                row[4] = max(row[4] or e.event_date, e.event_date)
    ordered = sorted(rows.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0].lower()))
    return tuple(Tally(k, *v) for k, v in ordered[:TABLE_LIMIT])


def _actor_keys(e: Event) -> list[str]:
    keys = [a for a in (e.actor1, e.actor2) if a]
    for assoc in (e.assoc_actor_1, e.assoc_actor_2):
        # ACLED lists several associated actors in one field, separated by semicolons.
        keys.extend(a.strip() for a in (assoc or "").split(";") if a.strip())
    return keys


def _place_keys(e: Event) -> list[str]:
    return [place_label(e)] if (e.location or e.admin1 or e.country) else []


def _new_events(
    store: Store, events: Sequence[Event], docs: _Documents, since: date | None
) -> tuple[dict[str, str], str, str | None]:
    """(event id -> "new"/"updated", section heading, note)."""
    if since is not None:
        new = {e.event_id: "new" for e in events if e.event_date is not None and e.event_date >= since}
        return new, f"New since {since.isoformat()}", None
    last = _parse_time(store.get_meta(LAST_REPORT_KEY))
    if last is None:
        note = (
            f"No earlier report: all {len(events)} events are new (listed under latest events)."
            if events
            else None
        )
        return {e.event_id: "new" for e in events}, "New since the last report", note
    status: dict[str, str] = {}
    for e in events:
        times = [docs.arrived(s.doc_id) for s in e.sources]
        # Stamps have whole seconds: a document of the report's own second counts as new (shown
        # twice rather than never).
        fresh = [t is not None and t >= last for t in times]
        if fresh and all(fresh):
            status[e.event_id] = "new"
        elif any(fresh):
            status[e.event_id] = "updated"
    label = f"New since the last report ({last.astimezone(UTC):%Y-%m-%d %H:%M} UTC)"
    return status, label, None


def gather(store: Store, since: date | None = None, now: datetime | None = None) -> ReportData:
    """Everything a report shows, read from ``store``."""
    now = now or datetime.now(UTC)
    events = store.events()
    claims = store.claims()
    docs = _Documents(store, events)
    statuses, new_label, new_note = _new_events(store, events, docs, since)
    ordered = _latest_first(events)
    new_events = [e for e in ordered if e.event_id in statuses]
    dated = [e.event_date for e in events if e.event_date is not None]
    types = Counter(e.event_type for e in events)
    claim_rows = tuple(
        ClaimRow(
            claim=c,
            quantity=quantity_label(c),
            sources=tuple(docs.link(d) for d in dict.fromkeys(c.doc_ids or (c.doc_id,))),
            quote=c.evidence[0].text if c.evidence else None,
        )
        for c in sorted(claims, key=lambda c: (-(c.as_of or date.min).toordinal(), c.subject.lower()))
    )
    return ReportData(
        generated_at=now,
        events=tuple(events),
        located=sum(1 for e in events if e.latitude is not None and e.longitude is not None),
        fatalities=sum(e.fatalities or 0 for e in events),
        injuries=sum(e.injuries or 0 for e in events),
        source_count=len(docs.sources),
        first_date=min(dated, default=None),
        last_date=max(dated, default=None),
        type_counts=tuple((t, types[t]) for t in type_order(types)),
        latest=tuple(_row(e, docs, statuses.get(e.event_id)) for e in ordered[:LATEST_LIMIT]),
        # Before any report everything is new: the latest events already list it, once is enough.
        new=() if new_note else tuple(_row(e, docs, statuses[e.event_id]) for e in new_events[:NEW_LIMIT]),
        new_total=len(new_events),
        new_label=new_label,
        new_note=new_note,
        new_ids=frozenset(statuses),
        actors=_tallies(events, _actor_keys),
        places=_tallies(events, _place_keys),
        weapons=_tallies(events, lambda e: list(e.weapons)),
        claims=claim_rows,
    )
