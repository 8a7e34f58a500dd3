"""Breadth of the lexicon and patterns on world news: every PLOVER type in sentences about every region,
under the constructions news writing uses (active, passive, nominalisation, coordination, reciprocals,
pronouns, reported speech), written for these tests with hand-built linked entities."""

from __future__ import annotations

import pytest
from tests.events.test_code_events import ALIASES, entities_for

from sorot.events import code_events
from sorot.events.text import find_triggers, tokenize
from sorot.schema import Article, Entity

# alias -> (canonical name, type, actor code): more of the world than the base table
WORLD = ALIASES | {
    "Sudan": ("Sudan", "GPE", "SDN"), "Myanmar": ("Myanmar", "GPE", "MMR"), "Thailand": ("Thailand", "GPE", "THA"),
    "Niger": ("Niger", "GPE", "NER"), "Mali": ("Mali", "GPE", "MLI"), "ECOWAS": ("ECOWAS", "ORG", "ECOWAS"),
    "Kolombia": ("Colombia", "GPE", "COL"), "Brasil": ("Brazil", "GPE", "BRA"), "Argentina": ("Argentina", "GPE", "ARG"),
    "Vietnam": ("Vietnam", "GPE", "VNM"), "ASEAN": ("ASEAN", "ORG", "ASEAN"), "Hamas": ("Hamas", "ORG", "PSE"),
    "BRICS": ("BRICS", "ORG", "BRICS"),
    "Palestina": ("Palestine", "GPE", "PSE"), "Jerman": ("Germany", "GPE", "DEU"), "Polandia": ("Poland", "GPE", "POL"),
    "Australia": ("Australia", "GPE", "AUS"), "Pakistan": ("Pakistan", "GPE", "PAK"), "Kuba": ("Cuba", "GPE", "CUB"),
    "Nikaragua": ("Nicaragua", "GPE", "NIC"), "Arab Saudi": ("Saudi Arabia", "GPE", "SAU"),
    "Afrika Selatan": ("South Africa", "GPE", "ZAF"), "Taiwan": ("Taiwan", "GPE", "TWN"),
    "Meksiko": ("Mexico", "GPE", "MEX"), "Kanada": ("Canada", "GPE", "CAN"), "Yordania": ("Jordan", "GPE", "JOR"),
    "Retno Marsudi": ("Retno Marsudi", "PER", "IDN"), "Retno": ("Retno Marsudi", "PER", "IDN"),
    "Volodymyr Zelensky": ("Volodymyr Zelensky", "PER", "UKR"), "Zelensky": ("Volodymyr Zelensky", "PER", "UKR"),
    "Benjamin Netanyahu": ("Benjamin Netanyahu", "PER", "ISR"), "Netanyahu": ("Benjamin Netanyahu", "PER", "ISR"),
    "Kim Jong Un": ("Kim Jong Un", "PER", "PRK"), "Lula": ("Lula da Silva", "PER", "BRA"),
}


def _entities(text: str) -> list[Entity]:
    return entities_for(text, WORLD)


def _events(text: str) -> list:
    article = Article(source="t", text=text, published="2024-06-12", entities=_entities(text))
    return code_events(article).events


def statuses(text: str) -> set[tuple[str, str, str, str]]:
    return {(e.source.code, e.type, e.target.code, e.status) for e in _events(text)}


def reported(text: str) -> set[tuple[str, str, str]]:
    return {(s, t, g) for s, t, g, status in statuses(text) if status == "reported"}


def trigger_types(text: str) -> list[str]:
    return [t.entry.type for t in find_triggers(tokenize(text))]


def _either(found: set[tuple[str, str, str]], a: str, kind: str, b: str) -> bool:
    return (a, kind, b) in found or (b, kind, a) in found


# ---- the lexicon reaches the affixed forms of every type ------------------------------------------------------

