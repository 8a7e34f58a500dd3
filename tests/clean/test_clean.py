"""Line labelling and body text on pages the team wrote in the shape of real scrapes."""

from sorot.clean import clean, label_lines, split_dateline
from sorot.schema import RawDoc

PAGE = """Kamis, 16 Mei 2024 - 10:01 WIB

Menlu RI Bertemu Menlu Jepang, Bahas Kerja Sama Maritim

Penulis: Dewi Lestari | Editor: Bambang Prasetyo

Menteri Luar Negeri RI bertemu dengan mitranya dari Jepang di Tokyo, Rabu (15/5/2024)
Foto: ANTARA FOTO/Rina Wulandari
Menteri Luar Negeri RI bertemu dengan mitranya dari Jepang di Tokyo, Rabu (15/5/2024)

TOKYO, KOMPAS.com - Menteri Luar Negeri RI bertemu dengan mitranya dari Jepang di Tokyo, Rabu (15/5/2024), untuk membahas kerja sama maritim kedua negara.

Kedua menteri sepakat memperkuat patroli bersama di perairan regional dan pertukaran data pelayaran.

Baca Juga: Harga Beras Naik Jelang Lebaran, Ini Kata Pedagang

Pertemuan itu berlangsung selama dua jam di kantor Kementerian Luar Negeri Jepang.

Menlu RI dan Menlu Jepang

"Kami ingin laut di kawasan ini tetap aman dan terbuka bagi semua negara," kata sang menteri kepada wartawan.

Kedua menteri sepakat memperkuat patroli bersama di perairan regional dan pertukaran data pelayaran.

Jepang merupakan salah satu mitra dagang terbesar Indonesia di Asia.(rdn/nvc)

ADVERTISEMENT
SCROLL TO CONTINUE WITH CONTENT
Tags: Jepang Menlu Maritim
Berita Terkait
Presiden Tinjau Banjir di Demak
Komentar
Login untuk berkomentar
"""


def labels_of(text: str) -> dict[str, str]:
    return {line.text: line.label for line in label_lines(text.split("\n"))}


def test_regions_of_a_scraped_page_get_their_labels():
    labels = labels_of(PAGE)
    assert labels["Menlu RI Bertemu Menlu Jepang, Bahas Kerja Sama Maritim"] == "title"
    assert labels["Foto: ANTARA FOTO/Rina Wulandari"] == "caption"
    assert labels["Menteri Luar Negeri RI bertemu dengan mitranya dari Jepang di Tokyo, Rabu (15/5/2024)"] == "caption"
    assert labels["Baca Juga: Harga Beras Naik Jelang Lebaran, Ini Kata Pedagang"] == "boilerplate"
    assert labels["Menlu RI dan Menlu Jepang"] == "caption"
    for widget in ("ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Tags: Jepang Menlu Maritim",
                   "Berita Terkait", "Presiden Tinjau Banjir di Demak", "Komentar", "Login untuk berkomentar"):
        assert labels[widget] == "boilerplate", widget


def test_repeated_paragraph_is_a_duplicate_and_kept_once():
    lines = label_lines(PAGE.split("\n"))
    repeated = [ln.label for ln in lines if ln.text.startswith("Kedua menteri sepakat")]
    assert repeated == ["body", "duplicate"]


def test_line_numbers_are_the_raw_ones():
    lines = label_lines(["", "Judul berita ini cukup panjang", "", "Paragraf pertama berisi kalimat yang lengkap."])
    assert [ln.n for ln in lines] == [2, 4]


def test_clean_text_drops_dateline_sign_off_and_noise():
    article = clean(RawDoc(source="page.txt", content=PAGE, format="text"))
    assert article.dateline == "TOKYO"
    assert article.outlet == "KOMPAS.com"
    assert article.text.startswith("Menteri Luar Negeri RI bertemu")
    assert article.text.endswith("terbesar Indonesia di Asia.")
    assert article.text.count("Kedua menteri sepakat") == 1
    assert "Baca Juga" not in article.text and "ANTARA FOTO" not in article.text
    assert "\n\n" in article.text


def test_sign_off_keeps_acronyms_in_brackets():
    article = clean(RawDoc(source="x.txt", content="Presiden hadir di forum kerja sama ekonomi Asia Pasifik (APEC)",
                           format="text"))
    assert article.text.endswith("(APEC)")


