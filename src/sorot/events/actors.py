"""Actor slots in a sentence: linked entity mentions, pronouns and reciprocals, grouped by coordination."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from sorot.events.resources import cues, phrases_by_first_word, word_set
from sorot.events.text import Token, phrase_at
from sorot.schema import Actor, Article, Entity

IGO_RE = re.compile(r"^[A-Z]{3}$")


@dataclass
class Slot:
    first: int                      # token indices [first, last)
    last: int
    actors: list[Actor]
    kind: str = "entity"            # entity | pronoun | reciprocal
    is_person: bool = False
    place_only: bool = False        # a region (LOC): a target of attacks and visits, never a source


@dataclass
class Group:
    """Coordinated slots ("AS dan NATO") with the preposition that governs them."""

    slots: list[Slot]
    prep: str | None
    first: int
    last: int

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

    def last_person(self, before: int) -> Actor | None:
        for offset, actor, is_person in reversed(self.mentions):
            if offset < before and is_person:
                return actor
        return self.last_actor(before)

    def last_actor(self, before: int) -> Actor | None:
        return next((a for o, a, _ in reversed(self.mentions) if o < before), None)

    def pair(self, before: int) -> list[Actor]:
        """The two states most in focus before `before`: mention counts, recent mentions weighing more."""
        earlier = [(o, a) for o, a, _ in self.mentions if o < before and a.code and IGO_RE.match(a.code)]
        score: Counter[str] = Counter()
        names: dict[str, Actor] = {}
        for rank, (_, actor) in enumerate(reversed(earlier)):
            score[actor.code or ""] += 1.0 + 2.0 / (1 + rank)
            names.setdefault(actor.code or "", actor)
        return [names[c] for c, _ in score.most_common(2)] if len(score) >= 2 else []

    def last_group(self, before: int, window: int) -> list[Actor]:
        for offset, actors in reversed(self.groups):
            if before - window <= offset < before:
                return actors
        return []


def actor_of(entity: Entity) -> Actor:
    return Actor(name=entity.name, code=entity.code, country=entity.country)


def is_actor_entity(entity: Entity) -> bool:
    non_actors = word_set("non_actors")
    return bool(entity.code) and entity.name.lower() not in non_actors and not any(
        m.text.lower() in non_actors for m in entity.mentions[:1])


def entity_slots(article: Article, tokens: list[Token]) -> list[Slot]:
    """One slot per entity mention inside the sentence, adjacent same-code mentions merged
    ("Presiden Rusia Vladimir Putin", "Menteri Luar Negeri Cina, Wang Yi")."""
    if not tokens:
        return []
    lo, hi = tokens[0].start, tokens[-1].end
    slots = []
    for entity in article.entities:
        if not is_actor_entity(entity):
            continue
        for m in entity.mentions:
            if lo <= m.start < hi:
                first = next(i for i, t in enumerate(tokens) if t.end > m.start)
                last = next((i for i, t in enumerate(tokens) if t.start >= m.end), len(tokens))
                slots.append(Slot(first, max(last, first + 1), [actor_of(entity)], is_person=entity.type == "PER",
                                  place_only=entity.type == "LOC"))
    slots.sort(key=lambda s: s.first)
    return _merge_same_code(slots, tokens)


def _merge_same_code(slots: list[Slot], tokens: list[Token]) -> list[Slot]:
    merged: list[Slot] = []
    for slot in slots:
        prev = merged[-1] if merged else None
        if prev and prev.actors[0].code == slot.actors[0].code and (
                slot.first <= prev.last or (slot.first == prev.last + 1 and tokens[prev.last].text == ",")):
            person = slot.actors[0] if slot.is_person else prev.actors[0]
            merged[-1] = Slot(prev.first, max(prev.last, slot.last), [person], is_person=prev.is_person or slot.is_person,
                              place_only=prev.place_only and slot.place_only)
        elif prev and slot.first < prev.last:
            continue
        else:
            merged.append(slot)
    return merged


def reference_slots(tokens: list[Token], taken: list[Slot], focus: Focus) -> list[Slot]:
    """Pronoun and reciprocal slots ("Ia", "mereka", "kedua negara") resolved against the focus."""
    used = {i for s in taken for i in range(s.first, s.last)}
    slots = []
    i = 0
    while i < len(tokens):
        if i in used:
            i += 1
            continue
        slot = _reference_at(tokens, i, focus)
        if slot:
            slots.append(slot)
            i = slot.last
        else:
            i += 1
    return slots


def _reference_at(tokens: list[Token], i: int, focus: Focus) -> Slot | None:
    offset = tokens[i].start
    for phrase in phrases_by_first_word("reciprocals").get(tokens[i].low, ()):
        if phrase_at(tokens, i, phrase):
            pair = focus.pair(offset)
            return Slot(i, i + len(phrase), pair, kind="reciprocal") if pair else None
    low = tokens[i].low
    if low in cues()["person_pronouns"]:
        actor = focus.last_person(offset)
        return Slot(i, i + 1, [actor], kind="pronoun", is_person=True) if actor else None
    if low in cues()["plural_pronouns"]:
        actors = focus.last_group(offset, window=600) or focus.pair(offset)
        return Slot(i, i + 1, actors, kind="reciprocal") if actors else None
    return None


def group_slots(slots: list[Slot], tokens: list[Token]) -> list[Group]:
    """Coordinated slots become one group; the word before the group is its preposition."""
    coordinators = set(cues()["coordinators"])
    preps = set(cues()["prepositions"]) - {"dan"}
    groups: list[Group] = []
    for slot in sorted(slots, key=lambda s: s.first):
        prev = groups[-1] if groups else None
        gap = [t.low for t in tokens[prev.last:slot.first]] if prev else []
        titles = [t for t in tokens[prev.last:slot.first]] if prev else []
        if prev and gap and len(gap) <= 4 and any(w in coordinators for w in gap) and all(
                w in coordinators or w == "baik" or t.text[:1].isupper() for w, t in zip(gap, titles, strict=True)):
            prev.slots.append(slot)
            prev.last = slot.last
            continue
        prep = _preposition_before(tokens, slot.first, preps)
        groups.append(Group([slot], prep, slot.first, slot.last))
    return groups


def _preposition_before(tokens: list[Token], index: int, preps: set[str]) -> str | None:
    """The preposition governing a mention, allowing a title or place noun between ("di kota Kazan")."""
    fillers = {"kota", "wilayah", "negara", "pemerintah", "presiden", "pemimpin", "menteri", "rezim", "pihak",
               "para", "pejabat", "kawasan", "provinsi", "ibu", "ibukota"}
    j = index - 1
    while j >= 0 and index - j <= 3:
        low = tokens[j].low
        if low in preps:
            return low
        if low not in fillers and not tokens[j].text[:1].isupper():
            return None
        j -= 1
    return None
