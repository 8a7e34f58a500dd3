"""Datelines opening a story: the place, the outlet or wire agency, and where the story starts.

`known_place` is how a stage lends the recogniser its gazetteer; here a small set stands in for it.
"""

from __future__ import annotations

import pytest

from sorot.text.datelines import bare_dateline, dateline_words, split_dateline

KNOWN = {"Surabaya", "Malang", "Putrajaya", "Malaysia"}


def known(name: str) -> bool:
    return name.strip() in KNOWN


@pytest.mark.parametrize("line, place, outlet", [
    ("MEDAN (ANTARA) - Gubernur meresmikan pelabuhan baru.", "MEDAN", "ANTARA"),
    ("Ankara (Reuters) -- Parlemen menyetujui anggaran.", "Ankara", "Reuters"),
    ("WARTAKITA.COM, Palu - Warga mulai kembali ke rumah.", "Palu", "WARTAKITA.COM"),
    ("Semarang, KabarKita -- Banjir surut sejak pagi.", "Semarang", "KabarKita"),
    ("Buenos Aires - Presiden Argentina menerima tamu.", "Buenos Aires", None),
    ("SAN JOSE DEL MONTE - Hujan deras mengguyur kota.", "SAN JOSE DEL MONTE", None),
])
def test_a_dateline_gives_place_outlet_and_the_story_start(line: str, place: str, outlet: str | None) -> None:
    found = split_dateline(line)
    assert found is not None and (found.place, found.outlet) == (place, outlet)
    assert line[found.end:][0].isupper()


@pytest.mark.parametrize("line", [
    "Menteri itu – yang baru dilantik pekan lalu – hadir di sana.",
    "Hubungan Jepang-Korea - kata pengamat - terus membaik.",
    "Gubernur Budi, Wakil Gubernur Sari - Keduanya menghadiri rapat.",
    "Kerja sama itu berlanjut tahun depan.",
])
def test_a_dash_inside_a_sentence_is_no_dateline(line: str) -> None:
    assert split_dateline(line) is None


def test_a_rubric_in_the_dateline_slot_still_marks_the_story_start() -> None:
    found = split_dateline("Politik – Parlemen menunda pemungutan suara.")
    assert found is not None and found.place is None and found.outlet is None
    assert "politik" in dateline_words().section_words


def test_the_gazetteer_tells_the_place_from_an_outlet_named_like_a_place() -> None:
    line = "WARTA NUSA, Surabaya - Pelabuhan dibuka kembali."
    without = split_dateline(line)
    assert without is not None and without.place == "WARTA NUSA"    # shape alone: the upper-case part
    found = split_dateline(line, known)
    assert found is not None and (found.place, found.outlet) == ("Surabaya", "WARTA NUSA")


def test_two_known_places_are_a_place_and_its_country() -> None:
    found = split_dateline("Putrajaya, Malaysia - Kedua menteri bertemu.", known)
    assert found is not None and (found.place, found.outlet) == ("Putrajaya", None)


@pytest.mark.parametrize("line, place, outlet", [
    ("Malang, (Kabarkita.id)-", "Malang", "Kabarkita.id"),
    ("  DENPASAR (ANTARA) -  ", "DENPASAR", "ANTARA"),
])
def test_a_dateline_printed_on_its_own_line(line: str, place: str, outlet: str) -> None:
    found = bare_dateline(line, known)
    assert found is not None and (found.place, found.outlet) == (place, outlet)


def test_a_line_that_goes_on_after_the_dash_is_not_a_bare_dateline() -> None:
    assert bare_dateline("MEDAN (ANTARA) - Gubernur meresmikan pelabuhan.") is None
