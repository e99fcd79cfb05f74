"""Throughput and memory of the ingest stage, per input format.

    python bench/ingest.py [--docs 2000] [--hostile 3000]

Writes corpora of invented reports to a temporary folder (plain text files,
one JSON array, one JSON Lines file, HTML pages, RSS feeds of 20 entries, the
hostile mix of tests/hostile.py, and one JSON Lines file just under the 20 MiB
limit), then reads each with ``iter_inputs`` in a fresh process and prints
documents per second, MB per second and the process's peak resident memory
(the baseline of an interpreter with sitroom imported is printed first).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402  (needs the path above)


def _report(rng: random.Random) -> tuple[str, str]:
    return hostile.report(rng, sentences=rng.randint(3, 8))


def _page(title: str, body: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><title>{title} | Bench News</title>"
        "<meta property='article:published_time' content='2024-01-20T10:00:00Z'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><div class='cookie-banner'>Cookies.</div>"
        f"<article><h1>{title}</h1>{paras}</article><footer>Footer text</footer></body></html>"
    )


def _rss(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>https://bench.example/{n}</link>"
        f"<pubDate>Sat, 20 Jan 2024 10:00:00 +0000</pubDate><description>{b}</description></item>"
        for n, (t, b) in enumerate(items)
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Bench Wire</title>{entries}</channel></rss>"
    )


def build(folder: Path, docs: int, hostile_files: int) -> dict[str, Path]:
    rng = random.Random(7)
    reports = [_report(rng) for _ in range(docs)]
    corpora = {name: folder / name for name in ("text", "html", "feed")}
    for path in corpora.values():
        path.mkdir(parents=True)
    for n, (title, body) in enumerate(reports):
        (corpora["text"] / f"{n:05d}.txt").write_text(f"{title}\n\n{body}\n")
        (corpora["html"] / f"{n:05d}.html").write_text(_page(title, body))
    for start in range(0, docs, 20):
        (corpora["feed"] / f"{start:05d}.rss").write_text(_rss(reports[start : start + 20]))
    objects = [{"title": t, "text": b, "published": "2024-01-20"} for t, b in reports]
    corpora["json"] = folder / "array.json"
    corpora["json"].write_text(json.dumps(objects))
    corpora["jsonl"] = folder / "lines.jsonl"
    corpora["jsonl"].write_text("\n".join(json.dumps(o) for o in objects) + "\n")
    big = folder / "big.jsonl"
    with open(big, "w") as handle:
        line_no = 0
        while handle.tell() < 19 * 1024 * 1024:
            handle.write(json.dumps(objects[line_no % len(objects)] | {"id": line_no}) + "\n")
            line_no += 1
    corpora["jsonl-19MiB"] = big
    corpora["hostile"] = folder / "hostile"
    hostile.generate(corpora["hostile"], hostile_files, seed=11)
    return corpora


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def worker(path: str, max_bytes: int) -> None:
    """Read one corpus and print: records, documents, seconds, peak RSS in MiB."""
    from sitroom.ingest import iter_inputs

    started = time.perf_counter()
    records = docs = 0
    for record in iter_inputs([path], max_bytes=max_bytes):
        records += 1
        docs += record.document is not None
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"records": records, "docs": docs, "seconds": seconds, "peak_mib": peak}))


def baseline() -> float:
    code = "import resource, sitroom.ingest, sitroom.ingest.html, trafilatura, feedparser\n"
    code += "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT / "src")})  # fmt: skip
    return float(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--hostile", type=int, default=3000)
    parser.add_argument("--worker", nargs=2, metavar=("PATH", "MAX_BYTES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpora = build(Path(tmp), args.docs, args.hostile)
        print(f"baseline: interpreter with every reader's libraries imported, peak RSS {baseline():.0f} MiB")
        print(
            f"{'corpus':<12} {'records':>8} {'docs':>7} {'seconds':>8} {'docs/s':>8} {'MB/s':>7} {'peak MiB':>9}"
        )
        for name, path in corpora.items():
            limit = hostile.LIMIT if name == "hostile" else 20 * 1024 * 1024
            out = subprocess.run([sys.executable, __file__, "--worker", str(path), str(limit)],
                                 capture_output=True, text=True, check=True)  # fmt: skip
            r = json.loads(out.stdout)
            mb = _size(path) / 1e6
            print(
                f"{name:<12} {r['records']:>8} {r['docs']:>7} {r['seconds']:>8.2f} "
                f"{r['docs'] / r['seconds']:>8.0f} {mb / r['seconds']:>7.2f} {r['peak_mib']:>9.0f}"
            )


if __name__ == "__main__":
    main()
