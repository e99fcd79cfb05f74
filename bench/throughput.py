"""Throughput of the per-document pipeline on one core, beside a reference pass.

    .venv/bin/python bench/throughput.py [--mb 10] [--repeat 1]

Builds a corpus of at least ``--mb`` megabytes from the project's own reports (the bundled
examples and tests/corpus, with dates, numbers and place names varied so that documents
differ), then times, in the same process:

- the reference pass: reading the documents (JSON Lines) and splitting them into sentences;
- the full pipeline: reading, segmenting, recognising, extracting and finding claims
  (``Pipeline.process``), fusion excluded (see bench/fusion.py).

Raw rates depend on the machine and on how its Python was built (a distribution's CPython,
built with profile-guided optimisation, ran this pipeline 15% faster than a plain pyenv build on
the same machine), so the interpreter is printed too.

It prints documents/s, sentences/s and MB/s for both, the ratio between them (stable across
machines, unlike the raw rates) and the peak resident memory. Lexicon loading is timed apart:
it happens once per process.

    .venv/bin/python bench/throughput.py --instructions [--mb 0.3]

counts instead the machine instructions the pipeline pass executes, per sentence, under
valgrind's callgrind (Debian's ``valgrind`` package), with counting switched on only for that
pass. On a shared virtual machine the wall-clock rate of the same code was seen to swing from
3,000 to 5,900 sentences/s within minutes; the instruction count repeats to within 0.2%, so a
change of a few per cent in the code's cost can be told from the machine's mood. It runs about
forty times slower than the plain pass: keep ``--mb`` small.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.ingest import iter_inputs  # noqa: E402
from sitroom.nlp.segment import split_sentences  # noqa: E402

PLACES = ["Erbil", "Al-Tanf", "Tower 22", "Kharkiv", "Odesa", "Gao", "El Fasher", "Hodeidah", "Kirkuk",
          "Deir ez-Zor", "Dnipro", "Belgorod", "Djibo", "Omdurman", "Al-Asad Air Base"]  # fmt: skip


def seed_documents() -> list[dict]:
    """The project's own reports, read with the real readers."""
    sources = [
        str(ROOT / "src" / "sitroom" / "examples" / "reports"),
        str(ROOT / "tests" / "corpus" / "docs"),
    ]
    docs = []
    for rec in iter_inputs(sources):
        if rec.document is not None:
            d = rec.document
            docs.append({"title": d.title, "publisher": d.publisher, "text": d.text,
                         "published": d.published.isoformat() if d.published else None})  # fmt: skip
    return docs


