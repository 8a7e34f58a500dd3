"""Constructions and vocabulary of real news reporting (issue 10), each rule shown by sentences written for
these tests in several wordings, with hand-made linked entities. The trace of `code_events` names the rule
that decided each event, so a test fails when another rule happens to give the right answer."""

from __future__ import annotations

import pytest
from tests.events.test_code_events import entities_for
from tests.events.test_world_news import WORLD

from sorot.events import code_events
from sorot.events.rules import RuleHit
from sorot.events.text import find_triggers, tokenize
from sorot.schema import Article, Entity, Event, Quote

TABLE = WORLD | {
    "Kamboja": ("Cambodia", "GPE", "KHM"), "Yoshimasa": ("Yoshimasa Hayashi", "PER", "JPN"),
    "Penny Wong": ("Penny Wong", "PER", "AUS"), "Sugiono": ("Sugiono", "PER", "IDN"),
}


def _article(text: str, quotes: list[Quote] | None = None) -> Article:
    return Article(source="t", text=text, published="2025-03-12", entities=entities_for(text, TABLE),
                   quotes=quotes or [])


def _coded_events(text: str, quotes: list[Quote] | None = None) -> tuple[list[Event], list[RuleHit]]:
    """Every event coded in `text`, and the rule trace."""
    hits: list[RuleHit] = []
    return code_events(_article(text, quotes), trace=hits).events, hits


def coded(text: str, quotes: list[Quote] | None = None) -> tuple[set[tuple[str, str, str]], list[RuleHit]]:
    """(source, type, target) of the reported events, and the rule trace."""
    events, hits = _coded_events(text, quotes)
    return {(e.source.code, e.type, e.target.code) for e in events if e.status == "reported"}, hits


def rules_of(hits: list[RuleHit]) -> set[str]:
    return {rule for hit in hits for rule in (hit.lexicon_id, *hit.rules)}


# ---- vocabulary ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # accession and membership
    ("Indonesia resmi bergabung dengan BRICS pada awal tahun.", ("IDN", "COOPERATE", "BRICS")),
    ("Vietnam bergabung ke dalam kelompok BRICS sebagai negara mitra.", ("VNM", "COOPERATE", "BRICS")),
    ("Tahun lalu Malaysia resmi menjadi anggota ASEAN yang kesekian.", ("MYS", "COOPERATE", "ASEAN")),
    # thanks are praise
    ("Kemlu Indonesia mengucapkan terima kasih kepada Jepang atas bantuan itu.", ("IDN", "SUPPORT", "JPN")),
    ("Pemerintah Filipina berterima kasih kepada Australia atas dukungannya.", ("PHL", "SUPPORT", "AUS")),
    ("Mesir menyampaikan terima kasih kepada Qatar yang ikut menengahi.", ("EGY", "SUPPORT", "QAT")),
    # cutting tariffs is a concession
    ("Amerika Serikat menurunkan tarif barang asal China menjadi 30 persen.", ("USA", "CONCEDE", "CHN")),
    ("Kanada memangkas tarif impor produk Meksiko mulai bulan ini.", ("CAN", "CONCEDE", "MEX")),
    ("Jepang menghapus bea masuk untuk Vietnam dalam perjanjian baru.", ("JPN", "CONCEDE", "VNM")),
    # verbal attacks are accusations, not assaults
    ("Iran melancarkan serangan verbal terhadap Israel di forum itu.", ("IRN", "ACCUSE", "ISR")),
    ("Menlu Turki menyerang secara verbal Israel dalam pidatonya.", ("TUR", "ACCUSE", "ISR")),
    ("Korea Utara kembali melontarkan serangan retorika kepada Korea Selatan.", ("PRK", "ACCUSE", "KOR")),
    # vessels at sea
    ("Kapal penjaga pantai China menembakkan meriam air ke kapal Filipina.", ("CHN", "ASSAULT", "PHL")),
    ("Sebuah kapal China menyerempet kapal patroli Vietnam di dekat karang itu.", ("CHN", "ASSAULT", "VNM")),
    ("Kapal Filipina diserempet kapal milisi China pada Sabtu.", ("CHN", "ASSAULT", "PHL")),
])
def test_reporters_vocabulary(text, expected):
    found, _ = coded(text)
    assert expected in found


@pytest.mark.parametrize("text", [
    "Rusia adalah pemegang hak veto di Dewan Keamanan bersama Prancis.",
    "Para penentang Maduro menilai Venezuela tidak akan berubah.",
    "India mengirim pasukan penjaga perdamaian ke Lebanon selatan.",
])
def test_non_trigger_phrases_are_no_acts(text):
    """Rule EV-non-trigger: a right, opponents, peacekeepers are no REJECT and no ASSAULT."""
    types = [t.entry.type for t in find_triggers(tokenize(text))]
    assert "REJECT" not in types and "ASSAULT" not in types


# ---- construction rules ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "pair", "kind"), [
    ("Thailand-Kamboja saling tuduh memulai bentrokan di perbatasan.", ("THA", "KHM"), "ACCUSE"),
    ("Delegasi Rusia-Ukraina bertemu di Istanbul untuk pertukaran tawanan.", ("RUS", "UKR"), "CONSULT"),
    ("Pembicaraan Jepang-Korea Selatan berakhir tanpa hasil.", ("JPN", "KOR"), "CONSULT"),
])
def test_hyphen_pair(text, pair, kind):
    found, hits = coded(text)
    assert (pair[0], kind, pair[1]) in found or (pair[1], kind, pair[0]) in found
    assert "EV-hyphen-pair" in rules_of(hits)


