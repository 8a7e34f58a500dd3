"""Decoding line by line, refusing what is not a regular file, and bounded reads of gzip and WARC records."""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import threading
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sorot.ingest import read_paths, safe_name
from sorot.ingest.decode import GzipTruncated, decode_bytes, gunzip
from sorot.schema import RawDoc, Rejected

# Sentences written for these tests: curly quotes, dashes and accents that a wrong code page garbles.
QUOTED = "Menteri itu menyebut hubungan kedua negara “sangat erat” — kata Beyoncé kepada wartawan.\n"
PLAIN = "Delegasi kedua negara bertemu di Jakarta untuk membahas perdagangan dan investasi.\n"
OTHER = "Duta besar itu menyampaikan “pesan damai” dari pemerintahnya pada pertemuan — pekan lalu.\n"


def _read(*paths: Path, **kwargs) -> tuple[list[RawDoc], list[Rejected]]:
    items = list(read_paths(paths, **kwargs))
    return [i for i in items if isinstance(i, RawDoc)], [i for i in items if isinstance(i, Rejected)]


@pytest.mark.parametrize("stray", [b"\xff", b"\x80", b"\xc3", b"\xe2\x80"])
def test_a_stray_byte_in_utf8_becomes_one_replacement_and_a_warning(stray: bytes) -> None:
    data = (QUOTED * 3).encode() + b"Kalimat rusak " + stray + b" di sini.\n" + OTHER.encode()
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("“sangat erat”") == 3 and "“pesan damai”" in decoded.text and "Beyoncé" in decoded.text
    assert decoded.text.count("\ufffd") == 1
    assert decoded.warnings == ["1 invalid UTF-8 byte sequence(s) replaced by U+FFFD in line(s) 4"]


@pytest.mark.parametrize("code_page", ["cp1252", "latin-1"])
def test_a_file_that_is_not_utf8_at_all_is_decoded_with_a_recorded_guess(code_page: str) -> None:
    text = (PLAIN + "Presiden René berkata bahwa kerja sama itu “penting” bagi kawasan.\n") * 4
    if code_page == "latin-1":
        text = text.replace("“", '"').replace("”", '"')
    decoded = decode_bytes(text.encode(code_page))
    assert decoded.text == text
    assert decoded.encoding.startswith("detected:") and decoded.confidence is not None
    assert decoded.warnings[0].startswith("not UTF-8: the file decoded as") and "confidence" in decoded.warnings[0]


def test_a_declared_charset_is_used_for_a_file_that_is_not_utf8() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Dia berkata “cukup”</p></body></html>'
    decoded = decode_bytes(page.encode("cp1252"))
    assert decoded.encoding == "declared:cp1252" and "“cukup”" in decoded.text
    assert "declared by the page" in decoded.warnings[0]


def test_mixed_lines_each_keep_their_own_encoding() -> None:
    data = QUOTED.encode() + OTHER.encode("cp1252") + PLAIN.encode() + OTHER.encode()
    decoded = decode_bytes(data)
    assert decoded.text == QUOTED + OTHER + PLAIN + OTHER
    assert decoded.encoding.startswith("mixed:utf-8+") and decoded.legacy_lines == {2}


def test_jsonl_lines_are_decoded_one_by_one(tmp_path: Path) -> None:
    good = json.dumps({"text": QUOTED * 2, "url": "https://contoh.id/1"}, ensure_ascii=False).encode()
    stray = json.dumps({"text": OTHER * 2, "url": "https://contoh.id/2"}, ensure_ascii=False).encode()
    stray = stray.replace(b"pada", b"pa\xffda", 1)
    legacy = json.dumps({"text": OTHER * 2, "url": "https://contoh.id/3"}, ensure_ascii=False).encode("cp1252")
    (tmp_path / "feed.jsonl").write_bytes(b"\n".join([good, stray, legacy, good.replace(b"/1", b"/4")]))
    docs, rejected = _read(tmp_path)
    assert not rejected and [d.url for d in docs] == [f"https://contoh.id/{n}" for n in (1, 2, 3, 4)]
    assert [d.encoding for d in docs] == ["utf-8", "utf-8", docs[2].encoding, "utf-8"]
    assert docs[2].encoding.startswith("detected:") and docs[2].content == OTHER * 2
    assert docs[0].content == docs[3].content == QUOTED * 2 and not docs[0].warnings and not docs[3].warnings
    assert "“pesan damai”" in docs[1].content and docs[1].content.count("\ufffd") == 1
    assert docs[1].warnings == ["1 invalid UTF-8 byte sequence(s) replaced by U+FFFD in the line"]


def test_lone_surrogate_escapes_in_json_become_replacements(tmp_path: Path) -> None:
    (tmp_path / "feed.jsonl").write_text('{"text": "Pernyataan \\ud800 itu dibacakan di Jakarta.", '
                                         '"title": "Judul \\udfff"}\n', encoding="utf-8")
    [doc], rejected = _read(tmp_path)
    assert not rejected and doc.content == "Pernyataan \ufffd itu dibacakan di Jakarta."
    assert doc.title == "Judul \ufffd" and len(doc.warnings) == 2


