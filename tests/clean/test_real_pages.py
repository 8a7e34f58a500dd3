"""Cleaning on the real scraped pages in ../shared (skipped when that folder is missing, failed in CI)."""

import json
from pathlib import Path

import pytest

from sorot.clean import clean
from sorot.schema import RawDoc

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold" / "dev"
HTML = SHARED / "corpus" / "html"

needs_shared = pytest.mark.needs_shared("corpus/seeds", "eval/gold/dev", "corpus/html")


@needs_shared
def test_seed_lines_agree_with_the_gold_body_labels():
    agree = total = 0
    for path in sorted(SEEDS.glob("*.txt")):
        gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))["lines"]
        article = clean(RawDoc(path.name, path.read_text(encoding="utf-8"), "text"))
        for line in article.lines:
            label = gold.get(str(line.n))
            if label in (None, "caption"):
                continue
            total += 1
            agree += (label == "body") == (line.label == "body")
    assert total > 80
    assert agree / total >= 0.97


@needs_shared
@pytest.mark.parametrize("name", sorted(p.name for p in HTML.glob("*.html")) if HTML.is_dir() else ["(no pages)"])
def test_html_pages_give_a_clean_body(name):
    content = (HTML / name).read_bytes().decode("utf-8", errors="replace")
    article = clean(RawDoc(name, content, "html"))
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) >= 4
    lowered = article.text.lower()
    for furniture in ("baca juga", "komentar anda", "all rights reserved", "tinggalkan balasan", "•"):
        assert furniture not in lowered, furniture
    # the dateline was taken off the first paragraph and kept as metadata
    assert not paragraphs[0].lower().startswith(("tribunnews.com", "liputan6.com", "tempo.co", "suara.com"))


@needs_shared
def test_html_datelines_name_place_and_outlet():
    expected = {
        "beritasatu_1.html": ("Medan", "Beritasatu.com"),
        "metrobali_1.html": ("Mangupura", "Metrobali.com"),
        "tribunnews_1.html": ("JAKARTA", "TRIBUNNEWS.COM"),
        "liputan6_1.html": ("Jakarta", "Liputan6.com"),
    }
    for name, (place, outlet) in expected.items():
        content = (HTML / name).read_bytes().decode("utf-8", errors="replace")
        article = clean(RawDoc(name, content, "html"))
        assert (article.dateline, article.outlet) == (place, outlet), name
