"""Article <-> table rows. The column names are those of store/schema.py."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from datetime import UTC, date, datetime
from operator import attrgetter, itemgetter
from typing import Any

import pyarrow as pa

from sorot.schema import Actor, Article, Entity, Event, Line, Mention, Quote
from sorot.store.schema import CHILD_TABLES

Row = dict[str, Any]


def published_columns(published: str | None) -> tuple[datetime | None, date | None]:
    """(timestamp when a time and zone are known, day when the day is known) from an ISO 8601 string."""
    if not published:
        return None, None
    try:
        parsed = datetime.fromisoformat(published)
    except ValueError:
        return None, None
    day = parsed.date()
    if parsed.tzinfo is None:  # a bare day (or a time without a zone) is not an instant
        return None, day
    return parsed.astimezone(UTC), day


def article_row(article: Article, raw_hash: str, pipeline_version: str, fingerprint: str | None = None) -> Row:
    published_at, published_date = published_columns(article.published)
    raw = article.raw
    return {
        "id": article.id, "source": article.source, "location": raw.location if raw else None,
        "title": article.title, "outlet": article.outlet, "authors": list(article.authors),
        "dateline": article.dateline, "published": article.published, "published_at": published_at,
        "published_date": published_date, "republished": article.republished, "story_date": article.story_date,
        "language": article.language, "text": article.text, "format": article.format, "url": article.url,
        "encoding": raw.encoding if raw else None, "warnings": list(article.warnings), "raw_hash": raw_hash,
        "processed_at": datetime.now(UTC), "pipeline_version": pipeline_version, "fingerprint": fingerprint,
        "meta_evidence": json.dumps(article.meta_evidence, ensure_ascii=False) if article.meta_evidence else None,
    }


PART_TABLES = ("items", "articles", *CHILD_TABLES, "inputs")
Columns = dict[str, list[Any]]      # a table's values by column name, the columns in the table's order


def part_tables(items: Sequence[tuple[Article, str]], pipeline_version: str,
                fingerprint: str | None = None) -> dict[str, pa.Table]:
    """The rows one transaction stores for (article, raw hash) pairs, as Arrow tables by table name.

    "items" lists (id, location) of every article in order, so the writer can tell stored from updated;
    an article given twice is stored once (the last one wins). Tables without rows are left out. The same
    tables come from a worker's Parquet part (sorot.runner), so one process and many store the same rows.
    The tables are built column by column (a list per column, extended per article, each column's type
    inferred from all its values): a dict per row cost more than the rows' conversion to Arrow.
    """
    latest = {article.id: index for index, (article, _hash) in enumerate(items)}
    stored = [(article, content_hash) for index, (article, content_hash) in enumerate(items)
              if latest[article.id] == index]
    located = [(article, content_hash) for article, content_hash in items if _location(article)]
    now = datetime.now(UTC)
    columns: dict[str, Columns] = {
        "items": {"id": [article.id for article, _hash in items],
                  "location": [_location(article) for article, _hash in items]},
        "articles": _columns_of([article_row(article, content_hash, pipeline_version, fingerprint)
                                 for article, content_hash in stored]),
        **{table: {} for table in CHILD_TABLES},
        "inputs": {"location": [_location(article) for article, _hash in located],
                   "raw_hash": [content_hash for _article, content_hash in located],
                   "article_id": [article.id for article, _hash in located], "seen_at": [now] * len(located)},
    }
    for article, _hash in stored:
        add_child_columns(article, columns)
    return {table: pa.table(columns[table]) for table in PART_TABLES if columns[table] and _length(columns[table])}


def _location(article: Article) -> str | None:
    return article.raw.location if article.raw else None


def _length(columns: Columns) -> int:
    return len(next(iter(columns.values())))


def _columns_of(rows: list[Row]) -> Columns:
    """Rows built alike (the same keys in the same order) as columns; no rows, no columns."""
    return {name: list(map(itemgetter(name), rows)) for name in rows[0]} if rows else {}


def _extend(columns: Columns, values: Columns) -> None:
    for name, column in values.items():
        columns.setdefault(name, []).extend(column)


def _field_columns(items: Sequence[Any], names: tuple[str, ...]) -> Columns:
    """The dataclass fields `names` (two or more: attrgetter gives a tuple) of `items` as columns, read by
    attrgetter in C, one tuple per item."""
    return dict(zip(names, map(list, zip(*map(attrgetter(*names), items), strict=True)), strict=True))


def child_rows(article: Article) -> dict[str, list[Row]]:
    """The rows of every child table for one article."""
    columns: dict[str, Columns] = {table: {} for table in CHILD_TABLES}
    add_child_columns(article, columns)
    return {table: [dict(zip(values, row, strict=True)) for row in zip(*values.values(), strict=True)]
            for table, values in columns.items()}


def add_child_columns(article: Article, columns: dict[str, Columns]) -> None:
    """Add the rows of every child table for one article to `columns` (columns by table name). The fields
    are read one level deep (what dataclasses.asdict gives here, without its recursive deep copy)."""
    aid = article.id
    if article.lines:
        _extend(columns["lines"], {"article_id": [aid] * len(article.lines), **_field_columns(article.lines, LINE_FIELDS)})
    entities = article.entities
    if entities:
        _extend(columns["entities"], {"article_id": [aid] * len(entities), "entity_no": list(range(len(entities))),
                                      **_field_columns(entities, ENTITY_FIELDS)})
        numbered = [(number, mention) for number, entity in enumerate(entities) for mention in entity.mentions]
        if numbered:
            _extend(columns["mentions"], {"article_id": [aid] * len(numbered),
                                          "entity_no": [number for number, _mention in numbered],
                                          **_field_columns([m for _number, m in numbered], MENTION_FIELDS)})
    if article.quotes:
        _extend(columns["quotes"], {"article_id": [aid] * len(article.quotes),
                                    "quote_no": list(range(len(article.quotes))),
                                    **_field_columns(article.quotes, QUOTE_FIELDS)})
    events = article.events
    if events:
        sources, targets = [event.source for event in events], [event.target for event in events]
        _extend(columns["events"], {
            "article_id": [aid] * len(events), "event_no": list(range(len(events))),
            **_field_columns(events, EVENT_FIELDS),
            **{f"source_{name}": column for name, column in _field_columns(sources, ACTOR_FIELDS).items()},
            **{f"target_{name}": column for name, column in _field_columns(targets, ACTOR_FIELDS).items()}})


def _field_names(kind: type, skip: tuple[str, ...] = ()) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind) if f.name not in skip)


LINE_FIELDS = ("n", "label", "text")                    # the lines table's column order
ENTITY_FIELDS = _field_names(Entity, skip=("mentions",))  # its mentions are rows of their own
MENTION_FIELDS = _field_names(Mention)
QUOTE_FIELDS = _field_names(Quote)
EVENT_FIELDS = _field_names(Event, skip=("source", "target"))   # the actors' fields are columns of their own
ACTOR_FIELDS = ("code", "name", "country")              # source_code, source_name, source_country, ...


def build_article(row: Row, children: dict[str, list[Row]]) -> Article:
    """An Article from its stored row and the rows of its child tables (each in stored order)."""
    mentions: dict[int, list[Mention]] = {}
    for m in children.get("mentions", []):
        mentions.setdefault(m["entity_no"], []).append(Mention(m["start"], m["end"], m["text"]))
    entities = [
        Entity(name=e["name"], type=e["type"], country=e["country"], code=e["code"], wikidata=e["wikidata"],
               role=e["role"], mentions=mentions.get(e["entity_no"], []), kb_id=e["kb_id"],
               aliases=list(e.get("aliases") or []))
        for e in children.get("entities", [])
    ]
    quotes = [Quote(**_without(q, "article_id", "quote_no")) for q in children.get("quotes", [])]
    events = [_event(e) for e in children.get("events", [])]
    lines = [Line(n=r["n"], text=r["text"], label=r["label"]) for r in children.get("lines", [])]
    return Article(
        source=row["source"], text=row["text"] or "", id=row["id"], title=row["title"], outlet=row["outlet"],
        authors=list(row["authors"] or []), dateline=row["dateline"], published=row["published"],
        language=row["language"], lines=lines, entities=entities, quotes=quotes, events=events, url=row["url"],
        format=row["format"] or "text", republished=bool(row["republished"]), story_date=row["story_date"],
        warnings=list(row["warnings"] or []), copy_of=row.get("copy_of"), story=row.get("story"),
        meta_evidence=json.loads(row.get("meta_evidence") or "{}"),
    )


def _without(row: Row, *names: str) -> Row:
    return {k: v for k, v in row.items() if k not in names}


def _event(row: Row) -> Event:
    data = _without(row, "article_id", "event_no")
    source = Actor(data.pop("source_name"), data.pop("source_code"), data.pop("source_country"))
    target = Actor(data.pop("target_name"), data.pop("target_code"), data.pop("target_country"))
    return Event(source=source, target=target, **data)
