"""The DuckDB store: articles and their lines, entities, mentions, quotes and events; rejected inputs; runs.

Writes go in small transactions (`save_batch`), so an interrupted run keeps everything committed before the
interruption, and the next run skips inputs whose raw content hash is already stored (`is_unchanged`).
An article is replaced, never duplicated: saving deletes the rows of its id and of whatever article the same
input produced before.
"""

from __future__ import annotations

import hashlib
import math
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

from sorot import __version__
from sorot.schema import Article, RawDoc, Rejected
from sorot.store.lock import (
    StoreBusy,
    StoreError,
    WriterLock,
    describe_holder,
    explain,
    remove_snapshot,
    snapshot_path,
    write_snapshot,
    writer_active,
)
from sorot.store.rows import Row, build_article, part_tables
from sorot.store.schema import CHILD_TABLES, SCHEMA_SQL

T = TypeVar("T")

__all__ = ["RunCounts", "Store", "StoreBusy", "StoreError", "raw_hash"]

ALL_TABLES = ("articles", *CHILD_TABLES, "records", "stories", "rejected", "runs", "inputs")


def raw_hash(raw: RawDoc) -> str:
    """Content hash of one raw input (and the pipeline version): equal hashes need no re-processing."""
    parts = (raw.content, raw.format, raw.url or "", raw.title or "", raw.published or "", __version__)
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass
class RunCounts:
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    seconds: float = 0.0          # wall-clock time of the run


def _stamped(table: str, rows: pa.Table) -> pa.Table:
    """The rows with the writer's time: `processed_at` (articles) and `seen_at` (inputs) one microsecond
    apart in row order, as a one-process run stamps them, whichever worker processed them and when."""
    column = {"articles": "processed_at", "inputs": "seen_at"}.get(table)
    if column is None:
        return rows
    start = datetime.now(UTC)
    stamps = pa.array([start + timedelta(microseconds=n) for n in range(rows.num_rows)], pa.timestamp("us", "UTC"))
    if column in rows.column_names:
        return rows.set_column(rows.column_names.index(column), column, stamps)
    return rows.append_column(column, stamps)


SNAPSHOT_EVERY = 10.0   # seconds between two snapshots of a running store (at least 20 times a copy's cost)


