"""One `sorot fetch`: discover article URLs, fetch them politely, archive everything, store the articles.

Discovery (feeds, sitemaps, URL lists) runs first, on the calling thread. Article URLs are then grouped by
host: each host is served by one worker thread at a time, in discovery order and at the host's pace, and
at most `concurrency` hosts are fetched at once. Fetched pages come back to the calling thread, which runs
the pipeline and writes the store through the same Runner as `sorot run`, so a fetched article is stored
exactly as the same page read from the WARC archive would be.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urljoin

import httpx

from sorot.fetch.archive import DEFAULT_MAX_BYTES, WarcArchive
from sorot.fetch.client import Fetched, Fetcher, FetchSettings, RequestLog
from sorot.fetch.discover import (
    MAX_SITEMAP_BYTES,
    Entry,
    looks_like_feed,
    parse_feed,
    parse_sitemap,
    read_url_list,
)
from sorot.fetch.pages import DEFAULT_MAX_PAGES, join_pages, next_page_url
from sorot.fetch.politeness import Clock, host_of, server_of
from sorot.fetch.state import FetchRow, FetchState, Known
from sorot.fetch.urls import is_http_url, looks_like_article, normalise, same_site, site_of, url_key
from sorot.ingest.decode import DecodeError, decode_bytes
from sorot.schema import Article, RawDoc, Rejected
from sorot.store import RunCounts, Store

STATE_BATCH = 64                           # fetch rows saved together (when the runner has not saved before)
MAX_SITEMAPS = 1000                        # sitemap files read in one run (indexes can nest and loop)
JAKARTA = timezone(timedelta(hours=7))     # --since is a calendar day in Indonesia (WIB), where the news is
FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"


@dataclass
class FetchProgress:
    """Counts for the progress line; `total` is known once discovery is over."""

    hosts: int = 0
    discovered: int = 0
    total: int = 0
    done: int = 0
    pages: int = 0
    failures: int = 0


@dataclass
class FetchReport:
    run_id: str
    counts: RunCounts
    discovered: int = 0                    # article URLs found (after filtering and de-duplication)
    known: int = 0                         # ... already stored, so not fetched again
    attempted: int = 0                     # article URLs asked for in this run
    pages: int = 0                         # article pages received (continuation pages included)
    not_modified: int = 0                  # conditional re-fetches answered 304
    failures: int = 0                      # URLs that gave no article (rejected with a reason)
    hosts: int = 0
    requests: list[RequestLog] = field(default_factory=list)
    warc_files: list[Path] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class Target:
    url: str                               # normal form, what is fetched
    key: str                               # what variants of the article share
    published: datetime | None = None
    found_in: str = ""
    known: Known | None = None


@dataclass
class ArticleFetch:
    """One article URL's outcome: its pages (the first decides), joined HTML when there were several."""

    target: Target
    pages: list[Fetched]
    html: str | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    failure: str | None = None
    detail: str = ""
    note: str = ""                         # kept in fetches.outcome, e.g. a continuation page that failed