@pytest.mark.parametrize(("phrase", "expected"), [
    ("ribuan warga berdemonstrasi", "PROTEST"), ("aksi unjuk rasa", "PROTEST"), ("para buruh mogok", "PROTEST"),
    ("mogok makan", "PROTEST"), ("turun ke jalan", "PROTEST"),
    ("polisi menangkap", "COERCE"), ("penahanan aktivis", "COERCE"), ("penculikan warga", "COERCE"),
    ("penyanderaan warga", "COERCE"), ("menggerebek markas", "COERCE"), ("memenjarakan jurnalis", "COERCE"),
    ("pengepungan kota", "COERCE"), ("mendeportasi pekerja", "COERCE"), ("menyita kapal", "COERCE"),
    ("membombardir kota", "ASSAULT"), ("menembaki kapal", "ASSAULT"), ("serangan drone", "ASSAULT"),
    ("agresi militer", "ASSAULT"), ("menewaskan warga", "ASSAULT"), ("menginvasi negara", "ASSAULT"),
    ("memperingatkan negara", "THREATEN"), ("ultimatum", "THREATEN"), ("peringatan keras", "THREATEN"),
    ("mengerahkan kapal perang", "MOBILIZE"), ("menyiagakan pasukan", "MOBILIZE"), ("uji coba rudal", "MOBILIZE"),
    ("penarikan diri", "RETREAT"), ("penarikan pasukan", "RETREAT"), ("hengkang dari", "RETREAT"),
    ("melonggarkan pembatasan", "CONCEDE"), ("pencabutan embargo", "CONCEDE"), ("membebaskan tahanan", "CONCEDE"),
    ("mengakui kesalahan", "CONCEDE"), ("minta maaf", "CONCEDE"),
    ("menyalurkan bantuan kemanusiaan", "AID"), ("hibah", "AID"), ("mendanai proyek", "AID"),
    ("membekukan aset", "SANCTION"), ("mengusir duta besar", "SANCTION"), ("memboikot pertandingan", "SANCTION"),
    ("mengenakan tarif", "SANCTION"), ("persona non grata", "SANCTION"),
    ("desakan", "REQUEST"), ("mengimbau", "REQUEST"), ("menuntut", "REQUEST"),
    ("menampik", "REJECT"), ("memveto", "REJECT"), ("membantah", "REJECT"),
    ("kutukan", "ACCUSE"), ("menggugat", "ACCUSE"), ("menuding", "ACCUSE"), ("memanggil duta besar", "ACCUSE"),
    ("mengapresiasi", "SUPPORT"), ("menyambut baik", "SUPPORT"), ("menyatakan solidaritas", "SUPPORT"),
    ("latihan gabungan", "COOPERATE"), ("memulihkan hubungan", "COOPERATE"), ("bekerja sama", "COOPERATE"),
    ("meneken perjanjian", "AGREE"), ("mencapai kesepakatan", "AGREE"), ("perjanjian damai", "AGREE"),
    ("bertatap muka", "CONSULT"), ("menyambangi", "CONSULT"), ("menengahi", "CONSULT"),
])
def test_affixed_forms_reach_their_type(phrase: str, expected: str) -> None:
    assert expected in trigger_types(phrase)


@pytest.mark.parametrize("phrase", [
    "tahanan Palestina",       # detainees, not an arrest
    "senyum yang menawan",     # charming, not taking captive
    "mengingat situasi",       # "ingat" is no warning
    "peringatan hari kemerdekaan",
    "perebutan kekuasaan",
])
def test_near_misses_are_no_triggers(phrase: str) -> None:
    assert trigger_types(phrase) == []


# ---- each type in a world-news sentence ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Ribuan warga Kolombia berdemonstrasi menentang Amerika Serikat di Bogota.", ("COL", "PROTEST", "USA")),
    ("Polisi Israel menangkap tiga warga Palestina di Tepi Barat.", ("ISR", "COERCE", "PSE")),
    ("Junta Myanmar menahan dua jurnalis Jepang di Yangon.", ("MMR", "COERCE", "JPN")),
    ("Angkatan laut Cina menyita kapal nelayan Vietnam di Laut Cina Selatan.", ("CHN", "COERCE", "VNM")),
    ("Rusia membombardir Ukraina dengan ratusan rudal pada Senin.", ("RUS", "ASSAULT", "UKR")),
    ("Pakistan menembaki pos militer India di Kashmir.", ("PAK", "ASSAULT", "IND")),
    ("Korea Utara memperingatkan Korea Selatan agar tidak mendekati perbatasan.", ("PRK", "THREATEN", "KOR")),
    ("ECOWAS memberikan ultimatum kepada junta Niger untuk membebaskan Presiden Bazoum.", ("ECOWAS", "THREATEN", "NER")),
    ("Cina mengerahkan kapal perang ke sekitar Taiwan.", ("CHN", "MOBILIZE", "TWN")),
    ("Prancis menarik tentaranya dari Mali setelah kudeta.", ("FRA", "RETREAT", "MLI")),
    ("Amerika Serikat mencabut embargo terhadap Kuba.", ("USA", "CONCEDE", "CUB")),
    ("Hamas membebaskan sandera Thailand pada Jumat.", ("PSE", "CONCEDE", "THA")),
    ("Jepang menyalurkan bantuan kemanusiaan kepada Sudan melalui PBB.", ("JPN", "AID", "SDN")),
    ("Uni Eropa membekukan aset bank sentral Rusia.", ("EU", "SANCTION", "RUS")),
    ("Nikaragua mengusir duta besar Kolombia pada Selasa.", ("NIC", "SANCTION", "COL")),
    ("Amerika Serikat mengenakan tarif impor baru terhadap Kanada dan Meksiko.", ("USA", "SANCTION", "CAN")),
    ("Indonesia mengimbau Myanmar menghentikan kekerasan terhadap warga sipil.", ("IDN", "REQUEST", "MMR")),
    ("Ukraina menampik klaim Rusia soal penembakan di Zaporizhzhia.", ("UKR", "REJECT", "RUS")),
    ("Afrika Selatan menggugat Israel ke Mahkamah Internasional atas genosida.", ("ZAF", "ACCUSE", "ISR")),
    ("Mesir memanggil duta besar Israel untuk menyampaikan protes.", ("EGY", "ACCUSE", "ISR")),
    ("Indonesia menyatakan solidaritas dengan Palestina.", ("IDN", "SUPPORT", "PSE")),
    ("Indonesia dan Australia menggelar latihan gabungan di Darwin.", ("IDN", "COOPERATE", "AUS")),
    ("Vietnam dan Filipina meneken nota kesepahaman kerja sama penjaga pantai.", ("VNM", "AGREE", "PHL")),
    ("Retno bertatap muka dengan Menteri Luar Negeri Thailand di Bangkok.", ("IDN", "CONSULT", "THA")),
])
def test_each_type_in_world_news(text: str, expected: tuple[str, str, str]) -> None:
    found = reported(text)
    assert expected in found or (expected[1] in {"CONSULT", "AGREE", "COOPERATE"}
                                 and _either(found, *expected))


