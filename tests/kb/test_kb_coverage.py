"""World coverage of the places and organisations data, on Indonesian sentences written for these tests."""

from collections import Counter
from pathlib import Path

import pycountry
import yaml

from sorot.kb.linker import link
from sorot.kb.loader import DATA_DIR
from sorot.schema import Article


def linked(kb, text, date="2024-05-01"):
    article = Article(source="t", text=text, published=date)
    return link(article, kb)


def countries(kb, text):
    return {e.country for e in linked(kb, text) if e.type in ("GPE", "LOC") and e.country}


def org_names(kb, text):
    return {e.name for e in linked(kb, text) if e.type == "ORG"}


class UniqueKeyLoader(yaml.CSafeLoader):
    """Fails on a repeated mapping key: YAML would silently keep only the last country line (libyaml's parser;
    the mappings are built in Python, here)."""


def _unique_mapping(loader, node, deep=False):
    keys = Counter(loader.construct_object(k, deep=deep) for k, _ in node.value)
    repeated = {k for k, count in keys.items() if count > 1}
    assert not repeated, f"repeated keys {repeated} at line {node.start_mark.line + 1}"
    return yaml.CSafeLoader.construct_mapping(loader, node, deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def test_data_files_have_no_repeated_keys():
    for name in ("places.yaml", "orgs.yaml", "states.yaml"):
        yaml.load(Path(DATA_DIR / name).read_text(encoding="utf-8"), Loader=UniqueKeyLoader)


def test_every_sovereign_state_has_a_capital(kb):
    seats = {e.country for e in kb.entries.values() if e.kind == "seat"}
    city_states = {"SGP", "MCO", "SMR", "VAT"}
    iso_states = {e.code for e in kb.entries.values() if e.kind == "state"} & {c.alpha_3 for c in pycountry.countries}
    territories = {"ABW", "ASM", "BMU", "COK", "CUW", "FLK", "FRO", "GIB", "HKG", "MAC", "MNP", "PRI"}
    missing = iso_states - seats - city_states - territories
    assert not missing, sorted(missing)


def test_capitals_in_indonesian_spelling(kb):
    text = ("Delegasi bertolak dari Kairo ke Teheran, lalu ke Beograd, Kopenhagen, Wina, Jenewa, Khartum, "
            "Kolombo, Bukares dan Lisabon sebelum tiba di Ouagadougou, Niamey dan Bamako.")
    assert countries(kb, text) == {"EGY", "IRN", "SRB", "DNK", "AUT", "CHE", "SDN", "LKA", "ROU", "PRT",
                                   "BFA", "NER", "MLI"}


def test_five_at_sentence_start_is_not_lima(kb):
    assert countries(kb, "Lima orang tewas dalam serangan di Rafah pada Selasa.") == {"PSE"}
    assert countries(kb, "Pertemuan digelar di Kota Lima, ibu kota negara Andes itu.") == {"PER"}


def test_given_names_are_not_capitals(kb):
    text = "Presiden Paraguay Santiago Pena dan penyanyi Sofia Carson bertemu Victoria di sana."
    assert countries(kb, text) == {"PRY"}


def test_conflict_places_give_their_country(kb):
    assert countries(kb, "Pasukan Rusia menyerang Pokrovsk dan Kupiansk, sementara drone jatuh di Belgorod.") \
        == {"UKR", "RUS"}
    assert countries(kb, "Warga mengungsi dari Jabalia ke Deir al-Balah dan Al-Mawasi.") == {"PSE"}
    assert countries(kb, "Pasukan Dukungan Cepat merebut El Fasher dan mendekati Omdurman.") == {"SDN"}
    assert countries(kb, "Kapal diserang di lepas pantai Hodeidah, dekat Selat Bab el-Mandeb.") == {"YEM"}
    assert countries(kb, "Pertempuran meletus di Goma dan Kivu Utara.") == {"COD"}
    assert countries(kb, "Geng bersenjata menguasai Port-au-Prince.") == {"HTI"}


def test_disputed_places_have_no_single_country(kb):
    found = {e.name: e for e in linked(kb, "Kapal patroli berjaga di Kepulauan Spratly dan Beting Scarborough, "
                                           "sementara ketegangan di Kashmir dan Sahara Barat meningkat.")}
    assert {"Spratly Islands", "Scarborough Shoal", "Kashmir", "Western Sahara"} <= set(found)
    assert all(found[n].country is None for n in found)


def test_punjab_alone_is_undecided_but_qualified_is_not(kb):
    assert countries(kb, "Banjir melanda Punjab pekan ini.") == set()
    assert countries(kb, "Banjir melanda Punjab Pakistan pekan ini.") == {"PAK"}


def test_regions_of_big_states(kb):
    text = "Isu Xinjiang, Chechnya, Balochistan, Mindanao, Okinawa dan Bavaria dibahas bersama Texas."
    assert countries(kb, text) == {"CHN", "RUS", "PAK", "PHL", "JPN", "DEU", "USA"}


def test_indonesian_venues_and_provinces(kb):
    assert countries(kb, "KTT digelar di Nusa Dua, lalu delegasi ke Labuan Bajo dan Papua Tengah.") == {"IDN"}


def test_un_bodies_and_regional_organisations(kb):
    text = ("UNDP, FAO, ILO dan Program Pangan Dunia bekerja sama dengan OECD, SADC, IGAD, CELAC, "
            "Bank Pembangunan Asia dan Gerakan Non-Blok.")
    codes = {e.code for e in linked(kb, text) if e.type == "ORG"}
    assert {"UN", "OECD", "SADC", "IGAD", "CELAC", "ADB", "NAM"} <= codes


def test_armed_groups_with_their_country(kb):
    orgs = {e.name: e for e in linked(kb, "Al-Shabaab, Boko Haram, Arakan Army dan M23 disebut dalam laporan "
                                          "yang juga menyinggung Brigade Al-Quds.") if e.type == "ORG"}
    assert orgs["Al-Shabaab"].country == "SOM"
    assert orgs["Boko Haram"].country == "NGA"
    assert orgs["Arakan Army"].country == "MMR"
    assert orgs["M23"].country == "COD"
    assert orgs["Al-Quds Brigades"].country == "PSE"


def test_national_institutions_media_and_think_tanks(kb):
    names = org_names(kb, "Menurut DPR AS, Shin Bet dan MI6, seperti dilaporkan Kyodo, Nikkei, TRT dan "
                          "Deutsche Welle, analis Lowy Institute dan Heritage Foundation berbeda pendapat.")
    assert {"United States House of Representatives", "Shin Bet", "Secret Intelligence Service", "Kyodo News",
            "Nikkei", "TRT", "Deutsche Welle", "Lowy Institute", "Heritage Foundation"} <= names
    assert "People's Representative Council" not in names        # "DPR AS" is not Indonesia's DPR


def test_ministry_patterns_reach_every_state(kb):
    orgs = {e.name: e for e in linked(kb, "Angkatan Laut Filipina dan Penjaga Pantai Vietnam berpatroli, "
                                          "sementara Mahkamah Agung Brasil bersidang.") if e.type == "ORG"}
    assert orgs["Navy of Philippines"].country == "PHL"
    assert orgs["Coast Guard of Vietnam"].country == "VNM"
    assert orgs["Supreme Court of Brazil"].country == "BRA"


def test_ambiguous_acronyms_and_parties_follow_their_default(kb):
    orgs = {e.name: e for e in linked(kb, "Partai Demokrat menguasai Senat AS; SAF menolak gencatan senjata.")
            if e.type == "ORG"}
    assert orgs["Democratic Party (United States)"].country == "USA"
    assert orgs["Sudanese Armed Forces"].country == "SDN"


def test_common_words_are_not_places_or_organisations(kb):
    text = ("Medan perang meluas. Padang pasir itu sepi. Hama wereng menyerang sawah. Nyala api terlihat "
            "dan warga malang itu menghitung lima korban. Rio dan Ganja tidak terkait.")
    assert linked(kb, text) == []
