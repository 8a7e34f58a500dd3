"""Write the bundled example WARC and the generated files of the broken-input set.

examples/warc/sample.warc.gz holds, in this order:
  1. a request record (the crawler's GET for the first page): readers must skip it;
  2. three HTTP response records with HTML pages from examples/html, at plausible https URLs;
  3. an HTTP response with a small image/png: a non-HTML payload that readers must skip.
examples/broken/binary.txt is random bytes with NULs; examples/broken/cp1252.txt is Indonesian text with
curly quotes encoded as Windows-1252, so that UTF-8 decoding fails and a fallback decoder is needed.
Everything is deterministic (fixed seed, record ids and dates), so reruns give identical files.

usage: .venv/bin/python scripts/make_example_warc.py
"""

import random
import struct
import uuid
import zlib
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CRAWL_DATE = "2024-11-20T03:15:{:02d}Z"

# (file in examples/html, URL it is served from, Content-Type header sent by the server)
PAGES = [
    ("tribunmedan_venezuela_pemilu.html",
     "https://medan.tribunnews.com/2024/08/02/as-akui-kemenangan-oposisi-venezuela-usir-diplomat",
     "text/html; charset=UTF-8"),
    ("detik_prabowo_xi_beijing.html",
     "https://news.detik.com/internasional/d-7630011/prabowo-dan-xi-jinping-sepakati-kerja-sama-maritim",
     "text/html; charset=utf-8"),
    # the page's own <meta> says iso-8859-1; the HTTP header (like Blogger's) says UTF-8, which is right
    ("blogspot_ktt_oki_riyadh.html",
     "https://kabarumatdunia.blogspot.com/2024/11/ktt-oki-liga-arab-riyadh-gaza.html",
     "text/html; charset=UTF-8"),
]
IMAGE_URL = "https://asset-2.tstatic.net/medan/foto/bank/images/maduro-caracas-2024-thumb.png"

CP1252_TEXT = (
    "Menlu Sugiono: “Indonesia Tidak Akan Memihak” dalam Sengketa Dagang AS–China\n"
    "\n"
    "JAKARTA – Menteri Luar Negeri Sugiono menegaskan Indonesia tidak akan memihak dalam perang dagang "
    "antara Amerika Serikat dan China. “Kami berteman dengan semua negara,” ujar Sugiono di Jakarta, "
    "Selasa (15/4/2025).\n"
    "\n"
    "Menurut dia, pemerintah akan mengirim tim negosiasi ke Washington pekan depan untuk membahas tarif "
    "impor sebesar 32 persen yang dikenakan AS terhadap produk Indonesia… Tim itu dipimpin Menko "
    "Perekonomian Airlangga Hartarto.\n"
)


def record_id(n: int) -> str:
    return f"<urn:uuid:{uuid.UUID(int=0x50_12_07_00 + n)}>"


def tiny_png() -> bytes:
    """A valid 1x1 grey PNG, built by hand so no image library is needed."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


def response(writer: WARCWriter, n: int, url: str, body: bytes, content_type: str):
    http = StatusAndHeaders("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                            protocol="HTTP/1.1")
    headers = {"WARC-Record-ID": record_id(n), "WARC-Date": CRAWL_DATE.format(n)}
    return writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                     http_headers=http, warc_headers_dict=headers)


def request(writer: WARCWriter, n: int, url: str):
    host = url.split("/")[2]
    path = "/" + url.split("/", 3)[3]
    http = StatusAndHeaders(f"GET {path} HTTP/1.1", [("Host", host), ("User-Agent", "sorot-example/0.1"),
                                                     ("Accept", "text/html")], is_http_request=True)
    headers = {"WARC-Record-ID": record_id(n), "WARC-Date": CRAWL_DATE.format(n)}
    return writer.create_warc_record(url, "request", http_headers=http, warc_headers_dict=headers)


def write_warc(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(request(writer, 0, PAGES[0][1]))
        for n, (name, url, content_type) in enumerate(PAGES, start=1):
            body = (EXAMPLES / "html" / name).read_bytes()
            writer.write_record(response(writer, n, url, body, content_type))
        writer.write_record(response(writer, len(PAGES) + 1, IMAGE_URL, tiny_png(), "image/png"))


def write_broken(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20241120)
    noise = bytearray(rng.randbytes(2048))
    noise[::37] = b"\x00" * len(noise[::37])  # NUL bytes at regular places, as in a real binary file
    (folder / "binary.txt").write_bytes(bytes(noise))
    (folder / "cp1252.txt").write_bytes(CP1252_TEXT.encode("cp1252"))


if __name__ == "__main__":
    write_warc(EXAMPLES / "warc" / "sample.warc.gz")
    write_broken(EXAMPLES / "broken")
    print("wrote", EXAMPLES / "warc" / "sample.warc.gz", "and", EXAMPLES / "broken")
