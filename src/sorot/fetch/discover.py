"""Article URLs from RSS/Atom feeds, XML sitemaps (indexes, Google News sitemaps) and plain URL lists.

The parsers work on bytes the fetcher downloaded itself (politely and archived), so none of them reaches
the network. trafilatura's feeds and sitemaps modules were the first choice, but they return links without
dates (so `--since` could not work) and drop hosts that are IP addresses; feedparser reads every feed
dialect with its dates, and lxml's iterparse reads sitemaps of any size in constant memory.
"""

from __future__ import annotations

import calendar
import gzip
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin

import feedparser
from lxml import etree

from sorot.fetch.urls import is_http_url

log = logging.getLogger(__name__)
MAX_SITEMAP_BYTES = 50 * 1024 * 1024   # the sitemap protocol's own limit for one (uncompressed) file
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Entry:
    """One discovered URL, with the date its feed or sitemap gives (publication, else last change)."""

    url: str
    published: datetime | None = None
    found_in: str = ""


@dataclass
class Sitemap:
    """What one sitemap file lists: more sitemaps (an index) and/or article URLs."""

    sitemaps: list[Entry]
    urls: list[Entry]


def parse_date(value: str | None) -> datetime | None:
    """A W3C/ISO 8601 date or time ("2024-05-01", "2024-05-01T10:00:00+07:00", "...Z") as UTC."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def parse_feed(content: bytes, feed_url: str) -> list[Entry]:
    """The entries of an RSS or Atom feed (relative links resolved against the feed's URL), in feed order."""
    parsed = feedparser.parse(content, response_headers={"content-location": feed_url})
    entries = []
    for item in parsed.entries:
        link = item.get("link") or next((ln.get("href") for ln in item.get("links", []) if ln.get("href")), None)
        if not link:
            continue
        when = item.get("published_parsed") or item.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(when), UTC) if when else None
        entries.append(Entry(urljoin(feed_url, link.strip()), published, feed_url))
    return entries


def looks_like_feed(content: bytes) -> bool:
    head = content[:1000].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_sitemap(content: bytes, sitemap_url: str) -> Sitemap:
    """The <sitemap> and <url> entries of a sitemap (gzip or not), or the lines of a text sitemap.

    A URL's date is the Google News `publication_date` when there is one, else `lastmod`.
    """
    if content[:2] == _GZIP_MAGIC:
        content = _gunzip(content)
    if not content.lstrip().startswith(b"<"):
        return Sitemap([], [Entry(line, None, sitemap_url) for line in _text_lines(content)])
    found = Sitemap([], [])
    parser = etree.iterparse(io.BytesIO(content), events=("end",), recover=True, resolve_entities=False,
                             no_network=True, huge_tree=False)
    try:
        for _event, element in parser:
            kind = _local(element.tag)
            if kind in ("url", "sitemap"):
                entry = _sitemap_entry(element, sitemap_url)
                if entry is not None:
                    (found.urls if kind == "url" else found.sitemaps).append(entry)
                element.clear(keep_tail=False)
                while element.getprevious() is not None:   # free what iterparse built before this entry
                    del element.getparent()[0]
    except etree.XMLSyntaxError:  # a broken tail: keep the entries read before it
        log.debug("sitemap %s is cut or broken; %d entries read before", sitemap_url,
                  len(found.urls) + len(found.sitemaps), exc_info=True)
    return found


def _sitemap_entry(element: etree._Element, sitemap_url: str) -> Entry | None:
    values: dict[str, str] = {}
    for child in element.iter():          # loc and lastmod of the entry itself, not of an <image:image>
        name = _local(child.tag)
        own = child.getparent() is element or name == "publication_date"
        if own and name == "loc" and len(child):   # an entity or markup inside is no URL (unexpanded on purpose)
            return None
        if own and name in ("loc", "lastmod", "publication_date") and child.text and name not in values:
            values[name] = child.text.strip()
    loc = values.get("loc")
    if not loc:
        return None
    published = parse_date(values.get("publication_date")) or parse_date(values.get("lastmod"))
    return Entry(urljoin(sitemap_url, loc), published, sitemap_url)


def _gunzip(content: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(content)) as stream:
        try:
            return stream.read(MAX_SITEMAP_BYTES)
        except (OSError, EOFError):
            log.debug("gzip sitemap cannot be unpacked", exc_info=True)
            return b""


def _text_lines(content: bytes) -> Iterator[str]:
    for line in content.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if is_http_url(line):
            yield line


_COMMENT = re.compile(r"\s+#.*$")


def read_url_list(path: Path) -> list[str]:
    """URLs from a text file, one a line; blank lines and `#` comments are skipped."""
    urls = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = _COMMENT.sub("", line).strip()
        if line and not line.startswith("#"):
            urls.append(line)
    return urls
