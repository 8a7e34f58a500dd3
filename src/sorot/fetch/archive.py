"""Every HTTP exchange of a fetch, kept in WARC files (warcio), so a store can be rebuilt offline.

Each exchange is a `response` record (status line, headers, body as received) followed by its `request`
record (WARC-Concurrent-To the response). Files are gzip WARCs named
`sorot-<start time>-<n>.warc.gz`; a new file starts when the current one passes `max_bytes`.

Conventions that `sorot run DIR/*.warc.gz` (sorot.ingest) relies on to give the same store as the fetch:
- a body cut short (size limit, time limit) carries the standard `WARC-Truncated` header;
- a multi-page article is written as the responses of its pages, each marked `Sorot-Part-Of: <id>`, and a
  `conversion` record with that id holding the joined page (WARC-Refers-To its first page); readers take
  the conversion, not the parts.
The body is stored de-chunked, so a `Transfer-Encoding` header is left out of the stored headers (readers
would try to de-chunk the body again); `Content-Encoding` (gzip) is kept with the compressed body.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sorot import __version__

DEFAULT_MAX_BYTES = 100 * 1024 * 1024     # the customary size of a crawl's WARC file
PART_OF = "Sorot-Part-Of"


@dataclass
class Exchange:
    """One HTTP request and the response to it, as sent and received."""

    url: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    http_version: str
    response_headers: list[tuple[str, str]]
    body: bytes                     # as received (content-encoded), possibly cut short
    fetched_at: datetime
    truncated: str | None = None    # "length" or "time" when the body was cut short
    method: str = "GET"
    record_id: str = ""             # the response record's WARC-Record-ID once archived

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((value for key, value in self.response_headers if key.lower() == lowered), None)


def new_record_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def warc_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class WarcArchive:
    """Thread-safe writer of rotated WARC files in one folder."""

    def __init__(self, folder: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.max_bytes = max_bytes
        self.stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        self.files: list[Path] = []
        self.records = 0
        self._stream: BinaryIO | None = None
        self._writer: WARCWriter | None = None
        self._lock = threading.Lock()

    # -- files -----------------------------------------------------------------------------------------

    def _open_next(self) -> WARCWriter:
        self._close_stream()
        number = len(self.files) + 1
        path = self.folder / f"sorot-{self.stamp}-{number:05d}.warc.gz"
        while path.exists():             # two fetches in one second into one folder
            number += 1
            path = self.folder / f"sorot-{self.stamp}-{number:05d}.warc.gz"
        self.files.append(path)
        self._stream = path.open("wb")
        self._writer = WARCWriter(self._stream, gzip=True, warc_version="1.1")
        info = self._writer.create_warcinfo_record(path.name, {
            "software": f"sorot/{__version__} (sorot fetch; warcio)", "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"})
        self._writer.write_record(info)
        return self._writer

    def _writer_for_next_record(self) -> WARCWriter:
        if self._writer is None or (self._stream is not None and self._stream.tell() >= self.max_bytes):
            return self._open_next()
        return self._writer

    def _close_stream(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream, self._writer = None, None

    def close(self) -> None:
        with self._lock:
            self._close_stream()

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- records ---------------------------------------------------------------------------------------

    def write_exchanges(self, exchanges: list[Exchange], part_of: str | None = None) -> None:
        """Archive exchanges in order, each as response + request (in one file, never split by rotation)."""
        with self._lock:
            for exchange in exchanges:
                self._write_exchange(exchange, part_of)

    def _write_exchange(self, exchange: Exchange, part_of: str | None) -> None:
        writer = self._writer_for_next_record()
        exchange.record_id = new_record_id()
        date = warc_date(exchange.fetched_at)
        warc_headers = {"WARC-Record-ID": exchange.record_id, "WARC-Date": date}
        if exchange.truncated:
            warc_headers["WARC-Truncated"] = exchange.truncated
        if part_of:
            warc_headers[PART_OF] = part_of
        kept = [(k, v) for k, v in exchange.response_headers if k.lower() != "transfer-encoding"]
        status_line = f"{exchange.status} {exchange.reason}".strip()
        response = writer.create_warc_record(
            exchange.url, "response", payload=BytesIO(exchange.body), length=len(exchange.body),
            warc_headers_dict=warc_headers,
            http_headers=StatusAndHeaders(status_line, kept, protocol=exchange.http_version or "HTTP/1.1"))
        parts = urlsplit(exchange.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = writer.create_warc_record(
            exchange.url, "request", payload=BytesIO(b""), length=0,
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": exchange.record_id},
            http_headers=StatusAndHeaders(f"{exchange.method} {target} HTTP/1.1", exchange.request_headers,
                                          is_http_request=True))
        writer.write_record(response)
        writer.write_record(request)
        self.records += 2

    def write_joined(self, url: str, html: str, pages: list[Exchange], fetched_at: datetime) -> str:
        """Archive the pages of a multi-page article and the joined page (a `conversion` record)."""
        joined_id = new_record_id()
        with self._lock:
            for exchange in pages:
                self._write_exchange(exchange, joined_id)
            writer = self._writer_for_next_record()
            data = html.encode("utf-8")
            record = writer.create_warc_record(
                url, "conversion", payload=BytesIO(data), length=len(data),
                warc_content_type="text/html; charset=utf-8",
                warc_headers_dict={"WARC-Record-ID": joined_id, "WARC-Date": warc_date(fetched_at),
                                   "WARC-Refers-To": pages[0].record_id})
            writer.write_record(record)
            self.records += 1
        return joined_id


def article_content_type(record: Any) -> str | None:
    """The content type of a WARC record that holds an article page, or None for every other record.

    Articles are HTML `response` records with a 2xx status and a whole body that are not one page of a
    joined article, and the `conversion` records holding joined articles. Requests, robots.txt, feeds,
    sitemaps, redirects, errors, 304s and cut-short bodies are archived but are not articles.
    """
    headers = record.rec_headers
    if record.rec_type == "conversion":
        content_type = headers.get_header("Content-Type") or ""
        return content_type if "html" in content_type.lower() else None
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if headers.get_header("WARC-Truncated") or headers.get_header(PART_OF):
        return None
    status = record.http_headers.get_statuscode() or ""
    if status.isdigit() and not 200 <= int(status) < 300:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    return content_type if "html" in content_type.lower() else None
