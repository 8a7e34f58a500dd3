"""The fork server that a local cluster's workers come from (sorot.worker_server): started once, with the
pipeline's code imported and one thread for the numerical libraries, leaving the run's environment as it was.
Checked in a process of its own, as a run starts it: the server lives as long as the process that started it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import psutil
import pytest

from sorot import worker_server

pytestmark = pytest.mark.slow   # the server imports spaCy, lingua and dask.distributed: seconds

# Starts the server twice, says its pid (both times) and this process's OMP_NUM_THREADS, then waits for a line.
STARTER = """
import json, os, sys
from multiprocessing import forkserver
from sorot import worker_server
pids = []
for _ in range(2):
    worker_server.start()
    pids.append(getattr(forkserver._forkserver, "_forkserver_pid", None))  # no public handle
print(json.dumps({"pids": pids, "omp": os.environ.get("OMP_NUM_THREADS")}), flush=True)
sys.stdin.readline()
"""
# compiled modules that the pipeline's code loads: lingua (the language check), spaCy's NER, pyarrow
MARKERS = ("lingua.", "ner.", "libarrow.")


def _mapped_files(process: psutil.Process) -> set[str]:
    return {os.path.basename(region.path) for region in process.memory_maps()}


def _has_imported(process: psutil.Process, markers: tuple[str, ...]) -> bool:
    mapped = _mapped_files(process)
    return all(any(name.startswith(marker) for name in mapped) for marker in markers)


def _thread_names(process: psutil.Process) -> set[str]:
    tasks = f"/proc/{process.pid}/task"
    return {open(f"{tasks}/{task}/comm", encoding="utf-8").read().strip() for task in os.listdir(tasks)}


def test_the_server_starts_once_with_the_pipeline_code_imported() -> None:
    starter = subprocess.Popen([sys.executable, "-c", STARTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True, env={**os.environ, "OMP_NUM_THREADS": "8"})
    try:
        assert starter.stdout is not None
        said = json.loads(starter.stdout.readline())
        first, again = said["pids"]
        assert first is not None and again == first   # the same server, not a second one
        assert said["omp"] == "8"   # the starting process's environment is as it was
        server = psutil.Process(first)
        environ = server.environ()
        assert {name: environ.get(name) for name in worker_server.THREAD_LIMITS} == worker_server.THREAD_LIMITS
        deadline = time.monotonic() + 120   # the imports run in the server, after start() has returned
        while not _has_imported(server, MARKERS) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _has_imported(server, MARKERS), sorted(_mapped_files(server))
        # code only: no thread pool to lose in a fork, but for the allocator's, which pyarrow's jemalloc stops
        # and starts again around a fork
        assert _thread_names(server) <= {"python", "jemalloc_bg_thd"}, _thread_names(server)
    finally:
        starter.communicate("\n", timeout=30)
    server_gone = time.monotonic() + 10   # its process ended: the server follows
    while psutil.pid_exists(first) and psutil.Process(first).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < server_gone, "the fork server outlived the process that started it"
        time.sleep(0.05)
