"""PLOVER event coding. (stub: filled by the events work)"""

from sorot.schema import Article


def code_events(article: Article) -> Article:
    return article
