"""Who did what to whom: source and target of each trigger from token order and prepositions.

Token/offset patterns, not a parser: Indonesian news clauses are overwhelmingly subject-verb-object, the
roles of the other actors are marked by prepositions (dengan, terhadap, kepada, ke, oleh, antara ... dan), and
nominalisations take their source from a following possessor ("kunjungan Putin ke Beijing").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, count
from operator import or_

from sorot.data import data_cached
from sorot.events.actors import Group
from sorot.events.resources import cue_set, cues, phrases_by_first_word, word_set
from sorot.events.rules import fire
from sorot.events.text import LOW, TEXT, Token, Trigger, phrase_at, starts_phrase
from sorot.schema import Actor
from sorot.text.words import looks_verbal, stem

SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
_NUMERIC = re.compile(r"[\d/.\-]+")     # "2022", "3/3", "1.10.2024"
_QUOTE_MARKS = frozenset({'"', "“", "”"})    # the marks of a scare-quoted phrase


@dataclass
class Coded:
    trigger: Trigger
    source: Actor
    target: Actor
    pattern: str          # svo | possessive | passive | pair
    distance: int         # tokens between trigger and the farther actor


@dataclass
class Clause:
    tokens: list[Token]
    groups: list[Group]
    triggers: list[Trigger]
    boundaries: list[int]  # token indices where a clause opens
    told: list[tuple[str, Actor, Actor]] = field(default_factory=list)   # (type, source, target) told before
    acts: dict[str, list[Actor]] = field(default_factory=dict)   # stem of a one-party act -> its last agent
    told_here: list[tuple[str, Actor, Actor]] = field(default_factory=list)   # reported earlier in this sentence

    # the boundaries ascend (clause_boundaries sorts them): the clause around a token is found by bisection
    def clause_start(self, index: int) -> int:
        at = bisect.bisect_right(self.boundaries, index)
        return self.boundaries[at - 1] if at else 0

    def clause_end(self, index: int) -> int:
        at = bisect.bisect_right(self.boundaries, index)
        return self.boundaries[at] if at < len(self.boundaries) else len(self.tokens)


def clause_boundaries(tokens: list[Token], lows: list[str] | None = None) -> list[int]:
    """Token indices where a clause opens (0 first, ascending). `lows`: the tokens' lower-case forms, when
    the caller has listed them."""
    punct = cue_set("clause_punctuation")
    openers = phrases_by_first_word("clause_openers")    # looked up once, not at every token
    found = [0]
    fronted = bool(tokens) and (starts_phrase(tokens, 0, "clause_openers") or _fronted_meeting(tokens))
    texts = list(map(TEXT, tokens))     # the surface forms listed once, for the three looks below
    inside = _asides(tokens, texts)
    # only a mark or an opener can end or open a clause: the other tokens are passed over in one pass, in C
    words = map(LOW, tokens) if lows is None else lows
    marked = map(or_, map(_clause_marks().__contains__, texts), map(openers.__contains__, words))
    for i in compress(count(), marked):
        token = tokens[i]
        if i in inside:
            continue
        if token.text in punct or (fronted and token.text == ","):
            found.append(i + 1)
            # "Sebelum invasi Rusia ke Ukraina, kedua negara ...": the first comma closes a fronted clause
            fronted = fronted and token.text != ","
        elif token.low in openers and starts_phrase(tokens, i, "clause_openers") and not time_adjunct(tokens, i):
            found.append(i)
    return sorted(set(found))


@data_cached
def _clause_marks() -> frozenset[str]:
    """The marks that may end a clause: its punctuation, and a comma (which ends a fronted clause)."""
    return cue_set("clause_punctuation") | {","}


def _asides(tokens: list[Token], texts: list[str]) -> set[int]:
    """Indices of the brackets and quotation marks that end no clause (`_short_parentheses`, `_scare_quotes`);
    each is looked for only in a sentence that has such a mark at all (most have neither)."""
    found: set[int] = set()
    if "(" in texts:
        found |= _short_parentheses(tokens)
    if not _QUOTE_MARKS.isdisjoint(texts):
        found |= _scare_quotes(tokens)
    return found


def _fronted_meeting(tokens: list[Token]) -> bool:
    """"Dalam KTT yang dihadiri Jepang itu, ...": a sentence-opening meeting phrase with its attendance relative
    clause ends at its comma; its attendees are not the main clause's subject."""
    if tokens[0].low not in word_set("meeting_openers"):
        return False
    comma = next((i for i, t in enumerate(tokens) if t.text == ","), len(tokens))
    return any(t.low in word_set("attendance_passives") for t in tokens[1:comma])


def _short_parentheses(tokens: list[Token]) -> set[int]:
    """Indices of the brackets of "(PM)", "(KTT)", "(30/3)": a short aside with no verb inside a noun phrase
    or after a day is no clause end."""
    found: set[int] = set()
    # the opening brackets, found in one pass in C (most sentences have none)
    for i in compress(count(), map("(".__eq__, map(TEXT, tokens))):
        close = next((j for j in range(i + 1, min(len(tokens), i + 6)) if tokens[j].text == ")"), None)
        if close is None:
            continue
        inner = tokens[i + 1:close]
        if inner and not any(t.text in ("(", ",") or looks_verbal(t.low) for t in inner):
            found |= {i, close}
    return found


def _scare_quotes(tokens: list[Token]) -> set[int]:
    """Indices of the marks of a short quoted phrase inside a clause ('melakukan "tindakan agresif" dengan
    menembakkan ...', 'mengambil “tindakan kuat” terhadap ...'): a noun phrase in quotes, no clause end. The
    phrase follows a lower-case word that is no cue of speech and holds no verb."""
    found: set[int] = set()
    free_from = 0       # a quoted phrase found ends at its closing mark: the next one opens after it
    # only the quotation marks are visited, found in one pass in C (most sentences have none)
    for i in compress(count(), map(_QUOTE_MARKS.__contains__, map(TEXT, tokens))):
        if i < free_from:
            continue
        if i > 0 and tokens[i - 1].text.isalpha() and tokens[i - 1].text.islower() \
                and tokens[i - 1].low not in word_set("speech_cues"):
            close = next((j for j in range(i + 1, min(len(tokens), i + 9)) if tokens[j].text in _QUOTE_MARKS), None)
            inner = tokens[i + 1:close] if close is not None else []
            if close is not None and inner and not any(not t.text.isalnum() and t.text != "-" or looks_verbal(t.low)
                                                       for t in inner):
                found |= {i, close}
                free_from = close + 1
    return found


