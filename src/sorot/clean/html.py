"""HTML pages: the page's own structured data first, trafilatura's heuristics second.

trafilatura finds the article's text blocks; the same line labeller then cleans them. When the page
declares its article body (schema.org `articleBody` in JSON-LD, or an element with
`itemprop="articleBody"`), that declaration checks trafilatura's result: if trafilatura missed much of
the declared body, the declared paragraphs are used; if it kept blocks the declared body lacks (share bars,
widget text), they are not body.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml.etree import ParserError

from sorot.schema import Line
from sorot.text.html import article_objects
from sorot.text.normalise import ascii_words

log = logging.getLogger(__name__)
MIN_DECLARED_WORDS = 60      # a declared body shorter than this is a teaser, not the article
MISSED_SHARE = 0.3           # trafilatura missing more of the declared body than this: use the declaration
AGREEMENT_SHARE = 0.6        # the declaration must hold this share of the body lines to judge the others
LEAK_MIN_WORDS = 4           # shorter body lines (subheads) are not judged against the declaration

_BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote")


@dataclass(frozen=True)
class DeclaredBody:
    paragraphs: list[str]
    key: str                  # the folded text, for containment tests
    words: int


def html_blocks(html: str) -> list[str]:
    """The main text of a page as a list of blocks (paragraphs, list items, headings) in order."""
    text = trafilatura.extract(
        html, output_format="txt", include_comments=False, include_tables=False,
        include_images=False, include_links=False, deduplicate=False, favor_recall=True,
    )
    if not text:                      # truncated or odd markup: fall back to the page's plain text
        _, text, _ = trafilatura.baseline(html)
    return [block.strip() for block in (text or "").split("\n") if block.strip()]


def _paragraphs_of(element: lxml.html.HtmlElement) -> list[str]:
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = [el for el in element.iter(*_BLOCK_TAGS) if not any(a.tag in _BLOCK_TAGS for a in el.iterancestors())]
    texts = [el.text_content() for el in blocks] if blocks else [element.text_content()]
    return [p for text in texts for p in (re.sub(r"[ \t\r\f\v]+", " ", t).strip() for t in text.split("\n")) if p]


def declared_body(html: str) -> DeclaredBody | None:
    """The article body the page declares: JSON-LD `articleBody` (plain text or HTML), else the
    `itemprop="articleBody"` element. None when there is none or it is too short to be the article."""
    if "articleBody" not in html:     # most pages declare none: spare them a second parse
        return None
    try:
        doc = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        log.debug("page cannot be parsed for its declared body", exc_info=True)
        return None
    paragraphs: list[str] = []
    for obj in article_objects(doc):
        body = obj.get("articleBody")
        if isinstance(body, str) and body.strip():
            paragraphs = _paragraphs_of(lxml.html.fragment_fromstring(body, create_parent="div"))
            break
    if not paragraphs:
        element = next(iter(doc.xpath("//*[@itemprop='articleBody']")), None)
        paragraphs = _paragraphs_of(element) if element is not None else []
    key = ascii_words(" ".join(paragraphs))
    words = len(key.split())
    return DeclaredBody(paragraphs, key, words) if words >= MIN_DECLARED_WORDS else None


def missed_share(lines: list[Line], declared: DeclaredBody) -> float:
    """The share of the declared body's words that the body lines do not contain."""
    found = set(ascii_words(" ".join(line.text for line in lines if line.label == "body")).split())
    words = declared.key.split()
    return sum(w not in found for w in words) / len(words)


def mark_leaks(lines: list[Line], declared: DeclaredBody) -> None:
    """Body lines the declared body lacks are page furniture, once the declaration is shown to be this
    article's body (it holds most of the body lines)."""
    judged = [line for line in lines if line.label == "body" and len(line.text.split()) >= LEAK_MIN_WORDS]
    inside = [line for line in judged if ascii_words(line.text) in declared.key]
    if not judged or len(inside) < AGREEMENT_SHARE * len(judged):
        return
    for line in judged:
        if line not in inside:
            line.label = "boilerplate"
