"""The one tokenizer and the TextDoc made once per article (sorot.text.tokens)."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from sorot.schema import Article, Sentence
from sorot.text.tokens import TextDoc, Token, text_doc, tokenize, words_of

# Sentences written for these tests: names, numbers, dotted abbreviations, quotes and dashes.
TEXT = ("Presiden Prabowo tiba di Beijing, Kamis (9/1/2025).\n\n"
        "“Kita bersahabat,” ujarnya kepada wartawan RRT—tanpa menyebut AS.\n"
        "Menlu-nya, Sugiono, ikut; kunjungan ke-3 tahun ini.")


def test_tokens_are_words_and_single_marks_with_offsets_and_lower_forms() -> None:
    tokens = tokenize("Dubes RI: Rp5.000, “oke”!")
    assert [t.text for t in tokens] == ["Dubes", "RI", ":", "Rp5", ".", "000", ",", "“", "oke", "”", "!"]
    assert tokens[0] == Token(0, 5, "Dubes", "dubes")
    for token in tokenize(TEXT):
        assert TEXT[token.start:token.end] == token.text
        assert token.low == token.text.lower()


def test_offset_shifts_tokens_of_a_stretch_into_the_longer_text() -> None:
    start = TEXT.index("ujarnya")
    tokens = tokenize(TEXT[start:start + 20], start)
    assert all(TEXT[t.start:t.end] == t.text for t in tokens)


def test_capitalised_and_word_tests() -> None:
    kinds = {t.text: (t.capitalised, t.is_word) for t in tokenize("Jokowi 2024 tiba , _x")}
    assert kinds == {"Jokowi": (True, True), "2024": (True, True), "tiba": (False, True), ",": (False, False),
                     "_x": (False, True)}


def test_words_of_a_phrase() -> None:
    assert words_of("Wakil Presiden AS") == ["Wakil", "Presiden", "AS"]
    assert words_of("Al-Sisi") == ["Al", "-", "Sisi"]


def test_sentences_carry_the_token_range_of_their_words() -> None:
    first_end = TEXT.index("\n")
    sentences = [Sentence(0, first_end), Sentence(first_end + 2, len(TEXT))]
    doc = TextDoc(TEXT, sentences)
    for index, (sentence, (first, last)) in enumerate(zip(sentences, doc.sentence_ranges, strict=True)):
        assert doc.tokens[first:last] == tokenize(TEXT[sentence.start:sentence.end], sentence.start)
        assert doc.sentence_tokens(index) == doc.tokens[first:last]
    assert doc.sentence_ranges[0][0] == 0 and doc.sentence_ranges[1][1] == len(doc.tokens)


def test_stretch_cutting_a_word_is_tokenised_as_if_alone() -> None:
    doc = TextDoc("Pertemuan bilateral berlangsung")
    assert [t.text for t in doc.tokens_in(3, 14)] == ["temuan", "bila"]
    assert doc.tokens_in(3, 14)[0].start == 3


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)))
def test_any_stretch_gives_what_tokenising_it_alone_gives(a: int, b: int) -> None:
    start, end = min(a, b), max(a, b)
    doc = TextDoc(TEXT)
    assert doc.tokens_in(start, end) == tokenize(TEXT[start:end], start)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab .,\n“”-1É", max_size=40))
def test_any_text_tokenises_the_same_whole_or_in_pieces(text: str) -> None:
    doc = TextDoc(text)
    middle = len(text) // 2
    assert doc.tokens_in(0, len(text)) == doc.tokens
    assert doc.tokens_in(middle, len(text)) == tokenize(text[middle:], middle)


def test_article_doc_is_made_once_and_remade_when_its_text_or_sentences_change() -> None:
    article = Article(source="t", text="Menlu bertemu Dubes. Keduanya berbincang.")
    article.sentences = [Sentence(0, 20), Sentence(21, len(article.text))]
    doc = text_doc(article)
    assert article.doc is doc and text_doc(article) is doc
    assert doc.sentences is article.sentences
    article.sentences = [Sentence(0, len(article.text))]
    remade = text_doc(article)
    assert remade is not doc and remade.sentence_ranges == [(0, len(remade.tokens))]
    article.text = "Teks lain sama sekali."
    assert [t.text for t in text_doc(article).tokens][:2] == ["Teks", "lain"]


def test_doc_is_not_exported_and_survives_pickling_with_the_article() -> None:
    article = Article(source="t", text="Duta besar tiba. Ia disambut.")
    article.sentences = [Sentence(0, 16), Sentence(17, len(article.text))]
    doc = text_doc(article)
    assert "doc" not in article.to_export()
    copy = pickle.loads(pickle.dumps(article))
    assert copy.doc is not None and copy.doc.tokens == doc.tokens
    assert copy.doc.sentence_ranges == doc.sentence_ranges
    assert text_doc(copy) is copy.doc    # the sentence list is still the article's own after the round trip