def test_a_file_name_that_is_not_utf8_is_read_and_named_with_byte_escapes(tmp_path: Path) -> None:
    name = os.fsdecode(b"berita-caf\xe9.txt")
    (tmp_path / name).write_text(PLAIN, encoding="utf-8")
    [doc], rejected = _read(tmp_path)
    assert not rejected and doc.content == PLAIN
    assert doc.source == "berita-caf\\xe9.txt" and doc.location.endswith("berita-caf\\xe9.txt")
    doc.location.encode("utf-8")
    assert safe_name("biasa.txt") == "biasa.txt"


def test_symlinks_to_devices_fifos_and_sockets_are_refused_without_reading(tmp_path: Path) -> None:
    (tmp_path / "nol.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipa.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "soket.txt"))
    (tmp_path / "asli.txt").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "tautan.txt").symlink_to(tmp_path / "asli.txt")
    try:
        result: list = []
        reader = threading.Thread(target=lambda: result.append(_read(tmp_path)), daemon=True)
        reader.start()
        reader.join(20)
        assert result, "reading hung on a special file"
    finally:
        server.close()
    docs, rejected = result[0]
    assert [d.source for d in docs] == ["asli.txt"]  # the link to it is the same file, read once
    reasons = {r.source: (r.reason, r.detail) for r in rejected}
    assert reasons["nol.txt"] == ("not a regular file", "a character device (nol.txt links to /dev/zero)")
    assert reasons["pipa.txt"] == ("not a regular file", "a FIFO (named pipe)")
    assert reasons["soket.txt"] == ("not a regular file", "a socket")


def test_the_same_folder_by_another_path_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "alias").symlink_to(tmp_path / "in")
    docs, rejected = _read(tmp_path / "in", tmp_path / "alias", tmp_path / "in" / ".." / "in" / "a.txt")
    assert len(docs) == 1 and not rejected


def test_gunzip_stops_at_the_limit_and_reports_a_cut_stream() -> None:
    bomb = gzip.compress(b"a" * 5_000_000)
    assert len(gunzip(bomb, 1000)) == 1001  # the caller sees "over the limit" after 1 KB, not 5 MB
    two_members = gzip.compress(b"satu ") + gzip.compress(b"dua")
    assert gunzip(two_members, 1000) == b"satu dua"
    packed = gzip.compress(PLAIN.encode() * 100)
    with pytest.raises(GzipTruncated) as cut:
        gunzip(packed[:-30], 10**6)
    assert cut.value.partial and PLAIN.encode().startswith(cut.value.partial[:20])


def test_a_gzip_bomb_is_rejected_as_too_large(tmp_path: Path) -> None:
    (tmp_path / "bom.txt.gz").write_bytes(gzip.compress(PLAIN.encode() * 200_000))
    docs, [rejected] = _read(tmp_path, limit_bytes=100_000)
    assert not docs and rejected.reason == "too large" and "decompressed" in rejected.detail


def _warc(records: list[bytes], gz: bool) -> bytes:
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=gz)
    for n, body in enumerate(records):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://contoh.id/{n}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    return stream.getvalue()


def _page(sentence: str) -> bytes:
    return f"<html><body><article><p>{sentence}</p></article></body></html>".encode()


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("kept", [0.05, 0.3, 0.6, 0.9])
def test_a_cut_warc_keeps_the_complete_records_and_rejects_the_cut_one(tmp_path: Path, gz: bool,
                                                                        kept: float) -> None:
    complete = _warc([_page(PLAIN * 5), _page(OTHER * 5)], gz)
    data = _warc([_page(PLAIN * 5), _page(OTHER * 5), _page(QUOTED * 5)], gz)
    start = len(data) - len(_warc([_page(QUOTED * 5)], gz))  # where the last record begins (give or take)
    start = max(start, len(complete) - 40)
    (tmp_path / ("a.warc.gz" if gz else "a.warc")).write_bytes(data[: start + int((len(data) - start) * kept)])
    docs, rejected = _read(tmp_path)
    assert [d.url for d in docs] == ["https://contoh.id/0", "https://contoh.id/1"]
    assert [r.reason for r in rejected] == ["broken WARC"], rejected
    assert rejected[0].location.endswith("#3")


def test_a_huge_warc_record_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    huge = b"<html><body><p>" + b"isi " * 2_000_000 + b"</p></body></html>"
    (tmp_path / "a.warc.gz").write_bytes(_warc([huge, _page(PLAIN * 3)], gz=True))
    docs, rejected = _read(tmp_path, limit_bytes=100_000)
    assert [d.url for d in docs] == ["https://contoh.id/1"]
    assert [(r.source, r.reason) for r in rejected] == [("https://contoh.id/0", "too large")]