@pytest.mark.parametrize(("text", "expected"), [
    ("Rusia dan Ukraina saling serang di wilayah timur.", {("RUS", "ASSAULT", "UKR"), ("UKR", "ASSAULT", "RUS")}),
    ("India dan Pakistan saling tuding soal serangan itu.", {("IND", "ACCUSE", "PAK"), ("PAK", "ACCUSE", "IND")}),
    ("Iran dan Israel saling ancam lewat pernyataan resmi.", {("IRN", "THREATEN", "ISR"), ("ISR", "THREATEN", "IRN")}),
])
def test_saling_with_a_bare_root(text, expected):
    """Rule EV-saling-root: "saling tuduh" is a verb though the root has no prefix."""
    found, hits = coded(text)
    assert expected <= found and "EV-mutual" in rules_of(hits)


@pytest.mark.parametrize(("text", "expected"), [
    ("Indonesia bergabung ke dalam kelompok negara BRICS.", ("IDN", "COOPERATE", "BRICS")),
    ("Menlu Retno tiba di Beijing pada Senin malam.", ("IDN", "CONSULT", "CHN")),
    ("Presiden Prabowo bertandang ke Malaysia untuk kunjungan kerja.", ("IDN", "CONSULT", "MYS")),
])
def test_trigger_preposition_makes_an_object(text, expected):
    found, hits = coded(text)
    assert expected in found and "EV-trigger-preposition" in rules_of(hits)


@pytest.mark.parametrize(("text", "expected", "wrong"), [
    ("Brasil mengumumkan Indonesia resmi bergabung dengan BRICS.", ("IDN", "COOPERATE", "BRICS"),
     ("BRA", "COOPERATE", "BRICS")),
    ("Jepang menyatakan China mengancam Taiwan dengan latihan itu.", ("CHN", "THREATEN", "TWN"),
     ("JPN", "THREATEN", "TWN")),
    ("Pejabat AS mengatakan Iran mengirim rudal ke Rusia.", ("IRN", "AID", "RUS"), ("USA", "AID", "RUS")),
])
def test_subject_of_a_reported_clause(text, expected, wrong):
    found, hits = coded(text)
    assert expected in found and wrong not in found
    assert "EV-complement-subject" in rules_of(hits)


@pytest.mark.parametrize(("text", "expected"), [
    ("Mesir dan Qatar menandatangani dokumen bersama Amerika Serikat.", ("EGY", "AGREE", "USA")),
    ("Retno mengadakan pembicaraan bersama Menlu Australia Penny Wong.", ("IDN", "CONSULT", "AUS")),
    ("Filipina menggelar latihan gabungan bersama Jepang di Laut China Selatan.", ("PHL", "COOPERATE", "JPN")),
])
def test_co_party_after_bersama(text, expected):
    found, _ = coded(text)
    assert expected in found or (expected[2], expected[1], expected[0]) in found


@pytest.mark.parametrize(("text", "absent"), [
    ("China serta Amerika Serikat menawarkan bantuan dalam negosiasi tersebut.", ("CHN", "CONSULT", "USA")),
    ("Jepang dan Australia mengirim bantuan untuk perundingan damai itu.", ("JPN", "CONSULT", "AUS")),
    ("Mesir dan Qatar menyediakan tempat bagi pembicaraan gencatan senjata.", ("EGY", "CONSULT", "QAT")),
])
def test_a_pair_inside_the_subject_meets_only_by_its_own_act(text, absent):
    """Rule EV-pair-direct: another act between the pair and the meeting noun: they do not meet each other."""
    found, _ = coded(text)
    assert absent not in found and (absent[2], absent[1], absent[0]) not in found


@pytest.mark.parametrize(("text", "expected", "wrong"), [
    ("Selain bertemu dengan Menlu Rusia, Retno juga bertemu dengan Menlu Jepang.", ("IDN", "CONSULT", "JPN"),
     ("RUS", "CONSULT", "JPN")),
    ("Selain mengecam Israel, Turki juga memanggil pulang duta besarnya.", ("TUR", "ACCUSE", "ISR"), None),
    ("Usai bertemu Presiden Kanada, Presiden Meksiko menolak tarif baru itu.", ("MEX", "CONSULT", "CAN"), None),
    ("Setelah berunding dengan Mesir selama dua hari, Israel membuka perbatasan.", ("ISR", "CONSULT", "EGY"),
     None),
    ("Selain mengunjungi Vietnam, Prabowo juga singgah di Malaysia.", ("IDN", "CONSULT", "MYS"),
     ("VNM", "CONSULT", "MYS")),
])
def test_a_fronted_selain_clause_is_closed_by_its_comma(text, expected, wrong):
    """Rule EV-no-coordination-across-clauses: the actor before the comma is not coordinated with the subject."""
    text = text.replace("Prabowo", "Presiden Indonesia Prabowo")
    found, _ = coded(text)
    assert expected in found or (expected[2], expected[1], expected[0]) in found
    assert wrong is None or wrong not in found


