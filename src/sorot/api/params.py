"""Query parameters of the API: checked by hand so that a bad value gives a 400 naming the parameter."""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from datetime import date

from sorot.schema import PLOVER_TYPES

__all__ = ["ApiError", "Page", "parse_code", "parse_date", "parse_page", "parse_choice", "parse_types",
           "period_end", "DEFAULT_SIZE", "MAX_SIZE", "STATUSES"]

DEFAULT_SIZE = 100
MAX_SIZE = 1000
STATUSES = ("reported", "planned", "negated", "hypothetical")
PERIODS = ("day", "week", "month", "year")
# Actor codes are ISO alpha-3 or IGO acronyms (G7, G20, NATO); person ids of the knowledge base look like
# "person:joko-widodo".
CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,11}$")
KB_ID = re.compile(r"^[a-z]+:[a-z0-9][a-z0-9._-]{0,120}$")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class ApiError(Exception):
    """An error the client caused (or a missing resource): answered as JSON with this status."""

    def __init__(self, status: int, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.parameter = status, message, parameter


def bad(parameter: str, message: str) -> ApiError:
    return ApiError(400, f"bad value for '{parameter}': {message}", parameter)


def parse_date(parameter: str, value: str | None) -> str | None:
    """A day, month or year (2024-07-26, 2024-07, 2024), checked to be a real date; kept as text."""
    if value is None or value == "":
        return None
    match = PARTIAL_DATE.match(value.strip())
    if not match:
        raise bad(parameter, f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        date(year, month, day)
    except ValueError as error:
        raise bad(parameter, f"{value!r} is not a date ({error})") from None
    return match.group(0)


def period_end(value: str) -> str:
    """The last day a partial date covers, as text that compares correctly with ISO dates of any precision:
    "2024-07" covers "2024-07-31", so an 'until' bound is padded past every day of it."""
    return value + "\uffff"


def parse_code(parameter: str, value: str | None) -> str | None:
    """An actor code (upper-cased) or a knowledge-base id."""
    if value is None or value == "":
        return None
    value = value.strip()
    if KB_ID.match(value):
        return value
    if not CODE.match(value):
        raise bad(parameter, f"{value!r} is not an actor code (such as RUS, CHN, NATO) or a person id")
    return value.upper()


def parse_choice(parameter: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    if value is None or value == "":
        return None
    if value.lower() not in choices:
        raise bad(parameter, f"{value!r} is not one of {', '.join(choices)}")
    return value.lower()


def parse_types(parameter: str, value: str | None) -> list[str]:
    """One or more PLOVER types, comma-separated."""
    if not value:
        return []
    types = [part.strip().upper() for part in value.split(",") if part.strip()]
    unknown = [t for t in types if t not in PLOVER_TYPES]
    if unknown:
        raise bad(parameter, f"unknown PLOVER type {unknown[0]!r} (one of {', '.join(PLOVER_TYPES)})")
    return types


def parse_quad(parameter: str, value: str | None) -> int | None:
    if value is None or value == "":
        return None
    if value not in ("1", "2", "3", "4"):
        raise bad(parameter, f"{value!r} is not a QuadClass (1 verbal cooperation, 2 material cooperation, "
                             "3 verbal conflict, 4 material conflict)")
    return int(value)


def parse_text(parameter: str, value: str | None, longest: int = 200) -> str | None:
    if value is None or value.strip() == "":
        return None
    if len(value) > longest:
        raise bad(parameter, f"longer than {longest} characters")
    return value.strip()


@dataclass(frozen=True)
class Page:
    size: int
    offset: int

    def next_token(self, more: bool) -> str | None:
        return encode_token(self.offset + self.size) if more else None


def encode_token(offset: int) -> str:
    """An opaque page token (clients pass it back as ?next=): the position, base64url-encoded."""
    raw = json.dumps({"offset": offset}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def parse_page(size: int | None, token: str | None) -> Page:
    if size is None:
        size = DEFAULT_SIZE
    if not 1 <= size <= MAX_SIZE:
        raise bad("size", f"{size} is not between 1 and {MAX_SIZE}")
    if not token:
        return Page(size, 0)
    try:
        padded = token + "=" * (-len(token) % 4)
        offset = json.loads(base64.urlsafe_b64decode(padded.encode()))["offset"]
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise bad("next", "not a page token returned by this API") from None
    if not isinstance(offset, int) or offset < 0:
        raise bad("next", "not a page token returned by this API")
    return Page(size, offset)
