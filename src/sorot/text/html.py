"""HTML as the text layer sees it: whether a document is an HTML page, and the JSON-LD objects a page
declares about itself (the article object's dates, authors and body are read by metadata and cleaning).

The JSON-LD @type values of an article object are in data/text/html.yaml.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sorot.data import data_cached, load_data
from sorot.data.schemas import JsonLdData

if TYPE_CHECKING:                    # the readers ask `looks_like_html` without loading lxml
    import lxml.html

log = logging.getLogger(__name__)
HEAD_CHARS = 2000            # an HTML page shows itself in its first characters


def looks_like_html(content: str) -> bool:
    """An HTML document rather than scraped text: a doctype or <html> first, or a <body> with closing tags
    near the top."""
    head = content.lstrip()[:HEAD_CHARS].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


@data_cached
def article_types() -> frozenset[str]:
    """JSON-LD @type values (lower case) of the object that describes the article itself."""
    return frozenset(t.lower() for t in load_data("text/html.yaml", JsonLdData).article_types)


def json_objects(doc: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every dict inside every JSON-LD block (including @graph members), in document order; a block that is
    not JSON is skipped (logged at debug level)."""
    for script in doc.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            log.debug("a JSON-LD block is not JSON", exc_info=True)
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                yield item
                stack[:0] = [v for k, v in item.items() if k == "@graph" or isinstance(v, list)]


def object_types(obj: dict[str, Any]) -> set[str]:
    """The lower-case @type values of one JSON-LD object (a string or a list of them)."""
    kind = obj.get("@type") or []
    return {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}


def article_objects(doc: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    """The JSON-LD objects that describe the article (NewsArticle, ReportageNewsArticle, ...), not the
    related-article lists or breadcrumbs beside them."""
    return articles_among(json_objects(doc))


def articles_among(objects: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The article objects among JSON-LD objects already read (a reader of several fields parses once)."""
    wanted = article_types()
    return [obj for obj in objects if object_types(obj) & wanted]
