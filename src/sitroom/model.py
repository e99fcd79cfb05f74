"""The core records of sitroom: frozen, slotted dataclasses.

Every value that can be vague carries its precision (a date with its
``time_precision``, a place with its ``geo_precision``, a number with its
qualifier) and every extracted field carries evidence: the document id and
the character offsets of the words that support it, with those words.

Per-document stages take a :class:`Document` and return a richer one with
:func:`dataclasses.replace`; nothing here holds global state.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, NamedTuple, cast

# ACLED's six event types and 25 sub-event types, spelt as ACLED spells them.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TYPES: dict[str, str] = {sub: main for main, subs in EVENT_TYPES.items() for sub in subs}

# time_precision: how much of a date the text pins down.
DAY, WEEK, MONTH = 1, 2, 3
# geo_precision: 1 the place itself, 2 near a place, 3 only a region.
PLACE, NEAR, REGION = 1, 2, 3


def content_id(*parts: object, length: int = 16) -> str:
    """A stable id derived from content: the same parts always give the same id."""
    h = hashlib.sha256()
    for p in parts:
        h.update(_canonical(p).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


_quote = json.encoder.encode_basestring  # what json.dumps writes for a str (ensure_ascii=False)


def _canonical(p: object) -> str:
    """``json.dumps(p, sort_keys=True, default=str, ensure_ascii=False)``, with the common scalar
    cases written directly (ids are made for every mention: the general encoder is most of it)."""
    if p is None:
        return "null"
    cls = type(p)
    if cls is str:
        return _quote(cast(str, p))
    if cls is int:
        return str(p)
    if cls is date:
        return _quote(str(p))
    return json.dumps(p, sort_keys=True, default=str, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    """A sentence span; ``furniture`` marks menu/banner/caption/heading lines, ``paragraph``
    counts the text's blocks (a line break in page text starts a new one)."""

    furniture: bool = False
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words in a document that support one field of a mention, event or claim."""

    doc_id: str
    start: int
    end: int
    text: str
    field: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "field": self.field,
        }


class Entity(NamedTuple):
    """A lexicon hit or a recognised value inside one sentence.

    ``kind`` is one of actor, place, weapon, trigger, number, date, cue;
    ``ref`` is the lexicon entry id (or a normalised value for numbers/dates);
    ``attrs`` holds kind-specific extras as a tuple of (key, value) pairs so the
    record stays hashable. A named tuple rather than a dataclass: a document has
    hundreds of these, and a tuple is made several times faster; it is as immutable.
    """

    kind: str
    start: int
    end: int
    text: str
    ref: str
    sentence: int
    attrs: tuple[tuple[str, Any], ...] = ()

    def attr(self, key: str, default: Any = None) -> Any:
        for k, v in self.attrs:
            if k == key:
                return v
        return default


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved location with its administrative divisions and precision."""

    id: str
    name: str
    country: str | None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = PLACE
    kind: str = "town"


@dataclass(frozen=True, slots=True)
class Mention:
    """One report's account of one event: the unit that fusion merges."""

    doc_id: str
    event_type: str
    sub_event_type: str
    event_date: date | None
    time_precision: int | None
    actor1: str | None
    actor2: str | None
    place: Place | None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    weapons: tuple[str, ...] = ()
    fatalities: int | None = None
    injuries: int | None = None
    claimed_by: str | None = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5
    sentence: int = 0
    # Content-derived id of this mention within its document, computed once (fusion asks often).
    key: str = field(init=False, repr=False, compare=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "key",
            content_id(
                self.doc_id,
                self.sub_event_type,
                self.event_date,
                self.actor1,
                self.actor2,
                self.place.id if self.place else None,
                self.sentence,
            ),
        )