def _quote_of(text: str, words: str, speaker: Entity) -> Quote:
    start = text.index(words)
    mention = speaker.mentions[0]
    return Quote(speaker=speaker.name, text=words, start=start, end=start + len(words), cue="kata",
                 speaker_code=speaker.code, speaker_start=mention.start, speaker_end=mention.end)


@pytest.mark.parametrize(("text", "words", "speaker", "expected"), [
    ("“Bekerja sama dengan Amerika Serikat, kami akan menekan Korea Utara,” kata Yoshimasa.",
     "Bekerja sama dengan Amerika Serikat, kami akan menekan Korea Utara,", "Yoshimasa", ("JPN", "COOPERATE", "USA")),
    ("“Saya mengecam keras serangan Israel terhadap warga sipil,” ujar Sugiono.",
     "Saya mengecam keras serangan Israel terhadap warga sipil,", "Sugiono", ("IDN", "ACCUSE", "ISR")),
    ("“Kita mendukung penuh Palestina di forum mana pun,” kata Retno di Jenewa.",
     "Kita mendukung penuh Palestina di forum mana pun,", "Retno", ("IDN", "SUPPORT", "PSE")),
])
def test_first_person_in_a_quote_is_its_speaker(text, words, speaker, expected):
    article = _article(text)
    person = next(e for e in article.entities if any(m.text == speaker for m in e.mentions))
    article.quotes = [_quote_of(text, words, person)]
    hits: list[RuleHit] = []
    events = code_events(article, trace=hits).events
    found = {(e.source.code, e.type, e.target.code) for e in events if e.status == "reported"}
    assert expected in found or (expected[2], expected[1], expected[0]) in found
    assert "EV-first-person-quote" in rules_of(hits)


@pytest.mark.parametrize(("text", "expected"), [
    ("Dengan Jepang, Retno membahas kerja sama maritim.", ("IDN", "CONSULT", "JPN")),
    ("Dengan Vietnam, Malaysia sepakat mempercepat perundingan batas laut.", ("MYS", "AGREE", "VNM")),
    ("Bersama Mesir, Qatar menandatangani dokumen gencatan senjata.", ("QAT", "AGREE", "EGY")),
])
def test_fronted_co_party(text, expected):
    found, hits = coded(text)
    assert expected in found or (expected[2], expected[1], expected[0]) in found
    assert "EV-fronted-party" in rules_of(hits)


@pytest.mark.parametrize(("text", "expected"), [
    ("Kanada mengenakan tarif 25 persen pada barang impor dari China.", ("CAN", "SANCTION", "CHN")),
    ("Uni Eropa menerapkan bea tambahan pada produk impor dari Rusia.", ("EU", "SANCTION", "RUS")),
    ("Meksiko menurunkan tarif untuk barang ekspor dari Kanada.", ("MEX", "CONCEDE", "CAN")),
])
def test_goods_origin_is_the_target_of_a_trade_measure(text, expected):
    found, hits = coded(text)
    assert expected in found and "EV-goods-origin" in rules_of(hits)


@pytest.mark.parametrize(("text", "expected"), [
    # goods named by what they are
    ("Kanada mengenakan tarif tambahan atas baja dari China.", ("CAN", "SANCTION", "CHN")),
    ("India memberlakukan bea masuk untuk kedelai dari Amerika Serikat.", ("IND", "SANCTION", "USA")),
    # goods described at more length before "dari"
    ("Jepang mengenakan tarif pada impor batu bara dari Australia.", ("JPN", "SANCTION", "AUS")),
    ("Korea Selatan menghapus tarif atas produk pertanian olahan dari Vietnam.", ("KOR", "CONCEDE", "VNM")),
])
def test_goods_named_or_described_at_length_take_their_origin_as_the_target(text, expected):
    found, hits = coded(text)
    assert expected in found and "EV-goods-origin" in rules_of(hits)


@pytest.mark.parametrize("text", [
    # "dari" after a comma belongs to another stretch of the sentence
    "Kanada mengenakan tarif atas baja, kata seorang pejabat dari Jerman.",
    # "dari" with no goods word before it is no origin
    "Kanada mengenakan tarif baru setelah mendapat laporan dari Jerman.",
])
def test_dari_outside_the_goods_phrase_is_no_origin(text):
    _found, hits = coded(text)
    assert "EV-goods-origin" not in rules_of(hits)


@pytest.mark.parametrize("text", [
    "ECOWAS memberi ultimatum tujuh hari kepada junta Niger untuk membebaskan para tahanan politik.",
    "Amerika Serikat mendesak Israel dan Hamas, yang sudah berperang setahun, agar membebaskan para sandera.",
    "Uni Eropa mengancam Rusia dengan sanksi baru supaya menarik pasukannya dari Ukraina.",
])
def test_purpose_complement_of_a_threat_or_request_is_not_done(text):
    """'untuk/agar/supaya' + verb after a threat or request: the act is only demanded, however far."""
    article = _article(text)
    events = code_events(article).events
    assert all(e.status != "reported" for e in events if e.type in ("CONCEDE", "RETREAT"))


def _dated(text: str, published: str | None) -> list:
    article = Article(source="t", text=text, published=published, entities=entities_for(text, TABLE))
    return code_events(article).events


