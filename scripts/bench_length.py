"""Length scaling: the pipeline's time on one document of 10 KB, 100 KB and 1 MB, per stage, as ratios.

A document ten times longer should take about ten times as long (near-linear growth); a stage whose time
grows with the square of the length shows a ratio near 100 for 10x the length. The documents are made of the
example corpus's paragraphs, in order, until the size is reached. Run through `make bench` (bench.py) or
alone: .venv/bin/python scripts/bench_length.py [--sizes 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (10_000, 100_000, 1_000_000)


def body_paragraphs() -> list[str]:
    """The body paragraphs (as cleaning finds them) of the example texts, or of the shared seeds."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench import source_documents

    from sorot.clean import clean
    from sorot.schema import RawDoc

    bodies = [clean(RawDoc("corpus.txt", text, "text")).text for text in source_documents()[0]]
    return [p.strip() for body in bodies for p in body.split("\n\n") if len(p.strip()) > 80]


def long_document(size: int, paragraphs: list[str] | None = None) -> str:
    """Body paragraphs of the example corpus, each numbered so that none repeats, until `size` characters."""
    paragraphs = paragraphs or body_paragraphs()
    parts, length, n = [], 0, 0
    while length < size:
        paragraph = f"{paragraphs[n % len(paragraphs)]} (bagian {n})"
        parts.append(paragraph)
        length += len(paragraph) + 2
        n += 1
    return "\n\n".join(parts)[:size]


def measure_length(sizes: tuple[int, ...] = SIZES) -> list[dict]:
    """Seconds per stage for one document of each size (after a warm-up that loads the models)."""
    from sorot.clean import clean
    from sorot.pipeline import STAGES, process_raw
    from sorot.schema import RawDoc

    paragraphs = body_paragraphs()
    process_raw(RawDoc("warm-up.txt", long_document(3000, paragraphs), "text"))
    results = []
    for size in sizes:
        raw = RawDoc(f"long-{size}.txt", long_document(size, paragraphs), "text")
        start = time.perf_counter()
        article = clean(raw)
        stages = {"clean": time.perf_counter() - start}
        for name, stage in STAGES:
            start = time.perf_counter()
            article = stage(article)
            stages[name] = time.perf_counter() - start
        results.append({"size": size, "seconds": sum(stages.values()), "stages": stages, "body": len(article.text)})
        print(f"length {size:,} characters ({len(article.text):,} of body text): {results[-1]['seconds']:.1f} s",
              flush=True)
    return results


def report_length(results: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    base = results[0]
    table = Table(title="length scaling: one document, seconds (ratio to the smallest; linear = length ratio)")
    table.add_column("stage")
    for result in results:
        table.add_column(f"{result['size'] // 1000} KB", justify="right")
    for name in ["total", *base["stages"]]:
        cells = []
        for result in results:
            value = result["seconds"] if name == "total" else result["stages"][name]
            reference = base["seconds"] if name == "total" else base["stages"][name]
            ratio = value / reference if reference > 1e-4 else float("nan")
            cells.append(f"{value:.2f}" + ("" if result is base else f" (x{ratio:.0f})"))
        table.add_row(name, *cells)
    Console(width=130).print(table)
    for result in results[1:]:
        growth = (result["seconds"] / base["seconds"]) / (result["size"] / base["size"])
        print(f"{result['size'] // 1000} KB vs {base['size'] // 1000} KB: time ratio / length ratio = {growth:.2f} "
              "(1.0 is linear; quadratic would be the length ratio itself)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="document lengths in characters")
    args = parser.parse_args()
    report_length(measure_length(tuple(int(s) for s in args.sizes.split(","))))


if __name__ == "__main__":
    main()