@dataclass(frozen=True, slots=True)
class Source:
    doc_id: str
    url: str | None
    publisher: str | None
    published: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "url": self.url,
            "publisher": self.publisher,
            "published": self.published,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event, fused across every report that tells of it."""

    event_id: str
    event_date: date | None
    time_precision: int | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    assoc_actor_1: str | None
    actor2: str | None
    assoc_actor_2: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    injuries: int | None
    weapons: tuple[str, ...]
    claimed_by: str | None
    sources: tuple[Source, ...]
    notes: str
    evidence: tuple[Evidence, ...]
    confidence: float
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    place_id: str | None = None

    @property
    def source_count(self) -> int:
        return len({s.doc_id for s in self.sources})

    def as_dict(self) -> dict[str, Any]:
        """The record of DESIGN.md, as JSON-ready values."""
        return {
            "event_id": self.event_id,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "time_precision": self.time_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "assoc_actor_1": self.assoc_actor_1,
            "actor2": self.actor2,
            "assoc_actor_2": self.assoc_actor_2,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "fatalities": self.fatalities,
            "fatalities_low": self.fatalities_low,
            "fatalities_high": self.fatalities_high,
            "injuries": self.injuries,
            "weapons": list(self.weapons),
            "claimed_by": self.claimed_by,
            "sources": [s.as_dict() for s in self.sources],
            "source_count": self.source_count,
            "notes": self.notes,
            "evidence": [e.as_dict() for e in self.evidence],
            "confidence": round(self.confidence, 3),
            "place_id": self.place_id,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A tally a report states ("more than 110 attacks since October 7"), with who says so."""

    claim_id: str
    subject: str
    quantity: float
    qualifier: str | None
    unit: str
    period_start: date | None
    as_of: date | None
    attributed_to: str | None
    doc_id: str
    evidence: tuple[Evidence, ...] = ()
    location: str | None = None
    doc_ids: tuple[str, ...] = ()
    actor: str | None = None  # who carried out what is counted ("attacks ... by the IRI"), where said

    def as_dict(self) -> dict[str, Any]:
        q: float | int = int(self.quantity) if float(self.quantity).is_integer() else self.quantity
        return {
            "claim_id": self.claim_id,
            "subject": self.subject,
            "quantity": q,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "location": self.location,
            "actor": self.actor,
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "attributed_to": self.attributed_to,
            "doc_id": self.doc_id,
            "doc_ids": list(self.doc_ids or (self.doc_id,)),
            "evidence": [e.as_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Document:
    """A report: clean text plus metadata, enriched stage by stage."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: date | None = None
    origin: str | None = None
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()
    meta: tuple[tuple[str, Any], ...] = field(default=())

    @staticmethod
    def make_id(text: str, title: str | None = None, url: str | None = None) -> str:
        """Content-derived id: the same report read twice gets the same id.

        Whitespace is normalised so that a re-wrapped copy of a report is the same
        document; the url is not part of the id, so one report syndicated under
        two addresses is also stored once.
        """
        norm = " ".join(((title or "") + "\n" + text).split())
        return content_id(norm)


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _evidence(rows: list[dict[str, Any]] | None) -> tuple[Evidence, ...]:
    return tuple(Evidence(**r) for r in rows or ())


def place_as_dict(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {f.name: getattr(place, f.name) for f in fields(Place)}


def mention_as_dict(m: Mention) -> dict[str, Any]:
    """A JSON-ready form of a mention, for the store; :func:`mention_from_dict` reverses it."""
    return {
        "key": m.key,
        "doc_id": m.doc_id,
        "event_type": m.event_type,
        "sub_event_type": m.sub_event_type,
        "event_date": m.event_date.isoformat() if m.event_date else None,
        "time_precision": m.time_precision,
        "actor1": m.actor1,
        "actor2": m.actor2,
        "assoc_actor_1": m.assoc_actor_1,
        "assoc_actor_2": m.assoc_actor_2,
        "place": place_as_dict(m.place),
        "weapons": list(m.weapons),
        "fatalities": m.fatalities,
        "injuries": m.injuries,
        "claimed_by": m.claimed_by,
        "evidence": [e.as_dict() for e in m.evidence],
        "confidence": m.confidence,
        "sentence": m.sentence,
    }


def mention_from_dict(d: dict[str, Any]) -> Mention:
    return Mention(
        doc_id=d["doc_id"],
        event_type=d["event_type"],
        sub_event_type=d["sub_event_type"],
        event_date=_d(d.get("event_date")),
        time_precision=d.get("time_precision"),
        actor1=d.get("actor1"),
        actor2=d.get("actor2"),
        place=Place(**d["place"]) if d.get("place") else None,
        assoc_actor_1=d.get("assoc_actor_1"),
        assoc_actor_2=d.get("assoc_actor_2"),
        weapons=tuple(d.get("weapons") or ()),
        fatalities=d.get("fatalities"),
        injuries=d.get("injuries"),
        claimed_by=d.get("claimed_by"),
        evidence=_evidence(d.get("evidence")),
        confidence=d.get("confidence", 0.5),
        sentence=d.get("sentence", 0),
    )


def event_from_dict(d: dict[str, Any]) -> Event:
    """Rebuild an :class:`Event` from :meth:`Event.as_dict` output (as stored)."""
    return Event(
        event_id=d["event_id"],
        event_date=_d(d.get("event_date")),
        time_precision=d.get("time_precision"),
        event_type=d["event_type"],
        sub_event_type=d["sub_event_type"],
        actor1=d.get("actor1"),
        assoc_actor_1=d.get("assoc_actor_1"),
        actor2=d.get("actor2"),
        assoc_actor_2=d.get("assoc_actor_2"),
        country=d.get("country"),
        admin1=d.get("admin1"),
        admin2=d.get("admin2"),
        location=d.get("location"),
        latitude=d.get("latitude"),
        longitude=d.get("longitude"),
        geo_precision=d.get("geo_precision"),
        fatalities=d.get("fatalities"),
        injuries=d.get("injuries"),
        weapons=tuple(d.get("weapons") or ()),
        claimed_by=d.get("claimed_by"),
        sources=tuple(Source(**s) for s in d.get("sources") or ()),
        notes=d.get("notes") or "",
        evidence=_evidence(d.get("evidence")),
        confidence=d.get("confidence", 0.5),
        fatalities_low=d.get("fatalities_low"),
        fatalities_high=d.get("fatalities_high"),
        place_id=d.get("place_id"),
    )


def claim_from_dict(d: dict[str, Any]) -> Claim:
    return Claim(
        claim_id=d["claim_id"],
        subject=d["subject"],
        quantity=d["quantity"],
        qualifier=d.get("qualifier"),
        unit=d["unit"],
        period_start=_d(d.get("period_start")),
        as_of=_d(d.get("as_of")),
        attributed_to=d.get("attributed_to"),
        doc_id=d["doc_id"],
        evidence=_evidence(d.get("evidence")),
        location=d.get("location"),
        doc_ids=tuple(d.get("doc_ids") or ()),
        actor=d.get("actor"),
    )
