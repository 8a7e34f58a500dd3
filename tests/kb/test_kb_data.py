"""The knowledge-base data: every entry complete, no alias silently naming two entries."""

import re

from sorot.kb.loader import build_knowledge_base

ISO3 = re.compile(r"^[A-Z]{3}$")


def test_every_entry_has_name_code_and_aliases(kb):
    for entry in kb.entries.values():
        assert entry.name and entry.aliases, entry.id
        if entry.kind in ("state", "seat", "city", "region"):
            assert entry.country and ISO3.match(entry.country), entry.id
        if entry.kind in ("state", "seat", "city", "region", "igo", "org"):
            assert entry.code, entry.id
        if entry.wikidata:
            assert re.fullmatch(r"Q\d+", entry.wikidata), entry.id


def test_states_cover_un_members_and_extra_actors(kb):
    states = {e.code for e in kb.entries.values() if e.kind == "state"}
    assert len(states) >= 195
    assert {"TWN", "PSE", "XKX", "VAT", "HKG", "MAC", "SUN", "RUS", "CHN", "USA", "IDN", "TLS"} <= states


def test_no_undeclared_ambiguous_alias():
    kb = build_knowledge_base(people=[])
    assert kb.find_conflicts() == []


def test_indonesian_names_come_from_the_libraries(kb):
    assert [e.code for e in kb.lookup("Jerman")] == ["DEU"]
    assert [e.code for e in kb.lookup("Selandia Baru")] == ["NZL"]
    assert [e.code for e in kb.lookup("Tiongkok")] == ["CHN"]


def test_ministry_pattern_builds_bodies_of_every_state(kb):
    (entry,) = kb.lookup("Kementerian Luar Negeri Hungaria")
    assert entry.type == "ORG" and entry.code == "HUN"
    (entry,) = kb.lookup("Kemlu Rusia")
    assert entry.code == "RUS"


def test_metonyms_are_places_of_their_state(kb):
    (kremlin,) = kb.lookup("Kremlin")
    assert (kremlin.type, kremlin.country) == ("GPE", "RUS")
    (pentagon,) = kb.lookup("Pentagon")
    assert (pentagon.type, pentagon.country) == ("ORG", "USA")
    (jerusalem,) = kb.lookup("Yerusalem")
    assert jerusalem.type == "LOC" and jerusalem.country is None


def test_holder_follows_the_date(kb):
    assert kb.holder("president", "USA", "2023-06-01").name == "Joe Biden"
    assert kb.holder("president", "USA", "2025-06-01").name == "Donald Trump"
    assert kb.holder("secretary_general", "UN", "2024-01-01").name == "António Guterres"
    assert kb.holder("foreign_minister", "CHN", "2023-03-01").name == "Qin Gang"
    assert kb.leader("DEU", "2023-01-01").name == "Olaf Scholz"