def _quoted_words(tokens: list[Token], begin: int, end: int) -> int:
    """Tokens of scare-quoted phrases between begin and end, marks included: 'mengambil “tindakan kuat dan
    cepat” terhadap X' is as close to its target as 'mengambil tindakan terhadap X'."""
    if _QUOTE_MARKS.isdisjoint(map(TEXT, tokens[begin:end])):
        return 0        # no mark in the stretch: the sentence's quoted phrases need not be found
    marks = sorted(i for i in _scare_quotes(tokens) if begin <= i < end)
    return sum(close - open_ for open_, close in zip(marks[::2], marks[1::2], strict=False))


def time_adjunct(tokens: list[Token], index: int) -> bool:
    """"sejak awal perang", "sejak 2022": a time adjunct inside the clause, not a new clause."""
    if tokens[index].low not in word_set("time_adjunct_openers") or index + 1 >= len(tokens):
        return False
    following = tokens[index + 1]
    return following.text.isdigit() or following.low in word_set("time_adjunct_heads")


def _skip_time_left(tokens: list[Token], index: int) -> int:
    """Back over a short time adverbial before a verb ("China, yang pekan lalu menandatangani ...", "yang sejak
    2022 menjalin ...", "yang pada Senin (3/3) melancarkan ..."): `relative_time_words`, numbers and dates and
    their brackets, at most `relative_time_window` tokens."""
    words, window = word_set("relative_time_words"), cues()["relative_time_window"]
    start = index
    while index >= 0 and start - index < window and (
            tokens[index].low in words or tokens[index].text in "()" or _NUMERIC.fullmatch(tokens[index].text)):
        index -= 1
    return index


def _skip_aux_left(tokens: list[Token], index: int) -> int:
    aux = _auxiliaries_but_yang()
    while index >= 0 and tokens[index].low in aux:
        index -= 1
    return index


@data_cached
def _auxiliaries_but_yang() -> frozenset[str]:
    return cue_set("auxiliaries") - {"yang"}


@data_cached
def _auxiliary_words_but_yang() -> frozenset[str]:
    return word_set("auxiliaries") - {"yang"}


@data_cached
def _possessor_blockers() -> frozenset[str]:
    """The prepositions that end a possessor phrase (all but those that introduce a possessor)."""
    return cue_set("prepositions") - cue_set("possessor_preps")


class _NoHead:
    """A relative clause whose head is not an actor: neither the subject nor anyone else."""


_NO_HEAD = _NoHead()


def _relative_head(clause: Clause, trig: Trigger) -> Group | _NoHead | None:
    """"X yang memuji ...": the antecedent of `yang` is the source (the patient of a passive). The head may
    sit behind an appositive noun phrase: "Institut Teknologi Harbin, sebuah universitas yang diberi
    sanksi". A head that is a plain noun ("negara-negara yang mendukung") is no actor: `_NO_HEAD`."""
    tokens = clause.tokens
    before = trig.first - 1
    if not trig.verbal and before >= 0 and tokens[before].low in cues()["light_verbs"]:
        before -= 1         # "China, yang menandatangani pakta ...": the light verb's "yang" is the noun's
    j = _skip_aux_left(tokens, _skip_time_left(tokens, _skip_aux_left(tokens, before)))
    if j < 0 or tokens[j].low != "yang":
        return None
    j -= 1
    k, steps = j, 0
    while k >= 0 and steps < 3 and tokens[k].text.isalpha() and tokens[k].text.islower():
        k, steps = k - 1, steps + 1
    if steps and k >= 0 and tokens[k].text == ",":
        j = k - 1
    elif j >= 0 and tokens[j].text == ",":
        j -= 1
    head = next((g for g in clause.groups if g.last - 1 == j), None)
    if head is None and j >= 0 and tokens[j].low in word_set("document_nouns"):
        return _document_author(clause, j)
    if head is None and j >= 0 and tokens[j].text.isalpha() and tokens[j].text.islower():
        return _NO_HEAD
    return head


def _in_relative_clause(tokens: list[Token], group: Group) -> bool:
    """"Pertemuan yang dipimpin Putra Mahkota Arab Saudi ...": a mention inside a relative clause (a "yang"
    a few words before it) is not the clause's subject."""
    return any(t.low == "yang" for t in tokens[max(0, group.first - 4):group.first])


def _document_author(clause: Clause, noun: int) -> Group | _NoHead:
    """"Pertemuan OKI menghasilkan resolusi yang mendesak ...": a document's demands are its author's, the
    actor right behind the noun ("resolusi PBB yang ...") or else the subject of the clause that holds it."""
    start = clause.clause_start(noun)
    author = next((g for g in clause.groups if start <= g.first and g.last <= noun and g.prep is None
                   and not all(s.place_only for s in g.slots) and not _in_relative_clause(clause.tokens, g)), None)
    if author is None:
        return _NO_HEAD
    fire("EV-document-author")
    return author


def _subject(clause: Clause, trig: Trigger) -> Group | None:
    """The first actor group of the trigger's clause that no preposition governs; else of the sentence."""
    start = clause.clause_start(trig.first)
    free = [g for g in clause.groups if g.last <= trig.first and g.prep is None
            and not all(s.place_only for s in g.slots)]
    in_clause = [g for g in free if g.first >= start and not _object_of_coordinated_verb(clause.tokens, g, trig)]
    controller = _requesting_verb(clause, trig, start)
    if controller is not None:
        fire("EV-controlled-subject")
        return _controlled_subject(clause, controller, trig, free)
    reported = _reported_clause_subject(clause, trig, in_clause)
    if reported is not None:
        fire("EV-complement-subject")
        return reported
    if in_clause:
        return in_clause[0]
    opener = clause.tokens[start - 1].low if start > 0 and not clause.tokens[start - 1].text.isalpha() \
        else (clause.tokens[start].low if start < len(clause.tokens) else "")
    if start > 0 and opener not in word_set("subject_sharing"):
        return None
    return free[0] if free else _fronted_subject(clause, trig)


def _fronted_subject(clause: Clause, trig: Trigger) -> Group | None:
    """"Selain mengecam Israel, Turki juga ...", "Bekerja sama dengan AS, kami akan ...": with no actor before
    it, a trigger opening the sentence shares the subject that follows its clause's comma (rule
    EV-fronted-subject)."""
    tokens = clause.tokens
    comma = next((i for i in range(trig.last, len(tokens)) if tokens[i].text in (",", ".", ";", ":")), None)
    if comma is None or tokens[comma].text != ",":
        return None
    subject = next((g for g in clause.groups if comma < g.first <= comma + 3 and g.prep is None
                    and all(t.text[:1].isupper() for t in tokens[comma + 1:g.first])
                    and not all(s.place_only for s in g.slots)), None)
    if subject is not None:
        fire("EV-fronted-subject")
    return subject


