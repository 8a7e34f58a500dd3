"""Tokens of a sentence with their offsets, cue-phrase matching and lexicon trigger matching."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress, count
from operator import attrgetter, not_

from sorot.data import data_cached
from sorot.events.resources import LexEntry, cues, lexicon, phrases_by_first_word, word_set
from sorot.schema import Article, Sentence
from sorot.text.sentences import split_sentences
from sorot.text.tokens import Token, text_doc, tokenize
from sorot.text.words import looks_verbal, stem

__all__ = ["LOW", "TEXT", "Token", "Trigger", "embedded_from", "find_triggers", "phrase_at", "phrase_between", "sentences_of",
           "starts_phrase", "tokenize"]

# the lower-case and surface forms of a token, for map(): a test over a sentence's words in one pass in C
LOW, TEXT = attrgetter("low"), attrgetter("text")


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
    if len(phrase) == 1:    # most cue phrases are one word: no tuple to build
        return i < len(tokens) and tokens[i].low == phrase[0]
    return tuple(map(LOW, tokens[i:i + len(phrase)])) == phrase


def starts_phrase(tokens: list[Token], i: int, key: str) -> bool:
    """Whether a phrase of the cue list `key` starts at token i."""
    candidates = phrases_by_first_word(key).get(tokens[i].low)
    return candidates is not None and any(phrase_at(tokens, i, p) for p in candidates)


def phrase_between(tokens: list[Token], key: str, lo: int, hi: int) -> bool:
    """Whether a phrase of the cue list `key` starts at a token in [lo, hi): `starts_phrase` at each, with
    the cue list looked up once."""
    index = phrases_by_first_word(key)
    starts: Iterable[int] = range(lo, hi)
    if lo >= 0 and hi <= len(tokens):
        # only the tokens that open a phrase, found in one pass in C: most words of a range open none
        # ("di", "pada" open many cue phrases: a sentence holds them, and a dozen other words)
        starts = compress(count(lo), map(index.__contains__, map(LOW, tokens[lo:hi])))
    for i in starts:
        candidates = index.get(tokens[i].low)
        if candidates is not None and any(phrase_at(tokens, i, p) for p in candidates):
            return True
    return False


def _word_matches(token: Token, alternatives: tuple[tuple[str, bool], ...]) -> bool:
    low = token.low
    # a loop, not any() over a generator: this runs for every candidate entry of every word
    for form, by_stem in alternatives:  # noqa: SIM110
        if low == form or (by_stem and stem(low) == form):
            return True
    return False


def _entry_matches(entry: LexEntry, tokens: list[Token], i: int) -> bool:
    """Whether a candidate entry of token i's word (`TriggerIndex.candidates`) matches there: its first word is
    token i's by the index, so its other words, exclusions and frame are what is checked."""
    if i + entry.length > len(tokens):
        return False
    words = tokens[i:i + entry.length]
    for k in range(1, entry.length):
        if not _word_matches(words[k], entry.items[k]):
            return False
    if entry.excluded and _excluded(entry, tokens, i, words):
        return False
    return not entry.frame or _frame_follows(entry, tokens, i + entry.length)


def _excluded(entry: LexEntry, tokens: list[Token], i: int, words: list[Token]) -> bool:
    """A word of the match, or a phrase the match and the next word start, is among the entry's exclusions."""
    span_text = " ".join(map(LOW, tokens[i:i + entry.length + 1]))
    return any(t.low in entry.excluded for t in words) or any(
        span_text.startswith(x) for x in entry.excluded if " " in x)


def _frame_follows(entry: LexEntry, tokens: list[Token], begin: int) -> bool:
    """"menyebut Rusia sebagai ancaman": a verb of judgement is an accusation only when its "sebagai"
    complement names a charge; "menyebut bahwa ..." or "menilai positif ..." are not. An entry with
    `frame_direct` also takes the charge right after its object ("menyatakan diplomat X persona non grata")."""
    window = cues()["frame_window"]
    for j in range(begin, min(len(tokens), begin + window)):
        if not tokens[j].text.isalnum() and tokens[j].text not in ("-",):
            return False
        if tokens[j].low == "sebagai":
            return any(t.low in entry.frame for t in tokens[j + 1:j + 4])
        if entry.frame_direct and tokens[j].low in entry.frame:
            return True
    return False


