"""`sorot fetch` on the command line: options, the summary, the archive, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import duckdb
from tests.fetch.site import Route, Site, article_page
from typer.testing import CliRunner

from sorot.cli import app

runner = CliRunner()
PATHS = ["/dunia/2024/06/03/indonesia-dan-vietnam-sepakati-batas-zee",
         "/dunia/2024/06/04/filipina-protes-kapal-patroli-asing"]


def _site() -> Site:
    site = Site().start()
    site.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", "text/plain")
    site.routes[PATHS[0]] = Route(article_page(
        "Indonesia dan Vietnam sepakati batas ZEE", "2024-06-03T11:00:00+07:00", "Sari Wulandari",
        ["HANOI - Indonesia dan Vietnam menyepakati garis batas zona ekonomi eksklusif di Laut Natuna Utara.",
         "Kesepakatan itu diteken setelah perundingan yang berlangsung lebih dari sepuluh tahun."]))
    site.routes[PATHS[1]] = Route(article_page(
        "Filipina protes kapal patroli asing", "2024-06-04T11:00:00+07:00", "Sari Wulandari",
        ["MANILA - Pemerintah Filipina melayangkan nota protes atas kehadiran kapal patroli asing di "
         "perairannya.", "Kementerian Luar Negeri Filipina memanggil duta besar negara tersebut."]))
    return site


def test_fetch_urls_into_a_store_and_an_archive(tmp_path: Path) -> None:
    site = _site()
    try:
        listing = tmp_path / "urls.txt"
        listing.write_text(site.url(PATHS[1]) + "\n", encoding="utf-8")
        result = runner.invoke(app, ["fetch", site.url(PATHS[0]), "--urls", str(listing), "--db",
                                     str(tmp_path / "s.duckdb"), "--warc", str(tmp_path / "warc"), "--delay", "0",
                                     "--stages", ""])
    finally:
        site.stop()
    assert result.exit_code == 0, result.output
    assert "2 article URLs found" in result.output and "0 failed" in result.output
    with duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True) as con:
        assert sorted(r[0] for r in con.execute("SELECT url FROM articles").fetchall()) == [site.url(p) for p in PATHS]
    assert len(list((tmp_path / "warc").glob("*.warc.gz"))) == 1


def test_nothing_to_fetch_and_bad_options_are_one_line_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["fetch", "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 2 and "nothing to fetch" in result.output
    result = runner.invoke(app, ["fetch", "https://kabar.id/a-b-c", "--since", "kemarin"])
    assert result.exit_code == 2 and "--since" in result.output and len(result.output.strip().splitlines()) == 1
    result = runner.invoke(app, ["fetch", "https://kabar.id/a-b-c", "--archive-only"])
    assert result.exit_code == 2 and "--warc" in result.output
    assert not (tmp_path / "s.duckdb").exists()


def test_sorot_fetch_from_python(tmp_path: Path) -> None:
    import sorot
    import sorot.fetch.crawl  # importing the package's modules keeps sorot.fetch callable

    site = _site()
    try:
        report = sorot.fetch([site.url(PATHS[0])], db=tmp_path / "s.duckdb", delay=0.0, stages="")
    finally:
        site.stop()
    assert isinstance(report, sorot.fetch.crawl.FetchReport)
    assert report.counts.stored == 1 and report.requests[-1].url == site.url(PATHS[0])
