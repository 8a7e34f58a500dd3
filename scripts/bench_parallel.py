"""Benchmark: the speed-up of `sorot run --workers N` over one process, as a share of this machine's own
N-process ceiling, measured in the same sitting (goal: >= 0.8 of it).

    .venv/bin/python scripts/bench_parallel.py [--texts 1000] [--pages 200] [--workers 2] [--rounds 3]
                                               [--json FILE]  (make bench)

Every sorot figure is the wall time of whole `sorot run` commands (fresh processes, into fresh stores), so
start-up (imports, models) is counted the same way in all of them, as a user's run pays it:
- one: `sorot run --workers 1` over the corpus (bench.build_corpus: real-shaped texts and HTML pages, each
  varied to be its own; by default the 1,000 texts and 200 pages of scripts/bench.py);
- many: `sorot run --workers N` over the whole corpus (this process and N - 1 Dask workers, one writer).
  speed-up = one / many.
Two ceilings, each measured in the same sitting:
- the issue's: a pure-CPU task (a Python loop) in 1 and in N warmed processes, right before and right after
  each round's two runs (their mean; N on N idle cores, less when other work takes turns on the cores). It
  counts no start-up, so a short corpus, where start-up weighs more, cannot reach it;
- slices: the same corpus cut into N slices, each run by its own `sorot run --workers 1` into its own store,
  all N at once: the same work and the same start-up over N processes with nothing shared (once, after the
  rounds, against the rounds' median times).
A shared virtual machine's speed drifts by a quarter within minutes, and a run of `one` then `many` minutes
apart measured the drift as much as sorot. So the figures come in rounds: each round runs `one` and `many`
back to back (in turn one first, then many first, so that a steady drift favours neither) between two
measures of the pure-CPU ceiling; a round's share = its speed-up / its ceiling, and the result is the
median of the rounds. The exports of `one` and `many` are compared in every round: they must be the same.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

SPIN_STEPS = 2_000_000   # loop steps of one reference unit (about 0.1-0.2 s on one core)
GOAL = 0.8


def spin(units: int) -> int:
    """Pure-Python CPU work, `units` units of it."""
    value = 0
    for step in range(units * SPIN_STEPS):
        value = (value * 31 + step) % 1_000_003
    return value


def cpu_reference(units: int, processes: int) -> dict[str, float]:
    """Seconds for `units` of spin in one process and split over `processes` processes (pools started
    and warmed before the clock starts): how much of `processes` cores this machine gives right now."""
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
    return {"one": alone, "many": together, "ratio": alone / together}


def run_command(inputs: list[Path], db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "sorot.cli", "run", *map(str, inputs), "--db", str(db), "--quiet",
            "--workers", str(workers)]


def sorot_run(inputs: list[Path], db: Path, workers: int) -> float:
    """Wall seconds of one `sorot run` (a fresh process, models loaded inside the run) into a new store."""
    start = time.perf_counter()
    subprocess.run(run_command(inputs, db, workers), check=True)
    return time.perf_counter() - start


def sorot_runs_at_once(slices: list[list[Path]], folder: Path) -> float:
    """Wall seconds of one `sorot run --workers 1` per slice, all started at once, each into its own store."""
    start = time.perf_counter()
    running = [subprocess.Popen(run_command(inputs, folder / f"slice-{n}.duckdb", 1))
               for n, inputs in enumerate(slices)]
    codes = [process.wait() for process in running]
    if any(codes):
        sys.exit(f"bench_parallel: a slice run failed (exit codes {codes})")
    return time.perf_counter() - start


def cut_in_slices(inputs: list[Path], count: int, folder: Path) -> list[list[Path]]:
    """The files of the input folders dealt round-robin into `count` slices (copies, in folders of their own):
    each slice gets as many texts and pages as the others, give or take one."""
    for source in inputs:
        for n, path in enumerate(sorted(source.iterdir())):
            target = folder / f"slice-{n % count}" / source.name
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / path.name)
    return [sorted((folder / f"slice-{n}").iterdir()) for n in range(count)]


def export(db: Path) -> bytes:
    out = db.with_suffix(".jsonl")
    subprocess.run([sys.executable, "-m", "sorot.cli", "export", "--db", str(db), "--format", "jsonl",
                    "--output", str(out)], check=True, capture_output=True)
    return out.read_bytes()


def one_round(number: int, inputs: list[Path], folder: Path, workers: int, spin_units: int) -> dict[str, Any]:
    """The pure-CPU ceiling, `one` and `many` back to back (which first alternates with the round's number),
    the ceiling again; the two exports compared."""
    before = cpu_reference(spin_units, workers)
    runs = {1: 0.0, workers: 0.0}
    for processes in ((1, workers) if number % 2 == 0 else (workers, 1)):
        runs[processes] = sorot_run(inputs, folder / f"round-{number}-{processes}.duckdb", processes)
    after = cpu_reference(spin_units, workers)
    same = export(folder / f"round-{number}-1.duckdb") == export(folder / f"round-{number}-{workers}.duckdb")
    ceiling = (before["ratio"] + after["ratio"]) / 2
    speedup = runs[1] / runs[workers]
    return {"cpu_reference_before": before, "cpu_reference_after": after, "seconds_1": runs[1],
            f"seconds_{workers}": runs[workers], "cpu_ceiling": ceiling, "speedup": speedup,
            "share_of_cpu_ceiling": speedup / ceiling, "same_export": same}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of one and many runs (odd: a median)")
    parser.add_argument("--spin", type=int, default=24, help="units of the pure-CPU reference task (even)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()

    from bench import build_corpus

    workers = max(args.workers, 2)
    results: dict[str, Any] = {"workers": workers, "texts": args.texts, "pages": args.pages}
    with tempfile.TemporaryDirectory(prefix="sorot-bench-parallel-") as tmp:
        folder = Path(tmp)
        inputs = list(build_corpus(folder / "in", args.texts, args.pages))
        slices = cut_in_slices(inputs, workers, folder / "slices")
        rounds = [one_round(number, inputs, folder, workers, args.spin) for number in range(max(args.rounds, 1))]
        at_once = sorot_runs_at_once(slices, folder)
    one = statistics.median(r["seconds_1"] for r in rounds)
    many = statistics.median(r[f"seconds_{workers}"] for r in rounds)
    share = statistics.median(r["share_of_cpu_ceiling"] for r in rounds)
    slice_ceiling = one / at_once
    same = all(r["same_export"] for r in rounds)
    results.update({"rounds": rounds, "median_seconds_1": one, f"median_seconds_{workers}": many,
                    f"seconds_{workers}_slices_at_once": at_once, "slice_ceiling": slice_ceiling,
                    "median_share_of_cpu_ceiling": share, "share_of_slice_ceiling": (one / many) / slice_ceiling,
                    "same_export": same})
    documents = args.texts + args.pages
    print(f"== parallel run: {documents} documents ({args.texts} texts, {args.pages} HTML pages); wall seconds "
          "of whole `sorot run` commands, start-up (imports, models, cluster) included")
    print(f"  round  one process  {workers} processes  speed-up  pure-CPU ceiling (before, after)  share")
    for number, r in enumerate(rounds, 1):
        print(f"  {number:5d}  {r['seconds_1']:9.1f} s  {r[f'seconds_{workers}']:9.1f} s  x{r['speedup']:<6.2f}"
              f"  x{r['cpu_ceiling']:.2f} (x{r['cpu_reference_before']['ratio']:.2f}, "
              f"x{r['cpu_reference_after']['ratio']:.2f}){'':14s}{r['share_of_cpu_ceiling']:5.2f}")
    print(f"  median share of the pure-CPU ceiling ({workers} warmed processes vs 1, no start-up; x{workers} on "
          f"idle cores): {share:.2f} (goal >= {GOAL})")
    print(f"  ceiling, slices ({workers} x sorot run --workers 1 on 1/{workers} each, at once): {at_once:6.1f} s "
          f"-> x{slice_ceiling:.2f} against the median one-process run -> share {(one / many) / slice_ceiling:.2f}"
          " (the median runs)")
    print(f"  exports of one and {workers} processes {'identical' if same else 'DIFFERENT'} in every round")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
