"""The disk cache of built objects: keyed on contents, whole files only, foreign classes refused."""

from __future__ import annotations

import os
import pickle
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sorot.data import disk_cache
from sorot.data.disk_cache import KEEP_PER_KIND, content_key, load_or_build


@dataclass
class Part:
    name: str


@dataclass
class Built:
    parts: list[Part] = field(default_factory=list)
    index: dict[str, set[str]] = field(default_factory=dict)


class Builder:
    """Counts its builds."""

    def __init__(self, *names: str) -> None:
        self.names = names
        self.calls = 0

    def __call__(self) -> Built:
        self.calls += 1
        return Built([Part(n) for n in self.names], {n[:1]: {n} for n in self.names})


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(disk_cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def cached(key: str, builder: Builder) -> Built:
    return load_or_build("test", key, builder, Built, (Part,))


def test_built_once_then_read_back(folder: Path) -> None:
    builder = Builder("Jakarta", "Manila")
    first = cached("k1", builder)
    second = cached("k1", builder)
    assert builder.calls == 1
    assert second == first and second is not first
    assert [p.name for p in folder.iterdir()] == ["test-k1.pickle"]


def test_the_key_follows_every_sources_content(tmp_path: Path) -> None:
    source = tmp_path / "places.yaml"
    source.write_text("cities: [Manila]\n", encoding="utf-8")
    before = content_key([("kb/places.yaml 0", source)], "lib 1.0")
    assert content_key([("kb/places.yaml 0", source)], "lib 1.0") == before
    assert content_key([("kb/places.yaml 0", source)], "lib 2.0") != before           # a library upgrade
    assert content_key([("kb/places.yaml 1", source)], "lib 1.0") != before           # its role in the build
    source.write_text("cities: [Manila, Hanoi]\n", encoding="utf-8")
    assert content_key([("kb/places.yaml 0", source)], "lib 1.0") != before           # its content
    assert content_key([("kb/places.yaml 0", tmp_path / "gone.yaml")], "lib 1.0") != before


def test_a_damaged_file_is_built_again_and_replaced(folder: Path) -> None:
    builder = Builder("Hanoi")
    cached("k2", builder)
    (folder / "test-k2.pickle").write_bytes(b"\x80\x05 half a file")
    assert cached("k2", builder) == Built([Part("Hanoi")], {"H": {"Hanoi"}})
    assert builder.calls == 2
    assert cached("k2", builder) == Built([Part("Hanoi")], {"H": {"Hanoi"}})
    assert builder.calls == 2


class Trap:
    """Unpickling this would run a command."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch trap-ran",))


def test_a_file_of_other_classes_runs_nothing(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder.mkdir()
    (folder / "test-k3.pickle").write_bytes(pickle.dumps(Trap()))
    builder = Builder("Dili")
    assert cached("k3", builder).parts == [Part("Dili")]
    assert builder.calls == 1
    assert not (tmp_path / "trap-ran").exists()


def test_a_file_of_another_type_is_not_taken(folder: Path) -> None:
    folder.mkdir()
    (folder / "test-k4.pickle").write_bytes(pickle.dumps([Part("Suva")]))
    assert cached("k4", Builder("Apia")).parts == [Part("Apia")]


def test_off_builds_every_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(disk_cache.CACHE_ENV, "off")
    builder = Builder("Male")
    cached("k5", builder)
    cached("k5", builder)
    assert builder.calls == 2


def test_a_folder_that_cannot_be_written_still_gives_the_object(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(disk_cache.CACHE_ENV, str(blocker / "cache"))
    assert cached("k6", Builder("Honiara")).parts == [Part("Honiara")]


def test_only_the_newest_files_of_a_kind_are_kept(folder: Path) -> None:
    for number in range(KEEP_PER_KIND + 3):
        cached(f"old{number}", Builder(f"Kota{number}"))
        os.utime(folder / f"test-old{number}.pickle", (number, number))     # older first
    cached("newest", Builder("Baru"))
    kept = sorted(p.name for p in folder.glob("test-*.pickle"))
    assert len(kept) == KEEP_PER_KIND and "test-newest.pickle" in kept


def test_processes_writing_at_once_leave_one_whole_file(folder: Path) -> None:
    builders = [Builder("Port Moresby", "Nuku'alofa") for _ in range(8)]
    results: list[Built] = []
    threads = [threading.Thread(target=lambda b=b: results.append(cached("k7", b))) for b in builders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == results[0] for result in results) and len(results) == 8
    assert [p.name for p in folder.iterdir()] == ["test-k7.pickle"]             # no temporary file left
    assert cached("k7", Builder("other")) == results[0]


def test_a_build_not_from_what_the_key_says_is_not_stored(folder: Path) -> None:
    builder = Builder("Tarawa")
    load_or_build("test", "k8", builder, Built, (Part,), built_as_keyed=lambda: False)
    load_or_build("test", "k8", builder, Built, (Part,), built_as_keyed=lambda: False)
    assert builder.calls == 2 and not folder.exists()


def test_no_key_no_cache(folder: Path) -> None:
    builder = Builder("Majuro")
    assert load_or_build("test", None, builder, Built, (Part,)).parts == [Part("Majuro")]
    assert not folder.exists()


def test_a_key_of_digests_as_read(tmp_path: Path) -> None:
    source = tmp_path / "orgs.yaml"
    source.write_text("national: []\n", encoding="utf-8")
    on_disk = content_key([("kb/orgs.yaml 0", source)])
    assert content_key([("kb/orgs.yaml 0", source)], digest=lambda path: None) is None
    assert content_key([("kb/orgs.yaml 0", source)], digest=disk_cache.digest_on_disk) == on_disk


def test_data_files_read_record_their_digest_and_read_as_before(tmp_path: Path) -> None:
    """load_file reads bytes (to record what it read): Windows line ends still read as read_text gives them."""
    from pydantic import BaseModel

    from sorot.data import file_digest, load_file, read_digest

    class Words(BaseModel):
        words: list[str]
        note: str

    unix, windows = tmp_path / "unix.yaml", tmp_path / "windows.yaml"
    unix.write_bytes(b"words: [negara, kota]\nnote: |\n  baris satu\n  baris dua\n")
    windows.write_bytes(unix.read_bytes().replace(b"\n", b"\r\n"))
    assert load_file(windows, Words) == load_file(unix, Words)
    assert load_file(windows, Words).note == "baris satu\nbaris dua\n"
    assert read_digest(windows) == file_digest(windows.read_bytes()) != read_digest(unix)
    assert read_digest(tmp_path / "never-read.yaml") is None
