"""sorot: Indonesian news to structured, evidence-linked intelligence on international affairs."""

from sorot.schema import Article, Entity, Event, Quote

__all__ = ["Article", "Corpus", "Entity", "Event", "Quote", "fetch", "process"]
__version__ = "0.1.0"

from sorot import fetch  # noqa: E402 (the package, callable: sorot.fetch(feeds=[...], db=...); needs __version__)


def process(text_or_html: str, source: str = "<string>", published: str | None = None,
            url: str | None = None, title: str | None = None) -> Article:
    """Process one article (scraped text or HTML) through the whole pipeline."""
    from sorot.pipeline import process as _process

    return _process(text_or_html, source=source, published=published, url=url, title=title)


def __getattr__(name: str) -> object:
    """`sorot.Corpus` (stories, records, dyad series of a database), imported when first used."""
    if name == "Corpus":
        from sorot.corpus import Corpus

        return Corpus
    raise AttributeError(f"module 'sorot' has no attribute {name!r}")
