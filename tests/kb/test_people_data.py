"""Checks the people files of the actor knowledge base (data/kb/people.yaml and data/kb/people/*.yaml)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import pycountry
import pytest

from sorot.data import read_yaml

KB_DIR = Path(__file__).resolve().parents[2] / "src" / "sorot" / "data" / "kb"
ROLE_KEYS = {
    "president", "vice_president", "prime_minister", "deputy_prime_minister", "chancellor", "monarch",
    "crown_prince", "emir", "supreme_leader", "head_of_state", "head_of_government", "foreign_minister",
    "defence_minister", "finance_minister", "trade_minister", "interior_minister", "other_minister",
    "foreign_ministry_spokesperson", "government_spokesperson", "presidential_spokesperson",
    "security_council_secretary", "national_security_adviser", "ambassador", "military_chief", "intelligence_chief",
    "secretary_general", "igo_leader", "party_leader", "militant_leader", "opposition_leader",
}
PERSON_KEYS = {"id", "name", "wikidata", "country", "aliases", "roles"}
ROLE_FIELDS = {"role", "title", "country", "org", "start", "end"}
EXTRA_COUNTRIES = {"SUN", "XKX", "PSE", "TWN", "HKG", "MAC", "VAT"}
# Intergovernmental organisations a role may name with `org` (the actor codes of data/kb/orgs.yaml).
IGO_CODES = {"UN", "NATO", "EU", "ASEAN", "AU", "WHO", "IMF", "WB", "WTO", "IAEA", "ICC", "ICJ", "OIC", "ARL",
             "BRICS", "OPEC", "GCC", "SCO", "ECOWAS", "OSCE", "INTERPOL", "IOM", "ICRC", "COMMONWEALTH", "G20"}
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# A bare word that names no one in particular (the brief's examples): never an alias on its own.
TOO_SHORT = {"kim", "lee", "wang", "li", "khan", "ali", "singh", "abdullah", "mohammed", "muhammad", "ahmed",
             "sheikh", "raja", "presiden", "menteri"}


def fold(text: str) -> str:
    """Case and accents folded, as sorot.kb.model compares aliases."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def people_files() -> list[Path]:
    main = [KB_DIR / "people.yaml"] if (KB_DIR / "people.yaml").exists() else []
    return main + sorted((KB_DIR / "people").glob("*.yaml"))


@lru_cache(maxsize=1)
def load() -> tuple[list[dict], set[str]]:
    people: list[dict] = []
    ambiguous: set[str] = set()
    for path in people_files():
        data = read_yaml(path.read_text(encoding="utf-8")) or {}   # the C parser, as sorot reads them
        people += data.get("people") or []
        for alias in data.get("ambiguous_aliases") or []:
            ambiguous.add(fold(alias["alias"] if isinstance(alias, dict) else alias))
    return people, ambiguous


def countries() -> set[str]:
    return {c.alpha_3 for c in pycountry.countries} | EXTRA_COUNTRIES


def as_iso(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    assert isinstance(value, str) and ISO_DATE.fullmatch(value), f"not an ISO date: {value!r}"
    return value


def test_files_exist_and_cover_many_people():
    people, _ = load()
    assert people_files(), "no people file"
    assert len(people) >= 350


def test_every_person_has_the_required_fields():
    people, _ = load()
    for person in people:
        assert set(person) <= PERSON_KEYS, person.get("id")
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", person["id"]), person
        assert isinstance(person["name"], str) and person["name"].strip(), person["id"]
        assert "(" not in person["name"], person["id"]        # a Wikipedia title without its disambiguation
        assert person["name"] in person["aliases"], person["id"]
        assert all(isinstance(a, str) and a.strip() for a in person["aliases"]), person["id"]
        assert person["roles"], person["id"]
        if "wikidata" in person:
            assert re.fullmatch(r"Q\d+", str(person["wikidata"])), person["id"]


def test_every_person_acts_for_a_state_or_an_igo():
    people, _ = load()
    known = countries()
    for person in people:
        orgs = {r.get("org") for r in person["roles"]} - {None}
        assert person.get("country") in known or orgs, person["id"]
        if person.get("country") is not None:
            assert person["country"] in known, person["id"]


def test_roles_have_valid_keys_places_and_dates():
    people, _ = load()
    known = countries()
    for person in people:
        for role in person["roles"]:
            where = f"{person['id']}: {role}"
            assert set(role) <= ROLE_FIELDS, where          # a comma in an unquoted title would add a field
            assert role["role"] in ROLE_KEYS, where
            assert isinstance(role.get("title"), str) and role["title"], where
            assert (role.get("country") in known) != (role.get("org") in IGO_CODES), where
            assert "start" in role and "end" in role, where
            start, end = as_iso(role["start"]), as_iso(role["end"])
            assert start is not None, where
            assert end is None or start <= end, where
            assert start >= "1940", where


def test_ids_are_unique():
    people, _ = load()
    ids = [p["id"] for p in people]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]


