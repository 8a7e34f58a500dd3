"""Bylines: who wrote and edited the article.

A byline is a line that opens with a role label ("Rep:", "Penulis:", "Oleh", "Laporan wartawan X.com,")
followed by names; further segments split by "|", "/", ";" or a comma before another label add more
names. Dates and outlet names are stripped. The vocabulary is in data/meta/bylines.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sorot.data import data_cached, load_data
from sorot.data.schemas import BylinesData
from sorot.text.dates import find_datetimes
from sorot.text.words import name_particles


@dataclass(frozen=True, eq=False)     # hashed by identity: results computed under these rules are cached on them
class _Rules:
    role: re.Pattern[str]
    role_anywhere: re.Pattern[str]          # a role word anywhere (the quick refusal of _may_be_byline)
    ascii_role_words: re.Pattern[str] | None  # the same, lower case only, for lowered ASCII text
    report_anywhere: re.Pattern[str]
    roles_without_colon: frozenset[str]
    report_phrase: re.Pattern[str]
    non_author: re.Pattern[str]
    splitter: re.Pattern[str]
    not_name: frozenset[str]
    outlet_words: frozenset[str]
    domain: re.Pattern[str]
    sign_off: re.Pattern[str]


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _ascii_lower_alternation(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """The words' alternation matched case-sensitively against lowered text: on ASCII text the same matches
    as the case-insensitive one, several times faster (the regex engine scans case-insensitive alternations
    letter by letter). None when a word is not ASCII, where lowering is no longer the same thing."""
    if not all(word.isascii() for word in words):
        return None
    return re.compile(_alternation(tuple(word.lower() for word in words)))


def _may_be_byline(text: str, rules: _Rules) -> bool:
    """Whether `text` has a role word or the report phrase anywhere, which every byline has."""
    if rules.report_anywhere.search(text):
        return True
    if rules.ascii_role_words is not None and text.isascii():
        return rules.ascii_role_words.search(text.lower()) is not None
    return rules.role_anywhere.search(text) is not None


@data_cached
def _rules() -> _Rules:
    data = load_data("meta/bylines.yaml", BylinesData)
    roles = _alternation(data.roles + data.non_author_roles)
    return _Rules(
        role=re.compile(rf"^\W*(?P<role>{roles})\b\s*(?P<colon>[:：])?\s*", re.I),
        role_anywhere=re.compile(roles, re.I),
        ascii_role_words=_ascii_lower_alternation(data.roles + data.non_author_roles),
        report_anywhere=re.compile(data.report_phrase, re.I),
        roles_without_colon=frozenset(data.roles_without_colon),
        report_phrase=re.compile(rf"^\W*{data.report_phrase}\s*", re.I),
        non_author=re.compile(rf"^(?:{_alternation(data.non_author_roles)})$", re.I),
        splitter=re.compile(rf"\s*(?:[|/;•]|,\s*(?=(?:{roles})\s*[:：])|\s(?=(?:{roles})\s*[:：]))\s*", re.I),
        not_name=frozenset(w.casefold() for w in data.not_name_words),
        outlet_words=frozenset(w.casefold() for w in data.outlet_words),
        domain=re.compile(data.domain_suffix, re.I),
        sign_off=re.compile(data.sign_off),
    )


def is_role_label(text: str) -> bool:
    """A byline's role label standing alone on its line ("Penulis:", "Oleh", "Editor :")."""
    match = _rules().role.match(text.strip())
    return match is not None and match.end() >= len(text.strip())


def _without_dates(line: str) -> str:
    for match in reversed(find_datetimes(line)):
        line = line[:match.start] + " | " + line[match.end:]
    return line


