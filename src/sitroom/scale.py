"""Scale-out on Dask: the per-document stages on workers, fusion and storage on the client.

    summary = run_dask(["reports/"], store, "local:2")           # a LocalCluster of 2 processes
    summary = run_dask(["reports/"], store, "tcp://10.0.0.5:8786")  # an existing cluster

Inputs are read lazily on the client in batches of ``batch_size`` records, each
shipped to the workers as a few tasks (the batch shared out among them); each worker
codes them with a :class:`~sitroom.pipeline.Pipeline` it builds once per process
(the lexicon takes seconds to compile, a partition of 200 reports about as long).
What comes back is only what the client lacks (the mentions and claims of each
document, not its text again), and the batches are committed strictly in input
order through the same :func:`~sitroom.pipeline.commit` as a plain run, so the
events are identical to a plain ``run`` with the same batch size. At most a few
batches are in flight at once: while the client fuses and writes one batch the
workers code the next ones, and memory on the client is bounded by those few
batches, never by the corpus.

The client's CPU is the limit of the scale-out: it reads every input and fuses and
writes every batch (about 1.5 ms a document, as in a plain run), beside the ~5 ms a
worker spends coding one. The Dask side is kept small around that: records and
results travel pickled once, in a compact form; a local cluster's housekeeping is
slowed down (:data:`LOCAL_SETTINGS`); long-lived objects are kept out of the garbage
collector's full passes on both sides.

Workers need sitroom installed and the same user lexicon folders at the same
paths as the client; the packaged data folder is found on each worker's own
installation.
"""

from __future__ import annotations

