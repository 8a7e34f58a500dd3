"""The outlets table (data/meta/outlets.yaml): names and spellings, domains and media groups.

The URL's host, a masthead, a dateline prefix and a footer all resolve to one `Outlet`, so that
"TRIBUN-BALI.COM", "Tribun Bali" and bali.tribunnews.com are one publisher of the Tribun network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from sorot.data import data_cached, load_data
from sorot.data.schemas import OutletsData
from sorot.text.normalise import lowers_exactly


@dataclass(frozen=True)
class Outlet:
    name: str                          # the canonical name (the table's first spelling)
    names: tuple[str, ...]
    domains: tuple[str, ...]
    network: str | None
    regional: str | None               # "Tribun {}": the name of a regional subdomain's outlet
    zone: str | None = None            # home time zone outside WIB ("WITA", "WIT")


@dataclass(frozen=True)
class OutletTable:
    outlets: tuple[Outlet, ...]
    by_name: dict[str, Outlet]         # folded spelling -> outlet
    by_domain: dict[str, Outlet]
    lower_case_names: frozenset[str]   # spellings listed in lower case (only these match in lower case)
    not_outlets: frozenset[str]

    def for_name(self, text: str | None) -> Outlet | None:
        text = (text or "").strip()
        outlet = self.by_name.get(text.casefold())
        if outlet is None or (text.islower() and text not in self.lower_case_names):
            return None
        return outlet

    def for_host(self, url_or_host: str | None) -> tuple[Outlet, str] | None:
        """The outlet of a URL or host and the name to report: the regional outlet's own name for a
        network's regional subdomain ("solo.tribunnews.com" -> "Tribun Solo")."""
        host = host_of(url_or_host)
        if not host:
            return None
        parts = host.split(".")
        for i in range(len(parts) - 1):
            outlet = self.by_domain.get(".".join(parts[i:]))
            if outlet is None:
                continue
            if i == 1 and outlet.regional and parts[0] not in ("m", "amp", "news", "www"):
                return outlet, outlet.regional.format(parts[0].capitalize())
            return outlet, outlet.name
        return None


def host_of(url_or_host: str | None) -> str | None:
    text = (url_or_host or "").strip()
    host = urlparse(text if "//" in text else f"//{text}").hostname or ""
    return host.removeprefix("www.") or None


@data_cached
def outlet_table() -> OutletTable:
    data = load_data("meta/outlets.yaml", OutletsData)
    outlets = tuple(Outlet(name=entry.names[0], names=entry.names,
                           domains=tuple(d.casefold() for d in entry.domains),
                           network=entry.network, regional=entry.regional, zone=entry.zone)
                    for entry in data.outlets)
    by_name: dict[str, Outlet] = {}
    by_domain: dict[str, Outlet] = {}
    for outlet in outlets:
        for name in outlet.names:
            by_name.setdefault(name.casefold(), outlet)
        for domain in outlet.domains:
            by_domain.setdefault(domain, outlet)
            by_name.setdefault(domain, outlet)
    lower = frozenset(n for o in outlets for n in o.names if n.islower())
    return OutletTable(outlets, by_name, by_domain, lower, frozenset(d.casefold() for d in data.not_outlets))


def names_pattern() -> re.Pattern[str]:
    """Every listed spelling as a whole word, longest first, case-insensitive."""
    return _names_pattern()


@data_cached
def _names_pattern() -> re.Pattern[str]:
    return re.compile(_NAMES_AS_WORDS.format("|".join(map(re.escape, _listed_names()))), re.I)


_NAMES_AS_WORDS = r"(?<![\w.])(?:{})(?!\w|\.\w)"


def _listed_names() -> list[str]:
    return sorted({n for o in outlet_table().outlets for n in o.names}, key=len, reverse=True)


@data_cached
def _lowered_names_pattern() -> re.Pattern[str] | None:
    """names_pattern for a lower-cased line, case-sensitive; None when a name has letters outside ASCII (whose
    lower case may match where ignoring case would not)."""
    names = _listed_names()
    if not all(map(str.isascii, names)):
        return None
    return re.compile(_NAMES_AS_WORDS.format("|".join(re.escape(n.lower()) for n in names)))


def outlet_names_in(text: str) -> list[str]:
    """The listed spellings `names_pattern` finds in `text`, as written there, in reading order. A line that
    lowers exactly is searched lower-cased, case-sensitively: ignoring case, `re` tries every name at every
    place a word starts, four times slower on the bench lines."""
    lowered = _lowered_names_pattern()
    if lowered is None or not lowers_exactly(text):
        return [match.group(0) for match in names_pattern().finditer(text)]
    return [text[match.start():match.end()] for match in lowered.finditer(text.lower())]


def is_outlet_name(text: str) -> bool:
    """Whether `text` is an outlet's name as data/meta/outlets.yaml lists it (any case, but a name in
    lower case only when the table spells it so)."""
    return outlet_table().for_name(text) is not None
