"""The shortcuts of the events and quotes stages find what the full scans found: time expressions whatever
their case (the gates that spare sentences a search), triggers once words are known to start none (the
learnt index), quote marks found by one expression (two apostrophes as a straight quote)."""

from __future__ import annotations

import datetime as dt

import pytest

from sorot.events import _ActStems
from sorot.events import text as event_text
from sorot.events.coder import Clause, clause_boundaries
from sorot.events.resources import act_stems, lexicon
from sorot.events.text import TriggerIndex, find_triggers, tokenize, trigger_index
from sorot.quotes.spans import quote_spans
from sorot.text.temporal import find_time_expressions
from sorot.text.words import stem

ANCHOR = dt.date(2024, 3, 15)    # a Friday


def values(text: str) -> list[str]:
    return [t.value for t in find_time_expressions(text, ANCHOR)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Pasukan itu mundur SEBULAN LALU.", ["2024-02"]),
    ("Pasukan itu mundur sebulan lalu.", ["2024-02"]),
    ("Kapal perang tiba pada Jum’at (8/3) pagi.", ["2024-03-08"]),
    ("Kapal perang tiba pada JUM'AT (8/3) pagi.", ["2024-03-08"]),
    ("KEMARIN LUSA kedua menteri bertemu.", ["2024-03-13"]),
    ("Perundingan dimulai 4 MARET 2024 di Doha.", ["2024-03-04"]),
    # a dotted capital I ("İ") matches "i" case-insensitively but does not casefold to it: with one in the
    # text the word gates are off, and the expressions are found all the same
    ("Presiden İlham Aliyev tiba kemarin.", ["2024-03-14"]),
])
def test_time_expressions_are_found_in_any_case(text: str, expected: list[str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize("text", [
    "Kedua negara sepakat memperluas kerja sama perdagangan.",
    "Menteri itu menolak berkomentar soal rencana tersebut.",
    "",
])
def test_a_sentence_without_digit_or_time_word_has_no_time_expression(text: str) -> None:
    assert values(text) == []


SENTENCES = [
    "Rusia menyerang Ukraina dan Ukraina membalas serangan itu.",
    "Jepang mengecam peluncuran rudal Korea Utara.",
    "Indonesia dan Malaysia menandatangani nota kesepahaman di Jakarta.",
    "Presiden itu bertemu Perdana Menteri Australia, lalu menyerukan gencatan senjata.",
]


def triggers(sentence: str) -> list[tuple[str, int, int]]:
    return [(t.entry.id, t.first, t.last) for t in find_triggers(tokenize(sentence))]


def test_triggers_are_the_same_once_words_are_known_to_start_none() -> None:
    first = [triggers(s) for s in SENTENCES]
    assert any(first)
    assert [triggers(s) for s in SENTENCES] == first     # the second pass skips the words learnt inert


def test_the_learnt_tables_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [triggers(s) for s in SENTENCES]
    fresh = TriggerIndex(lexicon(), trigger_index().non_triggers)
    monkeypatch.setattr(TriggerIndex, "MAX_WORDS", 3)
    monkeypatch.setattr(event_text, "trigger_index", lambda: fresh)
    assert [triggers(s) for s in SENTENCES] == expected
    assert len(fresh._inert) <= 3 and len(fresh._known) <= 3


@pytest.mark.parametrize(("text", "inside"), [
    ("Ia berkata ''kami tidak akan mundur'' kepada wartawan.", "kami tidak akan mundur"),
    ("Ia berkata \"kami tidak akan mundur\" kepada wartawan.", "kami tidak akan mundur"),
    ("Ia berkata „kami tidak akan mundur“ kepada wartawan.", "kami tidak akan mundur"),
    ("Ia berkata «kami tidak akan mundur» kepada wartawan.", "kami tidak akan mundur"),
])
def test_quote_marks_of_every_kind_are_paired(text: str, inside: str) -> None:
    (span,) = quote_spans(text)
    assert text[span.start:span.end] == inside


def test_a_lone_apostrophe_is_no_quote_mark() -> None:
    text = "Kata ma'af itu ia ucapkan, “kami menyesal,” ujarnya."
    (span,) = quote_spans(text)
    assert text[span.start:span.end] == "kami menyesal,"


# each with an affix that changes or drops the root's first letter, or none
AFFIXED = ["menyerang", "penyerangan", "diserang", "serangan", "memperkuat", "menembakkan", "penembakan",
           "mengirimkan", "pengiriman", "mengecam", "kecaman", "memutus", "pemutusan", "menolak", "penolakan",
           "bertemu", "pertemuan", "menemui", "mendukung", "dukungannya", "menuduh", "tuduhan", "dibombardir",
           "menelembak",   # an infix dropped as well: men + t(el)embak
           "ditolaknya", "dikecamlah", "serangannyapun", "pemutusannya", "menyerangkah"]   # particles too


@pytest.mark.parametrize("word", AFFIXED)
def test_a_word_whose_stem_is_an_entry_is_stemmed(word: str) -> None:
    index = trigger_index()
    assert stem(word) in index.by_stem
    assert index.may_stem_to_an_entry(word)


@pytest.mark.parametrize("word", ["gedung", "wilayah", "lembaga", "xyz"])
def test_a_word_no_root_can_come_from_is_not_stemmed(word: str) -> None:
    index = trigger_index()
    assert stem(word) not in index.by_stem
    assert not index.may_stem_to_an_entry(word)


# sentences with several clauses, brackets, scare quotes and words opening lexicon phrases
CLAUSED = [
    "Sebelum invasi Rusia ke Ukraina, kedua negara sepakat; namun (PM) Jepang menolak “tindakan keras” itu.",
    "Menurut juru bicara itu, Israel menyerang Gaza (30/3) dan Hamas membalas: roket ditembakkan ke Tel Aviv.",
    "China mengecam latihan militer AS di Laut China Selatan: Filipina, yang menggelarnya, membantah tuduhan itu.",
]


def _reference_clause_start(boundaries: list[int], index: int) -> int:
    return max((b for b in boundaries if b <= index), default=0)


def _reference_clause_end(boundaries: list[int], index: int, length: int) -> int:
    return min((b for b in boundaries if b > index), default=length)


@pytest.mark.parametrize("sentence", CLAUSED)
def test_a_tokens_clause_found_by_bisection_is_the_one_a_scan_finds(sentence: str) -> None:
    tokens = tokenize(sentence)
    boundaries = clause_boundaries(tokens)
    assert len(boundaries) > 1
    clause = Clause(tokens, [], find_triggers(tokens), boundaries)
    for index in range(len(tokens)):
        assert clause.clause_start(index) == _reference_clause_start(boundaries, index)
        assert clause.clause_end(index) == _reference_clause_end(boundaries, index, len(tokens))


@pytest.mark.parametrize("sentence", CLAUSED + SENTENCES)
def test_every_candidate_entry_matches_the_word_it_was_found_by(sentence: str) -> None:
    tokens = tokenize(sentence)
    index = trigger_index()
    checked = 0
    for token in tokens:
        for entry in index.candidates(token.low):
            # the index's key is the entry's first word: the word always matches it, so it is not matched again
            assert any(token.low == form or (by_stem and stem(token.low) == form) for form, by_stem in entry.items[0])
            checked += 1
    assert checked


def test_act_stems_remembered_per_word_are_those_the_stemmer_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    words = ["meluncurkan", "peluncuran", "menggelar", "mengecam", "menyerang", "gedung", "mereka", "menteri"]
    stems = act_stems()
    expected = [stem(w) if stem(w) in stems else None for w in words]
    assert any(expected) and None in expected
    monkeypatch.setattr(_ActStems, "MAX_WORDS", 3)
    acts = _ActStems(stems)
    assert [acts.of(w) for w in words] == expected
    assert [acts.of(w) for w in words] == expected     # now partly from memory
    assert len(acts.known) <= 3
