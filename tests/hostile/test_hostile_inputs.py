"""`sorot run` against hostile input, each case built on the fly and run in a process of its own with a
wall-clock limit and a memory limit (RLIMIT_AS): no crash, no hang, no memory blow-up, nothing stored lost, and
a precise reason for every rejection. The process is forked from one that imported the CLI once (the
`forked_cli` fixture, tests/forked_cli.py), so that a case pays no Python start; the one case about a file
name through a real argv runs `python -m sorot.cli` itself. Cases that need no limit and no process of their
own (bad bytes in a file, a missing input, JSON nested too deeply, a second writer and a reader beside a run
in another process) run the same command in this process (tests/helpers.sorot_here)."""

from __future__ import annotations

import gzip
import json
import os
import resource
import signal
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers import ForkedCli, sorot_here

from sorot.runner import run_paths
from sorot.store import Store

MEMORY_LIMIT = 3_500 * 2**20   # address space: DuckDB and the models reserve ~2.8 GB of it at start
# cleaning only: fast, and enough for what ingest and the store do (an option, not SOROT_STAGES="": click reads
# an empty environment variable as unset, which would run every stage)
CLEAN_ONLY = ("--stages", "")

# Sentences written for these tests.
STORY = ("Jakarta - Menteri Luar Negeri Indonesia menerima kunjungan duta besar Korea Selatan di Jakarta.\n\n"
         "Keduanya membahas “kerja sama maritim” dan perdagangan — termasuk investasi di bidang energi.\n")
OTHER = ("Seoul - Pemerintah Korea Selatan mengumumkan bantuan kemanusiaan untuk korban banjir di Pakistan.\n\n"
         "Bantuan itu dikirim melalui lembaga internasional pekan depan.\n")


def _limits(memory: int | None, file_size: int | None = None):  # noqa: ANN202 (a preexec function)
    def apply() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if file_size:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
    return apply


def sorot(*args: object, timeout: float = 90, env: dict[str, str] | None = None, memory: int | None = MEMORY_LIMIT,
          file_size: int | None = None) -> subprocess.CompletedProcess:
    """The CLI in a subprocess (python -m sorot.cli) under a wall-clock limit and a memory limit."""
    environment = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "sorot.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=environment, preexec_fn=_limits(memory, file_size), check=False)


Command = Callable[..., subprocess.CompletedProcess]


@pytest.fixture
def sorot_alone(forked_cli: ForkedCli) -> Command:
    """`sorot ARGS` in a process of its own under a wall-clock limit and the memory limit (unless given), as
    `sorot` above runs it, but forked from a process that has the CLI imported."""
    def run(*args: object, timeout: float = 90, memory: int | None = MEMORY_LIMIT,
            file_size: int | None = None) -> subprocess.CompletedProcess:
        return forked_cli(*args, timeout=timeout, memory=memory, file_size=file_size)
    return run


def _rows(db: Path, sql: str) -> list[dict]:
    with Store(db, read_only=True) as store:
        return store.query(sql)


def _rejected(db: Path) -> dict[str, tuple[str, str]]:
    return {r["source"]: (r["reason"], r["detail"]) for r in _rows(db, "SELECT * FROM rejected")}


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    """A database that already holds one article, which no hostile run may lose."""
    first = tmp_path / "awal"
    first.mkdir()
    (first / "awal.txt").write_text(OTHER, encoding="utf-8")
    db = tmp_path / "t.duckdb"
    assert run_paths([first], db=db, stages="").stored == 1
    return db


def _kept(db: Path) -> None:
    assert "awal.txt" in {r["source"] for r in _rows(db, "SELECT source FROM articles")}


def test_a_file_name_that_is_not_utf8_is_stored_and_skipped_on_the_next_run(tmp_path: Path, stored: Path) -> None:
    folder = tmp_path / os.fsdecode(b"masuk-\xe9")
    folder.mkdir()
    (folder / os.fsdecode(b"laporan-\xff\xfe.txt")).write_text(STORY, encoding="utf-8")
    # the first run in a process of its own (the name through a real argv and a real stdout), the second,
    # which only has to find the file already stored, in this one
    for run in (sorot, sorot_here):
        result = run("run", folder, "--db", stored, *CLEAN_ONLY)
        assert result.returncode == 0, result.stderr
    result = sorot_here("run", folder / os.fsdecode(b"hilang-\xff.txt"), "--db", stored)
    assert result.returncode == 1 and "hilang-\\xff.txt" in result.stderr
    rows = _rows(stored, "SELECT source, location FROM articles WHERE source LIKE 'laporan%'")
    assert [r["source"] for r in rows] == ["laporan-\\xff\\xfe.txt"]
    assert _rows(stored, "SELECT unchanged FROM runs ORDER BY started DESC LIMIT 1") == [{"unchanged": 1}]
    _kept(stored)


