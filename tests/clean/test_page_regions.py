"""Page regions decided from layout evidence: which head line is the headline, where the story starts and
ends, subheads inside the story, and datelines whose parts are an outlet, a place or a rubric.

Every page below is written by the team in the shapes real outlets print (reading-time widgets, kickers,
paywall banners, teasers above the date line, related widgets between paragraphs, cut-off captures)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sorot.clean import clean, label_lines, split_dateline
from sorot.meta import extract_metadata
from sorot.schema import RawDoc


def labels_of(text: str) -> dict[str, str]:
    return {line.text: line.label for line in label_lines(text.split("\n"))}


def title_of(text: str) -> str | None:
    return extract_metadata(clean(RawDoc("page.txt", text, "text"))).title


READING_TIME_ABOVE = """Waktu baca 3 menit

Menteri Pertahanan Tinjau Pangkalan Udara di Natuna

Senin, 3 Juni 2024 08:15 WIB

Menteri Pertahanan Tinjau Pangkalan Udara di Natuna-Image-1

RANAI - Menteri Pertahanan meninjau kesiapan pangkalan udara di Natuna pada Senin pagi bersama para kepala staf.

Kunjungan itu berlangsung sekitar tiga jam dan ditutup dengan rapat tertutup di markas komando.
"""

KICKER_AND_TEASER = """DIPLOMASI ASIA
2 menit membaca
Jepang dan Vietnam sepakat memperluas latihan penjaga pantai
Kedua negara menyebut latihan bersama akan digelar dua kali setahun mulai musim gugur di perairan terbuka dekat Da Nang.
Jepang dan Vietnam sepakat memperluas latihan penjaga pantai
Kapal penjaga pantai Jepang bersandar di Da Nang. / Reuters
21 Agustus 2025

Pemerintah Jepang dan Vietnam sepakat menambah latihan bersama penjaga pantai mulai tahun depan.

Kesepakatan itu diumumkan usai pertemuan para menteri di Hanoi pada Rabu.
"""

PAYWALL_AND_TAGLINE = """Menyajikan Kabar Terkini Setiap Saat
Indeks

Nyaman tanpa iklan. Langganan KabarPro

Parlemen Eropa Setujui Paket Bantuan untuk Moldova

Parlemen Eropa Setujui Paket Bantuan untuk Moldova

Brussel

Parlemen Eropa menyetujui paket bantuan keuangan untuk Moldova dalam sidang pleno pada Kamis.

Paket itu mencakup pinjaman lunak dan hibah untuk sektor energi negara tersebut.
"""

PROMO_AND_ZOOM = """Nikmati berita tanpa batas dan laporan langsung 24 jam hanya di KabarX
Kabar

PBB Serukan Jeda Kemanusiaan di Sudan Menjelang Musim Hujan

Penulis: Laras Wibisono
zoom-in PBB Serukan Jeda Kemanusiaan di Sudan Menjelang Musim Hujan
Istimewa

KABARNEWS.COM, JENEWA - Perserikatan Bangsa-Bangsa menyerukan jeda kemanusiaan di Sudan menjelang musim hujan.

