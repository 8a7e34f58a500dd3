"""The corpus layer over a real store: `sorot run` fills copies, stories and records; the CLI and the
Python API read them; re-runs change nothing; a later batch is compared with everything stored."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from tests.corpus.texts import INDEPENDENT_PARAGRAPHS, WIRE_PARAGRAPHS, page
from typer.testing import CliRunner

import sorot
from sorot.cli import app
from sorot.corpus.export import GDELT_COLUMNS
from sorot.runner import run_paths

cli = CliRunner()
TITLE = "Menlu Indonesia dan Vietnam Bahas Kerja Sama Maritim"


def write_pages(folder: Path) -> dict[str, Path]:
    folder.mkdir(exist_ok=True)
    pages = {
        "wire.txt": page(TITLE, "Selasa, 4 Maret 2025 10:15 WIB", "Kantor Berita Nusantara", WIRE_PARAGRAPHS),
        "truncated.txt": page("Indonesia-Vietnam Percepat Perundingan Batas Laut", "Selasa, 4 Maret 2025 13:40 WIB",
                              "Harian Pesisir", WIRE_PARAGRAPHS[:7]),
        "edited.txt": page("RI dan Vietnam Sepakat Bentuk Kelompok Kerja", "Rabu, 5 Maret 2025 07:05 WIB",
                           "Warta Timur", ["Sumber: Antara", *WIRE_PARAGRAPHS[1:4],
                                           "Baca juga: Harga cabai turun di pasar induk", *WIRE_PARAGRAPHS[4:9]]),
        "independent.txt": page("Jakarta dan Hanoi Kembali Bicarakan Laut", "Selasa, 4 Maret 2025 18:00 WIB",
                                "Suara Selatan", INDEPENDENT_PARAGRAPHS),
    }
    paths = {}
    for name, text in pages.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_pages(folder / "pages")
    db = folder / "sorot.duckdb"
    run_paths([folder / "pages"], db=db)
    return db


def articles_by_source(db: Path) -> dict[str, dict]:
    with sorot.Corpus(db) as corpus:
        rows = corpus.con.execute("SELECT source, id, copy_of, story FROM articles").fetchall()
    return {source: {"id": i, "copy_of": c, "story": s} for source, i, c, s in rows}


def test_copies_point_to_the_earliest_stored_copy(store_path: Path) -> None:
    articles = articles_by_source(store_path)
    wire = articles["wire.txt"]["id"]
    assert wire != articles["truncated.txt"]["id"]
    assert articles["wire.txt"]["copy_of"] is None
    assert articles["truncated.txt"]["copy_of"] == wire
    assert articles["edited.txt"]["copy_of"] == wire
    assert articles["independent.txt"]["copy_of"] is None


def test_copies_share_a_story_and_the_export_carries_copy_of_story_and_record(store_path: Path,
                                                                             tmp_path: Path) -> None:
    articles = articles_by_source(store_path)
    assert articles["truncated.txt"]["story"] == articles["wire.txt"]["story"] == articles["edited.txt"]["story"]
    output = tmp_path / "articles.jsonl"
    assert cli.invoke(app, ["export", "--db", str(store_path), "-o", str(output)]).exit_code == 0
    exported = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert all({"copy_of", "story"} <= set(a) for a in exported)
    events = [e for a in exported for e in a["events"]]
    assert events and all(e["record"] for e in events)


def test_every_event_belongs_to_a_stored_record_whose_counts_add_up(store_path: Path) -> None:
    with sorot.Corpus(store_path) as corpus:
        records = corpus.records()
        assert records
        for record in records:
            full = corpus.record(record["id"])
            assert full is not None and len(full["mentions"]) == record["num_mentions"]
            assert record["num_articles"] == len({m["article_id"] for m in full["mentions"]})
            assert record["num_sources"] <= record["num_articles"]
            for m in full["mentions"]:
                assert m["sentence"] and m["start"] < m["end"]


def test_a_rerun_changes_no_id(store_path: Path, tmp_path: Path) -> None:
    def snapshot() -> tuple:
        with sorot.Corpus(store_path) as corpus:
            return (corpus.con.execute("SELECT id, copy_of, story FROM articles ORDER BY id").fetchall(),
                    corpus.con.execute("SELECT * FROM records ORDER BY id").fetchall(),
                    corpus.con.execute("SELECT * FROM stories ORDER BY id").fetchall())

    before = snapshot()
    from sorot import corpus
    from sorot.store import Store

    with Store(store_path) as store:
        corpus.update(store.con)
    assert snapshot() == before


def test_a_copy_stored_later_is_found_by_comparing_with_the_stored_sketches(tmp_path: Path) -> None:
    paths = write_pages(tmp_path / "pages")
    db = tmp_path / "later.duckdb"
    run_paths([paths["wire.txt"], paths["independent.txt"]], db=db)
    run_paths([paths["truncated.txt"]], db=db)
    articles = articles_by_source(db)
    assert articles["truncated.txt"]["copy_of"] == articles["wire.txt"]["id"]


def test_the_same_body_from_two_sources_is_two_articles_linked_as_copies(tmp_path: Path) -> None:
    folder = tmp_path / "same"
    folder.mkdir()
    text = page(TITLE, "Selasa, 4 Maret 2025 10:15 WIB", "Kantor Berita Nusantara", WIRE_PARAGRAPHS)
    (folder / "one.txt").write_text(text, encoding="utf-8")
    (folder / "two.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "same.duckdb"
    run_paths([folder], db=db)
    articles = articles_by_source(db)
    assert articles["one.txt"]["id"] != articles["two.txt"]["id"]
    assert {articles["one.txt"]["copy_of"], articles["two.txt"]["copy_of"]} - {None} <= {
        articles["one.txt"]["id"], articles["two.txt"]["id"]}
    assert sum(a["copy_of"] is not None for a in articles.values()) == 1


def test_cli_lists_stories_records_and_a_dyad(store_path: Path, tmp_path: Path) -> None:
    listed = cli.invoke(app, ["stories", "--db", str(store_path)])
    assert listed.exit_code == 0 and "stories" in listed.output
    story = articles_by_source(store_path)["wire.txt"]["story"]
    shown = cli.invoke(app, ["stories", story[:8], "--db", str(store_path)])
    assert shown.exit_code == 0 and story in shown.output and "4 articles" in shown.output
    records = cli.invoke(app, ["records", "--db", str(store_path), "--actor", "IDN"])
    assert records.exit_code == 0 and "event records" in records.output
    series = cli.invoke(app, ["dyad", "IDN", "VNM", "--db", str(store_path), "--by", "day"])
    assert series.exit_code == 0 and "IDN <-> VNM by day" in series.output
    # drawn by month: the pages span over a year, and a bar and a label per day made seconds of drawing
    plot = tmp_path / "idn-vnm.svg"
    drawn = cli.invoke(app, ["dyad", "IDN", "VNM", "--db", str(store_path), "--by", "month", "--plot", str(plot)])
    assert drawn.exit_code == 0 and "IDN <-> VNM by month" in drawn.output
    assert plot.read_text(encoding="utf-8").lstrip().startswith("<?xml")


@pytest.mark.parametrize("args, message", [
    (["records", "--type", "FOO"], "not a PLOVER type"),
    (["records", "--since", "2023-13-45"], "not a date"),
    (["dyad", "IDN", "VNM", "--by", "fortnight"], "--by"),
    (["dyad", "IDN", "VNM", "--plot", "chart.pdf"], ".png or .svg"),
    (["stories", "zzzz"], "no story"),
])
def test_bad_values_are_one_line_errors(store_path: Path, args: list[str], message: str) -> None:
    result = cli.invoke(app, [*args, "--db", str(store_path)])
    assert result.exit_code != 0
    assert message in result.output


def test_gdelt_export_has_61_columns_and_leaves_unknowns_blank(store_path: Path, tmp_path: Path) -> None:
    output = tmp_path / "events.tsv"
    assert cli.invoke(app, ["export", "--db", str(store_path), "--format", "gdelt", "-o", str(output)]).exit_code == 0
    rows = list(csv.reader(output.open(encoding="utf-8"), delimiter="\t"))
    with sorot.Corpus(store_path) as corpus:
        reported = corpus.records(status="reported")
    assert len(rows) == len(reported) > 0
    column = {name: n for n, name in enumerate(GDELT_COLUMNS)}
    for row in rows:
        assert len(row) == 61
        assert row[column["AvgTone"]] == "" and row[column["ActionGeo_Lat"]] == ""
        assert row[column["EventRootCode"]] == row[column["EventCode"]][:2]
        assert row[column["SOURCEURL"]].endswith(".txt")


def test_plover_and_records_exports(store_path: Path, tmp_path: Path) -> None:
    plover = tmp_path / "plover.jsonl"
    assert cli.invoke(app, ["export", "--db", str(store_path), "--format", "plover", "-o", str(plover)]).exit_code == 0
    first = json.loads(plover.read_text(encoding="utf-8").splitlines()[0])
    assert {"id", "date", "actor", "recipient", "event", "mode", "event_text", "quad_code", "link",
            "cite_info"} <= set(first)
    assert {"url", "publication", "language"} <= set(first["cite_info"])
    records = tmp_path / "records.jsonl"
    assert cli.invoke(app, ["export", "--db", str(store_path), "--format", "records", "-o", str(records)]).exit_code == 0
    record = json.loads(records.read_text(encoding="utf-8").splitlines()[0])
    assert record["mentions"] and len(record["mentions"]) == record["num_mentions"]


def test_a_text_copied_by_many_outlets_costs_a_bounded_number_of_comparisons(tmp_path: Path) -> None:
    from sorot import corpus
    from sorot.corpus.copies import BUCKET_CAP, CANDIDATES_PER_ARTICLE
    from sorot.schema import Article
    from sorot.store import Store

    wire = "\n".join(WIRE_PARAGRAPHS)
    copies = [Article(source=f"outlet-{n}.txt", id=f"copy{n:012d}", text=f"{wire}\nRedaksi {n}.",
                      published=f"2025-03-{4 + n % 3:02d}") for n in range(BUCKET_CAP + 20)]
    with Store(tmp_path / "many.duckdb") as store:
        store.save_batch([(a, f"hash{n}") for n, a in enumerate(copies)])
        counts = corpus.update(store.con)
        unlinked = store.con.execute("SELECT count(*) FROM articles WHERE copy_of IS NULL").fetchone()
    assert unlinked == (1,)                        # one cluster: every other copy points to the earliest
    assert counts.copy_pairs <= len(copies) * CANDIDATES_PER_ARTICLE < len(copies) * (len(copies) - 1) // 2


def corpus_tables(db: Path) -> dict[str, list[tuple]]:
    queries = {
        "sketches": "SELECT * FROM sketches ORDER BY article_id",
        "sketch_bands": "SELECT * FROM sketch_bands ORDER BY article_id, band",
        "copy_pairs": "SELECT * FROM copy_pairs ORDER BY a, b",
        "articles": "SELECT id, source, copy_of, story FROM articles ORDER BY id",
        "records": "SELECT * FROM records ORDER BY id",
        "stories": "SELECT * FROM stories ORDER BY id",
    }
    with sorot.Corpus(db) as corpus:
        return {name: corpus.con.execute(sql).fetchall() for name, sql in queries.items()}


def test_sketches_made_with_the_articles_store_what_sketching_the_stored_bodies_gives(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sorot import corpus
    from sorot.corpus import copies

    handed: list[int] = []     # the sketches each run hands the corpus layer
    update = corpus.update
    monkeypatch.setattr(corpus, "update", lambda con, made=None: handed.append(len(made.where) if made else 0)
                        or update(con, made))
    paths = write_pages(tmp_path / "pages")
    made = tmp_path / "made.duckdb"
    run_paths([paths["wire.txt"], paths["independent.txt"]], db=made)
    run_paths([tmp_path / "pages"], db=made)          # a second run: two new articles, two unchanged
    assert handed == [2, 2]
    monkeypatch.setattr(copies, "MAX_MADE_SKETCHES", 0)   # no sketch kept: each made from its stored body
    from_bodies = tmp_path / "bodies.duckdb"
    run_paths([paths["wire.txt"], paths["independent.txt"]], db=from_bodies)
    run_paths([tmp_path / "pages"], db=from_bodies)
    tables = corpus_tables(made)
    assert len(tables["sketches"]) == 4 and len(tables["sketch_bands"]) == 4 * copies.LSH_BANDS
    assert tables["copy_pairs"]
    assert tables == corpus_tables(from_bodies)
