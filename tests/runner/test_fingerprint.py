"""Skip-unchanged and the pipeline's fingerprint: the same pipeline skips what it stored; another code
version, data file or model processes it again."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import write_pages

import sorot.runner as runner
from sorot.data import DATA_ENV
from sorot.runner import fingerprint, run_paths
from sorot.store import Store

# Sentences written for these tests.
TEXTS = {
    "satu.txt": "Jakarta - Indonesia dan Malaysia sepakat memperkuat patroli bersama di Selat Malaka, Senin.\n\n"
                "Kesepakatan itu ditandatangani oleh panglima kedua negara.\n",
    "dua.txt": "Canberra - Australia mengundang Indonesia ke latihan udara gabungan bulan depan.\n\n"
               "Undangan itu disampaikan menteri pertahanan Australia di Canberra.\n",
}


def _inputs(folder: Path) -> Path:
    return write_pages(folder, TEXTS)


def test_the_fingerprint_follows_version_data_and_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATA_ENV, raising=False)
    packaged = fingerprint()
    assert fingerprint() == packaged and len(packaged) == 16

    override = tmp_path / "data"
    (override / "kb" / "people").mkdir(parents=True)
    monkeypatch.setenv(DATA_ENV, str(override))
    empty_override = fingerprint()
    (override / "kb" / "people" / "tambahan.yaml").write_text("- name: Tokoh Baru\n", encoding="utf-8")
    with_person = fingerprint()
    (override / "kb" / "people" / "tambahan.yaml").write_text("- name: Tokoh Lain\n", encoding="utf-8")
    assert len({packaged, empty_override, with_person, fingerprint()}) == 4
    monkeypatch.delenv(DATA_ENV)
    assert fingerprint() == packaged

    monkeypatch.setattr(runner, "__version__", "99.0.0")
    assert fingerprint() != packaged


def test_the_model_files_are_part_of_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sorot

    package = tmp_path / "sorot"
    (package / "models" / "ner_id").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(sorot, "__file__", str(package / "__init__.py"))
    without_model = fingerprint()
    (package / "models" / "ner_id" / "meta.json").write_text('{"version": "1.0.0"}', encoding="utf-8")
    first = fingerprint()
    (package / "models" / "ner_id" / "meta.json").write_text('{"version": "1.1.0"}', encoding="utf-8")
    assert len({without_model, first, fingerprint()}) == 3


def test_same_pipeline_skips_another_processes_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, db = _inputs(tmp_path / "in"), tmp_path / "t.duckdb"
    first = run_paths([folder], db, stages="meta")
    assert (first.stored, first.unchanged) == (2, 0)
    with Store(db, read_only=True) as store:
        stored = {row["fingerprint"] for row in store.query("SELECT fingerprint FROM articles")}
    assert stored == {fingerprint()}

    same = run_paths([folder], db, stages="meta")
    assert (same.stored, same.updated, same.unchanged) == (0, 0, 2)

    monkeypatch.setattr(runner, "fingerprint", lambda: "0123456789abcdef")   # an upgrade of data or model
    upgraded = run_paths([folder], db, stages="meta")
    assert (upgraded.stored, upgraded.updated, upgraded.unchanged) == (0, 2, 0)
    with Store(db, read_only=True) as store:
        assert store.query("SELECT DISTINCT fingerprint FROM articles") == [{"fingerprint": "0123456789abcdef"}]
    assert run_paths([folder], db, stages="meta").unchanged == 2


def test_articles_stored_before_fingerprints_are_processed_once_more(tmp_path: Path) -> None:
    folder, db = _inputs(tmp_path / "in"), tmp_path / "t.duckdb"
    run_paths([folder], db, stages="meta")
    with Store(db) as store:
        store.con.execute("UPDATE articles SET fingerprint = NULL")   # as a database of an earlier release
    again = run_paths([folder], db, stages="meta")
    assert (again.updated, again.unchanged) == (2, 0)
    assert run_paths([folder], db, stages="meta").unchanged == 2
