"""Cue phrases looked up over a window of tokens: the same answer as asking token by token."""

from __future__ import annotations

import pytest

from sorot.events.resources import phrases_by_first_word
from sorot.events.text import phrase_between, starts_phrase
from sorot.text.tokens import tokenize

SENTENCES = [
    "Jika perundingan gagal, kedua negara akan menjatuhkan sanksi baru.",
    "Menteri itu tidak akan menandatangani perjanjian tersebut pekan depan.",
    "Rusia disebut berencana mengirim pasukan ke perbatasan, kata pejabat itu.",
    "Apabila kesepakatan tercapai, Indonesia dan Malaysia mungkin membuka kembali jalur dagang.",
]
KEYS = ["conditionals", "speculative", "planned", "planned_after", "exceptives", "clause_openers"]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_phrase_between_is_starts_phrase_over_the_window(sentence: str) -> None:
    tokens = tokenize(sentence)
    for key in KEYS:
        assert phrases_by_first_word(key), key          # a cue list the coder really uses
        for lo in range(len(tokens)):
            for hi in range(lo, len(tokens) + 1):
                expected = any(starts_phrase(tokens, i, key) for i in range(lo, hi))
                assert phrase_between(tokens, key, lo, hi) == expected, (key, lo, hi)


def test_a_conditional_is_found_at_the_start_and_not_after_the_window() -> None:
    tokens = tokenize(SENTENCES[0])
    assert phrase_between(tokens, "conditionals", 0, 3)
    assert not phrase_between(tokens, "conditionals", 1, len(tokens))
