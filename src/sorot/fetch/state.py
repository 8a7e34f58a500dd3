"""What sorot fetch remembers between runs, in the store's `fetches` table: one row per article URL.

The row keeps how the URL was fetched (final URL after redirects, HTTP status, content type, fetch time,
pages joined) and the validators for a conditional re-fetch (ETag, Last-Modified), and links the URL to the
article it gave. A URL whose article is still stored is not fetched again (or, with `refetch`, only with
If-None-Match / If-Modified-Since). The table is created here rather than in store/schema.py because only
the fetcher writes it; the article side (`articles.url`) is written by the store like any other input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

import pyarrow as pa

from sorot.store import Store

FETCHES_SQL = """
CREATE TABLE IF NOT EXISTS fetches (
    url VARCHAR,                    -- the URL asked for (normal form: sorot.fetch.urls.normalise)
    final_url VARCHAR,              -- after redirects
    status INTEGER,                 -- HTTP status of the final response (NULL: no response)
    content_type VARCHAR,
    fetched_at TIMESTAMPTZ,         -- when the article's (first page's) response arrived
    checked_at TIMESTAMPTZ,         -- last time the URL was asked for, a 304 included
    etag VARCHAR,
    last_modified VARCHAR,
    pages INTEGER,                  -- pages joined into the article (1 for a one-page article)
    article_id VARCHAR,             -- articles.id, NULL when the URL gave no article
    outcome VARCHAR,                -- stored / unchanged / archived (not processed) / rejected: <reason>
    run_id VARCHAR
);
"""


_ARROW_SCHEMA = pa.schema([
    ("url", pa.string()), ("final_url", pa.string()), ("status", pa.int32()), ("content_type", pa.string()),
    ("fetched_at", pa.timestamp("us", tz="UTC")), ("checked_at", pa.timestamp("us", tz="UTC")),
    ("etag", pa.string()), ("last_modified", pa.string()), ("pages", pa.int32()), ("article_id", pa.string()),
    ("outcome", pa.string()), ("run_id", pa.string())])


@dataclass
class FetchRow:
    url: str
    final_url: str | None
    status: int | None
    content_type: str | None
    fetched_at: datetime | None
    checked_at: datetime
    etag: str | None
    last_modified: str | None
    pages: int
    article_id: str | None
    outcome: str
    run_id: str


@dataclass(frozen=True)
class Known:
    """A URL whose article is stored, with the validators of its last response."""

    url: str
    article_id: str | None
    etag: str | None
    last_modified: str | None

    def conditional_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class FetchState:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending: dict[str, FetchRow] = {}
        store.con.execute(FETCHES_SQL)

    def known(self, urls: Sequence[str]) -> dict[str, Known]:
        """The URLs among `urls` whose article is in the store (or in the archive of an archive-only run)."""
        if not urls:
            return {}
        rows = self.store.con.execute(
            "SELECT f.url, f.article_id, f.etag, f.last_modified FROM fetches f "
            "LEFT JOIN articles a ON a.id = f.article_id WHERE f.url IN (SELECT unnest(?)) "
            "AND (a.id IS NOT NULL OR f.outcome = 'archived')", [list(urls)]).fetchall()
        return {row[0]: Known(*row) for row in rows}

    def record(self, row: FetchRow) -> None:
        """Remember one URL's fetch; written with the next flush (one transaction for many rows: a DuckDB
        commit costs milliseconds)."""
        self.pending[row.url] = row

    def flush(self) -> None:
        if not self.pending:
            return
        rows = [asdict(row) for row in self.pending.values()]
        self.store.con.execute("BEGIN TRANSACTION")
        try:
            self.store.con.execute("DELETE FROM fetches WHERE url IN (SELECT unnest(?))", [list(self.pending)])
            self.store.con.register("_fetched", pa.Table.from_pylist(rows, schema=_ARROW_SCHEMA))
            self.store.con.execute("INSERT INTO fetches BY NAME SELECT * FROM _fetched")
            self.store.con.unregister("_fetched")
            self.store.con.execute("COMMIT")
        except BaseException:
            self.store.con.execute("ROLLBACK")
            raise
        self.pending = {}

    def not_modified(self, url: str, checked_at: datetime, run_id: str) -> None:
        """A 304: the stored version is current; only the time it was checked changes."""
        self.store.con.execute("UPDATE fetches SET checked_at = ?, run_id = ? WHERE url = ?",
                               [checked_at, run_id, url])
