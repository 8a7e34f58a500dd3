"""The entries of the actor knowledge base and the index that finds them by alias."""

from __future__ import annotations

from dataclasses import dataclass, field

from sorot.text.normalise import fold
from sorot.text.tokens import words_of

# Kinds of entries, in the order that wins when an undeclared alias names several (a state before a city
# of the same name, an organisation before a person).
KIND_PRIORITY = ("state", "seat", "city", "igo", "org", "region", "supranational", "person")


@dataclass
class Role:
    role: str
    title: str | None
    country: str | None
    org: str | None
    start: str | None
    end: str | None

    def valid_on(self, day: str | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Entry:
    id: str
    name: str
    type: str                      # PER, ORG, GPE, LOC
    kind: str                      # one of KIND_PRIORITY
    country: str | None = None
    code: str | None = None
    wikidata: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    generated: bool = False        # built from a pattern: its aliases are not worth exporting

    def role_on(self, day: str | None) -> Role | None:
        """The office held on `day` (the most recently started one when several)."""
        valid = [r for r in self.roles if r.valid_on(day)]
        return max(valid, key=lambda r: r.start or "") if valid else None


def tokens_of(text: str) -> list[str]:
    return words_of(text)   # sorot.text's one tokenizer, as the linker cuts the article


def is_case_sensitive(alias: str) -> bool:
    """Acronyms (no lower-case letter: AS, PBB, DK PBB, G20) must match exactly as written."""
    return not any(map(str.islower, alias))


def alias_key(alias: str, case_sensitive: bool | None = None) -> tuple[str, ...]:
    """The index key of an alias: its tokens, case-folded unless it is case-sensitive (`case_sensitive`, when
    the caller knows it already: the knowledge base computes it for tens of thousands of aliases)."""
    toks = words_of(alias)
    if case_sensitive is None:
        case_sensitive = is_case_sensitive(alias)
    return tuple(toks) if case_sensitive else tuple(map(fold, toks))
