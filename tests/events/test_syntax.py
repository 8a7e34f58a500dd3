"""The dependency-parser trial (sorot.events.syntax): the committed UD parser loads and parses, and each
argument rule finds source and target from the parse. Sentences written for these tests, several wordings
per rule. The rules are asked first (SOROT_EVENTS_PARSER=replace) so that the trace shows which fired."""

from __future__ import annotations

import pytest
from tests.events.test_code_events import entities_for
from tests.events.test_world_news import WORLD

from sorot.events import code_events
from sorot.events import syntax as syntax_module
from sorot.events.rules import RuleHit
from sorot.events.syntax import PARSER_DIR, Parse, _subject_of, parse_tokens, parser_mode
from sorot.events.text import tokenize
from sorot.schema import Article

Pair = tuple[str | None, str, str | None]


def _trace(text: str) -> list[RuleHit]:
    article = Article(source="t", text=text, published="2024-06-12", entities=entities_for(text, WORLD))
    trace: list[RuleHit] = []
    code_events(article, trace)
    return trace


def by_rule(text: str, rule: str) -> set[Pair]:
    """(source, type, target) of the reported events whose coding fired `rule`."""
    return {(h.event.source.code, h.event.type, h.event.target.code) for h in _trace(text)
            if rule in h.rules and h.event.status == "reported"}


@pytest.fixture(autouse=True)
def _parser_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOROT_EVENTS_PARSER", "replace")


# ---- the model and the setting -----------------------------------------------------------------------------

def test_the_parser_is_committed_with_its_licence() -> None:
    meta = (PARSER_DIR / "meta.json").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in meta
    assert sum(p.stat().st_size for p in PARSER_DIR.rglob("*") if p.is_file()) < 20_000_000


@pytest.mark.parametrize(("text", "subject", "verb", "obj"), [
    ("Jepang menyerang Rusia .", "Jepang", "menyerang", "Rusia"),
    ("Pemerintah Kanada menolak usulan itu .", "Pemerintah", "menolak", "usulan"),
    ("Menteri itu membaca surat kabar .", "Menteri", "membaca", "surat"),
])
def test_the_parser_gives_subject_and_object(text: str, subject: str, verb: str, obj: str) -> None:
    tokens = tokenize(text)
    parse = parse_tokens(tokens)
    words = [t.text for t in tokens]
    at = words.index(verb)
    assert parse.deps[words.index(subject)] == "nsubj" and parse.heads[words.index(subject)] == at
    assert parse.deps[words.index(obj)] == "obj" and parse.heads[words.index(obj)] == at
    assert parse.pos[at] == "VERB"


def test_the_setting_is_off_by_default_and_then_never_loads_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOROT_EVENTS_PARSER")
    assert parser_mode() == "off"

    def refuse() -> None:
        raise AssertionError("the parser was loaded with the setting off")

    monkeypatch.setattr(syntax_module, "parse_tokens", lambda tokens: refuse())
    assert by_rule("Jepang secara resmi mengecam Korea Utara.", "EV-pattern-svo") == {("JPN", "ACCUSE", "PRK")}
    monkeypatch.setenv("SOROT_EVENTS_PARSER", "1")
    assert parser_mode() == "fallback"


def test_fallback_keeps_what_the_token_patterns_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOROT_EVENTS_PARSER", "1")
    assert not by_rule("Jepang secara resmi mengecam Korea Utara.", "EV-syntax-subject")
    assert by_rule("Jepang secara resmi mengecam Korea Utara.", "EV-pattern-svo") == {("JPN", "ACCUSE", "PRK")}


# ---- the argument rules ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "pair"), [
    ("Jepang secara resmi mengecam Korea Utara.", ("JPN", "ACCUSE", "PRK")),
    ("Prancis memuji India atas keberhasilannya.", ("FRA", "SUPPORT", "IND")),
    ("Uni Eropa pada akhirnya mengkritik Serbia.", ("EU", "ACCUSE", "SRB")),
])
def test_subject_and_object(text: str, pair: Pair) -> None:
    assert pair in by_rule(text, "EV-syntax-subject") & by_rule(text, "EV-syntax-object")


@pytest.mark.parametrize(("text", "pair"), [
    ("Kanada bekerja sama dengan Meksiko di bidang energi.", ("CAN", "COOPERATE", "MEX")),
    ("Malaysia kembali bertemu dengan Filipina di Manila.", ("MYS", "CONSULT", "PHL")),
    ("China berunding dengan India selama dua hari.", ("CHN", "CONSULT", "IND")),
])
def test_a_target_behind_its_preposition(text: str, pair: Pair) -> None:
    assert pair in by_rule(text, "EV-syntax-oblique")


