"""Language identification: the quick test for plainly Indonesian text, and that it never changes the answer."""

from __future__ import annotations

import pytest

from sorot.meta.language import detect_language, is_plainly_indonesian, plain_word_share

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
