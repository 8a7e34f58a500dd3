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
from collections.abc import Callable

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

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


def customise_tokenizer(nlp: Language) -> Language:
    """Install sorot's tokenizer rules on an Indonesian pipeline (in place); returns it."""
    abbrev = abbreviations()
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):   # a pipeline whose tokenizer is a plain function has no rules
        raise TypeError(f"customise_tokenizer needs spaCy's rule-based Tokenizer, not {type(tokenizer).__name__}")
    keep_whole = keep_whole_pattern(abbrev.name_hyphen_prefixes)
    tokenizer.token_match = _either(tokenizer.token_match, keep_whole.match)   # rebuilds the special cases
    for abbreviation in sorted(abbrev.never_final | abbrev.may_end):
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return nlp


def exceptions_not_kept_whole(exceptions: dict[str, list[dict[int, str]]],
                              token_match: Callable[[str], object]) -> dict[str, list[dict[int, str]]]:
    """The language's tokenizer exceptions less those that only keep a word whole which `token_match`
    keeps whole anyway (most of spaCy's 15,900 Indonesian ones are reduplications such as "negara-negara").
    spaCy checks special cases and token_match at the same points, so the tokens are the same; each special
    case costs start-up time (tokenised and interned when the tokenizer is built) and memory."""
    return {text: pieces for text, pieces in exceptions.items()
            if not (len(pieces) == 1 and pieces[0] == {ORTH: text} and token_match(text))}


@registry.tokenizers("sorot.news_tokenizer.v1")
def news_tokenizer() -> Callable[[Language], Tokenizer]:
    """The same rules as `customise_tokenizer`, given to spaCy when it builds the pipeline, so the
    tokenizer's special cases are compiled once instead of again for every setter."""

    def create(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        abbrev = abbreviations()
        token_match = _either(defaults.token_match, keep_whole_pattern(abbrev.name_hyphen_prefixes).match)
        rules = exceptions_not_kept_whole(defaults.tokenizer_exceptions, token_match)
        rules.update({a: [{ORTH: a}] for a in sorted(abbrev.never_final | abbrev.may_end)})
        prefixes, suffixes, infixes = defaults.prefixes, defaults.suffixes, defaults.infixes
        return Tokenizer(
            nlp.vocab, rules=rules,
            prefix_search=compile_prefix_regex(prefixes).search if prefixes else None,
            suffix_search=compile_suffix_regex(suffixes).search if suffixes else None,
            infix_finditer=compile_infix_regex(infixes).finditer if infixes else None,
            token_match=token_match,
            url_match=defaults.url_match,
        )

    return create
