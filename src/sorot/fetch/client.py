"""The HTTP client of sorot fetch (httpx): robots.txt, pace, retries, size and time limits, redirects.

One `Fetcher.get(url)` is what a polite crawler does for one URL: ask robots.txt (once per host), wait for
the host's turn, send the request with sorot's User-Agent (and If-None-Match / If-Modified-Since when the
caller knows the last version), stream the body and stop at the size limit, retry 429/5xx and timeouts a
bounded number of times with exponential back-off (Retry-After honoured), and follow redirects one hop at
a time (each hop checked against robots.txt and archived). Failures come back as a reason, never raised.
"""

from __future__ import annotations

import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import httpx

from sorot import __version__
from sorot.fetch.archive import Exchange, WarcArchive
from sorot.fetch.politeness import Clock, Pacer, Robots, SystemClock, host_of, server_of

USER_AGENT = f"sorot/{__version__} (Indonesian news research crawler; httpx/{httpx.__version__})"
AGENT_TOKEN = "sorot"                     # the name robots.txt groups are matched against
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 500 * 1024             # RFC 9309: crawlers may ignore rules past 500 KiB


@dataclass
class FetchSettings:
    delay: float = 1.0                    # seconds between two requests to one host (Crawl-delay may raise it)
    timeout: float = 20.0                 # seconds to connect, and between two reads of the response
    total_timeout: float = 60.0           # seconds for one whole response body
    retries: int = 2                      # further tries after a 429/5xx or a timeout
    backoff: float = 2.0                  # first retry waits this long, then twice as long each time
    max_retry_after: float = 120.0        # a longer Retry-After is a failure, not a wait
    max_bytes: int = 10 * 1024 * 1024     # per response (after decompression too)
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    obey_robots: bool = True


@dataclass
class Fetched:
    """The outcome of one URL: the final response (after redirects and retries) or the reason it failed."""

    url: str
    final_url: str
    status: int | None = None
    content_type: str = ""
    body: bytes = b""                     # decoded (Content-Encoding removed)
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    failure: str | None = None            # "HTTP 404", "robots.txt", "too large", "timeout", ...
    detail: str = ""
    exchanges: list[Exchange] = field(default_factory=list)   # every hop and retry, to archive

    @property
    def ok(self) -> bool:
        return self.failure is None and self.status is not None and 200 <= self.status < 300

    def header(self, name: str) -> str | None:
        return self.exchanges[-1].header(name) if self.exchanges else None


@dataclass
class RequestLog:
    """One request sent (for the progress line, tests and benchmarks)."""

    at: float                             # the clock's time when it was sent
    url: str
    status: int | None


