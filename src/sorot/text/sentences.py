"""Rule-based sentence splitting for Indonesian news text (plain Python: fast and predictable).

A sentence ends at ".", "!", "?" or "…" (with any closing quotes or brackets that follow) when the next
word starts a sentence (capital letter, digit or opening quote) and the full stop does not belong to
an abbreviation, an initial or a web domain. A blank line always ends a sentence; a single line break
does when the next line starts like a sentence. Abbreviations live in data/nlp/abbreviations.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sorot.data import data_cached, load_data
from sorot.data.schemas import AbbreviationsData
from sorot.schema import Sentence

CLOSERS = "\"'”’»)]"
OPENERS = "\"'“‘«(["
# Candidate end: terminal punctuation, closing quotes/brackets, then whitespace.
END_RE = re.compile(rf"(?:[.!?…]+)[{re.escape(CLOSERS)}]*(?=\s)")
PARAGRAPH_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
LINE_RE = re.compile(r"\n")
# The word before a full stop, e.g. "Prof" in "Prof." or "M.Si" in "M.Si.".
WORD_BEFORE_RE = re.compile(r"(\S+)$")
INITIAL_RE = re.compile(r"^[(\"“]?[A-Z]\.$")
DOTTED_RE = re.compile(r"^[(\"“]?(?:[A-Za-z]{1,4}\.){2,}$")


@dataclass(frozen=True)
class Abbreviations:
    never_final: frozenset[str]
    may_end: frozenset[str]
    name_hyphen_prefixes: tuple[str, ...]


@data_cached
def abbreviations() -> Abbreviations:
    data = load_data("nlp/abbreviations.yaml", AbbreviationsData)
    return Abbreviations(frozenset(data.never_final), frozenset(data.may_end), data.name_hyphen_prefixes)


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether the text from `pos` (first non-space character) looks like a sentence start."""
    if pos >= len(text):
        return True
    char = text[pos]
    if char in OPENERS or char in "-–—•*":
        return True
    return char.isupper() or char.isdigit()


def _is_boundary(text: str, end_punct: int, next_start: int, abbrev: Abbreviations) -> bool:
    """Decide whether the terminal punctuation ending at `end_punct` closes a sentence."""
    if not _starts_sentence(text, next_start):
        return False
    if text[end_punct - 1] != "." or text[end_punct - 2 : end_punct] == "..":
        return True
    match = WORD_BEFORE_RE.search(text, max(0, end_punct - 40), end_punct)
    word = match.group(1) if match else ""
    if word in abbrev.never_final or INITIAL_RE.match(word):
        return False
    if word in abbrev.may_end:
        return text[next_start].isupper()
    # "a.n.", "A.S." style dotted abbreviations: a new sentence only before a capitalised word
    # that is not itself followed by another initial-like token.
    return not (DOTTED_RE.match(word) and word.lower() == word)


def _split_block(text: str, start: int, end: int, abbrev: Abbreviations) -> list[tuple[int, int]]:
    """Sentences of one paragraph text[start:end]."""
    spans: list[tuple[int, int]] = []
    sent_start = start
    for match in END_RE.finditer(text, start, end):
        next_start = match.end()
        while next_start < end and text[next_start].isspace():
            next_start += 1
        punct_end = match.start() + len(match.group(0).rstrip(CLOSERS))
        if next_start < end and _is_boundary(text, punct_end, next_start, abbrev):
            spans.append((sent_start, match.end()))
            sent_start = next_start
    spans.append((sent_start, end))
    return spans


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs, further cut at single line breaks that are followed by a sentence start."""
    blocks: list[tuple[int, int]] = []
    start = 0
    for match in PARAGRAPH_RE.finditer(text):
        blocks.append((start, match.start()))
        start = match.end()
    blocks.append((start, len(text)))
    result: list[tuple[int, int]] = []
    for b_start, b_end in blocks:
        line_start = b_start
        for match in LINE_RE.finditer(text, b_start, b_end):
            nxt = match.end()
            while nxt < b_end and text[nxt] in " \t":
                nxt += 1
            if _starts_sentence(text, nxt):
                result.append((line_start, match.start()))
                line_start = nxt
        result.append((line_start, b_end))
    return result


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` as character offsets, trimmed of surrounding whitespace, in order."""
    abbrev = abbreviations()
    sentences: list[Sentence] = []
    for b_start, b_end in _blocks(text):
        for s_start, s_end in _split_block(text, b_start, b_end, abbrev):
            start, end = _trim(text, s_start, s_end)
            if start < end:
                sentences.append(Sentence(start, end))
    return sentences
