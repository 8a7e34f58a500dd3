"""The dashboard: server-rendered Jinja2 pages over the same queries as the API; htmx swaps in table pages,
filters and evidence, and Vega-Lite (through vega-embed, SVG renderer) draws the charts. No build step."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from sorot.api import queries
from sorot.api.database import Database
from sorot.api.highlight import article_spans, highlight, mark_span
from sorot.api.params import PERIODS, STATUSES, parse_choice, parse_code, parse_date, parse_page, parse_text
from sorot.api.routes import event_filter
from sorot.schema import PLOVER_TYPES

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(plover_types=PLOVER_TYPES, statuses=STATUSES, periods=PERIODS)

QUAD_LABELS = {"1": "1 verbal cooperation", "2": "2 material cooperation", "3": "3 verbal conflict",
               "4": "4 material conflict"}
QUAD_COLOURS = ["#4e9f6e", "#1f6f43", "#e39b4b", "#c0392b"]
PAGE_SIZE = 50
LONGEST_SERIES = 400    # periods drawn at most (a daily series over years is cut to its latest part)


def more_url(path: str, params: dict[str, str | None], token: str | None, **extra: str) -> str | None:
    """The URL of the next page: the same filters and the page token."""
    if not token:
        return None
    query = {k: v for k, v in params.items() if v and k != "next"} | extra | {"next": token}
    return f"{path}?{urlencode(query)}"


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=status, status=status, message=message)


def database(request: Request) -> Database:
    return request.app.state.db


def dom_id(text: str) -> str:
    """An HTML id from an id with colons (article:event)."""
    return "".join(c if c.isalnum() else "-" for c in text)


templates.env.filters["dom_id"] = dom_id


# -- overview ----------------------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    return render(request, "overview.html", data=queries.overview(database(request)))


# -- relations ---------------------------------------------------------------------------------------------

@router.get("/relations", response_class=HTMLResponse)
def relations(request: Request, a: str | None = None, b: str | None = None, by: str | None = None) -> HTMLResponse:
    db = database(request)
    first, second = parse_code("a", a), parse_code("b", b)
    period = parse_choice("by", by, PERIODS) or "month"
    actors, _ = queries.list_actors(db, parse_page(200, None))
    context: dict[str, Any] = {"a": first, "b": second, "by": period, "actors": actors,
                               "dyads": queries.overview(db)["dyads"]}
    if first and second:
        series, counted = queries.dyad_series(db, first, second, period, directed=False, normalise=False)
        series = fill_periods(series, period)
        context.update(series=series, counted=counted, spec=relation_chart(series, period, counted),
                       total=sum(p["records"] for p in series))
    return render(request, "relations.html", **context)


def fill_periods(series: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    """The series with empty periods added between the first and the last, so that the axis is time."""
    if not series:
        return []
    found = {row["period"][:10]: row for row in series}
    current, last = date.fromisoformat(min(found)), date.fromisoformat(max(found))
    filled = []
    while current <= last:
        key = current.isoformat()
        filled.append(found.get(key) or {"period": key, "records": 0, "by_type": {}, "goldstein": None,
                                         "by_quad": dict.fromkeys(QUAD_LABELS, 0)})
        current = _next_period(current, by)
    return filled[-LONGEST_SERIES:]


def _next_period(day: date, by: str) -> date:
    if by == "day":
        return day + timedelta(days=1)
    if by == "week":
        return day + timedelta(days=7)
    if by == "year":
        return date(day.year + 1, 1, 1)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def period_label(period: str, by: str) -> str:
    return {"month": period[:7], "year": period[:4]}.get(by, period[:10])


def relation_chart(series: list[dict[str, Any]], by: str, counted: str = "events") -> dict[str, Any]:
    """Vega-Lite: stacked bars of counts by QuadClass per period, and the mean Goldstein score as a line on a
    second axis. Every datum carries its period's first and last day, so a click can list what is behind it."""
    bars, line = [], []
    for row in series:
        first, last = queries.period_bounds(row["period"], by)
        label = period_label(row["period"], by)
        for quad, count in sorted((row.get("by_quad") or {}).items()):
            if count:
                bars.append({"period": label, "quad": quad, "quad_label": QUAD_LABELS.get(str(quad), str(quad)),
                             "n": count, "first": first, "last": last})
        if row.get("goldstein") is not None:
            line.append({"period": label, "goldstein": row["goldstein"], "n": row["records"], "first": first,
                         "last": last})
    order = [period_label(row["period"], by) for row in series]
    x = {"field": "period", "type": "ordinal", "sort": order, "scale": {"domain": order},
         "title": None, "axis": {"labelAngle": -45 if len(order) > 8 else 0, "labelOverlap": "greedy"}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": "container", "height": 280, "autosize": {"type": "fit-x", "contains": "padding"},
        "layer": [
            {"data": {"values": bars}, "mark": {"type": "bar", "cursor": "pointer"},
             "encoding": {"x": x, "y": {"field": "n", "type": "quantitative", "stack": "zero", "title": counted,
                                "axis": {"tickMinStep": 1, "format": "d"}},
                          "color": {"field": "quad_label", "type": "nominal", "title": "QuadClass",
                                    "scale": {"domain": list(QUAD_LABELS.values()), "range": QUAD_COLOURS},
                                    "legend": {"orient": "bottom", "columns": 2}},
                          "tooltip": [{"field": "period"}, {"field": "quad_label", "title": "QuadClass"},
                                      {"field": "n", "title": counted}]}},
            {"data": {"values": line},
             "mark": {"type": "line", "point": {"size": 60, "cursor": "pointer"}, "color": "#1d3557"},
             "encoding": {"x": x, "y": {"field": "goldstein", "type": "quantitative", "title": "mean Goldstein",
                                        "scale": {"domain": [-10, 10]}},
                          "tooltip": [{"field": "period"}, {"field": "goldstein", "title": "mean Goldstein"},
                                      {"field": "n", "title": counted}]}},
        ],
        "resolve": {"scale": {"y": "independent"}},
        "config": {"font": "system-ui, sans-serif", "view": {"stroke": None}},
    }


