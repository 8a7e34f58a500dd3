"""Read-only access to the store for the HTTP server: a snapshot copy, a time limit and a row limit per query.

DuckDB lets one process write a database file, and a read-only open fails while a writer holds it (and a
reader would in turn stop `sorot run` from opening it). So the server never opens the live file: it copies the
database (and its write-ahead log, when there is one) into a private folder and serves the copy, opened
read-only with file access and extensions disabled. The copy is refreshed when the file has changed and then
stayed unchanged for a moment; a copy during which the files did not change is the state a crash at that
moment would leave, which DuckDB recovers from, so even a copy taken between two batches of a run is sound.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import duckdb

__all__ = ["Database", "Limits", "QueryTimeout", "Result", "SAFE_CONFIG", "StoreUnavailable"]

# Every connection the server opens: no files besides the database itself, no extension installs or loads,
# and no SQL may switch these back on.
SAFE_CONFIG: dict[str, Any] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,
}

T = TypeVar("T")
log = logging.getLogger(__name__)
Signature = tuple[tuple[int, int], ...]


class QueryTimeout(Exception):
    """A query ran past the time limit and was interrupted."""


class StoreUnavailable(Exception):
    """No snapshot of the store could be made (no file, or it never stopped changing)."""


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 2.0       # every query is interrupted after this long
    max_rows: int = 10_000       # no query returns more rows than this


@dataclass
class Result:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = False      # the query had more rows than the row limit


def jsonable(value: Any) -> Any:
    """A DuckDB value as JSON has it: ISO dates and times, floats for decimals."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def _signature(path: Path) -> Signature | None:
    """(modification time, size) of the database file and its log; None when there is no database."""
    parts = []
    for candidate in (path, Path(str(path) + ".wal")):
        try:
            stat = candidate.stat()
        except FileNotFoundError:
            if candidate == path:
                return None
            continue
        parts.append((stat.st_mtime_ns, stat.st_size))
    return tuple(parts)


@dataclass
class _Copy:
    folder: Path
    con: duckdb.DuckDBPyConnection
    retired_at: float | None = None
    tables: dict[str, set[str]] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)     # results that stay true for this snapshot


