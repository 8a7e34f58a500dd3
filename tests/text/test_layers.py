"""The layering of src/sorot: stages never import one another, and sorot.text imports no stage.

Every module is parsed with `ast` (imports inside functions and under TYPE_CHECKING count too). A name
imported from a package (`from sorot.kb import link_entities`) counts as imported from the module the
package's __init__ takes it from, so a re-export does not hide a stage import. The knowledge base's
loader, store and model are a resource any stage may use; its linker is the `link` stage.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
STAGES = ("sorot.clean", "sorot.meta", "sorot.nlp", "sorot.kb.linker", "sorot.quotes", "sorot.events")
TEXT = "sorot.text"
TEXT_MAY_IMPORT = ("sorot.data", "sorot.schema", TEXT)


@dataclass(frozen=True)
class Violation:
    module: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.module} (line {self.line}) imports {self.imported}"


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def stage_of(module: str) -> str | None:
    """The stage a module belongs to, None for modules outside the stages (text, data, kb's resources ...)."""
    return next((stage for stage in STAGES if _within(module, stage)), None)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _absolute(node: ast.ImportFrom, module: str, path: Path) -> str:
    if not node.level:
        return node.module or ""
    base = _package_of(module, path).split(".")
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _sources(root: Path) -> dict[str, tuple[Path, ast.Module]]:
    return {module_name(path, root): (path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
            for path in sorted((root / "sorot").rglob("*.py"))}


def _reexports(sources: dict[str, tuple[Path, ast.Module]]) -> dict[tuple[str, str], str]:
    """(package, name) -> the module a package's __init__ imports `name` from."""
    found: dict[tuple[str, str], str] = {}
    for module, (path, tree) in sources.items():
        if path.name != "__init__.py":
            continue
        for node in tree.body:
            if isinstance(node, ast.ImportFrom):
                origin = _absolute(node, module, path)
                for alias in node.names:
                    found[(module, alias.asname or alias.name)] = origin
    return found


def imports_of(module: str, path: Path, tree: ast.Module,
               reexports: dict[tuple[str, str], str], modules: set[str]) -> list[tuple[str, int]]:
    """Every sorot module `module` imports, with the line, names from packages resolved to their origin."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            origin = _absolute(node, module, path)
            for alias in node.names:
                target = f"{origin}.{alias.name}"
                if target in modules:
                    found.append((target, node.lineno))
                else:
                    found.append((reexports.get((origin, alias.name), origin), node.lineno))
    return [(name, line) for name, line in found if _within(name, "sorot")]


def violations(root: Path) -> list[Violation]:
    """Stage modules importing another stage, and text modules importing anything but data, schema, text."""
    sources = _sources(root)
    reexports = _reexports(sources)
    found: list[Violation] = []
    for module, (path, tree) in sources.items():
        own_stage = stage_of(module)
        in_text = _within(module, TEXT)
        if own_stage is None and not in_text:
            continue
        for imported, line in imports_of(module, path, tree, reexports, set(sources)):
            other_stage = stage_of(imported)
            text_reaches_out = in_text and not any(_within(imported, allowed) for allowed in TEXT_MAY_IMPORT)
            stage_reaches_across = own_stage is not None and other_stage not in (None, own_stage)
            if text_reaches_out or stage_reaches_across:
                found.append(Violation(module, imported, line))
    return found


def test_stages_never_import_one_another_and_text_imports_no_stage() -> None:
    assert [str(v) for v in violations(SRC)] == []


def _write(root: Path, relative: str, source: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small package laid out like src/sorot, with allowed imports only."""
    for package in ("sorot", "sorot/clean", "sorot/meta", "sorot/text", "sorot/data", "sorot/kb", "sorot/events"):
        _write(tmp_path, f"{package}/__init__.py", "")
    _write(tmp_path, "sorot/kb/__init__.py", "from sorot.kb.linker import link_entities\n"
                                            "from sorot.kb.loader import knowledge_base\n")
    _write(tmp_path, "sorot/kb/linker.py", "from sorot.kb.loader import knowledge_base\n"
                                          "from sorot.text.dates import find\n")
    _write(tmp_path, "sorot/kb/loader.py", "import re\n")
    _write(tmp_path, "sorot/text/dates.py", "import re\nfrom sorot.data import read_yaml\nfrom . import words\n")
    _write(tmp_path, "sorot/text/words.py", "from sorot.schema import Sentence\n")
    _write(tmp_path, "sorot/clean/lines.py", "from sorot.text.dates import find\nfrom sorot.kb import knowledge_base\n"
                                            "from sorot.clean import cues\n")
    _write(tmp_path, "sorot/clean/cues.py", "")
    _write(tmp_path, "sorot/meta/evidence.py", "from sorot.kb.loader import knowledge_base\nfrom .story import x\n")
    _write(tmp_path, "sorot/meta/story.py", "")
    _write(tmp_path, "sorot/schema.py", "")
    return tmp_path


def test_the_allowed_imports_pass(tree: Path) -> None:
    assert violations(tree) == []


@pytest.mark.parametrize("relative, source, imported", [
    ("sorot/meta/bad.py", "from sorot.clean.cues import load_cues\n", "sorot.clean.cues"),
    ("sorot/meta/bad.py", "def late():\n    import sorot.clean.cues\n", "sorot.clean.cues"),
    ("sorot/clean/bad.py", "from sorot.meta import evidence\n", "sorot.meta.evidence"),
    ("sorot/events/bad.py", "from sorot.kb import link_entities\n", "sorot.kb.linker"),
    ("sorot/events/bad.py", "from ..kb.linker import link_entities\n", "sorot.kb.linker"),
    ("sorot/text/bad.py", "from sorot.kb.loader import knowledge_base\n", "sorot.kb.loader"),
    ("sorot/text/bad.py", "from sorot.clean import cues\n", "sorot.clean.cues"),
])
def test_a_bad_import_is_reported(tree: Path, relative: str, source: str, imported: str) -> None:
    _write(tree, relative, source)
    found = violations(tree)
    assert [(v.module, v.imported) for v in found] == [(module_name(tree / relative, tree), imported)]
