"""Datelines that open the first paragraph: "REPUBLIKA.CO.ID, MOSKOW --", "KUALA LUMPUR (ANTARA) -",
"Jakarta, CNN Indonesia --", "Liputan6.com, Jakarta -", "Hongkong – SmokersWorld ...".

The dateline names the place the story was filed from and often the outlet; it is not part of the clean text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sorot.clean.cues import load_cues

# The separator: one or two hyphens or a dash, after white space or a closing bracket.
_HEAD = re.compile(r"^(?P<prefix>[^!?\"“”]{2,80}?)(?:\s+|(?<=\)))(?:--?|–|—)\s*(?=\S)")
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
    return bool(_DOMAIN.match(part) or bare in load_cues().dateline_outlets or _CAMEL.match(bare))


def _is_place(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= 4 and all(w[0].isupper() for w in words) and not _DATE_PART.search(part)


def _parts(prefix: str) -> list[str]:
    """'KUALA LUMPUR (ANTARA)' -> ['KUALA LUMPUR', '(ANTARA)']; 'X, Y' -> ['X', 'Y']."""
    pieces = []
    for chunk in prefix.split(","):
        pieces.extend(p.strip() for p in re.split(r"(\([^)]*\))", chunk) if p.strip())
    return pieces


def split_dateline(line: str) -> Dateline | None:
    """The dateline at the start of `line`, or None when the line does not open with one."""
    match = _HEAD.match(line)
    if not match:
        return None
    place = outlet = None
    for part in _parts(match.group("prefix")):
        if outlet is None and _is_outlet(part):
            outlet = part.strip("() ")
        elif place is None and _is_place(part):
            place = part
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
    if not rest[:1].isupper() and rest[:1] not in "\"“'‘":
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
