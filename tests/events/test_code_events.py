"""Event coding on Indonesian sentences written for these tests, with hand-built linked entities."""

from __future__ import annotations

import re

import pytest

from sorot.events import code_events
from sorot.events.resources import cameo_for, lexicon
from sorot.events.text import find_triggers, tokenize
from sorot.schema import Article, Entity, Mention

# alias -> (canonical name, type, actor code): a stand-in for the KB linker
ALIASES = {
    "Rusia": ("Russia", "GPE", "RUS"), "Moskow": ("Russia", "GPE", "RUS"), "Kremlin": ("Russia", "GPE", "RUS"),
    "Cina": ("China", "GPE", "CHN"), "China": ("China", "GPE", "CHN"), "Beijing": ("China", "GPE", "CHN"),
    "Amerika Serikat": ("United States", "GPE", "USA"), "AS": ("United States", "GPE", "USA"),
    "Ukraina": ("Ukraine", "GPE", "UKR"), "Indonesia": ("Indonesia", "GPE", "IDN"),
    "Malaysia": ("Malaysia", "GPE", "MYS"), "Jepang": ("Japan", "GPE", "JPN"), "Filipina": ("Philippines", "GPE", "PHL"),
    "Prancis": ("France", "GPE", "FRA"), "India": ("India", "GPE", "IND"), "Israel": ("Israel", "GPE", "ISR"),
    "Lebanon": ("Lebanon", "GPE", "LBN"), "Iran": ("Iran", "GPE", "IRN"), "Inggris": ("United Kingdom", "GPE", "GBR"),
    "Korea Utara": ("North Korea", "GPE", "PRK"), "Korea Selatan": ("South Korea", "GPE", "KOR"),
    "Serbia": ("Serbia", "GPE", "SRB"), "Venezuela": ("Venezuela", "GPE", "VEN"), "Turki": ("Turkey", "GPE", "TUR"),
    "Mesir": ("Egypt", "GPE", "EGY"), "Nauru": ("Nauru", "GPE", "NRU"), "Qatar": ("Qatar", "GPE", "QAT"),
    "NATO": ("NATO", "ORG", "NATO"), "PBB": ("United Nations", "ORG", "UN"), "Uni Eropa": ("European Union", "ORG", "EU"),
    "Reuters": ("Reuters", "ORG", "GBR"), "Institut Teknologi Harbin": ("Harbin Institute of Technology", "ORG", "CHN"),
    "Vladimir Putin": ("Vladimir Putin", "PER", "RUS"), "Putin": ("Vladimir Putin", "PER", "RUS"),
    "Xi Jinping": ("Xi Jinping", "PER", "CHN"), "Xi": ("Xi Jinping", "PER", "CHN"),
    "Prabowo": ("Prabowo Subianto", "PER", "IDN"), "Fumio Kishida": ("Fumio Kishida", "PER", "JPN"),
    "Anwar Ibrahim": ("Anwar Ibrahim", "PER", "MYS"), "Antony Blinken": ("Antony Blinken", "PER", "USA"),
    "Blinken": ("Antony Blinken", "PER", "USA"), "Wang Yi": ("Wang Yi", "PER", "CHN"),
    "Sergei Lavrov": ("Sergey Lavrov", "PER", "RUS"), "Lavrov": ("Sergey Lavrov", "PER", "RUS"),
}


def entities_for(text: str, table: dict[str, tuple[str, str, str]] | None = None) -> list[Entity]:
    """Hand-made linked entities: every alias of `table` found in `text`, longest first, no overlaps."""
    table = ALIASES if table is None else table
    found: dict[str, Entity] = {}
    taken: list[tuple[int, int]] = []
    for alias in sorted(table, key=len, reverse=True):
        name, etype, code = table[alias]
        for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            entity = found.setdefault(name, Entity(name=name, type=etype, code=code, country=code))
            entity.mentions.append(Mention(m.start(), m.end(), m.group(0)))
    return list(found.values())


def coded(text: str, published: str | None = "2023-10-18", story_date: str | None = None) -> list:
    article = Article(source="t", text=text, published=published, story_date=story_date,
                      entities=entities_for(text))
    return code_events(article).events


