"""A head start for the workers of a local cluster (`sorot run --workers N`): the process they are forked from.

A worker of a local cluster needs sorot's stages, spaCy, dask.distributed and the rest imported (about a second
of CPU) before it loads its models (another second). Spawned, each worker paid the imports itself, after
the run's own process had imported its code, read its input and started the cluster: on the bench's 1,200
documents a worker took its first part 3.3 s into a 12.5 s run, while the run's own process had started on
its first at 0.9 s.

Here the workers come from multiprocessing's fork server instead, started the moment a run knows it will
have local workers (`start`, at the start of sorot.runner.run_paths, before the run reads its input or loads
its models), which imports WORKER_MODULES on the second core while this process does its own start. Each worker is then forked from it with the code already
imported, and only loads its models (sorot.cluster.WarmUp).
Only code is imported there, never data or models: the fork server lives as long as this process, over
runs with other data (SOROT_DATA) or stages, and a fork must not inherit a thread pool (lingua's does
not survive one), so nothing in the server runs the pipeline.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing import forkserver

__all__ = ["METHOD", "THREAD_LIMITS", "WORKER_MODULES", "start"]

METHOD = "forkserver"   # the start method of the local cluster's workers (dask: worker.multiprocessing-method)
# What a worker's warm-up imports, in import order: the stages' modules and what they load on first use
# (spaCy with the nlp stage, lingua with the language check, trafilatura with HTML cleaning).
WORKER_MODULES = ("sorot.cluster", "sorot.pipeline", "sorot.nlp", "sorot.nlp.ner_decoder", "sorot.kb.linker",
                  "sorot.events.coder", "sorot.meta.language", "sorot.clean.html", "sorot.corpus.copies")
# Set before the libraries that read them are imported, which in the server is at its start: one thread
# per worker for the numerical libraries (distributed's nanny.pre-spawn-environ, which a fork cannot apply).
THREAD_LIMITS = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}


def start() -> None:
    """Start the fork server (once per process; later calls return at once), importing WORKER_MODULES."""
    context = multiprocessing.get_context(METHOD)
    context.set_forkserver_preload(list(WORKER_MODULES))
    with _environment(THREAD_LIMITS):
        forkserver.ensure_running()


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """`values` in os.environ while the block runs (the fork server is started with this process's
    environment), then as they were."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
