"""Wire copies: MinHash sketches, containment rather than Jaccard, agency credits, the earliest copy."""

from __future__ import annotations

import re
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
    agency_credit,
    containment,
    earliest_copies,
    is_copy,
    lsh_bands,
    make_sketch,
    make_sketches,
    shingles,
)

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
