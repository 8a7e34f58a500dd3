"""The JSON API on a store built from examples/: every endpoint, filters, pagination, CSV and errors."""

from __future__ import annotations

import csv
import io

import duckdb
import pytest
from fastapi.testclient import TestClient

LISTS = ["/api/articles", "/api/events", "/api/records", "/api/stories", "/api/actors", "/api/quotes",
         "/api/entities"]


def table_count(store, sql: str) -> int:
    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


def all_items(client: TestClient, url: str, size: int) -> list[dict]:
    """Every item of a list endpoint, following the `next` tokens."""
    items, token = [], None
    separator = "&" if "?" in url else "?"
    while True:
        page = client.get(f"{url}{separator}size={size}" + (f"&next={token}" if token else "")).json()
        assert len(page["items"]) <= size
        items += page["items"]
        token = page["next"]
        if token is None:
            return items


@pytest.mark.parametrize("url", LISTS)
def test_list_endpoints_answer_items_and_a_next_token(client: TestClient, url: str) -> None:
    body = client.get(url).json()
    assert set(body) == {"items", "next"}
    assert isinstance(body["items"], list) and body["items"], f"{url} is empty on the example store"


@pytest.mark.parametrize("url", ["/api/articles", "/api/events", "/api/records", "/api/quotes"])
def test_pages_follow_each_other_without_gaps_or_repeats(client: TestClient, url: str) -> None:
    whole = client.get(f"{url}?size=1000").json()["items"]
    paged = all_items(client, url, size=7)
    assert [item["id"] for item in paged] == [item["id"] for item in whole]
    assert len({item["id"] for item in paged}) == len(paged)


def test_every_article_and_event_is_listed(client: TestClient, store) -> None:
    assert len(all_items(client, "/api/articles", 1000)) == table_count(store, "SELECT count(*) FROM articles")
    assert len(all_items(client, "/api/events", 1000)) == table_count(store, "SELECT count(*) FROM events")


def test_events_filtered_by_actor_partner_type_status_and_dates(client: TestClient) -> None:
    china = client.get("/api/events?actor=chn&size=1000").json()["items"]
    assert china and all("CHN" in (e["source_code"], e["target_code"]) for e in china)
    pair = client.get("/api/events?actor=CHN&partner=USA&size=1000").json()["items"]
    assert pair and all({e["source_code"], e["target_code"]} == {"CHN", "USA"} for e in pair)
    assert len(pair) < len(china)
    directed = client.get("/api/events?source=USA&target=CHN&size=1000").json()["items"]
    assert all((e["source_code"], e["target_code"]) == ("USA", "CHN") for e in directed)
    consults = client.get("/api/events?type=consult,agree&status=reported&size=1000").json()["items"]
    assert consults and {e["type"] for e in consults} <= {"CONSULT", "AGREE"}
    assert {e["status"] for e in consults} == {"reported"}
    dated = client.get("/api/events?since=2024-07&until=2024-07&size=1000").json()["items"]
    assert dated and all((e["date"] or e["article_published"]).startswith("2024-07") for e in dated)
    conflict = client.get("/api/events?quad=4&size=1000").json()["items"]
    assert conflict and {e["quad_class"] for e in conflict} == {4}


def test_events_of_one_article_are_those_of_its_record(client: TestClient) -> None:
    article = client.get("/api/articles?size=1000").json()["items"]
    with_events = next(a for a in article if a["events"] >= 2)
    listed = client.get(f"/api/events?article={with_events['id']}").json()["items"]
    record = client.get(f"/api/articles/{with_events['id']}").json()
    assert sorted(e["event_no"] for e in listed) == list(range(len(record["events"])))


def test_articles_filtered_by_text_outlet_and_dates(client: TestClient) -> None:
    found = client.get("/api/articles?q=menteri&size=1000").json()["items"]
    assert found
    for item in found:
        record = client.get(f"/api/articles/{item['id']}").json()
        assert "menteri" in ((record["title"] or "") + record["text"]).lower()
    outlet = found[0]["outlet"]
    same = client.get("/api/articles", params={"outlet": outlet.upper(), "size": 1000}).json()["items"]
    assert same and {a["outlet"] for a in same} == {outlet}
    recent = client.get("/api/articles?since=2025&size=1000").json()["items"]
    assert recent and all(a["published_date"] >= "2025" for a in recent)


