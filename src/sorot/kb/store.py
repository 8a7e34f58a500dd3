"""KnowledgeBase: entries by id, an alias index, and the office holders by role and date."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sorot.kb.model import KIND_PRIORITY, Entry, alias_key, is_case_sensitive
from sorot.text.normalise import fold


@dataclass
class Ambiguity:
    alias: str
    default: str | None = None     # an entry id, or the code / country of the entry to prefer


@dataclass(eq=False)          # compared by identity: caches are keyed on the instance
class KnowledgeBase:
    entries: dict[str, Entry] = field(default_factory=dict)
    exact: dict[tuple[str, ...], list[str]] = field(default_factory=lambda: defaultdict(list))
    folded: dict[tuple[str, ...], list[str]] = field(default_factory=lambda: defaultdict(list))
    ambiguous: dict[str, Ambiguity] = field(default_factory=dict)   # folded alias -> declaration
    conflicts: list[tuple[str, list[str]]] = field(default_factory=list)
    settings: dict = field(default_factory=dict)                    # titles.yaml and friends
    max_alias_tokens: int = 1
    first_words: set[str] = field(default_factory=set)              # first token of every alias key
    # the same, of the case-sensitive keys (matched as written) and of the folded ones (matched by a
    # capitalised word or a name particle): a lower-case word that opens no case-sensitive key starts nothing
    exact_first_words: set[str] = field(default_factory=set)
    folded_first_words: set[str] = field(default_factory=set)
    # every alias key's leading tokens (1 to all): a run of tokens that is none of these begins no alias,
    # so the linker tries only as many lengths as can still match
    prefixes: set[tuple[str, ...]] = field(default_factory=set)
    _holders: dict | None = field(default=None, repr=False)          # built on first use by _role_holders

    def add(self, entry: Entry) -> None:
        if entry.id in self.entries:
            raise ValueError(f"duplicate knowledge-base id {entry.id}")
        self.entries[entry.id] = entry
        for alias in dict.fromkeys(entry.aliases):
            case_sensitive = is_case_sensitive(alias)
            key = alias_key(alias, case_sensitive)
            if not key:
                continue
            index = self.exact if case_sensitive else self.folded
            if entry.id not in index[key]:
                index[key].append(entry.id)
            self.max_alias_tokens = max(self.max_alias_tokens, len(key))
            self.first_words.add(key[0])
            (self.exact_first_words if index is self.exact else self.folded_first_words).add(key[0])
            self.prefixes.update(key[:size] for size in range(1, len(key) + 1))

    def declare_ambiguous(self, alias: str, default: str | None = None) -> None:
        self.ambiguous[fold(alias)] = Ambiguity(alias, default)

    def find_conflicts(self) -> list[tuple[str, list[str]]]:
        """Aliases naming several entries without an `ambiguous_aliases` declaration."""
        found = []
        for index in (self.exact, self.folded):
            for key, ids in index.items():
                if len(ids) > 1 and fold(" ".join(key)) not in self.ambiguous:
                    found.append((" ".join(key), list(ids)))
        self.conflicts = found
        return found

    def candidates(self, key_exact: tuple[str, ...], key_folded: tuple[str, ...], capitalised: bool) -> list[str]:
        ids = list(self.exact.get(key_exact, []))
        folded = self.folded.get(key_folded) if capitalised else None
        if folded:
            ids += [i for i in folded if i not in ids]
        return ids

    def resolve(self, alias_text: str, ids: list[str]) -> Entry | None:
        """One entry for a matched alias: declared defaults first, then kind priority; None when undecidable."""
        if not ids:
            return None
        declared = self.ambiguous.get(fold(alias_text))
        if declared is not None:
            return self._default(declared, ids)
        if len(ids) == 1:
            return self.entries[ids[0]]
        return min((self.entries[i] for i in ids), key=lambda e: KIND_PRIORITY.index(e.kind))

    def _default(self, declared: Ambiguity, ids: list[str]) -> Entry | None:
        if declared.default is None:
            return None
        for entry_id in ids:
            entry = self.entries[entry_id]
            if declared.default in (entry.id, entry.code, entry.country):
                return entry
        return self.entries.get(declared.default) or self.entries.get(f"state:{declared.default}")

    def lookup(self, alias: str) -> list[Entry]:
        """Every entry an alias may name (acronyms as written, other names case-folded)."""
        toks = alias_key(alias)
        ids = list(self.exact.get(tuple(toks), []))
        ids += [i for i in self.folded.get(tuple(fold(t) for t in toks), []) if i not in ids]
        return [self.entries[i] for i in ids]

    def knows(self, alias: str) -> bool:
        """Whether `lookup(alias)` finds any entry (without building the list)."""
        toks = alias_key(alias)
        return bool(self.exact.get(toks)) or bool(self.folded.get(tuple(map(fold, toks))))

    def state(self, code: str | None) -> Entry | None:
        return self.entries.get(f"state:{code}") if code else None

    def holder(self, role: str, country_or_org: str, date: str | None) -> Entry | None:
        """The person holding `role` for a state (ISO3) or an organisation (acronym) on `date` (ISO)."""
        day = date[:10] if date else None
        best: tuple[str, Entry] | None = None
        for entry in self._role_holders().get((role, country_or_org), ()):
            for r in entry.roles:
                if r.role == role and country_or_org in (r.country, r.org) and r.valid_on(day):
                    start = r.start or ""
                    if best is None or start > best[0]:
                        best = (start, entry)
        return best[1] if best else None

    def _role_holders(self) -> dict[tuple[str, str], list[Entry]]:
        """Persons by (role, state or organisation), built once: `holder` is asked for every role phrase."""
        if self._holders is None:
            index: dict[tuple[str, str], list[Entry]] = {}
            for entry in self.entries.values():
                for r in entry.roles if entry.kind == "person" else ():
                    for owner in (o for o in dict.fromkeys((r.country, r.org)) if o is not None):
                        if entry not in index.setdefault((r.role, owner), []):
                            index[(r.role, owner)].append(entry)
            self._holders = index
        return self._holders

    def leader(self, country: str, date: str | None) -> Entry | None:
        """The person who leads a state on `date`, by the state's leading roles in titles.yaml."""
        roles = self.settings.get("leader_roles", {})
        order = roles.get("by_state", {}).get(country) or roles.get("default", [])
        for role in order:
            person = self.holder(role, country, date)
            if person is not None:
                return person
        return None