def keys(text: str, **kw) -> set[tuple[str, str, str, str]]:
    return {(e.source.code, e.type, e.target.code, e.status) for e in coded(text, **kw)}


def reported(text: str, **kw) -> set[tuple[str, str, str]]:
    return {(s, t, g) for s, t, g, status in keys(text, **kw) if status == "reported"}


# ---- each PLOVER type --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Indonesia dan Malaysia menandatangani nota kesepahaman di bidang energi.", ("IDN", "AGREE", "MYS")),
    ("Prabowo bertemu dengan Perdana Menteri Jepang Fumio Kishida di Tokyo.", ("IDN", "CONSULT", "JPN")),
    ("Prancis memuji Indonesia atas keberhasilan pemilu yang damai.", ("FRA", "SUPPORT", "IDN")),
    ("Amerika Serikat melonggarkan sanksi terhadap Venezuela setelah pemilu.", ("USA", "CONCEDE", "VEN")),
    ("Angkatan laut India dan Prancis melakukan patroli bersama di Samudra Hindia.", ("IND", "COOPERATE", "FRA")),
    ("Jepang mengirimkan bantuan kemanusiaan kepada Filipina setelah topan.", ("JPN", "AID", "PHL")),
    ("Israel menarik pasukannya dari Lebanon selatan.", ("ISR", "RETREAT", "LBN")),
    ("PBB mendesak Israel membuka akses ke Gaza.", ("UN", "REQUEST", "ISR")),
    ("Turki mengecam Israel atas blokade terhadap Gaza.", ("TUR", "ACCUSE", "ISR")),
    ("Korea Utara menolak usulan Korea Selatan untuk berdialog.", ("PRK", "REJECT", "KOR")),
    ("Korea Utara mengancam Jepang dengan uji coba nuklir.", ("PRK", "THREATEN", "JPN")),
    ("Ribuan warga Serbia berunjuk rasa terhadap NATO di Beograd.", ("SRB", "PROTEST", "NATO")),
    ("Uni Eropa menjatuhkan sanksi terhadap Iran pekan ini.", ("EU", "SANCTION", "IRN")),
    ("China mengerahkan pasukan ke perbatasan India.", ("CHN", "MOBILIZE", "IND")),
    ("Iran menyita kapal tanker Inggris di Selat Hormuz.", ("IRN", "COERCE", "GBR")),
    ("Rusia melancarkan serangan rudal ke Ukraina.", ("RUS", "ASSAULT", "UKR")),
])
def test_each_plover_type(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in reported(text)


def test_affixed_forms_reach_one_type() -> None:
    for word in ("dikecam", "mengecam", "kecaman"):
        triggers = find_triggers(tokenize(f"Langkah itu {word} keras."))
        assert [t.entry.type for t in triggers] == ["ACCUSE"], word


def test_find_is_not_meet() -> None:
    assert not reported("PBB menemukan bukti pelanggaran oleh Israel di Gaza.")


def test_every_type_has_a_cameo_row() -> None:
    for entry in lexicon():
        row = cameo_for(entry.type, entry.mode)
        assert row.quad_class in (1, 2, 3, 4)
    assert cameo_for("ASSAULT", None).goldstein < 0 < cameo_for("AID", None).goldstein


# ---- actors from structure -----------------------------------------------------------------------------------

def test_passive_agent_is_the_source() -> None:
    assert ("UKR", "REJECT", "CHN") in reported("Usulan damai China ditolak oleh Ukraina pada Selasa.")


def test_possessive_noun_gives_source_and_target() -> None:
    assert ("RUS", "CONSULT", "CHN") in reported("Kunjungan Putin ke Beijing menandai babak baru.")
    assert ("CHN", "ACCUSE", "NATO") in reported("Kecaman China terhadap NATO makin keras.")


def test_coordinated_subject_of_symmetric_event_is_one_pair() -> None:
    events = coded("Rusia dan China menandatangani perjanjian energi.")
    assert {(e.source.code, e.type, e.target.code) for e in events} == {("RUS", "AGREE", "CHN")}


def test_coordinated_subject_of_directed_event_gives_two() -> None:
    assert reported("AS dan NATO mengecam Rusia atas serangan itu.") >= {
        ("USA", "ACCUSE", "RUS"), ("NATO", "ACCUSE", "RUS")}


def test_reciprocal_two_states_in_focus() -> None:
    text = ("Presiden Prabowo tiba di Malaysia pada Senin. Anwar Ibrahim menyambut Prabowo di Kuala Lumpur. "
            "Kedua negara menandatangani perjanjian perdagangan.")
    agree = {(e.source.code, e.target.code) for e in coded(text) if e.type == "AGREE"}
    assert agree == {("IDN", "MYS")} or agree == {("MYS", "IDN")}


def test_pronoun_subject_resolves_to_last_person() -> None:
    text = "Menteri Luar Negeri AS Antony Blinken tiba di Beijing. Ia mengecam Rusia atas perang itu."
    assert ("USA", "ACCUSE", "RUS") in reported(text)


def test_person_carries_state_code() -> None:
    event = next(e for e in coded("Vladimir Putin memuji Xi Jinping.") if e.type == "SUPPORT")
    assert (event.source.code, event.target.code) == ("RUS", "CHN")
    assert event.source.name == "Vladimir Putin"


def test_no_event_with_one_actor() -> None:
    assert not coded("Rusia mengecam keras langkah tersebut.")
    assert not coded("Pemerintah China menolak tuduhan itu.")


def test_reported_speech_codes_the_inner_event() -> None:
    got = reported("Turki mengatakan bahwa Israel menyerang Lebanon.")
    assert ("ISR", "ASSAULT", "LBN") in got
    assert not any(src == "TUR" for src, _, _ in got)


def test_news_agency_is_not_an_actor() -> None:
    assert not any("GBR" in (s, g) for s, _, g in reported("Reuters melaporkan Rusia menyerang Ukraina."))


# ---- status -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "China tidak mengutuk Rusia atas perang itu.",
    "China tak mengutuk Rusia atas perang itu.",
    "China belum mengutuk Rusia atas perang itu.",
    "China tidak pernah mengutuk Rusia atas perang itu.",
    "China tidak akan mengutuk Rusia atas perang itu.",
    "China belum pernah mengutuk Rusia atas perang itu.",
    "China menolak mengutuk Rusia atas perang itu.",
    "China menolak untuk mengutuk Rusia atas perang itu.",
    "China enggan mengutuk Rusia atas perang itu.",
    "China membantah menyerang Rusia di perbatasan.",
    "China gagal bertemu dengan Rusia pekan ini.",
    "China menghadiri KTT itu tanpa bertemu dengan Rusia.",
])
def test_negated(text: str) -> None:
    statuses = {e.status for e in coded(text) if {e.source.code, e.target.code} == {"CHN", "RUS"}}
    assert statuses == {"negated"}


