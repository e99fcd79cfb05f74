"""Scale-out on Dask: the per-document stages on workers, fusion and storage on the client.

    summary = run_dask(["reports/"], store, "local:2")           # a LocalCluster of 2 processes
    summary = run_dask(["reports/"], store, "tcp://10.0.0.5:8786")  # an existing cluster

Inputs are read lazily on the client and shipped to the workers in partitions of
``batch_size`` records; each worker codes them with a :class:`~sitroom.pipeline.Pipeline`
it builds once per process (the lexicon takes seconds to compile, a partition of
200 reports about as long). The coded partitions come back and are committed
strictly in input order, batch by batch, through the same
:func:`~sitroom.pipeline.commit` as a plain run, so the events are identical to a
plain ``run`` with the same batch size. At most a few partitions are in flight at
once: while the client fuses and writes one batch the workers code the next ones,
and memory on the client is bounded by those few batches, never by the corpus.

Workers need sitroom installed and the same user lexicon folders at the same
paths as the client; the packaged data folder is found on each worker's own
installation.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sitroom.errors import ConfigError, SitroomError
from sitroom.ingest import InputRecord
from sitroom.lexicon import data_dir, load_lexicon, user_dirs
from sitroom.pipeline import (
    BATCH_SIZE,
    Coded,
    MentionWindow,
    Pipeline,
    Progress,
    RunSummary,
    batches,
    code_records,
    commit,
)
from sitroom.store.base import Store

# Stands for "the packaged data folder" in a lexicon recipe, so that a worker whose
# sitroom is installed at another path loads its own copy rather than a path it lacks.
PACKAGED = "<packaged>"
# How long to wait for an existing cluster to answer, and for it to have a worker.
CONNECT_TIMEOUT_S = 10
WORKER_WAIT_S = 60
_LOCAL = re.compile(r"^local(?::(\d+))?$")
_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?[^\s:/]+:\d+$", re.IGNORECASE)

# One compiled pipeline per worker process and lexicon recipe: every partition a worker
# codes after the first reuses it.
_PIPELINES: dict[tuple[str, ...], Pipeline] = {}


@dataclass(slots=True)
class ClientTimes:
    """Where the client's wall time went in :func:`run_on_cluster` (seconds), for bench/scale.py."""

    reading: float = 0.0  # reading inputs, checking what is stored, shipping partitions
    waiting: float = 0.0  # blocked on the workers for the next partition in order
    committing: float = 0.0  # fusing and writing batches: the serial part
    total: float = 0.0
    partitions: int = 0