def test_no_alias_names_two_people_unless_declared_ambiguous():
    people, ambiguous = load()
    owners: dict[str, set[str]] = defaultdict(set)
    for person in people:
        for alias in person["aliases"]:
            owners[fold(alias)].add(person["id"])
    clashes = {a: ids for a, ids in owners.items() if len(ids) > 1 and a not in ambiguous}
    assert not clashes


def test_declared_ambiguous_aliases_are_used():
    people, ambiguous = load()
    used = {fold(a) for p in people for a in p["aliases"]}
    assert ambiguous <= used, ambiguous - used


def test_no_bare_common_name_is_an_alias():
    people, _ = load()
    for person in people:
        assert not {fold(a) for a in person["aliases"]} & TOO_SHORT, person["id"]


def test_one_office_at_a_time_is_not_held_twice():
    """The same office (role, title, country) held twice by one person must not overlap."""
    people, _ = load()
    for person in people:
        spans = defaultdict(list)
        for role in person["roles"]:
            spans[(role["role"], role["title"], role.get("country"))].append(
                (as_iso(role["start"]), as_iso(role["end"]) or "9999"))
        for key, periods in spans.items():
            periods.sort()
            for (_, end), (start, _) in pairwise(periods):
                assert end <= start, (person["id"], key)


@pytest.mark.parametrize(("alias", "expected"), [
    ("Zelenskyy", "volodymyr-zelenskyy"), ("Volodimir Zelenski", "volodymyr-zelenskyy"),
    ("Sergei Lavrov", "sergey-lavrov"), ("MBS", "mohammed-bin-salman"), ("Erdoğan", "recep-tayyip-erdogan"),
    ("Bibi", "benjamin-netanyahu"), ("Kim Jong-un", "kim-jong-un"), ("Jokowi", "joko-widodo"),
    ("Prabowo", "prabowo-subianto"), ("Anwar", "anwar-ibrahim"), ("Paus Fransiskus", "pope-francis"),
])
def test_indonesian_news_spellings_find_the_person(alias: str, expected: str):
    people, _ = load()
    owners = {p["id"] for p in people if fold(alias) in {fold(a) for a in p["aliases"]}}
    assert owners == {expected}


@pytest.mark.parametrize(("person_id", "day", "role"), [
    ("prabowo-subianto", "2022-03-01", "defence_minister"), ("prabowo-subianto", "2025-01-01", "president"),
    ("sugiono", "2025-02-01", "foreign_minister"), ("retno-marsudi", "2019-06-01", "foreign_minister"),
    ("donald-trump", "2019-06-01", "president"), ("sergei-shoigu", "2020-01-01", "defence_minister"),
    ("andrey-belousov", "2024-07-01", "defence_minister"), ("mao-ning", "2024-04-01", "foreign_ministry_spokesperson"),
])
def test_offices_are_valid_on_the_right_day(person_id: str, day: str, role: str):
    people, _ = load()
    person = next(p for p in people if p["id"] == person_id)
    held = {r["role"] for r in person["roles"]
            if as_iso(r["start"]) <= day and (r["end"] is None or day < as_iso(r["end"]))}
    assert role in held


@pytest.mark.parametrize("day", ["2015-06-01", "2018-06-01", "2021-06-01", "2024-11-15", "2025-11-01"])
@pytest.mark.parametrize("role_key", ["foreign_minister", "defence_minister", "prime_minister", "president"])
def test_one_holder_of_an_office_on_a_day(day: str, role_key: str):
    """Successive office holders hand over without overlap (a check on the dates, e.g. of Indonesia's Kemlu)."""
    people, _ = load()
    holders = defaultdict(list)
    for person in people:
        for role in person["roles"]:
            ok = as_iso(role["start"]) <= day and (role["end"] is None or day < as_iso(role["end"]))
            interim = re.search(r"acting|caretaker", role["title"], re.IGNORECASE)
            if role["role"] == role_key and ok and not interim:
                holders[(role.get("country") or role.get("org"), role["title"])].append(person["id"])
    assert {office: ids for office, ids in holders.items() if len(ids) > 1} == {}


def test_the_knowledge_base_loads_these_people_without_conflicts():
    """Through sorot.kb.loader (the linker's reader): no person alias collides undeclared with a state or body."""
    loader = pytest.importorskip("sorot.kb.loader")
    kb = loader.build_knowledge_base()
    people, _ = load()
    assert sum(e.kind == "person" for e in kb.entries.values()) == len(people)
    assert [c for c in kb.conflicts if any(i.startswith("person:") for i in c[1])] == []
    prabowo = kb.entries["person:prabowo-subianto"]
    assert prabowo.role_on("2023-05-01").role == "defence_minister"
    assert prabowo.role_on("2025-05-01").role == "president"
