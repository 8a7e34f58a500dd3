"""Time expressions in a sentence, resolved against the article's anchor date.

`find_time_expressions("... pada Senin (16/10) ...", date(2023, 10, 18))` gives the span, its surface and
"2023-10-16". Values are as precise as the text allows: a day ("YYYY-MM-DD"), a month ("YYYY-MM") or a
year ("YYYY"). A day name checks the date written next to it: when they disagree only the month is given.
Vocabulary is in data/meta/temporal.yaml (and the month/day names in dates.yaml).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from sorot.data import data_cached, load_data
from sorot.data.schemas import TemporalData
from sorot.text.dates import vocabulary
from sorot.text.normalise import squash_spaces

Relation = Literal["past", "future", "present"]
YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")   # a year written out: the cheap test before date parsing
_NEXT_WORD = re.compile(r"\s*(\S+)")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")
_ANY_TEXT = re.compile("")
_UNFOLDED_I = re.compile("[\u0130\u0131]")


@dataclass(frozen=True)
class TimeExpression:
    start: int               # character offsets into the sentence
    end: int
    surface: str
    value: str               # "YYYY-MM-DD" | "YYYY-MM" | "YYYY"
    relation: Relation | None


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: date | tuple[int, int] | int   # a day, (year, month) or a year
    relation: Relation | None = None


@data_cached
def config() -> TemporalData:
    """data/meta/temporal.yaml (read like a mapping: config()["numbers"])."""
    return load_data("meta/temporal.yaml", TemporalData)


def _alt(words: Any) -> str:
    return "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# ------------------------------------------------------------------ calendar helpers

def _month_number(name: str) -> int:
    return int(vocabulary()["months"][squash_spaces(name).rstrip(".")])


def _weekday(name: str) -> int:
    return int(vocabulary()["days"][squash_spaces(name)])


def _shift_month(anchor: date, months: int) -> tuple[int, int]:
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


def _nearest_date(month: int, day: int, anchor: date) -> date | None:
    """The date with this day and month closest to the anchor (the year is not written)."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - anchor).days)) if options else None


def _weekday_near(anchor: date, weekday: int, future: bool, strict: bool) -> date:
    """The nearest day with this ISO weekday on or before (after, when `future`) the anchor."""
    if future:
        ahead = (weekday - anchor.isoweekday()) % 7
        return anchor + timedelta(days=ahead or (7 if strict else 0))
    back = (anchor.isoweekday() - weekday) % 7
    return anchor - timedelta(days=back or (7 if strict else 0))


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return config()["numbers"].get(squash_spaces(word))


@data_cached
def _relations() -> dict[str, Relation]:
    """Each relation word, folded, to its relation; a word on two lists keeps the first (past, future,
    present), as the lists were read in that order."""
    cfg = config()
    lists: tuple[tuple[str, Relation], ...] = (
        ("past_words", "past"), ("future_words", "future"), ("present_words", "present"))
    found: dict[str, Relation] = {}
    for key, relation in lists:
        for word in cfg[key]:
            found.setdefault(squash_spaces(word), relation)
    return found


def _relation_word(word: str | None) -> Relation | None:
    if not word:
        return None
    return _relations().get(squash_spaces(word))


# ------------------------------------------------------------------ rules

Resolver = Callable[[re.Match[str], date, str], _Hit | None]


def _span(match: re.Match[str]) -> tuple[int, int]:
    start = match.start("core") if match.groupdict().get("core") is not None else match.start()
    return start, match.end()


def _checked_day(match: re.Match[str], day: date | None) -> date | tuple[int, int] | None:
    """The date, or only its month when the day name written with it disagrees."""
    if day is None:
        return None
    name = match.groupdict().get("day")
    if name and _weekday(name) != day.isoweekday():
        return day.year, day.month
    return day


def _numeric(match: re.Match[str], anchor: date, _text: str) -> _Hit | None:
    month, day = int(match["m"]), int(match["d"])
    if match["y"]:
        try:
            found: date | None = date(int(match["y"]), month, day)
        except ValueError:
            return None
    else:
        found = _nearest_date(month, day, anchor) if 1 <= month <= 12 else None
    value = _checked_day(match, found)
    return _Hit(*_span(match), value) if value else None


