"""Reading input files into RawDocs: text, HTML, JSON Lines, WARC, and their gzip forms.

`read_paths(paths)` walks files and folders (recursively, sorted) and yields one RawDoc per article, or a
Rejected record with a one-line reason for every input it cannot use. It never raises on bad input.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from sorot.ingest.readers import DEFAULT_LIMIT_BYTES, read_file
from sorot.schema import RawDoc, Rejected

__all__ = ["DEFAULT_LIMIT_BYTES", "read_file", "read_paths", "walk_files"]


def _skipped(name: str) -> bool:
    """Hidden files, gold annotations and READMEs of the example corpus are not articles."""
    lowered = name.lower()
    return name.startswith(".") or lowered.endswith(".gold.json") or lowered.startswith("readme")


def walk_files(path: Path, seen: set[str] | None = None) -> Iterator[Path | Rejected]:
    """Files under `path` in sorted order; unreadable folders and directory loops give Rejected."""
    seen = set() if seen is None else seen
    if not path.is_dir():
        yield path
        return
    real = os.path.realpath(path)
    if real in seen:
        yield Rejected(path.name, "unreadable: directory loop", f"{path} leads back to {real}", str(path))
        return
    seen.add(real)
    try:
        children = sorted(os.scandir(path), key=lambda entry: entry.name)
    except OSError as error:
        yield Rejected(path.name, f"unreadable: {error.strerror or error}", str(error), str(path))
        return
    for child in children:
        if not _skipped(child.name):
            yield from walk_files(Path(child.path), seen)


def read_paths(paths: Iterable[str | Path], limit_bytes: int = DEFAULT_LIMIT_BYTES) -> Iterator[RawDoc | Rejected]:
    """Every article found under `paths`, in a stable order, or a Rejected record for each bad input."""
    seen: set[str] = set()
    for path in paths:
        for item in walk_files(Path(path), seen):
            if isinstance(item, Rejected):
                yield item
            else:
                yield from read_file(item, limit_bytes)
