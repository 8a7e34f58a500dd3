"""Metadata: publication time, title, outlet, authors, language, and the story's own date.

`extract_metadata(article)` fills what the cleaning stage left open; fields it already set (the dateline
and the outlet named in it) are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlparse

from sorot.data import data_cached
from sorot.kb.loader import is_known_place
from sorot.meta.evidence import (
    authors_evidence,
    dateline_evidence,
    outlet_evidence,
    published_evidence,
    title_evidence,
)
from sorot.meta.html import DateCandidate, HtmlMeta, config, read_html_meta
from sorot.meta.language import detect_language
from sorot.meta.published import choose, is_utc, localise
from sorot.meta.story import story_date
from sorot.meta.textdates import is_date_line, text_date_candidates
from sorot.schema import Article, Line
from sorot.text.bylines import is_person_name, is_role_label, parse_byline, parse_name_line
from sorot.text.datelines import bare_dateline, split_dateline
from sorot.text.dates import parse_datetime
from sorot.text.headlines import without_scrape_prefix
from sorot.text.normalise import squash
from sorot.text.outlets import is_outlet_name, outlet_names_in, outlet_table

__all__ = ["extract_metadata"]

HEAD_LINES = 8          # a text page's date and byline sit in its first lines ...
TAIL_LINES = 4          # ... or, for bylines, its last ones
MASTHEAD_MAX_WORDS = 12  # a head line naming the outlet is short; a longer one is a teaser


def _domain(url: str | None) -> str | None:
    host = urlparse(url or "").hostname or ""
    return host.removeprefix("www.") or None


# ---------------------------------------------------------------- text pages

def _raw_lines(article: Article) -> list[Line]:
    """The labelled lines; when cleaning gave none, the raw lines (text) or the body paragraphs (HTML),
    all labelled body."""
    if article.lines:
        return sorted(article.lines, key=lambda line: line.n)
    is_html = article.raw is not None and article.raw.format == "html"
    content = article.text if is_html or article.raw is None else article.raw.content
    return [Line(n, text, "body") for n, text in enumerate(content.split("\n"), 1) if text.strip()]


def _story_texts(lines: list[Line]) -> list[str]:
    """Body and caption lines, without the page's own date lines."""
    kept = [ln for ln in lines if ln.label in ("body", "caption")]
    return [ln.text for ln in kept if not (ln.n <= HEAD_LINES and _is_date_line(ln.text))]


def _is_date_line(text: str) -> bool:
    return is_date_line(text)


def _text_authors(lines: list[Line]) -> tuple[list[str], dict[str, str]]:
    """The names in the page's bylines, and where each was read."""
    labelled = any(line.label != "body" for line in lines)
    pool = [ln for ln in lines if ln.label == "meta"] if labelled else lines[:HEAD_LINES] + lines[-TAIL_LINES:]
    sources: dict[str, str] = {}
    for line in pool:
        for name in parse_byline(line.text) or []:
            sources.setdefault(name, f"byline, line {line.n}")
    for line, below in zip(lines, lines[1:], strict=False):
        # a role label printed on its own line, the name on the next: "Oleh" / "FRANSISCA ROMANA"
        if line.label == "meta" and is_role_label(line.text) and below.label == "meta":
            for name in parse_byline(f"{line.text.strip()} {below.text.strip()}") or []:
                sources.setdefault(name, f"byline, lines {line.n}-{below.n}")
    names = list(sources)
    return names + [name for name in _name_line_authors(lines) if name not in names], sources


def _name_line_authors(lines: list[Line]) -> list[str]:
    """Bylines printed without a role label: "Danu Prasetya - detikNews" anywhere in the head, a bare
    name only below the headline (above it, a bare name is more likely the outlet's masthead)."""
    names: list[str] = []
    title_seen = False
    for line in lines:
        if line.label == "body":
            break
        title_seen = title_seen or line.label == "title"
        found = parse_name_line(line.text) if line.label == "meta" and parse_byline(line.text) is None else None
        if found and (found[1] or title_seen):
            names.extend(found[0])
    return names


@data_cached
def _outlet_patterns() -> tuple[re.Pattern[str], frozenset[str]]:
    domain = re.compile(r"(?<![\w.@/])[a-z0-9][\w-]*(?:\.[\w-]+)*\.(?:com|co\.id|id|net|news|co)(?!\w|\.\w)", re.I)
    return domain, outlet_table().not_outlets


def _text_outlets(lines: list[Line]) -> tuple[str | None, str | None]:
    """The outlet a text page names outside its story: (a masthead or byline in the head, "Danu Prasetya -
    detikNews", "kumparanNEWS"; a footer or credit in the tail, "© 2024 ceposonline.com")."""
    domain, excluded = _outlet_patterns()
    first_body = next((i for i, line in enumerate(lines) if line.label == "body"), len(lines))
    # not the headline ("... Merdeka Melalui Perjuangan": the word "free"), nor a teaser, where "antara" is
    # the word "between", not the agency
    head = [ln.text for ln in lines[:first_body]
            if ln.label in ("meta", "boilerplate") and len(ln.text.split()) <= MASTHEAD_MAX_WORDS]
    tail = [ln.text for ln in lines[first_body:] if ln.label in ("meta", "boilerplate")]
    # in the tail a listed name that is also a word ("Merdeka", "Suara", "Tempo") counts only in a credit
    tail_names = [text for text in tail if _CREDIT.search(text) or len(text.split()) <= 3]
    return (_first_outlet(head, True, domain, excluded),
            _first_outlet(tail, False, domain, excluded) or _first_outlet(tail_names, True, None, excluded))