class Fetcher:
    """Polite GETs through one httpx connection pool, shared by the worker threads."""

    def __init__(self, settings: FetchSettings | None = None, clock: Clock | None = None,
                 archive: WarcArchive | None = None, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings or FetchSettings()
        self.clock = clock or SystemClock()
        self.archive = archive
        self.pacer = Pacer(self.clock, self.settings.delay)
        self.robots: dict[str, Robots] = {}
        self.log: list[RequestLog] = []
        self._robots_lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        timeout = httpx.Timeout(self.settings.timeout)
        self.client = httpx.Client(timeout=timeout, follow_redirects=False, transport=transport,
                                   headers={"User-Agent": self.settings.user_agent,
                                            "Accept-Encoding": "gzip, deflate"})

    def close(self) -> None:
        self.client.close()

    # -- robots.txt ------------------------------------------------------------------------------------

    def robots_for(self, url: str) -> Robots:
        """The host's robots.txt, fetched (and archived) once; 4xx means no rules, 5xx or no answer means
        stay out (RFC 9309)."""
        host = host_of(url)
        with self._robots_lock:
            lock = self._host_locks.setdefault(host, threading.Lock())
        with lock:
            if host not in self.robots:
                self.robots[host] = self._load_robots(host)
                self.pacer.set_crawl_delay(server_of(url), self.robots[host].crawl_delay())
            return self.robots[host]

    def _load_robots(self, host: str) -> Robots:
        fetched = self._get(host + "/robots.txt", {}, check_robots=False, max_bytes=ROBOTS_MAX_BYTES,
                            accept="text/plain,*/*;q=0.5")
        self._archive(fetched)
        if fetched.ok:
            return Robots.from_text(fetched.body.decode("utf-8", "replace"), AGENT_TOKEN)
        if fetched.status is not None and 400 <= fetched.status < 500:
            return Robots(None)
        return Robots(None, disallow_all=True)

    # -- requests --------------------------------------------------------------------------------------

    def get(self, url: str, conditional: dict[str, str] | None = None, archive: bool = True,
            accept: str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", max_bytes: int | None = None
            ) -> Fetched:
        """GET one URL politely. With `archive=False` the caller archives `fetched.exchanges` itself;
        `max_bytes` replaces the size limit of the settings (sitemaps may be larger than pages)."""
        fetched = self._get(url, conditional or {}, check_robots=self.settings.obey_robots,
                            max_bytes=max_bytes or self.settings.max_bytes, accept=accept)
        if archive:
            self._archive(fetched)
        return fetched

    def _archive(self, fetched: Fetched) -> None:
        if self.archive is not None and fetched.exchanges:
            self.archive.write_exchanges(fetched.exchanges)

    def _get(self, url: str, conditional: dict[str, str], check_robots: bool, max_bytes: int,
             accept: str) -> Fetched:
        fetched = Fetched(url=url, final_url=url)
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            if check_robots and not self.robots_for(current).allows(current):
                fetched.failure, fetched.detail = "robots.txt", f"{current} is disallowed for {AGENT_TOKEN}"
                return fetched
            headers = {"Accept": accept, **conditional}   # the validators are those of the final response
            exchange = self._with_retries(current, headers, max_bytes, fetched)
            fetched.final_url = current
            if exchange is None:
                return fetched
            location = exchange.header("Location")
            if exchange.status in REDIRECT_STATUSES and location:
                current = urljoin(current, location.strip())
                continue
            return self._outcome(fetched, exchange, max_bytes)
        fetched.failure = "too many redirects"
        fetched.detail = f"more than {self.settings.max_redirects} redirects from {url}"
        return fetched

    def _with_retries(self, url: str, headers: dict[str, str], max_bytes: int,
                      fetched: Fetched) -> Exchange | None:
        """One exchange with bounded retries; None (and fetched.failure set) when no response came."""
        server = server_of(url)
        for attempt in range(self.settings.retries + 1):
            self.pacer.wait(server)
            exchange, error = self._exchange(url, headers, max_bytes)
            self.log.append(RequestLog(self.clock.monotonic(), url, exchange.status if exchange else None))
            if exchange is not None:
                fetched.exchanges.append(exchange)
            retry_in = self._retry_delay(attempt, exchange, error)
            if retry_in is None:
                if exchange is None:
                    fetched.failure, fetched.detail = error or ("connection error", url)
                return exchange
            self.clock.sleep(retry_in)
        return None  # not reached: the last attempt never retries

    def _retry_delay(self, attempt: int, exchange: Exchange | None,
                     error: tuple[str, str] | None) -> float | None:
        """Seconds to wait before trying again, or None when this answer is final."""
        if attempt >= self.settings.retries:
            return None
        backoff = self.settings.backoff * 2.0 ** attempt
        if exchange is None:
            return backoff if error and error[0] in ("timeout", "connection error") else None
        if exchange.status not in RETRY_STATUSES:
            return None
        wait = retry_after_seconds(exchange.header("Retry-After"), exchange.fetched_at)
        if wait is None:
            return backoff
        return wait if wait <= self.settings.max_retry_after else None

    def _exchange(self, url: str, headers: dict[str, str], max_bytes: int
                  ) -> tuple[Exchange | None, tuple[str, str] | None]:
        """Send one request; read the body up to `max_bytes` and `total_timeout` seconds."""
        fetched_at = datetime.now(UTC)
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                body, truncated = self._read_body(response, max_bytes)
                exchange = Exchange(
                    url=url, request_headers=_text_pairs(response.request.headers.raw),
                    status=response.status_code, reason=response.reason_phrase,
                    http_version=response.http_version, response_headers=_text_pairs(response.headers.raw),
                    body=body, fetched_at=fetched_at, truncated=truncated)
                return exchange, None
        except httpx.TimeoutException as error:
            return None, ("timeout", f"{type(error).__name__} after {self.settings.timeout:g} s: {url}")
        except (httpx.HTTPError, OSError) as error:
            return None, ("connection error", f"{type(error).__name__}: {error}"[:300])

    def _read_body(self, response: httpx.Response, max_bytes: int) -> tuple[bytes, str | None]:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            return b"", "length"
        if response.is_stream_consumed:       # a transport that hands over a read body (httpx.MockTransport)
            return response.content[:max_bytes], ("length" if len(response.content) > max_bytes else None)
        chunks, size, started = [], 0, time.monotonic()
        try:
            for chunk in response.iter_raw():
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    return b"".join(chunks)[:max_bytes], "length"
                if time.monotonic() - started > self.settings.total_timeout:
                    return b"".join(chunks), "time"
        except httpx.TimeoutException:
            return b"".join(chunks), "time"
        return b"".join(chunks), None

    def _outcome(self, fetched: Fetched, exchange: Exchange, max_bytes: int) -> Fetched:
        fetched.status, fetched.fetched_at = exchange.status, exchange.fetched_at
        fetched.content_type = exchange.header("Content-Type") or ""
        if exchange.truncated == "length":
            fetched.failure = "too large"
            fetched.detail = f"over the {max_bytes / 1024 / 1024:.1f} MB limit per response"
        elif exchange.truncated == "time":
            fetched.failure = "timeout"
            fetched.detail = f"the body took more than {self.settings.total_timeout:g} s"
        elif exchange.status == 304:
            return fetched                          # unchanged since the version the caller has
        elif exchange.status in REDIRECT_STATUSES:
            fetched.failure, fetched.detail = "redirect without Location", f"HTTP {exchange.status}"
        elif not 200 <= exchange.status < 300:
            fetched.failure = f"HTTP {exchange.status}"
            fetched.detail = f"{exchange.status} {exchange.reason}".strip()
        else:
            body, too_large = decode_content(exchange.body, exchange.header("Content-Encoding"), max_bytes)
            if too_large:
                fetched.failure = "too large"
                fetched.detail = f"over the {max_bytes / 1024 / 1024:.1f} MB limit once decompressed"
            fetched.body = body
        return fetched


def _text_pairs(raw: list[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in raw]


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def decode_content(body: bytes, encoding: str | None, max_bytes: int) -> tuple[bytes, bool]:
    """The body without its Content-Encoding (gzip, deflate), and whether it passed `max_bytes` doing so."""
    name = (encoding or "").strip().lower()
    if name not in ("gzip", "x-gzip", "deflate"):
        return body, False
    window = 16 + zlib.MAX_WBITS if "gzip" in name else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(window)
        data = inflater.decompress(body, max_bytes + 1)
    except zlib.error:
        try:                                   # "deflate" sent as raw deflate, without the zlib header
            data = zlib.decompressobj(-zlib.MAX_WBITS).decompress(body, max_bytes + 1)
        except zlib.error:
            return body, False
    return data[:max_bytes], len(data) > max_bytes
