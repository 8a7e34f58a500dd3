"""Parts of a run processed on a dask.distributed cluster (`sorot run --workers N` or `--scheduler ADDRESS`).

The runner (sorot.runner) cuts the input into parts and stores them; this module only moves them:
- `Pool` starts a LocalCluster of single-threaded worker processes for the run (forked from
  sorot.worker_server's fork server, which has imported their code while the run started), or connects to a
  running scheduler, warms the models once per worker (`WarmUp`, a worker plugin) and keeps a few parts per
  worker in flight, handing them back in input order. On a local cluster the run's own process works too
  (`here=True`: `sorot run --workers N` is this process and N - 1 workers): it starts the cluster in a
  thread, loads its own models and processes the first part while the workers start (the parts read with it
  are sent to them the moment they are up: `_ReadAhead`), and afterwards takes
  a part itself whenever the workers have enough in flight. Without that, a run of N workers waited for
  the cluster and the workers' model loading before its first part and kept one process idle but for the
  store writes, which left it well short of N one-process runs at once on N cores;
- a worker runs `sorot.runner.process_part` on its part, as one process would, through the stages the run's
  own process resolved (sent with each part: a stage replaced or registered from Python runs on the workers
  too, not the workers' own registry), writes the part's tables as
  Parquet files into the run folder and returns their names and the rejections; the runner, the one writer,
  loads each part in one transaction and deletes its files.
- A worker started here watches the process that started it (`watch_parent`): when that process dies,
  even by kill -9, the worker exits within a second instead of running on.

Needs the optional dependencies: pip install 'sorot[parallel]'.
"""

from __future__ import annotations

import itertools
import logging
import os
import shutil
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dask.config
import psutil  # type: ignore[import-untyped]  # psutil ships no type hints
import pyarrow.parquet as pq
from distributed import Client, Future, LocalCluster, WorkerPlugin
from distributed import utils as distributed_utils

from sorot import worker_server
from sorot.data import DATA_ENV
from sorot.runner import ParallelError, Part, PartOfInput, process_part
from sorot.schema import RawDoc, Rejected

if TYPE_CHECKING:
    from sorot.pipeline import StageSpec

__all__ = ["PARENT_ENV", "PartFiles", "Pool", "WarmUp", "dask_setup", "read_part", "start_worker_server", "watch_parent",
           "write_part"]

log = logging.getLogger(__name__)

PARENT_ENV = "SOROT_RUNNER_PID"   # set for the workers a run starts: the process they watch
PARENT_START = "SOROT_RUNNER_START"   # ... and its create time (a pid can be used again)
PARENT_POLL = 0.5                 # seconds between two looks at the parent
PARTS_PER_WORKER = 2              # parts in flight per worker thread: one running, one waiting to start
HELD_PARTS = 8                    # parts done here that may wait for an earlier part of a worker, in memory
CONNECT_TIMEOUT = "20s"           # to reach a scheduler given by address
# The cluster of `sorot run --workers N` runs only our parts, in processes that also run the pipeline; its
# event loops (the scheduler's in the run's own process, each worker's beside its task) take the GIL from the
# pipeline each time they wake, so they wake only for what such a cluster needs:
# - no statistical profiler (it walks every task thread's stack each 10 ms), no GIL monitor;
# - no work stealing (this process keeps PARTS_PER_WORKER parts per worker, so there is nothing to steal), no
#   active memory manager (no task's result is kept on a worker), the event loop's tick and the system
#   and memory monitors once a second rather than 50, 2 and 10 times;
# - the workers forked from sorot.worker_server's fork server (METHOD), not spawned.
# Nor distributed's MALLOC_TRIM_THRESHOLD_=65536 (which makes glibc hand freed memory back to the system at
# once, and turns off its adaptive thresholds): with it a worker took a quarter more time than the run's own
# process for the same part, in the page faults of memory given back and taken again. The thread counts stay.
# Together, on the bench's 1,200 documents (2 processes, 2 cores): 12.5-13.0 -> 11.6-12.5 s.
WORKER_CONFIG = {"distributed.worker.multiprocessing-method": worker_server.METHOD,
                 "distributed.worker.profile.enabled": False,
                 "distributed.admin.system-monitor.gil.enabled": False,
                 "distributed.scheduler.work-stealing": False,
                 "distributed.scheduler.active-memory-manager.start": False,
                 "distributed.admin.tick.interval": "1s",
                 "distributed.admin.system-monitor.interval": "1s",
                 "distributed.worker.memory.monitor-interval": "1s",
                 "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1,
                                                         "OPENBLAS_NUM_THREADS": 1}}
