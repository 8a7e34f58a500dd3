"""Publication date strings as Indonesian news pages write them."""

import pytest

from sorot.text.dates import find_datetime, find_datetimes, is_update_marked, parse_datetime

CASES = [
    ("Rabu, 18 Oktober 2023 12:12 WIB", "2023-10-18T12:12:00+07:00"),
    ("Rabu 20 Sep 2023 14:35 WIB", "2023-09-20T14:35:00+07:00"),
    ("Okt 18, 2023 12:12 Asia/Jakarta", "2023-10-18T12:12:00+07:00"),
    ("18/10/2023, 12:12 WIB", "2023-10-18T12:12:00+07:00"),
    ("Kamis, 16 Mei 2024 - 10:01 WIB", "2024-05-16T10:01:00+07:00"),
    ("Jum'at, 19 Juni 2015 - 11:58 wib", "2015-06-19T11:58:00+07:00"),
    ("19 Jun 2015 | 13:06", "2015-06-19T13:06:00+07:00"),
    ("Jumat, 9 Oktober 2020 | 14:01 WIB", "2020-10-09T14:01:00+07:00"),
    ("24 Juli 2024", "2024-07-24"),
    ("16 Feb 2016 at 09:10 WIB", "2016-02-16T09:10:00+07:00"),
    ("2024-05-16 10:01", "2024-05-16T10:01:00+07:00"),
    ("2020-10-09T14:58:53+08:00", "2020-10-09T14:58:53+08:00"),
    ("Selasa (17/10/2023)", "2023-10-17"),
    ("Senin, 16 Oktober 2023 pukul 10.00 WITA", "2023-10-16T10:00:00+08:00"),
    ("Sabtu, 21 Oktober 2023 12.30 WIB", "2023-10-21T12:30:00+07:00"),
    ("Jayapura, 3 Agt 2023 08:15 WIT", "2023-08-03T08:15:00+09:00"),
    ("2015-06-19T03:40:00+07:00Z", "2015-06-19T03:40:00+07:00"),
    ("2020-10-09T06:59:48Z", "2020-10-09T06:59:48Z"),
    ("Fri, 19 Jun 2015 02:40:30 GMT", "2015-06-19T02:40:30+00:00"),
    ("9 Oktober 2020 14:00 GMT+7", "2020-10-09T14:00:00+07:00"),
    ("2020-10-09T14:58:53.123+0800", "2020-10-09T14:58:53+08:00"),
    ("October 9, 2020", "2020-10-09"),
    ("Minggu, 05 Nopember 2023 07:00", "2023-11-05T07:00:00+07:00"),
    ("Ahad, 12 Peb 2023", "2023-02-12"),
    ("Selasa, 23 Februari 2016 11:22", "2016-02-23T11:22:00+07:00"),
    ("Kamis, 05 November 2015 | 11:13 WIB", "2015-11-05T11:13:00+07:00"),
    ("Senin, 1 Des 2014 09:05:33 WIB", "2014-12-01T09:05:33+07:00"),
    ("Wednesday, 14 Agu 2019, 16:40 WIB", "2019-08-14T16:40:00+07:00"),
    ("Makassar, 2 Sept 2022 pukul 19.45 WITA", "2022-09-02T19:45:00+08:00"),
    ("2023/10/18", "2023-10-18"),
    ("Diperbarui 18 Okt 2023, 13:00 WIT", "2023-10-18T13:00:00+09:00"),
    ("Updated: Monday, 3 March 2025 20:03 WIB", "2025-03-03T20:03:00+07:00"),
    ("Jumat, 9 Oktober 2020 13:52", "2020-10-09T13:52:00+07:00"),
    ("2016-02-16 09:10:56", "2016-02-16T09:10:56+07:00"),
    ("15-08-2021 10:30", "2021-08-15T10:30:00+07:00"),
    ("Kamis (16/5/2024) pukul 10.00 WIB", "2024-05-16T10:00:00+07:00"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_datetime(text, expected):
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", ["12.30 WIB", "pukul 10.00 WIB", "", "Presiden tiba di Beijing pada Senin",
                                  "30 Februari 2020", "Tahun 2023 menjadi tahun penting", "1/2 porsi"])
def test_no_date(text):
    assert parse_datetime(text) is None


def test_zone_less_time_uses_the_default_offset():
    assert parse_datetime("18 Oktober 2023 12:12", default_offset="+08:00") == "2023-10-18T12:12:00+08:00"


def test_numbers_after_a_date_are_not_a_time():
    assert parse_datetime("pada 16 Mei 2024. 10.000 orang hadir") == "2024-05-16"


def test_find_datetime_in_a_byline_line():
    line = "Reporter : Ramadhian Fadillah | Jumat, 19 Juni 2015 03:40"
    iso, start, end = find_datetime(line)
    assert iso == "2015-06-19T03:40:00+07:00"
    assert line[start:end] == "Jumat, 19 Juni 2015 03:40"


def test_find_datetime_after_an_editor_code():
    line = "Oleh : Arnold H Sianturi / FMB | Jumat, 9 Oktober 2020 | 14:01 WIB"
    iso, start, _end = find_datetime(line)
    assert iso == "2020-10-09T14:01:00+07:00"
    assert line[start:].startswith("Jumat")


def test_update_marker_is_exposed():
    published, updated = find_datetimes("Dipublikasikan 18 Okt 2023 10:00 WIB | Diperbarui 19 Okt 2023 11:00 WIB")
    assert not published.updated and updated.updated
    assert updated.iso == "2023-10-19T11:00:00+07:00"
    assert is_update_marked("Diperbarui: Kamis, 16 Mei 2024")


def test_day_name_is_checked():
    right, wrong = find_datetimes("Rabu, 18 Oktober 2023 dan Senin, 18 Oktober 2023")
    assert right.weekday_ok and not wrong.weekday_ok


DATE_TEXTS = [
    "Jakarta, Rabu (20/9/2023) pukul 14.35 WIB", "Diperbarui 19 Mei 2024 10:00", "2024-02-14T08:00:00Z",
    "pada 4 Desember 2024 lalu", "sejak March 3, 2019", "angka 1999 dan 2000 saja", "pukul 10.00 WITA",
    "nomor 20/9/23 dan 1/1/1890", "tanpa tahun: 17 Agustus", "", "2023/10/07", "Sabtu, 7-10-2023 | 09:10",
]


@pytest.mark.parametrize("text", DATE_TEXTS)
def test_the_year_gate_finds_what_every_pattern_finds(monkeypatch, text: str) -> None:
    import dataclasses
    import re

    from sorot.text import dates

    gated = dates.find_datetimes(text)
    ungated = dataclasses.replace(dates._patterns(), year=re.compile(""))   # a gate every text passes
    monkeypatch.setattr(dates, "_patterns", lambda: ungated)
    dates._find_datetimes.cache_clear()
    try:
        assert dates.find_datetimes(text) == gated
    finally:
        dates._find_datetimes.cache_clear()
