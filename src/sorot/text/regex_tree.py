"""What every match of a regular expression must hold, read off `re`'s own parse of it (re._parser, a
private module looked up by name, read-only use: what it reads is what `re` matches). Used to skip a pattern
where it cannot match: the cleaning cues (a text every match contains) and the tokenizer's affix rules (the
characters a match starts or ends with)."""

from __future__ import annotations

import importlib
import re
from typing import Any, Literal

sre_parse: Any = importlib.import_module("re._parser")
sre_constants: Any = importlib.import_module("re._constants")

__all__ = ["Chars", "longest_text", "required_ending", "required_texts", "rule_edge"]

Chars = frozenset[str] | None          # the characters a match can begin (end) with; None: any, or unknown
_Items = list[tuple[Any, Any]]         # a regex syntax tree's items, as (opcode, argument)
_ZERO_WIDTH = (sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.AT)
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)
_UNBOUNDED = 1 << 16      # a width re reports at or above this comes from a repeat without bound ("*", "+")


def required_texts(pattern: str) -> tuple[tuple[str, ...], ...]:
    """What every match of `pattern` (case-sensitive) holds, read off `re`'s own parse of it: each plain text
    of its top level ("google news", the "/" of "\\s/\\s*reuters"), and for each top-level group of plain
    alternatives ("(ikuti|follow)", not optional or repeated) one of them. A line lacking any is no match.
    Empty when nothing is certain (a top-level "a|b", inline flags)."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return ()
    if parsed.state.flags & re.IGNORECASE:
        return ()
    needs: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, value in parsed:
        if op is sre_constants.LITERAL:
            run.append(chr(value))
            continue
        if run:
            needs.append(("".join(run),))
            run = []
        if op is sre_constants.SUBPATTERN:
            _group, added_flags, removed_flags, inner = value
            alternatives = _plain_alternatives(inner) if not (added_flags or removed_flags) else None
            if alternatives:
                needs.append(alternatives)
    if run:
        needs.append(("".join(run),))
    return tuple(needs)


def required_ending(pattern: str) -> tuple[str, ...]:
    """The texts one of which a text must end with, trailing whitespace left aside, for `pattern` (searched
    case-sensitively) to match it: a pattern that ends in "$", after a literal or a group of plain
    alternatives and optional whitespace ("\\)\\s*$", "/\\s*(reuters|afp)\\s*$", "komentar\\s*\\?$").
    A match then ends at the text's end (or before a final line break), so `text.rstrip().endswith(texts)`
    holds. Empty when the pattern ends otherwise."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return ()
    if parsed.state.flags & (re.IGNORECASE | re.MULTILINE):
        return ()
    items: _Items = list(parsed)
    if not items or items[-1] != (sre_constants.AT, sre_constants.AT_END):
        return ()
    items.pop()
    while items and _optional_space(*items[-1]):
        items.pop()
    if not items:
        return ()
    op, value = items[-1]
    if op is sre_constants.LITERAL:
        return (chr(value),)
    if op is sre_constants.SUBPATTERN and not (value[1] or value[2]):
        return _plain_alternatives(value[3]) or ()
    if op is sre_constants.BRANCH:                # a group without capture: "(?:reuters|afp)"
        return _plain_alternatives([(op, value)]) or ()
    return ()