# The interpreter's switch interval in the processes of a local cluster's run (Python's default is 5 ms): a
# thread that waits for the GIL takes it from the running one after this long. The pipeline then keeps the GIL
# through the event loops' short wake-ups for longer stretches: on the bench corpus the run's own process spent
# 12.3-12.4 ms of CPU per text at 5 ms, 9.8-10.2 ms at 50 ms (its event loop included; runs in turn). The
# loops' messages wait up to this long more.
SWITCH_INTERVAL = 0.05


@dataclass
class PartFiles:
    """A part as a worker wrote it: the folder of its Parquet files (one per table) and its rejections."""
    number: int
    folder: str
    tables: tuple[str, ...]
    rejected: list[Rejected] = field(default_factory=list)
    documents: int = 0


def write_part(number: int, docs: list[RawDoc], folder: str, stages: list[StageSpec],
               doc_timeout: float | None, fingerprint: str | None) -> PartFiles:
    """The task a worker runs: process the part through `stages` (the specs of the run's own process, so
    that its replaced and registered stages run here too) and write its tables into `folder`/part-NUMBER/."""
    part = process_part(number, docs, stages, doc_timeout, fingerprint)
    where = Path(folder) / f"part-{number:06d}"
    where.mkdir(parents=True, exist_ok=True)
    for name, table in part.tables.items():
        pq.write_table(table, where / f"{name}.parquet")
    return PartFiles(number, str(where), tuple(part.tables), part.rejected, part.documents)


def read_part(files: PartFiles) -> Part:
    """The part back from its Parquet files, which are then deleted."""
    where = Path(files.folder)
    if files.tables and not where.is_dir():
        raise ParallelError(f"a worker wrote part {files.number} to {where}, which this machine cannot read: "
                            "the workers must see the folder beside the database (same machine or shared disk)")
    tables = {name: pq.read_table(where / f"{name}.parquet") for name in files.tables}
    shutil.rmtree(where, ignore_errors=True)
    return Part(files.number, tables, files.rejected, files.documents)


class WarmUp(WorkerPlugin):
    """Loads the models and lexicons once in each worker, when it joins, before any document's budget."""

    name = "sorot-warm-up"

    def __init__(self, stages: list[StageSpec]) -> None:
        self.stages = stages

    def setup(self, worker: Any) -> None:
        from sorot.runner import _warm_up

        _warm_up(self.stages)

    def teardown(self, worker: Any) -> None:
        """A worker this run started ends at once when it is closed: tearing down the models and the
        knowledge base object by object takes seconds, which the run would wait for."""
        if os.environ.get(PARENT_ENV):
            os._exit(0)


def watch_parent(parent: int, every: float = PARENT_POLL, started: float | None = None) -> threading.Thread:
    """A daemon thread that ends this process as soon as the process `parent` (the run; started at
    `started`, its create time, when given) has ended: polled, rather than PR_SET_PDEATHSIG, which fires
    when the *thread* that started a process ends (Dask starts workers from a helper thread).
    Workers are forked from sorot.worker_server's fork server, which imports code only, never from a warmed
    process: lingua's thread pool does not survive a fork (a worker forked from one hung building its
    language detector)."""
    def alive() -> bool:
        try:
            process = psutil.Process(parent)
            return process.status() != psutil.STATUS_ZOMBIE and (started is None
                                                                  or abs(process.create_time() - started) < 1)
        except psutil.Error:
            return False

    def watch() -> None:
        while alive():
            time.sleep(every)
        os._exit(1)

    thread = threading.Thread(target=watch, name="sorot-watch-parent", daemon=True)
    thread.start()
    return thread


def dask_setup(worker: Any) -> None:
    """Run by every worker this module is preloaded into (LocalCluster(preload=["sorot.cluster"])): a worker
    of a run's local cluster watches the run's process and takes SWITCH_INTERVAL."""
    parent, started = os.environ.get(PARENT_ENV, ""), os.environ.get(PARENT_START, "")
    if parent.isdigit():
        sys.setswitchinterval(SWITCH_INTERVAL)
        watch_parent(int(parent), started=float(started) if started else None)