# ---- constructions -------------------------------------------------------------------------------------------

def test_passive_with_oleh_takes_the_agent_as_source() -> None:
    assert ("RUS", "ASSAULT", "UKR") in reported("Ukraina kembali diserang oleh Rusia pada Minggu dini hari.")
    assert ("USA", "REJECT", "PSE") in reported("Usulan Palestina ditolak oleh Amerika Serikat di Dewan Keamanan.")


def test_nominalisation_with_possessor_and_preposition() -> None:
    assert ("ISR", "ASSAULT", "LBN") in reported("Serangan udara Israel terhadap Lebanon menuai kecaman luas.")
    assert ("RUS", "ASSAULT", "UKR") in reported("Invasi Rusia ke Ukraina memasuki tahun ketiga.")


def test_coordinated_sources_and_targets() -> None:
    found = reported("Jerman dan Prancis mengecam Rusia dan Iran atas serangan drone itu.")
    assert {("DEU", "ACCUSE", "RUS"), ("FRA", "ACCUSE", "RUS"), ("DEU", "ACCUSE", "IRN")} <= found


def test_reciprocal_subject_after_a_meeting() -> None:
    text = ("Presiden Lula bertemu Presiden Argentina di Brasilia. "
            "Kedua negara sepakat memperluas perdagangan bilateral.")
    assert _either(reported(text), "BRA", "AGREE", "ARG")


def test_pronoun_subject_continues_the_person_in_focus() -> None:
    text = "Zelensky tiba di Berlin pada Senin. Ia mendesak Jerman mengirim lebih banyak sistem pertahanan udara."
    assert ("UKR", "REQUEST", "DEU") in reported(text)


def test_reported_speech_codes_the_embedded_clause() -> None:
    text = "Juru bicara PBB mengatakan bahwa Israel menyerang kamp pengungsi Palestina di Rafah."
    assert ("ISR", "ASSAULT", "PSE") in reported(text)


def test_threatened_act_is_not_reported_and_the_threat_reaches_its_target() -> None:
    text = "Amerika Serikat mengancam akan mengenakan tarif 100 persen terhadap negara-negara BRICS."
    found = statuses(text)
    assert ("USA", "THREATEN", "BRICS", "reported") in found or \
        ("USA", "THREATEN", "BRICS", "planned") in found
    assert not any(t == "SANCTION" and s in ("reported", "planned") for _, t, _, s in found)


def test_intervention_only_threatened_is_not_an_assault() -> None:
    text = "ECOWAS mengancam akan melakukan intervensi militer terhadap junta Niger."
    found = statuses(text)
    assert not any(t == "ASSAULT" and s in ("reported", "planned") for _, t, _, s in found)


def test_negation_of_new_triggers() -> None:
    found = statuses("Israel tidak pernah membebaskan tahanan Palestina yang dijanjikan.")
    assert ("ISR", "CONCEDE", "PSE", "negated") in found
    assert not any(s == "reported" and t == "CONCEDE" for _, t, _, s in found)


def test_detainees_are_not_an_arrest_by_their_state() -> None:
    found = reported("Mesir menengahi pertukaran tahanan Palestina dengan sandera Israel.")
    assert not any(t == "COERCE" for _, t, _ in found)


