"""Case, accent, punctuation and spacing folding: each key answers its own comparison."""

from __future__ import annotations

import pytest

from sorot.text.normalise import ascii_words, fold, line_key, squash, squash_spaces


@pytest.mark.parametrize("text, expected", [
    ("Sékou Touré", "sekou toure"),
    ("ÉLYSÉE", "elysee"),
    ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
    ("São Tomé", "sao tome"),
])
def test_fold_drops_case_and_accents_and_keeps_the_rest(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize("spellings", [
    ("Warta-Kita.com", "WARTAKITA.COM", "Warta Kita com"),
    ("Kabar Nusantara", "KABAR NUSANTARA", "kabar-nusantara", "Kabar Nusántara"),
])
def test_squash_makes_spellings_of_one_name_equal(spellings: tuple[str, ...]) -> None:
    assert len({squash(s) for s in spellings}) == 1
    assert squash(spellings[0]).isalnum()


def test_squash_of_nothing_is_empty() -> None:
    assert squash(None) == "" and squash("  -- ") == ""


@pytest.mark.parametrize("text, expected", [
    ("Baca juga:  Presiden Tiba di Hanoi!", "baca juga presiden tiba di hanoi"),
    ("Kunjungan   Menlu—Pekan Depan", "kunjungan menlu pekan depan"),
    ("  «Café» Baru ", "cafe baru"),
])
def test_line_key_folds_punctuation_and_spacing_but_keeps_words_apart(text: str, expected: str) -> None:
    assert line_key(text) == expected


def test_line_key_makes_a_repeated_line_equal_to_its_copy() -> None:
    assert line_key("Menlu Bertemu Mitranya, Senin.") == line_key("menlu  bertemu mitranya senin")


@pytest.mark.parametrize("text, expected", [
    ("Kunjungan ke Pyongyang, 2024.", "kunjungan ke pyongyang 2024"),
    ("Perdana_Menteri   tiba", "perdana menteri tiba"),
    ("kafé baru", "kaf baru"),          # a letter outside ASCII separates, as documented
])
def test_ascii_words(text: str, expected: str) -> None:
    assert ascii_words(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Bulan   Lalu", "bulan lalu"),
    ("Jum’at", "jum'at"),
    ("pekan\ndepan", "pekan depan"),
    ("KAMİS", "kamis"),            # a dotted capital I folds as re.IGNORECASE matches it
    ("HARİ İNİ", "hari ini"),
])
def test_squash_spaces_for_vocabulary_look_ups(text: str, expected: str) -> None:
    assert squash_spaces(text) == expected
