"""The `nlp` stage on an article written for this test."""

from sorot.nlp import analyse, analyse_many
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