def test_a_stray_byte_keeps_the_rest_utf8_and_is_a_warning(tmp_path: Path, stored: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "rusak.txt").write_bytes(STORY.encode().replace(b"Keduanya", b"Kedua\x92nya"))
    feed = [json.dumps({"text": STORY, "url": "https://contoh.id/1"}, ensure_ascii=False).encode(),
            json.dumps({"text": OTHER, "url": "https://contoh.id/2"}).encode().replace(b"lembaga", b"lemb\xc0aga")]
    (folder / "feed.jsonl").write_bytes(b"\n".join(feed))
    result = sorot_here("run", folder, "--db", stored, *CLEAN_ONLY)
    assert result.returncode == 0, result.stderr
    rows = {r["source"]: r for r in _rows(stored, "SELECT source, text, encoding, warnings FROM articles")}
    assert "“kerja sama maritim”" in rows["rusak.txt"]["text"] and "\ufffd" in rows["rusak.txt"]["text"]
    assert rows["rusak.txt"]["encoding"] == "utf-8" and "U+FFFD" in rows["rusak.txt"]["warnings"][0]
    assert rows["https://contoh.id/1"]["warnings"] == [] and "“kerja sama maritim”" in rows["https://contoh.id/1"]["text"]
    assert rows["https://contoh.id/2"]["encoding"] == "utf-8" and rows["https://contoh.id/2"]["warnings"]
    _kept(stored)


def test_devices_fifos_and_links_to_them_are_refused_without_hanging(tmp_path: Path, stored: Path,
                                                                    sorot_alone: Command) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nol.txt").symlink_to("/dev/zero")
    (folder / "acak.html").symlink_to("/dev/urandom")
    os.mkfifo(folder / "pipa.jsonl")
    (folder / "baik.txt").write_text(STORY, encoding="utf-8")
    (folder / "putar").symlink_to(folder)
    result = sorot_alone("run", folder, "--db", stored, *CLEAN_ONLY, timeout=60)
    assert result.returncode == 0, result.stderr
    rejected = _rejected(stored)
    assert rejected["nol.txt"] == ("not a regular file", "a character device (nol.txt links to /dev/zero)")
    assert rejected["acak.html"][0] == "not a regular file"
    assert rejected["pipa.jsonl"] == ("not a regular file", "a FIFO (named pipe)")
    assert rejected["putar"][0] == "unreadable: directory loop"
    _kept(stored)


