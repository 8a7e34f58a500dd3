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


def part_tables(items: Sequence[tuple[Article, str]], pipeline_version: str,
                fingerprint: str | None = None) -> dict[str, pa.Table]:
    """The rows one transaction stores for (article, raw hash) pairs, as Arrow tables by table name.

    "items" lists (id, location) of every article in order, so the writer can tell stored from updated;
    an article given twice is stored once (the last one wins). Tables without rows are left out. The same
    tables come from a worker's Parquet part (sorot.runner), so one process and many store the same rows.
    """
    rows: dict[str, list[Row]] = {table: [] for table in PART_TABLES}
    latest = {article.id: index for index, (article, _hash) in enumerate(items)}
    for index, (article, content_hash) in enumerate(items):
        location = article.raw.location if article.raw else None
        rows["items"].append({"id": article.id, "location": location})
        if location:
            rows["inputs"].append({"location": location, "raw_hash": content_hash, "article_id": article.id,
                                   "seen_at": datetime.now(UTC)})
        if latest[article.id] != index:
            continue
        rows["articles"].append(article_row(article, content_hash, pipeline_version, fingerprint))
        add_child_rows(article, rows)
    return {table: _arrow(table_rows) for table, table_rows in rows.items() if table_rows}


def _arrow(rows: list[Row]) -> pa.Table:
    """The rows as one Arrow table, built column by column: the columns (and their order) of the first row,
    each type inferred from all its values, as pa.Table.from_pylist does, without a dict look-up per cell
    in Arrow's Python loop."""
    names = list(rows[0])
    return pa.table({name: _column(rows, name) for name in names})


def _column(rows: list[Row], name: str) -> list[Any]:
    """The values of column `name` (None where a row lacks it). The rows of a table are built alike, so the
    look-up is done by `map` in C; a row without the column falls back to one look-up per row."""
    try:
        return list(map(itemgetter(name), rows))
    except KeyError:
        return [row.get(name) for row in rows]


def child_rows(article: Article) -> dict[str, list[Row]]:
    """The rows of every child table for one article."""
    rows: dict[str, list[Row]] = {table: [] for table in CHILD_TABLES}
    add_child_rows(article, rows)
    return rows


def add_child_rows(article: Article, rows: dict[str, list[Row]]) -> None:
    """Append the rows of every child table for one article to `rows` (lists by table name). The fields
    are read one level deep (what dataclasses.asdict gives here, without its recursive deep copy)."""
    aid = article.id
    rows["lines"] += [{"article_id": aid, "n": line.n, "label": line.label, "text": line.text}
                      for line in article.lines]
    entities, mentions = rows["entities"], rows["mentions"]
    for number, entity in enumerate(article.entities):
        entities.append({"article_id": aid, "entity_no": number, **_fields_of(entity, ENTITY_FIELDS)})
        mentions += [{"article_id": aid, "entity_no": number, "start": m.start, "end": m.end, "text": m.text}
                     for m in entity.mentions]
    rows["quotes"] += [{"article_id": aid, "quote_no": n, **_fields_of(q, QUOTE_FIELDS)} for n, q in enumerate(article.quotes)]
    rows["events"] += [_event_row(aid, n, event) for n, event in enumerate(article.events)]


def _field_names(kind: type, skip: str = "") -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind) if f.name != skip)


ENTITY_FIELDS = _field_names(Entity, skip="mentions")   # its mentions are rows of their own
QUOTE_FIELDS = _field_names(Quote)
EVENT_FIELDS = _field_names(Event)


def _fields_of(item: Any, names: tuple[str, ...]) -> Row:
    """A dataclass's fields by name, one level deep (the values are turned into Arrow right after)."""
    return dict(zip(names, attrgetter(*names)(item), strict=True))


def _event_row(aid: str, number: int, event: Event) -> Row:
    data = _fields_of(event, EVENT_FIELDS)
    source, target = data.pop("source"), data.pop("target")
    return {
        "article_id": aid, "event_no": number, **data,
        "source_code": source.code, "source_name": source.name, "source_country": source.country,
        "target_code": target.code, "target_name": target.name, "target_country": target.country,
    }


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
