"""Benchmark: sorot's throughput on one core against trafilatura alone, and the whole `sorot run`.

Builds a corpus of >= 2,000 articles in a temporary folder from the example corpus (examples/, or the shared
seeds and HTML pages when examples/ is missing), each copy varied by one sentence so that every id differs.
Each measurement stops after --seconds (the pipeline can be slow while its stages grow): rates are computed
from what was done. Usage: .venv/bin/python scripts/bench.py [--articles 2000] [--seconds 60]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: no BLAS / torch thread pools
os.environ.setdefault("MKL_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "corpus"


def source_documents() -> tuple[list[str], list[str]]:
    """(texts, html pages) of the example corpus, or of the shared corpus when there is none."""
    texts, pages = _documents(ROOT / "examples")
    if not texts or not pages:  # the example corpus is incomplete: add the shared one
        more_texts, more_pages = _documents(SHARED)
        texts, pages = texts or more_texts, pages or more_pages
    if not texts or not pages:
        sys.exit("bench: no example corpus found (examples/ or ../shared/corpus)")
    return texts, pages


def _documents(folder: Path) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    pages: list[str] = []
    if folder.exists():
        for path in sorted(folder.rglob("*")):
            if path.name.startswith(".") or path.name.lower().startswith("readme") or ".gold" in path.name:
                continue
            if path.suffix == ".txt":
                texts.append(path.read_text(encoding="utf-8", errors="replace"))
            elif path.suffix in (".html", ".htm"):
                pages.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts, pages


def variant_sentence(number: int) -> str:
    return f"Laporan ini merupakan salinan ke-{number} yang dibuat untuk keperluan pengujian kecepatan."


def build_corpus(folder: Path, articles: int) -> tuple[list[Path], list[Path]]:
    """`articles` text files and a tenth as many HTML files, each varied so that its id is its own."""
    texts, pages = source_documents()
    (folder / "text").mkdir(parents=True)
    (folder / "html").mkdir()
    text_files, html_files = [], []
    for n in range(articles):
        path = folder / "text" / f"article_{n:05d}.txt"
        path.write_text(texts[n % len(texts)].rstrip() + "\n\n" + variant_sentence(n) + "\n", encoding="utf-8")
        text_files.append(path)
    for n in range(max(len(pages), articles // 10)):
        page = pages[n % len(pages)]
        marker = "</article>" if "</article>" in page else "</body>"
        path = folder / "html" / f"page_{n:05d}.html"
        path.write_text(page.replace(marker, f"<p>{variant_sentence(n)}</p>{marker}", 1), encoding="utf-8")
        html_files.append(path)
    return text_files, html_files


def timed(items: list, work: Callable, seconds: float) -> tuple[int, float]:
    """(items done, seconds taken), stopping after `seconds`."""
    started = time.perf_counter()
    done = 0
    for item in items:
        work(item)
        done += 1
        if time.perf_counter() - started > seconds:
            break
    return done, time.perf_counter() - started


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KB


def measure_pipeline(paths: list[Path], fmt: str, seconds: float) -> dict:
    from sorot.clean import clean
    from sorot.pipeline import STAGES
    from sorot.schema import RawDoc, article_id

    per_stage: dict[str, float] = {"clean": 0.0, **{name: 0.0 for name, _ in STAGES}}

    def one(path: Path) -> None:
        raw = RawDoc(source=path.name, content=path.read_text(encoding="utf-8"), format=fmt, location=str(path))
        start = time.perf_counter()
        article = clean(raw)
        per_stage["clean"] += time.perf_counter() - start
        for name, stage in STAGES:
            start = time.perf_counter()
            article = stage(article)
            per_stage[name] += time.perf_counter() - start
        article.id = article_id(article.text, article.source)

    warm_started = time.perf_counter()
    one(paths[0])  # loads models, lexicons and the knowledge base once
    warm_up = time.perf_counter() - warm_started
    per_stage = dict.fromkeys(per_stage, 0.0)
    done, took = timed(paths[1:], one, seconds)
    return {"done": done, "seconds": took, "rate": done / took, "warm_up": warm_up,
            "stages": {k: v / max(done, 1) * 1000 for k, v in per_stage.items()}}


def measure_trafilatura(paths: list[Path], seconds: float) -> dict:
    import trafilatura

    pages = [p.read_text(encoding="utf-8") for p in paths]
    trafilatura.extract(pages[0])
    done, took = timed(pages, trafilatura.extract, seconds)
    return {"done": done, "seconds": took, "rate": done / took}


def measure_run(folder: Path, files: list[Path], count: int, timeout: float) -> dict:
    """The whole `sorot run` (reading, pipeline, store) in a subprocess, on `count` text files."""
    subset = folder / "run_input"
    subset.mkdir()
    for path in files[:count]:
        (subset / path.name).symlink_to(path)
    db = folder / "bench.duckdb"
    started = time.perf_counter()
    try:
        subprocess.run([str(ROOT / ".venv" / "bin" / "sorot"), "run", str(subset), "--db", str(db), "--quiet"],
                       check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"sorot run stopped after {timeout:.0f} s")
    took = time.perf_counter() - started
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        # inputs processed (several copies may share one body, and so one article)
        stored = con.execute("SELECT count(*) FROM inputs").fetchone()[0]
    return {"done": stored, "seconds": took, "rate": stored / took, "rss": peak_rss_mb(resource.RUSAGE_CHILDREN)}


def report(text: dict, html: dict, reference: dict, run: dict, articles: int) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"sorot benchmark (one core, corpus of {articles} text + {articles // 10} HTML articles)")
    for column in ("measure", "articles", "seconds", "articles/s", "notes"):
        table.add_column(column, justify="right" if column not in ("measure", "notes") else "left")
    table.add_row("sorot pipeline, text input", str(text["done"]), f"{text['seconds']:.1f}", f"{text['rate']:.1f}",
                  f"goal >= 100/s; warm-up {text['warm_up']:.1f} s")
    table.add_row("sorot pipeline, HTML input", str(html["done"]), f"{html['seconds']:.1f}", f"{html['rate']:.1f}",
                  f"{html['rate'] / reference['rate']:.2f} x trafilatura")
    table.add_row("trafilatura.extract alone, HTML", str(reference["done"]), f"{reference['seconds']:.1f}",
                  f"{reference['rate']:.1f}", "reference")
    table.add_row("sorot run (store included), text", str(run["done"]), f"{run['seconds']:.1f}",
                  f"{run['rate']:.1f}", f"peak RSS {run['rss']:.0f} MB (process start included)")
    console = Console(width=130)
    console.print(table)
    stages = Table(title="milliseconds per article by stage")
    stages.add_column("stage")
    stages.add_column("text", justify="right")
    stages.add_column("HTML", justify="right")
    for name in text["stages"]:
        stages.add_row(name, f"{text['stages'][name]:.1f}", f"{html['stages'][name]:.1f}")
    console.print(stages)
    console.print(f"peak RSS of the in-process pipeline: {peak_rss_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="text articles in the generated corpus")
    parser.add_argument("--seconds", type=float, default=60.0, help="time limit of each measurement")
    parser.add_argument("--fetch", action="store_true", help="only the fetcher benchmark (scripts/bench_fetch.py)")
    parser.add_argument("--fetch-urls", type=int, default=10_000, help="URLs in the fetcher's sitemap run")
    parser.add_argument("--api", action="store_true", help="only the API latency benchmark (scripts/bench_api.py)")
    parser.add_argument("--api-articles", type=int, default=20_000, help="synthetic articles in the API's store")
    parser.add_argument("--length", action="store_true", help="only the length scaling (scripts/bench_length.py)")
    args = parser.parse_args()
    if args.fetch:
        return measure_and_report_fetch(args.fetch_urls)
    if args.api:
        return measure_and_report_api(args.api_articles)
    if args.length:
        return measure_and_report_length()
    with tempfile.TemporaryDirectory(prefix="sorot-bench-") as tmp:
        folder = Path(tmp)
        text_files, html_files = build_corpus(folder, max(args.articles, 2))
        print(f"corpus: {len(text_files)} text and {len(html_files)} HTML files in {folder}", flush=True)
        text = measure_pipeline(text_files, "text", args.seconds)
        html = measure_pipeline(html_files, "html", args.seconds)
        reference = measure_trafilatura(html_files, args.seconds)
        # size the whole run so that it takes about --seconds at the measured pipeline rate
        count = max(20, min(len(text_files), int(text["rate"] * args.seconds)))
        run = measure_run(folder, text_files, count, timeout=max(args.seconds * 3, 120))
        report(text, html, reference, run, len(text_files))
    measure_and_report_fetch(args.fetch_urls)
    measure_and_report_api(args.api_articles)
    measure_and_report_length()


def measure_and_report_length() -> None:
    """One document of 10 KB, 100 KB and 1 MB through the pipeline: time ratios show near-linear growth."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_length import measure_length, report_length

    report_length(measure_length())


def measure_and_report_api(articles: int) -> None:
    """p50/p95 latency of the HTTP API's list endpoints and dyad series on a store of `articles` articles."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_api import measure_api, report_api

    report_api(measure_api(articles))


def measure_and_report_fetch(urls: int) -> None:
    """Pages per second of the fetcher from a local server, and the memory of a sitemap run."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_fetch import measure_fetch, report_fetch

    report_fetch(measure_fetch(source_documents()[1], urls))


if __name__ == "__main__":
    main()
