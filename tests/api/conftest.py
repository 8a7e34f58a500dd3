from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sorot.api import ServeOptions, create_app


@pytest.fixture(scope="session")
def store(example_db: Path) -> Path:
    """The session's example store (tests/conftest.py; read by every test, never written)."""
    return example_db


@pytest.fixture(scope="session")
def client(store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeOptions(db=store))) as test_client:
        yield test_client


@pytest.fixture
def store_copy(store: Path, tmp_path: Path) -> Path:
    """A private copy of the example store, for tests that write to it."""
    target = tmp_path / "copy.duckdb"
    shutil.copyfile(store, target)
    return target
