"""One store built from examples/ with the real pipeline (`sorot run`), shared by the API and browser tests.

Both test folders call `example_store(tmp_path_factory)`; the store is made once per test session in the
session's temporary folder and copied for tests that change it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def example_store(factory: pytest.TempPathFactory) -> Path:
    """The path of the session's example store (built on first use)."""
    db = factory.getbasetemp() / "example-store" / "sorot.duckdb"
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        result = subprocess.run([sys.executable, "-m", "sorot.cli", "run", str(ROOT / "examples"), "--db", str(db),
                                 "--quiet"], capture_output=True, text=True, timeout=600)
        if result.returncode != 0 or not db.exists():
            pytest.fail(f"sorot run on examples/ failed: {result.stderr[-2000:]}")
    return db