_CREDIT = re.compile(r"©|\(c\)|\b(copyright|hak cipta|sumber|source|artikel ini|tayang|dilansir|dikutip)\b"
                     r"|\b(berita|konten|artikel|informasi)\b[^.]{0,40}\bdari\s+\S+", re.I)


def _first_outlet(texts: list[str], known: bool, domain: re.Pattern[str] | None,
                  excluded: frozenset[str]) -> str | None:
    """The first outlet the texts name: in each text, a listed name (with `known`) before a domain."""
    for text in texts:
        for found in outlet_names_in(text) if known else ():
            if found.casefold() not in excluded and is_outlet_name(found):
                return found
        for match in domain.finditer(text) if domain is not None else ():
            if match.group(0).casefold() not in excluded:
                return match.group(0)
    return None


# ---------------------------------------------------------------- HTML pages

def _outlet_keys(meta: HtmlMeta, article: Article) -> set[str]:
    titles = meta.titles + [meta.h1 or ""]
    keys = {squash(_clean_site_name(name, titles)) for name in meta.site_names + [article.outlet or ""]}
    domain = _domain(article.url or meta.url)
    if domain:
        keys.add(squash(domain.split(".")[0]))
        keys.add(squash(domain))
    return {k for k in keys if len(k) >= 3}


def _names_outlet(segment: str, keys: set[str]) -> bool:
    squashed = squash(segment)
    if re.search(r"\.(?:com|co\.id|id|net)\b", segment, re.I):
        return True
    return any(key in squashed or (squashed and squashed in key) for key in keys)


def _strip_outlet(title: str, keys: set[str]) -> str:
    parts = [p for p in re.split(config()["title_separators"], title) if p.strip()]
    while len(parts) > 1 and _names_outlet(parts[-1], keys):
        parts.pop()
    while len(parts) > 1 and _names_outlet(parts[0], keys):
        parts.pop(0)
    if len(parts) == len(re.split(config()["title_separators"], title)):
        return title.strip()
    return " - ".join(p.strip() for p in parts)


def _html_title(meta: HtmlMeta, keys: set[str]) -> str | None:
    """og:title (or <title>) without the site name; the <h1> when it is that same headline."""
    titles = [_strip_outlet(t, keys) for t in meta.titles if t]
    h1 = _strip_outlet(meta.h1, keys) if meta.h1 else None
    if not titles:
        return h1
    if h1 and len(h1.split()) >= 3 and squash(h1) in squash(titles[0]) \
            and len(h1) >= len(titles[0]) / 2:
        return h1
    return titles[0]


def _clean_site_name(name: str, titles: Iterable[str]) -> str:
    for title in titles:
        if title and title in name and title != name:
            name = name.replace(title, " ")
    name = name.strip(" :|-–")
    return re.split(config()["tagline_separators"], name)[0].strip() or name


def _html_outlet(meta: HtmlMeta, article: Article) -> str | None:
    for name in meta.site_names:
        cleaned = _clean_site_name(name, meta.titles + [meta.h1 or ""])
        if cleaned:
            return cleaned
    return _domain(article.url or meta.url)


def _html_authors(meta: HtmlMeta, lines: list[Line], keys: set[str]) -> list[str]:
    names = [n for n in meta.authors if is_person_name(n) and not _names_outlet(n, keys)]
    for text in [ln.text for ln in lines if ln.label == "meta" or len(ln.text) <= 150] + meta.bylines:
        names.extend(parse_byline(text) or [])
    return [n for n in names if not _names_outlet(n, keys)]


# ---------------------------------------------------------------- the stage