def _huge_warc_gz(path: Path, body_bytes: int) -> None:
    """One WARC response record whose HTML body is `body_bytes` long (streamed: the test holds 16 MB at most),
    then a small good record. The record is one gzip member written by hand: a block of the body is compressed
    once, after a full flush (so it refers to no earlier bytes), and repeated; only the CRC reads every byte."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % body_bytes
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://contoh.id/besar\r\n"
            b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
            b"WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            b"Content-Length: %d\r\n\r\n" % (len(http) + body_bytes))
    chunk = b"<p>isi</p>" * (16 * 2**20 // 10)
    block = zlib.compressobj(1, zlib.DEFLATED, -15)
    packed_chunk = block.compress(chunk) + block.flush(zlib.Z_FULL_FLUSH)
    deflate = zlib.compressobj(1, zlib.DEFLATED, -15)      # raw deflate: the gzip header and trailer are ours
    with path.open("wb") as out:
        out.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff")   # gzip, deflate, no flags, no time
        out.write(deflate.compress(head + http) + deflate.flush(zlib.Z_FULL_FLUSH))
        crc, left = zlib.crc32(head + http), body_bytes
        while left >= len(chunk):
            out.write(packed_chunk)
            crc, left = zlib.crc32(chunk, crc), left - len(chunk)
        tail = chunk[:left] + b"\r\n\r\n"
        out.write(deflate.compress(tail) + deflate.flush())
        crc = zlib.crc32(tail, crc)
        out.write(struct.pack("<II", crc, (len(head + http) + body_bytes + 4) & 0xFFFFFFFF))
        small = f"<html><body><article><p>{STORY}</p></article></body></html>".encode()
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + small
        record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://contoh.id/kecil\r\n"
                  b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000002>\r\n"
                  b"WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
                  b"Content-Length: %d\r\n\r\n" % len(http)) + http + b"\r\n\r\n"
        out.write(gzip.compress(record))


def test_a_small_warc_gz_holding_a_huge_record_is_read_within_the_limit(tmp_path: Path, stored: Path,
                                                                       sorot_alone: Command) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _huge_warc_gz(folder / "arsip.warc.gz", 640 * 2**20)
    assert (folder / "arsip.warc.gz").stat().st_size < 20 * 2**20
    result = sorot_alone("run", folder, "--db", stored, "--limit-mb", "5", *CLEAN_ONLY, timeout=120)
    assert result.returncode == 0, result.stderr
    assert _rejected(stored)["https://contoh.id/besar"][0] == "too large"
    assert "https://contoh.id/kecil" in {r["source"] for r in _rows(stored, "SELECT source FROM articles")}
    _kept(stored)


def test_a_gzip_bomb_and_cut_archives_are_rejected_one_by_one(tmp_path: Path, stored: Path,
                                                              sorot_alone: Command) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with gzip.open(folder / "bom.txt.gz", "wb", compresslevel=1) as bomb:
        for _ in range(4):
            bomb.write(b"kata " * (2 * 2**20))   # 40 MB of text, 20 times the limit, from a file of ~220 KB
    packed = gzip.compress(STORY.encode())
    (folder / "potong.txt.gz").write_bytes(packed[: len(packed) // 2])
    (folder / "bukan.html.gz").write_bytes(b"ini bukan gzip sama sekali")
    (folder / "utuh.txt").write_text(STORY, encoding="utf-8")
    result = sorot_alone("run", folder, "--db", stored, "--limit-mb", "2", *CLEAN_ONLY, timeout=90)
    assert result.returncode == 0, result.stderr
    rejected = _rejected(stored)
    assert rejected["bom.txt.gz"][0] == "too large" and "decompressed" in rejected["bom.txt.gz"][1]
    assert rejected["potong.txt.gz"][0] == "broken gzip" and "cut short" in rejected["potong.txt.gz"][1]
    assert rejected["bukan.html.gz"][0] == "broken gzip"
    assert "utuh.txt" in {r["source"] for r in _rows(stored, "SELECT source FROM articles")}
    _kept(stored)


def test_hostile_json_lines_are_rejected_alone(tmp_path: Path, stored: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [json.dumps({"text": STORY, "url": "https://contoh.id/baik"}),
             "[" * 200_000 + "]" * 200_000,          # nested past the parser's recursion limit
             '{"text": "kalimat \\ud800 tanpa pasangan di Jakarta pada hari Senin.", "url": "https://contoh.id/s"}',
             '"hanya string"', '{"text": 42}', "{" * 10, "\x00\x01"]
    (folder / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    # in this process: a line nested past the parser's recursion limit needs no limit of its own
    result = sorot_here("run", folder, "--db", stored, *CLEAN_ONLY)
    assert result.returncode == 0, result.stderr
    rejected = _rejected(stored)
    assert rejected["feed.jsonl#2"] == ("broken JSON line", "nested too deeply")
    assert rejected["feed.jsonl#4"] == ("broken JSON line", "the line is not a JSON object")
    assert rejected["feed.jsonl#5"][0] == "no article text"
    assert rejected["feed.jsonl#6"][0] == "broken JSON line"
    stored_texts = {r["source"]: r["text"] for r in _rows(stored, "SELECT source, text FROM articles")}
    assert "https://contoh.id/baik" in stored_texts and "\ufffd" in stored_texts["https://contoh.id/s"]
    _kept(stored)


def test_a_long_document_is_stopped_by_its_time_budget_and_the_run_goes_on(tmp_path: Path, stored: Path,
                                                                          sorot_alone: Command) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    # ~3.6 MB, under the size limit: cleaning alone takes several seconds on it (~4 s here, its cost grows
    # with the length), so it runs well past the 1 s budget also on a fast machine; cleaning is the only
    # stage run, as no model is needed to show the budget stop one document and not the run
    (folder / "panjang.txt").write_text(STORY * 20_000, encoding="utf-8")
    (folder / "pendek.txt").write_text(STORY, encoding="utf-8")
    result = sorot_alone("run", folder, "--db", stored, "--doc-timeout", "1", *CLEAN_ONLY, timeout=180)
    assert result.returncode == 0, result.stderr
    reason, detail = _rejected(stored)["panjang.txt"]
    assert reason == "too slow" and "1 s time budget" in detail
    assert "pendek.txt" in {r["source"] for r in _rows(stored, "SELECT source FROM articles")}
    _kept(stored)


def test_a_second_run_and_readers_during_a_run(tmp_path: Path, stored: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    # a few documents: the gate below holds the first one, so the run is in progress however many there are
    for n in range(3):
        (folder / f"berita_{n:02d}.txt").write_text(STORY.replace("Korea Selatan", f"negara ke-{n}"),
                                                   encoding="utf-8")
    # the first run holds every document until the test opens the gate: it is surely running (and holding
    # the lock) while the second run and the reader start, however slowly they start on a busy machine
    gate = tmp_path / "gate"
    held = ("import os, sys, time; import sorot.pipeline as p; real = p.clean\n"
            f"def held(raw):\n    end = time.monotonic() + 120\n"
            f"    while not os.path.exists({str(gate)!r}) and time.monotonic() < end:\n        time.sleep(0.02)\n"
            "    return real(raw)\n"
            "p.clean = held\nfrom sorot.cli import app\nsys.argv[0] = 'sorot'\n"
            "print('started', flush=True)\napp()\n")
    first = subprocess.Popen([sys.executable, "-c", held, "run", str(folder), "--db", str(stored), "-q", *CLEAN_ONLY],
                             env={**os.environ, "SOROT_LOCK_WAIT": "0"}, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert first.stdout is not None and first.stdout.readline().strip() == "started"
        while not Path(f"{stored}.snapshot").exists():
            assert first.poll() is None, first.communicate()
            time.sleep(0.02)
        # the second writer and the reader in this process: the run holding the lock is another process
        second = sorot_here("run", folder, "--db", stored, *CLEAN_ONLY, env={"SOROT_LOCK_WAIT": "0.5"})
        assert second.returncode == 1 and "a run is in progress (pid" in second.stderr
        assert second.stderr.count("\n") == 1, second.stderr
        stats = sorot_here("stats", "--db", stored)
        assert stats.returncode == 0, stats.stderr
        assert "note:" in stats.stderr and "showing what it had stored" in stats.stderr
        assert "articles" in stats.stdout
        assert first.poll() is None, "the first run ended before the gate opened"
    finally:
        gate.touch()
        first.communicate(timeout=120)
    assert first.returncode == 0
    assert len(_rows(stored, "SELECT id FROM articles")) == 1 + 3


def test_a_full_disk_is_one_line_and_keeps_what_was_committed(tmp_path: Path, stored: Path,
                                                              sorot_alone: Command) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(60):
        (folder / f"b{n:02d}.txt").write_text((STORY + f"Catatan ke-{n}.\n") * 60, encoding="utf-8")
    size = stored.stat().st_size + 600_000
    result = sorot_alone("run", folder, "--db", stored, "-q", *CLEAN_ONLY, file_size=size)
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot write to") and "File too large" in result.stderr
    assert "rollback" not in result.stderr and "Traceback" not in result.stderr
    _kept(stored)
    result = sorot_alone("export", "--db", stored, "-o", tmp_path / "out.jsonl", memory=None, file_size=200)
    assert result.returncode == 1 and result.stderr == f"error: cannot write {tmp_path / 'out.jsonl'}: File too large\n"


def test_a_missing_input_and_a_database_in_an_unwritable_place(tmp_path: Path) -> None:
    result = sorot_here("run", tmp_path / "hilang.txt", "--db", tmp_path / "t.duckdb")
    assert result.returncode == 1 and result.stderr.strip().startswith("error: no such file or directory")
    assert not (tmp_path / "t.duckdb").exists()
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    result = sorot_here("run", tmp_path / "a.txt", "--db", "/proc/sorot/t.duckdb", *CLEAN_ONLY)
    assert result.returncode == 1 and result.stderr.startswith("error: cannot create the folder")
    assert result.stderr.count("\n") == 1