def _named(match: re.Match[str], anchor: date, _text: str) -> _Hit | None:
    month, day = _month_number(match["mon"]), int(match["d"])
    if match.groupdict().get("y"):
        try:
            found: date | None = date(int(match["y"]), month, day)
        except ValueError:
            return None
    else:
        found = _nearest_date(month, day, anchor)
    value = _checked_day(match, found)
    return _Hit(*_span(match), value) if value else None


def _month_year(match: re.Match[str], _anchor: date, _text: str) -> _Hit | None:
    return _Hit(*_span(match), (int(match["y"]), _month_number(match["mon"])))


def _month_of_year(match: re.Match[str], anchor: date, _text: str) -> _Hit | None:
    shift = {"lalu": -1, "ini": 0, "depan": 1}[squash_spaces(match["rel"])]
    return _Hit(*_span(match), (anchor.year + shift, _month_number(match["mon"])))


def _month_relative(match: re.Match[str], anchor: date, text: str) -> _Hit | None:
    month = _month_number(match["mon"])
    relation = _relation_word(match.groupdict().get("rel"))
    if relation is None:
        relation = "future" if _future_context(text, match.start()) else None
    if relation == "future":
        year = anchor.year if month >= anchor.month else anchor.year + 1
    elif relation == "present":
        year = anchor.year
    else:
        year = anchor.year if month <= anchor.month else anchor.year - 1
    return _Hit(*_span(match), (year, month), relation)


def _year(match: re.Match[str], _anchor: date, _text: str) -> _Hit | None:
    return _Hit(*_span(match), int(match["y"]))


def _relative_day(match: re.Match[str], anchor: date, _text: str) -> _Hit | None:
    shift = int(config()["relative_days"][squash_spaces(match["core"])])
    relation: Relation = "past" if shift < 0 else "future" if shift > 0 else "present"
    return _Hit(*_span(match), anchor + timedelta(days=shift), relation)


def _unit_shift(anchor: date, unit: str, amount: int) -> date | tuple[int, int] | int:
    """The anchor moved by `amount` units, at the precision the unit allows."""
    if unit == "day":
        return anchor + timedelta(days=amount)
    if unit == "week":
        moved = anchor + timedelta(days=7 * amount)
        return moved.year, moved.month
    if unit == "month":
        return _shift_month(anchor, amount)
    return anchor.year + amount


def _span_ago(match: re.Match[str], anchor: date, _text: str) -> _Hit | None:
    amount = 1 if match.groupdict().get("se") else _number(match["n"] or "")
    if amount is None:
        return None
    relation = _relation_word(match["rel"])
    sign = -1 if relation == "past" else 1
    unit = config()["units"][squash_spaces(match["unit"])]
    return _Hit(*_span(match), _unit_shift(anchor, unit, sign * amount), relation)


def _unit_relative(match: re.Match[str], anchor: date, _text: str) -> _Hit | None:
    relation = _relation_word(match["rel"])
    shift = {"past": -1, "future": 1}.get(relation or "", 0)
    unit = config()["units"][squash_spaces(match["unit"])]
    part = squash_spaces(match["part"] or "")
    if unit == "week" and part == "akhir":
        saturday = anchor + timedelta(days=6 - anchor.isoweekday() + 7 * shift)
        return _Hit(*_span(match), saturday, relation)
    return _Hit(*_span(match), _unit_shift(anchor, unit, shift), relation)


def _future_context(text: str, position: int) -> bool:
    """A future marker somewhere before `position` (one search per text, not one per expression)."""
    return _first_future_marker_end(text) <= position


@data_cached
def _future_markers() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alt(config()['future_markers'])})\b", re.I)


@lru_cache(maxsize=8)
def _first_future_marker_end(text: str) -> float:
    found = _future_markers().search(text)
    return found.end() if found else float("inf")


def _day_name(match: re.Match[str], anchor: date, text: str) -> _Hit | None:
    name = match["day"]
    next_word = _NEXT_WORD.match(text, match.end("day"))
    following = [next_word.group(1)] if next_word else []
    if squash_spaces(name) == "minggu" and (name[0].islower() or
                                    (following and following[0].casefold() in config()["week_followers"])):
        return None  # "minggu lalu": the week, not Sunday
    relation = _relation_word(match["rel"])
    weekday = _weekday(name)
    if relation == "present":  # "Kamis ini": that day of the anchor's week
        return _Hit(*_span(match), anchor + timedelta(days=weekday - anchor.isoweekday()), relation)
    future = relation == "future" or (relation is None and _future_context(text, match.start()))
    day = _weekday_near(anchor, weekday, future, strict=relation is not None)
    return _Hit(*_span(match), day, "future" if future else "past")