def vary(doc: dict, n: int, rng: random.Random) -> dict:
    text = doc["text"]
    for place in PLACES:
        if place in text and rng.random() < 0.5:
            text = text.replace(place, rng.choice(PLACES))
    text = text.replace(" 2024", f" {rng.choice([2023, 2024, 2025])}")
    text += f"\n\nReport {n}: {rng.randint(2, 400)} people were displaced, officials said."
    published = (
        doc["published"] and f"{rng.choice([2023, 2024])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    )
    return {**doc, "id": f"bench-{n}", "text": text, "published": published}


def build_corpus(path: Path, megabytes: float) -> int:
    rng = random.Random(7)
    seeds = seed_documents()
    size = n = 0
    with path.open("w", encoding="utf-8") as fh:
        while size < megabytes * 1_000_000:
            line = json.dumps(vary(seeds[n % len(seeds)], n, rng), ensure_ascii=False) + "\n"
            fh.write(line)
            size += len(line.encode("utf-8"))
            n += 1
    return n


def reference_pass(path: Path) -> tuple[float, int, int]:
    start = time.perf_counter()
    docs = sentences = 0
    for rec in iter_inputs([str(path)]):
        if rec.document is not None:
            docs += 1
            sentences += len(split_sentences(rec.document.text))
    return time.perf_counter() - start, docs, sentences


def pipeline_pass(path: Path, pipe) -> tuple[float, int, int, int]:  # noqa: ANN001
    start = time.perf_counter()
    docs = sentences = mentions = 0
    for rec in iter_inputs([str(path)]):
        if rec.document is not None:
            coded = pipe.process(rec.document)
            docs += 1
            sentences += len(coded.sentences)
            mentions += len(coded.mentions)
    return time.perf_counter() - start, docs, sentences, mentions


_COUNTING = "SITROOM_BENCH_COUNTING"  # set in the run valgrind starts: switch counting around the pass


def count_instructions(megabytes: float) -> None:
    """Run this script under callgrind and print the pipeline pass's instructions per sentence."""
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        sys.exit("--instructions needs valgrind (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
               sys.executable, __file__, "--mb", str(megabytes)]  # fmt: skip
        run = subprocess.run(cmd, env={**os.environ, _COUNTING: "1"}, capture_output=True, text=True)
        print(run.stdout, end="")
        totals = (
            [line for line in out.read_text().splitlines() if line.startswith("totals:")]
            if out.exists()
            else []
        )
        if run.returncode != 0 or not totals:
            sys.exit(f"the run under valgrind failed (exit {run.returncode}):\n{run.stderr[-2000:]}")
    instructions = int(totals[0].split()[1])
    sentences = int(next(line for line in run.stdout.splitlines() if line.startswith("full pipeline:"))
                    .split("sentences:")[1].split()[0])  # fmt: skip
    print(f"instructions in the pipeline pass: {instructions:,} ({instructions / sentences:,.0f} per sentence, "
          f"{sentences} sentences)")  # fmt: skip


def _counting(on: bool) -> None:
    if os.environ.get(_COUNTING):
        subprocess.run(
            ["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], capture_output=True
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="corpus size in megabytes (default 10)")
    ap.add_argument("--repeat", type=int, default=1, help="timed passes of each kind; the best is kept")
    ap.add_argument("--instructions", action="store_true",
                    help="count the pipeline pass's machine instructions under valgrind instead of timing it")  # fmt: skip
    args = ap.parse_args()
    if args.instructions:
        count_instructions(args.mb)
        return
    if os.environ.get(_COUNTING):
        counted_pass(args.mb)
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n = build_corpus(corpus, args.mb)
        mb = corpus.stat().st_size / 1_000_000
        print(
            f"corpus: {n} documents, {mb:.1f} MB (from {len(seed_documents())} reports written for sitroom)"
        )

        t0 = time.perf_counter()
        from sitroom.lexicon import default_lexicon
        from sitroom.pipeline import Pipeline

        pipe = Pipeline(default_lexicon())
        print(f"lexicon load and compile: {time.perf_counter() - t0:.2f} s (once per process)")

        ref = min((reference_pass(corpus) for _ in range(args.repeat)), key=lambda r: r[0])
        full = min((pipeline_pass(corpus, pipe) for _ in range(args.repeat)), key=lambda r: r[0])
    ref_s, docs, sents = ref
    full_s, _, full_sents, mentions = full
    print(
        f"reference (read + split): {docs / ref_s:9.0f} docs/s {sents / ref_s:9.0f} sentences/s {mb / ref_s:6.2f} MB/s"
    )
    print(
        f"full pipeline:            {docs / full_s:9.0f} docs/s {full_sents / full_s:9.0f} sentences/s "
        f"{mb / full_s:6.2f} MB/s  ({mentions} mentions)"
    )
    print(f"ratio full/reference: {full_s / ref_s:.2f}x the time of reading and splitting")
    # The interpreter's build matters as much as the machine: a distribution's CPython built with
    # profile-guided optimisation runs this pipeline faster than a plain source build of it.
    print(f"interpreter: {platform.python_implementation()} {platform.python_version()} "
          f"({os.path.realpath(sys.executable)}, {platform.python_compiler()})")  # fmt: skip
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def counted_pass(megabytes: float) -> None:
    """The pipeline pass alone, counted by callgrind from the first document to the last (the
    lexicon's load and one warm-up document are not counted)."""
    from sitroom.lexicon import default_lexicon
    from sitroom.pipeline import Pipeline

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        build_corpus(corpus, megabytes)
        docs = [rec.document for rec in iter_inputs([str(corpus)]) if rec.document is not None]
    pipe = Pipeline(default_lexicon())
    pipe.process(docs[0])
    _counting(True)
    sentences = sum(len(pipe.process(doc).sentences) for doc in docs)
    _counting(False)
    print(f"full pipeline: {len(docs)} documents, sentences: {sentences}")


if __name__ == "__main__":
    main()
