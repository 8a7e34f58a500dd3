"""Datelines that open the first paragraph: "REPUBLIKA.CO.ID, MOSKOW --", "KUALA LUMPUR (ANTARA) -",
"Jakarta, CNN Indonesia --", "Liputan6.com, Jakarta -", "Hongkong – SmokersWorld ...".

The dateline names the place the story was filed from and often the outlet; it is not part of the clean text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sorot.clean.cues import load_cues
from sorot.meta import is_outlet_name

# The separator: one or two hyphens or a dash, after white space or a closing bracket.
_HEAD = re.compile(r"^(?P<prefix>[^!?\"“”]{2,80}?)(?:\s+|(?<=\)))(?:--?|–|—)\s*(?=\S)")
# "JAKARTA-Indonesia resmi ...": a dash with no space, only after a long upper-case place name (so that
# "NATO-Rusia" or "AS-China" at a sentence's start are not datelines)
_TIGHT = re.compile(r"^(?P<prefix>[A-Z][A-Z .]{5,30}?)(?:--?|–|—)(?=[A-Z\"“])")
_DOMAIN = re.compile(r"^\(?[\w-]+(?:\.[\w-]+)*\.(?:com|co\.id|co|id|net|org|tv|news)\)?$", re.IGNORECASE)
_CAMEL = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+(?:\.\w+)?$|^[a-z]+[A-Z]\w*(?:\.\w+)?$")
_DATE_PART = re.compile(r"\d")


@dataclass(frozen=True)
class Dateline:
    place: str | None
    outlet: str | None
    end: int                          # offset in the line where the story text begins


def _is_outlet(part: str) -> bool:
    bare = part.strip("() ")
    return bool(_DOMAIN.match(part) or bare in load_cues().dateline_agencies or is_outlet_name(bare)
                or _CAMEL.match(bare))


def _is_place(part: str) -> bool:
    words = part.split()
    particles = load_cues().place_particles
    return (0 < len(words) <= 5 and words[0][0].isupper() and not _DATE_PART.search(part)
            and all(w[0].isupper() or w in particles for w in words))


def _parts(prefix: str) -> list[str]:
    """'KUALA LUMPUR (ANTARA)' -> ['KUALA LUMPUR', '(ANTARA)']; 'X, Y' -> ['X', 'Y']."""
    pieces = []
    for chunk in prefix.split(","):
        pieces.extend(p.strip() for p in re.split(r"(\([^)]*\))", chunk) if p.strip())
    return pieces


def split_dateline(line: str) -> Dateline | None:
    """The dateline at the start of `line`, or None when the line does not open with one."""
    match = _HEAD.match(line) or _TIGHT.match(line)
    if not match:
        return None
    place = outlet = None
    for part in _parts(match.group("prefix")):
        if outlet is None and _is_outlet(part):
            outlet = part.strip("() ")
        elif place is None and _is_place(part):
            place = part
        elif outlet is None and place is not None and (place.isupper() or " " not in place) and _is_place(part):
            outlet = part.strip("() ")     # "SEOUL, Berita Satu -": a name after the place is the outlet
        elif not _DATE_PART.search(part):
            return None
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
        return None
    if outlet is None and not (place.isupper() or len(place.split()) <= 3):
        return None
    return Dateline(place=place, outlet=outlet, end=end)


def bare_dateline(line: str) -> Dateline | None:
    """A line that is only a dateline ("Mangupura, (Metrobali.com)-"), printed apart from its paragraph."""
    stripped = line.strip()
    if not stripped or stripped[-1] not in "-–—":
        return None
    found = split_dateline(stripped + " Teks")
    return found if found and found.end >= len(stripped) else None
