"""Quotes and speakers on paragraphs the team wrote, with hand-made entities."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sorot.quotes import _word_count, find_quotes
from sorot.quotes.spans import quote_spans
from sorot.schema import Article, Entity, Mention
from sorot.text.tokens import tokenize


def entity(text: str, name: str, kind: str, surface: list[str], code: str | None = None) -> Entity:
    mentions = [Mention(m.start(), m.end(), m.group(0)) for s in surface for m in re.finditer(re.escape(s), text)]
    return Entity(name=name, type=kind, code=code, country=code, mentions=mentions)


def quotes_of(text: str, *entities: Entity):
    article = Article(source="t", text=text, entities=list(entities))
    return find_quotes(article).quotes


def test_cue_after_the_quote_names_the_speaker():
    text = "“Kami siap memperdalam kerja sama dengan semua mitra,” kata Lavrov di Moskow."
    lavrov = entity(text, "Sergey Lavrov", "PER", ["Lavrov"], "RUS")
    (quote,) = quotes_of(text, lavrov)
    assert quote.speaker == "Sergey Lavrov" and quote.speaker_code == "RUS"
    assert quote.cue == "kata"
    assert text[quote.start:quote.end] == quote.text
    assert quote.text.startswith("Kami siap memperdalam")


def test_capitalised_cue_and_comma_outside_the_quote():
    text = "“Kerja sama kedua negara sangat penting bagi stabilitas kawasan”, Tegas Anwar."
    anwar = entity(text, "Anwar Ibrahim", "PER", ["Anwar"], "MYS")
    (quote,) = quotes_of(text, anwar)
    assert quote.speaker == "Anwar Ibrahim" and quote.cue == "tegas"


def test_speaker_before_the_quote():
    text = "Menteri Luar Negeri Sugiono mengatakan, “Indonesia menolak segala bentuk pendudukan.”"
    sugiono = entity(text, "Sugiono", "PER", ["Sugiono"], "IDN")
    (quote,) = quotes_of(text, sugiono)
    assert quote.speaker == "Sugiono" and quote.cue == "mengatakan"


def test_menurut_attributes_the_quote():
    text = "Menurut Guterres, “gencatan senjata harus segera diberlakukan di seluruh Gaza.”"
    guterres = entity(text, "António Guterres", "PER", ["Guterres"], "UN")
    (quote,) = quotes_of(text, guterres)
    assert quote.speaker == "António Guterres"


def test_nya_cue_and_pronoun_resolve_to_the_person_in_focus():
    text = ("Perdana Menteri Jepang Fumio Kishida tiba di Jakarta pada Senin.\n\n"
            "“Jepang akan terus mendukung pembangunan infrastruktur di Asia Tenggara,” ujarnya.\n\n"
            "“Kami juga membuka peluang kerja sama energi bersih yang lebih luas,” kata dia.")
    kishida = entity(text, "Fumio Kishida", "PER", ["Fumio Kishida"], "JPN")
    first, second = quotes_of(text, kishida)
    assert first.speaker == second.speaker == "Fumio Kishida"
    assert first.cue == "ujarnya"


def test_role_noun_resolves_to_the_person_in_focus():
    text = ("Presiden Prancis Emmanuel Macron berbicara di depan parlemen.\n\n"
            "“Eropa harus mampu mempertahankan dirinya sendiri,” kata sang presiden.")
    macron = entity(text, "Emmanuel Macron", "PER", ["Emmanuel Macron"], "FRA")
    (quote,) = quotes_of(text, macron)
    assert quote.speaker == "Emmanuel Macron"


def test_quote_over_two_paragraphs_is_one_quote():
    text = ("Juru bicara Kemlu China Mao Ning menyampaikan sikap Beijing.\n\n"
            "“China menentang segala bentuk sanksi sepihak yang tidak sah.\n\n"
            "“Kami mendesak pihak terkait untuk berhenti mencampuri urusan dalam negeri kami,” kata Mao.")
    mao = entity(text, "Mao Ning", "PER", ["Mao Ning", "Mao"], "CHN")
    (quote,) = quotes_of(text, mao)
    assert quote.text.startswith("China menentang") and quote.text.endswith("urusan dalam negeri kami,")
    assert quote.speaker == "Mao Ning"


def test_quote_split_by_the_attribution_gives_two_quotes_of_one_speaker():
    text = ("“Hubungan kedua negara berada pada titik terbaik,” kata Lavrov. “Kami akan terus "
            "memperluas perdagangan dalam mata uang nasional.”")
    lavrov = entity(text, "Sergey Lavrov", "PER", ["Lavrov"], "RUS")
    quotes = quotes_of(text, lavrov)
    assert [q.speaker for q in quotes] == ["Sergey Lavrov", "Sergey Lavrov"]
    assert quotes[1].text.startswith("Kami akan terus")


def test_scare_quotes_and_names_are_not_quotes():
    text = ("Kedua pemimpin menyebut kemitraan mereka “tanpa batas” dan mengecam “mentalitas Perang "
            "Dingin” di forum “Belt and Road”, sementara invasi disebut Moskow sebagai \"operasi militer "
            "khusus\".")
    assert quotes_of(text) == []


def test_partial_quote_attributed_by_a_cue_in_the_sentence():
    text = ("Putin menyerukan “arsitektur keamanan yang dapat diandalkan dan memadai di kawasan Asia-Pasifik”"
            " dalam pertemuan itu.")
    putin = entity(text, "Vladimir Putin", "PER", ["Putin"], "RUS")
    (quote,) = quotes_of(text, putin)
    assert quote.speaker == "Vladimir Putin" and quote.cue == "menyerukan"


def test_institutional_speaker():
    text = "“Washington tidak akan mentoleransi provokasi lebih lanjut,” kata Gedung Putih dalam pernyataannya."
    white_house = entity(text, "White House", "GPE", ["Gedung Putih"], "USA")
    (quote,) = quotes_of(text, white_house)
    # an institution is no person: the speaker's name is null (the gold convention), its code and offsets stay
    assert quote.speaker is None and quote.speaker_code == "USA"
    assert text[quote.speaker_start:quote.speaker_end] == "Gedung Putih"


def test_straight_quotes_work_like_curly_ones():
    text = '"Kami tidak akan mundur dari perundingan ini," ujar Menlu Retno kepada wartawan.'
    retno = entity(text, "Retno Marsudi", "PER", ["Retno"], "IDN")
    (quote,) = quotes_of(text, retno)
    assert quote.speaker == "Retno Marsudi" and quote.text.startswith("Kami tidak akan mundur")


def test_quote_without_any_entity_keeps_the_named_words():
    text = "“Sanksi itu tidak akan mengubah kebijakan kami,” kata Zakharova."
    (quote,) = quotes_of(text)
    assert quote.speaker == "Zakharova"


def test_person_named_after_title_words():
    text = "“Kami menyambut baik usulan itu,” kata Menteri Luar Negeri Rusia Sergey Lavrov."
    russia = entity(text, "Russia", "GPE", ["Rusia"], "RUS")
    lavrov = entity(text, "Sergey Lavrov", "PER", ["Sergey Lavrov"], "RUS")
    (quote,) = quotes_of(text, russia, lavrov)
    assert quote.speaker == "Sergey Lavrov"


def test_the_name_right_after_the_cue_beats_a_place_later_in_the_sentence():
    text = "“Boleh saja, Presiden memang panglima tertinggi,” kata Ahok di Balai Kota, Jakarta, Jumat."
    jakarta = entity(text, "Jakarta", "GPE", ["Jakarta"], "IDN")
    (quote,) = quotes_of(text, jakarta)
    assert quote.speaker == "Ahok"


def test_a_person_after_acting_titles_is_the_speaker():
    text = "“Ini upaya kami bersama semua pihak,” kata Pjs. Bupati Badung I Ketut Lihadnyana di Kuta."
    person = entity(text, "I Ketut Lihadnyana", "PER", ["I Ketut Lihadnyana"])
    (quote,) = quotes_of(text, person)
    assert quote.speaker == "I Ketut Lihadnyana"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .,\n“”-1É", max_size=40), st.integers(0, 45), st.integers(0, 45))
def test_the_quote_word_count_is_the_words_of_the_stretch_tokenised_alone(text: str, start: int, end: int) -> None:
    """A word cut by an edge counts once: the count is that of the stretch's own word tokens."""
    # offsets are character offsets into the article, never negative; an end past the text is allowed
    stretch = text[start:end] if start < end else ""
    assert _word_count(text, start, end) == sum(token.is_word for token in tokenize(stretch))


@pytest.mark.parametrize(("text", "inner"), [
    ('"Kami menyambut baik disahkannya piagam "Ocean Partnership for the Pacific" oleh semua anggota forum," '
     'kata juru bicara itu.', "Ocean Partnership"),
    ("“Kami mendukung “Deklarasi Jakarta” sepenuhnya dan akan melaksanakannya,” kata Menlu.", "Deklarasi Jakarta"),
    ('"Pemerintah menolak istilah "zona penyangga" yang dipakai Israel dalam rencana itu," kata juru bicara.',
     "zona penyangga"),
])
def test_a_quote_inside_a_quote_stays_inside_it(text: str, inner: str) -> None:
    """A title or term quoted inside a quotation does not cut it in two."""
    (span,) = quote_spans(text)
    quoted = text[span.start:span.end]
    assert inner in quoted and quoted.endswith(",")
