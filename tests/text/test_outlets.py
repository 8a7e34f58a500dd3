"""The outlets table: names in any listed spelling, hosts with regional subdomains."""

from __future__ import annotations

import pytest

from sorot.text.outlets import host_of, is_outlet_name, names_pattern, outlet_names_in, outlet_table


@pytest.mark.parametrize("name", ["Kompas", "KOMPAS.com", "Tempo", "detikNews"])
def test_listed_spellings_are_outlet_names(name: str) -> None:
    assert is_outlet_name(name)


@pytest.mark.parametrize("name", ["kompas", "Rumah Sakit", "Presiden", ""])
def test_other_words_and_unlisted_lower_case_are_not(name: str) -> None:
    assert not is_outlet_name(name)


@pytest.mark.parametrize("url, name", [
    ("https://jogja.tribunnews.com/2024/01/02/berita", "Tribun Jogja"),
    ("https://www.tribunnews.com/internasional/2024/01/02/berita", "Tribunnews"),
    ("m.tribunnews.com", "Tribunnews"),
])
def test_hosts_resolve_to_the_outlet_and_the_name_to_report(url: str, name: str) -> None:
    found = outlet_table().for_host(url)
    assert found is not None and found[1] == name


def test_host_of() -> None:
    assert host_of("https://www.contoh.co.id/a/b") == "contoh.co.id"
    assert host_of("contoh.id") == "contoh.id"
    assert host_of("") is None


@pytest.mark.parametrize("line", [
    "Danu Prasetya - detikNews", "DANU PRASETYA - DETIKNEWS", "© 2024 KOMPAS.com, hak cipta dilindungi",
    "Baca di kompas.com/read dan Tempo.co", "Laporan Kantor Berita Antara dari İzmir", "Tempo-Tempo Tempo.",
    "Tribun-Bali.com | TRIBUN-BALI.COM", "xKompas Kompasx Kompas_ .Kompas", "Berita terkini, “Republika.co.id”",
    "ſerambi Indonesia", "Tidak ada nama media di sini", "",
])
def test_outlet_names_are_found_as_the_pattern_ignoring_case_finds_them(line: str) -> None:
    assert outlet_names_in(line) == [match.group(0) for match in names_pattern().finditer(line)]


def test_outlet_names_are_given_as_written() -> None:
    assert outlet_names_in("Oleh Danu - DETIKNEWS, dari kompas.com") == ["DETIKNEWS", "kompas.com"]
