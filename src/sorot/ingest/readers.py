"""One reader per input format. Each yields RawDocs and Rejected records and never raises on bad input.

Every read is bounded: only regular files are opened (a symlink is followed and its target checked, so a link
to /dev/zero or a FIFO is refused instead of read forever), no more than the size limit is read, and gzip
streams and WARC records are decompressed only up to the limit. Paths are recorded by their resolved form,
so the same file reached through another path is the same input, and file names that are not UTF-8 are
written with byte escapes ("caf\\xe9.txt") wherever they are shown or stored.
"""

from __future__ import annotations

import gzip
import json
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal

from sorot.ingest.decode import DecodeError, GzipTruncated, decode_bytes, gunzip
from sorot.schema import RawDoc, Rejected
from sorot.text.html import looks_like_html

DEFAULT_LIMIT_BYTES = 20 * 1024 * 1024
Item = RawDoc | Rejected

Format = Literal["text", "html"]
_PLAIN_FORMATS: dict[str, Format] = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html"}
_FILE_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
               (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
               (stat.S_ISSOCK, "a socket"))


def safe_name(name: str) -> str:
    """A file name as valid UTF-8 text: bytes that are not UTF-8 (surrogate escapes) become \\xNN escapes."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def _kind(path: Path) -> tuple[str, bool]:
    """(format suffix, gzip-compressed) from the file name: "report.html.gz" gives (".html", True)."""
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] in (".gz", ".gzip")
    if compressed:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), compressed


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


class _Input:
    """Names of one input file: `source` (its name as given), `location` (the resolved path), both safe text."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.real = os.path.realpath(path)
        self.source = safe_name(path.name)
        self.location = safe_name(self.real)

    def reject(self, reason: str, detail: str = "", where: str | None = None) -> Rejected:
        return Rejected(self.source, reason, detail, where or self.location)

    def too_large(self, size: int, limit: int, what: str = "") -> Rejected:
        over = f"over {_mb(size)}" if size > limit else _mb(size)
        return self.reject("too large", f"{what}{over} is over the {_mb(limit)} limit (raise it with --limit-mb)")


