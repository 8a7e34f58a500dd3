"""A scraper's date prefix before a headline."""

from __future__ import annotations

import pytest

from sorot.text.headlines import without_scrape_prefix


@pytest.mark.parametrize("text, expected", [
    (" date 2024-03-01 Menlu Tiba di Kairo", "Menlu Tiba di Kairo"),
    ("tanggal: 2023-12-31 Dua Negara Teken Perjanjian Dagang", "Dua Negara Teken Perjanjian Dagang"),
    ("Published 2022-07-15   Gencatan Senjata Diperpanjang", "Gencatan Senjata Diperpanjang"),
])
def test_the_prefix_is_removed(text: str, expected: str) -> None:
    assert without_scrape_prefix(text) == expected


@pytest.mark.parametrize("text", [
    "Menlu Tiba di Kairo pada 2024-03-01",
    "Tanggal Pemilu Ditetapkan",
    "2024-03-01 tanpa kata penanda",
])
def test_a_headline_without_the_prefix_is_unchanged(text: str) -> None:
    assert without_scrape_prefix(text) == text
