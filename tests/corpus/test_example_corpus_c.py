"""Validity checks for the held-out part-C corpus: examples/heldout/c*.gold.json and their .txt pages."""

import json
from datetime import date, datetime
from pathlib import Path

import pytest

HELDOUT_DIR = Path(__file__).resolve().parents[2] / "examples" / "heldout"
GOLD_FILES = sorted(HELDOUT_DIR.glob("c[0-9][0-9]_*.gold.json"))
LABELS = {"body", "title", "meta", "caption", "boilerplate", "duplicate"}
STATUSES = {"reported", "planned"}
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
REQUIRED_KEYS = {"doc", "published", "published_ok", "title", "outlet", "authors", "dateline", "lines", "persons",
                 "organizations", "countries", "quotes", "events", "events_optional", "events_forbidden"}


def load(gold_path: Path) -> tuple[dict, list[str]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = (HELDOUT_DIR / gold["doc"]).read_text(encoding="utf-8").split("\n")
    return gold, raw


def nonblank_numbers(raw: list[str]) -> set[str]:
    """Line numbers (from 1) of lines with visible text."""
    return {str(i) for i, line in enumerate(raw, 1) if line.strip()}


def parse_published(value: str) -> date | datetime:
    if len(value) == 10:
        return date.fromisoformat(value)
    parsed = datetime.fromisoformat(value)
    assert parsed.tzinfo is not None, f"{value} has a time but no UTC offset"
    return parsed


def test_there_are_sixteen_articles() -> None:
    assert len(GOLD_FILES) == 16


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_has_required_keys_and_doc(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert gold.keys() >= REQUIRED_KEYS
    assert gold["doc"] == gold_path.name.replace(".gold.json", ".txt")
    assert (HELDOUT_DIR / gold["doc"]).is_file()


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


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_events_point_to_body_lines_and_are_well_formed(gold_path: Path) -> None:
    gold, _ = load(gold_path)
    for key in ("events", "events_optional", "events_forbidden"):
        for event in gold[key]:
            assert gold["lines"][str(event["line"])] == "body", event
            assert event["type"] in PLOVER_TYPES and event["status"] in STATUSES, event
            assert event["source"] != event["target"], event
            if event["date"] is not None:
                assert len(event["date"]) in (4, 7, 10)
                date.fromisoformat(event["date"] + "-01-01"[len(event["date"]) - 4:])
    assert 5 <= len(gold["events"]) <= 10


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_quote_starts_occur_in_body(gold_path: Path) -> None:
    gold, raw = load(gold_path)
    body = " ".join(raw[int(n) - 1] for n, label in gold["lines"].items() if label == "body")
    for quote in gold["quotes"]:
        assert quote["start"] in body, quote


def test_set_covers_all_sixteen_plover_types_and_negations() -> None:
    golds = [json.loads(path.read_text(encoding="utf-8")) for path in GOLD_FILES]
    assert {event["type"] for gold in golds for event in gold["events"]} == PLOVER_TYPES
    assert sum(bool(gold["events_forbidden"]) for gold in golds) >= len(golds) - 1  # c05: see README
    assert any(event["status"] == "planned" for gold in golds for event in gold["events"])
