"""The dependency-parser trial: an argument finder for event triggers that reads a UD parse.

Behind a setting, off by default: `SOROT_EVENTS_PARSER=1` (or `fallback`) asks the parse only for triggers the
token patterns of coder.py code no pair for; `SOROT_EVENTS_PARSER=replace` asks the parse first and keeps the
patterns for what it finds nothing for. The parser (src/sorot/models/parser_id, trained by
scripts/train_parser.py on UD Indonesian) parses the events stage's own tokens, so token i of the parse is
token i of the clause.

Rules (ids in rules.py, fired while a trigger is coded):
- EV-syntax-subject: the `nsubj` of the predicate is the source ("Jepang secara resmi mengecam Rusia").
- EV-syntax-object: its `obj` is the target; else EV-syntax-oblique: an `obl`/`nmod` whose `case` is a target
  preposition ("mengirim nota protes kepada Kamboja").
- EV-syntax-passive-agent: a di- passive's `obl:agent` (or `obl` with "oleh") is the source, its subject or
  the noun its relative clause modifies the target.
- EV-syntax-light-verb: a noun trigger that is the object of a light verb ("melakukan kunjungan ke X") takes
  the verb's subject as source and its own or the verb's prepositional dependents as target.
- EV-syntax-relative-agent: a trigger heading a relative clause (`acl`, `acl:relcl`) without a subject acts for
  the noun the clause modifies ("Presiden Kenya, yang mengunjungi Tiongkok, ...").
- EV-syntax-shared-subject: a second conjunct, `xcomp` or `advcl` without a subject shares its head's.
- EV-syntax-possessor: a bare noun trigger's `nmod`/`nmod:poss` without preposition is the source.
- EV-syntax-coordination: `conj` dependents of an argument add their actors ("Jepang dan Korea").
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import registry

from sorot.events.actors import Group
from sorot.events.coder import SYMMETRIC, Clause, Coded
from sorot.events.resources import cues, word_set
from sorot.events.rules import fire
from sorot.events.text import Token, Trigger
from sorot.schema import Actor

__all__ = ["PARSER_DIR", "SentenceSyntax", "code_by_parse", "get_parser", "parse_tokens", "parser_mode"]

PARSER_DIR = Path(__file__).resolve().parents[1] / "models" / "parser_id"
SETTING = "SOROT_EVENTS_PARSER"

# Dependents whose subtree is another phrase, not part of an argument's noun phrase.
_CLAUSAL = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc", "punct",
                      "appos", "csubj"})
_SUBJECTS = ("nsubj", "nsubj:pass")
_SHARING = frozenset({"conj", "xcomp", "advcl"})      # a predicate that may leave its subject to its head
_RELATIVE = frozenset({"acl", "acl:relcl"})


def parser_mode() -> str:
    """off | fallback | replace, from SOROT_EVENTS_PARSER (1 means fallback)."""
    value = os.environ.get(SETTING, "").strip().lower()
    if value in ("1", "fallback", "on", "true"):
        return "fallback"
    if value == "replace":
        return "replace"
    return "off"


@registry.tokenizers("sorot.words_given.v1")
def words_given_tokenizer() -> Callable[[Language], Tokenizer]:
    """A tokenizer without rules, for the parser's pipeline, which is only given docs made from words
    (`parse`): the saved one's 15,900 special cases took half of its load (4.5 s on a busy machine)."""
    def create(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return create


@lru_cache(maxsize=1)
def get_parser() -> Language:
    """The UD parser (tok2vec + morphologizer + parser), loaded once per process."""
    return spacy.load(PARSER_DIR, exclude=["tokenizer"],
                      config={"nlp": {"tokenizer": {"@tokenizers": "sorot.words_given.v1"}}})


@dataclass(frozen=True)
class Parse:
    """A dependency parse over the clause's tokens: word, head index (the root is its own head), relation, UPOS."""

    words: list[str]        # lower case
    heads: list[int]
    deps: list[str]
    pos: list[str]

    def children(self, index: int, *deps: str) -> list[int]:
        return [i for i, h in enumerate(self.heads) if h == index and i != index and (not deps or self.deps[i] in deps)]

    def phrase(self, index: int, nested: bool = True) -> set[int]:
        """The token and its dependents, less clauses, subjects, coordinated phrases and appositions hanging
        on it; without `nested`, less prepositional modifiers too ("kebuntuan di Ukraina" is no phrase of
        Ukraina's)."""
        found, todo = {index}, [index]
        while todo:
            for child in self.children(todo.pop()):
                if self.deps[child] in _CLAUSAL or self.deps[child] in _SUBJECTS or child in found \
                        or (not nested and self.has_case(child)):
                    continue
                found.add(child)
                todo.append(child)
        return found

    def has_case(self, index: int) -> bool:
        return any(self.deps[i] == "case" for i in self.children(index))


def parse_tokens(tokens: list[Token]) -> Parse:
    """Parses the events stage's tokens as they are (no re-tokenisation)."""
    nlp = get_parser()
    words = [t.text for t in tokens]
    spaces = [i + 1 < len(tokens) and tokens[i + 1].start > t.end for i, t in enumerate(tokens)]
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return Parse([t.low for t in tokens], [t.head.i for t in doc], [t.dep_ for t in doc], [t.pos_ for t in doc])


class SentenceSyntax:
    """The hook the events stage calls per trigger; parses the sentence the first time it is needed."""

    def __init__(self, tokens: list[Token], mode: str) -> None:
        self.tokens, self.mode = tokens, mode
        self._parse: Parse | None = None

    @property
    def parse(self) -> Parse:
        if self._parse is None:
            self._parse = parse_tokens(self.tokens)
        return self._parse

    def arguments(self, coded: list[Coded], clause: Clause, trig: Trigger) -> list[Coded]:
        """The token patterns' pairs, completed or replaced by the parse's according to the mode."""
        if len({a.code for g in clause.groups for a in g.actors}) < 2:
            return coded        # no pair of actors to find: the sentence is not parsed at all
        if self.mode == "fallback":
            return coded or code_by_parse(clause, trig, self.parse)
        if self.mode == "replace":
            return code_by_parse(clause, trig, self.parse) or coded
        return coded


def _anchor(trig: Trigger, parse: Parse) -> int:
    """The trigger's syntactic head: its first word whose head lies outside the trigger."""
    for i in range(trig.first, trig.last):
        if parse.heads[i] == i or not trig.first <= parse.heads[i] < trig.last:
            return i
    return trig.first


def _group_of(clause: Clause, parse: Parse, index: int, sources: bool = False) -> Group | None:
    """The first actor group inside the phrase headed by `index`; a source is never only a place."""
    phrase = parse.phrase(index, nested=False)
    for group in clause.groups:
        if any(i in phrase for i in range(group.first, group.last)):
            if sources and all(s.place_only for s in group.slots):
                return None
            return group
    return None


def _actors(clause: Clause, parse: Parse, index: int, sources: bool = False) -> list[Actor]:
    """The actors of the argument headed by `index` and of its coordinated phrases. An argument that is itself
    a verb or another event noun ("menolak mengutuk tindakan X") is no actor: that event's own arguments are."""
    found: list[Actor] = []
    if parse.pos[index] == "VERB" or index in _other_triggers(clause, -1):
        return found
    for i in [index, *_conjuncts(parse, index)]:
        group = _group_of(clause, parse, i, sources)
        if group is not None:
            if i != index:
                fire("EV-syntax-coordination")
            found += [a for a in group.actors if a.code not in {f.code for f in found}]
    return found


def _plural_reference(clause: Clause, parse: Parse, index: int) -> bool:
    """Whether the argument is "mereka", "kedua negara" or the like (a reference to several actors in focus)."""
    group = _group_of(clause, parse, index)
    return group is not None and group.kind == "reciprocal"


def _conjuncts(parse: Parse, index: int) -> list[int]:
    found, todo = [], [index]
    while todo:
        for child in parse.children(todo.pop(), "conj"):
            found.append(child)
            todo.append(child)
    return found


def _case(parse: Parse, index: int) -> str | None:
    """The preposition (`case` dependent) of a nominal, lower case."""
    cases = parse.children(index, "case")
    return parse.words[cases[0]] if cases else None


def _prepositional(clause: Clause, parse: Parse, anchor: int, light: int | None, event_type: str) -> int | None:
    """The first `obl`/`nmod` introduced by a target preposition inside the trigger's phrase ("kunjungan
    kenegaraan ke Rusia" attaches "ke Rusia" to either noun) or, behind a light verb, under the verb."""
    preps = set(cues()["target_preps"]) | {"antara"}
    if event_type in SYMMETRIC:
        preps |= word_set("symmetric_target_preps")
    if event_type in cues()["measure_types"]:
        preps |= word_set("measure_target_preps")
    candidates = sorted(i for i in parse.phrase(anchor) if i != anchor)
    if light is not None:
        candidates += parse.children(light, "obl", "nmod")
    others = _other_triggers(clause, anchor)
    for child in [*parse.children(anchor, "obl", "nmod"), *candidates]:
        if parse.deps[child] not in ("obl", "nmod") or _inside_other_event(parse, child, anchor, others):
            continue
        if _case(parse, child) in preps:
            return child
    return None


def _other_triggers(clause: Clause, anchor: int) -> set[int]:
    return {i for t in clause.triggers if not t.first <= anchor < t.last for i in range(t.first, t.last)}


def _inside_other_event(parse: Parse, index: int, anchor: int, others: set[int]) -> bool:
    """Whether another event noun stands between a dependent and the trigger: in "kecaman atas invasi X ke Y"
    the phrase "ke Y" is the invasion's, not the condemnation's."""
    node = index
    for _ in range(len(parse.heads)):
        if node in others:
            return True
        if parse.heads[node] in (node, anchor):
            return False
        node = parse.heads[node]
    return False


def _object(parse: Parse, anchor: int) -> int | None:
    """A verb's `obj` (or `iobj`), or a bare noun phrase the parser hung on it as `nmod`."""
    objects = parse.children(anchor, "obj", "iobj") or \
        [c for c in parse.children(anchor, "nmod") if _case(parse, c) is None and c > anchor]
    return objects[0] if objects else None


def _subject_of(parse: Parse, predicate: int) -> tuple[int | None, str]:
    """The subject of a predicate and how it was found (own | relative | shared): up the chain of conj / xcomp
    / advcl heads, or the noun a relative clause modifies."""
    node, how = predicate, "own"
    for _ in range(4):
        subjects = parse.children(node, *_SUBJECTS)
        # "X, yang mengunjungi ...": UD makes the relative pronoun the subject; the agent is the noun it modifies
        if subjects and not (parse.deps[node] in _RELATIVE and parse.words[subjects[0]] == "yang"):
            return subjects[0], how
        if parse.deps[node] in _RELATIVE and not _purpose(parse, node):
            return parse.heads[node], "relative"
        if parse.deps[node] not in _SHARING or parse.heads[node] == node or _purpose(parse, node):
            return None, how
        node, how = parse.heads[node], "shared"
    return None, how


def _purpose(parse: Parse, predicate: int) -> bool:
    """"... untuk membahas ...": a purpose clause tells what is meant to happen, not who did it (the token
    patterns leave such clauses uncoded too)."""
    markers = word_set("purpose_markers")
    before = parse.words[predicate - 1] if predicate > 0 else ""
    return before in markers or any(parse.words[m] in markers for m in parse.children(predicate, "mark"))


def _conditional(parse: Parse, predicate: int) -> bool:
    conditionals = word_set("conditionals")
    return any(parse.words[m] in conditionals for m in parse.children(predicate, "mark"))


def _fire_subject(how: str) -> None:
    if how == "relative":
        fire("EV-syntax-relative-agent")
    elif how == "shared":
        fire("EV-syntax-shared-subject")
    else:
        fire("EV-syntax-subject")


def _agent_of(clause: Clause, parse: Parse, predicate: int) -> int | None:
    """`obl:agent`, an `obl` with "oleh", or a bare noun phrase right after the verb ("ditangkap pasukan X")."""
    agents = parse.children(predicate, "obl:agent") or [c for c in parse.children(predicate, "obj") if c > predicate]
    if agents:
        return agents[0]
    for child in parse.children(predicate, "obl", "nmod"):
        if _case(parse, child) in cues()["agent_preps"]:
            return child
    return None


def _light_verb(clause: Clause, parse: Parse, anchor: int) -> int | None:
    """The light verb a noun trigger is the object of ("menggelar pertemuan", "melakukan kunjungan")."""
    head = parse.heads[anchor]
    if head == anchor or parse.deps[anchor] not in ("obj", "xcomp", "nsubj:pass"):
        return None
    return head if clause.tokens[head].low in word_set("light_verbs") else None


def _emit(trig: Trigger, sources: list[Actor], targets: list[Actor], pattern: str, distance: int) -> list[Coded]:
    return [Coded(trig, s, t, pattern, distance) for s in sources for t in targets if s.code != t.code]


def _within(trig: Trigger, actors: list[Actor]) -> list[Coded]:
    """A symmetric act of a coordinated subject with no other party: between its members."""
    if trig.entry.type not in SYMMETRIC or len(actors) < 2:
        return []
    return [Coded(trig, a, b, "pair", 0) for i, a in enumerate(actors) for b in actors[i + 1:]]


def code_by_parse(clause: Clause, trig: Trigger, parse: Parse) -> list[Coded]:
    """All (source, target) pairs of one trigger from the dependency parse."""
    anchor = _anchor(trig, parse)
    if _mutual(clause, trig):
        return []       # "saling mendukung": each member acts on the others, which the token patterns code
    if trig.passive:
        return _code_passive(clause, trig, parse, anchor)
    light = None if trig.verbal else _light_verb(clause, parse, anchor)
    if not trig.verbal and light is None:
        return _code_noun(clause, trig, parse, anchor)
    if _conditional(parse, anchor if light is None else light):
        return []       # "jika X memberikan ...": an act on a condition is no told act; the patterns decide
    # a trigger of light verb + noun ("menjatuhkan sanksi"): the noun's prepositional phrase is in its phrase
    light_phrase = trig.verbal and any(parse.heads[i] == anchor and parse.deps[i] == "obj"
                                       for i in range(trig.first, trig.last))
    subject, how = _subject_of(parse, anchor if light is None else light)
    sources = _actors(clause, parse, subject, sources=True) if subject is not None else []
    if subject is None or not sources:
        return []
    target = _object(parse, anchor) if trig.verbal else None
    targets = _actors(clause, parse, target) if target is not None else []
    oblique = not targets
    if oblique:
        target = _prepositional(clause, parse, anchor, light, trig.entry.type)
        targets = _actors(clause, parse, target) if target is not None else []
    if targets and _plural_reference(clause, parse, subject) and {a.code for a in sources} & {a.code for a in targets}:
        return []       # "mereka mengecam X" with X among "mereka": the pronoun stood for other parties
    coded = _emit(trig, sources, targets, "svo", _distance(anchor, subject, target)) if targets \
        else _within(trig, sources)
    if coded:
        _fire_subject(how)
        if light is not None or light_phrase:
            fire("EV-syntax-light-verb")
        if targets and oblique:
            fire("EV-syntax-oblique")
        elif targets:
            fire("EV-syntax-object")
    return coded


def _mutual(clause: Clause, trig: Trigger) -> bool:
    return any(t.low in word_set("mutual_markers") for t in clause.tokens[max(0, trig.first - 2):trig.first])


def _distance(anchor: int, *arguments: int | None) -> int:
    return max((abs(a - anchor) for a in arguments if a is not None), default=0)


def _code_passive(clause: Clause, trig: Trigger, parse: Parse, anchor: int) -> list[Coded]:
    """"Kesepakatan itu ditandatangani oleh X": the agent is the source, the subject (or the noun a relative
    clause modifies) the target."""
    agent = _agent_of(clause, parse, anchor)
    agents = _actors(clause, parse, agent, sources=True) if agent is not None else []
    patient, _ = _subject_of(parse, anchor)
    patients = _actors(clause, parse, patient) if patient is not None else []
    coded = _emit(trig, agents, patients, "passive", _distance(anchor, agent, patient))
    if coded:
        fire("EV-syntax-passive-agent")
    return coded


def _code_noun(clause: Clause, trig: Trigger, parse: Parse, anchor: int) -> list[Coded]:
    """"kunjungan Presiden Prabowo ke Moskow": a possessor without preposition and a prepositional target."""
    # the possessor follows the noun; a name may also be read as part of it ("Kunjungan Putin" as flat:name)
    others = _other_triggers(clause, anchor)     # "kecaman invasi X": X invades, the possessor is an event
    owners = [c for c in parse.children(anchor, "nmod", "nmod:poss", "flat:name", "flat", "compound")
              if c > anchor and _case(parse, c) is None and c not in others]
    sources = _actors(clause, parse, owners[0], sources=True) if owners else []
    target = _prepositional(clause, parse, anchor, None, trig.entry.type)
    targets = _actors(clause, parse, target) if target is not None else []
    if not sources or not targets:
        return []
    fire("EV-syntax-possessor")
    return _emit(trig, sources, targets, "possessive", _distance(anchor, owners[0], target))
