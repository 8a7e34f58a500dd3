"""Constructions the coder used to miss on unseen pages: judgement frames, reactions to an earlier event,
nominal subjects standing for their actor, mutual acts, requests as wishes or submissions, warnings, passive
captures in relative clauses and scheduled joint activities. Sentences written for these tests."""

from __future__ import annotations

from tests.events.test_code_events import entities_for
from tests.events.test_world_news import WORLD

from sorot.events import code_events
from sorot.schema import Article, Entity

# places are LOC entities coded for the state that holds them, as the linker does
TABLE = WORLD | {
    "OKI": ("Organisation of Islamic Cooperation", "ORG", "OIC"),
    "Rafah": ("Rafah", "LOC", "PSE"), "Jenin": ("Jenin", "LOC", "PSE"), "Kursk": ("Kursk", "LOC", "RUS"),
    "Tepi Barat": ("West Bank", "LOC", "PSE"), "Ethiopia": ("Ethiopia", "GPE", "ETH"),
    "Eritrea": ("Eritrea", "GPE", "ERI"), "Armenia": ("Armenia", "GPE", "ARM"),
    "Azerbaijan": ("Azerbaijan", "GPE", "AZE"), "Peru": ("Peru", "GPE", "PER"), "Chili": ("Chile", "GPE", "CHL"),
    "Laos": ("Laos", "GPE", "LAO"), "Belarus": ("Belarus", "GPE", "BLR"), "Lituania": ("Lithuania", "GPE", "LTU"),
}


def _entities(text: str) -> list[Entity]:
    return entities_for(text, TABLE)


def statuses(text: str) -> set[tuple[str, str, str, str]]:
    article = Article(source="t", text=text, published="2024-06-12", entities=_entities(text))
    return {(e.source.code, e.type, e.target.code, e.status) for e in code_events(article).events}


def reported(text: str) -> set[tuple[str, str, str]]:
    return {(s, t, g) for s, t, g, status in statuses(text) if status == "reported"}


# ---- 1. judgement and attribution frames ----------------------------------------------------------------------

def test_naming_a_party_a_threat_is_an_accusation() -> None:
    assert ("ARM", "ACCUSE", "AZE") in reported("Armenia menyebut Azerbaijan sebagai agresor.")
    assert ("POL", "ACCUSE", "BLR") in reported("Polandia menilai Belarus sebagai ancaman bagi keamanan kawasan.")
    assert ("USA", "ACCUSE", "VEN") in reported('AS menganggap Venezuela sebagai "sponsor terorisme".')


def test_the_target_of_a_judged_step_is_its_actor() -> None:
    assert ("ERI", "ACCUSE", "ETH") in reported("Eritrea menilai langkah Ethiopia sebagai provokasi.")


def test_a_judgement_verb_without_a_charge_is_no_accusation() -> None:
    assert not reported("Peru menyebut Chili sebagai mitra dagang terpenting.")
    assert not reported("Laos menilai kerja sama dengan Vietnam sebagai prioritas.")
    assert not reported("Menteri Peru menyebut bahwa Chili telah menjadi ancaman.")


def test_pointing_at_a_party_behind_an_act() -> None:
    assert ("PAK", "ACCUSE", "IND") in reported("Pakistan menuding India berada di balik ledakan di Quetta.")


# ---- 2. reactions to a named earlier event or its actor ------------------------------------------------------

def test_condemning_an_attack_told_before_is_aimed_at_its_agent() -> None:
    found = reported("Israel melancarkan serangan ke Rafah. Yordania mengecam serangan tersebut.")
    assert ("ISR", "ASSAULT", "PSE") in found
    assert ("JOR", "ACCUSE", "ISR") in found


def test_anger_at_an_attack_is_an_accusation() -> None:
    found = reported("Israel menggempur Jenin. Presiden Prancis mengaku marah atas serangan tersebut.")
    assert ("FRA", "ACCUSE", "ISR") in found


def test_rejecting_a_charge_stated_in_a_content_clause() -> None:
    found = reported("Filipina menuduh China membahayakan kapalnya. China menolak tuduhan bahwa kapalnya bertindak "
                     "berbahaya.")
    assert ("CHN", "REJECT", "PHL") in found


def test_welcoming_a_decision_supports_its_author() -> None:
    assert ("TUR", "SUPPORT", "EU") in reported("Turki menyambut baik keputusan Uni Eropa.")


# ---- 3. nominal subjects that stand for their actor ----------------------------------------------------------