def test_article_record_has_the_export_fields_and_true_offsets(client: TestClient) -> None:
    items = client.get("/api/articles?size=1000").json()["items"]
    rich = max(items, key=lambda a: a["events"] + a["quotes"])
    record = client.get(f"/api/articles/{rich['id']}").json()
    for name in ("source", "id", "title", "outlet", "authors", "dateline", "published", "language", "text",
                 "lines", "entities", "quotes", "events"):
        assert name in record
    text = record["text"]
    for event in record["events"]:
        assert text[event["start"]:event["end"]] == event["sentence"]
    for quote in record["quotes"]:
        assert quote["text"] in text[quote["start"] - 1:quote["end"] + 1]
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
    assert all({"n", "label", "text"} <= set(line) for line in record["lines"])


def test_one_event_comes_with_the_paragraph_around_its_sentence(client: TestClient) -> None:
    first = client.get("/api/events?size=1").json()["items"][0]
    event = client.get(f"/api/events/{first['id']}").json()
    context = event["context"]
    assert context["text"][context["start"]:context["end"]] == event["sentence"]


def test_records_have_mentions_and_stories_their_articles(client: TestClient) -> None:
    records = client.get("/api/records?size=1000").json()["items"]
    told_twice = next(r for r in records if r["num_mentions"] >= 2)
    detail = client.get(f"/api/records/{told_twice['id']}").json()
    assert len(detail["mentions"]) == told_twice["num_mentions"]
    assert all(m["type"] == told_twice["type"] for m in detail["mentions"])
    story = client.get("/api/stories?size=1").json()["items"][0]
    detail = client.get(f"/api/stories/{story['id']}").json()
    assert len(detail["articles"]) == story["n_articles"]
    listed = client.get(f"/api/articles?story={story['id']}").json()["items"]
    assert {a["id"] for a in listed} == {a["id"] for a in detail["articles"]}


def test_dyad_series_counts_match_the_records_between_the_pair(client: TestClient) -> None:
    series = client.get("/api/dyads?a=CHN&b=USA&by=month").json()
    assert series["counted"] in ("records", "events")
    periods = series["items"]
    assert periods and all(sum(p["by_quad"].values()) <= p["records"] for p in periods)
    listed = client.get(f"/api/{series['counted']}?actor=CHN&partner=USA&status=reported&size=1000").json()["items"]
    assert sum(p["records"] for p in periods) == len(listed)
    weekly = client.get("/api/dyads?a=USA&b=CHN&by=week&directed=false").json()["items"]
    assert sum(p["records"] for p in weekly) == len(listed)
    directed = client.get("/api/dyads?a=USA&b=CHN&directed=true").json()["items"]
    assert sum(p["records"] for p in directed) < len(listed)


def test_actor_pages_for_a_state_and_a_person(client: TestClient) -> None:
    china = client.get("/api/actors/CHN").json()
    assert china["name"] == "China" and china["events"]["n"] > 0
    assert china["partners"] and all(p["code"] != "CHN" for p in china["partners"])
    assert sum(t["as_source"] for t in china["by_type"]) == china["events"]["as_source"]
    person = next(p for p in china["people"] if p["kb_id"])
    detail = client.get(f"/api/actors/{person['kb_id']}").json()
    assert detail["name"] == person["name"] and detail["roles"]
    found = client.get("/api/actors?q=chin").json()["items"]
    assert "CHN" in [a["code"] for a in found]


