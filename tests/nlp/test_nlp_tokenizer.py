"""sorot's adjustments to spaCy's Indonesian tokenizer."""

from collections.abc import Iterator

import pytest
import spacy

from sorot.nlp.tokenizer import blank_pipeline


@pytest.fixture(scope="module")
def nlp(sorot_nlp: spacy.language.Language) -> spacy.language.Language:
    """sorot's pipeline, whose tokenizer is sorot.news_tokenizer.v1."""
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


def test_the_fallback_pipeline_without_a_model_splits_as_sorots_pipeline(nlp) -> None:
    """The pipeline used when the NER model is missing has sorot's tokenizer, not spaCy's default one
    (which splits "Jong-un" and "F-16")."""
    blank = blank_pipeline()
    assert not blank.pipe_names
    for text in [text for text, _ in HYPHENS] + OTHER_TEXTS:
        assert words(blank, text) == words(nlp, text), text


# Words between the marks and stops news puts around them: where spaCy strips a prefix or suffix, a special
# case and token_match are looked up at the same points, so dropping the special case changes no token.
CONTEXTS = ("{}", "({})", "({}", "{})", "{}.", "{},", '"{}"', "“{}”", "{}?", "'{}'", "{}:", "{};", "[{}]")


def test_exceptions_left_to_token_match_give_the_same_tokens(nlp) -> None:
    """sorot's tokenizer leaves out the language's exceptions its hyphen rule keeps whole anyway; a
    tokenizer holding all of them splits every such word, bare or between marks, in the same way."""
    from spacy.attrs import ORTH
    from spacy.tokenizer import Tokenizer

    from sorot.nlp.tokenizer import exceptions_not_kept_whole

    lean = nlp.tokenizer
    defaults = nlp.Defaults
    every_exception = dict(defaults.tokenizer_exceptions)
    every_exception.update({text: [{ORTH: text}] for text in lean.rules if text not in every_exception})
    full = Tokenizer(nlp.vocab, rules=every_exception, prefix_search=lean.prefix_search,
                     suffix_search=lean.suffix_search, infix_finditer=lean.infix_finditer,
                     token_match=lean.token_match, url_match=lean.url_match)
    left_out = set(defaults.tokenizer_exceptions) - set(
        exceptions_not_kept_whole(defaults.tokenizer_exceptions, lean.token_match))
    assert len(left_out) > 5000      # most of spaCy's Indonesian exceptions are reduplications
    sentence = "Negara-negara anggota, (kira-kira) separuhnya, menolak usul itu; \"sama-sama\" rugi: mata-mata."
    for text in [sentence, *(context.format(word) for word, context in _words_in_contexts(sorted(left_out)))]:
        assert [t.text for t in lean(text)] == [t.text for t in full(text)], text


def _words_in_contexts(words: list[str]) -> Iterator[tuple[str, str]]:
    """Every word bare and in one of the contexts, in turn (each context is given over 1,000 words); a word
    that begins or ends with something other than a letter or digit, where the marks around it meet marks of
    its own, in every context."""
    for number, word in enumerate(words):
        if word[0].isalnum() and word[-1].isalnum():
            yield word, "{}"
            yield word, CONTEXTS[1 + number % (len(CONTEXTS) - 1)]
        else:
            yield from ((word, context) for context in CONTEXTS)


def test_listed_hyphenated_words_stay_whole_also_in_a_saved_tokenizer(nlp) -> None:
    """The language's keep-whole hyphenated exceptions are a set lookup in token_match, not special cases; a
    tokenizer saved and loaded (spaCy keeps token_match as a pattern) cuts the same tokens."""
    from spacy.tokenizer import Tokenizer

    text = "Ubur-Ubur dan LUMBA-LUMBA terdampar, kata warga (Walk-Out) di pantai Tiongkok-Filipina."
    ours = [t.text for t in nlp.tokenizer(text)]
    assert {"Ubur-Ubur", "LUMBA-LUMBA", "Walk-Out"} <= set(ours) and "Tiongkok-Filipina" not in ours
    assert "Ubur-Ubur" not in nlp.tokenizer.rules
    restored = Tokenizer(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes())
    assert [t.text for t in restored(text)] == ours
