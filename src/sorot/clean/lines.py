"""Labels every non-blank line of a scraped page: body, title, meta, caption, boilerplate or duplicate.

A page has three regions: the head before the first paragraph (title, date, byline, teaser, lead
photo and its caption), the body between the first and the last paragraph, and the tail after it
(related links, tags, comment boxes, footers). Cue phrases (data/clean/cues.yaml), date and byline
parsers label lines anywhere; position and shape label the rest.
"""

from __future__ import annotations

import re
import unicodedata

from sorot.clean.cues import load_cues
from sorot.clean.dateline import bare_dateline, split_dateline
from sorot.meta.bylines import parse_byline, parse_name_line
from sorot.meta.dates import find_datetime, parse_datetime
from sorot.schema import Line

_SENTENCE_END = re.compile(r"[.!?…:;\"”’')*]\s*$")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Case, accents, punctuation and spacing folded: the key for repeated lines."""
    text = unicodedata.normalize("NFKD", text).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_paragraph(text: str) -> bool:
    """Running prose: a sentence of five words or more that ends like one (before any sign-off such as
    "(ant)" or "[dan]"), or any long line."""
    text = load_cues().sign_off.sub("", text)
    words = word_count(text)
    return words >= 20 or (words >= 5 and bool(_SENTENCE_END.search(text)))


def is_title_case(text: str) -> bool:
    """Headline capitalisation: most words of three letters or more start with a capital."""
    words = [w for w in _WORD.findall(text) if len(w) >= 3 and not w.isdigit()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def is_date_line(text: str) -> bool:
    """A line that is mostly a date: 'Rabu 20 Sep 2023 14:35 WIB', 'Diperbarui 19 Mei 2024 10:00'."""
    if word_count(text) > 12:
        return False
    if parse_datetime(text):
        return True
    found = find_datetime(text)
    return bool(found) and (found[2] - found[1]) >= len(text.strip()) * 0.5


def cue_label(text: str) -> str | None:
    cues = load_cues()
    if cues.is_boilerplate(text):
        return "boilerplate"
    if cues.is_caption(text):
        return "caption"
    if is_date_line(text) or bare_dateline(text) or (word_count(text) <= 25 and parse_byline(text)):
        return "meta"
    return None


def label_lines(raw_lines: list[str], find_title: bool = True) -> list[Line]:
    """One Line per non-blank raw line (numbered from 1 as in the input), labelled. HTML blocks come
    without their headline (the page's <title> and og:title give it), so `find_title` is off for them."""
    items = [(n, text.strip()) for n, text in enumerate(raw_lines, 1) if text.strip()]
    labels: list[str | None] = [cue_label(text) for _, text in items]
    _label_repeated_leads(items, labels)
    prose = [label is None and (is_paragraph(text) or split_dateline(text) is not None)
             for label, (_, text) in zip(labels, items, strict=True)]
    if any(prose):
        first = _first_paragraph(items, prose)
        last = _last_paragraph(items, prose, first)
        _label_head(items, labels, first, find_title)
        _label_body(items, labels, first, last)
        _label_tail(labels, last)
    else:                             # no prose at all: a stub page, keep what is not boilerplate
        labels = [label or "body" for label in labels]
    return [Line(n, text, label or "body") for (n, text), label in zip(items, labels, strict=True)]


def _first_paragraph(items: list[tuple[int, str]], prose: list[bool]) -> int:
    """The first paragraph, or a later one among the first six that opens with a dateline or follows a
    dateline printed on its own line: what comes before a dateline is a teaser or caption, not the story."""
    candidates = [i for i, is_prose in enumerate(prose) if is_prose][:6]
    for i in candidates:
        if split_dateline(items[i][1]) or (i and bare_dateline(items[i - 1][1])):
            return i
    return candidates[0]


def _last_paragraph(items: list[tuple[int, str]], prose: list[bool], first: int) -> int:
    """The last paragraph before the page furniture that closes the article (comments, tags, related)."""
    cues = load_cues()
    end = next((i for i in range(first + 1, len(items)) if cues.ends_article(items[i][1])), None)
    if end is None:
        return max([i for i in range(first, len(items)) if prose[i]], default=first)
    # before the furniture that closes the article, a short closing sentence is still the story
    # ("Pyongyang belum berkomentar.")
    return max([i for i in range(first, end) if prose[i] or (
        word_count(items[i][1]) >= 3 and _SENTENCE_END.search(items[i][1]) and cue_label(items[i][1]) is None)],
        default=first)


def _label_repeated_leads(items: list[tuple[int, str]], labels: list[str | None]) -> None:
    """A line repeated inside a later, longer paragraph is the lead sentence printed under the photo."""
    folded = [fold(text) for _, text in items]
    for i, key in enumerate(folded):
        if labels[i] is None and word_count(key) >= 5 and not is_title_case(items[i][1]) and any(
                key in later and len(later) > len(key) for later in folded[i + 1:]):
            labels[i] = "caption"


def _label_head(items: list[tuple[int, str]], labels: list[str | None], first: int, find_title: bool) -> None:
    """Before the first paragraph: the first headline-like line is the title; a line repeated in the
    body (the lead sentence under the photo) or next to a photo credit is a caption; the rest is meta."""
    body_text = " ".join(fold(text) for _, text in items[first:first + 3])
    title_seen = not find_title
    for i in range(first):
        if labels[i] is not None:
            continue
        text = items[i][1]
        near_credit = "caption" in (labels[i - 1] if i else None, labels[i + 1] if i + 1 < first else None)
        byline = parse_name_line(text)
        if not title_seen and is_title_case(text) and not byline:
            labels[i], title_seen = "title", True
        elif fold(text) and fold(text) in body_text:
            labels[i] = "caption"
        elif byline and (byline[1] or title_seen):
            labels[i] = "meta"        # "Danu Prasetya - detikNews", or a bare name under the headline
        elif near_credit:
            labels[i] = "caption"
        elif not title_seen and word_count(text) >= 3 and not text.endswith("."):
            labels[i], title_seen = "title", True
        else:
            labels[i] = "meta"


def _label_body(items: list[tuple[int, str]], labels: list[str | None], first: int, last: int) -> None:
    """Between the first and last paragraph: repeated paragraphs are duplicates; short lines that do
    not end like a sentence ('Presiden Rusia Vladimir Putin', 'Bendera Cina dan Rusia') are captions."""
    seen: set[str] = set()
    for i in range(first, last + 1):
        text = items[i][1]
        if labels[i] is not None:
            continue
        key = fold(text)
        if key in seen:
            labels[i] = "duplicate"
        elif i == first or is_paragraph(text) or (word_count(text) >= 3 and _SENTENCE_END.search(text)):
            labels[i] = "body"
            seen.add(key)
        else:
            labels[i] = "caption"


def _label_tail(labels: list[str | None], last: int) -> None:
    for i in range(last + 1, len(labels)):
        if labels[i] is None:
            labels[i] = "boilerplate"
