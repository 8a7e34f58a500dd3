"""Fixtures: the local news site (tests/fetch/site.py) with feed, sitemaps, robots.txt and hard pages."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.fetch.site import ARTICLES, SERIAL_PAGES, SERIAL_TITLE, Route, Site, article_page, pager

from sorot.fetch.client import FetchSettings
from sorot.fetch.crawl import FetchReport, fetch
from sorot.fetch.politeness import FakeClock

DAY = {"menlu-bertemu-mitra-malaysia": "14", "indonesia-kirim-bantuan-ke-gaza": "15",
       "jepang-dan-indonesia-teken-kerja-sama-energi": "16", "asean-bahas-krisis-myanmar": "17",
       "australia-kecam-uji-rudal": "18"}
SERIAL = "/berita/2024/05/19/presiden-berkunjung-ke-tokyo"
ROBOTS = "User-agent: *\nDisallow: /rahasia/\nCrawl-delay: 2\n"


def path_of(slug: str) -> str:
    return f"/berita/2024/05/{DAY[slug]}/{slug}"


def _article(slug: str, etag: str | None = None) -> Route:
    title, paragraphs = ARTICLES[slug]
    return Route(article_page(title, f"2024-05-{DAY[slug]}T09:30:00+07:00", "Rina Kusuma", paragraphs),
                 etag=etag)


def _rss(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(f"<item><title>t</title><link>{link}</link><pubDate>{date}</pubDate></item>"
                      for link, date in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Warta Nusantara'
            f"</title><link>/</link>{entries}</channel></rss>").encode()


def build_site(site: Site) -> Site:
    r = site.routes
    r["/robots.txt"] = Route((ROBOTS + f"Sitemap: {site.url('/sitemap_index.xml')}\n").encode(), "text/plain")
    for slug in ARTICLES:
        r[path_of(slug)] = _article(slug, etag=f'"{slug[:12]}-v1"')
    r[path_of("jepang-dan-indonesia-teken-kerja-sama-energi")].fail_first = 1           # 500, then fine
    australia = r[path_of("australia-kecam-uji-rudal")]
    australia.fail_first, australia.fail_status, australia.fail_headers = 1, 429, {"Retry-After": "5"}
    asean = path_of("asean-bahas-krisis-myanmar")
    r["/lama/asean-bahas-krisis-myanmar-2024"] = Route(b"", status=301, headers={"Location": asean})
    for number, paragraphs in enumerate(SERIAL_PAGES, start=1):
        page = article_page(SERIAL_TITLE, "2024-05-19T08:00:00+07:00", "Dimas Pratama", paragraphs,
                            pager(SERIAL, number, len(SERIAL_PAGES)),
                            related='<a href="/berita/2024/05/20/artikel-lain-yang-tidak-terkait">'
                                    "Artikel Selanjutnya</a>")
        r[SERIAL if number == 1 else f"{SERIAL}?page={number}"] = Route(page, etag=f'"serial-{number}"')
    r["/berita/2024/05/18/laporan-lambat-dari-perbatasan"] = Route(
        article_page("Laporan lambat", "2024-05-18T10:00:00+07:00", "Rina Kusuma", ["Isi yang lambat."]),
        wait=2.0)
    r["/berita/2024/05/18/dokumen-sangat-besar-sekali"] = Route(
        article_page("Besar", "2024-05-18T10:00:00+07:00", "Rina Kusuma", ["Paragraf panjang. " * 200_000]))
    r["/berita/2024/05/18/laporan-tahunan-dalam-pdf"] = Route(b"%PDF-1.4 laporan", "application/pdf")
    r["/rss.xml"] = Route(_rss([
        (path_of("menlu-bertemu-mitra-malaysia") + "?utm_source=rss&utm_medium=feed", "Tue, 14 May 2024 09:30:00 +0700"),
        ("/amp" + path_of("indonesia-kirim-bantuan-ke-gaza"), "Wed, 15 May 2024 09:30:00 +0700"),
        (path_of("indonesia-kirim-bantuan-ke-gaza"), "Wed, 15 May 2024 09:30:00 +0700"),
        (SERIAL, "Sun, 19 May 2024 08:00:00 +0700"),
        ("/rahasia/2024/05/16/dokumen-internal-kementerian", "Thu, 16 May 2024 10:00:00 +0700"),
        ("/berita/2024/05/16/halaman-yang-sudah-dihapus", "Thu, 16 May 2024 10:00:00 +0700"),
        (path_of("jepang-dan-indonesia-teken-kerja-sama-energi"), "Thu, 16 May 2024 09:30:00 +0700"),
        ("/lama/asean-bahas-krisis-myanmar-2024", "Fri, 17 May 2024 09:30:00 +0700"),
        ("/berita/2024/05/18/laporan-lambat-dari-perbatasan", "Sat, 18 May 2024 10:00:00 +0700"),
        (path_of("australia-kecam-uji-rudal"), "Sat, 18 May 2024 09:30:00 +0700"),
        ("/berita/2024/05/18/dokumen-sangat-besar-sekali", "Sat, 18 May 2024 10:00:00 +0700"),
        ("/berita/2024/05/18/laporan-tahunan-dalam-pdf", "Sat, 18 May 2024 10:00:00 +0700"),
        ("/tag/diplomasi", "Sat, 18 May 2024 10:00:00 +0700"),
        ("http://example.com/berita/2024/05/18/situs-lain-sama-sekali", "Sat, 18 May 2024 10:00:00 +0700"),
        ("/berita/2023/01/10/berita-lama-dari-tahun-lalu", "Tue, 10 Jan 2023 10:00:00 +0700"),
    ]), "application/rss+xml")
    r["/berita/2023/01/10/berita-lama-dari-tahun-lalu"] = Route(article_page(
        "Berita lama", "2023-01-10T10:00:00+07:00", "Rina Kusuma",
        ["JAKARTA - Pemerintah meresmikan pelabuhan baru di Kalimantan Timur pada Selasa (10/1/2023)."]))
    news = "".join(f"<url><loc>{site.url(path_of(slug))}</loc><news:news><news:publication>"
                   f"<news:name>Warta Nusantara</news:name><news:language>id</news:language></news:publication>"
                   f"<news:publication_date>2024-05-{DAY[slug]}T09:30:00+07:00</news:publication_date>"
                   f"<news:title>t</news:title></news:news></url>"
                   for slug in ("menlu-bertemu-mitra-malaysia", "indonesia-kirim-bantuan-ke-gaza",
                                "jepang-dan-indonesia-teken-kerja-sama-energi"))
    r["/sitemaps/berita-2024-05.xml"] = Route(
        ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
         f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{news}</urlset>').encode(), "application/xml")
    r["/sitemaps/berita-2023-01.xml"] = Route(
        ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
         f"<url><loc>{site.url('/berita/2023/01/10/berita-lama-dari-tahun-lalu')}</loc>"
         "<lastmod>2023-01-10</lastmod></url></urlset>").encode(), "application/xml")
    r["/sitemap_index.xml"] = Route(
        ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
         f"<sitemap><loc>{site.url('/sitemaps/berita-2024-05.xml')}</loc><lastmod>2024-05-20</lastmod></sitemap>"
         f"<sitemap><loc>{site.url('/sitemaps/berita-2023-01.xml')}</loc><lastmod>2023-01-31</lastmod></sitemap>"
         "</sitemapindex>").encode(), "application/xml")
    return site


@pytest.fixture(autouse=True)
def only_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """No fetch test may reach outside 127.0.0.1: any other connection fails the test."""
    connect = socket.socket.connect

    def local_only(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"a test tried to reach {address!r}")
        connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", local_only)


@pytest.fixture
def site() -> Iterator[Site]:
    running = Site().start()
    build_site(running)
    yield running
    running.stop()


def fast_settings(**changes: object) -> FetchSettings:
    """Short timeouts (with room for a loaded machine) and one retry: the slow page costs about a second."""
    settings = FetchSettings(delay=1.0, timeout=0.6, total_timeout=5.0, retries=1, backoff=2.0,
                             max_bytes=1024 * 1024)
    for name, value in changes.items():
        setattr(settings, name, value)
    return settings


def run_fetch(tmp_path: Path, clock: FakeClock | None = None, **kwargs: object) -> FetchReport:
    kwargs.setdefault("settings", fast_settings())
    kwargs.setdefault("stages", "")             # cleaning only: what is fetched matters here, not events
    kwargs.setdefault("db", tmp_path / "fetch.duckdb")
    return fetch(clock=clock or FakeClock(), **kwargs)  # type: ignore[arg-type]