def _reported_clause_subject(clause: Clause, trig: Trigger, free: list[Group]) -> Group | None:
    """"Brasil mengumumkan Indonesia telah resmi menjadi anggota BRICS": after a verb of saying with no
    "bahwa", the actor right behind the verb is the reported clause's subject (rule EV-complement-subject)."""
    verbs = word_set("complement_verbs")
    said = next((i for i in range(trig.first - 1, -1, -1) if clause.tokens[i].low in verbs), None)
    if said is None:
        return None
    subject = next((g for g in free if g.first == said + 1 and g.last <= trig.first), None)
    # only when the trigger is the reported clause's own predicate: "menyatakan Cina sebagai tantangan ... dan
    # mengklaim bahwa" coordinates the trigger with the verb of saying instead
    between = clause.tokens[subject.last:trig.first] if subject is not None else []
    if subject is None or len(between) > 4 or any(not t.text.isalpha() or t.low in word_set("not_in_predicate")
                                                  for t in between):
        return None
    return subject


def _object_of_coordinated_verb(tokens: list[Token], group: Group, trig: Trigger) -> bool:
    """"... sehingga mendukung Ukraina dan menjatuhkan sanksi": the object of an earlier verb coordinated with
    the trigger is not the trigger's subject."""
    before = group.first - 1
    while before >= 0 and tokens[before].low in word_set("object_skip"):
        before -= 1
    between = {t.low for t in tokens[group.last:trig.first]}
    return before >= 0 and tokens[before].low.startswith("me") and looks_verbal(tokens[before].low) \
        and bool(between & {"dan", "serta"})


def _requesting_verb(clause: Clause, trig: Trigger, start: int) -> Trigger | None:
    """"AS meminta Ukraina menandatangani ...": a request verb before the trigger in its clause, whose
    complement the trigger heads."""
    return next((t for t in reversed(clause.triggers) if t.verbal and t.entry.type == "REQUEST"
                 and start <= t.first and t.last <= trig.first and trig.first - t.last <= cues()["modal_window"]),
                None)


def _controlled_subject(clause: Clause, request: Trigger, trig: Trigger, free: list[Group]) -> Group | None:
    """The object of the request verb does the requested act; with no actor there ("mendesak negara-negara
    Islam memutus hubungan"), the act has no known source."""
    return next((g for g in free if request.last <= g.first and g.last <= trig.first), None)


def _next_trigger_start(clause: Clause, trig: Trigger) -> int:
    """Where the trigger's arguments end: at the next trigger, except for a threat, whose complement holds the
    threatened act and its target ("mengancam akan mengenakan tarif terhadap BRICS")."""
    if trig.entry.type == "THREATEN":
        # ... unless the threatened act helps its target ("mengancam akan mengirim senjata ke Ukraina")
        return min((t.first for t in clause.triggers if t.first > trig.first
                    and t.entry.type in cues()["beneficiary_types"]), default=len(clause.tokens))
    if trig.entry.topic_object and trig.verbal:
        # "merundingkan tarif dengan AS": a noun trigger right after a verb of talks is its topic
        return min((t.first for t in clause.triggers if t.first > trig.first
                    and (t.verbal or t.first - trig.last > cues()["object_window"])), default=len(clause.tokens))
    return min((t.first for t in clause.triggers if t.first > trig.first), default=len(clause.tokens))


def irrealis_governor(clause: Clause, trig: Trigger) -> str | None:
    """The type of the threat or request whose complement holds the trigger in its clause: the act is only
    threatened or asked for; not the object of a stop verb, which happens ("menghentikan serangan")."""
    start, window = clause.clause_start(trig.first), cues()["modal_window"]
    if any(t.low in word_set("presupposing") for t in clause.tokens[max(start, trig.first - 2):trig.first]):
        return None
    governor = next((t for t in reversed(clause.triggers) if t.entry.type in cues()["irrealis_governors"]
                     and start <= t.first and t.last <= trig.first and trig.first - t.last <= window), None)
    if governor is not None:
        return governor.entry.type
    # "menyerukan agar Palestina segera diterima sebagai anggota PBB": a clause that "agar" or "supaya" opens
    # right after a request or a threat is what was asked for, not what happened (rule EV-requested-clause);
    # not past a comma in it ("memperingatkan AS agar tidak ..., dan menuding AS ...": the speaker's own act)
    if 0 < start < len(clause.tokens) and clause.tokens[start].low in word_set("purpose_markers") \
            and not any(t.text == "," for t in clause.tokens[start:trig.first]):
        before = clause.clause_start(start - 1)
        governor = next((t for t in reversed(clause.triggers) if t.entry.type in cues()["irrealis_governors"]
                         and before <= t.first and t.last <= start), None)
        if governor is not None:
            fire("EV-requested-clause")
            return governor.entry.type
    # "memberi ultimatum tujuh hari kepada junta untuk membebaskan ...": a purpose complement of a threat or
    # request anywhere earlier in the clause is only demanded
    if trig.first > 0 and clause.tokens[trig.first - 1].low in word_set("purpose_markers"):
        governor = next((t for t in reversed(clause.triggers) if t.entry.type in cues()["irrealis_governors"]
                         and start <= t.first and t.last <= trig.first), None)
        if governor is not None:
            return governor.entry.type
    # a coordinated second act shares the first one's mood ("menjatuhkan embargo ... dan menangguhkan ...")
    previous = [t for t in clause.triggers if start <= t.first and t.last <= trig.first]
    if previous and clause.tokens[trig.first - 1].low in ("dan", "serta") \
            and previous[-1].entry.type not in cues()["irrealis_governors"]:
        return irrealis_governor(clause, previous[-1])
    return None


def _object_gap(tokens: list[Token], begin: int, end: int) -> int:
    """Words between a verb and a group that are not part of the object's noun phrase: titles (capitalised),
    the head nouns and plural markers of `object_skip` and manner adverbs do not count."""
    skip, preps = word_set("object_skip"), word_set("prepositions")
    words = _without_quantities(tokens[begin:end])
    if any(t.low in preps for t in words):
        return len(words)       # through a preposition ("ke perbatasan India") every word counts
    return sum(1 for t in words if not (t.text[:1].isupper() or t.low in skip))