def test_refusal_to_condemn_is_never_an_accusation() -> None:
    assert not any(t == "ACCUSE" for _, t, _ in reported("Cina menolak mengutuk Rusia."))


def test_not_only_is_not_a_negation() -> None:
    assert ("CHN", "ACCUSE", "USA") in reported("China tidak hanya mengecam AS atas sanksi itu.")


@pytest.mark.parametrize("text", [
    "Putin akan bertemu dengan Xi di Beijing.",
    "Putin berencana bertemu dengan Xi di Beijing.",
    "Putin dijadwalkan bertemu dengan Xi di Beijing.",
    "Putin bakal bertemu dengan Xi di Beijing.",
    "Putin hendak bertemu dengan Xi di Beijing.",
    "Rencananya, Putin bertemu dengan Xi di Beijing.",
    "Putin diperkirakan akan bertemu dengan Xi di Beijing.",
    "Pertemuan Putin dengan Xi direncanakan di Beijing.",
    "Pertemuan Putin dengan Xi bulan depan digelar di Beijing.",
    "Pertemuan Putin dengan Xi mendatang digelar di Beijing.",
])
def test_planned(text: str) -> None:
    assert {e.status for e in coded(text) if e.type == "CONSULT"} == {"planned"}


def test_invitation_is_planned_visit() -> None:
    events = coded("Xi mengundang Putin untuk berkunjung ke Beijing.")
    assert any(e.type == "REQUEST" for e in events)
    assert all(e.status == "planned" for e in events if e.type == "CONSULT")