def open_regular(path: Path, source: _Input | None = None) -> IO[bytes] | Rejected:
    """The file opened for reading if it is (or links to) a regular file; else a Rejected with the reason.
    `source`: the file's names when the caller has them already (resolving the path costs a system call
    per folder of it).

    The target is checked before opening (opening a FIFO would block) and again on the open descriptor (the
    file may have been swapped in between)."""
    source = source or _Input(path)
    via = f" ({source.source} links to {source.location})" if path.is_symlink() else ""
    try:
        before = os.stat(source.real)
        for test, kind in _FILE_KINDS:
            if test(before.st_mode):
                return source.reject("not a regular file", f"{kind}{via}")
        fd = os.open(source.real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        return source.reject(f"unreadable: {error.strerror or error}", f"{error}{via}")
    after = os.fstat(fd)
    if not stat.S_ISREG(after.st_mode) or (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
        os.close(fd)
        return source.reject("not a regular file", f"the file changed while it was opened{via}")
    return os.fdopen(fd, "rb")


def read_bounded(path: Path, limit: int, source: _Input | None = None) -> bytes | Rejected:
    """At most `limit` bytes of a regular file; a Rejected when it is larger, unreadable or not a file."""
    source = source or _Input(path)
    stream = open_regular(path, source)
    if isinstance(stream, Rejected):
        return stream
    try:
        with stream:
            size = os.fstat(stream.fileno()).st_size
            if size > limit:
                return source.too_large(size, limit)
            data = stream.read(limit + 1)  # the file may grow while it is read
    except OSError as error:
        return source.reject(f"unreadable: {error.strerror or error}", str(error))
    if len(data) > limit:
        return source.too_large(len(data), limit)
    return data


def read_file(path: Path, limit_bytes: int = DEFAULT_LIMIT_BYTES) -> Iterator[Item]:
    """The articles in one file, whatever its format."""
    suffix, compressed = _kind(path)
    if suffix == ".warc":  # warcio reads .warc and .warc.gz itself, record by record
        yield from _read_warc(path, limit_bytes)
        return
    source = _Input(path)
    data = read_bounded(path, limit_bytes, source)
    if isinstance(data, Rejected):
        yield data
        return
    truncated: GzipTruncated | None = None
    if compressed:
        try:
            data = gunzip(data, limit_bytes)
        except gzip.BadGzipFile as error:
            yield source.reject("broken gzip", str(error))
            return
        except GzipTruncated as error:
            data, truncated = error.partial, error
        if len(data) > limit_bytes:
            yield source.too_large(len(data), limit_bytes, "decompressed, ")
            return
    if suffix in (".jsonl", ".ndjson"):
        if truncated is not None:  # complete lines before the cut are kept; the cut line is rejected below
            yield source.reject("broken gzip", f"{truncated}; the lines before the cut are read")
        yield from _read_jsonl(source, data, cut=truncated is not None)
    elif truncated is not None:
        yield source.reject("broken gzip", f"{truncated}; a cut document is not stored")
    else:
        yield _read_document(source, data, _PLAIN_FORMATS.get(suffix))


def _read_document(source: _Input, data: bytes, fmt: Format | None) -> Item:
    """A plain text or HTML file; an unknown suffix is sniffed when the content is text."""
    if not data.strip():
        return source.reject("empty file", f"{len(data)} bytes, no text")
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        return source.reject("binary file", str(error))
    if fmt is None:
        suffix = source.path.suffix
        if suffix and not looks_like_html(decoded.text):
            return source.reject("unsupported file type", f"'{safe_name(suffix)}' is not a known input format")
        fmt = "html" if looks_like_html(decoded.text) else "text"
    if not decoded.text.strip():
        return source.reject("empty file", "only whitespace")
    return RawDoc(source=source.source, content=decoded.text, format=fmt,
                  location=source.location, encoding=decoded.encoding, warnings=list(decoded.warnings))


def _read_jsonl(source: _Input, data: bytes, cut: bool = False) -> Iterator[Item]:
    """One article per line with any of text, html, url, title, published; a broken line is rejected alone.

    The file is decoded line by line, so a stray byte or a legacy code page on one line touches no other."""
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        yield source.reject("binary file", str(error))
        return
    lines = decoded.text.split("\n")
    if cut and lines:  # the last line of a cut stream is incomplete, even if it happens to parse
        last = len(lines)
        yield Rejected(f"{source.source}#{last}", "broken JSON line", "cut short with the gzip stream",
                       f"{source.location}:{last}")
        lines = lines[:-1]
    found = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        found = True
        yield _jsonl_record(source, number, line, *decoded.for_line(number))
    if not found and not cut:
        yield source.reject("empty file", "no JSON lines")


def _text_field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    return value if isinstance(value, str) and value.strip() else None


def _without_surrogates(value: str | None, warnings: list[str], name: str) -> str | None:
    """JSON can spell lone surrogates ("\\ud800"), which no store or file can hold: they become U+FFFD."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        warnings.append(f"lone surrogate escape(s) in '{name}' replaced by U+FFFD")
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _jsonl_record(source: _Input, number: int, line: str, encoding: str, line_warnings: list[str]) -> Item:
    where, fallback_source = f"{source.location}:{number}", f"{source.source}#{number}"
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as error:
        detail = f"{error.msg} at column {error.colno}" if isinstance(error, json.JSONDecodeError) else (
            "nested too deeply")
        return Rejected(fallback_source, "broken JSON line", detail, where)
    if not isinstance(record, dict):
        return Rejected(fallback_source, "broken JSON line", "the line is not a JSON object", where)
    warnings = list(line_warnings)
    fields = {name: _without_surrogates(_text_field(record, name), warnings, name)
              for name in ("url", "html", "text", "title", "published")}
    url = fields["url"]
    origin = url or fallback_source
    html, text = fields["html"], fields["text"]
    if html is None and text is None:
        return Rejected(origin, "no article text", "the record has neither 'text' nor 'html'", where)
    content = html if html is not None else text
    fmt: Format = "html" if html is not None or looks_like_html(content or "") else "text"
    return RawDoc(source=origin, content=content or "", format=fmt, url=url,
                  title=fields["title"], published=fields["published"], location=where,
                  encoding=encoding, warnings=warnings)


def _read_warc(path: Path, limit: int) -> Iterator[Item]:
    """HTTP response records with an HTML content type; request, metadata and other records are skipped.

    Each record's body is read up to the limit (warcio decompresses as it reads, so a small .warc.gz holding
    a huge record costs no memory); a cut or malformed record is rejected alone, the records before it kept."""
    from warcio.archiveiterator import ArchiveIterator

    source = _Input(path)
    stream = open_regular(path, source)
    if isinstance(stream, Rejected):
        yield stream
        return
    number, found = 0, False
    with stream:
        size = os.fstat(stream.fileno()).st_size
        records = ArchiveIterator(stream)
        try:
            for number, record in enumerate(records, start=1):  # noqa: B007
                item = _warc_record(source, number, record, limit)
                if item is not None:
                    found = True
                    yield item
        except Exception as error:  # noqa: BLE001 (warcio raises many kinds on broken archives)
            yield source.reject("broken WARC", f"record {number + 1} cannot be read: {type(error).__name__}: "
                                f"{str(error)[:200]}", f"{source.location}#{number + 1}")
            return
        if records.offset < size:  # a record cut inside its gzip member yields nothing: find it by the offset
            yield source.reject("broken WARC", f"record {number + 1} is cut short: bytes {records.offset:,} to "
                                f"{size:,} hold no complete record", f"{source.location}#{number + 1}")
            return
    if not found and number == 0:
        yield source.reject("empty file", "no WARC records")


def _warc_record(source: _Input, number: int, record: Any, limit: int) -> Item | None:
    from sorot.fetch.archive import article_content_type

    if record.rec_type not in ("response", "conversion"):  # conversion: a joined multi-page article (fetch)
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{source.location}#{number}"
    origin = safe_name(url) if url else f"{source.source}#{number}"
    if record.http_headers is None and record.rec_type == "response":
        if record.rec_headers.get_header("Content-Type", "").startswith("application/http"):
            return Rejected(origin, "broken WARC", "the record is cut short before its HTTP headers end", where)
        return None
    content_type = article_content_type(record)  # HTML, 2xx, whole, not one page of a joined article
    if content_type is None:
        return None
    try:
        data = record.content_stream().read(limit + 1)
    except (OSError, EOFError, ValueError, zlib.error) as error:
        return Rejected(origin, "broken WARC", f"the record's body cannot be read: {error}", where)
    if len(data) > limit:
        return Rejected(origin, "too large", f"the record's body is over the {_mb(limit)} limit "
                        "(raise it with --limit-mb)", where)
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        return Rejected(origin, "broken WARC", f"the record is cut short: {missing:,} bytes of its declared "
                        "length are missing", where)
    if not data.strip():
        return Rejected(origin, "empty record", "the HTTP response has no body", where)
    try:
        decoded = decode_bytes(data, content_type)
    except DecodeError as error:
        return Rejected(origin, "binary file", str(error), where)
    # WARC-Date is the crawl time, not the publication time, so it is not passed on as `published`.
    return RawDoc(source=origin, content=decoded.text, format="html", url=url,
                  location=where, encoding=decoded.encoding, warnings=list(decoded.warnings))
