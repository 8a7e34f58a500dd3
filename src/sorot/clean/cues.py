"""Loads the cue phrases of data/clean/cues.yaml once per process."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sorot.data import data_cached, load_data
from sorot.data.schemas import CleanCues
from sorot.text.normalise import lowers_exactly
from sorot.text.regex_tree import longest_text, required_ending, required_texts

__all__ = ["Cues", "FloatingPattern", "PatternSet", "load_cues", "lowers_exactly"]

_WORD_BOUNDARY = re.compile(r"\b")
_ESCAPE = re.compile(r"\\.")


@dataclass(frozen=True)
class FloatingPattern:
    """A pattern searched anywhere in a line. Ignoring case stops `re` from jumping to the places where the
    pattern's first letters occur, and so does a leading `\\b`: a pattern written in lower case is also
    kept case-sensitive, without that `\\b`, for lines that lower-case exactly, the boundary checked at
    each place it matches."""

    pattern: re.Pattern[str]                  # as written, case ignored
    lowered: re.Pattern[str] | None           # case-sensitive, leading \b removed; None: not written in lower case
    word_start: bool                          # the pattern opens with \b
    required: tuple[tuple[str, ...], ...] = ()  # what every match of `lowered` holds (required_texts)
    ending: tuple[str, ...] = ()              # what a line `lowered` matches ends with, space aside (required_ending)

    @classmethod
    def of(cls, pattern: str) -> FloatingPattern:
        lower_case = not any(c.isupper() for c in _ESCAPE.sub("", pattern))
        word_start = pattern.startswith(r"\b")
        rest = pattern[2:] if word_start else pattern
        lowered = re.compile(rest) if lower_case else None
        return cls(re.compile(pattern, re.IGNORECASE), lowered, word_start, required_texts(rest) if lower_case else (),
                   required_ending(rest) if lower_case else ())

    def telling_texts(self) -> tuple[str, ...]:
        """The required alternatives whose shortest text is longest (the rarest in prose, as a rule: "google
        news" rather than "/"); empty when the pattern is not searched lower-cased or requires nothing."""
        if self.lowered is None or not self.required:
            return ()
        return max(self.required, key=lambda texts: min(map(len, texts)))

    def found_in(self, line: str, low: str | None) -> bool:
        """Whether the pattern occurs in `line`; `low` is `line.lower()` when it lowers exactly, else None."""
        if low is None or self.lowered is None:
            return self.pattern.search(line) is not None
        for texts in self.required:       # a text every match holds is missing: most lines, told at once
            if not any(map(low.__contains__, texts)):
                return False
        if not self.word_start:
            return self.lowered.search(low) is not None
        at = 0        # the places the rest matches, leftmost first, until one is at a word boundary
        while (match := self.lowered.search(low, at)) is not None:
            if _WORD_BOUNDARY.match(low, match.start()):
                return True
            at = match.start() + 1
        return False


GATE_MIN_CHARS = 3   # a required text this long is rare in prose: lines lacking it are told in one pass


@dataclass(frozen=True)
class PatternSet:
    """A list of line patterns (case ignored) asked as one: whether any of them is found in a line.

    The patterns anchored at the line's start (`^...`) are joined into one pattern tried at the start only
    (a `^` pattern can match nowhere else), those that span a whole line of bounded length (a breadcrumb, a
    "tanpa iklan" banner: `longest_text`) into another, tried only on lines that short; the others are searched one by one (FloatingPattern), and on a
    line that lowers exactly most are first ruled out together: a pattern that matches only at the line's
    end (a credit closing a caption: "...)", "/ Reuters") is asked only of a line ending as it must, one
    that requires a long enough text ("google news", "hak atas foto") only of a line holding one of them.
    A body paragraph is then told by two passes in C instead of a call per pattern."""

    patterns: tuple[str, ...]
    anchored: re.Pattern[str] | None
    floating: tuple[FloatingPattern, ...]     # all of them, for lines that do not lower exactly
    short: re.Pattern[str] | None = None      # anchored, matching only lines of `short_limit` characters or fewer
    short_limit: int = 0
    ended: tuple[FloatingPattern, ...] = ()   # ... of them asked only of lines ending in one of `endings`
    endings: tuple[str, ...] = ()
    gated: tuple[FloatingPattern, ...] = ()   # ... asked only of lines holding one of `gate`
    gate: tuple[str, ...] = ()
    rest: tuple[FloatingPattern, ...] = ()    # ... asked of every line

    @classmethod
    def of(cls, patterns: Sequence[str]) -> PatternSet:
        for pattern in patterns:
            re.compile(pattern)       # a bad pattern is named on its own
        anchored = [p for p in patterns if p.startswith("^")]
        limits = {p: longest_text(p) for p in anchored}
        short = [p for p in anchored if limits[p] is not None]
        floating = tuple(FloatingPattern.of(p) for p in patterns if not p.startswith("^"))
        ended = tuple(p for p in floating if p.lowered is not None and p.ending)
        gated = tuple(p for p in floating if p not in ended and min(map(len, p.telling_texts()), default=0)
                      >= GATE_MIN_CHARS)
        return cls(patterns=tuple(patterns),
                   anchored=_joined([p for p in anchored if p not in short]),
                   floating=floating,
                   short=_joined(short), short_limit=max((limits[p] or 0 for p in short), default=0),
                   ended=ended, endings=tuple(dict.fromkeys(text for p in ended for text in p.ending)),
                   gated=gated, gate=tuple(dict.fromkeys(text for p in gated for text in p.telling_texts())),
                   rest=tuple(p for p in floating if p not in ended and p not in gated))

    def found_in(self, line: str) -> bool:
        if self.anchored is not None and self.anchored.match(line):
            return True
        if self.short is not None and len(line) <= self.short_limit and self.short.match(line):
            return True
        if not self.floating:
            return False
        if not lowers_exactly(line):
            for pattern in self.floating:  # noqa: SIM110 (asked of every line: a generator costs more here)
                if pattern.found_in(line, None):
                    return True
            return False
        low = line.lower()
        for group in (self.rest,
                      self.gated if self.gated and any(map(low.__contains__, self.gate)) else (),
                      self.ended if self.ended and low.rstrip().endswith(self.endings) else ()):
            for pattern in group:  # noqa: SIM110
                if pattern.found_in(line, low):
                    return True
        return False


def _joined(patterns: list[str]) -> re.Pattern[str] | None:
    """Anchored patterns as one, case ignored (None for none)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


@dataclass(frozen=True, eq=False)     # hashed by identity: results computed with these cues are cached on them
class Cues:
    boilerplate: PatternSet
    caption: PatternSet
    end_of_article: PatternSet
    inline_widgets: PatternSet
    continued_elsewhere: PatternSet
    sign_off: re.Pattern[str]
    title_rules: dict[str, float]
    title_min_score: float

    def is_boilerplate(self, line: str) -> bool:
        return self.boilerplate.found_in(line)

    def ends_article(self, line: str) -> bool:
        return self.end_of_article.found_in(line)

    def may_sit_inside(self, line: str) -> bool:
        """An end marker that outlets also print as a widget between two paragraphs."""
        return self.inline_widgets.found_in(line)

    def continues_elsewhere(self, line: str) -> bool:
        return self.continued_elsewhere.found_in(line)

    def is_caption(self, line: str) -> bool:
        return self.caption.found_in(line)


@data_cached
def load_cues() -> Cues:
    data = load_data("clean/cues.yaml", CleanCues)
    return Cues(
        boilerplate=PatternSet.of(data.boilerplate),
        caption=PatternSet.of(data.caption),
        end_of_article=PatternSet.of(data.end_of_article),
        inline_widgets=PatternSet.of(data.inline_widgets),
        continued_elsewhere=PatternSet.of(data.continued_elsewhere),
        # sign-offs are lower-case initials: case matters, so "(OBOR)" at a line's end is kept
        sign_off=re.compile(data.sign_off),
        title_rules=dict(data.title_rules),
        title_min_score=data.title_min_score,
    )
