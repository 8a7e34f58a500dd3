"""Article <-> table rows. The column names are those of store/schema.py."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa

from sorot.schema import Actor, Article, Entity, Event, Line, Mention, Quote

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


PART_TABLES = ("items", "articles", "lines", "entities", "mentions", "quotes", "events", "inputs")


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
        for table, table_rows in child_rows(article).items():
            rows[table] += table_rows
    return {table: pa.Table.from_pylist(table_rows) for table, table_rows in rows.items() if table_rows}


def child_rows(article: Article) -> dict[str, list[Row]]:
    """The rows of every child table for one article."""
    aid = article.id
    rows: dict[str, list[Row]] = {"lines": [], "entities": [], "mentions": [], "quotes": [], "events": []}
    rows["lines"] = [{"article_id": aid, "n": line.n, "label": line.label, "text": line.text} for line in article.lines]
    for number, entity in enumerate(article.entities):
        data = asdict(entity)
        mentions = data.pop("mentions")
        rows["entities"].append({"article_id": aid, "entity_no": number, **data})
        rows["mentions"] += [{"article_id": aid, "entity_no": number, **m} for m in mentions]
    rows["quotes"] = [{"article_id": aid, "quote_no": n, **asdict(q)} for n, q in enumerate(article.quotes)]
    rows["events"] = [_event_row(aid, n, event) for n, event in enumerate(article.events)]
    return rows


def _event_row(aid: str, number: int, event: Event) -> Row:
    data = asdict(event)
    source, target = data.pop("source"), data.pop("target")
    return {
        "article_id": aid, "event_no": number, **data,
        "source_code": source["code"], "source_name": source["name"], "source_country": source["country"],
        "target_code": target["code"], "target_name": target["name"], "target_country": target["country"],
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
