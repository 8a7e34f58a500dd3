"""Shared by scripts/html_gold.py (marking) and scripts/eval_html.py (scoring): the text blocks of an
HTML page and the normalised paragraph key that the gold stores as a SHA-1 hash."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import lxml.html

from sorot.clean import split_dateline
from sorot.clean.cues import load_cues
from sorot.ingest.decode import decode_bytes

ROOT = Path(__file__).resolve().parents[1]
REGRESSION_DIR = ROOT / "examples" / "html_regression"
SHARED_HTML = ROOT / ".." / "shared" / "corpus" / "html"

BLOCK_TAGS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "dd",
                        "dt", "article", "section", "main", "header", "footer", "aside", "figcaption", "pre",
                        "ul", "ol", "table", "tr", "body", "form", "nav", "figure", "center"})
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "head", "select", "button"})


def page_text(content: bytes) -> str:
    return decode_bytes(content).text


def page_blocks(content: bytes) -> list[str]:
    """Every piece of text a reader sees as its own block, in document order: the text of each block
    element outside its nested blocks, split at <br>."""
    doc = lxml.html.fromstring(page_text(content))
    for br in doc.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks: list[str] = []

    def walk(el: lxml.html.HtmlElement, buffer: list[str]) -> None:
        for child in el:
            if not isinstance(child.tag, str) or child.tag in SKIP_TAGS:
                if child.tail:
                    buffer.append(child.tail)
                continue
            if child.tag in BLOCK_TAGS:
                flush(buffer)
                inner: list[str] = [child.text or ""]
                walk(child, inner)
                flush(inner)
                if child.tail:
                    buffer.append(child.tail)
            else:
                buffer.append(child.text or "")
                walk(child, buffer)
                if child.tail:
                    buffer.append(child.tail)

    def flush(buffer: list[str]) -> None:
        for piece in "".join(buffer).split("\n"):
            text = re.sub(r"\s+", " ", piece).strip()
            if text:
                blocks.append(text)
        buffer.clear()

    root: list[str] = [doc.text or ""]
    walk(doc, root)
    flush(root)
    return blocks


def paragraph_key(text: str) -> str:
    """A paragraph reduced to what any extractor should agree on: without a dateline opening it or a
    sign-off closing it, accents, case, punctuation and spacing folded."""
    dateline = split_dateline(text)
    if dateline:
        text = text[dateline.end:]
    text = load_cues().sign_off.sub("", text)
    text = unicodedata.normalize("NFKD", text).casefold()
    return re.sub(r"[^0-9a-z]+", "", "".join(c for c in text if not unicodedata.combining(c)))


def paragraph_hash(text: str) -> str:
    return hashlib.sha1(paragraph_key(text).encode("utf-8")).hexdigest()
