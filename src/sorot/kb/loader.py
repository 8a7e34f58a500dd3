"""Builds the KnowledgeBase from the YAML files under sorot/data/kb and the names pycountry and babel know."""

from __future__ import annotations

import datetime as dt
import gettext
import os
import re
from pathlib import Path
from typing import Any

from sorot.data import (
    collector_paused,
    data_cached,
    data_names,
    data_sources,
    load_data,
    load_file,
    read_digest,
)
from sorot.data.disk_cache import content_key, load_or_build
from sorot.data.schemas import (
    OrgsData,
    PeopleFile,
    PersonData,
    PlaceData,
    PlaceItem,
    PlacesData,
    StateData,
    StatesData,
    TitlesData,
)
from sorot.kb.model import Entry, Role
from sorot.kb.store import Ambiguity, KnowledgeBase

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "kb"
# A test or a deployment may point at other people files (the default is data/kb/people.yaml and people/*.yaml,
# which SOROT_DATA extends like every data file); the files are separated by os.pathsep.
PEOPLE_ENV = "SOROT_KB_PEOPLE"
# Library names unusable as aliases: lists ("Iran, Republik Islam"), babel's "Kongo - Kinshasa", "... DAK Tiongkok".
UNUSABLE_NAME = re.compile(r",| - |\bDAK\b|&|\bSAR\b")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def split_parenthesis(name: str) -> list[str]:
    """'Myanmar (Burma)' gives Myanmar and Burma."""
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    return [match.group(1), match.group(2)] if match else [name]


def library_names(alpha_2: str, country: Any, id_catalogue: gettext.NullTranslations,
                  babel_names: dict[str, str]) -> list[str]:
    raw = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None),
           id_catalogue.gettext(country.name), babel_names.get(alpha_2)]
    names: list[str] = []
    for name in raw:
        if not name or UNUSABLE_NAME.search(name):
            continue
        names += split_parenthesis(name.strip())
    return names


def load_states(kb: KnowledgeBase, data: StatesData) -> None:
    import pycountry
    from babel import Locale

    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True)
    babel_names = dict(Locale("id").territories)
    skip = set(data.skip)
    for country in pycountry.countries:
        code = country.alpha_3
        if code in skip:
            continue
        hand = data.states.get(code) or StateData()
        name = hand.name or getattr(country, "common_name", None) or country.name
        blocked = set(hand.blocked)
        aliases = [name, *library_names(country.alpha_2, country, catalogue, babel_names), *hand.aliases]
        aliases = [a for a in dict.fromkeys(aliases) if a not in blocked]
        kb.add(Entry(id=f"state:{code}", name=name, type="GPE", kind="state", country=code, code=code,
                     wikidata=hand.wikidata, aliases=aliases))
    for code, extra in data.extra.items():
        kb.add(Entry(id=f"state:{code}", name=extra.name, type="GPE", kind="state", country=code, code=code,
                     wikidata=extra.wikidata, aliases=[extra.name, *extra.aliases]))


def place_entry(item: PlaceItem, kind: str, type_: str, country: str | None) -> Entry:
    if isinstance(item, PlaceData):
        name, aliases, wikidata = item.name, list(item.aliases), item.wikidata
    else:
        name, aliases, wikidata = item[0], list(item[1:]), None
    return Entry(id=f"{kind}:{slug(name)}", name=name, type=type_, kind=kind, country=country, code=country,
                 wikidata=wikidata, aliases=list(dict.fromkeys([*aliases, name])))


def load_places(kb: KnowledgeBase, data: PlacesData) -> None:
    for groups, kind, type_ in ((data.seats, "seat", "GPE"), (data.cities, "city", "GPE"),
                                (data.regions, "region", "LOC")):
        for country, items in groups.items():
            for item in items or ():
                kb.add(place_entry(item, kind, type_, country))
    for item in data.supranational:
        kb.add(place_entry(item, "supranational", "LOC", None))
    for declared in data.ambiguous_aliases:
        kb.declare_ambiguous(declared.alias, declared.default)


def load_orgs(kb: KnowledgeBase, data: OrgsData) -> None:
    for group, kind in ((data.igos, "igo"), (data.national, "org"), (data.media, "org"), (data.think_tanks, "org")):
        for item in group:
            kb.add(Entry(id=f"org:{item.id}", name=item.name, type=item.type, kind=kind,
                         country=item.country, code=item.code, wikidata=item.wikidata,
                         aliases=list(dict.fromkeys([*item.aliases, item.name]))))
    states = [e for e in kb.entries.values() if e.kind == "state"]
    for pattern in data.patterns:
        for state in states:
            names = [a for a in state.aliases if a[:1].isupper()]
            aliases = [template.replace("<state>", n) for template in pattern.aliases for n in names]
            aliases = [a for a in aliases if not kb.knows(a)]   # a body listed by hand wins over the pattern
            name = pattern.name.replace("<name>", state.name)
            kb.add(Entry(id=f"org:{slug(name)}", name=name, type="ORG", kind="org", country=state.code,
                         code=state.code, aliases=aliases, generated=True))


