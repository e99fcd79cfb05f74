"""Load test of the HTTP API and dashboard: requests/s and latency percentiles under concurrency.

    python bench/api_load.py [--events 400] [--clients 100] [--seconds 10]

Fills a fresh SQLite store with a few hundred events written by this script
(invented reports over real places), starts ``sitroom.web.serve`` with
uvicorn in a subprocess on a loopback port, then runs ``--clients``
concurrent httpx clients, each issuing the next request as soon as the last
one answered, over a mix of GETs (filtered /events, /events.geojson, /claims,
/ the dashboard) for ``--seconds``. Prints requests/s and p50/p95/p99 latency
in milliseconds, overall and per kind of request. Target: p99 < 200 ms.

Client and server share this machine's cores, so the figures are a floor
for a server with the machine to itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.model import Claim, Document, Event, Evidence, Source, content_id  # noqa: E402
from sitroom.store import LedgerRow, open_store  # noqa: E402

# (location, admin1, country, latitude, longitude): real places of the theatre.
PLACES = [
    ("Erbil Air Base", "Erbil", "Iraq", 36.237, 43.963),
    ("Al Asad Air Base", "Al Anbar", "Iraq", 33.786, 42.441),
    ("Baghdad", "Baghdad", "Iraq", 33.315, 44.366),
    ("Mosul", "Nineveh", "Iraq", 36.340, 43.130),
    ("Kirkuk", "Kirkuk", "Iraq", 35.468, 44.392),
    ("Al-Qaim", "Al Anbar", "Iraq", 34.369, 41.095),
    ("Al-Tanf", "Homs", "Syria", 33.499, 38.619),
    ("Al-Shaddadi", "Al Hasakah", "Syria", 36.055, 40.731),
    ("Deir ez-Zor", "Deir ez-Zor", "Syria", 35.336, 40.141),
    ("Al-Bukamal", "Deir ez-Zor", "Syria", 34.453, 40.918),
    ("Rumeilan", "Al Hasakah", "Syria", 36.900, 41.650),
    ("Tower 22", "Mafraq", "Jordan", 33.321, 38.705),
    ("Hodeidah", "Al Hudaydah", "Yemen", 14.798, 42.954),
    ("Sanaa", "Amanat al Asimah", "Yemen", 15.369, 44.191),
]
ACTORS = [
    "Islamic Resistance in Iraq",
    "Kataib Hezbollah",
    "Harakat al-Nujaba",
    "Unidentified Armed Group (Iraq)",
    "Military Forces of the United States",
    "Military Forces of Iraq",
    "Ansar Allah",
]
TYPES = [
    ("Explosions/Remote violence", "Air/drone strike", "drone", "a one-way attack drone struck"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "rocket", "rockets hit"),
    ("Strategic developments", "Disrupted weapons use", "drone", "air defences shot down a drone over"),
    ("Battles", "Armed clash", "small arms", "gunmen clashed with troops near"),
    ("Violence against civilians", "Attack", "small arms", "gunmen fired on a minibus near"),
]
START = date(2023, 10, 17)
WARM_S = 2.0


def build(db: str, n_events: int, seed: int = 7) -> None:
    """Write ``n_events`` events, one to three reports each, and a claims ledger."""
    rng = random.Random(seed)
    documents: list[Document] = []
    events: list[Event] = []
    ledger: list[LedgerRow] = []
    for i in range(n_events):
        place = rng.choice(PLACES)
        kind = rng.choice(TYPES)
        day = START + timedelta(days=rng.randrange(100))
        actor1, actor2 = rng.sample(ACTORS, 2)
        killed = rng.choice([None, 0, 0, 1, 2, 3, 5])
        sources, evidence = [], []
        for k in range(rng.randint(1, 3)):
            sentence = f"On {day:%B %d}, {kind[3]} {place[0]}, officials said."
            tail = f" {actor1} said it carried out the operation." if k == 0 else " No group said it acted."
            text = f"{sentence}{tail} Report {i}-{k}."
            title = f"{kind[1]} at {place[0]}"
            doc = Document(
                id=Document.make_id(text, title),
                text=text,
                title=title,
                url=f"https://news.example.org/{i}/{k}",
                publisher=rng.choice(["Example Wire", "Regional Desk", "Monitor Daily"]),
                published=day + timedelta(days=1),
            )
            documents.append(doc)
            ledger.append(LedgerRow(f"bench:{i}:{k}", None, doc.id, "ok", None, "2024-02-01T00:00:00+00:00"))
            sources.append(Source(doc.id, doc.url, doc.publisher, doc.published.isoformat()))
            start = text.index(kind[3])
            evidence.append(Evidence(doc.id, start, start + len(kind[3]), kind[3], "event_type"))
        events.append(
            Event(
                event_id=content_id("bench", i),
                event_date=day,
                time_precision=1,
                event_type=kind[0],
                sub_event_type=kind[1],
                actor1=actor1,
                assoc_actor_1=None,
                actor2=actor2,
                assoc_actor_2=None,
                country=place[2],
                admin1=place[1],
                admin2=None,
                location=place[0],
                latitude=None if i % 25 == 0 else place[3] + rng.uniform(-0.05, 0.05),
                longitude=None if i % 25 == 0 else place[4] + rng.uniform(-0.05, 0.05),
                geo_precision=1,
                fatalities=killed,
                injuries=rng.choice([None, 0, 1, 4]),
                weapons=(kind[2],),
                claimed_by=actor1 if rng.random() < 0.3 else None,
                sources=tuple(sources),
                notes=f"{kind[1]} at {place[0]}.",
                evidence=tuple(evidence),
                confidence=0.7,
            )
        )
    claims = []
    for j, doc in enumerate(documents[:: max(1, len(documents) // 20)]):
        claims.append(
            Claim(
                claim_id=content_id("claim", j),
                subject="attacks on U.S. forces",
                quantity=60 + 5 * j,
                qualifier="more than",
                unit="attacks",
                period_start=START,
                as_of=START + timedelta(days=10 + 4 * j),
                attributed_to="Pentagon",
                doc_id=doc.id,
            )
        )
    by_doc = defaultdict(list)
    for c in claims:
        by_doc[c.doc_id].append(c)
    documents = [replace(d, claims=tuple(by_doc[d.id])) for d in documents]
    with open_store(db) as store:
        store.write_batch(ledger=ledger, documents=documents, events=events, links=[])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request_mix(rng: random.Random) -> tuple[str, str]:
    """(kind, path) of the next request: mostly filtered event pages, some maps and dashboards."""
    roll = rng.random()
    if roll < 0.30:
        country = rng.choice(["Iraq", "Syria", "Jordan", "Yemen"])
        return "events?country", f"/events?country={country}&limit=50"
    if roll < 0.45:
        since = START + timedelta(days=rng.randrange(90))
        return "events?type&since", f"/events?type=Air/drone%20strike&since={since.isoformat()}&limit=100"
    if roll < 0.55:
        return "events?bbox", "/events?bbox=38,32,45,37.5&limit=100"
    if roll < 0.75:
        return "events.geojson", "/events.geojson?limit=500"
    if roll < 0.90:
        return "claims", "/claims"
    return "dashboard /", "/"


@dataclass
class Sample:
    kind: str
    ms: float
    status: int
    at: float  # when the request was sent, seconds after the start


class Connection:
    """One keep-alive HTTP/1.1 connection over asyncio streams.

    A deliberately thin client: it writes a GET and reads the status line,
    the headers and Content-Length bytes. httpx spends a millisecond or more of
    CPU per request on this machine, and client and server share the cores, so
    with httpx the figures would measure the client as much as the server.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode("ascii"))
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = next(
            int(v) for k, _, v in (ln.partition(":") for ln in lines[1:]) if k.lower() == "content-length"
        )
        await self.reader.readexactly(length)
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            await self.writer.wait_closed()


