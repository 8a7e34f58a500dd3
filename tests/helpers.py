"""Small helpers shared by tests that feed files to the runner or the CLI."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path


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
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)
