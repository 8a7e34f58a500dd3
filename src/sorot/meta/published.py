"""Choosing the publication time among the candidates a page offers.

Pages often carry several stamps that disagree on the offset: a correct UTC stamp next to the local
(WIB/WITA/WIT) wall-clock time stamped "+00:00" or given without a zone. When the wall clocks of two
stamps differ by exactly an Indonesian offset, the later wall clock is the local time and the difference
its offset; a lone UTC stamp is reported in WIB.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from sorot.meta.dates import DEFAULT_OFFSET
from sorot.meta.html import DateCandidate

INDONESIAN_OFFSETS_H = (7, 8, 9)  # WIB, WITA, WIT


def _aware(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def _wall(iso: str) -> datetime:
    return datetime.fromisoformat(iso[:19])


def has_time(iso: str) -> bool:
    return len(iso) > 10


def is_utc(iso: str) -> bool:
    return has_time(iso) and _aware(iso).utcoffset() == timedelta(0)


def _format(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _with_offset(moment: datetime, hours: int) -> str:
    return _format(moment.astimezone(timezone(timedelta(hours=hours))))


def localise(best: str, others: Sequence[str]) -> str:
    """A UTC-stamped time in its Indonesian local offset, inferred from the other stamps (WIB if none)."""
    for other in others:
        if has_time(other) and not is_utc(other) and _wall(other) == _wall(best):
            return other  # the page shows "09:15 WITA" and stamps "09:15+00:00": local time mislabelled UTC
    for other in others:
        if not has_time(other) or other == best:
            continue
        diff = (_wall(other) - _wall(best)).total_seconds() / 3600
        if abs(diff) in INDONESIAN_OFFSETS_H:
            earlier, hours = (best, int(diff)) if diff > 0 else (other, int(-diff))
            if is_utc(earlier):
                return _with_offset(_aware(earlier), hours)
    default_hours = int(DEFAULT_OFFSET[1:3])
    return _with_offset(_aware(best), default_hours)


def choose_published(candidates: Sequence[DateCandidate]) -> str | None:
    """The publication time: the most trusted non-update stamp, with a time when one agrees on the day,
    in local Indonesian time."""
    fresh = [c for c in candidates if not c.updated] or list(candidates)
    if not fresh:
        return None
    best = fresh[0].iso
    if not has_time(best):
        best = next((c.iso for c in fresh if has_time(c.iso) and c.iso[:10] == best), best)
    if is_utc(best):
        best = localise(best, [c.iso for c in fresh])
    return best
