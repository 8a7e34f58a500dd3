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
         "Thailand": ("Thailand", "GPE", "THA"), "Kosovo": ("Kosovo", "GPE", "XKX"),
         "Swedia": ("Sweden", "GPE", "SWE"), "Spanyol": ("Spain", "GPE", "ESP"), "Mali": ("Mali", "GPE", "MLI"),
         "Arab Saudi": ("Saudi Arabia", "GPE", "SAU")}


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


@pytest.mark.parametrize("text, expected", [
    ("Pertemuan ASEAN yang dihadiri Presiden Prabowo berlangsung di Jakarta.", ("ASEAN", "CONSULT", "IDN")),
    ("Pertemuan NATO yang juga dihadiri oleh Menteri Luar Negeri Jepang berakhir Senin.", ("NATO", "CONSULT", "JPN")),
    ("Dalam pertemuan yang dihadiri oleh Presiden Myanmar itu, para pemimpin ASEAN mengecam kekerasan.",
     ("ASEAN", "CONSULT", "MMR")),
    ("Pada perundingan yang dihadiri Thailand dan Kamboja itu, Malaysia menyerukan gencatan senjata.",
     ("MYS", "CONSULT", "KHM")),
])
def test_the_attendees_of_a_meeting_meet_its_owner(text: str, expected: tuple[str, str, str]) -> None:
    source, kind, target = expected
    found = reported(text)
    assert (source, kind, target) in found or (target, kind, source) in found


def test_attendees_of_a_summit_are_not_paired_with_each_other() -> None:
    found = reported("Pertemuan ASEAN yang dihadiri Thailand dan Kamboja berlangsung di Jakarta.")
    assert not any({s, t} == {"THA", "KHM"} for s, _, t in found)


@pytest.mark.parametrize("text, expected", [
    ("Dalam pertemuan yang dihadiri oleh Presiden Myanmar itu, para pemimpin ASEAN mencapai lima poin konsensus.",
     ("ASEAN", "AGREE", "MMR")),
    ("Dalam pembicaraan yang dihadiri Jepang itu, Filipina sepakat memperkuat patroli.", ("PHL", "AGREE", "JPN")),
    ("Pada pertemuan yang juga dihadiri Menteri Luar Negeri China itu, Rusia menandatangani perjanjian.",
     ("RUS", "AGREE", "CHN")),
])
def test_what_is_agreed_at_an_attended_meeting_is_agreed_with_the_attendees(
        text: str, expected: tuple[str, str, str]) -> None:
    source, kind, target = expected
    found = reported(text)
    assert (source, kind, target) in found or (target, kind, source) in found


