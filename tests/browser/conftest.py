"""A live `sorot serve` on the example store, and Debian's Chromium driven by Playwright.

Playwright's own browser download is not used (`playwright install` is never run): the tests launch the
system's /usr/bin/chromium (`apt-get install chromium`; .ci/run installs it). Without it, or without the
playwright package, the tests skip with a message; in CI (CI=true) that is a failure."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from browser_page import Watched  # noqa: E402

CHROMIUM = Path(os.environ.get("SOROT_CHROMIUM", "/usr/bin/chromium"))


def missing_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]' installs it)"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, as root)"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def server(example_db: Path) -> Iterator[str]:
    """The base URL of a server on the example store, run in a thread of the test process."""
    import uvicorn

    from sorot.api import ServeOptions, create_app

    db = example_db
    port = free_port()
    config = uvicorn.Config(create_app(ServeOptions(db=db)), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = missing_browser()
    if reason:
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def watched(browser: Any, server: str) -> Iterator[Watched]:
    """A fresh 1366x768 page; after the test, no console error and no request beyond 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(15_000)
    watcher = Watched(page, server)
    yield watcher
    context.close()
    assert watcher.errors == [], f"console errors: {watcher.errors}"
    assert watcher.foreign == [], f"requests to other hosts: {watcher.foreign}"
