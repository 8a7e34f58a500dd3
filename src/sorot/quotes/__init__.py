"""Direct quotations and their speakers. (stub: filled by the quotes work)"""

from sorot.schema import Article


def find_quotes(article: Article) -> Article:
    return article
