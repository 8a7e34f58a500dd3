"""`sorot run` on a dask.distributed cluster: the same store as one process, byte for byte; a running
scheduler by address; no worker left behind after kill -9 of the run; a clear line when the extra is missing."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

import sorot.cluster as cluster
import sorot.runner as runner
from sorot import worker_server
from sorot.cli import app
from sorot.runner import ParallelError, run_paths
from sorot.schema import Article
from sorot.store import Store

pytestmark = pytest.mark.slow  # local dask clusters and killed runs in subprocesses: minutes on a busy machine

# Sentences written for these tests: several outlets, a copy, an HTML page, a JSON Lines feed with a broken
# line, an empty file; enough documents for several parts.
TEXTS = [
    "Jakarta - Menteri Luar Negeri Indonesia menerima duta besar Australia di Jakarta pada Senin (4/3/2024).\n\n"
    "Keduanya membahas kerja sama pendidikan dan perdagangan.\n",
    "Tokyo - Perdana Menteri Jepang mengunjungi Manila untuk membicarakan keamanan laut, Selasa (5/3/2024).\n\n"
    "\"Kami ingin perairan yang damai,\" kata perdana menteri itu kepada wartawan.\n",
    "Kairo - Mesir menuduh kelompok bersenjata menyerang pos perbatasan di Sinai pada Rabu.\n\n"
    "Pemerintah Mesir mengirim pasukan tambahan ke wilayah itu.\n",
    "Brussel - Uni Eropa menjatuhkan sanksi baru kepada perusahaan pelayaran Iran, Kamis (7/3/2024).\n\n"
    "Iran menolak sanksi itu dan menyebutnya tidak sah.\n",
    "Hanoi - Vietnam dan Korea Selatan menandatangani perjanjian dagang di Hanoi pada Jumat.\n\n"
    "Menteri perdagangan kedua negara hadir dalam upacara itu.\n",
]
HTML = ("<html><head><title>Filipina dan Jepang berlatih bersama</title></head><body><article>"
        "<h1>Filipina dan Jepang berlatih bersama</h1><p>Angkatan laut Filipina dan Jepang menggelar latihan "
        "bersama di Laut Cina Selatan pada Sabtu (9/3/2024).</p><p>Latihan itu berlangsung selama tiga hari "
        "dan diikuti oleh enam kapal perang.</p></article></body></html>")

cli = CliRunner()
pytestmark = pytest.mark.slow   # clusters of worker processes, and subprocesses


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for number, text in enumerate(TEXTS * 3):   # each text three times: from three outlets, one a copy
        outlet = ("antara", "kompas", "tempo")[number // len(TEXTS)]
        (folder / f"{outlet}-{number:02d}.txt").write_text(text.replace("pada", f"pada hari ke-{number} pada", 1)
                                                           if outlet != "tempo" else text, encoding="utf-8")
    (folder / "laut.html").write_text(HTML, encoding="utf-8")
    feed = [json.dumps({"text": TEXTS[0].replace("Senin", "Selasa"), "url": "https://contoh.id/berita/1"}),
            "{bukan json", json.dumps({"text": TEXTS[3], "url": "https://contoh.id/berita/2"})]
    (folder / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    (folder / "kosong.txt").write_text("", encoding="utf-8")
    return folder


def _export(db: Path) -> str:
    out = db.with_suffix(".jsonl")
    result = cli.invoke(app, ["export", "--db", str(db), "--format", "jsonl", "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts of three documents, so that a small input is many parts over both workers; one fingerprint
    for the whole test (the data files of a working tree may change while it runs)."""
    monkeypatch.setattr(runner, "CLUSTER_PART_SIZE", 3)
    monkeypatch.setattr(runner, "fingerprint", lambda: "fedcba9876543210")


def test_two_workers_store_what_one_process_stores_byte_for_byte(tmp_path: Path, small_parts: None,
                                                                  dask_scheduler: str) -> None:
    corpus = _corpus(tmp_path / "in")
    one = run_paths([corpus], tmp_path / "one.duckdb", workers=1)
    two = run_paths([corpus], tmp_path / "two.duckdb", scheduler=dask_scheduler)
    assert (two.stored, two.updated, two.unchanged) == (one.stored, one.updated, one.unchanged), two.rejected[:2]
    assert sorted(r.reason for r in two.rejected) == sorted(r.reason for r in one.rejected)
    assert one.stored >= 15 and {r.reason for r in one.rejected} >= {"broken JSON line"}
    exported = _export(tmp_path / "one.duckdb")
    assert exported.count("\n") == one.stored and '"copy_of": "' in exported
    assert _export(tmp_path / "two.duckdb") == exported
    assert not Path(str(tmp_path / "two.duckdb") + ".parts").exists()   # the run folder is gone

    again = run_paths([corpus], tmp_path / "two.duckdb", scheduler=dask_scheduler)   # nothing to do
    assert (again.stored, again.updated, again.unchanged) == (0, 0, one.stored + one.updated)