# What every match of a pattern holds: a match of a pattern searched in the text (a digit, a year, a "/"), or
# one of a set of words (casefolded) as a whole run of word characters in it, the words each rule's patterns
# have between word boundaries or spaces (a month name, "tahun", "sebulan", the "jum" of "jum'at")
Gate = re.Pattern[str] | frozenset[str]


class _Rule(NamedTuple):
    """A pattern, its resolver and its gates: a text where a gate finds nothing is not searched (most
    sentences of an article hold no time expression, and the gates cost a fraction of the searches)."""

    pattern: re.Pattern[str]
    resolve: Resolver
    gates: frozenset[Gate]
    first_gate: Gate        # the gate naming what the rule is about (a digit, a month), for `_gate_words`


def _gate(phrases: Any) -> Gate:
    """The first run of word characters of each phrase, casefolded: what a pattern's group of these phrases
    matches, between boundaries, holds one as a whole run. Only ASCII words, whose case-insensitive match
    casefolding shows (see `_text_words`); a phrase that is not gets a gate that lets every text through."""
    runs = [_WORD.match(str(phrase).casefold()) for phrase in phrases]
    if any(run is None or not run.group().isascii() for run in runs):
        return _ANY_TEXT
    return frozenset(run.group() for run in runs if run is not None)


@data_cached
def _rules() -> tuple[_Rule, ...]:
    cfg = config()
    day_names = [d for d in vocabulary()["days"] if len(d) > 3]
    days = _alt(day_names)
    months = _alt(vocabulary()["months"])
    bare = _alt(cfg["bare_months"])
    day_prefix = rf"(?:(?:hari\s+)?(?P<day>{days})\s*,?\s*)"
    rel = _alt(cfg["past_words"] + cfg["future_words"] + cfg["present_words"])
    moved = _alt(cfg["past_words"] + cfg["future_words"])
    numbers = _alt(list(cfg["numbers"]))
    units = _alt(list(cfg["units"]))
    year = r"(?P<y>(?:19|20)\d\d)(?![\d/])"     # whitespace or "/" before it: YEAR_RE finds it too
    digit, slash, bracket, tahun = _DIGIT, re.compile("/"), re.compile(r"\("), _gate(["tahun"])
    bare_month, unit = _gate(cfg["bare_months"]), _gate(cfg["units"])
    # the words after a month or a span ("Mei lalu", "dua pekan silam"): a second gate of the rules that end
    # in one, and the month names of a full date, so that a sentence with a year but no month ("pada 2022")
    # is not searched for "4 Desember 2024"
    any_month, year_cue = _gate(vocabulary()["months"]), _gate(cfg["year_cues"])
    relation = _gate(cfg["past_words"] + cfg["future_words"] + cfg["present_words"])
    moved_relation = _gate(cfg["past_words"] + cfg["future_words"])
    unit_relations = ["lalu", "depan", "ini", "mendatang", "kemarin"]    # "pekan lalu", "bulan ini"
    rules: list[tuple[str, Resolver, tuple[Gate, ...]]] = [
        (rf"\b{day_prefix}\(\s*(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>\d{{4}}))?\s*\)", _numeric,
         (digit, slash, bracket)),
        (r"\(\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?\s*\)", _numeric,
         (digit, slash, bracket)),
        (r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d\d)(?![\d/])", _numeric,
         (YEAR_RE, slash)),
        (rf"\b{day_prefix}?(?P<d>\d{{1,2}})\s+(?P<mon>{months})\b\.?\s+{year}", _named, (YEAR_RE, any_month)),
        (rf"\b{day_prefix}?(?P<d>\d{{1,2}})\s+(?P<mon>{bare})\b(?!\s+(?:19|20)\d\d)", _named,
         (digit, bare_month)),
        (rf"\b(?P<mon>{bare})\s+(?:tahun\s+)?{year}", _month_year, (YEAR_RE, bare_month)),
        (rf"\b(?P<mon>{bare})\s+tahun\s+(?P<rel>lalu|ini|depan)\b", _month_of_year, (bare_month, tahun)),
        (rf"\b(?P<mon>{bare})\s+(?P<rel>{rel})\b", _month_relative, (bare_month, relation)),
        (rf"\b(?:pada|bulan|sejak|hingga|sampai|awal|akhir|pertengahan|medio)\s+(?P<core>(?P<mon>{bare}))\b",
         _month_relative, (bare_month,)),
        (rf"\b(?:{_alt(cfg['year_cues'])})\s+(?P<core>(?:tahun\s+)?{year})(?![.,]\d)", _year, (YEAR_RE, year_cue)),
        (rf"\b(?P<core>tahun\s+{year})(?![.,]\d)", _year, (YEAR_RE, tahun)),
        (rf"\b(?P<core>{_alt(cfg['relative_days'])})\b", _relative_day, (_gate(cfg["relative_days"]),)),
        (rf"\b(?P<n>\d+|{numbers})\s+(?P<unit>{units})\s+(?P<rel>{moved})\b", _span_ago, (unit, moved_relation)),
        (rf"\b(?P<se>se)(?P<unit>{units})\s+(?P<rel>{moved})\b(?P<n>)", _span_ago,
         (_gate(f"se{u}" for u in cfg["units"]), moved_relation)),
        (rf"\b(?:(?P<part>{_alt(cfg['period_parts'])})\s+)?(?P<unit>pekan|minggu|bulan|tahun)\s+"
         rf"(?P<rel>{'|'.join(unit_relations)})\b", _unit_relative,
         (_gate(["pekan", "minggu", "bulan", "tahun"]), _gate(unit_relations))),
        (rf"\b(?:hari\s+)?(?P<day>{days})\b(?:\s+(?:{_alt(cfg['day_parts'])})\b)?"
         rf"(?:\s+(?P<rel>lalu|kemarin|depan|mendatang|nanti|ini)\b)?", _day_name, (_gate(day_names),)),
    ]
    return tuple(_Rule(re.compile(pattern, re.I), resolve, frozenset(gates), gates[0])
                 for pattern, resolve, gates in rules)


