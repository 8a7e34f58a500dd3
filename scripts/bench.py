"""Benchmark: the whole `sorot run` (reading, pipeline, store) on one core, with trafilatura alone as reference.

    .venv/bin/python scripts/bench.py [--texts 1000] [--pages 200] [--json out/bench.json]     (make bench)

A corpus is built in a temporary folder from real-shaped documents: the shared real pages and seeds
(../shared/corpus) and the team's example texts, cycled to --texts text files, and the real and example
HTML pages cycled to --pages HTML files; every copy gets a sentence of its own, so that every input and
article id differs. Each part (texts, HTML) is run end to end by `sorot.runner.run_paths` into a fresh
DuckDB store, in a child process pinned to one core, after a warm-up that loads the models (its time is
reported apart). The child times every stage through the pipeline's registry, with its batch function (CPU
time: on a machine shared with other work, wall time counts their turns too), reading, the store writes and
the corpus layer, and reports its peak RSS.
The rates are printed per wall second and per CPU second; trafilatura's `extract` over the same HTML
pages gives the reference ratio, as before.

`--api`, `--fetch` and `--length` run only the API latency, fetcher and length-scaling benchmarks.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: no BLAS / torch thread pools
os.environ.setdefault("MKL_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "corpus"
# example folders of real-shaped articles (examples/broken holds hostile inputs, not articles)
EXAMPLE_FOLDERS = ("text", "heldout", "stories", "html")
CHILD_MARK = "BENCH-RESULT "   # the line of the child's output that carries its measurements
WARM_UP_DOCUMENTS = 5         # processed before the clock starts: what stages load on first need is loaded


def source_documents() -> tuple[list[str], list[str]]:
    """(texts, HTML pages): the shared real corpus (pages, seeds, HTML) and the team's example articles."""
    texts, pages = _documents(SHARED)
    for folder in EXAMPLE_FOLDERS:
        more_texts, more_pages = _documents(ROOT / "examples" / folder)
        texts += more_texts
        pages += more_pages
    if not texts or not pages:
        sys.exit("bench: no corpus found (../shared/corpus or examples/)")
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


def build_corpus(folder: Path, texts_wanted: int, pages_wanted: int) -> tuple[Path, Path]:
    """Folders of `texts_wanted` text files and `pages_wanted` HTML files, each varied to be its own."""
    texts, pages = source_documents()
    text_dir, html_dir = folder / "text", folder / "html"
    text_dir.mkdir(parents=True)
    html_dir.mkdir()
    for n in range(texts_wanted):
        body = texts[n % len(texts)].rstrip() + "\n\n" + variant_sentence(n) + "\n"
        (text_dir / f"article_{n:05d}.txt").write_text(body, encoding="utf-8")
    for n in range(pages_wanted):
        page = pages[n % len(pages)]
        marker = "</article>" if "</article>" in page else "</body>"
        (html_dir / f"page_{n:05d}.html").write_text(
            page.replace(marker, f"<p>{variant_sentence(n)}</p>{marker}", 1), encoding="utf-8")
    return text_dir, html_dir


# ------------------------------------------------------------------ the child: one end-to-end run, timed