def _without_quantities(words: list[Token]) -> list[Token]:
    """"menyandera lebih dari 200 warga Israel": numbers and quantity phrases are part of the object."""
    quantities = word_set("quantifiers")
    kept = []
    for i, t in enumerate(words):
        if t.text.isdigit() or t.low in quantities or (t.low == "dari" and i and words[i - 1].low in quantities):
            continue
        kept.append(t)
    return kept


def _relative_clause_start(tokens: list[Token], begin: int, stop: int) -> int:
    """"menangkap puluhan tersangka yang diduga bekerja untuk Israel": a relative clause with its own verb
    holds its own prepositional phrases; the trigger's arguments end at its "yang"."""
    aux = _auxiliary_words_but_yang()
    for i in range(begin, stop - 1):
        if tokens[i].low != "yang":
            continue
        j = i + 1
        while j < stop and tokens[j].low in aux:
            j += 1
        if j < stop and (looks_verbal(tokens[j].low) or tokens[j].low in word_set("relative_verbs")):
            return i
    return stop


def _new_predicate(tokens: list[Token], begin: int, end: int) -> bool:
    """"meningkatkan kesiagaan dan berbagi informasi dengan AS": a coordinated verb opens its own predicate,
    whose prepositional phrases are not the trigger's."""
    return any(tokens[i].low in ("dan", "serta") and looks_verbal(tokens[i + 1].low)
               for i in range(begin, end - 1))


def _verb_between(tokens: list[Token], begin: int, end: int) -> bool:
    """A verb of its own between a trigger and a prepositional phrase: the phrase is that verb's."""
    copulas = word_set("copulas")
    return any(t.low.startswith("me") and looks_verbal(t.low) and not t.text[:1].isupper()
               and t.low not in copulas for t in tokens[begin:end])


@dataclass(frozen=True)
class _TargetCues:
    target_preps: frozenset[str]          # with "antara"
    symmetric_preps: frozenset[str]
    measure_types: frozenset[str]
    measure_preps: frozenset[str]
    retreat_preps: frozenset[str]
    locative_preps: frozenset[str]
    talks_partner_preps: frozenset[str]
    object_window: int
    target_window: int


@data_cached
def _target_cues() -> _TargetCues:
    """The cue words `_targets_after` reads, gathered once (it runs for every trigger)."""
    return _TargetCues(cue_set("target_preps") | {"antara"}, word_set("symmetric_target_preps"),
                       frozenset(cues()["measure_types"]), word_set("measure_target_preps"),
                       word_set("retreat_preps"), cue_set("locative_preps"), word_set("talks_partner_preps"),
                       cues()["object_window"], cues()["target_window"])


def _targets_after(clause: Clause, trig: Trigger, begin: int) -> Group | None:
    """The first group after the trigger in its clause that is an object, a prepositional target or, for
    visits and attacks, a place; the next trigger ends the search."""
    stop = min(clause.clause_end(trig.last - 1), _next_trigger_start(clause, trig))
    stop = _relative_clause_start(clause.tokens, begin, stop)
    words = _target_cues()
    target_preps = words.target_preps
    if trig.entry.type in SYMMETRIC:
        target_preps |= words.symmetric_preps
    if trig.entry.type in words.measure_types:
        target_preps |= words.measure_preps
    if trig.entry.type == "RETREAT" or trig.entry.from_target:
        target_preps |= words.retreat_preps
    locative = words.locative_preps
    for g in clause.groups:
        if g.first < begin or g.first >= stop:
            continue
        own_preposition = g.prep_at is not None and g.prep_at < begin
        if own_preposition:
            # "bergabung ke dalam kelompok BRICS": the trigger's own preposition makes an object
            g = Group(g.slots, None, g.first, g.last)
        gap = g.first - begin
        if g.prep is None and (_object_gap(clause.tokens, begin, g.first)
                               > words.object_window + (1 if g.kind != "entity" else 0)):
            continue
        if g.prep is not None and g.prep_at is not None:
            gap = g.prep_at - begin - _quoted_words(clause.tokens, begin, g.prep_at)
        if gap > words.target_window or _new_predicate(clause.tokens, begin, g.first):
            return None
        if g.prep is not None and trig.verbal and trig.entry.type != "THREATEN" \
                and _verb_between(clause.tokens, begin, g.first):
            return None     # "meminta negara-negara Islam menghentikan penjualan senjata ke Israel"
        if trig.verbal and trig.entry.topic_object and g.prep not in words.talks_partner_preps:
            continue        # "membahas isu Korea Utara", "membahas bantuan ke Gaza": the topic, not the other party
        if trig.entry.person_object and not any(s.is_person for s in g.slots):
            return None     # "menerima warga Palestina", "menerima usulan AS": no visitor
        if _goods_origin(clause, trig, g):
            fire("EV-goods-origin")
            return g
        if g.prep in target_preps or g.prep is None:
            if g.prep is None and all(s.place_only for s in g.slots) and not trig.entry.place:
                continue
            if own_preposition:
                fire("EV-trigger-preposition")
            return g
        if g.prep in locative and trig.entry.place and g.prep == "di":
            return g
    return None


def _goods_origin(clause: Clause, trig: Trigger, group: Group) -> bool:
    """"tarif tinggi pada barang impor dari China", "bea masuk atas baja dari China", "tarif pada impor batu bara
    dan gas alam cair (LNG) dari AS": after goods words (within goods_window words before it, in the same
    stretch of the clause) "dari X" names the measure's target."""
    if group.prep != "dari" or group.prep_at is None or trig.entry.type not in cues()["measure_types"]:
        return False
    goods = word_set("goods_words")
    for j in range(group.prep_at - 1, max(trig.first, group.prep_at - 1 - cues()["goods_window"]), -1):
        if clause.tokens[j].low in goods:
            return True
        if clause.tokens[j].text in (",", ";", ":"):
            return False
    return False


def _possessor(clause: Clause, trig: Trigger) -> Group | None:
    """"kunjungan Putin", "serangan mendadak Rusia", "penolakan dari Barat": the group right after a noun."""
    return _possessor_after(clause, trig.last)


def _possessor_after(clause: Clause, end: int, extra_preps: frozenset[str] = frozenset()) -> Group | None:
    tokens = clause.tokens
    preps = _possessor_blockers() - extra_preps if extra_preps else _possessor_blockers()
    for g in clause.groups:
        if g.first < end:
            continue
        gap = tokens[end:g.first]
        if len(gap) > 2 or any(t.low in preps or not t.text.isalpha() for t in gap):
            return None
        if g.prep is None or g.prep in cues()["possessor_preps"] or g.prep in extra_preps:
            return g
        return None
    return None


