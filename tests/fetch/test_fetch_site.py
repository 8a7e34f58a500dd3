"""sorot fetch against the local news site: what is asked, in what order and at what pace, what is archived,
stored and rejected, and what a second run does."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from tests.fetch.conftest import SERIAL, build_site, path_of, run_fetch
from tests.fetch.site import SERIAL_PAGES, Site
from warcio.archiveiterator import ArchiveIterator

from sorot.fetch.crawl import FetchReport
from sorot.fetch.politeness import FakeClock

STORED = [path_of("menlu-bertemu-mitra-malaysia"), path_of("indonesia-kirim-bantuan-ke-gaza"), SERIAL,
          path_of("jepang-dan-indonesia-teken-kerja-sama-energi"), path_of("asean-bahas-krisis-myanmar"),
          path_of("australia-kecam-uji-rudal"), "/berita/2023/01/10/berita-lama-dari-tahun-lalu"]


@dataclass
class FeedRun:
    site: Site
    report: FetchReport
    clock: FakeClock
    folder: Path

    @property
    def db(self) -> Path:
        return self.folder / "fetch.duckdb"

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.db), read_only=True) as con:
            return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def feed_run(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    site = build_site(Site().start())
    folder = tmp_path_factory.mktemp("feed")
    clock = FakeClock()
    report = run_fetch(folder, clock, feeds=[site.url("/rss.xml")], warc=folder / "warc")
    yield FeedRun(site, report, clock, folder)
    site.stop()


def test_requests_come_in_feed_order_after_robots_and_the_feed(feed_run: FeedRun) -> None:
    paths = feed_run.site.paths()
    assert paths[:2] == ["/robots.txt", "/rss.xml"]
    firsts = list(dict.fromkeys(p for p in paths[2:]))
    assert firsts == [
        path_of("menlu-bertemu-mitra-malaysia"), path_of("indonesia-kirim-bantuan-ke-gaza"),
        SERIAL, f"{SERIAL}?page=2", f"{SERIAL}?page=3", "/berita/2024/05/16/halaman-yang-sudah-dihapus",
        path_of("jepang-dan-indonesia-teken-kerja-sama-energi"), "/lama/asean-bahas-krisis-myanmar-2024",
        path_of("asean-bahas-krisis-myanmar"), "/berita/2024/05/18/laporan-lambat-dari-perbatasan",
        path_of("australia-kecam-uji-rudal"), "/berita/2024/05/18/dokumen-sangat-besar-sekali",
        "/berita/2024/05/18/laporan-tahunan-dalam-pdf", "/berita/2023/01/10/berita-lama-dari-tahun-lalu"]


def test_disallowed_other_site_and_listing_urls_are_never_asked(feed_run: FeedRun) -> None:
    paths = feed_run.site.paths()
    assert not any(p.startswith(("/rahasia/", "/tag/", "/amp/")) for p in paths)
    assert not any("utm_" in p or "situs-lain" in p for p in paths)
    assert "/berita/2024/05/20/artikel-lain-yang-tidak-terkait" not in paths   # "Artikel Selanjutnya"


def test_every_request_waits_for_the_crawl_delay_and_retries_back_off(feed_run: FeedRun) -> None:
    times = [request.at for request in feed_run.report.requests]
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert len(times) == len(feed_run.site.hits)
    assert min(gaps) >= 2.0                          # robots.txt's Crawl-delay: 2 beats our delay of 1 s
    statuses = [(r.url.rsplit("/", 1)[-1], r.status) for r in feed_run.report.requests]
    retry_after = statuses.index(("australia-kecam-uji-rudal", 429))
    assert gaps[retry_after] >= 5.0                  # Retry-After: 5
    assert 5.0 in feed_run.clock.sleeps
    assert statuses.count(("jepang-dan-indonesia-teken-kerja-sama-energi", 500)) == 1
    assert statuses.count(("jepang-dan-indonesia-teken-kerja-sama-energi", 200)) == 1
    assert statuses.count(("laporan-lambat-dari-perbatasan", None)) == 2   # a timeout, retried once


def test_user_agent_names_sorot_and_its_version(feed_run: FeedRun) -> None:
    from sorot import __version__

    agents = {hit.headers.get("User-Agent") for hit in feed_run.site.hits}
    assert len(agents) == 1 and agents.pop().startswith(f"sorot/{__version__} ")


def test_articles_are_stored_with_how_they_were_fetched(feed_run: FeedRun) -> None:
    base = feed_run.site.base
    assert sorted(row[0] for row in feed_run.query("SELECT url FROM articles")) == sorted(base + p for p in STORED)
    rows = {row[0]: row[1:] for row in feed_run.query(
        "SELECT f.url, f.final_url, f.status, f.content_type, f.fetched_at IS NOT NULL, f.pages, a.id "
        "FROM fetches f LEFT JOIN articles a ON a.id = f.article_id")}
    moved = rows[base + "/lama/asean-bahas-krisis-myanmar-2024"]
    assert moved[0] == base + path_of("asean-bahas-krisis-myanmar") and moved[1] == 200
    assert moved[2].startswith("text/html") and moved[3] and moved[5] is not None
    assert rows[base + SERIAL][4] == 3
    counts = feed_run.report.counts
    assert (counts.stored, feed_run.report.attempted, feed_run.report.discovered) == (7, 12, 12)


def test_failures_are_rejected_with_their_reason(feed_run: FeedRun) -> None:
    base = feed_run.site.base
    rejected = dict(feed_run.query("SELECT location, reason FROM rejected"))
    assert rejected == {
        base + "/rahasia/2024/05/16/dokumen-internal-kementerian": "robots.txt",
        base + "/berita/2024/05/16/halaman-yang-sudah-dihapus": "HTTP 404",
        base + "/berita/2024/05/18/laporan-lambat-dari-perbatasan": "timeout",
        base + "/berita/2024/05/18/dokumen-sangat-besar-sekali": "too large",
        base + "/berita/2024/05/18/laporan-tahunan-dalam-pdf": "not HTML",
    }


def test_the_pages_of_a_split_article_are_joined_once_in_order(feed_run: FeedRun) -> None:
    [(text,)] = feed_run.query(f"SELECT text FROM articles WHERE url = '{feed_run.site.base + SERIAL}'")
    positions = [text.find(page[-1]) for page in SERIAL_PAGES]    # (the first line loses its dateline)
    assert -1 not in positions and positions == sorted(positions)
    assert all(text.count(page[-1]) == 1 for page in SERIAL_PAGES)


def _records(folder: Path) -> list[dict]:
    records = []
    for path in sorted(folder.glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                records.append({"type": record.rec_type, "url": record.rec_headers.get_header("WARC-Target-URI"),
                                "status": record.http_headers.get_statuscode() if record.http_headers else None,
                                "truncated": record.rec_headers.get_header("WARC-Truncated"),
                                "part_of": record.rec_headers.get_header("Sorot-Part-Of"),
                                "id": record.rec_headers.get_header("WARC-Record-ID"),
                                "refers_to": record.rec_headers.get_header("WARC-Refers-To"),
                                "concurrent": record.rec_headers.get_header("WARC-Concurrent-To")})
    return records


def test_the_warc_holds_every_response_with_its_request(feed_run: FeedRun) -> None:
    records = _records(feed_run.folder / "warc")
    responses = [r for r in records if r["type"] == "response"]
    requests = [r for r in records if r["type"] == "request"]
    assert records[0]["type"] == "warcinfo"
    answered = [h for h in feed_run.report.requests if h.status is not None]    # timeouts have no response
    assert len(responses) == len(answered) == len(requests)
    assert {r["concurrent"] for r in requests} == {r["id"] for r in responses}
    base = feed_run.site.base
    statuses = {(r["url"].removeprefix(base), r["status"]) for r in responses}
    assert {("/robots.txt", "200"), ("/rss.xml", "200"), ("/berita/2024/05/16/halaman-yang-sudah-dihapus", "404"),
            ("/lama/asean-bahas-krisis-myanmar-2024", "301"),
            (path_of("jepang-dan-indonesia-teken-kerja-sama-energi"), "500")} <= statuses
    huge = [r for r in responses if r["url"].endswith("dokumen-sangat-besar-sekali")]
    assert [r["truncated"] for r in huge] == ["length"]
    [joined] = [r for r in records if r["type"] == "conversion"]
    parts = [r for r in responses if r["part_of"]]
    assert joined["url"] == base + SERIAL and {r["part_of"] for r in parts} == {joined["id"]}
    assert [r["url"].removeprefix(base) for r in parts] == [SERIAL, f"{SERIAL}?page=2", f"{SERIAL}?page=3"]
    assert joined["refers_to"] == parts[0]["id"]


def test_a_second_run_fetches_no_article_again(feed_run: FeedRun, tmp_path: Path) -> None:
    shutil.copy(feed_run.db, tmp_path / "fetch.duckdb")
    start = len(feed_run.site.hits)
    report = run_fetch(tmp_path, feeds=[feed_run.site.url("/rss.xml")])
    asked = [hit.path for hit in feed_run.site.hits[start:]]
    assert asked[:2] == ["/robots.txt", "/rss.xml"]
    assert not set(asked) & set(STORED)
    assert report.counts.stored == 0 and report.known == 7 and report.counts.unchanged == 7
    assert report.attempted == 5                       # the five failures are tried again


def test_refetch_asks_conditionally_and_304_changes_nothing(feed_run: FeedRun, tmp_path: Path) -> None:
    shutil.copy(feed_run.db, tmp_path / "fetch.duckdb")
    start = len(feed_run.site.hits)
    report = run_fetch(tmp_path, feeds=[feed_run.site.url("/rss.xml")], refetch=True)
    hits = {hit.path: hit for hit in feed_run.site.hits[start:]}
    menlu = hits[path_of("menlu-bertemu-mitra-malaysia")]
    assert menlu.headers.get("If-None-Match") == '"menlu-bertem-v1"'
    assert report.not_modified == 6 and report.counts.stored == 0 and report.counts.updated == 0
    assert "/berita/2023/01/10/berita-lama-dari-tahun-lalu" in hits   # no ETag: fetched whole, unchanged
    assert report.counts.unchanged == 7