Badan-badan PBB khawatir jalur bantuan akan terputus ketika jalan-jalan tergenang.
"""

SCRAPE_PREFIX = """ date 2024-02-14 Filipina Protes Manuver Kapal Asing di Perairan Sengketa
Kapal patroli Filipina berlayar di dekat beting karang (Foto: Reuters)
MANILA – Pemerintah Filipina melayangkan protes diplomatik atas manuver kapal asing di perairan sengketa.
Juru bicara kementerian luar negeri mengatakan protes itu dikirim pada Rabu malam.
"""

BREADCRUMB_GLUED = """Sabtu, 4 Oktober 2025
BerandaEkonomiPerdaganganUni Eropa Naikkan Bea Masuk Baja Impor
Uni Eropa Naikkan Bea Masuk Baja Impor
Brussel – Komisi Eropa menaikkan bea masuk baja impor untuk melindungi industri dalam negeri dari banjir produk murah.
Kebijakan itu mulai berlaku bulan depan setelah disetujui negara-negara anggota.
"""


@pytest.mark.parametrize(("page", "title"), [
    (READING_TIME_ABOVE, "Menteri Pertahanan Tinjau Pangkalan Udara di Natuna"),
    (KICKER_AND_TEASER, "Jepang dan Vietnam sepakat memperluas latihan penjaga pantai"),
    (PAYWALL_AND_TAGLINE, "Parlemen Eropa Setujui Paket Bantuan untuk Moldova"),
    (PROMO_AND_ZOOM, "PBB Serukan Jeda Kemanusiaan di Sudan Menjelang Musim Hujan"),
    (SCRAPE_PREFIX, "Filipina Protes Manuver Kapal Asing di Perairan Sengketa"),
    (BREADCRUMB_GLUED, "Uni Eropa Naikkan Bea Masuk Baja Impor"),
])
def test_the_headline_wins_over_widgets_kickers_banners_and_taglines(page: str, title: str) -> None:
    assert title_of(page) == title


def test_widgets_and_banners_are_boilerplate() -> None:
    for page, widget in ((READING_TIME_ABOVE, "Waktu baca 3 menit"), (KICKER_AND_TEASER, "2 menit membaca"),
                         (PAYWALL_AND_TAGLINE, "Nyaman tanpa iklan. Langganan KabarPro"),
                         (PROMO_AND_ZOOM, "Nikmati berita tanpa batas dan laporan langsung 24 jam hanya di KabarX")):
        assert labels_of(page)[widget] == "boilerplate", widget


def test_a_teaser_above_the_date_line_is_not_the_story() -> None:
    article = clean(RawDoc("page.txt", KICKER_AND_TEASER, "text"))
    assert article.text.startswith("Pemerintah Jepang dan Vietnam sepakat menambah latihan")
    assert "dua kali setahun" not in article.text


def test_a_place_on_its_own_line_above_the_story_is_the_dateline() -> None:
    assert clean(RawDoc("page.txt", PAYWALL_AND_TAGLINE, "text")).dateline == "Brussel"


def test_a_glued_role_label_is_no_headline() -> None:
    page = ("Baca berita tanpa iklan. Gabung KabarPlus+\nKabar.com - 04/03/2019, 10:13 WIB\nEditorRina Kusuma\n"
            "\"Kami menunggu jawaban resmi dari pemerintah mereka,\" kata juru bicara itu kepada wartawan.\n"
            "Ia menambahkan bahwa pertemuan lanjutan dijadwalkan pekan depan di ibu kota.\n")
    assert title_of(page) is None


SUBHEADS = """KOTA - Dewan kota menyetujui anggaran transportasi publik untuk tahun depan dalam rapat paripurna.

Anggaran itu naik sepuluh persen dibanding tahun ini.

Jalur Bus Baru

Jalur bus baru akan menghubungkan terminal utama dengan kawasan industri di timur kota.

Menteri dan Wali Kota

"Kami ingin warga beralih dari kendaraan pribadi," kata wali kota dalam rapat itu.

Pembangunan halte dimulai pada bulan Maret.
"""


def test_a_subhead_taken_up_by_the_next_paragraph_is_body_and_a_caption_is_not() -> None:
    labels = labels_of(SUBHEADS)
    assert labels["Jalur Bus Baru"] == "body"
    assert labels["Menteri dan Wali Kota"] == "caption"


INLINE_WIDGET_AND_CUT = """ROMA - Pemerintah Italia mengumumkan paket bantuan bagi petani yang terdampak kekeringan panjang musim ini.

BERITA REKOMENDASI
Harga Gandum Dunia Turun Tajam
Festival Musim Panas Dibatalkan

Di sisi lain, organisasi petani menilai bantuan itu terlambat datang dan jumlahnya belum cukup untuk menutup kerugian.

