"""Negation and modality of a trigger: negated, hypothetical, planned or reported."""

from __future__ import annotations

from sorot.events.resources import cue_set, cues
from sorot.events.text import Token, Trigger, embedded_from, phrase_between
from sorot.schema import EventStatus as Status


def _negated(tokens: list[Token], trig: Trigger, clause_start: int) -> bool:
    """A negator before the trigger, directly or through auxiliaries ("tidak akan", "menolak untuk")."""
    negators, aux = cue_set("negators"), cue_set("auxiliaries")
    j = trig.first - 1
    # "tidak akan membuat kesepakatan": a noun trigger's light verb carries the negation for it
    if not trig.verbal and j >= clause_start and tokens[j].low in cues()["light_verbs"]:
        j -= 1
    while j >= clause_start and trig.first - j <= 5:
        low = tokens[j].low
        if low in negators:
            return not (j + 1 < len(tokens) and tokens[j + 1].low in ("hanya", "saja"))
        if low not in aux:
            return False
        j -= 1
    return False


def _cue_before(tokens: list[Token], trig: Trigger, start: int, key: str) -> bool:
    window = cues()["modal_window"]
    lo = max(start, trig.first - window)
    return phrase_between(tokens, key, lo, trig.first)


def _cue_after(tokens: list[Token], trig: Trigger, end: int, key: str) -> bool:
    """A cue after the trigger, not inside a clause embedded there (a cue may start at its "yang")."""
    end = min(end, embedded_from(tokens, trig) + 1)
    return phrase_between(tokens, key, trig.last, end)


def event_status(tokens: list[Token], trig: Trigger, clause_start: int, clause_end: int,
                 future_time: bool) -> Status:
    if _negated(tokens, trig, clause_start):
        return "negated"
    if phrase_between(tokens, "conditionals", 0, trig.first):
        return "hypothetical"
    if _cue_before(tokens, trig, clause_start, "speculative"):
        return "hypothetical"
    if (_cue_before(tokens, trig, clause_start, "planned") or _cue_after(tokens, trig, clause_end, "planned_after")
            or future_time):
        return "planned"
    return "reported"
