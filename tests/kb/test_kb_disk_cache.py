"""The process-wide knowledge base read back from the disk cache: the same as a fresh build, and keyed on
every file the build reads."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import sorot.data
from sorot.data import DATA_ENV, disk_cache
from sorot.kb import loader
from sorot.kb.store import KnowledgeBase

NEW_PERSON = """people:
- id: ana-tamasese
  name: Ana Tamasese
  country: WSM
  aliases: [Tamasese]
  roles:
    - {role: foreign_minister, title: Foreign Minister, country: WSM, start: 2021-07-23, end: null}
"""
NEW_BODY = "national:\n  - {id: wsm-fono, name: Fono of Samoa, code: WSM, country: WSM, aliases: [Fono Samoa]}\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(disk_cache.CACHE_ENV, str(tmp_path / "cache"))
    loader.knowledge_base.cache_clear()
    yield tmp_path / "cache"
    loader.knowledge_base.cache_clear()          # later tests get the knowledge base of their own settings


@pytest.fixture
def override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    (folder / "kb" / "people").mkdir(parents=True)
    (folder / "kb" / "people" / "samoa.yaml").write_text(NEW_PERSON, encoding="utf-8")
    (folder / "kb" / "orgs.extend.yaml").write_text(NEW_BODY, encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(folder))
    return folder


def same(read_back: KnowledgeBase, built: KnowledgeBase) -> None:
    assert read_back.entries == built.entries
    assert dict(read_back.exact) == dict(built.exact) and dict(read_back.folded) == dict(built.folded)
    assert read_back.ambiguous == built.ambiguous and read_back.conflicts == built.conflicts
    assert read_back.settings == built.settings
    assert (read_back.prefixes, read_back.first_words, read_back.max_alias_tokens) == (
        built.prefixes, built.first_words, built.max_alias_tokens)


@pytest.mark.slow  # builds the knowledge base three times: a second or two
def test_read_back_is_the_built_knowledge_base(cache: Path, override: Path) -> None:
    first = loader.knowledge_base()
    assert len(list(cache.glob("kb-*.pickle"))) == 1
    loader.knowledge_base.cache_clear()
    second = loader.knowledge_base()                      # from the file
    assert second is not first
    same(second, loader.build_knowledge_base())
    assert [e.id for e in second.lookup("Fono Samoa")] == ["org:wsm-fono"]
    assert [e.id for e in second.lookup("Tamasese")] == ["person:ana-tamasese"]
    assert second.holder("foreign_minister", "WSM", "2024-01-01") is not None


def test_other_override_files_build_anew(cache: Path, override: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loader.knowledge_base()
    other = override.parent / "other"
    shutil.copytree(override, other)
    (other / "kb" / "people" / "samoa.yaml").write_text(NEW_PERSON.replace("Tamasese", "Mata'afa"),
                                                        encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(other))
    kb = loader.knowledge_base()
    assert kb.lookup("Mata'afa") and not kb.lookup("Tamasese")
    assert len(list(cache.glob("kb-*.pickle"))) == 2


def test_a_build_from_files_read_before_an_edit_is_not_kept(cache: Path, override: Path) -> None:
    """A process reads a data file once (load_data's cache); a knowledge base it builds again after the file
    was edited holds what it read, and must not be stored under the edited content's key."""
    loader.knowledge_base()
    (override / "kb" / "people" / "samoa.yaml").write_text(NEW_PERSON.replace("Tamasese", "Mata'afa"),
                                                           encoding="utf-8")
    loader.knowledge_base.cache_clear()
    assert loader.knowledge_base().lookup("Tamasese")          # as this process read the file
    assert len(list(cache.glob("kb-*.pickle"))) == 1


def test_the_key_holds_every_file_the_build_reads(override: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[Path] = []
    parse = sorot.data._parse

    def recording(path: Path, name: str) -> object:
        read.append(path)
        return parse(path, name)

    monkeypatch.setattr(sorot.data, "_parse", recording)
    loader.build_knowledge_base()
    sources = {path for _role, path in loader.knowledge_base_sources()}
    assert set(read) == sources
    assert override / "kb" / "people" / "samoa.yaml" in sources and override / "kb" / "orgs.extend.yaml" in sources


def test_people_named_by_the_environment_are_in_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    people = tmp_path / "people.yaml"
    people.write_text(NEW_PERSON, encoding="utf-8")
    monkeypatch.setenv(loader.PEOPLE_ENV, str(people))
    sources = [path for _role, path in loader.knowledge_base_sources()]
    assert people in sources and not any(path.parent.name == "people" for path in sources)