@data_cached
def _gates() -> tuple[Gate, ...]:
    """Every rule's gates once, the digit first (a year needs one)."""
    gates = {gate for rule in _rules() for gate in rule.gates}
    return tuple(sorted(gates, key=lambda gate: gate is not _DIGIT))


@data_cached
def _event_day_patterns() -> tuple[tuple[re.Pattern[str], int], ...]:
    """"sehari setelah", "sehari sebelumnya": the phrases naming the day after or before an event, compiled
    once (they were rebuilt for every sentence)."""
    cfg = config()
    return tuple((re.compile(rf"\b(?:{_alt(words)})\b", re.I), shift)
                 for words, shift in ((cfg["day_after"], 1), (cfg["day_before"], -1)))


@data_cached
def _gate_words() -> frozenset[str] | None:
    """The words of the first gate of each rule that needs no digit, when that gate is a set of words (else
    None): a text with none of them and no digit is searched by no rule. Only the first gate: a rule's other
    gates ("lalu", "ini", "pada") are common words that would let most sentences through."""
    needs_digit = (_DIGIT, YEAR_RE)
    words: set[str] = set()
    for rule in _rules():
        if not rule.gates.isdisjoint(needs_digit):
            continue
        if not isinstance(rule.first_gate, frozenset):
            return None
        words |= rule.first_gate
    return frozenset(words)


def _text_words(text: str, lows: Iterable[str] | None = None) -> frozenset[str] | None:
    """The text's runs of word characters, casefolded; None where casefolding cannot stand for `re.I`: with
    "İ" or "ı", which match "i" case-insensitively but casefold to something else (every other letter that
    matches an ASCII letter casefolds to it). `lows`: the text's tokens in lower case, when the caller has
    them (sorot.text.tokens: its word tokens are these runs, and its other tokens are no word)."""
    if text.isascii():      # most sentences: casefolding is lower-casing
        # the tokens' own strings, their hashes made already: a set of them costs less than listing the words
        return frozenset(lows) if lows is not None else frozenset(_WORD.findall(text.lower()))
    if _UNFOLDED_I.search(text) is not None:
        return None
    return frozenset(map(str.casefold, _WORD.findall(text)))


def _searched_rules(text: str, words: frozenset[str] | None) -> list[_Rule]:
    """The rules whose gates all find something in the text (whose words are `words`, see `_text_words`),
    each gate tried once."""
    gate_words = _gate_words()
    if gate_words is not None and words is not None and _DIGIT.search(text) is None \
            and words.isdisjoint(gate_words):
        return []           # most sentences: no digit, no gate word
    passed: set[Gate] = set()
    for gate in _gates():
        if isinstance(gate, re.Pattern):
            if (gate is not YEAR_RE or _DIGIT in passed) and gate.search(text) is not None:
                passed.add(gate)
            continue
        if words is None or not words.isdisjoint(gate):
            passed.add(gate)
    return [rule for rule in _rules() if rule.gates <= passed]


