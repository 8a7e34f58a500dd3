"""`sorot run` under bad input and interruption: nothing crashes, nothing stored is lost, nothing is doubled."""

from __future__ import annotations

import gzip
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import sorot_here

from sorot.runner import PART_SIZE
from sorot.store import Store

pytestmark = pytest.mark.slow  # the CLI in subprocesses, one interrupted on purpose

# `sorot run` with every document announced on stdout, so that the test can send a signal in the middle of the
# run, once the first part of articles (PART_SIZE) is surely committed; the documents after those the test
# waits for take a second each, so that the signal comes before the run ends however busy the machine is.
# SIGINT is Ctrl-C's handler in the child also when the tests run as a background job (a shell starts those
# with SIGINT ignored, and Python then keeps it ignored in the processes they start).
ANNOUNCED = PART_SIZE + 3   # the first part is committed before document PART_SIZE + 1 starts
SLOW_RUN = (
    "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)\n"
    "import sys, time; import sorot.pipeline as p; real = p.clean; seen = []\n"
    f"def slow(raw):\n    seen.append(raw.source); time.sleep(0.01 if len(seen) <= {ANNOUNCED} else 1)\n"
    "    print('processing', raw.source, flush=True)\n    return real(raw)\n"
    "p.clean = slow\nfrom sorot.cli import app\nsys.argv[0] = 'sorot'\napp()\n"
)


def _paragraph(n: int) -> str:
    return (f"Jakarta - Menteri Luar Negeri bertemu duta besar dari negara ke-{n} untuk membahas kerja sama "
            f"perdagangan senilai {n * 7} juta dolar.\n\nPertemuan ke-{n} itu berlangsung di Gedung Pancasila.\n")


def test_a_batch_of_bad_inputs_is_rejected_one_by_one(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "baik.txt").write_text(_paragraph(1), encoding="utf-8")
    (corpus / "kosong.txt").write_bytes(b"")
    (corpus / "biner.html").write_bytes(bytes(range(256)) * 10)
    (corpus / "besar.txt").write_text(_paragraph(2) * 20000, encoding="utf-8")
    (corpus / "latin.txt").write_bytes(_paragraph(3).replace("Gedung", "Gedung “Pancasila”").encode("cp1252"))
    (corpus / "potong.html").write_text("<html><body><article><p>" + _paragraph(4), encoding="utf-8")
    (corpus / "rusak.txt.gz").write_bytes(gzip.compress(_paragraph(5).encode())[:12])
    feed = json.dumps({"text": _paragraph(6)}) + '\n{"text": tidak valid\n'
    (corpus / "feed.jsonl").write_text(feed, encoding="utf-8")
    db = tmp_path / "t.duckdb"
    result = sorot_here("run", corpus, "--db", db, "--limit-mb", "1", "--stages", "meta")   # needs no process
    assert result.returncode == 0, result.stderr
    for message in ("empty file", "binary file", "too large", "broken gzip", "broken JSON line"):
        assert message in result.stderr
    with Store(db, read_only=True) as store:
        sources = {r["source"] for r in store.query("SELECT source FROM articles")}
        rejected = {r["source"]: r["reason"] for r in store.query("SELECT source, reason FROM rejected")}
        encodings = {r["source"]: r["encoding"] for r in store.query("SELECT source, encoding FROM articles")}
    assert sources == {"baik.txt", "latin.txt", "potong.html", "feed.jsonl#1"}
    assert set(rejected) == {"kosong.txt", "biner.html", "besar.txt", "rusak.txt.gz", "feed.jsonl#2"}
    assert encodings["latin.txt"] != "utf-8"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_run_loses_nothing_and_the_next_run_continues(tmp_path: Path, signum: int) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for n in range(50):
        (corpus / f"berita_{n:02d}.txt").write_text(_paragraph(n), encoding="utf-8")
    db = tmp_path / "t.duckdb"
    # cleaning only (--stages "") in both runs: parts, commits and skips work the same whatever the stages
    process = subprocess.Popen([sys.executable, "-c", SLOW_RUN, "run", str(corpus), "--db", str(db), "--quiet",
                                "--stages", ""], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for _ in range(ANNOUNCED):
        assert process.stdout.readline().startswith("processing")
    process.send_signal(signum)
    process.communicate(timeout=60)
    assert process.returncode != 0, "the run ended before the signal: nothing was interrupted"

    with Store(db, read_only=True) as store:
        saved = store.counts()["articles"]
    assert PART_SIZE <= saved < 50
    # the next run needs no process of its own: in this one
    result = sorot_here("run", corpus, "--db", db, "--quiet", "--stages", "")
    assert result.returncode == 0, result.stderr
    with Store(db, read_only=True) as store:
        sources = [r["source"] for r in store.query("SELECT source FROM articles")]
        runs = store.query("SELECT unchanged FROM runs WHERE finished IS NOT NULL")
    assert sorted(sources) == sorted(set(sources)) and len(sources) == 50
    assert runs[-1]["unchanged"] == saved
