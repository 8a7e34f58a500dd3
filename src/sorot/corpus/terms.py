"""Name terms: the proper names an article is about, a cheap topical fingerprint for grouping stories.

A name term is a capitalised word of the title or the opening of the body that is not ordinary Indonesian
vocabulary (Sastrawi's dictionary of roots): "Erdogan", "Gaza", "Houthi", "Scarborough" are terms;
"Presiden", "Selasa", "Laut", "Namun" are not. Two reports of one happening share most of their names even
when they share no sentence, and two happenings of one pair of states a year apart usually do not.
"""

from __future__ import annotations

import re

from sorot.text.words import is_common_word

OPENING_CHARS = 1500         # the lead paragraphs, where reports name who, where and what
MIN_TERM_CHARS = 3
CAPITALISED = re.compile(r"\b[A-Z][a-zA-Z]{2,}\b")


def name_terms(title: str, text: str) -> list[str]:
    """Sorted distinct name terms (lower-cased) of the title and the body's opening."""
    found = {word.lower() for word in CAPITALISED.findall(f"{title}\n{text[:OPENING_CHARS]}")
             if len(word) >= MIN_TERM_CHARS and not word.isupper() and not is_common_word(word)}
    return sorted(found)


def shared_share(terms: frozenset[str], others: frozenset[str]) -> float:
    """The share of the smaller set of terms that the other holds (0 when either is empty)."""
    if not terms or not others:
        return 0.0
    return len(terms & others) / min(len(terms), len(others))
