"""Small reports written for the report, web and browser tests, and the events a coder draws from them.

Not a test module of its own: the report, web and browser tests import
:func:`sample`, :func:`fill` and :func:`live_server`. The reports are short, invented for these
tests; place coordinates are real. One report is hostile: its title, text,
url and one event's fields carry markup that must stay inert text.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sitroom.model import DAY, WEEK, Claim, Document, Event, Evidence, Source, content_id
from sitroom.store import LedgerRow, Store

HOSTILE_TITLE = "<script>alert('title')</script> Convoy hit"
HOSTILE_PLACE = "<img src=x onerror=alert('place')>"
HOSTILE_ACTOR = "<b onmouseover=alert('actor')>Unknown gunmen</b>"
HOSTILE_URL = "javascript:alert('url')"

DOC_TEXTS: dict[str, tuple[str, str, str, str | None]] = {
    # key: (title, text, url, published)
    "erbil": (
        "Drone hits air base near Erbil",
        "ERBIL, Iraq - A one-way attack drone struck Erbil Air Base on Saturday, officials said. "
        "No personnel were hurt in the attack. The Islamic Resistance in Iraq said it launched the drone.",
        "https://news.example.org/erbil-drone",
        "2024-01-21",
    ),
    "asad": (
        "Missiles fired at Al Asad",
        "Several ballistic missiles struck Al Asad Air Base in Anbar province on Saturday evening. "
        "Four service members were wounded and are being treated. "
        "U.S. forces have been attacked at least 150 times since October 17, the Pentagon said.",
        "https://wire.example.com/asad?id=7&lang=en",
        "2024-01-21",
    ),
    "tanf": (
        "Drone shot down at Al-Tanf",
        "Forces at the Al-Tanf garrison in Syria shot down a drone on Monday. There was no damage.",
        "http://monitor.example.net/tanf",
        "2024-01-23",
    ),
    "tower": (
        "Three soldiers killed at Tower 22",
        "A drone attack on Tower 22 in northeastern Jordan killed three soldiers on Sunday and injured "
        "more than 30, officials said.",
        "https://news.example.org/tower-22",
        "2024-01-29",
    ),
    "hostile": (
        HOSTILE_TITLE,
        f"Gunmen opened fire on a convoy at {HOSTILE_PLACE} on Tuesday. "
        "Witnesses said <script>alert('text')</script> two drivers were killed.",
        HOSTILE_URL,
        "2024-01-24",
    ),
    "baghdad": (
        "Arrests in Baghdad",
        "Security forces arrested five men in Baghdad this week, a ministry statement said.",
        "https://gov.example.iq/statement",
        None,
    ),
}


def doc_id(key: str) -> str:
    title, text, _url, _published = DOC_TEXTS[key]
    return Document.make_id(text, title)


def evidence(key: str, words: str, field: str) -> Evidence:
    text = DOC_TEXTS[key][1]
    start = text.index(words)
    return Evidence(doc_id(key), start, start + len(words), words, field)


def source(key: str, publisher: str = "Example News") -> Source:
    _title, _text, url, published = DOC_TEXTS[key]
    return Source(doc_id(key), url, publisher, published)


def event(
    key: str,
    sub_event_type: str,
    event_type: str,
    day: date | None,
    *,
    actor1: str | None,
    actor2: str | None,
    country: str | None,
    admin1: str | None,
    location: str | None,
    lat: float | None,
    lon: float | None,
    fatalities: int | None = None,
    injuries: int | None = None,
    weapons: tuple[str, ...] = (),
    claimed_by: str | None = None,
    evidence_words: tuple[tuple[str, str], ...] = (),
    precision: int = DAY,
    extra_sources: tuple[str, ...] = (),
) -> Event:
    return Event(
        event_id=content_id(key, sub_event_type, day, location),
        event_date=day,
        time_precision=precision if day else None,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor1,
        assoc_actor_1=None,
        actor2=actor2,
        assoc_actor_2=None,
        country=country,
        admin1=admin1,
        admin2=None,
        location=location,
        latitude=lat,
        longitude=lon,
        geo_precision=1 if lat is not None else None,
        fatalities=fatalities,
        injuries=injuries,
        weapons=weapons,
        claimed_by=claimed_by,
        sources=tuple(source(k) for k in (key, *extra_sources)),
        notes=f"{sub_event_type} at {location}.",
        evidence=tuple(evidence(key, w, f) for w, f in evidence_words),
        confidence=0.8,
    )


@dataclass(frozen=True, slots=True)
class Sample:
    documents: tuple[Document, ...]
    events: tuple[Event, ...]
    claims: tuple[Claim, ...]

    def by_location(self, location: str) -> Event:
        return next(e for e in self.events if e.location == location)


def sample() -> Sample:
    ebd = "Explosions/Remote violence"
    events = (
        event(
            "erbil",
            "Air/drone strike",
            ebd,
            date(2024, 1, 20),
            actor1="Islamic Resistance in Iraq",
            actor2="Military Forces of the United States",
            country="Iraq",
            admin1="Erbil",
            location="Erbil Air Base",
            lat=36.237,
            lon=43.963,
            fatalities=0,
            injuries=0,
            weapons=("drone",),
            claimed_by="Islamic Resistance in Iraq",
            evidence_words=(
                ("A one-way attack drone struck Erbil Air Base", "event_type"),
                ("The Islamic Resistance in Iraq said it launched the drone", "claimed_by"),
            ),
        ),
        event(
            "asad",
            "Shelling/artillery/missile attack",
            ebd,
            date(2024, 1, 20),
            actor1="Unidentified Armed Group (Iraq)",
            actor2="Military Forces of the United States",
            country="Iraq",
            admin1="Al Anbar",
            location="Al Asad Air Base",
            lat=33.7856,
            lon=42.4412,
            injuries=4,
            weapons=("ballistic missile",),
            evidence_words=(
                ("ballistic missiles struck Al Asad Air Base", "event_type"),
                ("Four service members were wounded", "injuries"),
            ),
        ),
        event(
            "tanf",
            "Disrupted weapons use",
            "Strategic developments",
            date(2024, 1, 22),
            actor1="Military Forces of the United States",
            actor2=None,
            country="Syria",
            admin1="Homs",
            location="Al-Tanf",
            lat=33.4986,
            lon=38.6186,
            weapons=("drone",),
            evidence_words=(("shot down a drone on Monday", "event_type"),),
        ),
        event(
            "tower",
            "Air/drone strike",
            ebd,
            date(2024, 1, 28),
            actor1="Islamic Resistance in Iraq",
            actor2="Military Forces of the United States",
            country="Jordan",
            admin1="Mafraq",
            location="Tower 22",
            lat=33.3206,
            lon=38.7048,
            fatalities=3,
            injuries=34,
            weapons=("drone",),
            evidence_words=(("killed three soldiers on Sunday", "fatalities"),),
        ),
        event(
            "hostile",
            "Attack",
            "Violence against civilians",
            date(2024, 1, 23),
            actor1=HOSTILE_ACTOR,
            actor2="Civilians (Iraq)",
            country="Iraq",
            admin1="Baghdad",
            location=HOSTILE_PLACE,
            lat=33.2,
            lon=44.3,
            fatalities=2,
            weapons=("<i>rifle</i>",),
            evidence_words=(
                (f"opened fire on a convoy at {HOSTILE_PLACE}", "event_type"),
                ("<script>alert('text')</script> two drivers were killed", "fatalities"),
            ),
        ),
        event(
            "baghdad",
            "Arrests",
            "Strategic developments",
            date(2024, 1, 22),
            actor1="Police Forces of Iraq",
            actor2=None,
            country="Iraq",
            admin1="Baghdad",
            location=None,
            lat=None,
            lon=None,
            precision=WEEK,
            evidence_words=(("arrested five men in Baghdad", "event_type"),),
        ),
    )
    claims = (
        Claim(
            claim_id=content_id("attacks since Oct 17"),
            subject="attacks on U.S. forces",
            quantity=150,
            qualifier="at least",
            unit="attacks",
            period_start=date(2023, 10, 17),
            as_of=date(2024, 1, 21),
            attributed_to="Pentagon",
            doc_id=doc_id("asad"),
            evidence=(evidence("asad", "attacked at least 150 times since October 17", "quantity"),),
        ),
    )
    documents = []
    for key, (title, text, url, published) in DOC_TEXTS.items():
        documents.append(
            Document(
                id=doc_id(key),
                text=text,
                title=title,
                url=url,
                publisher="Example News",
                published=date.fromisoformat(published) if published else None,
                claims=tuple(c for c in claims if c.doc_id == doc_id(key)),
            )
        )
    return Sample(tuple(documents), events, claims)


def fill(store: Store, data: Sample | None = None, arrived: str = "2024-01-30T08:00:00+00:00") -> Sample:
    """Write the sample's documents (with ledger rows stamped ``arrived``), events and claims."""
    data = data or sample()
    ledger = [LedgerRow(f"test:{d.id}", None, d.id, "ok", None, arrived) for d in data.documents]
    store.write_batch(ledger=ledger, documents=list(data.documents), events=list(data.events), links=[])
    return data


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yields its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()
