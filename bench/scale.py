"""Scale-out on Dask: documents/s plainly and on local clusters of 1 and 2 workers.

    python bench/scale.py [--docs 100000] [--batch-size 200] [--workers 1,2]

Builds a synthetic corpus by varying the bundled example reports (publication
dates spread over two years in arrival order, years in the text moved with
them, counts changed, towns swapped for other towns of the same country from
the lexicon, and one document in four another publisher's retelling of a
recent one, so that fusion has work to do) into JSON Lines files of 1,000
documents in a temporary folder (each well under the 20 MiB input limit). Then codes it three ways, each into a fresh SQLite file: a plain
``run``, and ``run_on_cluster`` on a LocalCluster of 1 and of 2 worker
processes. Prints documents/s for each (cluster start-up and the workers'
lexicon compile are timed apart), where the client's time went (reading and
shipping, waiting on workers, decoding what they sent, fusing and writing: the
serial part), the CPU a document took in the client and in the workers (with
what other processes took of the machine meanwhile, in cores: on a busy
machine the rates say little, the CPU figures still do), the scaling
efficiency (2-worker rate / (2 x 1-worker rate)) beside the bound the CPU
figures set on it, and whether the three databases hold identical events
(``events --format jsonl``).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom import export  # noqa: E402  (needs the path above)
from sitroom.ingest import iter_inputs  # noqa: E402
from sitroom.lexicon import default_lexicon  # noqa: E402
from sitroom.model import Document  # noqa: E402
from sitroom.pipeline import Pipeline, run  # noqa: E402
from sitroom.scale import ClientTimes, connect, lexicon_recipe, run_on_cluster, warm_workers  # noqa: E402
from sitroom.store import open_store  # noqa: E402

EXAMPLES = ROOT / "src" / "sitroom" / "examples"
PER_FILE = 1000
FIRST_DAY = date(2023, 1, 1)
SPAN_DAYS = 730
RETOLD = 0.25  # share of documents that retell an event another publisher told
PUBLISHERS = ("Bench Wire", "Desk Daily", "Frontline Monitor", "Regional Dispatch", "Night Desk")
# Towns of these countries are swapped for one another; a capital or a distant city named as a
# speaker ("Washington said") is left alone.
THEATRES = frozenset(
    {"Iraq", "Syria", "Jordan", "Yemen", "Ukraine", "Russia", "Mali", "Burkina Faso", "Niger", "Sudan"}
)
_COUNT = re.compile(r"\b(\d{1,3})(?= [a-z])")
_YEAR = re.compile(r"\b(20[12]\d)\b")


def templates() -> list[Document]:
    """The example reports as documents, each with a publication date."""
    published = json.loads((EXAMPLES / "published.json").read_text(encoding="utf-8"))
    out = []
    for r in iter_inputs([str(EXAMPLES / "reports")]):
        if r.document is None:
            continue
        doc = r.document
        if doc.published is None:
            rel = str(Path(r.origin).relative_to(EXAMPLES))
            doc = replace(doc, published=date.fromisoformat(published.get(rel, "2024-01-20")))
        out.append(doc)
    return out


def town_pools(docs: list[Document]) -> list[list[tuple[str, list[str]]]]:
    """For each template, the lexicon towns it names, each with other towns of that country to swap in."""
    lex = default_lexicon()
    towns = [p for p in lex.places.values() if p.kind == "town" and p.country in THEATRES and len(p.name) > 4]
    by_country: dict[str, list[str]] = {}
    for p in sorted(towns, key=lambda p: -p.population):
        by_country.setdefault(p.country or "", []).append(p.name)
    pools = []
    for doc in docs:
        found = []
        for p in towns:
            if not 50_000 <= p.population < 3_000_000 or p.name not in doc.text:
                continue
            if re.search(rf"\b{re.escape(p.name)}\b", doc.text):
                others = [n for n in by_country.get(p.country or "", [])[:150] if n != p.name]
                if others:
                    found.append((p.name, others))
        pools.append(found)
    return pools


def build_corpus(folder: Path, n_docs: int, seed: int = 11) -> list[str]:
    """JSON Lines files of ``n_docs`` variations, in publication order over SPAN_DAYS (as a feed arrives)."""
    rng = random.Random(seed)
    docs = templates()
    pools = town_pools(docs)
    plans: list[tuple[int, date, dict[str, str]]] = []
    files: list[str] = []
    for start in range(0, n_docs, PER_FILE):
        path = folder / f"corpus-{start // PER_FILE:04d}.jsonl"
        files.append(str(path))
        with open(path, "w", encoding="utf-8") as handle:
            for n in range(start, min(n_docs, start + PER_FILE)):
                day = FIRST_DAY + timedelta(days=n * SPAN_DAYS // max(1, n_docs))
                record = _variant(n, day, docs, pools, plans, rng)
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return files


def _variant(
    n: int,
    day: date,
    docs: list[Document],
    pools: list[list[tuple[str, list[str]]]],
    plans: list[tuple[int, date, dict[str, str]]],
    rng: random.Random,
) -> dict[str, str]:
    """Document ``n``: a fresh variation of a template, or another publisher's retelling of a recent one."""
    if plans and rng.random() < RETOLD:
        t, told, swaps = plans[rng.randrange(max(0, len(plans) - 200), len(plans))]
        published = max(told, day - timedelta(days=2))
    else:
        t = rng.randrange(len(docs))
        swaps = {name: rng.choice(others) for name, others in pools[t] if rng.random() < 0.7}
        published = day
        plans.append((t, day, swaps))
    doc = docs[t]
    text = doc.text
    for old, new in swaps.items():
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    text = _COUNT.sub(lambda m: str(max(1, int(m.group(1)) + rng.randint(-2, 5))), text)
    # Years written in the text move with the publication date, so absolute dates stay near it.
    years = published.year - (doc.published or published).year
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + years), text)
    return {
        "title": f"{doc.title or 'Report'} [{n}]",
        "url": f"https://bench.example/{n}",
        "publisher": rng.choice(PUBLISHERS),
        "published": published.isoformat(),
        "text": text,
    }


