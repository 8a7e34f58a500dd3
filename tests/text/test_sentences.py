"""Sentence splitting on Indonesian news sentences written for these tests."""

import pytest

from sorot.text.sentences import split_sentences


def sentences_of(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    "first, second",
    [
        ("Rapat digelar di Jl. Medan Merdeka Barat No. 6, Jakarta Pusat.", "Para menteri hadir."),
        ("Prof. Dr. Hikmahanto Juwana menilai langkah itu tepat.", "Ia mengkritik Washington."),
        ("Brigjen. Ahmad Ramadhan dan Kol. Inf. Sutrisno memimpin pasukan.", "Mereka tiba di Gaza."),
        ("Jend. TNI Agus Subiyanto melantik Letjen. Budi Santoso.", "Upacara berlangsung singkat."),
        ("Surat itu dikirim a.n. Menteri Luar Negeri kepada Dubes Jepang.", "Isinya belum diketahui."),
        ("Dosen itu, Dr. Siti Aminah, M.Si., S.H., memberi keterangan.", "Sidang ditunda."),
        ("Presiden AS Joe Biden diwakili J. Blinken dan H. Clinton.", "Keduanya tiba kemarin."),
        ("Inflasi naik 3.5 persen dan rupiah melemah ke Rp 16.250 per dolar.", "BI menahan suku bunga."),
        ("Acara dimulai pukul 12.30 WIB dan diikuti 1.000 peserta.", "Hujan turun sore hari."),
        ("Delegasi membawa beras, minyak, obat-obatan, dll.", "Bantuan tiba Senin."),
        ("Kami menerima surat dari St. Petersburg pagi ini.", "Rusia membantahnya."),
        ("“Kami tidak akan mundur,” kata Zelensky di Kyiv.", "Rusia terus menyerang."),
        ("Ia menegaskan, “Indonesia menolak pendudukan itu.”", "Pernyataan itu disambut baik."),
        ("Apakah perundingan akan dilanjutkan?", "Belum ada jawaban dari Hamas."),
        ("Serangan itu mengerikan!", "Sedikitnya 20 orang tewas."),
        ("JAKARTA, KOMPAS.com - Pemerintah mengecam serangan di Rafah.", "Kemlu memanggil duta besar."),
        ("Pertemuan itu berlangsung di Kec. Menteng, Kab. Bogor, Prov. Jawa Barat.", "Warga menonton."),
        ("Menurut Ir. Soekarno, bangsa ini besar.", "Kutipan itu sering dipakai."),
        ("Harga minyak OPEC+ turun menjadi 80.5 dolar.", "Arab Saudi memangkas produksi."),
        ("Ia berkata, “Kami siap.” Lalu ia pergi.", None),
    ],
)
def test_two_sentences_split_once(first: str, second: str | None) -> None:
    if second is None:  # the last case splits after the closing quote
        assert sentences_of(first) == ["Ia berkata, “Kami siap.”", "Lalu ia pergi."]
        return
    assert sentences_of(f"{first} {second}") == [first, second]


def test_quote_followed_by_speech_verb_is_one_sentence() -> None:
    text = "“Kami siap berunding!” ujar Lavrov kepada wartawan. Blinken tidak menjawab."
    assert sentences_of(text) == ["“Kami siap berunding!” ujar Lavrov kepada wartawan.", "Blinken tidak menjawab."]


def test_blank_line_always_ends_a_sentence() -> None:
    text = "Dewan Keamanan PBB bersidang\n\ndan Rusia memveto resolusi itu"
    assert sentences_of(text) == ["Dewan Keamanan PBB bersidang", "dan Rusia memveto resolusi itu"]


def test_offsets_cover_every_sentence_of_the_body() -> None:
    text = "Paragraf pertama. Kalimat kedua.\n\n  Paragraf kedua di sini.  \n\nPenutup."
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == [
        "Paragraf pertama.", "Kalimat kedua.", "Paragraf kedua di sini.", "Penutup."]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    covered = "".join(text[s.start : s.end] for s in spans)
    assert covered.replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_lowercase_after_full_stop_does_not_split() -> None:
    text = "Pasukan ditarik dari wilayah itu sejak 2021. kemudian dikirim lagi."
    assert len(split_sentences(text)) == 1


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n ") == []
