"""The batch runner: a whole `sorot run` from Python, used by the CLI, tests and benchmarks.

    counts = run_paths(["feeds/", "page.html"], db="sorot.duckdb", workers=1)

Reads every input (sorot.ingest), skips inputs whose raw content is stored unchanged, runs the pipeline on the
rest with a time budget per document, and saves the articles in small transactions (an interruption loses at
most one batch). Anything that goes wrong with one document becomes a Rejected record with the reason and the
traceback; the run goes on. The counts returned are exactly what was stored, updated, skipped and rejected.
"""

from __future__ import annotations

import logging
import math
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sorot import corpus
from sorot.ingest import DEFAULT_LIMIT_BYTES, read_file, safe_name, walk_files
from sorot.schema import Article, RawDoc, Rejected
from sorot.store import RunCounts, Store, raw_hash

__all__ = ["BATCH_SECONDS", "BATCH_SIZE", "DEFAULT_DOC_TIMEOUT", "DocumentTimeout", "Progress", "RunCounts",
           "Runner", "process_safely", "run_paths", "select_stages"]

log = logging.getLogger(__name__)

BATCH_SIZE = 16            # articles per transaction: an interruption loses at most one batch of unsaved work
BATCH_SECONDS = 1.0        # ... or one second of it
DEFAULT_DOC_TIMEOUT = 5.0  # seconds of pipeline time one document may take (a 1 MB text needs about 1 s)
DETAIL_LIMIT = 4000        # characters of traceback kept in a rejection record

# progress(files done, files in all, articles per second so far)
Progress = Callable[[int, int, float], None]


class DocumentTimeout(Exception):
    """One document used up its time budget."""


