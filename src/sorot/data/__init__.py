"""sorot's linguistic knowledge (YAML/TSV data files) and the one YAML reader every stage uses."""

from __future__ import annotations

from typing import Any

import yaml

try:                                   # libyaml's parser is several times faster on the knowledge base
    from yaml import CSafeLoader as _Loader
except ImportError:                    # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader


def read_yaml(text: str) -> Any:
    """yaml.safe_load, with the C parser when PyYAML has it."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
