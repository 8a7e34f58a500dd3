"""Indonesian language processing: sentences and NER spans (the `nlp` stage).

`analyse(article)` fills `article.sentences` (rule-based splitter, sorot.text.sentences), `article.doc` (the
text's tokens and sentences, sorot.text.tokens, read by the linker, quotes and events) and `article.spans`
(PER / ORG / LOC from sorot's own spaCy NER model, src/sorot/models/ner_id, trained by
scripts/train_ner.py). GPE is assigned later by the knowledge base. The spaCy pipeline is loaded
once per process by `get_nlp()` and may be reused by later stages for tokens.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
import spacy.tokens
from spacy.attrs import IDX, IS_PUNCT, LENGTH
from spacy.language import Language
from spacy.util import minibatch
from thinc.api import Model, NumpyOps
from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]  # ships no type hints

from sorot.data import collector_paused, data_cached, load_data
from sorot.data.schemas import NerFiltersData
from sorot.nlp.ner_decoder import DECODE_BATCH_SENTENCES, Entity, decode_entities, supports
from sorot.nlp.token_vectors import TokenVectors
from sorot.nlp.tokenizer import TOKENIZER_CONFIG, blank_pipeline
from sorot.schema import Article, Span
from sorot.text.sentences import split_sentences
from sorot.text.tokens import TextDoc

__all__ = [
    "MODEL_DIR", "RawEntity", "analyse", "analyse_many", "clean_entity", "entity_spans", "get_nlp",
]

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner_id"
NER_LABELS = frozenset({"PER", "ORG", "LOC", "GPE"})
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
@collector_paused()                      # the vocabulary, special cases and model: see collector_paused
def get_nlp() -> Language:
    """sorot's Indonesian pipeline: adjusted tokenizer + tok2vec + NER (blank if the model is absent)."""
    if (MODEL_DIR / "config.cfg").exists():
        # sorot's tokenizer is built once from the language defaults and our rules; reading the saved copy
        # from disk, or patching it afterwards, would build its 500 special cases again
        exclude = ["tokenizer"] if _saved_vocabulary_needed(MODEL_DIR) else ["tokenizer", "vocab"]
        return _with_numpy_blas(spacy.load(MODEL_DIR, exclude=exclude, config=TOKENIZER_CONFIG))
    log.warning("NER model missing at %s: run `make train`; no NER spans will be produced", MODEL_DIR)
    return blank_pipeline()


def _saved_vocabulary_needed(model_dir: Path) -> bool:
    """Whether the model's saved vocabulary holds anything its components read: static vectors or lookup
    tables. Without them it is only the 75,000 strings seen in training (0.1 s CPU to read at every start):
    the model embeds hashes of each token's attributes, computed from the text, and its labels are added
    by the NER component itself (same entities: tests/nlp)."""
    vocab = model_dir / "vocab"
    lookups = vocab / "lookups.bin"
    return (vocab / "vectors").exists() or (lookups.exists() and lookups.stat().st_size > 1)  # 1 byte: {}


def _with_numpy_blas(nlp: Language) -> Language:
    """Run the models' matrix products through numpy's BLAS (OpenBLAS) instead of thinc's default blis:
    on the tok2vec's shapes (thousands of tokens x 192) blis ran at a third of OpenBLAS's speed here
    (31 vs 84 GFLOPS on one core), which made the tok2vec half the stage. The parser's own step loop
    keeps blis (spaCy calls it from C). Same entities on the corpus pages (see tests/nlp). OpenBLAS runs
    on one thread while NER runs (`entity_spans`): a stage uses one core, and its default thread per core
    spent more CPU than it saved (tok2vec 4.4 instead of 2.6 CPU ms/article on two busy cores)."""
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops
    return nlp


@lru_cache(maxsize=1)
def _blas_threads() -> ThreadpoolController:
    """The process's BLAS libraries (found once: looking them up walks the loaded libraries)."""
    return ThreadpoolController()


@dataclass(frozen=True)
class NerFilters:
    non_entity_words: frozenset[str]          # case-folded
    person_titles: frozenset[str]             # case-folded
    countries: frozenset[tuple[str, ...]]     # token sequences, as written
    longest_country: int


@data_cached
def ner_filters() -> NerFilters:
    """The clean-up word lists of data/nlp/ner_filters.yaml."""
    data = load_data("nlp/ner_filters.yaml", NerFiltersData)
    countries = frozenset(tuple(name.split()) for name in data.countries)
    return NerFilters(frozenset(w.casefold() for w in data.non_entity_words),
                      frozenset(w.casefold() for w in data.person_titles),
                      countries, max(len(c) for c in countries))


@dataclass(frozen=True)
class RawEntity:
    """An entity as the model found it: the texts of its tokens, which of them are punctuation, its label."""
    words: tuple[str, ...]
    punct: tuple[bool, ...]
    label: str


def _leading_country(words: tuple[str, ...], countries: frozenset[tuple[str, ...]], longest: int) -> int:
    """Number of tokens of a country name that `words` start with (0 when none)."""
    for size in range(min(longest, len(words) - 1), 0, -1):
        if words[:size] in countries:
            return size
    return 0


def _is_name(ent: RawEntity, first: int, last: int, non_entity: frozenset[str]) -> bool:
    """News is cased: tokens without a capital letter or digit, or only calendar/office words, are no name."""
    words = ent.words[first:last]
    if not words or all(word.casefold() in non_entity or punct
                        for word, punct in zip(words, ent.punct[first:last], strict=True)):
        return False
    return any(c.isupper() or c.isdigit() for word in words for c in word)


