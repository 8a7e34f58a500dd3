"""Format checks shared by the text pages with gold sidecars (examples/text b*, examples/heldout c*)."""

import json
from datetime import date, datetime
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GOLD_FILES = sorted(EXAMPLES.glob("text/b[0-9][0-9]_*.gold.json")) + sorted(EXAMPLES.glob("heldout/c[0-9][0-9]_*.gold.json"))
LABELS = {"body", "title", "meta", "caption", "boilerplate", "duplicate"}
REQUIRED_KEYS = {"doc", "published", "published_ok", "title", "outlet", "authors", "dateline", "lines", "persons",
                 "organizations", "countries", "quotes", "events"}


def load(gold_path: Path) -> tuple[dict, list[str]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = (gold_path.parent / gold["doc"]).read_text(encoding="utf-8").split("\n")
    return gold, raw


def nonblank_numbers(raw: list[str]) -> set[str]:
    """Line numbers (from 1) of lines with visible text; whitespace-only lines (NBSP too) count as blank."""
    return {str(i) for i, line in enumerate(raw, 1) if line.strip()}


def parse_published(value: str) -> date | datetime:
    if len(value) == 10:
        return date.fromisoformat(value)
    parsed = datetime.fromisoformat(value)
    assert parsed.tzinfo is not None, f"{value} has a time but no UTC offset"
    return parsed


def test_both_sets_are_there() -> None:
    assert len(GOLD_FILES) == 32


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_has_required_keys_and_doc(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert gold.keys() >= REQUIRED_KEYS
    assert gold["doc"] == gold_path.name.replace(".gold.json", ".txt")
    assert (gold_path.parent / gold["doc"]).is_file()


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_every_nonblank_line_has_exactly_one_valid_label(gold_path: Path) -> None:
    gold, raw = load(gold_path)
    labelled, expected = set(gold["lines"]), nonblank_numbers(raw)
    assert labelled - expected == set(), "labels point to blank or missing lines"
    assert expected - labelled == set(), "non-blank lines without a label"
    assert set(gold["lines"].values()) <= LABELS
    assert 8 <= len(expected) <= 25


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_title_and_duplicates_agree_with_text(gold_path: Path) -> None:
    gold, raw = load(gold_path)
    titles = [raw[int(n) - 1] for n, label in gold["lines"].items() if label == "title"]
    assert gold["title"] == (titles[0] if titles else None)
    body_before: list[str] = []
    for n in sorted(gold["lines"], key=int):
        text, label = raw[int(n) - 1], gold["lines"][n]
        if label == "duplicate":
            assert text in body_before, f"line {n} repeats no earlier body line"
        elif label == "body":
            body_before.append(text)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_published_is_iso_8601(gold_path: Path) -> None:
    gold, _ = load(gold_path)
    if gold["published"] is not None:
        parse_published(gold["published"])
    for value in gold["published_ok"]:
        date.fromisoformat(value)