Menteri pertanian berjanji meninjau ulang besaran bantuan setelah pendataan selesai pada akhir bulan depan
"""


def test_a_related_widget_between_paragraphs_does_not_end_the_story() -> None:
    labels = labels_of(INLINE_WIDGET_AND_CUT)
    assert labels["BERITA REKOMENDASI"] == "boilerplate"
    assert labels["Harga Gandum Dunia Turun Tajam"] == "boilerplate"
    assert labels["Di sisi lain, organisasi petani menilai bantuan itu terlambat datang dan jumlahnya belum "
                  "cukup untuk menutup kerugian."] == "body"


def test_a_paragraph_cut_off_by_the_capture_is_body() -> None:
    labels = labels_of(INLINE_WIDGET_AND_CUT)
    cut = "Menteri pertanian berjanji meninjau ulang besaran bantuan setelah pendataan selesai pada akhir bulan depan"
    assert labels[cut] == "body"
    assert labels_of("JAKARTA - Presiden membuka sidang kabinet pada Senin pagi di istana.\n"
                     "Berita Terkait\nHarga Cabai Naik Menjelang Lebaran di Pasar Induk Kota")[
        "Harga Cabai Naik Menjelang Lebaran di Pasar Induk Kota"] == "boilerplate"


@pytest.mark.parametrize(("line", "place", "outlet"), [
    ("WARTAKITA, Bandung - Pemerintah provinsi membuka posko banjir.", "Bandung", "WARTAKITA"),
    ("KABAR NUSA, JAKARTA – Presiden menerima kunjungan perdana menteri.", "JAKARTA", "KABAR NUSA"),
    ("Putrajaya, Malaysia — Pemerintah Malaysia menawarkan diri menjadi penengah.", "Putrajaya", None),
    ("KABARKITA. ID, SEMARANG – Gubernur meresmikan jembatan baru.", "SEMARANG", "KABARKITA. ID"),
    ("Kabarkita.com, Internasional – Tiongkok menaikkan tarif impor.", None, "Kabarkita.com"),
    ("IDXChannel - Presiden bertemu investor asing di istana.", None, "IDXChannel"),
    # outlets whose name holds a city: the table or the gazetteer tells the two apart
    ("Radar Malang, MALANG – Wali kota meresmikan pasar rakyat.", "MALANG", "Radar Malang"),
    ("Pos Kupang, KUPANG - Gubernur membuka pameran tenun.", "KUPANG", "Pos Kupang"),
    ("Tribun Medan – Gubernur membuka pameran kopi.", None, "Tribun Medan"),
])
def test_dateline_parts_are_told_apart_by_the_gazetteer_and_the_outlets_table(
        line: str, place: str | None, outlet: str | None) -> None:
    found = split_dateline(line)
    assert found is not None
    assert (found.place, found.outlet) == (place, outlet)


def test_a_rubric_in_the_dateline_slot_is_no_place() -> None:
    found = split_dateline("Konflik – Mediasi kedua pihak akhirnya menghasilkan gencatan senjata.")
    assert found is not None and found.place is None and found.outlet is None
    assert split_dateline("Presiden Jokowi, Menteri Retno - Keduanya hadir di sana.") is None


STORY = ("BERLIN - Pemerintah Jerman mengumumkan rencana pembangunan jalur kereta cepat menuju Polandia.\n"
         "Proyek itu diperkirakan selesai dalam delapan tahun dengan biaya puluhan miliar euro.\n")


@pytest.mark.parametrize("sign", ["Halaman selanjutnya", "Baca halaman berikutnya", "Halaman: 1 2 3"])
def test_a_story_that_continues_on_another_page_is_flagged(sign: str) -> None:
    article = clean(RawDoc("page.txt", STORY + sign + "\n", "text"))
    assert any("continues on another page" in w for w in article.warnings)
    assert sign not in article.text


def test_a_next_page_link_flags_html_but_a_next_post_link_does_not() -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY.strip().split("\n"))
    paged = f'<html><head><link rel="next" href="https://kabar.id/berita/881?page=2"></head><body>{paragraphs}</body></html>'
    blog = f'<html><head><link rel="next" href="https://kabar.id/2024/05/berita-lain.html"></head><body>{paragraphs}</body></html>'
    assert clean(RawDoc("p.html", paged, "html")).warnings
    assert not clean(RawDoc("p.html", blog, "html")).warnings
    assert not clean(RawDoc("page.txt", STORY, "text")).warnings


def test_rel_next_counts_only_as_a_whole_attribute_and_a_next_page_anchor_in_html_is_seen() -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY.strip().split("\n"))
    glued = f'<html><head><link data-prel="next" href="/berita/881?page=2"></head><body>{paragraphs}</body></html>'
    upper = f'<html><head><LINK REL=NEXT HREF="/berita/881/halaman-2"></head><body>{paragraphs}</body></html>'
    anchor = f'<html><body>{paragraphs}<a href="/berita/881/2"> Halaman Berikutnya </a></body></html>'
    assert not clean(RawDoc("p.html", glued, "html")).warnings
    assert any("rel=" in w for w in clean(RawDoc("p.html", upper, "html")).warnings)
    assert any("Halaman Berikutnya" in w for w in clean(RawDoc("p.html", anchor, "html")).warnings)


def test_a_headline_under_a_related_heading_is_no_subhead_even_on_the_same_topic() -> None:
    page = ("JAKARTA - Menteri luar negeri menerima kunjungan mitranya dari Selandia Baru di Jakarta pada Senin.\n"
            "Baca juga:\nMenlu Selandia Baru Kunjungi Jakarta, Bahas Perdagangan\n"
            "Sebelumnya, menlu Selandia Baru juga berkunjung ke Jakarta untuk membahas perdagangan kedua negara.\n"
            "Kedua menteri sepakat menggelar pertemuan lanjutan tahun depan.\n")
    assert labels_of(page)["Menlu Selandia Baru Kunjungi Jakarta, Bahas Perdagangan"] == "boilerplate"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", "kapal tiba", "kapal tiba di pelabuhan", "warga menunggu kapal tiba di sana",
                                 "x" * 40, "kapal tiba di pelabuhan kemarin"]), max_size=12),
       st.integers(0, 120))
def test_later_lines_hold_a_key_where_the_lines_within_reach_do(keys: list[str], reach: int) -> None:
    from sorot.clean import lines as labeller

    original = labeller.REPEAT_REACH
    labeller.REPEAT_REACH = reach           # a short reach, so that pages of a few lines reach past it
    try:
        later = labeller._LaterLines(keys)
        for i, key in enumerate(keys):
            for probe in {key, "kapal tiba", "tiba di pelabuhan"}:
                expected = any(probe in line for line in labeller._within_reach(keys, i + 1))
                assert later.may_hold(i, probe) == expected, (keys, i, probe)
    finally:
        labeller.REPEAT_REACH = original


def test_a_lead_repeated_in_a_later_paragraph_is_a_caption_only_within_reach(monkeypatch) -> None:
    from sorot.clean import lines as labeller

    lead = "Kapal pengangkut bantuan tiba di pelabuhan Gaza"
    page = [lead, "Kapal itu membawa obat dan makanan untuk warga sipil yang menunggu sejak pekan lalu di sana.",
            f"{lead} pada Selasa pagi setelah tertahan tiga hari di laut.", lead]
    items = list(enumerate(page, 1))

    def repeated_leads() -> list[str | None]:
        labels: list = [None] * len(items)
        labeller._label_repeated_leads(items, labels)
        return labels

    # the last line is the lead again, with no longer paragraph after it
    assert repeated_leads() == ["caption", None, None, None]
    monkeypatch.setattr(labeller, "REPEAT_REACH", 50)      # the repetition lies past the reach now
    assert repeated_leads() == [None, None, None, None]