def _relative_agent(clause: Clause, trig: Trigger) -> Group | None:
    """"sanksi berat yang dijatuhkan ECOWAS terhadap Niger", "bantuan yang diberikan oleh Jepang kepada
    Filipina": the agent of a passive relative clause on a noun trigger is its source (rule EV-relative-agent)."""
    tokens, i = clause.tokens, trig.last
    while i < min(len(tokens), trig.last + 2) and tokens[i].text.isalpha() and tokens[i].text.islower() \
            and tokens[i].low != "yang" and not looks_verbal(tokens[i].low):
        i += 1
    if i + 2 >= len(tokens) or tokens[i].low != "yang" or not tokens[i + 1].low.startswith("di") \
            or not looks_verbal(tokens[i + 1].low):
        return None
    # "perundingan yang dimediasi Arab Saudi": a mediator or chair is no party of the talks
    if trig.entry.type in SYMMETRIC and tokens[i + 1].low in word_set("mediating_passives"):
        return None
    # "pertemuan yang dihadiri X": attendees meet the owner, not each other (rule EV-attended-by)
    if tokens[i + 1].low in word_set("attendance_passives"):
        return None
    agent = next((g for g in clause.groups if g.first > i + 1), None)
    gap = tokens[i + 2:agent.first] if agent is not None else []
    if agent is None or not all(t.low in word_set("agent_preps") or t.text[:1].isupper() for t in gap) \
            or len(gap) > 4 or all(s.place_only for s in agent.slots):
        return None
    fire("EV-relative-agent")
    return agent


def _nominal_agent(clause: Clause, possessor: Group) -> Group | None:
    """The "oleh" group right behind a nominalisation's possessor (a title or head noun between at most)."""
    agent = next((g for g in clause.groups if g.first >= possessor.last), None)
    if agent is None or agent.prep not in cues()["agent_preps"] or agent.prep_at is None:
        return None
    return agent if agent.prep_at - possessor.last <= 1 else None


def _received(clause: Clause, trig: Trigger) -> bool:
    j = _skip_aux_left(clause.tokens, trig.first - 1)
    return j >= 0 and clause.tokens[j].low in word_set("receiving_verbs")


def _code_received(clause: Clause, trig: Trigger) -> list[Coded]:
    """"Palestina menerima bantuan kemanusiaan dari Indonesia": the giver after "dari" is the source, the
    receiving subject the target."""
    receiver = _relative_head(clause, trig)
    receiver = None if isinstance(receiver, _NoHead) else receiver or _subject(clause, trig)
    stop = min(clause.clause_end(trig.last - 1), _next_trigger_start(clause, trig))
    giver = next((g for g in clause.groups if trig.last <= g.first < stop and g.prep == "dari"
                  and g.prep_at is not None and g.prep_at - trig.last <= cues()["object_window"]), None)
    if receiver is None or giver is None:
        return []
    fire("EV-received")
    distance = max(giver.first - trig.last, trig.first - receiver.last)
    return [Coded(trig, s, t, "passive", distance) for s, t in _pairs(giver.actors, receiver.actors)]


@data_cached
def _light_verb_cues() -> tuple[frozenset[str], frozenset[str], frozenset[str], int]:
    """What `_governed_by_light_verb` reads, gathered once: the light verbs, those of symmetric events too, the
    auxiliaries and the window."""
    light = cue_set("light_verbs")
    return light, light | word_set("symmetric_light"), cue_set("auxiliaries"), cues()["light_window"]


def _governed_by_light_verb(clause: Clause, trig: Trigger) -> bool:
    plain, symmetric, aux, window = _light_verb_cues()
    light = symmetric if trig.entry.type in SYMMETRIC else plain
    j = trig.first - 1
    steps = 0
    while j >= 0 and steps < window:
        low = clause.tokens[j].low
        if low in light:
            return True
        if low not in aux and low not in ("kembali", "sebuah", "suatu"):
            steps += 1
        j -= 1
    return False


def _pairs(sources: list[Actor], targets: list[Actor]) -> list[tuple[Actor, Actor]]:
    return [(s, t) for s in sources for t in targets if s.code != t.code]


def _within(group: Group, event_type: str) -> list[tuple[Actor, Actor]]:
    """A coordinated or reciprocal group with no other party: symmetric events between its members."""
    actors = group.actors
    if event_type not in SYMMETRIC or len(actors) < 2:
        return []
    return [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:]]


def _resolve_reciprocal_target(source: Group, target: Group) -> list[Actor]:
    """"X memuji kerja sama kedua negara": the other member of the pair, when X is one of them."""
    if target.kind != "reciprocal":
        return target.actors
    codes = {a.code for a in source.actors}
    if codes & {a.code for a in target.actors}:
        return [a for a in target.actors if a.code not in codes]
    if target.prep is None:     # "Guterres menyerukan kedua negara menahan diri": both are addressed
        return target.actors
    return []


def code_trigger(clause: Clause, trig: Trigger, nya_actor: Actor | None) -> list[Coded]:
    """All (source, target) pairs one trigger yields."""
    if trig.passive:
        return _code_passive(clause, trig)
    source: Group | None = None
    pattern = "svo"
    begin = trig.last
    if not trig.verbal and _received(clause, trig):
        return _code_received(clause, trig)
    if not trig.verbal:
        attended = _attended_meeting(clause, trig)
        if attended:
            return attended
        source = _possessor(clause, trig) or _relative_agent(clause, trig)
        agent = _nominal_agent(clause, source) if source is not None else None
        if source is not None and agent is not None:
            # "penangkapan jurnalis Jepang oleh junta Myanmar": the possessor is the patient
            fire("EV-nominal-agent")
            distance = agent.first - trig.last
            return [Coded(trig, s, t, "passive", distance) for s, t in _pairs(agent.actors, source.actors)]
        if source is not None:
            pattern, begin = "possessive", source.last
        elif not (trig.has_nya or _governed_by_light_verb(clause, trig)):
            return _code_between(clause, trig)
    if source is None:
        head = _relative_head(clause, trig)
        if isinstance(head, _NoHead):
            return []
        if isinstance(head, Group):
            fire("EV-relative-head")
        source = head or _subject(clause, trig)
    stance = _possessed_stance(clause, trig, source) if trig.verbal and trig.last - trig.first > 1 else None
    if stance:
        return stance
    if source is None and trig.has_nya and nya_actor is not None:
        fire("EV-nya-possessor")
        return _emit(trig, [nya_actor], clause, begin, "possessive")
    if source is None:
        return []
    told = _event_object(clause, trig, source) if trig.verbal else None
    if told:
        fire("EV-event-object")
        return [Coded(trig, s, t, pattern, 1) for s, t in _pairs(source.actors, told)]
    return _emit_group(trig, source, clause, begin, pattern)


