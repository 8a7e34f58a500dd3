"""Constructions of real reporters the coder missed: launches, threats on a condition, attendance, resolutions.

Sentences written for these tests, several wordings per rule.
"""

from __future__ import annotations

import pytest
from tests.events.test_code_events import reported


@pytest.mark.parametrize("text, expected", [
    ("Iran meluncurkan rudal balistik ke Israel pada Selasa malam.", ("IRN", "ASSAULT", "ISR")),
    ("Rusia kembali meluncurkan serangan ke Ukraina timur.", ("RUS", "ASSAULT", "UKR")),
    ("Korea Utara luncurkan roket ke Korea Selatan, kata militer di Seoul.", ("PRK", "ASSAULT", "KOR")),
    ("Kapal perang Rusia meluncurkan drone ke pelabuhan Ukraina.", ("RUS", "ASSAULT", "UKR")),
])
def test_a_launch_at_a_state_is_an_attack(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


def test_a_launch_with_no_state_after_it_is_no_attack() -> None:
    found = reported("Korea Utara meluncurkan rudal balistik ke laut lepas pada Jumat dini hari.")
    assert not any(kind == "ASSAULT" for _, kind, _ in found)
