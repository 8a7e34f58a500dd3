"""Actor slots in a sentence: linked entity mentions, pronouns and reciprocals, grouped by coordination."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter, itemgetter

from sorot.data import data_cached
from sorot.events.resources import cue_set, cues, phrases_by_first_word, word_set
from sorot.events.text import LOW, Token, phrase_at
from sorot.schema import Actor, Article, Entity
from sorot.text.words import has_verb_prefix

IGO_RE = re.compile(r"^[A-Z]{3}$")
START, END, FIRST = attrgetter("start"), attrgetter("end"), attrgetter("first")
ENTITY_ORDER = itemgetter(1, 2)     # (entity number, mention number) of an _ActorMentions item
PAIR_WINDOW = 1000  # state mentions weighed for "kedua negara" (an article has far fewer)


@dataclass
class Slot:
    first: int                      # token indices [first, last)
    last: int
    actors: list[Actor]
    kind: str = "entity"            # entity | pronoun | reciprocal
    is_person: bool = False
    place_only: bool = False        # a region (LOC): a target of attacks and visits, never a source
    rule: str | None = None         # the id of the rule that made or joined this slot (rules.py)


@dataclass
class Group:
    """Coordinated slots ("AS dan NATO") with the preposition that governs them."""

    slots: list[Slot]
    prep: str | None
    first: int
    last: int
    prep_at: int | None = None    # token index of the preposition, when one governs the group

    @property
    def actors(self) -> list[Actor]:
        seen: dict[str, Actor] = {}
        for slot in self.slots:
            for actor in slot.actors:
                seen.setdefault(actor.code or "", actor)
        return [a for code, a in seen.items() if code]

    @property
    def kind(self) -> str:
        return "reciprocal" if any(s.kind == "reciprocal" for s in self.slots) else self.slots[0].kind


@dataclass
class Focus:
    """What the text has talked about so far: mentions in order, for pronouns and reciprocals."""

    mentions: list[tuple[int, Actor, bool]] = field(default_factory=list)   # (offset, actor, is_person)
    groups: list[tuple[int, list[Actor]]] = field(default_factory=list)
    event_pairs: list[tuple[int, list[Actor]]] = field(default_factory=list)  # (offset, [source, target])
    acts: dict[str, list[Actor]] = field(default_factory=dict)   # stem of a one-party act -> its last agent

    def last_person(self, before: int) -> Actor | None:
        for offset, actor, is_person in reversed(self.mentions):
            if offset < before and is_person:
                return actor
        return self.last_actor(before)

    def last_actor(self, before: int) -> Actor | None:
        return next((a for o, a, _ in reversed(self.mentions) if o < before), None)

    def pair(self, before: int) -> list[Actor]:
        """The two states most in focus before `before`: the parties of an event just told ("Prabowo bertemu
        Modi. Kedua pemimpin ..."), else by mention counts, recent mentions weighing more."""
        for offset, actors in reversed(self.event_pairs):  # told in order: stop once past the window
            if offset < before - 400:
                break
            if offset < before and all(a.code and IGO_RE.match(a.code) for a in actors):
                return actors
        latest = []  # the last PAIR_WINDOW state mentions: all of them would make long articles quadratic
        for o, a, _ in reversed(self.mentions):
            if o < before and a.code and IGO_RE.match(a.code):
                latest.append(a)
                if len(latest) == PAIR_WINDOW:
                    break
        score: dict[str, float] = {}
        names: dict[str, Actor] = {}
        for rank, actor in enumerate(latest):
            score[actor.code or ""] = score.get(actor.code or "", 0.0) + 1.0 + 2.0 / (1 + rank)
            names.setdefault(actor.code or "", actor)
        best = sorted(score, key=lambda code: score[code], reverse=True)[:2]
        return [names[c] for c in best] if len(score) >= 2 else []

    def last_group(self, before: int, window: int, size: int | None = None) -> list[Actor]:
        for offset, actors in reversed(self.groups):
            if before - window <= offset < before and (size is None or len(actors) == size):
                return actors
        return []


def actor_of(entity: Entity) -> Actor:
    return Actor(name=entity.name, code=entity.code, country=entity.country)


def is_actor_entity(entity: Entity, non_actors: frozenset[str] | None = None) -> bool:
    """An entity with an actor code that is not on the list of non-actors (by its name or first mention);
    `non_actors` is that list when the caller has it at hand (it asks for many entities)."""
    if non_actors is None:
        non_actors = word_set("non_actors")
    return bool(entity.code) and entity.name.lower() not in non_actors and not any(
        m.text.lower() in non_actors for m in entity.mentions[:1])


def entity_slots(article: Article, tokens: list[Token]) -> list[Slot]:
    """One slot per entity mention inside the sentence, adjacent same-code mentions merged
    ("Presiden Rusia Vladimir Putin", "Menteri Luar Negeri Cina, Wang Yi")."""
    if not tokens:
        return []
    lo, hi = tokens[0].start, tokens[-1].end
    index = _actor_mentions(article)
    inside = index.items[bisect.bisect_left(index.starts, lo):bisect.bisect_left(index.starts, hi)]
    slots = []
    # the tokens are in order, their starts and ends both ascending: bisected by key, no offset lists built
    for _start, _entity_no, _mention_no, m, entity in sorted(inside, key=ENTITY_ORDER):  # the article's order
        first = bisect.bisect_right(tokens, m.start, key=END)      # the first token ending after the mention starts
        last = bisect.bisect_left(tokens, m.end, key=START)        # the first token starting at or after its end
        slots.append(Slot(first, max(last, first + 1), [actor_of(entity)], is_person=entity.type == "PER",
                          place_only=entity.type == "LOC"))
    slots.sort(key=FIRST)
    return _merge_same_code(slots, tokens)


class _ActorMentions:
    """The mentions of an article's actor entities sorted by start, so that each sentence finds its own by
    bisection instead of scanning every mention of the article (quadratic on long articles)."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities, self.count = entities, len(entities)
        non_actors = word_set("non_actors")
        # (start, entity number, mention number, mention, entity): sorted as tuples, in C, by start and then
        # in the article's order; the numbers differ from item to item, so no mention is ever compared
        self.items = sorted((m.start, e_no, m_no, m, entity) for e_no, entity in enumerate(entities)
                            if is_actor_entity(entity, non_actors) for m_no, m in enumerate(entity.mentions))
        self.starts = [item[0] for item in self.items]


_last_actor_mentions: list[_ActorMentions] = []


def _actor_mentions(article: Article) -> _ActorMentions:
    cached = _last_actor_mentions[0] if _last_actor_mentions else None
    if cached is None or cached.entities is not article.entities or cached.count != len(article.entities):
        _last_actor_mentions[:] = [_ActorMentions(article.entities)]
    return _last_actor_mentions[0]


def _merge_same_code(slots: list[Slot], tokens: list[Token]) -> list[Slot]:
    merged: list[Slot] = []
    for slot in slots:
        prev = merged[-1] if merged else None
        bracketed = _bracketed_after(prev, slot, tokens) if prev else False
        if prev and prev.actors[0].code == slot.actors[0].code and (
                slot.first <= prev.last or bracketed
                or (slot.first == prev.last + 1 and tokens[prev.last].text == ",")):
            person = slot.actors[0] if slot.is_person else prev.actors[0]
            end = max(prev.last, slot.last + (1 if bracketed else 0))   # "Amerika Serikat (AS)" ends at ")"
            merged[-1] = Slot(prev.first, end, [person], is_person=prev.is_person or slot.is_person,
                              place_only=prev.place_only and slot.place_only)
        elif prev and slot.first < prev.last:
            continue
        else:
            merged.append(slot)
    return merged


def _bracketed_after(prev: Slot, slot: Slot, tokens: list[Token]) -> bool:
    """"Amerika Serikat (AS)": the acronym in brackets right after a name."""
    return slot.first == prev.last + 1 and tokens[prev.last].text == "(" and slot.last < len(tokens) \
        and tokens[slot.last].text == ")"


def reference_slots(tokens: list[Token], taken: list[Slot], focus: Focus,
                    speakers: list[tuple[int, int, Actor]] | None = None,
                    boundaries: list[int] | None = None, lows: list[str] | None = None) -> list[Slot]:
    """Pronoun and reciprocal slots ("Ia", "mereka", "kedua negara") resolved against the focus; "saya",
    "kami", "kita" inside a quotation stand for its speaker (`speakers`: quote start, end, speaker). `lows`:
    the tokens' lower-case forms, when the caller has listed them."""
    starts = _reference_starts()
    if starts.isdisjoint(map(LOW, tokens) if lows is None else lows):
        return []       # most sentences hold no pronoun or reference: seen in one pass
    used = {i for s in taken for i in range(s.first, s.last)}
    slots = []
    i = 0
    while i < len(tokens):
        if i in used or tokens[i].low not in starts:
            i += 1
            continue
        slot = _first_person_at(tokens, i, speakers or []) \
            or _state_reference_at(tokens, i, focus, [s for s in taken if s.last <= i], boundaries or [0]) \
            or _body_reference_at(tokens, i, focus, [s for s in taken if s.last <= i], boundaries or [0]) \
            or _reference_at(tokens, i, focus, [s for s in taken if s.last <= i])
        if slot:
            slots.append(slot)
            i = slot.last
        else:
            i += 1
    return slots


@data_cached
def _reference_starts() -> frozenset[str]:
    """Every word a reference slot can start with (first person, state references, reciprocals, triples,
    pronouns): at any other token `reference_slots` finds nothing, and moves on without asking."""
    lists = ("state_references", "body_references", "reciprocals", "triples")
    return frozenset(word_set("first_person") | {first for key in lists for first in phrases_by_first_word(key)}
                     | set(cues()["person_pronouns"]) | set(cues()["plural_pronouns"]))


def _sentence_pair(tokens: list[Token], i: int, before: list[Slot]) -> list[Actor]:
    """"Presiden Iran ... berkunjung ke Arab Saudi sejak kedua negara ...": exactly two states named earlier in
    the sentence are the pair, whatever the text before it talked about; not those of a fronted adverbial
    clause ("Sebelum invasi Rusia ke Ukraina, kedua negara ...")."""
    if before and tokens[0].low in word_set("clause_openers") \
            and any(t.text == "," for t in tokens[before[-1].last:i]):
        return []
    states = _states_of(before)
    return states if len(states) == 2 else []


def _coordinated_before(tokens: list[Token], before: list[Slot]) -> list[Actor]:
    """"Malaysia dan Australia menggelar latihan pertama mereka": the states of the last coordinated group named
    earlier in the sentence are whom "mereka" stands for, before the groups of the text around it."""
    run: list[Slot] = []
    last_group: list[Slot] = []
    for slot in before:
        run = [*run, slot] if run and _coordinated(run[-1], slot, tokens) else [slot]
        if len(run) >= 2:
            last_group = run
    states = _states_of(last_group)
    return states if len(states) >= 2 else []


def _states_of(slots: list[Slot]) -> list[Actor]:
    """The states the slots name, each once, in order."""
    found: dict[str, Actor] = {}
    for actor in (a for slot in slots for a in slot.actors):
        if actor.code and IGO_RE.match(actor.code):
            found.setdefault(actor.code, actor)
    return list(found.values())


def _state_reference_at(tokens: list[Token], i: int, focus: Focus, before: list[Slot],
                        boundaries: list[int]) -> Slot | None:
    """"AS menjatuhkan sanksi pada negara tersebut": the latest state named before the reference's clause."""
    phrase = _reference_phrase(tokens, i, "state_references")
    if phrase is None or (i and tokens[i - 1].text == "-"):
        return None     # "negara-negara tersebut" are several
    state = _latest_named(tokens, i, focus, before, boundaries, is_state=True)
    return Slot(i, i + len(phrase), [state], kind="pronoun", rule="EV-reference-state") if state else None


def _body_reference_at(tokens: list[Token], i: int, focus: Focus, before: list[Slot],
                       boundaries: list[int]) -> Slot | None:
    """"NATO menggelar latihan ... Rusia mengecam aliansi tersebut": the latest bloc or organisation (an actor
    that is no state) named before the reference's clause (rule EV-reference-body)."""
    phrase = _reference_phrase(tokens, i, "body_references")
    if phrase is None:
        return None
    body = _latest_named(tokens, i, focus, before, boundaries, is_state=False)
    return Slot(i, i + len(phrase), [body], kind="pronoun", rule="EV-reference-body") if body else None


def _reference_phrase(tokens: list[Token], i: int, key: str) -> tuple[str, ...] | None:
    return next((p for p in phrases_by_first_word(key).get(tokens[i].low, ()) if phrase_at(tokens, i, p)), None)


def _latest_named(tokens: list[Token], i: int, focus: Focus, before: list[Slot], boundaries: list[int],
                  is_state: bool) -> Actor | None:
    """The latest state (or, with is_state False, the latest actor that is no state) named before the clause
    that holds token i, other than the actors of that clause."""
    clause_start = max((b for b in boundaries if b <= i), default=0)
    in_sentence = [a for s in before if s.last <= clause_start and not s.is_person for a in s.actors]
    offset = tokens[i].start
    # latest first: the sentence's own mentions, then the text's from the last back, read only as far as the
    # first one found (a list of all the text's mentions per reference would be quadratic on long articles)
    earlier = (a for o, a, is_person in reversed(focus.mentions) if o < offset and not is_person)
    own = {a.code for s in before if s.first >= clause_start for a in s.actors}
    return next((a for a in chain(reversed(in_sentence), earlier)
                 if a.code and bool(IGO_RE.match(a.code)) == is_state and a.code not in own), None)


def _first_person_at(tokens: list[Token], i: int, speakers: list[tuple[int, int, Actor]]) -> Slot | None:
    """"“Bekerja sama dengan AS, kami akan ...,” kata Abe": first person in a quote is its speaker's side
    (rule EV-first-person-quote)."""
    if tokens[i].low not in word_set("first_person"):
        return None
    offset = tokens[i].start
    speaker = next((a for start, end, a in speakers if start <= offset < end), None)
    if speaker is None:
        return None
    return Slot(i, i + 1, [speaker], kind="pronoun", is_person=True, rule="EV-first-person-quote")


def _reference_at(tokens: list[Token], i: int, focus: Focus, before: list[Slot]) -> Slot | None:
    offset = tokens[i].start
    for phrase in phrases_by_first_word("reciprocals").get(tokens[i].low, ()):
        if phrase_at(tokens, i, phrase):
            pair = _sentence_pair(tokens, i, before) or focus.pair(offset)
            return Slot(i, i + len(phrase), pair, kind="reciprocal", rule="EV-reference-reciprocal") if pair else None
    for phrase in phrases_by_first_word("triples").get(tokens[i].low, ()):
        if phrase_at(tokens, i, phrase):
            trio = focus.last_group(offset, window=3000, size=3)
            return Slot(i, i + len(phrase), trio, kind="reciprocal", rule="EV-reference-triple") if trio else None
    low = tokens[i].low
    if low in cues()["person_pronouns"]:
        actor = focus.last_person(offset)
        return Slot(i, i + 1, [actor], kind="pronoun", is_person=True, rule="EV-reference-pronoun") if actor else None
    if low in cues()["plural_pronouns"]:
        actors = _coordinated_before(tokens, before) or focus.last_group(offset, window=600) or focus.pair(offset)
        return Slot(i, i + 1, actors, kind="reciprocal", rule="EV-reference-plural") if actors else None
    return None


def group_slots(slots: list[Slot], tokens: list[Token], boundaries: list[int] | None = None) -> list[Group]:
    """Coordinated slots become one group; the word before the group is its preposition. No coordination
    crosses a clause boundary ("Selain bertemu Menlu Rusia, Retno juga ...": the comma closes the fronted
    clause, rule EV-no-coordination-across-clauses)."""
    preps = _prepositions_but_dan()
    opens = sorted(set(boundaries or ()))
    groups: list[Group] = []
    for slot in sorted(slots, key=FIRST):
        prev = groups[-1] if groups else None
        # a boundary b with prev.last < b <= slot.first: the first one after prev.last, by bisection
        after = bisect.bisect_right(opens, prev.last) if prev else len(opens)
        crosses = after < len(opens) and opens[after] <= slot.first
        between = [t.low for t in tokens[prev.last:slot.first]] if prev else []
        if prev and prev.prep == "antara" and len(prev.slots) == 1 and between[:1] == ["dengan"] \
                and all(w in word_set("prep_fillers") for w in between[1:]):
            # "gencatan senjata antara Israel dengan Hamas": the colloquial pair (rule EV-antara-dengan)
            slot.rule = "EV-antara-dengan"
            prev.slots.append(slot)
            prev.last = slot.last
            continue
        if prev and not crosses and _coordinated(prev.slots[-1], slot, tokens) \
                and not _closes_attribution(prev, slot, tokens) and not _closes_fronted_phrase(prev, slot, tokens):
            prev.slots.append(slot)
            prev.last = slot.last
            continue
        prep_at = _preposition_before(tokens, slot.first, preps)
        prep = tokens[prep_at].low if prep_at is not None else None
        groups.append(Group([slot], prep, slot.first, slot.last, prep_at))
    return groups


@data_cached
def _prepositions_but_dan() -> frozenset[str]:
    return cue_set("prepositions") - {"dan"}


def _closes_fronted_phrase(prev: Group, slot: Slot, tokens: list[Token]) -> bool:
    """"Bersama Mesir, Qatar menandatangani ...": the comma after a sentence-opening prepositional phrase of one
    actor closes it; the next actor is the subject."""
    return prev.prep_at == 0 and len(prev.slots) == 1 and [t.text for t in tokens[prev.last:slot.first]] == [","]


def _closes_attribution(prev: Group, slot: Slot, tokens: list[Token]) -> bool:
    """"Menurut Kementerian Pertahanan Inggris, Rusia ...": the comma ends the attribution, no coordination."""
    return prev.prep in word_set("attribution_preps") and "," in {t.text for t in tokens[prev.last:slot.first]}


def _coordinated(prev: Slot, slot: Slot, tokens: list[Token]) -> bool:
    """"AS dan NATO", "Prabowo dan Wakil Perdana Menteri sekaligus Menteri Pertahanan Australia Richard
    Marles": a coordinator, with only title words between. A bare comma joins only mentions of one kind
    (states with states, persons with persons): "Sebelum ke Jepang, Prabowo ..." closes an adverbial."""
    gap = tokens[prev.last:slot.first]
    if _hyphen_pair(prev, slot, tokens):
        slot.rule = "EV-hyphen-pair"
        return True
    coordinators = cue_set("coordinators")
    words = [t.low for t in gap]
    if coordinators.isdisjoint(words):      # no word at all, or none a coordinator
        return False
    titles, heads = word_set("title_words"), word_set("coordinated_heads")
    if not all(w in coordinators or w == "baik" or w in titles or t.text[:1].isupper()
               or (w in heads and _after_coordinator(words, w)) for w, t in zip(words, gap, strict=True)):
        return False
    if len(words) > 4 and not all(w in coordinators for w in words[:1]):
        return False
    if len(words) > cues()["title_gap"]:
        return False
    # nor a name with a reference ("ke Ukraina, kedua negara ..."): the reference opens a new clause; nor a
    # state and a titled person ("Dengan Tiongkok, Menlu Retno ..."): a comma alone joins one kind only
    comma_only = "," in words and not any(w in coordinators and w != "," for w in words)
    return not (comma_only and (prev.is_person != slot.is_person or prev.kind != slot.kind))


def _after_coordinator(words: list[str], word: str) -> bool:
    """Whether a coordinator comes before `word` in the gap: a head noun opens the second conjunct only."""
    coordinators = cue_set("coordinators")
    return any(w in coordinators for w in words[:words.index(word)])


def _hyphen_pair(prev: Slot, slot: Slot, tokens: list[Token]) -> bool:
    """"Thailand-Kamboja", "Rusia-Ukraina": two states written together with a hyphen (rule EV-hyphen-pair)."""
    if slot.first != prev.last + 1 or prev.is_person or slot.is_person or prev.kind != "entity" \
            or slot.kind != "entity":
        return False
    hyphen = tokens[prev.last]
    return hyphen.text in cues()["pair_hyphens"] and tokens[prev.last - 1].end == hyphen.start \
        and hyphen.end == tokens[slot.first].start


@dataclass(frozen=True)
class _PrepositionCues:
    fillers: frozenset[str]
    target_only: frozenset[str]
    enumerators: frozenset[str]
    target_preps: frozenset[str]
    reach: int


@data_cached
def _preposition_cues() -> _PrepositionCues:
    """The cue words `_preposition_before` reads, gathered once (it runs for every group of every sentence)."""
    return _PrepositionCues(word_set("prep_fillers"), word_set("target_only_fillers"), word_set("enumerators"),
                            word_set("target_preps"), cues()["prep_reach"])


def _preposition_before(tokens: list[Token], index: int, preps: frozenset[str]) -> int | None:
    """The index of the preposition governing a mention, allowing a title or place noun between ("di kota
    Kazan"); an enumeration ("dari tujuh negara, yakni Argentina, Chile ...") takes the preposition of the
    noun phrase it spells out."""
    words = _preposition_cues()
    j = index - 1
    if j >= 0 and tokens[j].low in words.enumerators:
        return _enumeration_prep(tokens, j, preps)
    crossed_target_only = False
    while j >= 0 and index - j <= words.reach:
        low = tokens[j].low
        if low in preps:
            # "pejabat pada pemerintahan Biden" belong to it; "terhadap pemerintahan Maduro" aims at it
            return None if crossed_target_only and low not in words.target_preps else j
        if low in words.target_only:
            crossed_target_only = True
        elif low not in words.fillers and not tokens[j].text[:1].isupper():
            return None
        j -= 1
    return None


def _enumeration_prep(tokens: list[Token], j: int, preps: frozenset[str]) -> int | None:
    """Walk back from "yakni" over the noun phrase it explains (no verb, no clause punctuation)."""
    k = j - 1
    while k >= 0 and j - k <= 7:
        low = tokens[k].low
        if low in preps:
            return k
        if tokens[k].text in (".", ";", ":") or low == "yang" or (has_verb_prefix(low)
                                                                  and not tokens[k].text[:1].isupper()):
            return None
        k -= 1
    return None
