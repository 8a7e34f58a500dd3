"""Metadata as scored candidates with evidence: the publication date from the article head, not from a
site's date header or a related list; time zones with the evidence that fixed them; outlets read through
the outlets table; evidence kept through the store. Pages written by the team in outlets' shapes."""

import pytest

from sorot.clean import clean
from sorot.meta import extract_metadata
from sorot.meta.html import DateCandidate
from sorot.meta.published import choose
from sorot.meta.textdates import url_day
from sorot.schema import Article, RawDoc
from sorot.text.outlets import outlet_table


def process(text: str, url: str | None = None) -> Article:
    return extract_metadata(clean(RawDoc("page.txt", text, "text", url=url)))


HEADER_DATE_AND_RELATED_LIST = """Senin, 10 Juni 2024
Beranda > Internasional
Korea Selatan dan Jepang Sepakati Jalur Komunikasi Militer
Minggu, 9 Juni 2024 | 20:15 WIB
SEOUL - Korea Selatan dan Jepang menyepakati jalur komunikasi militer baru untuk mencegah insiden di laut.
Kesepakatan itu ditandatangani oleh kedua menteri pertahanan di Seoul.
Berita Terkait
Harga Minyak Dunia Naik Tajam
Jumat, 7 Juni 2024 | 08:00 WIB
Banjir Rendam Ratusan Rumah di Pesisir
Kamis, 6 Juni 2024 | 17:30 WIB
"""

RELATED_LIST_FIRST = """Terpopuler
Presiden Tinjau Pelabuhan Baru di Timur
Selasa, 4 Maret 2025 10:00 WIB
Menteri Keuangan Umumkan Paket Stimulus
Senin, 3 Maret 2025 09:00 WIB
Thailand dan Kamboja Sepakat Buka Perbatasan
Rabu, 5 Maret 2025 14:20 WIB
BANGKOK - Pemerintah Thailand dan Kamboja sepakat membuka kembali pos perbatasan mulai pekan depan.
Kedua negara juga akan membentuk komite bersama untuk mengawasi arus barang.
"""

REPORTER_DATE_LINE = """Jerman Kirim Bantuan Medis ke Sudan
Laporan: Nadia Paramitha | Kamis, 12 September 2024 - 14:05 WITA
DENPASAR - Pemerintah Jerman mengirim bantuan medis ke Sudan melalui jalur udara pada Kamis siang.
Bantuan itu berisi obat-obatan dan peralatan bedah untuk rumah sakit di Khartoum.
"""


def test_the_article_head_beats_the_site_header_and_the_related_list() -> None:
    article = process(HEADER_DATE_AND_RELATED_LIST)
    assert article.published == "2024-06-09T20:15:00+07:00"
    evidence = article.meta_evidence["published"]
    assert "article head" in evidence["source"]
    assert any("2024-06-10" in d for d in evidence["disagrees"])


def test_a_related_list_above_the_story_is_not_the_date() -> None:
    article = process(RELATED_LIST_FIRST)
    assert article.published == "2025-03-05T14:20:00+07:00"


def test_a_date_line_carrying_the_reporter_gives_date_zone_and_author() -> None:
    article = process(REPORTER_DATE_LINE)
    assert article.published == "2024-09-12T14:05:00+08:00"
    assert article.authors == ["Nadia Paramitha"]
    assert article.meta_evidence["published"]["offset"].startswith("WITA stated by line 2")


def test_the_url_date_path_adds_agreement() -> None:
    url = "https://kabar.example.co.id/internasional/2024/06/09/korea-selatan-dan-jepang-sepakati-jalur-komunikasi"
    article = process(HEADER_DATE_AND_RELATED_LIST, url=url)
    assert "URL date path" in article.meta_evidence["published"]["agrees"]
    assert "URL slug" in article.meta_evidence["title"]["agrees"]
    assert url_day("https://x.id/read/20240609/berita") == "2024-06-09"
    assert url_day("https://x.id/berita/123456") is None


@pytest.mark.parametrize(("stamps", "published", "reason"), [
    # one stamp stating its zone
    ([("2024-05-01T09:30:00+09:00", "meta", None)], "2024-05-01T09:30:00+09:00", "stated"),
    # local wall clock mislabelled UTC next to the same clock with WITA's offset
    ([("2024-05-01T09:30:00+00:00", "meta", "Z"), ("2024-05-01T09:30:00+08:00", "time", "+08:00")],
     "2024-05-01T09:30:00+08:00", "UTC label is wrong"),
    # a true UTC stamp and the WIB wall clock seven hours later
    ([("2024-05-01T02:30:00+00:00", "jsonld", "Z"), ("2024-05-01T09:30:00+07:00", "time", None)],
     "2024-05-01T09:30:00+07:00", "differ by 7 h"),
    # no zone written anywhere
    ([("2024-05-01T09:30:00+07:00", "line", None)], "2024-05-01T09:30:00+07:00", "no zone stated"),
])
def test_the_evidence_that_fixed_the_offset_is_named(
        stamps: list[tuple[str, str, str | None]], published: str, reason: str) -> None:
    choice = choose([DateCandidate(iso, source, where=source, zone=zone) for iso, source, zone in stamps])
    assert choice is not None and choice.iso == published
    assert reason in (choice.offset_reason or "")


