"""One writer at a time, readers during a run, and store errors said as themselves.

DuckDB lets one process open a file for writing and then refuses every other process, readers included,
with a long "Could not set lock" traceback. So:

- a writer takes an advisory lock on `<db>.lock` (flock: the kernel drops it when the process dies, so a
  killed run leaves no stale lock) and writes who holds it; a second writer waits lock_wait() seconds, then
  gets StoreBusy: one line that says which run is in progress;
- while it runs, the writer keeps `<db>.snapshot`, a copy of the last committed state (taken after a
  checkpoint, between batches), which read commands open when the database itself is locked;
- errors of the file system (disk full, permissions) become StoreError with the operating system's words.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)
LOCK_WAIT_ENV = "SOROT_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 5.0   # seconds a second writer waits for the first, unless SOROT_LOCK_WAIT says otherwise


class StoreError(Exception):
    """The store cannot be opened or written; the message is one line meant for the user."""


class StoreBusy(StoreError):
    """Another process is writing to the store."""


def lock_wait() -> float:
    """Seconds a second writer waits: SOROT_LOCK_WAIT as it is when the store opens (not when sorot was
    imported: a program may set it later), else DEFAULT_LOCK_WAIT; StoreError for a value that is none."""
    value = os.environ.get(LOCK_WAIT_ENV, "").strip()
    if not value:
        return DEFAULT_LOCK_WAIT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise StoreError(f"{LOCK_WAIT_ENV}={value!r}: not a number of seconds (0 or more)")
    return seconds


def lock_path(db: str | Path) -> Path:
    return Path(f"{db}.lock")


def snapshot_path(db: str | Path) -> Path:
    return Path(f"{db}.snapshot")


def holder(db: str | Path) -> dict[str, Any]:
    """What the lock file says about the run holding it (empty when unknown)."""
    try:
        return json.loads(lock_path(db).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def describe_holder(db: str | Path) -> str:
    info = holder(db)
    if not info:
        return "another process has it open"
    return (f"a run is in progress (pid {info.get('pid', '?')}, started {info.get('started', '?')}"
            + (f", run {info['run']}" if info.get("run") else "") + ")")


def writer_active(db: str | Path) -> bool:
    """True while some process holds the write lock of `db` (tried without waiting, and released at once)."""
    try:
        with lock_path(db).open("r", encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
    except OSError:
        pass
    return False


class WriterLock:
    """The advisory write lock of one database, held from `acquire()` to `release()`."""

    def __init__(self, db: str | Path) -> None:
        self.db = str(db)
        self.file: IO[str] | None = None

    def acquire(self, wait: float | None = None) -> None:
        """Take the lock, waiting up to `wait` seconds (lock_wait() when None) for a writer holding it."""
        wait = lock_wait() if wait is None else wait
        path = lock_path(self.db)
        try:
            handle = path.open("a+", encoding="utf-8")
        except OSError as error:
            raise StoreError(f"cannot create {path}: {error.strerror or error}") from error
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() >= deadline:
                    handle.close()
                    raise StoreBusy(f"{self.db}: {describe_holder(self.db)}; wait for it to finish or use "
                                    "another --db") from None
                time.sleep(0.2)
        self.file = handle
        self.note()

    def note(self, run: str | None = None) -> None:
        """Write who holds the lock (for the message a second writer or a reader gets)."""
        if self.file is None:
            return
        started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        self.file.seek(0)
        self.file.truncate()
        self.file.write(json.dumps({"pid": os.getpid(), "started": started, "run": run}))
        self.file.flush()

    def release(self) -> None:
        if self.file is not None:
            try:
                self.file.seek(0)
                self.file.truncate()
            except OSError:
                pass
            fcntl.flock(self.file, fcntl.LOCK_UN)
            self.file.close()
            self.file = None


def write_snapshot(db: str | Path, checkpoint: Any) -> float:
    """Copy the database (after `checkpoint()` has merged the write-ahead log into it) to `<db>.snapshot`,
    atomically; returns the seconds it took, so that the caller can space the copies out."""
    started = time.monotonic()
    checkpoint()
    target = snapshot_path(db)
    partial = Path(f"{target}.partial")
    try:
        shutil.copyfile(db, partial)
        os.replace(partial, target)
    except OSError:
        log.debug("snapshot of %s not written", db, exc_info=True)
        partial.unlink(missing_ok=True)  # no snapshot is better than a broken one; readers say why
        target.unlink(missing_ok=True)
    return time.monotonic() - started


def remove_snapshot(db: str | Path) -> None:
    for path in (snapshot_path(db), Path(f"{snapshot_path(db)}.partial")):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def explain(error: BaseException) -> str:
    """One line for a DuckDB or OS error: the operating system's own words when there are some."""
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}" + (f": {error.filename}" if error.filename else "")
    text = str(error).strip().splitlines()
    line = text[0] if text else type(error).__name__
    for marker in ("No space left on device", "Permission denied", "Read-only file system", "File too large",
                   "Disk quota exceeded"):
        if marker.lower() in str(error).lower():
            return f"{marker} ({line[:200]})"
    return line[:300]
