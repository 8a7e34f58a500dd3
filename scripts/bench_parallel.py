"""Benchmark: the speed-up of `sorot run --workers 2` over one process, as a ratio to this machine's own
2-process ceiling measured in the same run (goal: >= 0.8 of it).

    .venv/bin/python scripts/bench_parallel.py [--texts 400] [--pages 40] [--workers 2] [--json FILE]  (make bench)

- The ceiling: a pure-CPU task (a Python loop, as most of the pipeline is) done once in one process, then
  split in halves done by two processes at once; ceiling = one / two (2.0 on two idle cores, less when
  other work takes turns on them). It is measured before and after the runs, and the mean is used.
- sorot: one corpus (bench.build_corpus: real-shaped texts and HTML pages, each varied to be its own) run
  end to end (`sorot run` in a child process, into a fresh store) with --workers 1 and --workers N; both
  times include loading the models, as a user's run does. speed-up = time(1) / time(N).
- ratio = speed-up / ceiling. The exports of both stores are compared too: they must be the same.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

SPIN_STEPS = 2_000_000   # loop steps of one ceiling unit (about 0.1-0.2 s on one core)
GOAL = 0.8


def spin(units: int) -> int:
    """Pure-Python CPU work, `units` units of it."""
    value = 0
    for step in range(units * SPIN_STEPS):
        value = (value * 31 + step) % 1_000_003
    return value


def ceiling(units: int, processes: int) -> dict[str, float]:
    """Seconds for `units` of spin in one process and split over `processes` processes (pools started
    and warmed before the clock starts)."""
    with ProcessPoolExecutor(1) as one:
        one.submit(spin, 1).result()
        start = time.perf_counter()
        one.submit(spin, units).result()
        alone = time.perf_counter() - start
    with ProcessPoolExecutor(processes) as many:
        list(many.map(spin, [1] * processes))
        start = time.perf_counter()
        list(many.map(spin, [units // processes] * processes))
        together = time.perf_counter() - start
    return {"one": alone, "many": together, "ceiling": alone / together}


def sorot_run(inputs: list[Path], db: Path, workers: int) -> float:
    """Wall seconds of `sorot run` (a fresh process, models loaded inside the run) into a new store."""
    command = [sys.executable, "-m", "sorot.cli", "run", *map(str, inputs), "--db", str(db), "--quiet",
               "--workers", str(workers)]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def export(db: Path) -> bytes:
    out = db.with_suffix(".jsonl")
    subprocess.run([sys.executable, "-m", "sorot.cli", "export", "--db", str(db), "--format", "jsonl",
                    "--output", str(out)], check=True, capture_output=True)
    return out.read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=400)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--spin", type=int, default=24, help="units of the ceiling task (even)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()

    from bench import build_corpus

    results: dict[str, Any] = {"workers": args.workers, "texts": args.texts, "pages": args.pages}
    with tempfile.TemporaryDirectory(prefix="sorot-bench-parallel-") as tmp:
        folder = Path(tmp)
        inputs = list(build_corpus(folder / "in", args.texts, args.pages))
        before = ceiling(args.spin, args.workers)
        one = sorot_run(inputs, folder / "one.duckdb", 1)
        many = sorot_run(inputs, folder / "many.duckdb", args.workers)
        after = ceiling(args.spin, args.workers)
        same = export(folder / "one.duckdb") == export(folder / "many.duckdb")
    limit = (before["ceiling"] + after["ceiling"]) / 2
    speedup = one / many
    results.update({"ceiling_before": before, "ceiling_after": after, "ceiling": limit, "seconds_1": one,
                    f"seconds_{args.workers}": many, "speedup": speedup, "ratio": speedup / limit,
                    "same_export": same})
    documents = args.texts + args.pages
    print(f"== parallel run: {documents} documents ({args.texts} texts, {args.pages} HTML pages), end to end")
    print(f"  ceiling ({args.workers} processes, pure-CPU task): x{before['ceiling']:.2f} before, "
          f"x{after['ceiling']:.2f} after, mean x{limit:.2f}")
    print(f"  sorot run --workers 1: {one:.1f} s ({documents / one:.1f} docs/s); --workers {args.workers}: "
          f"{many:.1f} s ({documents / many:.1f} docs/s)")
    print(f"  speed-up x{speedup:.2f} = {speedup / limit:.2f} of the ceiling (goal >= {GOAL}); "
          f"exports {'identical' if same else 'DIFFERENT'}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
