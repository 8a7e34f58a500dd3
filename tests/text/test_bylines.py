"""Bylines: names of reporters and editors, and lines that are not bylines."""

import pytest

from sorot.text.bylines import parse_byline

BYLINES = [
    ("Rep: Rizky Jaramaya/ Red: Esthi Maharani", ["Rizky Jaramaya", "Esthi Maharani"]),
    ("Penulis: Glery Lazuardi | Editor: Willy Widianto", ["Glery Lazuardi", "Willy Widianto"]),
    ("Penulis: Siti Aminah, Editor: Budi Santoso", ["Siti Aminah", "Budi Santoso"]),
    ("Penulis: Glery Lazuardi Editor: Willy Widianto", ["Glery Lazuardi", "Willy Widianto"]),
    ("Reporter: Ramadhian Fadillah", ["Ramadhian Fadillah"]),
    ("Editor: Hanang Yuwono", ["Hanang Yuwono"]),
    ("Oleh: Arnold H Sianturi", ["Arnold H Sianturi"]),
    ("Laporan wartawan Tribunnews.com, Glery Lazuardi", ["Glery Lazuardi"]),
    ("Laporan Wartawan TribunSolo.com, Adi Surya Samodra", ["Adi Surya Samodra"]),
    ("Kontributor Rahmat Hidayat", ["Rahmat Hidayat"]),
    ("Pewarta: Andi Firdaus", ["Andi Firdaus"]),
    ("Editor: Agus Salim / Rina Widiastuti", ["Agus Salim", "Rina Widiastuti"]),
    ("Writer: Corry Anestia", ["Corry Anestia"]),
    ("Editor:Iskandar", ["Iskandar"]),
    ("Reporter : Ramadhian Fadillah | Jumat, 19 Juni 2015 03:40", ["Ramadhian Fadillah"]),
    ("Oleh : Arnold H Sianturi / FMB | Jumat, 9 Oktober 2020 | 14:01 WIB", ["Arnold H Sianturi"]),
    ("Reporter: Siti Nurhaliza dan Budi Hartono", ["Siti Nurhaliza", "Budi Hartono"]),
]


@pytest.mark.parametrize(("line", "names"), BYLINES)
def test_byline_names(line, names):
    assert parse_byline(line) == names


NOT_BYLINES = [
    "Kebijakan itu diumumkan oleh Menteri Luar Negeri Retno Marsudi pada Senin.",
    "Oleh karena itu, pemerintah menunda rencana tersebut.",
    "Oleh Presiden Joko Widodo",
    "Editor senior majalah itu mengatakan hal tersebut kepada wartawan.",
    "(ant)",
    "(Nama/ant)",
    "Foto: EPA-EFE/VLADIMIR ASTAPKOVICH / SPUTNIK / KREM",
    "Penulis: Tim Redaksi",
    "Editor: Antara",
    "Rabu 20 Sep 2023 14:35 WIB",
    "",
]


@pytest.mark.parametrize("line", NOT_BYLINES)
def test_not_a_byline(line):
    assert parse_byline(line) is None


def test_a_role_label_on_its_own_line_takes_the_name_below() -> None:
    from sorot.clean import clean
    from sorot.meta import extract_metadata
    from sorot.schema import RawDoc
    from sorot.text.bylines import is_role_label

    assert is_role_label("Oleh") and is_role_label("Penulis :") and not is_role_label("Oleh karena itu")
    for role, name in (("Oleh", "HARYO WICAKSONO"), ("Penulis:", "Sekar Ayu Lestari")):
        page = (f"Parlemen Eropa Setujui Paket Bantuan untuk Moldova\n{role}\n{name}\n"
                "BRUSSEL, KABAR — Parlemen Eropa menyetujui paket bantuan keuangan untuk Moldova pada Kamis.\n"
                "Paket itu mencakup pinjaman lunak dan hibah untuk sektor energi.\n")
        article = extract_metadata(clean(RawDoc("page.txt", page, "text")))
        assert article.authors == [name], role


def test_a_line_opening_with_a_word_other_than_a_role_is_no_byline() -> None:
    # the quick refusal and the full parse agree: a role label must open the line's first segment
    assert parse_byline("Penulis: Sari Wulandari | Editor: Bima Prakoso") == ["Sari Wulandari", "Bima Prakoso"]
    assert parse_byline("Kabar dari Sari Wulandari / Editor: Bima Prakoso") is None
    assert parse_byline("Pewarta Lina Kusuma, Editor: Bima Prakoso") == ["Lina Kusuma", "Bima Prakoso"]
    assert parse_byline("Sari Wulandari melaporkan dari Medan | Editor: Bima Prakoso") is None
    assert parse_byline("Menurut Editor: Bima Prakoso") is None


def test_a_cached_answer_is_a_new_list_each_time() -> None:
    first = parse_byline("Penulis: Sari Wulandari | Editor: Bima Prakoso")
    assert first is not None
    first.append("Nama Lain")          # a caller's change does not reach the next caller
    assert parse_byline("Penulis: Sari Wulandari | Editor: Bima Prakoso") == ["Sari Wulandari", "Bima Prakoso"]


def test_a_line_without_a_role_word_is_refused_before_its_dates_are_read() -> None:
    # the quick refusal (no role label or report phrase anywhere) and the full parse agree, dates or not
    from sorot.text import bylines

    for line in ("Kamis, 14 Maret 2024 | Dewi Anggraini", "Dewi Anggraini - 14/03/2024 10:15 WIB",
                 "Rapat kabinet digelar Selasa, 5 November 2024"):
        assert parse_byline(line) is None
        assert bylines._without_dates(line) != line     # each holds a date the full parse would cut out
    assert parse_byline("Kamis, 14 Maret 2024 | Penulis: Dewi Anggraini") == ["Dewi Anggraini"]
    assert parse_byline("14/03/2024 10:15 WIB / Editor : Yoga Pratama") == ["Yoga Pratama"]
    assert parse_byline("Liputan wartawan KabarKota, Yoga Pratama") == ["Yoga Pratama"]


def test_the_quick_refusal_reads_role_words_in_any_case_and_script() -> None:
    # lowered ASCII lines take the quick path, other lines the case-insensitive one: the same answers
    assert parse_byline("EDITOR : Yoga Pratama") == ["Yoga Pratama"]
    assert parse_byline("PeNuLiS: Dewi Anggraini | Editor: Yoga Pratama") == ["Dewi Anggraini", "Yoga Pratama"]
    assert parse_byline("Penulis: Dewi Anggraini – Kamis, 14 Maret 2024") == ["Dewi Anggraini"]
    assert parse_byline("Pewarta: Çağrı Yılmaz") == ["Çağrı Yılmaz"]
    assert parse_byline("Catatan redaksi – tulisan ini diperbarui") is None
    assert parse_byline("CATATAN REDAKSI: TULISAN INI DIPERBARUI") is None