def run_dask(
    inputs: Sequence[str],
    store: Store,
    scheduler: str,
    published: date | None = None,
    pipeline: Pipeline | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> RunSummary:
    """Read ``inputs``, code them on a Dask cluster, fuse and store them here, like ``run``.

    ``scheduler`` is a scheduler address (``tcp://host:port``) or ``local`` /
    ``local:N`` for a cluster of N worker processes on this machine (one per core
    by default), started for this run and closed at its end.
    """
    from sitroom.ingest import iter_inputs

    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, not {batch_size}")
    started = time.perf_counter()
    recipe = lexicon_recipe(pipeline)
    records = iter_inputs(inputs, published=published)
    with connect(scheduler) as client:
        warm_workers(client, recipe)
        summary = run_on_cluster(client, records, store, recipe, batch_size=batch_size, progress=progress)
    summary.seconds = time.perf_counter() - started
    return summary


def run_on_cluster(
    client: Any,
    records: Iterable[InputRecord],
    store: Store,
    recipe: tuple[str, ...],
    batch_size: int = BATCH_SIZE,
    in_flight: int | None = None,
    progress: Progress | None = None,
    times: ClientTimes | None = None,
) -> RunSummary:
    """Code ``records`` on ``client``'s workers and commit them here in input order.

    ``in_flight`` bounds the partitions shipped but not yet committed (default:
    two per worker thread, plus one), which bounds the client's memory.
    """
    times = times if times is not None else ClientTimes()
    limit = in_flight or 2 * max(1, sum(client.nthreads().values())) + 1
    summary = RunSummary()
    window = MentionWindow(store)
    pending: deque[_Partition] = deque()
    started = time.perf_counter()
    try:
        for batch in _timed(batches(iter(records), batch_size), times):
            t0 = time.perf_counter()
            pending.append(_ship(client, batch, store, recipe))
            times.partitions += 1
            times.reading += time.perf_counter() - t0
            # Commit what is next in order once enough is in flight, or as soon as it is done:
            # committing early frees its memory and shortens the arrival-to-stored latency.
            while pending and (len(pending) >= limit or pending[0].done()):
                _land(pending.popleft(), store, summary, times, progress, window)
        while pending:
            _land(pending.popleft(), store, summary, times, progress, window)
    finally:
        # A run stopped half-way (an error, Ctrl-C) leaves nothing running on the cluster.
        for p in pending:
            if p.future is not None:
                p.future.cancel()
    summary.seconds = time.perf_counter() - started
    times.total += summary.seconds
    return summary


def _timed(batches: Iterator[list[InputRecord]], times: ClientTimes) -> Iterator[list[InputRecord]]:
    while True:
        t0 = time.perf_counter()
        batch = next(batches, None)
        times.reading += time.perf_counter() - t0
        if batch is None:
            return
        yield batch


@dataclass(slots=True)
class _Partition:
    """One batch on its way: what is settled here, and the future of the records sent to code."""

    slots: list[Coded | None]  # settled on the client (stored before); None where a worker codes it
    future: Any
    shipped: float

    def done(self) -> bool:
        return self.future is None or self.future.done()


def _ship(client: Any, batch: list[InputRecord], store: Store, recipe: tuple[str, ...]) -> _Partition:
    # As in a plain run, a document stored before is not coded again: a re-run costs only the reading.
    known = store.known_documents(r.document.id for r in batch if r.document is not None)
    slots: list[Coded | None] = []
    todo: list[InputRecord] = []
    for r in batch:
        if r.document is not None and r.document.id in known:
            slots.append(Coded(r.origin, r.locator, r.document.id, r.document, None))
        else:
            slots.append(None)
            todo.append(r)
    # pure=False: hashing 200 reports to name the task would cost more than it saves.
    future = client.submit(code_partition, recipe, todo, pure=False) if todo else None
    return _Partition(slots, future, time.perf_counter())


def _land(
    p: _Partition,
    store: Store,
    summary: RunSummary,
    times: ClientTimes,
    progress: Progress | None,
    window: MentionWindow | None = None,
) -> None:
    t0 = time.perf_counter()
    coded_iter = iter(_result(p.future) if p.future is not None else ())
    times.waiting += time.perf_counter() - t0
    coded = [c if c is not None else next(coded_iter) for c in p.slots]
    t1 = time.perf_counter()
    commit(coded, store, summary, arrived=p.shipped, window=window)
    times.committing += time.perf_counter() - t1
    if progress is not None:
        progress(len(coded))


def _result(future: Any) -> list[Coded]:
    from concurrent.futures import CancelledError

    from distributed import KilledWorker

    try:
        return future.result()
    except SitroomError:
        raise
    except (KilledWorker, CancelledError, OSError, TimeoutError) as err:
        raise SitroomError(
            f"the Dask cluster lost a partition ({type(err).__name__}: {err}); the batches before it "
            "are stored: run the same command again to finish"
        ) from err


# -- on the workers ------------------------------------------------------------------


def code_partition(recipe: tuple[str, ...], records: Sequence[InputRecord]) -> list[Coded]:
    """The per-document stages over one partition, on a worker (or anywhere)."""
    pipe = worker_pipeline(recipe)
    return [_slim(c) for c in code_records(records, pipe)]


def worker_pipeline(recipe: tuple[str, ...]) -> Pipeline:
    """This process's pipeline for a lexicon recipe, built on first use."""
    pipe = _PIPELINES.get(recipe)
    if pipe is None:
        folders = [str(data_dir()) if f == PACKAGED else f for f in recipe]
        pipe = _PIPELINES[recipe] = Pipeline(load_lexicon(folders, include_default=False))
    return pipe


def _warm(recipe: tuple[str, ...]) -> int:
    worker_pipeline(recipe)
    return os.getpid()


def _slim(c: Coded) -> Coded:
    # Sentences and entities are working state of the stages; nothing downstream stores or
    # fuses them, and dropping them halves what travels back to the client.
    if c.document is None:
        return c
    return replace(c, document=replace(c.document, sentences=(), entities=()))


# -- the cluster ---------------------------------------------------------------------


def lexicon_recipe(pipeline: Pipeline | None) -> tuple[str, ...]:
    """The lexicon folders a worker loads to build the same pipeline as ``pipeline``."""
    if pipeline is not None:
        folders = pipeline.lexicon.sources
    else:
        # What default_lexicon() would load, without compiling it here: the client never codes.
        folders = (str(data_dir()), *(str(p) for p in user_dirs()))
    packaged = os.path.realpath(data_dir())
    return tuple(PACKAGED if os.path.realpath(f) == packaged else f for f in folders)


def warm_workers(client: Any, recipe: tuple[str, ...]) -> None:
    """Build the pipeline on every worker now, in parallel, so a bad lexicon fails at the start."""
    try:
        client.run(_warm, recipe)
    except SitroomError as err:
        raise ConfigError(
            f"a Dask worker could not load the lexicon ({err}); every worker needs sitroom installed "
            "and the --lexicon folders at the same paths"
        ) from err


def parse_scheduler(scheduler: str) -> int | str:
    """The number of local workers for ``local[:N]``, else the scheduler address itself."""
    value = scheduler.strip()
    local = _LOCAL.match(value)
    if local:
        n = int(local.group(1)) if local.group(1) else (os.cpu_count() or 1)
        if n < 1:
            raise ConfigError(f"--dask {scheduler!r}: a local cluster needs at least 1 worker")
        return n
    if _ADDRESS.match(value):
        return value
    raise ConfigError(
        f"--dask {scheduler!r} is neither a scheduler address (tcp://host:port) nor local or local:N"
    )


@contextmanager
def connect(scheduler: str) -> Iterator[Any]:
    """A Dask client for ``scheduler`` (see :func:`parse_scheduler`), closed afterwards."""
    target = parse_scheduler(scheduler)
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise ConfigError(f"--dask needs Dask: pip install 'sitroom[dask]' ({err})") from err
    if isinstance(target, int):
        cluster = LocalCluster(
            n_workers=target,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        try:
            with Client(cluster, set_as_default=False) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(target, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError) as err:
        raise ConfigError(f"cannot reach the Dask scheduler at {target}: {err}") from err
    try:
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT_S)
        except TimeoutError as err:
            raise ConfigError(
                f"no Dask worker joined the scheduler at {target} within {WORKER_WAIT_S} s"
            ) from err
        yield client
    finally:
        client.close()