def clean_entity(ent: RawEntity) -> list[tuple[int, int, str]]:
    """The entity as the spans to keep, as token ranges [first, last) of it with their labels: titles cut from
    persons, and from a place when a country is left ("Kanselir Jerman"), a leading country split off as
    LOC, and nothing when it is no name at all."""
    filters = ner_filters()
    words, label, size = ent.words, ent.label, len(ent.words)
    if label not in NER_LABELS:
        return []
    if words in filters.countries:      # a bare country name is a place, whatever the model says
        return [(0, size, "LOC")]
    if label not in ("PER", "LOC"):
        return [(0, size, label)] if _is_name(ent, 0, size, filters.non_entity_words) else []
    start = 0
    while start < size and words[start].casefold() in filters.person_titles:
        start += 1
    if start > 0 and words[start:] in filters.countries:    # "Kanselir Jerman": title + country
        return [(start, size, "LOC")]
    if label == "LOC":   # a title only comes off a place when a country is left ("Kanselir Jerman")
        return [(0, size, label)] if _is_name(ent, 0, size, filters.non_entity_words) else []
    country = _leading_country(words[start:], filters.countries, filters.longest_country)
    spans = [(start, start + country, "LOC"), (start + country, size, "PER")] if country else [(start, size, "PER")]
    return [span for span in spans if _is_name(ent, span[0], span[1], filters.non_entity_words)]


# Sentences per tok2vec batch. The CNN's arrays grow with the tokens of a batch (about 3 KB per token), and
# each of its layers costs a fixed overhead per batch: over 600 bench texts, 128 sentences (~1,800 tokens)
# took 17% less tok2vec CPU than 32, for 5-7 MB more peak memory; 256 no less than 128. (With spaCy's own
# NER, whose parser states grow with the batch too, 256 had cost ~30 MB more than 32.) The entities do not
# depend on the batch.
NER_BATCH_SENTENCES = 128


def entity_spans(texts: Sequence[str], offsets: Sequence[int],
                 batch_size: int = NER_BATCH_SENTENCES) -> list[list[Span]]:
    """NER spans for each text, shifted by its offset in the article."""
    nlp = get_nlp()
    with _blas_threads().limit(limits=1, user_api="blas"):   # see _with_numpy_blas
        return [_cleaned_spans(doc, entities, text, offset) for (doc, entities), text, offset
                in zip(_raw_entities(nlp, texts, batch_size), texts, offsets, strict=True)]


def _cleaned_spans(doc: spacy.tokens.Doc, entities: list[Entity], text: str, offset: int) -> list[Span]:
    """The entities of one text (the doc of `text`) after clean_entity, as spans of the article."""
    if not entities:
        return []
    tokens = doc.to_array([IDX, LENGTH, IS_PUNCT]).tolist()    # (character start, length, punctuation)
    spans: list[Span] = []
    for start, end, label in entities:
        rows = tokens[start:end]
        raw = RawEntity(tuple(text[index : index + length] for index, length, _ in rows),
                        tuple(bool(punct) for _, _, punct in rows), label)
        for first, last, kept in clean_entity(raw):
            begin, stop = rows[first][0], rows[last - 1][0] + rows[last - 1][1]
            spans.append(Span(offset + begin, offset + stop, kept, text[begin:stop], "ner"))
    return spans


def _raw_entities(nlp: Language, texts: Sequence[str],
                  batch_size: int) -> Iterator[tuple[spacy.tokens.Doc, list[Entity]]]:
    """Each text's doc and the model's entities in it: tokens by spaCy, token vectors by spaCy's tok2vec
    with each token type embedded once (token_vectors) in batches of `batch_size` sentences, then sorot's
    vectorised decoder over DECODE_BATCH_SENTENCES of them. A pipeline of another shape runs as spaCy runs it."""
    ner = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
    if ner is None or nlp.pipe_names != ["tok2vec", "ner"] or not supports(ner):
        for doc in nlp.pipe(texts, batch_size=batch_size):
            yield doc, [(ent.start, ent.end, ent.label_) for ent in doc.ents]
        return
    vectors = _token_vectors(nlp)
    for chunk in minibatch((nlp.make_doc(text) for text in texts), DECODE_BATCH_SENTENCES):
        for batch in minibatch(chunk, batch_size):
            vectors(batch)
        yield from zip(chunk, decode_entities(ner, chunk), strict=True)


@lru_cache(maxsize=1)
def _token_vectors(nlp: Language) -> TokenVectors:
    """The tok2vec runner of the pipeline (one per process, with its cache of token-type embeddings)."""
    return TokenVectors(nlp.get_pipe("tok2vec"))


def analyse(article: Article) -> Article:
    """Set `article.sentences`, `article.doc` and `article.spans` (source "ner")."""
    return analyse_many([article])[0]


def analyse_many(articles: Iterable[Article], batch_size: int = NER_BATCH_SENTENCES) -> list[Article]:
    """`analyse` over many articles, with their sentences batched through one `nlp.pipe`."""
    articles = list(articles)
    texts: list[str] = []
    offsets: list[int] = []
    owners: list[int] = []
    for index, article in enumerate(articles):
        article.sentences = split_sentences(article.text)
        article.doc = TextDoc(article.text, article.sentences)   # the tokens every later stage reads
        for sentence in article.sentences:
            texts.append(article.text[sentence.start : sentence.end])
            offsets.append(sentence.start)
            owners.append(index)
    for article in articles:
        article.spans = [s for s in article.spans if s.source != "ner"]
    for owner, spans in zip(owners, entity_spans(texts, offsets, batch_size), strict=True):
        articles[owner].spans.extend(spans)
    return articles