@pytest.mark.parametrize(("text", "expected"), [
    ("Vietnam resmi bergabung dengan BRICS.\n\nPemerintah Brasil mengumumkan Vietnam bergabung dengan BRICS pada "
     "Senin (6/1).", "2025-01-06"),
    ("Mesir bertemu Qatar di Kairo.\n\nMenurut sumber itu, Mesir bertemu Qatar pada Selasa (7/1) malam.",
     "2025-01-07"),
    ("Jepang mengecam Korea Utara.\n\nSebelumnya, Jepang mengecam Korea Utara pada Minggu (5/1) atas peluncuran itu.",
     "2025-01-05"),
])
def test_a_lead_takes_the_date_of_its_retelling(text, expected):
    """The publication day given to a lead gives way to the day a later sentence tells the same event on."""
    events = [e for e in _dated(text, "2025-01-08") if e.status == "reported"]
    assert events and events[0].date == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Amerika Serikat menjatuhkan sanksi ekonomi kepada Iran pada 2018.", "2018"),
    ("Pada Mei 2025 China menurunkan tarif barang asal AS.", "2025-05"),
    ("Korea Utara menembakkan rudal ke arah Jepang pada 4 Oktober 2022.", "2022-10-04"),
])
def test_years_written_out_date_events_of_undated_articles(text, expected):
    events = _dated(text, None)
    assert events and events[0].date == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Pasukan Thailand dan Kamboja terlibat baku tembak di perbatasan.", ("THA", "ASSAULT", "KHM")),
    ("Amerika Serikat (AS) dan Iran akan mengadakan perundingan di Oman.", ("USA", "CONSULT", "IRN")),
    ("Presiden Prabowo disambut upacara resmi setibanya di Tokyo, Jepang.", ("IDN", "CONSULT", "JPN")),
])
def test_exchanges_bracketed_acronyms_and_arrivals(text, expected):
    """"baku tembak" goes both ways; "Amerika Serikat (AS) dan Iran" is one pair; "setibanya di" is a visit."""
    article = _article(text.replace("Prabowo", "Indonesia Prabowo"))
    found = {(e.source.code, e.type, e.target.code) for e in code_events(article).events}
    assert expected in found or (expected[2], expected[1], expected[0]) in found


@pytest.mark.parametrize(("text", "pair"), [
    ("Nota kesepahaman itu ditandatangani Menteri Luar Negeri Indonesia dengan Menteri Luar Negeri Jepang.",
     ("IDN", "JPN")),
    ("Perjanjian dagang tersebut diteken Menteri Perdagangan Vietnam dengan Menteri Perdagangan Kanada.",
     ("VNM", "CAN")),
    ("Deklarasi bersama itu disepakati Presiden Mesir bersama Emir Qatar di Kairo.", ("EGY", "QAT")),
])
def test_a_symmetric_passive_with_a_co_agent(text, pair):
    found, hits = coded(text)
    assert {(pair[0], "AGREE", pair[1]), (pair[1], "AGREE", pair[0])} & found
    assert "EV-passive-pair" in rules_of(hits)


@pytest.mark.parametrize(("text", "pair"), [
    ("Nota kesepahaman itu ditandatangani oleh Menteri Luar Negeri Indonesia dan Menteri Luar Negeri Jepang.",
     ("IDN", "JPN")),
    ("Perjanjian dagang tersebut diteken Menteri Perdagangan Vietnam dan Menteri Perdagangan Kanada di Hanoi.",
     ("VNM", "CAN")),
    ("Kesepakatan gencatan senjata itu disepakati Mesir dan Qatar dalam pertemuan di Kairo, Senin.", ("EGY", "QAT")),
])
def test_a_symmetric_passive_with_coordinated_agents(text, pair):
    """The agreement is the subject and both parties are the agents: the act is between them."""
    found, hits = coded(text)
    assert {(pair[0], "AGREE", pair[1]), (pair[1], "AGREE", pair[0])} & found
    assert "EV-passive-joint-agents" in rules_of(hits)


@pytest.mark.parametrize(("text", "pair"), [
    ("Rancangan resolusi itu ditolak oleh Rusia dan China dalam pemungutan suara.", {"RUS", "CHN"}),
    ("Serangan roket itu dikecam Prancis dan Jerman.", {"FRA", "DEU"}),
    ("Kesepakatan damai itu ditengahi oleh Qatar dan Mesir setelah dua bulan.", {"QAT", "EGY"}),
])
def test_coordinated_agents_of_a_one_sided_or_mediated_passive_are_no_pair(text, pair):
    """Refusing or condemning together is no act between the two who do it, and mediators are no parties."""
    found, hits = coded(text)
    assert not [event for event in found if {event[0], event[2]} == pair]
    assert "EV-passive-joint-agents" not in rules_of(hits)


@pytest.mark.parametrize(("text", "pair", "kind"), [
    ("Jepang mengapresiasi gencatan senjata antara Israel dengan milisi Lebanon.", ("ISR", "LBN"), "AGREE"),
    ("Mesir memuji kesepakatan antara Hamas dengan Israel yang dicapai semalam.", ("PSE", "ISR"), "AGREE"),
    ("Qatar menengahi perundingan antara Rusia dengan Ukraina soal pertukaran anak.", ("RUS", "UKR"), "CONSULT"),
])
def test_antara_x_dengan_y_is_a_pair(text, pair, kind):
    found, hits = coded(text)
    assert {(pair[0], kind, pair[1]), (pair[1], kind, pair[0])} & found
    assert "EV-antara-dengan" in rules_of(hits)


