"""Datelines that open the first paragraph: "REPUBLIKA.CO.ID, MOSKOW --", "KUALA LUMPUR (ANTARA) -",
"Jakarta, CNN Indonesia --", "Liputan6.com, Jakarta -", "Hongkong – SmokersWorld ...".

The dateline names the place the story was filed from and often the outlet; it is not part of the clean text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sorot.data import data_cached, load_data
from sorot.data.schemas import DatelinesData
from sorot.text.outlets import is_outlet_name

PlaceTest = Callable[[str], bool]

# The separator: one or two hyphens or a dash, after white space or a closing bracket.
_HEAD = re.compile(r"^(?P<prefix>[^!?\"“”]{2,80}?)(?:\s+|(?<=\)))(?:--?|–|—)\s*(?=\S)")
# "JAKARTA-Indonesia resmi ...": a dash with no space, only after a long upper-case place name (so that
# "NATO-Rusia" or "AS-China" at a sentence's start are not datelines)
_TIGHT = re.compile(r"^(?P<prefix>[A-Z][A-Z .]{5,30}?)(?:--?|–|—)(?=[A-Z\"“])")
_DOMAIN = re.compile(r"^\(?[\w-]+(?:\.[\w-]+)*\.(?:com|co\.id|co|id|net|org|tv|news)\)?$", re.IGNORECASE)
_CAMEL = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+(?:\.\w+)?$|^[a-z]+[A-Z]\w*(?:\.\w+)?$|^[A-Z]{2,}[A-Z][a-z]{3,}(?:\.\w+)?$")
_DATE_PART = re.compile(r"\d")
# "ENSIPEDIA. ID": a domain name whose dot the page spaced out
_SPACED_DOMAIN = re.compile(r"^[\w-]+\.\s(?:com|co\.id|id|net|org|news)$", re.IGNORECASE)


@dataclass(frozen=True)
class Dateline:
    place: str | None
    outlet: str | None
    end: int                          # offset in the line where the story text begins


@dataclass(frozen=True)
class DatelineWords:
    """data/text/datelines.yaml: rubric names, lower-case particles of place names, wire agencies."""

    section_words: frozenset[str]
    place_particles: frozenset[str]
    agencies: frozenset[str]


@data_cached
def dateline_words() -> DatelineWords:
    data = load_data("text/datelines.yaml", DatelinesData)
    return DatelineWords(section_words=frozenset(w.casefold() for w in data.section_words),
                         place_particles=frozenset(data.place_particles),
                         agencies=frozenset(data.dateline_agencies))


def no_known_places(part: str) -> bool:
    """The place test without a gazetteer: no name is known, so only the shape of the parts decides."""
    return False


def _is_outlet(part: str) -> bool:
    bare = part.strip("() ")
    return bool(_DOMAIN.match(part) or _SPACED_DOMAIN.match(bare) or bare in dateline_words().agencies
                or is_outlet_name(bare) or _CAMEL.match(bare))


def _is_place(part: str) -> bool:
    words = part.split()
    particles = dateline_words().place_particles
    return (0 < len(words) <= 5 and words[0][0].isupper() and not _DATE_PART.search(part)
            and all(w[0].isupper() or w in particles for w in words))


def _is_section(part: str) -> bool:
    """A rubric name in the dateline's slot ("Internasional –", "Konflik –"): neither place nor outlet."""
    return part.strip("() ").casefold() in dateline_words().section_words


def _place_and_outlet(parts: list[str], known_place: PlaceTest) -> tuple[str | None, str | None] | None:
    """The place and the outlet among a dateline's parts, or None when a part is neither. An outlet comes
    from the outlets table, a domain or a wire agency; of two names that could be places, the one the
    gazetteer knows is the place and the other the outlet ("PARBOABOA, Jakarta", "MATA INDONESIA,
    JAKARTA"); two known places are a place and its country ("Putrajaya, Malaysia")."""
    outlet = next((p.strip("() ") for p in parts if _is_outlet(p)), None)
    rest = [p for p in parts if not _is_outlet(p) and not _is_section(p)]
    if any(not _is_place(p) and _DATE_PART.search(p) is None for p in rest):
        return None
    places = [p for p in rest if _is_place(p)]
    if not places:
        return None, outlet
    if len(places) == 1 or outlet is not None:
        return places[0], outlet
    first, second = places[:2]
    first_known, second_known = known_place(first), known_place(second)
    if first_known and second_known:
        return first, None
    if second_known and not first_known:
        return second, first.strip("() ")
    if first.isupper() or " " not in first:
        return first, second.strip("() ")    # "SEOUL, Berita Satu -": a name after the place is the outlet
    return None                             # "Presiden Jokowi, Menteri Retno - ...": a sentence


def _parts(prefix: str) -> list[str]:
    """'KUALA LUMPUR (ANTARA)' -> ['KUALA LUMPUR', '(ANTARA)']; 'X, Y' -> ['X', 'Y']."""
    pieces: list[str] = []
    for chunk in prefix.split(","):
        pieces.extend(p.strip() for p in re.split(r"(\([^)]*\))", chunk) if p.strip())
    return pieces


def split_dateline(line: str, known_place: PlaceTest = no_known_places) -> Dateline | None:
    """The dateline at the start of `line`, or None when the line does not open with one. `known_place`
    tells a place from an outlet when both parts could be either ("PARBOABOA, Jakarta"): the stages pass
    the knowledge base's gazetteer."""
    match = _HEAD.match(line) or _TIGHT.match(line)
    if not match:
        return None
    parts = _parts(match.group("prefix"))
    found = _place_and_outlet(parts, known_place)
    if found is None:
        return None
    place, outlet = found
    end = match.end()
    rest = line[end:]
    if outlet is None:
        # "Hongkong – SmokersWorld Pemimpin ...": the outlet's name right after the dash
        first = rest.split(" ", 1)[0]
        if _CAMEL.match(first) or _DOMAIN.match(first):
            outlet, end = first, end + len(first) + 1
            rest = line[end:]
    if not rest or not (rest[0].isupper() or rest[0] in "\"“'‘"):
        return None                   # a dash inside a sentence ("Putin – yang ..."), not a dateline
    if place is None and outlet is None:
        # "Konflik – Mediasi ...": a rubric in the dateline's slot still marks where the story starts
        return Dateline(place=None, outlet=None, end=end) if any(_is_section(p) for p in parts) else None
    if outlet is None and place is not None and not (place.isupper() or len(place.split()) <= 3):
        return None
    return Dateline(place=place, outlet=outlet, end=end)


def bare_dateline(line: str, known_place: PlaceTest = no_known_places) -> Dateline | None:
    """A line that is only a dateline ("Mangupura, (Metrobali.com)-"), printed apart from its paragraph."""
    stripped = line.strip()
    if not stripped or stripped[-1] not in "-–—":
        return None
    found = split_dateline(stripped + " Teks", known_place)
    return found if found and found.end >= len(stripped) else None