def test_outlets_table_joins_host_masthead_and_dateline() -> None:
    table = outlet_table()
    outlet, name = table.for_host("https://jogja.tribunnews.com/2024/01/02/berita") or (None, "")
    assert name == "Tribun Jogja" and outlet is not None and outlet.network.startswith("Kompas Gramedia")
    assert table.for_host("https://www.liputan6.com/news/read/1")[0].network == "Emtek"
    assert table.for_name("TRIBUNNEWS.COM") is table.for_name("Tribunnews")
    assert table.for_name("antara") is None and table.for_name("ANTARA") is not None
    page = ("Jakarta, Kabar.com - Menteri luar negeri bertemu duta besar negara sahabat di Jakarta.\n"
            "Pertemuan itu membahas kerja sama perdagangan kedua negara.\n")
    article = process(page.replace("Kabar.com", "Liputan6.com"), url="https://www.liputan6.com/news/read/5512/menteri")
    evidence = article.meta_evidence["outlet"]
    assert evidence["source"] == "dateline prefix" and evidence["network"] == "Emtek"
    assert any(a.startswith("URL host") for a in evidence["agrees"])


def test_unknown_outlets_keep_their_own_spelling() -> None:
    page = ("SURABAYA, WARTAPESISIR.ID - Pemerintah kota membuka jalur sepeda baru di pusat kota.\n"
            "Jalur itu membentang sepanjang lima kilometer dari stasiun ke taman kota.\n")
    article = process(page)
    assert (article.outlet, article.dateline) == ("WARTAPESISIR.ID", "SURABAYA")
    assert "network" not in article.meta_evidence["outlet"]


def test_evidence_survives_the_store(tmp_path) -> None:
    from sorot.pipeline import process_raw
    from sorot.store import Store

    article = process_raw(RawDoc("page.txt", REPORTER_DATE_LINE, "text"))
    with Store(tmp_path / "s.duckdb") as store:
        store.save_batch([(article, "test")])
        stored = next(store.read_articles([article.id]))
    assert stored.meta_evidence == article.meta_evidence
    assert stored.meta_evidence["published"]["value"] == "2024-09-12T14:05:00+08:00"


def test_a_time_without_zone_takes_the_outlets_home_zone() -> None:
    page = ("Festival Layang-Layang Digelar di Pantai Padang Galak\nSabtu, 20 Juli 2024 09:45\n"
            "DENPASAR, TRIBUN-BALI.COM - Ratusan layang-layang tradisional memenuhi langit Pantai Padang Galak.\n"
            "Festival tahunan itu diikuti kelompok dari seluruh kabupaten di Bali.\n")
    article = process(page)
    assert article.published == "2024-07-20T09:45:00+08:00"
    assert "home zone of Tribun Bali" in article.meta_evidence["published"]["offset"]
    stated = process(page.replace("09:45", "09:45 WIB"))
    assert stated.published == "2024-07-20T09:45:00+07:00"
    jakarta = process(page.replace("TRIBUN-BALI.COM", "KABARJAKARTA.COM"))
    assert jakarta.published == "2024-07-20T09:45:00+07:00"


def test_an_outlet_name_that_is_also_a_word_counts_in_the_tail_only_in_a_credit() -> None:
    story = ("Tentara kedua negara menggelar latihan gabungan di perbatasan selama tiga hari berturut-turut.\n"
             "Latihan itu melibatkan kapal perang, pesawat tempur, dan pasukan darat.\n")
    assert process(story + "Perjuangan Rakyat Merdeka Melawan Penjajah\n").outlet is None
    promo = process(story + "Mau berita terbaru lainnya dari Merdeka? Ikuti kami di kanal media sosial.\n")
    assert promo.outlet == "Merdeka"
    assert promo.meta_evidence["outlet"]["source"] == "footer"


def test_the_title_evidence_names_the_headline_rules_that_fired() -> None:
    rules = process(HEADER_DATE_AND_RELATED_LIST).meta_evidence["title"]["rules"]
    assert {"T-headline-case", "T-above-date", "T-long"} <= set(rules)
    assert "T-kicker" not in rules
