"""The ordered stages of sorot. Each stage takes an Article and returns it richer; none reaches back.

    RawDoc ─▶ clean ─▶ meta ─▶ nlp ─▶ kb (link) ─▶ quotes ─▶ events ─▶ Article

The same `process_raw` runs in a loop on one machine (`sorot run`) and inside a Dask bag on many.
Resources (models, lexicons, the knowledge base) are loaded once per process, lazily, by the stages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from sorot.clean import clean
from sorot.events import code_events
from sorot.kb import link_entities
from sorot.meta import extract_metadata
from sorot.nlp import analyse
from sorot.quotes import find_quotes
from sorot.schema import Article, RawDoc, article_id

Stage = Callable[[Article], Article]

# Stages after cleaning, in order. Cleaning turns the RawDoc into the Article they share.
STAGES: list[tuple[str, Stage]] = [
    ("meta", extract_metadata),
    ("nlp", analyse),
    ("link", link_entities),
    ("quotes", find_quotes),
    ("events", code_events),
]


def looks_like_html(content: str) -> bool:
    head = content.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def process_raw(raw: RawDoc, stages: list[tuple[str, Stage]] | None = None) -> Article:
    """Run every stage on one input document."""
    article = clean(raw)
    for _name, stage in stages if stages is not None else STAGES:
        article = stage(article)
    article.id = article_id(article.text, article.source)
    return article


def process(text_or_html: str, source: str = "<string>", published: str | None = None,
            url: str | None = None, title: str | None = None) -> Article:
    """The Python API: one article from a string of scraped text or HTML."""
    fmt: Literal["text", "html"] = "html" if looks_like_html(text_or_html) else "text"
    raw = RawDoc(source=source, content=text_or_html, format=fmt, url=url, title=title, published=published)
    return process_raw(raw)