def parse_since(value: str | date | datetime | None) -> date | None:
    """--since as a day: a date, a datetime or text starting with YYYY-MM-DD."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(value.strip()[:10])


class Crawl:
    def __init__(self, store: Store, fetcher: Fetcher, *, since: date | None, max_articles: int | None,
                 concurrency: int, refetch: bool, max_pages: int, stages: str | Sequence[str] | None,
                 progress: Callable[[FetchProgress], None] | None, inputs: list[str],
                 archive_only: bool = False) -> None:
        from sorot.runner import Runner, select_stages

        self.store, self.fetcher, self.since, self.max_articles = store, fetcher, since, max_articles
        self.concurrency, self.refetch, self.max_pages = max(1, concurrency), refetch, max(1, max_pages)
        self.archive_only = archive_only        # fetch and archive; `sorot run` on the WARC files stores later
        self.state = FetchState(store)
        self.run_id = store.start_run(inputs)
        self.runner = Runner(store, self.run_id, 1, select_stages(stages))
        self._runner_flush_seen, self._state_saved = self.runner.last_flush, time.monotonic()
        self.report = FetchReport(self.run_id, self.runner.counts)
        self.progress_state = FetchProgress()
        self.on_progress = progress
        self.targets: dict[str, Target] = {}

    # -- discovery -------------------------------------------------------------------------------------

    def reject(self, source: str, reason: str, detail: str = "") -> None:
        self.runner.reject(Rejected(source, reason, detail, source))

    def add(self, entry: Entry, site: str | None) -> None:
        """One candidate article URL: kept when it is new, of the site, article-looking and recent enough."""
        if not is_http_url(entry.url):
            return
        if site is not None and (not same_site(entry.url, site) or not looks_like_article(entry.url)):
            return
        if self.since is not None and entry.published is not None \
                and entry.published.astimezone(JAKARTA).date() < self.since:
            return
        key = url_key(entry.url)
        if key not in self.targets:
            self.targets[key] = Target(normalise(entry.url), key, entry.published, entry.found_in)
            self.progress_state.discovered = len(self.targets)

    def discover_feed(self, url: str) -> None:
        fetched = self.fetcher.get(url, accept=FEED_ACCEPT)
        if not fetched.ok:
            self.reject(url, f"feed: {fetched.failure or 'HTTP ' + str(fetched.status)}", fetched.detail)
            return
        entries = parse_feed(fetched.body, fetched.final_url)
        if not entries and not looks_like_feed(fetched.body):
            self.reject(url, "feed: not a feed", f"no RSS or Atom entries ({fetched.content_type or '?'})")
        for entry in entries:
            self.add(entry, site_of(fetched.final_url))

    def sitemaps_of_site(self, url: str) -> list[str]:
        """A site's sitemaps: the Sitemap: lines of its robots.txt, else /sitemap.xml."""
        found = [urljoin(host_of(url) + "/", u) for u in self.fetcher.robots_for(url).sitemaps()]
        return found or [host_of(url) + "/sitemap.xml"]

    def discover_sitemaps(self, urls: Iterable[str]) -> None:
        """Sitemaps and sitemap indexes, breadth first; a child sitemap last changed before --since is
        skipped (nothing in it can be newer)."""
        pending = deque(Entry(u) for u in urls)
        seen: set[str] = set()
        while pending and len(seen) < MAX_SITEMAPS:
            sitemap = pending.popleft()
            if sitemap.url in seen:
                continue
            seen.add(sitemap.url)
            fetched = self.fetcher.get(sitemap.url, accept="application/xml,text/xml;q=0.9,*/*;q=0.5",
                                       max_bytes=max(MAX_SITEMAP_BYTES, self.fetcher.settings.max_bytes))
            if not fetched.ok:
                self.reject(sitemap.url, f"sitemap: {fetched.failure or 'HTTP ' + str(fetched.status)}",
                            fetched.detail)
                continue
            found = parse_sitemap(fetched.body, fetched.final_url)
            if not found.sitemaps and not found.urls:
                self.reject(sitemap.url, "sitemap: no entries", f"content type {fetched.content_type or '?'}")
            site = site_of(fetched.final_url)
            for child in found.sitemaps:
                old = self.since is not None and child.published is not None \
                    and child.published.astimezone(JAKARTA).date() < self.since
                if same_site(child.url, site) and not old:
                    pending.append(child)
            for entry in found.urls:
                self.add(entry, site)
            self._tell()

    # -- fetching --------------------------------------------------------------------------------------

    def select(self) -> list[Target]:
        """Targets to fetch now: stored URLs are skipped (or re-fetched conditionally); --max applies."""
        targets = list(self.targets.values())
        self.report.discovered = len(targets)
        known = self.state.known([t.url for t in targets])
        todo = []
        for target in targets:
            target.known = known.get(target.url)
            if target.known is not None and not self.refetch:
                self.report.known += 1
                self.runner.counts.unchanged += 1
                continue
            todo.append(target)
        if self.max_articles is not None:
            todo = todo[:self.max_articles]
        return todo

    def fetch_article(self, target: Target) -> ArticleFetch:
        """The article's first page and its continuation pages (up to max_pages), archived as one."""
        conditional = target.known.conditional_headers() if target.known else None
        first = self.fetcher.get(target.url, conditional, archive=False)
        result = ArticleFetch(target, [first])
        if first.status == 304 or not first.ok:
            result.failure, result.detail = first.failure, first.detail
        elif "html" not in first.content_type.lower():   # the WARC reader's rule too (same store on replay)
            result.failure, result.detail = "not HTML", f"content type {first.content_type or 'unknown'}"
        if result.failure or first.status == 304:
            self._archive_plain(result.pages)
            return result
        texts = [self._decode(first, result)]
        failed = self._follow_pages(result, texts)
        if any(text is None for text in texts):
            result.failure = "binary file"
            self._archive_plain(result.pages + failed)
            return result
        pages = [text for text in texts if text is not None]
        if len(pages) > 1:
            result.html = join_pages(pages)
            result.encoding, result.warnings = "utf-8", []   # archived (and re-read) as clean UTF-8
            if self.fetcher.archive is not None:
                exchanges = [x for page in result.pages for x in page.exchanges]
                self.fetcher.archive.write_joined(first.final_url, result.html, exchanges, first.fetched_at)
        else:
            result.html = pages[0]
            self._archive_plain(result.pages)
        self._archive_plain(failed)
        return result

    def _follow_pages(self, result: ArticleFetch, texts: list[str | None]) -> list[Fetched]:
        """Fetch the continuation pages into `result.pages` and `texts`; returns a page that failed."""
        first = result.pages[0]
        seen = {first.final_url}
        while len(texts) < self.max_pages and texts[-1] is not None:
            following = next_page_url(texts[-1], result.pages[-1].final_url, first.final_url, len(texts))
            if following is None or following in seen:
                return []
            seen.add(following)
            page = self.fetcher.get(following, archive=False)
            if not page.ok or "html" not in page.content_type.lower():
                result.note = f"page {len(texts) + 1} not joined: {page.failure or page.content_type}"
                return [page]
            result.pages.append(page)
            texts.append(self._decode(page, result))
        return []

    def _decode(self, fetched: Fetched, result: ArticleFetch) -> str | None:
        try:
            decoded = decode_bytes(fetched.body, fetched.content_type)
        except DecodeError as error:
            result.detail = str(error)
            return None
        if result.encoding is None:
            result.encoding = decoded.encoding
            result.warnings.extend(getattr(decoded, "warnings", []))
        return decoded.text

    def _archive_plain(self, pages: list[Fetched]) -> None:
        if self.fetcher.archive is not None:
            self.fetcher.archive.write_exchanges([x for page in pages for x in page.exchanges])

    def run(self, targets: list[Target]) -> None:
        """Fetch `targets` with one worker per host (at most `concurrency` at once); store on this thread."""
        by_host: dict[str, list[Target]] = {}
        for target in targets:
            by_host.setdefault(server_of(target.url), []).append(target)
        self.report.hosts = self.progress_state.hosts = len(by_host)
        self.progress_state.total = len(targets)
        self._tell()
        # Bounded: when the pipeline is slower than the fetchers, they wait instead of filling memory.
        results: queue.Queue[ArticleFetch | BaseException] = queue.Queue(maxsize=2 * self.concurrency)
        stop = threading.Event()

        def hand_over(item: ArticleFetch | BaseException) -> bool:
            while not stop.is_set():
                try:
                    results.put(item, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def serve(host_targets: list[Target]) -> None:
            for target in host_targets:
                if stop.is_set():
                    return
                try:
                    item: ArticleFetch | BaseException = self.fetch_article(target)
                except BaseException as error:  # noqa: BLE001 (handed to the main thread, which re-raises)
                    hand_over(error)
                    return
                if not hand_over(item):
                    return

        workers = min(self.concurrency, len(by_host)) or 1
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sorot-fetch") as pool:
            futures = [pool.submit(serve, group) for group in by_host.values()]
            try:
                for _ in range(len(targets)):
                    item = results.get()
                    if isinstance(item, BaseException):
                        raise item
                    self.handle(item)
            except BaseException:
                stop.set()                      # workers finish the page in hand and stop
                for future in futures:
                    future.cancel()
                raise

    def handle(self, result: ArticleFetch) -> None:
        """Store one fetched article (or its rejection) and remember how it was fetched."""
        target, first = result.target, result.pages[0]
        self.report.attempted += 1
        self.report.pages += sum(1 for page in result.pages if page.ok)
        now = datetime.now(UTC)
        if first.status == 304 and target.known is not None:
            self.report.not_modified += 1
            self.runner.counts.unchanged += 1
            self.state.flush()
            self.state.not_modified(target.url, now, self.run_id)
            self._tell(done=True)
            return
        article_id, outcome = None, ""
        if result.failure or result.html is None:
            self.report.failures += 1
            reason = result.failure or "no content"
            self.reject(target.url, reason, result.detail)
            outcome = f"rejected: {reason}"
        elif self.archive_only:
            outcome = "archived"
        else:
            article_id, outcome = self.store_article(result)
        self.state.record(FetchRow(
            url=target.url, final_url=first.final_url, status=first.status, content_type=first.content_type or None,
            fetched_at=first.fetched_at if first.status else None, checked_at=now, etag=first.header("ETag"),
            last_modified=first.header("Last-Modified"), pages=len(result.pages), article_id=article_id,
            outcome=f"{outcome} ({result.note})" if result.note else outcome, run_id=self.run_id))
        self._save_state()
        self._tell(done=True)

    def _save_state(self) -> None:
        """Save fetch rows when the runner has just saved its articles (so both survive an interruption
        together), or every STATE_BATCH rows or second (a DuckDB commit costs milliseconds)."""
        runner_saved = self.runner.last_flush != self._runner_flush_seen
        if runner_saved or len(self.state.pending) >= STATE_BATCH or time.monotonic() - self._state_saved > 1.0:
            self.state.flush()
            self._runner_flush_seen, self._state_saved = self.runner.last_flush, time.monotonic()

    def store_article(self, result: ArticleFetch) -> tuple[str | None, str]:
        """Run the pipeline on a fetched article through the runner: (article id, outcome)."""
        from sorot.runner import process_safely

        first = result.pages[0]
        raw = RawDoc(source=first.final_url, content=result.html or "", format="html", url=first.final_url,
                     location=result.target.url, encoding=result.encoding)
        if hasattr(raw, "warnings"):
            raw.warnings = list(result.warnings)
        if not self.runner.todo([raw]):
            return self._stored_article(result.target.url), "unchanged"
        processed = process_safely(raw, self.runner.stage_names)
        self.runner.add(raw, processed)
        if isinstance(processed, Article):
            return processed.id, "stored"
        self.report.failures += 1
        return None, f"rejected: {processed.reason}"

    def _stored_article(self, location: str) -> str | None:
        row = self.store.con.execute("SELECT article_id FROM inputs WHERE location = ? LIMIT 1",
                                     [location]).fetchone()
        return row[0] if row else None

    def _tell(self, done: bool = False) -> None:
        if done:
            self.progress_state.done += 1
        self.progress_state.pages = self.report.pages
        self.progress_state.failures = self.report.failures
        if self.on_progress is not None:
            self.on_progress(self.progress_state)

    def finish(self) -> FetchReport:
        """Save the last batch and update the cross-article tables, as `sorot run` does."""
        from sorot import corpus

        self.runner.flush()
        self.state.flush()
        if self.runner.counts.stored or self.runner.counts.updated or corpus.is_stale(self.store.con):
            corpus.update(self.store.con)
        self.store.finish_run(self.run_id, self.runner.counts)
        self.report.requests = list(self.fetcher.log)
        return self.report


def fetch(urls: Iterable[str] = (), *, feeds: Iterable[str] = (), sitemaps: Iterable[str] = (),
          sites: Iterable[str] = (), url_files: Iterable[str | Path] = (), db: str | Path = "sorot.duckdb", store: Store | None = None,
          warc: str | Path | None = None, warc_max_bytes: int = DEFAULT_MAX_BYTES,
          since: str | date | None = None, max_articles: int | None = None, delay: float = 1.0,
          concurrency: int = 4, refetch: bool = False, max_pages: int = DEFAULT_MAX_PAGES,
          settings: FetchSettings | None = None, stages: str | Sequence[str] | None = None,
          clock: Clock | None = None, progress: Callable[[FetchProgress], None] | None = None,
          transport: httpx.BaseTransport | None = None, archive_only: bool = False) -> FetchReport:
    """Fetch articles from the web into the store at `db` (or the open `store`) and return what happened.

    URLs come from `urls`, text files of URLs (`url_files`), RSS/Atom `feeds`, XML `sitemaps` (indexes
    followed) and the sitemaps that `sites` name in their robots.txt. Every response is archived in rotated WARC files under `warc` when it is given. `delay` is
    the pause between two requests to one host (robots.txt's Crawl-delay may raise it); `settings` holds
    the other HTTP limits. Already stored URLs are skipped, or re-fetched conditionally with `refetch`.
    With `archive_only` (and `warc`), pages are archived but not processed: `sorot run` on the WARC files
    stores them later, elsewhere or at another pace.
    """
    if archive_only and warc is None:
        raise ValueError("archive_only needs a WARC folder (warc=...)")
    if store is None:
        with Store(db) as opened:
            return fetch(urls, feeds=feeds, sitemaps=sitemaps, sites=sites, url_files=url_files, store=opened, warc=warc,
                         warc_max_bytes=warc_max_bytes, since=since, max_articles=max_articles, delay=delay,
                         concurrency=concurrency, refetch=refetch, max_pages=max_pages, settings=settings,
                         stages=stages, clock=clock, progress=progress, transport=transport,
                         archive_only=archive_only)
    settings = settings or FetchSettings(delay=delay)
    urls, feeds, sitemaps, sites = list(urls), list(feeds), list(sitemaps), list(sites)
    files = [Path(f) for f in url_files]
    started = time.monotonic()
    archive = WarcArchive(warc, warc_max_bytes) if warc is not None else None
    fetcher = Fetcher(settings, clock, archive, transport)
    inputs = [*urls, *(f"feed:{u}" for u in feeds), *(f"sitemap:{u}" for u in sitemaps),
              *(f"site:{u}" for u in sites), *map(str, files)]
    crawl = Crawl(store, fetcher, since=parse_since(since), max_articles=max_articles, concurrency=concurrency,
                  refetch=refetch, max_pages=max_pages, stages=stages, progress=progress, inputs=inputs,
                  archive_only=archive_only)
    try:
        for url in urls + [u for path in files for u in _url_file(crawl, path)]:
            if is_http_url(url):
                crawl.add(Entry(url.strip(), None, "argument"), None)
            else:
                crawl.reject(url, "not an http(s) URL", "")
        for feed in feeds:
            crawl.discover_feed(feed)
        crawl.discover_sitemaps(sitemaps + [m for site in sites for m in crawl.sitemaps_of_site(site)])
        crawl.run(crawl.select())
    except KeyboardInterrupt:
        crawl.finish()
        raise
    finally:
        fetcher.close()
        if archive is not None:
            archive.close()
            crawl.report.warc_files = list(archive.files)
    report = crawl.finish()
    report.seconds = time.monotonic() - started
    return report


def _url_file(crawl: Crawl, path: Path) -> list[str]:
    try:
        return read_url_list(path)
    except OSError as error:
        crawl.reject(str(path), f"unreadable: {error.strerror or error}", str(error))
        return []
