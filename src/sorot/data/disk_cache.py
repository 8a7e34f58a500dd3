"""Objects built from data files, kept on disk between processes and keyed on everything they are built from.

Only for what costs a large share of every process start and cannot be built faster: the knowledge base
(26,000 aliases indexed from 400 kB of YAML: 0.45 s CPU, against 0.05 s to read it back). The key is a hash
of the contents of the data files the object is built from, of every source file of the sorot package and of
the versions of Python and of the libraries it reads, so an edited data file, an override (SOROT_DATA), an
upgrade or a code change builds it anew; nothing is ever looked up by a name that could go stale.

The folder: SOROT_CACHE_DIR, else $XDG_CACHE_HOME/sorot, else ~/.cache/sorot; SOROT_CACHE_DIR=off turns the
cache off. A file is written to a temporary name and renamed into place, so processes that build at the same
time each write a whole file and a reader never sees half of one; a file that cannot be read (damaged, from
another version, of classes it may not hold) is built again and replaced. The newest few files of a kind are
kept. Only the classes the caller names (and plain containers) are read back: a file in the folder cannot make
the loader run anything else.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from sorot.data import collector_paused, file_digest, hash_tree

__all__ = ["CACHE_ENV", "cache_dir", "code_fingerprint", "content_key", "digest_on_disk", "load_or_build"]

CACHE_ENV = "SOROT_CACHE_DIR"
KEEP_PER_KIND = 4                      # files of one kind kept (checkouts or versions used side by side)
STALE_TEMPORARY_S = 3600               # a temporary file this old was left by a process that died writing
PACKAGE_ROOT = Path(__file__).resolve().parents[1]
# containers a pickled object graph is made of, besides the caller's own classes
_PLAIN = frozenset({("builtins", "list"), ("builtins", "dict"), ("builtins", "set"), ("builtins", "frozenset"),
                    ("builtins", "tuple"), ("collections", "defaultdict"), ("datetime", "date")})

T = TypeVar("T")
log = logging.getLogger(__name__)


def cache_dir() -> Path | None:
    """The cache folder, or None when SOROT_CACHE_DIR=off."""
    value = os.environ.get(CACHE_ENV, "")
    if value == "off":
        return None
    if value:
        return Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sorot"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of every Python source file of the sorot package and of the Python version (the code that
    built a cached object; read once per process, 5 ms)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(sys.version.encode())
    hash_tree(digest, PACKAGE_ROOT, "*.py")
    return digest.hexdigest()


def digest_on_disk(path: Path) -> str:
    """The digest of the file's bytes now (sorot.data.file_digest)."""
    try:
        return file_digest(path.read_bytes())
    except OSError:                        # the build reports it; the key only needs to differ
        return f"unreadable {path}"


def content_key(sources: Iterable[tuple[str, Path]], *extra: str,
                digest: Callable[[Path], str | None] = digest_on_disk) -> str | None:
    """The cache key of an object built from `sources` (what each file is to the build, and its path) by this
    code, with `extra` strings (library versions): a hash of all their contents, each given by `digest`
    (the file now, by default; sorot.data.read_digest: as this process read it). None when a digest is."""
    key = hashlib.blake2b(digest_size=20)
    key.update(code_fingerprint().encode())
    for part in extra:
        key.update(part.encode() + b"\0")
    for role, path in sources:
        file = digest(path)
        if file is None:
            return None
        key.update(f"{role}\0{file}\0".encode())
    return key.hexdigest()


class _Unpickler(pickle.Unpickler):
    """Reads back only the classes it is given and plain containers."""

    def __init__(self, data: bytes, allowed: frozenset[tuple[str, str]]) -> None:
        super().__init__(io.BytesIO(data))
        self.allowed = allowed | _PLAIN

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self.allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not a class this cache holds")
        return super().find_class(module, name)


def load_or_build(kind: str, key: str | None, build: Callable[[], T], expected: type,
                  classes: Iterable[type] = (), built_as_keyed: Callable[[], bool] = lambda: True) -> T:
    """The object of `kind` for `key` from the cache folder, else `build()`, stored for the next process when
    `built_as_keyed()` says the build read what the key was made of (a process that read a data file before
    it was edited builds from what it read: that object must not go under the new content's key).

    `expected` is the type of the object; `classes` every other class of its graph (besides containers)."""
    folder = cache_dir()
    if folder is None or key is None:
        return build()
    path = folder / f"{kind}-{key}.pickle"
    allowed = frozenset((cls.__module__, cls.__qualname__) for cls in (expected, *classes))
    cached = _read(path, allowed, expected)
    if cached is not None:
        return cached
    value = build()
    if built_as_keyed():
        _write(path, value)
        _prune(folder, kind)
    else:
        log.info("%s built from files changed since this process read them: not cached", kind)
    return value


def _read(path: Path, allowed: frozenset[tuple[str, str]], expected: type) -> Any:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        with collector_paused():       # tens of thousands of lasting objects, as when they were built
            value = _Unpickler(data, allowed).load()
    except Exception as error:  # noqa: BLE001 - any damaged or foreign file is built again
        log.info("cache file %s not used (%s: %s); building anew", path, type(error).__name__, error)
        return None
    if not isinstance(value, expected):
        log.info("cache file %s holds a %s, not a %s; building anew", path, type(value).__name__, expected.__name__)
        return None
    return value


def _write(path: Path, value: object) -> None:
    """Write `value` to `path` whole or not at all (a temporary file renamed into place)."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
        temporary = None
    except (OSError, pickle.PicklingError) as error:   # a read-only home, a full disk: no cache, same result
        log.info("cache file %s not written: %s", path, error)
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _prune(folder: Path, kind: str) -> None:
    """Keep the newest KEEP_PER_KIND files of `kind`; remove temporary files left by a process that died."""
    try:
        files = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP_PER_KIND:]:
            old.unlink(missing_ok=True)
        for temporary in folder.glob(f".{kind}-*.tmp"):
            if time.time() - temporary.stat().st_mtime > STALE_TEMPORARY_S:
                temporary.unlink(missing_ok=True)
    except OSError:                          # another process removed it first
        pass