@pytest.mark.parametrize(("text", "expected"), [
    ("China membeli minyak Venezuela sejak AS menjatuhkan sanksi pada negara tersebut.", ("USA", "SANCTION", "VEN")),
    ("Jepang mengecam Korea Utara. Tokyo juga menjatuhkan sanksi baru terhadap negara itu.",
     ("JPN", "SANCTION", "PRK")),
    ("Filipina memprotes manuver China di Laut China Selatan. Manila memanggil duta besar negara tersebut.",
     ("PHL", "ACCUSE", "CHN")),
])
def test_negara_tersebut_is_the_state_named_before(text, expected):
    text = text.replace("Tokyo", "Jepang").replace("Manila", "Filipina")
    found, hits = coded(text)
    assert expected in found and "EV-reference-state" in rules_of(hits)


def test_negara_negara_tersebut_are_several():
    found, hits = coded("Venezuela menuntut negara-negara tersebut menarik diplomat mereka dari Caracas.")
    assert "EV-reference-state" not in rules_of(hits)


@pytest.mark.parametrize(("text", "expected"), [
    ("AS meminta China membatalkan tarif tersebut, namun China menolak.", ("CHN", "REJECT", "USA")),
    ("Israel menuduh Iran memasok senjata ke Lebanon. Iran membantah.", ("IRN", "REJECT", "ISR")),
    ("Uni Eropa mendesak Serbia mengakui Kosovo. Serbia menolak, kata juru bicaranya.", ("SRB", "REJECT", "EU")),
])
def test_a_bare_refusal_answers_the_request(text, expected):
    found, hits = coded(text)
    assert expected in found and "EV-answered-party" in rules_of(hits)


@pytest.mark.parametrize(("text", "expected"), [
    ("Presiden Indonesia menerima Menlu Australia Penny Wong di Istana Merdeka.", ("IDN", "CONSULT", "AUS")),
    ("Malaysia menerima Menteri Luar Negeri Jepang Yoshimasa di Putrajaya.", ("MYS", "CONSULT", "JPN")),
    ("Indonesia menerima ratusan warga Palestina untuk berobat.", None),
])
def test_receiving_a_person_is_hosting(text, expected):
    found, _ = coded(text)
    if expected is None:
        assert not any(kind == "CONSULT" for _, kind, _ in found)
    else:
        assert expected in found


@pytest.mark.parametrize(("text", "expected"), [
    ('Filipina menyatakan bahwa kapal China melakukan "tindakan agresif" dengan menembakkan meriam air ke kapal '
     'Filipina.', ("CHN", "ASSAULT", "PHL")),
    ("Amerika Serikat mengancam akan mengambil “tindakan ekonomi yang tegas” terhadap Venezuela.",
     ("USA", "THREATEN", "VEN")),
    ("Korea Utara menggelar “latihan balasan” lalu menembakkan rudal ke arah Jepang.", ("PRK", "ASSAULT", "JPN")),
])
def test_scare_quotes_inside_a_clause_do_not_end_it(text, expected):
    found, _ = coded(text)
    assert expected in found


@pytest.mark.parametrize(("text", "expected"), [
    ("Indonesia mengirim bantuan kemanusiaan untuk rakyat Palestina.", ("IDN", "AID", "PSE")),
    ("Jepang menyalurkan bantuan pangan bagi pengungsi Sudan di perbatasan.", ("JPN", "AID", "SDN")),
    ("Qatar memberikan bantuan kepada masyarakat Lebanon yang terdampak.", ("QAT", "AID", "LBN")),
])
def test_the_people_of_a_state_receive_for_it(text, expected):
    found, _ = coded(text)
    assert expected in found


@pytest.mark.parametrize(("text", "expected", "wrong"), [
    ("Jepang membahas isu Korea Utara dengan Korea Selatan.", ("JPN", "CONSULT", "KOR"), ("JPN", "CONSULT", "PRK")),
    ("Indonesia merundingkan tarif dengan Amerika Serikat di Washington.", ("IDN", "CONSULT", "USA"), None),
    ("Malaysia mendiskusikan situasi Myanmar dengan Thailand.", ("MYS", "CONSULT", "THA"),
     ("MYS", "CONSULT", "MMR")),
])
def test_the_object_of_talks_is_their_topic(text, expected, wrong):
    found, _ = coded(text)
    assert expected in found or (expected[2], expected[1], expected[0]) in found
    assert wrong is None or (wrong not in found and (wrong[2], wrong[1], wrong[0]) not in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("Presiden Indonesia disambut oleh Perdana Menteri (PM) Malaysia di Putrajaya.", ("MYS", "CONSULT", "IDN")),
    ("Filipina menggelar pertemuan dengan Menteri Luar Negeri (Menlu) Jepang di Manila.", ("PHL", "CONSULT", "JPN")),
    ("India menjatuhkan sanksi terhadap Kementerian Pertahanan (Kemhan) Pakistan.", ("IND", "SANCTION", "PAK")),
])
def test_a_bracketed_acronym_inside_a_title_keeps_the_preposition(text, expected):
    found, _ = coded(text)
    assert expected in found or (expected[1] == "CONSULT" and (expected[2], expected[1], expected[0]) in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("Amerika Serikat mengancam akan mengambil “tindakan ekonomi yang kuat dan cepat sekali” terhadap "
     "pemerintahan Venezuela.", ("USA", "THREATEN", "VEN")),
    ("Rusia memperingatkan akan melancarkan “serangan balasan yang sangat keras” terhadap Ukraina.",
     ("RUS", "THREATEN", "UKR")),
    ("Iran mengancam akan memberikan “respons yang jauh lebih keras lagi” kepada Israel.", ("IRN", "THREATEN", "ISR")),
])
def test_scare_quoted_words_do_not_count_towards_the_target_distance(text, expected):
    found, _ = coded(text)
    assert expected in found


