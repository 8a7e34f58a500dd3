"""The DuckDB store: round trip of Articles, idempotent saves, replacement of changed articles."""

from __future__ import annotations

from pathlib import Path

from sorot.schema import Actor, Article, Entity, Event, Line, Mention, Quote, RawDoc, article_id
from sorot.store import Store, raw_hash
from sorot.store.rows import build_article, child_rows, part_tables, published_columns
from sorot.store.schema import CHILD_TABLES

BODY = ("Menteri Luar Negeri Rusia Sergei Lavrov bertemu Menteri Luar Negeri Cina Wang Yi di Beijing.\n\n"
        "\"Hubungan kami tidak mengenal batas,\" kata Lavrov.")


def _article(body: str = BODY, location: str = "/data/a.txt") -> tuple[Article, str]:
    raw = RawDoc(source=Path(location).name, content=body, format="text", location=location, encoding="utf-8")
    lavrov = body.index("Sergei Lavrov")
    quote = body.index("Hubungan")
    article = Article(
        source=raw.source, text=body, id=article_id(body), title="Lavrov ke Beijing", outlet="Contoh.id",
        authors=["Ani", "Budi"], dateline="BEIJING", published="2023-10-17T12:12:00+07:00", language="id",
        lines=[Line(1, "Lavrov ke Beijing", "title"), Line(3, body.split("\n\n")[0], "body")],
        entities=[Entity("Sergey Lavrov", "PER", "RUS", "RUS", "Q80137", "Minister of Foreign Affairs",
                         [Mention(lavrov, lavrov + 13, "Sergei Lavrov")], kb_id="lavrov", aliases=["Sergei Lavrov"]),
                  Entity("China", "GPE", "CHN", "CHN")],
        quotes=[Quote("Sergey Lavrov", "Hubungan kami tidak mengenal batas,", quote, quote + 35, "kata", "RUS")],
        events=[Event("CONSULT", Actor("Sergey Lavrov", "RUS", "RUS"), Actor("Wang Yi", "CHN", "CHN"), "reported",
                      "2023-10-17", body.split("\n\n")[0], 0, len(body.split("\n\n")[0]), 0.8, trigger="bertemu",
                      cameo="04", goldstein=1.0, quad_class=1)],
        url=None, raw=raw,
    )
    return article, raw_hash(raw)


def test_round_trip_gives_the_same_export(tmp_path: Path) -> None:
    article, content_hash = _article()
    with Store(tmp_path / "s.duckdb") as store:
        assert store.save_batch([(article, content_hash)]) == ["stored"]
        [back] = list(store.read_articles())
        assert back.to_export() == article.to_export()
        assert back.entities[0].kb_id == "lavrov" and back.lines[1].text == article.lines[1].text
        row = store.query("SELECT published_at, published_date, encoding FROM articles")[0]
        assert str(row["published_date"]) == "2023-10-17" and row["encoding"] == "utf-8"


def test_saving_twice_changes_nothing(tmp_path: Path) -> None:
    article, content_hash = _article()
    with Store(tmp_path / "s.duckdb") as store:
        store.save_batch([(article, content_hash)])
        first = store.counts()
        assert store.save_batch([(article, content_hash)]) == ["updated"]
        assert store.counts() == first
        assert store.is_unchanged("/data/a.txt", content_hash)
        assert not store.is_unchanged("/data/a.txt", "other hash")


def test_changed_article_from_the_same_input_is_replaced(tmp_path: Path) -> None:
    article, content_hash = _article()
    edited, edited_hash = _article(BODY.replace("Beijing", "Shanghai"))
    assert edited.id != article.id
    with Store(tmp_path / "s.duckdb") as store:
        store.save_batch([(article, content_hash)])
        assert store.save_batch([(edited, edited_hash)]) == ["updated"]
        counts = store.counts()
        assert (counts["articles"], counts["entities"], counts["mentions"], counts["events"]) == (1, 2, 1, 1)
        assert [a.id for a in store.read_articles()] == [edited.id]


def test_same_text_from_two_inputs_is_one_article(tmp_path: Path) -> None:
    first, first_hash = _article(location="/data/a.txt")
    copy, copy_hash = _article(location="/mirror/a.txt")
    with Store(tmp_path / "s.duckdb") as store:
        store.save_batch([(first, first_hash), (copy, copy_hash)])
        assert store.counts()["articles"] == 1
        assert store.is_unchanged("/data/a.txt", first_hash) and store.is_unchanged("/mirror/a.txt", copy_hash)


def test_published_columns() -> None:
    at, day = published_columns("2023-09-20T14:35:00+07:00")
    assert at is not None and at.hour == 7 and str(day) == "2023-09-20"
    assert published_columns("2024-07-24") == (None, published_columns("2024-07-24")[1])
    assert str(published_columns("2024-07-24")[1]) == "2024-07-24"
    assert published_columns("kemarin") == (None, None) and published_columns(None) == (None, None)


def test_part_tables_hold_the_latest_of_each_article_column_by_column() -> None:
    full, full_hash = _article()
    text = "Kedua menteri berbicara lewat telepon pada malam hari."
    bare = Article(source="b.txt", text=text, id=article_id(text),
                   raw=RawDoc(source="b.txt", content=text, format="text", location="/data/b.txt"))
    tables = part_tables([(full, full_hash), (bare, "hash of b"), (full, full_hash)], "0.test", "print")
    assert tables["items"].column("id").to_pylist() == [full.id, bare.id, full.id]
    assert tables["inputs"].column("location").to_pylist() == ["/data/a.txt", "/data/b.txt", "/data/a.txt"]
    assert tables["articles"].column("id").to_pylist() == [bare.id, full.id]   # each once, in its last place
    children = {table: tables[table].to_pylist() for table in CHILD_TABLES}
    assert children == child_rows(full)          # the bare article has no child rows
    assert tables["mentions"].column_names == ["article_id", "entity_no", "start", "end", "text"]
    assert tables["events"].column_names[-6:] == ["source_code", "source_name", "source_country",
                                                  "target_code", "target_name", "target_country"]
    back = build_article(tables["articles"].to_pylist()[1], children)
    assert back.to_export() == full.to_export() and back.entities[0].kb_id == "lavrov"
