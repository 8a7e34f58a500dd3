"""Phenomena of Indonesian news found missing on the example corpus, on sentences written for these tests."""

from __future__ import annotations

from tests.events.test_code_events import coded, keys, reported


def test_bare_sepakat_is_a_predicate_of_a_coordinated_subject() -> None:
    text = "Presiden Rusia Vladimir Putin dan Presiden Cina Xi Jinping sepakat memperluas perdagangan."
    assert ("RUS", "AGREE", "CHN") in reported(text) or ("CHN", "AGREE", "RUS") in reported(text)


def test_object_behind_plural_head_noun_and_titles() -> None:
    assert ("IDN", "REQUEST", "EU") in reported("Indonesia mendesak negara-negara Uni Eropa mencabut aturan itu.")
    assert ("IDN", "CONSULT", "JPN") in reported(
        "Prabowo bertemu Wakil Perdana Menteri sekaligus Menteri Luar Negeri Jepang di Tokyo.")


def test_reciprocal_object_names_both_parties_and_menahan_diri_is_no_arrest() -> None:
    text = "Rusia menyerang Ukraina pada Senin. Sekretaris Jenderal PBB menyerukan kedua negara menahan diri."
    found = reported(text)
    assert {("UN", "REQUEST", "RUS"), ("UN", "REQUEST", "UKR")} <= found
    assert not any(t == "COERCE" for _, t, _ in found)


def test_reaction_to_an_event_targets_its_agent() -> None:
    assert ("FRA", "ACCUSE", "ISR") in reported("Prancis mengecam keras serangan udara Israel terhadap Lebanon.")
    text = "Filipina menuduh kapal penjaga pantai China menembakkan meriam air. Beijing menolak tudingan itu."
    found = reported(text)
    assert ("PHL", "ACCUSE", "CHN") in found
    assert ("CHN", "REJECT", "PHL") in found


def test_recalled_diplomats_from_an_enumeration() -> None:
    text = "Venezuela menarik staf diplomatiknya dari dua negara, yakni Turki dan Mesir, pada Senin."
    assert {("VEN", "SANCTION", "TUR"), ("VEN", "SANCTION", "EGY")} <= reported(text)


def test_bertolak_is_a_departure_not_a_rejection() -> None:
    assert not any(t == "REJECT" for _, t, _ in reported("Prabowo bertolak ke Jepang pada Selasa."))


def test_coordination_across_long_titles() -> None:
    text = ("Prabowo dan Wakil Perdana Menteri sekaligus Menteri Luar Negeri Jepang Fumio Kishida "
            "menandatangani perjanjian pertahanan.")
    found = reported(text)
    assert ("IDN", "AGREE", "JPN") in found or ("JPN", "AGREE", "IDN") in found


def test_comma_after_an_adverbial_does_not_coordinate_a_place_with_a_person() -> None:
    found = keys("Sebelum ke Jepang, Prabowo bertemu Xi Jinping di Beijing.")
    assert ("IDN", "CONSULT", "CHN", "reported") in found
    assert not any(s == "JPN" for s, _, _, _ in found)


def test_three_party_reference() -> None:
    text = "Indonesia, Malaysia, dan Filipina menggelar pertemuan di Jakarta. Ketiga negara mengecam Israel."
    assert {("IDN", "ACCUSE", "ISR"), ("MYS", "ACCUSE", "ISR"), ("PHL", "ACCUSE", "ISR")} <= reported(text)


def test_kedua_pemimpin_after_a_meeting_are_its_parties() -> None:
    text = ("Cina dan Rusia memperluas perdagangan. Cina juga memuji Rusia. "
            "Prabowo bertemu Perdana Menteri Jepang Fumio Kishida. Kedua pemimpin sepakat memperkuat kerja sama.")
    agree = {(e.source.code, e.target.code) for e in coded(text) if e.type == "AGREE" and e.trigger == "sepakat"}
    assert agree and agree <= {("IDN", "JPN"), ("JPN", "IDN")}


def test_undated_sentence_keeps_the_last_day_and_the_lead_the_publication_day() -> None:
    text = "Prancis memuji Indonesia.\n\nPrabowo bertemu Xi Jinping di Beijing pada Senin (1/4/2024). Xi memuji Indonesia."
    events = coded(text, published="2024-04-02")
    dates = {(e.source.code, e.type, e.target.code): e.date for e in events}
    assert dates[("FRA", "SUPPORT", "IDN")] == "2024-04-02"
    assert dates[("CHN", "SUPPORT", "IDN")] == "2024-04-01"


def test_a_coordinated_verb_keeps_its_own_prepositional_target() -> None:
    found = reported("Korea Selatan meningkatkan kesiagaan dan berbagi informasi dengan Jepang.")
    assert not any(t == "MOBILIZE" for _, t, _ in found)


def test_attending_a_summit_is_a_consultation_with_the_organisation() -> None:
    assert ("IDN", "CONSULT", "NATO") in reported("Prabowo menghadiri KTT NATO di Washington pada Rabu.")
