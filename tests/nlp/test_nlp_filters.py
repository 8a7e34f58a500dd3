"""Clean-up rules applied to the NER model's spans (data/nlp/ner_filters.yaml)."""

from collections.abc import Callable

import pytest
from spacy.language import Language

from sorot.nlp import RawEntity, clean_entity

Cleaner = Callable[[str, int, int, str], list[tuple[str, str]]]


@pytest.fixture
def cleaned(sorot_nlp: Language) -> Cleaner:
    """The spans `clean_entity` makes of tokens start..end of a text (sorot's tokenizer), labelled `label`."""

    def clean(text: str, start: int, end: int, label: str) -> list[tuple[str, str]]:
        tokens = sorot_nlp.make_doc(text)[start:end]
        ent = RawEntity(tuple(t.text for t in tokens), tuple(t.is_punct for t in tokens), label)
        return [(tokens[first:last].text, kept) for first, last, kept in clean_entity(ent)]

    return clean


def test_titles_are_cut_from_person_names(cleaned: Cleaner) -> None:
    assert cleaned("Presiden Joko Widodo tiba .", 0, 3, "PER") == [("Joko Widodo", "PER")]
    assert cleaned("Menteri Luar Negeri Sergey Lavrov hadir", 0, 5, "PER") == [("Sergey Lavrov", "PER")]


def test_leading_country_is_split_from_a_person(cleaned: Cleaner) -> None:
    text = "Menteri Luar Negeri Hungaria Peter Szijjarto bertemu"
    assert cleaned(text, 1, 6, "PER") == [("Hungaria", "LOC"), ("Peter Szijjarto", "PER")]
    text = "Presiden Korea Selatan Yoon Suk Yeol berkunjung"
    assert cleaned(text, 1, 6, "PER") == [("Korea Selatan", "LOC"), ("Yoon Suk Yeol", "PER")]


def test_bare_country_is_a_place(cleaned: Cleaner) -> None:
    assert cleaned("sanksi kepada Iran pada Kamis", 2, 3, "PER") == [("Iran", "LOC")]
    assert cleaned("Amerika Serikat menolak", 0, 2, "PER") == [("Amerika Serikat", "LOC")]
    assert cleaned("Kanselir Jerman tiba", 0, 2, "PER") == [("Jerman", "LOC")]


def test_a_title_before_a_country_read_as_a_place_leaves_the_country(cleaned: Cleaner) -> None:
    assert cleaned("Kanselir Jerman tiba di Roma", 0, 2, "LOC") == [("Jerman", "LOC")]
    assert cleaned("lawatan Perdana Menteri Jepang ke Seoul", 1, 4, "LOC") == [("Jepang", "LOC")]
    assert cleaned("undangan Raja Yordania untuk para menteri", 1, 3, "LOC") == [("Yordania", "LOC")]


def test_a_place_keeps_a_title_word_when_no_country_follows(cleaned: Cleaner) -> None:
    assert cleaned("wisatawan memadati Raja Ampat pekan ini", 2, 4, "LOC") == [("Raja Ampat", "LOC")]
    assert cleaned("banjir melanda Kepala Burung Papua", 2, 5, "LOC") == [("Kepala Burung Papua", "LOC")]


def test_titles_stay_in_organisations(cleaned: Cleaner) -> None:
    text = "Kementerian Luar Negeri Jepang membantah"
    assert cleaned(text, 0, 4, "ORG") == [("Kementerian Luar Negeri Jepang", "ORG")]


def test_calendar_and_office_words_alone_are_dropped(cleaned: Cleaner) -> None:
    assert cleaned("pada Selasa malam", 1, 2, "LOC") == []
    assert cleaned("Menteri Luar Negeri bertemu", 1, 3, "LOC") == []
    assert cleaned("Presiden menolak", 0, 1, "PER") == []


def test_lowercase_spans_are_dropped(cleaned: Cleaner) -> None:
    assert cleaned("warga desa itu mengungsi", 1, 2, "LOC") == []
