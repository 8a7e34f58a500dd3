"""Which time expression dates which event, and what an undated sentence borrows (anchor: Wed 18 Oct 2023)."""

from __future__ import annotations

from tests.events.test_code_events import coded


def dates_of(text: str) -> dict[tuple[str, str, str], str | None]:
    return {(e.source.code, e.type, e.target.code): e.date for e in coded(text) if e.status == "reported"}


def test_time_of_a_relative_clause_after_the_trigger_is_not_the_trigger_date() -> None:
    text = ("Prancis mengecam Rusia pada Senin (16/10).\n"
            "Indonesia mendesak PBB menegakkan putusan mahkamah yang pekan lalu memerintahkan gencatan senjata.")
    date = dates_of(text)[("IDN", "REQUEST", "UN")]
    assert date == "2023-10-16"


def test_relative_clause_right_after_a_noun_trigger_dates_the_trigger() -> None:
    text = "Indonesia mengecam serangan Israel terhadap Lebanon yang terjadi pada Senin (16/10)."
    assert dates_of(text)[("ISR", "ASSAULT", "LBN")] == "2023-10-16"


def test_scheduled_date_in_a_relative_clause_does_not_make_a_request_planned() -> None:
    text = "Indonesia meminta Uni Eropa menunda aturan baru yang dijadwalkan berlaku pada 30 Desember 2023."
    events = [e for e in coded(text) if e.type == "REQUEST"]
    assert events and events[0].status == "reported" and events[0].date != "2023-12-30"


def test_sejak_clause_dates_the_background_not_the_event() -> None:
    text = "Prancis mengecam Rusia sejak perang dimulai pada Februari 2022."
    assert dates_of(text)[("FRA", "ACCUSE", "RUS")] != "2022-02"


def test_hal_itu_disampaikan_dates_the_previous_sentence() -> None:
    text = ("Indonesia menyerukan PBB bertindak tegas. Hal itu disampaikan Menlu di New York, Senin (16/10).\n"
            "Jepang mendukung Filipina.")
    dates = dates_of(text)
    assert dates[("IDN", "REQUEST", "UN")] == "2023-10-16"


def test_later_noun_reference_gives_its_day_to_a_lead_attack() -> None:
    text = ("Indonesia mengecam serangan Israel terhadap Lebanon.\n"
            "Serangan yang terjadi pada Minggu (15/10) itu menewaskan puluhan warga.")
    assert dates_of(text)[("ISR", "ASSAULT", "LBN")] == "2023-10-15"


def test_dalam_pertemuan_itu_takes_the_meeting_date_across_paragraphs() -> None:
    text = ("Prabowo bertemu Anwar Ibrahim di Kuala Lumpur, Senin (16/10).\n"
            "\"Kami bersahabat,\" kata Prabowo, Selasa (17/10).\n"
            "Dalam pertemuan itu, kedua pemimpin juga mengecam Israel.")
    dates = dates_of(text)
    assert dates[("IDN", "ACCUSE", "ISR")] == "2023-10-16"
    assert dates[("MYS", "ACCUSE", "ISR")] == "2023-10-16"


def test_same_pair_later_in_the_article_keeps_the_pair_date_over_a_background_day() -> None:
    text = ("Prabowo bertemu Xi Jinping di Beijing, Senin (16/10). Ia dilantik pada 20 September lalu.\n"
            "Kedua negara juga menandatangani pernyataan bersama.")
    date = next(e.date for e in coded(text) if e.type == "AGREE")
    assert date == "2023-10-16"


def test_background_pair_date_does_not_beat_the_narrated_day() -> None:
    text = ("Amerika Serikat dan China sepakat memulihkan dialog pada Senin (16/10).\n"
            "Hubungan memburuk sejak Agustus 2022, ketika China mengecam Amerika Serikat.\n"
            "Xi meminta Amerika Serikat berhenti mempersenjatai Taiwan.")
    assert dates_of(text)[("CHN", "REQUEST", "USA")] == "2023-10-16"


def test_juga_adds_an_act_on_the_sources_occasion() -> None:
    text = ("Indonesia mengecam Israel, Selasa (17/10).\n"
            "Serangan itu terjadi pada Minggu (15/10) malam.\n"
            "Indonesia juga mendesak PBB bertindak.")
    assert dates_of(text)[("IDN", "REQUEST", "UN")] == "2023-10-17"


def test_day_set_off_by_a_comma_dates_the_sentence_through_a_relative_clause() -> None:
    text = ("Prabowo menyatakan Indonesia mendukung penuh Aliansi Global yang diluncurkan Prancis di Paris, "
            "Senin (16/10) waktu setempat.")
    assert dates_of(text)[("IDN", "SUPPORT", "FRA")] == "2023-10-16"