def test_a_resolution_asks_for_its_authoring_body() -> None:
    text = "Pertemuan OKI menghasilkan resolusi yang mendesak Israel menghentikan serangan."
    assert ("OIC", "REQUEST", "ISR") in reported(text)


def test_an_agent_inside_a_relative_clause_is_no_author() -> None:
    text = ("Pertemuan yang dipimpin Presiden Mesir itu menghasilkan resolusi yang menuntut PBB mengirim "
            "pasukan perdamaian.")
    assert not any(s == "EGY" and t == "REQUEST" for s, t, _ in reported(text))


def test_forces_and_vessels_stand_for_their_state() -> None:
    assert ("ISR", "ASSAULT", "PSE") in reported("Pasukan Israel menyerbu kamp pengungsi di Jenin.")
    assert ("CHN", "ASSAULT", "PHL") in reported("Kapal penjaga pantai China menabrak kapal Filipina.")


def test_a_plural_pronoun_never_includes_its_own_object() -> None:
    text = ("Beijing dan Moskow menggelar latihan militer bersama. Mereka menganggap Rusia sebagai ancaman.")
    assert not any(t == "ACCUSE" for _, t, _ in reported(text))


# ---- 4. mutual acts -----------------------------------------------------------------------------------------

def test_mutual_releases_and_exchanges_go_both_ways() -> None:
    for text in ("Armenia dan Azerbaijan saling membebaskan tahanan.",
                 "Rusia dan Ukraina bertukar tawanan perang."):
        found = reported(text)
        assert len({(s, g) for s, t, g in found if t == "CONCEDE"}) == 2, text


def test_mutual_expulsions_go_both_ways() -> None:
    found = reported("Belarus dan Lituania saling mengusir diplomat.")
    assert {("BLR", "SANCTION", "LTU"), ("LTU", "SANCTION", "BLR")} <= found


# ---- 5. requests as wishes or submissions --------------------------------------------------------------------

def test_a_wish_to_join_is_a_request_to_the_body() -> None:
    assert ("CHL", "REQUEST", "ASEAN") in reported("Chili menyampaikan keinginan untuk bergabung dengan ASEAN.")
    assert ("THA", "REQUEST", "BRICS") in reported("Thailand mengajukan permohonan keanggotaan BRICS.")


def test_asking_for_help_targets_the_one_asked() -> None:
    found = reported("Sudan meminta bantuan kepada Mesir untuk menampung pengungsi.")
    assert ("SDN", "REQUEST", "EGY") in found
    assert not any(t == "AID" for _, t, _ in found)


def test_handing_a_request_letter_to_a_government() -> None:
    assert ("CUB", "REQUEST", "RUS") in reported("Kuba menyerahkan surat permohonan kepada pemerintah Rusia.")


# ---- 6. warnings ---------------------------------------------------------------------------------------------

def test_a_warning_is_aimed_at_the_other_party_its_complement_names() -> None:
    text = "Kremlin memperingatkan bahwa Moskow akan menganggap pengiriman rudal sebagai keterlibatan langsung NATO."
    assert ("RUS", "THREATEN", "NATO") in reported(text)


def test_a_warning_about_a_place_is_no_threat_to_it() -> None:
    found = reported("PBB memperingatkan bahwa perang di Sudan telah memicu krisis pengungsian terbesar.")
    assert not any(t == "THREATEN" for _, t, _ in found)


def test_a_threat_to_retaliate_names_its_target() -> None:
    assert ("IRN", "THREATEN", "ISR") in reported("Iran mengancam akan membalas Israel.")


# ---- 7. captures and attacks in relative or adverbial clauses -----------------------------------------------

def test_a_capture_by_a_force_in_a_relative_clause() -> None:
    text = "Moskow memamerkan prajurit Rusia yang ditangkap pasukan Ukraina saat menyerbu wilayah Kursk."
    assert ("UKR", "COERCE", "RUS") in reported(text)


def test_an_attack_on_a_place_targets_its_state() -> None:
    assert ("ISR", "ASSAULT", "PSE") in reported("Serangan Israel ke Rafah menewaskan puluhan warga.")


# ---- 8. scheduled joint activities ---------------------------------------------------------------------------

def test_a_scheduled_joint_exercise_is_planned_cooperation() -> None:
    found = statuses("Ethiopia dan Eritrea dijadwalkan menggelar latihan gabungan di Laut Merah.")
    assert {("ETH", "COOPERATE", "ERI", "planned"), ("ERI", "COOPERATE", "ETH", "planned")} & found
    assert not any(status == "reported" for *_, status in found)
