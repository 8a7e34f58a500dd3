"""Suite-wide test settings: tests that read ../shared, and spaCy's blank Indonesian pipeline built once.

sorot's own pipeline needs no fixture: `sorot.nlp.get_nlp()` loads it once per process.

A test that needs files of ../shared (real pages, gold, training data) carries
`@pytest.mark.needs_shared("corpus/html", ...)`, paths relative to ../shared. On a developer's machine
without them the test is skipped with the missing path; in CI (CI=true) a missing path is a failure,
so that a CI run cannot pass by skipping the tests on real data.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

SHARED = Path(__file__).resolve().parents[2] / "shared"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "needs_shared(*paths): reads these paths under ../shared; skipped when missing, failed in CI")


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in item.iter_markers("needs_shared"):
        missing = [path for path in marker.args if not (SHARED / path).exists()]
        if missing:
            message = f"../shared/{missing[0]} is missing"
            if in_ci():
                pytest.fail(f"{message} (CI=true: tests on real data must run)", pytrace=False)
            pytest.skip(message)


@pytest.fixture(scope="session")
def blank_indonesian() -> Language:
    """spaCy's blank Indonesian pipeline (its tokenizer alone), built once: each build takes seconds."""
    import spacy  # imported here, so that tests without spaCy start without it

    return spacy.blank("id")

