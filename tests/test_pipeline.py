"""Stage contracts, the registry and batches (sorot.pipeline)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import sorot.pipeline as pipeline
from sorot.nlp import analyse
from sorot.pipeline import (
    StageError,
    process,
    process_batch,
    process_raw,
    register_stage,
    registered_stages,
    replace_stage,
    resolve_stages,
    restore_stage,
    unregister_stage,
)
from sorot.schema import Article, RawDoc

# Short reports written for these tests, each with people, states, a quote and an event.
TEXTS = {
    "satu.txt": ("Jakarta - Menteri Luar Negeri Sugiono bertemu Menteri Luar Negeri Jepang di Tokyo, Senin "
                 "(3/3/2025).\n\n\"Kami sepakat memperluas kerja sama perdagangan,\" kata Sugiono.\n"),
    "dua.txt": ("Canberra - Perdana Menteri Australia Anthony Albanese mengecam serangan terhadap kapal "
                "nelayan di Laut China Selatan, Rabu (5/3/2025).\n\nAlbanese meminta semua pihak menahan diri.\n"),
    "tiga.txt": ("Kairo - Presiden Mesir menerima kunjungan Wakil Presiden Gibran di Kairo pada Selasa "
                 "(4/3/2025).\n\n\"Hubungan kedua negara sangat erat,\" ujar Gibran kepada wartawan.\n"),
}


def _raws() -> list[RawDoc]:
    return [RawDoc(source, text, "text", location=f"/in/{source}") for source, text in TEXTS.items()]


def _record(article: Article) -> dict[str, Any]:
    """Everything a stage gives, the working state included."""
    return {**article.to_export(), "sentences": [dataclasses.astuple(s) for s in article.sentences],
            "spans": [dataclasses.astuple(s) for s in article.spans]}


# ------------------------------------------------------------------ contracts and the registry
def test_default_stages_are_registered_in_order_with_contracts_that_hold() -> None:
    specs = registered_stages()
    assert [s.name for s in specs] == ["meta", "nlp", "link", "quotes", "events"]
    assert all(s.reads and s.writes for s in specs)
    assert next(s for s in specs if s.name == "nlp").batch is not None
    assert resolve_stages() == specs


def test_a_stage_reading_what_no_earlier_stage_writes_is_refused_with_one_line() -> None:
    with pytest.raises(StageError) as error:
        process(TEXTS["satu.txt"], stages=["meta", "events"])
    message = str(error.value)
    assert "\n" not in message and "'events'" in message and "'entities'" in message and "'link'" in message


def test_a_stage_using_what_a_later_stage_writes_is_refused() -> None:
    with pytest.raises(StageError, match="'link' reads 'spans'.*'nlp' after it"):
        resolve_stages(["link", "nlp"])
    with pytest.raises(StageError, match="'quotes' reads 'entities'"):
        resolve_stages(["quotes", "link"])


def test_an_unknown_stage_name_lists_the_known_ones() -> None:
    with pytest.raises(StageError, match=r"unknown stage 'evnts' \(known: meta, nlp, link, quotes, events\)"):
        resolve_stages(["meta", "evnts"])


def test_a_misspelt_field_or_a_second_registration_is_refused() -> None:
    with pytest.raises(StageError, match="'tone' reads 'txt', which is no Article field"):
        register_stage("tone", reads=["txt"], writes=["warnings"])(lambda a: a)
    with pytest.raises(StageError, match="registered already"):
        register_stage("events", reads=["text"])(lambda a: a)
    assert "tone" not in [s.name for s in registered_stages()]


def test_stages_left_out_do_not_run() -> None:
    article = process(TEXTS["dua.txt"], stages=["meta", "nlp"])
    assert article.language == "id" and "Anthony Albanese" in [s.text for s in article.spans]
    assert article.entities == [] and article.events == [] and article.quotes == []


def test_a_replaced_stage_runs_in_its_place_and_can_be_put_back() -> None:
    calls: list[str] = []

    def my_events(article: Article) -> Article:
        calls.append(article.source)
        article.warnings.append("coded elsewhere")
        return article

    previous = replace_stage("events", my_events)
    try:
        article = process(TEXTS["tiga.txt"], source="tiga.txt")
        assert calls == ["tiga.txt"] and article.events == [] and "coded elsewhere" in article.warnings
        assert article.entities  # the stages before it ran as usual
    finally:
        restore_stage(previous)
    assert process(TEXTS["tiga.txt"]).events


def test_a_registered_stage_runs_where_it_was_placed() -> None:
    seen: list[tuple[bool, bool]] = []

    @register_stage("count_people", reads=["entities"], writes=["warnings"], after="link")
    def count_people(article: Article) -> Article:
        seen.append((bool(article.entities), bool(article.quotes)))   # after link, before quotes
        return article

    try:
        assert [s.name for s in registered_stages()][2:4] == ["link", "count_people"]
        process(TEXTS["satu.txt"])
        assert seen == [(True, False)]
        with pytest.raises(StageError, match="'count_people' reads 'entities'"):
            resolve_stages(["meta", "count_people", "link"])
    finally:
        unregister_stage("count_people")
    assert "count_people" not in [name for name, _run in pipeline.STAGES]


def test_one_textdoc_made_by_nlp_is_read_by_every_later_stage() -> None:
    seen: dict[str, int | None] = {}
    specs = {s.name: s for s in registered_stages()}

    def watching(name: str) -> Any:
        def run(article: Article) -> Article:
            seen[name] = id(article.doc) if article.doc is not None else None
            done = specs[name].run(article)
            seen[name + " after"] = id(done.doc) if done.doc is not None else None
            return done
        return run

    previous = [replace_stage(name, watching(name)) for name in ("link", "quotes", "events")]
    try:
        article = process(TEXTS["satu.txt"])
    finally:
        for spec in previous:
            restore_stage(spec)
    assert seen["link"] is not None and len(set(seen.values())) == 1   # made once, before link, never remade
    assert article.doc is None and article.events                        # dropped once the article is done


def test_without_nlp_the_first_stage_needing_tokens_makes_them() -> None:
    article = process(TEXTS["satu.txt"], stages=["meta", "link", "quotes"])
    assert article.sentences == [] and article.quotes and {e.name for e in article.entities} >= {"Japan"}


# ------------------------------------------------------------------ batches
def test_a_batch_gives_the_same_articles_as_one_by_one() -> None:
    one_by_one = [_record(process_raw(raw)) for raw in _raws()]
    batch = process_batch(_raws())
    assert all(isinstance(a, Article) for a in batch)
    assert [_record(a) for a in batch if isinstance(a, Article)] == one_by_one
    assert one_by_one[0]["entities"] and one_by_one[0]["events"] and one_by_one[0]["quotes"]


def test_batch_runs_ner_once_over_every_document(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []
    real = pipeline.analyse_many

    def counting(articles: list[Article]) -> list[Article]:
        sizes.append(len(articles))
        return real(articles)

    previous = replace_stage("nlp", analyse, batch=counting)
    try:
        process_batch(_raws())
    finally:
        restore_stage(previous)
    assert sizes == [3]


def test_a_failing_document_leaves_the_others_intact() -> None:
    expected = {raw.source: _record(process_raw(raw)) for raw in _raws()}
    real = next(s for s in registered_stages() if s.name == "quotes").run

    def picky(article: Article) -> Article:
        if article.source == "dua.txt":
            raise RuntimeError("cannot read this one")
        return real(article)

    previous = replace_stage("quotes", picky)
    try:
        results = process_batch(_raws())
    finally:
        restore_stage(previous)
    assert isinstance(results[1], RuntimeError) and str(results[1]) == "cannot read this one"
    assert [_record(r) for r in (results[0], results[2]) if isinstance(r, Article)] == [
        expected["satu.txt"], expected["tiga.txt"]]


def test_a_failing_batch_is_retried_document_by_document() -> None:
    def broken_batch(articles: list[Article]) -> list[Article]:
        raise MemoryError("the whole batch at once is too much")

    def picky_analyse(article: Article) -> Article:
        if article.source == "tiga.txt":
            raise ValueError("this one cannot be tagged")
        return analyse(article)

    expected = [_record(process_raw(raw)) for raw in _raws()[:2]]
    previous = replace_stage("nlp", picky_analyse, batch=broken_batch)
    try:
        results = process_batch(_raws())
    finally:
        restore_stage(previous)
    assert [_record(r) for r in results[:2] if isinstance(r, Article)] == expected
    assert isinstance(results[2], ValueError)


def test_the_guard_wraps_each_document_and_its_failure_is_that_documents() -> None:
    entered: list[str] = []

    @contextmanager
    def budget(raw: RawDoc) -> Iterator[None]:
        entered.append(raw.source)
        if raw.source == "satu.txt" and entered.count("satu.txt") == 2:
            raise TimeoutError("over budget")   # as a time budget expiring in the stages after NER
        yield

    results = process_batch(_raws(), guard=budget)
    assert isinstance(results[0], TimeoutError)
    assert all(isinstance(r, Article) and r.entities for r in results[1:])
    # cleaning and meta in one stretch, NER over the batch, then link, quotes and events in another
    assert entered == ["satu.txt", "dua.txt", "tiga.txt"] * 2


def test_a_bad_stage_list_fails_before_any_document() -> None:
    with pytest.raises(StageError):
        process_batch(_raws(), stages=["events"])


def test_process_raw_still_takes_name_and_function_pairs() -> None:
    def shout(article: Article) -> Article:
        article.text = article.text.upper()
        return article

    article = process_raw(_raws()[0], [("shout", shout)])
    assert article.text.startswith("MENTERI LUAR NEGERI SUGIONO") and article.entities == []


# ------------------------------------------------------------------ the CLI's --stages
def test_cli_refuses_unknown_or_misordered_stages_in_one_line(tmp_path: Path) -> None:
    from sorot.cli import app

    (tmp_path / "satu.txt").write_text(TEXTS["satu.txt"], encoding="utf-8")
    runner = CliRunner()
    for stages, expected in [("meta,evnts", "unknown stage 'evnts'"), ("events,link", "'events' reads 'entities'")]:
        result = runner.invoke(app, ["run", str(tmp_path / "satu.txt"), "--db", str(tmp_path / "t.duckdb"),
                                     "--stages", stages, "-q"])
        assert result.exit_code == 2, result.output
        assert expected in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "t.duckdb").exists()
