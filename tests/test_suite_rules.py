"""The suite's own rule: a test on ../shared data is skipped on a machine without it, and fails in CI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test runs a pytest session in a subprocess
CONFTEST = Path(__file__).with_name("conftest.py")
NEEDS_MISSING_DATA = '''
import pytest

@pytest.mark.needs_shared("corpus/pages-that-are-not-there")
def test_on_real_pages():
    assert True

def test_without_shared_data():
    assert True
'''


def _run_suite(folder: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci is not None:
        env["CI"] = ci
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", str(folder)],
                            capture_output=True, text=True, env=env, timeout=120, check=False, cwd=folder)
    return result


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    """A copy of the suite's conftest with one test on a ../shared path that does not exist."""
    folder = tmp_path / "suite" / "tests"
    folder.mkdir(parents=True)
    shutil.copy(CONFTEST, folder / "conftest.py")
    (folder / "test_data.py").write_text(NEEDS_MISSING_DATA, encoding="utf-8")
    return folder


@pytest.mark.parametrize("ci", [None, "false"])
def test_missing_shared_data_is_a_skip_on_a_developer_machine(suite: Path, ci: str | None) -> None:
    result = _run_suite(suite, ci=ci)
    assert result.returncode == 0
    assert "1 passed, 1 skipped" in result.stdout
    assert "corpus/pages-that-are-not-there is missing" in result.stdout


@pytest.mark.parametrize("ci", ["true", "1"])
def test_missing_shared_data_is_a_failure_in_ci(suite: Path, ci: str) -> None:
    result = _run_suite(suite, ci=ci)
    assert result.returncode != 0
    assert "1 passed, 1 error" in result.stdout      # the error is raised in the test's setup
    assert "corpus/pages-that-are-not-there is missing (CI=true" in result.stdout
