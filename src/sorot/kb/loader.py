"""Builds the KnowledgeBase from the YAML files under sorot/data/kb and the names pycountry and babel know."""

from __future__ import annotations

import datetime as dt
import gettext
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from sorot.data import read_yaml as parse_yaml
from sorot.kb.model import Entry, Role
from sorot.kb.store import KnowledgeBase

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "kb"
# A test or a deployment may point at another people file (the default is data/kb/people.yaml and people/*.yaml).
PEOPLE_ENV = "SOROT_KB_PEOPLE"
# Library names unusable as aliases: lists ("Iran, Republik Islam"), babel's "Kongo - Kinshasa", "... DAK Tiongkok".
UNUSABLE_NAME = re.compile(r",| - |\bDAK\b|&|\bSAR\b")


def read_yaml(path: Path) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8")) or {}


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


def load_states(kb: KnowledgeBase, data: dict) -> None:
    import pycountry
    from babel import Locale

    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True)
    babel_names = dict(Locale("id").territories)
    skip = set(data.get("skip", []))
    hand: dict = data.get("states", {})
    for country in pycountry.countries:
        code = country.alpha_3
        if code in skip:
            continue
        extra = hand.get(code) or {}
        name = extra.get("name") or getattr(country, "common_name", None) or country.name
        blocked = set(extra.get("blocked", []))
        aliases = [name, *library_names(country.alpha_2, country, catalogue, babel_names), *extra.get("aliases", [])]
        aliases = [a for a in dict.fromkeys(aliases) if a not in blocked]
        kb.add(Entry(id=f"state:{code}", name=name, type="GPE", kind="state", country=code, code=code,
                     wikidata=extra.get("wikidata"), aliases=aliases))
    for code, extra in (data.get("extra") or {}).items():
        kb.add(Entry(id=f"state:{code}", name=extra["name"], type="GPE", kind="state", country=code, code=code,
                     wikidata=extra.get("wikidata"), aliases=[extra["name"], *extra.get("aliases", [])]))


def place_entry(item: Any, kind: str, type_: str, country: str | None) -> Entry:
    if isinstance(item, dict):
        name, aliases, wikidata = item["name"], item.get("aliases", []), item.get("wikidata")
    else:
        name, aliases, wikidata = item[0], list(item[1:]), None
    return Entry(id=f"{kind}:{slug(name)}", name=name, type=type_, kind=kind, country=country, code=country,
                 wikidata=wikidata, aliases=list(dict.fromkeys([*aliases, name])))


def load_places(kb: KnowledgeBase, data: dict) -> None:
    for group, kind, type_ in (("seats", "seat", "GPE"), ("cities", "city", "GPE"), ("regions", "region", "LOC")):
        for country, items in (data.get(group) or {}).items():
            for item in items or []:
                kb.add(place_entry(item, kind, type_, country))
    for item in data.get("supranational") or []:
        kb.add(place_entry(item, "supranational", "LOC", None))
    for declared in data.get("ambiguous_aliases") or []:
        kb.declare_ambiguous(declared["alias"], declared.get("default"))


def load_orgs(kb: KnowledgeBase, data: dict) -> None:
    for group in ("igos", "national", "media", "think_tanks"):
        for item in data.get(group) or []:
            kind = "igo" if group == "igos" else "org"
            kb.add(Entry(id=f"org:{item['id']}", name=item["name"], type=item.get("type", "ORG"), kind=kind,
                         country=item.get("country"), code=item.get("code"), wikidata=item.get("wikidata"),
                         aliases=list(dict.fromkeys([*item.get("aliases", []), item["name"]]))))
    states = [e for e in kb.entries.values() if e.kind == "state"]
    for pattern in data.get("patterns") or []:
        for state in states:
            names = [a for a in state.aliases if a[:1].isupper()]
            aliases = [template.replace("<state>", n) for template in pattern["aliases"] for n in names]
            aliases = [a for a in aliases if not kb.lookup(a)]   # a body listed by hand wins over the pattern
            name = pattern["name"].replace("<name>", state.name)
            kb.add(Entry(id=f"org:{slug(name)}", name=name, type="ORG", kind="org", country=state.code,
                         code=state.code, aliases=aliases, generated=True))


def people_files() -> list[Path]:
    override = os.environ.get(PEOPLE_ENV)
    if override:
        return [Path(p) for p in override.split(os.pathsep) if p]
    files = [DATA_DIR / "people.yaml"] if (DATA_DIR / "people.yaml").exists() else []
    return files + sorted((DATA_DIR / "people").glob("*.yaml"))


def person_entry(item: dict) -> Entry:
    roles = [Role(role=r["role"], title=r.get("title"), country=r.get("country"), org=r.get("org"),
                  start=iso(r.get("start")), end=iso(r.get("end"))) for r in item.get("roles") or []]
    country = item.get("country")
    org = next((r.org for r in roles if r.org), None)
    return Entry(id=f"person:{item['id']}", name=item["name"], type="PER", kind="person", country=country,
                 code=country or org, wikidata=item.get("wikidata"),
                 aliases=list(dict.fromkeys([item["name"], *item.get("aliases", [])])), roles=roles)


def load_people(kb: KnowledgeBase, paths: list[Path]) -> None:
    for path in paths:
        data = read_yaml(path)
        for item in data.get("people") or []:
            kb.add(person_entry(item))
        for alias in data.get("ambiguous_aliases") or []:
            kb.declare_ambiguous(alias["alias"] if isinstance(alias, dict) else alias)


def build_knowledge_base(data_dir: Path = DATA_DIR, people: list[Path] | None = None) -> KnowledgeBase:
    kb = KnowledgeBase()
    kb.settings = read_yaml(data_dir / "titles.yaml")
    places, orgs = read_yaml(data_dir / "places.yaml"), read_yaml(data_dir / "orgs.yaml")
    kb.settings["not_after"] = places.get("not_after") or {}
    kb.settings["org_heads"] = orgs.get("org_heads") or []
    load_states(kb, read_yaml(data_dir / "states.yaml"))
    load_places(kb, places)
    load_orgs(kb, orgs)
    load_people(kb, people_files() if people is None else people)
    kb.find_conflicts()
    return kb


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The process-wide knowledge base, built on first use."""
    return build_knowledge_base()
