"""sorot's linguistic knowledge (YAML/TSV data files), read into typed, validated, frozen objects.

Every stage reads its data through `load_data(name, schema)`: the file `name` ("events/lexicon.yaml") is
parsed, checked against `schema` (a pydantic model, or any type pydantic validates, such as
`tuple[Agency, ...]`) and cached per process. A misspelt or mistyped key fails with one line naming the
file and the key path (`DataError`).

Overrides: `SOROT_DATA=DIR` (or `sorot run --data DIR`) points at a directory laid out like this package's
data folder. There, for a data file NAME.yaml (NAME.tsv):
- `NAME.yaml` replaces the packaged file;
- `NAME.extend.yaml` extends it (the packaged file, or the replacement when there is one): lists are
  appended, mappings merged key by key (recursively, by the same rule), and any other value replaces the
  packaged one; `NAME.extend.tsv` appends its rows (with the same header line) to the table;
- a new file in a folder that is read whole (kb/people/) is added to it.
The caches of `load_data` and of every `data_cached` function are keyed by SOROT_DATA, so changing it (in
a test, or between runs in one process) takes effect on the next call.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import inspect
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, wraps
from pathlib import Path
from typing import Any, ParamSpec, Protocol, TypeVar, cast

import yaml
from pydantic import TypeAdapter, ValidationError

try:                                   # libyaml's parser is several times faster on the knowledge base
    from yaml import CSafeLoader as _Loader
except ImportError:                    # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader

DATA_ENV = "SOROT_DATA"
PACKAGE_DIR = Path(__file__).resolve().parent
EXTEND = ".extend"                     # NAME.extend.yaml extends NAME.yaml

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class DataError(ValueError):
    """A data file that is missing, unreadable or not of its schema; the message is one line."""


def read_yaml(text: str) -> Any:
    """yaml.safe_load, with the C parser when PyYAML has it."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader


class _UniqueKeyLoader(_Loader):
    """The data files' YAML reader: a key repeated in one mapping is an error, where YAML would silently
    keep the last one (a second `RUS:` line in places.yaml would drop the first)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                continue                     # unhashable: the base constructor reports it
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"repeated key {key!r}", key_node.start_mark)
            seen.add(key)
        return cast(dict[Any, Any], super().construct_mapping(node, deep))


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                                 lambda loader, node: loader.construct_mapping(node))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a large, lasting structure is built (the spaCy
    pipeline, the knowledge base, a parsed data file).

    Building one creates hundreds of thousands of objects that all live on; each time their number grows by a
    quarter, the collector walks every object of the process, and a process start paid about six such full
    collections (0.3-0.5 s CPU of the start-up's 3). Garbage made meanwhile is collected after, as usual.
    Also a decorator (`@collector_paused()`), for a function that builds one."""
    if not gc.isenabled():               # already paused by a caller: it re-enables
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class _CollectorThresholds:
    """The cyclic garbage collector's thresholds, set while any thread is inside a block and set back when the
    last one leaves (threads of one process may process parts at once: each saving and restoring on its own
    could leave them set). `collector_thresholds(values)` is the block (sorot.runner.process_part)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.inside = 0
        self.saved = gc.get_threshold()

    @contextmanager
    def __call__(self, thresholds: tuple[int, int, int]) -> Iterator[None]:
        with self.lock:
            if not self.inside:
                self.saved = gc.get_threshold()
                gc.set_threshold(*thresholds)
            self.inside += 1
        try:
            yield
        finally:
            with self.lock:
                self.inside -= 1
                if not self.inside:
                    gc.set_threshold(*self.saved)


collector_thresholds = _CollectorThresholds()


def override_dir() -> Path | None:
    """The directory SOROT_DATA points at, or None."""
    value = os.environ.get(DATA_ENV)
    return Path(value) if value else None


def use_data_dir(directory: Path) -> int:
    """Point SOROT_DATA at `directory` for this process and the workers it starts (`sorot run --data`),
    and check every data file with it, so that a broken override fails the run at once rather than every
    document. Returns the number of data files checked; raises DataError (one line)."""
    if not directory.is_dir():
        raise DataError(f"data directory {directory}: not a directory")
    os.environ[DATA_ENV] = str(directory.resolve())
    from sorot.data.schemas import check_all_data  # the schemas import this module

    return check_all_data()


def data_version() -> str:
    """What the data depends on besides the package: the override directory (part of every cache key)."""
    return os.environ.get(DATA_ENV, "")


def _extension_name(name: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}{EXTEND}{dot}{suffix}"


def data_sources(name: str) -> tuple[Path, ...]:
    """The files `name` is read from, in order: the base (replacement or packaged) and its extension."""
    override = override_dir()
    replacement = override / name if override else None
    base = replacement if replacement is not None and replacement.is_file() else PACKAGE_DIR / name
    extension = override / _extension_name(name) if override else None
    sources = [base] if base.is_file() else []
    if extension is not None and extension.is_file():
        sources.append(extension)
    return tuple(sources)


def data_names(folder: str, suffix: str = ".yaml") -> tuple[str, ...]:
    """Names of the data files directly in `folder` (packaged, and added by the override), sorted by file
    name; an extension file stands for the file it extends."""
    names: set[str] = set()
    for root in (PACKAGE_DIR, override_dir()):
        directory = root / folder if root else None
        if directory is None or not directory.is_dir():
            continue
        for path in directory.glob(f"*{suffix}"):
            file_name = path.name.replace(f"{EXTEND}{suffix}", suffix)
            names.add(f"{folder}/{file_name}")
    return tuple(sorted(names))


# What each data file held when this process last read it (a digest of its bytes), by path: an object kept
# on disk (sorot.data.disk_cache) is stored only when what its build read is what its key says. Bounded: the
# oldest entries go first (a test suite reads thousands of temporary files).
_READ_DIGESTS: dict[Path, str] = {}
READ_DIGESTS_KEPT = 4096


def file_digest(content: bytes) -> str:
    """The digest of a data file's bytes (sorot.data.disk_cache keys are made of them)."""
    return hashlib.blake2b(content, digest_size=16).hexdigest()


