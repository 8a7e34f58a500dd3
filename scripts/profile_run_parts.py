"""CPU per article of a whole `sorot run` by part, the stages and what lies outside them: the store, the
corpus layer, reading and the rest (the runner's own work: parts, Arrow rows, sketches, warm-up).

    python scripts/profile_run_parts.py --pages /tmp/bcorp/text [--repeat 2] [--src ../base/src] [--profile out.txt]

`sorot.runner.run_paths` runs over the folder into a fresh DuckDB store, after a warm-up on a few documents,
with the parts timed as scripts/bench.py's `instrument` times them (CPU time, time.process_time). `--src`
measures another checkout (its src/ and its scripts/bench.py) with this script, so that a baseline and the
working tree are compared in one sitting, back to back. `--profile` adds a cProfile run and writes the
functions of sorot.store, sorot.corpus and sorot.runner by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

WARM_UP_DOCUMENTS = 5
OUTSIDE = ("store", "corpus", "read")     # the parts that are no stage


def load_bench(root: Path) -> ModuleType:
    """scripts/bench.py of the checkout at `root` (its Clock and instrument)."""
    spec = importlib.util.spec_from_file_location("bench_of_checkout", root / "scripts" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(pages: Path, clock: Any, profile: cProfile.Profile | None = None) -> dict[str, float]:
    """CPU ms per article of one run by part (`clock`: bench.Clock, instrumented): each stage, store, corpus,
    read, other and total."""
    from sorot.runner import run_paths

    clock.reset()
    with tempfile.TemporaryDirectory() as folder:
        started = time.process_time()
        if profile is not None:
            profile.enable()
        run_paths([pages], Path(folder) / "run.duckdb")
        if profile is not None:
            profile.disable()
        total = time.process_time() - started
    articles = max(clock.calls.get("clean", 0), 1)
    parts = {name: seconds * 1000 / articles for name, seconds in clock.seconds.items()}
    parts["stages"] = sum(ms for name, ms in parts.items() if name not in OUTSIDE)
    parts["other"] = total * 1000 / articles - sum(ms for name, ms in clock.seconds.items()) * 1000 / articles
    parts["total"] = total * 1000 / articles
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, required=True, help="folder of .txt inputs (e.g. /tmp/bcorp/text)")
    parser.add_argument("--repeat", type=int, default=1, help="runs in this process (each into a fresh store)")
    parser.add_argument("--src", type=Path, help="the src/ folder of another checkout to measure")
    parser.add_argument("--profile", type=Path, help="write a cProfile report of one more run here")
    args = parser.parse_args()
    src = (args.src or Path(__file__).resolve().parents[1] / "src").resolve()
    sys.path.insert(0, str(src))
    bench = load_bench(src.parent)
    clock = bench.Clock()
    bench.instrument(clock)
    from sorot.pipeline import process_raw
    from sorot.schema import RawDoc

    for sample in sorted(args.pages.iterdir())[:WARM_UP_DOCUMENTS]:   # models, lexicons, lazy imports
        process_raw(RawDoc(sample.name, sample.read_text(encoding="utf-8"), "text"))
    import datasketch  # noqa: F401  # the corpus layer's first import (scipy): a start-up cost

    for _ in range(args.repeat):
        parts = measure(args.pages, clock)
        print(f"{src.parent}: " + " ".join(f"{name}={parts[name]:.3f}" for name in
                                           ("total", "stages", *OUTSIDE, "other")) + "  (CPU ms per article)")
    if args.profile:
        profile = cProfile.Profile()
        measure(args.pages, clock, profile)
        report = io.StringIO()
        stats = pstats.Stats(profile, stream=report).sort_stats("cumulative")
        stats.print_stats(r"sorot/(store|corpus|runner)", 60)
        args.profile.write_text(report.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main()
