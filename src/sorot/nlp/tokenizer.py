"""Adjustments to spaCy's Indonesian tokenizer for news text.

spaCy's `id` rules already keep reduplication ("negara-negara"), "-nya" as a suffix token, acronyms
("PBB", "OPEC+") and dotted numbers ("1.000", "12.30"), and split "Xi-Putin" / "AS-Rusia". What
they get wrong for news about the world:
* any other hyphen between letters is split: "Jong-un", "COVID-19", "F-16", "pasca-perang",
  "anti-Israel", "e-KTP", "ke-3" become three tokens. We keep a hyphenated word whole unless both
  sides are capitalised names ("Tiongkok-Rusia") or the right side is a clitic ("Korea-nya");
* many abbreviations lose their full stop ("Jl", ".", "Brigjen", "."): they become special cases;
* Arabic name particles ("Al-Qaeda", "Bin-Salman") would be split as two names: kept whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from sorot.text.regex_tree import rule_edge
from sorot.text.sentences import abbreviations

CLITICS = ("nya", "lah", "kah", "pun", "ku", "mu")
WORD = r"[^\W_]+"


def keep_whole_pattern(name_prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """Hyphenated words spaCy should not split (see module docstring)."""
    clitic = "|".join(CLITICS)
    prefixes = "|".join(re.escape(p) for p in name_prefixes)
    lower_first = rf"(?![A-Z]){WORD}(?:-{WORD})+"                     # pasca-perang, ke-3, e-KTP
    upper_then_lower = rf"[A-Z](?:{WORD})?-(?![A-Z])(?!(?:{clitic})$){WORD}(?:-{WORD})*"  # Jong-un, F-16
    particle = rf"(?:{prefixes})-[A-Z]{WORD}(?:-{WORD})*"              # Al-Qaeda
    return re.compile(rf"^(?:{particle}|{upper_then_lower}|{lower_first})$")


def _either(first: Callable[[str], object] | None, second: Callable[[str], object]) -> Callable[[str], object]:
    if first is None:
        return second
    return lambda text: first(text) or second(text)


# How a pipeline is given sorot's tokenizer: spaCy builds it from the language's defaults and sorot's rules
# (news_tokenizer) while it builds the pipeline, so the special cases are compiled once
TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "sorot.news_tokenizer.v1"}}}


def blank_pipeline() -> Language:
    """An Indonesian pipeline with sorot's tokenizer and no components: the fallback without the NER model.
    (Not spacy.blank("id") then a new tokenizer: its default one compiles 15,900 special cases, 2.4 s.)"""
    return spacy.blank("id", config=TOKENIZER_CONFIG)


def exceptions_not_kept_whole(exceptions: dict[str, list[dict[int, str]]],
                              token_match: Callable[[str], object]) -> dict[str, list[dict[int, str]]]:
    """The language's tokenizer exceptions less those that only keep a word whole which `token_match`
    keeps whole anyway (most of spaCy's 15,900 Indonesian ones are reduplications such as "negara-negara").
    spaCy checks special cases and token_match at the same points, so the tokens are the same; each special
    case costs start-up time (tokenised and interned when the tokenizer is built) and memory."""
    return {text: pieces for text, pieces in exceptions.items()
            if not (len(pieces) == 1 and pieces[0] == {ORTH: text} and token_match(text))}


HYPHENATED_WORD = re.compile(rf"{WORD}(?:-{WORD})+")


class KeepWhole:
    """sorot's token_match: a word the pattern keeps whole, or one of `words`, looked up in a set. `pattern`
    is the same test as one regular expression: spaCy writes it when it saves the tokenizer (to_bytes reads
    `token_match.__self__.pattern`), and a tokenizer loaded from that matches with it (slower, same tokens)."""

    def __init__(self, pattern: re.Pattern[str], words: frozenset[str]) -> None:
        self._pattern, self.words = pattern, words
        listed = "|".join(re.escape(word) for word in sorted(words))
        self.pattern = rf"^(?:{listed})$|{pattern.pattern}" if words else pattern.pattern

    def match(self, text: str) -> object:
        return text in self.words or self._pattern.match(text)


def kept_whole_exceptions(exceptions: dict[str, list[dict[int, str]]]) -> frozenset[str]:
    """The hyphenated words among the exceptions that make their whole text one token, as it is written
    ("Ubur-Ubur"). Only words: spaCy reads a special case of punctuation ("''") inside a longer string,
    where token_match does not look."""
    return frozenset(text for text, pieces in exceptions.items()
                     if len(pieces) == 1 and pieces[0] == {ORTH: text} and HYPHENATED_WORD.fullmatch(text))


@registry.tokenizers("sorot.news_tokenizer.v1")
def news_tokenizer() -> Callable[[Language], Tokenizer]:
    """sorot's tokenizer: the language's defaults with sorot's hyphen rule (keep_whole_pattern) and
    abbreviations (TOKENIZER_CONFIG names it when a pipeline is built)."""

    def create(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        abbrev = abbreviations()
        # The exceptions that only keep a hyphenated word whole ("Ubur-Ubur", "TUPAI-TUPAI": 7,800 of the
        # 8,300 the pattern leaves) are looked up by token_match in a set, instead of as special cases, each
        # of which spaCy tokenises and interns when it builds the tokenizer (0.6 s of every process start)
        keep_whole = KeepWhole(keep_whole_pattern(abbrev.name_hyphen_prefixes),
                               kept_whole_exceptions(defaults.tokenizer_exceptions))
        token_match = _either(defaults.token_match, keep_whole.match)
        rules = exceptions_not_kept_whole(defaults.tokenizer_exceptions, token_match)
        rules.update({a: [{ORTH: a}] for a in sorted(abbrev.never_final | abbrev.may_end)})
        prefixes, suffixes, infixes = defaults.prefixes, defaults.suffixes, defaults.infixes
        return Tokenizer(
            nlp.vocab, rules=rules,
            prefix_search=AffixSearch(prefixes, "prefix").search if prefixes else None,
            suffix_search=AffixSearch(suffixes, "suffix").search if suffixes else None,
            infix_finditer=compile_infix_regex(infixes).finditer if infixes else None,
            token_match=token_match,
            url_match=defaults.url_match,
        )

    return create


# -- prefix and suffix search ---------------------------------------------------------------------------------



class AffixSearch:
    """`compile_prefix_regex(rules).search` (or the suffix one), with the same matches at a fraction of the
    cost: Python's re tries the alternatives of one pattern one by one, so spaCy's 171 Indonesian prefix
    rules cost 11 us on every word (the tokenizer asks 17,000 times while it is built, and again for every
    new word of a text), though a word that begins with a letter can only match a handful of them.

    Each rule that can only match at the start (end) of the text, with a first (last) character from a set
    the rule's syntax tree gives, is tried only on text that begins (ends) with such a character; rules of
    any other shape are tried on every text. The rules tried keep their order in one pattern, so the match
    is the one the whole pattern finds: a rule left out cannot match the text at all. `pattern` is the whole
    pattern, which spaCy's serialisation reads (Tokenizer.to_bytes: `search.__self__.pattern`)."""

    def __init__(self, rules: Sequence[str | re.Pattern[str]], side: Literal["prefix", "suffix"]) -> None:
        texts = (rule if isinstance(rule, str) else rule.pattern for rule in rules)
        self.rules = tuple(rule for rule in texts if rule.strip())    # spaCy's compile_*_regex skip blanks
        self.side = side
        self._everything = tuple(range(len(self.rules)))   # the whole pattern, compiled only if a text needs it
        self.pattern = _joined(self.rules, side)
        edges = [rule_edge(rule, side) for rule in self.rules]
        anywhere = tuple(i for i, chars in enumerate(edges) if chars is None)
        by_char: dict[str, list[int]] = {}
        for index, chars in enumerate(edges):
            for char in chars or ():
                by_char.setdefault(char, []).append(index)
        # a character's rules, as a tuple of rule numbers in their order; the patterns are compiled on first use
        self._rules_for: dict[str, tuple[int, ...]] = {
            char: tuple(sorted({*indices, *anywhere})) for char, indices in by_char.items()}
        self._other = anywhere
        self._searches: dict[tuple[int, ...], Callable[[str], re.Match[str] | None] | None] = {}

    def _compile(self, indices: Sequence[int] | range) -> re.Pattern[str]:
        chosen = [self.rules[i] for i in indices]
        return compile_prefix_regex(chosen) if self.side == "prefix" else compile_suffix_regex(chosen)

    def _search_for(self, indices: tuple[int, ...]) -> Callable[[str], re.Match[str] | None] | None:
        try:
            return self._searches[indices]
        except KeyError:
            search: Callable[[str], re.Match[str] | None] | None = self._compile(indices).search if indices else None
            self._searches[indices] = search
            return search

    def search(self, text: str) -> re.Match[str] | None:
        """The first match of the rules in `text`, as `re.search` of the whole pattern gives it."""
        if not text or text[-1] == "\n":          # '$' also matches before a final line break
            search = self._search_for(self._everything)
        else:
            edge = text[0] if self.side == "prefix" else text[-1]
            search = self._search_for(self._rules_for.get(edge, self._other))
        return search(text) if search is not None else None


def _joined(rules: Sequence[str], side: Literal["prefix", "suffix"]) -> str:
    """The pattern spaCy's compile_prefix_regex (compile_suffix_regex) builds of `rules`."""
    return "|".join(f"^{rule}" for rule in rules) if side == "prefix" else "|".join(f"{rule}$" for rule in rules)
