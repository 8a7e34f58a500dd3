"""A `sorot` process loads only what its command needs (start-up cost of the CLI, Dask workers, subprocesses).

Each case runs in a fresh interpreter and lists the heavy modules it loaded: spaCy (the NLP stages), scipy
(datasketch pulls in scipy.integrate), datasketch (the corpus copies), Dask, and the pipeline's own stage
modules. `sorot --version`, `--help` and `stats` read no text, so none of them may load any of these; a
module-level import of one of them in cli.py, runner.py, sorot.corpus or sorot.events makes this fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sorot.store import Store

# Top-level packages (and sorot modules) that only processing text, or a cluster, needs.
HEAVY = ("spacy", "thinc", "scipy", "datasketch", "dask", "distributed", "sorot.pipeline", "sorot.nlp",
         "sorot.events.syntax")

# Runs `code` (which may raise SystemExit, as a typer app does), then prints the heavy modules loaded.
PROBE = """
import json, sys
try:
{code}
except SystemExit:
    pass
loaded = [name for name in {heavy!r} if name in sys.modules]
print("HEAVY=" + json.dumps(loaded))
"""


def heavy_modules_loaded(code: str) -> tuple[list[str], str]:
    """The heavy modules a fresh interpreter holds after running `code`, and what it printed before."""
    indented = "\n".join("    " + line for line in code.strip().splitlines())
    done = subprocess.run([sys.executable, "-c", PROBE.format(code=indented, heavy=HEAVY)],
                          capture_output=True, text=True, timeout=120, check=True)
    printed, _, found = done.stdout.rpartition("HEAVY=")
    return json.loads(found), printed


def sorot_command(*args: str) -> str:
    return f"from sorot.cli import app\napp({list(args)!r}, prog_name='sorot')"


def test_version_loads_nothing_heavy() -> None:
    loaded, printed = heavy_modules_loaded(sorot_command("--version"))
    assert printed.startswith("sorot ")
    assert loaded == []


def test_the_installed_console_script_runs() -> None:
    """The `sorot` command that installing the package puts beside this interpreter (any virtual environment)."""
    script = shutil.which("sorot", path=str(Path(sys.executable).parent))
    assert script is not None, "no sorot console script beside the interpreter: install the package"
    done = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stdout.startswith("sorot "), done.stderr


def test_help_loads_nothing_heavy() -> None:
    loaded, printed = heavy_modules_loaded(sorot_command("--help"))
    assert "stats" in printed and "run" in printed
    assert loaded == []


def test_stats_of_a_store_loads_nothing_heavy(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    with Store(db):
        pass
    loaded, printed = heavy_modules_loaded(sorot_command("stats", "--db", str(db)))
    assert "rows per table" in printed
    assert loaded == []


@pytest.mark.parametrize("module", [
    "sorot.runner",   # what a Dask worker imports for process_part
    "sorot.corpus",   # stories, records and dyads read stored rows only
    "sorot.events",   # the parser trial's spaCy only when a sentence is coded with it
])
def test_module_import_loads_nothing_heavy(module: str) -> None:
    loaded, _ = heavy_modules_loaded(f"import {module}")
    assert loaded == []


def test_a_run_without_the_nlp_stage_loads_no_spacy(tmp_path: Path) -> None:
    """The nlp stage imports spaCy and its model on first use: `--stages meta` never uses it."""
    (tmp_path / "berita.txt").write_text("Jakarta - Menteri luar negeri menerima tamu dari Manila pada Senin.\n\n"
                                         "Keduanya membahas perdagangan kedua negara.\n", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    loaded, _ = heavy_modules_loaded(sorot_command("run", str(tmp_path / "berita.txt"), "--db", str(db),
                                                   "--stages", "meta", "-q"))
    assert "sorot.pipeline" in loaded     # the run did process the text
    assert not {"spacy", "thinc", "sorot.nlp"} & set(loaded)
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 1