class Pool:
    """A cluster for one run, closed by close(); parts come back in input order.

    `workers` is the number of worker processes of a local cluster (ignored with `scheduler`). With `here`
    this process processes parts too: the cluster is started in a thread when a second part comes (a run
    of one part needs none) while this process begins on the first, and later a part is processed here
    whenever the workers have `depth` parts in flight. Without `here` the cluster starts on the first part."""

    def __init__(self, folder: Path, *, workers: int, scheduler: str | None, stages: list[StageSpec],
                 doc_timeout: float | None, fingerprint: str | None, here: bool = False) -> None:
        self.folder, self.workers, self.scheduler = folder, workers, scheduler
        self.stages, self.doc_timeout, self.fingerprint = stages, doc_timeout, fingerprint
        self.here = here and scheduler is None
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None
        self.depth = PARTS_PER_WORKER * max(workers, 1)
        self.starting: threading.Thread | None = None
        self.start_error: BaseException | None = None
        self.ready = threading.Event()     # set when the cluster can take parts (or failed to start)
        self.switch_interval: float | None = None   # this process's own, while a local cluster's run takes ours

    def start(self) -> Client:
        if self.client is not None:
            return self.client
        shutil.rmtree(self.folder.parent, ignore_errors=True)  # parts of a run that was killed: we hold the lock
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as error:
                raise ParallelError(f"cannot reach the Dask scheduler at {self.scheduler}: {error}") from None
            self.depth = PARTS_PER_WORKER * max(1, sum(client.nthreads().values()))
        else:
            # the run's own settings (SOROT_DATA...), also those set after this process started
            env = {DATA_ENV: "", **{k: v for k, v in os.environ.items() if k.startswith("SOROT_")},
                   PARENT_ENV: str(os.getpid()), PARENT_START: str(psutil.Process().create_time())}
            start_worker_server()   # started by the runner at the start of the run; here if not
            with dask.config.set(WORKER_CONFIG):   # workers take the config they are started with
                self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", dashboard_address="127.0.0.1:0",  # any free port
                                            silence_logs=logging.ERROR, memory_limit=0,
                                            preload=["sorot.cluster"], env=env)
            client = Client(self.cluster)
        client.register_plugin(WarmUp(self.stages))   # returns when every worker has loaded its models
        self.client = client
        return client

    def start_in_background(self, ahead: _ReadAhead | None = None) -> None:
        """Start the cluster in a thread (once); `ready` is set when it can take parts. The parts read `ahead`
        that this process has not yet taken go to the workers the moment the cluster is up, rather than when
        this process next looks, after the part it is on (seconds, with its own models loading)."""
        if self.starting is not None:
            return

        def start() -> None:
            try:
                client = self.start()
                if ahead is not None:
                    ahead.send(lambda piece: self._submit(client, piece))
            except BaseException as error:  # noqa: BLE001 (raised in the run's own thread by _cluster_ready)
                self.start_error = error
            finally:
                self.ready.set()

        self.starting = threading.Thread(target=start, name="sorot-cluster-start", daemon=True)
        self.starting.start()

    def _cluster_ready(self) -> Client | None:
        """The cluster's client once it has started (None while it starts); a failed start is raised here."""
        if not self.ready.is_set():
            return None
        if self.start_error is not None:
            error, self.start_error = self.start_error, None
            if isinstance(error, ParallelError | KeyboardInterrupt):
                raise error
            message = str(error).splitlines()[0] if str(error) else ""
            raise ParallelError(f"cannot start the local Dask cluster: {type(error).__name__}: {message}") from error
        return self.client

    def map(self, parts: Iterable[PartOfInput]) -> Iterator[tuple[Part, int]]:
        """(part, input files done) for each part, in input order, a few parts per worker at a time."""
        if not self.here:
            yield from self._map_on_cluster(parts)
            return
        slots: deque[tuple[Future | Part, PartOfInput]] = deque()   # in input order: on a worker, or done here
        pieces = iter(parts)
        first = next(pieces, None)
        if first is None:
            return
        read = list(itertools.islice(pieces, 1))
        ahead = _ReadAhead(read)
        if read:     # a run of one part starts no cluster
            self.switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_INTERVAL)
            self.start_in_background(ahead)
            read += ahead.add(list(itertools.islice(pieces, self.depth - 1)))   # while the cluster starts
        for piece in itertools.chain([first], read, pieces):
            sent = ahead.take(piece)
            client = self._cluster_ready()
            if sent is not None:
                slots.append((sent, piece))
            elif client is not None and _unfinished(slots) < self.depth:
                slots.append((self._submit(client, piece), piece))
            else:
                slots.append((self._process_here(piece), piece))
            # hand on what is done; wait for a worker's part only when too many wait behind it
            while slots and (_done(slots[0][0]) or len(slots) > self.depth + HELD_PARTS):
                yield self._collect(*slots.popleft())
        while slots:
            if not _done(slots[0][0]) and _unfinished(slots) > self.workers:
                self._take_back_last(slots)
            else:
                yield self._collect(*slots.popleft())

    def _process_here(self, piece: PartOfInput) -> Part:
        return process_part(piece.number, piece.docs, self.stages, self.doc_timeout, self.fingerprint)

    def _take_back_last(self, slots: deque[tuple[Future | Part, PartOfInput]]) -> None:
        """At the end of the input, the last part a worker holds (more than one per worker is unfinished, so
        it has not started: a worker runs one at a time, in order) is cancelled there and done here, rather
        than this process waiting for the worker to reach it."""
        index = max(n for n, (slot, _) in enumerate(slots) if not _done(slot))
        future, piece = slots[index]
        assert isinstance(future, Future)
        future.cancel()
        slots[index] = (self._process_here(piece), piece)

    def _map_on_cluster(self, parts: Iterable[PartOfInput]) -> Iterator[tuple[Part, int]]:
        in_flight: deque[tuple[Future, PartOfInput]] = deque()
        for piece in parts:
            in_flight.append((self._submit(self.start(), piece), piece))
            if len(in_flight) >= self.depth:
                yield self._collect(*in_flight.popleft())
        while in_flight:
            yield self._collect(*in_flight.popleft())

    def _submit(self, client: Client, piece: PartOfInput) -> Future:
        return client.submit(write_part, piece.number, piece.docs, str(self.folder), self.stages,
                             self.doc_timeout, self.fingerprint, pure=False)

    def _collect(self, done: Future | Part, piece: PartOfInput) -> tuple[Part, int]:
        if isinstance(done, Part):
            return done, piece.files_done
        try:
            files: PartFiles = done.result()
        except Exception as error:  # noqa: BLE001 (a worker that died with the part: its documents are rejected)
            reason = f"processing error: worker lost: {type(error).__name__}"
            rejected = [Rejected(doc.source, reason, str(error)[:4000], doc.location) for doc in piece.docs]
            return Part(piece.number, {}, rejected, len(piece.docs)), piece.files_done
        return read_part(files), piece.files_done

    def close(self) -> None:
        if self.starting is not None:
            self.starting.join()     # a cluster half started is closed as a started one
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.switch_interval is not None:
            sys.setswitchinterval(self.switch_interval)
            self.switch_interval = None