def _clean_name(text: str) -> str:
    text = re.sub(r"\([^)]*\)|\S+@\S+|https?://\S+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" \t-–—:,.;|")


def is_person_name(text: str) -> bool:
    """A plausible person's name in a byline: 1-5 capitalised words, no role, title, outlet or code."""
    rules = _rules()
    words = text.split()
    if not 1 <= len(words) <= 5 or rules.domain.search(text) or re.search(r"\d|@", text):
        return False
    if len(words) == 1 and (len(text) < 3 or text.isupper()):
        return False  # editor codes and labels such as "FMB", "CHOICE"
    for word in words:
        folded = word.casefold().strip(".,'’")
        if folded in rules.not_name or folded in rules.outlet_words:
            return False
        if not word[0].isupper() and folded not in name_particles():
            return False
    return True


def _names(rest: str) -> list[str]:
    parts = re.split(r"\s*(?:,|&|\bdan\b|\band\b)\s*", rest)
    return [name for name in (_clean_name(p) for p in parts) if name and is_person_name(name)]


def _segment_names(segment: str, role_open: bool) -> tuple[list[str], bool, bool]:
    """Names in one segment; whether it opened with a role; whether an author role is still open."""
    rules = _rules()
    role = rules.role.match(segment)
    if role is None:
        return (_names(segment) if role_open else []), False, role_open
    label = re.sub(r"\s+", " ", role["role"].casefold())
    if rules.non_author.match(label):
        return [], True, False
    rest = segment[role.end():]
    names = _names(rest)
    if not role["colon"] and (label not in rules.roles_without_colon or _clean_name(rest) not in names):
        return [], False, False
    return names, True, True


_WORD_CHAR = re.compile(r"\w")


def parse_byline(line: str) -> list[str] | None:
    """Names in a byline line ('Rep: Rizky Jaramaya/ Red: Esthi Maharani' -> both), None when the line
    is not a byline."""
    names = _parse_byline(line or "", _rules())
    return list(names) if names is not None else None


@lru_cache(maxsize=4096)
def _parse_byline(line: str, rules: _Rules) -> tuple[str, ...] | None:
    """parse_byline under these rules, cached with them: a page's blocks and lines are asked by several
    readers, and a site prints the same furniture on every page. Rules loaded from other data (another
    SOROT_DATA) are another key."""
    text = line.strip()
    if not text or len(text) > 250 or rules.sign_off.match(text) or not _may_be_byline(text, rules):
        # a byline has a role label or the report phrase somewhere; most blocks of a page have neither, and
        # are told so before the (costlier) date search. Cutting dates out puts " | " in their place, which
        # makes no role word, so a line without one here has none after it either
        return None
    text = _without_dates(text)
    report = rules.report_phrase.match(text)
    if not report and _WORD_CHAR.match(text) and not rules.role.match(text):
        # a line opening with a word opens its first segment with it: without a role label there, the
        # line is no byline (the check below), told before splitting the line into segments
        return None
    segments = rules.splitter.split(text[report.end():] if report else text)
    names: list[str] = []
    role_open = bool(report)
    labelled = bool(report)
    for index, segment in enumerate(s for s in segments if s.strip()):
        if index == 0 and report:
            found = _names(segment)
        else:
            found, has_role, role_open = _segment_names(segment, role_open)
            labelled = labelled or has_role
            if index == 0 and not has_role:
                return None  # a byline opens with its label
        names.extend(n for n in found if n not in names)
    return tuple(names) if labelled and names else None


_OUTLET_TOKEN = re.compile(r"^(?:[A-Za-z]+[A-Z][\w]*|[\w-]+(?:\.[\w-]+)*\.(?:com|co\.id|id|net|news|tv))$")


def parse_name_line(line: str) -> tuple[list[str], bool] | None:
    """A byline without a role label, as pages print it under the headline: "Danu Prasetya - detikNews",
    "Rizky Ramadhan , Okezone", "Fitri Handayani, Jurnalis", "Bayu Saputra | Rina Marlina", "Ahmad Fauzi".
    Gives the names and whether the line had a separator (a bare name is only a byline where position
    says so); None when a segment is neither a short name nor an outlet or role word, or when commas
    join names alone (a headline: "India Tangguhkan ..., Pakistan Tutup ...")."""
    rules = _rules()
    text = _without_dates((line or "").strip())
    segments = [s.strip(" -–—|") for s in re.split(r"\s+[-–—|/]\s+|\s*[|,;·•]\s*", text)]
    segments = [s for s in segments if s]
    if not segments or len(segments) > 4:
        return None
    names, others = [], 0
    for segment in segments:
        if segment.casefold() in rules.outlet_words or _OUTLET_TOKEN.match(segment) or rules.role.fullmatch(segment):
            others += 1
        elif 2 <= len(segment.split()) <= 3 and is_person_name(segment) and not segment.isupper() \
                and ":" not in segment:
            names.append(segment)
        else:
            return None
    if not names or ("," in text and not others):
        return None
    return names, len(segments) > 1
