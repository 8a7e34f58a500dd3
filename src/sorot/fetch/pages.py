"""Articles split over several pages ("Halaman 2", `?page=2`, "Selanjutnya"): find the next page, join them.

The next page is a link (`<a>`, or `<link rel="next">`) whose text is a next-page cue or the next page
number (data/fetch/urls.yaml) and whose target is the same article one page further (`?page=N+1` or a
`/N+1` suffix of the article's path). Both are required: "Artikel selanjutnya" leads to another story, and
a pager's number links are only trusted when they point at this article.

Joining keeps the first page whole (its head, title, date and byline) and puts the paragraphs of each
further page's main block after the last paragraph of the first page's main block. The main block is the
element whose direct paragraphs hold the most text, the same idea readability-style extractors use.
"""

from __future__ import annotations

import copy
import logging
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from sorot.fetch.rules import UrlRules, load_rules
from sorot.fetch.urls import page_number

log = logging.getLogger(__name__)
DEFAULT_MAX_PAGES = 10


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        log.debug("page cannot be parsed as HTML", exc_info=True)
        return None


def next_page_url(html: str, page_url: str, article_url: str, current: int,
                  rules: UrlRules | None = None) -> str | None:
    """The URL of page `current + 1` of the article at `article_url`, linked from this page, if any."""
    rules = rules or load_rules()
    document = parse_html(html)
    if document is None:
        return None
    for element in document.iter("a", "link"):
        href = element.get("href")
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = urljoin(page_url, str(href).strip())
        if page_number(target, article_url, rules) != current + 1:
            continue
        if _is_next_link(element, current, rules):
            return target
    return None


def _is_next_link(element: lxml.html.HtmlElement, current: int, rules: UrlRules) -> bool:
    if "next" in (element.get("rel") or "").lower().split():
        return True
    if element.tag != "a":
        return False
    text = " ".join(element.text_content().split()) or (element.get("aria-label") or "").strip()
    number = rules.page_number_text.match(text)
    return bool(rules.next_page_texts.search(text)) or (number is not None and int(number.group(1)) == current + 1)


def main_block(document: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element whose own <p> children hold the most text."""
    best, best_size = None, 0
    for paragraph_parent in {p.getparent() for p in document.iter("p") if p.getparent() is not None}:
        size = sum(len(child.text_content().strip()) for child in paragraph_parent if child.tag == "p")
        if size > best_size:
            best, best_size = paragraph_parent, size
    return best


def join_pages(pages: list[str], rules: UrlRules | None = None) -> str:
    """One HTML document: the first page with the main-block content of the others appended in order."""
    rules = rules or load_rules()
    first = parse_html(pages[0])
    block = main_block(first) if first is not None else None
    if first is None or block is None:
        return pages[0]
    anchor = [child for child in block if child.tag == "p"][-1]
    for html in pages[1:]:
        document = parse_html(html)
        other = main_block(document) if document is not None else None
        if other is None:
            continue
        for child in other:
            if isinstance(child.tag, str) and child.tag in rules.joined_elements:
                addition = copy.deepcopy(child)
                addition.tail = "\n"
                anchor.addnext(addition)
                anchor = addition
    return str(lxml.html.tostring(first, encoding="unicode", doctype="<!DOCTYPE html>"))
