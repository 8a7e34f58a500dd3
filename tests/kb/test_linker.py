"""The link stage on Indonesian sentences written for these tests."""

from sorot.kb.linker import entity_at, link
from sorot.schema import Article, Span


def entities(kb, text, date="2023-10-18", spans=None):
    article = Article(source="t", text=text, published=date, spans=spans or [])
    article.entities = link(article, kb)
    return article, {e.name: e for e in article.entities}


def test_states_metonyms_and_offsets(kb):
    text = "Moskow dan Beijing sepakat, sementara Gedung Putih mengecam Kremlin."
    _, found = entities(kb, text)
    assert found["Moscow"].country == "RUS" and found["Beijing"].country == "CHN"
    assert found["White House"].type == "GPE" and found["White House"].country == "USA"
    mention = found["Moscow Kremlin"].mentions[0]
    assert text[mention.start:mention.end] == "Kremlin"


def test_hyphenated_pairs_and_all_mentions(kb):
    _, found = entities(kb, "Hubungan AS-Rusia memburuk, sedangkan hubungan Tiongkok-Rusia membaik.")
    assert len(found["Russia"].mentions) == 2
    assert {"United States", "China"} <= set(found)


def test_common_words_are_not_states(kb):
    _, found = entities(kb, "Ia fasih berbahasa Inggris dan mengkritik negara Barat di Amerika Latin.")
    assert "United Kingdom" not in found
    assert found["Latin America"].country is None
    assert "United States" not in found


def test_acronyms_are_case_sensitive(kb):
    _, found = entities(kb, "Sekretaris Jenderal PBB hadir, as roda tidak relevan.")
    assert "United States" not in found
    assert found["United Nations"].code == "UN"


def test_role_phrase_resolves_by_date(kb):
    text = "Presiden AS mengatakan Washington akan membantu Ukraina."
    _, found_2023 = entities(kb, text, "2023-05-01")
    _, found_2025 = entities(kb, text, "2025-05-01")
    assert "Joe Biden" in found_2023 and "Donald Trump" not in found_2023
    assert "Donald Trump" in found_2025


def test_role_phrase_followed_by_name_means_that_name(kb):
    _, found = entities(kb, "Menteri Luar Negeri Rusia Sergei Lavrov bertemu Menlu Cina, Wang Yi, di Moskow.")
    assert found["Sergey Lavrov"].country == "RUS"
    assert found["Wang Yi"].role == "Minister of Foreign Affairs"


def test_unknown_person_after_title_takes_country(kb):
    _, found = entities(kb, "Menteri Luar Negeri Hungaria Peter Szijjarto tiba di Beijing pada Senin.")
    person = found["Peter Szijjarto"]
    assert (person.type, person.country, person.role) == ("PER", "HUN", "Minister of Foreign Affairs")


def test_apposition_takes_country_of_organisation(kb):
    _, found = entities(kb, "Jane Doremi, peneliti lembaga think tank Dewan Atlantik, mengatakan hal itu.")
    assert found["Jane Doremi"].country == "USA"
    assert found["Atlantic Council"].code == "USA"


def test_short_mentions_join_full_name(kb):
    text = "Presiden Xi Jinping menerima Sergey Lavrov. Xi memuji Lavrov, kata pemerintahan Biden."
    _, found = entities(kb, text)
    assert [m.text for m in found["Xi Jinping"].mentions] == ["Xi Jinping", "Xi"]
    assert len(found["Sergey Lavrov"].mentions) == 2
    assert "Joe Biden" in found


def test_fuzzy_names(kb):
    _, found = entities(kb, "Pertemuan Xi Jing Ping dengan Vladimir Putint sangat menentukan.")
    assert "Xi Jinping" in found and "Vladimir Putin" in found


def test_no_person_from_title_alone(kb):
    _, found = entities(kb, "Presiden kedua negara dan para menteri luar negeri bertemu di Jakarta.")
    assert not [e for e in found.values() if e.type == "PER"]


def test_org_head_names_unknown_organisation(kb):
    _, found = entities(kb, "Ia berkunjung ke Institut Teknologi Harbin pekan ini.")
    org = found["Institut Teknologi Harbin"]
    assert (org.type, org.country) == ("ORG", "CHN")
    assert "Harbin" not in found


