"""Indonesian word knowledge shared by the stages: Sastrawi roots and its dictionary of root words, the
particles inside names (data/text/words.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sorot.data import data_cached, load_data
from sorot.data.schemas import WordsData


@dataclass(frozen=True)
class WordData:
    """data/text/words.yaml."""

    name_particles: frozenset[str]
    verb_prefixes: tuple[str, ...]
    stative_verb_prefixes: tuple[str, ...]
    verb_min_length: int


@data_cached
def word_data() -> WordData:
    data = load_data("text/words.yaml", WordsData)
    return WordData(name_particles=frozenset(data.name_particles), verb_prefixes=data.verb_prefixes,
                    stative_verb_prefixes=data.stative_verb_prefixes, verb_min_length=data.verb_min_length)


def name_particles() -> frozenset[str]:
    """Lower-case words that may sit inside a person's name ("von der Leyen", "bin Salman")."""
    return word_data().name_particles


def has_verb_prefix(word: str, stative: bool = False) -> bool:
    """The cheap half of the verb-prefix heuristic: a lower-case word that opens with a verbal prefix (with
    `stative`, ter- too) and is long enough to hold a root after it; no dictionary look-up."""
    data = word_data()
    prefixes = data.verb_prefixes + data.stative_verb_prefixes if stative else data.verb_prefixes
    return len(word) > data.verb_min_length and word.startswith(prefixes)


def looks_verbal(word: str, stative: bool = False) -> bool:
    """The verb-prefix heuristic: a lower-case word with a verbal prefix from which Sastrawi strips an affix
    ("menyerang", "dikecam", "bertemu"; with `stative`, "tertembak"), unlike "media" or "dewan"."""
    return has_verb_prefix(word, stative) and stem(word) != word


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer = StemmerFactory().create_stemmer()
    # Sastrawi keeps its root dictionary in a list (a linear scan per lookup, ~20 ms a word); a set makes
    # `contains` constant-time without changing any answer.
    dictionary = getattr(getattr(stemmer, "delegatedStemmer", stemmer), "dictionary", None)
    if dictionary is not None and isinstance(getattr(dictionary, "words", None), list):
        dictionary.words = set(dictionary.words)
    return stemmer


def _dictionary() -> Any:
    stemmer = _stemmer()
    return getattr(stemmer, "delegatedStemmer", stemmer).dictionary


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """Sastrawi root of one lower-case word (slow, hence cached per word)."""
    if not word.isalpha():
        return word
    return _stemmer().stem(word)


@lru_cache(maxsize=50_000)
def is_common_word(word: str) -> bool:
    """Whether a word is ordinary Indonesian vocabulary: its root is in Sastrawi's dictionary of root words
    ("Pertahanan" -> tahan, "Kemanusiaan" -> manusia). Capitalised runs made only of such words are titles,
    offices and policy names ("Menteri Pertahanan", "Staf Gabungan"), not a person's name."""
    low = word.lower()
    if not low.isalpha():
        return False
    dictionary = _dictionary()
    return dictionary.contains(low) or dictionary.contains(stem(low))
