"""Multi-page articles, robots.txt, the per-host pace and the HTTP helpers, without a server."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from sorot.fetch.client import Fetcher, FetchSettings, decode_content, retry_after_seconds
from sorot.fetch.pages import join_pages, main_block, next_page_url, parse_html
from sorot.fetch.politeness import FakeClock, Pacer, Robots

BASE = "https://kabar.id/dunia/2024/05/14/presiden-tiba-di-tokyo"


def page(paragraphs: list[str], links: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>Presiden tiba</title></head><body><nav><p>Menu</p></nav>"
            f'<div class="isi">{body}</div>{links}<footer><p>Hak cipta</p></footer></body></html>')


@pytest.mark.parametrize("links", [
    f'<a href="{BASE}?page=2">Selanjutnya</a>',
    f'<div class="pager"><a href="{BASE}">1</a> <a href="{BASE}?page=2">2</a></div>',
    '<a href="?page=2">Halaman 2</a>',
    f'<a href="{BASE}/2">Berikutnya »</a>',
    '<a href="?page=2" rel="next">›</a>',
])
def test_the_next_page_of_the_same_article_is_found(links: str) -> None:
    found = next_page_url(page(["Isi halaman pertama."], links), BASE, BASE, 1)
    assert found in (f"{BASE}?page=2", f"{BASE}/2")


@pytest.mark.parametrize("links", [
    '<a href="https://kabar.id/dunia/2024/05/14/berita-lain-sama-sekali">Artikel Selanjutnya</a>',
    '<a href="https://kabar.id/dunia/2024/05/14/berita-lain-sama-sekali?page=2">Berita berikutnya</a>',
    f'<a href="{BASE}?page=3">3</a>',                 # not the next page
    f'<a href="{BASE}?page=2">Bagikan ke WhatsApp</a>',   # the right URL, but no next-page cue
    '<a href="https://lain.id/dunia/2024/05/14/presiden-tiba-di-tokyo?page=2">Selanjutnya</a>',
])
def test_links_to_other_stories_or_other_pages_are_not_followed(links: str) -> None:
    assert next_page_url(page(["Isi halaman pertama."], links), BASE, BASE, 1) is None


def test_later_pages_find_the_page_after_them() -> None:
    html = page(["Isi halaman kedua."], f'<a href="{BASE}">1</a><a href="{BASE}?page=3">Selanjutnya</a>')
    assert next_page_url(html, BASE + "?page=2", BASE, 2) == BASE + "?page=3"


def test_joined_pages_keep_the_first_head_and_append_paragraphs_in_order() -> None:
    first = page(["Presiden tiba di Tokyo pada Minggu.", "Ia disambut menteri luar negeri Jepang."])
    second = page(["Hari kedua diisi pertemuan dengan perdana menteri.", "Keduanya membahas investasi."])
    third = page(["Kunjungan ditutup di Osaka."])
    document = parse_html(join_pages([first, second, third]))
    assert document is not None
    block = main_block(document)
    assert block is not None
    texts = [p.text_content() for p in block.iter("p")]
    assert texts == ["Presiden tiba di Tokyo pada Minggu.", "Ia disambut menteri luar negeri Jepang.",
                     "Hari kedua diisi pertemuan dengan perdana menteri.", "Keduanya membahas investasi.",
                     "Kunjungan ditutup di Osaka."]
    assert document.findtext(".//title") == "Presiden tiba"
    assert [p.text_content() for p in document.iter("p")].count("Hak cipta") == 1


def test_robots_rules_for_sorot_and_everyone() -> None:
    robots = Robots.from_text("User-agent: sorot\nDisallow: /arsip/\nCrawl-delay: 3\n\n"
                              "User-agent: *\nDisallow: /\n")
    assert robots.allows("https://kabar.id/dunia/a-b-c") and not robots.allows("https://kabar.id/arsip/a-b-c")
    assert robots.crawl_delay() == 3.0
    others = Robots.from_text("User-agent: *\nDisallow: /cari\n")
    assert not others.allows("https://kabar.id/cari?q=presiden") and others.crawl_delay() is None
    assert not Robots(None, disallow_all=True).allows("https://kabar.id/a-b-c")


def test_the_pace_is_per_host_and_crawl_delay_only_raises_it() -> None:
    clock = FakeClock()
    pacer = Pacer(clock, delay=1.0)
    pacer.set_crawl_delay("a.id", 5.0)
    pacer.set_crawl_delay("b.id", 0.1)           # lower than ours: ours stays
    for host in ["a.id", "b.id", "a.id", "b.id", "b.id"]:
        pacer.wait(host)
    assert clock.sleeps == [5.0, 1.0]                   # a waits 5 s (b went meanwhile), then b 1 s
    assert clock.now == 6.0


def test_retry_after_as_seconds_or_a_date() -> None:
    now = datetime(2024, 5, 14, 10, 0, tzinfo=UTC)
    assert retry_after_seconds("7", now) == 7.0
    assert retry_after_seconds("Tue, 14 May 2024 10:00:30 GMT", now) == 30.0
    assert retry_after_seconds("nanti saja", now) is None and retry_after_seconds(None, now) is None


def test_compressed_bodies_are_inflated_within_the_limit() -> None:
    import gzip
    import zlib

    text = "Kedua negara sepakat memperkuat kerja sama maritim. " * 100
    assert decode_content(gzip.compress(text.encode()), "gzip", 10_000) == (text.encode(), False)
    assert decode_content(zlib.compress(text.encode()), "deflate", 10_000) == (text.encode(), False)
    assert decode_content(gzip.compress(text.encode()), "gzip", 1_000)[1] is True
    assert decode_content(b"polos", None, 10) == (b"polos", False)


def _fetcher(handler, **settings: object) -> tuple[Fetcher, FakeClock]:  # noqa: ANN001 (httpx handler)
    clock = FakeClock()
    options = FetchSettings(delay=0.0, retries=2, backoff=1.0, max_redirects=2)
    for name, value in settings.items():
        setattr(options, name, value)
    return Fetcher(options, clock, transport=httpx.MockTransport(handler)), clock


def test_redirect_loops_stop_at_the_limit() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": "/putar/" + str(len(request.url.path))})

    fetcher, _clock = _fetcher(handler)
    result = fetcher.get("https://kabar.id/putar/awal-mula-sekali")
    assert result.failure == "too many redirects" and len(result.exchanges) == 3


def test_server_errors_back_off_exponentially_then_give_up() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404 if request.url.path == "/robots.txt" else 503)

    fetcher, clock = _fetcher(handler)
    result = fetcher.get("https://kabar.id/dunia/a-b-c")
    assert result.failure == "HTTP 503" and len(result.exchanges) == 3
    assert clock.sleeps == [1.0, 2.0]


def test_a_retry_after_beyond_the_limit_is_a_failure_not_a_wait() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nAllow: /\n")
        return httpx.Response(429, headers={"Retry-After": "3600"})

    fetcher, clock = _fetcher(handler)
    assert fetcher.get("https://kabar.id/dunia/a-b-c").failure == "HTTP 429" and clock.sleeps == []


def test_an_unreachable_robots_txt_keeps_the_crawler_out() -> None:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        return httpx.Response(503)

    fetcher, _clock = _fetcher(handler, retries=0)
    result = fetcher.get("https://kabar.id/dunia/a-b-c")
    assert result.failure == "robots.txt" and asked == ["/robots.txt"]


def test_these_tests_cannot_reach_outside_the_machine() -> None:
    with pytest.raises(AssertionError, match="tried to reach"):
        httpx.get("http://192.0.2.1:9/", timeout=1)     # TEST-NET-1: never routed; the guard stops it first


def test_http_and_https_of_one_host_share_its_pace_but_not_its_robots() -> None:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, headers={"Content-Type": "text/html"}, text="<html><body>ok</body></html>")

    fetcher, clock = _fetcher(handler, delay=1.0)
    fetcher.get("http://kabar.id/dunia/satu-dua-tiga")
    fetcher.get("https://kabar.id/dunia/empat-lima-enam")
    assert asked == ["http://kabar.id/robots.txt", "http://kabar.id/dunia/satu-dua-tiga",
                     "https://kabar.id/robots.txt", "https://kabar.id/dunia/empat-lima-enam"]
    assert clock.sleeps == [1.0, 1.0, 1.0]
