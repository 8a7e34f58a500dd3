"""Attribution as real reporters write it (issue 10): cues after the quote, the person inside a title, "-nya"
for the subject of the last sentence, institutions without a name; sentences written for these tests."""

import pytest
from tests.quotes.test_quotes import entity, quotes_of


@pytest.mark.parametrize(("text", "surface", "name", "code"), [
    ("“Kami akan terus mendukung perundingan damai di kawasan,” demikian Menlu Penny Wong kepada wartawan.",
     "Penny Wong", "Penny Wong", "AUS"),
    ("“Tidak ada negara yang boleh mengubah status quo dengan kekerasan,” demikian pernyataan Menlu Yoko "
     "Kamikawa.", "Yoko Kamikawa", "Yoko Kamikawa", "JPN"),
    ("“Indonesia siap menjadi tuan rumah pertemuan berikutnya,” demikian disampaikan Sugiono di Jakarta.",
     "Sugiono", "Sugiono", "IDN"),
])
def test_demikian_after_a_quote_names_its_speaker(text, surface, name, code):
    person = entity(text, name, "PER", [surface], code)
    (quote,) = quotes_of(text, person)
    assert quote.speaker == name and quote.cue == "demikian"


@pytest.mark.parametrize(("text", "org", "person"), [
    ("Juru bicara Pasukan Pertahanan Israel Daniel Hagari mengatakan, “Kami siap menghadapi setiap ancaman.”",
     ("Israel Defense Forces", ["Pasukan Pertahanan Israel"], "ISR"), ("Daniel Hagari", ["Daniel Hagari"], "ISR")),
    ("Kementerian Luar Negeri China melalui juru bicaranya Mao Ning menyatakan, “Kami menentang campur tangan itu.”",
     ("Ministry of Foreign Affairs (China)", ["Kementerian Luar Negeri China"], "CHN"),
     ("Mao Ning", ["Mao Ning"], "CHN")),
    ("Direktur Jenderal IAEA Rafael Grossi menegaskan, “Inspeksi harus segera dilanjutkan tanpa syarat.”",
     ("IAEA", ["IAEA"], "IAEA"), ("Rafael Grossi", ["Rafael Grossi"], "IAEA")),
])
def test_the_person_inside_a_title_speaks_not_the_organisation(text, org, person):
    body = entity(text, org[0], "ORG", org[1], org[2])
    speaker = entity(text, person[0], "PER", person[1], person[2])
    (quote,) = quotes_of(text, body, speaker)
    assert quote.speaker == person[0]


@pytest.mark.parametrize(("text", "subject", "other"), [
    ("Retno bertemu Lavrov di Moskow. Dalam pertemuan itu, Retno membahas isu Ukraina dengan Lavrov.\n\n"
     "“Kami menekankan pentingnya penghormatan terhadap hukum internasional,” tambahnya.", "Retno", "Lavrov"),
    ("Anwar menerima Prabowo di Putrajaya. Anwar kemudian mengajak Prabowo meninjau proyek perbatasan.\n\n"
     "“Perbatasan harus menjadi kawasan kemakmuran bersama,” ujarnya.", "Anwar", "Prabowo"),
    ("Blinken menelepon Wang Yi pada Senin malam. Blinken mendesak Wang Yi menahan tekanan atas Taiwan.\n\n"
     "“Stabilitas Selat Taiwan adalah kepentingan semua pihak,” katanya.", "Blinken", "Wang Yi"),
])
def test_nya_is_the_subject_of_the_last_sentence_with_a_person(text, subject, other):
    first = entity(text, subject, "PER", [subject], "AAA")
    second = entity(text, other, "PER", [other], "BBB")
    (quote,) = quotes_of(text, first, second)
    assert quote.speaker == subject


@pytest.mark.parametrize(("text", "surface", "code"), [
    ("“Indonesia menyambut baik keputusan itu,” bunyi pernyataan resmi Kemlu RI di akun media sosialnya.",
     "Kemlu RI", "IDN"),
    ("“Kami menolak tuduhan yang tidak berdasar itu,” kata Kementerian Luar Negeri Rusia dalam sebuah pernyataan.",
     "Kementerian Luar Negeri Rusia", "RUS"),
    ("“Pintu dialog tetap terbuka bagi semua pihak,” demikian pernyataan Sekretariat ASEAN.",
     "Sekretariat ASEAN", "ASEAN"),
])
def test_an_institution_speaks_without_a_name(text, surface, code):
    body = entity(text, surface, "ORG", [surface], code)
    (quote,) = quotes_of(text, body)
    assert quote.speaker is None and quote.speaker_code == code
    assert text[quote.speaker_start:quote.speaker_end] == surface


@pytest.mark.parametrize(("text", "words"), [
    ("''Kami tidak akan mundur dari meja perundingan,'' kata Lavrov di Moskow.",
     "Kami tidak akan mundur dari meja perundingan,"),
    ("„Kami siap berunding kapan saja dengan siapa pun“, ujar Lavrov kepada wartawan.",
     "Kami siap berunding kapan saja dengan siapa pun"),
    ("«Rusia tidak pernah menutup pintu bagi diplomasi», kata Lavrov dalam jumpa pers.",
     "Rusia tidak pernah menutup pintu bagi diplomasi"),
])
def test_every_quote_mark_in_use(text, words):
    lavrov = entity(text, "Sergey Lavrov", "PER", ["Lavrov"], "RUS")
    (quote,) = quotes_of(text, lavrov)
    assert quote.text == words and quote.speaker == "Sergey Lavrov"
