"""Publication dates in the forms Indonesian news pages write them.

Vocabulary (months, day names, time zones, update markers) lives in data/meta/dates.yaml. A date is
found first (ISO, day-month-year with a month name, month-day-year, or numeric d/m/yyyy); a time and
zone right after it ("| 14:01 WIB", "at 09:10", "pukul 10.00 WITA", "+07:00") are then read from the
text that follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sorot.data import data_cached, load_data
from sorot.data.schemas import DatesData

DEFAULT_OFFSET = "+07:00"


@dataclass(frozen=True)
class DateMatch:
    """A date (and maybe time) found in a string."""

    iso: str            # 'YYYY-MM-DDTHH:MM:SS+HH:MM' or 'YYYY-MM-DD'
    start: int
    end: int
    updated: bool       # preceded by an update marker ("Diperbarui", "Updated")
    has_time: bool
    weekday: int | None  # ISO weekday of a day name written just before the date, if any
    zone: str | None = None  # the zone as written after the time ("WITA", "+08:00", "Z"); None: not stated

    @property
    def day(self) -> date:
        return date.fromisoformat(self.iso[:10])

    @property
    def weekday_ok(self) -> bool:
        return self.weekday is None or self.weekday == self.day.isoweekday()


@data_cached
def vocabulary() -> DatesData:
    """data/meta/dates.yaml (read like a mapping: vocabulary()["months"])."""
    return load_data("meta/dates.yaml", DatesData)


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    dates: tuple[re.Pattern[str], ...]
    year: re.Pattern[str]            # the year every pattern of `dates` holds
    time_tail: re.Pattern[str]
    day_before: re.Pattern[str]
    update: re.Pattern[str]


@data_cached
def _patterns() -> _Patterns:
    vocab = vocabulary()
    months = _alternation(list(vocab["months"]))
    days = _alternation(list(vocab["days"]))
    zones = _alternation(list(vocab["zones"]))
    cues = _alternation(vocab["time_cues"])
    mon = rf"(?P<mon>{months})\b\.?"
    dates = (
        re.compile(r"(?<![\d/])(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d/])"),
        re.compile(r"(?<![\d/])(?P<y>(?:19|20)\d\d)/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])"),
        re.compile(rf"(?<![\w/])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s\-/.]*{mon}[\s,\-/.]*(?P<y>(?:19|20)\d\d)(?!\d)",
                   re.I),
        re.compile(rf"(?<![\w-]){mon}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I),
        re.compile(r"(?<![\d/.])(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>(?:19|20)\d\d)(?![\d/])"),
    )
    # the year each date pattern holds: a text without one has no date, told by one quick search ("19", "20")
    year = re.compile(r"(?:19|20)\d\d")
    time_tail = re.compile(
        rf"(?:[\s,|\-–—/()]|\b(?:{cues})\b\.?|T)*"
        r"(?P<H>[01]?\d|2[0-3])[:.](?P<M>[0-5]\d)(?:[:.](?P<S>[0-5]\d))?(?:\.\d+)?(?![\d.:]*\d)"
        rf"(?:\s*(?P<off>Z|[+-]\d\d:?\d\d|\b(?:{zones})(?![\w/])))?Z?",
        re.I,
    )
    day_before = re.compile(rf"\b(?P<day>{days})\b\s*[,(]?\s*$", re.I)
    update = re.compile(rf"\b(?:{_alternation(vocab['update_markers'])})\b", re.I)
    return _Patterns(dates, year, time_tail, day_before, update)


def _offset(raw: str | None, default_offset: str) -> str:
    if not raw:
        return default_offset
    if raw.upper() == "Z":
        return "Z"
    zone = vocabulary()["zones"].get(raw.lower())
    if zone:
        return zone
    digits = raw.replace(":", "")
    return f"{digits[:3]}:{digits[3:]}"


def _month(match: re.Match[str]) -> int:
    groups = match.groupdict()
    if groups.get("mon"):
        return int(vocabulary()["months"][groups["mon"].lower().rstrip(".")])
    return int(groups["m"])


def _valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _match_at(text: str, match: re.Match[str], default_offset: str, previous_end: int) -> DateMatch | None:
    pats = _patterns()
    day = _valid_day(int(match["y"]), _month(match), int(match["d"]))
    if day is None:
        return None
    end = match.end()
    iso = day.isoformat()
    tail = pats.time_tail.match(text, end)
    has_time = tail is not None
    zone = tail["off"] if tail and tail["off"] else None
    if tail:
        seconds = int(tail["S"] or 0)
        iso += f"T{int(tail['H']):02d}:{int(tail['M']):02d}:{seconds:02d}{_offset(tail['off'], default_offset)}"
        end = tail.end()
    before = text[previous_end:match.start()]
    day_name = pats.day_before.search(before)
    weekday = int(vocabulary()["days"][day_name["day"].lower()]) if day_name else None
    start = previous_end + day_name.start() if day_name else match.start()
    return DateMatch(iso, start, end, bool(pats.update.search(before)), has_time, weekday, zone)


def find_datetimes(text: str, default_offset: str = DEFAULT_OFFSET) -> list[DateMatch]:
    """Every date (with its time when one follows) in `text`, in reading order, not overlapping."""
    return list(_find_datetimes(text, default_offset))


@lru_cache(maxsize=8192)
def _find_datetimes(text: str, default_offset: str) -> tuple[DateMatch, ...]:
    """(cached: the cleaner, the date scorer and the byline parser all read the same head lines)"""
    candidates: list[re.Match[str]] = []
    if _patterns().year.search(text) is None:
        return ()
    for pattern in _patterns().dates:
        candidates.extend(pattern.finditer(text))
    candidates.sort(key=lambda m: (m.start(), -m.end()))
    found: list[DateMatch] = []
    previous_end = 0
    for match in candidates:
        if match.start() < previous_end:
            continue
        parsed = _match_at(text, match, default_offset, previous_end)
        if parsed:
            found.append(parsed)
            previous_end = parsed.end
    return tuple(found)


def parse_datetime(text: str, default_offset: str = DEFAULT_OFFSET) -> str | None:
    """ISO 8601 for a date/time string ('Rabu, 18 Oktober 2023 12:12 WIB' -> '2023-10-18T12:12:00+07:00'),
    a plain 'YYYY-MM-DD' when no time is given, None when `text` holds no date. A time without a zone
    gets `default_offset` (local Indonesian time, WIB)."""
    if not text:
        return None
    found = find_datetimes(text, default_offset)
    return found[0].iso if found else None


def find_datetime(line: str) -> tuple[str, int, int] | None:
    """The first publication-style date/time inside a longer line: (iso, start, end), or None."""
    found = find_datetimes(line) if line else []
    return (found[0].iso, found[0].start, found[0].end) if found else None


def is_update_marked(text: str) -> bool:
    """True when `text` labels its date as an update ("Diperbarui ...", "Updated ...")."""
    return bool(_patterns().update.search(text or ""))
