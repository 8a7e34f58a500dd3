"""URL normal forms, article-looking URLs, feeds and sitemaps parsed from bytes, and URL lists."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sorot.fetch.discover import parse_date, parse_feed, parse_sitemap, read_url_list
from sorot.fetch.urls import looks_like_article, normalise, page_number, same_site, site_of, url_key


@pytest.mark.parametrize(("variant", "plain"), [
    ("https://www.kabar.id/dunia/2024/05/14/menlu-bertemu?utm_source=fb&utm_medium=social",
     "https://www.kabar.id/dunia/2024/05/14/menlu-bertemu"),
    ("https://www.kabar.id/dunia/2024/05/14/menlu-bertemu?fbclid=abc#komentar",
     "https://www.kabar.id/dunia/2024/05/14/menlu-bertemu"),
    ("https://www.kabar.id/amp/dunia/2024/05/14/menlu-bertemu", "https://www.kabar.id/dunia/2024/05/14/menlu-bertemu"),
    ("https://www.kabar.id/dunia/2024/05/14/menlu-bertemu/amp?amp=1",
     "https://www.kabar.id/dunia/2024/05/14/menlu-bertemu"),
    ("https://amp.kabar.id/dunia/2024/05/14/menlu-bertemu?outputType=amp",
     "https://kabar.id/dunia/2024/05/14/menlu-bertemu"),
    ("https://www.kabar.id/dunia/2024/05/14/menlu-bertemu?page=all",
     "https://www.kabar.id/dunia/2024/05/14/menlu-bertemu"),
    ("HTTPS://WWW.Kabar.id:443/dunia/2024/05/14/menlu-bertemu?page=2&ref=terkini",
     "https://www.kabar.id/dunia/2024/05/14/menlu-bertemu"),
])
def test_variants_of_one_article_have_one_normal_form(variant: str, plain: str) -> None:
    assert normalise(variant) == plain
    assert url_key(variant) == url_key(plain)


def test_parameters_that_choose_the_document_are_kept() -> None:
    assert normalise("https://blog.kabar.id/?p=1234") == "https://blog.kabar.id/?p=1234"
    assert url_key("https://kabar.id/baca?id=77") != url_key("https://kabar.id/baca?id=78")


def test_sites_ignore_www_m_and_amp_but_not_other_domains() -> None:
    assert site_of("https://m.kabar.id/a") == site_of("https://www.kabar.id/b") == "kabar.id"
    assert same_site("https://internasional.kabar.id/x", "kabar.id")
    assert not same_site("https://kabarbaru.id/x", "kabar.id")
    assert not same_site("https://kabar.id.penipu.com/x", "kabar.id")


@pytest.mark.parametrize("url", [
    "https://kabar.id/dunia/2024/05/14/menlu-bertemu",
    "https://kabar.id/read/2024051412345/judul",
    "https://kabar.id/internasional/presiden-tiba-di-tokyo-untuk-kunjungan",
])
def test_article_urls(url: str) -> None:
    assert looks_like_article(url)


@pytest.mark.parametrize("url", [
    "https://kabar.id/", "https://kabar.id/tag/diplomasi-luar-negeri", "https://kabar.id/indeks/2024-05-14",
    "https://kabar.id/kategori/internasional", "https://kabar.id/foto/2024/05/14/gambar-kunjungan.jpg",
    "https://kabar.id/penulis/rina-kusuma-dewi", "https://kabar.id/internasional",
])
def test_listing_and_file_urls_are_not_articles(url: str) -> None:
    assert not looks_like_article(url)


def test_page_numbers_of_one_article() -> None:
    base = "https://kabar.id/dunia/2024/05/14/menlu-bertemu"
    assert page_number(base, base) == 1
    assert page_number(base + "?page=3", base) == 3
    assert page_number(base + "/2", base) == 2
    assert page_number("https://kabar.id/dunia/2024/05/14/berita-lain", base) is None
    assert page_number("https://lain.id/dunia/2024/05/14/menlu-bertemu?page=2", base) is None


def test_rss_and_atom_entries_with_dates_in_order() -> None:
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
           b"<item><link>/dunia/satu-dua-tiga</link><pubDate>Tue, 14 May 2024 09:30:00 +0700</pubDate></item>"
           b"<item><link>https://kabar.id/dunia/empat-lima-enam</link></item></channel></rss>")
    entries = parse_feed(rss, "https://kabar.id/rss")
    assert [e.url for e in entries] == ["https://kabar.id/dunia/satu-dua-tiga", "https://kabar.id/dunia/empat-lima-enam"]
    assert entries[0].published == datetime(2024, 5, 14, 2, 30, tzinfo=UTC) and entries[1].published is None
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>'
            b'<entry><title>a</title><link href="https://kabar.id/dunia/tujuh-delapan-sembilan"/>'
            b"<updated>2024-05-15T10:00:00Z</updated></entry></feed>")
    [entry] = parse_feed(atom, "https://kabar.id/atom")
    assert entry.url.endswith("tujuh-delapan-sembilan") and entry.published == datetime(2024, 5, 15, 10, tzinfo=UTC)


def test_google_news_dates_win_over_lastmod_and_gzip_is_read() -> None:
    xml = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" '
           b'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">'
           b"<url><loc>https://kabar.id/a-b-c</loc><image:image><image:loc>https://kabar.id/f.jpg</image:loc>"
           b"</image:image><lastmod>2024-05-20</lastmod><news:news>"
           b"<news:publication_date>2024-05-14T09:30:00+07:00</news:publication_date></news:news></url>"
           b"<url><loc>https://kabar.id/d-e-f</loc><lastmod>2024-05-16</lastmod></url></urlset>")
    for content in (xml, gzip.compress(xml)):
        found = parse_sitemap(content, "https://kabar.id/sitemap.xml")
        assert [(e.url, e.published) for e in found.urls] == [
            ("https://kabar.id/a-b-c", datetime(2024, 5, 14, 2, 30, tzinfo=UTC)),
            ("https://kabar.id/d-e-f", datetime(2024, 5, 16, tzinfo=UTC))]
        assert found.sitemaps == []


def test_sitemap_indexes_text_sitemaps_and_broken_tails() -> None:
    index = parse_sitemap(b"<sitemapindex><sitemap><loc>/s-1.xml</loc><lastmod>2024-01-31</lastmod></sitemap>"
                          b"<sitemap><loc>/s-2.xml</loc></sitemap></sitemapindex>", "https://kabar.id/idx.xml")
    assert [s.url for s in index.sitemaps] == ["https://kabar.id/s-1.xml", "https://kabar.id/s-2.xml"]
    text = parse_sitemap(b"https://kabar.id/a-b-c\n\nbukan url\nhttps://kabar.id/d-e-f\n", "https://kabar.id/s.txt")
    assert [e.url for e in text.urls] == ["https://kabar.id/a-b-c", "https://kabar.id/d-e-f"]
    # a cut file keeps what came before the cut (the cut entry itself may come out partial)
    cut = parse_sitemap(b"<urlset><url><loc>https://kabar.id/a-b-c</loc></url><url><loc>https://ka", "u")
    assert cut.urls[0].url == "https://kabar.id/a-b-c"
    # an unescaped '&' (common in real sitemaps) does not lose the entries after it
    loose = parse_sitemap(b"<urlset><url><loc>https://kabar.id/a-b?x=1&y=2</loc></url>"
                          b"<url><loc>https://kabar.id/d-e-f</loc></url></urlset>", "u")
    assert loose.urls[-1].url == "https://kabar.id/d-e-f"


def test_dates_and_url_lists(tmp_path: Path) -> None:
    assert parse_date("2024-05-14") == datetime(2024, 5, 14, tzinfo=UTC)
    assert parse_date("2024-05-14T07:00:00+07:00") == datetime(2024, 5, 14, tzinfo=UTC)
    assert parse_date("kemarin") is None and parse_date(None) is None
    listing = tmp_path / "daftar.txt"
    listing.write_text("# pagi\nhttps://kabar.id/a-b-c  # dari grup\n\n  https://kabar.id/d-e-f\n", encoding="utf-8")
    assert read_url_list(listing) == ["https://kabar.id/a-b-c", "https://kabar.id/d-e-f"]