class Clock:
    """CPU seconds spent in each wrapped function, by part name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.open: set[str] = set()   # parts being timed now: a call inside one (save_batch -> save_tables)
                                      # is not counted twice

    def wrap(self, part: str, function: Callable[..., Any]) -> Callable[..., Any]:
        self.seconds.setdefault(part, 0.0)
        self.calls.setdefault(part, 0)

        def timed(*args: Any, **kwargs: Any) -> Any:
            if part in self.open:
                return function(*args, **kwargs)
            self.open.add(part)
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[part] += time.process_time() - start
                self.calls[part] += 1
                self.open.discard(part)
        return timed

    def reset(self) -> None:
        self.seconds = dict.fromkeys(self.seconds, 0.0)
        self.calls = dict.fromkeys(self.calls, 0)


def instrument(clock: Clock) -> None:
    """Wrap cleaning, each pipeline stage, reading, the store's writes and the corpus layer with `clock`.

    The runner and the pipeline look these names up when they call them, so replacing the module
    attributes times the real run without a hook in the product code."""
    import sorot.corpus
    import sorot.pipeline
    import sorot.runner
    from sorot.store import Store

    sorot.pipeline.clean = clock.wrap("clean", sorot.pipeline.clean)  # type: ignore[attr-defined]
    if not hasattr(sorot.pipeline, "registered_stages"):   # an older checkout (a baseline): a plain list
        sorot.pipeline.STAGES[:] = [(name, clock.wrap(name, run)) for name, run in sorot.pipeline.STAGES]
    for spec in getattr(sorot.pipeline, "registered_stages", list)():  # each stage and its batch function
        sorot.pipeline.replace_stage(spec.name, clock.wrap(spec.name, spec.run),
                                     clock.wrap(spec.name, spec.batch) if spec.batch else None)
    # read_file is a generator: the reading and decoding happen as it is consumed, so the clock consumes it
    read_file = sorot.runner.read_file  # type: ignore[attr-defined]
    sorot.runner.read_file = clock.wrap("read", lambda *args: list(read_file(*args)))  # type: ignore[attr-defined]
    for method in ("save_batch", "save_tables", "is_unchanged", "unchanged", "save_rejected", "snapshot"):
        if hasattr(Store, method):
            setattr(Store, method, clock.wrap("store", getattr(Store, method)))
    sorot.corpus.update = clock.wrap("corpus", sorot.corpus.update)


def run_child(fmt: str, inputs: Path, db: Path) -> dict[str, Any]:
    """`run_paths(inputs)` into `db` on one core, after a warm-up; the measurements as a dict."""
    cores = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cores[-1]})
    clock = Clock()
    instrument(clock)
    from sorot.pipeline import process_raw
    from sorot.runner import run_paths
    from sorot.schema import RawDoc

    warm_started = time.perf_counter()
    for sample in sorted(inputs.iterdir())[:WARM_UP_DOCUMENTS]:  # models, lexicons, lazy imports
        process_raw(RawDoc(sample.name, sample.read_text(encoding="utf-8"), fmt))  # type: ignore[arg-type]
    # the corpus layer imports datasketch (and with it scipy) at its first update: a start-up cost, not a
    # per-article one, counted in the warm-up like the models
    import datasketch  # noqa: F401
    warm_up = time.perf_counter() - warm_started
    clock.reset()
    wall, cpu = time.perf_counter(), time.process_time()
    counts = run_paths([inputs], db)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    documents = counts.stored + counts.updated + counts.unchanged + len(counts.rejected)
    return {"format": fmt, "documents": documents, "stored": counts.stored, "rejected": len(counts.rejected),
            "wall": wall, "cpu": cpu, "warm_up": warm_up, "cpu_by_part": clock.seconds,
            "articles": clock.calls.get("clean", 0), "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KB


def measure_run(fmt: str, inputs: Path, db: Path, timeout: float) -> dict[str, Any] | None:
    """One end-to-end run in a child process (so that its memory is its own); None when it failed."""
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, __file__, "--child", fmt, str(inputs), str(db)],
                              capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        print(f"bench: the {fmt} run took over {timeout:.0f} s and was stopped", file=sys.stderr)
        return None
    lines = [line for line in done.stdout.splitlines() if line.startswith(CHILD_MARK)]
    if done.returncode != 0 or not lines:
        print(f"bench: the {fmt} run failed (exit {done.returncode}): {done.stderr.strip()[-2000:]}",
              file=sys.stderr)
        return None
    result: dict[str, Any] = json.loads(lines[-1][len(CHILD_MARK):])
    result["process_wall"] = time.perf_counter() - started  # start-up, model loading and the run
    return result


def measure_trafilatura(folder: Path) -> dict[str, Any]:
    """trafilatura.extract alone over the same HTML pages, on one core (the reference of the HTML ratio)."""
    import trafilatura

    pages = [path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())]
    cores = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cores[-1]})
    trafilatura.extract(pages[0])
    wall, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        trafilatura.extract(page)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    os.sched_setaffinity(0, set(cores))
    return {"documents": len(pages), "wall": wall, "cpu": cpu}


# ------------------------------------------------------------------ the report

STAGE_ORDER = ("read", "clean", "meta", "nlp", "link", "quotes", "events", "store", "corpus")


def stage_split(run: dict[str, Any]) -> dict[str, float]:
    """ms of CPU per article for each part, in pipeline order, and what no part accounts for ("other")."""
    parts = run["cpu_by_part"]
    names = [n for n in STAGE_ORDER if n in parts] + sorted(set(parts) - set(STAGE_ORDER))
    per_article = 1000 / max(run["documents"], 1)
    split = {name: parts[name] * per_article for name in names}
    split["other"] = max(run["cpu"] - sum(parts.values()), 0.0) * per_article
    split["total"] = run["cpu"] * per_article
    return split


def report(runs: dict[str, dict[str, Any] | None], reference: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=130)
    table = Table(title="sorot run end to end (run_paths into DuckDB, one core, after the warm-up)")
    for column in ("input", "documents", "wall s", "articles/s", "per CPU s", "peak RSS MB", "notes"):
        table.add_column(column, justify="left" if column in ("input", "notes") else "right")
    reference_rate = reference["documents"] / max(reference["cpu"], 1e-9)
    for fmt, run in runs.items():
        if run is None:
            table.add_row(fmt, "-", "-", "-", "-", "-", "failed: see the message above")
            continue
        cpu_rate = run["documents"] / max(run["cpu"], 1e-9)
        note = f"goal >= 100/s, <= 500 MB; warm-up {run['warm_up']:.1f} s, process {run['process_wall']:.0f} s"
        if fmt == "html":
            note = f"{cpu_rate / reference_rate:.2f} x trafilatura (CPU); " + note
        table.add_row(fmt, str(run["documents"]), f"{run['wall']:.1f}", f"{run['documents'] / run['wall']:.1f}",
                      f"{cpu_rate:.1f}", f"{run['peak_rss_mb']:.0f}", note)
    table.add_row("trafilatura.extract alone, html", str(reference["documents"]), f"{reference['wall']:.1f}",
                  f"{reference['documents'] / reference['wall']:.1f}", f"{reference_rate:.1f}", "-", "reference")
    console.print(table)
    splits = {fmt: stage_split(run) for fmt, run in runs.items() if run is not None}
    if not splits:
        return
    stages = Table(title="CPU milliseconds per article by part of the run")
    stages.add_column("part")
    for fmt in splits:
        stages.add_column(fmt, justify="right")
    for name in next(iter(splits.values())):
        stages.add_row(name, *(f"{split.get(name, 0.0):.2f}" for split in splits.values()))
    console.print(stages)
    console.print(f"peak RSS of the children: {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", "--articles", type=int, default=1000, help="text files in the corpus")
    parser.add_argument("--pages", type=int, default=200, help="HTML files in the corpus")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds one end-to-end run may take")
    parser.add_argument("--json", type=Path, help="also write the measurements to this file")
    parser.add_argument("--pipeline-only", action="store_true",
                        help="only the end-to-end runs and trafilatura (no fetch, API or length benchmarks)")
    parser.add_argument("--fetch", action="store_true", help="only the fetcher benchmark (scripts/bench_fetch.py)")
    parser.add_argument("--fetch-urls", type=int, default=10_000, help="URLs in the fetcher's sitemap run")
    parser.add_argument("--api", action="store_true", help="only the API latency benchmark (scripts/bench_api.py)")
    parser.add_argument("--api-articles", type=int, default=20_000, help="synthetic articles in the API's store")
    parser.add_argument("--length", action="store_true", help="only the length scaling (scripts/bench_length.py)")
    parser.add_argument("--child", nargs=3, metavar=("FORMAT", "INPUTS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        fmt, inputs, db = args.child
        print(CHILD_MARK + json.dumps(run_child(fmt, Path(inputs), Path(db))), flush=True)
        return None
    if args.fetch:
        return measure_and_report_fetch(args.fetch_urls)
    if args.api:
        return measure_and_report_api(args.api_articles)
    if args.length:
        return measure_and_report_length()
    with tempfile.TemporaryDirectory(prefix="sorot-bench-") as tmp:
        folder = Path(tmp)
        text_dir, html_dir = build_corpus(folder, max(args.texts, 1), max(args.pages, 1))
        print(f"corpus: {args.texts} text and {args.pages} HTML files in {folder}", flush=True)
        runs = {fmt: measure_run(fmt, inputs, folder / f"{fmt}.duckdb", args.timeout)
                for fmt, inputs in (("text", text_dir), ("html", html_dir))}
        reference = measure_trafilatura(html_dir)
        report(runs, reference)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"runs": runs, "trafilatura": reference}, indent=1) + "\n",
                                 encoding="utf-8")
    if not args.pipeline_only:
        measure_and_report_fetch(args.fetch_urls)
        measure_and_report_api(args.api_articles)
        measure_and_report_length()
    return None


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