def test_quotes_and_entities_filters(client: TestClient) -> None:
    quotes = client.get("/api/quotes?size=1000").json()["items"]
    speaker = next(q["speaker"] for q in quotes if q["speaker"])
    by_speaker = client.get("/api/quotes", params={"speaker": speaker.split()[-1]}).json()["items"]
    assert by_speaker and all(speaker.split()[-1].lower() in (q["speaker"] or "").lower() for q in by_speaker)
    people = client.get("/api/entities?type=PER&size=1000").json()["items"]
    assert people and {e["type"] for e in people} == {"PER"}
    assert all(e["mentions"] >= e["articles"] >= 1 for e in people)


def test_overview_counts_agree_with_the_store(client: TestClient, store) -> None:
    overview = client.get("/api/overview").json()
    assert overview["counts"]["articles"] == table_count(store, "SELECT count(*) FROM articles")
    assert overview["counts"]["events"] == table_count(store, "SELECT count(*) FROM events")
    assert overview["dates"]["first"] <= overview["dates"]["last"]
    assert overview["dyads"] and overview["actors"]


def test_csv_has_a_header_and_one_row_per_item(client: TestClient) -> None:
    response = client.get("/api/events?format=csv&size=5&actor=IDN")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    as_json = client.get("/api/events?size=5&actor=IDN").json()
    assert [r["id"] for r in rows] == [e["id"] for e in as_json["items"]]
    assert 'rel="next"' in response.headers["link"] and as_json["next"] in response.headers["link"]
    articles = list(csv.DictReader(io.StringIO(client.get("/api/articles?format=csv&size=3").text)))
    assert len(articles) == 3 and "authors" in articles[0]


@pytest.mark.parametrize(("url", "parameter"), [
    ("/api/events?since=2024-13-01", "since"),
    ("/api/events?until=kemarin", "until"),
    ("/api/events?type=HUG", "type"),
    ("/api/events?status=maybe", "status"),
    ("/api/events?quad=5", "quad"),
    ("/api/events?actor=R*S", "actor"),
    ("/api/articles?size=0", "size"),
    ("/api/articles?size=1001", "size"),
    ("/api/articles?size=many", "size"),
    ("/api/articles?next=not-a-token", "next"),
    ("/api/quotes?format=xml", "format"),
    ("/api/dyads?a=CHN", "b"),
    ("/api/dyads?a=CHN&b=USA&by=decade", "by"),
    ("/api/entities?type=THING", "type"),
])
def test_bad_values_answer_400_naming_the_parameter(client: TestClient, url: str, parameter: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["parameter"] == parameter and parameter in body["error"]


@pytest.mark.parametrize("url", ["/api/articles/0000000000000000", "/api/events/0000000000000000:3",
                                 "/api/events/garbage", "/api/records/r-none", "/api/stories/s-none",
                                 "/api/actors/XYZ", "/api/actors/person:nobody-at-all", "/api/nothing-here"])
def test_unknown_ids_answer_404_as_json(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_a_store_made_before_the_cross_article_layer_still_serves(store_copy) -> None:
    """No records, stories or their columns: empty lists, and the relation series counted from events."""
    with duckdb.connect(str(store_copy)) as con:
        con.execute("DROP TABLE records")
        con.execute("DROP TABLE stories")
        con.execute("ALTER TABLE articles DROP COLUMN story")
        con.execute("ALTER TABLE articles DROP COLUMN copy_of")
        con.execute("ALTER TABLE events DROP COLUMN record")
    from sorot.api import ServeOptions, create_app

    with TestClient(create_app(ServeOptions(db=store_copy))) as old:
        assert old.get("/api/records").json() == {"items": [], "next": None}
        assert old.get("/api/stories").json() == {"items": [], "next": None}
        assert old.get("/api/records/r1").status_code == 404
        series = old.get("/api/dyads?a=CHN&b=USA").json()
        assert series["counted"] == "events"
        reported = old.get("/api/events?actor=CHN&partner=USA&status=reported&size=1000").json()["items"]
        assert sum(p["records"] for p in series["items"]) == len(reported) > 0
        for page in ("/", "/records", "/stories", "/relations?a=CHN&b=USA", "/events"):
            assert old.get(page, headers={"accept": "text/html"}).status_code == 200, page
