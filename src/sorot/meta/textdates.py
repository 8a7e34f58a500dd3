"""The publication date of a text page as scored candidates.

Every date line of the page is a candidate (a line that is mostly a date, or a byline carrying one:
"Reporter : Danu | Jumat, 19 Juni 2015 03:40"). Where it sits decides most: the article head (between the
headline and the story) is trusted, a date above the headline is the site's "today" header, and a date
in a list of dated headlines (a related-stories list, wherever it is) is another article's. A stated
time, a day name that agrees with the date and the URL's date path add to the score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sorot.meta.html import DateCandidate
from sorot.schema import Line
from sorot.text.bylines import parse_byline
from sorot.text.dates import DateMatch, find_datetimes

HEAD_LINES = 8             # the first lines of an unlabelled page are its head
DATE_LINE_MAX_WORDS = 4    # words besides the date on a line that is only a date line
META_LINE_MAX_WORDS = 15   # a meta line longer than this is a teaser or caption, not a date line
LIST_GAP = 3               # dated lines at most this far apart, with headlines between, form a list

_URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|$|\D)|/((?:19|20)\d\d)(\d\d)(\d\d)(?:/|$|\D)")


@dataclass(frozen=True)
class _Row:
    index: int
    line: Line
    match: DateMatch


def is_date_line(text: str) -> bool:
    """A line that is only a date (and time), or a byline that carries one."""
    found = find_datetimes(text)
    if not found:
        return False
    rest = text
    for match in reversed(found):
        rest = rest[:match.start] + rest[match.end:]
    return len(rest.split()) <= DATE_LINE_MAX_WORDS or parse_byline(text) is not None


def url_day(url: str | None) -> str | None:
    """The day in a URL's path ("/2022/03/01/", "/20220301/"), or None."""
    match = _URL_DAY.search(url or "")
    if not match:
        return None
    y, m, d = (g for g in match.groups() if g is not None)
    if not (1 <= int(m) <= 12 and 1 <= int(d) <= 31):
        return None
    return f"{y}-{int(m):02d}-{int(d):02d}"


def _rows(lines: list[Line]) -> list[_Row]:
    rows = []
    for i, line in enumerate(lines):
        in_head = i < HEAD_LINES and line.label != "caption"
        if line.label == "title" or (line.label in ("meta", "boilerplate") or in_head) and (
                is_date_line(line.text) or line.label == "meta" and len(line.text.split()) <= META_LINE_MAX_WORDS):
            found = find_datetimes(line.text)
            if found:
                rows.append(_Row(i, line, found[0]))
    return rows


def _under_a_headline(row: _Row, lines: list[Line]) -> bool:
    """Whether the dated line sits right under a headline-like line that is not the article's title."""
    if row.index == 0:
        return False
    above = lines[row.index - 1]
    return above.label not in ("body", "title") and len(above.text.split()) >= 3 and not find_datetimes(above.text)


def _in_dated_list(row: _Row, rows: list[_Row], lines: list[Line]) -> bool:
    """Whether the row belongs to a list of dated headlines (a related or popular list, wherever it is):
    it and another dated line close by each sit under a headline that is not the article's."""
    return _under_a_headline(row, lines) and any(
        other is not row and abs(other.index - row.index) <= 2 * LIST_GAP and _under_a_headline(other, lines)
        for other in rows)


def text_date_candidates(lines: list[Line], url: str | None = None) -> list[DateCandidate]:
    """The page's dates, best first, each with the evidence in words."""
    body = [i for i, line in enumerate(lines) if line.label == "body"]
    first, last = (body[0], body[-1]) if body else (len(lines), len(lines))
    title_at = next((i for i, line in enumerate(lines) if line.label == "title"), None)
    day_in_url = url_day(url)
    rows = _rows(lines)
    scored: list[tuple[float, int, DateCandidate]] = []
    for row in rows:
        region, score = ("article head", 2.0) if row.index < first else (
            ("after the story", 0.5) if row.index > last else ("inside the story", 0.0))
        if _in_dated_list(row, rows, lines):
            region, score = "a list of dated headlines", score - 3.0
        elif title_at is not None and row.index < title_at and region == "article head":
            region, score = "above the headline: the site's date header", score - 1.0
        score += 0.5 * row.match.has_time - 1.0 * (not row.match.weekday_ok)
        score += 0.5 * (parse_byline(row.line.text) is not None)
        if day_in_url and row.match.iso[:10] == day_in_url:
            score += 1.5
            region += ", agrees with the URL's date"
        candidate = DateCandidate(row.match.iso, "line", row.match.updated, f"line {row.line.n} ({region})",
                                  row.match.zone)
        scored.append((score, -row.index, candidate))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [candidate for _score, _order, candidate in scored] or _head_caption_dates(lines, first)


def _head_caption_dates(lines: list[Line], first: int) -> list[DateCandidate]:
    """With no date line at all, the day a photo caption or teaser in the head names ("... di Nusa Dua,
    Selasa (15/11/2022)"): the event's day, usually the publication's too, and the weakest evidence."""
    for line in lines[:first]:
        found = find_datetimes(line.text)
        if found and line.label == "meta":
            return [DateCandidate(found[0].iso[:10], "caption",
                                  where=f"line {line.n} (a date in the head's caption or teaser: the event's day)")]
    return []
