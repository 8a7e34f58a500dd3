"""PLOVER event coding: who did what to whom, when, with negation and modality.

`code_events(article)` reads the sentences, linked entities (with actor codes) and the article's anchor date,
finds lexicon triggers (data/events/lexicon.yaml), assigns source and target by token patterns (coder.py),
the status by negation/modality cues (status.py) and the date from the sentence's time expressions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sorot.events.actors import Focus, entity_slots, group_slots, reference_slots
from sorot.events.coder import SYMMETRIC, Clause, Coded, clause_boundaries, code_trigger, irrealis_governor
from sorot.events.resources import cameo_for
from sorot.events.status import event_status
from sorot.events.text import Token, Trigger, find_triggers, sentences_of, starts_phrase, tokenize
from sorot.meta.temporal import find_time_expressions, resolve_anchor
from sorot.schema import Article, Event, Sentence

__all__ = ["code_events", "code_sentence_events"]

PATTERN_FACTOR = {"svo": 1.0, "passive": 0.9, "possessive": 0.9, "pair": 0.85}
REFERENCE_FACTOR = 0.85     # a pronoun or reciprocal stood for an actor


@dataclass
class DateState:
    """Dates seen so far, for sentences that continue an earlier narration."""

    last_day: str | None = None
    previous_sentence_date: str | None = None
    previous_paragraph_end: int = -1
    paragraph_pairs: dict[frozenset[str], str] = field(default_factory=dict)   # dated pairs of this paragraph


def code_events(article: Article) -> Article:
    anchor = resolve_anchor(article) or _anchor_from_text(article.text)
    focus = Focus()
    dates = DateState()
    events: list[Event] = []
    for sentence in sentences_of(article):
        events.extend(code_sentence_events(article, sentence, anchor, focus, dates, events))
    article.events = _dedupe(events)
    return article


def code_sentence_events(article: Article, sentence: Sentence, anchor: dt.date | None,
                         focus: Focus, dates: DateState, earlier: list[Event] | None = None) -> list[Event]:
    text = article.text[sentence.start:sentence.end]
    tokens = tokenize(text, sentence.start)
    slots = entity_slots(article, tokens)
    slots += reference_slots(tokens, slots, focus)
    groups = group_slots(slots, tokens)
    told = [(e.type, e.source, e.target) for e in earlier or () if e.status == "reported"]
    clause = Clause(tokens, groups, find_triggers(tokens), clause_boundaries(tokens), told)
    times = _time_expressions(text, sentence.start, anchor)
    if "\n" in article.text[max(dates.previous_paragraph_end, 0):sentence.start]:
        dates.paragraph_pairs = {}
    fallback_date = _inherited_date(article.text, sentence, tokens, dates)
    events = []
    for trig in clause.triggers:
        nya_actor = focus.last_person(tokens[trig.first].start)
        governor = _governing_verb(clause, trig)
        for coded in code_trigger(clause, trig, nya_actor):
            pair_date = dates.paragraph_pairs.get(frozenset((coded.source.code, coded.target.code)))
            event = _make_event(coded, clause, sentence, text, times, fallback_date or pair_date, governor)
            if event.date is None and event.status == "reported":
                event.date = dates.last_day or _lead_day(article.text, sentence, anchor)
            events.append(event)
    _update_focus(focus, groups, slots, tokens)
    focus.event_pairs += [(sentence.start, [e.source, e.target]) for e in events
                          if e.status in ("reported", "planned") and e.type in SYMMETRIC]
    _update_dates(dates, events, times, sentence)
    return events


def _governing_verb(clause: Clause, trig: Trigger) -> Trigger | None:
    """"tidak akan menandatangani pakta ...": a noun trigger right after a verb trigger of the same type is
    that verb's object, one event: its status (negation, modality) is the verb's."""
    if trig.verbal:
        return None
    return next((t for t in clause.triggers if t.verbal and t.entry.type == trig.entry.type
                 and 0 <= trig.first - t.last <= 2), None)


def _make_event(coded: Coded, clause: Clause, sentence: Sentence, text: str,
                times: list[tuple[int, str, str | None]], fallback_date: str | None,
                verb: Trigger | None = None) -> Event:
    trig, tokens = coded.trigger, clause.tokens
    anchor_offset = tokens[trig.first].start
    nearest = min(times, key=lambda t: abs(t[0] - anchor_offset), default=None)
    head = verb or trig
    status = event_status(tokens, head, clause.clause_start(head.first), clause.clause_end(trig.last - 1),
                          future_time=bool(nearest and nearest[2] == "future"))
    governor = irrealis_governor(clause, trig) if status in ("reported", "planned") else None
    # a threatened act is hypothetical even with "akan"; a requested one unless announced ("mengundang")
    if governor == "THREATEN" or (governor and status == "reported"):
        status = "hypothetical"
    cameo = cameo_for(trig.entry.type, trig.entry.mode)
    return Event(
        type=trig.entry.type, source=coded.source, target=coded.target, status=status,
        date=nearest[1] if nearest else fallback_date, sentence=text, start=sentence.start, end=sentence.end,
        confidence=_confidence(coded), mode=trig.entry.mode,
        trigger=" ".join(t.text for t in tokens[trig.first:trig.last]),
        cameo=cameo.cameo, goldstein=cameo.goldstein, quad_class=cameo.quad_class,
    )


def _confidence(coded: Coded) -> float:
    """Lexical strength x pattern reliability x a penalty of 2% per token between trigger and actors."""
    distance_factor = max(0.5, 1.0 - 0.02 * coded.distance)
    score = coded.trigger.entry.weight * PATTERN_FACTOR[coded.pattern] * distance_factor
    return round(min(1.0, max(0.05, score)), 3)


def _time_expressions(text: str, offset: int, anchor: dt.date | None) -> list[tuple[int, str, str | None]]:
    if anchor is None:
        return []
    return [(offset + t.start, t.value, t.relation) for t in find_time_expressions(text, anchor)]


def _anchor_from_text(text: str) -> dt.date | None:
    """No publication date: the latest full date written out with its year anchors the rest."""
    probe = dt.date.today()
    days = [t.value for t in find_time_expressions(text, probe)
            if len(t.value) == 10 and t.value[:4] in t.surface]
    return dt.date.fromisoformat(max(days)) if days else None


def _lead_day(text: str, sentence: Sentence, anchor: dt.date | None) -> str | None:
    """A news lead (first paragraph) that names no day reports what happened on the publication day."""
    if anchor is None or "\n" in text[:sentence.start].strip():
        return None
    return anchor.isoformat()


def _inherited_date(text: str, sentence: Sentence, tokens: list[Token], dates: DateState) -> str | None:
    """A sentence with no time expression of its own keeps an earlier date only when it says so."""
    head = tokens[:8]
    if any(starts_phrase(head, i, "same_day") for i in range(len(head))):
        return dates.last_day
    same_paragraph = "\n" not in text[dates.previous_paragraph_end:sentence.start]
    if same_paragraph and any(starts_phrase(tokens, i, "continuation") for i in range(len(tokens))):
        return dates.previous_sentence_date
    return None


def _update_focus(focus: Focus, groups: list, slots: list, tokens: list[Token]) -> None:
    for slot in slots:
        if slot.kind == "entity":
            for actor in slot.actors:
                focus.mentions.append((tokens[slot.first].start, actor, slot.is_person))
    for group in groups:
        if len(group.actors) >= 2:
            focus.groups.append((tokens[group.first].start, group.actors))


def _update_dates(dates: DateState, events: list[Event], times: list[tuple[int, str, str | None]],
                  sentence: Sentence) -> None:
    values = [e.date for e in events if e.date] or [t[1] for t in times]
    dates.previous_sentence_date = values[-1] if values else None
    dates.previous_paragraph_end = sentence.end
    for event in events:
        if event.date and event.status == "reported":
            dates.paragraph_pairs.setdefault(frozenset((event.source.code, event.target.code)), event.date)
    day_values = [v for v in values if len(v) == 10]
    if day_values:
        dates.last_day = day_values[-1]


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (type, source, target, status, date, sentence): coordination can repeat a pair."""
    seen: set[tuple] = set()
    kept = []
    for event in events:
        key = (event.type, event.source.code, event.target.code, event.status, event.date, event.start)
        if key not in seen:
            seen.add(key)
            kept.append(event)
    return kept
