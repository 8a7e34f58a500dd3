"""Constructions of real reporters the coder missed: launches, threats on a condition, attendance, resolutions.

Sentences written for these tests, several wordings per rule.
"""

from __future__ import annotations

import pytest
from tests.events.test_code_events import ALIASES, entities_for

from sorot.events import code_events
from sorot.schema import Article

# the test linker's table, with the bodies and places of these sentences
TABLE = {**ALIASES, "ECOWAS": ("ECOWAS", "ORG", "ECOWAS"), "Niger": ("Niger", "GPE", "NER"),
         "Myanmar": ("Myanmar", "GPE", "MMR"), "ASEAN": ("ASEAN", "ORG", "ASEAN"),
         "Palestina": ("Palestine", "GPE", "PSE"), "Kamboja": ("Cambodia", "GPE", "KHM"),
         "Thailand": ("Thailand", "GPE", "THA"), "Kosovo": ("Kosovo", "GPE", "XKX")}


def keys(text: str) -> set[tuple[str, str, str, str]]:
    article = Article(source="t", text=text, published="2023-10-18", entities=entities_for(text, TABLE))
    return {(e.source.code, e.type, e.target.code, e.status) for e in code_events(article).events}


def reported(text: str) -> set[tuple[str, str, str]]:
    return {(s, kind, t) for s, kind, t, status in keys(text) if status == "reported"}


@pytest.mark.parametrize("text, expected", [
    ("Iran meluncurkan rudal balistik ke Israel pada Selasa malam.", ("IRN", "ASSAULT", "ISR")),
    ("Rusia kembali meluncurkan serangan ke Ukraina timur.", ("RUS", "ASSAULT", "UKR")),
    ("Korea Utara luncurkan roket ke Korea Selatan, kata militer di Seoul.", ("PRK", "ASSAULT", "KOR")),
    ("Kapal perang Rusia meluncurkan drone ke pelabuhan Ukraina.", ("RUS", "ASSAULT", "UKR")),
])
def test_a_launch_at_a_state_is_an_attack(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


def test_a_launch_with_no_state_after_it_is_no_attack() -> None:
    found = reported("Korea Utara meluncurkan rudal balistik ke laut lepas pada Jumat dini hari.")
    assert not any(kind == "ASSAULT" for _, kind, _ in found)


@pytest.mark.parametrize("text, expected", [
    ("Iran akan menyerang Israel jika serangan udara itu berlanjut.", ("IRN", "THREATEN", "ISR")),
    ("Jika Israel membalas, Iran akan melancarkan serangan yang lebih besar ke Israel.", ("IRN", "THREATEN", "ISR")),
    ("Amerika Serikat akan menjatuhkan sanksi terhadap Rusia apabila pasukannya tidak ditarik.",
     ("USA", "THREATEN", "RUS")),
    ("Kalau kapal itu kembali masuk, Filipina bakal menangkap awak kapal China.", ("PHL", "THREATEN", "CHN")),
])
def test_a_hostile_act_promised_on_a_condition_is_a_threat(text: str, expected: tuple[str, str, str]) -> None:
    source, _, target = expected
    found = keys(text)
    assert (*expected, "reported") in found
    # the act itself has not happened: it is no reported or planned event
    assert not any(s == source and t == target and kind != "THREATEN" and status in ("reported", "planned")
                   for s, kind, t, status in found)


def test_the_act_of_the_condition_itself_is_no_threat() -> None:
    found = reported("Jika Israel menyerang Lebanon, Iran akan bertindak.")
    assert ("ISR", "THREATEN", "LBN") not in found


def test_a_hostile_act_told_as_done_is_no_threat() -> None:
    assert ("IRN", "THREATEN", "ISR") not in reported("Iran menyerang Israel setelah Israel menyerang Lebanon.")


@pytest.mark.parametrize("text, expected", [
    ("Trump mengatakan AS tidak akan membuat kesepakatan dagang dengan Jepang kecuali tarif itu dicabut.",
     ("USA", "THREATEN", "JPN")),
    ("Rusia tidak akan berunding dengan Ukraina kecuali jika pasukan asing pergi.", ("RUS", "THREATEN", "UKR")),
    ("Uni Eropa tidak akan menandatangani perjanjian dengan Serbia kecuali Beograd mengakui Kosovo.",
     ("EU", "THREATEN", "SRB")),
])
def test_a_cooperation_withheld_until_a_condition_is_a_threat(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


def test_a_refusal_without_a_condition_is_no_threat() -> None:
    assert ("RUS", "THREATEN", "UKR") not in reported("Rusia tidak akan berunding dengan Ukraina tahun ini.")


@pytest.mark.parametrize("text, expected", [
    ("ECOWAS mengancam akan melakukan intervensi militer di Niger jika presiden tidak dibebaskan.",
     ("ECOWAS", "THREATEN", "NER")),
    ("Korea Utara mengancam akan menyerang Korea Selatan bila latihan itu diteruskan.", ("PRK", "THREATEN", "KOR")),
    ("Iran mengancam akan melancarkan serangan ke Israel.", ("IRN", "THREATEN", "ISR")),
])
def test_a_threat_is_aimed_at_the_target_of_the_threatened_act(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


@pytest.mark.parametrize("text, expected", [
    ("Amerika Serikat tidak akan membuat kesepakatan dengan Iran.", ("USA", "AGREE", "IRN")),
    ("Rusia belum melancarkan serangan ke Ukraina barat.", ("RUS", "ASSAULT", "UKR")),
    ("Jepang tidak memberikan bantuan kepada Korea Utara.", ("JPN", "AID", "PRK")),
])
def test_a_negated_light_verb_negates_its_noun_trigger(text: str, expected: tuple[str, str, str]) -> None:
    assert (*expected, "negated") in keys(text)
