"""Lazily loaded data of the events stage: the lexicon, the cue words and the PLOVER -> CAMEO table."""

from __future__ import annotations

from dataclasses import dataclass, field

from sorot.data import data_cached, load_data
from sorot.data.schemas import EventCues, Lexicon, PloverCameo


@dataclass(frozen=True)
class LexEntry:
    type: str
    items: tuple[tuple[tuple[str, bool], ...], ...]   # per word: alternatives of (form, by_stem)
    excluded: frozenset[str]
    mode: str | None
    pos: str | None
    place: bool
    weight: float
    head: int
    from_target: bool = False   # "dari X" names the target (recalling diplomats from X)
    frame: frozenset[str] = frozenset()   # judgement frames: "menyebut X sebagai <one of these>" only
    frame_direct: bool = False  # ... or "menyatakan X <one of these>", without "sebagai"
    mutual: bool = False        # an exchange ("bertukar tawanan"): the subject's members act on each other
    id: str = ""                # LEX:<TYPE>:<pattern>, or the entry's own `id`
    person_object: bool = False  # only a person is its object ("menerima Menlu China" hosts; "menerima warga" not)
    topic_object: bool = False   # a bare object is the topic ("membahas isu Korea Utara"), never a party
    # the number of words, stored once: the trigger search asks it of every candidate entry at every word
    length: int = field(init=False, repr=False, compare=False)
    # the forms the second word may take when none is matched by its stem (else None): the trigger search
    # passes over a phrase entry whose second word is not the next token's without trying the whole phrase
    second_words: frozenset[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "length", len(self.items))
        second = self.items[1] if len(self.items) > 1 else ()
        exact = bool(second) and not any(by_stem for _form, by_stem in second)
        object.__setattr__(self, "second_words", frozenset(form for form, _ in second) if exact else None)


@dataclass(frozen=True)
class CameoRow:
    cameo: str
    goldstein: float
    quad_class: int


@data_cached
def cues() -> EventCues:
    return load_data("events/cues.yaml", EventCues)


def _parse_word(word: str) -> tuple[tuple[str, bool], ...]:
    return tuple((alt.lstrip("~").lower(), alt.startswith("~")) for alt in word.split("|"))


@data_cached
def lexicon() -> tuple[LexEntry, ...]:
    data = load_data("events/lexicon.yaml", Lexicon)   # dict[PloverType, ...]: an unknown type is refused
    entries = []
    for event_type, rows in data.items():
        for row in rows:
            entries.append(LexEntry(
                type=event_type,
                items=tuple(_parse_word(w) for w in row.pattern.split()),
                excluded=frozenset(w.lower() for w in row.not_),
                mode=row.mode,
                pos=row.pos,
                place=row.place,
                weight=row.weight,
                head=row.head,
                from_target=row.from_,
                frame=frozenset(w.lower() for w in row.frame),
                frame_direct=row.frame_direct,
                mutual=row.mutual,
                id=row.id or f"LEX:{event_type}:{row.pattern}",
                person_object=row.person_object,
                topic_object=row.topic_object,
            ))
    return tuple(entries)


@data_cached
def cameo_table() -> dict[tuple[str, str], CameoRow]:
    return {(row.type, row.mode): CameoRow(row.cameo, row.goldstein, row.quad_class)
            for row in load_data("events/plover_cameo.tsv", PloverCameo)}


def cameo_for(event_type: str, mode: str | None) -> CameoRow:
    table = cameo_table()
    return table.get((event_type, mode or ""), table[(event_type, "")])




@data_cached
def phrases(key: str) -> tuple[tuple[str, ...], ...]:
    """A cue list as word tuples, longest first, for multi-word matching."""
    return tuple(sorted((tuple(p.lower().split()) for p in cues()[key]), key=len, reverse=True))


@data_cached
def phrases_by_first_word(key: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases of a cue list indexed by their first word, so a token is tried only against its own."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases(key):
        index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(found) for first, found in index.items()}


@data_cached
def word_set(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in cues()[key])


@data_cached
def cue_set(key: str) -> frozenset[str]:
    """A cue list as it is written, as a set made once (the coder asks for some at every word it looks at)."""
    return frozenset(cues()[key])


@data_cached
def act_stems() -> frozenset[str]:
    """Stems of the first words of the one-party act nouns: "peluncuran" and "meluncurkan" share "luncur"."""
    from sorot.text.words import stem

    return frozenset(stem(p[0]) for p in phrases("act_nouns"))
