"""Time expressions in Indonesian news sentences, resolved against an anchor date."""

from datetime import date

import pytest

from sorot.schema import Article
from sorot.text import temporal
from sorot.text.temporal import YEAR_RE, find_time_expressions, resolve_anchor
from sorot.text.tokens import tokenize

WEDNESDAY = date(2023, 10, 18)

CASES = [
    ("Lavrov, yang tiba di Beijing pada hari Senin(16/10), mengumumkan rencana itu.", "hari Senin(16/10)",
     "2023-10-16", "past"),
    ("Putin tiba di Beijing pada Selasa (17/10/2023) untuk forum itu.", "Selasa (17/10/2023)", "2023-10-17", "past"),
    ("Kesepakatan dagang itu diteken (2/10/2023).", "(2/10/2023)", "2023-10-02", "past"),
    ("Kedua menteri bertemu di Jakarta pada Senin.", "Senin", "2023-10-16", "past"),
    ("Senin lalu, Presiden Rusia menelepon Xi Jinping.", "Senin lalu", "2023-10-16", "past"),
    ("Rabu lalu, delegasi Cina tiba di Moskow.", "Rabu lalu", "2023-10-11", "past"),
    ("Kamis malam, rudal menghantam pinggiran Kyiv.", "Kamis malam", "2023-10-12", "past"),
    ("Putin akan berkunjung ke Beijing pada Senin.", "Senin", "2023-10-23", "future"),
    ("Wang Yi dijadwalkan tiba di Moskow Senin depan.", "Senin depan", "2023-10-23", "future"),
    ("Kemarin, Wang Yi tiba di Moskow.", "Kemarin", "2023-10-17", "past"),
    ("Kedua pemimpin bertemu hari ini di Beijing.", "hari ini", "2023-10-18", "present"),
    ("Delegasi Indonesia berangkat besok ke Kairo.", "besok", "2023-10-19", "future"),
    ("KTT ASEAN dibuka lusa di Jakarta.", "lusa", "2023-10-20", "future"),
    ("Pekan lalu pasukan Rusia menyerang Kharkiv.", "Pekan lalu", "2023-10", "past"),
    ("Latihan militer gabungan dimulai minggu depan.", "minggu depan", "2023-10", "future"),
    ("Kedua negara akan kembali berunding bulan depan.", "bulan depan", "2023-11", "future"),
    ("Menteri itu berkunjung ke Tokyo bulan lalu.", "bulan lalu", "2023-09", "past"),
    ("Bantuan kemanusiaan tiba pada awal bulan ini.", "awal bulan ini", "2023-10", "present"),
    ("Kapal induk itu berlabuh akhir pekan ini.", "akhir pekan ini", "2023-10-21", "present"),
    ("Nilai perdagangan kedua negara naik tahun lalu.", "tahun lalu", "2022", "past"),
    ("Rusia menginvasi Ukraina pada Februari tahun lalu.", "Februari tahun lalu", "2022-02", "past"),
    ("Kedua presiden bertemu pada Februari 2022 di Beijing.", "Februari 2022", "2022-02", "past"),
    ("Putin akan ke Beijing pada Oktober mendatang.", "Oktober mendatang", "2023-10", "future"),
    ("Invasi itu dimulai pada 2022.", "2022", "2022", "past"),
    ("Hubungan kedua negara memburuk pada tahun 2014.", "tahun 2014", "2014", "past"),
    ("Bentrokan perbatasan Cina dan Uni Soviet pecah tahun 1969.", "tahun 1969", "1969", "past"),
    ("Sidang umum itu digelar pada 16 Mei 2023.", "16 Mei 2023", "2023-05-16", "past"),
    ("Sidang umum itu digelar pada 16 Oktober.", "16 Oktober", "2023-10-16", "past"),
    ("Dua hari lalu rudal jatuh di wilayah Polandia.", "Dua hari lalu", "2023-10-16", "past"),
    ("Tiga pekan lalu kedua menteri bertemu di Hanoi.", "Tiga pekan lalu", "2023-09", "past"),
    ("Kapal itu tiba di Manila pada Minggu (15/10).", "Minggu (15/10)", "2023-10-15", "past"),
    ("Sepekan lalu ia tiba di Canberra.", "Sepekan lalu", "2023-10", "past"),
    ("Kedua menlu bertemu Kamis ini di Doha.", "Kamis ini", "2023-10-19", "present"),
    ("Pada Rabu, 4 Oktober 2023, Xi berbicara dengan Putin.", "Rabu, 4 Oktober 2023", "2023-10-04", "past"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "relation"), CASES)
def test_time_expression(sentence, surface, value, relation):
    found = find_time_expressions(sentence, WEDNESDAY)
    assert [(e.surface, e.value, e.relation) for e in found] == [(surface, value, relation)]
    assert sentence[found[0].start:found[0].end] == surface


