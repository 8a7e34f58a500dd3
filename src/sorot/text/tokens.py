"""sorot's one tokenizer, and the text of an article made once into tokens and sentences (`TextDoc`).

A token is a run of word characters or any other single non-space character, with its character offsets in
the text and its lower-case form, computed once:

    >>> [t.text for t in tokenize("Menlu RI, Sugiono, tiba.")]
    ['Menlu', 'RI', ',', 'Sugiono', ',', 'tiba', '.']

`text_doc(article)` gives the article's TextDoc (built by the nlp stage, or by the first stage that needs
it), so the linker, quotes and events read the same tokens and sentences instead of re-tokenising.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from sorot.schema import Sentence

if TYPE_CHECKING:
    from sorot.schema import Article

__all__ = ["TOKEN_RE", "TextDoc", "Token", "text_doc", "tokenize", "words_of"]

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_WORD_START = re.compile(r"\w")
_new_tuple = tuple.__new__


class Token(NamedTuple):
    """One token: offsets into the text it was cut from, its surface form and its lower-case form."""

    start: int
    end: int
    text: str
    low: str

    @property
    def capitalised(self) -> bool:
        """Starts with a capital letter or a digit (names, and numbers inside names)."""
        return self.text[:1].isupper() or self.text[:1].isdigit()

    @property
    def is_word(self) -> bool:
        """A run of word characters (letters, digits, underscore), not a punctuation mark or symbol."""
        return _WORD_START.match(self.text) is not None


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """The tokens of `text`, their offsets shifted by `offset` (where `text` starts in a longer text)."""
    # tuple.__new__ makes the same Token without the named tuple's own __new__, a Python call per token:
    # a third of this function's time, which runs over every article
    return [_new_tuple(Token, (m.start() + offset, m.end() + offset, word, word.lower()))
            for m in TOKEN_RE.finditer(text) for word in (m.group(),)]


def words_of(phrase: str) -> list[str]:
    """The token strings of a short phrase (a knowledge-base name, a title), without offsets."""
    return TOKEN_RE.findall(phrase)


class TextDoc:
    """An article's text tokenised once, with its sentences and the token range of each.

    `tokens_in(start, end)` gives exactly what `tokenize(text[start:end], start)` would: the doc's own tokens
    when no token crosses either edge, else (a range that cuts a word) the part re-tokenised.
    """

    __slots__ = ("ends", "sentence_ranges", "sentences", "starts", "text", "tokens")

    def __init__(self, text: str, sentences: Sequence[Sentence] = ()) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.starts = [t.start for t in self.tokens]
        self.ends = [t.end for t in self.tokens]
        # the caller's list itself: `text_doc` tells by identity whether the article's sentences changed
        self.sentences = sentences if isinstance(sentences, list) else list(sentences)
        self.sentence_ranges = [self.token_range(s.start, s.end) for s in self.sentences]

    def __reduce__(self) -> tuple[type[TextDoc], tuple[str, list[Sentence]]]:
        # sent between processes as its text and sentences, re-tokenised on arrival: a fraction of the bytes
        return (TextDoc, (self.text, self.sentences))

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """[first, last): the tokens lying wholly inside the characters [start, end) (empty when none)."""
        first = bisect.bisect_left(self.starts, start)
        return first, max(first, bisect.bisect_right(self.ends, end))

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The tokens of the characters [start, end), as if that stretch were tokenised alone."""
        first, last = self.token_range(start, end)
        cut_before = first > 0 and self.ends[first - 1] > start
        cut_after = last < len(self.tokens) and self.starts[last] < end
        if cut_before or cut_after:
            return tokenize(self.text[start:end], start)
        return self.tokens[first:last]

    def sentence_tokens(self, index: int) -> list[Token]:
        """The tokens of sentence `index` (of `sentences`)."""
        sentence = self.sentences[index]
        return self.tokens_in(sentence.start, sentence.end)


def text_doc(article: Article) -> TextDoc:
    """The article's TextDoc, built now when it has none or when its text or sentences changed since."""
    doc = article.doc
    text = article.text or ""
    # identity first: the text and sentence list are the same objects unless a stage replaced them
    if doc is None or doc.text != text or doc.sentences is not article.sentences:
        doc = TextDoc(text, article.sentences)
        article.doc = doc
    return doc
