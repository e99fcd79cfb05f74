"""Fusion at scale: mentions/s, time and peak memory of sitroom.fuse.fuse over synthetic mentions.

    python bench/fusion.py [--mentions 1000000] [--mode chunks|single] [--max-seconds 900] [--profile]

Generates ``--mentions`` Mentions (default 10^6) of invented events spread over
two years, about 50 countries and 3,000 places (towns and bases, plus each
province as a vaguer place), with a realistic duplicate rate: 30 % of events
are told by 2 to 5 reports, which differ the way reports do (a day off, the
province instead of the town, an unidentified attacker, other figures). The
mentions are grouped into documents of one to three, in the order reports
would arrive.

``--mode chunks`` (the default) fuses them the way a run does: batches of 200
documents placed one after another into one ``Fuser``, whose events and index
persist between batches (a run's MentionWindow). ``--mode
single`` fuses everything in one call. Every tenth of the way it prints the
rate over that tenth, so a rate that falls as the data grows shows at once;
at the end, mentions/s, total seconds, peak RSS (resource.getrusage), the
number of events and a digest of which mention joined which event (equal
digests before and after a change to fuse.py mean it fuses the same). ``--max-seconds`` stops early and says how far it got and
what the whole would take at the last rate; ``--profile`` prints where fusion
spent its time (cProfile, top 25 by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import random
import resource
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.fuse import Fuser, fuse  # noqa: E402  (needs the path above)
from sitroom.model import DAY, MONTH, PLACE, REGION, WEEK, Evidence, Mention, Place, Source  # noqa: E402

FIRST_DAY = date(2023, 1, 1)
SPAN_DAYS = 730
DOCS_PER_BATCH = 200
COUNTRIES = (
    "Afghanistan", "Algeria", "Angola", "Armenia", "Azerbaijan", "Bangladesh", "Benin", "Burkina Faso",
    "Burundi", "Cameroon", "Central African Republic", "Chad", "Colombia", "Democratic Republic of Congo",
    "Egypt", "Ethiopia", "Haiti", "India", "Iran", "Iraq", "Israel", "Jordan", "Kenya", "Lebanon", "Libya",
    "Mali", "Mauritania", "Mexico", "Mozambique", "Myanmar", "Niger", "Nigeria", "Pakistan", "Palestine",
    "Philippines", "Russia", "Rwanda", "Saudi Arabia", "Somalia", "South Sudan", "Sudan", "Syria",
    "Tanzania", "Thailand", "Togo", "Tunisia", "Turkey", "Uganda", "Ukraine", "Yemen",
)  # fmt: skip
# (event_type, sub_event_type, weight): roughly the mix of a conflict dataset.
TYPES = (
    ("Battles", "Armed clash", 30),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 15),
    ("Explosions/Remote violence", "Air/drone strike", 15),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 5),
    ("Violence against civilians", "Attack", 15),
    ("Violence against civilians", "Abduction/forced disappearance", 4),
    ("Strategic developments", "Disrupted weapons use", 6),
    ("Strategic developments", "Looting/property destruction", 3),
    ("Protests", "Peaceful protest", 5),
    ("Riots", "Violent demonstration", 2),
)
PLACES_PER_COUNTRY = 60
PROVINCES_PER_COUNTRY = 5


class World:
    """The invented places and actors the events happen among."""

    def __init__(self, rng: random.Random) -> None:
        self.places: list[Place] = []
        self.provinces: dict[tuple[str, str], Place] = {}
        self.actors: dict[str, list[str]] = {}
        for c, country in enumerate(COUNTRIES):
            lat, lon = -30 + (c * 7.3) % 60, -80 + (c * 23.9) % 180
            provinces = [f"{country} Province {k + 1}" for k in range(PROVINCES_PER_COUNTRY)]
            for k, name in enumerate(provinces):
                self.provinces[(country, name)] = Place(
                    f"a1:{c}:{k}", name, country, name, None, lat + k, lon + k, REGION, "admin1"
                )
            for k in range(PLACES_PER_COUNTRY):
                province = provinces[k % PROVINCES_PER_COUNTRY]
                kind = "base" if k % 9 == 0 else "town"
                self.places.append(
                    Place(
                        id=f"p:{c}:{k}",
                        name=f"Town {c}-{k}",
                        country=country,
                        admin1=province,
                        admin2=f"{province} District {k % 3}",
                        latitude=round(lat + rng.uniform(-2, 2), 4),
                        longitude=round(lon + rng.uniform(-2, 2), 4),
                        geo_precision=PLACE,
                        kind=kind,
                    )
                )
            self.actors[country] = [
                f"Military Forces of {country}",
                f"Police Forces of {country}",
                f"{country} Liberation Front",
                f"Islamic State ({country})",
                f"Militia ({country})",
                f"Civilians ({country})",
            ]


def mentions(n: int, seed: int = 5) -> tuple[list[list[Mention]], int]:
    """``n`` mentions grouped into documents in arrival order, and the number of real events."""
    rng = random.Random(seed)
    world = World(rng)
    types = [(t, s) for t, s, _ in TYPES]
    weights = [w for _, _, w in TYPES]
    told: list[tuple[int, int, int, Mention]] = []  # (report day, tie-break, event, mention without doc id)
    events = 0
    while len(told) < n:
        events += 1
        day = rng.randrange(SPAN_DAYS)
        event_type, sub = rng.choices(types, weights)[0]
        place = rng.choice(world.places)
        actors = world.actors[place.country or ""]
        a1, a2 = rng.sample(actors, 2)
        fatalities = rng.choice((0, 0, 0, 1, 2, 3, 5, 8, 12, 20))
        copies = 1 if rng.random() < 0.7 else rng.randint(2, 5)
        for _ in range(min(copies, n - len(told))):
            m = _retold(rng, world, day, event_type, sub, a1, a2, place, fatalities)
            told.append((day + rng.randint(0, 2), rng.getrandbits(32), events, m))
    told.sort(key=lambda t: (t[0], t[1]))
    return _documents(rng, told), events


def _retold(
    rng: random.Random, world: World, day: int, event_type: str, sub: str,
    a1: str, a2: str, place: Place, fatalities: int,
) -> Mention:  # fmt: skip
    """One report's account of an event: mostly right, sometimes vaguer or a day off."""
    precision = DAY if rng.random() < 0.93 else (WEEK if rng.random() < 0.7 else MONTH)
    when = FIRST_DAY + timedelta(days=day + (rng.choice((-1, 1)) if rng.random() < 0.1 else 0))
    where: Place | None = place
    if rng.random() < 0.15:
        where = world.provinces[(place.country or "", place.admin1 or "")]
    elif rng.random() < 0.03:
        where = None
    return Mention(
        doc_id="",
        event_type=event_type,
        sub_event_type=sub,
        event_date=when if rng.random() > 0.01 else None,
        time_precision=precision,
        actor1=a1 if rng.random() > 0.2 else f"Unidentified Armed Group ({place.country})",
        actor2=a2 if rng.random() > 0.3 else None,
        place=where,
        weapons=("drone",) if sub == "Air/drone strike" else (),
        fatalities=max(0, fatalities + rng.randint(-1, 2)) if fatalities else 0,
        injuries=rng.choice((None, None, 0, 1, 4)),
        confidence=round(rng.uniform(0.4, 0.9), 2),
    )


