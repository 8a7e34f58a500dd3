"""Indonesian language processing: sentences and NER spans (the `nlp` stage).

`analyse(article)` fills `article.sentences` (rule-based splitter, sentences.py) and `article.spans`
(PER / ORG / LOC from sorot's own spaCy NER model, src/sorot/models/ner_id, trained by
scripts/train_ner.py). GPE is assigned later by the knowledge base. The spaCy pipeline is loaded
once per process by `get_nlp()` and may be reused by later stages for tokens.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from sorot.nlp.sentences import split_sentences
from sorot.nlp.tokenizer import customise_tokenizer
from sorot.schema import Article, Span

__all__ = ["MODEL_DIR", "analyse", "analyse_many", "entity_spans", "get_nlp", "split_sentences"]

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner_id"
NER_LABELS = frozenset({"PER", "ORG", "LOC", "GPE"})
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """sorot's Indonesian pipeline: adjusted tokenizer + tok2vec + NER (blank if the model is absent)."""
    if (MODEL_DIR / "config.cfg").exists():
        nlp = spacy.load(MODEL_DIR)
    else:
        log.warning("NER model missing at %s: run `make train`; no NER spans will be produced", MODEL_DIR)
        nlp = spacy.blank("id")
    return customise_tokenizer(nlp)


def _keep(text: str, label: str) -> bool:
    """News is cased: a name without any capital letter or digit is a model error."""
    return label in NER_LABELS and any(c.isupper() or c.isdigit() for c in text)


def entity_spans(texts: Sequence[str], offsets: Sequence[int], batch_size: int = 256) -> list[list[Span]]:
    """NER spans for each text, shifted by its offset in the article."""
    nlp = get_nlp()
    result: list[list[Span]] = []
    for doc, offset in zip(nlp.pipe(texts, batch_size=batch_size), offsets, strict=True):
        result.append([
            Span(offset + ent.start_char, offset + ent.end_char, ent.label_, ent.text, "ner")
            for ent in doc.ents if _keep(ent.text, ent.label_)
        ])
    return result


def analyse(article: Article) -> Article:
    """Set `article.sentences` and `article.spans` (source "ner")."""
    return analyse_many([article])[0]


def analyse_many(articles: Iterable[Article], batch_size: int = 256) -> list[Article]:
    """`analyse` over many articles, with their sentences batched through one `nlp.pipe`."""
    articles = list(articles)
    texts: list[str] = []
    offsets: list[int] = []
    owners: list[int] = []
    for index, article in enumerate(articles):
        article.sentences = split_sentences(article.text)
        for sentence in article.sentences:
            texts.append(article.text[sentence.start : sentence.end])
            offsets.append(sentence.start)
            owners.append(index)
    for article in articles:
        article.spans = [s for s in article.spans if s.source != "ner"]
    for owner, spans in zip(owners, entity_spans(texts, offsets, batch_size), strict=True):
        articles[owner].spans.extend(spans)
    return articles
