"""Every lexicon entry can fire: its roots survive the stemmer, and its own words trigger it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

from sorot.events.resources import LexEntry, lexicon
from sorot.events.rules import CONSTRUCTION_RULES
from sorot.events.text import find_triggers, tokenize
from sorot.text.words import stem

ENTRIES = lexicon()


def _nasal(prefix: str, root: str) -> str:
    """meN-/peN- before a root: "me" + "nembak" for "tembak", "meng" + "ecam" for "kecam"."""
    first = root[:1]
    if first in "bfv":
        return prefix + "m" + root
    if first == "p":
        return prefix + "m" + root[1:]
    if first == "t":
        return prefix + "n" + root[1:]
    if first in "dcjz":
        return prefix + "n" + root
    if first == "k":
        return prefix + "ng" + root[1:]
    if first == "s":
        return prefix + "ny" + root[1:]
    if first in "gh" or first in "aeiou":
        return prefix + "ng" + root
    return prefix + root


def derived_forms(root: str) -> list[str]:
    """The root and its usual verb and noun forms, for entries whose bare root is excluded ("~bicara" fires
    on "pembicaraan", not on "bicara")."""
    forms = [root, "di" + root, _nasal("me", root), _nasal("me", root) + "kan", _nasal("me", root) + "i",
             _nasal("pe", root) + "an", "per" + root + "an", "pe" + root + "an", "ber" + root, "ter" + root,
             root + "an", "ke" + root + "an", "di" + root + "kan", "di" + root + "i"]
    return [f for f in forms if stem(f) == root]


def _own_phrases(items: tuple[tuple[tuple[str, bool], ...], ...]) -> list[str]:
    """The entry written out with the first alternative of each word, the first word also in its derived forms."""
    rest = " ".join(alternatives[0][0] for alternatives in items[1:])
    return [f"{first} {rest}".strip() for form, by_stem in items[0]
            for first in (derived_forms(form) if by_stem else [form])]


# Each check runs over every entry and names all the entries it fails on at once (one test per check rather
# than one per entry: the lexicon's 370-odd entries had made 1,100 tests, whose per-test cost in pytest-xdist
# came to seconds of the suite).

def _failures(check: Callable[[LexEntry], str | None]) -> list[str]:
    return [problem for entry in ENTRIES if (problem := check(entry))]


def _root_maps_to_itself(entry: LexEntry) -> str | None:
    for alternatives in entry.items:
        for form, by_stem in alternatives:
            if by_stem and stem(form) != form:
                return f"{entry.id}: the stemmer maps {form!r} to {stem(form)!r}"
    return None


def test_every_root_maps_to_itself() -> None:
    """A ~root the stemmer does not return for the root itself matches no derived form either: a dead entry
    ("~setuju" while "menyetujui" stems to "tuju")."""
    assert _failures(_root_maps_to_itself) == []


def _fires_on_its_own_words(entry: LexEntry) -> str | None:
    # a judgement frame fires only with its charge after "sebagai" ("menilai Rusia sebagai ancaman")
    charge = f" Rusia sebagai {sorted(entry.frame)[0]}" if entry.frame else ""
    phrases = [p + charge for p in _own_phrases(entry.items)]
    fired = []
    for words in phrases:
        triggers = find_triggers(tokenize(words))
        if triggers and triggers[0].first == 0:
            fired.append(triggers[0].entry)
    if not fired:
        return f"{entry.id}: nothing fires on {phrases}"
    if not any(e.type == entry.type for e in fired):
        return f"{entry.id}: {phrases} fire {[e.id for e in fired]}"
    return None


def test_every_entry_fires_on_its_own_words() -> None:
    """The entry's own words are a trigger of its type: no `not` list, non-trigger phrase or longer entry of
    another type swallows it."""
    assert _failures(_fires_on_its_own_words) == []


def _root_reached_from_a_prefixed_form(entry: LexEntry) -> str | None:
    for alternatives in entry.items:
        for form, by_stem in alternatives:
            if by_stem:
                prefixed = [_nasal("me", form), "di" + form, "ber" + form, _nasal("pe", form) + "an",
                            "ke" + form + "an", "ter" + form]
                if not any(stem(p) == form for p in prefixed):
                    return f"{entry.id}: no prefixed form of {form!r} stems to it"
    return None


def test_every_root_is_reached_from_a_prefixed_form() -> None:
    """A ~root must be what the stemmer makes of a prefixed form ("~adakan" is not: "mengadakan" and
    "diadakan" stem to "ada"), or the ~ only ever matches the bare word."""
    assert _failures(_root_reached_from_a_prefixed_form) == []


def test_the_checks_name_a_broken_entry() -> None:
    """Each check fails on an entry made to break it (the checks above pass on the lexicon as it is)."""
    entry = next(e for e in ENTRIES if any(by_stem for alternatives in e.items for _form, by_stem in alternatives))
    dead_root = dataclasses.replace(entry, items=((("menyetujui", True),),))
    assert _root_maps_to_itself(dead_root) == (f"{entry.id}: the stemmer maps 'menyetujui' to "
                                               f"{stem('menyetujui')!r}")
    unreachable = dataclasses.replace(entry, items=((("kirimkan", True),),))   # its forms stem to "kirim"
    assert (_root_reached_from_a_prefixed_form(unreachable)
            == f"{entry.id}: no prefixed form of 'kirimkan' stems to it")
    silent = dataclasses.replace(entry, items=((("zzqx", False),),), frame=frozenset())
    assert _fires_on_its_own_words(silent) == f"{entry.id}: nothing fires on ['zzqx']"


def test_entry_ids_are_unique():
    ids = [e.id for e in ENTRIES]
    assert len(ids) == len(set(ids))


def test_construction_rule_ids_are_the_ones_the_coder_fires():
    """The documented construction rules and the ids the code fires are the same set."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in
                       (Path(__file__).resolve().parents[2] / "src" / "sorot" / "events").glob("*.py"))
    used = set(re.findall(r"(?:fire\(|rule=|\.rule = )\"(EV-[a-z-]+)\"", source))
    used |= {f"EV-pattern-{p}" for p in ("svo", "passive", "possessive", "pair")}
    assert used == set(CONSTRUCTION_RULES)
