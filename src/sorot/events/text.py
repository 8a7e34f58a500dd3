"""Tokens of a sentence with their offsets, cue-phrase matching and lexicon trigger matching."""

from __future__ import annotations

from dataclasses import dataclass

from sorot.data import data_cached
from sorot.events.resources import LexEntry, cues, lexicon, phrases_by_first_word, word_set
from sorot.schema import Article, Sentence
from sorot.text.sentences import split_sentences
from sorot.text.tokens import Token, text_doc, tokenize
from sorot.text.words import looks_verbal, stem

__all__ = ["Token", "Trigger", "embedded_from", "find_triggers", "phrase_at", "phrase_between", "sentences_of",
           "starts_phrase", "tokenize"]


@dataclass
class Trigger:
    entry: LexEntry
    first: int                # token index of the first and one past the last word
    last: int
    verbal: bool
    passive: bool
    has_nya: bool             # "dukungannya": the possessor is a pronoun


def sentences_of(article: Article) -> list[Sentence]:
    """The nlp stage's sentences (those of the article's TextDoc); sorot.text's splitter when that stage
    did not run."""
    if article.sentences:
        return text_doc(article).sentences
    return split_sentences(article.text)


def phrase_at(tokens: list[Token], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(t.low for t in tokens[i:i + len(phrase)]) == phrase


def starts_phrase(tokens: list[Token], i: int, key: str) -> bool:
    """Whether a phrase of the cue list `key` starts at token i."""
    candidates = phrases_by_first_word(key).get(tokens[i].low)
    return candidates is not None and any(phrase_at(tokens, i, p) for p in candidates)


def phrase_between(tokens: list[Token], key: str, lo: int, hi: int) -> bool:
    """Whether a phrase of the cue list `key` starts at a token in [lo, hi): `starts_phrase` at each, with
    the cue list looked up once."""
    index = phrases_by_first_word(key)
    for i in range(lo, hi):
        candidates = index.get(tokens[i].low)
        if candidates is not None and any(phrase_at(tokens, i, p) for p in candidates):
            return True
    return False


def _word_matches(token: Token, alternatives: tuple[tuple[str, bool], ...]) -> bool:
    low = token.low
    return any(low == form or (by_stem and stem(low) == form) for form, by_stem in alternatives)


def _entry_matches(entry: LexEntry, tokens: list[Token], i: int) -> bool:
    if i + entry.length > len(tokens):
        return False
    words = tokens[i:i + entry.length]
    if not all(_word_matches(t, alts) for t, alts in zip(words, entry.items, strict=True)):
        return False
    span_text = " ".join(t.low for t in tokens[i:i + entry.length + 1])
    if any(t.low in entry.excluded for t in words) or any(
            span_text.startswith(x) for x in entry.excluded if " " in x):
        return False
    return not entry.frame or _frame_follows(entry, tokens, i + entry.length)


def _frame_follows(entry: LexEntry, tokens: list[Token], begin: int) -> bool:
    """"menyebut Rusia sebagai ancaman": a verb of judgement is an accusation only when its "sebagai"
    complement names a charge; "menyebut bahwa ..." or "menilai positif ..." are not."""
    window = cues()["frame_window"]
    for j in range(begin, min(len(tokens), begin + window)):
        if not tokens[j].text.isalnum() and tokens[j].text not in ("-",):
            return False
        if tokens[j].low == "sebagai":
            return any(t.low in entry.frame for t in tokens[j + 1:j + 4])
    return False


def _is_verbal(entry: LexEntry, token: Token) -> bool:
    if entry.pos:
        return entry.pos == "verb"
    return looks_verbal(token.low, stative=True)


@data_cached
def _entries_by_first_word() -> tuple[dict[str, list[LexEntry]], dict[str, list[LexEntry]]]:
    """Lexicon entries indexed by their first word: (by surface form, by stem), longest entries first,
    so that each token is tried only against the entries that can start with it."""
    by_form: dict[str, list[LexEntry]] = {}
    by_stem: dict[str, list[LexEntry]] = {}
    for entry in sorted(lexicon(), key=lambda e: e.length, reverse=True):
        for form, is_stem in entry.items[0]:
            (by_stem if is_stem else by_form).setdefault(form, []).append(entry)
    return by_form, by_stem


def _candidates(token: Token, by_form: dict[str, list[LexEntry]] | None = None,
                by_stem: dict[str, list[LexEntry]] | None = None) -> list[LexEntry]:
    """The lexicon entries that may start at `token`, longest first (`by_form`, `by_stem`: the tables of
    `_entries_by_first_word`, when the caller has them at hand)."""
    if by_form is None or by_stem is None:
        by_form, by_stem = _entries_by_first_word()
    low = token.low
    found = by_form.get(low, []) + by_stem.get(stem(low), [])
    return sorted(found, key=lambda e: e.length, reverse=True) if len(found) > 1 else found


def find_triggers(tokens: list[Token]) -> list[Trigger]:
    """Longest lexicon match at each position, left to right, without overlaps."""
    found: list[Trigger] = []
    non_triggers = phrases_by_first_word("non_triggers")     # looked up once, not at every token
    by_form, by_stem = _entries_by_first_word()
    i = 0
    while i < len(tokens):
        blocked = next((p for p in non_triggers.get(tokens[i].low, ()) if phrase_at(tokens, i, p)), None)
        if blocked is not None:
            i += len(blocked)
            continue
        match = next((e for e in _candidates(tokens[i], by_form, by_stem) if _entry_matches(e, tokens, i)), None) \
            if tokens[i].text.isalpha() else None
        if match is None:
            i += 1
            continue
        head = tokens[i + match.head]
        # "saling tuduh", "saling serang": a bare root after "saling" is a verb (rule EV-saling-root)
        verbal = _is_verbal(match, head) or (i > 0 and tokens[i - 1].low in word_set("mutual_markers"))
        # "ditandatangani" is no word the stemmer knows: a listed verb form in di- is a passive all the same
        passive = verbal and head.low.startswith("di") and (stem(head.low) != head.low or match.pos == "verb")
        found.append(Trigger(match, i, i + match.length, verbal, passive, tokens[i + match.length - 1].low.endswith("nya")))
        i += match.length
    return found


def embedded_from(tokens: list[Token], trig: Trigger) -> int:
    """Index of the first word opening a clause embedded after the trigger ("... putusan yang pekan lalu
    memerintahkan"), or len(tokens). A marker right after the trigger, or after a noun trigger "yang terjadi"
    ("serangan Israel yang terjadi pada Minggu"), opens a clause about the trigger itself."""
    markers, occurrences = word_set("embedding_markers"), word_set("occurrence_verbs")
    for i in range(trig.last + 1, len(tokens)):
        if tokens[i].low not in markers:
            continue
        about_trigger = not trig.verbal and i + 1 < len(tokens) and tokens[i + 1].low in occurrences
        if not about_trigger:
            return i
    return len(tokens)