def people_files() -> list[PeopleFile]:
    """The people files: those SOROT_KB_PEOPLE names, else data/kb/people.yaml and people/*.yaml (with the
    SOROT_DATA overrides: a new file there adds people, an extension adds to a file)."""
    override = os.environ.get(PEOPLE_ENV)
    if override:
        return [load_file(Path(p), PeopleFile) for p in override.split(os.pathsep) if p]
    return [load_data(name, PeopleFile) for name in ("kb/people.yaml", *data_names("kb/people"))]


KB_FILES = ("kb/titles.yaml", "kb/places.yaml", "kb/orgs.yaml", "kb/states.yaml")


def knowledge_base_sources() -> list[tuple[str, Path]]:
    """Every file `build_knowledge_base()` reads, with what it is to the build: the cache key's contents."""
    override = os.environ.get(PEOPLE_ENV)
    if override:
        people = [(f"{PEOPLE_ENV} {n}", Path(p)) for n, p in enumerate(override.split(os.pathsep)) if p]
    else:
        people = [(f"{name} {n}", path) for name in ("kb/people.yaml", *data_names("kb/people"))
                  for n, path in enumerate(data_sources(name))]
    return [*((f"{name} {n}", path) for name in KB_FILES for n, path in enumerate(data_sources(name))), *people]


def _library_versions() -> tuple[str, ...]:
    """The versions of the libraries whose country names the knowledge base holds."""
    from importlib.metadata import version

    return tuple(f"{name} {version(name)}" for name in ("pycountry", "babel"))


def person_entry(item: PersonData) -> Entry:
    roles = [Role(role=r.role, title=r.title, country=r.country, org=r.org, start=iso(r.start), end=iso(r.end))
             for r in item.roles]
    org = next((r.org for r in roles if r.org), None)
    return Entry(id=f"person:{item.id}", name=item.name, type="PER", kind="person", country=item.country,
                 code=item.country or org, wikidata=item.wikidata,
                 aliases=list(dict.fromkeys([item.name, *item.aliases])), roles=roles)


def load_people(kb: KnowledgeBase, files: list[PeopleFile]) -> None:
    for data in files:
        for item in data.people:
            kb.add(person_entry(item))
        for alias in data.ambiguous_aliases:
            kb.declare_ambiguous(alias if isinstance(alias, str) else alias.alias)


@collector_paused()                      # tens of thousands of lasting objects: see collector_paused
def build_knowledge_base(people: list[Path] | None = None) -> KnowledgeBase:
    """The knowledge base of the data files (with SOROT_DATA's overrides); `people` replaces the people
    files by the files given."""
    kb = KnowledgeBase()
    # the linker reads the settings as the mapping titles.yaml was; only keys the file sets are present
    kb.settings = load_data("kb/titles.yaml", TitlesData).model_dump(exclude_unset=True)
    places, orgs = load_data("kb/places.yaml", PlacesData), load_data("kb/orgs.yaml", OrgsData)
    kb.settings["not_after"] = places.not_after
    kb.settings["org_heads"] = orgs.org_heads
    load_states(kb, load_data("kb/states.yaml", StatesData))
    load_places(kb, places)
    load_orgs(kb, orgs)
    load_people(kb, people_files() if people is None else [load_file(p, PeopleFile) for p in people])
    kb.find_conflicts()
    return kb


@data_cached
def knowledge_base() -> KnowledgeBase:
    """The process-wide knowledge base, built on first use, or read from the disk cache where a process
    built it from the same files with the same code (sorot.data.disk_cache: 0.05 s rather than 0.45 s CPU
    at every process start)."""
    sources, versions = knowledge_base_sources(), _library_versions()
    key = content_key(sources, *versions)
    return load_or_build("kb", key, build_knowledge_base, KnowledgeBase, (Entry, Role, Ambiguity),
                         built_as_keyed=lambda: content_key(sources, *versions, digest=read_digest) == key)


def is_known_place(name: str) -> bool:
    """A city, region or state of the knowledge base's gazetteer ("Manila", "Denpasar", "Bintan"): the
    place test the cleaning and metadata stages give the dateline recogniser (built on first use)."""
    return any(entry.type in ("GPE", "LOC") for entry in knowledge_base().lookup(name.strip()))
