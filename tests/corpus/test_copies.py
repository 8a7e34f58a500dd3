"""Wire copies: MinHash sketches, containment rather than Jaccard, agency credits, the earliest copy."""

from __future__ import annotations

import re
import unicodedata
import zlib

import numpy as np
import pytest
from datasketch import MinHash
from tests.corpus.texts import INDEPENDENT_PARAGRAPHS, WIRE_PARAGRAPHS

from sorot.corpus.copies import (
    LSH_BANDS,
    LSH_ROWS,
    NUM_PERM,
    SEED,
    SHINGLE_WORDS,
    SKETCH_COLUMNS,
    MadeSketches,
    agency_credit,
    band_keys,
    containment,
    earliest_copies,
    is_copy,
    lsh_bands,
    make_sketch,
    make_sketches,
    shingles,
    sketch_table,
)
from sorot.corpus.terms import name_terms

WIRE = "\n".join(WIRE_PARAGRAPHS)


@pytest.mark.parametrize("text, agency", [
    ("Jakarta (ANTARA) - Presiden menerima tamu negara.", "ANTARA"),
    ("Beijing (Antara) - Kedua menteri bertemu.", "ANTARA"),
    ("Kedua menteri bertemu di Hanoi. Sumber: Antara", "ANTARA"),
    ("Pasukan itu mundur, lapor kantor berita Reuters pada Senin.", "REUTERS"),
    ("Hubungan antara kedua negara membaik, kata dia.", None),
    ("Perbedaan antara Jakarta dan Hanoi masih ada, antara lain soal batas laut.", None),
])
def test_agency_credit_lines_not_the_word_antara(text: str, agency: str | None) -> None:
    assert agency_credit(text) == agency


CREDIT_BODIES = [
    # the first credit in the body wins, wherever its agency stands in the data file
    "Manila (Reuters) - Kapal itu dihadang di perairan sengketa, menurut laporan AFP dan ANTARA.",
    "Laporan kantor berita Xinhua dikutip ulang oleh Reuters dan AFP pada hari yang sama.",
    # at one place two patterns match ("(ANTARA)" and "ANTARA" one letter on): the earlier place wins
    "Jakarta (ANTARA) - Kunjungan itu dibalas pekan depan, tulis Kyodo.",
    # a pattern's letters inside a longer word are no credit: the boundary is checked where they are found
    "Para pembicara dari XINHUAMEDIA dan kelompok Reutersian berdebat soal ANTARA.",
    "Pemerintah menerbitkan aturan baru tentang SPUTNIKOVA, kata kantor berita Sputnik kemudian.",
    "Tidak ada kantor berita yang disebut dalam laporan ini sama sekali.",
    # the credit in the sign-off of a long body, beyond the reach kept at its start
    "Kedua negara berunding. " * 40 + "(Bernama)",
]


def _first_credit_by_one_alternation(text: str) -> str | None:
    """What agency_credit must answer: one alternation of every agency's patterns, leftmost match first."""
    from sorot.corpus.copies import CREDIT_REACH, agencies

    if len(text) > 2 * CREDIT_REACH:
        text = text[:CREDIT_REACH] + "\n" + text[-CREDIT_REACH:]
    groups = [f"(?P<a{n}>{'|'.join(p.pattern for p in a.patterns)})" for n, a in enumerate(agencies())]
    match = re.compile("|".join(groups)).search(text)
    return agencies()[int(match.lastgroup[1:])].code if match and match.lastgroup else None


@pytest.mark.parametrize("text", CREDIT_BODIES)
def test_the_first_credit_is_the_one_a_single_alternation_finds(text: str) -> None:
    assert agency_credit(text) == _first_credit_by_one_alternation(text)


def test_credits_found_in_the_bodies() -> None:
    assert [agency_credit(text) for text in CREDIT_BODIES] == [
        "REUTERS", "XINHUA", "ANTARA", "ANTARA", "SPUTNIK", None, "BERNAMA"]


def test_a_verbatim_copy_is_a_copy() -> None:
    copied, score = is_copy(make_sketch("a", WIRE), make_sketch("b", WIRE))
    assert copied and score == pytest.approx(1.0)


def test_a_truncated_copy_is_contained_though_its_jaccard_is_low() -> None:
    truncated = "\n".join(WIRE_PARAGRAPHS[:6])             # 60 % of the paragraphs
    full, short = make_sketch("a", WIRE), make_sketch("b", truncated)
    jaccard = float((full.signature == short.signature).mean())
    assert jaccard < 0.75
    assert containment(full, short) > 0.85
    assert is_copy(full, short)[0]


def test_an_edited_copy_with_another_lead_and_a_read_also_line_is_a_copy() -> None:
    edited = [
        "Menlu RI dan Menlu Vietnam bertemu di Jakarta membahas laut, Selasa (4/3/2025).",
        *WIRE_PARAGRAPHS[1:5],
        "Baca juga: Harga beras naik menjelang Ramadhan",
        *WIRE_PARAGRAPHS[5:9],
    ]
    assert is_copy(make_sketch("a", WIRE), make_sketch("b", "\n".join(edited)))[0]


def test_an_independent_report_of_the_same_meeting_is_no_copy() -> None:
    other = "\n".join(INDEPENDENT_PARAGRAPHS)
    copied, score = is_copy(make_sketch("a", WIRE), make_sketch("b", other))
    assert not copied and score < 0.3


def test_short_bodies_are_never_called_copies() -> None:
    line = "Kedua menteri bertemu di Jakarta pada Selasa."
    assert not is_copy(make_sketch("a", line), make_sketch("b", line))[0]