import copyreg
import gc
import io
import logging
import os
import pickle
import re
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from sitroom.errors import ConfigError, SitroomError
from sitroom.ingest import InputRecord
from sitroom.lexicon import data_dir, load_lexicon, user_dirs
from sitroom.model import Claim, Document, Evidence, Mention, Place, Source, Span
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
# A local cluster shares this machine's cores with the client, so the housekeeping that Dask's
# servers (the scheduler, the nannies, the client in this process; the workers) wake up for,
# tens of times a second each by default, is CPU taken from coding and committing: idle, a
# cluster of 2 took 16 % of a core with the defaults, under 2 % with these.
LOCAL_SETTINGS: dict[str, Any] = {
    "distributed.admin.tick.interval": "1s",  # event-loop health check (20 ms by default)
    "distributed.worker.profile.enabled": False,  # statistical profiler of the tasks (every 10 ms)
    "distributed.admin.system-monitor.interval": "5s",  # CPU, memory, network, disk figures (500 ms)
    "distributed.admin.system-monitor.disk": False,
    # Memory checks (spilling, pausing, a nanny restarting a runaway worker): 100 ms by default;
    # a partition of reports grows a worker by megabytes, not gigabytes, in half a second.
    "distributed.worker.memory.monitor-interval": "500ms",
}
# The fewest records in a task when a batch is shared out among the workers: a task costs some
# milliseconds of CPU of its own (messages between client, scheduler and worker), a record
# about 5 ms of coding.
MIN_PARTITION = 50
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
    decoding: float = 0.0  # unpickling what the workers sent and rebuilding the coded documents
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
    partition_size: int | None = None,
) -> RunSummary:
    """Code ``records`` on ``client``'s workers and commit them here in input order.

    Each batch of ``batch_size`` records (the unit of a commit, as in a plain run) is shipped
    as tasks of at most ``partition_size`` records: by default the batch shared out among
    the worker threads, but no task under :data:`MIN_PARTITION` records. The workers then
    code each batch together and finish the run together, rather than one coding the last
    batch while the others idle. ``in_flight`` bounds the batches shipped but not yet
    committed (default: two per worker thread, plus one), which bounds the client's memory.
    """
    threads = max(1, sum(client.nthreads().values()))
    if partition_size is None:
        partition_size = max(MIN_PARTITION, -(-batch_size // threads))
    if partition_size < 1:
        raise ConfigError(f"partition size must be at least 1, not {partition_size}")
    times = times if times is not None else ClientTimes()
    limit = in_flight or 2 * threads + 1
    summary = RunSummary()
    window = MentionWindow(store)
    pending: deque[_Partition] = deque()
    started = time.perf_counter()
    try:
        with _young_heap_only():
            for batch in _timed(batches(iter(records), batch_size), times):
                t0 = time.perf_counter()
                pending.append(_ship(client, batch, store, recipe, partition_size))
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
            for future in p.futures:
                future.cancel()
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


@contextmanager
def _young_heap_only() -> Iterator[None]:
    """Keep what this process held before the run out of the garbage collector's full passes.

    The client holds long-lived objects (a compiled lexicon where the caller built a pipeline,
    as the command line does; Dask's own state) that a full collection walks every time: the
    three of a run of 3,000 documents took 0.35 s of CPU, frozen 0.07 s. They are handed back
    to the collector at the end, unless the caller had frozen objects of its own (then the
    caller manages freezing and nothing is changed).
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@dataclass(slots=True)
class _Partition:
    """One batch on its way: what is settled here, and the futures of the records sent to code."""

    slots: list[Coded | None]  # settled on the client (stored before); None where a worker codes it
    todo: list[InputRecord]  # the records sent, in order, to rebuild their coded form from
    futures: list[Any]  # one per task of at most partition_size records of ``todo``
    shipped: float

    def done(self) -> bool:
        return all(f.done() for f in self.futures)


def _ship(
    client: Any, batch: list[InputRecord], store: Store, recipe: tuple[str, ...], partition_size: int
) -> _Partition:
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
    # The records travel pickled here, once: as bytes the scheduler passes them on untouched
    # rather than unpickling them with the task and pickling them again for the worker.
    # pure=False: hashing 200 reports to name the task would cost more than it saves.
    futures = [
        client.submit(code_for_client, recipe, _dumps(todo[i : i + partition_size]), pure=False)
        for i in range(0, len(todo), partition_size)
    ]
    return _Partition(slots, todo, futures, time.perf_counter())


def _land(
    p: _Partition,
    store: Store,
    summary: RunSummary,
    times: ClientTimes,
    progress: Progress | None,
    window: MentionWindow | None = None,
) -> None:
    t0 = time.perf_counter()
    packed = [_result(f) for f in p.futures]
    t1 = time.perf_counter()
    times.waiting += t1 - t0
    coded_iter = iter(unpack_coded(p.todo, [c for blob in packed for c in pickle.loads(blob)]))
    coded = [c if c is not None else next(coded_iter) for c in p.slots]
    t2 = time.perf_counter()
    times.decoding += t2 - t1
    commit(coded, store, summary, arrived=p.shipped, window=window)
    times.committing += time.perf_counter() - t2
    if progress is not None:
        progress(len(coded))


def _result(future: Any) -> Any:
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


def code_for_client(recipe: tuple[str, ...], records: bytes | Sequence[InputRecord]) -> bytes:
    """:func:`code_partition` as it travels back to the client: only what the client lacks.

    ``records`` may come pickled (as :func:`run_on_cluster` sends them). The client already
    holds the records it shipped, so for each record this sends only the fields of its
    document that the stages changed (the mentions and claims; never the text back again),
    or why it failed, pickled by :func:`pack_coded`; :func:`unpack_coded` rebuilds the
    :class:`~sitroom.pipeline.Coded` list.
    """
    if isinstance(records, bytes):
        records = pickle.loads(records)  # noqa: S301 - sent by this run's own client
    pipe = worker_pipeline(recipe)
    return pack_coded(records, code_records(records, pipe))


def worker_pipeline(recipe: tuple[str, ...]) -> Pipeline:
    """This process's pipeline for a lexicon recipe, built on first use."""
    pipe = _PIPELINES.get(recipe)
    if pipe is None:
        folders = [str(data_dir()) if f == PACKAGED else f for f in recipe]
        pipe = _PIPELINES[recipe] = Pipeline(load_lexicon(folders, include_default=False))
        # The compiled lexicon lives as long as the worker: out of the garbage collector's full
        # passes, which would otherwise walk it again and again while documents are coded.
        gc.freeze()
    return pipe


def _warm(recipe: tuple[str, ...]) -> int:
    worker_pipeline(recipe)
    return os.getpid()


# Working state of the stages: nothing downstream stores or fuses it, so it never travels.
_WORKING_STATE = frozenset({"sentences", "entities"})


def _slim(c: Coded) -> Coded:
    # Sentences and entities are working state of the stages; nothing downstream stores or
    # fuses them, and dropping them halves what travels back to the client.
    if c.document is None:
        return c
    return replace(c, document=replace(c.document, sentences=(), entities=()))


def pack_coded(records: Sequence[InputRecord], coded: Sequence[Coded]) -> bytes:
    """Per record, the document fields the stages changed (a dict) or why it failed (a str), pickled.

    Fields are compared by identity with the record's own document: what a stage left alone
    is the same object and stays behind. The model's records are pickled as their field
    values and rebuilt without ``__init__`` (see :func:`_rebuild`), which unpickles several
    times faster than a frozen dataclass's ``__setstate__``.
    """
    out: list[dict[str, Any] | str] = []
    for r, c in zip(records, coded, strict=True):
        if c.document is None or r.document is None:
            out.append(c.error or "unreadable")
            continue
        before, after = r.document, c.document
        out.append(
            {
                name: value
                for name in _DOC_FIELDS
                if (value := getattr(after, name)) is not getattr(before, name) and name not in _WORKING_STATE
            }
        )
    return _dumps(out)


def unpack_coded(records: Sequence[InputRecord], packed: Sequence[dict[str, Any] | str]) -> list[Coded]:
    """The :class:`~sitroom.pipeline.Coded` list of ``records`` from :func:`pack_coded`'s entries."""
    out = []
    for r, entry in zip(records, packed, strict=True):
        doc = r.document
        if isinstance(entry, str) or doc is None:
            out.append(Coded(r.origin, r.locator, doc.id if doc is not None else None, None, str(entry)))
        else:
            out.append(Coded(r.origin, r.locator, doc.id, replace(doc, **entry) if entry else doc, None))
    return out


def _dumps(value: Any) -> bytes:
    """``value`` pickled with the model's records as their field values (see :func:`_rebuild`)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(value)
    return buffer.getvalue()


def _rebuild(cls: type, values: tuple[Any, ...]) -> Any:
    """An instance of a frozen, slotted model class from its field values, ``__init__`` skipped.

    For a class whose ``__post_init__`` derives a field (a mention's key): the derived value
    travels with the others instead of being computed again, as a pickled dataclass's does.
    """
    obj = object.__new__(cls)
    for setter, value in zip(_SETTERS[cls], values, strict=True):
        setter(obj, value)
    return obj


def _reducer(cls: type) -> Any:
    names = tuple(f.name for f in fields(cls))
    if hasattr(cls, "__post_init__") or not all(f.init and not f.kw_only for f in fields(cls)):
        _SETTERS[cls] = tuple(getattr(cls, n).__set__ for n in names)

        def reduce(obj: Any) -> tuple[Any, ...]:
            return (_rebuild, (cls, tuple([getattr(obj, n) for n in names])))

    else:
        # Calling the class itself with the fields in order: the quickest way to rebuild it.
        def reduce(obj: Any) -> tuple[Any, ...]:
            return (cls, tuple([getattr(obj, n) for n in names]))

    return reduce


_DOC_FIELDS = tuple(f.name for f in fields(Document))
_SETTERS: dict[type, tuple[Any, ...]] = {}
_DISPATCH = {
    **copyreg.dispatch_table,
    **{cls: _reducer(cls) for cls in (Mention, Evidence, Place, Claim, Document, Span, Source)},
}


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
        import dask

        # Set before the servers start: each reads its intervals once, and the nannies hand the
        # settings on to the worker processes they spawn.
        with dask.config.set(LOCAL_SETTINGS):
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
