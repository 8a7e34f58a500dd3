"""The outlets table: names in any listed spelling, hosts with regional subdomains."""

from __future__ import annotations

import pytest

from sorot.text.outlets import host_of, is_outlet_name, outlet_table


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
