"""TokenVectors gives spaCy's tok2vec numbers bit for bit, with each token type embedded once."""

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sorot.nlp import get_nlp
from sorot.nlp.token_vectors import TokenVectors

# Written for this test: repeated and new words, names, numbers, punctuation, a doubled space.
SENTENCES = [
    "Menteri Luar Negeri Chile bertemu mitranya dari Peru di Lima pada hari Kamis.",
    "Pertemuan di Lima itu membahas perdagangan dan perbatasan kedua negara.",
    "Kedua menteri  sepakat bertemu lagi di Santiago pada 14 Agustus 2026.",
    "“Kami ingin hubungan yang lebih erat,” ujar menteri itu kepada wartawan.",
    "Perbatasan, perdagangan, dan perikanan menjadi tiga isu utama.",
]


def spacy_tensors(nlp: Language, texts: list[str]) -> list[np.ndarray]:
    tok2vec = nlp.get_pipe("tok2vec")
    docs = [nlp.make_doc(text) for text in texts]
    return list(tok2vec.predict(docs))


def sorot_tensors(vectors: TokenVectors, nlp: Language, texts: list[str]) -> list[np.ndarray]:
    docs: list[Doc] = [nlp.make_doc(text) for text in texts]
    vectors(docs)
    return [doc.tensor for doc in docs]


def same(first: list[np.ndarray], second: list[np.ndarray]) -> bool:
    return len(first) == len(second) and all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))


def test_the_committed_model_is_run_with_the_cache() -> None:
    vectors = TokenVectors(get_nlp().get_pipe("tok2vec"))
    assert vectors.layers is not None


def test_same_numbers_as_spacy_when_new_and_when_cached() -> None:
    nlp = get_nlp()
    vectors = TokenVectors(nlp.get_pipe("tok2vec"))
    expected = spacy_tensors(nlp, SENTENCES)
    assert same(sorot_tensors(vectors, nlp, SENTENCES), expected)
    known = len(vectors.rows)
    assert known < sum(len(nlp.make_doc(text)) for text in SENTENCES), "repeated words were embedded twice"
    assert same(sorot_tensors(vectors, nlp, SENTENCES), expected)   # every row now from the cache
    assert len(vectors.rows) == known


def test_a_few_new_words_give_the_numbers_of_a_large_batch() -> None:
    """One new word is embedded in a padded product: its numbers are those it gets among many tokens."""
    nlp = get_nlp()
    vectors = TokenVectors(nlp.get_pipe("tok2vec"))
    sorot_tensors(vectors, nlp, SENTENCES)
    added = SENTENCES[0].replace("Chile", "Ekuador")
    [alone] = sorot_tensors(vectors, nlp, [added])
    [among_many] = spacy_tensors(nlp, [added, *SENTENCES])[:1]
    assert np.array_equal(alone, among_many)


def test_a_full_cache_starts_afresh_with_the_same_numbers() -> None:
    nlp = get_nlp()
    vectors = TokenVectors(nlp.get_pipe("tok2vec"), capacity=40)
    expected = spacy_tensors(nlp, SENTENCES)
    for _ in range(2):
        assert same([tensor for text, tensor in zip(SENTENCES, expected, strict=True)
                     for tensor in sorot_tensors(vectors, nlp, [text])], expected)
        assert len(vectors.rows) <= 40


def test_a_tok2vec_of_another_architecture_runs_as_spacy_runs_it() -> None:
    nlp = spacy.blank("xx")      # any language: "id" would build its 15,900 tokenizer exceptions first
    tok2vec = nlp.add_pipe("tok2vec", config={"model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.CharacterEmbed.v2", "width": 16, "rows": 100, "nM": 8, "nC": 4,
                  "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 16, "depth": 1, "window_size": 1,
                   "maxout_pieces": 2}}})
    nlp.initialize()
    vectors = TokenVectors(tok2vec)
    assert vectors.layers is None
    assert same(sorot_tensors(vectors, nlp, SENTENCES[:2]), spacy_tensors(nlp, SENTENCES[:2]))


def test_threads_sharing_the_cache_get_spacys_numbers() -> None:
    from concurrent.futures import ThreadPoolExecutor

    nlp = get_nlp()
    vectors = TokenVectors(nlp.get_pipe("tok2vec"), capacity=60)   # small: threads also empty it
    expected = spacy_tensors(nlp, SENTENCES)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: sorot_tensors(vectors, nlp, SENTENCES), range(12)))
    assert all(same(result, expected) for result in results)


def test_empty_docs_get_empty_tensors_beside_others() -> None:
    nlp = get_nlp()
    vectors = TokenVectors(nlp.get_pipe("tok2vec"))
    texts = ["", SENTENCES[0], ""]
    tensors = sorot_tensors(vectors, nlp, texts)
    assert [tensor.shape[0] for tensor in tensors] == [0, len(nlp.make_doc(SENTENCES[0])), 0]
    assert np.array_equal(tensors[1], spacy_tensors(nlp, [SENTENCES[0], *SENTENCES[1:]])[0])
