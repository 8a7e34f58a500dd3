"""Persons and their state as real reporters write them (issue 10), on sentences written for these tests:
undated articles dated by the dates they write out, short names after a title, Indonesian domestic titles, no
office holder guessed without a date."""

import pytest

from sorot.kb.linker import link
from sorot.schema import Article
from sorot.text.temporal import written_anchor


def people(kb, text, date=None):
    article = Article(source="t", text=text, published=date)
    return {e.name: e for e in link(article, kb) if e.type == "PER"}


@pytest.mark.parametrize(("text", "name", "code"), [
    ("Menteri Luar Negeri Retno Marsudi memanggil Duta Besar Brasil pada Jumat (20/2/2015).", "Retno Marsudi", "IDN"),
    ("Pada 10 Maret 2015, Presiden Dilma Rousseff menunda penerimaan surat kepercayaan itu.", "Dilma Rousseff",
     "BRA"),
    ("Retno Marsudi hadir di Jenewa. Sidang itu digelar pada 3 Februari 2020.", "Retno Marsudi", "IDN"),
])
def test_an_undated_article_is_read_on_the_latest_date_it_writes(real_kb, text, name, code):
    """Retno Marsudi is a UN envoy today and was Indonesia's foreign minister in 2015 and 2020; Dilma Rousseff
    heads a BRICS bank today and was Brazil's president in 2015."""
    assert people(real_kb, text)[name].code == code


@pytest.mark.parametrize(("text", "expected"), [
    ("Serangan terjadi pada Senin (26/8/2024) dan berlanjut pada 27 Agustus 2024.", "2024-08-27"),
    ("Kesepakatan itu diteken pada 5 Mei 2023 di Jakarta.", "2023-05-05"),
    ("Pertemuan digelar Senin (6/1) tanpa tahun yang ditulis.", None),
])
def test_written_anchor(text, expected):
    found = written_anchor(text)
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize("text", [
    "Menteri Luar Negeri Retno Marsudi tiba di Moskow. Selain bertemu Menlu Rusia, Retno juga bertemu Menlu Iran.",
    "Menteri Luar Negeri Retno Marsudi tiba di Beijing. Usai bertemu Menlu China, Retno menggelar jumpa pers.",
    "Menteri Luar Negeri Retno Marsudi tiba di Tokyo. Kepada Menlu Jepang, Retno menyampaikan undangan.",
])
def test_a_short_name_after_a_title_is_the_person_already_met(real_kb, text):
    found = people(real_kb, text, "2022-03-31")
    assert "Retno" not in found
    retno = found["Retno Marsudi"]
    assert retno.code == "IDN" and len(retno.mentions) == 2


@pytest.mark.parametrize(("text", "name"), [
    ("Gubernur Jawa Tengah Ahmad Luthfi menerima Duta Besar Jepang di Semarang.", "Ahmad Luthfi"),
    ("Wali Kota Surabaya Eri Cahyadi membuka pameran kerajinan ekspor.", "Eri Cahyadi"),
    ("Kapolda Bali Irjen Daniel Adityajaya menjamin keamanan delegasi.", "Daniel Adityajaya"),
])
def test_domestic_titles_give_indonesia(real_kb, text, name):
    found = people(real_kb, text, "2025-03-03")
    assert found[name].country == "IDN"


@pytest.mark.parametrize("text", [
    "Sekretaris Jenderal ASEAN hadir dalam pertemuan itu.",
    "Presiden AS mengirim utusan khusus ke kawasan itu.",
    "Perdana Menteri Thailand menyambut baik gencatan senjata.",
])
def test_no_office_holder_is_guessed_for_an_undated_article(real_kb, text):
    assert people(real_kb, text) == {}


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Lin Weiming, juru bicara Kementerian Luar Negeri China, menolak tuduhan itu.", "Lin Weiming", "CHN"),
    ("Ahmad Zulkarnain, Menteri Luar Negeri Malaysia, tiba di Jakarta.", "Ahmad Zulkarnain", "MYS"),
    ("Somchai Rattanakul, juru bicara pemerintah Thailand, membantah kabar tersebut.", "Somchai Rattanakul", "THA"),
])
def test_a_title_in_apposition_gives_the_name_its_state(real_kb, text, name, country):
    """Rule KB-apposed-title: the office holder is the name before the comma, not the KB's holder of the day."""
    found = people(real_kb, text, "2025-03-03")
    assert found[name].country == country
    assert len(found) == 1


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Pejabat Kemlu RI Budi Santoso menyatakan dukungan itu.", "Budi Santoso", "IDN"),
    ("Juru bicara militer Thailand Winthai Suvaree memberi keterangan pers.", "Winthai Suvaree", "THA"),
    ("Utusan Khusus Jepang Kenji Yamada tiba di Yangon.", "Kenji Yamada", "JPN"),
])
def test_officials_and_spokespeople_named_with_their_body(real_kb, text, name, country):
    assert people(real_kb, text, "2025-03-03")[name].country == country
