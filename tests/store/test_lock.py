"""The store's write lock, reading a snapshot during a run, and write errors reported as themselves."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sorot.schema import Article, RawDoc, article_id
from sorot.store import Store, StoreBusy, StoreError, raw_hash
from sorot.store.lock import DEFAULT_LOCK_WAIT, LOCK_WAIT_ENV, WriterLock, lock_wait

# A writer in another process: opens the store, saves one article, takes a snapshot if asked, says "ready"
# and waits until its stdin closes.
WRITER = textwrap.dedent("""
    import sys
    from sorot.schema import Article, RawDoc, article_id
    from sorot.store import Store, raw_hash
    store = Store(sys.argv[1])
    run = store.start_run(["test"])
    body = "Kedua menteri membahas kerja sama perdagangan di Jakarta pada Selasa."
    raw = RawDoc("a.txt", body, "text", location="/data/a.txt")
    store.save_batch([(Article(source="a.txt", text=body, id=article_id(body, "a.txt"), raw=raw), raw_hash(raw))])
    if sys.argv[2] == "snapshot":
        store.snapshot(force=True)
    print("ready", flush=True)
    sys.stdin.read()
    store.close()
""")


@pytest.fixture
def writer(tmp_path: Path):  # noqa: ANN201 (a factory of running writer processes)
    started: list[subprocess.Popen] = []

    def start(snapshot: bool) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path / "s.duckdb"),
                                    "snapshot" if snapshot else "none"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        started.append(process)
        return process

    yield start
    for process in started:
        process.communicate("", timeout=30)


@pytest.mark.slow  # a writer in a subprocess
def test_a_second_writer_fails_with_one_line_naming_the_run(tmp_path: Path, writer) -> None:  # noqa: ANN001
    process = writer(snapshot=False)
    with pytest.raises(StoreBusy) as busy:
        Store(tmp_path / "s.duckdb", lock_wait=0.3)
    message = str(busy.value)
    assert f"a run is in progress (pid {process.pid}" in message and "\n" not in message


@pytest.mark.slow  # a writer in a subprocess
def test_readers_read_the_snapshot_during_a_run(tmp_path: Path, writer) -> None:  # noqa: ANN001
    writer(snapshot=True)
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.counts()["articles"] == 1
        assert store.snapshot_note is not None and "a run is in progress" in store.snapshot_note


@pytest.mark.slow  # a writer in a subprocess
def test_a_reader_without_a_snapshot_is_told_why(tmp_path: Path, writer) -> None:  # noqa: ANN001
    writer(snapshot=False)
    with pytest.raises(StoreBusy, match="a run is in progress .* no snapshot of it is ready yet"):
        Store(tmp_path / "s.duckdb", read_only=True)


def test_the_lock_and_snapshot_go_when_the_writer_closes(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.snapshot(force=True)
        assert Path(f"{db}.snapshot").exists()
    assert not Path(f"{db}.snapshot").exists()
    with Store(db, lock_wait=0) as again:  # the lock is free again at once
        assert again.counts()["articles"] == 0


@pytest.mark.slow  # a writer in a subprocess
def test_a_killed_writer_leaves_no_lock_behind(tmp_path: Path) -> None:
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path / "s.duckdb"), "none"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    process.kill()
    process.wait(timeout=30)
    with Store(tmp_path / "s.duckdb", lock_wait=0) as store:
        assert store.counts()["articles"] == 1


@pytest.mark.slow  # a writer in a subprocess
def test_a_full_disk_is_reported_as_such_not_as_a_failed_rollback(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes every write past the limit fail like a full disk does (EFBIG instead of ENOSPC)."""
    script = textwrap.dedent("""
        import resource, signal, sys
        from sorot.schema import Article, RawDoc, article_id
        from sorot.store import Store, StoreError, raw_hash
        store = Store(sys.argv[1])
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2_000_000, 2_000_000))
        try:
            for n in range(400):
                body = f"Laporan ke-{n} tentang perundingan dagang kedua negara. " * 200
                raw = RawDoc(f"{n}.txt", body, "text", location=f"/data/{n}.txt")
                store.save_batch([(Article(source=raw.source, text=body, id=article_id(body, raw.source),
                                           raw=raw), raw_hash(raw))])
        except StoreError as error:
            print("StoreError:", error)
    """)
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "s.duckdb")], capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.stdout.startswith("StoreError: cannot write to"), result.stdout + result.stderr
    assert "File too large" in result.stdout and "rollback" not in result.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes whatever the permissions")
def test_a_database_in_a_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="Permission denied"):
            Store(folder / "s.duckdb")
    finally:
        folder.chmod(0o755)


def test_an_article_saved_by_one_writer_is_read_by_the_next(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    body = "Delegasi kedua negara menandatangani nota kesepahaman di Tokyo."
    raw = RawDoc("b.txt", body, "text", location="/data/b.txt")
    with Store(db) as store:
        store.save_batch([(Article(source="b.txt", text=body, id=article_id(body, "b.txt"), raw=raw),
                           raw_hash(raw))])
    with Store(db, read_only=True) as store:
        assert [a.text for a in store.read_articles()] == [body] and store.snapshot_note is None


def test_the_lock_wait_is_read_when_a_store_opens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SOROT_LOCK_WAIT as it is when a writer opens the store, not when sorot was imported: a second writer in
    this process gives up after what it says now."""
    monkeypatch.delenv(LOCK_WAIT_ENV, raising=False)
    assert lock_wait() == DEFAULT_LOCK_WAIT
    monkeypatch.setenv(LOCK_WAIT_ENV, "0.25")
    assert lock_wait() == 0.25
    db = tmp_path / "s.duckdb"
    first = WriterLock(db)
    first.acquire(0)
    try:
        monkeypatch.setenv(LOCK_WAIT_ENV, "0")
        with pytest.raises(StoreBusy):
            Store(db)
    finally:
        first.release()
    Store(db).close()


@pytest.mark.parametrize("value", ["lima", "-1", "inf", "nan"])
def test_a_lock_wait_that_is_no_number_of_seconds_is_one_line(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LOCK_WAIT_ENV, value)
    with pytest.raises(StoreError, match=rf"^SOROT_LOCK_WAIT='{value}': not a number of seconds \(0 or more\)$"):
        lock_wait()