# -- events, records ---------------------------------------------------------------------------------------

def _event_rows(request: Request, params: dict[str, str | None]) -> tuple[list[dict[str, Any]], str | None]:
    page = parse_page(PAGE_SIZE, params.get("next"))
    flt = event_filter(params.get("actor"), params.get("partner"), params.get("source"), params.get("target"),
                       params.get("type"), params.get("status"), params.get("quad"), params.get("since"),
                       params.get("until"), params.get("article"), params.get("story"))
    items, more = queries.list_events(database(request), page, flt)
    return items, page.next_token(more)


def _query(request: Request, *names: str) -> dict[str, str | None]:
    return {name: request.query_params.get(name) or None for name in names}


EVENT_PARAMS = ("actor", "partner", "source", "target", "type", "status", "quad", "since", "until", "article",
                "story", "next")


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    params = _query(request, *EVENT_PARAMS)
    items, token = _event_rows(request, params)
    return render(request, "events.html", items=items, params=params,
                  more_url=more_url("/fragments/events", params, token))


@router.get("/fragments/events", response_class=HTMLResponse)
def events_fragment(request: Request) -> HTMLResponse:
    params = _query(request, *EVENT_PARAMS)
    items, token = _event_rows(request, params)
    return render(request, "fragments/event_rows.html", items=items, params=params,
                  standalone=request.query_params.get("standalone") == "1",
                  more_url=more_url("/fragments/events", params, token))


@router.get("/fragments/evidence/{event_id}", response_class=HTMLResponse)
def evidence_fragment(request: Request, event_id: str) -> HTMLResponse:
    event = queries.require(queries.event_detail(database(request), event_id), "event", event_id)
    context = event["context"]
    paragraph = mark_span(context["text"], context["start"], context["end"], event.get("trigger"))
    return render(request, "fragments/evidence.html", event=event, paragraph=paragraph)


RECORD_PARAMS = ("actor", "partner", "source", "target", "type", "status", "quad", "since", "until", "story",
                 "next")


def _record_rows(request: Request, params: dict[str, str | None]) -> tuple[list[dict[str, Any]], str | None]:
    page = parse_page(PAGE_SIZE, params.get("next"))
    flt = event_filter(params.get("actor"), params.get("partner"), params.get("source"), params.get("target"),
                       params.get("type"), params.get("status"), params.get("quad"), params.get("since"),
                       params.get("until"), None, params.get("story"))
    items, more = queries.list_records(database(request), page, flt)
    return items, page.next_token(more)


@router.get("/records", response_class=HTMLResponse)
def records_page(request: Request) -> HTMLResponse:
    params = _query(request, *RECORD_PARAMS)
    items, token = _record_rows(request, params)
    return render(request, "records.html", items=items, params=params, available=database(request).has("records"),
                  more_url=more_url("/fragments/records", params, token))


@router.get("/fragments/records", response_class=HTMLResponse)
def records_fragment(request: Request) -> HTMLResponse:
    params = _query(request, *RECORD_PARAMS)
    items, token = _record_rows(request, params)
    return render(request, "fragments/record_rows.html", items=items, params=params,
                  standalone=request.query_params.get("standalone") == "1",
                  more_url=more_url("/fragments/records", params, token))


@router.get("/records/{record_id}", response_class=HTMLResponse)
def record_page(request: Request, record_id: str) -> HTMLResponse:
    record = queries.require(queries.record_detail(database(request), record_id), "record", record_id)
    return render(request, "record.html", record=record, evidence=_mention_evidence(request, record))


