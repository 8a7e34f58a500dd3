"""The store's named read queries (what the CLI shows) and its exporters, called from Python."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sorot.schema import Actor, Article, Event, RawDoc, article_id
from sorot.store import Store, queries, raw_hash
from sorot.store.export import FORMATS, export, export_articles, write_jsonl

# Three short texts of my own, each with the events its test needs (type, source, target, date).
TEXTS = {
    "kyiv.txt": ("Ukraina menuduh Rusia menembakkan rudal ke kota pelabuhan pada Senin.",
                 [("ACCUSE", "UKR", "RUS", "2024-03-04"), ("ASSAULT", "RUS", "UKR", "2024-03")]),
    "hanoi.txt": ("Vietnam dan Jepang sepakat memperluas latihan penjagaan pantai bersama.",
                  [("COOPERATE", "VNM", "JPN", "2023-11-20")]),
    "lima.txt": ("Peru meminta bantuan pangan dari Brasil setelah banjir melanda wilayah utara.",
                 [("REQUEST", "PER", "BRA", None)]),
}


def _article(source: str, text: str, events: list[tuple[str, str, str, str | None]]) -> tuple[Article, str]:
    raw = RawDoc(source=source, content=text, format="text", location=f"/in/{source}", encoding="utf-8")
    article = Article(source=source, text=text, id=article_id(text), outlet="Contoh.id", language="id", raw=raw,
                      events=[Event(kind, Actor(a, a), Actor(b, b), "reported", date, text, 0, len(text), 0.8)
                              for kind, a, b, date in events])
    return article, raw_hash(raw)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("queries") / "s.duckdb"
    with Store(path) as store:
        store.save_batch([_article(name, text, events) for name, (text, events) in TEXTS.items()])
    return path


def _types(rows: list[dict]) -> set[str]:
    return {row["type"] for row in rows}


def test_event_filters_take_any_case_and_a_partial_date_as_a_whole_period(db: Path) -> None:
    with Store(db, read_only=True) as store:
        assert len(queries.events(store, queries.EventFilter(), limit=10)) == 4
        assert _types(queries.events(store, queries.EventFilter(actor="rus"), 10)) == {"ACCUSE", "ASSAULT"}
        assert _types(queries.events(store, queries.EventFilter(type="cooperate"), 10)) == {"COOPERATE"}
        march = queries.EventFilter(since="2024-03", until="2024-03")
        assert _types(queries.events(store, march, 10)) == {"ACCUSE", "ASSAULT"}
        assert _types(queries.events(store, queries.EventFilter(until="2023"), 10)) == {"COOPERATE"}
        assert len(queries.events(store, queries.EventFilter(), limit=2)) == 2


def test_undated_events_come_last(db: Path) -> None:
    with Store(db, read_only=True) as store:
        rows = queries.events(store, queries.EventFilter(), limit=10)
    assert rows[-1]["type"] == "REQUEST" and rows[-1]["date"] is None


def test_counts_for_the_summary_and_stats(db: Path) -> None:
    with Store(db, read_only=True) as store:
        assert queries.store_facts(store)["articles"] == 3
        assert queries.store_facts(store)["outlets"] == 1
        assert queries.languages(store) == [{"name": "id", "n": 3}]
        assert queries.top_outlets(store, limit=1) == [{"name": "Contoh.id", "n": 3}]
        assert {r["name"]: r["n"] for r in queries.event_types(store)}["ACCUSE reported"] == 1
        assert queries.last_run(store) is None      # articles were saved without a run
        assert queries.rejected(store) == []
        assert queries.story_ids(store, "zz") == []


def test_article_exports_to_a_file_to_a_stream_and_to_parquet(db: Path, tmp_path: Path) -> None:
    with Store(db, read_only=True) as store:
        assert export(store, "jsonl", tmp_path / "out" / "a.jsonl") == 3
        assert export_articles(store, "parquet", tmp_path / "a.parquet") == 3
        with pytest.raises(ValueError, match="Parquet"):
            export_articles(store, "parquet", None)
        with pytest.raises(ValueError):
            export(store, "xml", tmp_path / "a.xml")
    records = [json.loads(line) for line in (tmp_path / "out" / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["source"] for r in records) == sorted(TEXTS)
    assert pq.read_table(tmp_path / "a.parquet").num_rows == 3
    stream = io.StringIO()
    assert write_jsonl([{"judul": "Kerja sama ékonomi"}, {"judul": "Dua"}], stream) == 2
    assert stream.getvalue().splitlines()[0] == '{"judul": "Kerja sama ékonomi"}'
    assert set(FORMATS) >= {"jsonl", "parquet", "records", "gdelt", "plover"}