@pytest.mark.parametrize(("text", "pair"), [
    ("Ibu kota Ukraina kembali diserang oleh pasukan Rusia.", ("RUS", "ASSAULT", "UKR")),
    ("Kapal nelayan Filipina ditangkap oleh China di perairan itu.", ("CHN", "COERCE", "PHL")),
    ("Pada Kamis, Lebanon kembali diserang oleh Israel.", ("ISR", "ASSAULT", "LBN")),
])
def test_the_agent_of_a_passive(text: str, pair: Pair) -> None:
    assert pair in by_rule(text, "EV-syntax-passive-agent")


@pytest.mark.parametrize(("text", "pair"), [
    ("Prabowo melakukan kunjungan kenegaraan ke Rusia.", ("IDN", "CONSULT", "RUS")),
    ("Indonesia menyampaikan dukungan penuh kepada Palestina.", ("IDN", "SUPPORT", "PSE")),
    ("Malaysia mengadakan perundingan dengan Filipina.", ("MYS", "CONSULT", "PHL")),
])
def test_an_event_noun_under_a_light_verb(text: str, pair: Pair) -> None:
    assert pair in by_rule(text, "EV-syntax-light-verb")


@pytest.mark.parametrize(("text", "pair"), [
    ("Presiden Serbia, yang mengunjungi China pekan ini, menghadiri sebuah pameran.", ("SRB", "CONSULT", "CHN")),
    ("Perdana Menteri India yang bertemu dengan Putin di Moskow pulang hari Rabu.", ("IND", "CONSULT", "RUS")),
    ("Diplomat Qatar yang mengecam Israel kemarin telah kembali ke Doha.", ("QAT", "ACCUSE", "ISR")),
])
def test_the_agent_of_a_relative_clause(text: str, pair: Pair) -> None:
    assert pair in by_rule(text, "EV-syntax-relative-agent")


@pytest.mark.parametrize(("text", "pair"), [
    ("Jepang mengecam Korea Utara dan memuji Korea Selatan.", ("JPN", "SUPPORT", "KOR")),
    ("Iran menolak tuduhan itu serta mengkritik Amerika Serikat.", ("IRN", "ACCUSE", "USA")),
    ("Perdana Menteri Pakistan tiba di Beijing dan bertemu dengan Xi Jinping.", ("PAK", "CONSULT", "CHN")),
])
def test_a_second_predicate_shares_the_subject(text: str, pair: Pair) -> None:
    assert pair in by_rule(text, "EV-syntax-shared-subject")


@pytest.mark.parametrize(("text", "pair"), [
    ("Kunjungan Putin ke Beijing berlangsung dua hari.", ("RUS", "CONSULT", "CHN")),
    ("Serangan Israel terhadap Lebanon menewaskan tiga orang.", ("ISR", "ASSAULT", "LBN")),
    ("Dukungan India kepada Rusia dipertanyakan banyak pihak.", ("IND", "SUPPORT", "RUS")),
])
def test_the_possessor_of_an_event_noun(text: str, pair: Pair) -> None:
    assert pair in by_rule(text, "EV-syntax-possessor")


@pytest.mark.parametrize(("text", "pairs"), [
    ("Rusia bertemu dengan China dan India di Kazan.", {("RUS", "CONSULT", "CHN"), ("RUS", "CONSULT", "IND")}),
    ("Pakistan memuji Turki, Qatar dan Mesir.", {("PAK", "SUPPORT", "TUR"), ("PAK", "SUPPORT", "EGY")}),
    ("Iran mengecam Amerika Serikat dan sekutunya, Israel.", {("IRN", "ACCUSE", "USA"), ("IRN", "ACCUSE", "ISR")}),
])
def test_coordinated_actors(text: str, pairs: set[Pair]) -> None:
    assert pairs <= by_rule(text, "EV-syntax-coordination")


# ---- what the parse does not make an argument ------------------------------------------------------------------

def test_a_place_inside_a_prepositional_phrase_is_no_target() -> None:
    """"atas kebuntuan di X": X modifies the noun, it is not what the act is aimed at."""
    assert not by_rule("Kedua negara menyatakan dukungan atas perundingan di Ukraina.", "EV-syntax-oblique")
    assert not by_rule("Menteri itu mengirim surat kepada kantor di Jepang.", "EV-syntax-oblique")
    assert not by_rule("Turki memberikan bantuan untuk pengungsi di Lebanon.", "EV-syntax-oblique")


def test_the_subject_of_the_main_clause_does_not_give_the_verb_its_target() -> None:
    """"Serangan X terhadap Y menewaskan ...": the killing has no actor target."""
    for text in ("Serangan Israel terhadap Lebanon menewaskan tiga orang.",
                 "Kunjungan Putin ke Beijing menghasilkan sebuah kesepakatan.",
                 "Sanksi Jepang terhadap Rusia melukai banyak perusahaan."):
        assert not by_rule(text, "EV-syntax-subject")