def _dedupe(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(re.sub(r"\s+", " ", name).casefold(), name)
    return list(seen.values())


def _hint_dates(article: Article) -> list[DateCandidate]:
    hint = article.raw.published if article.raw else None
    iso = parse_datetime(hint or "")
    return [DateCandidate(localise(iso, []) if iso and is_utc(iso) else iso, "hint")] if iso else []


def _home_zone(article: Article) -> tuple[str, str] | None:
    """The outlet's home zone outside WIB, from the outlets table: (zone, outlet name)."""
    table = outlet_table()
    outlet = table.for_name(article.outlet) or (found[0] if (found := table.for_host(article.url)) else None)
    return (outlet.zone, outlet.name) if outlet and outlet.zone else None


def _set_published(article: Article, candidates: list[DateCandidate]) -> None:
    if article.published:
        return
    choice = choose(candidates, _home_zone(article))
    if choice:
        article.published = choice.iso
        article.meta_evidence["published"] = published_evidence(choice, article.url)


def _fill_from_html(article: Article, lines: list[Line]) -> None:
    meta = read_html_meta(article.raw.content if article.raw else "")
    keys = _outlet_keys(meta, article)
    article.url = article.url or meta.url
    if not article.title:
        raw_title = article.raw.title if article.raw else None
        title = raw_title or _html_title(meta, keys)
        if title:
            article.title = title
            others = {squash(t) for t in [*meta.titles, meta.h1 or ""] if t and squash(title) in squash(t)}
            source = "the input's title field" if raw_title else (
                "<h1>" if meta.h1 and title == _strip_outlet(meta.h1, keys) else "og:title / <title> / JSON-LD headline")
            agrees = [f"{len(others) - 1} more title tag(s)"] if len(others) > 1 else []
            article.meta_evidence["title"] = title_evidence(title, source, 0.8, agrees, article.url)
    dateline_outlet, site = article.outlet, _html_outlet(meta, article)
    article.outlet = dateline_outlet or site
    if article.outlet:
        claims = [("dateline prefix", dateline_outlet), ("site name", site)]
        claims = [c for c in claims if c[1]]
        article.meta_evidence["outlet"] = outlet_evidence(article.outlet, claims, article.url)
    _set_published(article, _hint_dates(article) + meta.dates)
    sources = {n: "<meta author> / JSON-LD author" for n in meta.authors}
    names = _html_authors(meta, lines, keys)
    article.authors = _dedupe(article.authors + names)
    if article.authors:
        article.meta_evidence["authors"] = authors_evidence(
            article.authors, {n: sources.get(n, "byline") for n in article.authors})


def _headline(text: str) -> str:
    """A title line without a scraper's prefix (" date 2023-10-07 <headline>")."""
    return without_scrape_prefix(text).strip()


def _text_title(article: Article, lines: list[Line]) -> None:
    rules = article.meta_evidence.pop("title", {}).get("rules", [])   # left by the cleaning stage
    raw_title = article.raw.title if article.raw else None
    line = next((line for line in lines if line.label == "title"), None)
    if article.title or not (line or raw_title):
        return
    if line is None:
        article.title = raw_title
        article.meta_evidence["title"] = title_evidence(raw_title or "", "the input's title field", 0.9, [], article.url)
        return
    article.title = _headline(line.text)
    key = squash(article.title)
    agrees = ["printed again in the head"] if any(
        other is not line and other.label != "body" and key in squash(other.text) for other in lines) else []
    agrees += ["the input's title field"] if raw_title and squash(raw_title) == key else []
    article.meta_evidence["title"] = title_evidence(
        article.title, f"line {line.n} (the best-scored headline of the article head)", 0.7, agrees, article.url)
    article.meta_evidence["title"]["rules"] = rules


def _fill_from_text(article: Article, lines: list[Line]) -> None:
    _text_title(article, lines)
    dateline_outlet, (masthead, footer) = article.outlet, _text_outlets(lines)
    host = outlet_table().for_host(article.url)
    article.outlet = dateline_outlet or masthead or footer or (host[1] if host else _domain(article.url))
    if article.outlet:
        claims = [c for c in [("dateline prefix", dateline_outlet), ("masthead or byline", masthead),
                              ("footer", footer)] if c[1]]
        article.meta_evidence["outlet"] = outlet_evidence(article.outlet, claims, article.url)
    _set_published(article, _hint_dates(article) + text_date_candidates(lines, article.url))
    keys = {squash(article.outlet or "")} - {""}
    names, sources = _text_authors(lines)
    article.authors = _dedupe(article.authors + [n for n in names if not _names_outlet(n, keys)])
    if article.authors:
        article.meta_evidence["authors"] = authors_evidence(
            article.authors, {n: sources.get(n, "name line under the headline") for n in article.authors})


def _dateline_evidence(article: Article, lines: list[Line]) -> None:
    if not article.dateline:
        return
    first_body = next((line for line in lines if line.label == "body"), None)
    if first_body is not None and split_dateline(first_body.text, is_known_place):
        source = "opening of the first paragraph"
    elif any(line.label == "meta" and bare_dateline(line.text, is_known_place) for line in lines):
        source = "a dateline printed on its own line"
    else:
        source = "a place on its own line above the story"
    article.meta_evidence["dateline"] = dateline_evidence(article.dateline, source,
                                                          is_known_place(article.dateline))


def extract_metadata(article: Article) -> Article:
    lines = _raw_lines(article)
    if article.raw is not None and article.raw.format == "html":
        _fill_from_html(article, lines)
    else:
        _fill_from_text(article, lines)
    _dateline_evidence(article, lines)
    sample = article.text or "\n".join(ln.text for ln in lines) or article.title or ""
    article.language = article.language or detect_language(sample)
    story = story_date(_story_texts(lines), article.published)
    if story:
        article.story_date, article.republished = story, True
    return article
