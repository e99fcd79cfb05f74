"""Watching a folder or a feed: poll, code what is new, store it, say so in one line.

    watch_source("inbox/", store, parse_interval("30s"))            # until Ctrl-C
    watch_source("https://news.example/feed.xml", store, 300, once=True)

A folder poll reads the files that are new or changed since the last poll (by
path, modification time and size); a feed poll fetches the feed with the ETag
and Last-Modified of the last answer, so an unchanged feed costs one ``304``.
What was seen is remembered in the store's meta table, so a restarted watch
carries on where it stopped instead of reading everything again (and whatever
it reads again is a duplicate by content id anyway).

Each poll ends with one line: what was read and stored, and the latency from
arrival (the poll that saw a report) to its events being committed, median and
maximum. A failed poll (feed down, folder gone) is one line too and the watch
goes on. Ctrl-C stops between two batches or rolls the current one back, so
the store always holds whole batches.

Hidden files are skipped: a writer that drops a report as ``.name.tmp`` and
renames it when complete is never read half-written. Files modified in the last
``settle`` seconds are looked at again before they are read, and left for the
next poll if they are still changing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sitroom import __version__
from sitroom.errors import ConfigError, InputError, StoreError
from sitroom.ingest import MAX_BYTES, InputRecord, iter_inputs, read_bytes
from sitroom.pipeline import BATCH_SIZE, Pipeline, RunSummary, batches, code_and_commit
from sitroom.store.base import Store
from sitroom.store.common import now_iso

SETTLE_S = 0.5
# Connecting may take a while on a bad network; a feed that trickles for longer is broken.
TIMEOUT = {"connect": 10.0, "read": 30.0, "write": 10.0, "pool": 10.0}
_INTERVAL = re.compile(r"^(\d+(?:\.\d*)?|\.\d+)\s*(s|sec|m|min|h|d)?$", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}
_WEB = re.compile(r"^https?://", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

Echo = Callable[[str], Any]


def parse_interval(value: str) -> float:
    """Seconds in "30s", "5m", "1h", "2d" or a plain number of seconds ("90")."""
    match = _INTERVAL.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ConfigError(f"--every {value!r} is not an interval: write a number of seconds, or 30s, 5m, 1h")
    seconds = float(match.group(1)) * _UNITS[(match.group(2) or "").lower()]
    if seconds <= 0:
        raise ConfigError(f"--every {value!r}: the interval must be longer than zero")
    return seconds


@dataclass(frozen=True, slots=True)
class Poll:
    """What one poll found and did; ``line()`` is what the watch prints."""

    source: str
    when: str  # ISO 8601, UTC, when the poll started
    read: int = 0  # input units read (files' reports, feed entries not stored before)
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    events_new: int = 0
    events_updated: int = 0
    latencies_ms: tuple[float, ...] = ()  # one per stored report: seen -> its batch committed
    unchanged: bool = False
    error: str | None = None

    def line(self) -> str:
        head = f"{self.when} {self.source}:"
        if self.error is not None:
            return f"{head} poll failed: {self.error}"
        if self.unchanged or not (self.read or self.duplicates):
            return f"{head} nothing new"
        parts = [
            f"{self.read} read",
            f"{self.stored} new",
            f"{self.duplicates} already stored",
            f"{self.failed} failed",
            f"{self.events_new} new events",
            f"{self.events_updated} events updated",
        ]
        line = f"{head} {', '.join(parts)}"
        if self.latencies_ms:
            median = statistics.median(self.latencies_ms)
            line += f"; arrival to stored: median {median:.0f} ms, max {max(self.latencies_ms):.0f} ms"
        return line


def watch_source(
    source: str,
    store: Store,
    every_seconds: float,
    pipeline: Pipeline | None = None,
    once: bool = False,
    echo: Echo = print,
    *,
    max_polls: int | None = None,
    settle: float = SETTLE_S,
    batch_size: int = BATCH_SIZE,
) -> Poll | None:
    """Poll ``source`` every ``every_seconds`` until Ctrl-C (``once``: a single poll).

    ``max_polls`` stops after that many polls. Returns the last poll.
    """
    if every_seconds <= 0:
        raise ConfigError(f"the polling interval must be longer than zero, not {every_seconds}")
    poller = open_source(source, settle=settle)
    pipe = pipeline or Pipeline()
    limit = 1 if once else max_polls
    last: Poll | None = None
    count = 0
    if limit != 1:
        echo(f"watching {source} every {every_seconds:g} s; Ctrl-C stops")
    try:
        with poller:
            while True:
                started = time.monotonic()
                last = poller.poll(store, pipe, batch_size)
                echo(last.line())
                count += 1
                if limit is not None and count >= limit:
                    break
                time.sleep(max(0.0, started + every_seconds - time.monotonic()))
    except KeyboardInterrupt:
        # The batch being written, if any, was rolled back by its transaction; all before it is stored.
        echo("watch stopped")
    return last


def open_source(source: str, settle: float = SETTLE_S) -> FolderSource | FeedSource:
    """The poller for a folder path or an http(s) feed address."""
    if _WEB.match(source):
        return FeedSource(source)
    if _SCHEME.match(source):
        raise ConfigError(f"cannot watch {source!r}: give a folder or an http(s) feed address")
    if not os.path.isdir(source):
        raise ConfigError(f"cannot watch {source!r}: no such folder (or give an http(s) feed address)")
    return FolderSource(source, settle=settle)


# -- coding what a poll found ----------------------------------------------------------


@dataclass(slots=True)
class _Tally:
    summary: RunSummary = field(default_factory=RunSummary)
    latencies_ms: list[float] = field(default_factory=list)

    def poll(self, source: str, when: str, skipped: int = 0) -> Poll:
        s = self.summary
        return Poll(
            source=source,
            when=when,
            read=s.read,
            stored=s.stored,
            duplicates=s.duplicates + skipped,
            failed=s.failed,
            events_new=s.events_new,
            events_updated=s.events_updated,
            latencies_ms=tuple(self.latencies_ms),
        )


def _code_and_store(
    records: Iterable[InputRecord], store: Store, pipe: Pipeline, seen: float, size: int
) -> _Tally:
    """Code and commit ``records`` batch by batch; ``seen`` is when the poll saw them."""
    tally = _Tally()
    for batch in batches(iter(records), size):
        before = tally.summary.stored
        code_and_commit(batch, store, pipe, tally.summary)
        latency = (time.perf_counter() - seen) * 1000
        tally.latencies_ms.extend([latency] * (tally.summary.stored - before))
    return tally


class FolderSource:
    """A folder polled for new or changed files; what was read is kept in the store's meta."""

    def __init__(self, folder: str, settle: float = SETTLE_S) -> None:
        self.folder = folder
        self.key = f"watch:folder:{os.path.realpath(folder)}"
        self.settle = settle

    def __enter__(self) -> FolderSource:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def poll(self, store: Store, pipe: Pipeline, batch_size: int = BATCH_SIZE) -> Poll:
        when = now_iso()
        try:
            current = self._scan()
        except OSError as err:
            return Poll(self.folder, when, error=f"cannot list {self.folder}: {err.strerror or err}")
        seen = time.perf_counter()
        before = _load_state(store, self.key)
        changed = [p for p, sig in current.items() if before.get(p) != sig]
        changed, unsettled = self._settled(changed, current)
        if not changed and not unsettled and before.keys() == current.keys():
            return Poll(self.folder, when, unchanged=True)
        try:
            tally = (
                _code_and_store(iter_inputs(changed), store, pipe, seen, batch_size) if changed else _Tally()
            )
            # Files still being written are left out of the state, so the next poll reads them.
            state = {p: sig for p, sig in current.items() if p not in unsettled}
            for p in unsettled:
                if p in before:
                    state[p] = before[p]
            _save_state(store, self.key, state)
        except (StoreError, InputError) as err:
            return Poll(self.folder, when, error=str(err))
        return tally.poll(self.folder, when)

    def _scan(self) -> dict[str, list[int]]:
        """Every visible regular file under the folder: path -> [mtime_ns, size]."""
        found: dict[str, list[int]] = {}
        if not os.path.isdir(self.folder):
            raise FileNotFoundError(2, "no such folder", self.folder)

        def fail(err: OSError) -> None:
            # The folder itself unreadable fails the poll; an unreadable subfolder is passed over.
            if os.path.realpath(err.filename or "") == os.path.realpath(self.folder):
                raise err

        for root, dirs, files in os.walk(self.folder, onerror=fail):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = os.path.join(root, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue  # removed between the listing and now: the next poll will know
                if os.path.isfile(path):
                    found[path] = [info.st_mtime_ns, info.st_size]
        return found

    def _settled(self, changed: list[str], current: dict[str, list[int]]) -> tuple[list[str], set[str]]:
        """``changed`` split into files safe to read now and files still being written."""
        if self.settle <= 0:
            return changed, set()
        now_ns = time.time_ns()
        settle_ns = int(self.settle * 1e9)
        fresh = [p for p in changed if now_ns - current[p][0] < settle_ns]
        if not fresh:
            return changed, set()
        # Never longer than the settle time: a file dated in the future (a skewed clock) is not awaited.
        wait = (max(current[p][0] for p in fresh) + settle_ns - now_ns) / 1e9
        time.sleep(min(self.settle, max(0.0, wait)))
        moving: set[str] = set()
        for p in fresh:
            try:
                info = os.stat(p)
            except OSError:
                moving.add(p)
                continue
            if [info.st_mtime_ns, info.st_size] != current[p]:
                moving.add(p)
        return [p for p in changed if p not in moving], moving


def _load_state(store: Store, key: str) -> dict[str, list[int]]:
    raw = store.get_meta(key)
    if not raw:
        return {}
    try:
        state = json.loads(raw)
    except json.JSONDecodeError:
        return {}  # unreadable (hand-edited): reading everything again only finds duplicates
    return state if isinstance(state, dict) else {}


def _save_state(store: Store, key: str, state: dict[str, Any]) -> None:
    store.set_meta(key, json.dumps(state, ensure_ascii=False, separators=(",", ":")))


# -- a feed ----------------------------------------------------------------------------


class FeedSource:
    """An RSS or Atom feed fetched over HTTP(S), conditionally on its last ETag and date."""

    def __init__(self, url: str) -> None:
        try:
            import httpx
        except ImportError as err:
            raise ConfigError(f"watching a feed needs httpx: pip install httpx ({err})") from err

        self.url = url
        self.key = f"watch:feed:{url}"
        try:
            httpx.URL(url)
        except httpx.InvalidURL as err:
            raise ConfigError(f"cannot watch {url!r}: {err}") from err
        self._client = httpx.Client(
            timeout=httpx.Timeout(**TIMEOUT),
            follow_redirects=True,
            headers={"User-Agent": f"sitroom/{__version__} (watch)"},
        )

    def __enter__(self) -> FeedSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def poll(self, store: Store, pipe: Pipeline, batch_size: int = BATCH_SIZE) -> Poll:
        when = now_iso()
        state = _load_state(store, self.key)
        try:
            fetched = self._fetch(state)
        except InputError as err:
            return Poll(self.url, when, error=str(err))
        if fetched is None:
            return Poll(self.url, when, unchanged=True)
        body, headers = fetched
        seen = time.perf_counter()
        digest = hashlib.sha256(body).hexdigest()
        fresh_state = {
            "etag": headers.get("etag"),
            "last_modified": headers.get("last-modified"),
            "sha256": digest,
        }
        try:
            if digest == state.get("sha256"):
                # A server that ignores conditional requests sent the same feed again.
                _save_state(store, self.key, fresh_state)
                return Poll(self.url, when, unchanged=True)
            records = list(read_bytes(body, self.url, suffix=_suffix(headers.get("content-type"))))
            known = store.known_documents(r.document.id for r in records if r.document is not None)
            # A feed repeats its entries in every version; those stored before are not news, and
            # are not written to the ledger again at every poll.
            new = [r for r in records if r.document is None or r.document.id not in known]
            tally = _code_and_store(new, store, pipe, seen, batch_size)
            _save_state(store, self.key, fresh_state)
        except StoreError as err:
            return Poll(self.url, when, error=str(err))
        return tally.poll(self.url, when, skipped=len(records) - len(new))

    def _fetch(self, state: dict[str, Any]) -> tuple[bytes, Any] | None:
        """The feed's bytes and headers, or None when the server says it has not changed."""
        import httpx

        headers = {}
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("last_modified"):
            headers["If-Modified-Since"] = state["last_modified"]
        try:
            with self._client.stream("GET", self.url, headers=headers) as response:
                if response.status_code == 304:
                    return None
                if response.status_code >= 400:
                    raise InputError(f"HTTP {response.status_code} {response.reason_phrase} from {self.url}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > MAX_BYTES:
                        raise InputError(f"{self.url} sent more than {MAX_BYTES} bytes; refused")
                return bytes(body), response.headers
        except httpx.HTTPError as err:
            raise InputError(f"cannot fetch {self.url}: {type(err).__name__}: {err or 'no answer'}") from err


def _suffix(content_type: str | None) -> str:
    # The reader is chosen by the content where the server's type says nothing useful.
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml"):
        return ".xml"
    if kind in ("text/html", "application/xhtml+xml"):
        return ".html"
    return ""