async def client(
    conn: Connection, http: httpx.AsyncClient | None, start: float, until: float, seed: int, out: list[Sample]
) -> None:
    rng = random.Random(seed)
    while time.perf_counter() < until:
        kind, path = request_mix(rng)
        t0 = time.perf_counter()
        try:
            status = (await http.get(path)).status_code if http else await conn.get(path)
        except (OSError, asyncio.IncompleteReadError, httpx.HTTPError):
            status = 0
            await conn.close()
            conn = Connection(conn.host, conn.port)
        out.append(Sample(kind, (time.perf_counter() - t0) * 1000, status, t0 - start))
    await conn.close()
    if http:
        await http.aclose()


async def load(
    host: str, port: int, clients: int, seconds: float, use_httpx: bool
) -> tuple[list[Sample], float]:
    # Warm up: let the server decode its map and make each kind of answer once.
    warm = Connection(host, port)
    for path in ("/health", "/", "/claims", "/events.geojson?limit=500"):
        await warm.get(path)
    await warm.close()
    # Every client connects before the clock starts: the figures are for requests, not handshakes.
    conns = [Connection(host, port) for _ in range(clients)]
    https = [
        httpx.AsyncClient(base_url=f"http://{host}:{port}", timeout=30) if use_httpx else None for _ in conns
    ]
    for conn, http in zip(conns, https, strict=True):
        await (http.get("/health") if http else conn.get("/health"))
    samples: list[Sample] = []
    t0 = time.perf_counter()
    until = t0 + seconds
    await asyncio.gather(
        *(client(c, h, t0, until, i, samples) for i, (c, h) in enumerate(zip(conns, https, strict=True)))
    )
    return samples, time.perf_counter() - t0


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(samples: list[Sample], elapsed: float) -> None:
    ok = [s for s in samples if s.status == 200]
    print(f"requests: {len(samples)} in {elapsed:.1f} s, errors: {len(samples) - len(ok)}")
    print(f"{'kind':<20} {'n':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    groups: dict[str, list[float]] = defaultdict(list)
    for s in ok:
        groups[s.kind].append(s.ms)
    for kind in sorted(groups):
        ms = groups[kind]
        print(
            f"{kind:<20} {len(ms):>6} {len(ms) / elapsed:>8.1f} {pct(ms, 50):>8.1f} {pct(ms, 95):>8.1f} {pct(ms, 99):>8.1f}"
        )
    all_ms = [s.ms for s in ok]
    if not all_ms:
        return
    line = "{:<20} {:>6} {:>8.1f} {:>8.1f} {:>8.1f} {:>8.1f}   (mean {:.1f} ms)"
    print(
        line.format(
            "ALL",
            len(all_ms),
            len(all_ms) / elapsed,
            *(pct(all_ms, p) for p in (50, 95, 99)),
            statistics.fmean(all_ms),
        )
    )
    # The first seconds hold every answer's first making (each distinct query misses the cache once).
    later = [s.ms for s in ok if s.at >= WARM_S]
    if later:
        print(
            line.format(
                f"ALL after {WARM_S:.0f} s",
                len(later),
                len(later) / (elapsed - WARM_S),
                *(pct(later, p) for p in (50, 95, 99)),
                statistics.fmean(later),
            )
        )
    p99 = pct(all_ms, 99)
    print(f"p99 {p99:.1f} ms over the whole run: {'meets' if p99 < 200 else 'misses'} the 200 ms target")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=400)
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--httpx", action="store_true", help="use httpx clients instead of the thin built-in one")
    ap.add_argument("--no-cache", action="store_true", help="start the server with its answer cache off")
    ap.add_argument(
        "--corpus",
        help="code this folder of reports into the store instead of writing synthetic events "
        "(e.g. ../shared/eval/dev/docs)",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as tmp:
        db = str(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        if args.corpus:
            from sitroom.pipeline import run

            with open_store(db) as store:
                summary = run([args.corpus], store)
                n = store.count_events()
            print(f"store: {args.corpus} coded, {summary.line()}; {n} events ({db})")
        else:
            build(db, args.events)
            print(f"store: {args.events} events written in {time.perf_counter() - t0:.2f} s ({db})")
        port = free_port()
        if args.no_cache:
            code = (
                "import uvicorn; from sitroom.web import create_app; "
                f"uvicorn.run(create_app({db!r}, cache_size=0), port={port}, log_level='info')"
            )
        else:
            code = f"from sitroom.web import serve; serve({db!r}, port={port})"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        log = open(Path(tmp) / "server.log", "w+")  # noqa: SIM115 (closed below, after the server)
        server = subprocess.Popen(
            [sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL, stderr=log
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(base + "/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    log.seek(0)
                    sys.exit(f"server did not start: {log.read()}")
                time.sleep(0.1)
            cache = "off" if args.no_cache else "on"
            print(f"server: uvicorn, 1 process, answer cache {cache}, on {base}")
            print(
                f"machine: {os.cpu_count()} CPU cores shared by server and clients, "
                f"load average {os.getloadavg()[0]:.2f} before the run"
            )
            kind = "httpx" if args.httpx else "thin asyncio"
            print(f"load: {args.clients} concurrent {kind} clients, closed loop, for {args.seconds:.0f} s")
            samples, elapsed = asyncio.run(load("127.0.0.1", port, args.clients, args.seconds, args.httpx))
            report(samples, elapsed)
        finally:
            server.terminate()
            server.wait(timeout=10)
            log.close()


if __name__ == "__main__":
    main()