def _possessed_stance(clause: Clause, trig: Trigger, source: Group | None) -> list[Coded]:
    """"(Retno) menyatakan dukungan Indonesia terhadap Palestina": a light verb + noun trigger followed by a
    possessor and a prepositional target: the possessor is the source when the subject is absent or one of
    its own (a person of that state)."""
    owner = next((g for g in clause.groups if g.first == trig.last and g.prep is None
                  and not all(s.place_only for s in g.slots)), None)
    if owner is None or (source is not None and not {a.code for a in source.actors} <= {a.code for a in owner.actors}):
        return []
    target = next((g for g in clause.groups if g.first >= owner.last), None)
    aimed = set(cues()["target_preps"])
    if target is None or target.prep not in aimed or target.prep_at is None or target.prep_at - owner.last > 1:
        return []
    fire("EV-possessed-stance")
    return [Coded(trig, s, t, "possessive", target.first - trig.last) for s, t in _pairs(owner.actors, target.actors)]


def _event_object(clause: Clause, trig: Trigger, source: Group) -> list[Actor] | None:
    """"mengecam serangan udara Israel", "menolak tudingan itu": a reaction whose object is another event
    is aimed at that event's agent, the possessor of the noun or, for "itu/tersebut", the source of the
    last such event told (preferably one aimed at the reacting party)."""
    if trig.entry.type not in cues()["reaction_types"]:
        return None
    tokens = clause.tokens
    nominal = next((t for t in clause.triggers if t.first >= trig.last), None)
    if nominal is None or nominal.first > trig.last + 1:
        act = _act_agent(clause, trig, source)
        if act is not None:
            return act
    if nominal is None or nominal.verbal or _object_gap(tokens, trig.last, nominal.first) > 0 \
            or any(not t.text.isalpha() for t in tokens[trig.last:nominal.first]):
        return None
    agent = _possessor(clause, nominal) or _relative_agent(clause, nominal)
    if agent is not None:
        return agent.actors
    if nominal.last < len(tokens) and tokens[nominal.last].low in word_set("anaphoric_determiners"):
        return _told_agent(clause, nominal.entry.type, {a.code for a in source.actors})
    # "mengecam penembakan rudal itu": a one-party act told before, also when its noun is an event trigger
    return _act_agent(clause, trig, source)


def _act_agent(clause: Clause, trig: Trigger, source: Group) -> list[Actor] | None:
    """"mengecam peluncuran itu", "memprotes pembangunan permukiman Israel", "mengutuk kudeta di Niger": a
    reaction to a one-party act is aimed at its agent, named with the noun or told before."""
    tokens, index = clause.tokens, trig.last
    while index < len(tokens) and tokens[index].low in word_set("manner_adverbs"):
        index += 1
    phrase = next((p for p in phrases_by_first_word("act_nouns").get(tokens[index].low if index < len(tokens)
                                                                       else "", ()) if phrase_at(tokens, index, p)),
                  None)
    if phrase is None:
        return None
    end = index + len(phrase)
    domestic = frozenset({"di"}) if " ".join(phrase) in word_set("domestic_act_nouns") else frozenset()
    own = {a.code for a in source.actors}
    agent = _possessor_after(clause, end, domestic)
    if agent is not None:
        actors = [a for a in agent.actors if a.code not in own]
        return actors or None
    after = tokens[end:end + 3]
    if any(t.low in word_set("anaphoric_determiners") for t in after):
        told = clause.acts.get(stem(phrase[0]))
        return [a for a in told if a.code not in own] or None if told else None
    return None


def _told_agent(clause: Clause, event_type: str, reacting: set[str | None]) -> list[Actor] | None:
    """The agent of "serangan tersebut": the party told most often doing that, on a tie the first told (the
    story's own event, told in the lead, before the background told around it); an agent
    aimed at the reacting party first ("X menuduh Y ... Y menolak tuduhan itu")."""
    earlier = [(s, t) for kind, s, t in reversed(clause.told) if kind == event_type and s.code not in reacting]
    aimed = [s for s, t in earlier if t.code in reacting]
    agents = aimed or [s for s, _ in earlier]
    if not agents:
        return None
    counts = Counter(a.code for a in agents)
    return [max(reversed(agents), key=lambda a: counts[a.code])]


def _emit_group(trig: Trigger, source: Group, clause: Clause, begin: int, pattern: str) -> list[Coded]:
    target = _targets_after(clause, trig, begin)
    if target is None and _mutual(clause, trig):
        # "Ukraina dan Rusia saling menuduh": each member does it to the others
        fire("EV-mutual")
        return [Coded(trig, a, b, "pair", 0) for a in source.actors for b in source.actors if a.code != b.code]
    if target is None and trig.entry.type == "THREATEN":
        target = _warned_party(clause, trig, source)
        if target is not None:
            fire("EV-warned-party")
    if target is None:
        target = _initiative_author(clause, trig, begin)
        if target is not None:
            fire("EV-initiative-author")
    if target is None and trig.entry.type in SYMMETRIC:
        target = _fronted_party(clause, source)
        if target is not None:
            fire("EV-fronted-party")
    if target is None and trig.entry.type == "REJECT" and _bare_refusal(clause, trig):
        answered = _answered_party(clause, source)
        if answered:
            fire("EV-answered-party")
            return [Coded(trig, s, t, pattern, 1) for s, t in _pairs(source.actors, answered)]
    if target is None:
        # "China serta AS menawarkan bantuan dalam negosiasi": a pair inside the subject meets only when no
        # other act stands between them and the trigger (rule EV-pair-direct)
        if any(source.last <= t.first < trig.first for t in clause.triggers if t is not trig):
            return []
        return [Coded(trig, a, b, "pair", 0) for a, b in _within(source, trig.entry.type)]
    if _reference_contains_target(source, target):
        return []
    distance = max(abs(target.first - trig.last), abs(trig.first - source.last))
    targets = _resolve_reciprocal_target(source, target)
    if target.kind == "reciprocal" and not targets and {a.code for a in target.actors} <= {a.code for a in source.actors}:
        # "Malaysia dan Australia menggelar latihan gabungan pertama mereka": the reference is the subject itself
        return [Coded(trig, a, b, "pair", 0) for a, b in _within(source, trig.entry.type)]
    if target.prep == "antara" and len(target.actors) >= 2 and not _pairs(source.actors, targets):
        return [Coded(trig, a, b, "pair", distance) for a, b in _within(target, trig.entry.type)]
    return [Coded(trig, s, t, pattern, distance) for s, t in _pairs(source.actors, targets)]


