"""Language identification: the quick test for plainly Indonesian text, and that it never changes the answer."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
from lingua import Language

from sorot.meta.language import (
    detect_language,
    is_clearly_indonesian,
    is_plainly_indonesian,
    malay_log_likelihood,
    plain_word_share,
    trigram_log_ratio,
)

INDONESIAN = [
    "Menteri Luar Negeri bertemu dengan mitranya di Tokyo pada hari Senin untuk membahas kerja sama "
    "perdagangan dan keamanan maritim di kawasan itu.",
    "Pemerintah menyatakan bahwa bantuan kemanusiaan akan dikirim ke wilayah tersebut setelah jalur darat "
    "dibuka kembali oleh kedua pihak yang bertikai.",
    "Kami tidak akan mundur dari perundingan ini, kata juru bicara delegasi itu kepada wartawan, sebab "
    "mereka sudah lama menunggu kesepakatan dengan negara tetangga.",
]
MALAY = ("Perdana Menteri berkata kerajaan akan terus memperkukuh hubungan dua hala dengan negara jiran bagi "
         "manfaat rakyat kedua-dua buah negara. Beliau berkata demikian ketika berucap pada majlis makan malam "
         "di Kuala Lumpur semalam dan menegaskan bahawa rundingan itu telah berjalan dengan lancar.")
OTHERS = [
    "The foreign minister met his counterpart in Tokyo on Monday to discuss trade and maritime security in "
    "the region. Both sides agreed to hold further talks next month.",
    "President Prabowo Subianto said in Jakarta on Tuesday that Indonesia would send aid to Gaza through "
    "Egypt, according to a statement from the State Secretariat.",
    "Ang pangulo ay nakipagpulong sa mga pinuno ng ibang bansa noong Lunes. Sinabi niya na mahalaga ang "
    "kooperasyon para sa kapayapaan sa rehiyon.",
    "De minister van Buitenlandse Zaken sprak maandag met zijn collega over de handel en de veiligheid in "
    "de regio. Beide landen willen hun banden versterken.",
    "Bapak lan ibu tindak menyang pasar esuk iki. Aku ora ngerti apa sing diomongke wong kae. Omahe adoh "
    "saka kutha, mula kudu numpak sepur.",
]


@pytest.mark.parametrize("text", INDONESIAN)
def test_indonesian_prose_is_plainly_indonesian(text: str) -> None:
    assert is_plainly_indonesian(text)


@pytest.mark.parametrize("text", OTHERS)
def test_other_languages_go_to_the_full_detector(text: str) -> None:
    assert plain_word_share(text) == 0.0
    assert not is_plainly_indonesian(text)


def test_half_english_half_indonesian_is_not_plain() -> None:
    mixed = OTHERS[0] + " " + OTHERS[1] + " " + INDONESIAN[1]
    assert not is_plainly_indonesian(mixed)


@pytest.mark.parametrize("text", [*INDONESIAN, MALAY, *OTHERS, OTHERS[0] + " " + INDONESIAN[0]])
def test_the_quick_test_never_changes_the_answer(text: str) -> None:
    assert detect_language(text) == detect_language(text, quick_test=False)


def test_malay_clearly_ahead_stays_malay_on_the_quick_path() -> None:
    assert is_plainly_indonesian(MALAY)
    assert detect_language(MALAY) == "ms"


def test_too_few_letters_is_no_language() -> None:
    assert detect_language("12/03/2025 — 14.00") is None
    assert detect_language("") is None


# ---------------------------------------------------------------- the trigram table (lingua's pair, without lingua)

LONG_INDONESIAN = [
    "Presiden meresmikan jembatan baru yang menghubungkan dua kabupaten di pesisir utara. Menurut kepala dinas "
    "pekerjaan umum, pembangunan jembatan itu menelan biaya hampir satu triliun rupiah dan dikerjakan selama "
    "tiga tahun oleh perusahaan konstruksi milik negara.",
    "Kepolisian menangkap tiga tersangka penyelundupan narkotika di bandara internasional, Selasa malam. Barang "
    "bukti disembunyikan di dalam koper berlapis ganda dan baru ketahuan setelah petugas bea cukai memeriksa "
    "hasil pemindaian dengan lebih teliti.",
    "Kapal patroli itu berlayar dari pelabuhan pada pagi hari dan tiba di perairan perbatasan menjelang sore. "
    "Awak kapal melaporkan bahwa cuaca cukup tenang, sehingga pemeriksaan terhadap kapal nelayan asing dapat "
    "dilakukan tanpa hambatan berarti oleh petugas yang berjaga.",
    "Harga beras di pasar tradisional naik lagi pekan ini karena pasokan dari daerah penghasil berkurang. "
    "Para pedagang mengaku pembeli mulai mengurangi belanja, sementara pemerintah daerah berjanji menggelar "
    "operasi pasar supaya harga kembali terjangkau bagi warga.",
]


def _lingua_pair_log_ratio(sample: str) -> float | None:
    """lingua's own ln(P Malay / P Indonesian) for `sample`, when neither confidence is rounded to zero."""
    from sorot.meta.language import _indonesian_or_malay

    values = {v.language: v.value for v in _indonesian_or_malay().compute_language_confidence_values(sample)}
    malay, indonesian = values.get(Language.MALAY, 0.0), values.get(Language.INDONESIAN, 0.0)
    return math.log(malay) - math.log(indonesian) if malay > 0 and indonesian > 0 else None


