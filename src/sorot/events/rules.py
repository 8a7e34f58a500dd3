"""Rule ids and the record of which rules fired for each coded event (for `make rules`).

Every lexicon entry has an id (`LEX:<TYPE>:<pattern>` unless the entry names its own `id`), and every
construction rule of the coder and the actor slots has an `EV-...` id. While a trigger is coded the rules that
decide its source and target call `fire(id)`; `code_events(article, trace=[...])` then records one `RuleHit`
per event: its lexicon entry and its construction rules. Outside tracing `fire` is one list append.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass

from sorot.schema import Event

_FIRED: ContextVar[list[str] | None] = ContextVar("sorot_events_fired", default=None)

# Construction rules, with what they do: the ids `fire` is called with (a test checks the two agree).
CONSTRUCTION_RULES: dict[str, str] = {
    "EV-pattern-svo": "subject before the trigger, object or prepositional target after it",
    "EV-pattern-passive": "di- passive, nominal agent or receiving: the agent is the source",
    "EV-pattern-possessive": "a noun trigger's possessor is the source (kunjungan Putin ke Beijing)",
    "EV-pattern-pair": "symmetric events within a coordinated or reciprocal group",
    "EV-relative-head": "the antecedent of 'yang' is the subject of the relative clause",
    "EV-document-author": "a document noun before 'yang' stands for its author",
    "EV-controlled-subject": "the object of a request verb does the requested act",
    "EV-fronted-subject": "a sentence-opening clause without an actor shares the subject after its comma",
    "EV-goods-origin": "a trade measure on goods 'dari X' targets the origin X",
    "EV-requested-clause": "a clause 'agar'/'supaya' opens right after a request or threat holds what was asked",
    "EV-fronted-party": "a sentence-opening 'Dengan X,' is the other party of a meeting or agreement",
    "EV-passive-pair": "a symmetric passive whose agent acts 'dengan' another party is between the two",
    "EV-passive-joint-agents": "a symmetric passive whose agents are coordinated (X dan Y) is between them",
    "EV-antara-dengan": "'antara X dengan Y' coordinates X and Y",
    "EV-reference-state": "'negara tersebut' is the latest state named before its clause",
    "EV-reference-body": "'blok tersebut' is the latest bloc or organisation named before its clause",
    "EV-answered-party": "a refusal without an object, or denying one's own act, answers the last request or charge "
                         "aimed at the refusing party",
    "EV-complement-subject": "the actor right after a verb of saying without 'bahwa' is the reported subject",
    "EV-received": "menerima X dari Y: Y is the source, the receiver the target",
    "EV-nominal-agent": "noun + possessor + oleh X: X is the source, the possessor the target",
    "EV-possessed-stance": "menyatakan dukungan X terhadap Y: X is the source",
    "EV-event-object": "a reaction to another event is aimed at that event's agent",
    "EV-mutual": "saling + verb, or an exchange: each member acts on the others",
    "EV-warned-party": "a warning's 'bahwa' complement names its target",
    "EV-initiative-author": "a stance on an initiative is aimed at its author",
    "EV-trigger-preposition": "a trigger ending in a preposition takes what follows as its object",
    "EV-nya-possessor": "'-nya' on a noun trigger is the person in focus",
    "EV-reference-reciprocal": "kedua negara / kedua pemimpin: the pair in focus",
    "EV-reference-pronoun": "ia, dia, beliau, pihaknya: the person in focus",
    "EV-reference-plural": "mereka, keduanya: a coordinated group earlier in the sentence, else the group or pair in focus",
    "EV-reference-triple": "ketiga negara: the last group of three",
    "EV-hyphen-pair": "two states joined by a hyphen are a pair (Thailand-Kamboja)",
    "EV-first-person-quote": "saya / kami / kita inside a quote stand for its speaker",
    # dating (events/__init__.py)
    "EV-date-shifted": "sehari sebelumnya / keesokan harinya: the last day told, moved",
    "EV-date-shifted-month": "sebulan kemudian / setahun sebelumnya: the month of the last date told, moved",
    "EV-date-citation": "the day of a citation (dilansir dari X, Kamis) dates no later sentence",
    "EV-date-dateline": "the day written in the dateline anchors an article without a publication day",
    "EV-attended-by": "a meeting noun 'yang dihadiri (oleh) X': X meets the meeting's owner or the subject after it",
    # threats
    "EV-conditional-threat": "a hostile act promised on a condition (akan ... jika) is a threat",
    "EV-relative-agent": "the agent of a passive relative clause on a noun trigger is its source",
    "EV-threat-demand": "a threat with a purpose complement (ultimatum ... untuk) is a request too",
    "EV-condition-party": "a threat or promised hostile act with no target is aimed at its condition's subject",
    "EV-vowed-threat": "a hostile act vowed (menegaskan / bersumpah akan ...) is a threat",
    "EV-withheld-threat": "a cooperative act withheld until a condition (tidak akan ... kecuali) is a threat",
    "EV-threatened-act": "a threat with no target of its own is aimed at the threatened act's target",
    # the dependency-parser trial (syntax.py): fired only with SOROT_EVENTS_PARSER set
    "EV-syntax-subject": "parse: the predicate's nsubj is the source",
    "EV-syntax-object": "parse: the predicate's obj is the target",
    "EV-syntax-oblique": "parse: an obl/nmod with a target preposition is the target",
    "EV-syntax-passive-agent": "parse: a passive's obl:agent (or 'oleh' obl) is the source, its subject the target",
    "EV-syntax-light-verb": "parse: a noun trigger that is a light verb's object takes the verb's subject",
    "EV-syntax-relative-agent": "parse: a relative clause without subject acts for the noun it modifies",
    "EV-syntax-shared-subject": "parse: a conj / xcomp / advcl predicate without subject shares its head's",
    "EV-syntax-possessor": "parse: a noun trigger's nmod without preposition is the source",
    "EV-syntax-coordination": "parse: conj dependents of an argument add their actors",
}


@dataclass(frozen=True)
class RuleHit:
    event: Event
    lexicon_id: str
    rules: tuple[str, ...]


def fire(rule_id: str) -> None:
    """Notes that a construction rule decided part of the event being coded."""
    fired = _FIRED.get()
    if fired is not None:
        fired.append(rule_id)


def start_recording() -> list[str]:
    fired: list[str] = []
    _FIRED.set(fired)
    return fired


def stop_recording() -> None:
    _FIRED.set(None)
