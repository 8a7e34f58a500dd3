"""load_data: every packaged data file passes its schema; a broken file fails with one line naming file and key."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

from sorot.data import PACKAGE_DIR, DataError, data_names, load_data, load_file
from sorot.data.schemas import SCHEMAS, DataModel, EventCues, LexiconRow, QuoteCuesData
from sorot.schema import PLOVER_TYPES


def packaged_files() -> list[str]:
    return sorted(str(p.relative_to(PACKAGE_DIR)) for p in PACKAGE_DIR.rglob("*")
                  if p.suffix in (".yaml", ".tsv"))


def schema_of(name: str) -> object:
    return next((schema for pattern, schema in SCHEMAS.items() if fnmatch.fnmatch(name, pattern)), None)


@pytest.mark.parametrize("name", packaged_files())
def test_every_packaged_data_file_loads_through_its_schema(name: str) -> None:
    schema = schema_of(name)
    assert schema is not None, f"{name} has no schema in sorot.data.schemas.SCHEMAS"
    loaded = load_data(name, schema)   # type: ignore[arg-type]
    assert loaded


def test_the_folder_patterns_of_the_registry_cover_real_files() -> None:
    assert len(data_names("kb/people")) >= 5
    assert all(schema_of(name) is not None for name in data_names("kb/people"))


def test_the_schemas_plover_types_are_the_schemas_of_the_article() -> None:
    from typing import get_args

    from sorot.data.schemas import PloverType
    assert set(get_args(PloverType)) == set(PLOVER_TYPES)


def test_loaded_data_is_frozen_and_cached() -> None:
    cues = load_data("quotes/cues.yaml", QuoteCuesData)
    assert cues is load_data("quotes/cues.yaml", QuoteCuesData)
    assert isinstance(cues.verbs, tuple)
    with pytest.raises(ValueError):
        cues.min_words_full = 1   # type: ignore[misc]


def test_a_model_read_like_a_mapping_gives_its_fields_and_refuses_others() -> None:
    cues = load_data("events/cues.yaml", EventCues)
    assert cues["negators"] == cues.negators
    assert cues.get("no_such_list") is None
    with pytest.raises(KeyError):
        cues["no_such_list"]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


class Tiny(DataModel):
    words: tuple[str, ...]
    window: int = 3


def one_line(error: pytest.ExceptionInfo[DataError]) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


def test_an_unknown_key_is_named_with_its_file(tmp_path: Path) -> None:
    path = write(tmp_path, "tiny.yaml", "words: [satu, dua]\nwindw: 4\n")
    with pytest.raises(DataError) as error:
        load_file(path, Tiny)
    message = one_line(error)
    assert str(path) in message and "windw" in message and "unknown key" in message


def test_a_wrong_type_is_named_with_its_key_path(tmp_path: Path) -> None:
    path = write(tmp_path, "lexicon.yaml", "CONSULT:\n  - {pattern: bertemu}\n  - {pattern: berunding, weight: tinggi}\n")
    with pytest.raises(DataError) as error:
        load_file(path, dict[str, tuple[LexiconRow, ...]])
    message = one_line(error)
    assert "lexicon.yaml" in message and "CONSULT.1.weight" in message and "tinggi" in message


def test_an_unquoted_yaml_boolean_in_a_word_list_is_refused(tmp_path: Path) -> None:
    """YAML 1.1 reads a bare `on`, `no` or `yes` as a boolean: a word list must not lose them silently."""
    path = write(tmp_path, "tiny.yaml", "words: [upon, on, off]\n")
    with pytest.raises(DataError) as error:
        load_file(path, Tiny)
    assert "words.1" in one_line(error)


def test_a_missing_key_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "tiny.yaml", "window: 2\n")
    with pytest.raises(DataError) as error:
        load_file(path, Tiny)
    assert "words: missing key" in one_line(error)


def test_a_missing_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOROT_DATA", str(tmp_path))
    with pytest.raises(DataError) as error:
        load_data("events/no_such_file.yaml", Tiny)
    message = one_line(error)
    assert "events/no_such_file.yaml" in message and "no such file" in message
    with pytest.raises(DataError) as error:
        load_file(tmp_path / "absent.yaml", Tiny)
    assert "absent.yaml" in one_line(error)


def test_broken_yaml_is_named_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "tiny.yaml", "words: [satu, dua\nwindow: 3\n")
    with pytest.raises(DataError) as error:
        load_file(path, Tiny)
    message = one_line(error)
    assert "tiny.yaml" in message and "line" in message and "not valid YAML" in message


def test_a_table_row_with_a_missing_cell_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "table.tsv", "# a comment\nsorot\tkind\tcameo\nROU\tcountry\tROM\nTLS\tcountry\n")
    with pytest.raises(DataError) as error:
        load_file(path, tuple[dict[str, str], ...])
    assert "row 2" in one_line(error)


def test_a_repeated_key_is_named_with_its_line(tmp_path: Path) -> None:
    """YAML keeps the last of two equal keys: a second `CONSULT:` block would drop the first without a word."""
    path = write(tmp_path, "lexicon.yaml", "CONSULT:\n  - {pattern: bertemu}\nAGREE:\n  - {pattern: sepakat}\n"
                 "CONSULT:\n  - {pattern: berunding}\n")
    with pytest.raises(DataError) as error:
        load_file(path, dict[str, tuple[LexiconRow, ...]])
    message = one_line(error)
    assert "repeated key 'CONSULT'" in message and "line 5" in message
    inner = write(tmp_path, "tiny.yaml", "words: [satu]\nwindow: 2\nwords: [dua]\n")
    with pytest.raises(DataError, match="repeated key 'words'"):
        load_file(inner, Tiny)
