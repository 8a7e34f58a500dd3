"""The evidence behind each metadata value, with a confidence, for the store and `sorot show`.

A value is trusted by the kind of evidence it comes from (the page's structured data, the article head,
a dateline, the URL, a footer) and gains from every independent source that agrees with it: the URL's
date path and slug, the outlets table (URL host, masthead, dateline prefix, footer naming one outlet),
the gazetteer (a dateline place it knows), a headline printed twice. Disagreement costs.
"""

from __future__ import annotations

import re
from typing import Any

from sorot.meta.published import Choice
from sorot.meta.textdates import url_day
from sorot.text.normalise import ascii_words, squash
from sorot.text.outlets import outlet_table

Evidence = dict[str, Any]
AGREEMENT_BONUS = 0.05
DISAGREEMENT_COST = 0.15


def _confidence(base: float, agrees: int, disagrees: int = 0) -> float:
    value = base + AGREEMENT_BONUS * agrees - DISAGREEMENT_COST * bool(disagrees)
    return round(min(0.99, max(0.05, value)), 2)


def published_evidence(choice: Choice, url: str | None) -> Evidence:
    found: Evidence = choice.evidence()
    day = url_day(url)
    if day and day == choice.iso[:10]:
        found["agrees"].append("URL date path")
    elif day:
        found["disagrees"].append(f"URL date path ({day})")
    found["confidence"] = _confidence(found["confidence"], int(day == choice.iso[:10]) if day else 0,
                                      int(bool(day) and day != choice.iso[:10]))
    return found


def _words(text: str) -> set[str]:
    return {w for w in ascii_words(text).split() if len(w) >= 3}


def slug_agrees(title: str, url: str | None) -> bool:
    """Whether the URL's last path segment spells most of the headline's words."""
    path = re.sub(r"\?.*$", "", url or "").rstrip("/").rsplit("/", 1)[-1]
    slug, words = _words(path.replace("-", " ")), _words(title)
    return bool(words) and len(slug & words) >= 0.6 * len(words)


def title_evidence(title: str, source: str, base: float, agrees: list[str], url: str | None) -> Evidence:
    agrees = list(agrees) + (["URL slug"] if slug_agrees(title, url) else [])
    return {"value": title, "source": source, "confidence": _confidence(base, 2 * len(agrees)), "agrees": agrees}


def outlet_evidence(value: str, claims: list[tuple[str, str | None]], url: str | None) -> Evidence:
    """`claims`: (source, the outlet it names) for every source read, the chosen one first."""
    table = outlet_table()
    host = table.for_host(url)
    chosen = table.for_name(value) or (host[0] if host and _same(value, host[1]) else None)
    if host:
        claims = [*claims, ("URL host", host[1])]
    agrees: list[str] = []
    disagrees: list[str] = []
    for source, named in claims[1:]:
        if not named:
            continue
        other = table.for_name(named) or (host[0] if host and named == host[1] else None)
        same = (chosen is not None and other is chosen) or _same(named, value)
        (agrees if same else disagrees).append(f"{source} ({named})")
    source = claims[0][0] if claims else "unknown"
    base = {"dateline prefix": 0.85, "site name": 0.85, "masthead or byline": 0.8, "footer": 0.65,
            "URL host": 0.7}.get(source, 0.6) + 0.05 * (chosen is not None)
    found: Evidence = {"value": value, "source": source, "confidence": _confidence(base, len(agrees), len(disagrees)),
                       "agrees": agrees, "disagrees": disagrees}
    if chosen is not None:
        found["network"] = chosen.network
        found["canonical"] = chosen.name
    return found


def _same(a: str | None, b: str | None) -> bool:
    key_a, key_b = squash(a), squash(b)
    return bool(key_a and key_b) and (key_a == key_b or key_a.removesuffix("com") == key_b.removesuffix("com"))


def dateline_evidence(place: str, source: str, known_place: bool) -> Evidence:
    base = {"opening of the first paragraph": 0.9, "a dateline printed on its own line": 0.85,
            "a place on its own line above the story": 0.7}.get(source, 0.6)
    agrees = ["gazetteer"] if known_place else []
    return {"value": place, "source": source, "confidence": _confidence(base, len(agrees)), "agrees": agrees}


def authors_evidence(names: list[str], sources: dict[str, str]) -> Evidence:
    """`sources`: name -> where it was read."""
    kinds = sorted(set(sources.values()))
    base = 0.85 if any(k.startswith("byline") or k.startswith("JSON-LD") for k in kinds) else 0.65
    return {"value": names, "source": "; ".join(kinds), "confidence": _confidence(base, len(kinds) - 1)}
