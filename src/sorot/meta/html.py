"""Metadata of an HTML news page: dates, title, site name, authors, canonical URL.

Sources are read in order of trust: <meta> tags, JSON-LD, <time> / itemprop elements, then visible
text near the headline; htmldate is the last resort for the date. Field names are in data/meta/html.yaml.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import lxml.html
from lxml import etree
from lxml.etree import ParserError

from sorot.data import data_cached, load_data
from sorot.data.schemas import HtmlData
from sorot.text.bylines import is_person_name, parse_byline
from sorot.text.dates import find_datetimes
from sorot.text.html import articles_among, json_objects, object_types

log = logging.getLogger(__name__)
BLOCK_TAGS = frozenset({"p", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "li", "time", "td", "small",
                        "strong", "em", "b", "a", "author", "section", "header"})
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe"})


@dataclass
class DateCandidate:
    iso: str
    source: str            # "meta", "jsonld", "time", "visible", "htmldate", "line", "hint"
    updated: bool = False
    where: str = ""        # the evidence in words: "meta article:published_time", "line 4 (article head)"
    zone: str | None = None  # the zone the stamp states ("WIB", "+08:00", "Z"); None when it states none


@dataclass
class HtmlMeta:
    dates: list[DateCandidate] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)        # og:title, h1, <title>, in that order
    h1: str | None = None
    site_names: list[str] = field(default_factory=list)    # JSON-LD publisher, og:site_name, ...
    authors: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)      # short visible blocks that parse as bylines
    url: str | None = None


@data_cached
def config() -> HtmlData:
    return load_data("meta/html.yaml", HtmlData)


@data_cached
def _author_container() -> re.Pattern[str]:
    """The class/id/itemprop/rel values of a byline element (compiled once, not per page)."""
    return re.compile(config()["author_containers"], re.I)


# lxml.html's parser with plain lxml elements: lxml.html asks a Python class lookup for every element it
# hands out, a good part of the cost of the walks below, which use no HtmlElement method
_PLAIN_HTML = etree.HTMLParser()
_STRING = etree.XPath("string()")


def _parse(html: str) -> etree._Element:
    """The page as lxml.html.fromstring reads it, in plain lxml elements."""
    try:
        return lxml.html.fromstring(html, parser=_PLAIN_HTML)
    except AttributeError:
        # lxml.html merges the <body> elements of a fragment that has several with an HtmlElement method
        return lxml.html.fromstring(html)


def _string_of(el: etree._Element) -> str:
    """All the text under `el`, as HtmlElement.text_content gives it (the same XPath string())."""
    return str(_STRING(el))


def _text(value: str | None) -> str:
    """Runs of white space made one space, ends trimmed (str.split's white space is the `\\s` of `re`)."""
    return " ".join((value or "").split())


def _meta_tags(doc: etree._Element) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for el in doc.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if key and content:
            tags.setdefault(key.strip().lower(), []).append(_text(content))
    return tags


def _person_names(value: Any) -> list[str]:
    if isinstance(value, list):
        return [n for v in value for n in _person_names(v)]
    if isinstance(value, dict):
        value = value.get("name")
    return [_text(value)] if isinstance(value, str) and value.strip() else []


def _add_date(meta: HtmlMeta, raw: str | None, source: str, where: str, updated: bool = False) -> None:
    found = find_datetimes(raw or "")
    if found:
        meta.dates.append(DateCandidate(found[0].iso, source, updated, where, found[0].zone))


def _collect_dates(doc: etree._Element, tags: dict[str, list[str]], meta: HtmlMeta,
                   articles: list[dict[str, Any]]) -> None:
    for key in config()["published_meta"]:
        for content in tags.get(key, []):
            _add_date(meta, content, "meta", f"<meta {key}>")
    for obj in articles:
        value = obj.get("datePublished")
        _add_date(meta, value if isinstance(value, str) else None, "jsonld", "JSON-LD datePublished")
    for el in doc.xpath("//*[@itemprop='datePublished' and not(self::meta)] | //time"):
        _add_date(meta, el.get("datetime") or el.get("content"), "time", f"<{el.tag}> attribute")
        _add_date(meta, _text(_string_of(el)), "time", f"<{el.tag}> text")


def _collect_authors(doc: etree._Element, tags: dict[str, list[str]], meta: HtmlMeta,
                     articles: list[dict[str, Any]]) -> None:
    for key in config()["author_meta"]:
        meta.authors.extend(tags.get(key, []))
    for obj in articles:
        meta.authors.extend(_person_names(obj.get("author")))
        keywords = obj.get("keywords")
        for keyword in keywords if isinstance(keywords, list) else str(keywords or "").split(","):
            meta.authors.extend(parse_byline(str(keyword)) or [])
    container = _author_container()
    # only elements with one of the four attributes (or an <author>) can be a byline element: XPath picks
    # them out in C, in document order, sparing a Python object for every other element of the page
    for el in _MAYBE_AUTHOR(doc):
        if el.tag in SKIP_TAGS:
            continue
        get = el.get
        attrs = f"{get('class', '')} {get('id', '')} {get('itemprop', '')} {get('rel', '')}"
        if el.tag == "author" or _names_a_container(container, attrs):
            meta.authors.extend(_names_in_container(el))


@lru_cache(maxsize=4096)
def _names_a_container(container: re.Pattern[str], attrs: str) -> bool:
    """Whether class/id/itemprop/rel values name a byline element: a page repeats the same class values on
    many elements, and a site on every page. Keyed on the pattern too, which a SOROT_DATA change replaces."""
    return bool(attrs.strip() and container.search(attrs))


_MAYBE_AUTHOR = etree.XPath("descendant-or-self::*[@class or @id or @itemprop or @rel or self::author]")


def _names_in_container(el: etree._Element) -> list[str]:
    """Names in a small byline/credits element: a parsed byline, or leaf texts that are names."""
    text = _text(" ".join(el.itertext()))
    if not text or len(text) > 200 or "©" in text:
        return []
    byline = parse_byline(text)
    if byline:
        return byline
    leaves = [_text(t) for t in el.itertext()]
    return [t for t in leaves if t and is_person_name(t)]


def text_blocks(doc: etree._Element, limit: int = 300) -> list[tuple[str, str]]:
    """(tag, text) of short leaf-most blocks in document order, skipping scripts and styles. A block's text
    is all the text under it (as `itertext` gives it) with runs of white space made one space, kept when it
    is at most `limit` characters.

    One walk down the tree: each element's words are gathered from its children's on the way back up, so
    no element's text is read again for each of its ancestors; an element holding more than `limit`
    characters passes that on to its ancestors without its words."""
    if not isinstance(doc.tag, str) or doc.tag in SKIP_TAGS:
        return []
    found: list[tuple[str, str] | None] = []
    stack = [_Block(doc, found, limit)]
    while stack:
        block = stack[-1]
        for child in block.children:
            if not isinstance(child.tag, str):         # a comment or processing instruction: its tail only
                if child.tail:
                    block.add(child.tail)
            elif child.tag in SKIP_TAGS:               # not a block itself, but its text counts above it
                text = _short_text(child, limit)
                block.take_words(None if text is None else text.split())
                if child.tail:
                    block.add(child.tail)
            elif len(child):
                stack.append(_Block(child, found, limit))
                break
            else:                                      # a leaf, the most common element: no walk below it
                words = _words(child.text, limit)
                if words and child.tag in BLOCK_TAGS:
                    found.append((child.tag, " ".join(words)))
                block.take_words(words)
                if child.tail:
                    block.add(child.tail)
        else:
            stack.pop()
            if block.slot >= 0 and block.words:
                found[block.slot] = (block.tag, " ".join(block.words))
            if stack:
                stack[-1].take(block)
    return [item for item in found if item is not None]


class _Block:
    """An element being walked by text_blocks: its children still to visit and the words under it so far
    (None once they are more than the limit)."""

    __slots__ = ("chars", "children", "limit", "slot", "tag", "tail", "words")

    def __init__(self, el: etree._Element, found: list[tuple[str, str] | None], limit: int) -> None:
        self.limit = limit
        self.tag: str = el.tag
        self.tail: str | None = el.tail
        self.children: Iterator[etree._Element] = iter(el)
        self.words: list[str] | None = []
        self.chars = 0                    # the length of the words joined by spaces, plus one
        self.slot = -1
        if self.tag in BLOCK_TAGS:        # a place in document order, filled when its text is known
            self.slot = len(found)
            found.append(None)
        if el.text:
            self.add(el.text)

    def add(self, text: str) -> None:
        """The words of a piece of text under the element, in document order."""
        if self.words is not None:
            self.take_words(_words(text, self.limit))

    def take(self, child: _Block) -> None:
        """A finished child's words (or its being too long), then its tail's."""
        if child.words is None:
            self.words = None
        elif self.words is not None and child.words:
            self._extend(child.words, child.chars)
        if child.tail:
            self.add(child.tail)

    def take_words(self, words: list[str] | None) -> None:
        """The words of a leaf or a piece of text (None: too many for a block)."""
        if words is None:
            self.words = None
        elif self.words is not None and words:
            self._extend(words, sum(map(len, words)) + len(words))

    def _extend(self, words: list[str], chars: int) -> None:
        assert self.words is not None
        self.words.extend(words)
        self.chars += chars
        if self.chars > self.limit + 1:
            self.words = None


def _words(text: str | None, limit: int) -> list[str] | None:
    """The words of one piece of text, None when they make more than `limit` characters joined by spaces."""
    if not text:
        return []
    if len(text) > 2 * limit:
        head = text[:2 * limit].split()        # the start settles most long texts without splitting them all
        if sum(map(len, head)) + len(head) > limit + 1:
            return None
    words = text.split()
    return words if sum(map(len, words)) + len(words) <= limit + 1 else None


def _short_text(el: etree._Element, limit: int) -> str | None:
    """`_text` of all the text under `el` when it is at most `limit` characters, else None. An element with
    more than `limit` non-space characters under it is left at once (squashing spaces never removes those,
    and lxml counts them in C), so a page-wide container is not joined piece by piece for every block."""
    whole = _string_of(el)
    # more than `limit` non-space characters in the first 2 * limit already settle it, without the rest
    if len(whole) > limit and (len("".join(whole[:2 * limit].split())) > limit or len("".join(whole.split())) > limit):
        return None
    text = _text(" ".join(el.itertext()))
    return text if len(text) <= limit else None


def _visible_dates(blocks: list[tuple[str, str]], meta: HtmlMeta) -> None:
    cfg = config()
    heading = next((i for i, (tag, _t) in enumerate(blocks) if tag == "h1"), 0)
    ordered = blocks[heading:heading + cfg["visible_date_window"]] + blocks[:heading]
    for _tag, text in ordered:
        found = find_datetimes(text)
        if not found:
            continue
        rest = text
        for match in reversed(found):
            rest = rest[:match.start] + rest[match.end:]
        if len(rest.split()) <= cfg["visible_date_max_words"] or parse_byline(text):
            meta.dates.append(DateCandidate(found[0].iso, "visible", found[0].updated, "visible text near the <h1>",
                                            found[0].zone))
            return


def _htmldate(html: str, meta: HtmlMeta) -> None:
    from htmldate import find_date  # imported lazily: a slow import, used only as a last resort

    found = find_date(html, extensive_search=True, original_date=True)
    if found:
        meta.dates.append(DateCandidate(found, "htmldate", where="htmldate's search of the page"))


def _collect_titles(doc: etree._Element, tags: dict[str, list[str]], meta: HtmlMeta,
                    articles: list[dict[str, Any]]) -> None:
    for key in config()["title_meta"]:
        meta.titles.extend(tags.get(key, []))
    h1 = doc.find(".//h1")
    meta.h1 = _text(_string_of(h1)) if h1 is not None else None
    title = doc.find(".//title")
    if title is not None and _text(_string_of(title)):
        meta.titles.append(_text(_string_of(title)))
    for obj in articles:
        if isinstance(obj.get("headline"), str):
            meta.titles.append(_text(obj["headline"]))


def _collect_sites(doc: etree._Element, tags: dict[str, list[str]], meta: HtmlMeta,
                   objects: list[dict[str, Any]], articles: list[dict[str, Any]]) -> None:
    for obj in articles:
        meta.site_names.extend(_person_names(obj.get("publisher")))
    for obj in objects:
        if object_types(obj) & {"organization", "newsmediaorganization"} and isinstance(obj.get("name"), str):
            meta.site_names.append(_text(obj["name"]))
    for key in config()["site_meta"]:
        meta.site_names.extend(tags.get(key, []))
    canonical = doc.xpath("//link[@rel='canonical']/@href") or tags.get("og:url", [])
    meta.url = canonical[0] if canonical else None


def read_html_meta(html: str, dates: bool = True) -> HtmlMeta:
    """Everything the page says about itself. `dates=False` skips the (slower) date search."""
    meta = HtmlMeta()
    try:
        doc = _parse(html)
    except (ParserError, ValueError):
        return meta
    tags = _meta_tags(doc)
    # the page's JSON-LD, parsed once for all the readers below
    objects = list(json_objects(doc))
    articles = articles_among(objects)
    _collect_titles(doc, tags, meta, articles)
    _collect_sites(doc, tags, meta, objects, articles)
    _collect_authors(doc, tags, meta, articles)
    blocks = text_blocks(doc)
    # nested blocks often hold the same text (<div><p>X</p></div>): each text is parsed once
    is_byline = {text: bool(parse_byline(text)) for _tag, text in blocks if len(text) <= 150}
    meta.bylines = [text for _tag, text in blocks if len(text) <= 150 and is_byline[text]]
    if dates:
        _collect_dates(doc, tags, meta, articles)
        if not any(c.iso[10:] for c in meta.dates):
            _visible_dates(blocks, meta)
        if not meta.dates:
            _htmldate(html, meta)
    return meta
