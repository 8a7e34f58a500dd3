"""Choosing the publication time among the candidates a page offers.

Pages often carry several stamps that disagree on the offset: a correct UTC stamp next to the local
(WIB/WITA/WIT) wall-clock time stamped "+00:00" or given without a zone. When the wall clocks of two
stamps differ by exactly an Indonesian offset, the later wall clock is the local time and the difference
its offset; a lone UTC stamp is reported in WIB.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sorot.meta.html import DateCandidate
from sorot.text.dates import DEFAULT_OFFSET

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
    return localise_with_reason(best, others)[0]


def localise_with_reason(best: str, others: Sequence[str]) -> tuple[str, str]:
    """`localise`, with the evidence that fixed the offset in words."""
    for other in others:
        if has_time(other) and not is_utc(other) and _wall(other) == _wall(best):
            # the page shows "09:15 WITA" and stamps "09:15+00:00": local time mislabelled UTC
            return other, f"another stamp gives the same wall clock with offset {other[19:]}: the UTC label is wrong"
    for other in others:
        if not has_time(other) or other == best:
            continue
        diff = (_wall(other) - _wall(best)).total_seconds() / 3600
        if abs(diff) in INDONESIAN_OFFSETS_H:
            earlier, hours = (best, int(diff)) if diff > 0 else (other, int(-diff))
            if is_utc(earlier):
                return (_with_offset(_aware(earlier), hours),
                        f"two stamps differ by {hours} h: UTC and the local time of {ZONE_NAMES[hours]}")
    default_hours = int(DEFAULT_OFFSET[1:3])
    return _with_offset(_aware(best), default_hours), "a UTC stamp with no local one beside it: shown in WIB"


@dataclass(frozen=True)
class Choice:
    """The publication time and the evidence for it."""

    iso: str
    candidate: DateCandidate
    offset_reason: str | None          # what fixed the time zone; None for a bare day
    agreeing: tuple[str, ...]          # other evidence giving the same day
    disagreeing: tuple[str, ...]       # other (non-update) evidence giving another day

    def evidence(self) -> dict[str, object]:
        confidence = _TRUST.get(self.candidate.source, 0.5) + 0.05 * len(self.agreeing) \
            - 0.15 * bool(self.disagreeing)
        return {"value": self.iso, "source": self.candidate.where or self.candidate.source,
                "confidence": round(min(0.99, max(0.05, confidence)), 2), "offset": self.offset_reason,
                "agrees": list(self.agreeing), "disagrees": list(self.disagreeing)}


# how far a stamp of each kind is trusted on its own (the page's structured data over visible text)
_TRUST = {"hint": 0.9, "meta": 0.85, "jsonld": 0.85, "time": 0.8, "line": 0.75, "visible": 0.7, "htmldate": 0.5,
          "caption": 0.3}
ZONE_NAMES = {7: "WIB", 8: "WITA", 9: "WIT"}
_ZONE_OFFSETS = {"wib": "+07:00", "wita": "+08:00", "wit": "+09:00"}


def _zone_reason(candidate: DateCandidate) -> str:
    if candidate.zone:
        return f"{candidate.zone} stated by {candidate.where or candidate.source}"
    return "no zone stated: WIB, the default for Indonesian outlets"


def choose_published(candidates: Sequence[DateCandidate]) -> str | None:
    """The publication time: the most trusted non-update stamp, with a time when one agrees on the day,
    in local Indonesian time."""
    choice = choose(candidates)
    return choice.iso if choice else None


def choose(candidates: Sequence[DateCandidate], home_zone: tuple[str, str] | None = None) -> Choice | None:
    """`choose_published` with its evidence: which stamp, what fixed the offset, what agrees.
    `home_zone` (zone, outlet): the outlet's own zone for a time printed without one ("WITA", "Tribun Bali")."""
    fresh = [c for c in candidates if not c.updated] or list(candidates)
    if not fresh:
        return None
    chosen = fresh[0]
    if not has_time(chosen.iso):
        chosen = next((c for c in fresh if has_time(c.iso) and c.iso[:10] == chosen.iso[:10]), chosen)
    best = chosen.iso
    reason = _zone_reason(chosen) if has_time(best) else None
    if has_time(best) and chosen.zone is None and home_zone and home_zone[0].lower() in _ZONE_OFFSETS:
        zone, outlet = home_zone
        best = best[:19] + _ZONE_OFFSETS[zone.lower()]
        reason = f"no zone stated: {zone.upper()}, the home zone of {outlet} (outlets table)"
    elif is_utc(best):
        best, reason = localise_with_reason(best, [c.iso for c in fresh])
    others = [c for c in fresh if c is not chosen]
    agreeing = tuple(dict.fromkeys(c.where or c.source for c in others if _local_day(c.iso) == best[:10]))
    disagreeing = tuple(dict.fromkeys(f"{c.where or c.source} ({_local_day(c.iso)})"
                                      for c in others if _local_day(c.iso) != best[:10]))
    return Choice(best, chosen, reason, agreeing, disagreeing)


def _local_day(iso: str) -> str:
    """The day of a stamp in local time (a UTC stamp late in the evening is the next day in WIB)."""
    return localise(iso, [])[:10] if is_utc(iso) else iso[:10]