def test_the_phrases_of_another_event_noun_are_its_own() -> None:
    """"kecaman (atas) invasi X ke Y": X and Y are the invasion's parties, not the condemnation's."""
    for text in ("Mesir menolak usulan itu tentang kecaman serangan Israel ke Lebanon.",
                 "Kecaman atas invasi Rusia ke Ukraina terus bertambah.",
                 "Dewan itu membahas kritik terhadap blokade Israel atas Lebanon."):
        assert not {pair for pair in by_rule(text, "EV-syntax-possessor") | by_rule(text, "EV-syntax-oblique")
                    if pair[1] == "ACCUSE"}


def test_an_act_or_event_as_object_is_no_actor_target() -> None:
    """"menolak mengutuk tindakan X": what is refused is an act (to condemn), not X."""
    for text in ("Vietnam menolak mengutuk tindakan Moskow di Ukraina.",
                 "Filipina menolak mengecam kebijakan China.",
                 "India menolak mengutuk operasi militer Rusia."):
        assert not {pair for pair in by_rule(text, "EV-syntax-object") if pair[1] == "REJECT"}


def test_a_purpose_clause_does_not_share_the_subject() -> None:
    """"... untuk membahas ...": a purpose, not a told act of the main clause's subject."""
    for text in ("Jepang mengirim utusan ke Manila untuk membahas kerja sama dengan Filipina.",
                 "Turki membuka kantor baru agar bertemu dengan Mesir lebih sering.",
                 "India menyiapkan tim khusus supaya berunding dengan China."):
        assert not by_rule(text, "EV-syntax-shared-subject")


@pytest.mark.parametrize("marker", ["untuk", "agar", "supaya"])
def test_a_purpose_clause_on_a_noun_is_no_relative_clause(marker: str) -> None:
    """"peluang bagi X untuk membahas ...": what X may do, not what X did; "X yang membahas ..." is what X did.
    Hand-built UD trees, so the rule is tested apart from the statistical parser."""
    #        0        1     2      3       4         5        6
    words = ["peluang", "bagi", "jepang", marker, "membahas", "kerja", "sama"]
    heads = [0, 2, 0, 4, 2, 4, 5]
    deps = ["ROOT", "case", "nmod", "mark", "acl:relcl", "obj", "amod"]
    pos = ["NOUN", "ADP", "PROPN", "SCONJ", "VERB", "NOUN", "ADJ"]
    assert _subject_of(Parse(words, heads, deps, pos), 4) == (None, "own")
    relative = ["jepang", "yang", "membahas", "kerja", "sama"]
    tree = Parse(relative, [2, 2, 2, 2, 3], ["nsubj", "nsubj", "ROOT", "obj", "amod"],
                 ["PROPN", "PRON", "VERB", "NOUN", "ADJ"])
    assert _subject_of(tree, 2) == (0, "own")
    clause = Parse(["peluang", "yang", "membahas"], [0, 2, 0], ["ROOT", "nsubj", "acl:relcl"], ["NOUN", "PRON", "VERB"])
    assert _subject_of(clause, 2) == (0, "relative")


def test_an_act_on_a_condition_is_left_to_the_token_patterns() -> None:
    """"jika X memberikan ...": the parse codes no act of a conditional clause, whatever its status."""
    for text in ("Amerika Serikat khawatir jika China memberikan senjata kepada Rusia.",
                 "Prancis akan marah apabila Inggris menjatuhkan sanksi kepada Qatar.",
                 "NATO siap bertindak kalau Rusia melakukan serangan ke Polandia."):
        assert not {h for h in _trace(text) if any(r.startswith("EV-syntax") for r in h.rules)}


@pytest.mark.parametrize("text", [
    "Presiden Rusia dan Presiden China bertemu di Moskow pekan lalu. Pada saat itu, mereka juga mengecam Rusia "
    "atas kebijakan energinya.",
    "Jepang dan Korea Selatan menggelar latihan bersama. Di sisi lain, mereka menuduh Korea Selatan melanggar "
    "kesepakatan.",
    "India dan Pakistan berunding di Doha. Sebelumnya, mereka mengkritik Pakistan secara terbuka.",
])
def test_a_plural_pronoun_holding_the_target_is_no_source(text: str) -> None:
    """"X dan Y ... mereka mengecam Y": "mereka" stands for other parties than the pair in focus."""
    assert not [h for h in _trace(text) if h.event.type == "ACCUSE" and "EV-syntax-subject" in h.rules]
