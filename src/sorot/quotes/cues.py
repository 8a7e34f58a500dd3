"""The speech cues of data/quotes/cues.yaml, compiled once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sorot.data import data_cached, load_data
from sorot.data.schemas import QuoteCuesData


@dataclass(frozen=True)
class QuoteCues:
    verb: re.Pattern[str]             # a cue verb, optionally with "-nya" (group "nya")
    verb_after: re.Pattern[str]       # the same, plus the cues written only after a quote ("demikian")
    attribution: re.Pattern[str]      # "menurut", "seperti dikutip dari", ...
    pronoun: re.Pattern[str]          # a pronoun standing for the person in focus
    role_noun: re.Pattern[str]        # "sang presiden", "menlu itu"
    min_words_full: int
    min_words_partial: int


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@data_cached
def load_cues() -> QuoteCues:
    data = load_data("quotes/cues.yaml", QuoteCuesData)
    return QuoteCues(
        verb=re.compile(rf"\b(?:{_alternation(data.verbs)})(?P<nya>nya)?\b", re.IGNORECASE),
        verb_after=re.compile(rf"\b(?:{_alternation(data.verbs + data.after_only)})(?P<nya>nya)?\b",
                              re.IGNORECASE),
        attribution=re.compile(rf"\b(?:{_alternation(data.attribution_phrases)})\b", re.IGNORECASE),
        pronoun=re.compile(rf"^(?:{_alternation(data.pronouns)})\b", re.IGNORECASE),
        role_noun=re.compile("|".join(data.role_nouns), re.IGNORECASE),
        min_words_full=data.min_words_full,
        min_words_partial=data.min_words_partial,
    )
