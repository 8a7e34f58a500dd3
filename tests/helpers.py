"""Small helpers shared by tests that feed files to the runner or the CLI."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

FORK_SERVER = Path(__file__).resolve().parent / "forked_cli.py"


def write_pages(folder: Path, pages: Mapping[str, str]) -> Path:
    """Create `folder` holding one UTF-8 file per name in `pages`; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def sorot_here(*args: object, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`sorot ARGS` in this process (typer's CliRunner), as a finished `sorot` process would report it: exit
    code, stdout, stderr. For tests that need no limit and no process of their own (a subprocess costs
    seconds of start-up); an exception other than the CLI's own exit is raised, not read as an exit code.
    `env`: environment variables set for the command only."""
    from typer.testing import CliRunner

    from sorot.cli import app

    result = CliRunner().invoke(app, [str(arg) for arg in args], env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess([str(arg) for arg in args], result.exit_code, result.stdout, result.stderr)


class ForkedCli:
    """`sorot ARGS` in a process of its own, forked from a process that has imported the CLI once
    (tests/forked_cli.py): a command costs a fork rather than a Python start and the CLI's imports. Like
    subprocess.run(["python", "-m", "sorot.cli", ...], capture_output=True, text=True, timeout=...): a
    CompletedProcess, or subprocess.TimeoutExpired after the command was killed; `memory` (RLIMIT_AS) and
    `file_size` (RLIMIT_FSIZE, with SIGXFSZ ignored) are set in the command's process alone."""

    def __init__(self) -> None:
        self.server = subprocess.Popen([sys.executable, str(FORK_SERVER)], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, text=True)
        if self._reply() != "ready":
            raise RuntimeError("the fork server did not start")

    def _reply(self) -> str:
        assert self.server.stdout is not None
        line = self.server.stdout.readline()
        if not line:
            raise RuntimeError(f"the fork server ended (exit code {self.server.wait()})")
        return line.strip()

    def __call__(self, *args: object, timeout: float, env: Mapping[str, str] | None = None,
                 memory: int | None = None, file_size: int | None = None) -> subprocess.CompletedProcess[str]:
        argv = [os.fspath(arg) if isinstance(arg, os.PathLike) else str(arg) for arg in args]
        request = {"args": argv, "env": {**os.environ, **(env or {})}, "cwd": os.getcwd(), "timeout": timeout,
                   "memory": memory, "file_size": file_size}
        assert self.server.stdin is not None
        self.server.stdin.write(json.dumps(request) + "\n")
        self.server.stdin.flush()
        answer = json.loads(self._reply())
        if answer.get("timeout"):
            raise subprocess.TimeoutExpired(["sorot", *argv], timeout)
        return subprocess.CompletedProcess(["sorot", *argv], answer["returncode"], _as_text(answer["stdout"]),
                                           _as_text(answer["stderr"]))

    def close(self) -> None:
        if self.server.stdin is not None:
            self.server.stdin.close()
        try:
            self.server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait()


def _as_text(latin1: str) -> str:
    """An output's bytes (sent as latin-1 text) read as subprocess.run(text=True) reads them: the locale's
    encoding, universal newlines."""
    return io.TextIOWrapper(io.BytesIO(latin1.encode("latin-1"))).read()