def _documents(rng: random.Random, told: list[tuple[int, int, int, Mention]]) -> list[list[Mention]]:
    """Consecutive mentions, one to three to a document, never two of one event in one document."""
    docs: list[list[Mention]] = []
    current: list[Mention] = []
    current_events: set[int] = set()
    size = rng.randint(1, 3)
    for _, _, event, m in told:
        if len(current) >= size or event in current_events:
            docs.append(current)
            current, current_events, size = [], set(), rng.randint(1, 3)
        current.append(m)
        current_events.add(event)
    if current:
        docs.append(current)
    return [[_with_doc(m, f"doc{n:07d}", s) for s, m in enumerate(doc)] for n, doc in enumerate(docs)]


def _with_doc(m: Mention, doc_id: str, sentence: int) -> Mention:
    ev = (Evidence(doc_id, 10 * sentence, 10 * sentence + 24, "forces clashed near town", "sub_event_type"),)
    return Mention(
        doc_id, m.event_type, m.sub_event_type, m.event_date, m.time_precision, m.actor1, m.actor2, m.place,
        weapons=m.weapons, fatalities=m.fatalities, injuries=m.injuries, evidence=ev,
        confidence=m.confidence, sentence=sentence,
    )  # fmt: skip


def batches(docs: list[list[Mention]], size: int) -> Iterator[list[Mention]]:
    for start in range(0, len(docs), size):
        yield [m for d in docs[start : start + size] for m in d]


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_chunks(docs: list[list[Mention]], total: int, max_seconds: float, profiler: cProfile.Profile | None):
    """Batch after batch into one Fuser, as a run does (its MentionWindow keeps the fusion state)."""
    fuser = Fuser()
    digest = hashlib.sha256()
    events: set[str] = set()
    done = 0
    started = last_t = time.perf_counter()
    last_done = 0
    step = max(1, total // 10)
    for batch in batches(docs, DOCS_PER_BATCH):
        sources = {m.doc_id: Source(m.doc_id, None, "Bench Wire", None) for m in batch}
        if profiler is not None:
            profiler.enable()
        result = fuser.place(batch, sources)
        if profiler is not None:
            profiler.disable()
        for event_id, key in result.links:
            digest.update(f"{event_id}:{key};".encode())
        events.update(e for e, _ in result.links)
        done += len(batch)
        now = time.perf_counter()
        if done - last_done >= step or done == total:
            print(f"  {done:>9} mentions  {now - started:>8.1f} s  {(done - last_done) / (now - last_t):>9.0f} "
                  f"mentions/s over the last stretch  {len(fuser.clusters):>8} events so far")  # fmt: skip
            last_done, last_t = done, now
        if now - started > max_seconds:
            break
    return done, len(events), time.perf_counter() - started, digest.hexdigest()[:16]


def run_single(docs: list[list[Mention]], profiler: cProfile.Profile | None):
    flat = [m for d in docs for m in d]
    sources = {d[0].doc_id: Source(d[0].doc_id, None, "Bench Wire", None) for d in docs if d}
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    result = fuse(flat, (), sources)
    if profiler is not None:
        profiler.disable()
    seconds = time.perf_counter() - started
    digest = hashlib.sha256("".join(f"{e}:{k};" for e, k in result.links).encode()).hexdigest()[:16]
    return len(flat), len(result.events), seconds, digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--mode", choices=("chunks", "single"), default="chunks")
    parser.add_argument(
        "--max-seconds", type=float, default=float("inf"), help="stop after this long (chunks)"
    )
    parser.add_argument("--profile", action="store_true", help="print where fuse() spent its time")
    args = parser.parse_args()
    t0 = time.perf_counter()
    docs, real_events = mentions(args.mentions)
    total = sum(len(d) for d in docs)
    print(f"generated {total} mentions in {len(docs)} documents of {real_events} real events "
          f"in {time.perf_counter() - t0:.1f} s; peak RSS so far {peak_mib():.0f} MiB")  # fmt: skip
    profiler = cProfile.Profile() if args.profile else None
    if args.mode == "chunks":
        done, events, seconds, digest = run_chunks(docs, total, args.max_seconds, profiler)
    else:
        done, events, seconds, digest = run_single(docs, profiler)
    print(f"mode {args.mode}: fused {done} of {total} mentions into {events} events in {seconds:.1f} s: "
          f"{done / seconds:.0f} mentions/s; peak RSS {peak_mib():.0f} MiB; links digest {digest}")  # fmt: skip
    if done < total:
        print(f"stopped at --max-seconds: all {total} would take at least {total * seconds / done:.0f} s at the "
              "rate so far (more where the rate is still falling)")  # fmt: skip
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