def select_stages(names: str | Sequence[str] | None) -> list[str] | None:
    """Stage names to run after cleaning (None: all). "meta,nlp" keeps those; "" runs cleaning only."""
    if names is None:
        return None
    if isinstance(names, str):
        names = names.split(",")
    return [name.strip() for name in names if name.strip()]


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise DocumentTimeout in the body after `seconds` (wall clock), through SIGALRM.

    A signal is the one way to stop pure-Python work (and the regex engine, which checks for signals) without
    a process per document. It only works in the main thread; elsewhere (a thread pool) the budget is off.
    """
    usable = (seconds is not None and seconds > 0 and math.isfinite(seconds)
              and threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"))
    if seconds is None or not usable:
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise DocumentTimeout(f"over the {seconds:g} s time budget per document (raise it with --doc-timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_safely(raw: RawDoc, stage_names: list[str] | None = None,
                   doc_timeout: float | None = DEFAULT_DOC_TIMEOUT) -> Article | Rejected:
    """The pipeline on one document; an exception or a timeout becomes a Rejected record instead of ending
    the run. The rejection keeps the traceback (its last DETAIL_LIMIT characters) in `detail`."""
    from sorot.pipeline import STAGES, process_raw

    stages = None if stage_names is None else [(n, stage) for n, stage in STAGES if n in stage_names]
    _warm_up(stages)
    try:
        with time_budget(doc_timeout):
            article = process_raw(raw, stages)
    except DocumentTimeout as error:
        return Rejected(raw.source, "too slow", f"{error}; {len(raw.content):,} characters", raw.location)
    except MemoryError:
        return Rejected(raw.source, "processing error: out of memory", f"{len(raw.content):,} characters",
                        raw.location)
    except Exception as error:  # noqa: BLE001 (one bad document must not stop the run)
        message = str(error).splitlines()[0] if str(error) else ""
        log.debug("document %s failed", raw.location or raw.source, exc_info=True)
        return Rejected(raw.source, f"processing error: {type(error).__name__}: {message}"[:300],
                        traceback.format_exc()[-DETAIL_LIMIT:], raw.location)
    article.warnings = [*raw.warnings, *(w for w in article.warnings if w not in raw.warnings)]
    if not article.text.strip():
        return Rejected(raw.source, "no article text", "cleaning found no body lines in the document",
                        raw.location)
    return article


_WARM: set[tuple[str, ...] | None] = set()
WARM_UP_TEXT = "Jakarta - Menteri Luar Negeri Indonesia bertemu mitranya dari Jepang di Tokyo, Senin (3/3/2025).\n"


def _warm_up(stages: list[tuple[str, Any]] | None) -> None:
    """Load the models and lexicons once per process before any time budget runs: loading takes seconds
    on a busy machine, and the budget is for the document, not for the start-up."""
    from sorot.pipeline import process_raw

    key = None if stages is None else tuple(name for name, _stage in stages)
    if key not in _WARM:
        _WARM.add(key)
        try:
            process_raw(RawDoc(source="<warm-up>", content=WARM_UP_TEXT, format="text"), stages)
        except Exception:  # noqa: BLE001 (a stage that fails here fails on the document too, and is rejected there)
            log.debug("warm-up failed", exc_info=True)


class Runner:
    """One run into an open store: reads inputs, skips unchanged ones, processes, saves in small transactions."""

    def __init__(self, store: Store, run_id: str, workers: int = 1, stage_names: list[str] | None = None,
                 doc_timeout: float | None = DEFAULT_DOC_TIMEOUT) -> None:
        self.store, self.run_id, self.workers, self.stage_names = store, run_id, workers, stage_names
        self.doc_timeout = doc_timeout
        self.counts = RunCounts()
        self.pending: list[tuple[Article, str]] = []
        self.last_flush = time.monotonic()
        self.articles_done = 0

    def reject(self, rejected: Rejected) -> None:
        self.counts.rejected.append(rejected)
        self.store.save_rejected(rejected, self.run_id)

    def todo(self, items: Iterable[RawDoc | Rejected]) -> list[RawDoc]:
        """Records rejected inputs and unchanged inputs; returns the documents that need processing."""
        docs = []
        for item in items:
            if isinstance(item, Rejected):
                self.reject(item)
            elif self.store.is_unchanged(item.location, raw_hash(item)):
                self.counts.unchanged += 1
                self.articles_done += 1
            else:
                docs.append(item)
        return docs

    def add(self, raw: RawDoc, result: Article | Rejected) -> None:
        self.articles_done += 1
        if isinstance(result, Rejected):
            self.reject(result)
            return
        self.pending.append((result, raw_hash(raw)))
        if len(self.pending) >= BATCH_SIZE or time.monotonic() - self.last_flush > BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            for status in self.store.save_batch(self.pending):
                if status == "updated":
                    self.counts.updated += 1
                else:
                    self.counts.stored += 1
            self.store.snapshot()  # now and then: what read commands see while the run goes on
        self.pending = []
        self.last_flush = time.monotonic()

    def process(self, docs: list[RawDoc]) -> None:
        if self.workers > 1 and len(docs) > 1:
            results: Iterable[Article | Rejected] = _process_with_dask(docs, self.workers, self.stage_names,
                                                                       self.doc_timeout)
        else:
            results = (process_safely(doc, self.stage_names, self.doc_timeout) for doc in docs)
        for doc, result in zip(docs, results, strict=True):
            self.add(doc, result)

    def walk(self, paths: Sequence[Path]) -> Iterator[Path]:
        """Every input file under `paths` (each real file once); missing paths are rejected."""
        seen = _store_files(self.store.path)  # the database in an input folder is no input
        for path in paths:
            if not path.exists() and not path.is_symlink():
                name, where = safe_name(path.name), safe_name(str(path))
                self.reject(Rejected(name, "unreadable: no such file or directory", where, where))
                continue
            for item in walk_files(path, seen):
                if isinstance(item, Rejected):
                    self.reject(item)
                else:
                    yield item


def _store_files(db: str) -> set[str]:
    """Resolved paths of the database and the files beside it that belong to it."""
    real = os.path.realpath(db)
    return {real, *(real + suffix for suffix in (".wal", ".lock", ".snapshot", ".snapshot.partial"))}


def _process_with_dask(docs: list[RawDoc], workers: int, stage_names: list[str] | None,
                       doc_timeout: float | None) -> list[Article | Rejected]:
    """The same per-document function in a Dask bag on `workers` processes; results keep the input order."""
    import dask.bag as db

    bag = db.from_sequence(docs, npartitions=min(len(docs), workers * 4))
    results: list[Article | Rejected] = bag.map(process_safely, stage_names, doc_timeout).compute(
        scheduler="processes", num_workers=workers)
    return results


def run_paths(paths: Iterable[str | Path], db: str | Path = "sorot.duckdb", *, workers: int = 1,
              limit_bytes: int = DEFAULT_LIMIT_BYTES, stages: str | Sequence[str] | None = None,
              doc_timeout: float | None = DEFAULT_DOC_TIMEOUT, progress: Progress | None = None,
              store: Store | None = None) -> RunCounts:
    """Process every article under `paths` into the store at `db` (or the open `store`); returns the counts.

    KeyboardInterrupt is passed on after the pending batch is saved, with the counts so far on the exception
    (`error.counts`), so that a caller can say what was kept.
    """
    if store is None:
        with Store(db) as opened:
            return run_paths(paths, workers=workers, limit_bytes=limit_bytes, stages=stages,
                             doc_timeout=doc_timeout, progress=progress, store=opened)
    inputs = [Path(p) for p in paths]
    started = time.monotonic()
    run_id = store.start_run([safe_name(str(p)) for p in inputs])
    store.snapshot(force=True)
    runner = Runner(store, run_id, workers, select_stages(stages), doc_timeout)
    try:
        files = list(runner.walk(inputs))
        chunk = max(1, workers * 25) if workers > 1 else 1
        for start in range(0, len(files), chunk):
            group = files[start:start + chunk]
            runner.process(runner.todo(doc for path in group for doc in read_file(path, limit_bytes)))
            if progress is not None:
                progress(start + len(group), len(files),
                         runner.articles_done / max(time.monotonic() - started, 1e-6))
    except KeyboardInterrupt as interrupt:
        runner.flush()
        interrupt.counts = runner.counts  # type: ignore[attr-defined]  # the counts ride on the exception to the caller
        raise
    runner.flush()
    if runner.counts.stored or runner.counts.updated or corpus.is_stale(store.con):
        store.write(corpus.update)    # copies, records and stories of everything stored
    store.finish_run(run_id, runner.counts)
    runner.counts.seconds = time.monotonic() - started
    return runner.counts