@pytest.mark.parametrize(("text", "pairs"), [
    ("Malaysia dan Thailand menggelar latihan bilateral di perbatasan pada Selasa.", [("MYS", "THA")]),
    ("Angkatan laut India dan Australia memulai latihan militer bilateral di Samudra Hindia.", [("IND", "AUS")]),
    ("Jepang, Filipina, dan Australia menggelar latihan trilateral di Laut China Selatan.",
     [("JPN", "PHL"), ("JPN", "AUS"), ("PHL", "AUS")]),
])
def test_a_bilateral_or_trilateral_exercise_is_cooperation_between_its_states(text, pairs):
    found, _hits = coded(text)
    for a, b in pairs:
        assert {(a, "COOPERATE", b), (b, "COOPERATE", a)} & found


@pytest.mark.parametrize(("text", "pair"), [
    ("Australia meneken perjanjian keamanan dengan Kanada di Canberra.", ("AUS", "CAN")),
    ("Menteri Perdagangan Indonesia meneken kesepakatan dagang dengan Menteri Perdagangan Kanada.", ("IDN", "CAN")),
    ("Jepang meneken nota kesepahaman pertahanan dengan Filipina pada Senin.", ("JPN", "PHL")),
])
def test_meneken_governs_the_agreement_it_signs_as_menandatangani_does(text, pair):
    found, _hits = coded(text)
    assert {(pair[0], "AGREE", pair[1]), (pair[1], "AGREE", pair[0])} & found


@pytest.mark.parametrize(("text", "expected"), [
    ("Uni Eropa memperpanjang sanksi terhadap Rusia hingga akhir tahun.", ("EU", "SANCTION", "RUS")),
    ("Kanada memperpanjang sanksi ekonomi atas Iran selama setahun.", ("CAN", "SANCTION", "IRN")),
    ("Jepang memperbarui sanksi terhadap Korea Utara pada Selasa.", ("JPN", "SANCTION", "PRK")),
    ("Amerika Serikat memperpanjang bantuan militer untuk Filipina.", ("USA", "AID", "PHL")),
])
def test_extending_or_renewing_a_measure_is_taking_it_again(text, expected):
    """"memperpanjang" and "memperbarui" govern the measure they extend, as "memberlakukan" does."""
    found, _hits = coded(text)
    assert expected in found


@pytest.mark.parametrize(("text", "expected"), [
    ("Rusia menembakkan rudal ke sejumlah pangkalan militer Ukraina pada Minggu pagi.", ("RUS", "ASSAULT", "UKR")),
    ("Rusia meluncurkan drone ke pangkalan udara Ukraina semalam.", ("RUS", "ASSAULT", "UKR")),
    ("Israel melancarkan serangan terhadap fasilitas nuklir Iran di Isfahan.", ("ISR", "ASSAULT", "IRN")),
])
def test_a_states_bases_and_sites_stand_for_it_as_the_aim_of_an_attack(text, expected):
    found, _hits = coded(text)
    assert expected in found


@pytest.mark.parametrize(("text", "sources", "target"), [
    ("Jerman dan negara-negara NATO lainnya mengecam uji coba rudal Iran.", {"DEU", "NATO"}, "IRN"),
    ("Jepang dan negara-negara ASEAN mengecam uji coba rudal Korea Utara.", {"JPN", "ASEAN"}, "PRK"),
    ("Amerika Serikat dan sekutunya Jepang mengecam peluncuran rudal Korea Utara.", {"USA", "JPN"}, "PRK"),
])
def test_a_conjunct_behind_a_plural_or_partner_head_is_coordinated(text, sources, target):
    found, _hits = coded(text)
    assert {(source, "ACCUSE", target) for source in sources} <= found


def test_a_singular_head_after_dan_opens_the_next_clause():
    found, _hits = coded("Rusia mengecam Ukraina dan pemerintah Jepang menyatakan keprihatinan.")
    assert ("RUS", "ACCUSE", "UKR") in found and ("RUS", "ACCUSE", "JPN") not in found


