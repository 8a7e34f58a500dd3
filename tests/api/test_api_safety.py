"""The server is read-only, bounded and self-contained: no writes, time and row limits, opt-in SQL without file
access, CORS off by default, local docs assets, and a snapshot that neither blocks nor is blocked by a writer."""

from __future__ import annotations

import hashlib
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from sorot.api import ServeOptions, create_app
from sorot.api.database import Database, Limits, QueryTimeout

SLOW_SQL = "SELECT count(*) FROM range(100000000000) a"   # minutes of work


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_methods_are_refused_and_nothing_changes(client: TestClient, store: Path, method: str) -> None:
    before = file_digest(store)
    article = client.get("/api/articles?size=1").json()["items"][0]["id"]
    for url in ("/api/articles", f"/api/articles/{article}", "/api/events", "/"):
        response = getattr(client, method)(url)
        assert response.status_code == 405, url
    assert file_digest(store) == before
    assert client.get(f"/api/articles/{article}").status_code == 200


def test_sql_is_off_unless_asked_for(client: TestClient) -> None:
    assert client.get("/api/sql", params={"sql": "SELECT 1"}).status_code == 404
    assert "/api/sql" not in client.get("/openapi.json").json()["paths"]


@pytest.fixture(scope="module")
def sql_store(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example store served with SQL on, shared by this module's SQL tests: none of them may
    change it (each checks its bytes), so a test that did would fail itself."""
    target = tmp_path_factory.mktemp("sql") / "copy.duckdb"
    shutil.copyfile(store, target)
    return target


@pytest.fixture(scope="module")
def sql_client(sql_store: Path) -> Iterator[TestClient]:
    options = ServeOptions(db=sql_store, sql=True, timeout_s=0.5, max_rows=50)
    with TestClient(create_app(options)) as test_client:
        yield test_client


def test_sql_reads_the_store_with_a_row_limit(sql_client: TestClient) -> None:
    body = sql_client.get("/api/sql", params={"sql": "SELECT id, title FROM articles ORDER BY id"}).json()
    assert body["columns"] == ["id", "title"] and len(body["items"]) == 50 and body["truncated"] is True
    small = sql_client.get("/api/sql", params={"sql": "SELECT count(*) AS n FROM events"}).json()
    assert small["truncated"] is False and small["items"][0]["n"] > 0


@pytest.mark.parametrize("statement", [
    "CREATE TABLE notes (x INTEGER)",
    "DELETE FROM articles",
    "UPDATE articles SET title = 'x'",
    "SELECT * FROM read_csv('/etc/hostname')",
    "COPY articles TO 'stolen.csv'",
    "ATTACH 'another.duckdb' AS other",
    "INSTALL httpfs",
    "SET enable_external_access = true",
])
def test_sql_cannot_write_touch_files_or_load_extensions(sql_client: TestClient, sql_store: Path,
                                                          statement: str) -> None:
    before = file_digest(sql_store)
    response = sql_client.get("/api/sql", params={"sql": statement})
    assert response.status_code == 400 and response.json()["parameter"] == "sql"
    assert file_digest(sql_store) == before
    assert not (Path.cwd() / "stolen.csv").exists()


def test_a_slow_query_is_stopped_at_the_time_limit(sql_client: TestClient) -> None:
    started = time.monotonic()
    response = sql_client.get("/api/sql", params={"sql": SLOW_SQL})
    assert response.status_code == 504 and "time limit" in response.json()["error"]
    assert time.monotonic() - started < 10
    assert sql_client.get("/api/articles?size=1").status_code == 200   # the server still answers


def test_the_time_limit_covers_every_query(store: Path) -> None:
    database = Database(store, Limits(timeout_s=0.3))
    try:
        with pytest.raises(QueryTimeout):
            database.query(SLOW_SQL)
        assert database.one("SELECT count(*) AS n FROM articles")["n"] > 0
    finally:
        database.close()


def test_cors_only_with_the_option(store: Path, client: TestClient) -> None:
    origin = {"Origin": "http://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/api/articles?size=1", headers=origin).headers
    with TestClient(create_app(ServeOptions(db=store, cors=True))) as open_client:
        headers = open_client.get("/api/articles?size=1", headers=origin).headers
        assert headers["access-control-allow-origin"] == "*"


def test_openapi_lists_the_endpoints_and_docs_load_only_local_assets(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/records",
                 "/api/records/{record_id}", "/api/stories", "/api/stories/{story_id}", "/api/dyads",
                 "/api/actors", "/api/actors/{code}", "/api/quotes", "/api/entities"):
        assert "get" in paths[path] and set(paths[path]) == {"get"}
    docs = client.get("/docs").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs)
    assert assets and all(url.startswith("/") for url in assets)
    assert not re.search(r"https?://", docs)
    for url in assets:
        assert client.get(url).status_code == 200, url


def test_pages_forbid_other_hosts(client: TestClient) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy


def test_a_writer_is_not_blocked_and_its_commits_appear(store_copy: Path) -> None:
    database = Database(store_copy, settle_s=0.0, check_every_s=0.0)
    try:
        before = database.one("SELECT count(*) AS n FROM articles")["n"]
        writer = duckdb.connect(str(store_copy))        # the server holds no lock on the live file
        writer.execute("INSERT INTO articles (id, source, title, text) VALUES ('feedfacefeedface', 'new.txt', "
                       "'Judul baru', 'Menteri bertemu duta besar di Jakarta.')")
        assert database.one("SELECT count(*) AS n FROM articles")["n"] in (before, before + 1)  # still answers
        writer.close()
        database.refresh(force=True)
        assert database.one("SELECT count(*) AS n FROM articles")["n"] == before + 1
        assert database.one("SELECT title FROM articles WHERE id = 'feedfacefeedface'")["title"] == "Judul baru"
    finally:
        database.close()


def test_a_log_folded_away_during_the_copy_is_copied_again_later(store_copy: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer's checkpoint may remove the log between the server's look at the files and its copy of them:
    that copy is dropped, the server goes on with the snapshot it has, and the next look copies again."""
    from sorot.api import database as database_module

    database = Database(store_copy, settle_s=0.0, check_every_s=3600.0)
    try:
        before = database.one("SELECT count(*) AS n FROM articles")["n"]
        with duckdb.connect(str(store_copy)) as writer:
            writer.execute("DELETE FROM articles WHERE id IN (SELECT id FROM articles LIMIT 1)")
        copy_file = shutil.copyfile

        def log_gone(source: str | Path, target: str | Path) -> object:
            raise FileNotFoundError(2, "No such file or directory", str(source))

        monkeypatch.setattr(database_module.shutil, "copyfile", log_gone)
        assert database.refresh(force=True) is False
        assert database.one("SELECT count(*) AS n FROM articles")["n"] == before
        monkeypatch.setattr(database_module.shutil, "copyfile", copy_file)
        assert database.refresh(force=True) is True
        assert database.one("SELECT count(*) AS n FROM articles")["n"] == before - 1
    finally:
        database.close()


def test_a_changing_file_is_copied_only_once_it_settles(store_copy: Path) -> None:
    # only the forced refreshes look at the file: a query with check_every_s=0 would start a refresh in the
    # background, which could take the settled copy before the forced one that the test asserts on
    database = Database(store_copy, settle_s=60.0, check_every_s=3600.0)
    try:
        before = database.one("SELECT count(*) AS n FROM articles")["n"]
        with duckdb.connect(str(store_copy)) as writer:
            writer.execute("DELETE FROM articles WHERE id IN (SELECT id FROM articles LIMIT 1)")
        assert database.refresh(force=True) is False      # changed a moment ago: maybe a run between batches
        assert database.one("SELECT count(*) AS n FROM articles")["n"] == before
        database.settle_s = 0.0
        assert database.refresh(force=True) is True
        assert database.one("SELECT count(*) AS n FROM articles")["n"] == before - 1
    finally:
        database.close()


def test_an_unreadable_store_answers_503(tmp_path: Path) -> None:
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"this is not a database" * 100)
    with TestClient(create_app(ServeOptions(db=broken))) as broken_client:
        response = broken_client.get("/api/articles")
        assert response.status_code == 503 and "could not be opened" in response.json()["error"]


def test_snapshots_are_removed_when_the_server_stops(store: Path) -> None:
    app = create_app(ServeOptions(db=store))
    with TestClient(app) as test_client:
        assert test_client.get("/api/articles?size=1").status_code == 200
        folder = app.state.db._root
        assert any(folder.iterdir())
    assert not folder.exists()


def test_the_server_picks_up_a_finished_run_in_the_background(store_copy: Path) -> None:
    with TestClient(create_app(ServeOptions(db=store_copy))) as test_client:
        before = test_client.get("/api/overview").json()["counts"]["articles"]
        with duckdb.connect(str(store_copy)) as writer:
            writer.execute("DELETE FROM articles WHERE id IN (SELECT id FROM articles ORDER BY id LIMIT 2)")
        deadline = time.monotonic() + 20
        seen = before
        while seen == before and time.monotonic() < deadline:
            time.sleep(0.3)
            seen = test_client.get("/api/overview").json()["counts"]["articles"]
        assert seen == before - 2
        listed = test_client.get("/api/articles?size=1000").json()["items"]
        assert len(listed) == before - 2
