"""Reading input files into RawDocs: text, HTML, JSON Lines, WARC, and their gzip forms.

`read_paths(paths)` walks files and folders (recursively, sorted) and yields one RawDoc per article, or a
Rejected record with a one-line reason for every input it cannot use. It never raises on bad input.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from sorot.ingest.readers import DEFAULT_LIMIT_BYTES, read_file, safe_name
from sorot.schema import RawDoc, Rejected

__all__ = ["DEFAULT_LIMIT_BYTES", "read_file", "read_paths", "safe_name", "walk_files"]


def _skipped(name: str) -> bool:
    """Hidden files, gold annotations and READMEs of the example corpus are not articles."""
    lowered = name.lower()
    return name.startswith(".") or lowered.endswith(".gold.json") or lowered.startswith("readme")


def walk_files(path: Path, seen: set[str] | None = None,
               _ancestors: frozenset[str] = frozenset()) -> Iterator[Path | Rejected]:
    """Files under `path` in sorted order, each real file once (`seen` holds resolved paths, so the same
    folder given twice, or by another path, is read once); unreadable folders and loops give Rejected."""
    seen = set() if seen is None else seen
    real = os.path.realpath(path)
    if not path.is_dir():
        if real not in seen:
            seen.add(real)
            yield path
        return
    if real in _ancestors:
        yield Rejected(safe_name(path.name), "unreadable: directory loop",
                       f"{safe_name(str(path))} leads back to {safe_name(real)}", safe_name(str(path)))
        return
    if real in seen:
        return
    seen.add(real)
    try:
        children = sorted(os.scandir(path), key=lambda entry: entry.name)
    except OSError as error:
        yield Rejected(safe_name(path.name), f"unreadable: {error.strerror or error}", safe_name(str(error)),
                       safe_name(real))
        return
    for child in children:
        if not _skipped(child.name):
            yield from walk_files(Path(child.path), seen, _ancestors | {real})


def read_paths(paths: Iterable[str | Path], limit_bytes: int = DEFAULT_LIMIT_BYTES) -> Iterator[RawDoc | Rejected]:
    """Every article found under `paths`, in a stable order, or a Rejected record for each bad input."""
    seen: set[str] = set()
    for path in paths:
        for item in walk_files(Path(path), seen):
            if isinstance(item, Rejected):
                yield item
            else:
                yield from read_file(item, limit_bytes)
