"""Metadata: publication time, title, outlet, authors, language. (stub: filled by the meta work)"""

from sorot.schema import Article


def extract_metadata(article: Article) -> Article:
    return article