def hash_tree(digest: Any, root: Path, pattern: str = "*") -> None:
    """Feed `digest` (a hashlib object) every regular file under `root` matching `pattern`: relative name
    and content, in name order; Python's caches left out. A missing folder is fed as such."""
    if not root.is_dir():
        digest.update(f"\0missing {root}\0".encode())
        return
    for path in sorted(root.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())


def read_digest(path: Path) -> str | None:
    """The digest of `path`'s bytes when this process last read it as a data file; None if it has not."""
    return _READ_DIGESTS.get(path)


def _read_text(path: Path) -> str:
    """A data file's text (UTF-8, line ends made '\\n' as read_text does), its digest recorded."""
    content = path.read_bytes()
    _READ_DIGESTS.pop(path, None)
    _READ_DIGESTS[path] = file_digest(content)
    if len(_READ_DIGESTS) > READ_DIGESTS_KEPT:
        del _READ_DIGESTS[next(iter(_READ_DIGESTS))]
    return content.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _parse(path: Path, name: str) -> Any:
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"data file {name}: cannot read {path}: {error}") from None
    if path.suffix == ".tsv":
        return _parse_table(text, name, path)
    try:
        content = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" line {where.line + 1}" if where is not None else ""
        problem = getattr(error, "problem", None) or type(error).__name__
        raise DataError(f"data file {name}: {path}{line}: not valid YAML: {problem}") from None
    return {} if content is None else content     # an empty file (or only comments) is an empty mapping


def _parse_table(text: str, name: str, path: Path) -> list[dict[str, str]]:
    """A tab-separated table: '#' lines are comments, the first other line is the header."""
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    for number, row in enumerate(rows, start=1):
        if None in row or None in row.values():
            raise DataError(f"data file {name}: {path}: row {number}: not as many cells as the header has")
    return rows


def merge(base: Any, extension: Any) -> Any:
    """The extension rule: lists appended, mappings merged key by key, any other value replaced."""
    if isinstance(base, dict) and isinstance(extension, dict):
        merged = dict(base)
        for key, value in extension.items():
            merged[key] = merge(merged[key], value) if key in merged else value
        return merged
    if isinstance(base, list) and isinstance(extension, list):
        return base + extension
    return extension


def read_data(name: str) -> Any:
    """The raw content of data file `name`, with the override's replacement and extension applied."""
    sources = data_sources(name)
    if not sources:
        raise DataError(f"data file {name}: no such file in the package"
                        + (f" nor in {override_dir()}" if override_dir() else ""))
    if sources[0].name.endswith(_extension_name(name).rpartition("/")[2]):
        raise DataError(f"data file {name}: {sources[0]} extends a file that does not exist")
    content = _parse(sources[0], name)
    for extension in sources[1:]:
        more = _parse(extension, name)
        if content is not None and more is not None and type(content) is not type(more):
            raise DataError(f"data file {name}: {extension}: extends a {type(content).__name__} "
                            f"with a {type(more).__name__}")
        content = merge(content, more)
    return content


@cache
def _adapter(schema: Any) -> TypeAdapter[Any]:
    return TypeAdapter(schema)


