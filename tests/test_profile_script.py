"""scripts/profile_pipeline.py (make profile): the per-stage table and the function tables it writes."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from tests.helpers import write_pages

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "profile_pipeline.py"
PAGES = {
    "a.txt": "Jakarta - Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Jepang di Tokyo pada Senin.\n\n"
             "Keduanya membahas kerja sama perdagangan dan keamanan kawasan.\n",
    "b.txt": "Presiden Prancis mengunjungi Kairo untuk membicarakan gencatan senjata dengan Mesir.\n\n"
             "Kunjungan itu berlangsung dua hari, kata juru bicara istana.\n",
    "c.html": "<html><head><title>Kabar dunia</title></head><body><article><p>Perdana Menteri Australia "
              "menerima delegasi dagang dari Vietnam di Canberra pada Rabu.</p><p>Mereka menandatangani nota "
              "kesepahaman tentang pertanian.</p></article></body></html>",
}


@pytest.fixture(scope="module")
def profile_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("profile_pipeline", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


def test_the_report_has_every_stage_and_both_function_tables(profile_script: ModuleType, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    pages = write_pages(tmp_path / "pages", PAGES)
    (pages / "README.md").write_text("not a page", encoding="utf-8")
    output = tmp_path / "out" / "profile.txt"

    assert profile_script.main(["--pages", str(pages), "--output", str(output), "--top", "5"]) == 0

    report = output.read_text(encoding="utf-8")
    printed = capsys.readouterr().out
    for stage in ("clean", "meta", "nlp", "link", "quotes", "events", "total"):
        assert re.search(rf"^{stage}\s+\d+\.\d\d\s+\d+(\.\d)?%$", report, re.M), stage
        assert re.search(rf"^{stage}\s", printed, re.M), stage
    assert "3 pages of" in report and "3 articles" in report      # the README is no page
    assert "top 5 functions by cumulative time" in report and "top 5 functions by own time" in report
    function_rows = re.findall(r"^\s+\d+\s+\d+\.\d{3}\s+\d+\.\d{3}\s+\S", report, re.M)
    assert len(function_rows) == 10
    assert "sorot/" in report and str(SCRIPT.parents[1] / "src") not in report   # paths from the package on


def test_a_missing_folder_is_a_one_line_error(profile_script: ModuleType, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert profile_script.main(["--pages", str(tmp_path / "nowhere"), "--output", str(tmp_path / "p.txt")]) == 2
    assert capsys.readouterr().err.startswith("error: no folder of pages at ")
    assert not (tmp_path / "p.txt").exists()
