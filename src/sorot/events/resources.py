"""Lazily loaded data of the events stage: the lexicon, the cue words and the PLOVER -> CAMEO table."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from sorot.data import read_yaml
from sorot.schema import PLOVER_TYPES

VERB_PREFIXES = ("me", "di", "ber", "ter", "mem", "men", "meng", "meny", "diper", "memper")


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
    mutual: bool = False        # an exchange ("bertukar tawanan"): the subject's members act on each other
    id: str = ""                # LEX:<TYPE>:<pattern>, or the entry's own `id`
    person_object: bool = False  # only a person is its object ("menerima Menlu China" hosts; "menerima warga" not)
    topic_object: bool = False   # a bare object is the topic ("membahas isu Korea Utara"), never a party

    @property
    def length(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class CameoRow:
    cameo: str
    goldstein: float
    quad_class: int


def _data_text(name: str) -> str:
    return resources.files("sorot.data").joinpath("events", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    return read_yaml(_data_text("cues.yaml"))


def _parse_word(word: str) -> tuple[tuple[str, bool], ...]:
    return tuple((alt.lstrip("~").lower(), alt.startswith("~")) for alt in word.split("|"))


@lru_cache(maxsize=1)
def lexicon() -> tuple[LexEntry, ...]:
    data = read_yaml(_data_text("lexicon.yaml"))
    entries = []
    for event_type, rows in data.items():
        if event_type not in PLOVER_TYPES:
            raise ValueError(f"lexicon.yaml: unknown PLOVER type {event_type}")
        for row in rows:
            entries.append(LexEntry(
                type=event_type,
                items=tuple(_parse_word(w) for w in row["pattern"].split()),
                excluded=frozenset(w.lower() for w in row.get("not") or []),
                mode=row.get("mode"),
                pos=row.get("pos"),
                place=bool(row.get("place")),
                weight=float(row.get("weight", 0.8)),
                head=int(row.get("head", 0)),
                from_target=bool(row.get("from")),
                frame=frozenset(w.lower() for w in row.get("frame") or []),
                mutual=bool(row.get("mutual")),
                id=str(row.get("id") or f"LEX:{event_type}:{row['pattern']}"),
                person_object=bool(row.get("person_object")),
                topic_object=bool(row.get("topic_object")),
            ))
    return tuple(entries)


@lru_cache(maxsize=1)
def cameo_table() -> dict[tuple[str, str], CameoRow]:
    lines = [line for line in _data_text("plover_cameo.tsv").splitlines() if line and not line.startswith("#")]
    table = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        table[(row["type"], row["mode"] or "")] = CameoRow(row["cameo"], float(row["goldstein"]),
                                                           int(row["quad_class"]))
    return table


def cameo_for(event_type: str, mode: str | None) -> CameoRow:
    table = cameo_table()
    return table.get((event_type, mode or ""), table[(event_type, "")])




@lru_cache(maxsize=64)
def phrases(key: str) -> tuple[tuple[str, ...], ...]:
    """A cue list as word tuples, longest first, for multi-word matching."""
    return tuple(sorted((tuple(p.lower().split()) for p in cues()[key]), key=len, reverse=True))


@lru_cache(maxsize=64)
def phrases_by_first_word(key: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases of a cue list indexed by their first word, so a token is tried only against its own."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases(key):
        index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(found) for first, found in index.items()}


@lru_cache(maxsize=64)
def word_set(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in cues()[key])


@lru_cache(maxsize=1)
def act_stems() -> frozenset[str]:
    """Stems of the first words of the one-party act nouns: "peluncuran" and "meluncurkan" share "luncur"."""
    from sorot.nlp.words import stem

    return frozenset(stem(p[0]) for p in phrases("act_nouns"))
