"""The meta stage on real pages (read from ../shared, skipped when missing, failed in CI) and on articles written here."""

from pathlib import Path

import pytest

from sorot.meta import extract_metadata
from sorot.meta.html import DateCandidate
from sorot.meta.language import detect_language
from sorot.meta.published import choose_published
from sorot.schema import Article, Line, RawDoc

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
HTML_DIR = SHARED / "corpus" / "html"

# The published dates the README of the HTML pages states, as local time with its Indonesian offset.
HTML_DATES = {
    "tribunsolo_1.html": "2020-10-09T13:52",
    "tribunnews_1.html": "2015-06-19T12:58",
    "beritasatu_1.html": "2020-10-09T14:01",
    "gelora_1.html": "2020-10-09",
    "beritamanado_1.html": "2020-10-09T14:58",
    "metrobali_1.html": "2020-10-09T14:59:48+08:00",
    "merdeka_1.html": "2015-06-19T03:40:00+07:00",
    "suara_1.html": "2015-06-19T13:06",
    "okezone_1.html": "2015-06-19T11:58",
    "liputan6_1.html": "2016-02-16T09:10:56+07:00",
    "tempo_1.html": "2015-11-05T11:13",
    "kapanlagi_1.html": "2016-02-23T11:22",
}
HTML_AUTHORS = {
    "beritamanado_1.html": {"Jenly Wenur"},
    "liputan6_1.html": {"Corry Anestia", "Iskandar"},
    "merdeka_1.html": {"Ramadhian Fadillah"},
    "beritasatu_1.html": {"Arnold H Sianturi"},
}


needs_html = pytest.mark.needs_shared("corpus/html")


def _html_article(name: str) -> Article:
    path = HTML_DIR / name
    raw = RawDoc(source=name, content=path.read_bytes().decode("utf-8", "replace"), format="html")
    return extract_metadata(Article(source=name, raw=raw, format="html"))


@needs_html
@pytest.mark.parametrize(("name", "expected"), sorted(HTML_DATES.items()))
def test_html_published(name, expected):
    published = _html_article(name).published
    assert published.startswith(expected)
    if len(published) > 10:
        assert published.endswith(("+07:00", "+08:00", "+09:00"))


@needs_html
@pytest.mark.parametrize(("name", "expected"), sorted(HTML_AUTHORS.items()))
def test_html_authors(name, expected):
    assert set(_html_article(name).authors) == expected


@needs_html
def test_html_title_and_outlet_without_site_suffix():
    article = _html_article("tribunnews_1.html")
    assert article.title.startswith("Kadishub DKI: Taksi Uber")
    assert "Tribunnews.com" not in article.title
    assert article.outlet == "Tribunnews.com"
    okezone = _html_article("okezone_1.html")
    assert okezone.title == "Ahok Dukung Jokowi Diberi Pangkat Bintang Lima"
    assert okezone.outlet == "Okezone News"


def _text_article(lines: list[tuple[str, str]], **kwargs) -> Article:
    content = "\n".join(text for text, _label in lines)
    article = Article(source="t.txt", raw=RawDoc(source="t.txt", content=content, format="text"),
                      lines=[Line(n, text, label) for n, (text, label) in enumerate(lines, 1)], **kwargs)
    article.text = "\n\n".join(text for text, label in lines if label == "body")
    return extract_metadata(article)


BODY = ("Menteri Luar Negeri Indonesia bertemu mitranya dari Vietnam di Hanoi pada Kamis untuk membahas "
        "kerja sama maritim dan perdagangan kedua negara di kawasan Asia Tenggara.")


def test_text_page_meta_lines():
    article = _text_article([
        ("Kamis, 16 Mei 2024 - 10:01 WIB", "meta"),
        ("Indonesia dan Vietnam Perkuat Kerja Sama Maritim", "title"),
        ("Penulis: Dewi Lestari | Editor: Bambang Irawan", "meta"),
        (BODY, "body"),
    ], dateline="HANOI", outlet="Kabar Dunia")
    assert article.published == "2024-05-16T10:01:00+07:00"
    assert article.title == "Indonesia dan Vietnam Perkuat Kerja Sama Maritim"
    assert article.authors == ["Dewi Lestari", "Bambang Irawan"]
    assert (article.dateline, article.outlet) == ("HANOI", "Kabar Dunia")
    assert article.language == "id"
    assert article.story_date is None and not article.republished