def test_the_table_is_the_installed_linguas() -> None:
    from sorot.meta.language import _indonesian_or_malay, _trigram_table

    table = _trigram_table()
    assert table is not None and len(table) == 26 ** 3
    pair = _indonesian_or_malay()
    for trigram in random.Random(7).sample(sorted(table), 60):
        live = trigram_log_ratio(pair, trigram)
        assert (live is None and math.isnan(table[trigram])) or table[trigram] == pytest.approx(live, abs=1e-5)


@pytest.mark.parametrize("text", LONG_INDONESIAN)
def test_the_table_sum_is_linguas_log_likelihood(text: str) -> None:
    # short enough that lingua's confidences do not underflow, so that its log-ratio can be read back
    for length in (280, 340, 400):
        sample = text[:length]
        lingua = _lingua_pair_log_ratio(sample)
        assert lingua is not None
        assert malay_log_likelihood(sample) == pytest.approx(lingua, abs=1e-3)


@pytest.mark.parametrize("text", LONG_INDONESIAN)
def test_plain_indonesian_prose_skips_lingua_with_linguas_answer(text: str) -> None:
    assert is_clearly_indonesian(text)
    assert detect_language(text) == detect_language(text, quick_test=False) == "id"


def test_indonesian_too_close_to_the_margin_is_left_to_lingua() -> None:
    # plainly Indonesian to a reader, but by lingua's trigrams only about three times likelier Indonesian
    # than Malay: lingua weighs it (and says Indonesian)
    close = " ".join(INDONESIAN)
    ratio = malay_log_likelihood(close)
    assert ratio is not None and -3.0 < ratio < 0
    assert not is_clearly_indonesian(close)
    assert detect_language(close) == "id"


def test_malay_is_left_to_lingua() -> None:
    ratio = malay_log_likelihood(MALAY)
    assert ratio is not None and ratio > 0
    assert not is_clearly_indonesian(MALAY)


def test_what_the_table_cannot_read_goes_to_lingua() -> None:
    text = LONG_INDONESIAN[2]
    # a letter outside a-z: lingua's words and trigrams are not the table's
    assert malay_log_likelihood(text.replace("pelabuhan", "pélabuhan")) is None
    assert malay_log_likelihood(text.replace("pelabuhan", "pelabuhan\u0301")) is None   # a combining accent
    # punctuation outside ASCII is no letter: the sum is the same as with ASCII quotes and dashes
    assert malay_log_likelihood(text.replace(". ", " \u2013 \u201c")) == pytest.approx(
        malay_log_likelihood(text.replace(". ", " - \"")), abs=1e-9)
    # too few letters: lingua weighs n-grams of every length there
    assert malay_log_likelihood(INDONESIAN[0][:100]) is None
    assert not is_clearly_indonesian(INDONESIAN[0][:100])


def test_a_table_that_is_not_linguas_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sorot.data import use_data_dir
    from sorot.meta import language

    table = (language_data_dir() / "id_ms_trigrams.tsv").read_text(encoding="utf-8")
    (tmp_path / "meta").mkdir()
    # every number halved: what a table from another lingua version would look like
    halved = "\n".join(line if line.startswith(("#", "pair")) else "\t".join(
        [line.split("\t")[0]] + [c if c == "x" else f"{float(c) / 2:.6f}" for c in line.split("\t")[1:]])
        for line in table.splitlines())
    (tmp_path / "meta" / "id_ms_trigrams.tsv").write_text(halved + "\n", encoding="utf-8")
    monkeypatch.setenv("SOROT_DATA", "")
    use_data_dir(tmp_path)
    try:
        assert language._trigram_table() is None
        assert malay_log_likelihood(LONG_INDONESIAN[1]) is None
        assert detect_language(LONG_INDONESIAN[1]) == "id"
    finally:
        monkeypatch.delenv("SOROT_DATA")
    assert language._trigram_table() is not None


def language_data_dir() -> Path:
    from sorot.data import PACKAGE_DIR

    return Path(PACKAGE_DIR) / "meta"


def test_a_number_beyond_ascii_keeps_the_words_whole() -> None:
    # "²" is no letter, yet a word character: "dan²" is one word, not the function word "dan"
    assert plain_word_share("yang dan² itu") == pytest.approx(2 / 3)
    assert plain_word_share("yang dan itu") == 1.0
    assert malay_log_likelihood(LONG_INDONESIAN[2].replace("pelabuhan", "pelabuhan²")) is None


def test_a_lone_surrogate_is_left_to_lingua() -> None:
    # lingua refuses such a text; the table must not answer in its place
    assert malay_log_likelihood(LONG_INDONESIAN[2] + " \udcff") is None
