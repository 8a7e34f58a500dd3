"""Whether a document is HTML, and the JSON-LD objects that describe the article."""

from __future__ import annotations

import lxml.html
import pytest

from sorot.text.html import article_objects, articles_among, json_objects, looks_like_html, object_types


@pytest.mark.parametrize("content", [
    "<!DOCTYPE html><html><body><p>Teks</p></body></html>",
    "\n\n  <html lang='id'><head></head></html>",
    "<div>menu</div><body><p>Berita hari ini</p></body>",
])
def test_html_documents(content: str) -> None:
    assert looks_like_html(content)


@pytest.mark.parametrize("content", [
    "Jakarta - Presiden menerima tamu negara.\n\nKeduanya membahas <kerja sama>.",
    "Harga naik 5% <> turun 3% tahun lalu",
    "",
])
def test_text_documents(content: str) -> None:
    assert not looks_like_html(content)


PAGE = """<html><head>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Kabar Contoh"},
  {"@type": ["NewsArticle"], "headline": "Dua Menlu Bertemu", "datePublished": "2024-05-02T10:00:00+07:00"}]}
</script>
<script type="application/ld+json">{"@type": "BreadcrumbList", "itemListElement": []}</script>
<script type="application/ld+json">{ this is not json </script>
<script type="application/ld+json">[{"@type": "ReportageNewsArticle", "headline": "Laporan Kedua"}]</script>
</head><body><p>Isi</p></body></html>"""


def test_json_objects_walks_graphs_and_lists_and_skips_broken_blocks() -> None:
    doc = lxml.html.fromstring(PAGE)
    types = [object_types(obj) for obj in json_objects(doc)]
    assert {"website"} in types and {"newsarticle"} in types and {"reportagenewsarticle"} in types
    assert {"breadcrumblist"} in types


def test_article_objects_are_only_the_article_types() -> None:
    doc = lxml.html.fromstring(PAGE)
    assert [obj["headline"] for obj in article_objects(doc)] == ["Dua Menlu Bertemu", "Laporan Kedua"]
    # the same picked from objects read once, as the metadata reader does for its several fields
    assert [obj["headline"] for obj in articles_among(list(json_objects(doc)))] == ["Dua Menlu Bertemu",
                                                                                  "Laporan Kedua"]
    assert articles_among([{"@type": "BreadcrumbList"}, {"@type": ["BlogPosting", "NewsArticle"], "a": 1}]) \
        == [{"@type": ["BlogPosting", "NewsArticle"], "a": 1}]


def test_object_types_of_a_string_a_list_and_nothing() -> None:
    assert object_types({"@type": "NewsArticle"}) == {"newsarticle"}
    assert object_types({"@type": ["Article", "BlogPosting"]}) == {"article", "blogposting"}
    assert object_types({}) == set()
