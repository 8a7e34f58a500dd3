"""Politeness: robots.txt rules per host, and a per-host pace (the larger of our delay and Crawl-delay).

Time goes through a Clock so that tests can run a crawl with a one-second delay without waiting for it:
a fake clock records the sleeps and moves its own time forward instead.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """Real time."""

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


@dataclass
class FakeClock:
    """Time that only moves when someone sleeps (for tests and benchmarks of the fetcher's own cost)."""

    now: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += max(0.0, seconds)


def host_of(url: str) -> str:
    """scheme://host[:port]: the unit a robots.txt applies to (RFC 9309)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def server_of(url: str) -> str:
    """host[:port]: the unit the pace applies to (http:// and https:// of one host are one server)."""
    return urlsplit(url).netloc.lower()


@dataclass
class Robots:
    """One host's robots.txt as it applies to sorot."""

    parser: urllib.robotparser.RobotFileParser | None   # None: no rules (allow everything)
    disallow_all: bool = False                           # robots.txt unreachable (5xx): RFC 9309 says stay out
    agent: str = "sorot"

    @classmethod
    def from_text(cls, text: str, agent: str = "sorot") -> Robots:
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(text.splitlines())
        return cls(parser, agent=agent)

    def allows(self, url: str) -> bool:
        if self.disallow_all:
            return False
        return self.parser is None or self.parser.can_fetch(self.agent, url)

    def sitemaps(self) -> list[str]:
        """The Sitemap: lines of the robots.txt (they apply to every user agent)."""
        return list(self.parser.site_maps() or []) if self.parser is not None else []

    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(self.agent)
        return float(delay) if delay is not None else None


class Pacer:
    """Waits so that two requests to one host start at least `delay` seconds apart (per-host delays may be
    raised by Crawl-delay); different hosts do not wait for each other."""

    def __init__(self, clock: Clock, delay: float, max_delay: float = 60.0) -> None:
        self.clock, self.delay, self.max_delay = clock, delay, max_delay
        self.delays: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self.lock = threading.Lock()

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        if seconds is not None:
            self.delays[host] = min(self.max_delay, max(self.delay, seconds))

    def delay_for(self, host: str) -> float:
        return self.delays.get(host, self.delay)

    def wait(self, host: str) -> None:
        """Sleep until the host may be asked again, then mark the request as started now."""
        with self.lock:
            previous = self.last.get(host)
        if previous is not None:
            remaining = previous + self.delay_for(host) - self.clock.monotonic()
            if remaining > 0:
                self.clock.sleep(remaining)
        with self.lock:
            self.last[host] = self.clock.monotonic()
