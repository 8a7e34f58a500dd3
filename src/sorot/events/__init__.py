"""PLOVER event coding: who did what to whom, when, with negation and modality.

`code_events(article)` reads the sentences, linked entities (with actor codes) and the article's anchor date,
finds lexicon triggers (data/events/lexicon.yaml), assigns source and target by token patterns (coder.py),
the status by negation/modality cues (status.py) and the date from the sentence's time expressions.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import compress, count, repeat
from operator import attrgetter
from typing import TYPE_CHECKING

from sorot.data import data_cached
from sorot.events.actors import Focus, Group, entity_slots, group_slots, reference_slots
from sorot.events.coder import (
    SYMMETRIC,
    Clause,
    Coded,
    clause_boundaries,
    code_trigger,
    condition_party,
    irrealis_governor,
    time_adjunct,
)
from sorot.events.resources import act_stems, cameo_for, cues, word_set
from sorot.events.rules import RuleHit, fire, start_recording, stop_recording
from sorot.events.status import event_status
from sorot.events.text import (
    LOW,
    Token,
    Trigger,
    embedded_from,
    find_triggers,
    may_stem_to,
    phrase_between,
    root_tails,
    sentences_of,
)
from sorot.schema import Actor, Article, Entity, Event, Sentence
from sorot.text.temporal import YEAR_RE, find_time_expressions, resolve_anchor, written_anchor
from sorot.text.tokens import text_doc
from sorot.text.words import looks_verbal, stem

if TYPE_CHECKING:
    from sorot.events.syntax import SentenceSyntax

__all__ = ["code_events", "code_sentence_events"]

END = attrgetter("end")
_FUTURE_MARKERS = frozenset({"akan", "bakal"})
_CLAUSE_END = re.compile(r"[.;:!?\"“”]")
_WORD = re.compile(r"\w+")
PATTERN_FACTOR = {"svo": 1.0, "passive": 0.9, "possessive": 0.9, "pair": 0.85}
REFERENCE_FACTOR = 0.85     # a pronoun or reciprocal stood for an actor


@dataclass
class DateState:
    """Dates seen so far, for sentences that continue an earlier narration."""

    last_day: str | None = None
    # the latest day told: the story's own day, which "keesokan harinya" moves on from (background days told
    # after it, "setelah Filipina menuduh ... pada 17 Juni lalu", are earlier)
    latest_day: str | None = None
    previous_sentence_date: str | None = None
    previous_paragraph_end: int = -1
    paragraph_pairs: dict[frozenset[str], str] = field(default_factory=dict)   # dated pairs of this paragraph
    article_pairs: dict[frozenset[str], str] = field(default_factory=dict)     # latest date of each pair
    source_dates: dict[str, str] = field(default_factory=dict)   # the last date of each source's events
    meeting_date: str | None = None               # the date of the last meeting (CONSULT) told
    previous_borrowed: list[Event] = field(default_factory=list)   # previous sentence's events dated by fallback
    borrowed_nouns: list[tuple[str, Event]] = field(default_factory=list)  # (noun trigger, event) dated by fallback
    lead_dated: set[int] = field(default_factory=set)   # ids of events dated only as "the lead's day"


def code_events(article: Article, trace: list[RuleHit] | None = None) -> Article:
    """The `events` stage. With `trace`, one RuleHit per coded event is appended to it (see rules.py)."""
    dating = start_recording() if trace is not None else None   # the dating rules, for `make rules`
    try:
        anchor = resolve_anchor(article) or _dateline_day(article) or written_anchor(article.text)
    finally:
        stop_recording()
    focus = Focus()
    dates = DateState()
    events: list[Event] = []
    speakers = _quote_speakers(article)
    parser = _parser_wanted()      # the setting read once per article, not once per sentence
    for sentence in sentences_of(article):
        events.extend(code_sentence_events(article, sentence, anchor, focus, dates, events, trace, speakers,
                                           parser=parser))
    _date_from_retelling(events, dates.lead_dated)
    if trace is not None and dating:
        _add_rules(trace, 0, dating)
    article.events = _dedupe(events)
    return article


def _dateline_day(article: Article) -> dt.date | None:
    """"Manila, 4 Desember 2024 - Ketegangan ...": the day written in the dateline the cleaner cut from the
    body, the day the report was filed, is what an undated article's "pada hari Rabu" counts from (rule
    EV-date-dateline). Read from the raw text's line that opens the body, before the body's first words."""
    raw = article.raw
    opening = article.text[:40].strip()
    if raw is None or raw.format != "text" or len(opening) < 20:
        return None
    at = raw.content.find(opening)
    if at <= 0:
        return None
    line = raw.content[raw.content.rfind("\n", 0, at) + 1:at]
    day = written_anchor(line) if len(line) <= 80 else None
    if day is not None:
        fire("EV-date-dateline")
    return day


def _date_from_retelling(events: list[Event], lead_dated: set[int]) -> None:
    """A lead that tells an event without its day ("Indonesia resmi bergabung dengan BRICS") takes the date of
    the later sentence retelling the same event with one ("... menjadi anggota penuh BRICS pada Senin (6/1)"),
    rather than none or the publication day."""
    for i, event in enumerate(events):
        if (event.date is not None and id(event) not in lead_dated) or event.status != "reported":
            continue
        later = next((e for e in events[i + 1:] if e.date and e.status == "reported" and e.type == event.type
                      and _same_parties(e, event) and id(e) not in lead_dated), None)
        # a vaguer retelling ("Agustus 2024") does not replace the lead's day within it
        if later is not None and not (event.date and later.date and event.date.startswith(later.date)):
            event.date = later.date


def _same_parties(first: Event, second: Event) -> bool:
    """Same source and target; either way round for the symmetric types."""
    if first.type in SYMMETRIC:
        return {first.source.code, first.target.code} == {second.source.code, second.target.code}
    return (first.source.code, first.target.code) == (second.source.code, second.target.code)


def _quote_speakers(article: Article) -> list[tuple[int, int, Actor]]:
    """(start, end, speaker) of the quotes whose speaker is known, for first person inside them."""
    found = []
    entity_at: dict[int, Entity] = {}  # the first entity with a mention at each offset, built once: per quote
    for candidate in article.entities:  # a scan of every mention would be quadratic on long articles
        for mention in candidate.mentions:
            entity_at.setdefault(mention.start, candidate)
    for quote in article.quotes:
        if not quote.speaker_code:
            continue
        entity = entity_at.get(quote.speaker_start) if quote.speaker_start is not None else None
        name = entity.name if entity is not None else quote.speaker
        found.append((quote.start, quote.end, Actor(name=name, code=quote.speaker_code,
                                                     country=entity.country if entity is not None else None)))
    return found


def code_sentence_events(article: Article, sentence: Sentence, anchor: dt.date | None,
                         focus: Focus, dates: DateState, earlier: list[Event] | None = None,
                         trace: list[RuleHit] | None = None,
                         speakers: list[tuple[int, int, Actor]] | None = None,
                         parser: bool | None = None) -> list[Event]:
    """The events of one sentence, with the state of the article told so far (`focus`, `dates`, `earlier`).
    `parser`: whether the dependency-parser trial is set (read from the environment when None)."""
    text = article.text[sentence.start:sentence.end]
    tokens = text_doc(article).tokens_in(sentence.start, sentence.end)   # the article's tokens, cut once
    lows = list(map(LOW, tokens))   # their lower-case forms, listed once for the scans of the sentence below
    slots = entity_slots(article, tokens)
    boundaries = clause_boundaries(tokens, lows)
    slots += reference_slots(tokens, slots, focus, speakers, boundaries, lows)
    groups = group_slots(slots, tokens, boundaries)
    told = _reported(earlier)
    clause = Clause(tokens, groups, find_triggers(tokens, lows), boundaries, told, dict(focus.acts))
    syntax = _sentence_syntax(tokens, _parser_wanted() if parser is None else parser) if clause.triggers else None
    times = _time_expressions(text, sentence.start, anchor, lows)
    first_hit = len(trace) if trace is not None else 0
    dating = start_recording() if trace is not None else None   # the dating rules, for `make rules`
    try:
        times += _day_next_to_last(text, sentence.start, times, dates) \
            or _month_next_to_last(text, sentence.start, times, dates)
    finally:
        stop_recording()
    if article.text.find("\n", max(dates.previous_paragraph_end, 0), sentence.start) >= 0:   # no slice copied
        dates.paragraph_pairs = {}
    _redate_back_references(tokens, times, dates)
    # only events take an inherited date: a sentence without a trigger asks for none
    fallback_date = _inherited_date(article.text, sentence, tokens, dates) if clause.triggers else None
    events, borrowed = [], []
    for trig in clause.triggers:
        nya_actor = focus.last_person(tokens[trig.first].start)
        governor = _governing_verb(clause, trig)
        own_times = _times_of_trigger(times, tokens, trig)
        fired = start_recording() if trace is not None else None
        try:
            coded_all = code_trigger(clause, trig, nya_actor)
            if syntax is not None:
                coded_all = syntax.arguments(coded_all, clause, trig)
            if not coded_all and trig.entry.type == "THREATEN":
                coded_all = _threatened_act(clause, trig, nya_actor)
            if not coded_all and trig.entry.type in _condition_party_types():
                coded_all = condition_party(clause, trig)
        finally:
            stop_recording()
        made = []
        for coded in coded_all:
            pair = _pair_key(coded.source, coded.target)
            event = _make_event(coded, clause, sentence, text, own_times,
                                fallback_date or dates.paragraph_pairs.get(pair), governor)
            made.append((coded, event, fired))
            threat = _conditional_threat(clause, trig, event)
            if threat is not None:
                made.append((coded, threat[0], [*(fired or []), threat[1]]))
            demand = _threat_demand(clause, trig, event)
            if demand is not None:
                made.append((coded, demand, [*(fired or []), "EV-threat-demand"]))
        for coded, event, fired in made:
            pair = _pair_key(coded.source, coded.target)
            if event.date is None and event.status == "reported" and _additive(tokens, trig):
                event.date = dates.source_dates.get(coded.source.code or "")
            if event.date is None and event.status == "reported":
                event.date = _latest(dates.article_pairs.get(pair), dates.last_day)
                if event.date is None:
                    event.date = _lead_day(article.text, sentence, anchor)
                    if event.date is not None:
                        dates.lead_dated.add(id(event))
            if not own_times and event.status == "reported":
                borrowed.append(event)
                if not trig.verbal:
                    dates.borrowed_nouns.append((tokens[trig.first].low, event))
            events.append(event)
            if event.status == "reported":
                clause.told_here.append((event.type, event.source, event.target))   # what a refusal answers
            if trace is not None:
                trace.append(RuleHit(event, trig.entry.id, _rules_of(coded, fired or [], slots)))
    _update_focus(focus, groups, slots, tokens)
    _remember_acts(focus, groups, lows)
    focus.event_pairs += [(sentence.start, [e.source, e.target]) for e in events
                          if e.status in ("reported", "planned") and e.type in SYMMETRIC]
    if trace is not None:
        cited = start_recording()
        try:
            told_times = _told_times(text, sentence.start, times)
        finally:
            stop_recording()
        _add_rules(trace, first_hit, [*(dating or []), *cited])
    else:
        told_times = _told_times(text, sentence.start, times)
    _update_dates(dates, events, told_times, sentence)
    dates.previous_borrowed = borrowed
    return events


def _parser_wanted() -> bool:
    """Whether SOROT_EVENTS_PARSER (syntax.SETTING) is set at all; syntax.parser_mode tells how."""
    return bool(os.environ.get("SOROT_EVENTS_PARSER", "").strip())


def _sentence_syntax(tokens: list[Token], wanted: bool) -> SentenceSyntax | None:
    """The dependency-parser trial (syntax.py), off unless SOROT_EVENTS_PARSER is set (`wanted`)."""
    if not wanted:
        return None     # the setting is unset (parser_mode "off"): spaCy's parser module is not even looked up
    from sorot.events.syntax import SentenceSyntax, parser_mode  # loads spaCy: only where events are coded

    mode = parser_mode()
    return SentenceSyntax(tokens, mode) if mode != "off" else None


@data_cached
def _condition_party_types() -> frozenset[str]:
    """The types whose trigger, with no party found, is aimed at the subject of its condition: threats and the
    hostile acts a condition makes threats (the set built once, not per trigger)."""
    return frozenset({"THREATEN", *cues()["conditional_threat_types"]})


def _threatened_act(clause: Clause, threat: Trigger, nya_actor: Actor | None) -> list[Coded]:
    """"ECOWAS mengancam akan melakukan intervensi militer di Niger": a threat with no target of its own is
    aimed at the target of the act it threatens or demands ("memberi ultimatum kepada junta untuk membebaskan
    ..."), the first later trigger of its clause that it governs (rule EV-threatened-act); not at the
    beneficiary of help it promises ("mengancam akan mengirim senjata ke Ukraina" is aimed at Ukraine's foe)."""
    end = clause.clause_end(threat.last - 1)
    for trig in clause.triggers:
        if trig.first < threat.last or trig.first >= end or irrealis_governor(clause, trig) != "THREATEN":
            continue
        if trig.entry.type in cues()["beneficiary_types"]:
            return []
        found = [Coded(threat, c.source, c.target, c.pattern, c.distance) for c in code_trigger(clause, trig, nya_actor)]
        if found:
            fire("EV-threatened-act")
        return found
    return []


def _conditional_threat(clause: Clause, trig: Trigger, event: Event) -> tuple[Event, str] | None:
    """"Iran akan menyerang Israel jika ...": a hostile act promised on a condition is a threat against its
    target (the act itself only hypothetical; rule EV-conditional-threat). "AS tidak akan meneken kesepakatan
    dagang dengan Thailand kecuali ...": an act withheld until a condition is one too (rule EV-withheld-threat)."""
    tokens = clause.tokens
    start, end = clause.clause_start(trig.first), clause.clause_end(trig.last - 1)
    promised = not _FUTURE_MARKERS.isdisjoint(map(LOW, tokens[max(start, trig.first - cues()["modal_window"]):trig.first]))
    if not promised:
        return None
    if event.status == "negated":
        exceptive = phrase_between(tokens, "exceptives", trig.last, len(tokens))
        if not exceptive:
            return None
        rule = "EV-withheld-threat"
        fire("EV-withheld-threat")
    elif event.status in ("planned", "hypothetical") and event.type in cues()["conditional_threat_types"]:
        # the condition stands anywhere in the sentence but not as the clause of the act itself
        in_condition = start < len(tokens) and tokens[start].low in word_set("conditionals")
        conditional = any(t.low in word_set("conditionals") for t in tokens[:start] + tokens[end:])
        if in_condition or not (conditional or _vowed(tokens, trig)):
            return None
        event.status = "hypothetical"
        if conditional:
            rule = "EV-conditional-threat"
            fire("EV-conditional-threat")
        else:
            rule = "EV-vowed-threat"
            fire("EV-vowed-threat")
    else:
        return None
    cameo = cameo_for("THREATEN", None)
    threat = replace(event, type="THREATEN", status="reported", mode=None, cameo=cameo.cameo,
                     goldstein=cameo.goldstein, quad_class=cameo.quad_class,
                     confidence=round(event.confidence * 0.8, 3))
    return threat, rule


def _threat_demand(clause: Clause, trig: Trigger, event: Event) -> Event | None:
    """"ECOWAS memberi ultimatum tujuh hari kepada junta Niger untuk membebaskan Bazoum", "AS mengancam Iran agar
    menghentikan pengayaan": a threat with a purpose complement demands that act of its target; a request too
    (rule EV-threat-demand)."""
    if event.type != "THREATEN" or event.status != "reported" or trig.entry.type != "THREATEN":
        return None
    tokens = clause.tokens
    # a warning's purpose ("memperingatkan AS agar tidak ...") is advice rather than a demand backed by a threat
    if tokens[trig.first].low not in word_set("demanding_threats"):
        return None
    # "mengancam akan menyerang ... untuk merebut ...": a threatened act's own purpose is no demand
    if trig.last < len(tokens) and tokens[trig.last].low in ("akan", "bakal"):
        return None
    stop = next((i for i in range(trig.last, len(tokens)) if tokens[i].text in ".;:!?"), len(tokens))
    demanded = any(tokens[k].low in word_set("purpose_markers") and k + 1 < stop
                   and (looks_verbal(tokens[k + 1].low) or tokens[k + 1].low in word_set("negators"))
                   for k in range(trig.last, min(stop, trig.last + 12)))
    if not demanded:
        return None
    fire("EV-threat-demand")
    cameo = cameo_for("REQUEST", None)
    return replace(event, type="REQUEST", mode=None, cameo=cameo.cameo, goldstein=cameo.goldstein,
                   quad_class=cameo.quad_class, confidence=round(event.confidence * 0.8, 3))


def _vowed(tokens: list[Token], trig: Trigger) -> bool:
    """"AS menegaskan akan memblokir keanggotaan Palestina": a verb of vowing right before the "akan" of a
    hostile act (rule EV-vowed-threat)."""
    j = trig.first - 1
    while j >= 0 and tokens[j].low in word_set("auxiliaries") and tokens[j].low not in ("akan", "bakal"):
        j -= 1
    return j >= 1 and tokens[j].low in ("akan", "bakal") and tokens[j - 1].low in word_set("vow_verbs")


def _add_rules(trace: list[RuleHit], first: int, rules: list[str]) -> None:
    """Adds dating rules to the trace's hits from `first` on (the events they dated or anchored)."""
    if not rules:
        return
    for i in range(first, len(trace)):
        hit = trace[i]
        trace[i] = RuleHit(hit.event, hit.lexicon_id, tuple(dict.fromkeys([*hit.rules, *rules])))


def _pair_key(source: Actor, target: Actor) -> frozenset[str]:
    return frozenset((source.code or "", target.code or ""))


def _rules_of(coded: Coded, fired: list[str], slots: list) -> tuple[str, ...]:
    """The construction rules behind one coded event: its pattern, the rules fired while coding its trigger
    and those that made the slots standing for its source or target."""
    codes = {coded.source.code, coded.target.code}
    made = [s.rule for s in slots if s.rule and codes & {a.code for a in s.actors}]
    return tuple(dict.fromkeys([f"EV-pattern-{coded.pattern}", *fired, *made]))


def _times_of_trigger(times: list[tuple[int, str, str | None]], tokens: list[Token],
                      trig: Trigger) -> list[tuple[int, str, str | None]]:
    """The sentence's time expressions less those inside a clause embedded after the trigger ("yang ...",
    "sejak ..."), unless set off by a comma. "sejak awal perang" is a time adjunct, no clause: the time after
    it still dates the trigger ("serangan terbesar sejak awal perang ke Ukraina pada Senin (26/8)")."""
    if not times:
        return []       # most sentences tell no time: no clause to look for
    first = embedded_from(tokens, trig)
    while first < len(tokens) and time_adjunct(tokens, first) and not _clause_follows(tokens, first + 1):
        first = embedded_from(tokens, replace(trig, last=first + 1))
    # "sejak tahun lalu", "sejak 2022": the start of a period, no day of the trigger
    times = [t for t in times if not _period_start(tokens, t[0])]
    if first == len(tokens):
        return times
    return [t for t in times if t[0] < tokens[first].start or _set_off(tokens, t[0])]


def _token_before(tokens: list[Token], offset: int) -> Token | None:
    """The last token ending at or before `offset` (bisected: the tokens' ends ascend)."""
    at = bisect.bisect_right(tokens, offset, key=END)
    return tokens[at - 1] if at else None


@data_cached
def _period_openers() -> frozenset[str]:
    return word_set("embedding_markers") & word_set("time_adjunct_openers")


def _period_start(tokens: list[Token], offset: int) -> bool:
    """A time expression right after "sejak" (the embedding marker that also opens time adjuncts)."""
    before = _token_before(tokens, offset)
    return before is not None and before.low in _period_openers()


def _clause_follows(tokens: list[Token], index: int) -> bool:
    """"sejak perang dimulai": a verb within two words makes the phrase a clause, not a time adjunct."""
    return any(looks_verbal(t.low) for t in tokens[index:index + 3])


def _set_off(tokens: list[Token], offset: int) -> bool:
    """"..., Senin (18/11).": a day set off by a comma dates the whole sentence, relative clauses included."""
    before = _token_before(tokens, offset)
    return before is not None and before.text == ","


def _additive(tokens: list[Token], trig: Trigger) -> bool:
    """"juga mendesak", "juga akan mendesak": an additive word among the two words before the trigger."""
    return any(t.low in word_set("additive") for t in tokens[max(0, trig.first - 2):trig.first])


def _latest(first: str | None, second: str | None) -> str | None:
    """The later of two borrowed dates: what an article narrates now is later than its background; of two
    dates in the same month ISO order prefers the day."""
    return max((d for d in (first, second) if d), default=None)


def _day_values(times: list[tuple[int, str, str | None]]) -> list[str]:
    return [t[1] for t in times if len(t[1]) == 10]


def _redate_back_references(tokens: list[Token], times: list[tuple[int, str, str | None]],
                            dates: DateState) -> None:
    """A sentence pointing back at what came before ("Hal itu disampaikan ..., Sabtu (23/9)"; "Serangan yang
    terjadi pada Minggu (26/5) itu ...") gives its day to earlier events that only borrowed one."""
    days = _day_values(times)
    if not days or len(tokens) < 2:
        return
    if phrase_between(tokens, "back_reference", 0, min(2, len(tokens))):
        for event in dates.previous_borrowed:
            event.date = days[0]
            _remember(dates, event)
    if tokens[1].low in word_set("noun_reference"):
        for noun, event in dates.borrowed_nouns:
            if noun == tokens[0].low:
                event.date = days[0]
                _remember(dates, event)


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


class _Told:
    """(type, source, target) of the reported events among `earlier`, extended as the article's list grows
    instead of rebuilt for every sentence (quadratic on long articles). Clauses only read it."""

    def __init__(self, earlier: list[Event]) -> None:
        self.earlier, self.scanned = earlier, 0
        self.told: list[tuple[str, Actor, Actor]] = []

    def update(self) -> list[tuple[str, Actor, Actor]]:
        for event in self.earlier[self.scanned:]:
            if event.status == "reported":
                self.told.append((event.type, event.source, event.target))
        self.scanned = len(self.earlier)
        return self.told


_last_told: list[_Told] = []


def _reported(earlier: list[Event] | None) -> list[tuple[str, Actor, Actor]]:
    if not earlier:
        return []
    if not _last_told or _last_told[0].earlier is not earlier or _last_told[0].scanned > len(earlier):
        _last_told[:] = [_Told(earlier)]
    return _last_told[0].update()


def _confidence(coded: Coded) -> float:
    """Lexical strength x pattern reliability x a penalty of 2% per token between trigger and actors."""
    distance_factor = max(0.5, 1.0 - 0.02 * coded.distance)
    score = coded.trigger.entry.weight * PATTERN_FACTOR[coded.pattern] * distance_factor
    return round(min(1.0, max(0.05, score)), 3)


def _time_expressions(text: str, offset: int, anchor: dt.date | None,
                      lows: list[str]) -> list[tuple[int, str, str | None]]:
    """Time expressions resolved against the anchor; with none, only those that write out their year
    ("pada 2018", "Mei 2025") can be resolved. `lows`: the sentence's tokens in lower case, whose words the
    search reads (where the sentence is ASCII, see temporal._text_words)."""
    if anchor is None:
        if not YEAR_RE.search(text):
            return []
        return [(offset + t.start, t.value, None) for t in find_time_expressions(text, dt.date.today(), lows)
                if t.value[:4] in t.surface]
    return [(offset + t.start, t.value, t.relation) for t in find_time_expressions(text, anchor, lows)]


def _day_next_to_last(text: str, offset: int, times: list[tuple[int, str, str | None]],
                      dates: DateState) -> list[tuple[int, str, str | None]]:
    """"Selang sehari sebelumnya, Jokowi bertemu Zelensky": a day shift with no date after it in the sentence
    counts from the latest day the article told (rule EV-date-shifted)."""
    if dates.latest_day is None:
        return []
    found = _undated_shift(text, offset, times, cues()["day_shifts"])
    if found is None:
        return []
    at, shift = found
    day = dt.date.fromisoformat(dates.latest_day) + dt.timedelta(days=shift)
    fire("EV-date-shifted")
    # told as done: a day after the last told one is no plan ("keesokan harinya, X mengecam ...")
    return [(offset + at, day.isoformat(), None)]


def _month_next_to_last(text: str, offset: int, times: list[tuple[int, str, str | None]],
                        dates: DateState) -> list[tuple[int, str, str | None]]:
    """"Pada Maret lalu, ... Sebulan kemudian, Jepang meneken ...": a month shift with no date after it in the
    sentence counts from the month of the previous sentence's date (or the latest day told), to the month
    (rule EV-date-shifted-month)."""
    base = dates.previous_sentence_date or dates.latest_day
    if base is None or len(base) < 7:
        return []
    found = _undated_shift(text, offset, times, cues()["month_shifts"])
    if found is None:
        return []
    at, shift = found
    months = int(base[:4]) * 12 + int(base[5:7]) - 1 + shift
    fire("EV-date-shifted-month")
    return [(offset + at, f"{months // 12:04d}-{months % 12 + 1:02d}", None)]


def _undated_shift(text: str, offset: int, times: list[tuple[int, str, str | None]],
                   shifts: dict[str, int]) -> tuple[int, int] | None:
    """(position in the sentence, shift) of the first phrase of `shifts` standing as a word with no time
    expression of the sentence after it; None when there is none."""
    low = text.lower()
    for phrase, shift in shifts.items():
        at = low.find(phrase)
        if at >= 0 and not (at > 0 and low[at - 1].isalnum()) and not any(t[0] >= offset + at for t in times):
            return at, shift
    return None


def _told_times(text: str, offset: int,
                times: list[tuple[int, str, str | None]]) -> list[tuple[int, str, str | None]]:
    """The sentence's time expressions less the days of citations ("dilansir dari DW, Kamis (5/12)"): the
    day another outlet reported is no day later sentences continue (rule EV-date-citation)."""
    citations = word_set("citation_cues")
    kept = []
    for time in times:
        before = text[max(0, time[0] - offset - 60):time[0] - offset]
        clause = _CLAUSE_END.split(before)[-1]
        words = set(_WORD.findall(clause.lower()))
        if words & citations:
            fire("EV-date-citation")
            continue
        kept.append(time)
    return kept


def _lead_day(text: str, sentence: Sentence, anchor: dt.date | None) -> str | None:
    """A news lead (first paragraph) that names no day reports what happened on the publication day."""
    if anchor is None or "\n" in text[:sentence.start].strip():
        return None
    return anchor.isoformat()


def _inherited_date(text: str, sentence: Sentence, tokens: list[Token], dates: DateState) -> str | None:
    """A sentence with no time expression of its own keeps an earlier date only when it says so."""
    head = tokens[:8]
    if phrase_between(head, "same_day", 0, len(head)):
        return dates.last_day
    same_paragraph = text.find("\n", dates.previous_paragraph_end, sentence.start) < 0
    if same_paragraph and phrase_between(tokens, "continuation", 0, len(tokens)):
        return dates.previous_sentence_date
    if phrase_between(head, "meeting_reference", 0, len(head)):
        return dates.meeting_date or dates.previous_sentence_date
    return None


def _update_focus(focus: Focus, groups: list, slots: list, tokens: list[Token]) -> None:
    for slot in slots:
        if slot.kind == "entity":
            for actor in slot.actors:
                focus.mentions.append((tokens[slot.first].start, actor, slot.is_person))
    for group in groups:
        if len(group.slots) == 1 and len(group.slots[0].actors) < 2:
            continue        # most groups are one mention of one actor: no group of several to remember
        actors = group.actors
        if len(actors) >= 2:
            focus.groups.append((tokens[group.first].start, actors))


class _ActStems:
    """The act stem of a word (its stem when that is a one-party act's), remembered per word: the same verbs
    come back sentence after sentence. Built per loaded data (`_act_stem_index`); emptied when it reaches
    `MAX_WORDS`, so that a long run cannot grow it without bound."""

    MAX_WORDS = 50_000

    def __init__(self, stems: frozenset[str]) -> None:
        self.stems, self.tails = stems, root_tails(stems)
        self.known: dict[str, str | None] = {}

    def of(self, word: str) -> str | None:
        try:
            return self.known[word]
        except KeyError:
            if len(self.known) >= self.MAX_WORDS:
                self.known.clear()
            # the cheap test first: a word whose stem is surely no act's is not given to the stemmer
            key = stem(word) if may_stem_to(word, self.tails) else None
            found = self.known[word] = key if key in self.stems else None
            return found


@data_cached
def _act_stem_index() -> _ActStems:
    return _ActStems(act_stems())


def _remember_acts(focus: Focus, groups: list[Group], lows: list[str]) -> None:
    """"Korea Utara meluncurkan rudal", "Niger menggelar pemilu": the subject that does a one-party act (its
    verb, or its noun behind a light verb) is the agent a later "peluncuran itu" points back to."""
    acts, light = _act_stem_index(), word_set("light_verbs")
    # over the sentence at once and in C: the stem only of a verb in me- or of a noun after a light verb
    verbs = compress(count(), map(str.startswith, lows, repeat("me")))
    if light.isdisjoint(lows):      # most sentences: no light verb, the verbs in me- alone, in order
        candidates: Iterable[int] = verbs
    else:
        candidates = sorted({*verbs, *(i + 1 for i in compress(count(), map(light.__contains__, lows[:-1])))})
    for i in candidates:
        key = acts.of(lows[i])
        if key is None:
            continue
        agent = next((g for g in groups if g.last <= i and g.prep is None
                      and not all(s.place_only for s in g.slots)), None)
        if agent is not None and agent.actors:
            for told_as in (key, *cues().act_aliases.get(key, ())):
                focus.acts[told_as] = agent.actors


def _remember(dates: DateState, event: Event) -> None:
    """Registers a reported event's date as the latest of its pair, its source and (a meeting) of meetings."""
    if event.date:
        dates.article_pairs[_pair_key(event.source, event.target)] = event.date
        dates.source_dates[event.source.code or ""] = event.date
        if event.type == "CONSULT":
            dates.meeting_date = event.date


def _update_dates(dates: DateState, events: list[Event], times: list[tuple[int, str, str | None]],
                  sentence: Sentence) -> None:
    # the publication day given to a lead is no day the text told: later sentences do not inherit it
    values = [e.date for e in events if e.date and id(e) not in dates.lead_dated] or [t[1] for t in times]
    dates.previous_sentence_date = values[-1] if values else None
    dates.previous_paragraph_end = sentence.end
    for event in events:
        if event.date and event.status == "reported" and id(event) not in dates.lead_dated:
            dates.paragraph_pairs.setdefault(_pair_key(event.source, event.target), event.date)
            _remember(dates, event)
    day_values = [v for v in values if len(v) == 10]
    if day_values:
        dates.last_day = day_values[-1]
        dates.latest_day = max(day_values + [dates.latest_day or ""])


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
