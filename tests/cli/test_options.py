"""Every bad option value is one line on stderr and a non-zero exit; run accounting agrees with the store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.helpers import write_pages
from typer.testing import CliRunner

from sorot import __version__
from sorot.cli import app
from sorot.runner import run_paths
from sorot.store import Store

runner = CliRunner()
TEXTS = {
    "satu.txt": "Jakarta - Menteri Luar Negeri bertemu duta besar Jepang untuk membahas kerja sama dagang.\n\n"
                "Pertemuan itu berlangsung di Gedung Pancasila pada Senin pagi.\n",
    "dua.txt": "Tokyo - Perdana Menteri Jepang menerima delegasi parlemen dari Indonesia di kantornya.\n\n"
               "Kedua pihak membicarakan investasi di bidang energi terbarukan.\n",
}


def _corpus(folder: Path) -> Path:
    return write_pages(folder, TEXTS)


def _error(*args: object) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output.strip()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of TEXTS, made once for the module: the tests only read it."""
    folder = tmp_path_factory.mktemp("options")
    path = folder / "t.duckdb"
    result = runner.invoke(app, ["run", str(_corpus(folder / "in")), "--db", str(path), "--stages", "", "-q"])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize(("args", "option"), [
    (["events", "--since", "2023-13-45"], "--since"),
    (["events", "--until", "2024-02-30"], "--until"),
    (["events", "--since", "kemarin"], "--since"),
    (["events", "--type", "FOO"], "--type"),
    (["events", "--status", "rumoured"], "--status"),
    (["events", "--limit", "-1"], "--limit"),
    (["events", "--limit", "0"], "--limit"),
    (["events", "--limit", "banyak"], "--limit"),
    (["export", "--format", "xml"], "--format"),
])
def test_bad_values_of_read_commands(db: Path, args: list[str], option: str) -> None:
    code, output = _error(*args, "--db", db)
    assert code == 2 and output.startswith("error:") and option in output and "\n" not in output


@pytest.mark.parametrize(("args", "option"), [
    (["--workers", "0"], "--workers"),
    (["--workers", "-3"], "--workers"),
    (["--limit-mb", "0"], "--limit-mb"),
    (["--limit-mb", "nan"], "--limit-mb"),
    (["--limit-mb", "-1"], "--limit-mb"),
    (["--limit-mb", "inf"], "--limit-mb"),
    (["--doc-timeout", "-1"], "--doc-timeout"),
    (["--doc-timeout", "nan"], "--doc-timeout"),
])
def test_bad_values_of_run(tmp_path: Path, args: list[str], option: str) -> None:
    corpus = _corpus(tmp_path / "in")
    code, output = _error("run", corpus, "--db", tmp_path / "t.duckdb", *args)
    assert code == 2 and output.startswith("error:") and option in output and "\n" not in output
    assert not (tmp_path / "t.duckdb").exists()


def test_a_missing_input_is_an_error_and_creates_no_database(tmp_path: Path) -> None:
    code, output = _error("run", tmp_path / "tidak-ada.txt", "--db", tmp_path / "t.duckdb")
    assert code == 1 and output == f"error: no such file or directory: {tmp_path / 'tidak-ada.txt'}"
    assert not (tmp_path / "t.duckdb").exists()


def test_export_to_a_directory_and_a_database_that_is_a_directory(db: Path, tmp_path: Path) -> None:
    code, output = _error("export", "--db", db, "-o", tmp_path)
    assert code == 2 and "is a directory" in output and "\n" not in output
    code, output = _error("run", _corpus(tmp_path / "in"), "--db", tmp_path)
    assert code == 2 and "is a directory" in output and "\n" not in output
    code, output = _error("stats", "--db", tmp_path)
    assert code == 2 and "is a directory" in output


def test_version() -> None:
    code, output = _error("--version")
    assert code == 0 and output == f"sorot {__version__}"


def test_the_summary_and_stats_count_what_is_stored(tmp_path: Path) -> None:
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "t.duckdb"
    (corpus / "kosong.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "alias").symlink_to(corpus)
    result = runner.invoke(app, ["run", str(corpus), str(tmp_path / "alias"), str(corpus / "satu.txt"),
                                 "--db", str(db), "--stages", ""])
    assert result.exit_code == 0, result.output
    summary = dict(re.findall(r"│ ([a-z][^│]*?)\s+│ (\d+)\s+│", result.output))
    assert summary["articles stored (new)"] == "2" and summary["articles in the store"] == "2"
    assert summary["rejected (inputs, lines or records)"] == "1"
    stats = runner.invoke(app, ["stats", "--db", str(db)]).output
    assert "last run: stored 2, updated 0, unchanged 0, rejected 1" in stats
    assert re.search(r"│ articles\s+│\s+2 │", stats)


def test_a_run_from_python_gives_exact_counts(tmp_path: Path) -> None:
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "t.duckdb"
    first = run_paths([corpus], db=db, stages="")
    assert (first.stored, first.updated, first.unchanged, len(first.rejected)) == (2, 0, 0, 0)
    (corpus / "satu.txt").write_text(TEXTS["satu.txt"].replace("Senin", "Selasa"), encoding="utf-8")
    again = run_paths([corpus, tmp_path / "in" / "." / "dua.txt"], db=db, stages="")
    assert (again.stored, again.updated, again.unchanged, len(again.rejected)) == (0, 1, 1, 0)
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 2