def events_digest(db: Path) -> tuple[int, str]:
    h = hashlib.sha256()
    with open_store(str(db)) as store:
        rows = store.events()
        for chunk in export.events_jsonl(rows):
            h.update(chunk.encode("utf-8"))
    return len(rows), h.hexdigest()[:16]


def source_fingerprint() -> str:
    """The package's files as they are now: workers import them afresh, after the plain run."""
    h = hashlib.sha256()
    for path in sorted((ROOT / "src" / "sitroom").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            info = path.stat()
            h.update(f"{path}:{info.st_mtime_ns}:{info.st_size}".encode())
    return h.hexdigest()


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class CpuMeter:
    """CPU seconds spent between start and stop: this process, its worker processes, everyone else.

    On a machine with few cores, CPU per document tells where the time goes whatever else runs
    meanwhile: wall-clock shares of a busy machine do not.
    """

    def __init__(self, workers: Sequence[int] = ()) -> None:
        self.me = psutil.Process()
        self.workers = [psutil.Process(pid) for pid in workers]

    @staticmethod
    def _cpu(proc: psutil.Process) -> float:
        t = proc.cpu_times()
        return t.user + t.system

    def _machine(self) -> float:
        t = psutil.cpu_times()
        return sum(t) - t.idle - getattr(t, "iowait", 0.0)

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self.gc_started = time.perf_counter()
        else:
            self.gc_seconds += time.perf_counter() - self.gc_started

    def start(self) -> None:
        self.gc_seconds = 0.0
        gc.callbacks.append(self._gc)
        self.t0 = time.perf_counter()
        self.client0 = self._cpu(self.me)
        self.workers0 = sum(self._cpu(p) for p in self.workers)
        self.machine0 = self._machine()

    def stop(self) -> dict[str, float]:
        wall = time.perf_counter() - self.t0
        gc.callbacks.remove(self._gc)
        client = self._cpu(self.me) - self.client0
        workers = sum(self._cpu(p) for p in self.workers) - self.workers0
        machine = self._machine() - self.machine0
        # Everything else the machine ran meanwhile, in cores: other jobs, and the few processes of
        # ours not counted above (the multiprocessing resource tracker).
        others = max(0.0, machine - client - workers) / wall
        return {"cpu_client": client, "cpu_workers": workers, "others": others, "gc": self.gc_seconds}


def plain(inputs: list[str], db: Path, pipe: Pipeline, batch_size: int) -> dict[str, float]:
    meter = CpuMeter()
    with open_store(str(db)) as store:
        t0 = time.perf_counter()
        meter.start()
        summary = run(inputs, store, pipeline=pipe, batch_size=batch_size)
        wall = time.perf_counter() - t0
        cpu = meter.stop()
    return {"docs": summary.read, "wall": wall, "startup": 0.0, **cpu}


def on_cluster(
    inputs: list[str], db: Path, pipe: Pipeline, batch_size: int, workers: int
) -> dict[str, float]:
    recipe = lexicon_recipe(pipe)
    t0 = time.perf_counter()
    with connect(f"local:{workers}") as client:
        warm_workers(client, recipe)
        startup = time.perf_counter() - t0
        times = ClientTimes()
        meter = CpuMeter(list(client.run(os.getpid).values()))
        with open_store(str(db)) as store:
            t1 = time.perf_counter()
            meter.start()
            summary = run_on_cluster(
                client, iter_inputs(inputs), store, recipe, batch_size=batch_size, times=times
            )
            wall = time.perf_counter() - t1
            cpu = meter.stop()
        worker_mib = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return {
        "docs": summary.read,
        "wall": wall,
        "startup": startup,
        "reading": times.reading,
        "waiting": times.waiting,
        "decoding": times.decoding,
        "committing": times.committing,
        "worker_mib": max(worker_mib.values()),
        **cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--workers", default="1,2", help="cluster sizes to run, comma-separated")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain run")
    args = parser.parse_args()
    sizes = [int(w) for w in args.workers.split(",") if w.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        inputs = build_corpus(folder, args.docs)
        size = sum(Path(f).stat().st_size for f in inputs) / 1e6
        print(f"corpus: {args.docs} documents, {len(inputs)} JSON Lines files, {size:.0f} MB, "
              f"built in {time.perf_counter() - t0:.1f} s")  # fmt: skip
        before = source_fingerprint()
        pipe = Pipeline()
        results: dict[str, dict[str, float]] = {}
        if not args.no_plain:
            results["plain"] = plain(inputs, folder / "plain.db", pipe, args.batch_size)
        for n in sizes:
            results[f"dask:{n}"] = on_cluster(inputs, folder / f"dask{n}.db", pipe, args.batch_size, n)
        print(f"{'run':<8} {'docs':>7} {'wall s':>8} {'docs/s':>8} {'start s':>8} "
              f"{'read %':>7} {'wait %':>7} {'decode %':>9} {'commit %':>9} {'worker MiB':>11}")  # fmt: skip
        for name, r in results.items():
            rate = r["docs"] / r["wall"]
            share = [
                f"{100 * r[k] / r['wall']:>6.0f}%" if k in r else f"{'-':>7}" for k in ("reading", "waiting")
            ]
            decode = f"{100 * r['decoding'] / r['wall']:>8.0f}%" if "decoding" in r else f"{'-':>9}"
            commit = f"{100 * r['committing'] / r['wall']:>8.0f}%" if "committing" in r else f"{'-':>9}"
            worker = f"{r['worker_mib']:>11.0f}" if "worker_mib" in r else f"{'-':>11}"
            print(f"{name:<8} {r['docs']:>7.0f} {r['wall']:>8.1f} {rate:>8.1f} {r['startup']:>8.1f} "
                  f"{share[0]} {share[1]} {decode} {commit} {worker}")  # fmt: skip
        print(f"client peak RSS: {peak_mib():.0f} MiB")
        print(
            f"{'run':<8} {'client CPU ms/doc':>18} {'of it GC':>9} {'workers CPU ms/doc':>19} {'others, cores':>14}"
        )
        for name, r in results.items():
            workers = f"{1000 * r['cpu_workers'] / r['docs']:>19.2f}" if name != "plain" else f"{'-':>19}"
            print(f"{name:<8} {1000 * r['cpu_client'] / r['docs']:>18.2f} {1000 * r['gc'] / r['docs']:>9.2f} "
                  f"{workers} {r['others']:>14.2f}")  # fmt: skip
        if "dask:1" in results and "dask:2" in results:
            r1 = results["dask:1"]["docs"] / results["dask:1"]["wall"]
            r2 = results["dask:2"]["docs"] / results["dask:2"]["wall"]
            print(f"scaling efficiency, 2 workers: {r2 / (2 * r1):.2f} (2-worker rate / (2 x 1-worker rate))")
            # On 2 cores the 1-worker run is bound by the worker (w ms of CPU a document), the 2-worker
            # run by the cores, shared by the workers and the client (c): at best w / (w + c).
            d1, d2 = results["dask:1"], results["dask:2"]
            w1 = d1["cpu_workers"] / d1["docs"]
            w2, c2 = d2["cpu_workers"] / d2["docs"], d2["cpu_client"] / d2["docs"]
            print(f"CPU bound on 2 cores: efficiency at most {w1 / (w2 + c2):.2f} = w1 / (w2 + c2), "
                  f"{2 / (w2 + c2):.0f} docs/s at 2 workers (w: a worker's CPU a document, c: the client's)")  # fmt: skip
        digests = {name: events_digest(folder / f"{name.replace(':', '')}.db") for name in results}
        for name, (count, digest) in digests.items():
            print(f"{name:<8} {count} events, sha256 {digest}")
        same = len({d for _, d in digests.values()}) == 1
        print(f"identical events: {'yes' if same else 'NO'}")
        if source_fingerprint() != before:
            print(
                "warning: files under src/sitroom changed during the bench, so the runs did not all code with"
            )
            print("the same code and data; copy the checkout elsewhere and run the bench from the copy")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
