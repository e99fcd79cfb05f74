"""The pipeline: inputs in, documents coded, events fused and stored.

    pipe = Pipeline()                       # compiles the lexicon once
    doc = pipe.process(document)            # segment -> recognise -> extract -> claims
    summary = run(["reports/"], store)      # read, code, fuse and store, batch by batch

Each per-document stage is a plain ``Document -> Document`` function with no
global state, so the same :meth:`Pipeline.process` runs in a loop, a test or a
Dask worker. :func:`run` writes one transaction per batch: a run killed at any
moment leaves the database as it was after the last whole batch, and running
the same command again skips what is stored and finishes the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from sitroom.fuse import Fuser, fuse
from sitroom.lexicon import Lexicon, default_lexicon
from sitroom.model import Document, Event, Source
from sitroom.nlp.claims import ClaimFinder
from sitroom.nlp.extract import Extractor
from sitroom.nlp.recognise import Recogniser
from sitroom.nlp.segment import segment
from sitroom.store.base import LedgerRow, Store
from sitroom.store.common import now_iso

BATCH_SIZE = 200
# Stored mentions this many days either side of a batch's dates are fused with it.
FUSION_WINDOW_DAYS = 40


class Pipeline:
    """The per-document stages, with the lexicon compiled once."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.recognise = Recogniser(self.lexicon)
        self.extract = Extractor(self.lexicon)
        self.claims = ClaimFinder(self.lexicon)

    def process(self, doc: Document) -> Document:
        return self.claims(self.extract(self.recognise(segment(doc))))

    def __reduce__(self) -> tuple[Any, ...]:
        # A Dask worker rebuilds the pipeline from the lexicon folders rather than receiving
        # the compiled automaton over the wire.
        return (_rebuild, (self.lexicon.sources,))


def _rebuild(sources: tuple[str, ...]) -> Pipeline:
    from sitroom.lexicon import load_lexicon

    return Pipeline(load_lexicon(list(sources), include_default=False))


