"""SOROT_DATA / --data: a directory whose files replace or extend the packaged data, without editing the package."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sorot.data import DataError, data_cached, data_names, load_data, merge, use_data_dir
from sorot.data.schemas import CleanCues, PeopleFile, QuoteCuesData, check_all_data


def put(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# A fictional foreign minister and a greeting verb the packaged lexicon does not have, written for these tests.
NEW_PERSON = """people:
- id: teodora-valcarcel
  name: Teodora Valcarcel
  country: CHL
  aliases: [Teodora Valcarcel, Valcarcel]
  roles:
    - {role: foreign_minister, title: Minister of Foreign Affairs, country: CHL, start: 2023-03-01, end: null}
"""
NEW_VERB = """CONSULT:
  - {pattern: "bersilaturahmi dengan|ke", pos: verb, weight: 0.7}
"""


@pytest.fixture
def override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOROT_DATA", str(tmp_path))
    return tmp_path


def test_the_extension_rule_appends_lists_and_merges_mappings() -> None:
    base = {"words": ["a"], "weights": {"x": 1.0, "y": 2.0}, "window": 3}
    merged = merge(base, {"words": ["b"], "weights": {"y": 5.0, "z": 1.0}, "window": 4})
    assert merged == {"words": ["a", "b"], "weights": {"x": 1.0, "y": 5.0, "z": 1.0}, "window": 4}
    assert base["words"] == ["a"]     # the packaged content is not changed


def test_a_file_of_the_override_replaces_the_packaged_one_and_switching_back_restores_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    packaged = load_data("quotes/cues.yaml", QuoteCuesData)
    put(tmp_path, "quotes/cues.yaml", "verbs: [kata]\nafter_only: []\nattribution_phrases: [menurut]\n"
        "pronouns: [ia]\nrole_nouns: [juru bicara]\nmin_words_full: 2\nmin_words_partial: 4\n")
    monkeypatch.setenv("SOROT_DATA", str(tmp_path))
    replaced = load_data("quotes/cues.yaml", QuoteCuesData)
    assert replaced.verbs == ("kata",) and replaced.min_words_partial == 4
    monkeypatch.delenv("SOROT_DATA")
    assert load_data("quotes/cues.yaml", QuoteCuesData) is packaged


def test_an_extension_adds_to_the_packaged_file(override: Path) -> None:
    put(override, "clean/cues.extend.yaml",
        "boilerplate: ['^Simak juga berita lainnya']\ntitle_rules: {T-long: 0.9}\n")
    extended = load_data("clean/cues.yaml", CleanCues)
    assert extended.boilerplate[-1] == "^Simak juga berita lainnya"
    assert extended.title_rules["T-long"] == 0.9
    assert "T-repeated" in extended.title_rules     # the other weights are kept
    assert len(extended.boilerplate) > 1


def test_a_misspelt_key_in_an_extension_names_the_override_file(override: Path) -> None:
    put(override, "clean/cues.extend.yaml", "boilerplte: ['^Baca juga']\n")
    with pytest.raises(DataError) as error:
        load_data("clean/cues.yaml", CleanCues)
    message = str(error.value)
    assert "clean/cues.yaml" in message and "cues.extend.yaml" in message and "boilerplte" in message


def test_an_extension_of_a_file_that_does_not_exist_is_an_error(override: Path) -> None:
    put(override, "kb/people/nowhere.extend.yaml", NEW_PERSON)
    assert "kb/people/nowhere.yaml" in data_names("kb/people")
    with pytest.raises(DataError, match="extends a file that does not exist"):
        load_data("kb/people/nowhere.yaml", PeopleFile)


def test_a_new_file_in_a_folder_read_whole_is_added(override: Path) -> None:
    put(override, "kb/people/chile.yaml", NEW_PERSON)
    assert "kb/people/chile.yaml" in data_names("kb/people")
    assert "kb/people/europe.yaml" in data_names("kb/people")


def test_extensions_of_the_knowledge_base_add_bodies_and_ambiguous_aliases(override: Path) -> None:
    from sorot.kb.loader import build_knowledge_base

    put(override, "kb/orgs.extend.yaml", "national:\n  - {id: chl-senate, name: Senate of Chile, code: CHL, "
        "country: CHL, aliases: [Senat Chili]}\n")
    put(override, "kb/people.extend.yaml", "ambiguous_aliases: [Valcarcel]\n")
    kb = build_knowledge_base(people=None)
    assert [e.id for e in kb.lookup("Senat Chili")] == ["org:chl-senate"]
    assert kb.lookup("PBB")                       # the packaged bodies are kept
    assert "valcarcel" in {alias.casefold() for alias in kb.ambiguous}


def test_a_threshold_moved_into_data_takes_the_overridden_value(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from sorot.corpus.copies import is_copy, make_sketch

    sentences = [f"Delegasi negara ke-{n} membahas kerja sama perdagangan, energi dan pendidikan di kota pelabuhan "
                 f"itu selama {n + 2} hari berturut-turut." for n in range(12)]
    full = make_sketch("a", " ".join(sentences))
    shortened = make_sketch("b", " ".join(sentences[:9]) + " Para menteri lalu berfoto bersama di halaman.")
    assert is_copy(full, shortened)[0]
    put(tmp_path, "corpus/copies.extend.yaml", f"min_shingles: {min(full.words, shortened.words) + 1}\n")
    monkeypatch.setenv("SOROT_DATA", str(tmp_path))
    assert not is_copy(full, shortened)[0]          # too short to be called a copy under the new minimum


def test_the_check_of_all_data_refuses_a_file_sorot_does_not_read(override: Path) -> None:
    put(override, "kb/poeple/chile.yaml", NEW_PERSON)
    with pytest.raises(DataError, match="kb/poeple/chile.yaml"):
        check_all_data()


def test_data_cached_functions_are_rebuilt_when_the_override_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[str] = []

    @data_cached
    def verbs() -> tuple[str, ...]:
        builds.append("built")
        return load_data("quotes/cues.yaml", QuoteCuesData).verbs

    packaged = verbs()
    assert verbs() is packaged and len(builds) == 1
    put(tmp_path, "quotes/cues.extend.yaml", "verbs: [berkelakar]\n")
    monkeypatch.setenv("SOROT_DATA", str(tmp_path))
    assert verbs()[-1] == "berkelakar" and len(builds) == 2
    monkeypatch.delenv("SOROT_DATA")
    assert verbs() is packaged and len(builds) == 2


@pytest.mark.parametrize("arity", [1, 2])
def test_data_cached_functions_with_arguments_are_cached_per_argument_and_override(
        arity: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[str] = []

    def words(key: str, *_more: str) -> tuple[str, ...]:
        builds.append(key)
        return tuple(getattr(load_data("quotes/cues.yaml", QuoteCuesData), key))

    cached = data_cached(words) if arity == 2 else data_cached(lambda key: words(key))
    assert cached("verbs") is cached("verbs") and cached("pronouns") and builds == ["verbs", "pronouns"]
    put(tmp_path, "quotes/cues.extend.yaml", "pronouns: [beliau]\n")
    monkeypatch.setenv("SOROT_DATA", str(tmp_path))
    assert cached("pronouns")[-1] == "beliau" and builds[-1] == "pronouns"
    with pytest.raises(AttributeError):
        cached("no_such_list")
    cached.cache_clear()
    cached("verbs")
    assert builds.count("verbs") == 2   # built again after the clear


def test_use_data_dir_refuses_a_missing_directory_and_a_broken_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOROT_DATA", raising=False)
    with pytest.raises(DataError, match="not a directory"):
        use_data_dir(tmp_path / "absent")
    put(tmp_path, "events/lexicon.extend.yaml", "CONSULT:\n  - {pattern: bersua, wieght: 0.5}\n")
    monkeypatch.setenv("SOROT_DATA", "")   # restored after the test: use_data_dir sets it
    with pytest.raises(DataError, match=r"CONSULT\.\d+\.wieght: unknown key"):
        use_data_dir(tmp_path)


SENTENCES = [
    "JAKARTA - Menteri Luar Negeri Chili Teodora Valcarcel bersilaturahmi dengan Presiden Prabowo Subianto "
    "di Istana Merdeka, Jakarta, pada Senin (4/3/2024).",
    "SANTIAGO - Teodora Valcarcel, menteri luar negeri Chili, bersilaturahmi ke kediaman Menlu Sugiono "
    "di Santiago pada Selasa (12/11/2024) untuk membahas perdagangan kedua negara.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_a_new_person_and_a_new_lexicon_verb_are_used_by_the_pipeline(
        text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sorot

    before = sorot.process(text, source="greeting.txt")      # warms every cache with the packaged data
    assert not any(e.kb_id == "person:teodora-valcarcel" for e in before.entities)
    assert not any("bersilaturahmi" in (ev.trigger or "") for ev in before.events)

    put(tmp_path, "kb/people/chile.yaml", NEW_PERSON)
    put(tmp_path, "events/lexicon.extend.yaml", NEW_VERB)
    monkeypatch.setenv("SOROT_DATA", str(tmp_path))
    after = sorot.process(text, source="greeting.txt")
    assert any(e.kb_id == "person:teodora-valcarcel" for e in after.entities)
    greeting = [ev for ev in after.events if (ev.trigger or "").startswith("bersilaturahmi")]
    assert greeting and greeting[0].type == "CONSULT"
    assert greeting[0].source is not None and greeting[0].source.name == "Teodora Valcarcel"


def test_sorot_run_data_points_the_run_at_the_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    from sorot.cli import app

    monkeypatch.delenv("SOROT_DATA", raising=False)
    overrides = tmp_path / "mydata"
    put(overrides, "kb/people/chile.yaml", NEW_PERSON)
    put(overrides, "events/lexicon.extend.yaml", NEW_VERB)
    article = put(tmp_path, "in/greeting.txt", SENTENCES[0] + "\n\nKedua pejabat itu membahas perdagangan.\n")
    db = tmp_path / "run.duckdb"
    monkeypatch.setenv("SOROT_DATA", "")   # restored after the test: --data sets it for the run
    result = CliRunner().invoke(app, ["run", str(article), "--db", str(db), "--quiet", "--data", str(overrides)])
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(db), read_only=True) as con:
        linked = con.execute("SELECT count(*) FROM entities WHERE kb_id = 'person:teodora-valcarcel'").fetchone()
    assert linked is not None and linked[0] == 1


@pytest.mark.slow
def test_sorot_run_data_reaches_the_local_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers a run starts (`--workers N`) are other processes, started after `--data` set the override
    in this one: they read their data files from it, through the environment the run gives them. (That the
    linker reads the override is the test above; one worker is enough to show what every worker is given, and
    no stage is warmed up: the test reads where the data comes from, not a run's result.)"""
    pytest.importorskip("distributed")
    from sorot.cluster import Pool
    from sorot.data import data_sources

    monkeypatch.setenv("SOROT_DATA", "")   # restored after the test: use_data_dir sets it, as `--data` does
    overrides = tmp_path / "mydata"
    put(overrides, "kb/people/chile.yaml", NEW_PERSON)
    use_data_dir(overrides)
    pool = Pool(tmp_path / "parts" / "run", workers=1, scheduler=None, stages=[], doc_timeout=None,
                fingerprint=None)
    try:
        seen = pool.start().run(data_sources, "kb/people/chile.yaml")
    finally:
        pool.close()
    assert list(seen.values()) == [(overrides.resolve() / "kb" / "people" / "chile.yaml",)]


def test_sorot_run_data_fails_with_one_line_on_a_broken_override(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from sorot.cli import app

    monkeypatch.setenv("SOROT_DATA", "")
    put(tmp_path, "mydata/kb/people/chile.yaml", NEW_PERSON.replace("aliases:", "alises:"))
    result = CliRunner().invoke(app, ["run", str(tmp_path), "--db", str(tmp_path / "x.duckdb"),
                                      "--data", str(tmp_path / "mydata")])
    assert result.exit_code == 2
    assert "kb/people/chile.yaml" in result.output and "alises" in result.output
