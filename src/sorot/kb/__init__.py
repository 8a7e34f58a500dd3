"""The actor knowledge base and entity linking. (stub: filled by the kb work)"""

from sorot.schema import Article


def link_entities(article: Article) -> Article:
    return article