def _initiative_author(clause: Clause, trig: Trigger, begin: int) -> Group | None:
    """"mendukung penuh Aliansi Global ... yang diluncurkan Brasil": with no actor as its object, a stance on
    an initiative is aimed at the author its relative clause names ("yang digagas (oleh) X")."""
    if trig.entry.type not in cues()["initiative_types"]:
        return None
    tokens, punctuation = clause.tokens, cue_set("clause_punctuation")
    end = min(len(tokens), begin + cues()["initiative_window"])
    for i in range(begin, end - 1):
        if tokens[i].text in punctuation or (i > begin and any(t.first == i for t in clause.triggers)):
            return None
        if tokens[i].low == "yang" and tokens[i + 1].low in word_set("initiative_verbs"):
            return next((g for g in clause.groups if g.first in (i + 2, i + 3) and g.prep in (None, "oleh")
                         and not all(s.place_only for s in g.slots)), None)
    return None


def _bare_refusal(clause: Clause, trig: Trigger) -> bool:
    """"..., namun China menolak." / "Iran menolak, kata ...": the refusal has no object of its own; nor has one
    whose complement is the refusing party's own act ("Iran membantah terlibat dalam perang itu", "China
    menyangkal telah memasok senjata"), which answers the charge or request made of it."""
    tokens = clause.tokens
    after = tokens[trig.last:trig.last + 1]
    if not after or not after[0].text.isalpha():
        return True
    if not trig.verbal:     # "menggunakan hak vetonya untuk memveto ...": a noun's purpose clause is no complement
        return False
    i = trig.last
    while i < len(tokens) and tokens[i].low in cue_set("auxiliaries"):
        i += 1
    return i < len(tokens) and looks_verbal(tokens[i].low, stative=True)


def _answered_party(clause: Clause, source: Group) -> list[Actor]:
    """The source of the latest request, threat or accusation aimed at the refusing party."""
    own = {a.code for a in source.actors}
    answered = next((s for kind, s, t in reversed(clause.told + clause.told_here)
                     if kind in cues()["answered_types"] and t.code in own and s.code not in own), None)
    return [answered] if answered is not None else []


def condition_party(clause: Clause, trig: Trigger) -> list[Coded]:
    """"IRGC memperingatkan akan melancarkan serangan jika Israel membalas": a threat, or a hostile act
    promised ("akan", "bakal"), with no target of its own is aimed at the subject of its condition (rule
    EV-condition-party)."""
    tokens, start = clause.tokens, clause.clause_start(trig.first)
    window = tokens[max(start, trig.first - cues()["modal_window"]):trig.first]
    if trig.entry.type != "THREATEN" and not any(t.low in ("akan", "bakal") for t in window):
        return []
    condition = next((i for i in range(trig.last, len(tokens)) if tokens[i].low in word_set("conditionals")), None)
    source = _subject(clause, trig)
    if condition is None or source is None:
        return []
    party = next((g for g in clause.groups if condition < g.first <= condition + 3 and g.prep is None
                  and not all(s.place_only for s in g.slots)), None)
    own = {a.code for a in source.actors}
    if party is None or own & {a.code for a in party.actors}:
        return []
    fire("EV-condition-party")
    return [Coded(trig, s, t, "svo", party.first - trig.last) for s, t in _pairs(source.actors, party.actors)]


def _attendees(clause: Clause, trig: Trigger) -> tuple[Group | None, Group] | None:
    """(owner, attendees) of "KTT ASEAN yang (juga) dihadiri (oleh) X": a meeting noun, its possessor if any,
    and the group its attendance passive names."""
    if trig.verbal or trig.entry.type != "CONSULT":
        return None
    tokens = clause.tokens
    # "KTT ASEAN yang ...": the owner stands between the noun and "yang" (never the attendee behind it)
    owner = None if trig.last < len(tokens) and tokens[trig.last].low == "yang" else _possessor(clause, trig)
    i = owner.last if owner is not None else trig.last
    if i >= len(tokens) or tokens[i].low != "yang":
        return None
    i += 1
    while i < len(tokens) and tokens[i].low in word_set("manner_adverbs") | word_set("additive"):
        i += 1
    if i >= len(tokens) or tokens[i].low not in word_set("attendance_passives"):
        return None
    attendees = next((g for g in clause.groups if i < g.first <= i + cues()["prep_reach"]
                      and g.prep in (None, *cues()["agent_preps"]) and not all(s.place_only for s in g.slots)), None)
    return (owner, attendees) if attendees is not None else None


def _attended_meeting(clause: Clause, trig: Trigger) -> list[Coded]:
    """"KTT ASEAN yang dihadiri Presiden Jokowi": the attendees meet the meeting's owner; "Dalam pertemuan yang
    dihadiri oleh X itu, para pemimpin ASEAN ...": with no owner, the subject the fronted phrase opens onto
    (rule EV-attended-by). Attendees are not paired with each other: a summit's guests need not meet."""
    found = _attendees(clause, trig)
    if found is None:
        return []
    owner, attendees = found
    party = owner if owner is not None else _subject_after_fronted(clause, trig, attendees)
    if party is None:
        return []
    fire("EV-attended-by")
    return [Coded(trig, s, t, "pair", attendees.first - trig.last) for s, t in _pairs(party.actors, attendees.actors)]


def _subject_after_fronted(clause: Clause, trig: Trigger, attendees: Group) -> Group | None:
    """The subject after the comma closing a sentence-opening phrase ("Dalam pertemuan ... itu, S ...")."""
    tokens = clause.tokens
    if trig.first > 2 or tokens[0].low not in word_set("meeting_openers"):
        return None
    comma = next((i for i in range(attendees.last, len(tokens)) if tokens[i].text in (",", ".", ";")), None)
    if comma is None or tokens[comma].text != "," or comma - attendees.last > 2:
        return None
    return next((g for g in clause.groups if comma < g.first <= comma + 4 and g.prep is None
                 and not all(s.place_only for s in g.slots)), None)