@pytest.mark.parametrize("text, expected", [
    ("Presiden Prabowo hadir dalam KTT ASEAN di Kuala Lumpur.", ("IDN", "CONSULT", "ASEAN")),
    ("Menteri Luar Negeri Jepang hadir di sidang NATO pekan ini.", ("JPN", "CONSULT", "NATO")),
    ("Wang Yi menghadiri forum ASEAN di Jakarta.", ("CHN", "CONSULT", "ASEAN")),
])
def test_attending_a_meeting_of_a_body_is_meeting_it(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


@pytest.mark.parametrize("text, expected", [
    ("Rusia dan Ukraina mencapai konsensus soal pertukaran tahanan.", ("RUS", "AGREE", "UKR")),
    ("Jepang mencapai tiga poin konsensus dengan Korea Selatan.", ("JPN", "AGREE", "KOR")),
    ("Uni Eropa dan Serbia akhirnya mencapai konsensus.", ("EU", "AGREE", "SRB")),
])
def test_reaching_a_consensus_is_an_agreement(text: str, expected: tuple[str, str, str]) -> None:
    source, kind, target = expected
    found = reported(text)
    assert (source, kind, target) in found or (target, kind, source) in found


@pytest.mark.parametrize("text, unexpected", [
    ("Korea Selatan mengancam akan mengirim bantuan militer ke Ukraina.", ("KOR", "THREATEN", "UKR")),
    ("Amerika Serikat mengancam akan mendukung Filipina.", ("USA", "THREATEN", "PHL")),
    ("Jepang mengancam akan bekerja sama dengan India.", ("JPN", "THREATEN", "IND")),
])
def test_a_threat_to_help_a_state_is_not_aimed_at_that_state(text: str, unexpected: tuple[str, str, str]) -> None:
    assert unexpected not in reported(text)


@pytest.mark.parametrize("text, expected", [
    ("Majelis Umum PBB sepakat memberikan hak dan kewenangan baru kepada Palestina.", ("UN", "SUPPORT", "PSE")),
    ("Uni Eropa memberikan status kandidat anggota kepada Ukraina.", ("EU", "SUPPORT", "UKR")),
    ("NATO memberikan keanggotaan penuh kepada Swedia pada Senin.", ("NATO", "SUPPORT", "SWE")),
])
def test_a_body_granting_a_state_rights_or_a_status_supports_it(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


@pytest.mark.parametrize("text, expected", [
    ("Amerika Serikat menegaskan akan memblokir keanggotaan Palestina di PBB.", ("USA", "THREATEN", "PSE")),
    ("Rusia bersumpah akan menyerang Ukraina barat.", ("RUS", "THREATEN", "UKR")),
    ("China memperingatkan bakal menjatuhkan sanksi terhadap Jepang.", ("CHN", "THREATEN", "JPN")),
])
def test_a_vowed_hostile_act_is_a_threat(text: str, expected: tuple[str, str, str]) -> None:
    source, _, target = expected
    found = keys(text)
    assert (*expected, "reported") in found
    assert not any(s == source and t == target and kind != "THREATEN" and status in ("reported", "planned")
                   for s, kind, t, status in found)


def test_an_announced_measure_stays_a_planned_measure() -> None:
    found = keys("Uni Eropa mengumumkan akan menjatuhkan sanksi baru terhadap Rusia.")
    assert ("EU", "SANCTION", "RUS", "planned") in found
    assert not any(kind == "THREATEN" for _, kind, _, _ in found)


@pytest.mark.parametrize("text, expected", [
    ("Jepang berdiri di belakang Filipina dalam sengketa itu.", ("JPN", "SUPPORT", "PHL")),
    ("Negara-negara NATO bersatu di belakang Ukraina.", ("NATO", "SUPPORT", "UKR")),
    ("Prancis berdiri bersama Ukraina.", ("FRA", "SUPPORT", "UKR")),
    ("India berpihak pada Rusia dalam pemungutan suara itu.", ("IND", "SUPPORT", "RUS")),
])
def test_idioms_of_solidarity_are_support(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


@pytest.mark.parametrize("text, expected", [
    ("Turki menarik pulang duta besarnya dari Israel.", ("TUR", "SANCTION", "ISR")),
    ("Jepang memanggil pulang diplomatnya di Rusia.", ("JPN", "SANCTION", "RUS")),
    ("Iran memanggil pulang dubesnya dari Prancis pada Senin.", ("IRN", "SANCTION", "FRA")),
])
def test_recalling_an_envoy_from_a_state_sanctions_it(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


@pytest.mark.parametrize("text, expected", [
    ("Garda Revolusi Iran memperingatkan akan melancarkan serangan yang lebih dahsyat jika Israel membalas.",
     ("IRN", "THREATEN", "ISR")),
    ("Korea Utara mengancam akan bertindak tegas bila Korea Selatan melanjutkan latihan itu.",
     ("PRK", "THREATEN", "KOR")),
    ("Rusia akan melancarkan serangan balasan apabila NATO mengirim pasukan.", ("RUS", "THREATEN", "NATO")),
])
def test_a_threat_without_target_is_aimed_at_the_party_of_its_condition(
        text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


def test_a_hostile_act_told_as_done_is_not_aimed_at_a_condition_party() -> None:
    assert not reported("Iran melancarkan serangan jika Israel membalas.")


@pytest.mark.parametrize("text, expected", [
    ("Spanyol secara resmi mengakui negara Palestina.", ("ESP", "SUPPORT", "PSE")),
    ("Jepang mengakui kemerdekaan Kosovo pada 2008.", ("JPN", "SUPPORT", "XKX")),
    ("Pengakuan negara Palestina oleh Prancis disampaikan di New York.", ("FRA", "SUPPORT", "PSE")),
])
def test_recognising_a_state_supports_it(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


@pytest.mark.parametrize("text, expected", [
    ("Mali resmi keluar dari ECOWAS pada Rabu.", ("MLI", "RETREAT", "ECOWAS")),
    ("Inggris keluar dari keanggotaan Uni Eropa.", ("GBR", "RETREAT", "EU")),
    ("Niger dan Mali resmi keluar dari ECOWAS setahun kemudian.", ("NER", "RETREAT", "ECOWAS")),
])
def test_leaving_a_bloc_is_a_retreat_from_it(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


def test_leaving_a_place_is_no_retreat() -> None:
    assert not reported("Presiden Prancis keluar dari rumah sakit di Paris.")


def test_a_launch_told_as_a_noun_is_no_attack() -> None:
    found = reported("Peluncuran rudal Korea Utara ke arah Jepang memicu kecaman.")
    assert not any(kind == "ASSAULT" for _, kind, _ in found)


@pytest.mark.parametrize("text, expected", [
    ("Amerika Serikat menegaskan dukungannya terhadap integritas wilayah Filipina.", ("USA", "SUPPORT", "PHL")),
    ("Prancis mendukung kedaulatan Ukraina.", ("FRA", "SUPPORT", "UKR")),
    ("Indonesia menyatakan dukungan bagi hak rakyat Palestina.", ("IDN", "SUPPORT", "PSE")),
    ("Jepang menjatuhkan sanksi terhadap panglima militer Rusia.", ("JPN", "SANCTION", "RUS")),
])
def test_a_states_integrity_rights_and_commanders_stand_for_it(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


@pytest.mark.parametrize("text, expected", [
    ("Indonesia bergabung dengan Aliansi Global Melawan Kelaparan yang digagas Prancis.", ("IDN", "COOPERATE", "FRA")),
    ("Jepang bergabung dengan koalisi maritim yang diprakarsai Amerika Serikat.", ("JPN", "COOPERATE", "USA")),
    ("Malaysia bergabung ke dalam inisiatif yang diluncurkan China.", ("MYS", "COOPERATE", "CHN")),
])
def test_joining_an_initiative_is_cooperating_with_its_author(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


@pytest.mark.parametrize("text, expected", [
    ("Mali mengecam sanksi berat yang dijatuhkan ECOWAS terhadap Niger.", ("ECOWAS", "SANCTION", "NER")),
    ("Bantuan yang diberikan oleh Jepang kepada Filipina tiba Senin.", ("JPN", "AID", "PHL")),
    ("Serangan udara yang dilancarkan Israel ke Lebanon menewaskan sepuluh orang.", ("ISR", "ASSAULT", "LBN")),
    ("Rusia mengecam serangan yang dilancarkan Ukraina ke Rusia barat.", ("RUS", "ACCUSE", "UKR")),
])
def test_the_agent_of_a_passive_relative_clause_is_the_source(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


def test_a_mediator_of_talks_is_no_party_of_them() -> None:
    found = reported("Perundingan damai yang dimediasi Arab Saudi dan Amerika Serikat belum membuahkan hasil.")
    assert not any({s, t} == {"SAU", "USA"} for s, _, t in found)


@pytest.mark.parametrize("text, expected", [
    ("ECOWAS memberi ultimatum tujuh hari kepada Niger untuk membebaskan presiden.", ("ECOWAS", "REQUEST", "NER")),
    ("Amerika Serikat mengancam Iran agar menghentikan pengayaan uranium.", ("USA", "REQUEST", "IRN")),
    ("Korea Utara mengancam Korea Selatan supaya tidak ikut campur.", ("PRK", "REQUEST", "KOR")),
])
def test_a_threat_with_a_purpose_demands_it(text: str, expected: tuple[str, str, str]) -> None:
    found = reported(text)
    assert expected in found
    assert (expected[0], "THREATEN", expected[2]) in found


@pytest.mark.parametrize("text", [
    "Rusia mengancam akan menyerang Ukraina untuk kedua kalinya.",
    "China memperingatkan Jepang untuk kedua kalinya.",
    "China memperingatkan Jepang agar tidak melewati garis merah.",
])
def test_a_threat_without_a_demanded_act_is_no_request(text: str) -> None:
    assert not any(kind == "REQUEST" for _, kind, _ in reported(text))
