"""The committed NER model, with the stage's clean-up, on world-news sentences written for these tests."""

import pytest
from spacy.language import Language
from thinc.api import NumpyOps

from sorot.nlp import MODEL_DIR, entity_spans


def found(text: str) -> set[tuple[str, str]]:
    assert (MODEL_DIR / "config.cfg").exists(), "committed model missing: run `make train`"
    [spans] = entity_spans([text], [0])
    return {(s.text, s.label) for s in spans}


@pytest.mark.parametrize("text, expected", [
    ("Menteri Luar Negeri Hungaria Peter Szijjarto bertemu mitranya di Budapest, Selasa.",
     {("Peter Szijjarto", "PER"), ("Budapest", "LOC")}),
    ("Presiden Prancis Emmanuel Macron menyambut Kanselir Jerman di Paris.",
     {("Prancis", "LOC"), ("Emmanuel Macron", "PER"), ("Jerman", "LOC"), ("Paris", "LOC")}),
    ("Perdana Menteri Jepang Fumio Kishida menyatakan akan mengunjungi Seoul bulan depan.",
     {("Fumio Kishida", "PER"), ("Seoul", "LOC")}),
    ("Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Rusia Sergey Lavrov di Moskwa.",
     {("Retno Marsudi", "PER"), ("Sergey Lavrov", "PER"), ("Moskwa", "LOC")}),
    ("Pemimpin Korea Utara Kim Jong-un menembakkan rudal ke Laut Jepang.",
     {("Korea Utara", "LOC"), ("Kim Jong-un", "PER"), ("Laut Jepang", "LOC")}),
])
def test_finds_people_and_places(text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= found(text)


def test_finds_an_organisation() -> None:
    text = "Dalam konferensi pers, NATO meminta anggotanya menambah anggaran pertahanan."
    assert ("NATO", "ORG") in found(text)


def test_common_words_are_not_entities() -> None:
    text = "Harga beras naik tajam pekan lalu sehingga warga mengeluh kepada pemerintah daerah."
    assert found(text) == set()


# world-news sentences of several shapes (names after titles, acronyms, places after prepositions)
BLAS_SENTENCES = [
    "Menteri Luar Negeri Brasil Mauro Vieira tiba di Jakarta pada Kamis malam.",
    "Sekretaris Jenderal PBB Antonio Guterres menyerukan gencatan senjata di Sudan.",
    "Delegasi ASEAN bertemu di Kuala Lumpur untuk membahas krisis Myanmar.",
    "Presiden Kenya William Ruto dan Perdana Menteri India Narendra Modi menandatangani perjanjian dagang.",
    "Bank Dunia memperkirakan ekonomi Vietnam tumbuh lima persen tahun ini.",
]


def _entities(nlp: Language, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]


def test_numpy_blas_finds_what_blis_finds(sorot_nlp: Language) -> None:
    """The pipeline multiplies through numpy's BLAS (faster here than thinc's blis); the entities are the
    ones the blis path finds."""
    models = [component.model for _, component in sorot_nlp.pipeline]
    nodes = [node for model in models for node in model.walk()]
    assert nodes and not any(node.ops.use_blis for node in nodes)
    with_numpy = _entities(sorot_nlp, BLAS_SENTENCES)
    numpy_ops = nodes[0].ops
    try:
        blis_ops = NumpyOps(use_blis=True)
        for node in nodes:
            node.ops = blis_ops
        with_blis = _entities(sorot_nlp, BLAS_SENTENCES)
    finally:
        for node in nodes:
            node.ops = numpy_ops
    assert any(with_numpy) and with_numpy == with_blis


@pytest.mark.slow  # loads the model a second time: a second or two
def test_the_saved_vocabulary_left_unread_changes_no_entity(sorot_nlp: Language) -> None:
    """get_nlp does not read the model's saved strings (it has no vectors or lookup tables): the pipeline
    loaded with them finds the same entities, labels included."""
    import spacy

    from sorot.nlp import MODEL_DIR, _saved_vocabulary_needed

    assert not _saved_vocabulary_needed(MODEL_DIR)
    with_strings = spacy.load(MODEL_DIR, exclude=["tokenizer"],
                              config={"nlp": {"tokenizer": {"@tokenizers": "sorot.news_tokenizer.v1"}}})
    assert len(with_strings.vocab.strings) > len(sorot_nlp.vocab.strings)
    texts = [*BLAS_SENTENCES,
             "Presiden Prancis Emmanuel Macron menerima Perdana Menteri India Narendra Modi di Paris, Senin.",
             "Juru bicara Kementerian Luar Negeri Tiongkok mengatakan Beijing menolak putusan itu.",
             "Uni Eropa dan Bank Dunia menyalurkan bantuan ke Gaza melalui Mesir pekan lalu."]
    found = _entities(sorot_nlp, texts)
    assert sum(map(len, found)) > 10 and found == _entities(with_strings, texts)