def test_day_name_disagreeing_with_the_date_gives_the_month():
    found = find_time_expressions("Pertemuan digelar pada Senin (17/10).", WEDNESDAY)
    assert [e.value for e in found] == ["2023-10"]


def test_day_after_a_dated_event():
    sentence = "Sehari setelah pertemuan pada Selasa (17/10/2023), Xi berpidato."
    values = [(e.surface, e.value) for e in find_time_expressions(sentence, WEDNESDAY)]
    assert values == [("Sehari setelah", "2023-10-18"), ("Selasa (17/10/2023)", "2023-10-17")]


def test_week_noun_is_not_sunday():
    found = find_time_expressions("Minggu lalu, kedua pihak sepakat gencatan senjata.", WEDNESDAY)
    assert [e.value for e in found] == ["2023-10"]


def test_year_without_a_cue_is_not_a_date():
    assert find_time_expressions("Sebanyak 2022 warga dievakuasi dari kota itu.", WEDNESDAY) == []


def test_year_of_a_day_month_date_is_the_nearest_to_the_anchor():
    found = find_time_expressions("Perjanjian itu berlaku pada 28 Desember.", date(2024, 1, 3))
    assert found[0].value == "2023-12-28"


def test_resolve_anchor_prefers_the_story_date():
    assert resolve_anchor(Article(source="x", published="2024-07-24", story_date="2024-05-16")) == date(2024, 5, 16)
    assert resolve_anchor(Article(source="x", published="2023-10-18T12:12:00+07:00")) == date(2023, 10, 18)
    assert resolve_anchor(Article(source="x")) is None


@pytest.mark.parametrize(("sentence", "surface", "value"), [
    ("Delegasi itu tiba pada hari KAMİS lalu.", "hari KAMİS lalu", "2023-10-12"),
    ("Menteri itu berbicara HARİ İNİ di Kairo.", "HARİ İNİ", "2023-10-18"),
    ("Kedua pihak bertemu SENİN pagi.", "SENİN pagi", "2023-10-16"),
])
def test_dotted_capital_i_is_read_as_i(sentence, surface, value):
    """Text typed with a Turkish dotted capital I ("İ") is read like plain capitals, not a crash."""
    found = find_time_expressions(sentence, WEDNESDAY)
    assert [(t.surface, t.value) for t in found] == [(surface, value)]


@pytest.mark.parametrize("sentence", [case[0] for case in CASES] + [
    "Delegasi itu tiba pada hari KAMİS lalu.",
    "Pertemuan digelar pada Senin (17/10).",
    "Sebanyak 2022 warga dievakuasi dari kota itu.",
    "Kapal itu berangkat dari Manila sepekan setelah badai reda.",
])
def test_the_tokens_words_give_what_the_text_gives(sentence):
    """The events stage hands over its tokens' lower-case forms: the expressions found are those the text alone
    gives, for plain and for non-ASCII sentences."""
    lows = [token.low for token in tokenize(sentence)]
    with_tokens = find_time_expressions(sentence, WEDNESDAY, lows)
    assert with_tokens == find_time_expressions(sentence, WEDNESDAY)


@pytest.mark.parametrize(("sentence", "searched", "found"), [
    # a written year but no month name: the full-date rule "4 Desember 2024" is not searched
    ("Invasi itu dimulai pada 2022 setelah 12 bulan ketegangan.", False, ["2022"]),
    ("Perundingan itu dibuka 12 Januari 2022 di Wina.", True, ["2022-01-12"]),
    ("Kedua pihak menandatangani pakta itu pada 3 Mar 2021.", True, ["2021-03-03"]),
])
def test_a_full_date_is_searched_only_where_a_month_is_named(sentence, searched, found):
    full_date = next(rule for rule in temporal._rules() if rule.resolve is temporal._named
                     and YEAR_RE in rule.gates)
    assert (full_date in temporal._searched_rules(sentence, temporal._text_words(sentence))) is searched
    assert [t.value for t in find_time_expressions(sentence, WEDNESDAY)] == found


@pytest.mark.parametrize(("sentence", "found"), [
    ("Tiga bulan silam kedua menteri bertemu.", [("Tiga bulan silam", "2023-07")]),
    ("Empat hari yang lalu rudal itu diluncurkan.", [("Empat hari yang lalu", "2023-10-14")]),
    ("Dua pekan ke depan kedua negara berunding.", [("Dua pekan ke depan", "2023-11")]),
    ("Dua pekan kemudian kedua negara berunding.", []),
])
def test_a_span_needs_its_relation_word(sentence, found):
    """"dua pekan lalu": the span rule is searched only where a word of its relation stands."""
    assert [(t.surface, t.value) for t in find_time_expressions(sentence, WEDNESDAY)] == found