def test_requested_acts_are_hypothetical_but_what_must_stop_happens() -> None:
    text = ("Para pemimpin mendesak Dewan Keamanan PBB menjatuhkan embargo senjata terhadap Israel "
            "dan menangguhkan keanggotaan Israel di Majelis Umum.")
    found = statuses(text)
    assert not any(t == "SANCTION" and s in ("reported", "planned") for _, t, _, s in found)
    assert ("ISR", "ASSAULT", "LBN") in reported("Prancis mendesak Israel berhenti menyerang Lebanon.")


def test_the_object_of_a_request_is_the_subject_of_the_requested_act() -> None:
    found = statuses("Amerika Serikat meminta Ukraina menandatangani perjanjian damai dengan Rusia.")
    assert ("UKR", "AGREE", "RUS", "hypothetical") in found or ("RUS", "AGREE", "UKR", "hypothetical") in found
    assert not any(s == "USA" and t == "AGREE" for s, t, _, _ in found)


def test_reciprocal_takes_the_two_states_of_its_own_sentence() -> None:
    text = ("NATO mengecam Israel pekan lalu. Presiden Iran berkunjung ke Arab Saudi setelah kedua negara "
            "memulihkan hubungan diplomatik.")
    assert _either(reported(text), "IRN", "COOPERATE", "SAU")


def test_saling_makes_a_conflict_mutual_but_not_a_pledge() -> None:
    found = reported("Ukraina dan Rusia saling menuduh melanggar gencatan senjata.")
    assert {("UKR", "ACCUSE", "RUS"), ("RUS", "ACCUSE", "UKR")} <= found
    pledged = reported("Indonesia dan Malaysia berjanji untuk saling mendukung.")
    assert not any(t == "SUPPORT" for _, t, _ in pledged)


def test_nominalisation_with_possessor_and_oleh_agent() -> None:
    found = reported("Penangkapan jurnalis Jepang oleh junta Myanmar menuai kecaman.")
    assert ("MMR", "COERCE", "JPN") in found
    assert ("JPN", "COERCE", "MMR") not in found


def test_quantities_inside_the_object() -> None:
    assert ("PSE", "COERCE", "ISR") in reported("Hamas menyandera lebih dari 200 warga Israel.")
    assert ("PRK", "ASSAULT", "JPN") in reported("Korea Utara kembali menembakkan rudal balistik ke arah Jepang.")


def test_prepositional_phrase_of_a_relative_clause_is_no_target() -> None:
    found = reported("Turki menangkap puluhan tersangka yang diduga bekerja untuk Israel.")
    assert not any(t == "COERCE" and g == "ISR" for _, t, g in found)


def test_object_of_an_earlier_coordinated_verb_is_no_subject() -> None:
    text = "Banyak negara Barat mengecam langkah itu sehingga mendukung Ukraina dan menjatuhkan sanksi terhadap Rusia."
    assert not any(s == "UKR" and t == "SANCTION" for s, t, _ in reported(text))


def test_attribution_is_no_source() -> None:
    found = reported("Menurut Kementerian Pertahanan Inggris, Rusia menembakkan rudal ke Ukraina.")
    assert ("RUS", "ASSAULT", "UKR") in found
    assert not any(s == "GBR" for s, _, _ in found)


def test_receiving_turns_the_roles_round() -> None:
    found = reported("Palestina menerima bantuan kemanusiaan dari Indonesia.")
    assert ("IDN", "AID", "PSE") in found
    assert ("PSE", "AID", "IDN") not in found


def test_root_entries_are_nouns_when_nominalised() -> None:
    assert ("RUS", "MOBILIZE", "UKR") in reported("Pengerahan pasukan Rusia ke perbatasan Ukraina memicu kekhawatiran.")
    assert ("FRA", "RETREAT", "NER") in reported("Penarikan pasukan Prancis dari Niger rampung pada Desember.")


def test_a_prepositional_phrase_behind_another_verb_is_that_verbs() -> None:
    text = "Turki meminta negara-negara Islam menghentikan penjualan senjata ke Israel."
    assert not any(s == "TUR" and t == "REQUEST" for s, t, _ in reported(text))
    visit = reported("Kunjungan Prabowo merupakan langkah baru menuju hubungan yang lebih erat dengan Jepang.")
    assert _either(visit, "IDN", "CONSULT", "JPN")


def test_a_fronted_adverbial_clause_does_not_supply_the_reciprocal_pair() -> None:
    text = ("Presiden Xi bertemu Presiden Putin di Beijing. "
            "Sebelum invasi Rusia ke Ukraina, kedua negara mendeklarasikan kemitraan tanpa batas.")
    found = reported(text)
    assert _either(found, "RUS", "AGREE", "CHN")
    assert not _either(found, "RUS", "AGREE", "UKR")
