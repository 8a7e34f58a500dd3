"""sorot: Indonesian news to structured, evidence-linked intelligence on international affairs."""

from sorot.schema import Article, Entity, Event, Quote

__all__ = ["Article", "Entity", "Event", "Quote", "process"]
__version__ = "0.1.0"


def process(text_or_html: str, source: str = "<string>", published: str | None = None, **kwargs) -> Article:
    """Process one article (scraped text or HTML) through the whole pipeline."""
    from sorot.pipeline import process as _process

    return _process(text_or_html, source=source, published=published, **kwargs)