def longest_text(pattern: str) -> int | None:
    """The longest text `pattern` can match from its start to its end (`re.match`): the pattern spans the
    whole text, from "^" to "$" ("^(loading|memuat)\\.*$" has no bound, "^(next|prev)\\s*$" neither, but
    "^[^!?]{1,60}\\s>\\s[^!?]{1,40}$" has), or opens with a look-ahead that does ("^(?=.{0,90}$).*iklan").
    One character more for the line break "$" may stand before. None when there is no such bound."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & re.MULTILINE:
        return None
    items: _Items = list(parsed)
    if not items or items[0] != (sre_constants.AT, sre_constants.AT_BEGINNING):
        return None
    bounds = []
    if len(items) >= 2 and items[1][0] is sre_constants.ASSERT and items[1][1][0] == 1:    # (?=...) ahead
        ahead = items[1][1][1]
        if list(ahead) and list(ahead)[-1] == (sre_constants.AT, sre_constants.AT_END):
            bounds.append(ahead.getwidth()[1])
    if items[-1] == (sre_constants.AT, sre_constants.AT_END):
        bounds.append(parsed.getwidth()[1])
    width = min(bounds, default=_UNBOUNDED)
    return width + 1 if width < _UNBOUNDED else None


def _optional_space(op: Any, value: Any) -> bool:
    """`\\s*`: a repeat of whitespace that may match nothing."""
    return op in _REPEATS and value[0] == 0 and list(value[2]) == [
        (sre_constants.IN, [(sre_constants.CATEGORY, sre_constants.CATEGORY_SPACE)])]


def _plain_alternatives(inner: Any) -> tuple[str, ...] | None:
    """The texts of a parsed group made only of plain alternatives ("ikuti|follow") or of one plain text."""
    items = list(inner)
    one_branch = len(items) == 1 and items[0][0] is sre_constants.BRANCH
    branches = items[0][1][1] if one_branch else [items]
    texts = []
    for branch in branches:
        ops = list(branch)
        if not ops or any(op is not sre_constants.LITERAL for op, _value in ops):
            return None
        texts.append("".join(chr(value) for _op, value in ops))
    return tuple(texts)


def rule_edge(rule: str, side: Literal["prefix", "suffix"]) -> Chars:
    """The characters a match of `rule` (anchored as spaCy anchors it) must begin with (a prefix rule) or end
    with (a suffix rule); None when it may match elsewhere, or its shape is not one this reading knows."""
    anchored = f"^{rule}" if side == "prefix" else f"{rule}$"
    try:
        tree = sre_parse.parse(anchored)
    except (re.error, RecursionError):           # pragma: no cover - spaCy compiled it already
        return None
    if tree.state.flags & re.IGNORECASE:
        return None
    items: _Items = list(tree)
    return _anchored_first(items) if side == "prefix" else _anchored_last(items)


def _anchored_first(items: _Items) -> Chars:
    """First characters of a pattern that can match only at the start of the text."""
    if not items:
        return None
    op, argument = items[0]
    if op is sre_constants.AT and argument in (sre_constants.AT_BEGINNING, sre_constants.AT_BEGINNING_STRING):
        return _first(items[1:])
    if op is sre_constants.BRANCH and len(items) == 1:       # "^a|b": every branch must be anchored
        return _union(_anchored_first(list(branch)) for branch in argument[1])
    return None


def _anchored_last(items: _Items) -> Chars:
    """Last characters of a pattern that can match only at the end of the text."""
    if not items:
        return None
    op, argument = items[-1]
    if op is sre_constants.AT and argument in (sre_constants.AT_END, sre_constants.AT_END_STRING):
        return _last(items[:-1])
    if op is sre_constants.BRANCH and len(items) == 1:
        return _union(_anchored_last(list(branch)) for branch in argument[1])
    return None


def _first(items: _Items) -> Chars:
    """The characters the first character a match of `items` consumes is one of (None: unknown)."""
    if not items:
        return None
    op, argument = items[0]
    if op in _ZERO_WIDTH:                         # a look-around only narrows what follows
        return _first(items[1:])
    if op is sre_constants.SUBPATTERN:
        _group, add_flags, del_flags, body = argument
        return None if add_flags or del_flags else _first(list(body) + items[1:])
    if op is sre_constants.BRANCH:
        return _union(_first(list(branch) + items[1:]) for branch in argument[1])
    if op in _REPEATS:
        minimum, _maximum, body = argument
        return _first(list(body)) if minimum >= 1 else None
    return _characters(op, argument)


def _last(items: _Items) -> Chars:
    """The characters the last character a match of `items` consumes is one of (None: unknown)."""
    if not items:
        return None
    op, argument = items[-1]
    if op in _ZERO_WIDTH:
        return _last(items[:-1])
    if op is sre_constants.SUBPATTERN:
        _group, add_flags, del_flags, body = argument
        return None if add_flags or del_flags else _last(items[:-1] + list(body))
    if op is sre_constants.BRANCH:
        return _union(_last(items[:-1] + list(branch)) for branch in argument[1])
    if op in _REPEATS:
        minimum, _maximum, body = argument
        return _last(list(body)) if minimum >= 1 else None
    return _characters(op, argument)


def _characters(op: Any, argument: Any) -> Chars:
    """The characters one literal or character class matches; None for anything else (\\w, [^...], .)."""
    if op is sre_constants.LITERAL:
        return frozenset(chr(argument))
    if op is not sre_constants.IN:
        return None
    chars: set[str] = set()
    for member, value in argument:
        if member is sre_constants.LITERAL:
            chars.add(chr(value))
        elif member is sre_constants.RANGE:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:                                     # NEGATE, CATEGORY
            return None
    return frozenset(chars)


def _union(parts: Any) -> Chars:
    chars: set[str] = set()
    for part in parts:
        if part is None:
            return None
        chars |= part
    return frozenset(chars)