def test_a_local_run_works_here_and_on_its_worker_byte_for_byte(tmp_path: Path, small_parts: None,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`--workers 2` is this process and one worker: parts are processed in both and stored in input order.
    The parts read with the first go to the worker the moment the cluster is up, not when this process is done
    with its first part (which here waits until the worker has written the second one)."""
    corpus = _corpus(tmp_path / "in")
    one = run_paths([corpus], tmp_path / "one.duckdb", workers=1)
    here: list[int] = []
    on_worker: list[int] = []
    seen_while_first: list[bool] = []
    process_here, read_from_worker = cluster.process_part, cluster.read_part

    def first_waits_for_the_worker(number: int, *rest: object) -> object:
        here.append(number)
        if number == 1:
            deadline = time.monotonic() + 90
            while not (written := any(tmp_path.rglob("part-000002"))) and time.monotonic() < deadline:
                time.sleep(0.05)
            seen_while_first.append(written)
        return process_here(number, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(cluster, "process_part", first_waits_for_the_worker)
    monkeypatch.setattr(cluster, "read_part", lambda files: on_worker.append(files.number)
                        or read_from_worker(files))
    two = run_paths([corpus], tmp_path / "two.duckdb", workers=2)
    assert seen_while_first == [True]
    assert here and on_worker and not set(here) & set(on_worker)
    assert sorted(here + on_worker) == list(range(1, len(here) + len(on_worker) + 1))
    assert (two.stored, two.updated) == (one.stored, one.updated) and one.stored >= 15
    assert _export(tmp_path / "two.duckdb") == _export(tmp_path / "one.duckdb")


def test_a_local_run_of_one_part_starts_no_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "satu.txt").write_text(TEXTS[0], encoding="utf-8")

    def no_cluster(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cluster was started for one part")

    monkeypatch.setattr(cluster, "LocalCluster", no_cluster)
    counts = run_paths([folder], tmp_path / "t.duckdb", workers=2)
    assert counts.stored == 1 and not counts.rejected


def test_a_local_cluster_that_cannot_start_is_one_line(tmp_path: Path, small_parts: None,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def cannot_start(*args: object, **kwargs: object) -> None:
        raise OSError("no free port\nmore detail")

    monkeypatch.setattr(cluster, "LocalCluster", cannot_start)
    with pytest.raises(ParallelError, match=r"^cannot start the local Dask cluster: OSError: no free port$"):
        run_paths([_corpus(tmp_path / "in")], tmp_path / "t.duckdb", workers=2)


def test_a_fork_server_that_cannot_start_is_one_line(tmp_path: Path, small_parts: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers' fork server is started first at the run's start, where a failure is let pass, and again
    when the cluster starts, where it is the cluster's one-line error."""
    def no_server() -> None:
        raise OSError("no room for a socket")

    monkeypatch.setattr(worker_server.forkserver, "ensure_running", no_server)
    with pytest.raises(ParallelError, match=r"^cannot start the local Dask cluster: OSError: no room for a socket$"):
        run_paths([_corpus(tmp_path / "in")], tmp_path / "t.duckdb", workers=2)


def test_a_running_scheduler_by_address(tmp_path: Path, small_parts: None) -> None:
    from distributed import LocalCluster

    corpus = _corpus(tmp_path / "in")
    run_paths([corpus], tmp_path / "one.duckdb", stages="meta")
    # workers in this process, in threads: the per-document time budget runs on a timer, not SIGALRM
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as running:
        counts = run_paths([corpus], tmp_path / "far.duckdb", scheduler=running.scheduler_address, stages="meta")
    assert counts.stored >= 15
    assert _export(tmp_path / "far.duckdb") == _export(tmp_path / "one.duckdb")


def test_stages_replaced_and_registered_from_python_run_on_the_workers(tmp_path: Path, small_parts: None,
                                                                        dask_scheduler: str) -> None:
    """The workers are other processes with their own registry: the run sends them its own stages."""
    from sorot.meta import extract_metadata
    from sorot.pipeline import register_stage, replace_stage, restore_stage, unregister_stage

    def meta_with_a_mark(article: Article) -> Article:   # defined here: the workers cannot import it
        article = extract_metadata(article)
        article.warnings = [*article.warnings, "meta: replaced"]
        return article

    def shout_the_title(article: Article) -> Article:
        article.title = (article.title or "").upper() or None
        return article

    corpus = _corpus(tmp_path / "in")
    replaced = replace_stage("meta", meta_with_a_mark)
    register_stage("loud_title", reads=["title"], writes=["title"], after="meta")(shout_the_title)
    try:
        counts = run_paths([corpus], tmp_path / "two.duckdb", scheduler=dask_scheduler, stages="meta,loud_title")
    finally:
        restore_stage(replaced)
        unregister_stage("loud_title")
    with Store(tmp_path / "two.duckdb", read_only=True) as store:
        rows = store.query("SELECT title, warnings FROM articles")
    assert counts.stored >= 15 and len(rows) == counts.stored
    assert all("meta: replaced" in row["warnings"] for row in rows)
    titled = [row["title"] for row in rows if row["title"]]
    assert titled and all(title == title.upper() for title in titled)
    assert any(title != title.lower() for title in titled)     # the titles had letters to shout


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "0.3s")   # nothing listens there: each try is refused at once
    corpus = _corpus(tmp_path / "in")
    with pytest.raises(ParallelError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9") as error:
        run_paths([corpus], tmp_path / "t.duckdb", scheduler="tcp://127.0.0.1:9")
    assert "\n" not in str(error.value)


def test_workers_without_the_parallel_extra_say_how_to_install_it(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "distributed" else real(name, *args))
    corpus = _corpus(tmp_path / "in")
    result = cli.invoke(app, ["run", str(corpus), "--db", str(tmp_path / "t.duckdb"), "--workers", "2"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: --workers 2 needs dask.distributed, which is not installed: pip install 'sorot[parallel]'"]
    assert not (tmp_path / "t.duckdb").exists()
    assert cli.invoke(app, ["run", str(corpus), "--db", str(tmp_path / "t.duckdb"), "-q"]).exit_code == 0


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _workers(pid: int) -> list[psutil.Process]:
    """The run's worker processes (multiprocessing's, started for the cluster), not its resource tracker."""
    workers = []
    for process in _descendants(pid):
        try:
            if "resource_tracker" not in " ".join(process.cmdline()):
                workers.append(process)
        except psutil.Error:
            continue
    return workers


def test_no_worker_outlives_a_run_killed_with_sigkill(tmp_path: Path) -> None:
    """kill -9 of `sorot run --workers 2` while this process and its worker are both at work on parts. The run
    has a stage of its own (registered before the CLI starts, sent to the worker like any stage) that marks each
    document with the process taking it and lingers on it: the kill comes once the worker has surely taken a
    part, and the run is far from its end, without models to load or CPU spent while the test waits."""
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(1200):     # 24 s of lingering for one process: the worker joins long before the end
        (folder / f"{number:04d}.txt").write_text(TEXTS[number % len(TEXTS)].replace("pada", f"ke-{number} pada"),
                                                  encoding="utf-8")
    marks = tmp_path / "marks"
    marks.mkdir()
    run_with_a_lingering_stage = (
        "import os, pathlib, sys, time\nfrom sorot.pipeline import register_stage\n"
        f"MARKS = pathlib.Path({str(marks)!r})\n"
        "def linger(article):\n    (MARKS / f'{os.getpid()}-{article.source}').touch()\n"
        "    time.sleep(0.02)\n    return article\n"
        "register_stage('linger')(linger)\n"
        "from sorot.cli import app\nsys.argv[0] = 'sorot'\napp()\n")
    db = tmp_path / "t.duckdb"
    run = subprocess.Popen([sys.executable, "-c", run_with_a_lingering_stage, "run", str(folder), "--db", str(db),
                            "--workers", "2", "--stages", "linger", "-q"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def worker_at_work() -> bool:   # a document of the input (not the warm-up's) taken by another process
        return any(mark.name.endswith(".txt") and not mark.name.startswith(f"{run.pid}-")
                   for mark in marks.iterdir())

    try:
        deadline = time.monotonic() + 240
        while not worker_at_work():    # --workers 2: this process and one worker
            assert run.poll() is None, run.stderr.read().decode() if run.stderr else ""
            assert time.monotonic() < deadline, "no worker at work in 240 s"
            time.sleep(0.1)
        children = _descendants(run.pid)
        assert _workers(run.pid), "the worker that took a document is not the run's"
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=10)
        _gone, alive = psutil.wait_procs(children, timeout=20)
        assert alive == [], [" ".join(p.cmdline()[:4]) for p in alive]
    finally:
        for child in _descendants(run.pid):
            child.kill()
        if run.poll() is None:
            run.kill()


def test_a_worker_ends_when_its_parent_is_killed(tmp_path: Path) -> None:
    """watch_parent alone (distributed also closes a pipe; this is the guard that needs no pipe)."""
    pid_file = tmp_path / "grandchild.pid"
    grandchild = (f"import os, time, pathlib; from sorot.cluster import watch_parent; watch_parent(os.getppid(), 0.1); "
                  f"pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid())); time.sleep(120)")
    parent = ("import subprocess, sys, time; "
              f"subprocess.Popen([sys.executable, '-c', {grandchild!r}]); time.sleep(120)")
    started = subprocess.Popen([sys.executable, "-c", parent])
    try:
        deadline = time.monotonic() + 60
        while not pid_file.exists():
            assert time.monotonic() < deadline
            time.sleep(0.1)
        watched = psutil.Process(int(pid_file.read_text()))
        os.kill(started.pid, signal.SIGKILL)
        started.wait(timeout=10)
        _gone, alive = psutil.wait_procs([watched], timeout=10)
        assert alive == []
    finally:
        for child in _descendants(started.pid):
            child.kill()
        started.kill()
