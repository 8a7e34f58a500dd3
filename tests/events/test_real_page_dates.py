"""Event dates real reporters write: day shifts from the last told day, citation days, dateline days.

Sentences written for these tests; the anchor of `coded` is Wednesday 18 October 2023.
"""

from __future__ import annotations

import pytest
from tests.events.test_code_events import coded, entities_for

from sorot.events import code_events
from sorot.schema import Article, RawDoc


def dates_of(text: str, published: str | None = "2023-10-18") -> dict[tuple[str, str, str], str | None]:
    return {(e.source.code, e.type, e.target.code): e.date for e in coded(text, published=published)
            if e.status == "reported"}


def _meeting_dates_with_malaysia(text: str) -> set[str | None]:
    return {date for (s, kind, t), date in dates_of(text).items() if kind == "CONSULT" and "MYS" in (s, t)}


@pytest.mark.parametrize("text, expected", [
    ("Prabowo tiba di Beijing, Senin (16/10). Selang sehari sebelumnya, Prabowo bertemu Anwar Ibrahim.",
     "2023-10-15"),
    ("Xi Jinping mengunjungi Rusia pada Senin (16/10). Sehari sebelumnya, Xi menelepon Anwar Ibrahim.",
     "2023-10-15"),
    ("Fumio Kishida tiba di Jakarta, Senin (16/10). Dua hari sebelumnya ia bertemu Anwar Ibrahim di Tokyo.",
     "2023-10-14"),
])
def test_a_day_before_counts_from_the_last_told_day(text: str, expected: str) -> None:
    assert _meeting_dates_with_malaysia(text) == {expected}


@pytest.mark.parametrize("text, expected", [
    ("Pada April lalu, Xi Jinping mengunjungi Rusia. Sebulan kemudian, Prabowo bertemu Anwar Ibrahim.", "2023-05"),
    ("Xi Jinping tiba di Moskow pada Senin (16/10). Setahun sebelumnya, Prabowo bertemu Anwar Ibrahim.", "2022-10"),
    ("Pada Desember 2022, Xi Jinping mengunjungi Rusia. Dua bulan kemudian, Prabowo menelepon Anwar Ibrahim.",
     "2023-02"),
])
def test_a_month_shift_counts_from_the_last_told_date(text: str, expected: str) -> None:
    assert _meeting_dates_with_malaysia(text) == {expected}


@pytest.mark.parametrize("text, expected", [
    ("Jepang menyerang Filipina, Senin (16/10). Keesokan harinya, Filipina mengecam Jepang.", "2023-10-17"),
    ("Jepang menyerang Filipina, Senin (16/10). Sehari kemudian Filipina mengecam Jepang di PBB.", "2023-10-17"),
    ("Jepang menyerang Filipina pada 14 Oktober 2023. Dua hari kemudian, Filipina mengecam Jepang.",
     "2023-10-16"),
])
def test_a_day_after_counts_from_the_last_told_day(text: str, expected: str) -> None:
    assert dates_of(text)[("PHL", "ACCUSE", "JPN")] == expected


def test_a_day_shift_before_a_written_date_is_left_to_that_date() -> None:
    text = "Jepang menyerang Filipina, Senin (16/10). Sehari sebelumnya, Jumat (13/10), Filipina mengecam Jepang."
    assert dates_of(text)[("PHL", "ACCUSE", "JPN")] == "2023-10-13"


@pytest.mark.parametrize("citation", [
    "kata Menlu Filipina seperti dikutip dari Reuters, Selasa (17/10).",
    "demikian dilansir dari kantor berita AFP, Selasa (17/10).",
    "ujar juru bicara itu, mengutip laporan AFP pada Selasa (17/10).",
])
def test_a_citation_day_dates_no_later_sentence(citation: str) -> None:
    text = ("Jepang menembakkan rudal ke Filipina pada Minggu (15/10).\n"
            f"\"Kami akan membela diri,\" {citation}\n"
            "Beberapa jam setelahnya, Filipina mengecam Jepang.")
    assert dates_of(text)[("PHL", "ACCUSE", "JPN")] == "2023-10-15"


def test_a_day_told_without_citation_still_dates_later_sentences() -> None:
    text = ("Jepang menembakkan rudal ke Filipina pada Minggu (15/10).\n"
            "Jepang kembali menembakkan rudal pada Selasa (17/10).\n"
            "Beberapa jam setelahnya, Filipina mengecam Jepang.")
    assert dates_of(text)[("PHL", "ACCUSE", "JPN")] == "2023-10-17"


def _with_dateline(dateline: str, body: str) -> Article:
    raw = RawDoc(source="t", content=f"{dateline}{body}\n", format="text")
    return Article(source="t", text=body, published=None, raw=raw, entities=entities_for(body))


@pytest.mark.parametrize("dateline, expected", [
    ("Manila, 6 Desember 2023 - ", "2023-12-06"),
    ("JAKARTA, Rabu (6/12/2023) – ", "2023-12-06"),
    ("Tokyo, 8 Desember 2023 — ", "2023-12-06"),
])
def test_the_dateline_day_anchors_an_article_without_a_publication_day(dateline: str, expected: str) -> None:
    body = "Ketegangan meningkat setelah kapal Jepang menabrak kapal Filipina pada hari Rabu di perairan itu."
    events = code_events(_with_dateline(dateline, body)).events
    assert {e.date for e in events if e.type == "ASSAULT"} == {expected}


def test_a_publication_day_is_preferred_to_the_dateline_day() -> None:
    body = "Ketegangan meningkat setelah kapal Jepang menabrak kapal Filipina pada hari Rabu di perairan itu."
    article = _with_dateline("Manila, 6 Desember 2023 - ", body)
    article.published = "2023-11-02"
    assert {e.date for e in code_events(article).events if e.type == "ASSAULT"} == {"2023-11-01"}


def test_the_next_day_moves_on_from_the_story_day_not_a_background_day() -> None:
    text = ("Jepang mengecam Filipina di Tokyo, Senin (16/10).\n"
            "Kecaman itu muncul setelah Filipina menangkap nelayan Jepang pada 2 Oktober lalu.\n"
            "Keesokan harinya, Filipina menolak kecaman Jepang.")
    assert dates_of(text)[("PHL", "REJECT", "JPN")] == "2023-10-17"


@pytest.mark.parametrize("text, expected", [
    ("Rusia melancarkan serangan terbesar sejak awal perang ke Ukraina pada Senin (16/10).", ("RUS", "ASSAULT", "UKR")),
    ("Israel menggelar serangan udara terbesar sejak tahun lalu ke Lebanon, Senin (16/10) malam.",
     ("ISR", "ASSAULT", "LBN")),
    ("Korea Utara menembakkan rudal terbanyak sejak 2022 ke arah Jepang pada Senin (16/10).", ("PRK", "ASSAULT", "JPN")),
])
def test_a_time_adjunct_with_sejak_does_not_hide_the_day_after_it(text: str, expected: tuple[str, str, str]) -> None:
    assert dates_of(text)[expected] == "2023-10-16"
