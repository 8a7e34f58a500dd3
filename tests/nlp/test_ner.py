"""The committed NER model, with the stage's clean-up, on world-news sentences written for these tests."""

import pytest

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