def start_worker_server() -> None:
    """sorot.worker_server's fork server, for the workers of a local cluster started with WORKER_CONFIG.

    dask.distributed sets a preload list of its own the first time it starts a worker by fork server (and
    imports that list, numpy, pandas..., in this process to do so), which would start a server without
    sorot's code or thread limits when ours is not running yet, and is wasted when it is. There is no public
    switch: without this one, only slower."""
    worker_server.start()
    if hasattr(distributed_utils, "_forkserver_preload_set"):
        distributed_utils._forkserver_preload_set = True


def _done(slot: Future | Part) -> bool:
    return isinstance(slot, Part) or slot.done()


def _unfinished(slots: Iterable[tuple[Future | Part, PartOfInput]]) -> int:
    """Parts of `slots` that a worker holds and has not finished."""
    return sum(not _done(slot) for slot, _ in slots)


class _ReadAhead:
    """Parts read before the cluster is up, each taken by whichever comes first: the thread that started the
    cluster, which sends those still waiting to the workers, or this process, which processes it here."""

    def __init__(self, pieces: list[PartOfInput]) -> None:
        self.lock = threading.Lock()
        self.waiting = list(pieces)
        self.sent: dict[int, Future] = {}

    def add(self, pieces: list[PartOfInput]) -> list[PartOfInput]:
        """`pieces` read later, which wait too (sent if the cluster is not up yet); returned."""
        with self.lock:
            self.waiting.extend(pieces)
        return pieces

    def send(self, submit: Callable[[PartOfInput], Future]) -> None:
        with self.lock:
            self.sent.update((piece.number, submit(piece)) for piece in self.waiting)
            self.waiting = []

    def take(self, piece: PartOfInput) -> Future | None:
        """The future of `piece` if it was sent; else it is no longer waiting, and None."""
        with self.lock:
            if piece.number in self.sent:
                return self.sent.pop(piece.number)
            self.waiting = [other for other in self.waiting if other is not piece]
            return None