def _fronted_attendees(clause: Clause, source: Group) -> Group | None:
    """"Dalam pertemuan yang dihadiri oleh X itu, para pemimpin ASEAN sepakat ...": the attendees of the
    fronted meeting are the other party of what the main clause says was agreed or done together."""
    opening = next((t for t in clause.triggers if t.first <= 2), None)
    found = _attendees(clause, opening) if opening is not None else None
    if opening is None or found is None or found[0] is not None or found[1].last > source.first:
        return None
    return found[1] if _subject_after_fronted(clause, opening, found[1]) is source else None


def _fronted_party(clause: Clause, source: Group) -> Group | None:
    """"Dengan Tiongkok, Retno membahas isu bilateral": a sentence-opening "dengan/bersama X," names the other
    party of the meeting or agreement the main clause tells."""
    tokens = clause.tokens
    attendees = _fronted_attendees(clause, source)
    if attendees is not None:
        return attendees
    first = next((g for g in clause.groups if g.prep_at == 0), None)
    if first is None or first.prep not in word_set("fronted_party_preps") or first.last >= source.first:
        return None
    between = tokens[first.last:source.first]
    return first if between and between[0].text == "," and len(between) <= 3 else None


def _warned_party(clause: Clause, trig: Trigger, source: Group) -> Group | None:
    """"Kremlin memperingatkan bahwa Moskow akan menganggap ... sebagai keterlibatan langsung NATO": a warning
    whose "bahwa" complement names another party is aimed at it (the first actor there that is neither the
    warner nor a place)."""
    tokens = clause.tokens
    if trig.last >= len(tokens) or tokens[trig.last].low not in word_set("warning_complementizers"):
        return None
    end = next((i for i in range(trig.last + 1, len(tokens)) if tokens[i].text in cues()["clause_punctuation"]),
               len(tokens))
    own = {a.code for a in source.actors}
    aimed = set(cues()["target_preps"])
    return next((g for g in clause.groups if trig.last < g.first < end and (g.prep is None or g.prep in aimed)
                 and not all(s.place_only for s in g.slots) and not own & {a.code for a in g.actors}), None)


def _reference_contains_target(source: Group, target: Group) -> bool:
    """"mereka menganggap Rusia sebagai ancaman" with "mereka" resolved to {China, Rusia}: a plural pronoun
    never includes its own object, so the resolution went wrong and the event is dropped."""
    if source.kind != "reciprocal" or len(source.actors) < 2 or target.kind != "entity":
        return False
    return bool({a.code for a in source.actors} & {a.code for a in target.actors})


def _mutual(clause: Clause, trig: Trigger) -> bool:
    j = _skip_aux_left(clause.tokens, trig.first - 1)
    return trig.entry.mutual or (trig.entry.type in cues()["mutual_types"] and j >= 0
                                 and clause.tokens[j].low in word_set("mutual_markers"))


def _emit(trig: Trigger, sources: list[Actor], clause: Clause, begin: int, pattern: str) -> list[Coded]:
    target = _targets_after(clause, trig, begin) or _initiative_author(clause, trig, begin)
    if target is None or (target.kind == "reciprocal" and target.prep is not None):
        return []
    return [Coded(trig, s, t, pattern, abs(target.first - trig.last)) for s, t in _pairs(sources, target.actors)]


def _code_between(clause: Clause, trig: Trigger) -> list[Coded]:
    """A bare noun: "pertemuan antara Rusia dan Cina" gives the pair, otherwise nothing."""
    target = _targets_after(clause, trig, trig.last)
    if target is None or target.prep != "antara":
        return []
    return [Coded(trig, a, b, "pair", target.first - trig.last) for a, b in _within(target, trig.entry.type)]


def _bare_agent(tokens: list[Token], begin: int, first: int) -> bool:
    """"ditangkap Ukraina", "ditangkap pasukan Ukraina": an agent without "oleh" right after the verb, behind
    at most the head nouns of a force or body (`object_skip`, lower case)."""
    gap = tokens[begin:first]
    titled = len(gap) <= 4 and bool(gap) and all(t.text[:1].isupper() and t.text.isalpha() for t in gap)
    # "ditandatangani Menteri Luar Negeri RI": a capitalised title before the agent's state
    return titled or (len(gap) <= 3 and all(t.low in word_set("object_skip") and t.text.islower() for t in gap))


def _passive_pair(clause: Clause, trig: Trigger, agent: Group) -> list[Coded]:
    """"Nota itu ditandatangani Menlu RI dengan Menlu Timor-Leste": a symmetric act done by an agent "with"
    another party is between the two (rule EV-passive-pair); "... diteken Menlu RI dan Menlu Timor-Leste":
    one done by coordinated agents, between them (rule EV-passive-joint-agents)."""
    if trig.entry.type not in SYMMETRIC:
        return []
    partner = next((g for g in clause.groups if g.first >= agent.last and g.prep in word_set("fronted_party_preps")
                    and g.prep_at is not None and g.prep_at - agent.last <= 1), None)
    if partner is None:
        # "perundingan yang dimediasi Arab Saudi dan AS": mediators and hosts are no parties of the act
        mediated = any(t.low in word_set("mediating_passives") for t in clause.tokens[trig.first:trig.last])
        joint = [] if mediated else _within(agent, trig.entry.type)
        if joint:
            fire("EV-passive-joint-agents")
        return [Coded(trig, a, b, "passive", agent.first - trig.last) for a, b in joint]
    fire("EV-passive-pair")
    return [Coded(trig, s, t, "passive", partner.first - trig.last) for s, t in _pairs(agent.actors, partner.actors)]


def _code_passive(clause: Clause, trig: Trigger) -> list[Coded]:
    """"rencana yang ditolak oleh Ukraina": the agent after `oleh` (or right after the verb) is the source."""
    agent = next((g for g in clause.groups if g.first >= trig.last and (
        g.prep in cues()["agent_preps"] or (g.prep is None and _bare_agent(clause.tokens, trig.last, g.first)))),
        None)
    if agent is None or agent.first >= clause.clause_end(trig.last - 1):
        return []
    head = _relative_head(clause, trig)
    patient = None if isinstance(head, _NoHead) else head or _subject(clause, trig)
    if patient is None:
        return _passive_pair(clause, trig, agent)
    distance = max(agent.first - trig.last, trig.first - patient.last)
    return [Coded(trig, s, t, "passive", distance) for s, t in _pairs(agent.actors, patient.actors)]
