"""The dashboard's server-rendered pages and fragments (the browser tests drive them in Chromium), the text
highlighter and the parameter parsers."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from sorot.api.highlight import Span, highlight, mark_span
from sorot.api.pages import fill_periods, relation_chart
from sorot.api.params import ApiError, encode_token, parse_code, parse_date, parse_page

HTML = {"accept": "text/html"}


def visible_text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.mark.parametrize("url", ["/", "/relations", "/relations?a=CHN&b=USA", "/relations?a=CHN&b=USA&by=week",
                                 "/events", "/events?actor=IDN&type=CONSULT", "/records", "/articles",
                                 "/articles?q=presiden", "/actors", "/actors/CHN", "/quotes", "/stories"])
def test_pages_render(client: TestClient, url: str) -> None:
    response = client.get(url, headers=HTML)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<main>" in response.text and "Traceback" not in response.text


def test_overview_shows_the_counts_and_links_the_top_dyads(client: TestClient) -> None:
    overview = client.get("/api/overview").json()
    page = client.get("/", headers=HTML).text
    assert f"{overview['counts']['articles']:,}" in page
    top = overview["dyads"][0]
    assert f'href="/relations?a={top["a"]}&amp;b={top["b"]}"' in page


def test_relations_page_embeds_a_chart_of_the_series(client: TestClient) -> None:
    page = client.get("/relations?a=CHN&b=USA", headers=HTML).text
    spec = re.search(r'<script type="application/json" id="relation-spec">(.*?)</script>', page, re.S)
    assert spec is not None
    import json

    chart = json.loads(spec.group(1))
    bars, line = chart["layer"][0]["data"]["values"], chart["layer"][1]["data"]["values"]
    series = client.get("/api/dyads?a=CHN&b=USA").json()["items"]
    assert sum(bar["n"] for bar in bars) == sum(sum(p["by_quad"].values()) for p in series)
    assert len(line) == sum(1 for p in series if p["goldstein"] is not None)


def test_evidence_marks_the_sentence_in_its_paragraph(client: TestClient) -> None:
    event = client.get("/api/events?size=1&status=reported").json()["items"][0]
    fragment = client.get(f"/fragments/evidence/{event['id']}").text
    marked = re.search(r'<mark class="evidence">(.*?)</mark>', fragment, re.S)
    assert marked and visible_text(marked.group(1)) == event["sentence"]
    assert f"/articles/{event['article_id']}?event={event['event_no']}" in fragment


def test_record_evidence_marks_each_mention_in_its_paragraph(client: TestClient) -> None:
    records = client.get("/api/records?size=1000").json()["items"]
    told_often = max(records, key=lambda r: r["num_mentions"])
    detail = client.get(f"/api/records/{told_often['id']}").json()
    fragment = client.get(f"/fragments/record-evidence/{told_often['id']}").text
    marked = [visible_text(m) for m in re.findall(r'<mark class="evidence">(.*?)</mark>', fragment, re.S)]
    assert marked == [m["sentence"] for m in detail["mentions"][:3]]
    if len(detail["mentions"]) > 3:
        assert f"{len(detail['mentions']) - 3} more mention" in fragment
    page = client.get(f"/records/{told_often['id']}", headers=HTML).text
    assert page.count('<mark class="evidence">') == len(detail["mentions"])


def test_article_page_highlights_entities_quotes_and_the_chosen_event(client: TestClient) -> None:
    items = client.get("/api/articles?size=1000").json()["items"]
    rich = max(items, key=lambda a: a["events"] + a["quotes"])
    record = client.get(f"/api/articles/{rich['id']}").json()
    page = client.get(f"/articles/{rich['id']}?event=0", headers=HTML).text
    body = re.search(r'<div class="article-text"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert visible_text(body) == record["text"]
    focused = "".join(re.findall(r'<span class="[^"]*\bfocus\b[^"]*"[^>]*>(.*?)</span>', body, re.S))
    assert visible_text(focused) == record["events"][0]["sentence"]
    assert 'id="event-0"' in body and re.search(r'class="[^"]*\bentity\b', body)
    shown = html.unescape(page)   # the templates escape quotation marks too (&#34;)
    for line in record["lines"][:5]:
        assert line["text"] in shown


def test_a_bad_filter_on_a_page_is_an_error_page(client: TestClient) -> None:
    response = client.get("/events?since=yesterday", headers=HTML)
    assert response.status_code == 400 and "since" in response.text and "<main>" in response.text
    assert client.get("/articles/nothing", headers=HTML).status_code == 404


def test_more_rows_come_with_the_same_filters(client: TestClient) -> None:
    page = client.get("/events?actor=IDN", headers=HTML).text
    more = re.search(r'hx-get="(/fragments/events\?[^"]+)"', page)
    assert more and "actor=IDN" in html.unescape(more.group(1))
    rows = client.get(html.unescape(more.group(1))).text
    assert rows.count('class="event-row"') > 0


def test_highlight_nests_overlapping_spans_and_escapes_markup() -> None:
    text = "Menlu <Retno> bertemu Wang Yi di Beijing."
    spans = [Span(0, len(text), "event", "CONSULT", "event-0"), Span(6, 13, "entity", "Retno Marsudi"),
             Span(22, 29, "entity", "Wang Yi"), Span(30, 200, "quote", "clipped")]
    markup = str(highlight(text, spans))
    assert "<Retno>" not in markup and "&lt;Retno&gt;" in markup
    assert visible_text(markup) == text
    assert re.search(r'class="entity event"[^>]*>&lt;Retno&gt;</span>', markup)
    assert markup.startswith('<a class="anchor" id="event-0"></a>')


def test_mark_span_bolds_the_trigger_inside_the_sentence() -> None:
    paragraph = "Kalimat pertama. Indonesia mengecam serangan itu. Kalimat ketiga."
    start = paragraph.index("Indonesia")
    end = paragraph.index(" Kalimat ketiga")
    markup = str(mark_span(paragraph, start, end, "mengecam"))
    assert '<mark class="evidence">Indonesia <strong>mengecam</strong> serangan itu.</mark>' in markup


def test_empty_periods_are_filled_and_every_bar_carries_its_bounds() -> None:
    series = [{"period": "2024-01-01", "records": 2, "by_quad": {"1": 1, "4": 1}, "goldstein": -1.5},
              {"period": "2024-04-01", "records": 1, "by_quad": {"3": 1}, "goldstein": None}]
    filled = fill_periods(series, "month")
    assert [p["period"] for p in filled] == ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]
    chart = relation_chart(filled, "month")
    bars = chart["layer"][0]["data"]["values"]
    assert len(bars) == 3 and {(b["first"], b["last"]) for b in bars} == {("2024-01", "2024-01"),
                                                                          ("2024-04", "2024-04")}
    assert [p["period"] for p in chart["layer"][1]["data"]["values"]] == ["2024-01"]


@pytest.mark.parametrize(("value", "expected"), [("2024", "2024"), ("2024-02", "2024-02"),
                                                 ("2024-02-29", "2024-02-29"), ("", None), (None, None)])
def test_dates_of_any_precision(value: str | None, expected: str | None) -> None:
    assert parse_date("since", value) == expected


@pytest.mark.parametrize("value", ["2023-02-29", "24-01-01", "2024/01/01", "2024-1"])
def test_impossible_or_malformed_dates(value: str) -> None:
    with pytest.raises(ApiError) as error:
        parse_date("until", value)
    assert error.value.status == 400 and error.value.parameter == "until"


def test_codes_and_page_tokens() -> None:
    assert parse_code("actor", "rus") == "RUS" and parse_code("actor", "person:retno-marsudi") == "person:retno-marsudi"
    page = parse_page(25, encode_token(50))
    assert (page.size, page.offset) == (25, 50)
    assert page.next_token(True) == encode_token(75) and page.next_token(False) is None
    with pytest.raises(ApiError):
        parse_page(25, encode_token(50)[:-3] + "!!!")
