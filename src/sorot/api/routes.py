"""The JSON API under /api: read-only GET endpoints over the store, paginated, with CSV on list endpoints."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from sorot.api import queries
from sorot.api.database import Database
from sorot.api.params import (
    PERIODS,
    STATUSES,
    ApiError,
    Page,
    parse_choice,
    parse_code,
    parse_date,
    parse_page,
    parse_quad,
    parse_text,
    parse_types,
)

router = APIRouter(prefix="/api")

Size = Annotated[int | None, Query(description="items per page (default 100, at most 1000)")]
Next = Annotated[str | None, Query(description="the `next` token of the previous page")]
Format = Annotated[str | None, Query(description="json (default) or csv")]
Since = Annotated[str | None, Query(description="on or after this day, month or year (YYYY[-MM[-DD]])")]
Until = Annotated[str | None, Query(description="on or before this day, month or year (YYYY[-MM[-DD]])")]
Code = Annotated[str | None, Query(description="actor code (RUS, CHN, NATO)")]


def database(request: Request) -> Database:
    return request.app.state.db


def listing(request: Request, items: list[dict[str, Any]], page: Page, more: bool, format_: str | None) -> Response:
    """{"items": [...], "next": token|null} as JSON, or the items as CSV with the next page in a Link header."""
    fmt = parse_choice("format", format_, ("json", "csv")) or "json"
    token = page.next_token(more)
    if fmt == "json":
        return JSONResponse({"items": items, "next": token})
    headers = {}
    if token:
        query = dict(request.query_params) | {"next": token}
        headers["Link"] = f'<{request.url.path}?{urlencode(query)}>; rel="next"'
    return Response(to_csv(items), media_type="text/csv; charset=utf-8", headers=headers)


def to_csv(items: list[dict[str, Any]]) -> str:
    """One row per item; lists joined with "; ", nested objects as JSON."""
    columns: dict[str, None] = {}
    for item in items:
        columns.update(dict.fromkeys(item))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for item in items:
        writer.writerow([_csv_value(item.get(column)) for column in columns])
    return buffer.getvalue()


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def event_filter(actor: str | None, partner: str | None, source: str | None, target: str | None,
                 type_: str | None, status: str | None, quad: str | None, since: str | None, until: str | None,
                 article: str | None = None, story: str | None = None) -> queries.EventFilter:
    return queries.EventFilter(
        actor=parse_code("actor", actor), partner=parse_code("partner", partner),
        source=parse_code("source", source), target=parse_code("target", target),
        types=parse_types("type", type_), status=parse_choice("status", status, STATUSES),
        quad=parse_quad("quad", quad), since=parse_date("since", since), until=parse_date("until", until),
        article=parse_text("article", article, 64), story=parse_text("story", story, 64))


@router.get("/articles", summary="Articles, newest first")
def articles(request: Request, outlet: str | None = None, since: Since = None, until: Until = None,
             q: Annotated[str | None, Query(description="a substring of the title or body")] = None,
             story: str | None = None, size: Size = None, next: Next = None,  # noqa: A002
             format: Format = None) -> Response:  # noqa: A002
    page = parse_page(size, next)
    items, more = queries.list_articles(
        database(request), page, outlet=parse_text("outlet", outlet), since=parse_date("since", since),
        until=parse_date("until", until), q=parse_text("q", q), story=parse_text("story", story, 64))
    return listing(request, items, page, more, format)


@router.get("/articles/{article_id}", summary="One article: the export record with lines, entities, quotes, events")
def article(request: Request, article_id: str) -> dict[str, Any]:
    return queries.require(queries.article_record(database(request), article_id), "article", article_id)


@router.get("/events", summary="Events coded in the articles, newest first")
def events(request: Request, actor: Code = None,
           partner: Annotated[str | None, Query(description="with actor: events between the two")] = None,
           source: Code = None, target: Code = None,
           type: Annotated[str | None, Query(description="PLOVER type(s), comma-separated")] = None,  # noqa: A002
           status: Annotated[str | None, Query(description="reported, planned, negated, hypothetical")] = None,
           quad: Annotated[str | None, Query(description="QuadClass 1-4")] = None,
           since: Since = None, until: Until = None, article: str | None = None, story: str | None = None,
           size: Size = None, next: Next = None, format: Format = None) -> Response:  # noqa: A002
    page = parse_page(size, next)
    flt = event_filter(actor, partner, source, target, type, status, quad, since, until, article, story)
    items, more = queries.list_events(database(request), page, flt)
    return listing(request, items, page, more, format)


@router.get("/events/{event_id}", summary="One event (article id:event number) with its paragraph")
def event(request: Request, event_id: str) -> dict[str, Any]:
    return queries.require(queries.event_detail(database(request), event_id), "event", event_id)


@router.get("/records", summary="Event records: one real-world event reported by one or more articles")
def records(request: Request, actor: Code = None, partner: Code = None, source: Code = None, target: Code = None,
            type: str | None = None, status: str | None = None, quad: str | None = None,  # noqa: A002
            since: Since = None, until: Until = None, story: str | None = None, article: str | None = None,
            size: Size = None, next: Next = None, format: Format = None) -> Response:  # noqa: A002
    page = parse_page(size, next)
    flt = event_filter(actor, partner, source, target, type, status, quad, since, until, article, story)
    items, more = queries.list_records(database(request), page, flt)
    return listing(request, items, page, more, format)


@router.get("/records/{record_id}", summary="One event record with its mentions (the events behind it)")
def record(request: Request, record_id: str) -> dict[str, Any]:
    return queries.require(queries.record_detail(database(request), record_id), "record", record_id)


@router.get("/stories", summary="Stories: articles about one real-world happening")
def stories(request: Request, actor: Code = None, type: str | None = None,  # noqa: A002
            since: Since = None, until: Until = None, size: Size = None, next: Next = None,  # noqa: A002
            format: Format = None) -> Response:  # noqa: A002
    page = parse_page(size, next)
    items, more = queries.list_stories(database(request), page, actor=parse_code("actor", actor),
                                       types=parse_types("type", type), since=parse_date("since", since),
                                       until=parse_date("until", until))
    return listing(request, items, page, more, format)


@router.get("/stories/{story_id}", summary="One story with its articles and event records")
def story(request: Request, story_id: str) -> dict[str, Any]:
    return queries.require(queries.story_detail(database(request), story_id), "story", story_id)


@router.get("/dyads", summary="The relation between two actors over time")
def dyads(request: Request, a: Annotated[str, Query(description="first actor code")],
          b: Annotated[str, Query(description="second actor code")],
          by: Annotated[str | None, Query(description="day, week or month (default)")] = None,
          directed: Annotated[bool, Query(description="only events from a to b")] = False,
          normalise: Annotated[bool, Query(description="also records per 1,000 stored articles")] = False,
          format: Format = None) -> Response:  # noqa: A002
    first, second = parse_code("a", a), parse_code("b", b)
    period = parse_choice("by", by, PERIODS) or "month"
    series, counted = queries.dyad_series(database(request), first or "", second or "", period, directed, normalise)
    if (parse_choice("format", format, ("json", "csv")) or "json") == "csv":
        return Response(to_csv(series), media_type="text/csv; charset=utf-8")
    return JSONResponse({"a": first, "b": second, "by": period, "directed": directed, "counted": counted,
                         "items": series, "next": None})


@router.get("/actors", summary="Actors (states, organisations) by number of events")
def actors(request: Request, q: Annotated[str | None, Query(description="code prefix or part of the name")] = None,
           size: Size = None, next: Next = None, format: Format = None) -> Response:  # noqa: A002
    page = parse_page(size, next)
    items, more = queries.list_actors(database(request), page, q=parse_text("q", q))
    return listing(request, items, page, more, format)


@router.get("/actors/{code}", summary="One actor: counts, partners, speakers, events by type and month, people")
def actor(request: Request, code: str) -> dict[str, Any]:
    checked = parse_code("code", code) or ""
    return queries.require(queries.actor_detail(database(request), checked), "actor", code)


@router.get("/quotes", summary="Direct quotations, newest first")
def quotes(request: Request, speaker: Annotated[str | None, Query(description="part of the name, or a code")] = None,
           q: Annotated[str | None, Query(description="a substring of the quotation")] = None,
           since: Since = None, until: Until = None, size: Size = None, next: Next = None,  # noqa: A002
           format: Format = None) -> Response:  # noqa: A002
    page = parse_page(size, next)
    items, more = queries.list_quotes(database(request), page, speaker=parse_text("speaker", speaker),
                                      q=parse_text("q", q), since=parse_date("since", since),
                                      until=parse_date("until", until))
    return listing(request, items, page, more, format)


@router.get("/entities", summary="Entities (people, organisations, places) by number of articles")
def entities(request: Request, type: Annotated[str | None, Query(description="PER, ORG, GPE or LOC")] = None,  # noqa: A002
             q: Annotated[str | None, Query(description="part of the name")] = None, article: str | None = None,
             size: Size = None, next: Next = None, format: Format = None) -> Response:  # noqa: A002
    page = parse_page(size, next)
    kind = parse_choice("type", type.lower() if type else None, tuple(t.lower() for t in queries.ENTITY_TYPES))
    items, more = queries.list_entities(database(request), page, type_=kind.upper() if kind else None,
                                        q=parse_text("q", q), article=parse_text("article", article, 64))
    return listing(request, items, page, more, format)


@router.get("/overview", summary="Counts, date range, outlets, top actors and dyads, latest stories")
def overview(request: Request) -> dict[str, Any]:
    return queries.overview(database(request))


def sql_router() -> APIRouter:
    """GET /api/sql?sql=...: only when `sorot serve --sql` asks for it. The snapshot is opened read-only with
    file access and extensions disabled, and the row and time limits apply."""
    sql_api = APIRouter(prefix="/api")

    @sql_api.get("/sql", summary="A read-only SQL query (enabled by --sql)")
    def run_sql(request: Request, sql: Annotated[str, Query(description="one SELECT statement")],
                format: Format = None) -> Response:  # noqa: A002
        import duckdb

        if len(sql) > 20_000:
            raise ApiError(400, "bad value for 'sql': longer than 20000 characters", "sql")
        try:
            result = database(request).query(sql)
        except duckdb.Error as error:
            message = str(error).splitlines()[0]
            raise ApiError(400, f"bad value for 'sql': {message}", "sql") from None
        if (parse_choice("format", format, ("json", "csv")) or "json") == "csv":
            return Response(to_csv(result.rows), media_type="text/csv; charset=utf-8")
        return JSONResponse({"columns": result.columns, "items": result.rows, "truncated": result.truncated,
                             "next": None})

    return sql_api
