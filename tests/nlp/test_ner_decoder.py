"""sorot's vectorised NER decoder finds exactly the entities of spaCy's own decoder, on the same model."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sorot.nlp import get_nlp
from sorot.nlp.ner_decoder import decode_entities, supports
from sorot.text.sentences import split_sentences

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

# Written for this test: names of one to four words at the start, middle and end, adjacent names,
# organisations, places after prepositions, doubled spaces and a line break, numbers, and sentences of
# very different lengths in one batch.
SENTENCES = [
    "Presiden Finlandia Alexander Stubb tiba di Helsinki pada Senin malam.",
    "Helsinki menjadi tuan rumah pertemuan itu.",
    "Menurut Kementerian Luar Negeri Brasil, delegasi akan berangkat ke Brasilia besok.",
    "Perdana Menteri Selandia Baru  Christopher Luxon berbicara dengan Presiden Chile Gabriel Boric.",
    "Pertemuan ASEAN di Vientiane dihadiri sepuluh menteri, kata juru bicara Kemlu.",
    "Badan Energi Atom Internasional (IAEA) mengirim tim ke Zaporizhzhia.",
    "Ya.",
    "",
    "Warga Nairobi, Mombasa dan Kisumu turun ke jalan\nsetelah pengumuman Komisi Pemilihan Umum Kenya.",
    "Sekretaris Jenderal NATO Mark Rutte, Kanselir Olaf Scholz, dan Presiden Emmanuel Macron "
    "bertemu di Den Haag untuk membahas bantuan bagi Ukraina senilai 50 miliar euro, sementara "
    "Menteri Pertahanan Amerika Serikat Lloyd Austin menelepon mitranya di Kyiv.",
    "tidak ada nama di kalimat ini sama sekali",
    "PBB",
    "Uni Afrika dan Liga Arab menyerukan gencatan senjata di Sudan pada 12 Mei 2026.",
]


def spacy_entities(nlp: Language, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]


def sorot_entities(nlp: Language, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    docs = list(nlp.pipe(texts, disable=["ner"]))
    return decode_entities(nlp.get_pipe("ner"), docs)


def test_the_committed_model_is_decoded_by_sorot() -> None:
    assert supports(get_nlp().get_pipe("ner"))


def test_same_entities_as_spacy_on_written_sentences() -> None:
    nlp = get_nlp()
    expected = spacy_entities(nlp, SENTENCES)
    assert sum(map(len, expected)) >= 15, "the model found too little for the test to mean anything"
    assert sorot_entities(nlp, SENTENCES) == expected


def test_same_entities_one_sentence_at_a_time() -> None:
    nlp = get_nlp()
    for sentence in SENTENCES:
        assert sorot_entities(nlp, [sentence]) == spacy_entities(nlp, [sentence])


def test_an_empty_batch() -> None:
    assert decode_entities(get_nlp().get_pipe("ner"), []) == []


@contextmanager
def unseen_classes(nlp: Language, names: set[str]) -> Iterator[None]:
    ner = nlp.get_pipe("ner")
    classes = {i for i in range(ner.moves.n_moves) if ner.moves.get_class_name(i) in names}
    saved = ner.model.attrs["unseen_classes"]
    ner.model.attrs["unseen_classes"] = classes
    try:
        yield
    finally:
        ner.model.attrs["unseen_classes"] = saved


def test_unseen_classes_are_scored_as_spacy_does() -> None:
    """Moves never seen in training score the batch's minimum, so they are never chosen over another."""
    nlp = get_nlp()
    with unseen_classes(nlp, {"U-PER", "B-ORG"}):
        expected = spacy_entities(nlp, SENTENCES)
        assert sorot_entities(nlp, SENTENCES) == expected
    assert not any(label == "PER" and end - start == 1 for doc in expected for start, end, label in doc)


def test_preset_entities_go_to_spacys_decoder() -> None:
    nlp = get_nlp()
    doc = next(nlp.pipe(["Kota Lima menjadi tuan rumah konferensi itu."], disable=["ner"]))
    doc.set_ents([spacy.tokens.Span(doc, 0, 2, "ORG")], default="unmodified")
    [entities] = decode_entities(nlp.get_pipe("ner"), [doc])
    assert (0, 2, "ORG") in entities


def test_beam_search_is_left_to_spacy() -> None:
    ner = get_nlp().get_pipe("ner")
    ner.cfg["beam_width"] = 4
    try:
        assert not supports(ner)
    finally:
        ner.cfg["beam_width"] = 1


@pytest.mark.needs_shared("corpus/pages")
def test_same_entities_as_spacy_on_the_real_pages() -> None:
    """Every sentence of the shared real pages: 4,000-odd sentences from about 115 outlets."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((SHARED / "corpus/pages").glob("*.txt"))]
    sentences = [text[s.start : s.end] for text in texts for s in split_sentences(text)]
    nlp = get_nlp()
    expected = spacy_entities(nlp, sentences)
    assert sorot_entities(nlp, sentences) == expected


def test_docs_keep_their_order() -> None:
    """Sentences are decoded longest first; the entities come back in the order of the docs."""
    nlp = get_nlp()
    texts = sorted(SENTENCES, key=len)
    docs: list[Doc] = list(nlp.pipe(texts, disable=["ner"]))
    assert decode_entities(nlp.get_pipe("ner"), docs) == spacy_entities(nlp, texts)
