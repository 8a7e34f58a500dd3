"""HTML: the article body a page declares (JSON-LD articleBody, itemprop="articleBody") checks
trafilatura's choice. Pages written by the team."""

import json

from sorot.clean import clean
from sorot.clean.html import declared_body
from sorot.schema import RawDoc

PARAGRAPHS = [
    "Pemerintah Norwegia mengumumkan dana bantuan baru untuk petani kecil di kawasan Sahel pada Selasa.",
    "Dana itu akan disalurkan melalui badan pangan dunia selama tiga tahun ke depan.",
    "Menteri pembangunan Norwegia mengatakan bantuan difokuskan pada irigasi dan benih tahan kering.",
    "Para petani di Niger dan Mali menyambut baik rencana tersebut meski masih menunggu rinciannya.",
    "Organisasi masyarakat sipil meminta agar penyaluran dana diawasi secara terbuka oleh parlemen.",
    "Program serupa pernah dijalankan lima tahun lalu dan menjangkau sekitar dua puluh ribu keluarga.",
]
PROMO = "Dapatkan informasi pilihan redaksi setiap pagi langsung di kotak surat elektronik Anda sekarang juga."


def page(middle_container: str, declared: str) -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Norwegia Kucurkan Dana",
          "articleBody": "\n".join(PARAGRAPHS)}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if declared == "jsonld" else ""
    body_attr = ' itemprop="articleBody"' if declared == "itemprop" else ""
    p = [f"<p>{text}</p>" for text in PARAGRAPHS]
    return (f"<html><head><title>Norwegia Kucurkan Dana</title>{head}</head><body>"
            f"<nav><a href='/'>Beranda</a> <a href='/dunia'>Dunia</a></nav><article>"
            f"<h1>Norwegia Kucurkan Dana</h1><div{body_attr}>{p[0]}{p[1]}"
            f"<div class='{middle_container}'>{p[2]}{p[3]}{p[4]}</div>{p[5]}</div>"
            f"<p>{PROMO}</p></article><footer>Kabar</footer></body></html>")


def test_paragraphs_in_a_container_trafilatura_drops_come_back_from_the_declaration() -> None:
    for declared in ("jsonld", "itemprop"):
        text = clean(RawDoc("p.html", page("comments-area", declared), "html")).text
        assert text.split("\n\n") == PARAGRAPHS, declared


def test_blocks_the_declaration_lacks_are_not_body() -> None:
    article = clean(RawDoc("p.html", page("story-part", "jsonld"), "html"))
    assert PROMO not in article.text
    assert all(p in article.text for p in PARAGRAPHS)


def test_without_a_declaration_trafilatura_decides() -> None:
    html = page("story-part", "none")
    assert declared_body(html) is None
    assert PROMO in clean(RawDoc("p.html", html, "html")).text


def test_a_short_declaration_is_a_teaser_and_ignored() -> None:
    ld = {"@type": "NewsArticle", "articleBody": "Norwegia mengumumkan dana bantuan baru."}
    html = f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body></body></html>'
    assert declared_body(html) is None
