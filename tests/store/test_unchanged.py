"""Skip-unchanged look-ups: a new input, a known input, a changed input, another pipeline, a deleted article."""

from __future__ import annotations

from pathlib import Path

from sorot.schema import Article, RawDoc, article_id
from sorot.store import Store, raw_hash

BODY = "Presiden Prancis menerima Perdana Menteri Jepang di Paris pada Selasa untuk membahas kerja sama energi."


def _item(body: str, location: str) -> tuple[Article, str]:
    raw = RawDoc(source=Path(location).name, content=body, format="text", location=location)
    return Article(source=raw.source, text=body, id=article_id(body), raw=raw), raw_hash(raw)


def test_a_new_input_is_not_unchanged(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.save_batch([_item(BODY, "/feeds/a.txt")])
        assert not store.is_unchanged("/feeds/b.txt", _item(BODY, "/feeds/b.txt")[1])
        assert not store.is_unchanged(None, "any hash")


def test_a_known_input_is_unchanged_until_its_content_or_pipeline_changes(tmp_path: Path) -> None:
    article, content_hash = _item(BODY, "/feeds/a.txt")
    with Store(tmp_path / "s.duckdb") as store:
        store.save_batch([(article, content_hash)], fingerprint="pipeline-1")
        assert store.is_unchanged("/feeds/a.txt", content_hash)
        assert store.is_unchanged("/feeds/a.txt", content_hash, "pipeline-1")
        assert not store.is_unchanged("/feeds/a.txt", content_hash, "pipeline-2")
        assert not store.is_unchanged("/feeds/a.txt", _item(BODY + " Tambahan.", "/feeds/a.txt")[1])


def test_an_input_whose_article_is_gone_is_processed_again(tmp_path: Path) -> None:
    article, content_hash = _item(BODY, "/feeds/a.txt")
    with Store(tmp_path / "s.duckdb") as store:
        store.save_batch([(article, content_hash)])
        store.con.execute("DELETE FROM articles WHERE id = ?", [article.id])
        assert not store.is_unchanged("/feeds/a.txt", content_hash)


def test_bulk_inserts_keep_every_row_of_every_article(tmp_path: Path) -> None:
    items = [_item(f"{BODY} Pertemuan ke-{n} berlangsung tertutup.", f"/feeds/{n}.txt") for n in range(40)]
    with Store(tmp_path / "s.duckdb") as store:
        for start in range(0, len(items), 16):
            store.save_batch(items[start:start + 16])
        assert store.counts()["articles"] == 40 and store.counts()["inputs"] == 40
        assert all(store.is_unchanged(a.raw.location if a.raw else None, h) for a, h in items)
