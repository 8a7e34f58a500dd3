"""Validity checks for the held-out part-C corpus: examples/heldout/c*.gold.json and their .txt pages."""

import json
from datetime import date
from pathlib import Path

import pytest
from tests.examples.test_text_gold_format import load

HELDOUT_DIR = Path(__file__).resolve().parents[2] / "examples" / "heldout"
GOLD_FILES = sorted(HELDOUT_DIR.glob("c[0-9][0-9]_*.gold.json"))
STATUSES = {"reported", "planned"}
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_there_are_sixteen_articles() -> None:
    assert len(GOLD_FILES) == 16


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
