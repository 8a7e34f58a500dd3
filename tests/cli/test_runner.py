"""sorot.runner in process: a failing or slow stage becomes a rejection with its reason, the run goes on."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import sorot.pipeline as pipeline
import sorot.runner as runner
from sorot.runner import DocumentTimeout, process_safely, run_paths, time_budget
from sorot.schema import Article, RawDoc, Rejected
from sorot.store import Store

TEXT = ("Jakarta - Presiden menerima duta besar Australia di Istana Merdeka untuk membahas kerja sama.\n\n"
        "Pertemuan itu berlangsung selama satu jam pada Rabu siang.\n")


def _failing(article: Article) -> Article:
    raise ValueError("a stage that cannot cope\nsecond line")


def _slow(article: Article) -> Article:
    time.sleep(5)
    return article


def _busy(article: Article) -> Article:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # pure-Python work, as a quadratic loop would be
        pass
    return article


@pytest.fixture
def extra_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "STAGES", [*pipeline.STAGES, ("failing", _failing), ("slow", _slow),
                                             ("busy", _busy)])
    monkeypatch.setattr(runner, "_warm_up", lambda stages: None)  # the stages here load nothing


def test_an_exception_becomes_a_rejection_with_its_traceback(extra_stages: None) -> None:
    result = process_safely(RawDoc("a.txt", TEXT, "text", location="/data/a.txt"), ["failing"])
    assert isinstance(result, Rejected)
    assert result.reason == "processing error: ValueError: a stage that cannot cope"
    assert "Traceback" in result.detail and "_failing" in result.detail and result.location == "/data/a.txt"


@pytest.mark.parametrize("stage", ["slow", "busy"])
def test_a_document_over_its_time_budget_is_rejected(extra_stages: None, stage: str) -> None:
    started = time.monotonic()
    result = process_safely(RawDoc("b.txt", TEXT, "text"), [stage], doc_timeout=0.3)
    assert time.monotonic() - started < 3
    assert isinstance(result, Rejected) and result.reason == "too slow" and "0.3 s time budget" in result.detail


def test_no_budget_and_nested_budgets_restore_the_timer() -> None:
    with time_budget(None):
        time.sleep(0.01)
    with pytest.raises(DocumentTimeout), time_budget(0.05):
        time.sleep(1)
    with time_budget(1):  # the expired budget left no alarm behind
        time.sleep(0.1)


def test_a_run_goes_on_past_a_failing_document(extra_stages: None, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def fails_on_one(article: Article) -> Article:
        if article.source == "rusak.txt":
            raise RuntimeError("only this one")
        return article

    monkeypatch.setattr(pipeline, "STAGES", [("picky", fails_on_one)])
    for name in ("awal.txt", "rusak.txt", "akhir.txt"):
        (tmp_path / name).write_text(TEXT.replace("Rabu", name), encoding="utf-8")
    counts = run_paths([tmp_path], db=tmp_path / "t.duckdb", stages="picky")  # the database is no input
    assert (counts.stored, [r.source for r in counts.rejected]) == (2, ["rusak.txt"])
    with Store(tmp_path / "t.duckdb", read_only=True) as store:
        assert sorted(r["source"] for r in store.query("SELECT source FROM articles")) == ["akhir.txt", "awal.txt"]
        [row] = store.query("SELECT reason, detail FROM rejected")
    assert row["reason"] == "processing error: RuntimeError: only this one" and "fails_on_one" in row["detail"]
