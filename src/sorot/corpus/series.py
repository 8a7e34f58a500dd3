"""How relations between two actors move over time: a series built from event records, never raw mentions.

Each reported record counts once in the period of its date (a record dated only to a month or a year
falls on the day it was first seen when that day lies inside, else on the first day of the month/year).
Per period: records per PLOVER type and QuadClass, and the mean Goldstein score weighted by NumArticles
(a record told by ten articles weighs ten times one told once, as in GDELT). `normalise` divides the
count by the stored articles published in the period (per 1,000), as GDELT users do to correct for the
growth of the news stream. Empty periods between the first and the last are listed with zero records.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import duckdb

PERIODS = ("day", "week", "month", "year")

RECORD_DAY = """
CASE WHEN length("date") = 10 THEN try_cast("date" AS DATE)
     WHEN length("date") IN (4, 7) AND first_seen IS NOT NULL AND substr(first_seen, 1, length("date")) = "date"
          THEN try_cast(substr(first_seen, 1, 10) AS DATE)
     WHEN length("date") = 7 THEN try_cast("date" || '-01' AS DATE)
     WHEN length("date") = 4 THEN try_cast("date" || '-01-01' AS DATE)
     ELSE try_cast(substr(first_seen, 1, 10) AS DATE) END
"""


def _check(by: str) -> None:
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}: use {', '.join(PERIODS)}")


def dyad_series(con: duckdb.DuckDBPyConnection, a: str, b: str, by: str = "month", directed: bool = False,
                normalise: bool = False) -> list[dict[str, Any]]:
    """The relation series of actors `a` and `b` (a -> b only when `directed`), one dict per period."""
    _check(by)
    a, b = a.upper(), b.upper()
    pair = "(source_code = ? AND target_code = ?)" + ("" if directed else " OR (source_code = ? AND target_code = ?)")
    params: list[Any] = [a, b] if directed else [a, b, b, a]
    rows = con.execute(
        f"SELECT CAST(date_trunc('{by}', {RECORD_DAY}) AS DATE) AS period, type, quad_class, count(*), "
        f"sum(num_articles), sum(goldstein * num_articles), sum(num_articles) FILTER (WHERE goldstein IS NOT NULL) "
        f"FROM records WHERE status = 'reported' AND ({pair}) GROUP BY ALL HAVING period IS NOT NULL",
        params).fetchall()
    periods: dict[date, dict[str, Any]] = {}
    weights: dict[date, list[float]] = {}
    for period, etype, quad, count, _articles, weighted, weight in rows:
        entry = periods.setdefault(period, _empty(period))
        entry["records"] += count
        entry["by_type"][etype] = entry["by_type"].get(etype, 0) + count
        if quad is not None:
            entry["by_quad"][str(quad)] += count
        total = weights.setdefault(period, [0.0, 0.0])
        total[0] += weighted or 0.0
        total[1] += weight or 0
    for period, (weighted, weight) in weights.items():
        periods[period]["goldstein"] = round(weighted / weight, 3) if weight else None
    if not periods:
        return []
    articles = _articles_per_period(con, by)
    series = []
    for period in _all_periods(min(periods), max(periods), by):
        entry = periods.get(period) or _empty(period)
        entry["articles"] = articles.get(period, 0)
        if normalise:
            entry["normalised"] = round(1000 * entry["records"] / entry["articles"], 3) if entry["articles"] else None
        series.append(entry)
    return series


def _empty(period: date) -> dict[str, Any]:
    return {"period": period.isoformat(), "records": 0, "by_type": {},
            "by_quad": {"1": 0, "2": 0, "3": 0, "4": 0}, "goldstein": None, "articles": 0, "normalised": None}


def _articles_per_period(con: duckdb.DuckDBPyConnection, by: str) -> dict[date, int]:
    return dict(con.execute(f"SELECT CAST(date_trunc('{by}', published_date) AS DATE), count(*) FROM articles "
                            "WHERE published_date IS NOT NULL GROUP BY 1").fetchall())


def _all_periods(first: date, last: date, by: str) -> list[date]:
    periods, current = [], first
    while current <= last:
        periods.append(current)
        current = _next(current, by)
    return periods


def _next(current: date, by: str) -> date:
    if by == "day":
        return current + timedelta(days=1)
    if by == "week":
        return current + timedelta(weeks=1)
    if by == "month":
        return date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return date(current.year + 1, 1, 1)
