"""Property-based fuzzing (Hypothesis) of the decoders, the JSON Lines reader, the line labeller and the date
parsers with random bytes and random Unicode: they return well-formed results or reject, and never raise."""

from __future__ import annotations

import gzip
import re
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sorot.clean.lines import label_lines
from sorot.ingest import read_paths
from sorot.ingest.decode import DecodeError, GzipTruncated, decode_bytes, gunzip
from sorot.schema import LINE_LABELS, RawDoc, Rejected
from sorot.text.dates import find_datetimes, parse_datetime
from sorot.text.temporal import find_time_expressions

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?$")
VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# text that looks like news: Indonesian words, dates, numbers, quotes and dashes, and any Unicode at all
WORDS = st.sampled_from(["Jakarta", "Senin", "(16/10/2023)", "pukul", "14.30", "WIB", "kata", "“", "”", "—", "-",
                         "Oktober", "2024", "lalu", "depan", "Baca", "juga:", "Menteri", "Rusia", "\n", "\n\n",
                         "mendatang", "sehari", "setelah", "pekan", "Kamis", "12", "Mei", "ANTARA", "pada"])
NEWSY = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=60).map(" ".join)


def _clean_text(text: str) -> bool:
    return all(ch == "\n" or ch == "\t" or ord(ch) >= 32 for ch in text) and "\r" not in text


@FUZZ
@given(st.binary(max_size=3000))
@example(b"\xef\xbb\xbf")
@example(b"caf\xe9 \x93kutip\x94\n" * 3)
def test_decode_bytes_gives_text_or_rejects(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except DecodeError:
        return
    decoded.text.encode("utf-8")  # no lone surrogates: anything decoded can be stored
    assert decoded.encoding
    if not data.startswith(b"\xef\xbb\xbf"):
        try:
            assert decoded.text == data.decode("utf-8") and not decoded.warnings
        except UnicodeDecodeError:
            assert decoded.warnings  # whatever was not UTF-8 is said


@FUZZ
@given(st.text(max_size=400).filter(_clean_text), st.text(max_size=400).filter(_clean_text),
       st.sampled_from([b"\xff", b"\xfe", b"\x80", b"\xc3", b"\xe2\x82"]))
def test_a_stray_byte_in_utf8_text_becomes_one_replacement(before: str, after: str, stray: bytes) -> None:
    before += " “kutipan” "  # the line holds a valid multi-byte character, so the file is UTF-8
    data = before.encode() + stray + after.encode()
    try:
        decoded = decode_bytes(data)
    except DecodeError:
        return
    lone = b"\xc3" if stray == b"\xc3" else stray
    if after.encode()[:1] and 0x80 <= after.encode()[0] <= 0xBF and lone in (b"\xc3", b"\xe2\x82"):
        return  # the stray lead byte completes a valid sequence with what follows: no longer stray
    assert decoded.text.startswith(before) and decoded.text.endswith(after)
    assert decoded.encoding == "utf-8" and len(decoded.warnings) == 1


@FUZZ
@given(st.text(max_size=500))
def test_utf8_text_decodes_to_itself(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        decoded = decode_bytes(data)
    except DecodeError:
        return
    try:
        original = data.decode("utf-8")
    except UnicodeDecodeError:  # lone surrogates are not UTF-8: they become replacements, said in a warning
        assert decoded.warnings
        return
    assert decoded.text == original.removeprefix("\ufeff") and decoded.encoding == "utf-8"


@FUZZ
@given(st.binary(max_size=2000), st.integers(min_value=0, max_value=5000))
def test_gunzip_is_bounded_and_fails_only_with_its_own_errors(data: bytes, limit: int) -> None:
    for blob in (data, gzip.compress(data), gzip.compress(data)[: len(data) // 2 + 10]):
        try:
            out = gunzip(blob, limit)
        except (gzip.BadGzipFile, GzipTruncated) as error:
            assert str(error)
            continue
        assert len(out) <= limit + 1


@FUZZ
@given(st.lists(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda t: t.encode("utf-8", "replace")),
                          st.sampled_from([b'{"text": "Menteri bertemu duta besar di Jakarta."}', b"{}", b"[]",
                                           b'{"html": "<p>isi</p>", "url": 5}', b'{"text": "\\udc80"}', b"null"])),
                max_size=12))
def test_the_jsonl_reader_reads_or_rejects_every_line(lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_bytes(b"\n".join(lines))
        items = list(read_paths([path]))
    assert all(isinstance(item, RawDoc | Rejected) for item in items)
    for item in items:
        if isinstance(item, RawDoc):
            (item.content + (item.title or "") + (item.url or "") + item.source).encode("utf-8")
            assert item.content.strip()
        else:
            assert item.reason and "\n" not in item.reason


@FUZZ
@given(st.lists(NEWSY, max_size=25), st.booleans())
def test_the_line_labeller_labels_every_non_blank_line(lines: list[str], find_title: bool) -> None:
    labelled = label_lines(lines, find_title=find_title)
    numbers = [line.n for line in labelled]
    assert numbers == sorted(set(numbers))
    assert len(labelled) == sum(1 for text in lines if text.strip())
    assert all(line.label in LINE_LABELS for line in labelled)


@FUZZ
@given(NEWSY)
def test_the_date_parsers_give_iso_dates_inside_the_text(text: str) -> None:
    value = parse_datetime(text)
    assert value is None or ISO.match(value), value
    for found in find_datetimes(text):
        assert 0 <= found.start < found.end <= len(text) and ISO.match(found.iso)


@FUZZ
@given(NEWSY, st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)))
def test_time_expressions_are_spans_of_the_text_with_dates(text: str, anchor: date) -> None:
    previous_end = 0
    for expression in find_time_expressions(text, anchor):
        assert previous_end <= expression.start < expression.end <= len(text)
        assert text[expression.start:expression.end] == expression.surface
        assert VALUE.match(expression.value) and expression.relation in ("past", "future", "present")
        previous_end = expression.end
