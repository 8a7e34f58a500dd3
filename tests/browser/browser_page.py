"""A Playwright page that collects what the browser tests must never see."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlparse


class Watched:
    """A page whose console errors, page errors and requests to other hosts are collected."""

    def __init__(self, page: Any, base: str) -> None:
        self.page, self.base = page, base
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.in_flight: set[Any] = set()   # requests sent and not yet answered (or failed)
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", self._request)
        page.on("requestfinished", self._answered)
        page.on("requestfailed", self._answered)

    def _request(self, request: Any) -> None:
        self.in_flight.add(request)
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:")):
            return
        if host != "127.0.0.1":
            self.foreign.append(request.url)

    def _answered(self, request: Any) -> None:
        self.in_flight.discard(request)

    def open(self, path: str) -> Any:
        """Go to `path` and wait until the page has loaded and every request it made has been answered (what
        Playwright's "networkidle" waits for, without its half second of quiet after the last one: the
        dashboard's pages start no request later on their own)."""
        self.page.goto(self.base + path)   # returns once the load event has fired
        deadline = time.monotonic() + 15
        while self.in_flight:
            assert time.monotonic() < deadline, f"requests still unanswered: {[r.url for r in self.in_flight]}"
            self.page.wait_for_timeout(10)   # lets Playwright deliver the events of the answers
        return self.page
