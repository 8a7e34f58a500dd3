"""Short text blocks of an HTML page (bylines and visible dates are looked for in them)."""

from __future__ import annotations

import lxml.html

from sorot.meta.html import read_html_meta, text_blocks

PAGE = """<html><head><title>Kabar</title><script>var a = "<p>bukan blok</p>";</script></head><body>
<div class="wrap"><header><h1>Menlu bertemu mitranya</h1></header>
<noscript><p>Aktifkan JavaScript untuk membaca.</p></noscript>
<div class="meta"><span>Penulis: Rina Wulandari</span> <time>Senin, 3 Maret 2025 10:15 WIB</time></div>
<!-- iklan -->
<article><p>Menteri Luar Negeri bertemu mitranya di Tokyo untuk membahas perdagangan.</p>
<p>   Kedua      menteri
   juga membahas keamanan laut.   </p></article>
<div class="long">{long}</div>
</div></body></html>"""


def _blocks(long: str) -> list[tuple[str, str]]:
    return text_blocks(lxml.html.fromstring(PAGE.format(long=long)))


def test_blocks_skip_scripts_and_noscript_and_squash_spaces() -> None:
    blocks = _blocks("")
    texts = [text for _tag, text in blocks]
    assert ("h1", "Menlu bertemu mitranya") in blocks
    assert ("span", "Penulis: Rina Wulandari") in blocks
    assert "Kedua menteri juga membahas keamanan laut." in texts
    # no block of its own inside <noscript> or <script> (a wrapper's text may still hold their words)
    assert not any(text.startswith(("Aktifkan", "bukan blok")) for text in texts)


def test_a_long_container_is_no_block_but_its_short_children_are() -> None:
    long = " ".join(f"<p>Paragraf panjang nomor {n} tentang perundingan dagang kedua negara.</p>" for n in range(12))
    blocks = _blocks(long)
    assert not any(tag == "div" and "nomor 0" in text for tag, text in blocks)     # the wrapper: over 300
    assert sum("Paragraf panjang" in text for _tag, text in blocks) == 12           # each paragraph: kept


def test_spaces_do_not_count_towards_the_limit() -> None:
    airy = "<p>" + "   \n   ".join(["kata"] * 40) + "</p>"                           # 160 letters, 300+ spaces
    assert ("p", " ".join(["kata"] * 40)) in _blocks(airy)


def test_the_byline_among_the_blocks_is_read() -> None:
    meta = read_html_meta(PAGE.format(long=""))
    assert any("Rina Wulandari" in line for line in meta.bylines)


def test_a_wrapper_holds_its_children_words_in_order_without_comments() -> None:
    doc = lxml.html.fromstring("<div><p>Duta besar <!-- catatan redaksi -->tiba<b> di</b> Seoul</p>"
                               "<span>Rabu <em>pagi</em></span> waktu setempat</div>")
    assert text_blocks(doc) == [("div", "Duta besar tiba di Seoul Rabu pagi waktu setempat"),
                                ("p", "Duta besar tiba di Seoul"), ("b", "di"), ("span", "Rabu pagi"), ("em", "pagi")]


def test_the_limit_counts_the_text_with_single_spaces() -> None:
    words = ["kata"] * 8                                                              # 8 * 5 - 1 = 39 characters
    doc = lxml.html.fromstring(f"<div><p>{'  '.join(words)}</p><p>x</p></div>")
    assert ("p", " ".join(words)) in text_blocks(doc, limit=39)
    assert ("p", " ".join(words)) not in text_blocks(doc, limit=38)
    assert [tag for tag, _text in text_blocks(doc, limit=41)] == ["div", "p", "p"]      # 39 + " x" = 41
    assert [tag for tag, _text in text_blocks(doc, limit=40)] == ["p", "p"]


def test_a_fragment_with_two_bodies_is_read_like_any_page() -> None:
    # lxml.html repairs such a fragment with a method of its own elements: the reader parses it that way
    fragment = ("<body><p>Oleh Yoga Pratama</p></body>"
                "<body><p>Delegasi kedua negara bertemu di Hanoi pada Rabu pagi.</p></body>")
    meta = read_html_meta(fragment)
    assert meta.bylines == ["Oleh Yoga Pratama"]
    single = read_html_meta("<div><p>Penulis: Yoga Pratama</p><p>Rapat berlangsung tertutup.</p></div>")
    assert single.bylines == ["Penulis: Yoga Pratama"]
