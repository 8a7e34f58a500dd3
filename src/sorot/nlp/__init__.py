"""Indonesian language processing: sentences and NER spans. (stub: filled by the nlp work)"""

from sorot.schema import Article


def analyse(article: Article) -> Article:
    return article