def _describe(error: ValidationError) -> str:
    """The first error of a validation as 'key.path: problem', and how many more there are."""
    errors = error.errors(include_url=False)
    first = errors[0]
    path = ".".join(str(part) for part in first["loc"]) or "(top level)"
    problem = {"extra_forbidden": "unknown key", "missing": "missing key"}.get(first["type"], first["msg"])
    if first["type"] not in ("extra_forbidden", "missing"):
        problem = f"{problem} (got {first['input']!r:.60})"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{path}: {problem}{more}"


@cache
@collector_paused()
def _load(name: str, schema: Any, version: str) -> Any:
    content = read_data(name)
    try:
        return _adapter(schema).validate_python(content)
    except ValidationError as error:
        sources = data_sources(name)
        where = name if sources[-1].is_relative_to(PACKAGE_DIR) else f"{name} (from {', '.join(map(str, sources))})"
        raise DataError(f"data file {where}: {_describe(error)}") from None


def load_data(name: str, schema: type[T]) -> T:
    """Data file `name` (relative to the data folder, e.g. "events/lexicon.yaml") as a `schema` object.

    Cached per process and per SOROT_DATA; raises DataError (one line: file and key path) when the file is
    missing, unreadable, or does not match the schema."""
    return cast(T, _load(name, cast(Any, schema), data_version()))   # types are hashable: cache keys


def load_file(path: Path, schema: type[T]) -> T:
    """A data file outside the data folder (a test fixture, a file named by SOROT_KB_PEOPLE) as a `schema`
    object: the same checks and messages as load_data, no overrides and no cache."""
    if not path.is_file():
        raise DataError(f"data file {path}: no such file")
    try:
        return cast(T, _adapter(cast(Any, schema)).validate_python(_parse(path, str(path))))
    except ValidationError as error:
        raise DataError(f"data file {path}: {_describe(error)}") from None


# The hot path of DataCached reads SOROT_DATA through os.environ's own mapping of encoded names, which
# os.environ[...] = and monkeypatch.setenv keep up to date: 40 ns rather than the 0.5 us of os.environ.get,
# on functions the stages call thousands of times per article.
_ENVIRON: Any = getattr(os.environ, "_data", None)
_ENV_KEY: Any = getattr(os.environ, "encodekey", str)(DATA_ENV)


def _current_override() -> object:
    """SOROT_DATA as os.environ holds it (encoded), for cache keys only."""
    if _ENVIRON is not None:
        return _ENVIRON.get(_ENV_KEY)
    return os.environ.get(DATA_ENV)       # pragma: no cover - an os.environ without its mapping


class DataCached(Protocol[P, R_co]):
    """A function whose result is built from data files: cached per argument and per SOROT_DATA."""

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R_co: ...

    def cache_clear(self) -> None: ...


def data_cached(function: Callable[P, R]) -> DataCached[P, R]:
    """Decorator: like functools.cache, with SOROT_DATA in the key (so a test can switch the data).

    A function without parameters (most loaders) gets a wrapper without argument handling: the stages
    call some of them thousands of times per article."""
    parameters = list(inspect.signature(function).parameters.values())
    if len(parameters) == 1 and parameters[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
        return _one_argument_cache(cast(Callable[[Any], R], function))
    if parameters:
        @cache
        def by_version(version: object, *args: Any, **kwargs: Any) -> R:
            return function(*args, **kwargs)

        @wraps(function)
        def with_arguments(*args: Any, **kwargs: Any) -> R:
            return by_version(_current_override(), *args, **kwargs)

        with_arguments.cache_clear = by_version.cache_clear  # type: ignore[attr-defined]
        return cast(DataCached[P, R], with_arguments)

    results: dict[object, R] = {}
    call = cast(Callable[[], R], function)

    @wraps(function)
    def without_arguments() -> R:
        version = _ENVIRON.get(_ENV_KEY) if _ENVIRON is not None else os.environ.get(DATA_ENV)
        try:
            return results[version]
        except KeyError:
            value = results[version] = call()
            return value

    without_arguments.cache_clear = results.clear  # type: ignore[attr-defined]
    return cast(DataCached[P, R], without_arguments)


def _one_argument_cache(function: Callable[[Any], R]) -> DataCached[P, R]:
    """data_cached for a function of one argument (`word_set("negators")`): a table per override."""
    results: dict[object, dict[Any, R]] = {}

    @wraps(function)
    def one_argument(argument: Any) -> R:
        version = _ENVIRON.get(_ENV_KEY) if _ENVIRON is not None else os.environ.get(DATA_ENV)
        try:
            return results[version][argument]
        except KeyError:
            value = results.setdefault(version, {})[argument] = function(argument)
            return value

    one_argument.cache_clear = results.clear  # type: ignore[attr-defined]
    return cast(DataCached[P, R], one_argument)
