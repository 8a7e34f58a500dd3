"""Validity of the bundled example corpus, part A (examples/text/a*.txt and their .gold.json sidecars).

These files are test fixtures and classifier training data, so a wrong line number or label silently
poisons everything downstream: every check here is about the gold agreeing with its text file.
"""

from __future__ import annotations

import json
import re
import typing
from datetime import date, datetime
from pathlib import Path

import pycountry
import pytest

from sorot.schema import LINE_LABELS, PLOVER_TYPES, EventStatus

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "text"
GOLD_FILES = sorted(CORPUS.glob("a[0-9][0-9]_*.gold.json"))
EVENT_STATUSES = set(typing.get_args(EventStatus))
EVENT_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Codes a text may use that are not ISO 3166 alpha-3 states, and intergovernmental bodies as event actors.
EXTRA_CODES = {"XKX"}
IGO_CODES = {"UN", "ASEAN", "EU", "NATO", "OIC", "ICJ", "ECOWAS", "BRICS", "OECD", "G20", "AU"}


def load(gold_path: Path) -> tuple[dict, list[str]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text_lines = (CORPUS / gold["doc"]).read_text(encoding="utf-8").split("\n")
    return gold, text_lines


def non_blank(text_lines: list[str]) -> set[int]:
    return {n for n, line in enumerate(text_lines, 1) if line.strip()}


def is_state(code: str) -> bool:
    return code in EXTRA_CODES or pycountry.countries.get(alpha_3=code) is not None


def test_corpus_has_sixteen_articles() -> None:
    assert len(GOLD_FILES) == 16
    assert len(list(CORPUS.glob("a[0-9][0-9]_*.txt"))) == 16


@pytest.fixture(params=GOLD_FILES, ids=lambda p: p.name.split(".")[0])
def doc(request: pytest.FixtureRequest) -> tuple[dict, list[str]]:
    gold_path: Path = request.param
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert (CORPUS / gold["doc"]).is_file(), f"{gold_path.name}: missing {gold['doc']}"
    assert gold_path.name == gold["doc"].removesuffix(".txt") + ".gold.json"
    return load(gold_path)


def test_every_non_blank_line_has_exactly_one_known_label(doc: tuple[dict, list[str]]) -> None:
    gold, text_lines = doc
    labelled = {int(n) for n in gold["lines"]}
    assert labelled == non_blank(text_lines), "labels must cover the non-blank lines and nothing else"
    assert set(gold["lines"].values()) <= set(LINE_LABELS)


def test_article_size_and_a_real_body(doc: tuple[dict, list[str]]) -> None:
    gold, text_lines = doc
    assert 8 <= len(non_blank(text_lines)) <= 25
    assert list(gold["lines"].values()).count("body") >= 5


def test_published_is_iso_8601_with_offset_when_timed(doc: tuple[dict, list[str]]) -> None:
    gold, _ = doc
    published = gold["published"]
    if published is not None:
        if len(published) == 10:
            date.fromisoformat(published)
        else:
            assert datetime.fromisoformat(published).utcoffset() is not None, "a timed date needs its zone"
    for accepted in gold["published_ok"]:
        date.fromisoformat(accepted)


def test_title_matches_its_title_line(doc: tuple[dict, list[str]]) -> None:
    gold, text_lines = doc
    title_lines = [text_lines[int(n) - 1].strip() for n, lab in gold["lines"].items() if lab == "title"]
    if gold["title"] is None:
        assert not title_lines
    else:
        assert title_lines == [gold["title"]]


def test_duplicates_repeat_an_earlier_body_line(doc: tuple[dict, list[str]]) -> None:
    gold, text_lines = doc
    body_before: list[str] = []
    for n in sorted(int(k) for k in gold["lines"]):
        text, label = text_lines[n - 1].strip(), gold["lines"][str(n)]
        if label == "duplicate":
            assert text in body_before, f"line {n} is labelled duplicate but repeats no earlier body line"
        if label == "body":
            assert text not in body_before, f"line {n} repeats an earlier body line: label it duplicate"
            body_before.append(text)


def test_dateline_sits_at_the_start_of_the_first_body_line(doc: tuple[dict, list[str]]) -> None:
    gold, text_lines = doc
    first_body = next(text_lines[int(n) - 1] for n, lab in gold["lines"].items() if lab == "body")
    head = first_body[:45].lower()  # "TEMPO.CO, Jakarta -" and "REPUBLIKA.CO.ID, RIYADH --" put the outlet first
    if gold["dateline"] is not None:
        assert any(d.lower() in head for d in gold["dateline"]), head


def test_quotes_start_inside_body_text(doc: tuple[dict, list[str]]) -> None:
    gold, text_lines = doc
    body = " ".join(text_lines[int(n) - 1] for n, lab in gold["lines"].items() if lab == "body")
    for quote in gold["quotes"] + gold["quotes_optional"]:
        assert quote["start"] in body, quote
        assert 1 <= len(quote["start"].split()) <= 6


def test_people_and_countries_are_well_formed(doc: tuple[dict, list[str]]) -> None:
    gold, _ = doc
    for person in gold["persons"] + gold["persons_optional"]:
        assert person["name"].strip() and (person["country"] is None or is_state(person["country"]))
    for code in gold["countries"] + gold["countries_optional"]:
        assert is_state(code), code
    assert not set(gold["countries"]) & set(gold["countries_optional"])
    for variants in gold["organizations"] + gold["organizations_optional"]:
        assert variants and all(isinstance(v, str) and v for v in variants)


def test_events_point_at_body_lines_with_valid_codes(doc: tuple[dict, list[str]]) -> None:
    gold, _ = doc
    groups = {"events": gold["events"], "events_optional": gold["events_optional"],
              "events_forbidden": gold["events_forbidden"]}
    for group, events in groups.items():
        for event in events:
            allowed_types = set(PLOVER_TYPES) | ({"*"} if group == "events_optional" else set())
            assert event["type"] in allowed_types, event
            assert event["status"] in EVENT_STATUSES, event
            for actor in (event["source"], event["target"]):
                assert is_state(actor) or actor in IGO_CODES, event
            assert event["source"] != event["target"]
            assert event["date"] is None or EVENT_DATE.match(event["date"]), event
            assert gold["lines"].get(str(event["line"])) == "body", event
    # The scorer counts every required event, so a negated one belongs among the forbidden, not the required.
    assert all(e["status"] != "negated" for e in gold["events"])