def _is_verbal(entry: LexEntry, token: Token) -> bool:
    if entry.pos:
        return entry.pos == "verb"
    return looks_verbal(token.low, stative=True)


class TriggerIndex:
    """The lexicon indexed by first word, built once per loaded lexicon: the entries that may start at a word
    (by its surface form, then by its stem; longest first) and the non-trigger phrases by their first word.

    It learns as words come: `candidates(word)` remembers its answer per word (the stem is the costly part),
    and the words at which neither an entry nor a non-trigger phrase can start are kept apart (`inert`), so
    that `open_positions` passes over them in one pass. Each table is emptied when it reaches `MAX_WORDS`,
    so that a long run cannot grow it without bound."""

    MAX_WORDS = 50_000

    def __init__(self, entries: tuple[LexEntry, ...],
                 non_triggers: dict[str, tuple[tuple[str, ...], ...]]) -> None:
        self.by_form: dict[str, list[LexEntry]] = {}
        self.by_stem: dict[str, list[LexEntry]] = {}
        for entry in sorted(entries, key=lambda e: e.length, reverse=True):
            for form, is_stem in entry.items[0]:
                (self.by_stem if is_stem else self.by_form).setdefault(form, []).append(entry)
        self.non_triggers = non_triggers
        self._root_tails = root_tails(self.by_stem)
        self._known: dict[str, tuple[LexEntry, ...]] = {}
        self._inert: set[str] = set()

    def candidates(self, word: str) -> tuple[LexEntry, ...]:
        """The entries that may start at a lower-case word, longest first (surface-form entries before stem
        entries of the same length)."""
        found = self._known.get(word)
        if found is None:
            if len(self._known) >= self.MAX_WORDS:
                self._known.clear()
            found = self._known[word] = self._look_up(word)
        return found

    def _look_up(self, word: str) -> tuple[LexEntry, ...]:
        found = self.by_form.get(word, [])
        if self.may_stem_to_an_entry(word):
            found = found + self.by_stem.get(stem(word), [])
        return tuple(sorted(found, key=lambda e: e.length, reverse=True) if len(found) > 1 else found)

    def may_stem_to_an_entry(self, word: str) -> bool:
        """False only for a word whose stem is surely no stem entry's first word, told without the stemmer
        (Sastrawi takes a tenth of a millisecond for a word it has not seen, and most words start nothing).
        Sastrawi's root of a plain lower-case ASCII word is a stretch of the word, affixes cut off, behind
        at most one letter that is not written right before the stretch: the one a nasal prefix took
        ("menyerang" -> s + erang) or the consonant before a dropped infix ("telunjuk" -> t + unjuk). Other
        words are stemmed."""
        return may_stem_to(word, self._root_tails)

    def open_positions(self, tokens: list[Token], lows: Iterable[str] | None = None) -> list[int]:
        """The indices of the tokens whose word is not known to be inert (`lows`: their lower-case forms,
        when the caller has listed them)."""
        words = map(LOW, tokens) if lows is None else lows
        return list(compress(count(), map(not_, map(self._inert.__contains__, words))))

    def mark_inert(self, word: str) -> None:
        """Notes a word that starts neither an entry nor a non-trigger phrase."""
        if len(self._inert) >= self.MAX_WORDS:
            self._inert.clear()
        self._inert.add(word)


# the suffixes Sastrawi cuts, in the order they follow a root: derivational, possessive, particle
_SUFFIXES = "(?:is|isme|isasi|i|kan|an)?(?:ku|mu|nya)?(?:lah|kah|tah|pun)?$"


def root_tails(roots: Iterable[str]) -> re.Pattern[str]:
    """How each root is written in a word whose stem it is, for `may_stem_to`: whole, or its other letters
    behind the last letter of a nasal prefix that took its first (m, n, ny, ng: "menyerang" -> serang) or
    of an infix dropped after it (el, em, er, in: "telunjuk" -> tunjuk); then only suffixes to the word's
    end. A root of one letter: anything."""
    forms = [form for root in sorted(set(roots), key=len, reverse=True)
             for form in (re.escape(root), f"[mnyglr]{re.escape(root[1:])}")]
    if not all(len(root) > 1 for root in roots):
        return re.compile("")
    return re.compile(f"(?:{'|'.join(forms)}){_SUFFIXES}")


