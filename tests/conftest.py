"""Suite-wide test settings: tests that read ../shared, the slow groups, and what is built once per session.

sorot's own pipeline is loaded once per process (`sorot.nlp.get_nlp()` caches it); the `sorot_nlp` fixture
hands it to tests that need a tokenizer or a vocabulary, so no test builds another spaCy pipeline (each build
costs seconds). `example_db` is a store made from examples/ with the real pipeline, once per session.
`make test` spreads the tests over processes (pytest-xdist, `-n auto`): each worker loads the pipeline
once, and `example_db` is built by one worker and read by all.

A test that needs files of ../shared (real pages, gold, training data) carries
`@pytest.mark.needs_shared("corpus/html", ...)`, paths relative to ../shared. On a developer's machine
without them the test is skipped with the missing path; in CI (CI=true) a missing path is a failure,
so that a CI run cannot pass by skipping the tests on real data.

Slow tests (a real browser, subprocesses under hostile input or interruption, property-based fuzzing,
model training) carry the `slow` marker: `make test` and CI run them all, and
`pytest -m "not slow"` leaves them out for a quick loop. Whole folders are slow by what they do
(SLOW_FOLDERS), hypothesis tests are slow by construction; any other test says so itself with
`@pytest.mark.slow` (or `pytestmark = pytest.mark.slow` for a module).

The modules with the longest tests run first (START_FIRST, then the other modules holding a slow test), so that
under pytest-xdist's work stealing the run ends on short tests rather than one long test on one worker.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language
    from tests.helpers import ForkedCli

TESTS = Path(__file__).resolve().parent
SHARED = TESTS.parents[1] / "shared"
ROOT = TESTS.parent
# tests/browser drives Chromium; tests/hostile runs the CLI in subprocesses under limits and fuzzes readers
SLOW_FOLDERS = ("browser", "hostile")


# `make test` runs pytest -n auto: one worker per CPU this process may use and one more, but no more than this
# (each worker loads the models, about 1 GB). The extra worker runs while others wait on what a test started
# (a browser, a server, a subprocess under limits): on the 2-CPU machine `make test` went 80 -> 70 s with 3.
MAX_WORKERS = 4
WORKERS_BEYOND_CPUS = 1


@pytest.hookimpl(optionalhook=True)   # a pytest-xdist hook: without xdist, nothing calls it
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """The worker count of -n auto: the CPUs this process may run on (also virtual ones, which xdist's own
    count of physical cores leaves out: a 2-CPU machine may be one core) plus WORKERS_BEYOND_CPUS, at most
    MAX_WORKERS; PYTEST_XDIST_AUTO_NUM_WORKERS overrides it."""
    chosen = os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS", "").strip()
    if chosen.isdigit():
        return int(chosen)
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min((usable or 1) + WORKERS_BEYOND_CPUS, MAX_WORKERS))


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "needs_shared(*paths): reads these paths under ../shared; skipped when missing, failed in CI")
    config.addinivalue_line(
        "markers", "slow: seconds or more (browser, subprocesses, fuzzing, training); skip with -m 'not slow'")


def module_of(item: pytest.Item, modules: dict[Path, str]) -> str:
    """The item's module as a path relative to tests/ ("" outside it), worked out once per module: resolving
    a path for each of some 3,000 items took a second of every worker's collection."""
    if item.path not in modules:
        path = Path(str(item.path)).resolve()
        modules[item.path] = path.relative_to(TESTS).as_posix() if path.is_relative_to(TESTS) else ""
    return modules[item.path]


def is_slow(item: pytest.Item, module: str) -> bool:
    """Slow by its folder or because hypothesis drives it (many examples per test)."""
    in_slow_folder = module.split("/", 1)[0] in SLOW_FOLDERS
    return in_slow_folder or bool(getattr(getattr(item, "obj", None), "is_hypothesis_test", False))


# The modules holding the suite's longest tests (seconds each: processes, clusters, a browser, training, or the
# first load of a model or of example_db), costliest first. They start the run: pytest-xdist gives each worker
# a contiguous share of the collection and an idle worker takes the end of a busy one's queue, so a long test
# collected last would end the run alone on one worker while the others wait.
START_FIRST = (
    "runner/test_parallel_run.py", "hostile/test_hostile_inputs.py", "browser/test_browser_dashboard.py",
    "nlp/test_train_smoke.py", "test_robustness.py", "api/test_api_endpoints.py",
    "fetch/test_sitemaps_and_archive.py", "nlp/test_nlp_tokenizer.py", "data/test_overrides.py",
    "corpus/test_corpus_store.py", "events/test_syntax.py", "store/test_lock.py", "test_cli_startup.py",
    "cli/test_cli.py",
)