@pytest.mark.parametrize("text", [
    "Jika Rusia menyerang Ukraina, NATO akan bertindak.",
    "Apabila Rusia menyerang Ukraina, NATO akan bertindak.",
    "Kalau Rusia menyerang Ukraina, NATO akan bertindak.",
    "Seandainya Rusia menyerang Ukraina, NATO akan bertindak.",
    "Rusia mungkin menyerang Ukraina dalam waktu dekat.",
    "Rusia kemungkinan menyerang Ukraina dalam waktu dekat.",
    "Rusia bisa saja menyerang Ukraina dalam waktu dekat.",
])
def test_hypothetical(text: str) -> None:
    assert {e.status for e in coded(text) if e.type == "ASSAULT"} == {"hypothetical"}


# ---- dates (anchor: Wednesday 18 October 2023) ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "date"), [
    ("Lavrov tiba di Beijing pada Senin (16/10).", "2023-10-16"),
    ("Lavrov tiba di Beijing pada Senin.", "2023-10-16"),
    ("Lavrov tiba di Beijing kemarin.", "2023-10-17"),
    ("Lavrov tiba di Beijing hari ini.", "2023-10-18"),
    ("Lavrov tiba di Beijing pekan lalu.", "2023-10"),
    ("Lavrov tiba di Beijing (2/10/2023).", "2023-10-02"),
    ("Lavrov tiba di Beijing pada Februari tahun lalu.", "2022-02"),
    ("Lavrov tiba di Beijing pada 2022.", "2022"),
    ("Lavrov tiba di Beijing awal bulan ini.", "2023-10"),
])
def test_event_dates(text: str, date: str) -> None:
    event = next(e for e in coded(text) if e.type == "CONSULT")
    assert event.date and event.date.startswith(date)


def test_future_month_date_on_planned_event() -> None:
    event = next(e for e in coded("Putin akan bertemu dengan Xi bulan depan.") if e.type == "CONSULT")
    assert (event.status, event.date) == ("planned", "2023-11")


def test_no_time_expression_no_date() -> None:
    """Without a time expression, an earlier day or a publication day to fall back on, no date is made up."""
    assert [e.date for e in coded("Prancis memuji Indonesia atas pemilu yang damai.", published=None)] == [None]


def test_story_date_anchors_a_republished_article() -> None:
    event = next(e for e in coded("Lavrov tiba di Beijing kemarin.", published="2024-03-01",
                                  story_date="2023-10-18") if e.type == "CONSULT")
    assert event.date == "2023-10-17"


def test_same_day_continues_the_last_date() -> None:
    text = "Putin tiba di Beijing pada Senin (16/10).\n\nPada hari yang sama, Putin memuji China."
    support = next(e for e in coded(text) if e.type == "SUPPORT")
    assert support.date == "2023-10-16"


def test_event_fields() -> None:
    text = "Rusia melancarkan serangan rudal ke Ukraina pada Senin."
    event = next(e for e in coded(text) if e.type == "ASSAULT")
    assert text[event.start:event.end] == event.sentence == text
    assert 0 < event.confidence <= 1
    assert event.quad_class == 4 and event.cameo and event.trigger


def test_passive_relative_clause_takes_its_head_behind_an_apposition():
    text = ("Putin akan mengunjungi Institut Teknologi Harbin, sebuah universitas yang diberi sanksi oleh "
            "pemerintah AS pada tahun 2020.")
    assert keys(text) == {("USA", "SANCTION", "CHN", "reported"), ("RUS", "CONSULT", "CHN", "planned")}


def test_relative_clause_with_a_plain_noun_head_has_no_actor():
    text = "Rusia menjauh dari negara-negara yang menjatuhkan sanksi terhadap Moskow dan mendukung Ukraina."
    assert not {k for k in keys(text) if k[1] == "SANCTION"}


def test_a_noun_object_shares_the_negation_of_its_verb():
    text = "Presiden Nauru memastikan negaranya tidak akan menandatangani pakta kepolisian dengan China."
    assert not {k for k in keys(text) if k[3] in ("reported", "planned")}
