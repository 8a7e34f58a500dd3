"""The `nlp` stage on an article written for this test."""

from sorot.nlp import analyse, analyse_many, entity_spans
from sorot.schema import Article, Span

TEXT = (
    "Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Rusia Sergey Lavrov di Moskwa. "
    "Keduanya membahas situasi di Jalur Gaza.\n\n"
    "“Indonesia mendukung gencatan senjata,” kata Retno kepada wartawan."
)


def test_sentences_and_spans_have_offsets_into_the_text() -> None:
    article = analyse(Article(source="t", text=TEXT))
    sentences = [TEXT[s.start : s.end] for s in article.sentences]
    assert sentences == [
        "Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Rusia Sergey Lavrov di Moskwa.",
        "Keduanya membahas situasi di Jalur Gaza.",
        "“Indonesia mendukung gencatan senjata,” kata Retno kepada wartawan.",
    ]
    assert article.spans, "the NER found nothing"
    for span in article.spans:
        assert TEXT[span.start : span.end] == span.text
        assert span.label in {"PER", "ORG", "LOC"} and span.source == "ner"
    people = {s.text for s in article.spans if s.label == "PER"}
    assert {"Retno Marsudi", "Sergey Lavrov"} <= people


def test_analyse_keeps_other_spans_and_replaces_its_own() -> None:
    kb_span = Span(0, 7, "ORG", "Menteri", source="kb")
    article = Article(source="t", text=TEXT, spans=[kb_span, Span(0, 1, "PER", "M")])
    [article] = analyse_many([article])
    assert kb_span in article.spans
    assert Span(0, 1, "PER", "M") not in article.spans


def test_empty_article() -> None:
    article = analyse(Article(source="t", text=""))
    assert article.sentences == [] and article.spans == []


def test_entities_do_not_depend_on_the_batch_size() -> None:
    """Sentences cut into nlp.pipe batches of any size get the same entities (the batch only bounds memory)."""
    texts = [
        "Presiden Joko Widodo menerima Perdana Menteri Jepang Fumio Kishida di Istana Bogor.",
        "Sekretaris Jenderal PBB Antonio Guterres berbicara di New York pada hari Senin.",
        "Delegasi Uni Eropa tiba di Jakarta untuk bertemu Menteri Perdagangan.",
        "Warga Kota Surabaya menyambut kedatangan Duta Besar Australia.",
        "Tidak ada nama dalam kalimat yang pendek ini.",
    ] * 3
    offsets = [index * 100 for index in range(len(texts))]
    one_batch = entity_spans(texts, offsets, batch_size=len(texts))
    assert any(one_batch), "the NER found nothing"
    for batch_size in (1, 2, 4):
        assert entity_spans(texts, offsets, batch_size=batch_size) == one_batch