def start_rank(item: pytest.Item, module: str) -> int:
    """Where the item's module starts: by START_FIRST, then the other modules holding a slow test, then the rest
    (the sort is stable: collection order within each rank and within each module)."""
    if module in START_FIRST:
        return START_FIRST.index(module)
    return len(START_FIRST) + (0 if item.get_closest_marker("slow") else 1)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    modules: dict[Path, str] = {}
    for item in items:
        if is_slow(item, module_of(item, modules)):
            item.add_marker(pytest.mark.slow)
    # a module's tests stay together, so that its module-scoped fixtures are set up once; the tests on the
    # session's Dask cluster come first of all, together, so that one worker starts the cluster (and its worker
    # processes load the models) rather than each pytest-xdist worker that runs one of them
    module_rank: dict[Path, int] = {}
    for item in items:
        module_rank[item.path] = min(module_rank.get(item.path, len(START_FIRST) + 1),
                                     start_rank(item, module_of(item, modules)))
    items.sort(key=lambda item: -1 if "dask_scheduler" in getattr(item, "fixturenames", ()) else module_rank[item.path])


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in item.iter_markers("needs_shared"):
        missing = [path for path in marker.args if not (SHARED / path).exists()]
        if missing:
            message = f"../shared/{missing[0]} is missing"
            if in_ci():
                pytest.fail(f"{message} (CI=true: tests on real data must run)", pytrace=False)
            pytest.skip(message)


@pytest.fixture(scope="session")
def sorot_nlp() -> Language:
    """sorot's spaCy pipeline (its news tokenizer, and the NER model when installed), loaded once."""
    from sorot.nlp import get_nlp  # imported here, so that tests without spaCy start without it

    return get_nlp()


def session_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of the whole session: with pytest-xdist, the one above each worker's own folder,
    where the workers share what one of them builds."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of examples/ run through the whole pipeline, once per session (with pytest-xdist, by the first
    worker that asks; the others wait for it and read the same file): read it, never write it (copy it
    first)."""
    from sorot.runner import run_paths

    folder = session_temp(tmp_path_factory) / "example-store"
    folder.mkdir(parents=True, exist_ok=True)
    db, built = folder / "sorot.duckdb", folder / "built"
    with (folder / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)   # released when the file closes, also when a worker dies
        if not built.exists():   # a worker that failed half-way leaves no mark: the next one runs again
            counts = run_paths([ROOT / "examples"], db)
            if not db.exists() or counts.stored + counts.unchanged == 0:
                pytest.fail(f"sorot run on examples/ stored nothing; rejected: {counts.rejected[:3]}")
            built.touch()
    return db


class SessionCluster:
    """The local Dask cluster the tests of parallel runs share: two worker processes (with no data override),
    given to the runner like `--scheduler`, so that those tests pay a cluster's start and each worker's model
    loading once rather than per test; its workers keep their own models and registry between runs (a run sends
    its stages). Started when a test first asks for it (per pytest-xdist worker), closed as soon as the tests
    on it are done (pytest_runtest_teardown): an idle cluster (its scheduler and nannies in this process, its
    workers beside it) ticks at about a tenth of a core, which over the rest of a session cost more CPU than
    its start. A later test that asks again starts another."""

    def __init__(self) -> None:
        self.running: ExitStack | None = None
        self.address = ""

    def start(self) -> str:
        if self.running is None:
            import logging

            import dask.config
            from distributed import LocalCluster

            from sorot.cluster import WORKER_CONFIG, start_worker_server
            from sorot.data import DATA_ENV

            start_worker_server()
            with ExitStack() as running:
                running.enter_context(dask.config.set(WORKER_CONFIG))
                cluster = running.enter_context(LocalCluster(
                    n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                    dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR, memory_limit=0,
                    env={DATA_ENV: ""}))
                self.address, self.running = cluster.scheduler_address, running.pop_all()
        return self.address

    def close(self) -> None:
        if self.running is not None:
            running, self.running = self.running, None
            running.close()


SESSION_CLUSTER = SessionCluster()


@pytest.fixture
def dask_scheduler() -> str:
    """The address of the session's local Dask cluster (SessionCluster)."""
    pytest.importorskip("distributed")
    return SESSION_CLUSTER.start()


def uses_the_cluster(item: pytest.Item | None) -> bool:
    return item is not None and "dask_scheduler" in getattr(item, "fixturenames", ())


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """The tests on the session's cluster run together (pytest_collection_modifyitems): after the last one of
    them, the cluster is closed."""
    if uses_the_cluster(item) and not uses_the_cluster(nextitem):
        SESSION_CLUSTER.close()


def pytest_sessionfinish(session: pytest.Session) -> None:
    SESSION_CLUSTER.close()


@pytest.fixture(scope="session")
def forked_cli() -> Iterator[ForkedCli]:
    """Runs `sorot ARGS` in a process of its own forked from one that imported the CLI once (per pytest-xdist
    worker): for tests that need the command's own process (limits, a crash kept apart) but not its start-up."""
    from tests.helpers import ForkedCli

    server = ForkedCli()
    yield server
    server.close()