class Database:
    """The store as the server sees it: the latest good snapshot, queried with limits."""

    def __init__(self, path: str | Path, limits: Limits | None = None, settle_s: float = 0.5,
                 check_every_s: float = 1.0, prepare: Callable[[duckdb.DuckDBPyConnection], None] | None = None
                 ) -> None:
        self.path = Path(path)
        self.prepare = prepare                # adds derived tables to each copy before it is opened read-only
        self.limits = limits or Limits()
        self.settle_s = settle_s              # a changed file must stay unchanged this long before a copy
        self.check_every_s = check_every_s    # how often a request may look at the file
        self._lock = threading.Lock()
        self._current: _Copy | None = None
        self._signature: Signature | None = None
        self._retired: list[_Copy] = []
        self._checked = 0.0
        self._root = Path(tempfile.mkdtemp(prefix="sorot-serve-"))
        self._generation = 0
        self._background: threading.Thread | None = None

    # -- snapshots -----------------------------------------------------------------------------------------

    def refresh(self, force: bool = False) -> bool:
        """Copy the store again if it changed; True when a new snapshot is in use."""
        now = time.monotonic()
        if not force and now - self._checked < self.check_every_s and self._current is not None:
            return False
        if not self._lock.acquire(blocking=force or self._current is None):
            return False                      # another request is refreshing: use the current copy
        try:
            self._checked = now
            signature = _signature(self.path)
            if signature is None or signature == self._signature:
                return False
            copy = self._copy(signature)
            if copy is None:
                return False
            if self._current is not None:
                self._current.retired_at = time.monotonic()
                self._retired.append(self._current)
            self._current, self._signature = copy, signature
            self._close_retired()
            return True
        finally:
            self._lock.release()

    def _copy(self, signature: Signature) -> _Copy | None:
        """A consistent copy: the files were unchanged for settle_s before and throughout the copy."""
        if self._current is not None and self._age(signature) < self.settle_s:
            return None                       # still changing: keep serving the current copy, look again later
        self._generation += 1
        folder = self._root / f"snapshot-{self._generation}"
        folder.mkdir()
        target = folder / "sorot.duckdb"
        try:
            shutil.copyfile(self.path, target)
            if len(signature) > 1:
                shutil.copyfile(str(self.path) + ".wal", str(target) + ".wal")
        except FileNotFoundError:
            # a writer's checkpoint folded the log into the database between the look and the copy: the
            # files changed, as below; the next look copies them again
            log.debug("%s changed during its snapshot copy", self.path, exc_info=True)
            shutil.rmtree(folder, ignore_errors=True)
            return None
        if _signature(self.path) != signature:
            shutil.rmtree(folder, ignore_errors=True)
            return None
        try:
            if self.prepare is not None:
                with duckdb.connect(str(target), config=SAFE_CONFIG) as writable:
                    self.prepare(writable)
                    writable.execute("CHECKPOINT")
            con = duckdb.connect(str(target), read_only=True, config=SAFE_CONFIG)
        except duckdb.Error:
            log.debug("snapshot copy of %s cannot be opened", self.path, exc_info=True)
            shutil.rmtree(folder, ignore_errors=True)
            return None
        return _Copy(folder, con)

    def _age(self, signature: Signature) -> float:
        """Seconds since the newest of the files last changed."""
        newest = max(mtime for mtime, _size in signature) / 1e9
        return time.time() - newest

    def _close_retired(self) -> None:
        """Close snapshots replaced long enough ago that no query can still be running on them."""
        keep = []
        for old in self._retired:
            if old.retired_at is not None and time.monotonic() - old.retired_at > self.limits.timeout_s * 5:
                old.con.close()
                shutil.rmtree(old.folder, ignore_errors=True)
            else:
                keep.append(old)
        self._retired = keep

    def _refresh_soon(self) -> None:
        """With a snapshot to serve, a new one is made in the background: no request waits for the copy."""
        if self._current is None:
            self.refresh()
            return
        if time.monotonic() - self._checked < self.check_every_s:
            return
        if self._background is None or not self._background.is_alive():
            self._background = threading.Thread(target=self.refresh, name="sorot-snapshot", daemon=True)
            self._background.start()

    def _snapshot(self) -> _Copy:
        self._refresh_soon()
        if self._current is None:
            raise StoreUnavailable(f"no database at {self.path}" if not self.path.exists()
                                   else f"the database {self.path} could not be opened")
        return self._current

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """compute(), once per snapshot."""
        copy = self._snapshot()
        if key not in copy.memo:
            copy.memo[key] = compute()
        return copy.memo[key]

    def close(self) -> None:
        if self._background is not None:
            self._background.join(timeout=30)
        for copy in [*self._retired, *([self._current] if self._current else [])]:
            copy.con.close()
        self._current, self._retired = None, []
        shutil.rmtree(self._root, ignore_errors=True)

    # -- schema --------------------------------------------------------------------------------------------

    def tables(self) -> dict[str, set[str]]:
        """Table name -> column names of the snapshot (the corpus tables exist only in newer stores)."""
        copy = self._snapshot()
        if not copy.tables:
            cursor = copy.con.cursor()
            try:
                rows = cursor.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
            finally:
                cursor.close()
            for table, column in rows:
                copy.tables.setdefault(table, set()).add(column)
        return copy.tables

    def has(self, table: str, column: str | None = None) -> bool:
        columns = self.tables().get(table)
        return columns is not None and (column is None or column in columns)

    # -- queries -------------------------------------------------------------------------------------------

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own for one request (DuckDB cursors may run in parallel threads)."""
        return self._snapshot().con.cursor()

    def query(self, sql: str, params: Sequence[Any] = (), max_rows: int | None = None) -> Result:
        """Run one read-only query, interrupted after the time limit, at most max_rows rows."""
        limit = min(max_rows or self.limits.max_rows, self.limits.max_rows)

        def fetch(cursor: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple[Any, ...]]]:
            cursor.execute(sql, list(params))
            return ([d[0] for d in cursor.description] if cursor.description else [],
                    cursor.fetchmany(limit + 1))

        columns, fetched = self.call(fetch)
        rows = [{name: jsonable(value) for name, value in zip(columns, row, strict=True)} for row in fetched[:limit]]
        return Result(columns, rows, truncated=len(fetched) > limit)

    def call(self, function: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run function(cursor) (code that queries on its own, such as the corpus layer) under the time limit."""
        cursor = self.cursor()
        timer = threading.Timer(self.limits.timeout_s, cursor.interrupt)
        timer.start()
        try:
            return function(cursor)
        except duckdb.InterruptException as error:
            raise QueryTimeout(f"the query was stopped after the time limit of {self.limits.timeout_s:g} s") \
                from error
        finally:
            timer.cancel()
            cursor.close()

    def rows(self, sql: str, params: Sequence[Any] = (), max_rows: int | None = None) -> list[dict[str, Any]]:
        return self.query(sql, params, max_rows).rows

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        found = self.query(sql, params, max_rows=1).rows
        return found[0] if found else None
