"""The fetcher's benchmark (`make bench`, or `scripts/bench.py --fetch` alone).

A local server in another process serves the example corpus's HTML pages (each varied by one sentence) at
/berita/<n>/..., a sitemap index and robots.txt. Measured, all at a zero delay:
- sorot's Fetcher (robots.txt, pacing, streaming with limits, WARC archive) against a bare httpx loop over
  the same URLs in the same run: pages per second and the ratio (the fetcher's own cost);
- `sorot fetch --archive-only` of a 10,000-URL sitemap index (discovery, fetching, WARC, the fetches table)
  in a child process: pages per second and its peak RSS;
- a whole `sorot fetch` that also cleans and stores 500 pages (later stages left out: the pipeline
  benchmark measures them), to show where the time goes once pages are processed.
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_PATH = "/berita/2024/05/{n}/kabar-nomor-{n}-dari-jakarta"
PER_SITEMAP = 5000


def _serve(pages: list[str], urls: int, port_pipe) -> None:  # noqa: ANN001 (a multiprocessing Connection)
    """The server process: pages varied per URL, sitemaps of PER_SITEMAP URLs, an allow-all robots.txt."""
    encoded = [p.encode("utf-8") for p in pages]
    sitemaps = (urls + PER_SITEMAP - 1) // PER_SITEMAP

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True     # headers and body go out at once (no 40 ms delayed-ACK stalls)

        def log_message(self, *_args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            host = f"http://{self.headers['Host']}"
            kind, body = "text/html; charset=utf-8", b""
            if self.path == "/robots.txt":
                kind, body = "text/plain", b"User-agent: *\nAllow: /\n"
            elif self.path == "/sitemap_index.xml":
                kind = "application/xml"
                body = ("<sitemapindex>" + "".join(f"<sitemap><loc>{host}/sitemap-{i}.xml</loc></sitemap>"
                                                   for i in range(sitemaps)) + "</sitemapindex>").encode()
            elif self.path.startswith("/sitemap-"):
                first = int(self.path[len("/sitemap-"):-len(".xml")]) * PER_SITEMAP
                kind = "application/xml"
                body = ("<urlset>" + "".join(f"<url><loc>{host}{ARTICLE_PATH.format(n=n)}</loc></url>"
                                             for n in range(first, min(urls, first + PER_SITEMAP)))
                        + "</urlset>").encode()
            elif self.path.startswith("/berita/"):
                n = int(self.path.split("/")[4])
                page = encoded[n % len(encoded)]
                body = page.replace(b"</body>", f"<p>Salinan nomor {n} untuk uji kecepatan.</p></body>".encode(), 1)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_pipe.send(server.server_address[1])
    server.serve_forever()


def _fetcher_rate(base: str, count: int, folder: Path) -> tuple[float, float]:
    """(sorot Fetcher pages/s with a WARC archive, bare httpx pages/s) over the same `count` URLs, measured
    in alternating blocks of 50 so that both see the same load on a shared machine."""
    import httpx

    from sorot.fetch.archive import WarcArchive
    from sorot.fetch.client import Fetcher, FetchSettings
    from sorot.fetch.politeness import FakeClock

    urls = [base + ARTICLE_PATH.format(n=n) for n in range(count)]
    spent = {"bare": 0.0, "ours": 0.0}
    with httpx.Client() as client, WarcArchive(folder / "warc") as archive:
        fetcher = Fetcher(FetchSettings(delay=0.0), FakeClock(), archive)
        client.get(urls[0])
        fetcher.get(urls[0])
        for start in range(0, count, 50):
            block = urls[start:start + 50]
            began = time.perf_counter()
            for url in block:
                client.get(url).raise_for_status()
            spent["bare"] += time.perf_counter() - began
            began = time.perf_counter()
            for url in block:
                assert fetcher.get(url).ok
            spent["ours"] += time.perf_counter() - began
        fetcher.close()
    return count / spent["ours"], count / spent["bare"]


def sitemap_run(base: str, db: str, warc: str, mode: str) -> None:
    """The child process: one whole fetch of the sitemap index; prints its counts and peak RSS as JSON.

    mode "archive": fetch and archive only (the fetcher's own cost); "store": cleaning and the store too."""
    from sorot.fetch.crawl import fetch

    started = time.perf_counter()
    report = fetch(sitemaps=[base + "/sitemap_index.xml"], db=db, warc=warc, delay=0.0, stages="",
                   archive_only=mode == "archive")
    seconds = time.perf_counter() - started
    print(json.dumps({"discovered": report.discovered, "stored": report.counts.stored, "pages": report.pages,
                      "failures": report.failures, "seconds": seconds,
                      "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def _child_run(base: str, folder: Path, mode: str) -> dict:
    done = subprocess.run([sys.executable, __file__, base, str(folder / f"{mode}.duckdb"), str(folder / mode), mode],
                          check=True, capture_output=True, text=True, cwd=ROOT)
    run = json.loads(done.stdout.strip().splitlines()[-1])
    run["warc_mb"] = sum(p.stat().st_size for p in (folder / mode).glob("*")) / 1024 / 1024
    return run


def _with_server(pages: list[str], urls: int, work):  # noqa: ANN001, ANN202 (a callable of the base URL)
    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.get_context("fork").Process(target=_serve, args=(pages, urls, send), daemon=True)
    server.start()
    try:
        return work(f"http://127.0.0.1:{receive.recv()}")
    finally:
        server.terminate()


def measure_fetch(pages: list[str], urls: int = 10_000, fetcher_pages: int = 1000, stored_pages: int = 500) -> dict:
    """The fetcher alone against httpx, an archive-only run of a `urls`-URL sitemap, and a run that also
    cleans and stores `stored_pages` pages (each run with its own server: the sitemap sizes differ)."""
    with tempfile.TemporaryDirectory(prefix="sorot-bench-fetch-") as tmp:
        folder = Path(tmp)
        ours, bare = _with_server(pages, urls, lambda base: _fetcher_rate(base, min(fetcher_pages, urls), folder))
        archive = _with_server(pages, urls, lambda base: _child_run(base, folder, "archive"))
        stored = _with_server(pages, stored_pages, lambda base: _child_run(base, folder, "store"))
    return {"fetcher": ours, "bare": bare, "fetcher_pages": min(fetcher_pages, urls), "archive": archive,
            "stored": stored, "urls": urls}


def report_fetch(figures: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    archive, stored = figures["archive"], figures["stored"]
    table = Table(title="sorot fetch benchmark (local server in another process, zero delay)")
    for column in ("measure", "pages", "seconds", "pages/s", "notes"):
        table.add_column(column, justify="left" if column in ("measure", "notes") else "right")
    table.add_row("httpx.Client.get loop (baseline)", str(figures["fetcher_pages"]), "",
                  f"{figures['bare']:.0f}", "same URLs, same run")
    table.add_row("sorot Fetcher (robots, limits, WARC)", str(figures["fetcher_pages"]), "",
                  f"{figures['fetcher']:.0f}", f"{figures['fetcher'] / figures['bare']:.2f} x baseline")
    table.add_row(f"sorot fetch --archive-only, {figures['urls']:,}-URL sitemap", str(archive["pages"]),
                  f"{archive['seconds']:.1f}", f"{archive['pages'] / archive['seconds']:.0f}",
                  f"discovery, fetch, WARC ({archive['warc_mb']:.0f} MB), fetches table; peak RSS "
                  f"{archive['rss']:.0f} MB")
    table.add_row("sorot fetch, cleaning and store too", str(stored["pages"]), f"{stored['seconds']:.1f}",
                  f"{stored['pages'] / stored['seconds']:.0f}",
                  f"{stored['stored']} stored; peak RSS {stored['rss']:.0f} MB (imports, process start included)")
    Console(width=150).print(table)


if __name__ == "__main__":
    sitemap_run(*sys.argv[1:5])
