"""The dashboard used as a person would: in Chromium, on the example store. Set SOROT_SCREENSHOTS=DIR to save
screenshots of the main pages there (the README's come from `SOROT_SCREENSHOTS=docs`)."""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from browser_page import Watched

BARS = "#chart svg g.mark-rect.role-mark path"
POINTS = "#chart svg g.mark-symbol.role-mark path"


def api(server: str, path: str) -> Any:
    with urllib.request.urlopen(server + path, timeout=10) as response:
        return json.load(response)


def screenshot(page: Any, name: str, full_page: bool = False) -> None:
    folder = os.environ.get("SOROT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=full_page)


def wait_for_chart(page: Any, selector: str = "#chart") -> None:
    page.wait_for_selector(f"{selector}[data-rendered=true]")


def test_relations_chart_draws_its_marks_and_a_click_lists_the_evidence(watched: Watched, server: str) -> None:
    page = watched.open("/")
    screenshot(page, "overview")
    top = api(server, "/api/overview")["dyads"][0]
    page.click(f'a[href="/relations?a={top["a"]}&b={top["b"]}"]')
    wait_for_chart(page)
    series = api(server, f"/api/dyads?a={top['a']}&b={top['b']}&by=month")
    bars = [(p["period"], q) for p in series["items"] for q, n in p["by_quad"].items() if n]
    assert page.locator(BARS).count() == len(bars)
    assert page.locator(POINTS).count() == sum(1 for p in series["items"] if p["goldstein"] is not None)

    first_bar = page.locator(BARS).first
    box = first_bar.bounding_box()
    assert box and box["height"] > 0
    first_bar.click(position={"x": 2, "y": box["height"] - 2})   # a corner: no Goldstein point lies over it
    rows = page.locator("#evidence tr.record-row, #evidence tr.event-row")
    rows.first.wait_for()
    first_period, first_quad = min(bars)
    month = first_period[:7]
    behind = api(server, f"/api/{series['counted']}?actor={top['a']}&partner={top['b']}&since={month}"
                         f"&until={month}&quad={first_quad}&status=reported")["items"]
    assert behind and rows.count() == len(behind)
    page.mouse.move(0, 0)                 # no tooltip in the picture
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "relations", full_page=True)

    if series["counted"] == "records":       # a record lists its mentions, each with its sentence
        page.locator("#evidence tbody tr a[href^='/records/']").first.click()
        page.wait_for_selector("mark.evidence")
        record = api(server, page.url.replace(server, "/api").replace("/api/records", "/api/records"))
        assert page.locator("mark.evidence").first.inner_text() == record["mentions"][0]["sentence"]
        page.locator(".evidence-card a.open-article").first.click()
    else:
        page.locator("#evidence .evidence-button").first.click()
        page.locator("#evidence a.open-article").first.click()
    page.wait_for_selector(".article-text .focus")
    focused = "".join(page.locator(".article-text .focus").all_inner_texts())
    assert focused.strip() and page.locator(".article-text .focus").first.is_visible()


def test_events_table_opens_the_evidence_and_the_article(watched: Watched, server: str) -> None:
    page = watched.open("/events")
    first = api(server, "/api/events?size=1")["items"][0]
    page.locator(".event-row .evidence-button").first.click()
    mark = page.locator(".evidence-card mark.evidence").first
    mark.wait_for()
    assert mark.inner_text() == first["sentence"]
    if first["trigger"]:
        assert page.locator(".evidence-card mark.evidence strong").first.inner_text() == first["trigger"]
    screenshot(page, "events")
    page.locator(".evidence-card a.open-article").first.click()
    page.wait_for_selector(".article-text .focus")
    assert f"/articles/{first['article_id']}" in page.url
    focused = "".join(page.locator(".article-text .focus").all_inner_texts())
    assert focused == first["sentence"]
    record = api(server, f"/api/articles/{first['article_id']}")
    assert page.locator("table.lines tbody tr").count() == max(1, len(record["lines"]))
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "article")


def test_filters_and_more_rows_without_leaving_the_page(watched: Watched, server: str) -> None:
    page = watched.open("/events")
    page.select_option("select[name=type]", "CONSULT")
    page.wait_for_function("() => [...document.querySelectorAll('.event-row td:nth-child(2)')]"
                           ".every(cell => cell.textContent.trim().startsWith('CONSULT'))")
    consults = api(server, "/api/events?type=CONSULT&size=1000")["items"]
    shown = page.locator(".event-row").count()
    assert shown == min(len(consults), 50)
    if len(consults) > 50:
        page.click("tr.more button")
        page.wait_for_function(f"() => document.querySelectorAll('.event-row').length > {shown}")
        assert page.locator(".event-row").count() == min(len(consults), 100)


def test_actor_page_draws_its_activity(watched: Watched, server: str) -> None:
    page = watched.open("/actors/CHN")
    wait_for_chart(page, "#activity")
    detail = api(server, "/api/actors/CHN")
    bars = sum(1 for month in detail["by_month"] for role in ("as_source", "as_target") if month[role])
    assert page.locator("#activity svg g.mark-rect.role-mark path").count() == bars
    screenshot(page, "actor")


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_pages_fit_the_screen(watched: Watched, server: str, width: int, height: int) -> None:
    watched.page.set_viewport_size({"width": width, "height": height})
    article = api(server, "/api/events?size=1")["items"][0]["article_id"]
    for path in ("/", "/relations?a=CHN&b=USA", "/events", f"/articles/{article}", "/actors/CHN", "/records"):
        page = watched.open(path)
        if "relations" in path:
            wait_for_chart(page)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} is {overflow}px wider than a {width}px screen"
    if width < 500:
        watched.open(f"/articles/{article}?event=0#event-0")
        screenshot(watched.page, "article-phone")


def test_api_docs_render_from_local_assets(watched: Watched) -> None:
    page = watched.open("/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("sorot")
    assert "Indonesian news" in page.locator(".swagger-ui .info .description").inner_text()
    assert page.locator(".swagger-ui .opblock").count() >= 12


def test_records_table_opens_the_evidence_of_each_mention(watched: Watched, server: str) -> None:
    records = api(server, "/api/records?size=50")["items"]
    if not records:
        pytest.skip("the example store has no event records")
    page = watched.open("/records")
    page.locator(".record-row .evidence-button").first.click()
    cards = page.locator(".evidence-card")
    cards.first.wait_for()
    detail = api(server, f"/api/records/{records[0]['id']}")
    assert cards.count() == min(3, len(detail["mentions"]))
    assert page.locator(".evidence-card mark.evidence").first.inner_text() == detail["mentions"][0]["sentence"]
