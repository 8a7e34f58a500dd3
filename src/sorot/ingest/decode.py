"""Bytes to text, line by line: UTF-8 wherever the bytes are UTF-8, a legacy code page only where they are not.

Real files are mostly UTF-8, and a stray invalid byte (a truncated copy-paste, a binary separator) must not
turn every curly quote and accent of the file into mojibake. So:

1. Bytes that are valid UTF-8 as a whole are decoded as UTF-8 (the usual case, one C call).
2. Otherwise each line is judged on its own: a line whose non-ASCII bytes are mostly well-formed UTF-8
   sequences is UTF-8, and its stray bytes become U+FFFD, with a warning.
3. Lines that are not UTF-8 at all are decoded with one legacy code page for the whole file: the charset
   the page declares, else the guess of charset-normalizer on those lines, recorded with its confidence.

UTF-8 goes before a declared charset because real pages lie (a page that says iso-8859-1 but whose bytes
are UTF-8 is common); a valid UTF-8 decoding of non-ASCII bytes is almost never an accident.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

_DECLARED_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
# A few control bytes are normal in scraped text (form feeds, escapes); many are a sign of binary data.
_CONTROL_BYTES = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}
_CONTROL_TABLE = bytes(_CONTROL_BYTES)
_REPLACEMENT = "\ufffd"
_REPLACEMENT_BYTES = _REPLACEMENT.encode("utf-8")
DETECT_SAMPLE = 256 * 1024      # bytes of non-UTF-8 lines given to charset-normalizer (it is slow on more)
FALLBACK_CODE_PAGE = "cp1252"   # when nothing is declared or recognised: every byte maps to some character


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


@dataclass
class Decoded:
    text: str
    encoding: str                      # "utf-8", "declared:<name>", "detected:<name> (<confidence>)", "mixed:..."
    warnings: list[str] = field(default_factory=list)
    confidence: float | None = None    # of a detected legacy code page
    replaced: dict[int, int] = field(default_factory=dict)   # line number (from 1) -> U+FFFD replacements
    legacy_lines: frozenset[int] = frozenset()                # lines decoded with the legacy code page
    legacy: str | None = None                                 # its codec name
    legacy_label: str | None = None                           # "declared:..." / "detected:... (confidence)"

    def for_line(self, number: int) -> tuple[str, list[str]]:
        """(encoding, warnings) of line `number` alone: a JSON Lines record is one line of its file."""
        if number in self.legacy_lines:
            return self.legacy_label or "utf-8", [_legacy_warning(self.legacy or "", self.confidence, "the line")]
        if number in self.replaced:
            return "utf-8", [_replaced_warning(self.replaced[number], "the line")]
        return "utf-8", []


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, in the first 8 KB mean this is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_TABLE))
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


@dataclass
class _Utf8Line:
    text: str
    replaced: int        # invalid sequences replaced by U+FFFD
    well_formed: int     # non-ASCII characters that were valid UTF-8


def _utf8_line(line: bytes) -> _Utf8Line:
    """The line decoded as UTF-8 with replacement, and how UTF-8-like it is (linear: two C calls)."""
    text = line.decode("utf-8", "replace")
    replaced = text.count(_REPLACEMENT) - line.count(_REPLACEMENT_BYTES)
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return _Utf8Line(text, replaced, non_ascii - replaced)


def is_utf8_line(judged: _Utf8Line, utf8_file: bool) -> bool:
    """Mostly well-formed UTF-8: at least as many valid multi-byte characters as broken sequences. In a file
    that is UTF-8 as a whole, a line with no multi-byte character at all is UTF-8 with a stray byte unless it
    has several broken sequences (a line pasted from a legacy code page)."""
    if judged.replaced == 0 or (judged.well_formed > 0 and judged.well_formed >= judged.replaced):
        return True
    return utf8_file and judged.well_formed == 0 and judged.replaced == 1


def decode_bytes(data: bytes, header_charset: str | None = None) -> Decoded:
    """Decode line by line (see the module's docstring); DecodeError for binary data."""
    if looks_binary(data):
        raise DecodeError("binary data (NUL or control bytes)")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    judged = [_utf8_line(line) for line in lines]
    well_formed = sum(line.well_formed for line in judged)
    utf8_file = well_formed > 0 and well_formed >= sum(line.replaced for line in judged)
    utf8 = [is_utf8_line(line, utf8_file) for line in judged]
    replaced = {n + 1: line.replaced for n, line in enumerate(judged) if line.replaced and utf8[n]}
    legacy = [n for n, line in enumerate(judged) if not utf8[n]]
    warnings = []
    if replaced:
        warnings.append(_replaced_warning(sum(replaced.values()), f"line(s) {_line_list(sorted(replaced))}"))
    if not legacy:
        return Decoded("\n".join(line.text for line in judged), "utf-8", warnings, replaced=replaced)
    name, label, confidence = _legacy_code_page(b"\n".join(lines[n] for n in legacy), data, header_charset)
    texts = [line.text for line in judged]
    for n in legacy:
        texts[n] = lines[n].decode(name, "replace")
    whole = len(legacy) == sum(1 for line in judged if line.replaced or line.well_formed)
    where = "the file" if whole else f"line(s) {_line_list([n + 1 for n in legacy])}"
    warnings.append(_legacy_warning(name, confidence, where))
    return Decoded("\n".join(texts), label if whole and not replaced else f"mixed:utf-8+{name}", warnings,
                   confidence, replaced, frozenset(n + 1 for n in legacy), name, label)


def _replaced_warning(count: int, where: str) -> str:
    return f"{count} invalid UTF-8 byte sequence(s) replaced by U+FFFD in {where}"


def _legacy_warning(name: str, confidence: float | None, where: str) -> str:
    how = "declared by the page" if confidence is None else f"a guess, confidence {confidence:.2f}"
    return f"not UTF-8: {where} decoded as {name} ({how})"


def _legacy_code_page(sample: bytes, data: bytes, header_charset: str | None) -> tuple[str, str, float | None]:
    """(codec name, encoding label, confidence) for the lines that are not UTF-8."""
    declared = declared_charset(data, header_charset)
    if declared and declared not in ("utf-8", "utf-8-sig"):
        return declared, f"declared:{declared}", None
    best = from_bytes(sample[:DETECT_SAMPLE]).best()
    if best is None or best.encoding in ("utf_8", "utf-8", "ascii"):
        return FALLBACK_CODE_PAGE, f"detected:{FALLBACK_CODE_PAGE} (0.00)", 0.0
    name = codecs.lookup(best.encoding).name
    confidence = round(max(0.0, 1.0 - best.chaos), 2)
    return name, f"detected:{name} ({confidence:.2f})", confidence


def _line_list(numbers: list[int], shown: int = 5) -> str:
    listed = ", ".join(str(n) for n in numbers[:shown])
    return listed + (f" and {len(numbers) - shown} more" if len(numbers) > shown else "")


class GzipTruncated(ValueError):
    """The gzip stream ends before its end marker (a cut download); `partial` is what came before the cut."""

    def __init__(self, message: str, partial: bytes) -> None:
        super().__init__(message)
        self.partial = partial


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data (every member) into at most `limit` + 1 bytes, so that a small file that expands
    to gigabytes costs no more than `limit`: the caller sees `len(result) > limit` and rejects it.

    Raises gzip.BadGzipFile for data that is not gzip, GzipTruncated (with what was decompressed) for a
    stream that is cut short."""
    out: list[bytes] = []
    size = 0
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=31)
        try:
            chunk = inflater.decompress(rest, limit + 1 - size)
        except zlib.error as error:
            if out:                       # garbage after complete members: ignored, as gzip(1) does
                break
            raise gzip.BadGzipFile(f"not a valid gzip stream ({error})") from error
        out.append(chunk)
        size += len(chunk)
        if size > limit:
            break
        if not inflater.eof:
            raise GzipTruncated(f"the stream is cut short after {size:,} bytes of content", b"".join(out))
        rest = inflater.unused_data.lstrip(b"\x00")  # members may be padded with zeros
    return b"".join(out)
