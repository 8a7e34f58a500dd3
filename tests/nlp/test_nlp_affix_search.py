"""AffixSearch: spaCy's prefix and suffix rules searched rule group by rule group, with the matches of the
one pattern spaCy compiles from them."""

import itertools
import re

import pytest
import spacy
from spacy.lang.id import Indonesian
from spacy.tokenizer import Tokenizer
from spacy.util import compile_prefix_regex, compile_suffix_regex

from sorot.nlp.tokenizer import AffixSearch
from sorot.text.regex_tree import rule_edge

# Rules of the shapes spaCy's lists have, and of shapes whose edge this reading cannot know.
SHAPES = [
    r"\(", r"\.\.+", r"[\$£]", r"US\$", r"(?<=[0-9])%", r"(?<=[0-9])(?:km|m)", r"(?:kg|g)(?=\s|$)",
    r"<(b|i)\s?/>|<a([^>]+)>", r"x?y", r"(?i:rp)", r"\w-", r"[^a-z]z", r"-[Nn]ya", r"a+b", r"(?:a|b*)c",
]
ALPHABET = "()$£.%0a<>/biUSyxzRpkmg-N "


def spans(match: re.Match[str] | None) -> tuple[int, int] | None:
    return None if match is None else match.span()


@pytest.mark.parametrize("side", ["prefix", "suffix"])
def test_every_short_text_gets_the_whole_patterns_match(side: str) -> None:
    """On every text of up to three characters of an alphabet the rules react to, the grouped search and the
    whole pattern give the same match (or none)."""
    compile_rules = compile_prefix_regex if side == "prefix" else compile_suffix_regex
    whole = compile_rules(SHAPES)
    grouped = AffixSearch(SHAPES, side)  # type: ignore[arg-type]
    assert grouped.pattern == whole.pattern                     # what spaCy serialises
    texts = ["".join(chars) for size in range(1, 4) for chars in itertools.product(ALPHABET, repeat=size)]
    texts += ["12km", "5kg", "<a href>x", "x<a href>", "Rp", "RP", "rP", "(US$", "...", "a\n", "%\n", ""]
    for text in texts:
        assert spans(grouped.search(text)) == spans(whole.search(text)), repr(text)


@pytest.mark.parametrize("side", ["prefix", "suffix"])
def test_indonesian_rules_on_words_marks_and_symbols(side: str) -> None:
    """spaCy's own Indonesian rules, on words as news writes them between marks, and on every character the
    rules begin or end with, alone and before or after a word."""
    defaults = Indonesian.Defaults
    rules = defaults.prefixes if side == "prefix" else defaults.suffixes
    whole = (compile_prefix_regex if side == "prefix" else compile_suffix_regex)(rules)
    grouped = AffixSearch(rules, side)  # type: ignore[arg-type]
    assert grouped.pattern == whole.pattern
    edge_chars = sorted(set().union(*(rule_edge(rule, side) or () for rule in rules)))  # type: ignore[arg-type]
    assert len(edge_chars) > 100
    words = ["Jakarta", "(Jakarta)", '"kata', "kata,", "US$5", "Rp10.000", "10%", "5km", "3,5kg", "Korea-nya",
             "dia-lah", "“kutipan”", "...dan", "dan...", "PBB's", "12.30", "20°C.", "<b/>teks", "x<a b>", "€"]
    texts = [*words, *edge_chars, *(c + "kata" for c in edge_chars), *("kata" + c for c in edge_chars),
             *(c + "1" for c in edge_chars), *("1" + c for c in edge_chars)]
    for text in texts:
        assert spans(grouped.search(text)) == spans(whole.search(text)), repr(text)


def test_rule_edges() -> None:
    assert rule_edge(r"US\$", "prefix") == frozenset("U")
    assert rule_edge(r"(?<=[0-9])(?:km|m)", "suffix") == frozenset("m")
    assert rule_edge(r"\.\.+", "suffix") == frozenset(".")
    assert rule_edge(r"[a-c]", "prefix") == frozenset("abc")
    assert rule_edge(r"<x|<a[^>]+>", "prefix") is None          # the second branch is not anchored
    assert rule_edge(r"x?y", "prefix") is None                    # may begin with either
    assert rule_edge(r"(?i:rp)", "prefix") is None                 # case-insensitive: not read
    assert rule_edge(r"\w", "suffix") is None


def test_the_tokenizer_splits_as_with_spacys_patterns(sorot_nlp: spacy.language.Language) -> None:
    """Without special cases (which would hide the affix rules), sorot's tokenizer and one with spaCy's
    compiled patterns cut punctuation-heavy text the same way; and spaCy can still serialise it."""
    ours = sorot_nlp.tokenizer
    assert isinstance(ours, Tokenizer)
    defaults = sorot_nlp.Defaults
    reference = Tokenizer(sorot_nlp.vocab, prefix_search=compile_prefix_regex(defaults.prefixes).search,
                          suffix_search=compile_suffix_regex(defaults.suffixes).search,
                          infix_finditer=ours.infix_finditer, token_match=ours.token_match,
                          url_match=ours.url_match)
    bare = Tokenizer(sorot_nlp.vocab, prefix_search=ours.prefix_search, suffix_search=ours.suffix_search,
                     infix_finditer=ours.infix_finditer, token_match=ours.token_match, url_match=ours.url_match)
    texts = ['"Kami menolak (usul itu)," kata Menlu AS-nya, Selasa (4/3).',
             "Harga naik 10%, dari Rp5.000 ke US$1,2 per 3kg; suhu 40°C...",
             "«Ya!» — ujar [sumber] di 'Jalan' No. 5: <b/>selesai? [12.30 WIB]",
             "Kapal-kapal (Tiongkok-Filipina) berlayar 12km/jam… katanya's “cepat”."]
    for text in texts:
        assert [t.text for t in bare(text)] == [t.text for t in reference(text)], text
    restored = Tokenizer(sorot_nlp.vocab).from_bytes(ours.to_bytes())
    assert [t.text for t in restored(texts[1])] == [t.text for t in ours(texts[1])]
