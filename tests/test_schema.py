from sorot.schema import Article, article_id


def test_article_id_is_stable_under_spacing_and_case():
    assert article_id("Rusia dan  China\nbertemu.") == article_id("rusia dan china bertemu")
    assert article_id("Rusia dan China bertemu.") != article_id("Rusia dan India bertemu.")


def test_export_has_every_spec_field():
    record = Article(source="a.txt", text="x").to_export()
    for name in ("source", "id", "title", "outlet", "authors", "dateline", "published", "language",
                 "text", "lines", "entities", "quotes", "events"):
        assert name in record
