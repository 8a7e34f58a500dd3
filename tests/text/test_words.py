"""Word knowledge the stages share: Sastrawi stems, common words, name particles, the verb-prefix heuristic."""

from __future__ import annotations

import pytest

from sorot.text.words import has_verb_prefix, is_common_word, looks_verbal, name_particles, stem


@pytest.mark.parametrize("word, root", [("pertahanan", "tahan"), ("menyerang", "serang"), ("dikecam", "kecam")])
def test_stem(word: str, root: str) -> None:
    assert stem(word) == root


@pytest.mark.parametrize("word, common", [
    ("Pertahanan", True), ("Kemanusiaan", True), ("Lavrov", False), ("Subianto", False), ("G20", False),
])
def test_common_words_are_ordinary_vocabulary(word: str, common: bool) -> None:
    assert is_common_word(word) is common


def test_name_particles_hold_the_arabic_and_european_ones_but_not_the_preposition() -> None:
    particles = name_particles()
    assert {"bin", "binti", "ibn", "al", "el", "von", "van", "der", "de"} <= particles
    assert "di" not in particles   # "Ahok di Balai Kota": a preposition in Indonesian text


@pytest.mark.parametrize("word", ["menyerang", "dikecam", "bertemu", "memperingatkan", "diserbu"])
def test_affixed_verbs_look_verbal(word: str) -> None:
    assert looks_verbal(word)


@pytest.mark.parametrize("word", ["media", "dewan", "menteri", "berita", "diskusi", "dinasti", "tersebut"])
def test_nouns_and_words_sastrawi_leaves_alone_do_not(word: str) -> None:
    assert not looks_verbal(word)


def test_ter_counts_only_when_asked_for() -> None:
    assert not looks_verbal("tertembak") and looks_verbal("tertembak", stative=True)


def test_the_prefix_test_needs_room_for_a_root() -> None:
    assert not has_verb_prefix("desa") and not has_verb_prefix("media")
    assert has_verb_prefix("menembak") and has_verb_prefix("berunding") and not has_verb_prefix("terbakar")