@dataclass(slots=True)
class RunSummary:
    """What a run did; ``line()`` is the one line the command prints at the end."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: list[tuple[str, str | None, str]] = field(default_factory=list)
    mentions: int = 0
    events_new: int = 0
    events_updated: int = 0
    claims: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    def line(self) -> str:
        parts = [
            f"{self.read} documents read",
            f"{self.stored} new",
            f"{self.duplicates} already stored",
            f"{self.failed} failed",
            f"{self.mentions} mentions",
            f"{self.events_new} new events",
            f"{self.events_updated} events updated",
            f"{self.claims} claims",
            f"in {self.seconds:.1f} s",
        ]
        return ", ".join(parts)

    def reasons(self) -> list[str]:
        return [f"{origin}{' ' + loc if loc else ''}: {why}" for origin, loc, why in self.failures]

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "failures": [{"origin": o, "locator": loc, "reason": r} for o, loc, r in self.failures],
            "mentions": self.mentions,
            "events_new": self.events_new,
            "events_updated": self.events_updated,
            "claims": self.claims,
            "seconds": round(self.seconds, 3),
        }


Progress = Callable[[int], None]


def run(
    inputs: Sequence[str],
    store: Store,
    published: date | None = None,
    pipeline: Pipeline | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> RunSummary:
    """Read ``inputs`` (files, folders, globs, "-"), code them and store the results."""
    from sitroom.ingest import iter_inputs

    pipe = pipeline or Pipeline()
    summary = RunSummary()
    started = time.perf_counter()
    window = MentionWindow(store)
    for batch in batches(iter_inputs(inputs, published=published), batch_size):
        code_and_commit(batch, store, pipe, summary, window)
        if progress is not None:
            progress(len(batch))
    summary.seconds = time.perf_counter() - started
    return summary


def run_documents(
    store: Store, documents: Sequence[Document], pipeline: Pipeline | None = None
) -> RunSummary:
    """Code and store documents already read (the HTTP API's write path)."""
    from sitroom.ingest import InputRecord

    pipe = pipeline or Pipeline()
    summary = RunSummary()
    started = time.perf_counter()
    records = [InputRecord(d.origin or "<api>", f"item {n}", d) for n, d in enumerate(documents, 1)]
    for batch in batches(iter(records), BATCH_SIZE):
        code_and_commit(batch, store, pipe, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def batches(records: Iterator[Any], size: int) -> Iterator[list[Any]]:
    """``records`` in lists of ``size`` (the last one shorter)."""
    batch: list[Any] = []
    for r in records:
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(frozen=True, slots=True)
class Coded:
    """One input record after the per-document stages: a coded document or why it failed."""

    origin: str
    locator: str | None
    doc_id: str | None
    document: Document | None
    error: str | None


def code_records(records: Sequence[Any], pipe: Pipeline) -> list[Coded]:
    """The per-document stages over input records; pure, so it runs the same on a Dask worker."""
    out = []
    for r in records:
        if r.document is None:
            out.append(Coded(r.origin, r.locator, None, None, r.error or "unreadable"))
            continue
        try:
            out.append(Coded(r.origin, r.locator, r.document.id, pipe.process(r.document), None))
        except Exception as err:  # noqa: BLE001 - one bad document must not stop the batch
            reason = f"extraction failed: {type(err).__name__}: {err}"
            out.append(Coded(r.origin, r.locator, r.document.id, None, reason))
    return out


def commit(
    coded: Sequence[Coded],
    store: Store,
    summary: RunSummary,
    arrived: float | None = None,
    window: MentionWindow | None = None,
) -> None:
    """Fuse a batch of coded documents with what is stored and write it in one transaction.

    Documents already stored (by an earlier or interrupted run) are recorded as duplicates and
    left as they are, which is what makes re-running a command finish its work and change nothing.
    """
    ledger: list[LedgerRow] = []
    fresh: dict[str, Document] = {}
    known = store.known_documents(c.doc_id for c in coded if c.doc_id is not None)
    for c in coded:
        summary.read += 1
        if c.document is None:
            summary.failed += 1
            summary.failures.append((c.origin, c.locator, c.error or "unreadable"))
            ledger.append(LedgerRow(c.origin, c.locator, c.doc_id, "failed", c.error, now_iso()))
        elif c.doc_id in known or c.doc_id in fresh:
            summary.duplicates += 1
            ledger.append(LedgerRow(c.origin, c.locator, c.doc_id, "duplicate", None, now_iso()))
        else:
            fresh[c.document.id] = c.document
            ledger.append(LedgerRow(c.origin, c.locator, c.doc_id, "ok", None, now_iso()))
    docs = list(fresh.values())
    events, links, removed = fuse_batch(docs, store, window)
    before = store.known_events(e.event_id for e in events)
    store.write_batch(ledger, docs, events, links, removed)
    if arrived is not None and docs:
        summary.latencies.append(time.perf_counter() - arrived)
    summary.stored += len(docs)
    summary.mentions += sum(len(d.mentions) for d in docs)
    summary.claims += sum(len(d.claims) for d in docs)
    summary.events_updated += len(before)
    summary.events_new += len(events) - len(before)


def code_and_commit(
    batch: list[Any], store: Store, pipe: Pipeline, summary: RunSummary, window: MentionWindow | None = None
) -> None:
    """Code the records of one batch (those not stored before) and commit them in one transaction."""
    started = time.perf_counter()
    known = store.known_documents(r.document.id for r in batch if r.document is not None)
    coded: list[Coded] = []
    for r in batch:
        if r.document is not None and r.document.id in known:
            # stored before: not coded again, so a re-run costs only the reading
            coded.append(Coded(r.origin, r.locator, r.document.id, r.document, None))
        else:
            coded.extend(code_records([r], pipe))
    commit(coded, store, summary, arrived=started, window=window)


def fuse_batch(
    docs: Sequence[Document], store: Store, window: MentionWindow | None = None
) -> tuple[list[Event], list[tuple[str, str]], list[str]]:
    """Fuse the mentions of new documents with the stored ones near them in time.

    ``window``: a run's fusion state over the stored mentions it has read and written, so that
    each batch reads from the store only the days the run has not seen yet (without it, every
    batch reads its whole window again; the result is the same).
    """
    mentions = [m for d in docs for m in d.mentions]
    if not mentions:
        return [], [], []
    days = [m.event_date for m in mentions if m.event_date]
    margin = timedelta(days=FUSION_WINDOW_DAYS)
    since = min(days) - margin if days else None
    until = max(days) + margin if days else None
    fresh = {
        d.id: Source(d.id, d.url, d.publisher, d.published.isoformat() if d.published else None) for d in docs
    }

    def lookup(doc_ids: set[str]) -> dict[str, Source]:
        return {**store.sources(doc_ids - set(fresh)), **fresh}  # one query for the stored ones

    if window is None:
        existing = store.mentions(since, until, undated=True) if days else store.mentions(undated=True)
        result = fuse(mentions, existing, lookup)
    else:
        window.cover(since, until)
        result = window.fuser.place(mentions, lookup)
    return list(result.events), list(result.links), list(result.removed)


class MentionWindow:
    """A run's fusion state over the stored mentions it has needed so far, by day.

    Batches of a run mostly fall on the same weeks: reading those weeks from the store once and
    keeping the events built from them spares re-reading, re-parsing and re-indexing them for
    every batch. Another process writing the same database meanwhile is not seen (as with a
    plain re-read within one batch); the next run reads everything afresh.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.fuser = Fuser()
        self.lo: date | None = None
        self.hi: date | None = None
        self.everything = False

    def cover(self, since: date | None, until: date | None) -> None:
        """Make sure the stored mentions dated within [since, until] (and the undated) are in."""
        if self.everything:
            return
        if since is None or until is None:
            self.fuser.add_existing(self.store.mentions(undated=True))
            self.everything = True
        elif self.lo is None or self.hi is None:
            self.fuser.add_existing(self.store.mentions(since, until, undated=True))
            self.lo, self.hi = since, until
        else:
            if since < self.lo:
                self.fuser.add_existing(
                    self.store.mentions(since, self.lo - timedelta(days=1), undated=False)
                )
                self.lo = since
            if until > self.hi:
                self.fuser.add_existing(
                    self.store.mentions(self.hi + timedelta(days=1), until, undated=False)
                )
                self.hi = until


def extract_events(text: str, published: date | None = None, pipeline: Pipeline | None = None) -> list[Event]:
    """Events of one report, fused within it: the Python API's ``sitroom.extract``."""
    pipe = pipeline or _default_pipeline()
    doc = Document(id=Document.make_id(text), text=text, published=published)
    coded = pipe.process(doc)
    sources = {doc.id: Source(doc.id, None, None, published.isoformat() if published else None)}
    return list(fuse(coded.mentions, (), sources).events)


_PIPE: list[Pipeline] = []


def _default_pipeline() -> Pipeline:
    if not _PIPE:
        _PIPE.append(Pipeline())
    return _PIPE[0]


def with_published(doc: Document, published: date | None) -> Document:
    return doc if published is None or doc.published else replace(doc, published=published)
