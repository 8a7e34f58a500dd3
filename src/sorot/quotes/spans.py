"""Quotation-mark spans in a body text: curly and straight quotes, quotes running over paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“„‟«"
CLOSERS = "”»"
STRAIGHT = '"'
LOW_OPENER = "„"
_MARK = re.compile("''|[" + re.escape(OPENERS + CLOSERS + STRAIGHT) + "]")   # two apostrophes: a straight quote


@dataclass(frozen=True)
class QuoteSpan:
    open: int                         # offset of the opening mark
    close: int                        # offset of the closing mark (or of the paragraph's end)
    start: int                        # offsets of the words inside the marks
    end: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph (blocks separated by blank lines)."""
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Opening ("o") and closing ("c") marks of one paragraph, straight quotes paired in order. Two
    apostrophes ('') stand for a straight quote; a low opening mark („) is closed by “ as well as ”. A quote
    inside a quote (a title: "... resolusi "Admission of New Members" ...") opens where a mark stands after a
    space and before a word, and its closing mark does not close the outer quote."""
    marks, inside, opener, nested = [], False, "", 0
    # every other character leaves the state as it is: only the marks are visited
    for found in _MARK.finditer(text, start, end):
        i, ch = found.start(), found.group()
        marks_width = len(ch)
        if ch == "''":
            ch = STRAIGHT
        closes_low = inside and opener == LOW_OPENER and ch == "“"
        if inside and not closes_low and _opens_inner(text, i, marks_width, end, ch):
            nested += 1
        elif inside and nested and (ch in CLOSERS or ch == STRAIGHT):
            nested -= 1
        elif not closes_low and (ch in OPENERS or (ch == STRAIGHT and not inside)
                                 or (ch in CLOSERS and not inside and i + 1 < end and text[i + 1].isalnum())):
            if not inside:
                marks.append((i, "o"))
                inside, opener = True, ch
        elif (ch in CLOSERS or ch == STRAIGHT or closes_low) and inside:
            marks.append((i + marks_width - 1, "c"))
            inside = False
    return marks


def _opens_inner(text: str, i: int, width: int, end: int, ch: str) -> bool:
    """A mark inside an open quote that opens another: an opening curly mark, or a straight one right after a
    space and right before a word."""
    if ch in OPENERS:
        return True
    after = i + width
    return ch == STRAIGHT and i > 0 and text[i - 1].isspace() and after < end and text[after].isalnum()


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation; one left open at a paragraph's end continues when the next paragraph opens a
    quote (the convention for quotes over several paragraphs), otherwise it ends with its paragraph."""
    spans: list[QuoteSpan] = []
    pending: int | None = None        # opening offset of a quote still open at a paragraph's end
    p_start_prev_end = 0
    for p_start, p_end in paragraphs(text):
        marks = _marks(text, p_start, p_end)
        if pending is not None and not (marks and marks[0] == (_first_char(text, p_start), "o")):
            spans.append(_span(text, pending, p_start_prev_end))
            pending = None
        opened = pending
        for offset, kind in marks:
            if kind == "o" and opened is None:
                opened = offset
            elif kind == "o" and opened == pending and offset == _first_char(text, p_start):
                continue              # the continuation mark of a multi-paragraph quote
            elif kind == "c" and opened is not None:
                spans.append(_span(text, opened, offset))
                opened = None
        pending, p_start_prev_end = opened, p_end
    if pending is not None:
        spans.append(_span(text, pending, p_start_prev_end))
    return spans


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _span(text: str, opened: int, closed: int) -> QuoteSpan:
    start, end = opened + 1, closed
    if text[opened] == "'":           # '' ... '': both marks are two characters wide
        start += 1
        end -= 1 if text[closed:closed + 1] == "'" else 0
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuoteSpan(open=opened, close=closed, start=start, end=end)