@pytest.mark.parametrize(("text", "pair", "kind"), [
    ("Jepang dan Korea Selatan menggelar latihan bersama pertama mereka di Laut Jepang.", ("JPN", "KOR"), "COOPERATE"),
    ("Malaysia dan Thailand memperbarui perjanjian perbatasan mereka di Kuala Lumpur.", ("MYS", "THA"), "AGREE"),
    ("Malaysia dan Australia menggelar latihan gabungan angkatan laut pertama mereka di Darwin.",
     ("MYS", "AUS"), "COOPERATE"),
])
def test_mereka_after_a_coordinated_subject_is_that_subject(text, pair, kind):
    """"their first joint exercise": the act is between the subject's states, not aimed at a pair told before."""
    lead = "Indonesia dan China sepakat memperkuat kerja sama. Kedua negara juga membahas investasi. "
    found, _hits = coded(lead + text)
    assert {(pair[0], kind, pair[1]), (pair[1], kind, pair[0])} & found
    assert not {event for event in found if event[0] in pair and event[2] in {"IDN", "CHN"}}


@pytest.mark.parametrize(("text", "expected"), [
    ("Ukraina menuduh Iran memasok drone kepada Rusia. Iran membantah terlibat dalam perang itu.",
     ("IRN", "REJECT", "UKR")),
    ("Amerika Serikat menuduh China memasok komponen drone ke Rusia. China menyangkal telah memasok senjata.",
     ("CHN", "REJECT", "USA")),
    ("Amerika Serikat meminta China mencabut tarif itu. Namun China menolak mencabut tarif tersebut.",
     ("CHN", "REJECT", "USA")),
])
def test_a_denial_of_ones_own_act_answers_the_charge_or_request(text, expected):
    found, hits = coded(text)
    assert expected in found
    assert "EV-answered-party" in rules_of(hits)


def test_a_nouns_purpose_clause_is_no_denial():
    found, _hits = coded("China mengecam Amerika Serikat. Amerika Serikat menggunakan hak vetonya untuk memveto "
                         "resolusi itu.")
    assert ("USA", "REJECT", "CHN") not in found


@pytest.mark.parametrize(("text", "targets"), [
    ("Rusia mengusir diplomat dari Jepang pada Senin.", {"JPN"}),
    ("Rusia mengusir diplomat dari tiga negara, yakni Jerman, Inggris, dan Jepang.", {"DEU", "GBR", "JPN"}),
])
def test_expelling_the_diplomats_from_a_state_is_a_sanction_on_it(text, targets):
    found, _hits = coded(text)
    assert {event[2] for event in found if event[1] == "SANCTION"} == targets


@pytest.mark.parametrize(("text", "expected"), [
    ("Australia khawatir terhadap China, yang pekan lalu menandatangani pakta keamanan dengan Kanada.",
     ("CHN", "AGREE", "CAN")),
    ("Jepang mewaspadai Rusia, yang sejak 2022 menjalin kerja sama militer dengan Korea Utara.",
     ("RUS", "COOPERATE", "PRK")),
    ("Amerika Serikat mengecam Rusia, yang pada Senin (3/3) melancarkan serangan ke Ukraina.",
     ("RUS", "ASSAULT", "UKR")),
])
def test_the_antecedent_of_yang_is_the_subject_behind_a_time_adverbial(text, expected):
    found, hits = coded(text)
    assert expected in found
    assert "EV-relative-head" in rules_of(hits)


@pytest.mark.parametrize("text", [
    "Korea Utara menembakkan dua rudal balistik ke laut. Jepang mengecam peluncuran tersebut.",
    "Korea Utara meluncurkan rudal balistik ke laut lepas pantai timurnya. Jepang mengecam penembakan rudal itu.",
    "Korea Utara menembakkan rudal jelajah pada Kamis. Jepang mengecam keras peluncuran rudal itu.",
])
def test_a_launch_condemned_in_other_words_is_aimed_at_who_fired(text):
    """Firing missiles and launching them are one act, told in either word before or after."""
    found, _hits = coded(text)
    assert ("JPN", "ACCUSE", "PRK") in found


@pytest.mark.parametrize(("text", "expected"), [
    ("Uni Eropa menjatuhkan sanksi baru terhadap Rusia. Blok tersebut juga membekukan aset bank sentral Rusia.",
     ("EU", "SANCTION", "RUS")),
    ("NATO menggelar latihan di Laut Baltik. Rusia mengecam aliansi tersebut.", ("RUS", "ACCUSE", "NATO")),
    ("Para menteri ASEAN bertemu di Vientiane. Jepang memuji organisasi itu atas perannya.", ("JPN", "SUPPORT", "ASEAN")),
])
def test_blok_tersebut_is_the_latest_bloc_named(text, expected):
    found, hits = coded(text)
    assert expected in found
    assert "EV-reference-body" in rules_of(hits)


@pytest.mark.parametrize(("text", "expected"), [
    ("Rusia mencekal puluhan pejabat Amerika Serikat masuk ke wilayahnya.", ("RUS", "SANCTION", "USA")),
    ("Pemerintah Malaysia mencekal dua diplomat Korea Utara setelah insiden di bandara.", ("MYS", "SANCTION", "PRK")),
    ("Pejabat Jepang itu dicekal Rusia sejak 2022.", ("RUS", "SANCTION", "JPN")),
])
def test_barring_a_states_officials_from_entry_is_a_sanction(text, expected):
    found, _hits = coded(text)
    assert expected in found


