"""Cleaning: which lines of a scraped page are the article, and the clean body text.

`clean(raw)` labels every non-blank line (text input) or text block (HTML, via trafilatura), removes the
dateline that opens the first paragraph (keeping its place and outlet on the Article) and the sign-off
that closes the last one, and joins the body paragraphs with blank lines.
"""

from __future__ import annotations

import re
from typing import Any

from sorot.clean.cues import load_cues
from sorot.clean.html import MISSED_SHARE, declared_body, html_blocks, mark_leaks, missed_share
from sorot.clean.lines import label_lines
from sorot.kb.loader import is_known_place
from sorot.schema import Article, Line, RawDoc
from sorot.text import datelines
from sorot.text.datelines import Dateline

__all__ = ["clean", "label_lines", "split_dateline"]


def split_dateline(line: str) -> Dateline | None:
    """The dateline opening `line` as this stage reads it: sorot.text's recogniser with the knowledge
    base's gazetteer to tell a place from an outlet."""
    return datelines.split_dateline(line, is_known_place)


def clean(raw: RawDoc) -> Article:
    is_html = raw.format == "html"
    found: dict[str, Any] = {}
    lines = label_lines(html_blocks(raw.content) if is_html else raw.content.split("\n"), find_title=not is_html,
                        evidence=found)
    if is_html:
        lines = _check_against_declared_body(raw.content, lines)
    article = Article(source=raw.source, lines=lines, raw=raw, format=raw.format, url=raw.url)
    if found.get("title_rules"):          # the headline rules that fired, for the title's evidence (meta)
        article.meta_evidence["title"] = {"rules": found["title_rules"]}
    article.text = _body_text(lines, article)
    sign = _continued_elsewhere(raw, lines)
    if sign:
        article.warnings.append(f"the story continues on another page ({sign}): this text is only a part of it")
    return article


# a rel="next" link to another page of the same article ("?page=2", "/halaman-2"); blogs also use rel="next"
# for the next post, so the link must name a page
# (searched without its leading \b, which keeps `re` from skipping ahead to the next "r" of a long page: the
# word boundary is checked at each place found instead)
_REL_NEXT = re.compile(r"""rel\s*=\s*["']?next\b""", re.IGNORECASE)
_WORD_BOUNDARY = re.compile(r"\b")
_NEXT_PAGE_LINE = re.compile(r">\s*(Halaman\s+(?:selanjutnya|berikutnya))\s*<", re.IGNORECASE)
_PAGE_HREF = re.compile(r"""\bhref\s*=\s*["'][^"']*(?:[?&](?:page|halaman|hal)=\d|/(?:page|halaman)[/-]?\d)""",
                        re.IGNORECASE)


def _next_page_link(html: str) -> bool:
    """A rel="next" link or anchor whose href names a page of the same article."""
    for match in _REL_NEXT.finditer(html):
        if not _WORD_BOUNDARY.match(html, match.start()):
            continue
        start, end = html.rfind("<", 0, match.start()), html.find(">", match.end())
        if _PAGE_HREF.search(html, start, end if end >= 0 else len(html)):
            return True
    return False


def _continued_elsewhere(raw: RawDoc, lines: list[Line]) -> str | None:
    """What shows that the article goes on on another page: a "next page" link or line, or None."""
    if raw.format == "html" and _next_page_link(raw.content):
        return 'a rel="next" link'
    cues = load_cues()
    found = next((line for line in lines if line.label != "body" and cues.continues_elsewhere(line.text)), None)
    if found is None and raw.format == "html":
        # trafilatura drops such links: look at the page's own text
        match = _NEXT_PAGE_LINE.search(raw.content)
        return f'"{match.group(1)}"' if match else None
    return f'line {found.n}: "{found.text[:40]}"' if found else None


def _check_against_declared_body(html: str, lines: list[Line]) -> list[Line]:
    """The page's declared article body (JSON-LD articleBody, itemprop) over trafilatura's choice: its
    paragraphs when trafilatura missed much of it, else it marks the blocks it lacks as furniture."""
    declared = declared_body(html)
    if declared is None:
        return lines
    if missed_share(lines, declared) > MISSED_SHARE:
        return label_lines(declared.paragraphs, find_title=False)
    mark_leaks(lines, declared)
    return lines


def _body_text(lines: list[Line], article: Article) -> str:
    paragraphs = [line.text for line in lines if line.label == "body"]
    if not paragraphs:
        return ""
    dateline = split_dateline(paragraphs[0])
    if dateline:
        paragraphs[0] = paragraphs[0][dateline.end:].strip()
    else:
        dateline = next((d for line in lines if line.label == "meta" and (d := datelines.bare_dateline(line.text, is_known_place))), None)
    dateline = dateline or _place_line(lines)
    if dateline:
        article.dateline, article.outlet = dateline.place, dateline.outlet
    paragraphs[-1] = load_cues().sign_off.sub("", paragraphs[-1]).rstrip()
    return "\n\n".join(p for p in paragraphs if p)


def _place_line(lines: list[Line]) -> Dateline | None:
    """A place printed on its own line right above the story ("Manila"), when the gazetteer knows it."""
    first_body = next((i for i, line in enumerate(lines) if line.label == "body"), None)
    if not first_body:
        return None
    above = lines[first_body - 1]
    text = above.text.strip()
    if above.label in ("meta", "caption") and 1 <= len(text.split()) <= 3 and text[:1].isupper() \
            and text.replace(" ", "").isalpha() and is_known_place(text):
        return Dateline(place=text, outlet=None, end=0)
    return None
