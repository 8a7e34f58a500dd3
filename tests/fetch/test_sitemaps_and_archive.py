"""Sitemaps (an index of two, Google News dates), --since and --max, several hosts at once, WARC rotation,
and the promise of the archive: `sorot run` on the WARC files gives the store the fetch gave."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from tests.fetch.conftest import SERIAL, build_site, fast_settings, path_of, run_fetch
from tests.fetch.site import InFlight, Route, Site, article_page

from sorot.fetch.crawl import FetchProgress
from sorot.fetch.politeness import SystemClock
from sorot.runner import run_paths

NEWS_2024 = [path_of("menlu-bertemu-mitra-malaysia"), path_of("indonesia-kirim-bantuan-ke-gaza"),
             path_of("jepang-dan-indonesia-teken-kerja-sama-energi")]
OLD = "/berita/2023/01/10/berita-lama-dari-tahun-lalu"


def test_a_sitemap_index_leads_to_both_sitemaps_and_their_articles(site: Site, tmp_path: Path) -> None:
    report = run_fetch(tmp_path, sitemaps=[site.url("/sitemap_index.xml")])
    paths = site.paths()
    assert paths[:4] == ["/robots.txt", "/sitemap_index.xml", "/sitemaps/berita-2024-05.xml",
                         "/sitemaps/berita-2023-01.xml"]
    assert list(dict.fromkeys(p for p in paths[4:] if p in NEWS_2024 + [OLD])) == NEWS_2024 + [OLD]
    assert report.counts.stored == 4


def test_a_site_is_read_through_the_sitemaps_its_robots_txt_names(site: Site, tmp_path: Path) -> None:
    report = run_fetch(tmp_path, sites=[site.url("/")])
    assert site.paths()[:3] == ["/robots.txt", "/sitemap_index.xml", "/sitemaps/berita-2024-05.xml"]
    assert report.counts.stored == 4


def test_feeds_and_sitemaps_that_fail_are_rejected_with_the_reason(site: Site, tmp_path: Path) -> None:
    site.routes["/bukan-feed.xml"] = Route(b"<html><body><p>Ini halaman biasa.</p></body></html>")
    report = run_fetch(tmp_path, feeds=[site.url("/feed-hilang.xml"), site.url("/bukan-feed.xml")],
                       sitemaps=[site.url("/bukan-feed.xml"), site.url("/rahasia/sitemap.xml")])
    reasons = {r.location.removeprefix(site.base): r.reason for r in report.counts.rejected}
    assert reasons == {"/feed-hilang.xml": "feed: HTTP 404", "/bukan-feed.xml": "sitemap: no entries",
                       "/rahasia/sitemap.xml": "sitemap: robots.txt"}
    assert [r.reason for r in report.counts.rejected].count("feed: not a feed") == 1


def test_since_skips_old_entries_and_old_sitemaps(site: Site, tmp_path: Path) -> None:
    report = run_fetch(tmp_path, sitemaps=[site.url("/sitemap_index.xml")], since="2024-05-15")
    paths = site.paths()
    assert "/sitemaps/berita-2023-01.xml" not in paths           # its lastmod is older than --since
    assert path_of("menlu-bertemu-mitra-malaysia") not in paths  # published on the 14th
    assert report.counts.stored == 2


def test_since_applies_to_feed_dates_in_indonesian_time(site: Site, tmp_path: Path) -> None:
    late, early = path_of("menlu-bertemu-mitra-malaysia"), path_of("indonesia-kirim-bantuan-ke-gaza")
    site.routes["/rss-malam.xml"] = Route(
        ('<?xml version="1.0"?><rss version="2.0"><channel><title>Malam</title>'
         f"<item><link>{late}</link><pubDate>Fri, 17 May 2024 18:30:00 +0000</pubDate></item>"     # 01:30 WIB, 18th
         f"<item><link>{early}</link><pubDate>Fri, 17 May 2024 16:30:00 +0000</pubDate></item>"    # 23:30 WIB, 17th
         "</channel></rss>").encode(), "application/rss+xml")
    report = run_fetch(tmp_path, feeds=[site.url("/rss-malam.xml")], since="2024-05-18")
    assert [p for p in site.paths() if p.startswith("/berita/")] == [late] and report.counts.stored == 1


def test_since_and_max_together_keep_feed_order(site: Site, tmp_path: Path) -> None:
    run_fetch(tmp_path, feeds=[site.url("/rss.xml")], since="2024-05-18", max_articles=2)
    asked = list(dict.fromkeys(p.split("?")[0] for p in site.paths() if p.startswith("/berita/")))
    assert asked == [SERIAL, "/berita/2024/05/18/laporan-lambat-dari-perbatasan"]


def test_max_limits_the_articles_asked_for(site: Site, tmp_path: Path) -> None:
    report = run_fetch(tmp_path, urls=[site.url(p) for p in NEWS_2024 + [OLD]], max_articles=2)
    assert report.attempted == 2 and report.counts.stored == 2
    assert [p for p in site.paths() if p.startswith("/berita/")] == NEWS_2024[:2]


def test_urls_from_a_file_with_comments_and_variants(site: Site, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("# berita hari ini\n" + site.url(NEWS_2024[0]) + "\n\n"
                       + site.url(NEWS_2024[0]) + "?utm_campaign=pagi#komentar\n"
                       + "bukan-alamat-web\n", encoding="utf-8")
    report = run_fetch(tmp_path, url_files=[listing])
    assert report.counts.stored == 1 and [p for p in site.paths() if p.startswith("/berita/")] == NEWS_2024[:1]
    assert [r.reason for r in report.counts.rejected] == ["not an http(s) URL"]


def test_hosts_are_fetched_concurrently_up_to_the_limit(tmp_path: Path) -> None:
    everywhere = InFlight()
    sites = [Site(everywhere).start() for _ in range(3)]
    try:
        for number, site in enumerate(sites):
            site.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", "text/plain")
            for page in range(3):
                site.routes[f"/berita/2024/06/0{page + 1}/kabar-dari-situs-{number}-nomor-{page}"] = Route(
                    article_page(f"Kabar {number}", "2024-06-01T10:00:00+07:00", "Tim Redaksi",
                                 [f"Situs nomor {number} menulis kabar ke-{page} tentang perundingan dagang."]),
                    wait=0.15)
        urls = [site.url(path) for site in sites for path in site.routes if path.startswith("/berita/")]
        report = run_fetch(tmp_path, SystemClock(), urls=urls, concurrency=2, settings=fast_settings(delay=0.0))
    finally:
        for site in sites:
            site.stop()
    assert report.counts.stored == 9 and report.hosts == 3
    assert max(site.max_in_flight for site in sites) == 1        # one request at a time per host
    assert everywhere.most == 2                                   # two hosts at once, never three


def test_warc_files_rotate_by_size(site: Site, tmp_path: Path) -> None:
    report = run_fetch(tmp_path, urls=[site.url(p) for p in NEWS_2024], warc=tmp_path / "warc",
                       warc_max_bytes=1500)
    assert len(report.warc_files) >= 3
    assert sorted(tmp_path.joinpath("warc").glob("*.warc.gz")) == sorted(report.warc_files)


def _articles(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT id, url, source, title, published, text, language FROM articles "
                           "ORDER BY id").fetchall()


def test_running_the_archive_gives_the_same_store(tmp_path: Path) -> None:
    site = build_site(Site().start())
    try:
        fetched = run_fetch(tmp_path, feeds=[site.url("/rss.xml")], warc=tmp_path / "warc", stages=None)
    finally:
        site.stop()                                 # the archive is read with no server running
    replayed = run_paths(fetched.warc_files, db=tmp_path / "replay.duckdb")
    assert replayed.stored == fetched.counts.stored == 7
    assert replayed.rejected == []
    original = _articles(tmp_path / "fetch.duckdb")
    assert original == _articles(tmp_path / "replay.duckdb")
    assert all(row[3] for row in original)          # the full pipeline ran: titles are there


def test_compressed_and_chunked_responses_replay_from_the_archive(tmp_path: Path) -> None:
    import gzip

    site = Site().start()
    page = article_page("Kabar terkompresi", "2024-06-05T10:00:00+07:00", "Tim Redaksi",
                        ["SEOUL - Korea Selatan dan Indonesia memperluas kerja sama industri pertahanan.",
                         "Kedua negara juga menyepakati latihan bersama di Laut Jawa tahun depan."])
    site.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", "text/plain")
    site.routes["/dunia/2024/06/05/kabar-yang-dikirim-terkompresi"] = Route(
        gzip.compress(page), headers={"Content-Encoding": "gzip"}, chunked=True)
    site.routes["/dunia/2024/06/05/kabar-yang-dikirim-sepotong-sepotong"] = Route(page.replace(
        b"Kabar terkompresi", b"Kabar sepotong"), chunked=True)
    try:
        fetched = run_fetch(tmp_path, urls=[site.url(p) for p in site.routes if p.startswith("/dunia/")],
                            warc=tmp_path / "warc")
    finally:
        site.stop()
    assert fetched.counts.stored == 2
    replayed = run_paths(fetched.warc_files, db=tmp_path / "replay.duckdb", stages="")
    assert replayed.stored == 2 and replayed.rejected == []
    original = _articles(tmp_path / "fetch.duckdb")
    assert original == _articles(tmp_path / "replay.duckdb")
    assert all("Laut Jawa" in row[5] for row in original)


def test_an_interrupted_fetch_keeps_what_it_stored_and_goes_on_next_time(site: Site, tmp_path: Path) -> None:
    def interrupt_after_two(state: FetchProgress) -> None:
        if state.done == 2:
            raise KeyboardInterrupt

    urls = [site.url(p) for p in NEWS_2024 + [path_of("asean-bahas-krisis-myanmar"), OLD]]
    with pytest.raises(KeyboardInterrupt):
        run_fetch(tmp_path, urls=urls, concurrency=1, progress=interrupt_after_two)
    with duckdb.connect(str(tmp_path / "fetch.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    again = run_fetch(tmp_path, urls=urls)
    assert again.known == 2 and again.counts.stored == 3


def test_a_missing_continuation_page_leaves_the_pages_before_it(site: Site, tmp_path: Path) -> None:
    del site.routes[f"{SERIAL}?page=3"]
    report = run_fetch(tmp_path, urls=[site.url(SERIAL)], warc=tmp_path / "warc")
    with duckdb.connect(str(tmp_path / "fetch.duckdb"), read_only=True) as con:
        pages, outcome = con.execute("SELECT pages, outcome FROM fetches").fetchone()
    assert report.counts.stored == 1 and pages == 2 and outcome == "stored (page 3 not joined: HTTP 404)"
    run_paths(report.warc_files, db=tmp_path / "replay.duckdb", stages="")
    assert _articles(tmp_path / "fetch.duckdb") == _articles(tmp_path / "replay.duckdb")


def test_archive_only_fetches_and_archives_and_sorot_run_stores_later(site: Site, tmp_path: Path) -> None:
    urls = [site.url(p) for p in NEWS_2024]
    report = run_fetch(tmp_path, urls=urls, warc=tmp_path / "warc", archive_only=True)
    with duckdb.connect(str(tmp_path / "fetch.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        assert {r[0] for r in con.execute("SELECT outcome FROM fetches").fetchall()} == {"archived"}
    again = run_fetch(tmp_path, urls=urls, warc=tmp_path / "warc", archive_only=True)
    assert again.known == 3 and again.attempted == 0
    stored = run_paths(report.warc_files, db=tmp_path / "later.duckdb", stages="")
    assert stored.stored == 3
    with pytest.raises(ValueError, match="WARC"):
        run_fetch(tmp_path, urls=urls, archive_only=True)


def test_the_page_limit_stops_following_a_split_article(site: Site, tmp_path: Path) -> None:
    run_fetch(tmp_path, urls=[site.url(SERIAL)], max_pages=2)
    assert f"{SERIAL}?page=3" not in site.paths() and f"{SERIAL}?page=2" in site.paths()
    with duckdb.connect(str(tmp_path / "fetch.duckdb"), read_only=True) as con:
        assert con.execute("SELECT pages FROM fetches").fetchone()[0] == 2


def test_a_huge_page_without_a_length_is_cut_while_it_streams(site: Site, tmp_path: Path) -> None:
    huge = site.routes["/berita/2024/05/18/dokumen-sangat-besar-sekali"]
    huge.chunked = True                                  # no Content-Length to refuse it up front
    report = run_fetch(tmp_path, urls=[site.url("/berita/2024/05/18/dokumen-sangat-besar-sekali")],
                       warc=tmp_path / "warc")
    assert [r.reason for r in report.counts.rejected] == ["too large"]
    from warcio.archiveiterator import ArchiveIterator

    with report.warc_files[0].open("rb") as stream:
        cut = [(r.rec_headers.get_header("WARC-Truncated"), len(r.content_stream().read()))
               for r in ArchiveIterator(stream)
               if r.rec_type == "response" and "besar" in r.rec_headers.get_header("WARC-Target-URI")]
    assert cut == [("length", 1024 * 1024)]                # the limit, not the 3.6 MB sent


def test_sitemaps_may_be_larger_than_pages_but_entities_are_not_expanded(site: Site, tmp_path: Path) -> None:
    urls = "".join(f"<url><loc>{site.url(f'/berita/2024/05/14/kabar-nomor-{n}-dari-jakarta')}</loc></url>"
                   for n in range(15_000))
    site.routes["/sitemap-besar.xml"] = Route(f"<urlset>{urls}</urlset>".encode(), "application/xml")
    assert len(site.routes["/sitemap-besar.xml"].body) > 1024 * 1024          # over the page limit of 1 MB
    bomb = ('<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            f"<urlset><url><loc>{site.url('/berita/2024/05/14/&b;-x')}</loc></url></urlset>")
    site.routes["/sitemap-bom.xml"] = Route(bomb.encode(), "application/xml")
    report = run_fetch(tmp_path, sitemaps=[site.url("/sitemap-besar.xml"), site.url("/sitemap-bom.xml")],
                       max_articles=0)
    assert report.discovered == 15_000 and report.counts.rejected[0].reason == "sitemap: no entries"
