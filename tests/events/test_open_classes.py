"""The last open construction classes: reactions to one-party acts, a light-verb stance with a possessor,
time adjuncts before a target, coordinated subjects with a relative clause and dated background sentences.
Sentences written for these tests."""

from __future__ import annotations

from tests.events.test_code_events import entities_for
from tests.events.test_constructions import TABLE

from sorot.events import code_events
from sorot.schema import Article

WORLD = TABLE | {"Suriah": ("Syria", "GPE", "SYR"), "Petro": ("Gustavo Petro", "PER", "COL")}


def events(text: str) -> set[tuple[str, str, str, str | None]]:
    article = Article(source="t", text=text, published="2024-06-12", entities=entities_for(text, WORLD))
    return {(e.source.code, e.type, e.target.code, e.date) for e in code_events(article).events
            if e.status == "reported"}


def pairs(text: str) -> set[tuple[str, str, str]]:
    return {(s, t, g) for s, t, g, _ in events(text)}


def test_a_reaction_to_an_act_told_before_targets_its_agent() -> None:
    assert ("JPN", "ACCUSE", "PRK") in pairs("Korea Utara meluncurkan rudal balistik. Jepang mengecam peluncuran itu.")
    assert ("KOR", "ACCUSE", "PRK") in pairs(
        "Korea Utara melakukan uji coba rudal. Korea Selatan menyebut uji coba tersebut sebagai provokasi.")


def test_the_reacting_party_is_not_the_agent_of_its_own_mention() -> None:
    assert not pairs("Jepang mengecam peluncuran itu.")
    assert not pairs("Iran mengutuk eksekusi tersebut.")


def test_a_reaction_to_an_act_targets_the_possessor_or_the_state_where_it_happens() -> None:
    assert ("ECOWAS", "ACCUSE", "NER") in pairs("ECOWAS mengutuk kudeta militer di Niger.")
    assert ("EU", "ACCUSE", "RUS") in pairs("Uni Eropa mengecam aneksasi Rusia atas Krimea.")
    # building happens in a place it does not do: no target from "di"
    assert not pairs("Yordania memprotes pembangunan permukiman di Tepi Barat.")


def test_a_stance_noun_with_a_possessor_takes_it_as_source() -> None:
    assert ("IDN", "SUPPORT", "PSE") in pairs("Retno menyatakan dukungan Indonesia terhadap Palestina.")
    assert ("MYS", "SUPPORT", "PSE") in pairs("Anwar menyatakan dukungan Malaysia kepada Palestina.")
    # a subject of another state keeps its own role: no event from the possessor
    assert ("IDN", "SUPPORT", "PSE") not in pairs("AS menyatakan dukungan Indonesia terhadap Palestina.")


def test_a_time_adjunct_does_not_end_the_target_search() -> None:
    assert ("RUS", "ASSAULT", "UKR") in pairs(
        "Rusia melancarkan salah satu serangan udara terbesar sejak awal perang ke sejumlah wilayah Ukraina.")
    assert ("ISR", "ASSAULT", "SYR") in pairs("Israel melancarkan serangan sejak 2023 ke wilayah Suriah.")


def test_a_coordinated_subject_with_a_relative_clause_gives_both_sources() -> None:
    found = pairs("Brasil dan Kolombia, yang dipimpin Lula dan Petro, meminta Venezuela merilis data pemilu.")
    assert {("BRA", "REQUEST", "VEN"), ("COL", "REQUEST", "VEN")} <= found


def test_a_background_sentence_keeps_its_own_date() -> None:
    text = "Pada Senin (10/6), Cina mengecam Filipina. Rusia menolak resolusi AS pada Maret lalu."
    assert ("RUS", "REJECT", "USA", "2024-03") in events(text)
    text = "Pada Senin (10/6), Rusia menyerang Ukraina. Pada September 2023, Rusia dan Iran menandatangani perjanjian."
    assert ("RUS", "AGREE", "IRN", "2023-09") in events(text)
