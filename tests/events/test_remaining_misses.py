"""Constructions behind events the example corpus missed, on sentences written for these tests."""

from __future__ import annotations

from tests.events.test_code_events import reported


def test_condemning_the_attack_refers_to_the_lead_attack_not_the_background_one() -> None:
    text = ("Rusia menyerang Ukraina pada Senin.\n"
            "Serangan ini terjadi setelah Ukraina menyerang Rusia bulan lalu.\n"
            "Prancis mengecam serangan tersebut.")
    found = reported(text)
    assert ("FRA", "ACCUSE", "RUS") in found
    assert ("FRA", "ACCUSE", "UKR") not in found


def test_support_for_an_initiative_is_aimed_at_its_author() -> None:
    assert ("IDN", "SUPPORT", "FRA") in reported(
        "Indonesia mendukung penuh Aliansi Global Melawan Kelaparan yang diluncurkan Prancis.")


def test_rejecting_a_proposal_by_its_author_with_oleh() -> None:
    assert ("RUS", "REJECT", "UKR") in reported("Rusia menolak usulan damai yang diajukan oleh Ukraina.")


def test_an_initiative_launched_at_a_place_names_no_target() -> None:
    found = reported("Indonesia mendukung kerja sama yang diluncurkan di Jakarta.")
    assert not any(s == "IDN" and t == "SUPPORT" for s, t, _ in found)


def test_an_actor_object_is_kept_before_an_initiative_author() -> None:
    found = reported("Jepang mendukung Filipina dalam inisiatif yang digagas Amerika Serikat.")
    assert ("JPN", "SUPPORT", "PHL") in found
    assert ("JPN", "SUPPORT", "USA") not in found
