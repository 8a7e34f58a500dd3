"""A small Indonesian news site served on 127.0.0.1 for the fetcher's tests (no test leaves the machine).

Pages are written for these tests: real-shaped article HTML (head metadata, byline, date, body, "Baca
juga" links, pager, footer) with sentences of our own. Each route can fail a number of times first, answer
slowly, redirect, or be huge; every request is logged with its headers and arrival time.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass          # a client that hangs up early (size limit, timeout) is part of the tests


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    fail_first: int = 0                  # answer `fail_status` this many times before the real answer
    fail_status: int = 500
    fail_headers: dict[str, str] = field(default_factory=dict)
    wait: float = 0.0                    # seconds before the answer (a slow page)
    etag: str | None = None              # answers If-None-Match with 304
    chunked: bool = False                # Transfer-Encoding: chunked instead of Content-Length
    calls: int = 0


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float


class InFlight:
    """Requests being answered at once, across the sites that share this counter."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0

    def enter(self) -> None:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def leave(self) -> None:
        with self.lock:
            self.now -= 1


class Site:
    """Routes by path (with query), and a log of what was asked, in order."""

    def __init__(self, shared: InFlight | None = None) -> None:
        self.shared = shared or InFlight()
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [hit.path for hit in self.hits]

    def start(self) -> Site:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True     # no 40 ms delayed-ACK stall between headers and body

            def log_message(self, *_args: object) -> None:   # keep pytest output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                site.answer(self)

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # a short poll: stop() (server.shutdown) waits for the serving loop's next look at its flag, which
        # socketserver's default of 0.5 s made half a second of every fetch test's teardown
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        with self.lock:
            self.hits.append(Hit(handler.path, dict(handler.headers.items()), time.monotonic()))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            route = self.routes.get(handler.path)
            if route is not None:
                route.calls += 1
        self.shared.enter()
        try:
            self._send(handler, route)
        except (BrokenPipeError, ConnectionResetError):
            pass                                  # the client stopped reading (size limit, timeout)
        finally:
            self.shared.leave()
            with self.lock:
                self.in_flight -= 1

    def _send(self, handler: BaseHTTPRequestHandler, route: Route | None) -> None:
        if route is None:
            self._reply(handler, 404, {"Content-Type": "text/html; charset=utf-8"},
                        b"<html><body><h1>Halaman tidak ditemukan</h1></body></html>")
            return
        if route.wait:
            time.sleep(route.wait)
        if route.calls <= route.fail_first:
            self._reply(handler, route.fail_status, {"Content-Type": "text/html", **route.fail_headers},
                        b"<html><body>Server sedang sibuk</body></html>")
            return
        headers = {"Content-Type": route.content_type, **route.headers}
        if route.etag:
            headers["ETag"] = route.etag
            if handler.headers.get("If-None-Match") == route.etag:
                self._reply(handler, 304, {"ETag": route.etag}, b"")
                return
        self._reply(handler, route.status, headers, route.body, route.chunked)

    @staticmethod
    def _reply(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes,
               chunked: bool = False) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header(*(("Transfer-Encoding", "chunked") if chunked else ("Content-Length", str(len(body)))))
        handler.end_headers()
        for start in range(0, len(body), 64 * 1024 if not chunked else 700):
            piece = body[start:start + (64 * 1024 if not chunked else 700)]
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
        if chunked:
            handler.wfile.write(b"0\r\n\r\n")


def http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def article_page(title: str, published: str, author: str, paragraphs: list[str], pager: str = "",
                 related: str = "") -> bytes:
    """A news article page shaped like those of Indonesian outlets."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{title} - Warta Nusantara</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Warta Nusantara">
<meta property="article:published_time" content="{published}">
<meta name="author" content="{author}">
</head>
<body>
<header><nav><a href="/">Beranda</a> <a href="/kategori/internasional">Internasional</a></nav></header>
<main>
<article>
<h1>{title}</h1>
<div class="byline">{author} - Warta Nusantara</div>
<time datetime="{published}">{published[:10]}</time>
<div class="isi-berita">
{body}
</div>
{pager}
</article>
<aside><p class="baca">Baca juga: <a href="/berita/2024/05/01/harga-beras-naik-lagi">Harga beras naik lagi</a></p>
{related}</aside>
</main>
<footer><p>Hak cipta 2024 Warta Nusantara. Semua hak dilindungi.</p></footer>
</body>
</html>""".encode()


