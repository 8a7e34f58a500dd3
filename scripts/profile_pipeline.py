"""Where the pipeline spends its CPU time: per stage (ms per article) and per function (cProfile).

    python scripts/profile_pipeline.py --pages ../shared/corpus/pages --output out/profile.txt     (make profile)

Every page of the folder (.txt as scraped text, .html/.htm as HTML) goes through `clean` and the stages of
`sorot.pipeline.STAGES`, as `process_raw` runs them, after one warm-up article that loads the models,
lexicons and knowledge base (its time is reported apart). Two passes over the same pages:
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sorot.clean import clean
from sorot.pipeline import STAGES
from sorot.schema import Article, RawDoc, article_id

FORMATS: dict[str, Literal["text", "html"]] = {".txt": "text", ".html": "html", ".htm": "html"}
# (file, line, function) -> (primitive calls, all calls, own seconds, cumulative seconds, callers)
FunctionStats = dict[tuple[str, int, str], tuple[int, int, float, float, object]]


@dataclass
class StageTimes:
    seconds: dict[str, float] = field(default_factory=lambda: {"clean": 0.0, **{n: 0.0 for n, _ in STAGES}})
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


def run_stages(raw: RawDoc, times: StageTimes | None = None) -> Article:
    """`process_raw`, with each stage's CPU time added to `times`."""
    clock = time.process_time
    start = clock()
    article = clean(raw)
    if times is not None:
        times.seconds["clean"] += clock() - start
    for name, stage in STAGES:
        start = clock()
        article = stage(article)
        if times is not None:
            times.seconds[name] += clock() - start
    article.id = article_id(article.text, article.source)
    if times is not None:
        times.articles += 1
    return article


def stage_table(times: StageTimes, warm_up: float) -> str:
    total = sum(times.seconds.values())
    per_article = 1000 / max(times.articles, 1)
    lines = [f"{'stage':<10} {'ms/article':>10} {'share':>7}"]
    for name, seconds in times.seconds.items():
        lines.append(f"{name:<10} {seconds * per_article:>10.2f} {seconds / max(total, 1e-9):>7.1%}")
    lines.append(f"{'total':<10} {total * per_article:>10.2f} {1:>7.0%}")
    lines.append(f"{times.articles} articles, {times.articles / max(total, 1e-9):.1f} articles per CPU second; "
                 f"warm-up (models, lexicons, knowledge base, first article) {warm_up:.2f} s")
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


def profile_functions(pages: Sequence[RawDoc]) -> FunctionStats:
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for raw in pages:
        run_stages(raw)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    return stats.stats  # type: ignore[attr-defined]  # the table pstats keeps is not in its stubs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=Path("../shared/corpus/pages"))
    parser.add_argument("--output", type=Path, default=Path("out/profile.txt"))
    parser.add_argument("--top", type=int, default=30, help="functions listed in each table")
    args = parser.parse_args(argv)
    if not args.pages.is_dir():
        print(f"error: no folder of pages at {args.pages}", file=sys.stderr)
        return 2
    pages = read_pages(args.pages)
    if len(pages) < 2:
        print(f"error: {args.pages} has fewer than two .txt/.html pages", file=sys.stderr)
        return 2

    started = time.process_time()
    run_stages(pages[0])
    warm_up = time.process_time() - started
    times = StageTimes()
    for raw in pages:
        run_stages(raw, times)
    stats = profile_functions(pages)

    stages = stage_table(times, warm_up)
    report = "\n\n".join([
        f"sorot profile: {len(pages)} pages of {args.pages} (CPU time; pass 1: stage timing without profiler)",
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