class Store:
    """One DuckDB file. Use as a context manager or call close().

    A writer holds the store's write lock (a second writer gets StoreBusy); a reader of a store that a run
    has open reads its snapshot, and `snapshot_note` says so. Failures are StoreError with one line."""

    def __init__(self, path: str | Path = "sorot.duckdb", read_only: bool = False,
                 lock_wait: float | None = None) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.snapshot_note: str | None = None
        self._columns: dict[str, list[str]] = {}
        self._lock: WriterLock | None = None
        self._last_snapshot, self._snapshot_cost = -math.inf, 0.0
        if read_only:
            self.con = self._connect_reader()
            return
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder of {self.path}: {explain(error)}") from error
        self._lock = WriterLock(self.path)
        self._lock.acquire(lock_wait)
        try:
            self.con = duckdb.connect(self.path)
            self.con.execute(SCHEMA_SQL)
        except (duckdb.Error, OSError) as error:
            self._lock.release()
            raise StoreError(f"cannot open {self.path} for writing: {explain(error)}") from error

    def _connect_reader(self) -> duckdb.DuckDBPyConnection:
        """The database read-only, or its snapshot while a run writes it (the live file may be mid-write)."""
        snapshot = snapshot_path(self.path)
        if not (writer_active(self.path) and snapshot.exists()):
            try:
                return duckdb.connect(self.path, read_only=True)
            except duckdb.Error as error:
                if "lock" not in str(error).lower():
                    raise StoreError(f"cannot open {self.path}: {explain(error)}") from error
        try:
            con = duckdb.connect(str(snapshot), read_only=True)
        except duckdb.Error:
            raise StoreBusy(f"{self.path}: {describe_holder(self.path)} and no snapshot of it is ready yet; "
                            "try again in a few seconds") from None
        taken = datetime.fromtimestamp(snapshot.stat().st_mtime, UTC).strftime("%H:%M:%S UTC")
        self.snapshot_note = f"{self.path}: {describe_holder(self.path)}; showing what it had stored at {taken}"
        return con

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database; a writer first merges its write-ahead log into the file, so that a write
        the disk refuses is reported here instead of being left, silently, in the log."""
        try:
            if self._lock is not None:
                with self._writing():
                    self.con.execute("CHECKPOINT")
        finally:
            self._release()

    def _release(self) -> None:
        self.con.close()
        if self._lock is not None:
            remove_snapshot(self.path)
            self._lock.release()
            self._lock = None

    def snapshot(self, force: bool = False) -> None:
        """Copy the committed state for readers, at most every SNAPSHOT_EVERY seconds (see store.lock)."""
        if self._lock is None:
            return
        now = time.monotonic()
        if force or now - self._last_snapshot >= max(SNAPSHOT_EVERY, 20 * self._snapshot_cost):
            with self._writing():
                self._snapshot_cost = write_snapshot(self.path, lambda: self.con.execute("CHECKPOINT"))
            self._last_snapshot = time.monotonic()

    def write(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """`work(connection)` as a write of this store: disk-full and permission errors become StoreError."""
        with self._writing():
            return work(self.con)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """DuckDB and OS errors of a write as StoreError, with the real cause (disk full, permissions)."""
        try:
            yield
        except (duckdb.Error, OSError) as error:
            raise StoreError(f"cannot write to {self.path}: {explain(error)}") from error

    # -- writing -------------------------------------------------------------------------------------------

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            self._columns[table] = [r[0] for r in self.con.execute(f"DESCRIBE {table}").fetchall()]
        return self._columns[table]

    def _insert(self, table: str, rows: list[Row] | pa.Table) -> None:
        if not len(rows):
            return
        names = self.columns(table)
        # DuckDB reads the local Arrow table by its name (a replacement scan): registering it as a view
        # instead changes the catalog twice per table and batch, a third of the cost of a bulk write
        if isinstance(rows, pa.Table):
            incoming_arrow = rows.select([name for name in rows.column_names if name in names])  # noqa: F841
        else:
            incoming_arrow = pa.Table.from_pylist(  # noqa: F841
                [{k: row.get(k) for k in names if k in row} for row in rows])
        self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_arrow")

    def is_unchanged(self, location: str | None, content_hash: str, fingerprint: str | None = None) -> bool:
        """True when this input was stored before with the same raw content (and its article still is), and,
        given a `fingerprint` (code, data and model: sorot.runner.fingerprint), by the same pipeline."""
        return self.unchanged([(location, content_hash)], fingerprint)[0]

    def unchanged(self, inputs: Sequence[tuple[str | None, str]],
                  fingerprint: str | None = None) -> list[bool]:
        """`is_unchanged` for many (location, raw hash) pairs at once, in order: one query for them all."""
        locations = sorted({location for location, _hash in inputs if location is not None})
        found: set[tuple[str, str]] = set()
        if locations:
            found = set(self.con.execute(
                "SELECT i.location, i.raw_hash FROM inputs i JOIN articles a ON a.id = i.article_id "
                "WHERE i.location IN (SELECT unnest($1)) AND ($2 IS NULL OR a.fingerprint = $2)",
                [locations, fingerprint]).fetchall())
        return [(location, content_hash) in found for location, content_hash in inputs]

    def save_batch(self, items: Sequence[tuple[Article, str]], fingerprint: str | None = None) -> list[str]:
        """Store (article, raw hash) pairs in one transaction; each gets "stored" (new) or "updated"."""
        return self.save_tables(part_tables(items, __version__, fingerprint))

    def save_tables(self, tables: Mapping[str, pa.Table]) -> list[str]:
        """Store one part (rows.part_tables, or a worker's Parquet part read back) in one transaction;
        each item gets "stored" (new) or "updated". The processing time is the writer's, in item order, so
        parts stored from many workers are ordered as one process would order them."""
        statuses: list[str] = []
        items = tables["items"].to_pylist() if "items" in tables else []
        with self._writing():
            self.con.execute("BEGIN TRANSACTION")
        try:
            statuses = self._replace_previous([(item["id"], item["location"]) for item in items])
            for table in ("articles", *CHILD_TABLES, "inputs"):
                if table in tables:
                    self._insert(table, _stamped(table, tables[table]))
            self.con.execute("COMMIT")
        except BaseException as error:
            self._rollback()
            if isinstance(error, duckdb.Error | OSError):
                raise StoreError(f"cannot write to {self.path}: {explain(error)}") from error
            raise
        return statuses

    def _rollback(self) -> None:
        """Undo an open transaction; a failed write may have ended it already, and then the error to report
        is the write's, not "cannot rollback"."""
        with suppress(duckdb.Error):
            self.con.execute("ROLLBACK")

    def _ids_in(self, sql: str, values: Sequence[str]) -> list[tuple[Any, ...]]:
        if not values:
            return []
        placeholders = ", ".join("?" for _ in values)
        return self.con.execute(sql.format(placeholders=placeholders), list(values)).fetchall()

    def _replace_previous(self, articles: Sequence[tuple[str, str | None]]) -> list[str]:
        """Delete the stored rows a batch of (article id, input location) replaces: each article's own id,
        and the article its input gave before (unless another input still gives it). One query finds what
        is stored of the batch (its inputs, their rejections, the articles), and only what was found is
        deleted, so a fresh run pays one query per batch; "updated" for an article that replaced a stored
        one, else "stored"."""
        locations = [location for _id, location in articles if location]
        previous, rejected, stored = self._stored_of(locations, [article_id for article_id, _location in articles])
        old_ids = {old for olds in previous.values() for old in olds}
        shared: set[str] = set()
        if old_ids:             # old articles another input (outside this batch) still gives are kept
            marks = ", ".join("?" for _ in old_ids), ", ".join("?" for _ in locations)
            shared = {row[0] for row in self.con.execute(
                f"SELECT DISTINCT article_id FROM inputs WHERE article_id IN ({marks[0]}) "
                f"AND location NOT IN ({marks[1]})", [*sorted(old_ids), *locations]).fetchall()}
        candidates = {article_id for article_id, _location in articles} | (old_ids - shared)
        existing = stored & candidates
        if rejected:
            self._ids_in("DELETE FROM rejected WHERE location IN ({placeholders})", sorted(rejected))
        if previous:
            self._ids_in("DELETE FROM inputs WHERE location IN ({placeholders})", sorted(previous))
        if existing:
            ids = sorted(existing)
            for table in CHILD_TABLES:
                self._ids_in(f"DELETE FROM {table} WHERE article_id IN ({{placeholders}})", ids)
            self._ids_in("DELETE FROM articles WHERE id IN ({placeholders})", ids)
        statuses = []
        in_batch: set[str] = set()  # an article given twice in one batch is stored once, then updated
        for article_id, location in articles:
            earlier = previous.get(location, set()) if location is not None else set()
            replaced = ({article_id} | (earlier - shared)) & existing
            statuses.append("updated" if replaced or article_id in in_batch else "stored")
            in_batch.add(article_id)
        return statuses

    def _stored_of(self, locations: Sequence[str],
                   ids: Sequence[str]) -> tuple[dict[str, set[str]], set[str], set[str]]:
        """What the store holds of a batch, in one query: ({location: ids of the articles its input gave},
        locations with rejection records, ids of stored articles that are the batch's or its inputs' earlier
        ones)."""
        rows = self.con.execute(
            "SELECT 'input', location, article_id FROM inputs WHERE location IN (SELECT unnest($1)) "
            "UNION ALL SELECT DISTINCT 'rejected', location, NULL FROM rejected WHERE location IN (SELECT unnest($1)) "
            "UNION ALL SELECT 'article', id, NULL FROM articles WHERE id IN (SELECT unnest($2)) "
            "OR id IN (SELECT article_id FROM inputs WHERE location IN (SELECT unnest($1)))",
            [list(locations), list(ids)]).fetchall()
        previous: dict[str, set[str]] = {}
        rejected: set[str] = set()
        stored: set[str] = set()
        for kind, key, article_id in rows:
            if kind == "input":
                previous.setdefault(key, set()).add(article_id)
            elif kind == "rejected":
                rejected.add(key)
            else:
                stored.add(key)
        return previous, rejected, stored

    def save_rejected(self, rejected: Rejected, run_id: str | None = None) -> None:
        """Record one rejected input, replacing earlier records of the same input and reason."""
        location = rejected.location or rejected.source
        try:
            with self._writing():
                self.con.execute("BEGIN TRANSACTION")
                self.con.execute("DELETE FROM rejected WHERE location = ? AND reason = ?",
                                 [location, rejected.reason])
                self.con.execute("INSERT INTO rejected VALUES (?, ?, ?, ?, ?, ?)", [
                    rejected.source, location, rejected.reason, rejected.detail, datetime.now(UTC), run_id])
                self.con.execute("COMMIT")
        except StoreError:
            self._rollback()
            raise

    def start_run(self, inputs: Sequence[str]) -> str:
        run_id = uuid.uuid4().hex[:12]
        with self._writing():
            self.con.execute("INSERT INTO runs (run_id, started, inputs) VALUES (?, ?, ?)",
                             [run_id, datetime.now(UTC), list(inputs)])
        if self._lock is not None:
            self._lock.note(run_id)
        return run_id

    def finish_run(self, run_id: str, counts: RunCounts) -> None:
        with self._writing():
            self.con.execute("UPDATE runs SET finished = ?, stored = ?, updated = ?, unchanged = ?, rejected = ? "
                             "WHERE run_id = ?", [datetime.now(UTC), counts.stored, counts.updated,
                                                  counts.unchanged, len(counts.rejected), run_id])

    # -- reading -------------------------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def counts(self) -> dict[str, int]:
        return {table: self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]  # count(*) gives one row
                for table in ALL_TABLES}

    def _children(self, table: str, where: str = "", params: Sequence[Any] = ()) -> dict[str, list[Row]]:
        order = {"lines": "n", "entities": "entity_no", "mentions": "entity_no, \"start\"",
                 "quotes": "quote_no", "events": "event_no"}[table]
        grouped: dict[str, list[Row]] = {}
        for row in self.query(f"SELECT * FROM {table} {where} ORDER BY article_id, {order}", params):
            grouped.setdefault(row["article_id"], []).append(row)
        return grouped

    def read_articles(self, ids: Sequence[str] | None = None) -> Iterator[Article]:
        """Every stored Article (or those with `ids`), with lines, entities, quotes and events, by source."""
        where, params = "", list(ids or [])
        if ids is not None:
            where = f"WHERE {{col}} IN ({', '.join('?' for _ in params)})" if params else "WHERE false"
        children = {t: self._children(t, where.format(col="article_id"), params) for t in CHILD_TABLES}
        articles = self.query(f"SELECT * FROM articles {where.format(col='id')} ORDER BY source, location, id",
                              params)
        for row in articles:
            yield build_article(row, {t: children[t].get(row["id"], []) for t in CHILD_TABLES})

    def find_ids(self, prefix: str) -> list[str]:
        """Article ids starting with `prefix` (so `sorot show` accepts a short id)."""
        return [r[0] for r in self.con.execute("SELECT id FROM articles WHERE id LIKE ? ORDER BY id",
                                               [prefix + "%"]).fetchall()]