def test_datelines_of_many_outlets():
    cases = {
        "REPUBLIKA.CO.ID, KAIRO -- Pemerintah Mesir": ("KAIRO", "REPUBLIKA.CO.ID"),
        "KUALA LUMPUR (ANTARA) - Perdana Menteri": ("KUALA LUMPUR", "ANTARA"),
        "Jakarta, CNN Indonesia -- Menteri": ("Jakarta", "CNN Indonesia"),
        "Liputan6.com, Jakarta - Presiden": ("Jakarta", "Liputan6.com"),
        "Jenewa - Badan PBB": ("Jenewa", None),
        "Kyiv – KabarDunia Pasukan Ukraina": ("Kyiv", "KabarDunia"),
    }
    for line, (place, outlet) in cases.items():
        found = split_dateline(line)
        assert found is not None, line
        assert (found.place, found.outlet) == (place, outlet), line


def test_dash_inside_a_sentence_is_not_a_dateline():
    assert split_dateline("Putin – yang delegasinya mencakup pejabat tinggi – disambut oleh Xi.") is None
    assert split_dateline("Hubungan AS-Rusia - menurut para analis - terus memburuk.") is None


def test_name_only_bylines_are_meta_not_titles():
    page = ("Macron Tiba di Jakarta untuk Kunjungan Kenegaraan\n"
            "Sinta Dewi - detikNews\n"
            "Kamis, 16 Mei 2024 10:01 WIB\n"
            "JAKARTA - Presiden Prancis Emmanuel Macron tiba di Jakarta untuk kunjungan kenegaraan.\n"
            "Kedua pemimpin dijadwalkan membahas kerja sama pertahanan dan energi terbarukan.\n")
    labels = labels_of(page)
    assert labels["Macron Tiba di Jakarta untuk Kunjungan Kenegaraan"] == "title"
    assert labels["Sinta Dewi - detikNews"] == "meta"


def test_breadcrumbs_reading_time_and_credits():
    page = ("Tribunnews.com » Internasional\n"
            "Korea Utara Uji Coba Rudal Balistik Antarbenua Baru\n"
            "waktu baca 2 menit\n"
            "Kim Jong Un memantau peluncuran rudal. [AFP]\n"
            "SEOUL - Korea Utara menembakkan rudal balistik antarbenua ke Laut Jepang pada Kamis pagi.\n"
            "Militer Korea Selatan mengatakan rudal itu terbang selama lebih dari satu jam.\n")
    labels = labels_of(page)
    assert labels["Tribunnews.com » Internasional"] == "boilerplate"
    assert labels["Korea Utara Uji Coba Rudal Balistik Antarbenua Baru"] == "title"
    assert labels["waktu baca 2 menit"] == "boilerplate"
    assert labels["Kim Jong Un memantau peluncuran rudal. [AFP]"] == "caption"


def test_dateline_with_particles_and_a_tight_dash():
    assert split_dateline("Rio de Janeiro (ANTARA) - Presiden RI hadir.").place == "Rio de Janeiro"
    assert split_dateline("JAKARTA-Indonesia resmi menjadi anggota BRICS.").place == "JAKARTA"
    assert split_dateline("NATO-Rusia kembali bersitegang.") is None


def test_an_unlisted_outlet_after_the_place():
    found = split_dateline("SEOUL, Berita Satu - Korea Utara kembali menembakkan rudal.")
    assert (found.place, found.outlet) == ("SEOUL", "Berita Satu")
    assert split_dateline("Presiden Jokowi, Menteri Retno - Keduanya hadir di sana.") is None


def test_caption_beside_a_credit_is_no_title_and_a_short_last_sentence_is_body():
    page = ("Kompas.com - 27/07/2024, 18:45 WIB\n"
            "Lihat Foto\n"
            "Para menteri luar negeri ASEAN berfoto bersama sebelum sidang di Vientiane, Laos.\n"
            "AFP/SOUVANNA KHAMPHOUI\n"
            "Menlu ASEAN Desak China Percepat Kode Etik Laut China Selatan\n"
            "VIENTIANE, KOMPAS.com - Para menteri luar negeri ASEAN mendesak China mempercepat perundingan.\n"
            "Pertemuan berikutnya dijadwalkan berlangsung di Kuala Lumpur tahun depan.\n"
            "Beijing belum berkomentar.\n"
            "Berita Terkait\n"
            "Harga Minyak Dunia Naik Lagi\n")
    labels = labels_of(page)
    assert labels["Para menteri luar negeri ASEAN berfoto bersama sebelum sidang di Vientiane, Laos."] == "caption"
    assert labels["Menlu ASEAN Desak China Percepat Kode Etik Laut China Selatan"] == "title"
    assert labels["Beijing belum berkomentar."] == "body"
    assert labels["Harga Minyak Dunia Naik Lagi"] == "boilerplate"


def test_an_outlet_named_in_capitals_opens_the_story():
    found = split_dateline("PIKIRAN RAKYAT - Presiden Prabowo Subianto hadir di Rio de Janeiro.")
    assert found.outlet == "PIKIRAN RAKYAT" and found.place is None
