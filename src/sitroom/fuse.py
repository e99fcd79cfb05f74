"""Fusion: mentions of the same real-world event, across reports, become one Event.

Two mentions are of one event when their types agree, their dates fall within
their precision of each other, one place is the other or lies inside it, and
their actors do not contradict each other. Two mentions of one document are
never merged here: the extractor has already joined what one report tells
twice, so what it kept apart is apart (two bases struck on one day).

Blocking keeps this near linear: events are indexed by (event type, day), and
a mention is compared only with events of its type within its date window;
undated mentions are compared with events at the same place.

Event ids are stable: an event keeps the id it was given when first stored,
whatever reports join it later; a new event's id derives from its first
mention. Figures are reconciled by ACLED's conservative rule: where reports
differ, the event takes the lowest reported number, and keeps the range.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sitroom.geo import distance_km
from sitroom.model import MONTH, WEEK, Event, Evidence, Mention, Place, Source, content_id

UNIDENTIFIED = ("Unidentified", "unidentified")
_REMOTE = "Explosions/Remote violence"
_SHIFTING_DAY = re.compile(
    r"night|overnight|late|evening|dawn|midnight|\b(?:EST|EDT|ET|GMT|UTC)\b", re.IGNORECASE
)
_SLACK = {None: 0, 1: 1, WEEK: 7, MONTH: 31}


@dataclass(slots=True, eq=False)
class Cluster:
    """The mentions of one event; compared by identity (an index holds many).

    ``shapes`` keeps one member per distinct combination of the fields that fusion compares
    (see :func:`_shape`): an event told by hundreds of reports that agree is compared with
    the few ways they tell it, not with every one of them, and the result is the same.
    """

    event_id: str
    mentions: list[Mention] = field(default_factory=list)
    doc_ids: set[str] = field(default_factory=set)
    shapes: dict[tuple, Mention] = field(default_factory=dict)

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self.doc_ids.add(m.doc_id)
        self.shapes.setdefault(_shape(m), m)


def _shape(m: Mention) -> tuple:
    """Every field that :func:`compatible` reads: mentions equal here compare alike."""
    return (m.event_type, m.sub_event_type, m.event_date, m.time_precision, m.place, m.actor1, m.actor2)


@dataclass(frozen=True, slots=True)
class FusionResult:
    events: tuple[Event, ...]  # new or changed events
    links: tuple[tuple[str, str], ...]  # (event_id, mention key) for every mention placed
    removed: tuple[str, ...] = ()


def event_id_for(m: Mention) -> str:
    return content_id("event", m.key)


SourceLookup = Callable[[set[str]], dict[str, Source]]


class Fuser:
    """Events being built: stored mentions are added once, new ones placed batch after batch.

    Keeping the clusters and their index between batches makes a run's fusion cost grow with
    what it adds, not with what is stored around it.
    """

    def __init__(self) -> None:
        self.clusters: dict[str, Cluster] = {}
        self.index = _Index()
        self.known: set[str] = set()

    def add_existing(self, pairs: Iterable[tuple[Mention, str | None]]) -> None:
        """Stored (mention, event id) pairs; a mention already known is skipped."""
        for m, eid in pairs:
            if eid is None or m.key in self.known:
                continue
            c = self.clusters.get(eid)
            if c is None:
                c = self.clusters[eid] = Cluster(eid)
            c.add(m)
            self.index.add(c, m)
            self.known.add(m.key)

    def place(
        self, new: Sequence[Mention], sources: dict[str, Source] | SourceLookup | None = None
    ) -> FusionResult:
        """Join each new mention to the event it fits best, or start one; the events touched."""
        touched: dict[str, Cluster] = {}
        links = []
        for m in sorted(new, key=_order):
            if m.key in self.known:
                continue  # placed before (a re-read document)
            best = _best(m, self.index.candidates(m))
            if best is None:
                best = self.clusters[event_id_for(m)] = Cluster(event_id_for(m))
            best.add(m)
            self.index.add(best, m)
            self.known.add(m.key)
            touched[best.event_id] = best
            links.append((best.event_id, m.key))
        if callable(sources):
            sources = sources({m.doc_id for c in touched.values() for m in c.mentions})
        events = tuple(build_event(c, sources or {}) for c in touched.values())
        return FusionResult(events, tuple(links))


def fuse(
    new: Sequence[Mention],
    existing: Iterable[tuple[Mention, str | None]] = (),
    sources: dict[str, Source] | SourceLookup | None = None,
) -> FusionResult:
    """Place ``new`` mentions among the events of ``existing`` (mention, event id) pairs."""
    fuser = Fuser()
    fuser.add_existing(existing)
    return fuser.place(new, sources)


def _order(m: Mention) -> tuple:
    return (m.event_date or date.max, m.doc_id, m.sentence, m.key)


class _Index:
    """Blocking for fusion: a mention is compared only with events that could be the same event.

    A member of an event is filed under its type, country and first-level division, in every
    stretch of days its date may reach (its own slack); a mention then looks in the stretches its
    own slack reaches, under its division, under "nowhere more precise than the country" and under
    "placed nowhere" -- or, said of a whole country, under that country's every division.
    """

    STRETCH = 8  # days per index bucket

    def __init__(self) -> None:
        self.by_admin: dict[tuple, dict[str, Cluster]] = defaultdict(dict)  # (type, country, admin1, bucket)
        self.by_country: dict[tuple, dict[str, Cluster]] = defaultdict(dict)  # (type, country, bucket)
        self.by_type: dict[tuple, dict[str, Cluster]] = defaultdict(dict)  # (type, bucket)
        self.undated: dict[tuple[str, str], dict[str, Cluster]] = defaultdict(dict)

    def add(self, c: Cluster, m: Mention | None = None) -> None:
        for x in [m] if m is not None else c.mentions:
            country, admin1 = _where(x)
            if x.event_date is None:
                self.undated[(x.event_type, country)][c.event_id] = c
                continue
            for bucket in self._buckets(x):
                self.by_admin[(x.event_type, country, admin1, bucket)][c.event_id] = c
                self.by_country[(x.event_type, country, bucket)][c.event_id] = c
                self.by_type[(x.event_type, bucket)][c.event_id] = c

    def candidates(self, m: Mention) -> list[Cluster]:
        country, admin1 = _where(m)
        if m.event_date is None:
            found = dict(self.undated.get((m.event_type, country), {}))
            if country:
                found.update(self.undated.get((m.event_type, ""), {}))
            return list(found.values())
        out: dict[str, Cluster] = {}
        t = m.event_type
        for bucket in self._buckets(m):
            if not country:
                out.update(self.by_type.get((t, bucket), {}))  # a mention placed nowhere fits anywhere
                continue
            if admin1:
                out.update(self.by_admin.get((t, country, admin1, bucket), {}))
                out.update(self.by_admin.get((t, country, "", bucket), {}))
            else:
                out.update(self.by_country.get((t, country, bucket), {}))
            out.update(self.by_admin.get((t, "", "", bucket), {}))
        return list(out.values())

    def _buckets(self, m: Mention) -> range:
        day = m.event_date.toordinal()  # type: ignore[union-attr]
        slack = max(_SLACK.get(m.time_precision, 1), 1)
        return range((day - slack) // self.STRETCH, (day + slack) // self.STRETCH + 1)


def _where(m: Mention) -> tuple[str, str]:
    if m.place is None:
        return "", ""
    return m.place.country or "", m.place.admin1 or ""


def _best(m: Mention, cands: list[Cluster]) -> Cluster | None:
    scored = []
    for c in cands:
        if m.doc_id in c.doc_ids:
            continue
        score = _fit(m, c)
        if score is not None:
            scored.append((score, c.event_id, c))
    if not scored:
        return None
    scored.sort(key=lambda s: (-s[0], s[1]))
    return scored[0][2]


def _fit(m: Mention, c: Cluster) -> float | None:
    """How well a mention fits an event, or None where it cannot be the same event."""
    total = 0.0
    for o in c.shapes.values():
        s = compatible(m, o)
        if s is None:
            return None
        total = max(total, s)
    return total


def compatible(a: Mention, b: Mention) -> float | None:
    if a.event_type != b.event_type:
        return None
    if a.event_date and b.event_date:
        slack = max(_SLACK.get(a.time_precision, 1), _SLACK.get(b.time_precision, 1), 1)
        if abs((a.event_date - b.event_date).days) > slack:
            return None
        if a.event_date != b.event_date and a.event_type == _REMOTE and _own_day(a) and _own_day(b):
            # "on Thursday afternoon" and "this morning", each in its own words: two strikes (a fight
            # or a town's fall may run over both days)
            return None
    elif a.event_date or b.event_date:
        return None  # an undated mention joins only undated ones
    place = _place_fit(a.place, b.place)
    if place is None:
        return None
    for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)):
        if x and y and x != y and not (x.startswith(UNIDENTIFIED) or y.startswith(UNIDENTIFIED)):
            return None
    score = place
    if a.event_date == b.event_date:
        score += 1
    if a.sub_event_type == b.sub_event_type:
        score += 1
    if a.actor1 and a.actor1 == b.actor1:
        score += 1
    return score


def _own_day(m: Mention) -> bool:
    """Whether the mention's day is in its report's own words, and a daytime one: a night ("overnight",
    "late on Monday") or a clock of another zone may be written down as either of two days."""
    words = [e.text for e in m.evidence if e.field == "event_date"]
    return m.time_precision == 1 and bool(words) and not any(_SHIFTING_DAY.search(w) for w in words)


def _place_fit(a: Place | None, b: Place | None) -> float | None:
    if a is None or b is None:
        return 0.5  # a mention that says nowhere fits any place
    if a.id == b.id:
        return 3.0
    if a.country != b.country:
        return None
    if a.kind == "country" or b.kind == "country":
        return 1.0
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return None
    if a.kind in ("admin1", "region") or b.kind in ("admin1", "region"):
        return 1.5
    if _near(a, b):
        return 2.0
    return None


def _near(a: Place, b: Place, km: float = 15.0) -> bool:
    return distance_km(a, b) <= km


# -- the event record ------------------------------------------------------------------


def build_event(c: Cluster, sources: dict[str, Source]) -> Event:
    ms = sorted(c.mentions, key=_order)
    best_precision = (
        min((m.time_precision or 9) for m in ms if m.event_date) if any(m.event_date for m in ms) else None
    )
    dated = [m for m in ms if m.event_date and (m.time_precision or 9) == best_precision]
    day = _vote([m.event_date for m in dated], [m.confidence for m in dated]) if dated else None
    place = min(
        (m.place for m in ms if m.place), key=lambda p: (p.geo_precision, _kind_rank(p.kind)), default=None
    )
    sub = _vote([m.sub_event_type for m in ms], [m.confidence for m in ms])
    event_type = next(m.event_type for m in ms if m.sub_event_type == sub)
    actor1 = _actor([m.actor1 for m in ms])
    actor2 = _actor([m.actor2 for m in ms])
    fat = [m.fatalities for m in ms if m.fatalities]
    inj = [m.injuries for m in ms if m.injuries is not None]
    injuries_pos = [i for i in inj if i > 0]
    claimed = (
        _vote([m.claimed_by for m in ms if m.claimed_by], [1.0] * len(ms))
        if any(m.claimed_by for m in ms)
        else None
    )
    weapons = tuple(dict.fromkeys(w for m in ms for w in m.weapons))
    doc_ids = list(dict.fromkeys(m.doc_id for m in ms))
    srcs = tuple(sources.get(d) or Source(d, None, None, None) for d in doc_ids)
    evidence: list[Evidence] = list(dict.fromkeys(e for m in ms for e in m.evidence))
    confidence = 1.0
    for m in ms:
        confidence *= 1 - m.confidence
    fatalities = min(fat) if fat else 0
    ev = Event(
        event_id=c.event_id,
        event_date=day,
        time_precision=best_precision if day else None,
        event_type=event_type,
        sub_event_type=sub,
        actor1=actor1,
        assoc_actor_1=_actor([m.assoc_actor_1 for m in ms if m.assoc_actor_1 != actor1]),
        actor2=actor2,
        assoc_actor_2=_actor([m.assoc_actor_2 for m in ms if m.assoc_actor_2 != actor2]),
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None,
        location=place.name if place and place.kind not in ("country",) else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.geo_precision if place else None,
        fatalities=fatalities,
        injuries=min(injuries_pos) if injuries_pos else (0 if inj else None),
        weapons=weapons,
        claimed_by=claimed,
        sources=srcs,
        notes="",
        evidence=tuple(evidence),
        confidence=round(min(0.99, 1 - confidence), 3),
        fatalities_low=min(fat) if fat else None,
        fatalities_high=max(fat) if fat else None,
        place_id=place.id if place else None,
    )
    return _with_notes(ev)


def _kind_rank(kind: str) -> int:
    order = ("base", "airport", "port", "facility", "town", "district", "admin1", "region", "sea", "strait")
    return order.index(kind) if kind in order else len(order)


def _vote(values: list, weights: list[float]):
    tally: defaultdict[object, float] = defaultdict(float)
    first: dict = {}
    for v, w in zip(values, weights, strict=False):
        tally[v] += 1 + w / 10
        first.setdefault(v, len(first))
    return max(tally, key=lambda v: (tally[v], -first[v]))


def _actor(values: list[str | None]) -> str | None:
    named = [v for v in values if v and not v.startswith(UNIDENTIFIED)]
    pool = named or [v for v in values if v]
    return _vote(pool, [1.0] * len(pool)) if pool else None


def _with_notes(e: Event) -> Event:
    who = e.actor1 or "An unidentified side"
    whom = f" against {e.actor2}" if e.actor2 else ""
    where = ", ".join(dict.fromkeys(x for x in (e.location, e.admin1, e.country) if x))
    when = f"On {e.event_date.isoformat()}" if e.event_date else "On an unknown date"
    with_ = f" using {', '.join(e.weapons)}" if e.weapons else ""
    harm = f"; {e.fatalities} killed" if e.fatalities else ""
    harm += f", {e.injuries} injured" if e.injuries else ""
    claim = f"; claimed by {e.claimed_by}" if e.claimed_by else ""
    sources = f" ({e.source_count} source{'s' if e.source_count != 1 else ''})"
    note = f"{when}, {who}: {e.sub_event_type.lower()}{whom}{' in ' + where if where else ''}{with_}{harm}{claim}{sources}."
    return replace(e, notes=note)
