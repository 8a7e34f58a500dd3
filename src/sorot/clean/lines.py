"""Labels every non-blank line of a scraped page: body, title, meta, caption, boilerplate or duplicate.

A page has three regions: the head before the first paragraph (title, date, byline, teaser, lead
photo and its caption), the body between the first and the last paragraph, and the tail after it
(related links, tags, comment boxes, footers). Cue phrases (data/clean/cues.yaml), date and byline
parsers label lines anywhere; position and shape label the rest.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate
from typing import Any

from sorot.clean.cues import Cues, load_cues
from sorot.kb.loader import is_known_place
from sorot.schema import Line, LineLabel
from sorot.text.bylines import parse_byline, parse_name_line
from sorot.text.datelines import bare_dateline, split_dateline
from sorot.text.dates import find_datetime, parse_datetime
from sorot.text.headlines import without_scrape_prefix
from sorot.text.normalise import line_key

_SENTENCE_END = re.compile(r"[.!?…:;\"”’')*]\s*$")
_WORD = re.compile(r"\w+")
# a full stop between two sentences ("Ilustrasi. Iran menembakkan ..."): captions have them, headlines not
_SITE_SUFFIX = re.compile(r"\s[-|–]\s*[\w-]+\.(com|co\.id|id|net|co)\s*$", re.IGNORECASE)
_SENTENCE_INSIDE = re.compile(r"\w{3,}\.\s+[A-Z]")


@lru_cache(maxsize=4096)
def word_count(text: str) -> int:
    """Words of a line (cached: the labeller asks it of the same line in several rules)."""
    return len(_WORD.findall(text))


def is_paragraph(text: str) -> bool:
    """Running prose: a sentence of five words or more that ends like one (before any sign-off such as
    "(ant)" or "[dan]"), or any long line."""
    return _is_paragraph(text, load_cues())


@lru_cache(maxsize=4096)
def _is_paragraph(text: str, cues: Cues) -> bool:
    """is_paragraph under these cues (cached with them: the labeller asks it of a line in several rules, and
    cues loaded from other data are other keys)."""
    text = cues.sign_off.sub("", text)
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
    return found is not None and (found[2] - found[1]) >= len(text.strip()) * 0.5


def cue_label(text: str) -> LineLabel | None:
    cues = load_cues()
    text = without_scrape_prefix(text) or text   # " date 2024-02-14 <headline>" is the headline
    if cues.is_boilerplate(text):
        return "boilerplate"
    if cues.is_caption(text):
        return "caption"
    if is_date_line(text) or bare_dateline(text, is_known_place) or (word_count(text) <= 25 and parse_byline(text)):
        return "meta"
    return None


def label_lines(raw_lines: list[str], find_title: bool = True, evidence: dict[str, Any] | None = None) -> list[Line]:
    """One Line per non-blank raw line (numbered from 1 as in the input), labelled. HTML blocks come
    without their headline (the page's <title> and og:title give it), so `find_title` is off for them."""
    items = [(n, text.strip()) for n, text in enumerate(raw_lines, 1) if text.strip()]
    labels: list[LineLabel | None] = [cue_label(text) for _, text in items]
    _label_repeated_leads(items, labels)
    prose = [label is None and (is_paragraph(text) or split_dateline(text, is_known_place) is not None)
             for label, (_, text) in zip(labels, items, strict=True)]
    if any(prose):
        first = _first_paragraph(items, prose)
        last = _last_paragraph(items, prose, first)
        _label_head(items, labels, first, find_title, evidence)
        _label_body(items, labels, first, last)
        _label_tail(items, labels, last)
    else:                             # no prose at all: a stub page, keep what is not boilerplate
        labels = [label or "body" for label in labels]
    return [Line(n, text, label or "body") for (n, text), label in zip(items, labels, strict=True)]


def _first_paragraph(items: list[tuple[int, str]], prose: list[bool]) -> int:
    """The first paragraph, or a later one among the first six that opens with a dateline or follows a
    dateline printed on its own line: what comes before a dateline is a teaser or caption, not the story.
    Without a dateline, a prose-like line that still has the article head (date or byline line, photo
    credit) below it is a teaser or a headline, and the story starts after that head."""
    candidates = [i for i, is_prose in enumerate(prose) if is_prose][:6]
    for i in candidates:
        if split_dateline(items[i][1], is_known_place) or (i and bare_dateline(items[i - 1][1], is_known_place)):
            return i
    for i, following in zip(candidates[:3], candidates[1:4], strict=False):
        if not _head_follows(items, i, following):
            return i
    return candidates[0]


def _head_follows(items: list[tuple[int, str]], i: int, following: int) -> bool:
    """Whether the lines between prose line `i` and the next prose line belong to an article head: a
    date or byline line, or (below a short line that ends without a full stop, like a headline) a photo
    caption or credit."""
    between = [text for _, text in items[i + 1:following]]
    if any(is_date_line(text) or (word_count(text) <= 12 and parse_byline(text)) for text in between):
        return True
    text = items[i][1]
    headline_like = word_count(text) <= 16 and not text.rstrip().endswith(".")
    return headline_like and any(load_cues().is_caption(line) for line in between)


def _last_paragraph(items: list[tuple[int, str]], prose: list[bool], first: int) -> int:
    """The last paragraph before the page furniture that closes the article (comments, tags, related)."""
    end = _end_marker(items, prose, first)
    if end is None:
        return max([i for i in range(first, len(items)) if prose[i]], default=first)
    # before the furniture that closes the article, a short closing sentence is still the story
    # ("Pyongyang belum berkomentar.")
    return max([i for i in range(first, end) if prose[i] or (
        word_count(items[i][1]) >= 3 and _SENTENCE_END.search(items[i][1]) and cue_label(items[i][1]) is None)],
        default=first)


def _end_marker(items: list[tuple[int, str]], prose: list[bool], first: int) -> int | None:
    """The first end-of-article marker after the first paragraph; a related-stories widget printed
    between two paragraphs (a full paragraph follows within three lines) does not end the story."""
    cues = load_cues()
    for i in range(first + 1, len(items)):
        text = items[i][1]
        if not cues.ends_article(text):
            continue
        if cues.may_sit_inside(text) and any(
                prose[j] and word_count(items[j][1]) >= 12 for j in range(i + 1, min(i + 4, len(items)))):
            continue
        return i
    return None


def _label_repeated_leads(items: list[tuple[int, str]], labels: list[LineLabel | None]) -> None:
    """A line repeated inside a later, longer paragraph is the lead sentence printed under the photo."""
    folded = [line_key(text) for _, text in items]
    later_lines = _LaterLines(folded)
    for i, key in enumerate(folded):
        # the repetition first: few lines have one, and the test is cheaper than headline capitalisation
        if labels[i] is None and word_count(key) >= 5 and later_lines.may_hold(i, key) and any(
                key in later and len(later) > len(key) for later in _within_reach(folded, i + 1)) \
                and not is_title_case(items[i][1]):
            labels[i] = "caption"


REPEAT_REACH = 20_000  # characters after a line where its repetition is looked for (a whole news article)
_KEY_END = "\0"        # ends each line key in _LaterLines: no key holds it (line_key makes it a space)


class _LaterLines:
    """The line keys of a page joined into one text, each closed by _KEY_END, so that whether the lines after
    line i (those `_within_reach`) hold a key is one search in C over their stretch, where a key of no line
    is found in none; only a key found there is looked for line by line (is the line holding it longer?)."""

    def __init__(self, folded: list[str]) -> None:
        self.joined = _KEY_END.join(folded) + _KEY_END
        self.starts = list(accumulate((len(key) + 1 for key in folded), initial=0))   # where each key begins
        self.lengths = list(accumulate(map(len, folded), initial=0))                   # characters before each

    def may_hold(self, i: int, key: str) -> bool:
        """Whether a line after line i, within REPEAT_REACH characters as `_within_reach` reads them, holds `key`."""
        first = i + 1
        if first >= len(self.starts) - 1:
            return False
        # _within_reach gives line j while the lines before it, from `first` on, hold REPEAT_REACH characters or fewer
        last = min(bisect.bisect_right(self.lengths, self.lengths[first] + REPEAT_REACH), len(self.starts) - 1)
        return self.joined.find(key, self.starts[first], self.starts[last]) >= 0


def _within_reach(folded: list[str], start: int) -> Iterator[str]:
    """The lines after `start` up to REPEAT_REACH characters on: looking through every later line of a long
    document for every line would take time growing with the square of its length."""
    seen = 0
    for line in folded[start:]:
        if seen > REPEAT_REACH:
            return
        seen += len(line)
        yield line


def _label_head(items: list[tuple[int, str]], labels: list[LineLabel | None], first: int, find_title: bool,
                evidence: dict[str, Any] | None = None) -> None:
    """Before the first paragraph: the best-scored headline candidate is the title; a line repeated in the
    body (the lead sentence under the photo) or next to a photo credit is a caption; the rest is meta."""
    body_text = " ".join(line_key(text) for _, text in items[first:first + 3])
    title = _title_index(items, labels, first, body_text, evidence) if find_title else None
    for i in range(first):
        if labels[i] is not None:
            continue
        text = items[i][1]
        near_credit = "caption" in (labels[i - 1] if i else None, labels[i + 1] if i + 1 < first else None)
        byline = parse_name_line(text)
        if i == title:
            labels[i] = "title"
        elif line_key(text) and line_key(text) in body_text:
            labels[i] = "caption"
        elif byline and (byline[1] or (title is not None and i > title)):
            labels[i] = "meta"        # "Danu Prasetya - detikNews", or a bare name under the headline
        elif near_credit:
            labels[i] = "caption"
        else:
            labels[i] = "meta"


def _title_index(items: list[tuple[int, str]], labels: list[LineLabel | None], first: int, body_text: str,
                 evidence: dict[str, Any] | None = None) -> int | None:
    """The headline among the head's lines, scored on layout evidence by the rules of data/clean/cues.yaml
    (`title_rules`): it is repeated in the head, has headline capitalisation and length, and sits above the
    date or byline line, near the story; kickers, breadcrumbs and taglines lose. None when no line scores
    enough. `evidence` receives the ids of the rules that fired for the winner."""
    cues = load_cues()
    head = [i for i in range(first) if labels[i] is None and not parse_name_line(items[i][1])]
    folded = {i: line_key(_without_scrape_prefix(items[i][1])) for i in range(first)}
    best: tuple[float, int, list[str]] | None = None
    for i in head:
        text = _without_scrape_prefix(items[i][1])
        if not _headline_shaped(text):
            continue
        fired = _title_rules_fired(items, labels, first, body_text, folded, i, max(head))
        score = sum(cues.title_rules[rule] for rule in fired)
        if best is None or score > best[0]:
            best = (score, i, fired)
    if best is None or best[0] < cues.title_min_score:
        return None
    if evidence is not None:
        evidence["title_rules"] = best[2]
    return best[1]


def _headline_shaped(text: str) -> bool:
    words = word_count(text)
    starts = text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"“‘'"
    return 3 <= words <= 20 and starts and not text.endswith(".") and not _SENTENCE_INSIDE.search(text) \
        and not _is_role_glued(text)


def _title_rules_fired(items: list[tuple[int, str]], labels: list[LineLabel | None], first: int, body_text: str,
                       folded: dict[int, str], i: int, last_candidate: int) -> list[str]:
    """The ids of the headline rules (data/clean/cues.yaml `title_rules`) that hold for head line `i`."""
    text = _without_scrape_prefix(items[i][1])
    key = folded[i]
    others = [folded[j] for j in range(first) if j != i and folded[j]]
    neighbours = [items[j][1] for j in (i - 1, i + 1) if 0 <= j < first]
    checks = {
        "T-repeated": any(key == other or (key in other and len(other) < 2 * len(key)) for other in others),
        "T-holds-line": any(other in key and other != key and len(other) >= len(key) / 2 for other in others),
        "T-in-lead": key in body_text,
        "T-headline-case": is_title_case(text),
        "T-long": word_count(text) >= 6,
        "T-kicker": text.isupper() and word_count(text) <= 3,
        "T-truncated": text.endswith(("...", "…")),
        "T-above-date": any(labels[j] == "meta" or is_date_line(items[j][1]) for j in range(i + 1, min(i + 3, first))),
        "T-nearest-story": i == last_candidate,
        "T-site-suffix": _SITE_SUFFIX.search(text) is not None,
        "T-beside-credit": any(load_cues().is_caption(line) for line in neighbours),
    }
    return [rule for rule, holds in checks.items() if holds]


def _without_scrape_prefix(text: str) -> str:
    return without_scrape_prefix(text).strip()


def _is_role_glued(text: str) -> bool:
    """A byline whose role label lost its space in the scrape: "EditorPascal S Bin Saju"."""
    return re.match(r"^(Editor|Penulis|Reporter|Pewarta|Oleh|Redaktur|Kontributor)[A-Z]", text) is not None


def _label_body(items: list[tuple[int, str]], labels: list[LineLabel | None], first: int, last: int) -> None:
    """Between the first and last paragraph: repeated paragraphs are duplicates; a short line that does
    not end like a sentence is a subhead when the next paragraph takes up its words ("Hak Veto" above a
    paragraph on the veto), else a caption ('Presiden Rusia Vladimir Putin'); headlines listed under a
    related-stories widget inside the story are boilerplate."""
    seen: set[str] = set()
    in_widget = False
    cues = load_cues()
    subheads: list[int] = []
    short_lines: list[int] = []
    for i in range(first, last + 1):
        text = items[i][1]
        if labels[i] is not None:
            # a related widget's heading ("BERITA REKOMENDASI", "Baca juga:") lists headlines below it
            in_widget = in_widget or (labels[i] == "boilerplate" and (
                cues.may_sit_inside(text) or text.rstrip().endswith(":")))
            continue
        key = line_key(text)
        if key in seen:
            labels[i] = "duplicate"
        elif i == first or is_paragraph(text) or (word_count(text) >= 3 and _SENTENCE_END.search(text)):
            labels[i], in_widget = "body", False
            seen.add(key)
        elif in_widget:
            labels[i] = "boilerplate"
        elif _is_subhead(text, items[i + 1][1] if i + 1 < len(items) else ""):
            labels[i] = "body"
            subheads.append(i)
        else:
            labels[i] = "caption"
            short_lines.append(i)
    if len(subheads) >= 2:            # a story in sections: its other short lines are headings too
        _label_sibling_subheads(items, labels, short_lines)


def _label_sibling_subheads(items: list[tuple[int, str]], labels: list[LineLabel | None], short_lines: list[int]) -> None:
    """Once a story is shown to have sections (two subheads or more), a short capitalised line between two
    paragraphs has the same shape as they do and is a subhead too, even when the paragraph below does
    not repeat its words."""
    for i in short_lines:
        text = items[i][1]
        capitalised = all(w[0].isupper() for w in text.split() if len(w) >= 4)
        if capitalised and word_count(text) <= 6 and 0 < i < len(items) - 1 \
                and labels[i - 1] == "body" and labels[i + 1] in ("body", None):
            labels[i] = "body"


def _is_subhead(text: str, following: str) -> bool:
    """A section heading inside the story: a short line starting with a capital whose content words
    mostly come back in the paragraph below it, found by their Sastrawi stems ("Kurang Berenergi" above
    "... kurang memiliki energi", "Terjadi Penembakan" above "... melepaskan tembakan")."""
    from sorot.text.words import stem  # Sastrawi's stemmer, loaded only when a page has such a line

    words = [w for w in line_key(text).split() if len(w) >= 3]
    if not words or word_count(text) > 10 or not text[0].isupper() or not is_paragraph(following):
        return False
    below = " " + line_key(following)
    shared = sum(f" {w[:5]}" in below or (len(root := stem(w)) >= 4 and root in below) for w in words)
    return shared >= max(2, 0.6 * len(words)) or (len(words) <= 2 and shared == len(words))


def _label_tail(items: list[tuple[int, str]], labels: list[LineLabel | None], last: int) -> None:
    """After the last paragraph everything unlabelled is furniture, except the page's final line when it
    is a paragraph cut off by the capture ("Iran telah berjanji untuk membalas serangan yang menewaskan
    pimpinan tert"): it follows the story with only cue-labelled furniture between them."""
    for i in range(last + 1, len(labels)):
        if labels[i] is None:
            labels[i] = "boilerplate"
    final = len(items) - 1
    if final > last and _is_cut_paragraph(items[final][1]) and all(
            labels[j] in ("boilerplate", "caption") for j in range(last + 1, final)) \
            and not any(load_cues().ends_article(items[j][1]) for j in range(last + 1, final + 1)) \
            and cue_label(items[final][1]) is None:
        labels[final] = "body"


def _is_cut_paragraph(text: str) -> bool:
    starts_like_prose = text[:1].isupper() or text[:1] in "\"“‘'"
    return starts_like_prose and not _SENTENCE_END.search(text) and (
        word_count(text) >= 8 or text[:1] in "\"“‘'")
