"""The batch runner: a whole `sorot run` from Python, used by the CLI, tests and benchmarks.

    counts = run_paths(["feeds/", "page.html"], db="sorot.duckdb", workers=1)

Reads every input (sorot.ingest), skips inputs stored unchanged by the same pipeline (raw content hash and
`fingerprint()`: code version, data files, model), cuts the rest into parts, runs the pipeline on each part
with a time budget per document, and saves each part in one transaction (an interruption loses at most one
part). Anything that goes wrong with one document becomes a Rejected record with the reason and the
traceback; the run goes on. The counts returned are exactly what was stored, updated, skipped and rejected.

One process and many run the same code: `process_part` turns documents into a Part (the Arrow tables of the
store's rows, and the rejections), and the one writer, this process, stores parts in input order. With
`workers=N` (N > 1) the parts are processed by this process and the N - 1 workers of a local
dask.distributed cluster (sorot.cluster) started for the run, with `scheduler=ADDRESS` by the workers of a
running one. A worker loads the models once, writes each part as Parquet files into a run folder
beside the database and returns only its name; the export is the same, byte for byte, as a one-process run.
The workers run the stages as this process has them: the stage specs (sorot.pipeline: a stage replaced or
registered from Python included) are resolved here and sent with each part.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import itertools
import logging
import math
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import pyarrow as pa

from sorot import __version__
from sorot.data import collector_thresholds, hash_tree, override_dir
from sorot.ingest import DEFAULT_LIMIT_BYTES, read_file, safe_name, walk_files
from sorot.schema import Article, RawDoc, Rejected
from sorot.store import RunCounts, Store, raw_hash
from sorot.store.rows import part_tables

if TYPE_CHECKING:
    from sorot.cluster import Pool
    from sorot.corpus.copies import MadeSketches
    from sorot.pipeline import StageRef, StageSpec

# The stages a document goes through: None (every registered stage), names (this process's registry), or
# the specs themselves, resolved by the run's own process and sent with each part to a cluster's workers.
Stages: TypeAlias = "Sequence[StageRef | StageSpec] | None"

__all__ = ["BATCH_SECONDS", "BATCH_SIZE", "DEFAULT_DOC_TIMEOUT", "PART_SIZE", "DocumentTimeout",
           "ParallelError", "ParallelUnavailable", "Part", "Progress", "RunCounts", "Runner", "fingerprint", "process_many",
           "process_part", "process_safely", "run_paths", "select_stages"]

log = logging.getLogger(__name__)

BATCH_SIZE = 16            # articles per transaction when documents come one by one (Runner.add: sorot fetch)
BATCH_SECONDS = 1.0        # ... or one second of them
PART_SIZE = 32             # documents per part in one process (NER runs over them at once); an interruption
                           # loses at most one part
CLUSTER_PART_SIZE = 48     # ... and on a cluster, where each part costs a task, Parquet files and a load
# ... or fewer documents holding this many characters. An HTML page costs about 0.25 ms per KB (35 ms for the
# bench's 140 KB pages), a text article about 9 ms whatever its few KB: 48 pages took 1.7-4 s, and a
# `--workers 2` run ended with the run's process idle while a worker finished its last such part. At 2 MB a
# part of pages costs about what 48 texts do (0.5 s); a part of texts is not cut by it.
PART_CHARS = 2_000_000
DEFAULT_DOC_TIMEOUT = 5.0  # seconds of pipeline time one document may take (a 1 MB text needs about 1 s)
PENDING_TIMEOUT_STEPS = 100_000  # bytecode steps within which a timeout already sent is raised
WATCHDOG_POLL = 0.05       # seconds between two looks at the budgets of threads (how late one may go off)
WATCHDOG_IDLE = 2.0        # seconds without a budget after which the watchdog sleeps until the next one
DETAIL_LIMIT = 4000        # characters of traceback kept in a rejection record

# progress(files done, files in all, articles per second so far)
Progress = Callable[[int, int, float], None]


class DocumentTimeout(Exception):
    """One document used up its time budget."""


class ParallelError(RuntimeError):
    """A cluster for the run that cannot be had or used; the message is one line."""


class ParallelUnavailable(ParallelError):
    """More than one worker was asked for, and dask.distributed is not installed."""


def select_stages(names: str | Sequence[str] | None) -> list[str] | None:
    """Stage names to run after cleaning (None: all). "meta,nlp" keeps those; "" runs cleaning only."""
    if names is None:
        return None
    if isinstance(names, str):
        names = names.split(",")
    return [name.strip() for name in names if name.strip()]


# -- the fingerprint of the pipeline --------------------------------------------------------------------------

MODEL_FILES = ("meta.json", "config.cfg")   # what names a trained model and its settings (not its weights)


def fingerprint() -> str:
    """A hash of what decides the pipeline's output besides its input: the code version, every data file
    (the packaged ones and those of a SOROT_DATA directory) and the NER model's meta and config. An input
    stored under another fingerprint is processed again, so an upgrade re-processes what it may change."""
    import sorot.data

    digest = hashlib.sha1(f"sorot {__version__}".encode())
    hash_tree(digest, Path(sorot.data.__file__).resolve().parent)
    override = override_dir()
    if override:
        digest.update(b"\0override\0")
        hash_tree(digest, override)
    model = Path(sorot.__file__).resolve().parent / "models" / "ner_id"
    for name in MODEL_FILES:
        digest.update(f"\0model/{name}\0".encode())
        if (model / name).is_file():
            digest.update((model / name).read_bytes())
    return digest.hexdigest()[:16]


# -- one document ---------------------------------------------------------------------------------------------

@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise DocumentTimeout in the body after `seconds` (wall clock).

    In the main thread through SIGALRM: a signal is the one way to stop pure-Python work and the regex
    engine (which checks for signals) without a process per document. Elsewhere (a Dask worker runs tasks in
    a thread) a timer raises the exception in the thread at its next Python instruction, which stops
    Python-level work but not one long call into C.
    """
    if seconds is None or seconds <= 0 or not math.isfinite(seconds):
        yield
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    else:
        with _thread_alarm(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(_signum: int, _frame: object) -> None:
        raise DocumentTimeout(f"over the {seconds:g} s time budget per document (raise it with --doc-timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)


class _Watchdog:
    """One thread per process that raises DocumentTimeout in a thread whose document has used up its budget.
    A document only notes its deadline (no thread of its own: starting and ending a timer thread per document
    cost a Dask worker about a tenth of its time); the watchdog looks every WATCHDOG_POLL seconds, so a
    budget goes off up to that much late, and it sleeps on a condition once no budget has run for a while."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.deadlines: dict[tuple[int, int], float] = {}   # (thread id, budget number) -> deadline
        self.fired: set[tuple[int, int]] = set()
        self.numbers = itertools.count()
        self.thread: threading.Thread | None = None

    def watch(self, seconds: float) -> tuple[int, int]:
        """Note the calling thread's deadline; returns the key that `release` takes."""
        key = (threading.get_ident(), next(self.numbers))
        with self.lock:
            self.deadlines[key] = time.monotonic() + seconds
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="sorot-time-budget", daemon=True)
                self.thread.start()
            else:
                self.lock.notify()      # wakes the watchdog if it sleeps for want of budgets; else nothing
        return key

    def release(self, key: tuple[int, int]) -> bool:
        """End the budget `key`; whether the watchdog has already raised its timeout in the thread."""
        with self.lock:
            self.deadlines.pop(key, None)
            fired = key in self.fired
            self.fired.discard(key)
        return fired

    def _run(self) -> None:
        idle_since = time.monotonic()
        while True:
            time.sleep(WATCHDOG_POLL)
            now = time.monotonic()
            with self.lock:
                for key, deadline in list(self.deadlines.items()):
                    if now >= deadline:
                        del self.deadlines[key]
                        self.fired.add(key)
                        _set_async_exc(key[0], ctypes.py_object(DocumentTimeout))
                if self.deadlines:
                    idle_since = now
                elif now - idle_since > WATCHDOG_IDLE:
                    while not self.deadlines:
                        self.lock.wait()
                    idle_since = time.monotonic()


_WATCHDOG = _Watchdog()


@contextmanager
def _thread_alarm(seconds: float) -> Iterator[None]:
    """DocumentTimeout raised in this thread by the process's watchdog. An exception it raised that has not
    gone off when the body ends is let go off here and swallowed, rather than cleared: clearing it
    (PyThreadState_SetAsyncExc with NULL) leaves CPython's interpreter-wide "pending" flag set, which slows
    every later bytecode of every thread."""
    key = _WATCHDOG.watch(seconds)
    delivered = False
    try:
        yield
    except DocumentTimeout:
        delivered = True
        raise
    finally:
        if _WATCHDOG.release(key) and not delivered:
            _let_pending_timeout_go_off()


def _let_pending_timeout_go_off() -> None:
    """Run bytecode until a DocumentTimeout already sent to this thread is raised (it is checked between
    instructions), and swallow it; bounded, since the body may have caught and dropped it already."""
    try:
        for _ in range(PENDING_TIMEOUT_STEPS):
            pass
    except DocumentTimeout:
        pass


def process_safely(raw: RawDoc, stage_names: Stages = None,
                   doc_timeout: float | None = DEFAULT_DOC_TIMEOUT) -> Article | Rejected:
    """The pipeline on one document; an exception or a timeout becomes a Rejected record instead of ending
    the run. The rejection keeps the traceback (its last DETAIL_LIMIT characters) in `detail`."""
    return process_many([raw], stage_names, doc_timeout)[0]


def process_many(raws: Sequence[RawDoc], stage_names: Stages = None,
                 doc_timeout: float | None = DEFAULT_DOC_TIMEOUT) -> list[Article | Rejected]:
    """The pipeline on many documents at once (pipeline.process_batch: NER over the batch), each with its
    own time budget; in input order, each an Article or the Rejected record that says why not. The stages
    are names (looked up in this process's registry) or the specs themselves (what a worker is sent)."""
    from sorot.pipeline import process_batch

    _warm_up(stage_names)
    results = process_batch(raws, stage_names, guard=lambda _raw: time_budget(doc_timeout))
    return [_outcome(raw, result, doc_timeout) for raw, result in zip(raws, results, strict=True)]


def _outcome(raw: RawDoc, result: Article | BaseException, doc_timeout: float | None) -> Article | Rejected:
    if isinstance(result, DocumentTimeout):
        return Rejected(raw.source, "too slow", f"over the {doc_timeout:g} s time budget per document (raise it "
                        f"with --doc-timeout); {len(raw.content):,} characters", raw.location)
    if isinstance(result, MemoryError):
        return Rejected(raw.source, "processing error: out of memory", f"{len(raw.content):,} characters",
                        raw.location)
    if isinstance(result, BaseException):
        message = str(result).splitlines()[0] if str(result) else ""
        detail = "".join(traceback.format_exception(result))[-DETAIL_LIMIT:]
        return Rejected(raw.source, f"processing error: {type(result).__name__}: {message}"[:300], detail,
                        raw.location)
    result.warnings = [*raw.warnings, *(w for w in result.warnings if w not in raw.warnings)]
    if not result.text.strip():
        return Rejected(raw.source, "no article text", "cleaning found no body lines in the document",
                        raw.location)
    return result


def _stage_name(stage: str | tuple[str, Any] | StageSpec) -> str:
    return stage if isinstance(stage, str) else stage[0] if isinstance(stage, tuple) else stage.name


_WARM: set[tuple[str, ...] | None] = set()
WARM_UP_TEXT = "Jakarta - Menteri Luar Negeri Indonesia bertemu mitranya dari Jepang di Tokyo, Senin (3/3/2025).\n"


def _warm_up(stage_names: Stages) -> None:
    """Load the models and lexicons once per process before any time budget runs: loading takes seconds
    on a busy machine, and the budget is for the document, not for the start-up."""
    from sorot.pipeline import process_raw

    key = None if stage_names is None else tuple(_stage_name(stage) for stage in stage_names)
    if key not in _WARM:
        _WARM.add(key)
        try:
            process_raw(RawDoc(source="<warm-up>", content=WARM_UP_TEXT, format="text"), stage_names)
        except Exception:  # noqa: BLE001 (a stage that fails here fails on the document too, and is rejected there)
            log.debug("warm-up failed", exc_info=True)
        # What is alive now lives as long as the process (models, lexicons, the knowledge base: hundreds of
        # thousands of objects); frozen, the cyclic garbage collector no longer walks them all at each of its
        # full collections during the run, a few tenths of a second each.
        gc.freeze()


# -- one part -------------------------------------------------------------------------------------------------

@dataclass
class Part:
    """What a part of the input gave: the store's rows (Arrow tables by name, store.rows.part_tables) and
    the rejected documents, in input order; `documents` counts both."""
    number: int
    tables: dict[str, pa.Table] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    documents: int = 0


def process_part(number: int, docs: Sequence[RawDoc], stage_names: Stages,
                 doc_timeout: float | None, pipeline_fingerprint: str | None) -> Part:
    """The pipeline on a part's documents, in this process (the one function a worker runs too)."""
    articles: list[tuple[Article, str]] = []
    rejected: list[Rejected] = []
    with collector_thresholds(PART_GC_THRESHOLDS):
        for doc, result in zip(docs, process_many(docs, stage_names, doc_timeout), strict=True):
            if isinstance(result, Rejected):
                rejected.append(result)
            else:
                articles.append((result, raw_hash(doc)))
        tables = part_tables(articles, __version__, pipeline_fingerprint) if articles else {}
        if articles:  # the bodies' sketches, made here (in a worker too) rather than in the corpus layer at the end
            from sorot.corpus.copies import sketch_table

            tables["sketches"] = sketch_table([(article.id, article.title, article.text)
                                               for article, _hash in articles])
    return Part(number, tables, rejected, len(docs))


# The cyclic garbage collector's thresholds while a part is processed. The stages make millions of short-lived
# containers (tokens, matches, spans) that reference counting frees; at Python's default (700, 10, 10) the
# collector ran 1,110 young and 9 full collections over the bench's 1,000 texts, 0.75 s of CPU (5% of the
# run); at (20000, 20, 20), 186 and 2 collections, 0.30 s, for 3 MB more peak memory (tests/runner).
PART_GC_THRESHOLDS = (20_000, 20, 20)


# -- the run --------------------------------------------------------------------------------------------------

class Runner:
    """One run into an open store: reads inputs, skips unchanged ones, processes, saves in small transactions."""

    def __init__(self, store: Store, run_id: str, workers: int = 1, stage_names: list[str] | None = None,
                 doc_timeout: float | None = DEFAULT_DOC_TIMEOUT, pipeline_fingerprint: str | None = None) -> None:
        self.store, self.run_id, self.workers, self.stage_names = store, run_id, workers, stage_names
        self.doc_timeout = doc_timeout
        self.fingerprint = pipeline_fingerprint if pipeline_fingerprint is not None else fingerprint()
        self.counts = RunCounts()
        self.pending: list[tuple[Article, str]] = []
        self.last_flush = time.monotonic()
        self.articles_done = 0
        self.made_sketches: MadeSketches | None = None   # the parts' sketches, for the corpus layer

    def reject(self, rejected: Rejected) -> None:
        self.counts.rejected.append(rejected)
        self.store.save_rejected(rejected, self.run_id)

    def todo(self, items: Iterable[RawDoc | Rejected]) -> list[RawDoc]:
        """Records rejected inputs and unchanged inputs; returns the documents that need processing."""
        docs = []
        for item in items:
            if isinstance(item, Rejected):
                self.reject(item)
            else:
                docs.append(item)
        stored = self.store.unchanged([(doc.location, raw_hash(doc)) for doc in docs], self.fingerprint)
        self.counts.unchanged += sum(stored)
        self.articles_done += sum(stored)
        return [doc for doc, same in zip(docs, stored, strict=True) if not same]

    def add(self, raw: RawDoc, result: Article | Rejected) -> None:
        """One processed document (sorot fetch): saved with the next batch of BATCH_SIZE or BATCH_SECONDS."""
        self.articles_done += 1
        if isinstance(result, Rejected):
            self.reject(result)
            return
        self.pending.append((result, raw_hash(raw)))
        if len(self.pending) >= BATCH_SIZE or time.monotonic() - self.last_flush > BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self._count(self.store.save_batch(self.pending, self.fingerprint))
            self.store.snapshot()  # now and then: what read commands see while the run goes on
        self.pending = []
        self.last_flush = time.monotonic()

    def load(self, part: Part) -> None:
        """Store one part in one transaction: its rejections first, then its rows."""
        self.flush()
        for rejected in part.rejected:
            self.reject(rejected)
        if "sketches" in part.tables:
            from sorot.corpus.copies import MadeSketches

            self.made_sketches = self.made_sketches or MadeSketches()
            self.made_sketches.add(part.tables["sketches"])
        if "items" in part.tables:
            self._count(self.store.save_tables(part.tables))
            self.store.snapshot()
        self.articles_done += part.documents
        self.last_flush = time.monotonic()

    def _count(self, statuses: Iterable[str]) -> None:
        for status in statuses:
            if status == "updated":
                self.counts.updated += 1
            else:
                self.counts.stored += 1

    def process(self, docs: list[RawDoc]) -> None:
        """Process and store `docs` in this process, part by part."""
        for start in range(0, len(docs), PART_SIZE):
            self.load(process_part(0, docs[start:start + PART_SIZE], self.stage_names, self.doc_timeout,
                                   self.fingerprint))

    def walk(self, paths: Sequence[Path]) -> Iterator[Path]:
        """Every input file under `paths` (each real file once); missing paths are rejected."""
        seen = _store_files(self.store.path)  # the database in an input folder is no input
        # the Parquet parts of a killed parallel run are no input either (the folder is rarely there)
        parts = parts_folder(self.store.path) if parts_folder(self.store.path).is_dir() else None
        for path in paths:
            if not path.exists() and not path.is_symlink():
                name, where = safe_name(path.name), safe_name(str(path))
                self.reject(Rejected(name, "unreadable: no such file or directory", where, where))
                continue
            for item in walk_files(path, seen):
                if isinstance(item, Rejected):
                    self.reject(item)
                elif parts is None or parts not in Path(os.path.realpath(item)).parents:
                    yield item


def _store_files(db: str) -> set[str]:
    """Resolved paths of the database and the files beside it that belong to it."""
    real = os.path.realpath(db)
    return {real, *(real + suffix for suffix in (".wal", ".lock", ".snapshot", ".snapshot.partial"))}


def parts_folder(db: str) -> Path:
    """Where workers write the Parquet parts of a run on this database (one folder per run inside)."""
    return Path(os.path.realpath(db) + ".parts")


@dataclass
class PartOfInput:
    """Documents cut from the input, with how many input files were wholly read when it was cut."""
    number: int
    docs: list[RawDoc]
    files_done: int


def _parts_of(runner: Runner, files: Sequence[Path], limit_bytes: int, size: int,
              chars: int = PART_CHARS) -> Iterator[PartOfInput]:
    """The documents of `files` that need processing, in input order, in parts of `size` documents or fewer
    holding `chars` characters."""
    docs: list[RawDoc] = []
    read: list[RawDoc | Rejected] = []
    number = 0
    for index, path in enumerate(files):
        read += read_file(path, limit_bytes)
        if len(read) < size and index + 1 < len(files):
            continue        # the store is asked which inputs are unchanged once per part's worth of them
        docs += runner.todo(read)
        read = []
        while (take := _full_part(docs, size, chars)) is not None:
            number += 1
            yield PartOfInput(number, docs[:take], index if len(docs) > take else index + 1)
            docs = docs[take:]
    if docs:
        yield PartOfInput(number + 1, docs, len(files))


def _full_part(docs: Sequence[RawDoc], size: int, chars: int) -> int | None:
    """How many of `docs`, from the first, make a part: `size` of them, or fewer that hold `chars` characters
    (at least one); None while they make none yet."""
    held = 0
    for count, doc in enumerate(docs[:size], 1):
        held += len(doc.content)
        if held >= chars:
            return count
    return size if len(docs) >= size else None


def check_parallel(workers: int = 1, scheduler: str | None = None) -> None:
    """ParallelUnavailable (one line, with the command that installs it) when a cluster is asked for and
    dask.distributed is not installed."""
    import importlib.util

    if (workers > 1 or scheduler) and (importlib.util.find_spec("distributed") is None
                                       or importlib.util.find_spec("dask") is None):
        asked = f"--scheduler {scheduler}" if scheduler else f"--workers {workers}"
        raise ParallelUnavailable(f"{asked} needs dask.distributed, which is not installed: "
                                  "pip install 'sorot[parallel]'")


def run_paths(paths: Iterable[str | Path], db: str | Path = "sorot.duckdb", *, workers: int = 1,
              scheduler: str | None = None, limit_bytes: int = DEFAULT_LIMIT_BYTES,
              stages: str | Sequence[str] | None = None, doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
              progress: Progress | None = None, store: Store | None = None) -> RunCounts:
    """Process every article under `paths` into the store at `db` (or the open `store`); returns the counts.

    `workers=N` (N > 1) runs N processes: this one and a local dask.distributed cluster of N - 1 workers
    started for the run; `scheduler` is the address of a running cluster, whose workers do all the parts (its workers must see the folder beside the database: same machine or a shared
    file system). Either needs `pip install 'sorot[parallel]'` (else ParallelUnavailable).
    KeyboardInterrupt is passed on after the parts done are saved, with the counts so far on the exception
    (`error.counts`), so that a caller can say what was kept.
    """
    check_parallel(workers, scheduler)
    if workers > 1 and scheduler is None:
        _start_worker_server()
    if stages is not None:
        from sorot.pipeline import resolve_stages

        resolve_stages(select_stages(stages))   # StageError (one line) before any work, not once per document
    if store is None:
        with Store(db) as opened:
            return run_paths(paths, workers=workers, scheduler=scheduler, limit_bytes=limit_bytes, stages=stages,
                             doc_timeout=doc_timeout, progress=progress, store=opened)
    inputs = [Path(p) for p in paths]
    started = time.monotonic()
    run_id = store.start_run([safe_name(str(p)) for p in inputs])
    store.snapshot(force=True)
    runner = Runner(store, run_id, workers, select_stages(stages), doc_timeout)

    def report(files_done: int, files_total: int) -> None:
        if progress is not None:
            progress(files_done, files_total, runner.articles_done / max(time.monotonic() - started, 1e-6))

    try:
        files = list(runner.walk(inputs))
        parallel = workers > 1 or scheduler is not None
        cut = _parts_of(runner, files, limit_bytes, CLUSTER_PART_SIZE if parallel else PART_SIZE)
        with _pool(runner, scheduler) as pool:
            for part, files_done in pool.map(cut) if pool is not None else _in_process(runner, cut):
                runner.load(part)
                report(files_done, len(files))
        report(len(files), len(files))
    except KeyboardInterrupt as interrupt:
        runner.flush()
        interrupt.counts = runner.counts  # type: ignore[attr-defined]  # the counts ride on the exception to the caller
        raise
    runner.flush()
    from sorot import corpus  # the corpus layer only at the end of a run: a worker or `sorot --help` skips it

    if runner.counts.stored or runner.counts.updated or corpus.is_stale(store.con):
        # copies, records and stories of everything stored
        store.write(lambda con: corpus.update(con, runner.made_sketches))
    store.finish_run(run_id, runner.counts)
    runner.counts.seconds = time.monotonic() - started
    return runner.counts


def _start_worker_server() -> None:
    """The local workers' fork server, started now so that their code is imported on another core while this
    process starts. One that cannot start here is reported by the cluster's start, as a ParallelError."""
    from sorot import worker_server

    try:
        worker_server.start()
    except OSError:
        log.debug("the workers' fork server did not start", exc_info=True)


def _in_process(runner: Runner, cut: Iterable[PartOfInput]) -> Iterator[tuple[Part, int]]:
    for piece in cut:
        yield (process_part(piece.number, piece.docs, runner.stage_names, runner.doc_timeout, runner.fingerprint),
               piece.files_done)


@contextmanager
def _pool(runner: Runner, scheduler: str | None) -> Iterator[Pool | None]:
    """The cluster's pool for a run with workers or a scheduler (started on the first part), else None."""
    if runner.workers <= 1 and scheduler is None:
        yield None
        return
    from sorot.cluster import Pool
    from sorot.pipeline import resolve_stages

    folder = parts_folder(runner.store.path)
    # the stages as this process has them (replace_stage, register_stage), not as a worker's registry has them
    stages = resolve_stages(runner.stage_names)
    # --workers N: this process and N - 1 workers of a local cluster (this one works while they start);
    # a scheduler's workers do all the parts
    here = scheduler is None
    pool = Pool(folder / runner.run_id, workers=runner.workers - 1 if here else runner.workers,
                scheduler=scheduler, stages=stages, doc_timeout=runner.doc_timeout,
                fingerprint=runner.fingerprint, here=here)
    try:
        yield pool
    finally:
        pool.close()
        _remove_empty(folder)


def _remove_empty(folder: Path) -> None:
    with suppress(OSError):   # another run's parts, or files a worker still writes: left for the next run
        folder.rmdir()
