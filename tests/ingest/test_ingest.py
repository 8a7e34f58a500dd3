"""Reading every input format, and every kind of bad input, into RawDocs and Rejected records."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sorot.ingest import read_paths
from sorot.ingest.decode import decode_bytes
from sorot.schema import RawDoc, Rejected

TEXT = ("Jakarta (ANTARA) - Menteri Luar Negeri Retno Marsudi bertemu dengan Menteri Luar Negeri "
        "Rusia Sergei Lavrov di Moskow pada Selasa.\n\nKedua menteri membahas kerja sama ekonomi.\n")
HTML = ("<html><head><title>Retno bertemu Lavrov</title></head><body><article><h1>Retno bertemu Lavrov</h1>"
        "<p>Menteri Luar Negeri Retno Marsudi bertemu dengan Sergei Lavrov di Moskow pada Selasa.</p>"
        "<p>Kedua menteri membahas kerja sama ekonomi dan keamanan kawasan.</p></article></body></html>")


def _read(*paths: Path, **kwargs) -> tuple[list[RawDoc], list[Rejected]]:
    items = list(read_paths(paths, **kwargs))
    return [i for i in items if isinstance(i, RawDoc)], [i for i in items if isinstance(i, Rejected)]


def _warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        for url, content_type, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_text_and_html_files_in_sorted_order_with_hidden_gold_and_readme_skipped(tmp_path: Path) -> None:
    (tmp_path / "b.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.htm").write_text(HTML, encoding="utf-8")
    for skipped in (".hidden.txt", "a.gold.json", "README.md"):
        (tmp_path / skipped).write_text("{}", encoding="utf-8")
    docs, rejected = _read(tmp_path)
    assert [(d.source, d.format) for d in docs] == [("a.txt", "text"), ("b.html", "html"), ("c.htm", "html")]
    assert docs[0].content == TEXT and docs[0].location == str(tmp_path / "a.txt")
    assert docs[0].encoding == "utf-8" and not rejected


def test_gzip_forms(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(TEXT.encode()))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(HTML.encode()))
    line = json.dumps({"text": TEXT, "url": "https://contoh.id/berita/1"})
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(line.encode()))
    docs, rejected = _read(tmp_path)
    assert [(d.format, d.content) for d in docs] == [("text", TEXT), ("html", HTML), ("text", TEXT)]
    assert docs[2].source == "https://contoh.id/berita/1" and not rejected


def test_a_cut_gzip_document_is_rejected_and_a_cut_feed_keeps_its_complete_lines(tmp_path: Path) -> None:
    packed = gzip.compress((TEXT * 50).encode())
    (tmp_path / "cut.txt.gz").write_bytes(packed[: len(packed) - 20])
    lines = [json.dumps({"text": TEXT.replace("Selasa", day), "url": f"https://contoh.id/{n}"})
             for n, day in enumerate(["Senin", "Selasa", "Rabu", "Kamis"] * 30)]
    packed = gzip.compress("\n".join(lines).encode())
    (tmp_path / "feed.jsonl.gz").write_bytes(packed[: len(packed) * 2 // 3])
    docs, rejected = _read(tmp_path)
    reasons = sorted((r.source.split("#")[0], r.reason) for r in rejected)
    assert reasons == [("cut.txt.gz", "broken gzip"), ("feed.jsonl.gz", "broken JSON line"),
                       ("feed.jsonl.gz", "broken gzip")]
    assert "cut short" in rejected[0].detail
    assert 0 < len(docs) < len(lines) and all(d.source.startswith("https://contoh.id/") for d in docs)
    assert [d.url for d in docs] == [f"https://contoh.id/{n}" for n in range(len(docs))]


def test_jsonl_broken_line_is_rejected_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": TEXT, "title": "Retno bertemu Lavrov", "published": "2024-05-14"}),
        '{"text": "Presiden Joko Widodo menerima kunjungan',
        json.dumps({"html": HTML, "url": "https://contoh.id/b"}),
        json.dumps(["bukan", "objek"]),
        json.dumps({"judul": "tanpa teks"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, rejected = _read(path)
    assert [d.source for d in docs] == ["feed.jsonl#1", "https://contoh.id/b"]
    assert docs[0].title == "Retno bertemu Lavrov" and docs[0].published == "2024-05-14"
    assert docs[1].format == "html" and docs[1].location == f"{path}:3"
    assert [(r.location, r.reason) for r in rejected] == [
        (f"{path}:2", "broken JSON line"), (f"{path}:4", "broken JSON line"), (f"{path}:5", "no article text")]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_keeps_html_responses_only(tmp_path: Path, name: str) -> None:
    _warc(tmp_path / name, [
        ("https://contoh.id/a", "text/html; charset=utf-8", HTML.encode()),
        ("https://contoh.id/logo.png", "image/png", b"\x89PNG\r\n"),
        ("https://contoh.id/b", "text/html; charset=iso-8859-1", HTML.replace("Retno", "Ren\u00e9").encode("latin-1")),
    ])
    docs, rejected = _read(tmp_path)
    assert [d.source for d in docs] == ["https://contoh.id/a", "https://contoh.id/b"]
    assert "René" in docs[1].content and docs[1].encoding == "declared:iso8859-1"
    assert docs[0].location.endswith(f"{name}#1") and not rejected


def test_utf8_wins_over_a_lying_charset_declaration() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Menlu menyebut “kemitraan” erat</p></body></html>'
    decoded = decode_bytes(page.encode("utf-8"))
    assert decoded.encoding == "utf-8" and "“kemitraan”" in decoded.text


def test_invalid_utf8_falls_back_and_records_how(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Menlu menyebut “kemitraan” erat</p></body></html>'
    (tmp_path / "p.html").write_bytes(page.encode("cp1252"))
    text = "Menteri itu berkata bahwa kerja sama “sangat penting” bagi kedua negara. " * 5
    (tmp_path / "t.txt").write_bytes(text.encode("cp1252"))
    docs, rejected = _read(tmp_path)
    assert docs[0].encoding == "declared:cp1252" and "“kemitraan”" in docs[0].content
    assert docs[1].encoding.startswith("detected:") and "sangat penting" in docs[1].content
    assert not rejected


def test_bad_inputs_each_give_a_rejected_record_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_blank.txt").write_text("  \n\n ", encoding="utf-8")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (tmp_path / "d_big.txt").write_text(TEXT * 100, encoding="utf-8")
    (tmp_path / "e_bad.gz.txt.gz").write_bytes(b"this is not gzip at all")
    (tmp_path / "f_good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "g_truncated.html").write_text(HTML[: len(HTML) // 2], encoding="utf-8")
    (tmp_path / "h_slides.pdf").write_bytes(b"%PDF-1.4 some text")
    docs, rejected = _read(tmp_path, tmp_path / "missing.txt", limit_bytes=4000)
    assert [d.source for d in docs] == ["f_good.txt", "g_truncated.html"]
    reasons = {r.source: r.reason for r in rejected}
    assert reasons == {"a_empty.txt": "empty file", "b_blank.txt": "empty file", "c_binary.txt": "binary file",
                       "d_big.txt": "too large", "e_bad.gz.txt.gz": "broken gzip",
                       "h_slides.pdf": "unsupported file type",
                       "missing.txt": "unreadable: No such file or directory"}
    assert docs[1].warnings == [] and docs[1].encoding == "utf-8"
    big = next(r for r in rejected if r.reason == "too large")
    assert "limit" in big.detail and "--limit-mb" in big.detail


def test_directory_loop_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(TEXT, encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "news" / "loop")
    docs, rejected = _read(tmp_path)
    assert len(docs) == 1
    assert [r.reason for r in rejected] == ["unreadable: directory loop"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    docs, rejected = _read(tmp_path)
    assert not docs and rejected[0].reason.startswith("unreadable")
