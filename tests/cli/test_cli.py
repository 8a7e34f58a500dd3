"""The `sorot` command line end to end in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sorot.cli import app
from sorot.schema import Actor, Event
from sorot.store import Store

ARTICLES = {
    "rusia.txt": "Moskow (ANTARA) - Menteri Luar Negeri Rusia Sergei Lavrov bertemu Menteri Luar Negeri Cina Wang Yi "
                 "di Beijing pada Selasa (17/10/2023).\n\nKedua menteri membahas kerja sama ekonomi dan keamanan.\n\n"
                 "\"Hubungan kami tidak mengenal batas,\" kata Lavrov kepada wartawan.\n",
    "asean.txt": "Jakarta - Presiden Joko Widodo menerima kunjungan Sekretaris Jenderal ASEAN di Istana Merdeka, "
                 "Jakarta, Senin (5/2/2024).\n\nPertemuan itu membahas persiapan KTT ASEAN di Laos.\n",
    "ukraina.txt": "Kyiv - Ukraina menuduh Rusia menyerang infrastruktur energi di wilayah Kharkiv pada Kamis.\n\n"
                   "Pemerintah Ukraina meminta negara-negara Barat mengirimkan bantuan militer tambahan.\n",
}
HTML = ("<html><head><title>Indonesia dan Jepang sepakat</title></head><body><article>"
        "<h1>Indonesia dan Jepang sepakat</h1><p>Indonesia dan Jepang menandatangani perjanjian kerja sama "
        "maritim di Tokyo pada Rabu (12/6/2024).</p><p>Menteri Pertahanan kedua negara menghadiri upacara "
        "penandatanganan tersebut bersama para pejabat tinggi.</p></article></body></html>")
SPEC_FIELDS = {"source", "id", "title", "outlet", "authors", "dateline", "published", "language", "text", "lines",
               "entities", "quotes", "events"}

runner = CliRunner()


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "jepang.html").write_text(HTML, encoding="utf-8")
    lines = [json.dumps({"text": ARTICLES["rusia.txt"].replace("Selasa", "Rabu"), "url": "https://contoh.id/1"}),
             "{rusak"]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _invoke(*args: str) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def test_run_is_idempotent_and_every_command_works(tmp_path: Path) -> None:
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "t.duckdb"
    output = _invoke("run", corpus, "--db", db, "--stages", "")
    assert "rejected" in output and "broken JSON line" in output
    with Store(db, read_only=True) as store:
        first = store.counts()
    assert first["articles"] == 5 and first["rejected"] == 1
    output = _invoke("run", corpus, "--db", db, "--stages", "")
    with Store(db, read_only=True) as store:
        again = store.counts()
        runs = store.query("SELECT stored, updated, unchanged FROM runs ORDER BY started")
    assert {k: v for k, v in again.items() if k != "runs"} == {k: v for k, v in first.items() if k != "runs"}
    assert runs[-1] == {"stored": 0, "updated": 0, "unchanged": 5}

    exported = [json.loads(line) for line in _invoke("export", "--db", db).splitlines() if line.startswith("{")]
    assert len(exported) == 5 and all(set(record) >= SPEC_FIELDS for record in exported)
    _invoke("export", "--db", db, "--format", "parquet", "--output", tmp_path / "a.parquet")
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.num_rows == 5 and set(table.column_names) >= SPEC_FIELDS

    stats = _invoke("stats", "--db", db)
    assert "articles" in stats and "languages" in stats
    article_id = next(r["id"] for r in exported if r["source"] == "rusia.txt")
    shown = _invoke("show", article_id[:8], "--db", db)
    assert "rusia.txt" in shown and "Wang Yi" in shown
    assert "broken JSON line" in _invoke("rejected", "--db", db)


def test_events_filters(tmp_path: Path) -> None:
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "t.duckdb"
    _invoke("run", corpus, "--db", db, "--stages", "")
    with Store(db) as store:
        [article] = [a for a in store.read_articles() if a.source == "ukraina.txt"]
        sentence = article.text.split("\n\n")[0]
        article.events = [
            Event("ACCUSE", Actor("Ukraine", "UKR"), Actor("Russia", "RUS"), "reported", "2024-03-21", sentence, 0,
                  len(sentence), 0.9, trigger="menuduh"),
            Event("ASSAULT", Actor("Russia", "RUS"), Actor("Ukraine", "UKR"), "reported", "2024-03", sentence, 0,
                  len(sentence), 0.7, trigger="menyerang"),
            Event("REQUEST", Actor("Ukraine", "UKR"), Actor(None, None), "reported", "2023-12-01", sentence, 0,
                  len(sentence), 0.6, trigger="meminta"),
        ]
        store.save_batch([(article, "manual")])
    assert _invoke("events", "--db", db).count("UKR") == 3
    by_actor = _invoke("events", "--db", db, "--actor", "rus")
    assert "ACCUSE" in by_actor and "ASSAULT" in by_actor and "REQUEST" not in by_actor
    assert "ACCUSE" not in _invoke("events", "--db", db, "--type", "assault")
    dated = _invoke("events", "--db", db, "--since", "2024-01-01", "--until", "2024-03")
    assert "ASSAULT" in dated and "ACCUSE" in dated and "REQUEST" not in dated


def test_export_of_the_full_pipeline_follows_the_spec(tmp_path: Path) -> None:
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "t.duckdb"
    _invoke("run", corpus, "--db", db, "--quiet")
    out_file = tmp_path / "out" / "a.jsonl"
    _invoke("export", "--db", db, "--format", "jsonl", "--output", out_file)
    records = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert records
    for record in records:
        assert set(record) >= SPEC_FIELDS
        text = record["text"]
        for entity in record["entities"]:
            assert {"name", "type", "country", "code", "wikidata", "role", "mentions"} <= set(entity)
            for mention in entity["mentions"]:
                assert 0 <= mention["start"] < mention["end"] <= len(text)
                assert text[mention["start"]:mention["end"]] == mention["text"]
        for quote in record["quotes"]:
            assert {"speaker", "text", "start", "end", "cue"} <= set(quote)
            assert 0 <= quote["start"] <= quote["end"] <= len(text)
        for event in record["events"]:
            assert {"type", "mode", "source", "target", "date", "status", "sentence", "confidence"} <= set(event)
            assert 0 <= event["start"] <= event["end"] <= len(text)


def test_processing_error_is_recorded_and_the_run_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sorot.pipeline

    real = sorot.pipeline.clean   # cleaning: the one step every document goes through, alone or in a batch

    def failing(raw):  # noqa: ANN001, ANN202
        if raw.source == "asean.txt":
            raise ValueError("tanggal tidak dikenal")
        return real(raw)

    monkeypatch.setattr(sorot.pipeline, "clean", failing)
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "t.duckdb"
    output = _invoke("run", corpus, "--db", db, "--stages", "")
    assert "processing error: ValueError: tanggal tidak dikenal" in output
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 4
        reasons = [r["reason"] for r in store.query("SELECT reason FROM rejected ORDER BY reason")]
    assert reasons == ["broken JSON line", "processing error: ValueError: tanggal tidak dikenal"]


@pytest.mark.slow  # a local dask cluster (the session's)
def test_dask_workers_give_the_same_results_as_a_serial_run(tmp_path: Path, dask_scheduler: str) -> None:
    corpus = _corpus(tmp_path / "in")
    _invoke("run", corpus, "--db", tmp_path / "serial.duckdb", "--stages", "")
    _invoke("run", corpus, "--db", tmp_path / "dask.duckdb", "--stages", "", "--scheduler", dask_scheduler)
    serial = _invoke("export", "--db", tmp_path / "serial.duckdb")
    assert serial.count("\n") >= 5
    assert _invoke("export", "--db", tmp_path / "dask.duckdb") == serial


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "No database" in result.output
