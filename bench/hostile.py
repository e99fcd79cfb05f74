"""Hostile inputs through the whole pipeline: where the time goes, and which documents cost most.

    python bench/hostile.py [--files 1000] [--keep-huge] [--repeats 250,500,1000,2000]

Writes the hostile mix of tests/hostile.py (``--files`` files) to a temporary folder and
runs it the way ``sitroom.pipeline.run`` does, batch by batch into a fresh SQLite file,
timing reading, coding (the per-document stages) and committing (fusion and the write)
apart. Prints units, good units, seconds per phase, units/s, the slowest documents with
their size, and the peak RSS. As in tests/test_pipeline_hostile.py, the generator's 1.1 MB
reports that repeat three sentences 4,000 times are cut to a hundredth unless
``--keep-huge`` is given (each then takes several seconds).

Then, for each count in ``--repeats``, codes one report made of those three sentences
repeated that many times and prints the seconds and the ratio to the previous count: about
2 per doubling is linear work, about 4 quadratic.
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402  (needs the path above)
from sitroom.ingest import iter_inputs  # noqa: E402
from sitroom.model import Document  # noqa: E402
from sitroom.pipeline import (  # noqa: E402
    BATCH_SIZE,
    MentionWindow,
    Pipeline,
    RunSummary,
    code_records,
    commit,
)
from sitroom.store import open_store  # noqa: E402

SEED = 20240120
SLOWEST = 8


def cut_huge(folder: Path) -> int:
    cut = 0
    for path in folder.rglob("*txt_single_or_huge_line*"):
        data = path.read_bytes()
        if len(data) > 100_000:
            path.write_bytes(data[: len(data) // 100])
            cut += 1
    return cut


def run_corpus(folder: Path, db: Path, pipe: Pipeline, batch_size: int) -> None:
    summary = RunSummary()
    read_s = code_s = commit_s = 0.0
    costs: list[tuple[float, int, str]] = []
    started = time.perf_counter()
    with open_store(str(db)) as store:
        window = MentionWindow(store)  # fusion state kept across batches, as run() keeps it
        records = iter_inputs([str(folder)])
        while True:
            t = time.perf_counter()
            batch = list(itertools.islice(records, batch_size))
            read_s += time.perf_counter() - t
            if not batch:
                break
            coded = []
            for r in batch:
                t = time.perf_counter()
                coded.extend(code_records([r], pipe))
                spent = time.perf_counter() - t
                code_s += spent
                if r.document is not None:
                    where = str(Path(r.origin).relative_to(folder)) + (f" {r.locator}" if r.locator else "")
                    costs.append((spent, len(r.document.text), where))
            t = time.perf_counter()
            commit(coded, store, summary, window=window)
            commit_s += time.perf_counter() - t
    total = time.perf_counter() - started
    print(f"units {summary.read}  good {summary.stored + summary.duplicates}  failed {summary.failed}")
    print(f"mentions {summary.mentions}  events {summary.events_new}")
    print(f"seconds: read {read_s:.1f}  code {code_s:.1f}  commit {commit_s:.1f}  total {total:.1f}")
    print(f"units/s {summary.read / total:.1f}")
    print("slowest documents (seconds, characters, where):")
    for spent, size, where in sorted(costs, reverse=True)[:SLOWEST]:
        print(f"  {spent:7.2f}  {size:>9,}  {where}")


def repeat_scaling(pipe: Pipeline, counts: list[int]) -> None:
    rng = random.Random(SEED)
    base = " ".join(hostile.sentence(rng) for _ in range(3))
    print("repeated report (repeats, characters, seconds, ratio to previous):")
    previous = None
    for n in counts:
        text = base * n
        t = time.perf_counter()
        pipe.process(Document(id=Document.make_id(text), text=text))
        spent = time.perf_counter() - t
        ratio = f"{spent / previous:.1f}" if previous else "-"
        print(f"  {n:6d}  {len(text):>10,}  {spent:8.2f}  {ratio}")
        previous = spent


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--keep-huge", action="store_true", help="keep the 1.1 MB repeated reports whole")
    parser.add_argument("--repeats", default="250,500,1000,2000", help="comma-separated; empty to skip")
    args = parser.parse_args()

    t = time.perf_counter()
    pipe = Pipeline()
    print(f"lexicon compiled in {time.perf_counter() - t:.1f} s")
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-hostile-") as tmp:
        folder = Path(tmp) / "inputs"
        expected = hostile.generate(folder, args.files, seed=SEED)
        cut = 0 if args.keep_huge else cut_huge(folder)
        print(f"{args.files} files, {len(expected)} units, {cut} repeated reports cut to a hundredth")
        run_corpus(folder, Path(tmp) / "sitroom.db", pipe, args.batch_size)
    counts = [int(c) for c in args.repeats.split(",") if c.strip()]
    if counts:
        repeat_scaling(pipe, counts)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