def may_stem_to(word: str, tails: re.Pattern[str]) -> bool:
    """False only when the word's stem is surely none of the roots of `tails` (see
    `TriggerIndex.may_stem_to_an_entry`): a plain ASCII word in which no root is written as `root_tails`
    says."""
    return not (word.isascii() and word.isalpha()) or tails.search(word) is not None


@data_cached
def trigger_index() -> TriggerIndex:
    return TriggerIndex(lexicon(), phrases_by_first_word("non_triggers"))


def find_triggers(tokens: list[Token], lows: list[str] | None = None) -> list[Trigger]:
    """Longest lexicon match at each position, left to right, without overlaps. `lows`: the tokens' lower-case
    forms, when the caller has listed them for its own scans of the sentence."""
    found: list[Trigger] = []
    index = trigger_index()
    non_triggers = index.non_triggers
    free_from = 0           # tokens before it belong to a trigger or a non-trigger phrase found already
    for i in index.open_positions(tokens, lows):
        if i < free_from:
            continue
        token = tokens[i]
        blocking = non_triggers.get(token.low)
        if blocking is not None:
            blocked = next((p for p in blocking if phrase_at(tokens, i, p)), None)
            if blocked is not None:
                free_from = i + len(blocked)
                continue
        entries = index.candidates(token.low)      # asked once per position
        if blocking is None and not entries:
            index.mark_inert(token.low)
            continue
        candidates = entries if token.text.isalpha() else ()
        match = _first_match(candidates, tokens, i) if candidates else None
        if match is not None:
            found.append(_trigger(match, tokens, i))
            free_from = i + match.length
    return found


def _first_match(candidates: tuple[LexEntry, ...], tokens: list[Token], i: int) -> LexEntry | None:
    """The first (longest) of the candidate entries that matches at token i. The candidates are those whose
    first word is token i's (`TriggerIndex.candidates`): an entry of that one word with no exclusion and no
    frame matches without a look at it."""
    for entry in candidates:
        if entry.length == 1 and not entry.excluded and not entry.frame:
            return entry
        second = entry.second_words
        if second is not None and (i + 1 >= len(tokens) or tokens[i + 1].low not in second):
            continue        # a phrase whose second word is not the next one: no match, told in one look
        if _entry_matches(entry, tokens, i):
            return entry
    return None


def _trigger(match: LexEntry, tokens: list[Token], i: int) -> Trigger:
    """The trigger of lexicon entry `match` found at token i."""
    head = tokens[i + match.head]
    # "saling tuduh", "saling serang": a bare root after "saling" is a verb (rule EV-saling-root)
    verbal = _is_verbal(match, head) or (i > 0 and tokens[i - 1].low in word_set("mutual_markers"))
    # "ditandatangani" is no word the stemmer knows: a listed verb form in di- is a passive all the same
    passive = verbal and head.low.startswith("di") and (stem(head.low) != head.low or match.pos == "verb")
    return Trigger(match, i, i + match.length, verbal, passive, tokens[i + match.length - 1].low.endswith("nya"))


@data_cached
def _embedding_words() -> tuple[frozenset[str], frozenset[str]]:
    """The embedding markers and the verbs of occurrence, looked up together (`embedded_from` runs for every
    trigger and time expression)."""
    return word_set("embedding_markers"), word_set("occurrence_verbs")


def embedded_from(tokens: list[Token], trig: Trigger) -> int:
    """Index of the first word opening a clause embedded after the trigger ("... putusan yang pekan lalu
    memerintahkan"), or len(tokens). A marker right after the trigger, or after a noun trigger "yang terjadi"
    ("serangan Israel yang terjadi pada Minggu"), opens a clause about the trigger itself."""
    markers, occurrences = _embedding_words()
    for i in range(trig.last + 1, len(tokens)):
        if tokens[i].low not in markers:
            continue
        about_trigger = not trig.verbal and i + 1 < len(tokens) and tokens[i + 1].low in occurrences
        if not about_trigger:
            return i
    return len(tokens)
