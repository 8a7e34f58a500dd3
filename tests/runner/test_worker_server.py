"""The fork server that a local cluster's workers come from (sorot.worker_server): started once, with the
pipeline's code imported and one thread for the numerical libraries, leaving this process's environment as
it was."""

from __future__ import annotations

import os
import time
from multiprocessing import forkserver

import psutil
import pytest

from sorot import worker_server

pytestmark = pytest.mark.slow   # the server imports spaCy, lingua and dask.distributed: seconds


def _server() -> psutil.Process:
    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)  # multiprocessing keeps no public handle
    assert pid is not None, "no fork server was started"
    return psutil.Process(pid)


# compiled modules that the pipeline's code loads: lingua (the language check), spaCy's NER, pyarrow
MARKERS = ("lingua.", "ner.", "libarrow.")


def _has_imported(process: psutil.Process, markers: tuple[str, ...]) -> bool:
    mapped = _mapped_files(process)
    return all(any(name.startswith(marker) for name in mapped) for marker in markers)


def _thread_names(process: psutil.Process) -> set[str]:
    tasks = f"/proc/{process.pid}/task"
    return {open(f"{tasks}/{task}/comm", encoding="utf-8").read().strip() for task in os.listdir(tasks)}


def _mapped_files(process: psutil.Process) -> set[str]:
    return {os.path.basename(region.path) for region in process.memory_maps()}


def test_the_server_starts_once_with_the_pipeline_code_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMP_NUM_THREADS", "8")
    worker_server.start()
    server = _server()
    worker_server.start()
    assert _server().pid == server.pid   # the same server, not a second one
    assert os.environ["OMP_NUM_THREADS"] == "8"   # this process's environment is as it was

    environ = server.environ()
    assert {name: environ.get(name) for name in worker_server.THREAD_LIMITS} == worker_server.THREAD_LIMITS
    deadline = time.monotonic() + 120   # the imports run in the server, after start() has returned
    while not _has_imported(server, MARKERS) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _has_imported(server, MARKERS), sorted(_mapped_files(server))
    # code only: no thread pool to lose in a fork, but for the allocator's, which pyarrow's jemalloc stops and
    # starts again around a fork
    assert _thread_names(server) <= {"python", "jemalloc_bg_thd"}
