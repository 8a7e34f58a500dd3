"""Bytes to text: UTF-8 first, then the charset the page declares, then charset-normalizer.

UTF-8 goes first even when a page declares another charset, because real pages lie (a page that says
iso-8859-1 but whose bytes are UTF-8 is common); a valid UTF-8 decoding of non-ASCII bytes is almost never
an accident. The fallback used is returned so that it can be recorded with the document.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from dataclasses import dataclass

from charset_normalizer import from_bytes

_DECLARED_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
# A few control bytes are normal in scraped text (form feeds, escapes); many are a sign of binary data.
_CONTROL_BYTES = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


@dataclass
class Decoded:
    text: str
    encoding: str                      # "utf-8", "declared:<name>" or "detected:<name>"


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, in the first 8 KB mean this is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    return controls > max(8, len(head) // 100)


def declared_charset(data: bytes, header: str | None = None) -> str | None:
    """The charset named by an HTTP header, a <meta> tag or an XML declaration, if Python knows it."""
    candidates = []
    if header:
        candidates.append(header.encode("ascii", "ignore"))
    candidates.append(data[:4096])
    for chunk in candidates:
        match = _DECLARED_CHARSET.search(chunk)
        if match:
            name = match.group(1).decode("ascii", "ignore").strip().lower()
            try:
                return codecs.lookup(name).name
            except LookupError:
                continue
    return None


def decode_bytes(data: bytes, header_charset: str | None = None) -> Decoded:
    """Decode with UTF-8, then the declared charset, then detection; DecodeError for binary data."""
    if looks_binary(data):
        raise DecodeError("binary data (NUL or control bytes)")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data, header_charset)
    if declared and declared not in ("utf-8", "utf-8-sig"):
        try:
            return Decoded(data.decode(declared), f"declared:{declared}")
        except UnicodeDecodeError:
            pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("not valid UTF-8 and no other encoding recognised")
    return Decoded(str(best), f"detected:{best.encoding}")


def gunzip(data: bytes, limit: int) -> tuple[bytes, bool]:
    """Decompress gzip data up to `limit` + 1 bytes; the flag says the stream was cut short.

    A truncated archive still gives what was decompressed before the cut, so that nothing is lost.
    """
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as error:
        raise gzip.BadGzipFile(f"not a valid gzip stream ({error})") from error
    return out, not inflater.eof and len(out) <= limit