def test_the_earliest_article_of_a_copy_cluster_is_the_one_copied() -> None:
    order = ["first", "second", "third", "alone"]
    links = earliest_copies(order, [("third", "second"), ("second", "first")])
    assert links == {"second": "first", "third": "first"}
    assert earliest_copies(order, []) == {}


def test_the_written_out_lsh_bands_are_datasketchs_choice() -> None:
    assert lsh_bands() == (LSH_BANDS, LSH_ROWS)
    assert LSH_BANDS * LSH_ROWS <= NUM_PERM


@pytest.mark.parametrize("text", [
    "Menteri itu tiba di Manila.",
    "Dua negara itu sepakat. Dua negara itu sepakat lagi, dan dua negara itu sepakat sekali lagi.",
    "Tiga",
    "",
    WIRE,
])
def test_shingles_are_the_distinct_word_four_grams(text: str) -> None:
    words = re.findall(r"\w+", text.casefold())   # every n-gram by position, the plain way
    expected = {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}
    if 0 < len(words) < SHINGLE_WORDS:
        expected = {" ".join(words).encode()}
    assert shingles(text) == expected


def test_sketches_made_in_bulk_equal_one_minhash_per_body() -> None:
    bodies = [("a", WIRE), ("b", "\n".join(INDEPENDENT_PARAGRAPHS)), ("c", "Pendek sekali."), ("d", "")]
    for (article_id, text), sketch in zip(bodies, make_sketches(bodies), strict=True):
        alone = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)
        alone.update_batch(list(shingles(text)))
        assert sketch.article_id == article_id and sketch.words == len(shingles(text))
        assert np.array_equal(sketch.signature, alone.hashvalues)
        assert np.array_equal(make_sketch(article_id, text).signature, alone.hashvalues)


@pytest.mark.parametrize("text", [
    "Menteri Luar Negeri Türkiye bertemu Perdana Menteri Việt Nam di Hà Nội pada Kamis pagi.",
    "Delegasi ﬁnansial dari Ｊａｋａｒｔａ tiba; MENTERI ÉLYSÉE menyambut délégation itu dengan hangat.",
    "Çavuşoğlu berkata: kerja sama ekonomi, kerja sama budaya, kerja sama ekonomi lagi.",
])
def test_shingles_of_accented_and_compatibility_letters(text: str) -> None:
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())
    expected = {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}
    assert shingles(text) == expected


TITLED_BODIES = [
    ("a", "Erdogan Terima Menlu Retno di Ankara", WIRE),
    ("b", None, "\n".join(INDEPENDENT_PARAGRAPHS)),
    ("c", "Pendek", "Pendek sekali."),
    ("d", "Kosong", ""),
]


def test_the_sketch_rows_made_with_the_articles_are_the_corpus_layers_own_sketches() -> None:
    table = sketch_table(TITLED_BODIES)
    assert table.column_names == [*SKETCH_COLUMNS, "bands"]
    for row, (article_id, title, text) in zip(table.to_pylist(), TITLED_BODIES, strict=True):
        sketch = make_sketch(article_id, text)
        assert row["article_id"] == article_id and row["words"] == sketch.words and row["agency"] == sketch.agency
        assert row["signature"] == sketch.signature.tolist()
        assert row["terms"] == name_terms(title or "", text)
        assert row["bands"] == band_keys(sketch.signature)


def test_made_sketches_keep_the_latest_of_an_id_and_nothing_past_their_limit() -> None:
    made = MadeSketches(limit=5)
    made.add(sketch_table(TITLED_BODIES[:3]))
    made.add(sketch_table([("a", "Judul Lain Soal Ankara", WIRE)]))        # "a" again: the latest counts
    rows, missing = made.rows_of(["d", "c", "a", "b"])
    assert missing == ["d"]
    assert rows is not None and rows.column("article_id").to_pylist() == ["c", "a", "b"]
    assert rows.column("terms")[1].as_py() == name_terms("Judul Lain Soal Ankara", WIRE)
    made.add(sketch_table(TITLED_BODIES[1:]))      # over the limit: not kept, and "b", "c" of before forgotten
    rows, missing = made.rows_of(["a", "b", "c", "d"])
    assert missing == ["b", "c", "d"] and rows is not None and rows.column("article_id").to_pylist() == ["a"]


def test_stored_sketches_are_the_made_ones_and_those_of_the_bodies_alike() -> None:
    import duckdb

    from sorot.corpus.copies import update_sketches
    from sorot.store.schema import SCHEMA_SQL

    con = duckdb.connect()
    con.execute(SCHEMA_SQL)
    for article_id, title, text in TITLED_BODIES[:3]:
        con.execute("INSERT INTO articles (id, source, title, text) VALUES (?, ?, ?, ?)",
                    [article_id, f"{article_id}.txt", title, text])
    made = MadeSketches()
    made.add(sketch_table(TITLED_BODIES[:2]).slice(1))     # "b" made (a slice of a part), "a" and "c" not
    new = update_sketches(con, made)
    assert [s.article_id for s in new] == ["a", "b", "c"]
    for (article_id, title, text), sketch in zip(TITLED_BODIES, new, strict=False):
        expected = make_sketch(article_id, text)
        assert np.array_equal(sketch.signature, expected.signature)
        assert sketch.terms == tuple(name_terms(title or "", text))
        keys = con.execute("SELECT \"key\" FROM sketch_bands WHERE article_id = ? ORDER BY band",
                           [article_id]).fetchall()
        assert [key for (key,) in keys] == band_keys(expected.signature)
    assert update_sketches(con, made) == []      # sketched once
