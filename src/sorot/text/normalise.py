"""Case, accent, punctuation and spacing folding: the one place text is normalised for comparison.

Each function answers a different question, hence several keys built on one accent fold:
- `fold`: case and accents ("Menlu Retno Marsudi" / "menlu retno marsudí"): how aliases and
  vocabulary are looked up, token by token.
- `squash`: letters and digits only ("Tribunnews.com" / "TRIBUNNEWS.COM" / "Tribun News"): how names of
  outlets and organisations are compared across spellings.
- `line_key`: words kept apart, punctuation and spacing folded: how repeated lines are recognised.
- `ascii_words`: lower-case ASCII letters and digits as space-separated words: how a page's declared body
  is compared with the extracted one (letters outside ASCII are separators there, as the HTML extractor's
  output and the declared body may transliterate them differently).
- `squash_spaces`: case and spacing only, the curly apostrophe written straight: how a matched phrase
  ("bulan   lalu", "Jum’at") is looked up in a vocabulary table.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NOT_ALNUM = re.compile(r"[^0-9a-z]")
_NOT_ASCII_WORD = re.compile(r"[^0-9a-z]+")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case and accents folded (cached: the linker calls it once per token)."""
    if text.isascii():        # no accents to take off: ASCII is its own NFKD form, without combining marks
        return text.casefold()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def lowers_exactly(line: str) -> bool:
    """Whether a pattern of lower-case letters finds in `line.lower()`, case-sensitively, what it finds in
    `line` ignoring case: the line's letters are ASCII, its other characters have no case at all (curly
    quotes, dashes, "©"), so lower-casing changes neither its length nor which characters match."""
    return line.isascii() or all(c.lower() == c == c.upper() for c in _NOT_ASCII.findall(line))


def squash(text: str | None) -> str:
    """A name reduced to its letters and digits, case and accents folded, for comparing spellings."""
    return _NOT_ALNUM.sub("", fold(text or ""))


@lru_cache(maxsize=8192)
def line_key(text: str) -> str:
    """Case, accents, punctuation and spacing folded, words kept apart (cached: the line labeller compares
    each head line with every other)."""
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", fold(text))).strip()


def ascii_words(text: str) -> str:
    """Lower-case ASCII words: every run of other characters (punctuation, spaces, letters outside ASCII)
    becomes one space."""
    return _NOT_ASCII_WORD.sub(" ", text.casefold()).strip()


def squash_spaces(text: str) -> str:
    """Case folded, runs of white space made one space, the curly apostrophe written straight.

    A dotted capital I ("İ", in text typed on a Turkish keyboard) folds to a plain "i", as `re.IGNORECASE`
    matches it: casefold alone gives "i" + a combining dot, a key no word list holds.
    """
    return _SPACES.sub(" ", text.casefold().replace("i\u0307", "i").replace("’", "'"))
