"""The corpus layer: what only many articles together tell.

    store (articles, events) ─▶ copies ─▶ records ─▶ stories ─▶ dyad series / exports

`update(con)` runs after every `sorot run`, in one transaction: new articles are sketched (the runner
sketches them as it processes them, `copies.sketch_table`) and compared with every stored sketch (copies); records and stories are then recomputed from the events and article
metadata in the store (no text is read again), deterministically, so a re-run changes nothing. `Corpus`
is the Python API over the result.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from sorot.corpus.copies import MadeSketches, update_copies
from sorot.corpus.records import (
    attach_undated,
    build_records,
    load_mentions,
    merge_date_outliers,
    write_records,
)
from sorot.corpus.series import dyad_series
from sorot.corpus.stories import build_units, group_stories, load_articles, write_stories

__all__ = ["Corpus", "CorpusCounts", "MadeSketches", "dyad_series", "is_stale", "update"]


@dataclass(frozen=True)
class CorpusCounts:
    copy_pairs: int
    records: int
    stories: int


def update(con: duckdb.DuckDBPyConnection, made: MadeSketches | None = None) -> CorpusCounts:
    """Recompute copies, event records and stories of everything stored (one transaction). `made`: the
    sketches the run made with its articles (copies.sketch_table), stored as they are."""
    con.execute("BEGIN TRANSACTION")
    try:
        pairs = update_copies(con, made)
        mentions = load_mentions(con)
        records = build_records(mentions)
        record_of = {(m.article_id, m.event_no): r for r in records for m in r.mentions}
        records_of_article: dict[str, set[str]] = defaultdict(set)
        for (article_id, _no), record in record_of.items():
            records_of_article[article_id].add(record.id)
        units = build_units(load_articles(con), mentions, record_of)
        stories = group_stories(units)
        story_of = write_stories(con, stories, records_of_article)
        records = merge_date_outliers(attach_undated(records, story_of), story_of)
        write_records(con, records, story_of)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return CorpusCounts(pairs, len(records), len(stories))


def is_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """True when some stored article has not been through `update` (a store written by an older sorot)."""
    found = con.execute("SELECT 1 FROM articles WHERE id NOT IN (SELECT article_id FROM sketches) LIMIT 1")
    return found.fetchone() is not None


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


RECORD_FILTERS = {
    "actor": "(source_code = ? OR target_code = ?)", "source": "source_code = ?", "target": "target_code = ?",
    "type": "type = ?", "status": "status = ?", "since": "coalesce(\"date\", first_seen) >= ?",
    "until": "coalesce(\"date\", first_seen) <= ?", "story": "story = ?",
}


class Corpus:
    """Stories, event records and dyad series of one sorot database (read-only)."""

    def __init__(self, db: str | Path | duckdb.DuckDBPyConnection = "sorot.duckdb") -> None:
        self._own = not isinstance(db, duckdb.DuckDBPyConnection)
        self.con: duckdb.DuckDBPyConnection = (
            db if isinstance(db, duckdb.DuckDBPyConnection) else duckdb.connect(str(db), read_only=True))

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._own:
            self.con.close()

    def stories(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM stories ORDER BY n_articles DESC, first_seen, id"
        return _rows(self.con, sql + (f" LIMIT {int(limit)}" if limit else ""))

    def story(self, story_id: str) -> dict[str, Any] | None:
        found = _rows(self.con, "SELECT * FROM stories WHERE id = ?", [story_id])
        if not found:
            return None
        story = found[0]
        story["articles"] = _rows(self.con, "SELECT id, title, outlet, published, copy_of, url, source "
                                  "FROM articles WHERE story = ? ORDER BY published, id", [story_id])
        story["records"] = self.records(story=story_id)
        return story

    def records(self, limit: int | None = None, **filters: str | None) -> list[dict[str, Any]]:
        where, params = [], []
        for name, value in filters.items():
            if value is None:
                continue
            if name not in RECORD_FILTERS:
                raise ValueError(f"unknown record filter {name!r}: use {', '.join(RECORD_FILTERS)}")
            where.append(RECORD_FILTERS[name])
            params += [value] * RECORD_FILTERS[name].count("?")
        sql = "SELECT * FROM records" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY coalesce(\"date\", first_seen), num_articles DESC, id"
        return _rows(self.con, sql + (f" LIMIT {int(limit)}" if limit else ""), params)

    def record(self, record_id: str) -> dict[str, Any] | None:
        found = _rows(self.con, "SELECT * FROM records WHERE id = ?", [record_id])
        if not found:
            return None
        record = found[0]
        record["mentions"] = _rows(
            self.con, "SELECT e.article_id, e.event_no, e.sentence, e.\"start\", e.\"end\", e.trigger, e.status, "
            "e.\"date\", a.outlet, a.published, a.title FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.record = ? ORDER BY a.published, e.article_id, e.event_no", [record_id])
        return record

    def dyad(self, a: str, b: str, by: str = "month", directed: bool = False,
             normalise: bool = False) -> list[dict[str, Any]]:
        return dyad_series(self.con, a, b, by=by, directed=directed, normalise=normalise)