PERSONA_NON_GRATA = "LEX:SANCTION:menyatakan|menyatakannya|dinyatakan"


@pytest.mark.parametrize(("text", "expected"), [
    ("Pemerintah Malaysia menyatakan duta besar Korea Utara sebagai persona non grata.", ("MYS", "SANCTION", "PRK")),
    ("Kanada menyatakan dua diplomat Iran persona non grata pekan ini.", ("CAN", "SANCTION", "IRN")),
    ("Seorang diplomat Rusia dinyatakan persona non grata oleh Jerman pada Senin.", ("DEU", "SANCTION", "RUS")),
])
def test_declaring_an_envoy_persona_non_grata_is_a_sanction_on_its_state(text, expected):
    """With "sebagai" or without it, active or passive: the declaring state acts on the envoy's."""
    found, hits = coded(text)
    assert expected in found
    assert PERSONA_NON_GRATA in rules_of(hits)


@pytest.mark.parametrize("text", [
    "Menlu Jepang menyatakan bahwa Tokyo akan membantu Filipina.",
    "Indonesia menyatakan Malaysia sebagai mitra penting di kawasan.",
    "Korea Selatan menyatakan kesiapan untuk berunding dengan China.",
])
def test_menyatakan_without_persona_non_grata_is_no_sanction(text):
    found, hits = coded(text)
    assert not any(kind == "SANCTION" for _source, kind, _target in found)
    assert PERSONA_NON_GRATA not in rules_of(hits)


def _statuses(text: str) -> tuple[dict[tuple[str, str, str], str], list[RuleHit]]:
    """(source, type, target) -> status of every event coded, and the rule trace."""
    events, hits = _coded_events(text)
    return {(e.source.code, e.type, e.target.code): e.status for e in events}, hits


@pytest.mark.parametrize(("text", "expected"), [
    ("Indonesia resmi diterima sebagai anggota penuh BRICS pada Januari.", ("IDN", "COOPERATE", "BRICS")),
    ("Vietnam diterima sebagai mitra BRICS tahun lalu.", ("VNM", "COOPERATE", "BRICS")),
    ("Malaysia diterima menjadi anggota BRICS dalam pertemuan itu.", ("MYS", "COOPERATE", "BRICS")),
])
def test_a_state_admitted_as_a_member_joins(text, expected):
    """The passive does not turn the roles round: the admitted state acts, as one that joins does."""
    found, _hits = coded(text)
    assert expected in found


@pytest.mark.parametrize(("text", "expected", "status"), [
    ("Vietnam berharap segera diterima sebagai anggota BRICS.", ("VNM", "COOPERATE", "BRICS"), "hypothetical"),
    ("Malaysia belum diterima sebagai anggota BRICS.", ("MYS", "COOPERATE", "BRICS"), "negated"),
])
def test_an_admission_hoped_for_or_denied_is_not_reported(text, expected, status):
    found, _hits = _statuses(text)
    assert found.get(expected) == status


@pytest.mark.parametrize(("text", "expected"), [
    ("Jepang menyerukan agar Vietnam segera diterima sebagai anggota BRICS.", ("VNM", "COOPERATE", "BRICS")),
    ("Indonesia meminta supaya Israel menarik pasukannya dari Lebanon.", ("ISR", "RETREAT", "LBN")),
    ("Mesir mendesak agar Iran menarik pasukannya dari Lebanon.", ("IRN", "RETREAT", "LBN")),
])
def test_a_clause_opened_by_agar_after_a_request_is_only_asked_for(text, expected):
    """(rule EV-requested-clause)"""
    found, _hits = _statuses(text)
    assert found.get(expected) == "hypothetical"


@pytest.mark.parametrize(("text", "expected"), [
    ("Rusia meminta Polandia agar menutup pangkalan itu, dan Jerman mengecam Polandia atas keputusan itu.",
     ("DEU", "ACCUSE", "POL")),
    ("China mendesak Filipina agar menarik kapalnya, dan Vietnam mengecam China atas insiden itu.",
     ("VNM", "ACCUSE", "CHN")),
])
def test_an_act_past_a_comma_of_the_agar_clause_is_reported(text, expected):
    found, _hits = _statuses(text)
    assert found.get(expected) == "reported"


@pytest.mark.parametrize(("text", "expected"), [
    ("Jepang menyayangkan keputusan China menahan dua warganya.", ("JPN", "ACCUSE", "CHN")),
    ("Pemerintah Kanada menyayangkan sikap India dalam sengketa itu.", ("CAN", "ACCUSE", "IND")),
    ("Langkah Rusia itu sangat disayangkan oleh Jerman.", ("DEU", "ACCUSE", "RUS")),
])
def test_deploring_anothers_act_is_an_accusation(text, expected):
    found, hits = coded(text)
    assert expected in found
    assert "LEX:ACCUSE:menyayangkan|disayangkan" in rules_of(hits)


@pytest.mark.parametrize("text", [
    "Sangat disayangkan, pertemuan Jepang dan China itu batal.",
    "Perdana Menteri Jepang menyayangi cucunya yang tinggal di China.",
])
def test_regret_with_no_party_or_fondness_is_no_accusation(text):
    found, _hits = coded(text)
    assert not any(kind == "ACCUSE" for _source, kind, _target in found)
