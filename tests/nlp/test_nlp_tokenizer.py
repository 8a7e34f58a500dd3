"""sorot's adjustments to spaCy's Indonesian tokenizer."""

import pytest
import spacy

from sorot.nlp.tokenizer import customise_tokenizer


@pytest.fixture(scope="module")
def nlp(sorot_nlp: spacy.language.Language) -> spacy.language.Language:
    """sorot's pipeline, whose tokenizer is customise_tokenizer's (registered as sorot.news_tokenizer.v1)."""
    return sorot_nlp


def words(nlp: spacy.language.Language, text: str) -> list[str]:
    return [t.text for t in nlp.make_doc(text)]


HYPHENS = [
    ("Xi-Putin", ["Xi", "-", "Putin"]),
    ("AS-Rusia", ["AS", "-", "Rusia"]),
    ("Tiongkok-Rusia", ["Tiongkok", "-", "Rusia"]),
    ("negara-negara", ["negara-negara"]),
    ("sama-sama", ["sama-sama"]),
    ("Kim Jong-un", ["Kim", "Jong-un"]),
    ("jet F-16", ["jet", "F-16"]),
    ("pasca-perang", ["pasca-perang"]),
    ("anti-Israel", ["anti-Israel"]),
    ("kelompok Al-Qaeda", ["kelompok", "Al-Qaeda"]),
    ("COVID-19", ["COVID-19"]),
]
OTHER_TEXTS = ["rumahnya dan Korea-nya", "DK PBB dan OPEC+ mencatat 1.000 korban pukul 12.30 WIB.",
               "Brigjen. Ahmad di Jl. Sudirman No. 5", "Wakil Presiden Timor-Leste tiba di Dili, Jumat."]


@pytest.mark.parametrize("text, expected", HYPHENS)
def test_hyphens(nlp, text: str, expected: list[str]) -> None:
    assert words(nlp, text) == expected


def test_nya_stays_usable(nlp) -> None:
    assert words(nlp, "rumahnya dan Korea-nya") == ["rumahnya", "dan", "Korea", "-nya"]


def test_acronyms_and_numbers(nlp) -> None:
    text = "DK PBB dan OPEC+ mencatat 1.000 korban pukul 12.30 WIB."
    assert words(nlp, text) == ["DK", "PBB", "dan", "OPEC+", "mencatat", "1.000", "korban", "pukul", "12.30", "WIB", "."]


def test_abbreviations_keep_their_full_stop(nlp) -> None:
    assert words(nlp, "Brigjen. Ahmad di Jl. Sudirman No. 5")[:5] == ["Brigjen.", "Ahmad", "di", "Jl.", "Sudirman"]


@pytest.mark.slow  # builds a second Indonesian pipeline: seconds
def test_customise_tokenizer_on_a_blank_pipeline_splits_as_sorots_pipeline(nlp) -> None:
    """The fallback without the NER model (customise_tokenizer) and the pipeline's own tokenizer agree."""
    blank = customise_tokenizer(spacy.blank("id"))
    for text in [text for text, _ in HYPHENS] + OTHER_TEXTS:
        assert words(blank, text) == words(nlp, text), text
