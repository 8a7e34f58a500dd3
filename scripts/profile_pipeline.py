"""Where the pipeline spends its CPU time: per stage (ms per article) and per function (cProfile).

    python scripts/profile_pipeline.py --pages ../shared/corpus/pages --output out/profile.txt     (make profile)

Every page of the folder (.txt as scraped text, .html/.htm as HTML) goes through the pipeline as the runner
runs it: `sorot.pipeline.process_batch` over parts of --batch documents (NER over each part at once), after
a warm-up on two pages that loads the models, lexicons and knowledge base (its time is reported apart). Each
stage is timed through the registry (`replace_stage` with a timed copy of its function and of its batch
function), cleaning through the pipeline's `clean`. Two passes over the same pages:
1. stage timing without a profiler, so the milliseconds are not inflated by cProfile;
2. the same work under cProfile, for the top functions by cumulative time (a function and all it calls)
   and by own time (the function's own code, the hot spots to look at first).
Times are CPU time of this process (time.process_time), not wall time: on a machine shared with other
work, wall time counts their turns on the CPU too. The per-stage table is printed; the whole report is
written to --output.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import sysconfig
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import sorot.pipeline
from sorot.pipeline import process_batch, registered_stages, replace_stage, restore_stage
from sorot.schema import Article, RawDoc

FORMATS: dict[str, Literal["text", "html"]] = {".txt": "text", ".html": "html", ".htm": "html"}
PART_SIZE = 32   # documents per part, as sorot.runner gives them to process_batch
# (file, line, function) -> (primitive calls, all calls, own seconds, cumulative seconds, callers)
FunctionStats = dict[tuple[str, int, str], tuple[int, int, float, float, object]]


@dataclass
class StageTimes:
    seconds: dict[str, float] = field(
        default_factory=lambda: {"clean": 0.0, **{spec.name: 0.0 for spec in registered_stages()}})
    articles: int = 0


def read_pages(folder: Path) -> list[RawDoc]:
    """The folder's pages in name order, as the runner would give them (README and lists left out)."""
    pages = []
    for path in sorted(folder.iterdir()):
        fmt = FORMATS.get(path.suffix.lower())
        if fmt is None or not path.is_file():
            continue
        content = path.read_bytes().decode("utf-8", errors="replace")
        pages.append(RawDoc(source=path.name, content=content, format=fmt, location=str(path)))
    return pages


def _timed(function: Callable[..., Any], seconds: dict[str, float], name: str) -> Callable[..., Any]:
    def timed(*args: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args)
        finally:
            seconds[name] += time.process_time() - start
    return timed


@contextmanager
def timed_stages(times: StageTimes) -> Iterator[None]:
    """Every registered stage (its function and its batch function) and cleaning, adding their CPU time
    to `times` while the block runs; the registry is as it was afterwards."""
    replaced = [replace_stage(spec.name, _timed(spec.run, times.seconds, spec.name),
                              _timed(spec.batch, times.seconds, spec.name) if spec.batch else None)
                for spec in registered_stages()]
    original_clean = sorot.pipeline.clean
    sorot.pipeline.clean = _timed(original_clean, times.seconds, "clean")  # type: ignore[attr-defined]
    try:
        yield
    finally:
        sorot.pipeline.clean = original_clean  # type: ignore[attr-defined]
        for spec in replaced:
            restore_stage(spec)


def run_parts(pages: Sequence[RawDoc], part_size: int) -> list[Article | BaseException]:
    """The pipeline over `pages` in parts of `part_size`, as the runner runs it."""
    results: list[Article | BaseException] = []
    for start in range(0, len(pages), part_size):
        results += process_batch(pages[start:start + part_size])
    return results


def stage_table(times: StageTimes, warm_up: float) -> str:
    total = sum(times.seconds.values())
    per_article = 1000 / max(times.articles, 1)
    lines = [f"{'stage':<10} {'ms/article':>10} {'share':>7}"]
    for name, seconds in times.seconds.items():
        lines.append(f"{name:<10} {seconds * per_article:>10.2f} {seconds / max(total, 1e-9):>7.1%}")
    lines.append(f"{'total':<10} {total * per_article:>10.2f} {1:>7.0%}")
    lines.append(f"{times.articles} articles, {times.articles / max(total, 1e-9):.1f} articles per CPU second; "
                 f"warm-up (models, lexicons, knowledge base, two pages) {warm_up:.2f} s")
    return "\n".join(lines)


def _short_path(filename: str) -> str:
    """Paths relative to the package or site-packages, so that the report reads `sorot/kb/linker.py`."""
    prefixes = [str(Path(__file__).resolve().parents[1] / "src") + "/", sysconfig.get_paths()["purelib"] + "/",
                sysconfig.get_paths()["stdlib"] + "/"]
    for prefix in prefixes:
        if filename.startswith(prefix):
            return filename[len(prefix):]
    return filename


def function_table(stats: FunctionStats, key: Callable[[tuple[int, int, float, float, object]], float],
                   articles: int, top: int) -> str:
    per_article = 1000 / max(articles, 1)
    rows = sorted(stats.items(), key=lambda item: key(item[1]), reverse=True)[:top]
    lines = [f"{'calls':>10} {'own ms/art':>10} {'cum ms/art':>10}  function"]
    for (filename, line, function), (_primitive, calls, own, cumulative, _callers) in rows:
        where = f"{_short_path(filename)}:{line}({function})" if line else function
        lines.append(f"{calls:>10} {own * per_article:>10.3f} {cumulative * per_article:>10.3f}  {where}")
    return "\n".join(lines)


def profile_functions(pages: Sequence[RawDoc], part_size: int) -> FunctionStats:
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    run_parts(pages, part_size)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    return stats.stats  # type: ignore[attr-defined]  # the table pstats keeps is not in its stubs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=Path("../shared/corpus/pages"))
    parser.add_argument("--output", type=Path, default=Path("out/profile.txt"))
    parser.add_argument("--top", type=int, default=30, help="functions listed in each table")
    parser.add_argument("--batch", type=int, default=PART_SIZE, help="documents per part (process_batch)")
    args = parser.parse_args(argv)
    if not args.pages.is_dir():
        print(f"error: no folder of pages at {args.pages}", file=sys.stderr)
        return 2
    pages = read_pages(args.pages)
    if len(pages) < 2:
        print(f"error: {args.pages} has fewer than two .txt/.html pages", file=sys.stderr)
        return 2

    part_size = max(args.batch, 1)
    started = time.process_time()
    run_parts(pages[:2], part_size)
    warm_up = time.process_time() - started
    times = StageTimes(articles=len(pages))
    with timed_stages(times):
        run_parts(pages, part_size)
    stats = profile_functions(pages, part_size)

    stages = stage_table(times, warm_up)
    report = "\n\n".join([
        f"sorot profile: {len(pages)} pages of {args.pages} in parts of {part_size} (CPU time; pass 1: stage "
        "timing without profiler)",
        stages,
        f"top {args.top} functions by cumulative time (pass 2, under cProfile: times inflated by its overhead)",
        function_table(stats, lambda row: row[3], len(pages), args.top),
        f"top {args.top} functions by own time",
        function_table(stats, lambda row: row[2], len(pages), args.top),
    ])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report + "\n", encoding="utf-8")
    print(stages)
    print(f"report: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
