"""A process that imports sorot's CLI once and runs each command it is sent in a child forked from itself.

Tests that need `sorot ...` in a process of its own (a memory or file-size limit, a wall-clock limit, a
crash that must not take the test with it) would otherwise pay a Python start and the CLI's imports, a second
or two of CPU, for every command. A child forked from this process starts with those imports done, and is
otherwise what `python -m sorot.cli ARGS` is: its own process, its own limits (set in the child, before the
command runs), stdin from /dev/null, stdout and stderr through pipes, the environment and working folder it is
given, the CLI run as `__main__`, and the interpreter's normal exit (atexit handlers included).

Protocol, one JSON object a line: the parent writes {"args", "env", "cwd", "timeout", "memory", "file_size"};
this process answers {"returncode", "stdout", "stderr"} (outputs as latin-1 text of the bytes) or
{"timeout": true} after killing a child that ran past its time. It answers "ready" once its imports are done.
Run as a script: `python tests/forked_cli.py`; tests/helpers.ForkedCli starts and talks to it.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import runpy
import select
import signal
import sys
import time
from typing import Any

# What a run of the CLI imports (runner, stages, store, readers, and datasketch, which the copy finder imports
# when it first sketches): imported once here, so no child pays for it. Nothing is loaded or built: data files
# and models are read in the child, by the command, as in a process of its own.
PRELOAD = ("sorot.cli", "sorot.runner", "sorot.pipeline", "sorot.store", "sorot.ingest", "sorot.clean",
           "sorot.corpus", "datasketch")


def _limit(memory: int | None, file_size: int | None) -> None:
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    if file_size:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))


def _become_the_command(request: dict[str, Any], out: int, err: int) -> None:
    """In the child: set up the process as the command would find it, then run the CLI as __main__. Its
    SystemExit (or exception) ends this process through the interpreter's normal exit."""
    null = os.open(os.devnull, os.O_RDONLY)
    for source, target in ((null, 0), (out, 1), (err, 2)):
        os.dup2(source, target)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    _limit(request["memory"], request["file_size"])
    sys.argv = ["sorot", *request["args"]]
    runpy.run_module("sorot.cli", run_name="__main__", alter_sys=True)
    sys.exit(0)


def _read_until_done(pid: int, outputs: dict[int, bytearray], deadline: float) -> int | None:
    """Read the child's stdout and stderr to their end and reap it; None when the deadline came first."""
    watched, open_ends = os.pidfd_open(pid), set(outputs)
    try:
        while open_ends:
            readable, _, _ = select.select(list(open_ends), [], [], max(deadline - time.monotonic(), 0))
            if not readable:
                return None
            for fd in readable:
                chunk = os.read(fd, 65536)
                if chunk:
                    outputs[fd] += chunk
                else:
                    open_ends.discard(fd)
        if not select.select([watched], [], [], max(deadline - time.monotonic(), 0))[0]:
            return None
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    finally:
        os.close(watched)


def run_command(request: dict[str, Any]) -> dict[str, Any]:
    (out_read, out_write), (err_read, err_write) = os.pipe(), os.pipe()
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        os.close(out_read)
        os.close(err_read)
        _become_the_command(request, out_write, err_write)
    os.close(out_write)
    os.close(err_write)
    outputs = {out_read: bytearray(), err_read: bytearray()}
    try:
        returncode = _read_until_done(pid, outputs, time.monotonic() + request["timeout"])
    finally:
        for fd in outputs:
            os.close(fd)
    if returncode is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return {"timeout": True}
    return {"returncode": returncode, "stdout": bytes(outputs[out_read]).decode("latin-1"),
            "stderr": bytes(outputs[err_read]).decode("latin-1")}


def main() -> None:
    for name in PRELOAD:
        importlib.import_module(name)
    # each command runs the CLI's module afresh as __main__, as `python -m sorot.cli` does: its imports stay
    sys.modules.pop("sorot.cli")
    del sys.modules["sorot"].cli
    print("ready", flush=True)
    for line in sys.stdin:
        print(json.dumps(run_command(json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
