"""The read queries the command line shows: each one named, with its SQL here and nowhere else.

`sorot.cli` parses options, calls these and prints what they return; it holds no SQL. Every function
takes an open `Store` (read-only is enough) and returns plain rows (dicts keyed by column name).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sorot.store import Store

Rows = list[dict[str, Any]]

# The end of every period that starts with a given prefix: "2023-05" + this sorts after "2023-05-31", so
# `date <= until + PERIOD_END` keeps the whole month (dates are stored as text, partial ones included).
PERIOD_END = "\uffff"


@dataclass(frozen=True)
class EventFilter:
    """What `sorot events` narrows the events to; None leaves a field open. Codes and types in any case."""

    actor: str | None = None      # source or target code
    type: str | None = None       # PLOVER type
    status: str | None = None     # reported, planned, negated, hypothetical
    since: str | None = None      # YYYY[-MM[-DD]], inclusive
    until: str | None = None      # YYYY[-MM[-DD]], inclusive of the whole period


def events_where(spec: EventFilter) -> tuple[str, list[str]]:
    """A WHERE clause and its parameters. Dates compare as text, so a partial date ("2023-05") works."""
    clauses: list[str] = []
    params: list[str] = []
    if spec.actor:
        clauses.append("(upper(source_code) = ? OR upper(target_code) = ?)")
        params += [spec.actor.upper(), spec.actor.upper()]
    if spec.type:
        clauses.append("upper(type) = ?")
        params.append(spec.type.upper())
    if spec.status:
        clauses.append("lower(status) = ?")
        params.append(spec.status.lower())
    if spec.since:
        clauses.append('"date" >= ?')
        params.append(spec.since)
    if spec.until:
        clauses.append('"date" <= ?')
        params.append(spec.until + PERIOD_END)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def events(store: Store, spec: EventFilter, limit: int) -> Rows:
    """Stored events matching `spec`, by date (undated last), article and order in the article."""
    where, params = events_where(spec)
    return store.query(f'SELECT * FROM events {where} ORDER BY "date" NULLS LAST, article_id, event_no '
                       f"LIMIT {int(limit)}", params)


def rejected(store: Store) -> Rows:
    """Every rejected input with its reason, oldest first."""
    return store.query("SELECT * FROM rejected ORDER BY seen_at, location")


def store_facts(store: Store) -> dict[str, Any]:
    """Articles, distinct outlets and the first and last publication date in the store."""
    return store.query("SELECT count(*) AS articles, count(DISTINCT outlet) AS outlets, "
                       "min(published_date) AS first, max(published_date) AS last FROM articles")[0]


def last_run(store: Store) -> dict[str, Any] | None:
    """The counts of the last finished run, or None before any run finished."""
    rows = store.query("SELECT stored, updated, unchanged, rejected FROM runs WHERE finished IS NOT NULL "
                       "ORDER BY finished DESC LIMIT 1")
    return rows[0] if rows else None


def languages(store: Store) -> Rows:
    """(name, n): articles per language ('?' when none was identified), the most frequent first."""
    return store.query("SELECT coalesce(language, '?') AS name, count(*) AS n FROM articles "
                       "GROUP BY 1 ORDER BY n DESC, name")


def top_outlets(store: Store, limit: int = 15) -> Rows:
    """(name, n): articles per outlet, the most frequent first."""
    return store.query("SELECT coalesce(outlet, '?') AS name, count(*) AS n FROM articles "
                       "GROUP BY 1 ORDER BY n DESC, name LIMIT ?", [limit])


def top_entities(store: Store, limit: int = 15) -> Rows:
    """(name, n): entities by the number of articles that mention them, labelled with type and code."""
    return store.query("SELECT name || ' (' || type || coalesce(', ' || code, '') || ')' AS name, "
                       "count(DISTINCT article_id) AS n FROM entities GROUP BY 1 ORDER BY n DESC, name LIMIT ?",
                       [limit])


def event_types(store: Store) -> Rows:
    """(name, n): events per PLOVER type and status, the most frequent first."""
    return store.query("SELECT type || ' ' || status AS name, count(*) AS n FROM events "
                       "GROUP BY 1 ORDER BY n DESC, name")


def story_ids(store: Store, prefix: str) -> list[str]:
    """Story ids starting with `prefix` (so `sorot stories` accepts a short id), sorted."""
    return [row["id"] for row in store.query("SELECT id FROM stories WHERE id LIKE ? ORDER BY id",
                                             [prefix + "%"])]
