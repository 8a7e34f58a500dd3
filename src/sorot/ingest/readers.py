"""One reader per input format. Each yields RawDocs and Rejected records and never raises on bad input."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

from sorot.ingest.decode import DecodeError, decode_bytes, gunzip
from sorot.schema import RawDoc, Rejected

DEFAULT_LIMIT_BYTES = 20 * 1024 * 1024
Item = RawDoc | Rejected

_PLAIN_FORMATS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html"}


def looks_like_html(content: str) -> bool:
    """An HTML document rather than scraped text (the same test as sorot.pipeline, without its imports)."""
    head = content.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def _kind(path: Path) -> tuple[str, bool]:
    """(format suffix, gzip-compressed) from the file name: "report.html.gz" gives (".html", True)."""
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] in (".gz", ".gzip")
    if compressed:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), compressed


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _too_large(path: Path, size: int, limit: int) -> Rejected:
    return Rejected(path.name, "too large",
                    f"{_mb(size)} is over the {_mb(limit)} limit (raise it with --limit-mb)", str(path))


def read_file(path: Path, limit_bytes: int = DEFAULT_LIMIT_BYTES) -> Iterator[Item]:
    """The articles in one file, whatever its format."""
    suffix, compressed = _kind(path)
    if suffix == ".warc":  # warcio reads .warc and .warc.gz itself, record by record, without a size limit
        yield from _read_warc(path)
        return
    try:
        size = path.stat().st_size
        if size > limit_bytes:
            yield _too_large(path, size, limit_bytes)
            return
        data = path.read_bytes()
    except OSError as error:
        yield Rejected(path.name, f"unreadable: {error.strerror or error}", str(error), str(path))
        return
    if compressed:
        try:
            data, truncated = gunzip(data, limit_bytes)
        except gzip.BadGzipFile as error:
            yield Rejected(path.name, "broken gzip", str(error), str(path))
            return
        if len(data) > limit_bytes:
            yield _too_large(path, len(data), limit_bytes)
            return
        if truncated and not data:
            yield Rejected(path.name, "broken gzip", "the archive is cut short before any data", str(path))
            return
    if suffix in (".jsonl", ".ndjson"):
        yield from _read_jsonl(path, data)
    else:
        yield _read_document(path, data, _PLAIN_FORMATS.get(suffix))


def _read_document(path: Path, data: bytes, fmt: str | None) -> Item:
    """A plain text or HTML file; an unknown suffix is sniffed when the content is text."""
    if not data.strip():
        return Rejected(path.name, "empty file", f"{len(data)} bytes, no text", str(path))
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        return Rejected(path.name, "binary file", str(error), str(path))
    if fmt is None:
        if path.suffix and not looks_like_html(decoded.text):
            return Rejected(path.name, "unsupported file type", f"'{path.suffix}' is not a known input format",
                            str(path))
        fmt = "html" if looks_like_html(decoded.text) else "text"
    if not decoded.text.strip():
        return Rejected(path.name, "empty file", "only whitespace", str(path))
    return RawDoc(source=path.name, content=decoded.text, format=fmt, location=str(path),  # type: ignore[arg-type]
                  encoding=decoded.encoding)


def _read_jsonl(path: Path, data: bytes) -> Iterator[Item]:
    """One article per line with any of text, html, url, title, published; a broken line is rejected alone."""
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        yield Rejected(path.name, "binary file", str(error), str(path))
        return
    found = False
    for number, line in enumerate(decoded.text.splitlines(), start=1):
        if not line.strip():
            continue
        found = True
        yield _jsonl_record(path, number, line, decoded.encoding)
    if not found:
        yield Rejected(path.name, "empty file", "no JSON lines", str(path))


def _text_field(record: dict, name: str) -> str | None:
    value = record.get(name)
    return value if isinstance(value, str) and value.strip() else None


def _jsonl_record(path: Path, number: int, line: str, encoding: str) -> Item:
    where, fallback_source = f"{path}:{number}", f"{path.name}#{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Rejected(fallback_source, "broken JSON line", f"{error.msg} at column {error.colno}", where)
    if not isinstance(record, dict):
        return Rejected(fallback_source, "broken JSON line", "the line is not a JSON object", where)
    url = _text_field(record, "url")
    source = url or fallback_source
    html, text = _text_field(record, "html"), _text_field(record, "text")
    if html is None and text is None:
        return Rejected(source, "no article text", "the record has neither 'text' nor 'html'", where)
    content = html if html is not None else text
    fmt = "html" if html is not None or looks_like_html(content or "") else "text"
    return RawDoc(source=source, content=content or "", format=fmt, url=url,  # type: ignore[arg-type]
                  title=_text_field(record, "title"), published=_text_field(record, "published"),
                  location=where, encoding=encoding)


def _read_warc(path: Path) -> Iterator[Item]:
    """HTTP response records with an HTML content type; request, metadata and other records are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        stream = path.open("rb")
    except OSError as error:
        yield Rejected(path.name, f"unreadable: {error.strerror or error}", str(error), str(path))
        return
    number, found = 0, False
    with stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):  # noqa: B007
                item = _warc_record(path, number, record)
                if item is not None:
                    found = True
                    yield item
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
            yield Rejected(path.name, "broken WARC", f"after record {number}: {error}", f"{path}#{number + 1}")
            return
    if not found and number == 0:
        yield Rejected(path.name, "empty file", "no WARC records", str(path))


def _warc_record(path: Path, number: int, record) -> Item | None:  # noqa: ANN001 (warcio has no types)
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{path}#{number}"
    source = url or f"{path.name}#{number}"
    data = record.content_stream().read()
    if not data.strip():
        return Rejected(source, "empty record", "the HTTP response has no body", where)
    try:
        decoded = decode_bytes(data, content_type)
    except DecodeError as error:
        return Rejected(source, "binary file", str(error), where)
    # WARC-Date is the crawl time, not the publication time, so it is not passed on as `published`.
    return RawDoc(source=source, content=decoded.text, format="html", url=url,
                  location=where, encoding=decoded.encoding)