@router.get("/fragments/record-evidence/{record_id}", response_class=HTMLResponse)
def record_evidence_fragment(request: Request, record_id: str) -> HTMLResponse:
    record = queries.require(queries.record_detail(database(request), record_id), "record", record_id)
    shown = RECORD_MENTIONS_SHOWN
    return render(request, "fragments/record_evidence.html", record=record,
                  evidence=_mention_evidence(request, record, shown), hidden=max(0, len(record["mentions"]) - shown))


RECORD_MENTIONS_SHOWN = 3


def _mention_evidence(request: Request, record: dict[str, Any], limit: int | None = None
                      ) -> list[tuple[dict[str, Any], Any]]:
    """(event, its paragraph with the sentence marked) for the record's mentions."""
    found = []
    for mention in record["mentions"][:limit]:
        event = queries.event_detail(database(request), mention["id"])
        if event is not None:
            context = event["context"]
            found.append((event, mark_span(context["text"], context["start"], context["end"], event.get("trigger"))))
    return found


# -- articles ----------------------------------------------------------------------------------------------

@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request) -> HTMLResponse:
    params = _query(request, "q", "outlet", "since", "until", "story", "next")
    page = parse_page(PAGE_SIZE, params.get("next"))
    items, more = queries.list_articles(
        database(request), page, outlet=parse_text("outlet", params["outlet"]),
        since=parse_date("since", params["since"]), until=parse_date("until", params["until"]),
        q=parse_text("q", params["q"]), story=parse_text("story", params["story"], 64))
    fragment = request.headers.get("HX-Request") == "true" and params.get("next")
    return render(request, "fragments/article_rows.html" if fragment else "articles.html", items=items,
                  params=params, more_url=more_url("/articles", params, page.next_token(more)))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, event: int | None = None) -> HTMLResponse:
    record = queries.require(queries.article_record(database(request), article_id), "article", article_id)
    body = highlight(record["text"] or "", article_spans(record, focus_event=event))
    return render(request, "article.html", article=record, body=body, focus=event)


# -- actors, quotes, stories -------------------------------------------------------------------------------

@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request) -> HTMLResponse:
    params = _query(request, "q", "next")
    page = parse_page(PAGE_SIZE, params.get("next"))
    items, more = queries.list_actors(database(request), page, q=parse_text("q", params["q"]))
    return render(request, "actors.html", items=items, params=params,
                  more_url=more_url("/actors", params, page.next_token(more)))


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor_page(request: Request, code: str) -> HTMLResponse:
    checked = parse_code("code", code) or ""
    actor = queries.require(queries.actor_detail(database(request), checked), "actor", code)
    return render(request, "actor.html", actor=actor, spec=activity_chart(actor.get("by_month", [])))


def activity_chart(by_month: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Vega-Lite: an actor's events per month, as source and as target."""
    if not by_month:
        return None
    values = [{"month": row["month"], "role": role.replace("_", " "), "n": row[role]}
              for row in by_month for role in ("as_source", "as_target") if row[role]]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": "container", "height": 200, "autosize": {"type": "fit-x", "contains": "padding"},
        "data": {"values": values}, "mark": {"type": "bar"},
        "encoding": {"x": {"field": "month", "type": "ordinal", "title": None, "axis": {"labelOverlap": "greedy"}},
                     "y": {"field": "n", "type": "quantitative", "title": "events",
                           "axis": {"tickMinStep": 1, "format": "d"}},
                     "color": {"field": "role", "type": "nominal", "title": None,
                               "scale": {"range": ["#1d3557", "#e39b4b"]}, "legend": {"orient": "bottom"}},
                     "tooltip": [{"field": "month"}, {"field": "role"}, {"field": "n", "title": "events"}]},
        "config": {"font": "system-ui, sans-serif", "view": {"stroke": None}},
    }


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request) -> HTMLResponse:
    params = _query(request, "speaker", "q", "next")
    page = parse_page(PAGE_SIZE, params.get("next"))
    items, more = queries.list_quotes(database(request), page, speaker=parse_text("speaker", params["speaker"]),
                                      q=parse_text("q", params["q"]))
    return render(request, "quotes.html", items=items, params=params,
                  more_url=more_url("/quotes", params, page.next_token(more)))


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request) -> HTMLResponse:
    params = _query(request, "next")
    page = parse_page(PAGE_SIZE, params.get("next"))
    items, more = queries.list_stories(database(request), page)
    return render(request, "stories.html", items=items, params=params, available=database(request).has("stories"),
                  more_url=more_url("/stories", params, page.next_token(more)))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    story = queries.require(queries.story_detail(database(request), story_id), "story", story_id)
    return render(request, "story.html", story=story)

