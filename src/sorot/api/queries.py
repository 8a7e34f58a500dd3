"""The queries behind the API and the dashboard: each takes checked filter values and returns plain dicts.

Every list query returns (items, more): one row beyond the page is fetched to know whether there is a next
page. Tables of the cross-article layer (records, stories) and their columns are used when the store has
them; an older store answers with empty lists, and the relation series is then counted from the events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb

from sorot.api.database import Database, jsonable
from sorot.api.params import ApiError, Page, period_end
from sorot.store.rows import build_article

Item = dict[str, Any]

# The day an event is placed on: its own date, completed to a day, else its article's publication day.
EVENT_DAY = ("coalesce(try_cast(CASE length(e.\"date\") WHEN 10 THEN e.\"date\" WHEN 7 THEN e.\"date\" || '-01' "
             "WHEN 4 THEN e.\"date\" || '-01-01' END AS DATE), a.published_date)")
# The same as text, for since/until filters that accept partial dates.
EVENT_DATE_TEXT = "coalesce(e.\"date\", CAST(a.published_date AS VARCHAR))"


@dataclass
class Where:
    """A WHERE clause assembled from optional filters, with its parameters."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def since_until(self, expression: str, since: str | None, until: str | None) -> None:
        if since:
            self.add(f"{expression} >= ?", since)
        if until:
            self.add(f"{expression} <= ?", period_end(until))

    def __str__(self) -> str:
        return ("WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def paged(db: Database, sql: str, params: list[Any], page: Page) -> tuple[list[Item], bool]:
    rows = db.rows(f"{sql} LIMIT {page.size + 1} OFFSET {page.offset}", params, max_rows=page.size + 1)
    return rows[:page.size], len(rows) > page.size


# -- articles ----------------------------------------------------------------------------------------------

ARTICLE_SUMMARY = ("a.id, a.source, a.title, a.outlet, a.published, a.published_date, a.language, a.url, "
                   "a.authors, a.dateline, a.republished, a.format")


def list_articles(db: Database, page: Page, outlet: str | None = None, since: str | None = None,
                  until: str | None = None, q: str | None = None, story: str | None = None) -> tuple[list[Item], bool]:
    where = Where()
    if outlet:
        where.add("lower(a.outlet) = lower(?)", outlet)
    where.since_until("CAST(a.published_date AS VARCHAR)", since, until)
    if q:                       # a plain substring test on the lower-cased title and text (no pattern to escape)
        where.add("contains(a.search, ?)", q.lower())
    if story:
        where.add("a.story = ?", story)
    sql = f"SELECT * EXCLUDE (position, search) FROM _api_articles a {where} ORDER BY a.position"
    return paged(db, sql, where.params, page)


ILIKE = "{} ILIKE ? ESCAPE '\\'"


def escape_like(text: str) -> str:
    """`text` as a literal inside a LIKE pattern."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def article_record(db: Database, article_id: str) -> Item | None:
    """The export record of one article (the spec's fields), lines with their text, and dates for display."""
    row = db.one("SELECT * FROM articles WHERE id = ?", [article_id])
    if row is None:
        return None
    order = {"lines": "n", "entities": "entity_no", "mentions": "entity_no, \"start\"", "quotes": "quote_no",
             "events": "event_no"}
    children = {table: db.rows(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {columns}", [article_id])
                for table, columns in order.items()}
    record = build_article(row, children).to_export()
    record["lines"] = [{"n": r["n"], "label": r["label"], "text": r["text"]} for r in children["lines"]]
    for number, event in enumerate(record["events"]):
        event["id"] = f"{article_id}:{number}"
        event["record"] = children["events"][number].get("record")
    record["published_date"] = row.get("published_date")
    return record


# -- events ------------------------------------------------------------------------------------------------

@dataclass
class EventFilter:
    actor: str | None = None
    partner: str | None = None      # with actor: events between the two, in either direction
    source: str | None = None
    target: str | None = None
    types: list[str] = field(default_factory=list)
    status: str | None = None
    quad: int | None = None
    since: str | None = None
    until: str | None = None
    article: str | None = None
    story: str | None = None

    def where(self, date_text: str, code_prefix: str = "e.") -> Where:
        where = Where()
        source, target = f"{code_prefix}source_code", f"{code_prefix}target_code"
        if self.actor and self.partner:
            where.add(f"(({source} = ? AND {target} = ?) OR ({source} = ? AND {target} = ?))",
                      self.actor, self.partner, self.partner, self.actor)
        elif self.actor:
            where.add(f"({source} = ? OR {target} = ?)", self.actor, self.actor)
        if self.source:
            where.add(f"{source} = ?", self.source)
        if self.target:
            where.add(f"{target} = ?", self.target)
        if self.types:
            where.add(f"{code_prefix}type IN ({', '.join('?' for _ in self.types)})", *self.types)
        if self.status:
            where.add(f"{code_prefix}status = ?", self.status)
        if self.quad:
            where.add(f"{code_prefix}quad_class = ?", self.quad)
        where.since_until(date_text, self.since, self.until)
        return where


EVENT_COLUMNS = ("e.article_id || ':' || e.event_no AS id, e.article_id, e.event_no, e.type, e.mode, "
                 "e.source_code, e.source_name, e.target_code, e.target_name, e.status, e.\"date\", e.trigger, "
                 "e.cameo, e.goldstein, e.quad_class, e.confidence, e.sentence, e.\"start\", e.\"end\", "
                 "a.title AS article_title, a.outlet AS article_outlet, a.published AS article_published")


def list_events(db: Database, page: Page, flt: EventFilter) -> tuple[list[Item], bool]:
    where = flt.where("e.sort_date")
    if flt.article:
        where.add("e.article_id = ?", flt.article)
    if flt.story:
        where.add("e.story = ?", flt.story)
    sql = f"SELECT * EXCLUDE (position, sort_date, story) FROM _api_events e {where} ORDER BY e.position"
    return paged(db, sql, where.params, page)


def event_detail(db: Database, event_id: str) -> Item | None:
    """One event with its article's text around it (the paragraph holding the sentence)."""
    article_id, _, number = event_id.partition(":")
    if not number.isdigit():
        return None
    columns = EVENT_COLUMNS + (", e.record" if db.has("events", "record") else "")
    event = db.one(f"SELECT {columns}, a.text AS article_text FROM events e JOIN articles a ON a.id = e.article_id "
                   "WHERE e.article_id = ? AND e.event_no = ?", [article_id, int(number)])
    if event is None:
        return None
    text = event.pop("article_text") or ""
    event["context"] = paragraph_around(text, event["start"], event["end"])
    return event


def paragraph_around(text: str, start: int, end: int) -> Item:
    """The paragraph holding [start, end) and the span's offsets inside it."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    first = text.rfind("\n\n", 0, start)
    first = 0 if first < 0 else first + 2
    last = text.find("\n\n", end)
    last = len(text) if last < 0 else last
    return {"text": text[first:last], "start": start - first, "end": end - first, "offset": first}


# -- records and stories (the cross-article layer) ---------------------------------------------------------

def list_records(db: Database, page: Page, flt: EventFilter) -> tuple[list[Item], bool]:
    if not db.has("records"):
        return [], False
    where = flt.where("CAST(r.\"date\" AS VARCHAR)", code_prefix="r.")
    if flt.story:
        where.add("r.story = ?", flt.story)
    if flt.article:
        where.add("r.id IN (SELECT record FROM events WHERE article_id = ?)", flt.article)
    sql = f"SELECT r.* FROM records r {where} ORDER BY r.\"date\" DESC NULLS LAST, r.id"
    return paged(db, sql, where.params, page)


def record_detail(db: Database, record_id: str) -> Item | None:
    if not db.has("records"):
        return None
    record = db.one("SELECT * FROM records WHERE id = ?", [record_id])
    if record is None:
        return None
    record["mentions"] = db.rows(
        f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id WHERE e.record = ? "
        "ORDER BY a.published_at NULLS LAST, e.article_id, e.event_no", [record_id])
    return record


def list_stories(db: Database, page: Page, actor: str | None = None, types: list[str] | None = None,
                 since: str | None = None, until: str | None = None) -> tuple[list[Item], bool]:
    if not db.has("stories"):
        return [], False
    where = Where()
    if actor:
        where.add("(s.source_code = ? OR s.target_code = ?)", actor, actor)
    if types:
        where.add(f"s.type IN ({', '.join('?' for _ in types)})", *types)
    where.since_until("CAST(s.\"date\" AS VARCHAR)", since, until)
    sql = f"SELECT s.* FROM stories s {where} ORDER BY s.last_seen DESC NULLS LAST, s.id"
    return paged(db, sql, where.params, page)


def story_detail(db: Database, story_id: str) -> Item | None:
    if not db.has("stories"):
        return None
    story = db.one("SELECT * FROM stories WHERE id = ?", [story_id])
    if story is None:
        return None
    story["articles"] = db.rows(f"SELECT {ARTICLE_SUMMARY}, a.copy_of FROM articles a WHERE a.story = ? "
                                "ORDER BY a.published_at NULLS LAST, a.id", [story_id], max_rows=1000)
    story["records"] = db.rows("SELECT * FROM records WHERE story = ? ORDER BY \"date\" NULLS LAST, id",
                               [story_id], max_rows=1000) if db.has("records", "story") else []
    return story


# -- the relation between two actors -----------------------------------------------------------------------

def dyad_series(db: Database, a: str, b: str, by: str, directed: bool, normalise: bool) -> tuple[list[Item], str]:
    """(series, what was counted): event records when the store has them, else the reported events."""
    if db.has("records") and db.one("SELECT EXISTS (SELECT 1 FROM records) AS found")["found"]:  # type: ignore[index]  # EXISTS gives one row
        from sorot.corpus import dyad_series as corpus_series

        series = db.call(lambda con: corpus_series(con, a, b, by=by, directed=directed, normalise=normalise))
        return [_jsonable_period(row) for row in series], "records"
    return _series_from_events(db, a, b, by, directed, normalise), "events"


def _jsonable_period(row: Item) -> Item:
    return {key: jsonable(value) for key, value in row.items()}


def _series_from_events(db: Database, a: str, b: str, by: str, directed: bool, normalise: bool) -> list[Item]:
    pair = "(e.source_code = ? AND e.target_code = ?)"
    params: list[Any] = [a, b]
    if not directed:
        pair = f"({pair} OR (e.source_code = ? AND e.target_code = ?))"
        params += [b, a]
    rows = db.rows(
        f"SELECT CAST(date_trunc('{by}', {EVENT_DAY}) AS DATE) AS period, e.type, e.quad_class, e.goldstein "
        f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {pair} AND e.status = 'reported' "
        f"AND {EVENT_DAY} IS NOT NULL", params, max_rows=db.limits.max_rows)
    periods: dict[str, Item] = {}
    for row in rows:
        entry = periods.setdefault(row["period"], {"period": row["period"], "records": 0, "by_type": {},
                                                   "by_quad": {q: 0 for q in ("1", "2", "3", "4")},
                                                   "_goldstein": []})
        entry["records"] += 1
        entry["by_type"][row["type"]] = entry["by_type"].get(row["type"], 0) + 1
        if row["quad_class"]:
            entry["by_quad"][str(row["quad_class"])] += 1
        if row["goldstein"] is not None:
            entry["_goldstein"].append(row["goldstein"])
    stored = {r["period"]: r["n"] for r in db.rows(
        f"SELECT CAST(date_trunc('{by}', published_date) AS DATE) AS period, count(*) AS n FROM articles "
        "WHERE published_date IS NOT NULL GROUP BY 1")}
    series = []
    for period in sorted(periods):
        entry = periods[period]
        scores = entry.pop("_goldstein")
        entry["goldstein"] = round(sum(scores) / len(scores), 3) if scores else None
        entry["articles"] = stored.get(period, 0)
        entry["normalised"] = (round(entry["records"] * 1000 / entry["articles"], 3)
                               if normalise and entry["articles"] else None)
        series.append(entry)
    return series


def period_bounds(period: str, by: str) -> tuple[str, str]:
    """The since/until bounds of the period that starts on `period`: its first and last day, or the month or
    year itself, so that a record dated only to the month ("2024-07") falls inside its month."""
    first = date.fromisoformat(period[:10])
    if by == "month":
        return period[:7], period[:7]
    if by == "year":
        return period[:4], period[:4]
    last = first if by == "day" else first + timedelta(days=6)
    return first.isoformat(), last.isoformat()


# -- actors ------------------------------------------------------------------------------------------------

ACTOR_NAMES = """
    SELECT code,
           coalesce(any_value(name) FILTER (WHERE kb_id = 'state:' || code),
                    any_value(name) FILTER (WHERE kb_id = 'org:' || lower(code)),
                    mode(name) FILTER (WHERE type = 'GPE'), mode(name) FILTER (WHERE type = 'ORG'), mode(name))
               AS name,
           count(DISTINCT article_id) AS articles
    FROM entities WHERE code IS NOT NULL GROUP BY code
"""


def list_actors(db: Database, page: Page, q: str | None = None) -> tuple[list[Item], bool]:
    where = Where()
    if q:
        where.add(f"({ILIKE.format('a.code')} OR {ILIKE.format('a.name')})", escape_like(q) + "%",
                  "%" + escape_like(q) + "%")
    return paged(db, f"SELECT * EXCLUDE (position) FROM _api_actors a {where} ORDER BY a.position", where.params,
                 page)


ACTOR_SUMMARY = f"""
        WITH roles AS (
            SELECT source_code AS code, 1 AS as_source, 0 AS as_target FROM events WHERE source_code IS NOT NULL
            UNION ALL
            SELECT target_code, 0, 1 FROM events WHERE target_code IS NOT NULL),
        counted AS (SELECT code, sum(as_source) AS as_source, sum(as_target) AS as_target FROM roles GROUP BY code),
        n AS ({ACTOR_NAMES})
        SELECT n.code, n.name, n.articles, coalesce(c.as_source, 0) AS events_as_source,
               coalesce(c.as_target, 0) AS events_as_target,
               row_number() OVER (ORDER BY coalesce(c.as_source, 0) + coalesce(c.as_target, 0) DESC, n.articles DESC,
                                  n.code) AS position
        FROM n LEFT JOIN counted c ON c.code = n.code"""


def actor_detail(db: Database, code: str) -> Item | None:
    """A state or organisation (by actor code) or a person (by knowledge-base id): counts, partners,
    speakers, events by type and by month, and the roles its people held over time."""
    if ":" in code:
        return _person_detail(db, code)
    names = db.one(f"SELECT * FROM ({ACTOR_NAMES}) WHERE code = ?", [code])
    involved = "(e.source_code = ? OR e.target_code = ?)"
    events = db.one(f"SELECT count(*) AS n, count(*) FILTER (WHERE e.source_code = ?) AS as_source, "
                    f"count(*) FILTER (WHERE e.target_code = ?) AS as_target FROM events e WHERE {involved}",
                    [code, code, code, code])
    if names is None and (events is None or events["n"] == 0):
        return None
    detail: Item = {"code": code, "name": (names or {}).get("name"), "articles": (names or {}).get("articles", 0),
                    "events": events}
    detail["partners"] = db.rows(
        "SELECT CASE WHEN e.source_code = ? THEN e.target_code ELSE e.source_code END AS code, count(*) AS events, "
        f"round(avg(e.goldstein), 2) AS goldstein FROM events e WHERE {involved} AND e.source_code IS NOT NULL "
        "AND e.target_code IS NOT NULL AND e.source_code <> e.target_code GROUP BY 1 ORDER BY events DESC, code "
        "LIMIT 15", [code, code, code])
    detail["speakers"] = db.rows(
        "SELECT speaker, count(*) AS quotes FROM quotes WHERE speaker_code = ? AND speaker IS NOT NULL "
        "GROUP BY speaker ORDER BY quotes DESC, speaker LIMIT 15", [code])
    detail["by_type"] = db.rows(
        "SELECT type, count(*) FILTER (WHERE source_code = ?) AS as_source, "
        "count(*) FILTER (WHERE target_code = ?) AS as_target FROM events e "
        f"WHERE {involved} GROUP BY type ORDER BY count(*) DESC, type", [code, code, code, code])
    detail["by_month"] = db.rows(
        f"SELECT strftime(date_trunc('month', {EVENT_DAY}), '%Y-%m') AS month, "
        "count(*) FILTER (WHERE e.source_code = ?) AS as_source, count(*) FILTER (WHERE e.target_code = ?) "
        f"AS as_target FROM events e JOIN articles a ON a.id = e.article_id WHERE {involved} "
        f"AND {EVENT_DAY} IS NOT NULL GROUP BY 1 ORDER BY 1", [code, code, code, code])
    detail["people"] = db.rows(
        "SELECT en.kb_id, en.name, en.role, min(a.published_date) AS first_seen, max(a.published_date) AS last_seen, "
        "count(DISTINCT en.article_id) AS articles FROM entities en JOIN articles a ON a.id = en.article_id "
        "WHERE en.code = ? AND en.type = 'PER' GROUP BY ALL ORDER BY articles DESC, en.name LIMIT 30", [code])
    return detail


def _person_detail(db: Database, kb_id: str) -> Item | None:
    person = db.one("SELECT kb_id AS code, mode(name) AS name, mode(code) AS country, "
                    "count(DISTINCT article_id) AS articles FROM entities WHERE kb_id = ? GROUP BY kb_id", [kb_id])
    if person is None:
        return None
    name = person["name"]
    person["roles"] = db.rows(
        "SELECT en.role, min(a.published_date) AS first_seen, max(a.published_date) AS last_seen, "
        "count(DISTINCT en.article_id) AS articles FROM entities en JOIN articles a ON a.id = en.article_id "
        "WHERE en.kb_id = ? GROUP BY en.role ORDER BY first_seen NULLS LAST", [kb_id])
    person["quotes"] = db.rows(
        "SELECT q.article_id, q.quote_no, q.text, q.cue, a.title AS article_title, a.published AS article_published "
        "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker = ? "
        "ORDER BY a.published_date DESC NULLS LAST LIMIT 50", [name])
    person["by_type"] = db.rows(
        "SELECT type, count(*) FILTER (WHERE source_name = ?) AS as_source, "
        "count(*) FILTER (WHERE target_name = ?) AS as_target FROM events "
        "WHERE source_name = ? OR target_name = ? GROUP BY type ORDER BY count(*) DESC, type", [name] * 4)
    return person


# -- quotes and entities -----------------------------------------------------------------------------------

def list_quotes(db: Database, page: Page, speaker: str | None = None, q: str | None = None,
                since: str | None = None, until: str | None = None) -> tuple[list[Item], bool]:
    where = Where()
    if speaker:
        where.add(f"({ILIKE.format('q.speaker')} OR q.speaker_code = ?)", "%" + escape_like(speaker) + "%",
                  speaker.upper())
    if q:
        where.add(ILIKE.format("q.text"), "%" + escape_like(q) + "%")
    where.since_until("CAST(a.published_date AS VARCHAR)", since, until)
    sql = ("SELECT q.article_id || ':' || q.quote_no AS id, q.article_id, q.quote_no, q.speaker, q.speaker_code, "
           "q.text, q.cue, q.\"start\", q.\"end\", a.title AS article_title, a.outlet AS article_outlet, "
           f"a.published AS article_published FROM quotes q JOIN articles a ON a.id = q.article_id {where} "
           "ORDER BY a.published_date DESC NULLS LAST, q.article_id, q.quote_no")
    return paged(db, sql, where.params, page)


ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC")


def list_entities(db: Database, page: Page, type_: str | None = None, q: str | None = None,
                  article: str | None = None) -> tuple[list[Item], bool]:
    """Distinct entities (by name, type and code) with the number of articles and mentions."""
    where = Where()
    if type_:
        where.add("en.type = ?", type_)
    if q:
        where.add(ILIKE.format("en.name"), "%" + escape_like(q) + "%")
    if article:                 # the entities of one article: from the table itself, not the summary
        where.add("EXISTS (SELECT 1 FROM entities x WHERE x.article_id = ? AND x.name = en.name "
                  "AND x.type = en.type)", article)
    sql = f"SELECT * EXCLUDE (position) FROM _api_entities en {where} ORDER BY en.position"
    return paged(db, sql, where.params, page)


ENTITY_SUMMARY = """
    SELECT en.name, en.type, en.country, en.code, en.wikidata, en.kb_id, mode(en.role) AS role,
           count(DISTINCT en.article_id) AS articles, CAST(coalesce(sum(m.n), 0) AS BIGINT) AS mentions,
           row_number() OVER (ORDER BY count(DISTINCT en.article_id) DESC, en.name, en.type, en.code) AS position
    FROM entities en LEFT JOIN (SELECT article_id, entity_no, count(*) AS n FROM mentions GROUP BY ALL) m
         ON m.article_id = en.article_id AND m.entity_no = en.entity_no
    GROUP BY en.name, en.type, en.country, en.code, en.wikidata, en.kb_id
"""


def prepare_snapshot(con: duckdb.DuckDBPyConnection) -> None:
    """Tables the API lists from, made once in each private snapshot copy (which is then opened read-only):
    each list in its display order (`position`), with the counts and article fields its rows show."""
    columns = {tuple(row) for row in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns").fetchall()}
    story = "a.story" if ("articles", "story") in columns else "CAST(NULL AS VARCHAR)"
    copy_of = "a.copy_of" if ("articles", "copy_of") in columns else "CAST(NULL AS VARCHAR)"
    record = "e.record" if ("events", "record") in columns else "CAST(NULL AS VARCHAR)"
    con.execute(f"""
        CREATE OR REPLACE TABLE _api_articles AS
        SELECT {ARTICLE_SUMMARY}, {story} AS story, {copy_of} AS copy_of, coalesce(ev.n, 0) AS events,
               coalesce(qu.n, 0) AS quotes, lower(concat_ws(' ', a.title, a.text)) AS search,
               row_number() OVER (ORDER BY a.published_date DESC NULLS LAST, a.id) AS position
        FROM articles a
        LEFT JOIN (SELECT article_id, count(*) AS n FROM events GROUP BY 1) ev ON ev.article_id = a.id
        LEFT JOIN (SELECT article_id, count(*) AS n FROM quotes GROUP BY 1) qu ON qu.article_id = a.id
        ORDER BY position""")
    con.execute(f"""
        CREATE OR REPLACE TABLE _api_events AS
        SELECT {EVENT_COLUMNS}, {record} AS record, {EVENT_DATE_TEXT} AS sort_date, {story} AS story,
               row_number() OVER (ORDER BY {EVENT_DATE_TEXT} DESC NULLS LAST, e.article_id, e.event_no) AS position
        FROM events e JOIN articles a ON a.id = e.article_id ORDER BY position""")
    con.execute(f"CREATE OR REPLACE TABLE _api_actors AS {ACTOR_SUMMARY} ORDER BY position")
    con.execute(f"CREATE OR REPLACE TABLE _api_entities AS {ENTITY_SUMMARY} ORDER BY position")


# -- overview ----------------------------------------------------------------------------------------------

def overview(db: Database) -> Item:
    """The dashboard's first page (the same for every request on one snapshot, so computed once for it)."""
    return db.memo("overview", lambda: _overview(db))


def _overview(db: Database) -> Item:
    counts = db.one("SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM events) AS events, "
                    "(SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM entities) AS entities, "
                    "(SELECT count(*) FROM rejected) AS rejected") or {}
    for table in ("records", "stories"):
        counts[table] = db.one(f"SELECT count(*) AS n FROM {table}")["n"] if db.has(table) else None  # type: ignore[index]  # count(*) gives one row
    dates = db.one("SELECT min(published_date) AS first, max(published_date) AS last FROM articles")
    outlets = db.rows("SELECT outlet, count(*) AS articles FROM articles WHERE outlet IS NOT NULL "
                      "GROUP BY outlet ORDER BY articles DESC, outlet LIMIT 12")
    actors, _ = list_actors(db, Page(10, 0))
    dyads = db.rows(
        "SELECT least(source_code, target_code) AS a, greatest(source_code, target_code) AS b, count(*) AS events, "
        "round(avg(goldstein), 2) AS goldstein FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL "
        "AND source_code <> target_code AND status = 'reported' GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT 10")
    stories, _ = list_stories(db, Page(8, 0))
    latest, _ = list_articles(db, Page(8, 0))
    return {"counts": counts, "dates": dates, "outlets": outlets, "actors": actors, "dyads": dyads,
            "stories": stories, "latest_articles": latest}


def require(found: Item | None, what: str, key: str) -> Item:
    if found is None:
        raise ApiError(404, f"no {what} with id {key!r}")
    return found