# ------------------------------------------------------------------ public API

def _format(value: date | tuple[int, int] | int) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return f"{value[0]:04d}-{value[1]:02d}"
    return f"{value:04d}"


def _relation(hit: _Hit, anchor: date) -> Relation:
    if hit.relation:
        return hit.relation
    value = _format(hit.value)
    here = anchor.isoformat()[:len(value)]
    return "past" if value < here else "future" if value > here else "present"


@data_cached
def _event_day_gate() -> Gate:
    """The first words of the phrases of `_event_day_patterns` ("sehari", "keesokan")."""
    cfg = config()
    return _gate(cfg["day_after"] + cfg["day_before"])


def _relative_to_event(text: str, hits: list[_Hit], words: frozenset[str] | None = None) -> list[_Hit]:
    """'sehari setelah X' / 'sehari sebelum X': a day next to the first dated expression after it. `words`:
    the text's words (`_text_words`), which tell most sentences have no such phrase without a search."""
    found: list[_Hit] = []
    if not hits:
        return found        # no dated expression for the phrase to count from
    gate = _event_day_gate()
    if words is not None and isinstance(gate, frozenset) and words.isdisjoint(gate):
        return found
    for pattern, shift in _event_day_patterns():
        for match in pattern.finditer(text):
            at = bisect.bisect_left(hits, match.end(), key=lambda h: h.start)  # hits are sorted by start
            later = next((h.value for h in hits[at:] if isinstance(h.value, date)), None)
            if later is not None:
                found.append(_Hit(match.start(), match.end(), later + timedelta(days=shift)))
    return found


def find_time_expressions(text: str, anchor: date, lows: Iterable[str] | None = None) -> list[TimeExpression]:
    """Time expressions in a sentence, resolved against `anchor` (the article's story or publication
    day), in reading order and not overlapping (the longest wins). `lows`: the lower-case forms of the
    sentence's tokens (`Token.low`), when the caller has them, so that its words are not listed again."""
    hits: list[_Hit] = []
    words = _text_words(text, lows)
    for rule in _searched_rules(text, words):
        for match in rule.pattern.finditer(text):
            hit = rule.resolve(match, anchor, text)
            if hit:
                hits.append(hit)
    hits.sort(key=lambda h: (h.start, -h.end))
    kept: list[_Hit] = []     # disjoint, sorted by start: a new hit can only overlap its neighbours
    for hit in hits + _relative_to_event(text, hits, words):
        at = bisect.bisect_left(kept, hit.start, key=lambda k: k.start)
        if (at == 0 or kept[at - 1].end <= hit.start) and (at == len(kept) or hit.end <= kept[at].start):
            kept.insert(at, hit)
    return [TimeExpression(h.start, h.end, text[h.start:h.end], _format(h.value), _relation(h, anchor))
            for h in kept]


def resolve_anchor(article: Any) -> date | None:
    """The date an article's relative expressions count from: its story date, else its publication day."""
    for value in (getattr(article, "story_date", None), getattr(article, "published", None)):
        if value:
            try:
                return date.fromisoformat(str(value)[:10])
            except ValueError:
                continue
    return None


@lru_cache(maxsize=8)
def written_anchor(text: str) -> date | None:
    """The latest full date written out with its year ("Jumat (20/2/2015)", "4 Desember 2024"): the day an
    undated article is read from, for offices held then and for relative dates."""
    days = [t.value for snippet in _year_snippets(text) for t in find_time_expressions(snippet, date.today())
            if len(t.value) == 10 and t.value[:4] in t.surface]
    return date.fromisoformat(max(days)) if days else None


def _year_snippets(text: str, before: int = 40) -> list[str]:
    """The stretches of text that end in a written year ("Jumat (20/2/2015)", "4 Desember 2024"): only they
    can hold a full date, and parsing them alone is far cheaper than parsing the whole article."""
    snippets: list[str] = []
    last_end = -1
    for match in YEAR_RE.finditer(text):
        start = max(match.start() - before, last_end, 0)
        end = min(len(text), match.end() + 1)
        start = text.rfind(" ", 0, start) + 1 if start > 0 and start != last_end else start
        snippets.append(text[start:end])
        last_end = end
    return snippets
