"""The suite's own rule: a test on ../shared data is skipped on a machine without it, and fails in CI.

Each test runs a small pytest session in this process (pytest's `pytester`): the suite's real conftest with
one test on a ../shared path that does not exist."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CONFTEST = Path(__file__).with_name("conftest.py")
NEEDS_MISSING_DATA = '''
import pytest

@pytest.mark.needs_shared("corpus/pages-that-are-not-there")
def test_on_real_pages():
    assert True

def test_without_shared_data():
    assert True
'''


@pytest.fixture
def suite(pytester: pytest.Pytester) -> Path:
    """A copy of the suite's conftest with one test on a ../shared path that does not exist."""
    folder = pytester.mkdir("tests")
    (folder / "conftest.py").write_text(CONFTEST.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "test_data.py").write_text(NEEDS_MISSING_DATA, encoding="utf-8")
    return folder


def _run_suite(pytester: pytest.Pytester, folder: Path, monkeypatch: pytest.MonkeyPatch,
               ci: str | None) -> pytest.RunResult:
    """The inner session with CI as given. It loads no installed plugin (hypothesis, anyio, xdist: the rule
    needs none, and each would be imported again for every session), and imports its modules by path
    (--import-mode=importlib), since this session has already imported a module named conftest."""
    monkeypatch.delenv("CI", raising=False)
    if ci is not None:
        monkeypatch.setenv("CI", ci)
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    return pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider", "-rs", "--import-mode=importlib",
                                        str(folder))


@pytest.mark.parametrize("ci", [None, "false"])
def test_missing_shared_data_is_a_skip_on_a_developer_machine(pytester: pytest.Pytester, suite: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                ci: str | None) -> None:
    result = _run_suite(pytester, suite, monkeypatch, ci=ci)
    assert result.ret == 0
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*corpus/pages-that-are-not-there is missing*"])


@pytest.mark.parametrize("ci", ["true", "1"])
def test_missing_shared_data_is_a_failure_in_ci(pytester: pytest.Pytester, suite: Path,
                                                monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    result = _run_suite(pytester, suite, monkeypatch, ci=ci)
    assert result.ret != 0
    result.assert_outcomes(passed=1, errors=1)      # the error is raised in the test's setup
    result.stdout.fnmatch_lines(["*corpus/pages-that-are-not-there is missing (CI=true*"])


def test_the_modules_started_first_exist() -> None:
    """START_FIRST names test modules by path: a module renamed or removed must leave the list too."""
    from tests.conftest import START_FIRST, TESTS

    missing = [module for module in START_FIRST if not (TESTS / module).is_file()]
    assert missing == [], f"START_FIRST names modules that are not there: {missing}"
