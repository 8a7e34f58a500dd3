"""The cue lists asked as one (PatternSet) answer what asking every pattern, case ignored, answers."""

from __future__ import annotations

import re

import pytest

from sorot.clean.cues import PatternSet, lowers_exactly
from sorot.data import load_data
from sorot.data.schemas import CleanCues
from sorot.text.regex_tree import longest_text, required_ending, required_texts

# lines written for this test: widgets, credits and prose, in several cases and with letters outside ASCII
LINES = [
    "Baca juga: Harga beras naik lagi", "BACA JUGA : harga cabai", "Simak berita lainnya di sini",
    "Ikuti kami di Google News", "IKUTI KAMI DI GOOGLE NEWS", "Dapatkan kabar terbaru, follow akun kami",
    "Pembaca bisa unduh aplikasi kami", "Silakan klik disini untuk mendaftar", "Apa pendapatmu? Tulis komentar?",
    "Hak Cipta © 2025 Warta Nusantara", "Copyright 2024", "Kebijakan Privasi | Pedoman Media Siber",
    "Foto: Istimewa", "Presiden berpidato di depan parlemen. (Foto: Dok. Setpres)", "Warga antre bensin /ANTARA",
    "Ilustrasi pasar tradisional", "Suasana sidang kabinet [Foto: Humas]", "Kapal nelayan berlabuh (REUTERS)",
    "Menteri itu mengatakan perundingan akan berlanjut pekan depan di Jenewa.",
    "“Kami tidak akan mundur,” katanya — tegas — kepada wartawan.",
    "Pemerintah Türkiye dan İstanbul menyambut delegasi itu", "ſcroll to continue", "Scroll To Continue",
    "Di kota Kraków, warga mengikuti kami", "KELVIN: ikuti kami", "xgoogle news", "a_google news",
    "tulis komentar", "Halaman Selanjutnya", "Berita Terkait", "Jangan lewatkan",
    # credits and questions at a line's end, with trailing space or a final line break, and near misses
    "Petugas memeriksa puing / Reuters  ", "Petugas memeriksa puing / Reuters.", "Kapal tiba di dermaga (AFP)\n",
    "Kapal tiba di dermaga (AFP) kemarin", "Bagaimana pendapat Anda, komentar ?\n", "Komentar? Tidak ada.",
    "Suasana rapat [ANTARA] ", "Arsip lama. Sumber: Humas Pemkot", "Tim SAR bekerja. Photo : Basarnas\t",
    "Foto bersama / Dok pribadi", "ap", "/ap", "Ikuti terus", "Syarat dan ketentuan berlaku?",
    # whole-line widgets of bounded length, and lines just longer than they may be
    "Beranda > Dunia > Asia", "Nasional » Politik", "Nikmati berita pilihan tanpa iklan",
    "Nikmati berita pilihan tanpa iklan" + " lagi" * 12, "Bagikan artikel ini", "Bagikan" + " x" * 25,
    "Kategori " + "kata " * 6 + "> Politik",
]


@pytest.mark.parametrize("cue", ["boilerplate", "caption", "end_of_article", "inline_widgets", "continued_elsewhere"])
def test_a_pattern_set_answers_as_every_pattern_does(cue: str) -> None:
    patterns = getattr(load_data("clean/cues.yaml", CleanCues), cue)
    every = [re.compile(p, re.IGNORECASE) for p in patterns]
    joined = PatternSet.of(patterns)
    for line in LINES + [line.upper() for line in LINES] + [line.lower() for line in LINES]:
        assert joined.found_in(line) == any(p.search(line) for p in every), (cue, line)


def test_a_leading_word_boundary_is_kept() -> None:
    patterns = PatternSet.of([r"\bgoogle news\b", r"\b(unduh|download)\s+aplikasi\b"])
    assert patterns.found_in("Ikuti kami di Google News")
    assert not patterns.found_in("situsgoogle news")            # no boundary before the match
    assert patterns.found_in("situsgoogle news, google news")   # a later place has one
    assert patterns.found_in("Silakan Unduh Aplikasi kami")
    assert not patterns.found_in("Silakan mengunduh aplikasi kami")


def test_only_lines_without_cased_letters_outside_ascii_are_lowered() -> None:
    assert lowers_exactly("“Kami siap,” katanya — © 2025")
    assert not lowers_exactly("Delegasi dari İzmir tiba")      # "İ" lower-cases to two characters
    assert not lowers_exactly("ſcroll")                         # the long s matches "s" when case is ignored


def test_the_texts_every_match_holds_are_read_off_the_pattern() -> None:
    assert required_texts(r"(ikuti|follow)\s+kami") == (("ikuti", "follow"), ("kami",))
    assert required_texts(r"google news\b") == (("google news",),)
    assert required_texts(r"klik di ?sini") == (("klik di",), ("sini",))   # the optional space is no requirement
    assert required_texts(r"(unduh|download)?\s*aplikasi") == (("aplikasi",),)  # nor an optional group
    assert required_texts(r"([.)]\s*|\s)/\s*(reuters|afp)$") == (("/",), ("reuters", "afp"))
    assert required_texts(r"iklan|sponsor") == ()                        # either alternative may match
    assert required_texts(r"(?i)iklan") == ()


def test_the_texts_every_match_ends_with_are_read_off_the_pattern() -> None:
    assert required_ending(r"\((reuters|afp)(/[^)]*)?\)\s*$") == (")",)
    assert required_ending(r"/\s*(?:reuters|afp)\s*$") == ("reuters", "afp")
    assert required_ending(r"komentar\s*\?$") == ("?",)
    assert required_ending(r"foto\s*/\s*[\w .-]{2,40}$") == ()       # a class of characters ends it
    assert required_ending(r"reuters\s+$") == ()                      # space the line's end cannot lose
    assert required_ending(r"reuters") == ()                           # found anywhere
    assert required_ending(r"afp$|reuters") == ()
    assert required_ending(r"(?m)reuters$") == ()                      # the end of any line of a text


def test_most_patterns_are_ruled_out_together() -> None:
    caption = PatternSet.of(load_data("clean/cues.yaml", CleanCues).caption)
    assert caption.ended and caption.gated
    assert set(caption.floating) == set(caption.ended) | set(caption.gated) | set(caption.rest)
    assert not caption.found_in("Menteri itu tiba di Jenewa (Swiss) pada Senin pagi.")
    assert caption.found_in("Menteri itu tiba di Jenewa (Reuters)")


def test_the_longest_line_a_whole_line_pattern_matches_is_read_off_it() -> None:
    assert longest_text(r"^(next|prev)\s*(\d+)?$") is None             # unbounded space and digits
    assert longest_text(r"^[^!?]{1,60}\s>\s[^!?]{1,40}$") == 104        # 103, and a final line break
    assert longest_text(r"^(?=.{0,90}$).*\biklan\b") == 91              # bounded by its look-ahead
    assert longest_text(r"^(?=\S+$).{0,9}$") == 10                       # the whole pattern bounds it
    assert longest_text(r"^iklan") is None and longest_text(r"iklan$") is None
    assert longest_text(r"(?m)^iklan$") is None                          # a line of a longer text
    pattern = re.compile(r"^(?=.{0,20}$).*\biklan\b")
    assert pattern.match("a" * 14 + " iklan\n") and not pattern.match("a" * 15 + " iklan\n")