def test_ner_spans_add_unknown_people(kb):
    text = "Sementara itu Budi Hartono menyatakan dukungan."
    start = text.index("Budi")
    spans = [Span(start, start + len("Budi Hartono"), "PER", "Budi Hartono")]
    _, found = entities(kb, text, spans=spans)
    assert found["Budi Hartono"].type == "PER"


def test_entity_at_prefers_the_tightest_mention(kb):
    text = "Presiden Rusia sebelumnya mengatakan perdagangan akan naik."
    article, found = entities(kb, text)
    assert entity_at(article, 0, len("Presiden Rusia")).name == "Vladimir Putin"
    start = text.index("Rusia")
    assert entity_at(article, start, start + 5).name == "Russia"
    assert entity_at(article, len(text) - 5, len(text)) is None


def test_offices_and_policy_names_are_not_persons(real_kb):
    text = ("“Dewan ini tidak boleh diam,” kata Duta Besar Inggris untuk PBB Barbara Woodward. Kepala Staf "
            "Gabungan Korea Selatan menyebut Aliansi Global Melawan Kelaparan dan Defence Cooperation "
            "Agreement, kata Menteri Pertahanan.")
    _, found = entities(real_kb, text)
    persons = {name for name, e in found.items() if e.type == "PER"}
    assert persons == {"Barbara Woodward"}


def test_misspelt_name_after_a_short_alias_is_one_mention(real_kb):
    text = "Pertemuan Xi Jing Ping dengan Vladimir Putint akan menentukan politik dunia."
    _, found = entities(real_kb, text)
    assert found["Xi Jinping"].mentions[0].text == "Xi Jing Ping"
    assert "Vladimir Putin" in found
    assert not [e for e in found.values() if e.type == "PER" and e.name not in ("Xi Jinping", "Vladimir Putin")]


def test_short_mention_joins_the_full_name_before_an_ambiguous_alias(real_kb):
    text = "Prabowo bertemu Perdana Menteri Australia Anthony Albanese. Albanese menyatakan dukungannya."
    _, found = entities(real_kb, text)
    assert len(found["Anthony Albanese"].mentions) == 2
    assert "Francesca Albanese" not in found


def test_a_chair_is_linked_only_when_named(real_kb):
    _, found = entities(real_kb, "Pemerintah Brasil selaku ketua BRICS mengumumkan keanggotaan baru.", date="2025-01-07")
    assert not [e for e in found.values() if e.type == "PER"]


def test_bodies_acronyms_and_places_are_not_persons(real_kb):
    text = ("Rapat dihadiri Forkopimda Kabupaten Minahasa Tenggara, UPTD Kebun Raya dan Aliansi Masyarakat "
            "Lingkar Tambang. Ahok di Balai Kota mengatakan Kombes Pol Tatan Dirsan Atmaja sudah hadir.")
    spans = [Span(text.index(s), text.index(s) + len(s), "PER", s) for s in (
        "Forkopimda Kabupaten Minahasa Tenggara", "UPTD Kebun Raya", "Aliansi Masyarakat Lingkar Tambang",
        "Ahok di Balai Kota")]
    _, found = entities(real_kb, text, spans=spans)
    persons = {name for name, e in found.items() if e.type == "PER"}
    assert "Tatan Dirsan Atmaja" in persons
    assert not persons & {s.text for s in spans}


def test_hyphenated_names_particles_and_title_words(real_kb):
    text = ("“Kami mendesak penarikan pasukan,” ujar Wakil Menlu Kim Hong-kyun. Kemudian von der Leyen "
            "menyebut kesepakatan itu bersejarah.")
    _, found = entities(real_kb, text, date="2024-11-01")
    persons = {name for name, e in found.items() if e.type == "PER"}
    assert "Kim Hong-kyun" in persons
    assert "Ursula von der Leyen" in persons
    assert not {"Wakil Menlu", "Kim Hong", "von der Leyen"} & persons


def test_an_organisation_with_its_bracketed_acronym(real_kb):
    text = ("Kapal China menyemprot kapal Biro Perikanan dan Sumber Daya Perairan (BFAR) Filipina. "
            "BFAR mengecam aksi itu. Oposisi meminta Dewan Pemilihan Nasional (CNE) merilis data.")
    _, found = entities(real_kb, text)
    bureau = found["Biro Perikanan dan Sumber Daya Perairan"]
    assert bureau.type == "ORG" and [m.text for m in bureau.mentions][1:] == ["BFAR", "BFAR"]
    assert "CNE" in [m.text for m in found["Dewan Pemilihan Nasional"].mentions]
