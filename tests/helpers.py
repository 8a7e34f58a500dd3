"""Small helpers shared by tests that feed files to the runner or the CLI."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def write_pages(folder: Path, pages: Mapping[str, str]) -> Path:
    """Create `folder` holding one UTF-8 file per name in `pages`; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