def test_date_inside_the_story_is_not_the_publication_date():
    article = _text_article([("HANOI - Pada Rabu, 15 Mei 2024, " + BODY, "body")])
    assert article.published is None


def test_published_date_preferred_over_update():
    article = _text_article([("Diperbarui 17 Mei 2024 08:00 WIB", "meta"), ("16 Mei 2024 10:01 WIB", "meta"),
                             (BODY, "body")])
    assert article.published == "2024-05-16T10:01:00+07:00"


def test_republished_story_date_from_a_caption():
    article = _text_article([
        ("24 Juli 2024", "meta"),
        (BODY, "body"),
        ("Kedua menteri berjabat tangan di Hanoi pada 16 Mei 2024.", "caption"),
    ])
    assert article.published == "2024-07-24"
    assert (article.story_date, article.republished) == ("2024-05-16", True)


def test_recent_story_date_is_not_a_republication():
    article = _text_article([("18 Mei 2024", "meta"), (BODY + " Perjanjian diteken (16/5/2024).", "body")])
    assert article.story_date is None and not article.republished


def test_outlet_from_the_url_domain():
    article = _text_article([(BODY, "body")], url="https://www.matajambi.com/berita/123")
    assert article.outlet == "matajambi.com"


def test_utc_stamp_is_reported_in_local_time():
    wrong_offset = [DateCandidate("2020-10-09T06:59:48Z", "meta"), DateCandidate("2020-10-09T14:59:48+00:00", "time")]
    assert choose_published(wrong_offset) == "2020-10-09T14:59:48+08:00"
    assert choose_published([DateCandidate("2016-02-16T02:10:56Z", "jsonld")]) == "2016-02-16T09:10:56+07:00"


def test_language_detection():
    assert detect_language(BODY) == "id"
    assert detect_language("The foreign ministers of Indonesia and Vietnam met in Hanoi on Thursday to "
                           "discuss maritime cooperation and trade in Southeast Asia.") == "en"
    assert detect_language("ok") is None


def test_text_page_outlet_from_masthead_byline_or_footer():
    from sorot.clean import clean
    from sorot.meta import extract_metadata
    from sorot.schema import RawDoc

    def outlet_of(page: str) -> str | None:
        return extract_metadata(clean(RawDoc("p.txt", page, "text"))).outlet

    body = ("Presiden Prancis Emmanuel Macron tiba di Jakarta untuk kunjungan kenegaraan selama tiga hari.\n\n"
            "Kedua pemimpin dijadwalkan membahas kerja sama pertahanan dan energi terbarukan.\n")
    assert outlet_of("Macron Tiba di Jakarta\n\nSinta Dewi - detikNews\n\n" + body) == "detikNews"
    assert outlet_of(body + "\nKomentar\n\nCopyright (c) 2025 Okezone.com. All rights reserved.\n") == "Okezone.com"
    assert outlet_of(body + "\nBagikan di facebook.com\n") is None
    assert outlet_of(body) is None


def test_a_utc_stamp_with_the_visible_local_clock_is_local_time():
    from sorot.meta.html import DateCandidate
    from sorot.meta.published import choose_published

    stamps = [DateCandidate("2024-01-30T09:15:00+00:00", "meta"), DateCandidate("2024-01-30T09:15:00+08:00", "visible")]
    assert choose_published(stamps) == "2024-01-30T09:15:00+08:00"
    correct_utc = [DateCandidate("2024-01-30T01:15:00+00:00", "meta"), DateCandidate("2024-01-30T09:15:00+08:00", "visible")]
    assert choose_published(correct_utc) == "2024-01-30T09:15:00+08:00"