# Article texts written for these tests: international affairs in several wordings.
ARTICLES: dict[str, tuple[str, list[str]]] = {
    "menlu-bertemu-mitra-malaysia": ("Menlu RI bertemu mitranya dari Malaysia di Jakarta", [
        "JAKARTA - Menteri Luar Negeri Indonesia menerima kunjungan Menteri Luar Negeri Malaysia di "
        "Gedung Pancasila, Jakarta, pada Selasa (14/5/2024).",
        "Kedua menteri membahas penegasan batas laut di Selat Malaka serta perlindungan pekerja migran.",
        "\"Kami sepakat mempercepat perundingan teknis sebelum akhir tahun,\" kata Menlu RI seusai "
        "pertemuan tersebut.",
    ]),
    "indonesia-kirim-bantuan-ke-gaza": ("Indonesia kirim bantuan kemanusiaan ke Gaza", [
        "JAKARTA - Pemerintah Indonesia memberangkatkan bantuan kemanusiaan untuk warga Gaza melalui "
        "Bandara Halim Perdanakusuma pada Rabu (15/5/2024).",
        "Bantuan berupa obat-obatan, makanan siap saji, dan tenda itu akan disalurkan lewat Mesir.",
        "Presiden meminta semua pihak membuka akses bagi bantuan kemanusiaan tanpa syarat.",
    ]),
    "jepang-dan-indonesia-teken-kerja-sama-energi": ("Jepang dan Indonesia teken kerja sama energi", [
        "TOKYO - Indonesia dan Jepang menandatangani nota kesepahaman kerja sama transisi energi di Tokyo "
        "pada Kamis (16/5/2024).",
        "Perjanjian itu mencakup pendanaan pembangkit listrik tenaga panas bumi di Sulawesi dan Sumatra.",
        "Menteri Energi Jepang menyebut kesepakatan ini sebagai langkah penting bagi kedua negara.",
    ]),
    "asean-bahas-krisis-myanmar": ("ASEAN bahas krisis Myanmar di Vientiane", [
        "VIENTIANE - Para menteri luar negeri ASEAN kembali membahas krisis politik di Myanmar dalam "
        "pertemuan di Vientiane, Laos, pada Jumat (17/5/2024).",
        "Mereka mendesak junta militer Myanmar menghentikan kekerasan terhadap warga sipil.",
        "Utusan khusus ASEAN dijadwalkan mengunjungi Naypyidaw bulan depan.",
    ]),
    "australia-kecam-uji-rudal": ("Australia kecam uji coba rudal di Semenanjung Korea", [
        "CANBERRA - Pemerintah Australia mengecam uji coba rudal balistik yang dilakukan Korea Utara "
        "pada Sabtu (18/5/2024).",
        "Menteri Luar Negeri Australia menilai uji coba itu mengancam stabilitas kawasan.",
        "Canberra juga meminta Dewan Keamanan PBB segera menggelar pertemuan darurat.",
    ]),
}

# A three-page article: each page continues the story.
SERIAL_TITLE = "Presiden berkunjung ke Tokyo, bahas investasi dan perdagangan"
SERIAL_PAGES = [
    ["TOKYO - Presiden Indonesia tiba di Tokyo untuk kunjungan kenegaraan selama tiga hari pada Minggu "
     "(19/5/2024).", "Setibanya di bandara, Presiden disambut oleh Menteri Luar Negeri Jepang."],
    ["Pada hari kedua, Presiden bertemu Perdana Menteri Jepang di kantor perdana menteri.",
     "Keduanya membicarakan rencana investasi industri kendaraan listrik di Jawa Barat."],
    ["Kunjungan ditutup dengan pertemuan bersama para pengusaha Jepang di Osaka.",
     "Pemerintah menargetkan nilai investasi baru mencapai miliaran dolar AS tahun ini."],
]


def pager(path: str, current: int, total: int) -> str:
    """A pager with page numbers and a "Selanjutnya" link, as outlets show under a split article."""
    links = []
    for number in range(1, total + 1):
        href = path if number == 1 else f"{path}?page={number}"
        links.append(f'<a href="{href}">{number}</a>' if number != current else f"<span>{number}</span>")
    if current < total:
        links.append(f'<a href="{path}?page={current + 1}">Selanjutnya</a>')
    return '<div class="pagination">Halaman ' + " ".join(links) + "</div>"
